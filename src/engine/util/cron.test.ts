/** robfig/cron's ParseStandard: the next times it gives and the errors it words. */
import { describe, expect, it } from 'vitest';
import { parseStandard } from './cron.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? 'none' : new Date(ms).toISOString());

function nexts(spec: string, from: string, n: number): string[] {
  const s = parseStandard(spec);
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) {
    const next = s.next(t);
    out.push(iso(next));
    if (next === undefined) break;
    t = next;
  }
  return out;
}

describe('cron schedules', () => {
  it('steps, lists, ranges and names', () => {
    expect(nexts('*/15 * * * *', '2026-01-06T00:00:00Z', 3)).toEqual([
      '2026-01-06T00:15:00.000Z',
      '2026-01-06T00:30:00.000Z',
      '2026-01-06T00:45:00.000Z',
    ]);
    expect(nexts('0 9-17/4 * * mon-fri', '2026-01-09T12:00:00Z', 3)).toEqual([
      '2026-01-09T13:00:00.000Z',
      '2026-01-09T17:00:00.000Z',
      '2026-01-12T09:00:00.000Z',
    ]);
    expect(nexts('30 2 1,15 * *', '2026-01-06T00:00:00Z', 2)).toEqual([
      '2026-01-15T02:30:00.000Z',
      '2026-02-01T02:30:00.000Z',
    ]);
    // The next minute strictly after the given time.
    expect(nexts('* * * * *', '2026-01-06T00:00:00Z', 1)).toEqual(['2026-01-06T00:01:00.000Z']);
    expect(nexts('* * * * *', '2026-01-06T00:00:30Z', 1)).toEqual(['2026-01-06T00:01:00.000Z']);
  });

  it('day of month OR day of week when both are restricted, AND when one is *', () => {
    // 2026-01-06 is a Tuesday: the 13th is the next Tuesday, but the 10th comes first.
    expect(nexts('0 0 10 * 2', '2026-01-06T00:00:00Z', 2)).toEqual([
      '2026-01-10T00:00:00.000Z',
      '2026-01-13T00:00:00.000Z',
    ]);
    expect(nexts('0 0 * * 2', '2026-01-06T00:00:00Z', 1)).toEqual(['2026-01-13T00:00:00.000Z']);
  });

  it('descriptors', () => {
    expect(nexts('@hourly', '2026-01-06T00:10:00Z', 1)).toEqual(['2026-01-06T01:00:00.000Z']);
    expect(nexts('@daily', '2026-01-06T00:10:00Z', 1)).toEqual(['2026-01-07T00:00:00.000Z']);
    expect(nexts('@every 90s', '2026-01-06T00:00:00Z', 1)).toEqual(['2026-01-06T00:01:30.000Z']);
  });

  it('refuses what robfig/cron refuses, with its words', () => {
    const err = (spec: string) => {
      try {
        parseStandard(spec);
        return 'ok';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(err('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(err('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(err('0 0 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(err('x * * * *')).toBe(
      'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(err('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(err('@fortnightly')).toBe('unrecognized descriptor: @fortnightly');
    expect(err('')).toBe('empty spec string');
    expect(err('*/0 * * * *')).toBe('step of range should be a positive number: */0');
  });
});
