import { en } from './en.ts';
import { ko } from './ko.ts';
import type { Lang, MessageKey } from './types.ts';

export type { CoreKey, Lang, MessageKey, Messages } from './types.ts';
export { LANGS } from './types.ts';

/**
 * The catalogs in use: the core text the first view needs, plus what lazily loaded code has
 * registered since (the lab's narration and panels), so the first view does not carry it.
 */
const catalogs: Record<Lang, Record<string, string>> = { en: { ...en }, ko: { ...ko } };

/**
 * Add a lazily loaded part of the catalogs (both languages, the same keys). Called at the top
 * of the modules that use those keys, so the text is there before anything can show it.
 */
export function registerMessages<K extends string>(
  enPart: Record<K, string>,
  koPart: Record<K, string>,
): void {
  Object.assign(catalogs.en, enPart);
  Object.assign(catalogs.ko, koPart);
}

/** Is `value` one of the supported languages? */
export function isLang(value: unknown): value is Lang {
  return value === 'ko' || value === 'en';
}

/**
 * Translate `key` into `lang`, replacing `{name}` placeholders with `params`.
 * Unknown placeholders are left as written so a missing parameter is visible, not silent;
 * a key whose part of the catalog has not been registered shows as the key itself.
 */
export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = catalogs[lang][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
