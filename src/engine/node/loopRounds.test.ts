import { describe, expect, it } from 'vitest';
import { SCRIPT_LOOP_ROUNDS, scriptLoopLines } from './loopRounds.ts';
import { containerProgram, type Surroundings } from './program.ts';

const START = '2026-01-06T00:00:00Z';
const start = Date.parse(START);

/** The endless loop of a `sh -c` script, as a container's program keeps it. */
function roundsOf(script: string, where: Surroundings = {}, image = 'busybox') {
  const p = containerProgram(image, ['sh', '-c', script], undefined, START, where);
  if (p.runs !== 'forever' || !p.rounds) throw new Error(`no rounds: ${JSON.stringify(p)}`);
  return { program: p, loop: p.rounds };
}

const text = (lines: readonly { text: string }[]) => lines.map((l) => l.text).join('');

describe('an endless loop run round by round when its log is read', () => {
  // A ConfigMap volume whose key changes from blue to green at the sync 60 s in.
  const blue = new Map([['/cfg/color', 'blue']]);
  const green = new Map([['/cfg/color', 'green']]);
  const where: Surroundings = {
    files: blue,
    dirs: ['/cfg'],
    filesAt: (at) => (at < start + 60_000 ? blue : green),
  };

  it('each round reads the file as it is at that round', () => {
    const { program, loop } = roundsOf(
      'echo start; while true; do echo "$(date) color $(cat /cfg/color)"; sleep 20; done',
      where,
    );
    expect(program.output).toBe('start\n');
    const lines = scriptLoopLines(loop, start, start + 100_000);
    expect(lines.map((l) => [l.at - start, l.text])).toEqual([
      [0, 'Tue Jan  6 00:00:00 UTC 2026 color blue\n'],
      [20_000, 'Tue Jan  6 00:00:20 UTC 2026 color blue\n'],
      [40_000, 'Tue Jan  6 00:00:40 UTC 2026 color blue\n'],
      [60_000, 'Tue Jan  6 00:01:00 UTC 2026 color green\n'],
      [80_000, 'Tue Jan  6 00:01:20 UTC 2026 color green\n'],
      [100_000, 'Tue Jan  6 00:01:40 UTC 2026 color green\n'],
    ]);
    // --tail and --since need only the last rounds, and give the same lines.
    expect(scriptLoopLines(loop, start, start + 100_000, { tail: 2 })).toEqual(lines.slice(-2));
    expect(scriptLoopLines(loop, start, start + 100_000, { tail: 0 })).toEqual([]);
    expect(
      scriptLoopLines(loop, start, start + 100_000, { since: start + 50_000 }).filter(
        (l) => l.at >= start + 50_000,
      ),
    ).toEqual(lines.slice(3));
  });

  it('a line is logged once its newline is written; all of it when the run has ended', () => {
    const { loop } = roundsOf(
      "while true; do if [ -e /cfg/color ]; then echo -en '\\n\\n'; cat /cfg/color; fi; sleep 5; done",
      where,
    );
    expect(text(scriptLoopLines(loop, start, start + 5_000))).toBe('\n\nblue\n\n');
    expect(text(scriptLoopLines(loop, start, start + 5_000, { ended: true }))).toBe(
      '\n\nblue\n\nblue',
    );
    // The line is timed when its newline came: the next round's.
    expect(scriptLoopLines(loop, start, start + 5_000).map((l) => l.at - start)).toEqual([
      0, 0, 5_000, 5_000,
    ]);
  });

  it('a counter stepped once a round keeps the rounds independent: a day on, the tail is right', () => {
    const { loop } = roundsOf(
      'i=0; while true; do i=$((i+1)); if [ $i -gt 2 ]; then echo "big $i"; else echo "small $i"; fi; sleep 1; done',
    );
    expect(loop.independent).toBe(true);
    expect(text(scriptLoopLines(loop, start, start + 3_500))).toBe(
      'small 1\nsmall 2\nbig 3\nbig 4\n',
    );
    expect(text(scriptLoopLines(loop, start, start + 86_400_000, { tail: 2 }))).toBe(
      'big 86400\nbig 86401\n',
    );
  });

  it('rounds that carry other state run in order from the first', () => {
    const { loop } = roundsOf(
      'last=none; while true; do c=$(cat /cfg/color); if [ "$c" != "$last" ]; then echo "$(date) changed to $c"; last=$c; fi; sleep 10; done',
      where,
    );
    expect(loop.independent).toBe(false);
    expect(text(scriptLoopLines(loop, start, start + 120_000))).toBe(
      'Tue Jan  6 00:00:00 UTC 2026 changed to blue\nTue Jan  6 00:01:00 UTC 2026 changed to green\n',
    );
  });

  it('the environment is the kubelet’s: $HOSTNAME, `hostname`', () => {
    const vars = new Map([['HOSTNAME', 'pod-a']]);
    const { loop } = roundsOf('while true; do echo "$HOSTNAME `hostname`"; sleep 30; done', {
      vars,
    });
    expect(text(scriptLoopLines(loop, start, start + 30_000))).toBe('pod-a pod-a\npod-a pod-a\n');
  });

  it('a long run keeps the last SCRIPT_LOOP_ROUNDS rounds', () => {
    const { loop } = roundsOf('while true; do echo "$(cat /cfg/color)"; sleep 1; done', where);
    const day = scriptLoopLines(loop, start, start + 86_400_000);
    expect(day).toHaveLength(SCRIPT_LOOP_ROUNDS);
    expect(day.at(-1)).toEqual({ at: start + 86_400_000, text: 'green\n' });
  });

  it('until loops, and while loops whose test fails at last, end where they end', () => {
    const p = containerProgram(
      'busybox',
      ['sh', '-c', 'n=0; until [ $n -ge 3 ]; do echo "n=$n"; n=$((n+1)); sleep 2; done; echo done'],
      undefined,
      START,
    );
    expect(p).toMatchObject({ runs: 'exits', afterMs: 6_000, exitCode: 0 });
    expect(p.output).toBe('n=0\nn=1\nn=2\ndone\n');
  });
});
