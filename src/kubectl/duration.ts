/**
 * Durations as kubectl prints them: apimachinery's `duration.HumanDuration`, used by every
 * AGE / LAST SEEN column, RESTARTS "(x ago)" and describe's Age.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's integer division truncates toward zero. */
function div(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** `duration.HumanDuration` for a duration in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = div(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = div(ms, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = div(ms, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${div(hours, 24)}d` : `${div(hours, 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${div(hours, 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = div(hours, 24) % 365;
    const y = div(div(hours, 24), 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${div(div(hours, 24), 365)}y`;
}

/** Parses an RFC 3339 timestamp; undefined when absent or malformed (Go's zero time). */
export function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `translateTimestampSince`: `<unknown>` for a zero timestamp, else HumanDuration(now - ts). */
export function translateTimestampSince(ts: unknown, nowMs: number): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs - t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Go's `time.RFC1123Z` in UTC (describe's timestamps): `Mon, 06 May 2024 10:00:00 +0000`. */
export function formatRFC1123Z(ts: unknown): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '<unknown>';
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 in UTC with second precision, as metav1.Time serialises. */
export function rfc3339(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Go's `time.Duration.String` for whole milliseconds: `2m0s`, `1h0m30s`, `1.5s`, `500ms`. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${goDurationString(-ms)}`;
  if (ms < SECOND) return `${ms}ms`;
  const h = div(ms, HOUR);
  const m = div(ms % HOUR, MINUTE);
  const s = (ms % MINUTE) / SECOND;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}
