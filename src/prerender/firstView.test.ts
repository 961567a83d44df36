import { describe, expect, it } from 'vitest';
import { bootScript, isFirstView, opensOnFirstView, type StartView } from './firstView.ts';

const first: StartView = {
  lang: 'en',
  level: 'simple',
  cursor: 0,
  groupBy: 'node',
  labMode: 'guided',
  bench: false,
};

describe('opensOnFirstView (the boot script decides before the first paint)', () => {
  it('a plain visit with an English (or any non-Korean) browser starts on the pre-rendered step', () => {
    expect(opensOnFirstView('', ['en-US', 'en'])).toBe(true);
    expect(opensOnFirstView('', ['de-DE', 'fr'])).toBe(true);
    expect(opensOnFirstView('', [])).toBe(true);
    // The URL the page writes for its first step is a first view too.
    expect(opensOnFirstView('?lang=en&scenario=container-flow&step=1&level=simple', [])).toBe(true);
    expect(opensOnFirstView('?group=node', ['en'])).toBe(true);
  });

  it('a Korean browser, unless ?lang=en says otherwise, starts cold (the markup is English)', () => {
    expect(opensOnFirstView('', ['ko-KR', 'en-US'])).toBe(false);
    expect(opensOnFirstView('', ['de', 'ko'])).toBe(false);
    expect(opensOnFirstView('', ['en', 'ko'])).toBe(true);
    expect(opensOnFirstView('?lang=en', ['ko-KR'])).toBe(true);
    expect(opensOnFirstView('?lang=ko', ['en-US'])).toBe(false);
  });

  it('deep links, the detailed level, the namespace grouping, the lab and benchmarks start cold', () => {
    for (const search of [
      '?step=2',
      '?level=detailed',
      '?group=namespace',
      '?mode=lab',
      '?bench=regroup',
      '?scenario=other',
      '?utm_source=notes',
    ]) {
      expect(opensOnFirstView(search, ['en']), search).toBe(false);
    }
  });
});

describe('isFirstView (main.tsx checks its real start state before hydrating)', () => {
  it('is exactly the pre-rendered state', () => {
    expect(isFirstView(first)).toBe(true);
    expect(isFirstView({ ...first, lang: 'ko' })).toBe(false);
    expect(isFirstView({ ...first, level: 'detailed' })).toBe(false);
    expect(isFirstView({ ...first, cursor: 1 })).toBe(false);
    expect(isFirstView({ ...first, groupBy: 'namespace' })).toBe(false);
    expect(isFirstView({ ...first, labMode: 'lab' })).toBe(false);
    expect(isFirstView({ ...first, bench: true })).toBe(false);
  });
});

/** Run the boot script against a minimal stand-in for the browser; return `<html>`'s classes. */
function runBoot(search: string, languages: readonly string[]) {
  const classes = new Set<string>();
  const listeners: string[] = [];
  const document = {
    documentElement: { classList: { add: (c: string) => classes.add(c) } },
    readyState: 'loading',
    addEventListener: (type: string) => listeners.push(type),
    removeEventListener: () => undefined,
    getElementById: () => null,
    head: { append: () => undefined },
  };
  const run = new Function(
    'location',
    'navigator',
    'document',
    'PerformanceObserver',
    'setTimeout',
    bootScript(),
  );
  run({ search }, { languages }, document, undefined, () => 0);
  return { classes, listeners };
}

describe('the boot script', () => {
  it('marks a cold start on <html> and leaves a warm one alone', () => {
    expect(runBoot('', ['en-US']).classes.has('cold-start')).toBe(false);
    expect(runBoot('', ['ko-KR']).classes.has('cold-start')).toBe(true);
    expect(runBoot('?step=4', ['en-US']).classes.has('cold-start')).toBe(true);
  });

  it('holds early input only on a warm start, and always loads the app once parsed', () => {
    const warm = runBoot('', ['en-US']).listeners;
    expect(warm).toEqual(
      expect.arrayContaining([
        'keydown',
        'click',
        'input',
        'change',
        'kim:live',
        'DOMContentLoaded',
      ]),
    );
    const cold = runBoot('?lang=ko', ['en-US']).listeners;
    expect(cold).toEqual(['DOMContentLoaded']);
  });
});
