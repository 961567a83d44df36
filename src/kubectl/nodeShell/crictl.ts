/**
 * `crictl` 1.32 on a node: the containers, pod sandboxes and images containerd holds there, in
 * crictl's tables (Go tabwriter: columns at least 20 wide, 3 spaces of padding; IDs cut to 13
 * characters; CREATED as go-units' HumanDuration + " ago"). Read from the pods bound to the
 * node and its reported images; `crictl logs` prints what `kubectl logs` would.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { hash128 } from '../../engine/node/staticPodFiles.ts';
import type { KubectlHost, RunResult } from '../host.ts';
import type { NodeMachines } from './machines.ts';

/** Go's text/tabwriter as crictl sets it up (minwidth 20, padding 3); the last cell unpadded. */
export function tabwriter(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((cell, i) => {
      if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 20, cell.length + 3);
    });
  return rows
    .map((r) =>
      r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] ?? 20) : cell)).join(''),
    )
    .join('\n')
    .concat(rows.length > 0 ? '\n' : '');
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

/**
 * go-units HumanSizeWithPrecision(size, precision): decimal units, three significant digits by
 * default (crictl, docker images); HumanSize is four (docker build's context, image prune).
 */
export function humanSize(bytes: number, precision = 3): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(precision))}${units[i]}`;
}

interface Row {
  id: string;
  imageId: string;
  created: number;
  state: 'Running' | 'Exited' | 'Created';
  name: string;
  attempt: number;
  podId: string;
  pod: string;
  namespace: string;
}

type Status = {
  name: string;
  containerID?: string;
  imageID?: string;
  image?: string;
  restartCount?: number;
  state?: {
    running?: { startedAt?: string };
    terminated?: { startedAt?: string; containerID?: string };
    waiting?: unknown;
  };
  lastState?: { terminated?: { startedAt?: string; containerID?: string } };
};

const bare = (id: string | undefined) => (id ?? '').replace(/^[a-z]+:\/\//, '');

/** The pod's sandbox ID (64 hex digits, fixed for the pod). */
export function sandboxId(pod: KubeObject): string {
  const seed = pod.metadata?.uid ?? pod.metadata?.name ?? '';
  return (hash128(`sandbox:${seed}`) + hash128(`sandbox2:${seed}`)).slice(0, 64);
}

function imageIdOf(ref: string | undefined): string {
  const r = ref ?? '';
  return (hash128(`image:${r.replace(/^.*@/, '')}`) + hash128(`config:${r}`)).slice(0, 64);
}

/** The containers of the node's pods (the current one of each, and with `all` the exited ones). */
function containers(pods: readonly KubeObject[], all: boolean): Row[] {
  const rows: Row[] = [];
  for (const p of pods) {
    const st = (p.status ?? {}) as {
      containerStatuses?: Status[];
      initContainerStatuses?: Status[];
    };
    const podId = sandboxId(p);
    for (const c of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) {
      const base = {
        imageId: imageIdOf(c.imageID || c.image),
        name: c.name,
        podId,
        pod: p.metadata?.name ?? '',
        namespace: p.metadata?.namespace ?? '',
      };
      const attempt = c.restartCount ?? 0;
      const last = c.lastState?.terminated;
      if (all && last?.containerID) {
        rows.push({
          ...base,
          id: bare(last.containerID),
          created: Date.parse(last.startedAt ?? '') || 0,
          state: 'Exited',
          // Backing off, no newer container exists: the ended run is the latest attempt.
          attempt: c.containerID === last.containerID ? attempt : Math.max(0, attempt - 1),
        });
      }
      // Backing off, the status still names the run that ended: one container, one row.
      if (!c.containerID || (all && c.containerID === last?.containerID)) continue;
      const running = c.state?.running;
      if (!running && !all) continue;
      rows.push({
        ...base,
        id: bare(c.containerID),
        created:
          Date.parse(running?.startedAt ?? c.state?.terminated?.startedAt ?? '') ||
          Date.parse(p.metadata?.creationTimestamp ?? '') ||
          0,
        state: running ? 'Running' : c.state?.terminated ? 'Exited' : 'Created',
        attempt,
      });
    }
  }
  return rows.sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1));
}

/** crictl's name filters are regular expressions; one that does not compile matches nothing. */
function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return false;
  }
}

/** A flag's value: `--name VALUE` or `--name=VALUE`, the first of `names` given. */
export function flagValue(args: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

function notSimulated(args: string[]): RunResult {
  return {
    stdout: '',
    stderr: `bash: this console cannot run "crictl ${args.join(' ')}": only crictl ps, pods, images and logs are simulated\n`,
    exitCode: 2,
  };
}

/** `crictl ps|pods|images|logs …` on `node`. */
export function crictl(
  host: KubectlHost,
  machines: NodeMachines,
  node: string,
  args: string[],
  kubectlLogs: (namespace: string, pod: string, container: string, tail?: string) => RunResult,
): RunResult {
  const [sub, ...rest] = args.filter(
    (a, i) => !(i === 0 && a.startsWith('-') && !['--version', '-v', '--help', '-h'].includes(a)),
  );
  const now = host.nowEpochMs();
  const pods = machines.podsOn(node);
  const quiet = rest.includes('-q') || rest.includes('--quiet');
  const all = rest.includes('-a') || rest.includes('--all');
  const ago = (t: number) => `${humanDuration(now - t)} ago`;
  switch (sub) {
    case 'ps': {
      const name = flagValue(rest, '--name');
      const podFilter = flagValue(rest, '--pod', '-p');
      const state = flagValue(rest, '--state', '-s')?.toLowerCase();
      if (state !== undefined && !['created', 'running', 'exited', 'unknown'].includes(state)) {
        const t = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return {
          stdout: '',
          stderr: `time="${t}" level=fatal msg="--state should be one of created, running, exited or unknown"\n`,
          exitCode: 1,
        };
      }
      // A state filter looks at every container, as -a does.
      let rows = containers(pods, all || state !== undefined);
      if (state !== undefined) rows = rows.filter((r) => r.state.toLowerCase() === state);
      if (name) rows = rows.filter((r) => matches(name, r.name));
      if (podFilter) rows = rows.filter((r) => r.podId.startsWith(podFilter));
      if (quiet) return { stdout: rows.map((r) => `${r.id}\n`).join(''), stderr: '', exitCode: 0 };
      const table = [
        ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
        ...rows.map((r) => [
          r.id.slice(0, 13),
          r.imageId.slice(0, 13),
          ago(r.created),
          r.state,
          r.name,
          String(r.attempt),
          r.podId.slice(0, 13),
          r.pod,
          r.namespace,
        ]),
      ];
      return { stdout: tabwriter(table), stderr: '', exitCode: 0 };
    }
    case 'pods': {
      const name = flagValue(rest, '--name');
      const ns = flagValue(rest, '--namespace');
      const list = pods
        .filter((p) => !name || matches(name, p.metadata?.name ?? ''))
        .filter((p) => !ns || p.metadata?.namespace === ns)
        .map((p) => ({
          id: sandboxId(p),
          created:
            Date.parse((p.status as { startTime?: string } | undefined)?.startTime ?? '') ||
            Date.parse(p.metadata?.creationTimestamp ?? '') ||
            0,
          ready: (p.status as { phase?: string } | undefined)?.phase !== 'Succeeded',
          name: p.metadata?.name ?? '',
          namespace: p.metadata?.namespace ?? '',
        }))
        .sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1));
      if (quiet) return { stdout: list.map((p) => `${p.id}\n`).join(''), stderr: '', exitCode: 0 };
      return {
        stdout: tabwriter([
          ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
          ...list.map((p) => [
            p.id.slice(0, 13),
            ago(p.created),
            p.ready ? 'Ready' : 'NotReady',
            p.name,
            p.namespace,
            '0',
            '(default)',
          ]),
        ]),
        stderr: '',
        exitCode: 0,
      };
    }
    case 'images':
    case 'image':
    case 'img': {
      const nodeObj = machines.list('nodes').find((n) => n.metadata?.name === node);
      const images =
        (nodeObj?.status as { images?: { names?: string[]; sizeBytes?: number }[] } | undefined)
          ?.images ?? [];
      const rows: string[][] = [];
      for (const img of images) {
        const names = img.names ?? [];
        const digest = names.find((n) => n.includes('@')) ?? names[0] ?? '';
        const id = imageIdOf(digest).slice(0, 13);
        const tags = names.filter((n) => !n.includes('@'));
        if (quiet) {
          rows.push([`sha256:${imageIdOf(digest)}`]);
          continue;
        }
        for (const t of tags.length > 0 ? tags : [`${digest.replace(/@.*/, '')}:<none>`]) {
          const colon = t.lastIndexOf(':');
          rows.push([t.slice(0, colon), t.slice(colon + 1), id, humanSize(img.sizeBytes ?? 0)]);
        }
      }
      if (quiet) return { stdout: rows.map((r) => `${r[0]}\n`).join(''), stderr: '', exitCode: 0 };
      rows.sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : 0));
      return {
        stdout: tabwriter([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]),
        stderr: '',
        exitCode: 0,
      };
    }
    case 'logs': {
      const id = rest
        .filter((a) => !a.startsWith('-'))
        .find((a) => a !== flagValue(rest, '--tail'));
      if (!id)
        return {
          stdout: '',
          stderr: `time="${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}" level=fatal msg="ID cannot be empty"\n`,
          exitCode: 1,
        };
      const match = containers(pods, true).filter((r) => r.id.startsWith(id));
      const found = match[0];
      if (!found || match.length > 1) {
        const t = new Date(now).toISOString();
        const klog = `${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 19)}.${t.slice(20, 23)}000`;
        return {
          stdout: '',
          stderr: `E${klog}    4242 log.go:32] "Failed to get container status" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found" containerID="${id}"\ntime="${t.slice(0, 19)}Z" level=fatal msg="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`,
          exitCode: 1,
        };
      }
      return kubectlLogs(found.namespace, found.pod, found.name, flagValue(rest, '--tail'));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return {
        stdout:
          'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.32.0\n\nCOMMANDS (simulated here):\n   images, image, img  List images\n   logs                Fetch the logs of a container\n   pods                List pods\n   ps                  List containers\n',
        stderr: '',
        exitCode: 0,
      };
    case '--version':
    case '-v':
    case 'version':
      return sub === 'version'
        ? {
            stdout:
              'Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.24\nRuntimeApiVersion:  v1\n',
            stderr: '',
            exitCode: 0,
          }
        : { stdout: 'crictl version v1.32.0\n', stderr: '', exitCode: 0 };
    default:
      return notSimulated(args);
  }
}
