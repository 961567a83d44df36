/**
 * Cron schedules as robfig/cron v3's `ParseStandard` reads them (what the CronJob validation and
 * the cronjob-controller use): five fields (minute, hour, day of month, month, day of week) with
 * `*`/`?`, lists, ranges, steps and names, or a descriptor (`@hourly`, `@daily`, `@every 90s`…),
 * optionally prefixed by `TZ=…`/`CRON_TZ=…`. Errors carry robfig's texts. Times are Unix
 * milliseconds, evaluated in UTC (the simulator has no time-zone database).
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const MINUTE: Bounds = { min: 0, max: 59 };
const HOUR: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: MONTHS };
const DOW: Bounds = { min: 0, max: 6, names: DAYS };

/** A parsed field: the allowed values, and whether it was `*` or `?` (robfig's starBit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

export interface CronSchedule {
  /** The first activation strictly after `afterMs` (Unix ms), or undefined within 5 years. */
  next(afterMs: number): number | undefined;
}

/** Go's `strconv.Atoi` on a cron number, with robfig's wrapping. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) {
    throw new Error(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    );
  }
  const n = Number.parseInt(expr, 10);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

function getRange(expr: string, r: Bounds, out: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', r.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1] ?? '');
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else throw new Error(`too many slashes: ${expr}`);
  if (start < r.min)
    throw new Error(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new Error(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) {
    throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  }
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) out.values.add(v);
  if (star) out.star = true;
}

function getField(expr: string, r: Bounds): Field {
  const f: Field = { values: new Set(), star: false };
  for (const part of expr.split(',')) getRange(part, r, f);
  return f;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Go's time.ParseDuration for `@every` (h, m, s, ms; no sign). */
function parseEvery(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let seen = false;
  let m: RegExpExecArray | null = re.exec(text);
  while (m) {
    seen = true;
    const unit = m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : m[2] === 's' ? 1000 : 1;
    total += Number(m[1]) * unit;
    if (re.lastIndex === text.length) break;
    m = re.exec(text);
  }
  if (!seen || re.lastIndex !== text.length) {
    throw new Error(`failed to parse duration @every ${text}: time: invalid duration "${text}"`);
  }
  return total;
}

/**
 * `cron.ParseStandard(spec)`. Throws an Error whose message is robfig's (`expected exactly 5
 * fields, found 1: [x]`, `end of range (60) above maximum (59): 60`, …).
 */
export function parseStandard(spec: string): CronSchedule {
  if (spec.length === 0) throw new Error('empty spec string');
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const i = rest.indexOf(' ');
    const zone = rest.slice(rest.indexOf('=') + 1, i === -1 ? undefined : i);
    if (zone !== 'UTC' && zone !== 'Etc/UTC' && !isKnownZone(zone)) {
      throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
    }
    rest = i === -1 ? '' : rest.slice(i + 1).trim();
  }
  if (rest.startsWith('@')) {
    if (rest.startsWith('@every ')) {
      const every = Math.max(1000, Math.round(parseEvery(rest.slice(7)) / 1000) * 1000);
      return { next: (after) => Math.floor(after / 1000) * 1000 + every };
    }
    const expanded = DESCRIPTORS[rest];
    if (!expanded) throw new Error(`unrecognized descriptor: ${rest}`);
    rest = expanded;
  }
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  }
  const [minute, hour, dom, month, dow] = [
    getField(fields[0]!, MINUTE),
    getField(fields[1]!, HOUR),
    getField(fields[2]!, DOM),
    getField(fields[3]!, MONTH),
    getField(fields[4]!, DOW),
  ];
  const dayMatches = (d: Date): boolean => {
    const domMatch = dom.values.has(d.getUTCDate());
    const dowMatch = dow.values.has(d.getUTCDay());
    return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  };
  return {
    next(after) {
      // The first whole minute after `after`, then day by day, hour by hour, minute by minute.
      let t = Math.floor(after / 60_000) * 60_000 + 60_000;
      const limit = after + 5 * 366 * 86_400_000;
      while (t <= limit) {
        const d = new Date(t);
        if (!month.values.has(d.getUTCMonth() + 1) || !dayMatches(d)) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
          continue;
        }
        if (!hour.values.has(d.getUTCHours())) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
          continue;
        }
        if (!minute.values.has(d.getUTCMinutes())) {
          t += 60_000;
          continue;
        }
        return t;
      }
      return undefined;
    },
  };
}

/** Whether the platform knows the IANA zone (time.LoadLocation's question). */
export function isKnownZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
