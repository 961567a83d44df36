/**
 * The few non-kubectl actions that scenarios and the console need, over a simulated cluster:
 *
 *   docker build -t NAME .      build an image on the developer's laptop
 *   docker push NAME            upload it to the registry (Docker Hub)
 *   docker images, docker tag   list and rename images on the laptop (dockerLocal.ts)
 *   docker pull, docker rmi     fetch an image from the registry, remove one (docker.ts)
 *   docker login, docker logout sign the laptop in to Docker Hub and out again
 *   docker help, version, info  as the docker 28.2.2 client prints them (dockerHelp.ts)
 *   sim stop-node NODE          the node fails: kubelet, kube-proxy and container runtime stop
 *                               (the control-plane node takes the API server and controllers along)
 *   sim start-node NODE         the node boots again
 *   sim advance DURATION        let virtual time pass (e.g. 90s, 5m, 1h30m); `sleep N` does the same
 *
 * Pure TypeScript (no Node APIs) so the page's console can use it too. Returns undefined for
 * lines that are not one of these actions (kubectl and the small shell handle those).
 */
import shellQuote from 'shell-quote';
import type { Cluster } from '../engine/index.ts';
import type { RunResult } from '../kubectl/index.ts';
import { type DockerEnv, runDocker } from './docker.ts';

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

/** The longest single advance: a day of virtual time. */
const MAX_ADVANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Parse `90`, `90s`, `5m`, `1h30m`, `1.5h`, `250ms` into milliseconds (a bare number means
 * seconds, as for `sleep`). Returns undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  if (rest === '') return undefined;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (unit[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return Math.round(total);
}

function words(line: string): string[] | undefined {
  const parsed = shellQuote.parse(line);
  if (!parsed.every((w): w is string => typeof w === 'string')) return undefined;
  return parsed;
}

export interface ActionOptions {
  /**
   * The console's shell has the laptop's docker (its host made with `laptopDocker`): docker
   * lines are left to it, which gives them pipes, redirections, variables, `cd` and `$?`.
   */
  shellDocker?: boolean;
}

/**
 * Run `line` if it is a docker or simulation action; otherwise undefined. Without a shell that
 * has docker (the guided story, the scenarios) a whole `docker …` line is run here, as if from
 * the home directory.
 */
export function runAction(
  cluster: Cluster,
  line: string,
  opts: ActionOptions = {},
): RunResult | undefined {
  const trimmed = line.trim();
  if (!isWholeAction(trimmed, opts)) return undefined;
  const argv = words(trimmed) as string[];
  const [cmd, ...args] = argv;
  if (cmd === 'docker') return runDocker(cluster, args);
  if (cmd === 'sleep') return advance(cluster, args, 'sleep');
  return sim(cluster, args);
}

/**
 * Whether `runAction` takes `line` as a whole (`sim stop-node node1`), rather than leaving it to
 * the shell (`sim stop-node node1; sim stop-node node2`, a redirection, a pipe).
 */
export function isWholeAction(line: string, opts: ActionOptions = {}): boolean {
  const trimmed = line.trim();
  const names = opts.shellDocker ? /^(sim|sleep)(\s|$)/ : /^(docker|sim|sleep)(\s|$)/;
  return names.test(trimmed) && words(trimmed) !== undefined;
}

/**
 * The laptop's docker for a console over `cluster` (hostForCluster's `docker` option): the
 * shell's `docker` runs there, with the console's files, working directory and stdin.
 */
export function laptopDocker(
  cluster: Cluster,
): (args: string[], env: DockerEnv & { cwd: string }) => RunResult {
  return (args, env) => runDocker(cluster, args, env);
}

/**
 * The shell's `sim` for a console over `cluster` (hostForCluster's `sim` option): what a whole
 * `sim …` line does, for `sim` in a list, a loop or a function (`for n in node1 node2; do sim
 * stop-node $n; done`).
 */
export function simCommand(cluster: Cluster): (args: string[]) => RunResult {
  return (args) => sim(cluster, args);
}

function advance(cluster: Cluster, args: string[], cmd: string): RunResult {
  if (args.length !== 1) return fail(`${cmd}: expected one duration, e.g. ${cmd} 5m\n`);
  const ms = parseDuration(args[0] as string);
  if (ms === undefined) return fail(`${cmd}: invalid time interval '${args[0]}'\n`);
  if (ms > MAX_ADVANCE_MS) return fail(`${cmd}: at most 24h of virtual time at once\n`);
  cluster.advance(ms);
  return ok();
}

function sim(cluster: Cluster, args: string[]): RunResult {
  const [sub, ...rest] = args;
  if (sub === 'advance') return advance(cluster, rest, 'sim advance');
  if (sub === 'stop-node' || sub === 'start-node') {
    const node = rest[0];
    if (rest.length !== 1 || !node) return fail(`sim ${sub}: expected a node name\n`);
    if (!cluster.nodes().includes(node)) return fail(`sim ${sub}: no node named "${node}"\n`);
    const stopped = cluster.stoppedNodes().includes(node);
    // The first node is kubeadm's control plane (a type-only engine import keeps this module light).
    const controlPlane = node === cluster.nodes()[0];
    if (sub === 'stop-node') {
      if (stopped) return fail(`sim stop-node: node "${node}" is already stopped\n`);
      cluster.stopNode(node);
      if (controlPlane) {
        return ok(
          `node "${node}" stopped: its kubelet, kube-proxy and container runtime are down, and with them the control plane's static pods (kube-apiserver, etcd, kube-scheduler, kube-controller-manager): the API server no longer answers\n`,
        );
      }
      return ok(`node "${node}" stopped: its kubelet, kube-proxy and container runtime are down\n`);
    }
    if (!stopped) return fail(`sim start-node: node "${node}" is already running\n`);
    cluster.startNode(node);
    if (controlPlane) {
      return ok(
        `node "${node}" started: its kubelet restarts the control plane's static pods and the API server answers again\n`,
      );
    }
    return ok(`node "${node}" started: its kubelet registers again\n`);
  }
  return fail(
    'sim: unknown action (try: sim stop-node NODE, sim start-node NODE, sim advance DURATION)\n',
  );
}
