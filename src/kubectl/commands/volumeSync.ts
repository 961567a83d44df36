/**
 * What a pod's ConfigMap, Secret, downward API and projected volumes hold at a given moment.
 *
 * The kubelet writes these volumes (atomically, through `..data`) when it syncs the pod: when it
 * starts it, when the pod object changes (a new label or annotation: the downward API files
 * follow at once, and the ConfigMap and Secret files are rewritten too), and otherwise on its
 * periodic resync, every `--sync-frequency` (1m). A ConfigMap or Secret edit does not make the
 * kubelet sync the pod, so a container sees it only at the next sync. Modelled deterministically:
 * the ConfigMaps and Secrets are read as they were at the pod's last sync, a tick every
 * POD_SYNC_MS counted from the pod's start (`status.startTime`, no jitter) or, if later, the last
 * change of its labels or annotations; the pod's own fields as they are at the moment asked.
 * The environment and subPath mounts keep the values of the container's start (containerEnv.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import type {
  ObjectData,
  PodRuntime,
  ProjectedTokenSource,
} from '../../engine/node/containerEnv.ts';
import { volumeFiles } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';
import { peekObject } from './common.ts';

/** The kubelet's periodic pod sync (`--sync-frequency`, default 1m). */
export const POD_SYNC_MS = 60_000;

/** A pod's labels and annotations as one string (what makes a pod update the kubelet syncs). */
const METADATA = new WeakMap<object, string>();
function metadataOf(pod: KubeObject): string {
  let key = METADATA.get(pod);
  if (key === undefined) {
    key = JSON.stringify([pod.metadata?.labels ?? {}, pod.metadata?.annotations ?? {}]);
    METADATA.set(pod, key);
  }
  return key;
}

type Mounted = ReturnType<typeof volumeFiles>;

/**
 * The container's volume files as at epoch ms `at` (see the module's comment). `atStart` is what
 * the subPath mounts read (the data of the container's start).
 */
export function syncedVolumes(
  ctx: Ctx,
  p: Pod,
  container: Parameters<typeof volumeFiles>[1],
  atStart: ObjectData,
  runtime: PodRuntime,
): (at: number) => Mounted {
  const namespace = p.metadata?.namespace ?? ctx.namespace;
  const name = p.metadata?.name ?? '';
  const uid = p.metadata?.uid;
  const started = Date.parse(p.status?.startTime ?? '');
  const peekAt = (
    resource: 'configmaps' | 'secrets' | 'pods',
    objName: string,
    at: number,
  ): KubeObject | undefined =>
    ctx.host.peekAt
      ? ctx.host.peekAt(resource, namespace, objName, at)
      : peekObject(ctx, resource, namespace, objName);
  const memo = new Map<string, Mounted>();
  // The same pod (not an earlier one of that name) at a moment.
  const podAt = (at: number) => {
    const then = peekAt('pods', name, at);
    return then?.metadata?.uid === uid ? then : undefined;
  };
  // When the kubelet last synced the pod by `at`.
  const syncedAt = (at: number, now: KubeObject | undefined): number => {
    if (Number.isNaN(started)) return at;
    const tick = started + Math.floor(Math.max(0, at - started) / POD_SYNC_MS) * POD_SYNC_MS;
    const then = podAt(tick);
    if (!now || !then || now === then || metadataOf(now) === metadataOf(then)) return tick;
    // The labels or annotations changed since the tick: the pod update was synced when the last
    // change came (found by halving the interval: before it they differ from now's).
    let lo = tick;
    let hi = at;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const m = podAt(mid);
      if (m && metadataOf(m) === metadataOf(now)) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  return (at) => {
    const then = podAt(at);
    const pod = (then ?? p) as KubeObject;
    const tick = syncedAt(at, then);
    const key = `${tick}/${pod.metadata?.resourceVersion ?? ''}`;
    if (memo.has(key)) return memo.get(key);
    const data: ObjectData = (resource, objName) => {
      const o = peekAt(resource, objName, tick) as
        | { data?: Record<string, string>; binaryData?: Record<string, string> }
        | undefined;
      return o ? { ...o.binaryData, ...o.data } : undefined;
    };
    // The projected token as the kubelet last wrote it (podToken.ts).
    const token = runtime.token;
    const rt = token ? { ...runtime, token: (s: ProjectedTokenSource) => token(s, tick) } : runtime;
    const files = volumeFiles(pod, container, data, atStart, rt);
    memo.set(key, files);
    return files;
  };
}
