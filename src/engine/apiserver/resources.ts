/**
 * The resources the simulated API server serves: kind, group/version, scope, REST paths,
 * etcd key prefixes (§10 of the fact sheet: nodes → minions, services → services/specs,
 * endpoints → services/endpoints).
 */
import type { ResourceInfo, ResourceName } from '../api/types.ts';

export interface ResourceDef extends ResourceInfo {
  /** `apps/v1` or `v1`. */
  apiVersion: string;
  /** etcd key prefix without trailing slash, e.g. `/registry/minions`. */
  etcdPrefix: string;
  /** Has a status subresource: plain updates keep the stored status. */
  hasStatus: boolean;
  /** Spec changes bump metadata.generation. */
  hasGeneration: boolean;
}

function def(
  resource: ResourceName,
  kind: string,
  group: string,
  namespaced: boolean,
  shortNames: string[],
  etcdName: string,
  hasStatus: boolean,
  hasGeneration = false,
  version = 'v1',
): ResourceDef {
  return {
    resource,
    kind,
    group,
    version,
    namespaced,
    shortNames,
    apiVersion: group ? `${group}/${version}` : version,
    etcdPrefix: `/registry/${etcdName}`,
    hasStatus,
    hasGeneration,
  };
}

export const RESOURCES: Readonly<Record<ResourceName, ResourceDef>> = {
  namespaces: def('namespaces', 'Namespace', '', false, ['ns'], 'namespaces', true),
  nodes: def('nodes', 'Node', '', false, ['no'], 'minions', true),
  pods: def('pods', 'Pod', '', true, ['po'], 'pods', true),
  deployments: def(
    'deployments',
    'Deployment',
    'apps',
    true,
    ['deploy'],
    'deployments',
    true,
    true,
  ),
  daemonsets: def('daemonsets', 'DaemonSet', 'apps', true, ['ds'], 'daemonsets', true, true),
  statefulsets: def(
    'statefulsets',
    'StatefulSet',
    'apps',
    true,
    ['sts'],
    'statefulsets',
    true,
    true,
  ),
  controllerrevisions: def(
    'controllerrevisions',
    'ControllerRevision',
    'apps',
    true,
    [],
    'controllerrevisions',
    false,
  ),
  jobs: def('jobs', 'Job', 'batch', true, [], 'jobs', true, true),
  cronjobs: def('cronjobs', 'CronJob', 'batch', true, ['cj'], 'cronjobs', true, true),
  replicasets: def('replicasets', 'ReplicaSet', 'apps', true, ['rs'], 'replicasets', true, true),
  services: def('services', 'Service', '', true, ['svc'], 'services/specs', true),
  endpoints: def('endpoints', 'Endpoints', '', true, ['ep'], 'services/endpoints', false),
  // No short name in 1.32. Its generation counts changes other than metadata (PrepareForUpdate).
  endpointslices: def(
    'endpointslices',
    'EndpointSlice',
    'discovery.k8s.io',
    true,
    [],
    'endpointslices',
    false,
    true,
  ),
  roles: def('roles', 'Role', 'rbac.authorization.k8s.io', true, [], 'roles', false),
  clusterroles: def(
    'clusterroles',
    'ClusterRole',
    'rbac.authorization.k8s.io',
    false,
    [],
    'clusterroles',
    false,
  ),
  rolebindings: def(
    'rolebindings',
    'RoleBinding',
    'rbac.authorization.k8s.io',
    true,
    [],
    'rolebindings',
    false,
  ),
  clusterrolebindings: def(
    'clusterrolebindings',
    'ClusterRoleBinding',
    'rbac.authorization.k8s.io',
    false,
    [],
    'clusterrolebindings',
    false,
  ),
  events: def('events', 'Event', '', true, ['ev'], 'events', false),
  // Generation 1 on create and never bumped (its strategy's PrepareForUpdate leaves it).
  priorityclasses: def(
    'priorityclasses',
    'PriorityClass',
    'scheduling.k8s.io',
    false,
    ['pc'],
    'priorityclasses',
    false,
    true,
  ),
  resourcequotas: def(
    'resourcequotas',
    'ResourceQuota',
    '',
    true,
    ['quota'],
    'resourcequotas',
    true,
  ),
  limitranges: def('limitranges', 'LimitRange', '', true, ['limits'], 'limitranges', false),
  persistentvolumes: def(
    'persistentvolumes',
    'PersistentVolume',
    '',
    false,
    ['pv'],
    'persistentvolumes',
    true,
  ),
  persistentvolumeclaims: def(
    'persistentvolumeclaims',
    'PersistentVolumeClaim',
    '',
    true,
    ['pvc'],
    'persistentvolumeclaims',
    true,
  ),
  storageclasses: def(
    'storageclasses',
    'StorageClass',
    'storage.k8s.io',
    false,
    ['sc'],
    'storageclasses',
    false,
  ),
  poddisruptionbudgets: def(
    'poddisruptionbudgets',
    'PodDisruptionBudget',
    'policy',
    true,
    ['pdb'],
    'poddisruptionbudgets',
    true,
    true,
  ),
  // Ingresses are stored under /registry/ingress (SpecialDefaultResourcePrefixes).
  ingresses: def('ingresses', 'Ingress', 'networking.k8s.io', true, ['ing'], 'ingress', true, true),
  ingressclasses: def(
    'ingressclasses',
    'IngressClass',
    'networking.k8s.io',
    false,
    [],
    'ingressclasses',
    false,
    true,
  ),
  networkpolicies: def(
    'networkpolicies',
    'NetworkPolicy',
    'networking.k8s.io',
    true,
    ['netpol'],
    'networkpolicies',
    false,
    true,
  ),
  certificatesigningrequests: def(
    'certificatesigningrequests',
    'CertificateSigningRequest',
    'certificates.k8s.io',
    false,
    ['csr'],
    'certificatesigningrequests',
    true,
  ),
  leases: def('leases', 'Lease', 'coordination.k8s.io', true, [], 'leases', false),
  // Stored as autoscaling/v2 (v1 requests are converted, apiserver/hpa.ts); no generation.
  horizontalpodautoscalers: def(
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    'autoscaling',
    true,
    ['hpa'],
    'horizontalpodautoscalers',
    true,
    false,
    'v2',
  ),
  configmaps: def('configmaps', 'ConfigMap', '', true, ['cm'], 'configmaps', false),
  secrets: def('secrets', 'Secret', '', true, [], 'secrets', false),
  serviceaccounts: def(
    'serviceaccounts',
    'ServiceAccount',
    '',
    true,
    ['sa'],
    'serviceaccounts',
    false,
  ),
};

export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

/** `deployments.apps`, `pods`: how error messages name a resource. */
export function qualifiedResource(r: { resource: string; group: string }): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `Deployment.apps`, `Namespace`: how Invalid errors name a kind. */
export function qualifiedKind(r: ResourceDef): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

/** REST path, e.g. `/apis/apps/v1/namespaces/default/deployments/web`. */
export function restPath(
  r: Pick<ResourceDef, 'group' | 'version' | 'namespaced'> & { resource: string },
  namespace: string | undefined,
  name?: string,
): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${namespace}` : '';
  return `${base}${ns}/${r.resource}${name ? `/${name}` : ''}`;
}

/** etcd key, e.g. `/registry/services/specs/default/kubernetes`. */
export function etcdKey(r: ResourceDef, namespace: string | undefined, name: string): string {
  return r.namespaced ? `${r.etcdPrefix}/${namespace}/${name}` : `${r.etcdPrefix}/${name}`;
}

/** Longest-prefix lookup from an etcd key back to its resource. */
export function resourceOfKey(key: string): ResourceDef | undefined {
  // One request looks its key up several times in a row (etcd get, put, watch notification).
  if (key === lastKey) return lastDef;
  lastKey = key;
  lastDef = lookupResourceOfKey(key);
  return lastDef;
}
let lastKey: string | undefined;
let lastDef: ResourceDef | undefined;

function lookupResourceOfKey(key: string): ResourceDef | undefined {
  // Candidates share the key's first segment after `/registry/` (e.g. `services`), so a
  // lookup tries one or two prefixes instead of all of them.
  const seg = key.startsWith(REGISTRY)
    ? key.slice(REGISTRY.length, key.indexOf('/', REGISTRY.length))
    : '';
  const candidates = BY_SEGMENT.get(seg) ?? BY_PREFIX_LENGTH;
  for (const [prefix, r] of candidates) if (key.startsWith(prefix)) return r;
  return undefined;
}

const REGISTRY = '/registry/';

/** `[etcdPrefix + '/', def]`, longest prefix first (the first match is the longest). */
const BY_PREFIX_LENGTH: readonly [string, ResourceDef][] = Object.values(RESOURCES)
  .map((r): [string, ResourceDef] => [`${r.etcdPrefix}/`, r])
  .sort((a, b) => b[0].length - a[0].length);

/** First segment after `/registry/` → the prefixes starting with it, longest first. */
const BY_SEGMENT = new Map<string, [string, ResourceDef][]>();
for (const entry of BY_PREFIX_LENGTH) {
  if (!entry[0].startsWith(REGISTRY)) continue;
  const seg = entry[0].slice(REGISTRY.length, entry[0].indexOf('/', REGISTRY.length));
  const list = BY_SEGMENT.get(seg) ?? [];
  list.push(entry);
  BY_SEGMENT.set(seg, list);
}

/** etcd grouping: one group per resource prefix, so snapshots and ranges stay per resource. */
export function etcdGroupOf(key: string): string {
  return resourceOfKey(key)?.etcdPrefix ?? '/registry/other';
}
