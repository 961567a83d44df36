import { isLang, type Lang } from '../i18n/index.ts';

/** The parts of the page state that live in the URL (automation contract: `?lang=`). */
export interface UrlState {
  lang?: Lang;
}

/** Read URL state from a query string; unknown or malformed values are ignored. */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  return isLang(lang) ? { lang } : {};
}

/** Return `search` with the URL state written in, keeping every other parameter. */
export function writeUrlState(search: string, state: UrlState): string {
  const params = new URLSearchParams(search);
  if (state.lang) params.set('lang', state.lang);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The language to start in: `?lang=` wins, then the browser's preferred languages
 * (Korean if any of them is Korean before English), then English.
 */
export function initialLang(search: string, preferred: readonly string[]): Lang {
  const fromUrl = readUrlState(search).lang;
  if (fromUrl) return fromUrl;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ko') return 'ko';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
