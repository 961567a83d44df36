/**
 * A console session on a real simulated cluster for kubectl's tests: `run(line)` runs one
 * console line as the lab's console does (`sleep 30` advances the clock), lets the cluster
 * settle, and returns what it printed and its exit code.
 */
import { laptopDocker, runAction, simCommand } from '../../cli/actions.ts';
import { createCluster } from '../../engine/index.ts';
import { hostForCluster } from '../engineHost.ts';
import { runLine } from '../shell.ts';

export function engineSession(seed = 1) {
  const cluster = createCluster({ seed });
  cluster.settle();
  const host = hostForCluster(cluster, {
    docker: laptopDocker(cluster),
    sim: simCommand(cluster),
  });
  const run = (line: string) => {
    // As the lab's console: `sleep` and `sim` lines are actions on the cluster, `docker` is
    // the shell's (the laptop's docker over the console's files).
    const r = runAction(cluster, line, { shellDocker: true }) ?? runLine(host, line);
    host.settle();
    return { out: r.stdout, err: r.stderr, code: r.exitCode };
  };
  return { cluster, host, run };
}
