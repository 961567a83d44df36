/**
 * `systemctl` and `journalctl` for the kubelet service of a kubeadm node (Ubuntu 24.04,
 * systemd 255, the pkgs.k8s.io kubelet package with kubeadm's drop-in). `systemctl stop kubelet`
 * stops the node's kubelet in the engine (no more status posts: the node goes NotReady, its
 * containers go on), `start`/`restart` bring it back and it takes the containers over again.
 * The journal is made from what the simulation knows: the service's starts and stops, the
 * pods the kubelet took on, and the static pod manifests it could not read.
 *
 * systemd runs the unit as it loaded it (at boot, or at the last `daemon-reload`): the package's
 * unit file and its drop-ins (kubeletUnit.ts). A start expands the command line from them and the
 * environment files; a command without `--kubeconfig` is a standalone kubelet, which runs but
 * never talks to the API server. "Enabled" is the symlink in multi-user.target.wants, a node
 * file, which the engine reads when the machine boots.
 */
import { parseDocument } from 'yaml';
import { API_SERVER_ADDRESS } from '../../engine/cluster.ts';
import { BOOTSTRAP_AT, epochMs } from '../../engine/util/clock.ts';
import type { KubectlHost, RunResult } from '../host.ts';
import { apiOutageLog } from './apiOutageLog.ts';
import {
  dropInLines,
  KUBELET_UNIT,
  KUBELET_WANTS,
  kubeletCommand,
  kubeletFlag,
  type LoadedUnit,
  readKubeletUnit,
} from './kubeletUnit.ts';
import type { NodeMachines } from './machines.ts';
import { KUBEADM_DROP_IN } from './nodeFiles.ts';
import { NodeFs } from './nodeFs.ts';

/**
 * A start, a stop, or a start that failed: the kubelet exited at once with `error` and systemd
 * tries again every RestartSec (10 s) until the cause is gone.
 */
type Change = {
  at: number;
  op: 'start' | 'stop' | 'fail';
  pid: number;
  error?: string;
  /** The command line a start ran (undefined: kubeadm's, as the node booted). */
  command?: string;
  /**
   * A start without `--kubeconfig`: a standalone kubelet that never talks to the API server
   * (the engine's kubelet stays stopped: no status posts, the node goes NotReady).
   */
  standalone?: boolean;
};

/** kubeadm's drop-in: Restart=always, RestartSec=10. */
const RESTART_MS = 10_000;

/**
 * Why the kubelet on `node` would exit at once if started now with the command `words`, as its
 * `"command failed"` log line says: the file `--config` names missing or not a
 * KubeletConfiguration, the `--kubeconfig` to talk to the API server with missing.
 */
function kubeletStartError(
  host: KubectlHost,
  machines: NodeMachines,
  node: string,
  words: readonly string[],
): string | undefined {
  const fs = new NodeFs(host, node, node === machines.controlPlane);
  const configPath = kubeletFlag(words, 'config');
  const kubeconfig = kubeletFlag(words, 'kubeconfig');
  const missingKubeconfig = () =>
    kubeconfig !== undefined && fs.read(kubeconfig) === undefined
      ? `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${kubeletFlag(words, 'bootstrap-kubeconfig') ?? ''}: no such file or directory`
      : undefined;
  if (configPath === undefined) return missingKubeconfig();
  const config = fs.read(configPath);
  const loadError = (why: string) =>
    `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error ${why}`;
  if (config === undefined)
    return loadError(
      `failed to read kubelet config file "${configPath}", error: open ${configPath}: no such file or directory`,
    );
  const doc = parseDocument(config, { uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    let line = (err.linePos?.[0]?.line ?? 1) as number;
    const dup = /Map keys must be unique/.test(err.message);
    let key = '';
    if (dup) {
      // The repeated key's own line (the parser points at its map): the first top-level
      // key seen twice, else the parser's line.
      const seen = new Set<string>();
      const lines = config.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const k = /^([^\s#:][^:]*):/.exec(lines[i] ?? '')?.[1];
        if (k === undefined) continue;
        if (seen.has(k)) {
          key = k;
          line = i + 1;
          break;
        }
        seen.add(k);
      }
    }
    return loadError(
      dup
        ? `failed to decode: yaml: unmarshal errors:\n  line ${line}: key "${key}" already set in map`
        : `failed to decode: yaml: line ${line}: did not find expected node content`,
    );
  }
  const obj = doc.toJS() as { kind?: unknown; apiVersion?: unknown } | null;
  if (!obj || typeof obj !== 'object' || obj.kind !== 'KubeletConfiguration')
    return loadError(
      `failed to decode: Object 'Kind' is missing in '${config.trim().split('\n')[0] ?? ''}'`,
    );
  return missingKubeconfig();
}

/** The kubelet service's starts and stops per node, per cluster (keyed by its API client). */
const HISTORY = new WeakMap<object, Map<string, Change[]>>();
/** The kubelet unit as systemd last loaded it (boot or `daemon-reload`), per node, per cluster. */
const LOADED = new WeakMap<object, Map<string, LoadedUnit>>();

/** The unit systemd loaded when the node booted: the package's unit and kubeadm's drop-in. */
function bootUnit(): LoadedUnit {
  const files = new Map([
    ['/usr/lib/systemd/system/kubelet.service', KUBELET_UNIT],
    ['/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', KUBEADM_DROP_IN],
  ]);
  return readKubeletUnit({
    read: (p: string) => files.get(p),
    isDirectory: (p: string) => p === '/usr/lib/systemd/system/kubelet.service.d',
    entries: () => [{ name: '10-kubeadm.conf', dir: false }],
  });
}

function loadedMap(host: KubectlHost): Map<string, LoadedUnit> {
  let byNode = LOADED.get(host.api);
  if (!byNode) {
    byNode = new Map();
    LOADED.set(host.api, byNode);
  }
  return byNode;
}

/** The kubelet unit systemd runs on `node` now. */
function loadedUnit(host: KubectlHost, node: string): LoadedUnit {
  const byNode = loadedMap(host);
  let u = byNode.get(node);
  if (!u) {
    u = bootUnit();
    byNode.set(node, u);
  }
  return u;
}

/** The machines' boot counts the history last took in, per node, per cluster. */
const BOOTS = new WeakMap<object, Map<string, number>>();

function bootsSeen(host: KubectlHost): Map<string, number> {
  let byNode = BOOTS.get(host.api);
  if (!byNode) {
    byNode = new Map();
    BOOTS.set(host.api, byNode);
  }
  return byNode;
}

function nodeFs(host: KubectlHost, machines: NodeMachines, node: string): NodeFs {
  return new NodeFs(host, node, node === machines.controlPlane);
}

/** Whether the unit's files changed on disk since systemd loaded them. */
function needsReload(host: KubectlHost, machines: NodeMachines, node: string): boolean {
  return (
    readKubeletUnit(nodeFs(host, machines, node)).signature !== loadedUnit(host, node).signature
  );
}

/** systemd 255's warn_unit_file_changed. */
const RELOAD_WARNING =
  "Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n";

/** Whether `systemctl enable kubelet`'s symlink is there. */
function enabled(host: KubectlHost, machines: NodeMachines, node: string): boolean {
  return nodeFs(host, machines, node).read(KUBELET_WANTS) !== undefined;
}

const WANTS = KUBELET_WANTS;

function pidBase(node: string): number {
  let h = 0;
  for (const ch of node) h = (h * 31 + ch.charCodeAt(0)) % 97;
  return 700 + h;
}

/** Whether the kubelet service is active on `node` (a standalone kubelet included). */
function serviceActive(machines: NodeMachines, node: string, last: Change): boolean {
  if (machines.kubeletRunning(node)) return true;
  return last.op === 'start' && last.standalone === true && machines.up(node);
}

/**
 * The history, brought up to date: a kubelet that runs although its last change was a stop, a
 * failed start or a standalone start came back with its machine (`sim start-node`); a failed
 * start whose cause is gone succeeds at systemd's next try.
 */
function syncedHistory(host: KubectlHost, machines: NodeMachines, node: string): Change[] {
  const h = historyOf(host, node);
  const last = h[h.length - 1] as Change;
  const boot = machines.boots?.(node) ?? 0;
  const boots = bootsSeen(host);
  const rebooted = boot > (boots.get(node) ?? 0);
  boots.set(node, boot);
  // A machine that booted again (`sim start-node`) loaded the unit's files as they are now.
  if (rebooted) loadedMap(host).set(node, readKubeletUnit(nodeFs(host, machines, node)));
  if (machines.kubeletRunning(node) && (rebooted || last.op !== 'start' || last.standalone)) {
    // The engine's kubelet came up with it: systemd started the enabled kubelet from the unit,
    // which may exit at once or run standalone.
    const fs = nodeFs(host, machines, node);
    const unit = loadedUnit(host, node);
    const words = kubeletCommand(fs, unit);
    const at = host.nowEpochMs();
    const pid = last.pid + 1000;
    if (words === undefined) {
      machines.stopKubelet(node);
      h.push({ at, op: 'stop', pid });
      return h;
    }
    const command = words.join(' ');
    const error = kubeletStartError(host, machines, node, words);
    const standalone = kubeletFlag(words, 'kubeconfig') === undefined;
    if (error || standalone) machines.stopKubelet(node);
    h.push(
      error
        ? { at, op: 'fail', pid, error, command }
        : { at, op: 'start', pid, command, ...(standalone ? { standalone } : {}) },
    );
  } else if (last.op === 'fail') {
    // The cause is gone: systemd's next restart, at most 10 s after the last try, comes up.
    const words = kubeletCommand(nodeFs(host, machines, node), loadedUnit(host, node));
    if (words === undefined || kubeletStartError(host, machines, node, words)) return h;
    const now = host.nowEpochMs();
    const tries = Math.floor((now - last.at) / RESTART_MS);
    if (tries >= 1) {
      const standalone = kubeletFlag(words, 'kubeconfig') === undefined;
      if (!standalone) machines.startKubelet(node);
      h.push({
        at: last.at + tries * RESTART_MS,
        op: 'start',
        pid: last.pid + 100 * tries,
        command: words.join(' '),
        ...(standalone ? { standalone } : {}),
      });
    }
  }
  return h;
}

function historyOf(host: KubectlHost, node: string): Change[] {
  let byNode = HISTORY.get(host.api);
  if (!byNode) {
    byNode = new Map();
    HISTORY.set(host.api, byNode);
  }
  let h = byNode.get(node);
  if (!h) {
    // Started when the machine booted, with the cluster.
    h = [{ at: epochMs(BOOTSTRAP_AT), op: 'start', pid: pidBase(node) }];
    byNode.set(node, h);
  }
  return h;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `Tue 2026-01-06 00:00:40 UTC`, as systemctl status prints a time. */
function longTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** `Jan 06 00:00:40`, a journal line's time. */
function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** klog's header: `I0106 00:00:40.123456`. */
function klogTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
}

/** systemd's format_timestamp_relative: `5 days ago`, `1h 3min ago`, `41s ago`. */
export function relativeAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const min = 60;
  const hour = 3600;
  const day = 86400;
  const week = 7 * day;
  const month = 2629800;
  if (s >= month)
    return `${Math.floor(s / month)} months ${Math.floor((s % month) / day)} days ago`;
  if (s >= week) return `${Math.floor(s / week)} weeks ${Math.floor((s % week) / day)} days ago`;
  if (s >= 2 * day) return `${Math.floor(s / day)} days ago`;
  if (s >= 25 * hour) return `1 day ${Math.floor((s - day) / hour)}h ago`;
  if (s >= 6 * hour) return `${Math.floor(s / hour)}h ago`;
  if (s >= hour) return `${Math.floor(s / hour)}h ${Math.floor((s % hour) / min)}min ago`;
  if (s >= 5 * min) return `${Math.floor(s / min)}min ago`;
  if (s >= min) return `${Math.floor(s / min)}min ${s % min}s ago`;
  return `${s}s ago`;
}

const UNIT_DESCRIPTION = 'kubelet.service - kubelet: The Kubernetes Node Agent';
const EXEC =
  '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';

/** The kubelet's process on `node` while its service runs: PID and command line. */
export function kubeletProcess(
  host: KubectlHost,
  machines: NodeMachines,
  node: string,
): { pid: number; command: string } | undefined {
  const h = syncedHistory(host, machines, node);
  const last = h[h.length - 1] as Change;
  if (!serviceActive(machines, node, last)) return undefined;
  return { pid: last.pid, command: last.command ?? EXEC };
}

/** The kubelet's journal on `node`, oldest first, as `journalctl -u kubelet` prints it. */
export function kubeletJournal(host: KubectlHost, machines: NodeMachines, node: string): string[] {
  const entries: { at: number; text: string }[] = [];
  const changes = syncedHistory(host, machines, node);
  const now = host.nowEpochMs();
  const sys = (at: number, msg: string) =>
    entries.push({ at, text: `${shortTime(at)} ${node} systemd[1]: ${msg}` });
  const klog = (at: number, pid: number, level: string, where: string, msg: string) =>
    entries.push({
      at,
      text: `${shortTime(at)} ${node} kubelet[${pid}]: ${level}${klogTime(at)} ${String(pid).padStart(7)} ${where}] ${msg}`,
    });
  let runningPid: number | undefined;
  for (const c of changes) {
    if (c.op === 'start') {
      runningPid = c.pid;
      sys(c.at, `Started ${UNIT_DESCRIPTION}.`);
      if ((c.command ?? EXEC).includes('--pod-infra-container-image'))
        entries.push({
          at: c.at,
          text: `${shortTime(c.at)} ${node} kubelet[${c.pid}]: Flag --pod-infra-container-image has been deprecated, will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.`,
        });
      klog(c.at + 12, c.pid, 'I', 'server.go:520', '"Kubelet version" kubeletVersion="v1.32.2"');
      klog(
        c.at + 13,
        c.pid,
        'I',
        'server.go:522',
        '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
      );
      if (c.standalone) {
        // No --kubeconfig: no API client, no node to register, no status to send.
        klog(c.at + 14, c.pid, 'I', 'server.go:666', '"Standalone mode, no API client"');
        klog(
          c.at + 402,
          c.pid,
          'I',
          'kubelet.go:1681',
          '"No API server defined - no node status update will be sent"',
        );
        continue;
      }
      klog(
        c.at + 410,
        c.pid,
        'I',
        'kubelet_node_status.go:76',
        `"Attempting to register node" node="${node}"`,
      );
      klog(
        c.at + 436,
        c.pid,
        'I',
        'kubelet_node_status.go:79',
        `"Successfully registered node" node="${node}"`,
      );
    } else if (c.op === 'fail') {
      // One try now, then one every RestartSec until the next change (or now): the last 20.
      const next = changes[changes.indexOf(c) + 1];
      const until = next ? next.at : now;
      const count = Math.max(1, Math.floor((until - c.at) / RESTART_MS) + (next ? 0 : 1));
      for (let k = Math.max(0, count - 20); k < count; k++) {
        const at = c.at + k * RESTART_MS;
        const pid = c.pid + 100 * k;
        if (k > 0) sys(at, `kubelet.service: Scheduled restart job, restart counter is at ${k}.`);
        sys(at, `Started ${UNIT_DESCRIPTION}.`);
        klog(at + 71, pid, 'E', 'run.go:72', `"command failed" err=${JSON.stringify(c.error)}`);
        sys(at + 72, 'kubelet.service: Main process exited, code=exited, status=1/FAILURE');
        sys(at + 72, "kubelet.service: Failed with result 'exit-code'.");
      }
      runningPid = undefined;
    } else {
      sys(c.at, `Stopping ${UNIT_DESCRIPTION}...`);
      sys(c.at, 'kubelet.service: Deactivated successfully.');
      sys(c.at, `Stopped ${UNIT_DESCRIPTION}.`);
      runningPid = undefined;
    }
  }
  const pid = runningPid ?? changes[changes.length - 1]?.pid ?? pidBase(node);
  const lastStart = [...changes].reverse().find((c) => c.op === 'start')?.at ?? 0;
  for (const p of machines.podsOn(node)) {
    const created = Date.parse(p.metadata?.creationTimestamp ?? '');
    if (!Number.isFinite(created) || created <= lastStart) continue;
    const source =
      p.metadata?.annotations?.['kubernetes.io/config.source'] === 'file' ? 'file' : 'api';
    klog(
      created,
      pid,
      'I',
      'kubelet.go:2456',
      `"SyncLoop ADD" source="${source}" pods=["${p.metadata?.namespace}/${p.metadata?.name}"]`,
    );
  }
  if (runningPid !== undefined) {
    // The API server away: the lease and the node status cannot be sent (apiOutageLog.ts).
    // The control plane's own kubelet was off with its machine.
    for (const o of machines.apiOutages?.() ?? []) {
      if (o.cause === 'machine' && node === machines.controlPlane) continue;
      // (The server ran without etcd: its requests timed out; those lines are not simulated.)
      if (o.cause === 'etcd') continue;
      const from = Math.max(epochMs(o.from), lastStart);
      const to = o.to === undefined ? now : epochMs(o.to);
      for (const l of apiOutageLog(node, API_SERVER_ADDRESS, o.cause, from, to))
        klog(l.at, pid, l.level, l.where, l.msg);
    }
    for (const e of machines.manifestErrors(node)) {
      klog(
        now,
        pid,
        'E',
        'file.go:187',
        `"Could not process manifest file" err=${JSON.stringify(e.error)} path=${JSON.stringify(e.path)}`,
      );
    }
  }
  return entries.sort((a, b) => a.at - b.at).map((e) => e.text);
}

function fail(stderr: string, exitCode: number): RunResult {
  return { stdout: '', stderr, exitCode };
}

/** `kubelet`, `kubelet.service` → `kubelet`; other units this console knows; else undefined. */
function unitName(word: string | undefined): string | undefined {
  const u = (word ?? '').replace(/\.service$/, '');
  return u === 'kubelet' || u === 'containerd' ? u : undefined;
}

function status(host: KubectlHost, machines: NodeMachines, node: string, unit: string): RunResult {
  const now = host.nowEpochMs();
  if (unit === 'containerd') {
    const since = epochMs(BOOTSTRAP_AT);
    return {
      stdout: `● containerd.service - containerd container runtime
     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)
     Active: active (running) since ${longTime(since)}; ${relativeAgo(now - since)}
       Docs: https://containerd.io
   Main PID: 512 (containerd)
     CGroup: /system.slice/containerd.service
             └─512 /usr/bin/containerd
`,
      stderr: '',
      exitCode: 0,
    };
  }
  const changes = syncedHistory(host, machines, node);
  const last = changes[changes.length - 1] as Change;
  const running = serviceActive(machines, node, last);
  const loaded = loadedUnit(host, node);
  const execStart = loaded.execStart ?? '';
  const head = `${running ? '●' : '○'} ${UNIT_DESCRIPTION}
     Loaded: loaded (${loaded.fragment ?? '/usr/lib/systemd/system/kubelet.service'}; ${enabled(host, machines, node) ? 'enabled' : 'disabled'}; preset: enabled)
${dropInLines(loaded.dropIns)}`;
  const journal = kubeletJournal(host, machines, node).slice(-10);
  const tail = journal.length > 0 ? `\n${journal.join('\n')}\n` : '';
  // systemd warns last, on stderr, when the unit's files changed since it loaded them.
  const stderr = needsReload(host, machines, node) ? RELOAD_WARNING : '';
  if (running) {
    return {
      stdout: `${head}     Active: active (running) since ${longTime(last.at)}; ${relativeAgo(now - last.at)}
       Docs: https://kubernetes.io/docs/
   Main PID: ${last.pid} (kubelet)
      Tasks: 13 (limit: 4586)
     Memory: 34.1M (peak: 35.6M)
        CPU: 3.912s
     CGroup: /system.slice/kubelet.service
             └─${last.pid} ${last.command ?? EXEC}
${tail}`,
      stderr,
      exitCode: 0,
    };
  }
  if (last.op === 'fail') {
    const tries = Math.floor((now - last.at) / RESTART_MS);
    const since = last.at + tries * RESTART_MS + 72;
    const pid = last.pid + 100 * tries;
    return {
      stdout: `${head.replace(/^○/, '●')}     Active: activating (auto-restart) (Result: exit-code) since ${longTime(since)}; ${relativeAgo(now - since)}
       Docs: https://kubernetes.io/docs/
    Process: ${pid} ExecStart=${execStart} (code=exited, status=1/FAILURE)
   Main PID: ${pid} (code=exited, status=1/FAILURE)
        CPU: 71ms
${tail}`,
      stderr,
      exitCode: 3,
    };
  }
  const start = [...changes].reverse().find((c) => c.op === 'start');
  const stoppedAt = last.op === 'stop' ? last.at : now;
  return {
    stdout: `${head}     Active: inactive (dead) since ${longTime(stoppedAt)}; ${relativeAgo(now - stoppedAt)}
       Docs: https://kubernetes.io/docs/
    Process: ${last.pid} ExecStart=${execStart} (code=exited, status=0/SUCCESS)
   Main PID: ${last.pid} (code=exited, status=0/SUCCESS)
${start ? '' : ''}${tail}`,
    stderr,
    exitCode: 3,
  };
}

/**
 * `systemctl cat kubelet`: the unit file and drop-ins systemd loaded, each after a `# PATH`
 * line, as they are on disk now (with systemd's note when that is not what it runs).
 */
function unitCat(host: KubectlHost, machines: NodeMachines, node: string): RunResult {
  const loaded = loadedUnit(host, node);
  const fs = nodeFs(host, machines, node);
  const parts: string[] = [];
  for (const path of [loaded.fragment ?? '', ...loaded.dropIns]) {
    const text = fs.read(path);
    if (path === '' || text === undefined) continue;
    parts.push(`# ${path}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}`);
  }
  const stale = needsReload(host, machines, node)
    ? "# Warning: kubelet.service changed on disk, the version systemd has loaded is outdated.\n# This output shows the current version of the unit's original fragment and drop-in files.\n# If fragments or drop-ins were added or removed, they are not properly reflected in this output.\n# Run 'systemctl daemon-reload' to reload units.\n"
    : '';
  return { stdout: stale + parts.join('\n'), stderr: '', exitCode: 0 };
}

/** `systemctl VERB UNIT` on `node`. */
export function systemctl(
  host: KubectlHost,
  machines: NodeMachines,
  node: string,
  args: string[],
): RunResult {
  const words = args.filter((a) => !a.startsWith('-'));
  const [verb, ...units] = words;
  if (verb === undefined) return { stdout: '', stderr: '', exitCode: 0 };
  if (verb === 'daemon-reload' || verb === 'daemon-reexec') {
    // systemd reads every unit's files again; the kubelet's is the one this console keeps.
    loadedMap(host).set(node, readKubeletUnit(nodeFs(host, machines, node)));
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  if (units.length === 0 && verb !== 'status') return fail(`Too few arguments.\n`, 1);
  const unit = unitName(units[0] ?? 'kubelet');
  if (unit === undefined) {
    const name = /\.[a-z]+$/.test(units[0] ?? '') ? units[0] : `${units[0]}.service`;
    return verb === 'status'
      ? fail(`Unit ${name} could not be found.\n`, 4)
      : fail(`Failed to ${verb} ${name}: Unit ${name} not found.\n`, 5);
  }
  const changes = syncedHistory(host, machines, node);
  const lastChange = () => changes[changes.length - 1] as Change;
  const stop = () => {
    const last = lastChange();
    if (last.op === 'fail') {
      changes.push({ at: host.nowEpochMs(), op: 'stop', pid: last.pid });
      return;
    }
    if (!serviceActive(machines, node, last)) return;
    if (machines.kubeletRunning(node)) machines.stopKubelet(node);
    changes.push({ at: host.nowEpochMs(), op: 'stop', pid: last.pid });
  };
  /** Starts the unit as systemd loaded it; a systemd error when it cannot, else undefined. */
  const start = (): string | undefined => {
    if (serviceActive(machines, node, lastChange())) return undefined;
    const loaded = loadedUnit(host, node);
    const words = kubeletCommand(nodeFs(host, machines, node), loaded);
    if (words === undefined)
      return `Failed to ${verb} kubelet.service: Unit kubelet.service has a bad unit file setting.\nSee system logs and 'systemctl status kubelet.service' for details.\n`;
    const pid = lastChange().pid + 1000 + (changes.length % 7) * 37;
    const command = words.join(' ');
    const error = kubeletStartError(host, machines, node, words);
    if (error) {
      changes.push({ at: host.nowEpochMs(), op: 'fail', pid, error, command });
      return undefined;
    }
    // Without --kubeconfig the kubelet runs standalone: it never talks to the API server.
    const standalone = kubeletFlag(words, 'kubeconfig') === undefined;
    if (!standalone) machines.startKubelet(node);
    changes.push({
      at: host.nowEpochMs(),
      op: 'start',
      pid,
      command,
      ...(standalone ? { standalone } : {}),
    });
    return undefined;
  };
  const warning = unit === 'kubelet' && needsReload(host, machines, node) ? RELOAD_WARNING : '';
  switch (verb) {
    case 'status':
      return status(host, machines, node, unit);
    case 'cat':
      if (unit !== 'kubelet')
        return fail(
          `bash: this console cannot run "systemctl cat ${unit}": its unit file is not simulated\n`,
          2,
        );
      return unitCat(host, machines, node);
    case 'is-active': {
      const failing = unit === 'kubelet' && lastChange().op === 'fail';
      if (failing) return { stdout: 'activating\n', stderr: '', exitCode: 3 };
      const up = unit === 'containerd' || serviceActive(machines, node, lastChange());
      return { stdout: up ? 'active\n' : 'inactive\n', stderr: '', exitCode: up ? 0 : 3 };
    }
    case 'is-enabled': {
      const off = unit === 'kubelet' && !enabled(host, machines, node);
      return { stdout: off ? 'disabled\n' : 'enabled\n', stderr: '', exitCode: off ? 1 : 0 };
    }
    case 'enable':
    case 'disable': {
      if (unit !== 'kubelet') return { stdout: '', stderr: '', exitCode: 0 };
      const off = verb === 'disable';
      const changed = enabled(host, machines, node) === off;
      // The symlink in multi-user.target.wants is what "enabled" is, also after a reboot.
      const fs = nodeFs(host, machines, node);
      if (changed && off) fs.remove(WANTS);
      else if (changed)
        fs.write(WANTS, fs.read(loadedUnit(host, node).fragment ?? '') ?? KUBELET_UNIT);
      const note = !changed
        ? ''
        : off
          ? `Removed "${WANTS}".\n`
          : `Created symlink ${WANTS} → ${loadedUnit(host, node).fragment ?? '/usr/lib/systemd/system/kubelet.service'}.\n`;
      // `enable --now` / `disable --now` also start or stop it.
      let failed: string | undefined;
      if (args.includes('--now')) {
        if (off) stop();
        else failed = start();
      }
      if (failed) return fail(`${note}${warning}${failed}`, 1);
      return { stdout: '', stderr: `${note}${args.includes('--now') ? warning : ''}`, exitCode: 0 };
    }
    case 'stop':
    case 'start':
    case 'restart': {
      // containerd runs: starting it again changes nothing.
      if (unit === 'containerd' && verb === 'start') return { stdout: '', stderr: '', exitCode: 0 };
      if (unit === 'containerd')
        return fail(
          `bash: this console cannot run "systemctl ${verb} containerd": stopping the container runtime is not simulated\n`,
          2,
        );
      if (verb !== 'start') stop();
      const failed = verb !== 'stop' ? start() : undefined;
      if (failed) return fail(`${warning}${failed}`, 1);
      return { stdout: '', stderr: warning, exitCode: 0 };
    }
    default:
      return fail(`Unknown command verb '${verb}', did you mean '--${verb}'?\n`, 1);
  }
}

/** `journalctl [-u kubelet] [-n N] [-f] [--no-pager] [-xe]` on `node`. */
export function journalctl(
  host: KubectlHost,
  machines: NodeMachines,
  node: string,
  args: string[],
): RunResult {
  let unit: string | undefined;
  let lines: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-u' || a === '--unit') unit = args[++i];
    else if (a.startsWith('--unit=')) unit = a.slice(7);
    else if (a.startsWith('-u') && a.length > 2) unit = a.slice(2);
    else if (a === '-n' || a === '--lines') lines = Number(args[++i]);
    else if (a.startsWith('--lines=')) lines = Number(a.slice(8));
    else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
    else if (a === '-e' || a === '-xe' || a === '--pager-end') lines ??= 1000;
    // -f starts with the last 10 entries, then follows (the console returns there).
    else if (a === '-f' || a === '--follow' || a === '-fu' || a === '-xef') lines ??= 10;
  }
  const u = unit === undefined ? 'kubelet' : unitName(unit);
  const all = u === 'kubelet' ? kubeletJournal(host, machines, node) : [];
  const shown = lines !== undefined && Number.isFinite(lines) ? all.slice(-lines) : all;
  if (shown.length === 0) return { stdout: '-- No entries --\n', stderr: '', exitCode: 0 };
  return { stdout: `${shown.join('\n')}\n`, stderr: '', exitCode: 0 };
}
