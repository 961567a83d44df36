/**
 * What the API server's LimitRanger, PodSecurity and ResourceQuota admission will say to the pods a
 * controller is about to create, read from the controller's informer cache (see
 * `podCreateRefusal` in replicaset.ts: a reconcile returns its writes before they are made, so
 * the controllers foresee a refusal to record `FailedCreate` instead of `SuccessfulCreate`).
 * The quotas' usage grows with each pod foreseen as admitted, so with `pods: 2` and three
 * replicas the third is the one refused.
 */
import type { KubeObject } from '../api/types.ts';
import { applyAppArmorVersionSkew } from '../apiserver/appArmor.ts';
import { defaultPodRequests } from '../apiserver/defaults.ts';
import { forbidden } from '../apiserver/errors.ts';
import { admitPodSecurity } from '../apiserver/podSecurity.ts';
import { admitQuota, applyLimitRangeDefaults, limitRangeViolations } from '../apiserver/quota.ts';
import { RESOURCES } from '../apiserver/resources.ts';
import type { Cache } from '../runtime/controller.ts';
import { clone } from './objects.ts';

/** Refusal text for a pod of `spec` named `name`, or undefined when it would be admitted. */
export type PodAdmissionForecast = (
  spec: Record<string, unknown>,
  name: string,
  annotations?: Record<string, string>,
) => string | undefined;

/** A forecast for pods created in `ns` now; undefined when no LimitRange or quota applies. */
export function podAdmissionForecast(
  ns: string,
  cache: Cache,
  nowIso: string,
): PodAdmissionForecast | undefined {
  const limitRanges = cache.list('limitranges', ns);
  let quotas = cache.list('resourcequotas', ns);
  const labels = cache.get('namespaces', undefined, ns)?.metadata?.labels;
  const podSecurity =
    !!labels && Object.keys(labels).some((k) => k.startsWith('pod-security.kubernetes.io/'));
  if (limitRanges.length === 0 && quotas.length === 0 && !podSecurity) return undefined;
  return (spec, name, annotations) => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: ns,
        ...(annotations ? { annotations: { ...annotations } } : {}),
      },
      spec: clone(spec),
    };
    // SetDefaults_Pod first: a template's limits-only container gets its requests.
    defaultPodRequests(pod.spec as Record<string, unknown>);
    if (limitRanges.length > 0) {
      applyLimitRangeDefaults(pod, limitRanges);
      const why = limitRangeViolations(pod, limitRanges);
      if (why) return forbidden(RESOURCES.pods, name, why).message;
    }
    if (podSecurity) {
      // The strategy's AppArmor sync runs before validating admission.
      applyAppArmorVersionSkew(pod);
      const verdict = admitPodSecurity('pods', pod, labels);
      if ('forbidden' in verdict) return forbidden(RESOURCES.pods, name, verdict.forbidden).message;
    }
    if (quotas.length === 0) return undefined;
    const verdict = admitQuota('pods', pod, quotas, nowIso);
    if (!verdict.ok) return forbidden(RESOURCES.pods, name, verdict.reason).message;
    for (const { quota, used } of verdict.charged) {
      quotas = quotas.map((q) =>
        q === quota ? { ...q, status: { ...(q.status as object), used } } : q,
      );
    }
    return undefined;
  };
}
