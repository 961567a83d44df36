/**
 * CronJob `spec.timeZone`: the schedule names wall-clock times of the zone, through daylight-saving
 * changes as robfig/cron walks them, and the console view of a Seoul-time CronJob.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { parseStandard } from '../util/cron.ts';
import { offsetMinutes } from '../util/timeZones.ts';
import { inTimeZone } from './cronjobTimeZone.ts';

function firings(spec: string, zone: string, from: string, n: number): string[] {
  const s = inTimeZone(parseStandard(spec), zone);
  const out: string[] = [];
  let t = Date.parse(from);
  for (let i = 0; i < n; i++) {
    const next = s.next(t);
    if (next === undefined) break;
    out.push(new Date(next).toISOString().slice(0, 16));
    t = next;
  }
  return out;
}

describe('time zones', () => {
  it('knows the offsets of the zones learners use, daylight time included', () => {
    const at = (zone: string, iso: string) => offsetMinutes(zone, Date.parse(iso));
    expect(at('Asia/Seoul', '2026-07-01T00:00:00Z')).toBe(540);
    expect(at('Asia/Kolkata', '2026-07-01T00:00:00Z')).toBe(330);
    expect(at('America/New_York', '2026-01-15T00:00:00Z')).toBe(-300);
    expect(at('America/New_York', '2026-07-15T00:00:00Z')).toBe(-240);
    // 2026: daylight time from 8 March 07:00Z to 1 November 06:00Z.
    expect(at('America/New_York', '2026-03-08T06:59:00Z')).toBe(-300);
    expect(at('America/New_York', '2026-03-08T07:00:00Z')).toBe(-240);
    expect(at('America/New_York', '2026-11-01T05:59:00Z')).toBe(-240);
    expect(at('America/New_York', '2026-11-01T06:00:00Z')).toBe(-300);
    expect(at('Europe/London', '2026-03-29T00:59:00Z')).toBe(0);
    expect(at('Europe/London', '2026-03-29T01:00:00Z')).toBe(60);
    expect(at('Europe/Berlin', '2026-10-25T00:59:00Z')).toBe(120);
    expect(at('Europe/Berlin', '2026-10-25T01:00:00Z')).toBe(60);
    expect(at('Australia/Sydney', '2026-01-15T00:00:00Z')).toBe(660);
    expect(at('Australia/Sydney', '2026-07-15T00:00:00Z')).toBe(600);
  });

  it('fires at 09:02 Seoul time, 00:02 UTC', () => {
    expect(firings('2 9 * * *', 'Asia/Seoul', '2026-01-06T00:00:00Z', 2)).toEqual([
      '2026-01-06T00:02',
      '2026-01-07T00:02',
    ]);
  });

  it('skips a local time the spring change removes, and fires twice at one it repeats', () => {
    expect(firings('30 2 * * *', 'America/New_York', '2026-03-07T00:00:00Z', 2)).toEqual([
      '2026-03-07T07:30',
      '2026-03-09T06:30',
    ]);
    expect(firings('30 1 * * *', 'America/New_York', '2026-10-31T00:00:00Z', 4)).toEqual([
      '2026-10-31T05:30',
      '2026-11-01T05:30',
      '2026-11-01T06:30',
      '2026-11-02T06:30',
    ]);
    expect(firings('0 9 * * *', 'Europe/London', '2026-03-28T00:00:00Z', 2)).toEqual([
      '2026-03-28T09:00',
      '2026-03-29T08:00',
    ]);
  });
});

describe('a CronJob with spec.timeZone', () => {
  it('runs its schedule in Asia/Seoul (the cluster clock starts at 09:00 KST)', () => {
    const { run } = engineSession(1);
    run("kubectl create cronjob kst --image=busybox --schedule='2 9 * * *' -- echo hi");
    run(`kubectl patch cronjob kst -p '{"spec":{"timeZone":"Asia/Seoul"}}'`);
    run('sleep 3m');
    const jobs = run('kubectl get jobs -o name').out;
    expect(jobs).toBe('job.batch/kst-29460962\n');
    expect(run("kubectl get cronjob kst -o jsonpath='{.status.lastScheduleTime}'").out).toBe(
      '2026-01-06T00:02:00Z',
    );
    expect(run('kubectl get cronjob kst --no-headers').out).toMatch(
      /^kst +2 9 \* \* \* +Asia\/Seoul +False +0 +\d+m\d*s? +\d+m\d*s?\n$/,
    );
  });

  it('without a zone the same schedule waits for 09:02 UTC', () => {
    const { run } = engineSession(1);
    run("kubectl create cronjob utc --image=busybox --schedule='2 9 * * *' -- echo hi");
    run('sleep 3m');
    expect(run('kubectl get jobs').err).toBe('No resources found in default namespace.\n');
  });
});
