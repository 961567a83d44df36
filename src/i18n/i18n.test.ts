import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { isLang, translate } from './index.ts';
import { ko } from './ko.ts';
import { labEn } from './lab.en.ts';

describe('i18n catalogs', () => {
  it('has the same keys in Korean and English, none empty', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ko)) expect(text, key).not.toBe('');
  });

  it('keeps the lab text out of the core catalog until the lab registers it', async () => {
    expect(Object.keys(en).some((k) => k.startsWith('lab.') || k.startsWith('labPanel.'))).toBe(
      false,
    );
    await import('./lab.ts');
    expect(translate('en', 'lab.notice.corrupt')).toBe(labEn['lab.notice.corrupt']);
    expect(translate('ko', 'labPanel.editor.title')).toBe('파일');
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
