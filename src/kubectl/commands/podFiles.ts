/**
 * What a container's filesystem holds when `kubectl exec` runs a command in it, and where the
 * command's own writes go, so that they are there for the next command:
 * - the container's writable layer (scope `layer:<containerID>`): gone when the container is
 *   restarted (a new container, a new layer), as with containerd;
 * - an emptyDir volume (scope `emptyDir:<pod uid>/<volume>`): shared by the pod's containers
 *   that mount it, kept across container restarts, gone with the pod;
 * - a hostPath volume, or a claim bound to a hostPath or local volume (scope
 *   `hostPath:<node>:/`, under its path): the node's own files, kept after the pod, the ones
 *   its shell (`ssh NODE`) reads and writes.
 * Besides what execs wrote, a container sees what its own program and postStart hook wrote and,
 * in a shared volume, what the pod's other containers' programs wrote there (the docs'
 * two-container pod: one writes `/usr/share/nginx/html/index.html`, the other serves it).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import type { StoredFile } from '../../engine/cluster.ts';
import { scriptLoopWrites } from '../../engine/node/loopRounds.ts';
import {
  containerProgram,
  execInContainer,
  type FileEvent,
  imageFile,
  loopFileContent,
  loopFiles,
  normalPath,
  type Program,
  repository,
} from '../../engine/node/program.ts';
import { nodeFileScope } from '../../engine/node/staticPodFiles.ts';
import type { Ctx } from '../context.ts';
import { listAll, peekObject } from './common.ts';
import { surroundingsOf } from './logs.ts';

interface VolumeSource {
  name: string;
  emptyDir?: unknown;
  hostPath?: { path?: string };
  persistentVolumeClaim?: { claimName?: string };
}

/**
 * Where a pod's volume keeps its files, if they outlive one exec: a storage scope and the
 * volume's directory in it. A hostPath (or a claim bound to a hostPath or local volume) is the
 * node's own directory: its files are in the node's file system (`hostPath:<node>:/`, absolute
 * paths, the store the node's shell and its kubelet's static pod source use), under its path.
 */
interface VolumePlace {
  scope: string;
  root: string;
}

function volumeScope(ctx: Ctx, pod: Pod, volume: string): VolumePlace | undefined {
  const v = (pod.spec?.volumes as VolumeSource[] | undefined)?.find((x) => x.name === volume);
  if (!v) return undefined;
  const node = pod.spec?.nodeName ?? '';
  if (v.emptyDir)
    return { scope: `emptyDir:${pod.metadata?.uid ?? pod.metadata?.name}/${volume}`, root: '/' };
  if (v.hostPath?.path) return { scope: nodeFileScope(node), root: normalPath(v.hostPath.path) };
  const claim = v.persistentVolumeClaim?.claimName;
  if (claim) {
    const pvc = peekObject(ctx, 'persistentvolumeclaims', pod.metadata?.namespace, claim);
    const pvName = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
    if (!pvName) return undefined;
    const pv = peekObject(ctx, 'persistentvolumes', undefined, pvName)?.spec as
      | { hostPath?: { path?: string }; local?: { path?: string } }
      | undefined;
    const local = pv?.hostPath?.path ?? pv?.local?.path;
    return local
      ? { scope: nodeFileScope(node), root: normalPath(local) }
      : { scope: `pv:${pvName}`, root: '/' };
  }
  return undefined;
}

/** Where `path` (absolute, in container `c`) is stored: a volume's scope and the path in it. */
function placeOf(
  ctx: Ctx,
  pod: Pod,
  c: Container,
  path: string,
): { scope: string; rel: string } | undefined {
  let best: { volume: string; rel: string; len: number } | undefined;
  for (const m of c.volumeMounts ?? []) {
    const mount = normalPath(m.mountPath);
    const inside =
      mount === '/'
        ? path.slice(1)
        : path.startsWith(`${mount}/`)
          ? path.slice(mount.length + 1)
          : undefined;
    if (inside === undefined || (best && best.len >= mount.length)) continue;
    best = {
      volume: m.name,
      rel: m.subPath ? `${normalPath(m.subPath)}/${inside}` : `/${inside}`,
      len: mount.length,
    };
  }
  if (!best) return undefined;
  const place = volumeScope(ctx, pod, best.volume);
  return place ? { scope: place.scope, rel: normalPath(`${place.root}/${best.rel}`) } : undefined;
}

/** Where a path stored at `rel` in volume scope `scope` is seen in container `c`, if it is. */
function pathIn(ctx: Ctx, pod: Pod, c: Container, scope: string, rel: string): string | undefined {
  for (const m of c.volumeMounts ?? []) {
    const place = volumeScope(ctx, pod, m.name);
    if (place?.scope !== scope) continue;
    const sub = normalPath(`${place.root}/${m.subPath ?? ''}`);
    if (sub !== '/' && rel !== sub && !rel.startsWith(`${sub}/`)) continue;
    const inside = sub === '/' ? rel : rel.slice(sub.length);
    return normalPath(`${normalPath(m.mountPath)}/${inside}`);
  }
  return undefined;
}

/** The run of container `name` whose files count now: its running one, else its last. */
function runOf(pod: Pod, name: string): { startedAt: string; containerID?: string } | undefined {
  const st = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ].find((s) => s.name === name);
  const run = st?.state?.running ?? st?.state?.terminated;
  if (!run?.startedAt) return undefined;
  const id =
    st?.containerID ?? (st?.state?.terminated as { containerID?: string } | undefined)?.containerID;
  return id ? { startedAt: run.startedAt, containerID: id } : { startedAt: run.startedAt };
}

/** What container `c`'s program (and postStart hook) wrote by `nowMs`, at epoch times. */
function programWrites(
  ctx: Ctx,
  pod: Pod,
  c: Container,
  startedAt: string,
  nowMs: number,
  node: KubeObject | undefined,
): StoredFile[] {
  const { where, command, args } = surroundingsOf(ctx, pod, c, node);
  const program: Program = containerProgram(c.image ?? '', command, args, startedAt, where);
  const start = Date.parse(startedAt);
  const out: StoredFile[] = [];
  if (program.runs === 'forever' || program.runs === 'exits') {
    for (const f of program.files ?? []) {
      if (start + f.atMs <= nowMs)
        out.push({ path: normalPath(f.path), content: f.content, at: start + f.atMs });
    }
  }
  if (program.runs === 'forever' && program.rounds) {
    // Any other endless loop: what its rounds wrote by now (loopRounds.ts).
    for (const f of scriptLoopWrites(program.rounds, start, nowMs)) {
      out.push({ path: normalPath(f.path), content: f.content, at: start + f.atMs });
    }
  }
  if (program.runs === 'forever' && program.loop) {
    for (const path of loopFiles(program.loop)) {
      const file = loopFileContent(program.loop, start, nowMs, path);
      if (file) out.push({ path: normalPath(path), content: file.content, at: file.at });
    }
  }
  const hook = c.lifecycle?.postStart?.exec?.command;
  const files = program.runs === 'forever' || program.runs === 'exits' ? program.files : undefined;
  const hookRun = hook ? execInContainer(c.image ?? '', hook, 0, files, where) : undefined;
  for (const f of hookRun?.written ?? []) {
    out.push({ path: normalPath(f.path), content: f.content, at: start + f.atMs });
  }
  return out;
}

/**
 * The files container `target` of `pod` sees at `nowMs` beyond its image's, as events timed
 * from its run's start (`startMs`): its program's and hook's writes, what the pod's other
 * containers wrote in the volumes it shares with them, and what earlier execs wrote.
 */
export function containerFiles(
  ctx: Ctx,
  pod: Pod,
  target: Container,
  node: KubeObject | undefined,
  startMs: number,
  nowMs: number,
): FileEvent[] {
  const all: StoredFile[] = [];
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  for (const c of containers) {
    const run = runOf(pod, c.name);
    if (!run) continue;
    for (const f of programWrites(ctx, pod, c, run.startedAt, nowMs, node)) {
      if (c === target) {
        // Its own program's writes (this run's: runOf gives the current one).
        all.push(f);
        continue;
      }
      const place = placeOf(ctx, pod, c, f.path);
      const seen = place && pathIn(ctx, pod, target, place.scope, place.rel);
      if (seen) all.push({ ...f, path: seen });
    }
  }
  all.push(...hostPathWrites(ctx, pod, target, node, nowMs));
  const stored = ctx.host.storedFiles;
  if (stored) {
    const scopes = new Set<string>();
    for (const m of target.volumeMounts ?? []) {
      const scope = volumeScope(ctx, pod, m.name)?.scope;
      if (!scope || scopes.has(scope)) continue;
      scopes.add(scope);
      for (const f of stored(scope)) {
        const seen = pathIn(ctx, pod, target, scope, f.path);
        if (seen) all.push({ ...f, path: seen });
      }
    }
    const layer = runOf(pod, target.name)?.containerID;
    if (layer) for (const f of stored(`layer:${layer}`)) all.push(f);
  }
  // In time order (a stable sort: at one moment, an exec's write comes after a program's).
  all.sort((a, b) => a.at - b.at);
  return all.map((f) => ({ atMs: f.at - startMs, path: f.path, content: f.content }));
}

/**
 * What the programs of the node's other pods wrote in the hostPath directories `target` mounts
 * (a hostPath is the node's: every pod there that mounts it shares it).
 */
function hostPathWrites(
  ctx: Ctx,
  pod: Pod,
  target: Container,
  node: KubeObject | undefined,
  nowMs: number,
): StoredFile[] {
  const scopes = new Set<string>();
  for (const m of target.volumeMounts ?? []) {
    const scope = volumeScope(ctx, pod, m.name)?.scope;
    if (scope?.startsWith('hostPath:')) scopes.add(scope);
  }
  if (scopes.size === 0) return [];
  const out: StoredFile[] = [];
  for (const other of listAll(ctx, 'pods', undefined) as Pod[]) {
    if (other.metadata?.uid === pod.metadata?.uid) continue;
    if (other.spec?.nodeName !== pod.spec?.nodeName) continue;
    for (const c of [...(other.spec?.initContainers ?? []), ...(other.spec?.containers ?? [])]) {
      const mounts = c.volumeMounts ?? [];
      if (!mounts.some((m) => scopes.has(volumeScope(ctx, other, m.name)?.scope ?? ''))) {
        continue;
      }
      const run = runOf(other, c.name);
      if (!run) continue;
      for (const f of programWrites(ctx, other, c, run.startedAt, nowMs, node)) {
        const place = placeOf(ctx, other, c, f.path);
        const seen =
          place && scopes.has(place.scope) && pathIn(ctx, pod, target, place.scope, place.rel);
        if (seen) out.push({ ...f, path: seen });
      }
    }
  }
  return out;
}

/**
 * Where `path` (absolute, in container `c`) lies on the node's own file system, when a hostPath
 * mount puts it there: the node and its path there.
 */
export function nodePathOf(
  ctx: Ctx,
  pod: Pod,
  c: Container,
  path: string,
): { node: string; path: string } | undefined {
  const node = pod.spec?.nodeName;
  const place = node ? placeOf(ctx, pod, c, normalPath(path)) : undefined;
  return node && place?.scope === nodeFileScope(node) ? { node, path: place.rel } : undefined;
}

/** Keep what an exec in `target` wrote (timed from `nowMs`) for the commands after it. */
export function keepExecWrites(
  ctx: Ctx,
  pod: Pod,
  target: Container,
  written: readonly FileEvent[],
  nowMs: number,
): void {
  const write = ctx.host.writeFiles;
  if (!write || written.length === 0) return;
  const layer = runOf(pod, target.name)?.containerID;
  const byScope = new Map<string, StoredFile[]>();
  for (const f of written) {
    const path = normalPath(f.path);
    const place = placeOf(ctx, pod, target, path);
    const scope = place?.scope ?? (layer ? `layer:${layer}` : undefined);
    if (!scope) continue;
    const list = byScope.get(scope) ?? [];
    list.push({ path: place ? place.rel : path, content: f.content, at: nowMs + f.atMs });
    byScope.set(scope, list);
  }
  for (const [scope, files] of byScope) write(scope, files);
}

/** Where the nginx image serves files from. */
const NGINX_ROOT = '/usr/share/nginx/html';

/**
 * What a pod's nginx container serves (see ServiceView.docRoot): the image's pages, unless a
 * volume is mounted over its html directory, then what is mounted (a ConfigMap's keys, a
 * volume's files) and what was written there since (execs, the pod's other containers).
 * Computed once, when first asked.
 */
export function nginxDocRoot(
  ctx: Ctx,
  pod: Pod,
  c: Container | undefined,
): ((path: string) => string | null | undefined) | undefined {
  if (!c || repository(c.image ?? '') !== 'nginx' || c.command?.length) return undefined;
  const mounts = (c.volumeMounts ?? []).map((m) => normalPath(m.mountPath));
  const whole = mounts.some((m) => m === NGINX_ROOT || NGINX_ROOT.startsWith(`${m}/`));
  let files: Map<string, string | null> | undefined;
  return (path) => {
    const full = normalPath(`${NGINX_ROOT}/${path}`);
    if (!files) {
      files = new Map();
      if (!whole) {
        for (const name of ['index.html', '50x.html']) {
          const page = imageFile(c.image ?? '', `${NGINX_ROOT}/${name}`);
          if (page !== undefined) files.set(`${NGINX_ROOT}/${name}`, page);
        }
      }
      const node = pod.spec?.nodeName
        ? peekObject(ctx, 'nodes', undefined, pod.spec.nodeName)
        : undefined;
      const { where } = surroundingsOf(ctx, pod, c, node);
      for (const [p, content] of where.files ?? []) files.set(p, content);
      const run = runOf(pod, c.name);
      const start = run ? Date.parse(run.startedAt) : ctx.host.nowEpochMs();
      for (const f of containerFiles(ctx, pod, c, node, start, ctx.host.nowEpochMs())) {
        files.set(f.path, f.content);
      }
    }
    return files.get(full) ?? null;
  };
}
