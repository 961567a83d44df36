import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDuration, formatMillis } from './goDuration.ts';

describe('Go time.Duration.String', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1_500, '1.5µs'],
    [797_000_000, '797ms'],
    [1_000_000, '1ms'],
    [1_256_000_000, '1.256s'],
    [3_512_000_000, '3.512s'],
    [24_713_000_000, '24.713s'],
    [60_000_000_000, '1m0s'],
    [62_500_000_000, '1m2.5s'],
    [3_600_000_000_000, '1h0m0s'],
    [3_723_004_000_000, '1h2m3.004s'],
    [-1_500_000_000, '-1.5s'],
  ])('%d ns → %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('truncates milliseconds like Truncate(time.Millisecond)', () => {
    expect(formatMillis(3512.9)).toBe('3.512s');
    expect(formatMillis(300_000)).toBe('5m0s');
  });

  it('never prints trailing zeros in the fraction and always ends in a unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 15 }), (ms) => {
        const s = formatMillis(ms);
        expect(s).toMatch(/^(\d+h)?(\d+m)?(\d+(\.\d*[1-9])?)(ms|s)$/);
      }),
    );
  });
});
