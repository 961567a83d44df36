/** Realistic Node and Pod objects for the framework's tests. */
import type { Container, Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

/** A kubeadm-style node: hostname/os/arch labels, allocatable cpu/memory/pods. */
export function makeNode(name: string, s: NodeSpec = {}): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...s.labels,
      },
    },
    spec: {},
    status: {
      capacity: { cpu: s.cpu ?? '2', memory: s.memory ?? '4Gi', pods: s.pods ?? '110' },
      allocatable: { cpu: s.cpu ?? '2', memory: s.memory ?? '4Gi', pods: s.pods ?? '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
      images: s.images ?? [],
    },
  };
  if (s.taints) node.spec!.taints = s.taints;
  if (s.unschedulable) node.spec!.unschedulable = true;
  return node;
}

export const CONTROL_PLANE_TAINT: Taint = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
};

/** The two tolerations DefaultTolerationSeconds admission adds to every pod. */
export const DEFAULT_TOLERATIONS: Toleration[] = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
];

export interface PodSpecLite {
  namespace?: string;
  cpu?: string;
  memory?: string;
  image?: string;
  labels?: Record<string, string>;
  containers?: Container[];
  initContainers?: Container[];
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: NonNullable<Pod['spec']>['affinity'];
  hostPort?: number;
  ownerReplicaSet?: string;
  nodeName?: string;
  preemptionPolicy?: string;
}

/** A pod as the API server stores it after admission (default tolerations, one container). */
export function makePod(name: string, s: PodSpecLite = {}): Pod {
  const requests: Record<string, string> = {};
  if (s.cpu) requests.cpu = s.cpu;
  if (s.memory) requests.memory = s.memory;
  const container: Container = {
    name: 'nginx',
    image: s.image ?? 'nginx',
    resources: Object.keys(requests).length > 0 ? { requests } : {},
  };
  if (s.hostPort) container.ports = [{ containerPort: 80, hostPort: s.hostPort, protocol: 'TCP' }];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: s.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: s.labels ?? {},
    },
    spec: {
      containers: s.containers ?? [container],
      tolerations: s.tolerations ?? DEFAULT_TOLERATIONS,
      schedulerName: 'default-scheduler',
      priority: 0,
    },
  };
  if (s.initContainers) pod.spec!.initContainers = s.initContainers;
  if (s.nodeSelector) pod.spec!.nodeSelector = s.nodeSelector;
  if (s.affinity) pod.spec!.affinity = s.affinity;
  if (s.nodeName) pod.spec!.nodeName = s.nodeName;
  if (s.preemptionPolicy) pod.spec!.preemptionPolicy = s.preemptionPolicy;
  if (s.ownerReplicaSet) {
    pod.metadata!.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: s.ownerReplicaSet,
        uid: `uid-${s.ownerReplicaSet}`,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  return pod;
}

/** A fixed sequence of "random" numbers, cycling; records how often it was called. */
export function fixedRandom(values: number[]): { random: () => number; calls: () => number } {
  let i = 0;
  return {
    random: () => values[i++ % values.length]!,
    calls: () => i,
  };
}
