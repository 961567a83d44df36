import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compareQuantities } from './quantity.ts';

describe('canonicalQuantity (resource.Quantity CanonicalizeBytes)', () => {
  it('keeps the suffix family and uses the largest whole unit', () => {
    const cases: [string | number, string][] = [
      ['0.5', '500m'],
      ['1000m', '1'],
      ['1024Mi', '1Gi'],
      ['1.5Gi', '1536Mi'],
      ['0.5Gi', '512Mi'],
      ['512Ki', '512Ki'],
      ['0.5Ki', '512'],
      ['2G', '2G'],
      ['2000M', '2G'],
      ['128974848', '128974848'],
      ['129e6', '129e6'],
      ['1e3', '1e3'],
      ['100m', '100m'],
      ['1500m', '1500m'],
      ['0', '0'],
      ['0Mi', '0'],
      [2, '2'],
      [0.25, '250m'],
      ['-1', '-1'],
      ['0.1m', '100u'],
    ];
    for (const [input, want] of cases) expect(canonicalQuantity(input), String(input)).toBe(want);
    expect(canonicalQuantity('1Gb')).toBeUndefined();
  });

  it('compares exactly across suffixes', () => {
    expect(compareQuantities('1Gi', '512Mi')).toBe(1);
    expect(compareQuantities('1000m', '1')).toBe(0);
    expect(compareQuantities('1G', '1Gi')).toBe(-1);
  });
});
