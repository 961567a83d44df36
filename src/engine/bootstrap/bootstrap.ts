/**
 * The initial cluster, written straight into etcd (no messages), as a small kubeadm cluster
 * created five days before the learner arrives: a tainted control-plane node and N workers,
 * the four system namespaces, node leases, the `kubernetes` and `kube-dns` Services with their
 * Endpoints, the static control-plane pods, one kube-proxy pod per node and CoreDNS
 * (Deployment → ReplicaSet → 2 pods), all Running.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { controlPlaneLeases } from '../apiserver/controlPlaneLeases.ts';
import { applyDefaults } from '../apiserver/defaults.ts';
import {
  admitPodPriority,
  SYSTEM_PRIORITY_CLASS_DESCRIPTIONS,
  SYSTEM_PRIORITY_CLASSES,
} from '../apiserver/priority.ts';
import { etcdKey, RESOURCES } from '../apiserver/resources.ts';
import { newRevision } from '../controllers/daemonSetHistory.ts';
import { daemonTolerations } from '../controllers/daemonset.ts';
import { desiredSlices, newEndpointSlice } from '../controllers/endpointslice.ts';
import { nameOf } from '../controllers/objects.ts';
import { computePodTemplateHash } from '../controllers/podTemplateHash.ts';
import type { Etcd } from '../etcd/etcd.ts';
import { DEFAULT_ALLOCATABLE, DEFAULT_CAPACITY } from '../node/kubelet.ts';
import { mountStatuses } from '../node/mountStatus.ts';
import { BOOTSTRAP_AT, rfc3339, rfc3339Micro } from '../util/clock.ts';
import { randomString, uuid } from '../util/names.ts';
import { createRng, type Rng } from '../util/rng.ts';
import { controlPlaneManifests } from './kubeadmManifests.ts';
import {
  clusterCaCertificate,
  defaultServiceAccount,
  KUBE_SYSTEM_SERVICE_ACCOUNTS,
  kubeadmConfigMaps,
  rootCaConfigMap,
} from './namespaceContent.ts';
import { seedRbac } from './rbacBootstrap.ts';

export const CONTROL_PLANE = 'control-plane';
export const KUBERNETES_VERSION = 'v1.32.2';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';

/** Worker node names: node1 … nodeN. */
export function workerNames(workers: number): string[] {
  return Array.from({ length: workers }, (_, i) => `node${i + 1}`);
}

/** 172.18.0.2 for the control plane, then one address per worker. */
export function nodeIP(index: number): string {
  const i = index + 2;
  return `172.18.${i >> 8}.${i & 255}`;
}

/** 10.244.<index>.0/24: the node's pod CIDR (flannel/kindnet style). */
export function podCIDR(index: number): string {
  return `10.${244 + (index >> 8)}.${index & 255}.0/24`;
}

function podIP(nodeIndex: number, n: number): string {
  return podCIDR(nodeIndex).replace(/\.0\/24$/, `.${n}`);
}

const IMAGES: Record<string, number> = {
  'registry.k8s.io/etcd:3.5.16-0': 57_680_541,
  'registry.k8s.io/kube-apiserver:v1.32.2': 28_671_624,
  'registry.k8s.io/kube-controller-manager:v1.32.2': 26_259_392,
  'registry.k8s.io/kube-scheduler:v1.32.2': 20_657_902,
  'registry.k8s.io/kube-proxy:v1.32.2': 30_907_858,
  [COREDNS_IMAGE]: 18_562_039,
  'registry.k8s.io/pause:3.10': 320_368,
};

/** The `controller-revision-hash` of kube-proxy's first (and seeded) revision. */
const KUBE_PROXY_REVISION_HASH = '7bb84c4984';

interface Seeder {
  etcd: Etcd<KubeObject>;
  rng: Rng;
}

function put(s: Seeder, resource: ResourceName, obj: KubeObject): KubeObject {
  const r = RESOURCES[resource];
  const meta = obj.metadata as Record<string, unknown>;
  meta.resourceVersion = String(s.etcd.revision + 1);
  obj.apiVersion = r.apiVersion;
  obj.kind = r.kind;
  const ordered: KubeObject = { apiVersion: r.apiVersion, kind: r.kind, ...obj };
  s.etcd.seed(etcdKey(r, obj.metadata?.namespace ?? undefined, obj.metadata?.name ?? ''), ordered);
  return ordered;
}

function meta(
  s: Seeder,
  name: string,
  namespace?: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: uuid(s.rng),
    creationTimestamp: rfc3339(BOOTSTRAP_AT),
    ...extra,
  };
}

function node(s: Seeder, name: string, index: number, controlPlane: boolean): KubeObject {
  const t = rfc3339(BOOTSTRAP_AT);
  const images = controlPlane
    ? Object.keys(IMAGES)
    : ['registry.k8s.io/kube-proxy:v1.32.2', 'registry.k8s.io/pause:3.10'];
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  return {
    metadata: meta(s, name, undefined, {
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    }),
    spec: {
      podCIDR: podCIDR(index),
      podCIDRs: [podCIDR(index)],
      ...(controlPlane
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      capacity: { ...DEFAULT_CAPACITY, 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' },
      allocatable: { ...DEFAULT_ALLOCATABLE, 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' },
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIP(index) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: randomHex(s, 32),
        systemUUID: uuid(s.rng),
        bootID: uuid(s.rng),
        kernelVersion: '6.8.0-51-generic',
        osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: images.map((img) => ({ names: [img], sizeBytes: IMAGES[img] })),
    },
  };
}

function randomHex(s: Seeder, n: number): string {
  // One string at the end rather than n concatenations (a rope of n strings).
  const chars: string[] = [];
  for (let i = 0; i < n; i++) chars.push('0123456789abcdef'[s.rng.int(16)]!);
  return chars.join('');
}

interface PodPlacement {
  node: string;
  nodeIndex: number;
  /** The pod IP, or the node IP for host-network pods. */
  ip: string;
}

/** A Running pod with the status a kubelet would have written. */
function runningPod(s: Seeder, pod: KubeObject, at: PodPlacement): KubeObject {
  const t = rfc3339(BOOTSTRAP_AT);
  const spec = pod.spec as {
    nodeName?: string;
    containers: ({ name: string; image: string } & Parameters<typeof mountStatuses>[0])[];
  };
  spec.nodeName = at.node;
  const status = (pod.status ?? {}) as Record<string, unknown>;
  const cond = (type: string) => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: t,
  });
  pod.status = {
    ...status,
    phase: 'Running',
    conditions: [
      cond('PodReadyToStartContainers'),
      cond('Initialized'),
      cond('Ready'),
      cond('ContainersReady'),
      cond('PodScheduled'),
    ],
    hostIP: nodeIP(at.nodeIndex),
    hostIPs: [{ ip: nodeIP(at.nodeIndex) }],
    podIP: at.ip,
    podIPs: [{ ip: at.ip }],
    startTime: t,
    containerStatuses: spec.containers.map((c) => ({
      name: c.name,
      state: { running: { startedAt: t } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: c.image,
      imageID: `${c.image.replace(/:[^:/]*$/, '')}@sha256:${randomHex(s, 64)}`,
      containerID: `containerd://${randomHex(s, 64)}`,
      started: true,
      ...(c.volumeMounts?.length ? { volumeMounts: mountStatuses(c) } : {}),
    })),
  };
  return pod;
}

/** The Priority admission every pod passes on create (the seeded ones must pass it too). */
function admitPriority(pod: KubeObject): void {
  const why = admitPodPriority(pod.spec as Record<string, unknown>);
  if (why) throw new Error(`bootstrap pod ${pod.metadata?.name}: ${why}`);
}

function staticPod(
  s: Seeder,
  component: string,
  image: string,
  cpu: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  const name = `${component}-${CONTROL_PLANE}`;
  const cp = s.etcd.get(etcdKey(RESOURCES.nodes, undefined, CONTROL_PLANE))!.value;
  const manifest = controlPlaneManifests(CONTROL_PLANE, nodeIP(0))[component];
  if (!manifest) throw new Error(`bootstrap: no kubeadm manifest for ${component}`);
  const pod: KubeObject = {
    metadata: meta(s, name, 'kube-system', {
      labels: { component, tier: 'control-plane' },
      annotations: {
        ...manifest.annotations,
        'kubernetes.io/config.hash': randomHex(s, 32),
        'kubernetes.io/config.mirror': randomHex(s, 32),
        'kubernetes.io/config.seen': rfc3339(BOOTSTRAP_AT),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: CONTROL_PLANE,
          uid: cp.metadata?.uid,
          controller: true,
        },
      ],
    }),
    spec: {
      containers: [
        {
          name: component,
          image,
          command: manifest.command,
          resources: { requests: { cpu, ...(component === 'etcd' ? { memory: '100Mi' } : {}) } },
          volumeMounts: manifest.volumeMounts,
        },
      ],
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: manifest.volumes,
      ...extra,
    },
  };
  // Mirror pods skip the ServiceAccount admission: no token volume, no service account (so
  // describe prints no `Service Account:` line), but they get the defaults.
  (pod.spec as Record<string, unknown>).automountServiceAccountToken = false;
  applyDefaults('pods', pod, s.rng);
  admitPriority(pod);
  const spec = pod.spec as Record<string, unknown>;
  delete spec.automountServiceAccountToken;
  delete spec.serviceAccountName;
  delete spec.serviceAccount;
  return runningPod(s, pod, { node: CONTROL_PLANE, nodeIndex: 0, ip: nodeIP(0) });
}

export interface BootstrapResult {
  nodes: string[];
  /** Name of the CoreDNS ReplicaSet (`coredns-<hash>`). */
  corednsReplicaSet: string;
}

/** Seed a fresh cluster into `etcd`. Deterministic for a given rng state. */
export function bootstrap(etcd: Etcd<KubeObject>, rng: Rng, workers: number): BootstrapResult {
  const s: Seeder = { etcd, rng };
  const t = rfc3339(BOOTSTRAP_AT);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    put(s, 'namespaces', {
      metadata: meta(s, ns, undefined, { labels: { 'kubernetes.io/metadata.name': ns } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  // The API server's RBAC bootstrap (and kubeadm's roles) come first, as on a real cluster: the
  // oldest keys in etcd. Their uids come from a stream of their own.
  const rbac: Seeder = { etcd: s.etcd, rng: createRng((s.rng.state ^ 0x5be0cd19) >>> 0) };
  seedRbac(
    (resource, obj) => put(rbac, resource, obj),
    (name, namespace) => meta(rbac, name, namespace),
  );
  const nodes = [CONTROL_PLANE, ...workerNames(workers)];
  nodes.forEach((name, i) => {
    put(s, 'nodes', node(s, name, i, i === 0));
  });
  nodes.forEach((name) => {
    const n = etcd.get(etcdKey(RESOURCES.nodes, undefined, name))!.value;
    put(s, 'leases', {
      metadata: meta(s, name, 'kube-node-lease', {
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: n.metadata?.uid }],
      }),
      spec: {
        holderIdentity: name,
        leaseDurationSeconds: 40,
        // Renewed just before the components start; the kubelets take over from virtual 0.
        renewTime: rfc3339Micro(-1_000),
      },
    });
  });
  // Services and their endpoints.
  const service = kubernetesService();
  put(s, 'services', {
    ...service,
    metadata: meta(s, 'kubernetes', 'default', { labels: service.metadata?.labels }),
  });
  const endpoints = kubernetesEndpoints();
  put(s, 'endpoints', {
    ...endpoints,
    metadata: meta(s, 'kubernetes', 'default', { labels: endpoints.metadata?.labels }),
  });
  // Control-plane static pods.
  const cpIP = nodeIP(0);
  put(s, 'pods', staticPod(s, 'etcd', 'registry.k8s.io/etcd:3.5.16-0', '100m'));
  put(s, 'pods', staticPod(s, 'kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.32.2', '250m'));
  put(
    s,
    'pods',
    staticPod(
      s,
      'kube-controller-manager',
      'registry.k8s.io/kube-controller-manager:v1.32.2',
      '200m',
    ),
  );
  put(s, 'pods', staticPod(s, 'kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.2', '100m'));
  void cpIP;
  // kube-proxy: one DaemonSet pod per node (host network).
  const dsUid = uuid(rng);
  nodes.forEach((name, i) => {
    const pod: KubeObject = {
      metadata: meta(s, `kube-proxy-${randomString(rng)}`, 'kube-system', {
        generateName: 'kube-proxy-',
        labels: {
          'controller-revision-hash': KUBE_PROXY_REVISION_HASH,
          'k8s-app': 'kube-proxy',
          'pod-template-generation': '1',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: 'kube-proxy',
            uid: dsUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      }),
      spec: {
        ...kubeProxyPodSpec(),
        priority: 2000001000,
        // The DaemonSet's own toleration, then the ones the DaemonSet controller adds to every
        // daemon pod (no tolerationSeconds: a daemon pod is never evicted from its node).
        tolerations: [{ operator: 'Exists' }, ...daemonTolerations(true)],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] },
              ],
            },
          },
        },
      },
    };
    applyDefaults('pods', pod, rng);
    admitPriority(pod);
    put(s, 'pods', runningPod(s, pod, { node: name, nodeIndex: i, ip: nodeIP(i) }));
  });
  // CoreDNS: Deployment → ReplicaSet → 2 pods on the control-plane node.
  const template = {
    metadata: { labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      containers: [
        {
          name: 'coredns',
          image: COREDNS_IMAGE,
          args: ['-conf', '/etc/coredns/Corefile'],
          ports: [
            { containerPort: 53, name: 'dns', protocol: 'UDP' },
            { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
            { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
          ],
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
        },
      ],
      dnsPolicy: 'Default',
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'coredns',
      tolerations: [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
      ],
    },
  };
  const deployment: KubeObject = {
    metadata: meta(s, 'coredns', 'kube-system', {
      generation: 1,
      labels: { 'k8s-app': 'kube-dns' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    }),
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template,
    },
  };
  applyDefaults('deployments', deployment, rng);
  const dTemplate = (
    deployment.spec as { template: { metadata: Record<string, unknown>; spec: unknown } }
  ).template;
  const hash = computePodTemplateHash(dTemplate);
  const rsName = `coredns-${hash}`;
  const podLabels = { 'k8s-app': 'kube-dns', 'pod-template-hash': hash };
  const rsTemplate = JSON.parse(JSON.stringify(dTemplate)) as {
    metadata: Record<string, unknown>;
    spec: unknown;
  };
  rsTemplate.metadata.labels = podLabels;
  const dUid = deployment.metadata?.uid;
  deployment.status = {
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: t,
        lastTransitionTime: t,
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      },
    ],
  };
  const d = put(s, 'deployments', deployment);
  const rs: KubeObject = {
    metadata: meta(s, rsName, 'kube-system', {
      generation: 1,
      labels: podLabels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '2',
        'deployment.kubernetes.io/max-replicas': '3',
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'coredns',
          uid: dUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    }),
    spec: {
      replicas: 2,
      selector: { matchLabels: podLabels },
      template: rsTemplate,
    },
    status: {
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    },
  };
  const rsObj = put(s, 'replicasets', rs);
  void d;
  const corednsIPs: { ip: string; name: string; uid: string }[] = [];
  const corednsPods: KubeObject[] = [];
  for (let i = 0; i < 2; i++) {
    const podSpec = JSON.parse(JSON.stringify(rsTemplate.spec)) as Record<string, unknown>;
    const pod: KubeObject = {
      metadata: meta(s, `${rsName}-${randomString(rng)}`, 'kube-system', {
        generateName: `${rsName}-`,
        labels: podLabels,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rsName,
            uid: rsObj.metadata?.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      }),
      spec: podSpec,
    };
    applyDefaults('pods', pod, rng);
    admitPriority(pod);
    const ip = podIP(0, i + 2);
    corednsIPs.push({ ip, name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' });
    corednsPods.push(put(s, 'pods', runningPod(s, pod, { node: CONTROL_PLANE, nodeIndex: 0, ip })));
  }
  const kubeDns = put(s, 'services', {
    metadata: meta(s, 'kube-dns', 'kube-system', {
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    }),
    spec: {
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  put(s, 'endpoints', {
    metadata: meta(s, 'kube-dns', 'kube-system', {
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
    }),
    subsets: [
      {
        addresses: corednsIPs.map((p) => ({
          ip: p.ip,
          nodeName: CONTROL_PLANE,
          targetRef: { kind: 'Pod', namespace: 'kube-system', name: p.name, uid: p.uid },
        })),
        ports: [
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'metrics', port: 9153, protocol: 'TCP' },
        ],
      },
    ],
  });
  seedNamespaceContent(s);
  const kubeProxy = put(s, 'daemonsets', kubeProxyDaemonSet(dsUid, nodes.length));
  seedKubeProxyRevision(s, kubeProxy);
  seedEndpointSlices(s, kubeDns, corednsPods);
  seedPriorityClasses(s);
  seedControlPlaneLeases(s);
  return { nodes, corednsReplicaSet: rsName };
}

/** kube-proxy's pod spec as kubeadm's DaemonSet template has it (tolerations aside). */
function kubeProxyPodSpec(): Record<string, unknown> {
  return {
    containers: [
      {
        name: 'kube-proxy',
        image: 'registry.k8s.io/kube-proxy:v1.32.2',
        command: [
          '/usr/local/bin/kube-proxy',
          '--config=/var/lib/kube-proxy/config.conf',
          '--hostname-override=$(NODE_NAME)',
        ],
        env: [
          {
            name: 'NODE_NAME',
            valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
          },
        ],
        securityContext: { privileged: true },
        volumeMounts: [
          { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
          { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
          { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
        ],
      },
    ],
    volumes: [
      { name: 'kube-proxy', configMap: { defaultMode: 420, name: 'kube-proxy' } },
      { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
      { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
    ],
    hostNetwork: true,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    priorityClassName: 'system-node-critical',
    serviceAccountName: 'kube-proxy',
  };
}

/**
 * kubeadm's kube-proxy DaemonSet, owner of the kube-proxy pods, with its status for `count`
 * nodes. Its metadata is written here (no uid is drawn: the pods already name it).
 */
function kubeProxyDaemonSet(uid: string, count: number): KubeObject {
  const labels = { 'k8s-app': 'kube-proxy' };
  const ds: KubeObject = {
    metadata: {
      name: 'kube-proxy',
      namespace: 'kube-system',
      uid,
      generation: 1,
      creationTimestamp: rfc3339(BOOTSTRAP_AT),
      labels,
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { ...kubeProxyPodSpec(), tolerations: [{ operator: 'Exists' }] },
      },
    },
    status: {
      currentNumberScheduled: count,
      desiredNumberScheduled: count,
      numberAvailable: count,
      numberMisscheduled: 0,
      numberReady: count,
      observedGeneration: 1,
      updatedNumberScheduled: count,
    },
  };
  applyDefaults('daemonsets', ds, createRng(0));
  return ds;
}

/**
 * Revision 1 of kube-proxy, the ControllerRevision the daemonset-controller made for the
 * DaemonSet's template; its hash is the one the seeded pods carry. Its uid comes from a random
 * stream of its own, so the names and uids drawn after it stay as they were.
 */
function seedKubeProxyRevision(main: Seeder, ds: KubeObject): void {
  const s: Seeder = { etcd: main.etcd, rng: createRng((main.rng.state ^ 0x5bd1e995) >>> 0) };
  const revision = newRevision(ds, KUBE_PROXY_REVISION_HASH, 1);
  revision.metadata = { ...meta(s, nameOf(revision), 'kube-system'), ...revision.metadata };
  put(s, 'controllerrevisions', revision);
}

/**
 * ServiceAccounts and ConfigMaps, seeded last with a random stream of their own, so that the
 * names and uids drawn before and after (pods, the learner's objects) stay as they were.
 */
function seedNamespaceContent(main: Seeder): void {
  const s: Seeder = { etcd: main.etcd, rng: createRng((main.rng.state ^ 0x2545f491) >>> 0) };
  const cert = clusterCaCertificate();
  const withMeta = (o: KubeObject): KubeObject => ({
    ...o,
    metadata: {
      ...meta(s, o.metadata?.name ?? '', o.metadata?.namespace ?? undefined),
      ...(o.metadata?.annotations ? { annotations: o.metadata.annotations } : {}),
    },
  });
  const namespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
  const configMaps = [
    ...namespaces.map((ns) => rootCaConfigMap(ns, cert)),
    ...kubeadmConfigMaps(cert, nodeIP(0), rfc3339(BOOTSTRAP_AT)),
  ];
  for (const cm of configMaps) put(s, 'configmaps', withMeta(cm));
  const accounts = [
    ...namespaces.map(defaultServiceAccount),
    ...KUBE_SYSTEM_SERVICE_ACCOUNTS.map((name) => ({
      metadata: { name, namespace: 'kube-system' },
    })),
  ];
  for (const sa of accounts) put(s, 'serviceaccounts', withMeta(sa));
}

/**
 * The EndpointSlices of a fresh cluster: `kubernetes` (the API server's) and kube-dns's
 * `kube-dns-<5 chars>` (the endpointslice controller's, exactly what it would compute now, so its
 * first sync writes nothing). Seeded last with a random stream of their own, so the names, uids
 * and resource versions drawn before stay as they were.
 */
function seedEndpointSlices(main: Seeder, kubeDns: KubeObject, corednsPods: KubeObject[]): void {
  const s: Seeder = { etcd: main.etcd, rng: createRng((main.rng.state ^ 0x68e31da4) >>> 0) };
  const slice = kubernetesEndpointSlice();
  put(s, 'endpointslices', {
    ...slice,
    metadata: meta(s, 'kubernetes', 'default', {
      generation: 1,
      labels: slice.metadata?.labels,
    }),
  });
  const [desired] = desiredSlices(kubeDns, corednsPods);
  const dns = newEndpointSlice(kubeDns, desired!, rfc3339(BOOTSTRAP_AT));
  const { generateName, ...rest } = dns.metadata ?? {};
  put(s, 'endpointslices', {
    ...dns,
    metadata: {
      ...meta(s, `${generateName}${randomString(s.rng)}`, 'kube-system', { generateName }),
      ...rest,
      generation: 1,
    },
  });
}

/**
 * kube-system's leases: the controller manager's and the scheduler's leader election and the
 * API server's identity (see controlPlaneLeases.ts for why they are never written again). Their
 * uuids come from a random stream of their own.
 */
function seedControlPlaneLeases(main: Seeder): void {
  const s: Seeder = { etcd: main.etcd, rng: createRng((main.rng.state ^ 0x7f4a7c15) >>> 0) };
  for (const lease of controlPlaneLeases(CONTROL_PLANE, () => uuid(s.rng))) {
    put(s, 'leases', {
      metadata: meta(s, lease.name, 'kube-system', lease.labels ? { labels: lease.labels } : {}),
      spec: lease.spec,
    });
  }
}

/**
 * The two PriorityClasses kube-apiserver creates at start-up (its scheduling storage's
 * post-start hook), with their descriptions; uids from a random stream of their own.
 */
function seedPriorityClasses(main: Seeder): void {
  const s: Seeder = { etcd: main.etcd, rng: createRng((main.rng.state ^ 0x3c6ef372) >>> 0) };
  for (const name of ['system-cluster-critical', 'system-node-critical']) {
    put(s, 'priorityclasses', {
      metadata: meta(s, name, undefined, { generation: 1 }),
      description: SYSTEM_PRIORITY_CLASS_DESCRIPTIONS[name],
      preemptionPolicy: 'PreemptLowerPriority',
      value: SYSTEM_PRIORITY_CLASSES[name],
    });
  }
}

/**
 * The `kubernetes` Service in `default`, as kube-apiserver makes it: the first IP of the service
 * range, port 443 to the API server's 6443. The API server keeps it (and makes it again).
 */
export function kubernetesService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

/**
 * Its EndpointSlice, which kube-apiserver's EndpointsAdapter writes beside the Endpoints
 * (`endpointSliceFromEndpoints`): named `kubernetes`, only the service-name label, no owner, and
 * each endpoint with the `ready` condition alone.
 */
export function kubernetesEndpointSlice(): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [nodeIP(0)], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  };
}

/** Its Endpoints: the API server on the control-plane node (kube-apiserver's lease reconciler). */
export function kubernetesEndpoints(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [
      { addresses: [{ ip: nodeIP(0) }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ],
  };
}
