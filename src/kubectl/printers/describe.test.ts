import { describe, expect, it } from 'vitest';
import { describeDeployment, describeNamespace, describeNode, describePod } from './describe.ts';
import { NOW, node, runningPod } from './fixtures.ts';

const ev = (reason: string, msg: string, comp: string, t: string) => ({
  type: 'Normal',
  reason,
  message: msg,
  source: { component: comp },
  firstTimestamp: t,
  lastTimestamp: t,
  count: 1,
  involvedObject: { kind: 'Pod', name: 'web-7c79c4bf97-x6j7v' },
});
const events = [
  ev(
    'Scheduled',
    'Successfully assigned default/web-7c79c4bf97-x6j7v to worker',
    'default-scheduler',
    '2026-01-15T10:08:59Z',
  ),
  ev('Pulling', 'Pulling image "nginx"', 'kubelet', '2026-01-15T10:09:00Z'),
  ev(
    'Pulled',
    'Successfully pulled image "nginx" in 3.512s (3.512s including waiting). Image size: 72080558 bytes.',
    'kubelet',
    '2026-01-15T10:09:04Z',
  ),
  ev('Created', 'Created container nginx', 'kubelet', '2026-01-15T10:09:04Z'),
  ev('Started', 'Started container nginx', 'kubelet', '2026-01-15T10:09:05Z'),
];
const deploy = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'd1',
    creationTimestamp: '2026-01-15T10:08:58Z',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    },
  },
  status: {
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};
const rss = [
  {
    metadata: {
      name: 'web-7c79c4bf97',
      ownerReferences: [
        { kind: 'Deployment', name: 'web', uid: 'd1', controller: true, apiVersion: 'apps/v1' },
      ],
    },
    spec: {
      replicas: 1,
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '7c79c4bf97' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
    status: { replicas: 1 },
  },
];
const devents = [
  {
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-7c79c4bf97 from 0 to 1',
    source: { component: 'deployment-controller' },
    firstTimestamp: '2026-01-15T10:08:58Z',
    lastTimestamp: '2026-01-15T10:08:58Z',
    count: 1,
  },
];

describe('kubectl describe layouts (Go tabwriter, minwidth 0, padding 2)', () => {
  it('describes a running pod with its events table', () => {
    expect(describePod(runningPod('web-7c79c4bf97-x6j7v'), events, NOW)).toBe(POD);
  });

  it('prints "Events:  <none>" aligned with the block above when there are no events', () => {
    expect(
      describePod(runningPod('web-7c79c4bf97-x6j7v'), [], NOW).split('\n').slice(-3).join('\n'),
    ).toBe(POD_NO_EVENTS);
  });

  it('describes a node: lease, conditions, capacity, system info, pods and allocated resources', () => {
    expect(
      describeNode(
        node('worker'),
        [runningPod('web-7c79c4bf97-x6j7v')],
        { spec: { holderIdentity: 'worker', renewTime: '2026-01-15T10:09:55.000000Z' } },
        [],
        NOW,
      ),
    ).toBe(NODE);
  });

  it('describes a namespace, followed by the quota and limit range lines', () => {
    expect(
      describeNamespace({
        metadata: { name: 'blue', labels: { 'kubernetes.io/metadata.name': 'blue' } },
        status: { phase: 'Active' },
      }),
    ).toBe(NS);
  });

  it('describes a deployment with its pod template, conditions and new replica set', () => {
    expect(describeDeployment(deploy, rss, devents, NOW)).toBe(DEPLOY);
  });
});

const POD = `Name:             web-7c79c4bf97-x6j7v
Namespace:        default
Priority:         0
Service Account:  default
Node:             worker/172.18.0.3
Start Time:       Thu, 15 Jan 2026 10:09:08 +0000
Labels:           app=web
                  pod-template-hash=7c79c4bf97
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:           10.244.1.2
Controlled By:  ReplicaSet/web-7c79c4bf97
Containers:
  nginx:
    Container ID:   containerd://5f1e0c8b9f3d
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 15 Jan 2026 10:09:12 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x6j7v (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-x6j7v:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  61s   default-scheduler  Successfully assigned default/web-7c79c4bf97-x6j7v to worker
  Normal  Pulling    60s   kubelet            Pulling image "nginx"
  Normal  Pulled     56s   kubelet            Successfully pulled image "nginx" in 3.512s (3.512s including waiting). Image size: 72080558 bytes.
  Normal  Created    56s   kubelet            Created container nginx
  Normal  Started    55s   kubelet            Started container nginx
`;

const POD_NO_EVENTS = `                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
`;

const NODE = `Name:               worker
Roles:              <none>
Labels:             kubernetes.io/hostname=worker
                    kubernetes.io/os=linux
Annotations:        <none>
CreationTimestamp:  Tue, 13 Jan 2026 07:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  worker
  AcquireTime:     <unset>
  RenewTime:       Thu, 15 Jan 2026 10:09:55 +0000
Conditions:
  Type    Status  LastHeartbeatTime  LastTransitionTime  Reason         Message
  ----    ------  -----------------  ------------------  ------         -------
  Ready   True    <unknown>          <unknown>           KubeletReady   kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.3
  Hostname:    worker
Capacity:
  cpu:                2
  ephemeral-storage:  61255492Ki
  memory:             4015876Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  56453061334
  memory:             3913476Ki
  pods:               110
System Info:
  Machine ID:                 m
  System UUID:                u
  Boot ID:                    b
  Kernel Version:             6.8.0-51-generic
  OS Image:                   Ubuntu 24.04.1 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.24
  Kubelet Version:            v1.32.2
  Kube-Proxy Version:         
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                    ------------  ----------  ---------------  -------------  ---
  default                     web-7c79c4bf97-x6j7v    0 (0%)        0 (0%)      0 (0%)           0 (0%)         52s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests  Limits
  --------           --------  ------
  cpu                0 (0%)    0 (0%)
  memory             0 (0%)    0 (0%)
  ephemeral-storage  0 (0%)    0 (0%)
Events:              <none>
`;

const NS = `Name:         blue
Labels:       kubernetes.io/metadata.name=blue
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`;

const DEPLOY = `Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 15 Jan 2026 10:08:58 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7c79c4bf97 (1/1 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  62s   deployment-controller  Scaled up replica set web-7c79c4bf97 from 0 to 1
`;
