import type { ResourceName } from '../engine/api/types.ts';

/** What kubectl knows about a resource type (its discovery entry). */
export interface ResourceType {
  resource: ResourceName;
  singular: string;
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
}

/** Our resources in `kubectl api-resources` order: core group first, then by group. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
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
    resource: 'pods',
    singular: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['po'],
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
    resource: 'leases',
    singular: 'lease',
    kind: 'Lease',
    group: 'coordination.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
  },
];

/** What `kubectl get all` expands to (the "all" category), in kubectl's order. */
export const ALL_CATEGORY: readonly ResourceName[] = [
  'pods',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
];

/** `apiVersion` of a type: `v1` or `apps/v1`. */
export function apiVersionOf(t: ResourceType): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}

/** `resource.group` as the server qualifies names in messages: `deployments.apps`, `pods`. */
export function qualifiedResource(t: ResourceType): string {
  return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
}

/** `kind.group` lower-cased as the name printer writes it: `deployment.apps`, `pod`. */
export function kindPrefix(t: ResourceType): string {
  const k = t.kind.toLowerCase();
  return t.group === '' ? k : `${k}.${t.group}`;
}

export function typeByResource(resource: ResourceName): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.resource === resource);
  if (!t) throw new Error(`unknown resource ${resource}`);
  return t;
}

/** Finds the type of an object from its apiVersion and kind. */
export function typeByKind(apiVersion: unknown, kind: unknown): ResourceType | undefined {
  if (typeof kind !== 'string') return undefined;
  const group =
    typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return RESOURCE_TYPES.find((r) => r.kind === kind && r.group === group);
}

/**
 * Resolves what a user typed as a resource type (`po`, `pods`, `pod`, `Pod`,
 * `deployments.apps`, `deploy`), like the RESTMapper + shortcut expander.
 */
export function resolveType(arg: string): ResourceType | undefined {
  const lower = arg.toLowerCase();
  let name = lower;
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
        r.shortNames.includes(name)),
  );
}
