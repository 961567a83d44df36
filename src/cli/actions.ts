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
import { runDocker } from './docker.ts';

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

/** Run `line` if it is a docker or simulation action; otherwise undefined. */
export function runAction(cluster: Cluster, line: string): RunResult | undefined {
  const trimmed = line.trim();
  if (!/^(docker|sim|sleep)(\s|$)/.test(trimmed)) return undefined;
  const argv = words(trimmed);
  if (!argv) return undefined;
  const [cmd, ...args] = argv;
  if (cmd === 'docker') return runDocker(cluster, args);
  if (cmd === 'sleep') return advance(cluster, args, 'sleep');
  return sim(cluster, args);
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
