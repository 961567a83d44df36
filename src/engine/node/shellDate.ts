/**
 * `date` as GNU coreutils (the learner's machine, Debian images) and busybox print it, at a
 * virtual time in UTC (the simulation's clock; no TZ): `date`, `-u`/`--utc`, `+FORMAT` with the
 * strftime conversions and flags (`-` `_` `0` `^`), `-d`/`--date` with `@SECONDS`, `now` or an
 * ISO 8601 date, `-I[date|hours|minutes|seconds|ns]`, `-R` and `--rfc-3339=date|seconds|ns`.
 */

/** What `date` printed (and its complaint and exit code when it failed). */
export interface DateRun {
  output: string;
  error?: string;
  exitCode?: number;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Day of the year, 0-based. */
function yearDay(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000);
}

/** ISO 8601 week number and its year (weeks start on Monday; week 1 holds 4 January). */
function isoWeek(d: Date): { week: number; year: number } {
  const thursday = (t: Date) => {
    const x = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
    x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7) + 3);
    return x;
  };
  const t = thursday(d);
  const year = t.getUTCFullYear();
  const first = thursday(new Date(Date.UTC(year, 0, 4)));
  return { week: 1 + Math.round((t.getTime() - first.getTime()) / (7 * 86_400_000)), year };
}

/** One conversion's value and its default padding (width and character). */
function conversion(
  c: string,
  d: Date,
  ms: number,
): { text: string; width: number; pad: '0' | ' ' | '' } | undefined {
  const n = (v: number, width: number, pad: '0' | ' ' = '0') => ({ text: String(v), width, pad });
  const s = (text: string) => ({ text, width: 0, pad: '' as const });
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const p2 = (v: number) => String(v).padStart(2, '0');
  switch (c) {
    case 'a':
      return s((DAYS[d.getUTCDay()] ?? '').slice(0, 3));
    case 'A':
      return s(DAYS[d.getUTCDay()] ?? '');
    case 'b':
    case 'h':
      return s((MONTHS[d.getUTCMonth()] ?? '').slice(0, 3));
    case 'B':
      return s(MONTHS[d.getUTCMonth()] ?? '');
    case 'c':
      return s(format('%a %b %e %H:%M:%S %Y', d, ms));
    case 'C':
      return n(Math.floor(d.getUTCFullYear() / 100), 2);
    case 'd':
      return n(d.getUTCDate(), 2);
    case 'D':
    case 'x':
      return s(`${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`);
    case 'e':
      return n(d.getUTCDate(), 2, ' ');
    case 'F':
      return s(`${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`);
    case 'g':
      return n(isoWeek(d).year % 100, 2);
    case 'G':
      return n(isoWeek(d).year, 4);
    case 'H':
      return n(h, 2);
    case 'I':
      return n(h12, 2);
    case 'j':
      return n(yearDay(d) + 1, 3);
    case 'k':
      return n(h, 2, ' ');
    case 'l':
      return n(h12, 2, ' ');
    case 'm':
      return n(d.getUTCMonth() + 1, 2);
    case 'M':
      return n(d.getUTCMinutes(), 2);
    case 'n':
      return s('\n');
    case 'N':
      return s(String((((ms % 1000) + 1000) % 1000) * 1_000_000).padStart(9, '0'));
    case 'p':
      return s(h < 12 ? 'AM' : 'PM');
    case 'P':
      return s(h < 12 ? 'am' : 'pm');
    case 'r':
      return s(
        `${p2(h12)}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`,
      );
    case 'R':
      return s(`${p2(h)}:${p2(d.getUTCMinutes())}`);
    case 's':
      return s(String(Math.floor(ms / 1000)));
    case 'S':
      return n(d.getUTCSeconds(), 2);
    case 't':
      return s('\t');
    case 'T':
    case 'X':
      return s(`${p2(h)}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`);
    case 'u':
      return n(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), 1);
    case 'U':
      return n(Math.floor((yearDay(d) + 7 - d.getUTCDay()) / 7), 2);
    case 'V':
      return n(isoWeek(d).week, 2);
    case 'w':
      return n(d.getUTCDay(), 1);
    case 'W':
      return n(Math.floor((yearDay(d) + 7 - ((d.getUTCDay() + 6) % 7)) / 7), 2);
    case 'y':
      return n(d.getUTCFullYear() % 100, 2);
    case 'Y':
      return n(d.getUTCFullYear(), 1);
    case 'z':
      return s('+0000');
    case 'Z':
      return s('UTC');
    case '%':
      return s('%');
  }
  return undefined;
}

/** strftime over `d` (UTC): conversions with GNU's flags and widths; unknown ones as written. */
function format(fmt: string, d: Date, ms: number): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] as string;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const m = /^([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%+])/.exec(fmt.slice(i + 1));
    if (!m) {
      out += ch;
      continue;
    }
    const [whole, flags = '', widthText = '', colons = '', c = ''] = m;
    if (c === 'z' && colons !== '') {
      out += colons === ':' ? '+00:00' : colons === '::' ? '+00:00:00' : '+00';
      i += whole.length;
      continue;
    }
    const v = conversion(c, d, ms);
    if (!v) {
      out += `%${whole}`;
      i += whole.length;
      continue;
    }
    let text = v.text;
    if (!flags.includes('-')) {
      // A number pads to its width with 0 (or a space for %e %k %l); `_` and `0` choose.
      const pad = flags.includes('_') ? ' ' : flags.includes('0') ? '0' : v.pad || ' ';
      const width = widthText !== '' ? Number(widthText) : v.width;
      const neg = text.startsWith('-') && pad === '0';
      const digits = neg ? text.slice(1) : text;
      text = (neg ? '-' : '') + digits.padStart(width - (neg ? 1 : 0), pad);
    }
    if (flags.includes('^')) text = text.toUpperCase();
    if (flags.includes('#')) text = /[a-z]/.test(text) ? text.toUpperCase() : text.toLowerCase();
    out += text;
    i += whole.length;
  }
  return out;
}

/** `-d STRING`: `@SECONDS`, `now`, or an ISO 8601 date/time (UTC unless it says otherwise). */
function parseDateString(text: string, nowMs: number): number | undefined {
  const t = text.trim();
  if (t === '' || t === 'now' || t === 'today') return nowMs;
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(t);
  if (at) return Math.floor(Number(at[1]) * 1000);
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/.exec(
      t,
    );
  if (!iso) return undefined;
  const [, y, mo, da, hh = '0', mi = '0', ss = '0', frac = '', zone = ''] = iso;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(hh), Number(mi), Number(ss));
  ms += Number(`0.${frac || '0'}`) * 1000;
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (z) ms -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(da) < 1 || Number(da) > 31) return undefined;
  return ms;
}

/**
 * `date ARGS` at `nowMs` (epoch milliseconds) as GNU coreutils (`gnu`) or busybox prints it;
 * undefined for an option this simulation does not know (`-s`, `-r FILE`, relative dates…).
 */
export function dateCommand(
  args: readonly string[],
  nowMs: number,
  flavor: 'gnu' | 'busybox',
): DateRun | undefined {
  let at = nowMs;
  let fmt: string | undefined;
  const fail = (error: string): DateRun => ({ output: '', error, exitCode: 1 });
  const help = flavor === 'gnu' ? "Try 'date --help' for more information.\n" : '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('+')) {
      if (fmt !== undefined) {
        return flavor === 'gnu' ? fail(`date: extra operand '${a}'\n${help}`) : undefined;
      }
      fmt = a.slice(1);
      continue;
    }
    if (a === '-u' || a === '--utc' || a === '--universal') continue;
    if (
      a === '-d' ||
      a === '--date' ||
      a.startsWith('--date=') ||
      (a.startsWith('-d') && a.length > 2)
    ) {
      const value =
        a === '-d' || a === '--date'
          ? args[++i]
          : a.startsWith('--date=')
            ? a.slice(7)
            : a.slice(2);
      if (value === undefined) {
        return flavor === 'gnu'
          ? fail(`date: option requires an argument -- 'd'\n${help}`)
          : undefined;
      }
      const ms = parseDateString(value, nowMs);
      if (ms === undefined) {
        // GNU reads many more forms ("1 hour ago"…): only its refusal of garbage is certain.
        if (
          /\d/.test(value) ||
          /\b(ago|next|last|tomorrow|yesterday|hour|day|week|month|year|min|sec)/i.test(value)
        )
          return undefined;
        return fail(
          flavor === 'gnu' ? `date: invalid date '${value}'\n` : `date: invalid date '${value}'\n`,
        );
      }
      at = ms;
      continue;
    }
    const iso = /^(?:-I|--iso-8601)(?:=?(date|hours|minutes|seconds|ns))?$/.exec(a);
    if (iso) {
      const unit = iso[1] ?? 'date';
      fmt =
        unit === 'date'
          ? '%F'
          : unit === 'hours'
            ? '%FT%H%:z'
            : unit === 'minutes'
              ? '%FT%H:%M%:z'
              : unit === 'seconds'
                ? '%FT%T%:z'
                : '%FT%T,%N%:z';
      continue;
    }
    if (a === '-R' || a === '--rfc-email' || a === '--rfc-2822') {
      fmt = '%a, %d %b %Y %T %z';
      continue;
    }
    const rfc = /^--rfc-3339=(date|seconds|ns)$/.exec(a);
    if (rfc) {
      fmt = rfc[1] === 'date' ? '%F' : rfc[1] === 'seconds' ? '%F %T%:z' : '%F %T.%N%:z';
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (flavor === 'busybox') return undefined;
      if (a.startsWith('--')) {
        const known = ['--set', '--reference', '--file', '--debug', '--help', '--version'];
        if (known.some((k) => a.startsWith(k))) return undefined;
        return fail(`date: unrecognized option '${a}'\n${help}`);
      }
      if (/^-[sfr]/.test(a)) return undefined;
      return fail(`date: invalid option -- '${a[1]}'\n${help}`);
    }
    // An operand that is not +FORMAT would set the clock (MMDDhhmm…): not simulated.
    if (flavor === 'gnu' && !/^\d+$/.test(a)) return fail(`date: invalid date '${a}'\n`);
    return undefined;
  }
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return undefined;
  return { output: `${format(fmt ?? '%a %b %e %H:%M:%S %Z %Y', d, at)}\n` };
}
