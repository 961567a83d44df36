/**
 * A CronJob schedule evaluated in its `spec.timeZone`, as the cronjob-controller of Kubernetes
 * 1.32 does (`formatSchedule` prefixes `TZ=<zone> `, robfig/cron then walks the zone's wall
 * clock): the fields name local times; a local time skipped by a daylight-saving change never
 * fires, one repeated by it fires at each of its instants.
 */
import type { CronSchedule } from '../util/cron.ts';
import { offsetMinutes } from '../util/timeZones.ts';

/** The largest daylight shift any zone makes, to start the local search early enough. */
const MAX_SHIFT_MS = 2 * 3_600_000;

/** `schedule` (read in UTC) as a schedule of wall-clock times in `zone`. */
export function inTimeZone(schedule: CronSchedule, zone: string): CronSchedule {
  const toWall = (utc: number) => utc + offsetMinutes(zone, utc) * 60_000;
  /** The instants whose wall clock in `zone` reads `wall` (none, one, or two). */
  const instants = (wall: number): number[] => {
    const guess = wall - offsetMinutes(zone, wall) * 60_000;
    const out: number[] = [];
    for (const probe of [guess - MAX_SHIFT_MS, guess, guess + MAX_SHIFT_MS]) {
      const utc = wall - offsetMinutes(zone, probe) * 60_000;
      if (toWall(utc) === wall && !out.includes(utc)) out.push(utc);
    }
    return out;
  };
  return {
    next(after) {
      let wall = toWall(after) - MAX_SHIFT_MS;
      let best: number | undefined;
      for (let i = 0; i < 10_000; i++) {
        const n = schedule.next(wall);
        if (n === undefined) return best;
        for (const utc of instants(n)) {
          if (utc > after && (best === undefined || utc < best)) best = utc;
        }
        // A later wall time is a later instant once past the widest daylight overlap.
        if (best !== undefined && n > toWall(best) + MAX_SHIFT_MS) return best;
        wall = n;
      }
      return best;
    },
  };
}
