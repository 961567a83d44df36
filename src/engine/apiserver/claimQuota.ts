/**
 * The quota evaluator of PersistentVolumeClaims (pkg/quota/v1/evaluator/core/
 * persistent_volume_claims.go), as kube-apiserver's ResourceQuota admission and the
 * resourcequota controller use it in 1.32:
 *
 * - a claim is charged `persistentvolumeclaims` and `count/persistentvolumeclaims` (1 each) and
 *   `requests.storage` (its storage request, rounded up to whole bytes);
 * - a claim with a class (the beta annotation `volume.beta.kubernetes.io/storage-class`, else
 *   `spec.storageClassName`, which the DefaultStorageClass admission has filled in before the
 *   ResourceQuota admission runs) is also charged `<class>.storageclass.storage.k8s.io/
 *   persistentvolumeclaims` and `<class>.storageclass.storage.k8s.io/requests.storage`;
 * - the evaluator handles updates too: a resize is charged the growth only (the admission
 *   subtracts the old claim's usage).
 *
 * RecoverVolumeExpansionFailure (which would charge `status.allocatedResources` when larger) is
 * off in this simulator, as storage.ts's update validation has it.
 */
import type { KubeObject } from '../api/types.ts';
import { quantityFraction } from '../scheduler/framework/quantity.ts';
import type { Amount } from './quota.ts';

/** `<class>` + this + `<resource>`: a quota resource scoped to one StorageClass. */
export const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

const CLAIM_RESOURCES = ['persistentvolumeclaims', 'requests.storage'] as const;

/** Whether a quota resource name is one the claim evaluator charges (MatchingResources). */
export function claimQuotaMatches(name: string): boolean {
  if (name === 'count/persistentvolumeclaims') return true;
  for (const r of CLAIM_RESOURCES) {
    if (name === r || name.endsWith(`${STORAGE_CLASS_SUFFIX}${r}`)) return true;
  }
  return false;
}

/** GetPersistentVolumeClaimClass: the beta annotation, else `spec.storageClassName`. */
function claimClass(pvc: KubeObject): string {
  const beta = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return String(beta);
  const cls = (pvc.spec as { storageClassName?: unknown } | undefined)?.storageClassName;
  return typeof cls === 'string' ? cls : '';
}

/** The claim's storage request rounded up to a whole byte (getStorageUsage's RoundUp(0)). */
function storageRequest(pvc: KubeObject): Amount | undefined {
  const spec = pvc.spec as { resources?: { requests?: Record<string, unknown> } } | undefined;
  const q = spec?.resources?.requests?.storage;
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  const text = String(q);
  const f = quantityFraction(text);
  if (!f) return undefined;
  const binary = /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(text);
  if (f.num % f.den === 0n) return { num: f.num, den: f.den, binary };
  const whole = f.num / f.den + (f.num > 0n ? 1n : 0n);
  return { num: whole, den: 1n, binary };
}

/** The usage one claim is charged with (the evaluator's Usage). */
export function claimUsage(pvc: KubeObject): Record<string, Amount> {
  const one: Amount = { num: 1n, den: 1n, binary: false };
  const out: Record<string, Amount> = {
    persistentvolumeclaims: one,
    'count/persistentvolumeclaims': one,
  };
  const cls = claimClass(pvc);
  if (cls !== '') out[`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = one;
  const storage = storageRequest(pvc);
  if (storage) {
    out['requests.storage'] = storage;
    if (cls !== '') out[`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`] = storage;
  }
  return out;
}

/**
 * The DefaultStorageClass admission's choice for a claim without `storageClassName`: the default
 * class (annotation `storageclass.kubernetes.io/is-default-class`, or its beta form, `"true"`),
 * the newest when several are; undefined when there is none.
 */
export function defaultStorageClassName(classes: readonly KubeObject[]): string | undefined {
  let best: KubeObject | undefined;
  for (const sc of classes) {
    const a = sc.metadata?.annotations ?? {};
    const isDefault =
      a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
      a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    if (!isDefault) continue;
    if (
      !best ||
      String(sc.metadata?.creationTimestamp ?? '') > String(best.metadata?.creationTimestamp ?? '')
    )
      best = sc;
  }
  return best?.metadata?.name;
}
