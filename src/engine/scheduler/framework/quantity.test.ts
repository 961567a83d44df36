import { describe, expect, it } from 'vitest';
import { parseQuantity, QUANTITY_FORMAT_ERROR, tryParseQuantity } from './quantity.ts';

describe('parseQuantity', () => {
  it.each([
    // [text, value (rounded up), milli (rounded up)]
    ['500m', 1, 500],
    ['100m', 1, 100],
    ['2', 2, 2000],
    ['0.5', 1, 500],
    ['1.5', 2, 1500],
    ['250m', 1, 250],
    ['1Ki', 1024, 1024_000],
    ['128Mi', 134217728, 134217728_000],
    ['1Gi', 1073741824, 1073741824_000],
    ['1.5Gi', 1610612736, 1610612736_000],
    ['128974848', 128974848, 128974848_000],
    ['129e6', 129000000, 129000000_000],
    ['1e3', 1000, 1000_000],
    ['1E3', 1000, 1000_000],
    ['123M', 123000000, 123000000_000],
    ['1k', 1000, 1000_000],
    ['1G', 1e9, 1e12],
    ['110', 110, 110_000],
    ['1u', 1, 1],
    ['1n', 1, 1],
    ['0', 0, 0],
    ['+3', 3, 3000],
    ['.5', 1, 500],
    ['0.1m', 1, 1],
    ['1e-3', 1, 1],
  ])('%s → value %d, milli %d', (text, value, milli) => {
    expect(parseQuantity(text)).toEqual({ value, milli });
  });

  it('rounds negative quantities up toward zero like Quantity.Value()', () => {
    expect(parseQuantity('-1.5')).toEqual({ value: -1, milli: -1500 });
  });

  it('accepts numbers, as a YAML parser gives for `cpu: 2` or `cpu: 0.25`', () => {
    expect(parseQuantity(2)).toEqual({ value: 2, milli: 2000 });
    expect(parseQuantity(0.25)).toEqual({ value: 1, milli: 250 });
  });

  it.each(['', 'abc', '1K', '1Kib', '1.2.3', '.', '1 Gi', 'Gi', '1e', '5mm', '1i'])(
    'rejects %j with the API server message',
    (text) => {
      expect(tryParseQuantity(text)).toBeUndefined();
      expect(() => parseQuantity(text)).toThrow(QUANTITY_FORMAT_ERROR);
    },
  );

  it('does not hang on huge exponents', () => {
    expect(parseQuantity('1e999999999').value).toBe(Number.POSITIVE_INFINITY);
    expect(parseQuantity('1e-999999999')).toEqual({ value: 1, milli: 1 });
  });
});
