/**
 * VolumeBinding's PreFilter (pkg/scheduler/framework/plugins/volumebinding, 1.32): a pod whose
 * PersistentVolumeClaims are missing, being deleted, lost, or unbound with Immediate binding
 * cannot be scheduled anywhere (UnschedulableAndUnresolvable); the scheduler tries again once a
 * claim changes. Claims of a WaitForFirstConsumer class and volumes' node affinity are not
 * handled (no dynamic provisioning in this cluster).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/types.ts';

export const NAME = 'VolumeBinding';
export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** Reads a claim of the pod's namespace from the scheduler's informer. */
export type ClaimLookup = (namespace: string, name: string) => KubeObject | undefined;

/**
 * `podHasPVCs` then `GetPodVolumeClaims`: the PreFilter's rejection text, or undefined when every
 * claim the pod names is bound (or it names none).
 */
export function preFilter(pod: Pod, claims: ClaimLookup): string | undefined {
  const volumes = pod.spec?.volumes;
  if (!volumes || volumes.length === 0) return undefined;
  const ns = pod.metadata?.namespace ?? '';
  let unbound = false;
  for (const v of volumes) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const pvc = claims(ns, name);
    if (!pvc) return `persistentvolumeclaim "${name}" not found`;
    const spec = (pvc.spec ?? {}) as { volumeName?: string };
    const phase = (pvc.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Lost')
      return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${spec.volumeName ?? ''}"`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (!spec.volumeName) unbound = true;
  }
  return unbound ? REASON_UNBOUND_IMMEDIATE : undefined;
}
