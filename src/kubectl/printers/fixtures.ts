/** Hand-built API objects (as a 1.32 cluster returns them) for the printer tests. */
import type { KubeObject } from '../../engine/api/types.ts';

export const NOW = Date.parse('2026-01-15T10:10:00Z');

export function runningPod(name: string, overrides: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: 'a1b2c3d4-0000-4000-8000-000000000001',
      creationTimestamp: '2026-01-15T10:09:08Z',
      labels: { app: 'web', 'pod-template-hash': '7c79c4bf97' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7c79c4bf97',
          uid: 'rs-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          resources: {},
          volumeMounts: [
            {
              name: 'kube-api-access-x6j7v',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      nodeName: 'worker',
      priority: 0,
      serviceAccountName: 'default',
      tolerations: [
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
      ],
      volumes: [
        {
          name: 'kube-api-access-x6j7v',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              {
                configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
              },
              {
                downwardAPI: {
                  items: [
                    {
                      path: 'namespace',
                      fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '172.18.0.3',
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      startTime: '2026-01-15T10:09:08Z',
      qosClass: 'BestEffort',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [
        {
          name: 'nginx',
          image: 'docker.io/library/nginx:latest',
          imageID:
            'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
          containerID: 'containerd://5f1e0c8b9f3d',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-01-15T10:09:12Z' } },
        },
      ],
    },
    ...overrides,
  };
}

export function node(
  name: string,
  opts: { controlPlane?: boolean; ready?: string; unschedulable?: boolean } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: '2026-01-13T07:00:00Z',
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(opts.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: {
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
      ...(opts.unschedulable ? { unschedulable: true } : {}),
      ...(opts.controlPlane
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: '172.18.0.3' },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '2', memory: '4015876Ki', pods: '110', 'ephemeral-storage': '61255492Ki' },
      allocatable: {
        cpu: '2',
        memory: '3913476Ki',
        pods: '110',
        'ephemeral-storage': '56453061334',
      },
      conditions:
        opts.ready === undefined && opts.ready !== 'none'
          ? [
              {
                type: 'Ready',
                status: 'True',
                reason: 'KubeletReady',
                message: 'kubelet is posting ready status',
              },
            ]
          : opts.ready === 'none'
            ? []
            : [
                {
                  type: 'Ready',
                  status: opts.ready,
                  reason: 'NodeStatusUnknown',
                  message: 'Kubelet stopped posting node status.',
                },
              ],
      nodeInfo: {
        kubeletVersion: 'v1.32.2',
        kubeProxyVersion: '',
        osImage: 'Ubuntu 24.04.1 LTS',
        kernelVersion: '6.8.0-51-generic',
        containerRuntimeVersion: 'containerd://1.7.24',
        operatingSystem: 'linux',
        architecture: 'amd64',
        machineID: 'm',
        systemUUID: 'u',
        bootID: 'b',
      },
    },
  };
}
