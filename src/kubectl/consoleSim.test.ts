/**
 * `sim` (the simulation's own command: stop-node, start-node, advance) is a command of the
 * console's shell through the host's `sim` hook: it runs in lists, loops, functions, `$(…)` and
 * redirections with the same output and exit codes as a whole `sim` line, and `type`/`which`
 * find it. A host without the hook says `bash: sim: command not found`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { hostForCluster } from './engineHost.ts';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

const stopped = (n: string) =>
  `node "${n}" stopped: its kubelet, kube-proxy and container runtime are down\n`;

describe('sim in the console shell', () => {
  it('stops each node of a for loop, as the same whole lines do', () => {
    const { run, cluster } = engineSession();
    expect(run('for n in node2 node3; do sim stop-node $n; done')).toEqual({
      out: stopped('node2') + stopped('node3'),
      err: '',
      code: 0,
    });
    expect(cluster.stoppedNodes()).toEqual(['node2', 'node3']);
    // The second stop fails as a whole line fails, and `$?` says so.
    expect(run('sim stop-node node2; echo "status $?"')).toEqual({
      out: 'status 1\n',
      err: 'sim stop-node: node "node2" is already stopped\n',
      code: 0,
    });
    expect(run('sim start-node node2 && sim start-node node3 && echo both')).toEqual({
      out: 'node "node2" started: its kubelet registers again\nnode "node3" started: its kubelet registers again\nboth\n',
      err: '',
      code: 0,
    });
    expect(cluster.stoppedNodes()).toEqual([]);
  });

  it('advances the clock after kubectl in a list; a failure stops &&', () => {
    const { run, cluster } = engineSession();
    const before = cluster.now();
    expect(run('kubectl get ns default -o name && sim advance 90s && echo done')).toEqual({
      out: 'namespace/default\ndone\n',
      err: '',
      code: 0,
    });
    // 90 s, then the settling the console does after each line (never backwards, never less).
    expect(cluster.now() - before).toBeGreaterThanOrEqual(90_000);
    expect(run('sim advance soon && echo never')).toEqual({
      out: '',
      err: "sim advance: invalid time interval 'soon'\n",
      code: 1,
    });
    expect(run('sim advance 25h || echo refused')).toEqual({
      out: 'refused\n',
      err: 'sim advance: at most 24h of virtual time at once\n',
      code: 0,
    });
  });

  it('writes into a redirection and a command substitution; type and which find it', () => {
    const { run } = engineSession();
    expect(run('sim stop-node node1 > stop.txt; cat stop.txt').out).toBe(stopped('node1'));
    expect(run('msg=$(sim start-node node1); echo "[$msg]"').out).toBe(
      '[node "node1" started: its kubelet registers again]\n',
    );
    expect(run('sim 2>&1 | head -c 20').out).toBe('sim: unknown action ');
    expect(run('type sim').out).toBe('sim is /usr/local/bin/sim\n');
    expect(run('which sim').out).toBe('/usr/local/bin/sim\n');
  });

  it('is a function body command too', () => {
    const { run, cluster } = engineSession();
    run('down() { sim stop-node "$1"; }');
    expect(run('down node3').out).toBe(stopped('node3'));
    expect(cluster.stoppedNodes()).toEqual(['node3']);
  });

  it('without the hook the shell has no sim', () => {
    const cluster = createCluster({ seed: 1 });
    const host = hostForCluster(cluster);
    expect(runLine(host, 'kubectl get ns default -o name && sim advance 30s')).toMatchObject({
      stdout: 'namespace/default\n',
      stderr: 'bash: sim: command not found\n',
      exitCode: 127,
    });
    expect(runLine(host, 'type sim')).toMatchObject({ exitCode: 1 });
  });
});
