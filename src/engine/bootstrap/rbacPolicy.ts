/**
 * The RBAC objects a kubeadm 1.32 cluster starts with: kube-apiserver's bootstrap policy
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy: cluster roles, controller roles, their
 * bindings, the namespaced roles in kube-system and kube-public) and what kubeadm adds
 * (kubeadm:cluster-admins, the bootstrap-token bindings, kube-proxy's and CoreDNS's roles).
 * Feature-gated roles that 1.32 leaves off by default (DRA, ServiceCIDRs,
 * VolumeAttributesClass) are absent.
 */

/** A PolicyRule as stored (fields in the API's order; empty lists left out). */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const list = (s: string): string[] => (s === '' ? [] : s.split(','));

/** A resource rule: comma-separated verbs, groups ('' is the core group; `core` spelled ''), resources. */
function r(verbs: string, groups: string, resources: string, names?: string): PolicyRule {
  return {
    verbs: list(verbs),
    apiGroups: groups === '' ? [''] : groups.split(',').map((g) => (g === 'core' ? '' : g)),
    resources: list(resources),
    ...(names ? { resourceNames: list(names) } : {}),
  };
}

/** A non-resource rule. */
function u(verbs: string, urls: string): PolicyRule {
  return { verbs: list(verbs), nonResourceURLs: list(urls) };
}

const READ = 'get,list,watch';
const EVENTS = r('create,patch,update', 'core,events.k8s.io', 'events');
const WRITE = 'create,delete,deletecollection,patch,update';
const RW = 'create,delete,deletecollection,get,list,patch,update,watch';

export interface BootstrapClusterRole {
  name: string;
  rules?: PolicyRule[];
  /** aggregationRule.clusterRoleSelectors[0].matchLabels. */
  aggregateFrom?: string;
  /** The aggregate-to-* label this role carries. */
  aggregateTo?: string;
  /** kubeadm's own objects carry no bootstrapping label nor autoupdate annotation. */
  kubeadm?: boolean;
}

/** The API server's cluster roles (bootstrappolicy.ClusterRoles), by name. */
export const CLUSTER_ROLES: BootstrapClusterRole[] = [
  { name: 'admin', aggregateFrom: 'admin' },
  { name: 'cluster-admin', rules: [r('*', '*', '*'), u('*', '*')] },
  { name: 'edit', aggregateFrom: 'edit', aggregateTo: 'admin' },
  {
    name: 'system:aggregate-to-admin',
    aggregateTo: 'admin',
    rules: [
      r('create', 'authorization.k8s.io', 'localsubjectaccessreviews'),
      r(RW, 'rbac.authorization.k8s.io', 'rolebindings,roles'),
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    aggregateTo: 'edit',
    rules: [
      r(READ, '', 'pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy'),
      r('impersonate', '', 'serviceaccounts'),
      r(WRITE, '', 'pods,pods/attach,pods/exec,pods/portforward,pods/proxy'),
      r('create', '', 'pods/eviction'),
      r(
        WRITE,
        '',
        'configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy',
      ),
      r('create', '', 'serviceaccounts/token'),
      r(
        WRITE,
        'apps',
        'daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale',
      ),
      r(WRITE, 'autoscaling', 'horizontalpodautoscalers'),
      r(WRITE, 'batch', 'cronjobs,jobs'),
      r(
        WRITE,
        'extensions',
        'daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale',
      ),
      r(WRITE, 'policy', 'poddisruptionbudgets'),
      r(WRITE, 'networking.k8s.io', 'ingresses,networkpolicies'),
      r(RW, 'coordination.k8s.io', 'leases'),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    aggregateTo: 'view',
    rules: [
      r(
        READ,
        '',
        'configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status',
      ),
      r(
        READ,
        '',
        'bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status',
      ),
      r(READ, '', 'namespaces'),
      r(READ, 'discovery.k8s.io', 'endpointslices'),
      r(
        READ,
        'apps',
        'controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status',
      ),
      r(READ, 'autoscaling', 'horizontalpodautoscalers,horizontalpodautoscalers/status'),
      r(READ, 'batch', 'cronjobs,cronjobs/status,jobs,jobs/status'),
      r(
        READ,
        'extensions',
        'daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale',
      ),
      r(READ, 'policy', 'poddisruptionbudgets,poddisruptionbudgets/status'),
      r(READ, 'networking.k8s.io', 'ingresses,ingresses/status,networkpolicies'),
    ],
  },
  {
    name: 'system:auth-delegator',
    rules: [
      r('create', 'authentication.k8s.io', 'tokenreviews'),
      r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      r('create', 'authorization.k8s.io', 'selfsubjectaccessreviews,selfsubjectrulesreviews'),
      r('create', 'authentication.k8s.io', 'selfsubjectreviews'),
    ],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    rules: [r('create', 'certificates.k8s.io', 'certificatesigningrequests/nodeclient')],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    rules: [r('create', 'certificates.k8s.io', 'certificatesigningrequests/selfnodeclient')],
  },
  {
    name: 'system:certificates.k8s.io:kube-apiserver-client-approver',
    rules: [r('approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client')],
  },
  {
    name: 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
    rules: [
      r('approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
    ],
  },
  {
    name: 'system:certificates.k8s.io:kubelet-serving-approver',
    rules: [r('approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/kubelet-serving')],
  },
  {
    name: 'system:certificates.k8s.io:legacy-unknown-approver',
    rules: [r('approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/legacy-unknown')],
  },
  {
    name: 'system:discovery',
    rules: [
      u(
        'get',
        '/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/',
      ),
    ],
  },
  {
    name: 'system:heapster',
    rules: [r(READ, '', 'events,namespaces,nodes,pods'), r(READ, 'extensions', 'deployments')],
  },
  { name: 'system:kube-aggregator', rules: [r(READ, '', 'endpoints,services')] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      EVENTS,
      r('create', 'coordination.k8s.io', 'leases'),
      r('get,update', 'coordination.k8s.io', 'leases', 'kube-controller-manager'),
      r('create', '', 'secrets,serviceaccounts'),
      r('delete', '', 'secrets'),
      r('get', '', 'configmaps,namespaces,secrets,serviceaccounts'),
      r('update', '', 'secrets,serviceaccounts'),
      r('create', 'authentication.k8s.io', 'tokenreviews'),
      r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
      r('list,watch', '*', '*'),
      r('create', '', 'serviceaccounts/token'),
    ],
  },
  { name: 'system:kube-dns', rules: [r('list,watch', '', 'endpoints,services')] },
  {
    name: 'system:kube-scheduler',
    rules: [
      EVENTS,
      r('create', 'coordination.k8s.io', 'leases'),
      r('get,update', 'coordination.k8s.io', 'leases', 'kube-scheduler'),
      r(READ, '', 'nodes'),
      r('delete,get,list,watch', '', 'pods'),
      r('create', '', 'bindings,pods/binding'),
      r('patch,update', '', 'pods/status'),
      r(READ, '', 'replicationcontrollers,services'),
      r(READ, 'apps,extensions', 'replicasets'),
      r(READ, 'apps', 'statefulsets'),
      r(READ, 'policy', 'poddisruptionbudgets'),
      r(READ, '', 'persistentvolumeclaims,persistentvolumes'),
      r('create', 'authentication.k8s.io', 'tokenreviews'),
      r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
      r(READ, 'storage.k8s.io', 'csinodes'),
      r(READ, '', 'namespaces'),
      r(READ, 'storage.k8s.io', 'csidrivers'),
      r(READ, 'storage.k8s.io', 'csistoragecapacities'),
    ],
  },
  {
    name: 'system:kubelet-api-admin',
    rules: [
      r(READ, '', 'nodes'),
      r('proxy', '', 'nodes'),
      r('*', '', 'nodes/log,nodes/metrics,nodes/proxy,nodes/stats'),
    ],
  },
  {
    name: 'system:monitoring',
    rules: [
      u('get', '/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*'),
    ],
  },
  {
    name: 'system:node',
    rules: [
      r('create', 'authentication.k8s.io', 'tokenreviews'),
      r('create', 'authorization.k8s.io', 'localsubjectaccessreviews,subjectaccessreviews'),
      r(READ, '', 'services'),
      r('create,get,list,watch', '', 'nodes'),
      r('patch,update', '', 'nodes/status'),
      r('patch,update', '', 'nodes'),
      r('create,patch,update', '', 'events'),
      r(READ, '', 'pods'),
      r('create,delete', '', 'pods'),
      r('patch,update', '', 'pods/status'),
      r('create', '', 'pods/eviction'),
      r(READ, '', 'configmaps,secrets'),
      r('get', '', 'persistentvolumeclaims,persistentvolumes'),
      r('get', '', 'endpoints'),
      r('create,get,list,watch', 'certificates.k8s.io', 'certificatesigningrequests'),
      r('create,delete,get,patch,update', 'coordination.k8s.io', 'leases'),
      r('get', 'storage.k8s.io', 'volumeattachments'),
      r('create', '', 'serviceaccounts/token'),
      r('get,patch,update', '', 'persistentvolumeclaims/status'),
      r(READ, 'storage.k8s.io', 'csidrivers'),
      r('create,delete,get,patch,update', 'storage.k8s.io', 'csinodes'),
      r(READ, 'node.k8s.io', 'runtimeclasses'),
    ],
  },
  {
    name: 'system:node-bootstrapper',
    rules: [r('create,get,list,watch', 'certificates.k8s.io', 'certificatesigningrequests')],
  },
  {
    name: 'system:node-problem-detector',
    rules: [r('get', '', 'nodes'), r('patch', '', 'nodes/status'), EVENTS],
  },
  {
    name: 'system:node-proxier',
    rules: [
      r('list,watch', '', 'endpoints,services'),
      r(READ, '', 'nodes'),
      EVENTS,
      r('list,watch', 'discovery.k8s.io', 'endpointslices'),
    ],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      r('create,delete,get,list,watch', '', 'persistentvolumes'),
      r('get,list,update,watch', '', 'persistentvolumeclaims'),
      r(READ, 'storage.k8s.io', 'storageclasses'),
      r('watch', '', 'events'),
      EVENTS,
    ],
  },
  {
    name: 'system:public-info-viewer',
    rules: [u('get', '/healthz,/livez,/readyz,/version,/version/')],
  },
  {
    name: 'system:service-account-issuer-discovery',
    rules: [u('get', '/.well-known/openid-configuration,/openid/v1/jwks')],
  },
  {
    name: 'system:volume-scheduler',
    rules: [
      r('get,list,patch,update,watch', '', 'persistentvolumes'),
      r(READ, 'storage.k8s.io', 'storageclasses'),
      r('get,list,patch,update,watch', '', 'persistentvolumeclaims'),
    ],
  },
  { name: 'view', aggregateFrom: 'view', aggregateTo: 'edit' },
];

/**
 * kube-controller-manager's per-controller roles (bootstrappolicy.ControllerRoles), each bound
 * to the controller's service account in kube-system; names without `system:controller:`.
 */
export const CONTROLLER_ROLES: [string, PolicyRule[]][] = [
  [
    'attachdetach-controller',
    [
      r('list,watch', '', 'persistentvolumeclaims,persistentvolumes'),
      r(READ, '', 'nodes'),
      r('patch,update', '', 'nodes/status'),
      r('list,watch', '', 'pods'),
      EVENTS,
      r('create,delete,get,list,watch', 'storage.k8s.io', 'volumeattachments'),
      r(READ, 'storage.k8s.io', 'csidrivers'),
      r(READ, 'storage.k8s.io', 'csinodes'),
    ],
  ],
  [
    'certificate-controller',
    [
      r('delete,get,list,watch', 'certificates.k8s.io', 'certificatesigningrequests'),
      r(
        'update',
        'certificates.k8s.io',
        'certificatesigningrequests/approval,certificatesigningrequests/status',
      ),
      r('approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
      r(
        'sign',
        'certificates.k8s.io',
        'signers',
        'kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,kubernetes.io/kubelet-serving,kubernetes.io/legacy-unknown',
      ),
      r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
      EVENTS,
    ],
  ],
  [
    'clusterrole-aggregation-controller',
    [r('escalate,get,list,patch,update,watch', 'rbac.authorization.k8s.io', 'clusterroles')],
  ],
  [
    'cronjob-controller',
    [
      r('get,list,update,watch', 'batch', 'cronjobs'),
      r('create,delete,get,list,patch,update,watch', 'batch', 'jobs'),
      r('update', 'batch', 'cronjobs/status'),
      r('update', 'batch', 'cronjobs/finalizers'),
      r('delete,list,watch', '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'daemon-set-controller',
    [
      r(READ, 'apps,extensions', 'daemonsets'),
      r('update', 'apps,extensions', 'daemonsets/status'),
      r('update', 'apps,extensions', 'daemonsets/finalizers'),
      r('list,watch', '', 'nodes'),
      r('create,delete,list,patch,watch', '', 'pods'),
      r('create', '', 'pods/binding'),
      r('create,delete,get,list,patch,update,watch', 'apps', 'controllerrevisions'),
      EVENTS,
    ],
  ],
  [
    'deployment-controller',
    [
      r('get,list,update,watch', 'apps,extensions', 'deployments'),
      r('update', 'apps,extensions', 'deployments/status'),
      r('update', 'apps,extensions', 'deployments/finalizers'),
      r('create,delete,get,list,patch,update,watch', 'apps,extensions', 'replicasets'),
      r('get,list,update,watch', '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'disruption-controller',
    [
      r(READ, 'apps,extensions', 'deployments'),
      r(READ, 'apps,extensions', 'replicasets'),
      r(READ, '', 'replicationcontrollers'),
      r(READ, 'policy', 'poddisruptionbudgets'),
      r(READ, 'apps', 'statefulsets'),
      r('update', 'policy', 'poddisruptionbudgets/status'),
      r('patch,update', '', 'pods/status'),
      r('get', '*', '*/scale'),
      EVENTS,
    ],
  ],
  [
    'endpoint-controller',
    [
      r(READ, '', 'pods,services'),
      r('create,delete,get,list,update,watch', '', 'endpoints'),
      r('create', '', 'endpoints/restricted'),
      EVENTS,
    ],
  ],
  [
    'endpointslice-controller',
    [
      r(READ, '', 'nodes,pods,services'),
      r('update', '', 'services/finalizers'),
      r('create,delete,get,list,update,watch', 'discovery.k8s.io', 'endpointslices'),
      EVENTS,
    ],
  ],
  [
    'endpointslicemirroring-controller',
    [
      r(READ, '', 'endpoints,services'),
      r('update', '', 'services/finalizers'),
      r('update', '', 'endpoints/finalizers'),
      r('create,delete,get,list,update,watch', 'discovery.k8s.io', 'endpointslices'),
      EVENTS,
    ],
  ],
  [
    'ephemeral-volume-controller',
    [
      r(READ, '', 'pods'),
      r('update', '', 'pods/finalizers'),
      r('create,get,list,watch', '', 'persistentvolumeclaims'),
      EVENTS,
    ],
  ],
  [
    'expand-controller',
    [
      r('get,list,patch,update,watch', '', 'persistentvolumes'),
      r('patch,update', '', 'persistentvolumeclaims/status'),
      r(READ, '', 'persistentvolumeclaims'),
      EVENTS,
    ],
  ],
  ['generic-garbage-collector', [r('delete,get,list,patch,update,watch', '*', '*'), EVENTS]],
  [
    'horizontal-pod-autoscaler',
    [
      r(READ, 'autoscaling', 'horizontalpodautoscalers'),
      r('update', 'autoscaling', 'horizontalpodautoscalers/status'),
      r('get,update', '*', '*/scale'),
      r('list,watch', '', 'pods'),
      r('list,watch', 'metrics.k8s.io', 'pods'),
      r(READ, 'custom.metrics.k8s.io', '*'),
      r(READ, 'external.metrics.k8s.io', '*'),
      EVENTS,
    ],
  ],
  [
    'job-controller',
    [
      r('get,list,patch,update,watch', 'batch', 'jobs'),
      r('update', 'batch', 'jobs/status'),
      r('update', 'batch', 'jobs/finalizers'),
      r('create,delete,list,patch,watch', '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'legacy-service-account-token-cleaner',
    [
      r('get', '', 'configmaps', 'kube-apiserver-legacy-service-account-token-tracking'),
      r('delete,patch', '', 'secrets'),
    ],
  ],
  [
    'namespace-controller',
    [
      r('delete,get,list,watch', '', 'namespaces'),
      r('update', '', 'namespaces/finalize,namespaces/status'),
      r('delete,deletecollection,get,list,watch', '*', '*'),
    ],
  ],
  [
    'node-controller',
    [
      r('delete,get,list,patch,update,watch', '', 'nodes'),
      r('patch,update', '', 'nodes/status'),
      r('patch,update', '', 'pods/status'),
      r('delete,get,list,watch', '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'persistent-volume-binder',
    [
      r('create,delete,get,list,update,watch', '', 'persistentvolumes'),
      r('update', '', 'persistentvolumes/status'),
      r('get,list,update,watch', '', 'persistentvolumeclaims'),
      r('update', '', 'persistentvolumeclaims/status'),
      r('create,delete,get,list,watch', '', 'pods'),
      r(READ, 'storage.k8s.io', 'storageclasses'),
      r('list,watch', '', 'nodes'),
      EVENTS,
      r('watch', '', 'events'),
    ],
  ],
  [
    'pod-garbage-collector',
    [r('delete,list,watch', '', 'pods'), r(READ, '', 'nodes'), r('patch', '', 'pods/status')],
  ],
  ['pv-protection-controller', [r('get,list,update,watch', '', 'persistentvolumes'), EVENTS]],
  [
    'pvc-protection-controller',
    [
      r('get,list,update,watch', '', 'persistentvolumeclaims'),
      r('update', '', 'persistentvolumeclaims/status'),
      r(READ, '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'replicaset-controller',
    [
      r('get,list,update,watch', 'apps,extensions', 'replicasets'),
      r('update', 'apps,extensions', 'replicasets/status'),
      r('update', 'apps,extensions', 'replicasets/finalizers'),
      r('create,delete,list,patch,watch', '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'replication-controller',
    [
      r('get,list,update,watch', '', 'replicationcontrollers'),
      r('update', '', 'replicationcontrollers/status'),
      r('update', '', 'replicationcontrollers/finalizers'),
      r('create,delete,list,patch,watch', '', 'pods'),
      EVENTS,
    ],
  ],
  [
    'resourcequota-controller',
    [r('list,watch', '*', '*'), r('update', '', 'resourcequotas/status'), EVENTS],
  ],
  ['root-ca-cert-publisher', [r('create,update', '', 'configmaps'), EVENTS]],
  ['route-controller', [r('list,watch', '', 'nodes'), r('patch', '', 'nodes/status'), EVENTS]],
  ['service-account-controller', [r('create', '', 'serviceaccounts'), EVENTS]],
  [
    'service-controller',
    [
      r(READ, '', 'services'),
      r('patch,update', '', 'services/status'),
      r('list,watch', '', 'nodes'),
      EVENTS,
    ],
  ],
  [
    'statefulset-controller',
    [
      r('list,watch', '', 'pods'),
      r(READ, 'apps', 'statefulsets'),
      r('update', 'apps', 'statefulsets/status'),
      r('update', 'apps', 'statefulsets/finalizers'),
      r('create,delete,get,patch,update', '', 'pods'),
      r('create,delete,get,list,patch,update,watch', 'apps', 'controllerrevisions'),
      r('create,get,list,watch', '', 'persistentvolumeclaims'),
      r('delete,update', '', 'persistentvolumeclaims'),
      r('update', '', 'pods/finalizers'),
      EVENTS,
    ],
  ],
  ['ttl-after-finished-controller', [r('delete,get,list,watch', 'batch', 'jobs'), EVENTS]],
  ['ttl-controller', [r('list,patch,update,watch', '', 'nodes'), EVENTS]],
  [
    'validatingadmissionpolicy-status-controller',
    [
      r(READ, 'admissionregistration.k8s.io', 'validatingadmissionpolicies'),
      r('get,patch,update', 'admissionregistration.k8s.io', 'validatingadmissionpolicies/status'),
      EVENTS,
    ],
  ],
];

/** kubeadm's cluster roles (its bootstrap-token phase and the CoreDNS add-on). */
export const KUBEADM_CLUSTER_ROLES: BootstrapClusterRole[] = [
  { name: 'kubeadm:get-nodes', kubeadm: true, rules: [r('get', '', 'nodes')] },
  {
    name: 'system:coredns',
    kubeadm: true,
    rules: [
      r('list,watch', '', 'endpoints,services,pods,namespaces'),
      r('list,watch', 'discovery.k8s.io', 'endpointslices'),
    ],
  },
];

export interface BootstrapSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

export interface BootstrapBinding {
  name: string;
  namespace?: string;
  roleKind: 'Role' | 'ClusterRole';
  role: string;
  subjects: BootstrapSubject[];
  kubeadm?: boolean;
}

const user = (name: string): BootstrapSubject => ({ kind: 'User', name });
const group = (name: string): BootstrapSubject => ({ kind: 'Group', name });
const sa = (namespace: string, name: string): BootstrapSubject => ({
  kind: 'ServiceAccount',
  name,
  namespace,
});

const BOOTSTRAP_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

/** Cluster role bindings: the API server's, the controllers', kubeadm's. */
export const CLUSTER_ROLE_BINDINGS: BootstrapBinding[] = [
  {
    name: 'cluster-admin',
    roleKind: 'ClusterRole',
    role: 'cluster-admin',
    subjects: [group('system:masters')],
  },
  {
    name: 'system:basic-user',
    roleKind: 'ClusterRole',
    role: 'system:basic-user',
    subjects: [group('system:authenticated')],
  },
  {
    name: 'system:discovery',
    roleKind: 'ClusterRole',
    role: 'system:discovery',
    subjects: [group('system:authenticated')],
  },
  {
    name: 'system:kube-controller-manager',
    roleKind: 'ClusterRole',
    role: 'system:kube-controller-manager',
    subjects: [user('system:kube-controller-manager')],
  },
  {
    name: 'system:kube-dns',
    roleKind: 'ClusterRole',
    role: 'system:kube-dns',
    subjects: [sa('kube-system', 'kube-dns')],
  },
  {
    name: 'system:kube-scheduler',
    roleKind: 'ClusterRole',
    role: 'system:kube-scheduler',
    subjects: [user('system:kube-scheduler')],
  },
  {
    name: 'system:monitoring',
    roleKind: 'ClusterRole',
    role: 'system:monitoring',
    subjects: [group('system:monitoring')],
  },
  { name: 'system:node', roleKind: 'ClusterRole', role: 'system:node', subjects: [] },
  {
    name: 'system:node-proxier',
    roleKind: 'ClusterRole',
    role: 'system:node-proxier',
    subjects: [user('system:kube-proxy')],
  },
  {
    name: 'system:public-info-viewer',
    roleKind: 'ClusterRole',
    role: 'system:public-info-viewer',
    subjects: [group('system:authenticated'), group('system:unauthenticated')],
  },
  {
    name: 'system:service-account-issuer-discovery',
    roleKind: 'ClusterRole',
    role: 'system:service-account-issuer-discovery',
    subjects: [group('system:serviceaccounts')],
  },
  {
    name: 'system:volume-scheduler',
    roleKind: 'ClusterRole',
    role: 'system:volume-scheduler',
    subjects: [user('system:kube-scheduler')],
  },
  ...CONTROLLER_ROLES.map(
    ([name]): BootstrapBinding => ({
      name: `system:controller:${name}`,
      roleKind: 'ClusterRole',
      role: `system:controller:${name}`,
      subjects: [sa('kube-system', name)],
    }),
  ),
  {
    name: 'kubeadm:cluster-admins',
    roleKind: 'ClusterRole',
    role: 'cluster-admin',
    subjects: [group('kubeadm:cluster-admins')],
    kubeadm: true,
  },
  {
    name: 'kubeadm:get-nodes',
    roleKind: 'ClusterRole',
    role: 'kubeadm:get-nodes',
    subjects: [group(BOOTSTRAP_TOKEN_GROUP)],
    kubeadm: true,
  },
  {
    name: 'kubeadm:kubelet-bootstrap',
    roleKind: 'ClusterRole',
    role: 'system:node-bootstrapper',
    subjects: [group(BOOTSTRAP_TOKEN_GROUP)],
    kubeadm: true,
  },
  {
    name: 'kubeadm:node-autoapprove-bootstrap',
    roleKind: 'ClusterRole',
    role: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    subjects: [group(BOOTSTRAP_TOKEN_GROUP)],
    kubeadm: true,
  },
  {
    name: 'kubeadm:node-autoapprove-certificate-rotation',
    roleKind: 'ClusterRole',
    role: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    subjects: [group('system:nodes')],
    kubeadm: true,
  },
  {
    name: 'kubeadm:node-proxier',
    roleKind: 'ClusterRole',
    role: 'system:node-proxier',
    subjects: [sa('kube-system', 'kube-proxy')],
    kubeadm: true,
  },
  {
    name: 'system:coredns',
    roleKind: 'ClusterRole',
    role: 'system:coredns',
    subjects: [sa('kube-system', 'coredns')],
    kubeadm: true,
  },
];

export interface BootstrapRole {
  name: string;
  namespace: string;
  rules: PolicyRule[];
  kubeadm?: boolean;
}

/** Namespaced roles: the API server's (bootstrappolicy.NamespaceRoles) and kubeadm's. */
export const ROLES: BootstrapRole[] = [
  {
    namespace: 'kube-public',
    name: 'system:controller:bootstrap-signer',
    rules: [r(READ, '', 'configmaps'), r('update', '', 'configmaps', 'cluster-info'), EVENTS],
  },
  {
    namespace: 'kube-public',
    name: 'kubeadm:bootstrap-signer-clusterinfo',
    kubeadm: true,
    rules: [r('get', '', 'configmaps', 'cluster-info')],
  },
  {
    namespace: 'kube-system',
    name: 'extension-apiserver-authentication-reader',
    rules: [r(READ, '', 'configmaps', 'extension-apiserver-authentication')],
  },
  {
    namespace: 'kube-system',
    name: 'system::leader-locking-kube-controller-manager',
    rules: [
      r('watch', '', 'configmaps'),
      r('get,update', '', 'configmaps', 'kube-controller-manager'),
    ],
  },
  {
    namespace: 'kube-system',
    name: 'system::leader-locking-kube-scheduler',
    rules: [r('watch', '', 'configmaps'), r('get,update', '', 'configmaps', 'kube-scheduler')],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:bootstrap-signer',
    rules: [r(READ, '', 'secrets')],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:cloud-provider',
    rules: [r('create,get,list,watch', '', 'configmaps')],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:token-cleaner',
    rules: [r('delete,get,list,watch', '', 'secrets'), EVENTS],
  },
  {
    namespace: 'kube-system',
    name: 'kube-proxy',
    kubeadm: true,
    rules: [r('get', '', 'configmaps', 'kube-proxy')],
  },
  {
    namespace: 'kube-system',
    name: 'kubeadm:kubelet-config',
    kubeadm: true,
    rules: [r('get', '', 'configmaps', 'kubelet-config')],
  },
  {
    namespace: 'kube-system',
    name: 'kubeadm:nodes-kubeadm-config',
    kubeadm: true,
    rules: [r('get', '', 'configmaps', 'kubeadm-config')],
  },
];

/** Namespaced role bindings. */
export const ROLE_BINDINGS: BootstrapBinding[] = [
  {
    namespace: 'kube-public',
    name: 'kubeadm:bootstrap-signer-clusterinfo',
    roleKind: 'Role',
    role: 'kubeadm:bootstrap-signer-clusterinfo',
    subjects: [user('system:anonymous')],
    kubeadm: true,
  },
  {
    namespace: 'kube-public',
    name: 'system:controller:bootstrap-signer',
    roleKind: 'Role',
    role: 'system:controller:bootstrap-signer',
    subjects: [sa('kube-system', 'bootstrap-signer')],
  },
  {
    namespace: 'kube-system',
    name: 'kube-proxy',
    roleKind: 'Role',
    role: 'kube-proxy',
    subjects: [group(BOOTSTRAP_TOKEN_GROUP)],
    kubeadm: true,
  },
  {
    namespace: 'kube-system',
    name: 'kubeadm:kubelet-config',
    roleKind: 'Role',
    role: 'kubeadm:kubelet-config',
    subjects: [group('system:nodes'), group(BOOTSTRAP_TOKEN_GROUP)],
    kubeadm: true,
  },
  {
    namespace: 'kube-system',
    name: 'kubeadm:nodes-kubeadm-config',
    roleKind: 'Role',
    role: 'kubeadm:nodes-kubeadm-config',
    subjects: [group(BOOTSTRAP_TOKEN_GROUP), group('system:nodes')],
    kubeadm: true,
  },
  {
    namespace: 'kube-system',
    name: 'system::extension-apiserver-authentication-reader',
    roleKind: 'Role',
    role: 'extension-apiserver-authentication-reader',
    subjects: [user('system:kube-controller-manager'), user('system:kube-scheduler')],
  },
  {
    namespace: 'kube-system',
    name: 'system::leader-locking-kube-controller-manager',
    roleKind: 'Role',
    role: 'system::leader-locking-kube-controller-manager',
    subjects: [
      user('system:kube-controller-manager'),
      sa('kube-system', 'kube-controller-manager'),
    ],
  },
  {
    namespace: 'kube-system',
    name: 'system::leader-locking-kube-scheduler',
    roleKind: 'Role',
    role: 'system::leader-locking-kube-scheduler',
    subjects: [user('system:kube-scheduler'), sa('kube-system', 'kube-scheduler')],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:bootstrap-signer',
    roleKind: 'Role',
    role: 'system:controller:bootstrap-signer',
    subjects: [sa('kube-system', 'bootstrap-signer')],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:cloud-provider',
    roleKind: 'Role',
    role: 'system:controller:cloud-provider',
    subjects: [sa('kube-system', 'cloud-provider')],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:token-cleaner',
    roleKind: 'Role',
    role: 'system:controller:token-cleaner',
    subjects: [sa('kube-system', 'token-cleaner')],
  },
];
