/**
 * The patch metadata of the built-in types this cluster stores: the `patchStrategy` and
 * `patchMergeKey` struct tags of k8s.io/api (core/v1, apps/v1 and batch/v1 types.go, meta/v1
 * ObjectMeta) that strategic merge patch reads, and just enough of the type tree to reach them.
 *
 * A field not listed here has no tag: a map (struct or map field) is merged key by key, a list
 * is replaced whole. That is exactly what strategicpatch does for an untagged field, so only
 * the tagged fields and the struct fields on the way to them need to be described.
 */
import type { ResourceName } from '../api/types.ts';

/** One field's patch metadata. */
export interface FieldMeta {
  /** The struct type of the field (of its elements, for a list), when it leads to tagged fields. */
  type?: string;
  /** `merge` (merge the list), `retainKeys` (allow `$retainKeys`), or both. */
  strategy?: 'merge' | 'retainKeys' | 'merge,retainKeys';
  /** The merge key of a list of maps merged by key. */
  mergeKey?: string;
}

type StructMeta = Readonly<Record<string, FieldMeta>>;

const merge = (mergeKey?: string, type?: string): FieldMeta => ({
  strategy: 'merge',
  ...(mergeKey ? { mergeKey } : {}),
  ...(type ? { type } : {}),
});

/** Struct name → its fields with tags, or with tagged fields below them. */
const TYPES: Readonly<Record<string, StructMeta>> = {
  ObjectMeta: {
    ownerReferences: merge('uid'),
    finalizers: merge(),
  },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: merge('name', 'Container'),
    containers: merge('name', 'Container'),
    ephemeralContainers: merge('name', 'Container'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    // tolerations, readinessGates: no tag (replaced whole).
  },
  Container: {
    ports: merge('containerPort'),
    env: merge('name'),
    volumeMounts: merge('mountPath'),
    volumeDevices: merge('devicePath'),
  },
  PodStatus: {
    conditions: merge('type'),
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  // NodeSpec.taints has no tag: a patch replaces the whole list.
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions: merge('type'), addresses: merge('type') },
  ServiceSpec: { ports: merge('port') },
  NamespaceStatus: { conditions: merge('type') },
  DeploymentSpec: {
    template: { type: 'PodTemplateSpec' },
    strategy: { strategy: 'retainKeys' },
  },
  DeploymentStatus: { conditions: merge('type') },
  ReplicaSetSpec: { template: { type: 'PodTemplateSpec' } },
  ReplicaSetStatus: { conditions: merge('type') },
  DaemonSetSpec: { template: { type: 'PodTemplateSpec' } },
  DaemonSetStatus: { conditions: merge('type') },
  StatefulSetSpec: { template: { type: 'PodTemplateSpec' } },
  StatefulSetStatus: { conditions: merge('type') },
  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: merge('name') },
  // batch/v1 types.go
  JobSpec: { template: { type: 'PodTemplateSpec' } },
  JobStatus: { conditions: merge('type') },
  JobTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'JobSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
};

/** The top-level struct of each resource: metadata, and spec/status by their types. */
const ROOTS: Readonly<Record<ResourceName, StructMeta>> = {
  namespaces: { metadata: { type: 'ObjectMeta' }, status: { type: 'NamespaceStatus' } },
  nodes: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'NodeSpec' },
    status: { type: 'NodeStatus' },
  },
  pods: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'PodSpec' },
    status: { type: 'PodStatus' },
  },
  deployments: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'DeploymentSpec' },
    status: { type: 'DeploymentStatus' },
  },
  replicasets: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'ReplicaSetSpec' },
    status: { type: 'ReplicaSetStatus' },
  },
  daemonsets: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'DaemonSetSpec' },
    status: { type: 'DaemonSetStatus' },
  },
  statefulsets: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'StatefulSetSpec' },
    status: { type: 'StatefulSetStatus' },
  },
  services: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ServiceSpec' } },
  endpoints: { metadata: { type: 'ObjectMeta' } },
  // EndpointSlice's endpoints and ports are atomic lists: a patch replaces them whole.
  endpointslices: { metadata: { type: 'ObjectMeta' } },
  priorityclasses: { metadata: { type: 'ObjectMeta' } },
  // PolicyRule and Subject lists have no merge key: a patch replaces them whole.
  roles: { metadata: { type: 'ObjectMeta' } },
  clusterroles: { metadata: { type: 'ObjectMeta' } },
  certificatesigningrequests: { metadata: { type: 'ObjectMeta' } },
  rolebindings: { metadata: { type: 'ObjectMeta' } },
  clusterrolebindings: { metadata: { type: 'ObjectMeta' } },
  resourcequotas: { metadata: { type: 'ObjectMeta' } },
  limitranges: { metadata: { type: 'ObjectMeta' } },
  poddisruptionbudgets: { metadata: { type: 'ObjectMeta' } },
  persistentvolumes: { metadata: { type: 'ObjectMeta' } },
  persistentvolumeclaims: { metadata: { type: 'ObjectMeta' } },
  storageclasses: { metadata: { type: 'ObjectMeta' } },
  horizontalpodautoscalers: { metadata: { type: 'ObjectMeta' } },
  ingresses: { metadata: { type: 'ObjectMeta' } },
  ingressclasses: { metadata: { type: 'ObjectMeta' } },
  networkpolicies: { metadata: { type: 'ObjectMeta' } },
  events: { metadata: { type: 'ObjectMeta' } },
  leases: { metadata: { type: 'ObjectMeta' } },
  configmaps: { metadata: { type: 'ObjectMeta' } },
  secrets: { metadata: { type: 'ObjectMeta' } },
  serviceaccounts: TYPES.ServiceAccount as StructMeta,
  controllerrevisions: { metadata: { type: 'ObjectMeta' } },
  jobs: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'JobSpec' },
    status: { type: 'JobStatus' },
  },
  cronjobs: { metadata: { type: 'ObjectMeta' }, spec: { type: 'CronJobSpec' } },
};

/** Where strategic merge stands: the struct whose fields it is merging. */
export type PatchSchema = StructMeta;

/** The schema of a resource's objects. */
export function schemaOf(resource: ResourceName): PatchSchema {
  return ROOTS[resource];
}

/** A field's metadata in a struct (none for an untagged field). */
export function fieldMeta(schema: PatchSchema | undefined, field: string): FieldMeta {
  return (schema && Object.hasOwn(schema, field) ? schema[field] : undefined) ?? {};
}

/** The struct a field leads to, if it leads to tagged fields. */
export function fieldSchema(meta: FieldMeta): PatchSchema | undefined {
  return meta.type ? TYPES[meta.type] : undefined;
}

/** The Pod's schema, for `kubectl run --overrides`. */
export const POD_SCHEMA: PatchSchema = ROOTS.pods;
