import { en } from './en.ts';
import { ko } from './ko.ts';
import type { Lang, MessageKey, Messages } from './types.ts';

export type { Lang, MessageKey, Messages } from './types.ts';
export { LANGS } from './types.ts';

const catalogs: Record<Lang, Messages> = { en, ko };

/** Is `value` one of the supported languages? */
export function isLang(value: unknown): value is Lang {
  return value === 'ko' || value === 'en';
}

/**
 * Translate `key` into `lang`, replacing `{name}` placeholders with `params`.
 * Unknown placeholders are left as written so a missing parameter is visible, not silent.
 */
export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = catalogs[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
