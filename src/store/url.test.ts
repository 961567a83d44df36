import { describe, expect, it } from 'vitest';
import { initialLang, readUrlState, writeUrlState } from './url.ts';

describe('URL state', () => {
  it('reads ?lang=ko and ignores unsupported languages', () => {
    expect(readUrlState('?lang=ko')).toEqual({ lang: 'ko' });
    expect(readUrlState('?lang=fr')).toEqual({});
    expect(readUrlState('?lang=%3Cscript%3E')).toEqual({});
  });

  it('writes lang while keeping the other parameters', () => {
    expect(writeUrlState('?step=3&scenario=container-flow', { lang: 'en' })).toBe(
      '?step=3&scenario=container-flow&lang=en',
    );
    expect(writeUrlState('?lang=ko', { lang: 'en' })).toBe('?lang=en');
  });

  it('prefers the URL, then the browser languages, then English', () => {
    expect(initialLang('?lang=en', ['ko-KR'])).toBe('en');
    expect(initialLang('', ['ko-KR', 'en-US'])).toBe('ko');
    expect(initialLang('', ['de-DE', 'en-GB', 'ko'])).toBe('en');
    expect(initialLang('', ['de-DE'])).toBe('en');
  });
});
