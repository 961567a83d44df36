/**
 * What the API server's admission will say to the PersistentVolumeClaims a controller is about to
 * create (a StatefulSet's volumeClaimTemplates), read from the controller-manager's informer
 * cache, as admissionForecast.ts does for pods: DefaultStorageClass gives a claim without a class
 * the default one, then LimitRanger checks its `PersistentVolumeClaim` items and ResourceQuota
 * charges it. The quotas' usage grows with each claim foreseen as admitted.
 */
import type { KubeObject } from '../api/types.ts';
import { defaultStorageClassName } from '../apiserver/claimQuota.ts';
import { forbidden } from '../apiserver/errors.ts';
import { admitQuota, limitRangeViolations } from '../apiserver/quota.ts';
import { RESOURCES } from '../apiserver/resources.ts';
import type { Cache } from '../runtime/controller.ts';

/** The refusal text for a claim, or undefined when it would be admitted. */
export type ClaimAdmissionForecast = (claim: KubeObject) => string | undefined;

/** A forecast for claims created in `ns` now; undefined when no LimitRange or quota applies. */
export function claimAdmissionForecast(
  ns: string,
  cache: Cache,
  nowIso: string,
): ClaimAdmissionForecast | undefined {
  const limitRanges = cache.list('limitranges', ns);
  let quotas = cache.list('resourcequotas', ns);
  if (limitRanges.length === 0 && quotas.length === 0) return undefined;
  return (claim0) => {
    const spec = { ...((claim0.spec as Record<string, unknown> | undefined) ?? {}) };
    const claim: KubeObject = { ...claim0, kind: 'PersistentVolumeClaim', spec };
    const name = claim.metadata?.name ?? '';
    if (spec.storageClassName == null) {
      const cls = defaultStorageClassName(cache.list('storageclasses'));
      if (cls !== undefined) spec.storageClassName = cls;
    }
    if (limitRanges.length > 0) {
      const why = limitRangeViolations(claim, limitRanges);
      if (why) return forbidden(RESOURCES.persistentvolumeclaims, name, why).message;
    }
    if (quotas.length === 0) return undefined;
    const verdict = admitQuota('persistentvolumeclaims', claim, quotas, nowIso);
    if (!verdict.ok)
      return forbidden(RESOURCES.persistentvolumeclaims, name, verdict.reason).message;
    for (const { quota, used } of verdict.charged) {
      quotas = quotas.map((q) =>
        q === quota ? { ...q, status: { ...(q.status as object), used } } : q,
      );
    }
    return undefined;
  };
}
