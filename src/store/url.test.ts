import { describe, expect, it } from 'vitest';
import { initialLang, readUrlState, writeUrlState } from './url.ts';

describe('URL state', () => {
  it('reads ?lang=ko and ignores unsupported languages', () => {
    expect(readUrlState('?lang=ko')).toEqual({ lang: 'ko' });
    expect(readUrlState('?lang=fr')).toEqual({});
    expect(readUrlState('?lang=%3Cscript%3E')).toEqual({});
  });

  it('reads a 1-based ?step= and a scenario id, ignoring malformed ones', () => {
    expect(readUrlState('?step=3&scenario=container-flow&lang=en')).toEqual({
      step: 3,
      scenario: 'container-flow',
      lang: 'en',
    });
    for (const bad of ['0', '-1', '2.5', 'abc', '', '1e3', '99999999']) {
      expect(readUrlState(`?step=${bad}`), bad).toEqual({});
    }
    expect(readUrlState('?scenario=%3Cscript%3E')).toEqual({});
    expect(readUrlState('?scenario=Container_Flow')).toEqual({});
  });

  it('writes the step, keeping lang and scenario in place', () => {
    expect(writeUrlState('?lang=ko&scenario=container-flow', { step: 4 })).toBe(
      '?lang=ko&scenario=container-flow&step=4',
    );
    expect(writeUrlState('?step=2&lang=ko', { step: 5, lang: 'en' })).toBe('?step=5&lang=en');
  });

  it('writes lang while keeping the other parameters', () => {
    expect(writeUrlState('?step=3&scenario=container-flow', { lang: 'en' })).toBe(
      '?step=3&scenario=container-flow&lang=en',
    );
    expect(writeUrlState('?lang=ko', { lang: 'en' })).toBe('?lang=en');
  });

  it('reads ?level=simple|detailed and ignores anything else', () => {
    expect(readUrlState('?level=detailed&step=7')).toEqual({ level: 'detailed', step: 7 });
    expect(readUrlState('?level=simple')).toEqual({ level: 'simple' });
    for (const bad of ['Detailed', 'full', '', 'simple ']) {
      expect(readUrlState(`?level=${encodeURIComponent(bad)}`), bad).toEqual({});
    }
  });

  it('writes the level beside the step, keeping the other parameters', () => {
    expect(
      writeUrlState('?lang=ko&scenario=container-flow&step=2&level=simple', {
        step: 9,
        level: 'detailed',
      }),
    ).toBe('?lang=ko&scenario=container-flow&step=9&level=detailed');
    // A deep link written out and read back is the same state.
    const state = { lang: 'en', scenario: 'container-flow', step: 4, level: 'simple' } as const;
    expect(readUrlState(writeUrlState('', state))).toEqual(state);
  });

  it('reads ?group=node|namespace and writes only the non-default grouping', () => {
    expect(readUrlState('?group=namespace')).toEqual({ group: 'namespace' });
    expect(readUrlState('?group=node')).toEqual({ group: 'node' });
    for (const bad of ['Namespace', 'nodes', '', 'pod']) {
      expect(readUrlState(`?group=${bad}`), bad).toEqual({});
    }
    expect(writeUrlState('?lang=en&step=6', { group: 'namespace' })).toBe(
      '?lang=en&step=6&group=namespace',
    );
    // Back to the default: the parameter goes, the others stay.
    expect(writeUrlState('?lang=en&group=namespace&step=6', { group: 'node' })).toBe(
      '?lang=en&step=6',
    );
  });

  it('prefers the URL, then the browser languages, then English', () => {
    expect(initialLang('?lang=en', ['ko-KR'])).toBe('en');
    expect(initialLang('', ['ko-KR', 'en-US'])).toBe('ko');
    expect(initialLang('', ['de-DE', 'en-GB', 'ko'])).toBe('en');
    expect(initialLang('', ['de-DE'])).toBe('en');
  });
});
