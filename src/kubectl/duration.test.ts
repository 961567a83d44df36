import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, humanDuration, translateTimestampSince } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1500, '0s'],
    [-1 * s, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * s, '5s'],
    [60 * s, '60s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [121 * s, '2m1s'],
    [3 * m + 2 * s, '3m2s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [59 * m + 59 * s, '59m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + m, '3h1m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [23 * h + 59 * m, '23h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [2 * 365 * d, '2y'],
    [2 * 365 * d + d, '2y1d'],
    [8 * 365 * d + 100 * d, '8y'],
  ])('%d ms prints %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  it('prints <unknown> for a zero (missing) timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
    expect(translateTimestampSince('', 0)).toBe('<unknown>');
  });
  it('measures from an RFC 3339 timestamp', () => {
    const now = Date.parse('2026-01-15T10:01:01Z');
    expect(translateTimestampSince('2026-01-15T10:00:00Z', now)).toBe('61s');
    expect(translateTimestampSince('2026-01-11T07:00:00Z', now)).toBe('4d3h');
  });
});

describe('formatRFC1123Z', () => {
  it('formats like Go time.RFC1123Z in UTC', () => {
    expect(formatRFC1123Z('2024-05-06T07:08:09Z')).toBe('Mon, 06 May 2024 07:08:09 +0000');
  });
});
