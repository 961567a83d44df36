import { describe, expect, it } from 'vitest';
import { type FlagDef, FlagError, parseFlags, parseGoDuration, parseGoInt } from './flags.ts';

const DEFS: FlagDef[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'replicas', short: 'r', type: 'int32' },
  { name: 'image', type: 'stringSlice' },
  { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' },
  { name: 'timeout', type: 'duration' },
];

function err(args: string[]): string {
  try {
    parseFlags(args, DEFS);
  } catch (e) {
    if (e instanceof FlagError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('pflag-style parsing', () => {
  it('accepts --flag=value, --flag value, -n value, -nvalue, -n=value', () => {
    for (const args of [
      ['--namespace=blue'],
      ['--namespace', 'blue'],
      ['-n', 'blue'],
      ['-nblue'],
      ['-n=blue'],
    ]) {
      expect(parseFlags(args, DEFS).values.get('namespace')).toBe('blue');
    }
  });

  it('intersperses flags and positionals', () => {
    const p = parseFlags(['pods', '-n', 'blue', 'web', '-A', '--show-labels'], DEFS);
    expect(p.positional).toEqual(['pods', 'web']);
    expect(p.values.get('all-namespaces')).toBe(true);
    expect(p.values.get('show-labels')).toBe(true);
  });

  it('groups boolean shorthands and takes the rest as a value: -Ao yaml, -Aoyaml', () => {
    expect(parseFlags(['-Aoyaml'], DEFS).values.get('output')).toBe('yaml');
    const p = parseFlags(['-Ao', 'yaml'], DEFS);
    expect(p.values.get('all-namespaces')).toBe(true);
    expect(p.values.get('output')).toBe('yaml');
  });

  it('bare --dry-run takes its NoOptDefVal and does not swallow the next word', () => {
    const p = parseFlags(['--dry-run', 'client'], DEFS);
    expect(p.values.get('dry-run')).toBe('unchanged');
    expect(p.positional).toEqual(['client']);
  });

  it('stops at -- and collects slices', () => {
    const p = parseFlags(['--image=a,b', '--image', 'c', '--', '-n', 'x'], DEFS);
    expect(p.values.get('image')).toEqual(['a', 'b', 'c']);
    expect(p.positional).toEqual(['-n', 'x']);
  });

  it('parses int32 like strconv.ParseInt with base prefixes and ranges', () => {
    expect(parseFlags(['-r', '0x10'], DEFS).values.get('replicas')).toBe(16);
    expect(parseGoInt('010', 32)).toBe(8);
    expect(parseGoInt('99999999999', 32)).toEqual({
      err: 'strconv.ParseInt: parsing "99999999999": value out of range',
    });
  });

  it('parses durations like time.ParseDuration', () => {
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('5')).toEqual({ err: 'time: missing unit in duration "5"' });
  });

  it("reports pflag's errors verbatim", () => {
    expect(err(['--foo'])).toBe('unknown flag: --foo');
    expect(err(['-x'])).toBe("unknown shorthand flag: 'x' in -x");
    expect(err(['-n'])).toBe("flag needs an argument: 'n' in -n");
    expect(err(['--namespace'])).toBe('flag needs an argument: --namespace');
    expect(err(['--replicas=abc'])).toBe(
      'invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    );
    expect(err(['--all-namespaces=maybe'])).toBe(
      'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(err(['--timeout=soon'])).toBe(
      'invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"',
    );
  });

  it('recognises -h and --help', () => {
    expect(parseFlags(['-h'], DEFS).help).toBe(true);
    expect(parseFlags(['--help'], DEFS).help).toBe(true);
  });
});
