import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { isLang, translate } from './index.ts';
import { ko } from './ko.ts';

describe('i18n catalogs', () => {
  it('has the same keys in Korean and English, none empty', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ko)) expect(text, key).not.toBe('');
  });

  it('translates the stage label in each language', () => {
    expect(translate('en', 'stage.label')).toBe('Cluster stage');
    expect(translate('ko', 'stage.label')).toBe('클러스터 무대');
  });

  it('accepts only ko and en as languages', () => {
    expect(isLang('ko')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('ja')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });
});
