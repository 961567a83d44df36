/**
 * IANA time zones for CronJob `spec.timeZone`, as data: each zone's standard offset and its
 * current daylight-saving rule (the rules in force since 2007 in the US, 1996 in the EU, 2008 in
 * Australia and 2007 in New Zealand), enough for the simulator's clock (2026 onwards). A zone not
 * in the table but known to the platform (`Intl`, which also answers the API server's validation)
 * takes its offsets from there.
 */

/** When daylight time runs, in UTC ms of one year. */
type DstRule = (year: number) => { start: number; end: number };

interface Zone {
  /** Standard offset from UTC, in minutes. */
  std: number;
  dst?: DstRule;
}

/** The UTC ms of the `n`th (1-based; -1 = last) `weekday` (0 = Sunday) of `month` (1-12). */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return Date.UTC(year, month - 1, day);
  }
  const lastDate = new Date(Date.UTC(year, month, 0));
  const back = (lastDate.getUTCDay() - weekday + 7) % 7;
  return Date.UTC(year, month - 1, lastDate.getUTCDate() - back);
}

const HOUR = 3_600_000;

/** US: second Sunday of March 02:00 local standard time to first Sunday of November 02:00 daylight. */
function usRule(std: number): DstRule {
  return (y) => ({
    start: nthWeekday(y, 3, 0, 2) + 2 * HOUR - std * 60_000,
    end: nthWeekday(y, 11, 0, 1) + 2 * HOUR - (std + 60) * 60_000,
  });
}

/** EU: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC. */
const euRule: DstRule = (y) => ({
  start: nthWeekday(y, 3, 0, -1) + HOUR,
  end: nthWeekday(y, 10, 0, -1) + HOUR,
});

/**
 * Australia (NSW, Victoria, ACT, Tasmania): daylight time from the first Sunday of October 02:00
 * standard to the first Sunday of April 03:00 daylight — across the new year, so the rule gives
 * the daylight-free stretch and `offsetMinutes` inverts it.
 */
function southernRule(
  endMonth: number,
  endWeek: number,
  startMonth: number,
  startWeek: number,
  std: number,
): DstRule {
  return (y) => ({
    // Standard time runs from the April change to the spring change.
    start: nthWeekday(y, endMonth, 0, endWeek) + 3 * HOUR - (std + 60) * 60_000,
    end: nthWeekday(y, startMonth, 0, startWeek) + 2 * HOUR - std * 60_000,
  });
}

const SOUTHERN = new Set([
  'Australia/Sydney',
  'Australia/Melbourne',
  'Australia/Canberra',
  'Australia/Hobart',
  'Pacific/Auckland',
]);

const fixed = (hours: number): Zone => ({ std: Math.round(hours * 60) });
const us = (hours: number): Zone => ({ std: hours * 60, dst: usRule(hours * 60) });
const eu = (hours: number): Zone => ({ std: hours * 60, dst: euRule });

const ZONES: Record<string, Zone> = {
  UTC: fixed(0),
  'Etc/UTC': fixed(0),
  'Etc/GMT': fixed(0),
  GMT: fixed(0),
  'Asia/Seoul': fixed(9),
  'Asia/Tokyo': fixed(9),
  'Asia/Shanghai': fixed(8),
  'Asia/Hong_Kong': fixed(8),
  'Asia/Taipei': fixed(8),
  'Asia/Singapore': fixed(8),
  'Asia/Manila': fixed(8),
  'Asia/Bangkok': fixed(7),
  'Asia/Jakarta': fixed(7),
  'Asia/Ho_Chi_Minh': fixed(7),
  'Asia/Kolkata': fixed(5.5),
  'Asia/Calcutta': fixed(5.5),
  'Asia/Dubai': fixed(4),
  'Europe/Istanbul': fixed(3),
  'Europe/Moscow': fixed(3),
  'Africa/Nairobi': fixed(3),
  'Africa/Johannesburg': fixed(2),
  'Africa/Lagos': fixed(1),
  'Europe/London': eu(0),
  'Europe/Dublin': eu(0),
  'Europe/Lisbon': eu(0),
  'Europe/Berlin': eu(1),
  'Europe/Paris': eu(1),
  'Europe/Madrid': eu(1),
  'Europe/Rome': eu(1),
  'Europe/Amsterdam': eu(1),
  'Europe/Brussels': eu(1),
  'Europe/Vienna': eu(1),
  'Europe/Zurich': eu(1),
  'Europe/Stockholm': eu(1),
  'Europe/Oslo': eu(1),
  'Europe/Copenhagen': eu(1),
  'Europe/Prague': eu(1),
  'Europe/Warsaw': eu(1),
  'Europe/Athens': eu(2),
  'Europe/Helsinki': eu(2),
  'Europe/Kyiv': eu(2),
  'Europe/Kiev': eu(2),
  'America/New_York': us(-5),
  'America/Toronto': us(-5),
  'America/Detroit': us(-5),
  'America/Chicago': us(-6),
  'America/Denver': us(-7),
  'America/Phoenix': fixed(-7),
  'America/Los_Angeles': us(-8),
  'America/Vancouver': us(-8),
  'America/Anchorage': us(-9),
  'Pacific/Honolulu': fixed(-10),
  'America/Sao_Paulo': fixed(-3),
  'America/Mexico_City': fixed(-6),
  'Australia/Brisbane': fixed(10),
  'Australia/Perth': fixed(8),
  'Australia/Sydney': { std: 600, dst: southernRule(4, 1, 10, 1, 600) },
  'Australia/Melbourne': { std: 600, dst: southernRule(4, 1, 10, 1, 600) },
  'Australia/Canberra': { std: 600, dst: southernRule(4, 1, 10, 1, 600) },
  'Australia/Hobart': { std: 600, dst: southernRule(4, 1, 10, 1, 600) },
  // New Zealand: last Sunday of September 02:00 standard to first Sunday of April 03:00 daylight.
  'Pacific/Auckland': { std: 720, dst: southernRule(4, 1, 9, -1, 720) },
};

/** Whether the zone is in the table above. */
export function isTabledZone(zone: string): boolean {
  return Object.hasOwn(ZONES, zone);
}

const intlFormats = new Map<string, Intl.DateTimeFormat>();

/** The platform's offset of `zone` at `utcMs`, in minutes (for zones outside the table). */
function intlOffset(zone: string, utcMs: number): number {
  let f = intlFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    intlFormats.set(zone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The offset from UTC of `zone` at the instant `utcMs`, in minutes (0 for an unknown zone). */
export function offsetMinutes(zone: string, utcMs: number): number {
  const z = ZONES[zone];
  if (!z) {
    try {
      return intlOffset(zone, utcMs);
    } catch {
      return 0;
    }
  }
  if (!z.dst) return z.std;
  const year = new Date(utcMs + z.std * 60_000).getUTCFullYear();
  const { start, end } = z.dst(year);
  const inside = utcMs >= start && utcMs < end;
  // In the southern hemisphere the rule's window is standard time.
  if (SOUTHERN.has(zone)) return inside ? z.std : z.std + 60;
  return inside ? z.std + 60 : z.std;
}
