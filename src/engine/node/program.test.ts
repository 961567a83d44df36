import { describe, expect, it } from 'vitest';
import { containerProgram, LOOP_LOG_ROUNDS, loopLines } from './program.ts';

describe('containerProgram: what a started container does', () => {
  it('servers run on; shell base images with nothing to do exit at once with 0', () => {
    for (const image of ['nginx', 'nginx:1.27', 'httpd:2.4', 'redis', 'myuser/web:v2']) {
      expect(containerProgram(image, undefined, undefined).runs).toBe('forever');
    }
    for (const image of ['busybox', 'busybox:1.37', 'alpine:3.20', 'docker.io/library/ubuntu']) {
      expect(containerProgram(image, undefined, undefined)).toEqual({
        runs: 'exits',
        afterMs: 0,
        exitCode: 0,
        output: '',
      });
    }
    expect(containerProgram('hello-world', undefined, undefined)).toMatchObject({
      runs: 'exits',
      output: 'Hello from Docker!\n',
    });
  });

  it('reads sleep durations as sleep does', () => {
    const sleepFor = (arg: string) => {
      const p = containerProgram('busybox', undefined, ['sleep', arg]);
      return p.runs === 'exits' ? p.afterMs : p.runs;
    };
    expect([
      sleepFor('5'),
      sleepFor('1.5'),
      sleepFor('30s'),
      sleepFor('2m'),
      sleepFor('1h'),
    ]).toEqual([5000, 1500, 30_000, 120_000, 3_600_000]);
    expect(sleepFor('infinity')).toBe('forever');
    // Not a duration sleep understands: the simulation leaves it running rather than guess.
    expect(sleepFor('soon')).toBe('forever');
  });

  it('command replaces the entrypoint and args follow it; the image does not matter then', () => {
    expect(containerProgram('nginx', ['sleep'], ['3'])).toMatchObject({
      runs: 'exits',
      afterMs: 3000,
    });
    expect(containerProgram('busybox', ['/bin/sleep', '3'], undefined)).toMatchObject({
      afterMs: 3000,
    });
    expect(containerProgram('busybox', ['tail', '-f', '/dev/null'], undefined).runs).toBe(
      'forever',
    );
  });

  it('echo, date, true, false and exit codes', () => {
    expect(containerProgram('busybox', undefined, ['echo', 'hello', 'world'])).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 0,
      output: 'hello world\n',
    });
    expect(containerProgram('busybox', undefined, ['false'])).toMatchObject({ exitCode: 1 });
    expect(containerProgram('busybox', undefined, ['true'])).toMatchObject({ exitCode: 0 });
    expect(containerProgram('busybox', undefined, ['date'], '2026-01-06T00:00:04Z').output).toBe(
      'Tue Jan  6 00:00:04 UTC 2026\n',
    );
  });

  it('sh -c scripts of known steps: output, total sleep, first failing exit code', () => {
    expect(
      containerProgram(
        'busybox',
        ['sh', '-c', 'echo one; sleep 2 && echo "two three"; exit 3'],
        undefined,
      ),
    ).toEqual({ runs: 'exits', afterMs: 2000, exitCode: 3, output: 'one\ntwo three\n' });
    expect(containerProgram('busybox', ['sh', '-c', 'false; echo never'], undefined)).toMatchObject(
      {
        exitCode: 1,
        output: '',
      },
    );
    expect(
      containerProgram(
        'busybox',
        ['/bin/sh', '-c', 'while true; do date; sleep 5; done'],
        undefined,
      ).runs,
    ).toBe('forever');
    expect(containerProgram('busybox', ['sh', '-c', 'echo hi; sleep infinity'], undefined)).toEqual(
      {
        runs: 'forever',
        output: 'hi\n',
      },
    );
    // An unknown program keeps the container running.
    expect(containerProgram('busybox', ['sh', '-c', 'python3 app.py'], undefined).runs).toBe(
      'forever',
    );
  });

  it("the docs' init container loop: until nslookup NAME waits for the Service NAME", () => {
    const docs =
      'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done';
    expect(containerProgram('busybox:1.28', ['sh', '-c', docs], undefined)).toEqual({
      runs: 'until',
      service: 'myservice',
      pollMs: 2000,
      output: 'waiting for myservice\n',
    });
    // A namespace in the name is read; without a sleep the loop retries every second.
    expect(
      containerProgram('busybox', ['sh', '-c', 'until nslookup mydb.prod; do echo no; done'], []),
    ).toEqual({ runs: 'until', service: 'mydb', namespace: 'prod', pollMs: 1000, output: 'no\n' });
    // Other loops are still taken to run for good.
    expect(
      containerProgram('busybox', ['sh', '-c', 'until curl web; do sleep 1; done'], undefined).runs,
    ).toBe('forever');
  });
});

describe('an endless `while true` loop prints one round at a time', () => {
  const start = Date.parse('2026-01-06T00:00:10Z');
  const counter = containerProgram(
    'busybox',
    ['/bin/sh', '-c'],
    ['i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'],
  );

  it('the logging docs counter: a line a second, its counter and the date moving on', () => {
    expect(counter.runs).toBe('forever');
    if (counter.runs !== 'forever' || !counter.loop) throw new Error('no loop');
    expect(loopLines(counter.loop, start, start + 2_500)).toEqual([
      { at: start, text: '0: Tue Jan  6 00:00:10 UTC 2026\n' },
      { at: start + 1000, text: '1: Tue Jan  6 00:00:11 UTC 2026\n' },
      { at: start + 2000, text: '2: Tue Jan  6 00:00:12 UTC 2026\n' },
    ]);
    // A day later: the rounds are computed directly, only the last ones are kept.
    const day = loopLines(counter.loop, start, start + 86_400_000);
    expect(day).toHaveLength(LOOP_LOG_ROUNDS);
    expect(day.at(-1)).toEqual({
      at: start + 86_400_000,
      text: '86400: Wed Jan  7 00:00:10 UTC 2026\n',
    });
  });

  it('set-up output and sleeps come first; braces, counting down, `date` alone, newlines for ;', () => {
    const p = containerProgram(
      'busybox',
      [
        'sh',
        '-c',
        `echo start; sleep 2; n=10\nwhile :\ndo\n  echo "left \${n}"; n=$((n - 2)); date; sleep 5\ndone`,
      ],
      undefined,
    );
    if (p.runs !== 'forever' || !p.loop) throw new Error('no loop');
    expect(p.output).toBe('start\n');
    expect(loopLines(p.loop, start, start + 7_000).map((l) => [l.at - start, l.text])).toEqual([
      [2000, 'left 10\n'],
      [2000, 'Tue Jan  6 00:00:12 UTC 2026\n'],
      [7000, 'left 8\n'],
      [7000, 'Tue Jan  6 00:00:17 UTC 2026\n'],
    ]);
  });

  it('loops it cannot follow keep running without a loop: unknown variables, commands, no sleep', () => {
    for (const script of [
      'while true; do echo $HOSTNAME; sleep 5; done',
      'while true; do wget -q -O- http://web; sleep 1; done',
      'while true; do echo busy; done',
      'while true; do echo `hostname`; sleep 1; done',
    ]) {
      const p = containerProgram('busybox', ['sh', '-c', script], undefined);
      expect(p).toEqual({ runs: 'forever', output: '' });
    }
  });
});
