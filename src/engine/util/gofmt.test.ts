import { describe, expect, it } from 'vitest';
import { goSprint } from './gofmt.ts';

describe('goSprint (fmt.Sprint of decoded JSON)', () => {
  it('prints maps with sorted keys, slices with spaces, nested, strings bare', () => {
    expect(goSprint({ tier: 'front', app: 'web' })).toBe('map[app:web tier:front]');
    expect(goSprint(['a', 'b'])).toBe('[a b]');
    expect(goSprint([{ containerPort: 80, protocol: 'TCP' }])).toBe(
      '[map[containerPort:80 protocol:TCP]]',
    );
    expect(goSprint({})).toBe('map[]');
    expect(goSprint([])).toBe('[]');
    expect(goSprint({ a: null, b: true })).toBe('map[a:<nil> b:true]');
  });

  it('prints floats as %v does: shortest %g, exponent below 1e-4 and from 1e6', () => {
    expect(goSprint(0.5)).toBe('0.5');
    expect(goSprint(123456.5)).toBe('123456.5');
    expect(goSprint(1234567.5)).toBe('1.2345675e+06');
    expect(goSprint(0.00001)).toBe('1e-05');
    expect(goSprint(0.0001)).toBe('0.0001');
    expect(goSprint(42)).toBe('42');
  });
});
