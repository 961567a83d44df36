/**
 * `date` with GNU coreutils' options and strftime formats, at the virtual time, in the console
 * and in containers (`kubectl exec … -- date +%s`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { dateCommand } from './shellDate.ts';

/** Tue 6 Jan 2026 09:05:07.250 UTC. */
const AT = Date.UTC(2026, 0, 6, 9, 5, 7, 250);
const gnu = (...args: string[]) => dateCommand(args, AT, 'gnu');

describe('date', () => {
  it('prints strftime conversions with their padding and flags', () => {
    expect(gnu()?.output).toBe('Tue Jan  6 09:05:07 UTC 2026\n');
    expect(gnu('+%s')?.output).toBe('1767690307\n');
    expect(gnu('-u', '+%Y-%m-%dT%H:%M:%SZ')?.output).toBe('2026-01-06T09:05:07Z\n');
    expect(gnu('+%F %T %D %R %r %c')?.output).toBe(
      '2026-01-06 09:05:07 01/06/26 09:05 09:05:07 AM Tue Jan  6 09:05:07 2026\n',
    );
    expect(gnu('+%a %A %b %B %j %u %w %V %U %W %y %C %Z %z %:z %%')?.output).toBe(
      'Tue Tuesday Jan January 006 2 2 02 01 01 26 20 UTC +0000 +00:00 %\n',
    );
    expect(gnu('+%e|%-d|%_H|%k|%l|%-I|%^a|%N|%3N')?.output).toBe(
      ' 6|6| 9| 9| 9|9|TUE|250000000|250000000\n',
    );
  });

  it('reads -d @SECONDS and ISO dates, and prints -I, -R and --rfc-3339', () => {
    expect(gnu('-d', '@0')?.output).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect(gnu('--date=2024-02-29T12:00:00Z', '+%a %H')?.output).toBe('Thu 12\n');
    expect(gnu('-Iseconds')?.output).toBe('2026-01-06T09:05:07+00:00\n');
    expect(gnu('-I')?.output).toBe('2026-01-06\n');
    expect(gnu('-R')?.output).toBe('Tue, 06 Jan 2026 09:05:07 +0000\n');
    expect(gnu('--rfc-3339=seconds')?.output).toBe('2026-01-06 09:05:07+00:00\n');
  });

  it("answers bad options and dates with coreutils' texts", () => {
    expect(gnu('-x')).toEqual({
      output: '',
      error: "date: invalid option -- 'x'\nTry 'date --help' for more information.\n",
      exitCode: 1,
    });
    expect(gnu('--foo')?.error).toBe(
      "date: unrecognized option '--foo'\nTry 'date --help' for more information.\n",
    );
    expect(gnu('-d', 'garbage')?.error).toBe("date: invalid date 'garbage'\n");
    expect(gnu('+%s', '+%F')?.error).toBe(
      "date: extra operand '+%F'\nTry 'date --help' for more information.\n",
    );
    // Setting the clock, or relative dates: not simulated.
    expect(gnu('-s', '10:00')).toBeUndefined();
    expect(gnu('-d', '1 hour ago')).toBeUndefined();
  });

  it('runs in the console and in containers at the cluster clock', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl run bb --image=busybox -- sleep 3600');
    run('kubectl run web --image=nginx');
    const now = () => Math.floor(cluster.nowEpochMs() / 1000);
    // Each line runs at the moment it is typed (the cluster then settles).
    let t = now();
    expect(run('date +%s').out).toBe(`${t}\n`);
    t = now();
    expect(run('kubectl exec bb -- date +%s').out).toBe(`${t}\n`);
    expect(run('kubectl exec web -- date -u +%Y').out).toBe('2026\n');
    t = now();
    expect(run("kubectl exec bb -- sh -c 'echo at $(date +%s)'").out).toBe(`at ${t}\n`);
    expect(run('date -x')).toEqual({
      out: '',
      err: "date: invalid option -- 'x'\nTry 'date --help' for more information.\n",
      code: 1,
    });
  });
});
