import type { ResourceName } from '../engine/api/types.ts';

/** What kubectl knows about a resource type (its discovery entry). */
export interface ResourceType<R extends string = ResourceName> {
  resource: R;
  singular: string;
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
}

/**
 * Built-in types a fresh kubeadm 1.32 cluster serves with no objects in them. The simulated
 * API server stores none of these, so kubectl answers for them without a request: an empty
 * list, or NotFound by name, exactly what the real server would say.
 */
export type EmptyResourceName =
  | 'podtemplates'
  | 'replicationcontrollers'
  | 'mutatingwebhookconfigurations'
  | 'validatingadmissionpolicies'
  | 'validatingadmissionpolicybindings'
  | 'validatingwebhookconfigurations'
  | 'customresourcedefinitions'
  | 'runtimeclasses'
  | 'csidrivers'
  | 'csistoragecapacities'
  | 'volumeattachments';

/** A type the simulated API server never holds objects of. */
export type EmptyResourceType = ResourceType<EmptyResourceName>;

/** Any type kubectl can name: one the simulated API server stores, or an always-empty one. */
export type AnyResourceType = ResourceType | EmptyResourceType;

const EMPTY_RESOURCES: ReadonlySet<string> = new Set<EmptyResourceName>([
  'podtemplates',
  'replicationcontrollers',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'validatingwebhookconfigurations',
  'customresourcedefinitions',
  'runtimeclasses',
  'csidrivers',
  'csistoragecapacities',
  'volumeattachments',
]);

/** Whether the simulated API server stores objects of this type (so requests make sense). */
export function isStoredType(t: AnyResourceType): t is ResourceType {
  return !EMPTY_RESOURCES.has(t.resource);
}

/**
 * All types in `kubectl api-resources` order: by API group name (core `''` first), then by
 * resource name, as kubectl's `sortableResource` sorts them.
 */
export const RESOURCE_TYPES: readonly AnyResourceType[] = [
  {
    resource: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    resource: 'endpoints',
    singular: 'endpoints',
    kind: 'Endpoints',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['ep'],
  },
  {
    resource: 'events',
    singular: 'event',
    kind: 'Event',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    resource: 'limitranges',
    singular: 'limitrange',
    kind: 'LimitRange',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['limits'],
  },
  {
    resource: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    resource: 'nodes',
    singular: 'node',
    kind: 'Node',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['no'],
  },
  {
    resource: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    kind: 'PersistentVolumeClaim',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['pvc'],
  },
  {
    resource: 'persistentvolumes',
    singular: 'persistentvolume',
    kind: 'PersistentVolume',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['pv'],
  },
  {
    resource: 'pods',
    singular: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['po'],
  },
  {
    resource: 'podtemplates',
    singular: 'podtemplate',
    kind: 'PodTemplate',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'replicationcontrollers',
    singular: 'replicationcontroller',
    kind: 'ReplicationController',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['rc'],
  },
  {
    resource: 'resourcequotas',
    singular: 'resourcequota',
    kind: 'ResourceQuota',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['quota'],
  },
  {
    resource: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    resource: 'services',
    singular: 'service',
    kind: 'Service',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['svc'],
  },
  {
    resource: 'mutatingwebhookconfigurations',
    singular: 'mutatingwebhookconfiguration',
    kind: 'MutatingWebhookConfiguration',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'validatingadmissionpolicies',
    singular: 'validatingadmissionpolicy',
    kind: 'ValidatingAdmissionPolicy',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'validatingadmissionpolicybindings',
    singular: 'validatingadmissionpolicybinding',
    kind: 'ValidatingAdmissionPolicyBinding',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'validatingwebhookconfigurations',
    singular: 'validatingwebhookconfiguration',
    kind: 'ValidatingWebhookConfiguration',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    kind: 'CustomResourceDefinition',
    group: 'apiextensions.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: ['crd', 'crds'],
  },
  {
    resource: 'controllerrevisions',
    singular: 'controllerrevision',
    kind: 'ControllerRevision',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    resource: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    shortNames: ['deploy'],
  },
  {
    resource: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    resource: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    resource: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    version: 'v2',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    resource: 'cronjobs',
    singular: 'cronjob',
    kind: 'CronJob',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    shortNames: ['cj'],
  },
  {
    resource: 'jobs',
    singular: 'job',
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'certificatesigningrequests',
    singular: 'certificatesigningrequest',
    kind: 'CertificateSigningRequest',
    group: 'certificates.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: ['csr'],
  },
  {
    resource: 'leases',
    singular: 'lease',
    kind: 'Lease',
    group: 'coordination.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'ingressclasses',
    singular: 'ingressclass',
    kind: 'IngressClass',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'ingresses',
    singular: 'ingress',
    kind: 'Ingress',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: ['ing'],
  },
  {
    resource: 'networkpolicies',
    singular: 'networkpolicy',
    kind: 'NetworkPolicy',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: ['netpol'],
  },
  {
    resource: 'runtimeclasses',
    singular: 'runtimeclass',
    kind: 'RuntimeClass',
    group: 'node.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'poddisruptionbudgets',
    singular: 'poddisruptionbudget',
    kind: 'PodDisruptionBudget',
    group: 'policy',
    version: 'v1',
    namespaced: true,
    shortNames: ['pdb'],
  },
  {
    resource: 'clusterrolebindings',
    singular: 'clusterrolebinding',
    kind: 'ClusterRoleBinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'clusterroles',
    singular: 'clusterrole',
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'rolebindings',
    singular: 'rolebinding',
    kind: 'RoleBinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'roles',
    singular: 'role',
    kind: 'Role',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'priorityclasses',
    singular: 'priorityclass',
    kind: 'PriorityClass',
    group: 'scheduling.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: ['pc'],
  },
  {
    resource: 'csidrivers',
    singular: 'csidriver',
    kind: 'CSIDriver',
    group: 'storage.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
  {
    resource: 'csistoragecapacities',
    singular: 'csistoragecapacity',
    kind: 'CSIStorageCapacity',
    group: 'storage.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
  {
    resource: 'storageclasses',
    singular: 'storageclass',
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: ['sc'],
  },
  {
    resource: 'volumeattachments',
    singular: 'volumeattachment',
    kind: 'VolumeAttachment',
    group: 'storage.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
  },
];

/**
 * A type a kubeadm 1.32 API server serves that this console neither stores nor lists as empty:
 * a real cluster holds objects of it (RBAC roles, flow schemas, API services, CSINodes…) or it
 * takes only creates (reviews, bindings). Discovery (`api-resources`, `api-versions`) shows it;
 * a command naming it says the console does not have it.
 */
export interface ServedOnlyType extends Omit<ResourceType<string>, 'singular'> {
  /** The verbs discovery lists, when not the usual eight. */
  verbs?: string;
}

const served = (
  resource: string,
  kind: string,
  group: string,
  namespaced: boolean,
  shortNames: string[] = [],
  verbs?: string,
): ServedOnlyType => ({
  resource,
  kind,
  group,
  version: 'v1',
  namespaced,
  shortNames,
  ...(verbs ? { verbs } : {}),
});

/** Served-only types, in discovery order (api-resources merges them with RESOURCE_TYPES). */
export const SERVED_ONLY_TYPES: readonly ServedOnlyType[] = [
  served('bindings', 'Binding', '', true, [], 'create'),
  // `kubectl get cs` has its own command (componentStatus.ts).
  served('componentstatuses', 'ComponentStatus', '', false, ['cs'], 'get,list'),
  served('apiservices', 'APIService', 'apiregistration.k8s.io', false),
  served('selfsubjectreviews', 'SelfSubjectReview', 'authentication.k8s.io', false, [], 'create'),
  served('tokenreviews', 'TokenReview', 'authentication.k8s.io', false, [], 'create'),
  served(
    'localsubjectaccessreviews',
    'LocalSubjectAccessReview',
    'authorization.k8s.io',
    true,
    [],
    'create',
  ),
  served(
    'selfsubjectaccessreviews',
    'SelfSubjectAccessReview',
    'authorization.k8s.io',
    false,
    [],
    'create',
  ),
  served(
    'selfsubjectrulesreviews',
    'SelfSubjectRulesReview',
    'authorization.k8s.io',
    false,
    [],
    'create',
  ),
  served(
    'subjectaccessreviews',
    'SubjectAccessReview',
    'authorization.k8s.io',
    false,
    [],
    'create',
  ),
  served('events', 'Event', 'events.k8s.io', true, ['ev']),
  served('flowschemas', 'FlowSchema', 'flowcontrol.apiserver.k8s.io', false),
  served(
    'prioritylevelconfigurations',
    'PriorityLevelConfiguration',
    'flowcontrol.apiserver.k8s.io',
    false,
  ),
  served('csinodes', 'CSINode', 'storage.k8s.io', false),
];

/**
 * Group versions served besides each group's preferred one (what `api-versions` adds to the
 * types' own): autoscaling/v1 beside autoscaling/v2.
 */
export const OTHER_SERVED_VERSIONS: readonly string[] = ['autoscaling/v1'];

/** The served-only type `arg` names (plural, kind or short name, as resolveType), if any. */
export function servedOnlyType(arg: string): ServedOnlyType | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot > 0 ? lower.slice(0, dot) : lower;
  let group = dot > 0 ? lower.slice(dot + 1) : undefined;
  const parts = group?.split('.') ?? [];
  if (group !== undefined && parts.length > 1 && /^v\d/.test(parts[0] ?? ''))
    group = parts.slice(1).join('.');
  return SERVED_ONLY_TYPES.find(
    (t) =>
      (group === undefined || t.group === group) &&
      (t.resource === name ||
        t.kind.toLowerCase() === name ||
        t.shortNames.includes(arg.split('.')[0] ?? arg)),
  );
}

/** Types the simulated API server stores, in the same order. */
const STORED_TYPES: readonly ResourceType[] = RESOURCE_TYPES.filter(isStoredType);

/**
 * What `kubectl get all` expands to (the "all" category), in discovery order. The empty types
 * print nothing, as on a real cluster.
 */
export const ALL_CATEGORY: readonly AnyResourceType[] = [
  'pods',
  'replicationcontrollers',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'horizontalpodautoscalers',
  'cronjobs',
  'jobs',
].map((name) => {
  const t = RESOURCE_TYPES.find((r) => r.resource === name);
  if (!t) throw new Error(`unknown resource ${name}`);
  return t;
});

/** `apiVersion` of a type: `v1` or `apps/v1`. */
export function apiVersionOf(t: AnyResourceType): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}

/** `resource.group` as the server qualifies names in messages: `deployments.apps`, `pods`. */
export function qualifiedResource(t: AnyResourceType): string {
  return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
}

/** `kind.group` lower-cased as the name printer writes it: `deployment.apps`, `pod`. */
export function kindPrefix(t: AnyResourceType): string {
  const k = t.kind.toLowerCase();
  return t.group === '' ? k : `${k}.${t.group}`;
}

export function typeByResource(resource: ResourceName): ResourceType {
  const t = STORED_TYPES.find((r) => r.resource === resource);
  if (!t) throw new Error(`unknown resource ${resource}`);
  return t;
}

/**
 * Finds the stored type of an object from its apiVersion and kind (`-f` files). Always-empty
 * types are not found: this console cannot create or read them from a manifest.
 */
export function typeByKind(apiVersion: unknown, kind: unknown): ResourceType | undefined {
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  // Only served group versions map (the removed betas do not: "no matches for kind").
  return STORED_TYPES.find(
    (r) =>
      r.kind === kind &&
      r.group === group &&
      (r.version === version || OTHER_SERVED_VERSIONS.includes(apiVersion)),
  );
}

/**
 * A kind a 1.32 server serves at `apiVersion` but this console does not store (an always-empty
 * or a served-only type): its qualified resource name (`runtimeclasses.node.k8s.io`).
 */
export function unstoredServedKind(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  const t = [...RESOURCE_TYPES.filter((r) => !isStoredType(r)), ...SERVED_ONLY_TYPES].find(
    (r) => r.kind === kind && r.group === group && r.version === version,
  );
  if (!t) return undefined;
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/**
 * Resolves what a user typed as a resource type (`po`, `pods`, `pod`, `Pod`,
 * `deployments.apps`, `deploy`), like the RESTMapper + shortcut expander.
 */
/** schema.ParseResourceArg's resource.version.group reading of an argument with two dots or more. */
export function fullySpecified(
  arg: string,
): { resource: string; version: string; group: string } | undefined {
  const parts = arg.toLowerCase().split('.');
  if (parts.length < 3) return undefined;
  return {
    resource: parts[0] as string,
    version: parts[1] as string,
    group: parts.slice(2).join('.'),
  };
}

/**
 * schema.ParseResourceArg reads an argument with two dots or more as resource.version.group
 * first (`clusterroles.rbac.authorization.k8s.io` is version `rbac` of group
 * `authorization.k8s.io`): whether that reading maps to no type, so that the RESTMapper misses
 * before it tries the argument as resource.group. Below two dots there is no such reading.
 */
export function fullySpecifiedMiss(arg: string): boolean {
  const gvr = fullySpecified(arg);
  if (!gvr) return false;
  const { resource, version, group } = gvr;
  return !RESOURCE_TYPES.some(
    (r) =>
      (r.resource === resource || r.singular === resource) &&
      r.group === group &&
      (r.version === version || OTHER_SERVED_VERSIONS.includes(`${group}/${version}`)),
  );
}

export function resolveType(arg: string): AnyResourceType | undefined {
  const lower = arg.toLowerCase();
  let name = lower;
  // The shortcut expander compares short names as typed (`PO` is no pod); the mapper lower-cases
  // plurals, singulars and kinds.
  const typed = arg.split('.')[0] ?? arg;
  let group: string | undefined;
  const dot = lower.indexOf('.');
  if (dot > 0) {
    name = lower.slice(0, dot);
    group = lower.slice(dot + 1);
    // `deployments.v1.apps` carries a version too.
    const parts = group.split('.');
    if (parts.length > 1 && /^v\d/.test(parts[0] ?? '')) group = parts.slice(1).join('.');
  }
  return RESOURCE_TYPES.find(
    (r) =>
      (group === undefined || r.group === group) &&
      (r.resource === name ||
        r.singular === name ||
        r.kind.toLowerCase() === name ||
        r.shortNames.includes(typed)),
  );
}
