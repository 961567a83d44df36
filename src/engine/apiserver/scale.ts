/**
 * The scale subresource (autoscaling/v1 Scale) of a Deployment, ReplicaSet or StatefulSet:
 * what the API server answers `GET …/scale` with and what a scale patch is applied to
 * (registry/apps/*: scaleFromDeployment and its kin). `status.selector` is the workload's
 * label selector as LabelSelectorAsSelector(...).String() prints it, match expressions
 * included; omitted when empty.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { labelSelectorString } from './selectors.ts';

/** The kinds that have a scale subresource. */
export const SCALABLE: ReadonlySet<ResourceName> = new Set([
  'deployments',
  'replicasets',
  'statefulsets',
]);

/** The Scale of a Deployment, ReplicaSet or StatefulSet. */
export function scaleOf(obj: KubeObject): KubeObject {
  const meta = obj.metadata ?? {};
  const spec = (obj.spec ?? {}) as {
    replicas?: number;
    selector?: Parameters<typeof labelSelectorString>[0];
  };
  const status = (obj.status ?? {}) as { replicas?: number };
  const selector = labelSelectorString(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  } as KubeObject;
}
