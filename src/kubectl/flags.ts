/**
 * Flag parsing with the behaviour of spf13/pflag as cobra runs it for kubectl: interspersed
 * flags, `--flag=value`, `--flag value`, `-n blue`, `-nblue`, `-n=blue`, grouped boolean
 * shorthands, flags with an optional value (`--dry-run`), `--` ending flags, and pflag's exact
 * error texts.
 */

export type FlagType =
  | 'bool'
  | 'string'
  | 'int'
  | 'int32'
  | 'stringSlice'
  | 'stringArray'
  | 'duration';

export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  /** pflag's NoOptDefVal: the value used when the flag is given without one. */
  noOptDefVal?: string;
  /** pflag's MarkDeprecated message: setting the flag prints `Flag --x has been deprecated, <msg>`. */
  deprecated?: string;
}

export type FlagValue = boolean | string | number | string[];

export class FlagError extends Error {}

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  /** Names of flags the user set explicitly (`cmd.Flags().Changed`). */
  changed: Set<string>;
  positional: string[];
  help: boolean;
  /** How many positional args came before `--` (cobra's ArgsLenAtDash), -1 without `--`. */
  argsLenAtDash: number;
  /** Every flag set, in the order given, with its raw value (what pflag's ParseAll hands on). */
  sequence: { name: string; value: string }[];
  /** pflag's deprecation lines for deprecated flags that were set, to print on stderr. */
  deprecations: string[];
}

/** `"-r, --replicas"` or `"--replicas"`, as pflag names a flag in errors. */
function flagLabel(f: FlagDef): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Go's strconv.ParseInt(s, 0, bits): base prefixes, underscores only with a prefix. */
export function parseGoInt(s: string, bits: 32 | 64): number | { err: string } {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return { err: `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax` };
  const body = m[2] ?? '';
  if (body.includes('_') && (/^0[0-7_]*$/.test(body) ? false : !/^0[xXbBoO]/.test(body))) {
    return { err: `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax` };
  }
  const clean = body.replaceAll('_', '');
  let v: bigint;
  if (/^0[oO]/.test(clean)) v = BigInt(`0o${clean.slice(2)}`);
  else if (/^0[0-7]+$/.test(clean)) v = BigInt(`0o${clean.slice(1)}`);
  else v = BigInt(clean);
  if (m[1] === '-') v = -v;
  const max = bits === 32 ? 2n ** 31n - 1n : 2n ** 63n - 1n;
  if (v > max || v < -max - 1n) {
    return { err: `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range` };
  }
  return Number(v);
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Go's time.ParseDuration (`0`, `2h`, `1h30m`, `24h0m0s`, `1.5h`), in milliseconds, or its
 * error text: a number without a unit, a unit Go does not know, anything else invalid.
 */
export function parseGoDuration(s: string): number | { err: string } {
  const bad = { err: `time: invalid duration ${JSON.stringify(s)}` };
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return bad;
  let total = 0;
  while (rest !== '') {
    const m = /^(\d+\.?\d*|\.\d+)([^\d.]*)/.exec(rest);
    if (!m) return bad;
    const unit = m[2] as string;
    if (unit === '') return { err: `time: missing unit in duration ${JSON.stringify(s)}` };
    const scale = UNIT_MS[unit];
    if (scale === undefined)
      return { err: `time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(s)}` };
    total += Number(m[1]) * scale;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

function setValue(
  def: FlagDef,
  raw: string,
  values: Map<string, FlagValue>,
  changed: Set<string>,
): void {
  const invalid = (why: string): FlagError =>
    new FlagError(
      `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(flagLabel(def))} flag: ${why}`,
    );
  switch (def.type) {
    case 'bool': {
      const b = parseGoBool(raw);
      if (b === undefined)
        throw invalid(`strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
      values.set(def.name, b);
      break;
    }
    case 'int':
    case 'int32': {
      const n = parseGoInt(raw, def.type === 'int32' ? 32 : 64);
      if (typeof n !== 'number') throw invalid(n.err);
      values.set(def.name, n);
      break;
    }
    case 'duration': {
      const d = parseGoDuration(raw);
      if (typeof d !== 'number') throw invalid(d.err);
      values.set(def.name, d);
      break;
    }
    case 'stringSlice': {
      // pflag reads a slice value as CSV; the first Set replaces the default.
      const prev = changed.has(def.name) ? ((values.get(def.name) as string[]) ?? []) : [];
      values.set(def.name, [...prev, ...(raw === '' ? [] : raw.split(','))]);
      break;
    }
    case 'stringArray': {
      const prev = changed.has(def.name) ? ((values.get(def.name) as string[]) ?? []) : [];
      values.set(def.name, [...prev, raw]);
      break;
    }
    default:
      values.set(def.name, raw);
  }
  changed.add(def.name);
}

/** Parses `args` against `defs`; throws FlagError with pflag's message on bad input. */
export function parseFlags(args: string[], defs: FlagDef[]): ParsedFlags {
  const values = new Map<string, FlagValue>();
  const changed = new Set<string>();
  const sequence: { name: string; value: string }[] = [];
  const deprecations: string[] = [];
  const set = (def: FlagDef, raw: string): void => {
    setValue(def, raw, values, changed);
    sequence.push({ name: def.name, value: raw });
    if (def.deprecated !== undefined)
      deprecations.push(`Flag --${def.name} has been deprecated, ${def.deprecated}\n`);
  };
  const positional: string[] = [];
  let help = false;
  let argsLenAtDash = -1;
  // A command's own flag shadows a global one of the same name (`create rolebinding --user`),
  // as cobra's local flags do: the first definition wins.
  const byName = new Map([...defs].reverse().map((d) => [d.name, d]));
  // A shadowed global flag goes with its shorthand (config set-context's own --namespace has
  // none, so -n is unknown there).
  const byShort = new Map(
    [...defs]
      .reverse()
      .filter((d) => d.short && byName.get(d.name) === d)
      .map((d) => [d.short as string, d]),
  );
  for (let i = 0; i < args.length; i++) {
    const s = args[i] as string;
    if (s === '--') {
      argsLenAtDash = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (s.startsWith('--') && s.length > 2) {
      const body = s.slice(2);
      if (body.startsWith('-') || body.startsWith('='))
        throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const def = byName.get(name);
      if (!def) {
        if (name === 'help') {
          help = true;
          continue;
        }
        throw new FlagError(`unknown flag: --${name}`);
      }
      if (eq >= 0) set(def, body.slice(eq + 1));
      else if (def.type === 'bool') set(def, 'true');
      else if (def.noOptDefVal !== undefined) set(def, def.noOptDefVal);
      else if (i + 1 < args.length) set(def, args[++i] as string);
      else throw new FlagError(`flag needs an argument: ${s}`);
      continue;
    }
    if (s.startsWith('-') && s.length > 1) {
      const shorthands = s.slice(1);
      for (let j = 0; j < shorthands.length; j++) {
        const c = shorthands[j] as string;
        const def = byShort.get(c);
        if (!def) {
          if (c === 'h') {
            help = true;
            continue;
          }
          throw new FlagError(`unknown shorthand flag: '${c}' in ${s}`);
        }
        const rest = shorthands.slice(j + 1);
        if (rest.startsWith('=')) {
          set(def, rest.slice(1));
          break;
        }
        if (def.type === 'bool') {
          set(def, 'true');
          continue;
        }
        if (def.noOptDefVal !== undefined) {
          set(def, def.noOptDefVal);
          continue;
        }
        if (rest !== '') {
          set(def, rest);
          break;
        }
        if (i + 1 < args.length) {
          set(def, args[++i] as string);
          break;
        }
        throw new FlagError(`flag needs an argument: '${c}' in ${s}`);
      }
      continue;
    }
    positional.push(s);
  }
  return { values, changed, positional, help, argsLenAtDash, sequence, deprecations };
}

/** Whether a flag token consumes the next argument (cobra's `stripFlags`). */
export function takesValue(token: string, defs: FlagDef[]): boolean {
  if (token.includes('=')) return false;
  let def: FlagDef | undefined;
  if (token.startsWith('--')) def = defs.find((d) => d.name === token.slice(2));
  else if (token.startsWith('-') && token.length === 2)
    def = defs.find((d) => d.short === token[1]);
  return def !== undefined && def.type !== 'bool' && def.noOptDefVal === undefined;
}
