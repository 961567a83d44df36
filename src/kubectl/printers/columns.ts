/**
 * The server-side table printers of kube-apiserver (pkg/printers/internalversion), rebuilt
 * client-side: columns and cells for each resource, incl. `-o wide` columns.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type {
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  PodStatus,
  Service,
} from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject, ResourceName } from '../../engine/api/types.ts';
import { labelSelectorString } from '../../engine/apiserver/selectors.ts';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../duration.ts';
import { certificateSigningRequestRow } from './certificates.ts';
import { hpaRow } from './hpaColumns.ts';
import { ingressClassRow, ingressRow, networkPolicyRow } from './networking.ts';
import { podDisruptionBudgetRow } from './podDisruptionBudget.ts';
import { BINDING_COLUMNS, bindingRow, ROLE_COLUMNS, roleRow } from './rbacColumns.ts';

export interface Columns {
  columns: string[];
  wide: string[];
}

export const COLUMNS: Record<ResourceName, Columns> = {
  pods: {
    columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    wide: ['IP', 'Node', 'Nominated Node', 'Readiness Gates'],
  },
  nodes: {
    columns: ['Name', 'Status', 'Roles', 'Age', 'Version'],
    wide: ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime'],
  },
  namespaces: { columns: ['Name', 'Status', 'Age'], wide: [] },
  deployments: {
    columns: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
  },
  replicasets: {
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
  },
  daemonsets: {
    columns: [
      'Name',
      'Desired',
      'Current',
      'Ready',
      'Up-to-date',
      'Available',
      'Node Selector',
      'Age',
    ],
    wide: ['Containers', 'Images', 'Selector'],
  },
  statefulsets: { columns: ['Name', 'Ready', 'Age'], wide: ['Containers', 'Images'] },
  cronjobs: {
    columns: ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
  },
  jobs: {
    columns: ['Name', 'Status', 'Completions', 'Duration', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
  },
  services: {
    columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'],
    wide: ['Selector'],
  },
  endpoints: { columns: ['Name', 'Endpoints', 'Age'], wide: [] },
  endpointslices: { columns: ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'], wide: [] },
  priorityclasses: {
    columns: ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy'],
    wide: [],
  },
  resourcequotas: { columns: ['Name', 'Age', 'Request', 'Limit'], wide: [] },
  limitranges: { columns: ['Name', 'Created At'], wide: [] },
  poddisruptionbudgets: {
    columns: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'],
    wide: [],
  },
  roles: ROLE_COLUMNS,
  clusterroles: ROLE_COLUMNS,
  rolebindings: BINDING_COLUMNS,
  clusterrolebindings: BINDING_COLUMNS,
  certificatesigningrequests: {
    columns: ['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition'],
    wide: [],
  },
  persistentvolumes: {
    columns: [
      'Name',
      'Capacity',
      'Access Modes',
      'Reclaim Policy',
      'Status',
      'Claim',
      'StorageClass',
      'VolumeAttributesClass',
      'Reason',
      'Age',
    ],
    wide: ['VolumeMode'],
  },
  persistentvolumeclaims: {
    columns: [
      'Name',
      'Status',
      'Volume',
      'Capacity',
      'Access Modes',
      'StorageClass',
      'VolumeAttributesClass',
      'Age',
    ],
    wide: ['VolumeMode'],
  },
  storageclasses: {
    columns: [
      'Name',
      'Provisioner',
      'ReclaimPolicy',
      'VolumeBindingMode',
      'AllowVolumeExpansion',
      'Age',
    ],
    wide: [],
  },
  horizontalpodautoscalers: {
    columns: ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'],
    wide: [],
  },
  ingresses: { columns: ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'], wide: [] },
  ingressclasses: { columns: ['Name', 'Controller', 'Parameters', 'Age'], wide: [] },
  networkpolicies: { columns: ['Name', 'Pod-Selector', 'Age'], wide: [] },
  events: {
    columns: ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
    wide: [],
  },
  leases: { columns: ['Name', 'Holder', 'Age'], wide: [] },
  configmaps: { columns: ['Name', 'Data', 'Age'], wide: [] },
  secrets: { columns: ['Name', 'Type', 'Data', 'Age'], wide: [] },
  serviceaccounts: { columns: ['Name', 'Secrets', 'Age'], wide: [] },
  controllerrevisions: { columns: ['Name', 'Controller', 'Revision', 'Age'], wide: [] },
};

/** `get events -o wide` interleaves its extra columns, so it has its own list. */
export const EVENT_WIDE_COLUMNS = [
  'Last Seen',
  'Type',
  'Reason',
  'Object',
  'Subobject',
  'Source',
  'Message',
  'First Seen',
  'Count',
  'Name',
];

export interface RowOptions {
  wide: boolean;
  now: number;
}

/** Latest of two optional timestamps (ms), like `lastRestartDate.Before(&terminatedDate)`. */
function later(a: number | undefined, b: unknown): number | undefined {
  const t = parseTimestamp(b);
  if (t === undefined) return a;
  return a === undefined || a < t ? t : a;
}

function isRestartableInit(pod: Pod, name: string): boolean {
  return pod.spec?.initContainers?.find((c) => c.name === name)?.restartPolicy === 'Always';
}

/** READY, STATUS and RESTARTS of a pod, by kubectl's `printPod` algorithm. */
export function podStatus(
  obj: KubeObject,
  now: number,
): { ready: string; status: string; restarts: string } {
  const pod = obj as unknown as Pod;
  const status: PodStatus = pod.status ?? {};
  const spec = pod.spec;
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let reason = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const inits = spec?.initContainers ?? [];
  for (const c of inits) if (c.restartPolicy === 'Always') totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    if (!c) continue;
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    const sidecar = isRestartableInit(pod, c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${inits.length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some(
    (c) => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (!c) continue;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (term?.reason) {
        reason = term.reason;
      } else if (term) {
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined;
  if (deleting && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && status.phase !== 'Succeeded' && status.phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestart).toISOString(), now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

function podRow(obj: KubeObject, o: RowOptions): string[] {
  const pod = obj as unknown as Pod;
  const s = podStatus(obj, o.now);
  const row = [
    pod.metadata?.name ?? '',
    s.ready,
    s.status,
    s.restarts,
    translateTimestampSince(pod.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
    let gates = '<none>';
    const rg = pod.spec?.readinessGates ?? [];
    if (rg.length > 0) {
      const trueCount = rg.filter((g) =>
        (pod.status?.conditions ?? []).some(
          (c) => c.type === g.conditionType && c.status === 'True',
        ),
      ).length;
      gates = `${trueCount}/${rg.length}`;
    }
    row.push(ip, pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', gates);
  }
  return row;
}

/** ROLES of a node: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`. */
export function nodeRoles(obj: KubeObject): string {
  const labels = obj.metadata?.labels ?? {};
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  const list = [...roles].sort();
  return list.length === 0 ? '<none>' : list.join(',');
}

/** STATUS of a node: Ready / NotReady / Unknown, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(obj: KubeObject): string {
  const node = obj as unknown as Node;
  const parts: string[] = [];
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  if (ready) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (parts.length === 0) parts.push('Unknown');
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

function nodeRow(obj: KubeObject, o: RowOptions): string[] {
  const node = obj as unknown as Node;
  const info = node.status?.nodeInfo;
  const row = [
    node.metadata?.name ?? '',
    nodeStatus(obj),
    nodeRoles(obj),
    translateTimestampSince(node.metadata?.creationTimestamp, o.now),
    info?.kubeletVersion ?? '',
  ];
  if (o.wide) {
    row.push(
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    );
  }
  return row;
}

/** `labels.FormatLabels`-like: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

/** `metav1.LabelSelectorAsSelector(sel).String()`. */
export function selectorString(sel: LabelSelector | undefined): string {
  return sel ? labelSelectorString(sel) : '<none>';
}

function containerCells(containers: { name: string; image?: string }[] | undefined): string[] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

function deploymentRow(obj: KubeObject, o: RowOptions): string[] {
  const d = obj as unknown as Deployment;
  const row = [
    d.metadata?.name ?? '',
    `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
    String(d.status?.updatedReplicas ?? 0),
    String(d.status?.availableReplicas ?? 0),
    translateTimestampSince(d.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    row.push(
      ...containerCells(d.spec?.template?.spec?.containers),
      selectorString(d.spec?.selector),
    );
  }
  return row;
}

function replicaSetRow(obj: KubeObject, o: RowOptions): string[] {
  const rs = obj as unknown as ReplicaSet;
  const row = [
    rs.metadata?.name ?? '',
    String(rs.spec?.replicas ?? 0),
    String(rs.status?.replicas ?? 0),
    String(rs.status?.readyReplicas ?? 0),
    translateTimestampSince(rs.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    row.push(
      ...containerCells(rs.spec?.template?.spec?.containers),
      selectorString(rs.spec?.selector),
    );
  }
  return row;
}

/**
 * printJob: STATUS is the first of Complete, Failed, Terminating (being deleted), Suspended,
 * FailureTarget that holds, else Running; COMPLETIONS `succeeded/completions` (`n/1 of p` for a
 * work queue with parallelism p); DURATION from start to completion, or to now while running.
 */
function jobRow(obj: KubeObject, o: RowOptions): string[] {
  const job = obj as unknown as Job;
  const st = job.status ?? {};
  const succeeded = st.succeeded ?? 0;
  let completions: string;
  if (job.spec?.completions != null) completions = `${succeeded}/${job.spec.completions}`;
  else {
    const parallelism = job.spec?.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  const start = parseTimestamp(st.startTime);
  const end = parseTimestamp(st.completionTime);
  const duration =
    start === undefined ? '' : humanDuration((end === undefined ? o.now : end) - start);
  const has = (type: string) =>
    (st.conditions ?? []).some((c) => c.type === type && c.status === 'True');
  const status = has('Complete')
    ? 'Complete'
    : has('Failed')
      ? 'Failed'
      : job.metadata?.deletionTimestamp
        ? 'Terminating'
        : has('Suspended')
          ? 'Suspended'
          : has('FailureTarget')
            ? 'FailureTarget'
            : 'Running';
  const row = [
    job.metadata?.name ?? '',
    status,
    completions,
    duration,
    translateTimestampSince(job.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    row.push(
      ...containerCells(job.spec?.template?.spec?.containers),
      selectorString(job.spec?.selector),
    );
  }
  return row;
}

/** printCronJob: SUSPEND as printBoolPtr (`True`/`False`), ACTIVE the active Jobs' count. */
function cronJobRow(obj: KubeObject, o: RowOptions): string[] {
  const cj = obj as unknown as CronJob;
  const suspend = cj.spec?.suspend;
  const row = [
    cj.metadata?.name ?? '',
    cj.spec?.schedule ?? '',
    cj.spec?.timeZone ?? '<none>',
    suspend == null ? '<unset>' : suspend ? 'True' : 'False',
    String(cj.status?.active?.length ?? 0),
    cj.status?.lastScheduleTime
      ? translateTimestampSince(cj.status.lastScheduleTime, o.now)
      : '<none>',
    translateTimestampSince(cj.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    row.push(
      ...containerCells(cj.spec?.jobTemplate?.spec?.template?.spec?.containers),
      selectorString(cj.spec?.jobTemplate?.spec?.selector),
    );
  }
  return row;
}

function daemonSetRow(obj: KubeObject, o: RowOptions): string[] {
  const ds = obj as unknown as DaemonSet;
  const st = ds.status;
  const nodeSelector = Object.entries(ds.spec?.template?.spec?.nodeSelector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const row = [
    ds.metadata?.name ?? '',
    String(st?.desiredNumberScheduled ?? 0),
    String(st?.currentNumberScheduled ?? 0),
    String(st?.numberReady ?? 0),
    String(st?.updatedNumberScheduled ?? 0),
    String(st?.numberAvailable ?? 0),
    nodeSelector || '<none>',
    translateTimestampSince(ds.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    row.push(
      ...containerCells(ds.spec?.template?.spec?.containers),
      selectorString(ds.spec?.selector),
    );
  }
  return row;
}

/** printStatefulSet: READY is `status.readyReplicas/spec.replicas`; wide adds containers, images. */
function statefulSetRow(obj: KubeObject, o: RowOptions): string[] {
  const sts = obj as unknown as StatefulSet;
  const row = [
    sts.metadata?.name ?? '',
    `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`,
    translateTimestampSince(sts.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) row.push(...containerCells(sts.spec?.template?.spec?.containers));
  return row;
}

/** PORT(S): `80/TCP`, `80:31234/TCP` with a node port, comma-joined. */
export function servicePorts(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
}

function serviceExternalIP(svc: Service): string {
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
      const all = [...lb.filter((x) => x !== ''), ...ext];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    default:
      return ext.length > 0 ? ext.join(',') : '<none>';
  }
}

function serviceRow(obj: KubeObject, o: RowOptions): string[] {
  const svc = obj as unknown as Service;
  const row = [
    svc.metadata?.name ?? '',
    svc.spec?.type ?? 'ClusterIP',
    svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>',
    serviceExternalIP(svc),
    servicePorts(svc),
    translateTimestampSince(svc.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) row.push(formatLabels(svc.spec?.selector));
  return row;
}

/** ENDPOINTS: at most three `ip:port`, then ` + N more...`. */
export function formatEndpoints(ep: Endpoints, portNames?: Set<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      if (portNames && !portNames.has(p.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/**
 * formatEndpointSlices, as kubectl 1.32's Service and Ingress describers print a port's
 * endpoints: `<none>` when the Service has no EndpointSlice at all, else at most three ready
 * `ip:port` of the slices' ports named in `portNames` (then ` + N more...`), which is empty
 * when the slices hold no ready endpoint (a selector that matches no ready pod).
 */
export function formatEndpointSlices(slices: KubeObject[], portNames: Set<string>): string {
  if (slices.length === 0) return '<none>';
  type Slice = {
    ports?: { name?: string | null; port?: number | null }[] | null;
    endpoints?: { addresses?: string[]; conditions?: { ready?: boolean | null } }[] | null;
  };
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (entry: string): void => {
    if (list.length === max) more = true;
    if (!more) list.push(entry);
    count++;
  };
  for (const obj of slices) {
    const slice = obj as unknown as Slice;
    const ready = (slice.endpoints ?? []).filter(
      (e) => (e.conditions?.ready ?? true) && (e.addresses ?? []).length > 0,
    );
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      for (const e of ready) add(e.addresses?.[0] ?? '');
      continue;
    }
    for (const p of ports) {
      if (!portNames.has(p.name ?? '')) continue;
      for (const e of ready) {
        const ip = e.addresses?.[0] ?? '';
        add(ip.includes(':') ? `[${ip}]:${p.port}` : `${ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function endpointsRow(obj: KubeObject, o: RowOptions): string[] {
  const ep = obj as unknown as Endpoints;
  return [
    ep.metadata?.name ?? '',
    formatEndpoints(ep),
    translateTimestampSince(ep.metadata?.creationTimestamp, o.now),
  ];
}

/** `listWithMoreString`: the first three, then ` + N more...`; `<unset>` when empty. */
function listWithMore(items: string[]): string {
  const shown = items.slice(0, 3).join(',');
  if (items.length > 3) return `${shown} + ${items.length - 3} more...`;
  return shown === '' ? '<unset>' : shown;
}

/**
 * printEndpointSlice: PORTS lists the port numbers (a port without a number by its name, else
 * `*`), ENDPOINTS every address of every endpoint, each capped at three.
 */
function endpointSliceRow(obj: KubeObject, o: RowOptions): string[] {
  const ports = (obj.ports as { port?: number; name?: string }[] | null | undefined) ?? [];
  const endpoints = (obj.endpoints as { addresses?: string[] }[] | null | undefined) ?? [];
  return [
    obj.metadata?.name ?? '',
    typeof obj.addressType === 'string' ? obj.addressType : '',
    listWithMore(
      ports.map((p) =>
        typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*',
      ),
    ),
    listWithMore(endpoints.flatMap((e) => e.addresses ?? [])),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

/** printPriorityClass: VALUE, GLOBAL-DEFAULT (false when unset), AGE, PREEMPTIONPOLICY. */
function priorityClassRow(obj: KubeObject, o: RowOptions): string[] {
  return [
    obj.metadata?.name ?? '',
    String(typeof obj.value === 'number' ? obj.value : 0),
    String(obj.globalDefault === true),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
    typeof obj.preemptionPolicy === 'string' ? obj.preemptionPolicy : '<none>',
  ];
}

/**
 * printResourceQuota: each hard resource as `name: used/hard` (sorted), the `limits.*` ones in
 * LIMIT, the rest in REQUEST.
 */
function resourceQuotaRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = (obj.spec ?? {}) as { hard?: Record<string, unknown> };
  const status = (obj.status ?? {}) as {
    hard?: Record<string, unknown>;
    used?: Record<string, unknown>;
  };
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(spec.hard ?? {}).sort()) {
    const used = status.used?.[name] ?? '0';
    const hard = status.hard?.[name] ?? '0';
    const pieces = name.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(
      `${name}: ${String(used)}/${String(hard)}`,
    );
  }
  return [
    obj.metadata?.name ?? '',
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
    request.join(', '),
    limit.join(', '),
  ];
}

/** printLimitRange: NAME and CREATED AT (RFC 3339, UTC). */
function limitRangeRow(obj: KubeObject): string[] {
  return [obj.metadata?.name ?? '', String(obj.metadata?.creationTimestamp ?? '')];
}

/**
 * helper.GetAccessModesAsString: the modes a volume or claim has, in the fixed order RWO, ROX,
 * RWX, RWOP, comma-joined.
 */
export function accessModesString(modes: unknown): string {
  const list = Array.isArray(modes) ? modes : [];
  const out: string[] = [];
  for (const [mode, short] of [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ] as const) {
    if (list.includes(mode)) out.push(short);
  }
  return out.join(',');
}

/** The beta annotation wins over spec.storageClassName (GetPersistentVolume(Claim)Class). */
export function storageClassOf(obj: KubeObject): string {
  const beta = obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return beta;
  const spec = (obj.spec ?? {}) as { storageClassName?: unknown };
  return typeof spec.storageClassName === 'string' ? spec.storageClassName : '';
}

type VolumeSpec = {
  capacity?: Record<string, unknown>;
  accessModes?: unknown;
  persistentVolumeReclaimPolicy?: string;
  claimRef?: { namespace?: string; name?: string };
  volumeMode?: string;
  volumeAttributesClassName?: string;
  volumeName?: string;
  resources?: { requests?: Record<string, unknown> };
};

/** printPersistentVolume: CLAIM is `namespace/name`, STATUS Terminating once deleted. */
function persistentVolumeRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = (obj.spec ?? {}) as VolumeSpec;
  const status = (obj.status ?? {}) as { phase?: string; reason?: string };
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  const phase = obj.metadata?.deletionTimestamp ? 'Terminating' : (status.phase ?? '');
  const row = [
    obj.metadata?.name ?? '',
    String(spec.capacity?.storage ?? '0'),
    accessModesString(spec.accessModes),
    spec.persistentVolumeReclaimPolicy ?? '',
    phase,
    claim,
    storageClassOf(obj),
    spec.volumeAttributesClassName || '<unset>',
    status.reason ?? '',
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) row.push(spec.volumeMode ?? '<unset>');
  return row;
}

/**
 * printPersistentVolumeClaim: CAPACITY and ACCESS MODES come from the status, and only once the
 * claim names a volume.
 */
function persistentVolumeClaimRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = (obj.spec ?? {}) as VolumeSpec;
  const status = (obj.status ?? {}) as {
    phase?: string;
    accessModes?: unknown;
    capacity?: Record<string, unknown>;
  };
  const phase = obj.metadata?.deletionTimestamp ? 'Terminating' : (status.phase ?? '');
  const bound = Boolean(spec.volumeName);
  const row = [
    obj.metadata?.name ?? '',
    phase,
    spec.volumeName ?? '',
    bound ? String(status.capacity?.storage ?? '0') : '',
    bound ? accessModesString(status.accessModes) : '',
    storageClassOf(obj),
    spec.volumeAttributesClassName || '<unset>',
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) row.push(spec.volumeMode ?? '<unset>');
  return row;
}

/** Whether a StorageClass carries the (beta) is-default-class annotation set to "true". */
export function isDefaultStorageClass(obj: KubeObject): boolean {
  const a = obj.metadata?.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

/** printStorageClass: NAME gets ` (default)` for the default class. */
function storageClassRow(obj: KubeObject, o: RowOptions): string[] {
  const name = obj.metadata?.name ?? '';
  return [
    isDefaultStorageClass(obj) ? `${name} (default)` : name,
    typeof obj.provisioner === 'string' ? obj.provisioner : '',
    typeof obj.reclaimPolicy === 'string' ? obj.reclaimPolicy : 'Delete',
    typeof obj.volumeBindingMode === 'string' ? obj.volumeBindingMode : 'Immediate',
    String(obj.allowVolumeExpansion === true),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

function namespaceRow(obj: KubeObject, o: RowOptions): string[] {
  const ns = obj as unknown as Namespace;
  return [
    ns.metadata?.name ?? '',
    ns.status?.phase ?? '',
    translateTimestampSince(ns.metadata?.creationTimestamp, o.now),
  ];
}

/** First-seen age of an event: eventTime, else firstTimestamp. */
function eventFirstSeen(e: Event, now: number): string {
  if (parseTimestamp(e.firstTimestamp) === undefined) {
    return translateTimestampSince(e.eventTime, now);
  }
  return translateTimestampSince(e.firstTimestamp, now);
}

function eventRow(obj: KubeObject, o: RowOptions): string[] {
  const e = obj as unknown as Event;
  const first = eventFirstSeen(e, o.now);
  let last =
    parseTimestamp(e.lastTimestamp) === undefined
      ? first
      : translateTimestampSince(e.lastTimestamp, o.now);
  let count = e.count ?? 0;
  if (e.series) {
    last = translateTimestampSince(e.series.lastObservedTime, o.now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const io = e.involvedObject;
  const target = io?.name
    ? `${(io.kind ?? '').toLowerCase()}/${io.name}`
    : (io?.kind ?? '').toLowerCase();
  const message = (e.message ?? '').trim();
  if (!o.wide) return [last, e.type ?? '', e.reason ?? '', target, message];
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    target,
    io?.fieldPath ?? '',
    host ? `${component}, ${host}` : component,
    message,
    first,
    String(count),
    e.metadata?.name ?? '',
  ];
}

/** `kubectl events` / describe interval: `61s`, or `23m (x21 over 121m)` for repeats. */
export function eventInterval(obj: KubeObject, now: number): string {
  const e = obj as unknown as Event;
  const first =
    parseTimestamp(e.eventTime) === undefined
      ? translateTimestampSince(e.firstTimestamp, now)
      : translateTimestampSince(e.eventTime, now);
  if (e.series) {
    return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  }
  if ((e.count ?? 0) > 1) {
    return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  }
  return first;
}

function leaseRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = (obj.spec ?? {}) as { holderIdentity?: string };
  return [
    obj.metadata?.name ?? '',
    spec.holderIdentity ?? '',
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

/** Entries of `data` plus `binaryData` (the DATA column of config maps and secrets). */
function dataCount(obj: KubeObject): string {
  const count = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).length : 0);
  return String(count(obj.data) + count(obj.binaryData));
}

function configMapRow(obj: KubeObject, o: RowOptions): string[] {
  return [
    obj.metadata?.name ?? '',
    dataCount(obj),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

function secretRow(obj: KubeObject, o: RowOptions): string[] {
  return [
    obj.metadata?.name ?? '',
    typeof obj.type === 'string' ? obj.type : '',
    dataCount(obj),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

function serviceAccountRow(obj: KubeObject, o: RowOptions): string[] {
  return [
    obj.metadata?.name ?? '',
    String(Array.isArray(obj.secrets) ? obj.secrets.length : 0),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

/**
 * printControllerRevision: CONTROLLER is the controller reference as `kind.group/name`
 * (formatResourceName of its GroupKind), `<none>` without one.
 */
function controllerRevisionRow(obj: KubeObject, o: RowOptions): string[] {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  let controller = '<none>';
  if (ref) {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const kind = group ? `${ref.kind}.${group}` : ref.kind;
    controller = kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
  }
  return [
    obj.metadata?.name ?? '',
    controller,
    String(typeof obj.revision === 'number' ? obj.revision : 0),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

const ROWS: Record<ResourceName, (obj: KubeObject, o: RowOptions) => string[]> = {
  pods: podRow,
  nodes: nodeRow,
  namespaces: namespaceRow,
  deployments: deploymentRow,
  replicasets: replicaSetRow,
  daemonsets: daemonSetRow,
  statefulsets: statefulSetRow,
  jobs: jobRow,
  cronjobs: cronJobRow,
  services: serviceRow,
  endpoints: endpointsRow,
  events: eventRow,
  leases: leaseRow,
  configmaps: configMapRow,
  secrets: secretRow,
  serviceaccounts: serviceAccountRow,
  controllerrevisions: controllerRevisionRow,
  endpointslices: endpointSliceRow,
  priorityclasses: priorityClassRow,
  resourcequotas: resourceQuotaRow,
  limitranges: limitRangeRow,
  poddisruptionbudgets: podDisruptionBudgetRow,
  persistentvolumes: persistentVolumeRow,
  persistentvolumeclaims: persistentVolumeClaimRow,
  storageclasses: storageClassRow,
  horizontalpodautoscalers: hpaRow,
  ingresses: ingressRow,
  ingressclasses: ingressClassRow,
  networkpolicies: networkPolicyRow,
  roles: roleRow,
  clusterroles: roleRow,
  rolebindings: bindingRow,
  clusterrolebindings: bindingRow,
  certificatesigningrequests: certificateSigningRequestRow,
};

/** Column names of a resource's table (`wide` adds the priority-1 columns). */
export function columnsFor(resource: ResourceName, wide: boolean): string[] {
  if (resource === 'events' && wide) return [...EVENT_WIDE_COLUMNS];
  const c = COLUMNS[resource];
  return wide ? [...c.columns, ...c.wide] : [...c.columns];
}

/** Cells of one object's row. */
export function rowFor(resource: ResourceName, obj: KubeObject, o: RowOptions): string[] {
  return ROWS[resource](obj, o);
}
