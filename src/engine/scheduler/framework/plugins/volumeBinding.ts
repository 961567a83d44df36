/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding, 1.32).
 *
 * PreFilter: a pod whose PersistentVolumeClaims are missing, being deleted, lost, or unbound
 * with Immediate binding cannot be scheduled anywhere (UnschedulableAndUnresolvable); the
 * scheduler tries again once a claim, volume or class changes. Claims of a WaitForFirstConsumer
 * class are left to Filter.
 *
 * Filter: a node passes when the volumes of the pod's bound claims allow it (their node
 * affinity) and each WaitForFirstConsumer claim finds an Available volume of its own there.
 * The chosen volumes are bound to their claims (PreBind) once the pod has its node; the
 * binder completes the claims. Dynamic provisioning is not simulated.
 */
import type { NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/types.ts';
import { findMatchingVolume } from '../../../controllers/persistentVolume.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import type { Rejection } from '../types.ts';
import { compileTerm } from './nodeAffinity.ts';

export const NAME = 'VolumeBinding';
export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";

/** The scheduler's informers for claims, volumes and classes. */
export interface VolumeLookup {
  claim(namespace: string, name: string): KubeObject | undefined;
  volume(name: string): KubeObject | undefined;
  volumes(): readonly KubeObject[];
  storageClass(name: string): KubeObject | undefined;
}

/** What Filter needs: the volumes of bound claims, the claims still to bind. */
export interface VolumeState {
  bound: KubeObject[];
  delayed: KubeObject[];
}

function claimClass(pvc: KubeObject): string {
  const beta = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return beta;
  const c = (pvc.spec as { storageClassName?: unknown } | undefined)?.storageClassName;
  return typeof c === 'string' ? c : '';
}

/**
 * `podHasPVCs` then `GetPodVolumeClaims`: the PreFilter's rejection text, or the state for
 * Filter (undefined when the pod names no claim).
 */
export function preFilter(
  pod: Pod,
  lookup: VolumeLookup,
): { reject: string } | VolumeState | undefined {
  const volumes = pod.spec?.volumes;
  if (!volumes || volumes.length === 0) return undefined;
  const ns = pod.metadata?.namespace ?? '';
  let unbound = false;
  let state: VolumeState | undefined;
  for (const v of volumes) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    state ??= { bound: [], delayed: [] };
    const pvc = lookup.claim(ns, name);
    if (!pvc) return { reject: `persistentvolumeclaim "${name}" not found` };
    const spec = (pvc.spec ?? {}) as { volumeName?: string };
    const phase = (pvc.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Lost')
      return {
        reject: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${spec.volumeName ?? ''}"`,
      };
    if (pvc.metadata?.deletionTimestamp)
      return { reject: `persistentvolumeclaim "${name}" is being deleted` };
    if (spec.volumeName) {
      const pv = lookup.volume(spec.volumeName);
      if (pv) state.bound.push(pv);
      continue;
    }
    const cls = claimClass(pvc);
    const sc = cls ? lookup.storageClass(cls) : undefined;
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer') state.delayed.push(pvc);
    else unbound = true;
  }
  if (unbound) return { reject: REASON_UNBOUND_IMMEDIATE };
  return state && (state.bound.length > 0 || state.delayed.length > 0) ? state : undefined;
}

type Matcher = ReturnType<typeof compileTerm>;
const affinityMemo = new WeakMap<KubeObject, Matcher[] | null>();

/** Whether a volume's required node affinity admits the node (no affinity: every node). */
export function volumeFitsNode(pv: KubeObject, node: NodeInfo): boolean {
  let terms = affinityMemo.get(pv);
  if (terms === undefined) {
    const required = (
      pv.spec as
        | { nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } }
        | undefined
    )?.nodeAffinity?.required;
    terms = required ? (required.nodeSelectorTerms ?? []).map(compileTerm) : null;
    if (Object.isFrozen(pv)) affinityMemo.set(pv, terms);
  }
  if (terms === null) return true;
  return terms.some((t) => t(node.labels, node.name));
}

/**
 * The volumes the delayed claims would get on `node` (one each, none twice), or undefined when
 * one of them finds none.
 */
export function findVolumes(
  state: VolumeState,
  node: NodeInfo,
  lookup: VolumeLookup,
): Map<KubeObject, KubeObject> | undefined {
  const chosen = new Map<KubeObject, KubeObject>();
  const taken = new Set<KubeObject>();
  const candidates = lookup.volumes().filter((pv) => volumeFitsNode(pv, node));
  for (const pvc of state.delayed) {
    const pv = findMatchingVolume(
      pvc,
      candidates.filter((c) => !taken.has(c)),
      false,
    );
    if (!pv) return undefined;
    chosen.set(pvc, pv);
    taken.add(pv);
  }
  return chosen;
}

/** VolumeBinding's Filter for one node. */
export function filter(
  state: VolumeState,
  node: NodeInfo,
  lookup: VolumeLookup,
): Rejection | undefined {
  const reasons: string[] = [];
  if (state.bound.some((pv) => !volumeFitsNode(pv, node))) reasons.push(REASON_NODE_CONFLICT);
  if (state.delayed.length > 0 && !findVolumes(state, node, lookup))
    reasons.push(REASON_BIND_CONFLICT);
  if (reasons.length === 0) return undefined;
  return { plugin: NAME, code: 'UnschedulableAndUnresolvable', reasons };
}
