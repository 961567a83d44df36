/**
 * `kubectl describe` layouts for pods, nodes, namespaces and deployments, written the way
 * pkg/describe does: a prefix writer (two spaces per level) over Go's tabwriter with
 * minwidth 0 and padding 2, flushed before the Events table.
 */

import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvFromSource,
  EnvVar,
  Namespace,
  Node,
  Pod,
  Service,
  Toleration,
  Volume,
} from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import { resourceFieldValue } from '../../engine/node/containerEnv.ts';
import { describeProbe, type ProbeSpec } from '../../engine/node/probe.ts';
import {
  formatRFC1123Z,
  humanDuration,
  parseTimestamp,
  translateTimestampSince,
} from '../duration.ts';
import { goSort } from '../goSort.ts';
import { DESCRIBE_TABWRITER, formatSegments } from '../tabwriter.ts';
import {
  accessModesString,
  eventInterval,
  formatEndpointSlices,
  formatLabels,
  isDefaultStorageClass,
  nodeRoles,
  selectorString,
  storageClassOf,
} from './columns.ts';

/** pkg/describe's PrefixWriter: level N is indented by 2N spaces; `flush` ends a tab block. */
export class PrefixWriter {
  private readonly segments: string[] = [];
  private current = '';

  write(level: number, text: string): void {
    this.current += '  '.repeat(level) + text;
  }

  flush(): void {
    this.segments.push(this.current);
    this.current = '';
  }

  toString(): string {
    return formatSegments([...this.segments, this.current], DESCRIBE_TABWRITER);
  }

  /** The text as written, tabs and all (a PrefixWriter straight onto a buffer, no tabwriter). */
  raw(): string {
    return [...this.segments, this.current].join('');
  }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function sortedEntries(m: Record<string, string> | undefined): [string, string][] {
  return Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `Labels:  a=b` then `\tc=d` lines (printLabelsMultilineWithIndent); `innerIndent` goes before
 * the tab of each further line (a claim template's labels use two spaces).
 */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  innerIndent = '',
): void {
  w.write(0, `${title}:\t`);
  const entries = sortedEntries(labels);
  if (entries.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  entries.forEach(([k, v], i) => {
    if (i !== 0) w.write(0, `${innerIndent}\t`);
    w.write(0, `${k}=${v}\n`);
  });
}

/** Annotations as `key: value`, skipping the last-applied configuration. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const entries = sortedEntries(annotations).filter(([k]) => k !== LAST_APPLIED);
  if (entries.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  entries.forEach(([k, v], i) => {
    if (i !== 0) w.write(0, '\t');
    const value = v.endsWith('\n') ? v.slice(0, -1) : v;
    // printAnnotationsMultilineWithFilter: a long or multi-line value goes on lines of its own,
    // each cut at 138 characters with `...`.
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const line of value.split('\n'))
        w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

const MAX_ANNOTATION_LEN = 140;

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** Name, Namespace, Labels and Annotations: how the simpler describers begin. */
function describeHeader(obj: KubeObject): PrefixWriter {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  return w;
}

/** `kubectl describe configmap` (describeConfigMap): the data keys in order, then BinaryData. */
export function describeConfigMap(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const w = describeHeader(obj);
  w.write(0, '\nData\n====\n');
  for (const [k, v] of sortedEntries(obj.data as Record<string, string> | undefined)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${v}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const [k, v] of sortedEntries(obj.binaryData as Record<string, string> | undefined)) {
    w.write(0, `${k}: ${base64Length(v)} bytes\n`);
  }
  w.write(0, '\n');
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** Decoded length of base64 text. */
function base64Length(b64: string): number {
  const clean = b64.replace(/[^A-Za-z0-9+/=]/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

/** base64 text decoded as UTF-8 (itself when it is not base64). */
function decodeBase64(b64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return b64;
  }
}

/** `kubectl describe secret` (describeSecret): sizes, never the values but a token's. */
export function describeSecret(obj: KubeObject): string {
  const w = describeHeader(obj);
  w.write(0, `\nType:\t${typeof obj.type === 'string' ? obj.type : ''}\n`);
  w.write(0, '\nData\n====\n');
  // A service account token is printed itself (it is what the Secret is for).
  const tokenType = obj.type === 'kubernetes.io/service-account-token';
  for (const [k, v] of sortedEntries(obj.data as Record<string, string> | undefined)) {
    if (k === 'token' && tokenType) w.write(0, `${k}:\t${decodeBase64(v)}\n`);
    else w.write(0, `${k}:\t${base64Length(v)} bytes\n`);
  }
  return w.toString();
}

/** `kubectl describe serviceaccount` (describeServiceAccount, no token secrets since 1.24). */
export function describeServiceAccount(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
  /** The names of its token Secrets (annotated with its name and UID). */
  tokens: readonly string[] = [],
  /**
   * The names of the namespace's Secrets, when they could be listed: a pull or mountable secret
   * not among them is marked `(not found)`.
   */
  existing?: ReadonlySet<string>,
): string {
  const w = describeHeader(obj);
  const pullSecrets = (obj.imagePullSecrets as { name?: string }[] | undefined) ?? [];
  const mountable = (obj.secrets as { name?: string }[] | undefined) ?? [];
  const list = (title: string, items: { name?: string }[], check: boolean) => {
    w.write(0, `${title}:\t`);
    if (items.length === 0) w.write(0, '<none>\n');
    else {
      items.forEach((s, i) => {
        const name = s.name ?? '';
        const missing = check && existing !== undefined && !existing.has(name);
        w.write(0, `${i === 0 ? '' : '\t'}${name}${missing ? ' (not found)' : ''}\n`);
      });
    }
  };
  list('Image pull secrets', pullSecrets, true);
  list('Mountable secrets', mountable, true);
  list(
    'Tokens',
    tokens.map((name) => ({ name })),
    false,
  );
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** `kubectl describe priorityclass` (describePriorityClass). */
export function describePriorityClass(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Value:\t${typeof obj.value === 'number' ? obj.value : 0}\n`);
  w.write(0, `GlobalDefault:\t${obj.globalDefault === true}\n`);
  w.write(
    0,
    `PreemptionPolicy:\t${typeof obj.preemptionPolicy === 'string' ? obj.preemptionPolicy : '<none>'}\n`,
  );
  w.write(0, `Description:\t${typeof obj.description === 'string' ? obj.description : ''}\n`);
  // labels.FormatLabels on one line, kubectl's last-applied-configuration included (its
  // trailing newline leaves a blank line before Events).
  w.write(0, `Annotations:\t${formatLabels(obj.metadata?.annotations)}\n`);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
  hostname?: string;
  targetRef?: { kind?: string; name?: string };
  nodeName?: string;
  zone?: string;
}

/**
 * `kubectl describe endpointslice` (describeEndpointSliceV1): address type, a table of ports
 * and, per endpoint, its addresses, Ready condition, hostname, target, node and zone.
 */
export function describeEndpointSlice(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const w = describeHeader(obj);
  w.write(0, `AddressType:\t${typeof obj.addressType === 'string' ? obj.addressType : ''}\n`);
  const ports =
    (obj.ports as { name?: string; port?: number; protocol?: string }[] | null | undefined) ?? [];
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) {
      const port = typeof p.port === 'number' ? String(p.port) : '<unset>';
      w.write(1, `${p.name || '<unset>'}\t${port}\t${p.protocol ?? ''}\n`);
    }
  }
  const endpoints = (obj.endpoints as SliceEndpoint[] | null | undefined) ?? [];
  if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      const ready = e.conditions?.ready;
      w.write(3, `Ready:\t${typeof ready === 'boolean' ? String(ready) : '<unset>'}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef)
        w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}

export function formatToleration(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
    s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function printTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  if ((tolerations ?? []).length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  // printTolerationsMultilineWithIndent sorts by key (sort.Slice; an insertion sort, so stable,
  // for a pod's handful of tolerations).
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${formatToleration(t)}\n`);
  });
}

/** The Events block (DescribeEvents): `Events:  <none>` or a table after a flush. */
export function describeEvents(w: PrefixWriter, events: KubeObject[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // event.SortableEvents: by lastTimestamp alone, so events.k8s.io events (the scheduler's,
  // whose lastTimestamp is zero) come first (kubectl events' own sort falls back to eventTime).
  const time = (e: KubeObject): number =>
    parseTimestamp((e as { lastTimestamp?: string }).lastTimestamp) ?? 0;
  // sort.Sort, not stable: events last seen in the same second come in the order Go's
  // pattern-defeating quicksort leaves them (insertion sort, so input order, up to 12).
  const sorted = [...events];
  goSort(sorted, (a, b) => time(a) < time(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const ev = e as {
      type?: string;
      reason?: string;
      message?: string;
      source?: { component?: string };
      reportingComponent?: string;
    };
    const from = ev.source?.component || ev.reportingComponent || '';
    w.write(
      1,
      `${ev.type ?? ''}\t${ev.reason ?? ''}\t${eventInterval(e, now)}\t${from}\t${(ev.message ?? '').trim()}\n`,
    );
  }
}

function describeState(w: PrefixWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    // describeStatus prints a waiting container's reason only: its message (the pull error,
    // the back-off) is left to the events.
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    // A time never set (a container lost at the pod's end: null) is Go's zero time.
    const zero = 'Mon, 01 Jan 0001 00:00:00 +0000';
    w.write(3, `Started:\t${t.startedAt == null ? zero : formatRFC1123Z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${t.finishedAt == null ? zero : formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

/** One environment variable, as describe's container section prints it. */
function describeEnvVar(
  w: PrefixWriter,
  e: EnvVar,
  resolve: ((fieldPath: string) => string) | undefined,
  container: Container,
): void {
  const from = e.valueFrom;
  if (!from) {
    (e.value ?? '').split('\n').forEach((line, i) => {
      w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
    });
    return;
  }
  if (from.fieldRef) {
    const { apiVersion = 'v1', fieldPath } = from.fieldRef;
    w.write(3, `${e.name}:\t${resolve?.(fieldPath) ?? ''} (${apiVersion}:${fieldPath})\n`);
  } else if (from.resourceFieldRef) {
    // The container's own request or limit; an unset limit shows as "node allocatable".
    const { resource } = from.resourceFieldRef;
    let value = resourceFieldValue(from.resourceFieldRef, container) ?? '';
    if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) {
      value = 'node allocatable';
    }
    w.write(3, `${e.name}:\t${value} (${resource})\n`);
  } else if (from.secretKeyRef) {
    const { key, name, optional } = from.secretKeyRef;
    w.write(
      3,
      `${e.name}:\t<set to the key '${key}' in secret '${name ?? ''}'>\tOptional: ${optional === true}\n`,
    );
  } else if (from.configMapKeyRef) {
    const { key, name, optional } = from.configMapKeyRef;
    w.write(
      3,
      `${e.name}:\t<set to the key '${key}' of config map '${name ?? ''}'>\tOptional: ${optional === true}\n`,
    );
  }
}

/** One `envFrom` source, as describeContainerEnvFrom prints it. */
function describeEnvFrom(w: PrefixWriter, e: EnvFromSource): void {
  const ref = e.configMapRef ?? e.secretRef;
  const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
  const kind = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
  w.write(3, `${ref?.name ?? ''}\t${kind}\tOptional: ${ref?.optional === true}\n`);
}

/**
 * describe's EnvValueRetriever: kubectl converts the field path with its own scheme, which has
 * only the default field-label conversion (metadata.name, metadata.namespace); any other path
 * (spec.nodeName, status.podIP, labels…) fails there and prints empty, as the real kubectl
 * 1.32 does ("NODE_NAME:   (v1:spec.nodeName)").
 */
function podFieldPath(pod: Pod): (fieldPath: string) => string {
  return (path) => {
    switch (path) {
      case 'metadata.name':
        return pod.metadata?.name ?? '';
      case 'metadata.namespace':
        return pod.metadata?.namespace ?? '';
      default:
        return '';
    }
  };
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
  /** A pod's value for an env var's `fieldRef` path (a pod template has none). */
  resolve?: (fieldPath: string) => string,
): void {
  w.write(0, `${space}${label}:\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? [])
      .map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`)
      .join(', ');
    const hostPorts = (c.ports ?? [])
      .map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`)
      .join(', ');
    if (ports.includes(',')) w.write(2, `Ports:\t${ports}\n`);
    else w.write(2, `Port:\t${ports || '<none>'}\n`);
    if (hostPorts.includes(',')) w.write(2, `Host Ports:\t${hostPorts}\n`);
    else w.write(2, `Host Port:\t${hostPorts || '<none>'}\n`);
    // describeContainerBasicInfo ends with the container's own seccomp profile.
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost')
        w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    for (const [title, items] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (items && items.length > 0) {
        w.write(2, `${title}:\n`);
        for (const item of items) for (const line of item.split('\n')) w.write(3, `${line}\n`);
      }
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    for (const [title, list] of [
      ['Limits', c.resources?.limits],
      ['Requests', c.resources?.requests],
    ] as const) {
      const entries = sortedEntries(list as Record<string, string> | undefined);
      if (entries.length > 0) w.write(2, `${title}:\n`);
      for (const [k, v] of entries) w.write(3, `${k}:\t${v}\n`);
    }
    for (const [title, probe] of [
      ['Liveness', c.livenessProbe],
      ['Readiness', c.readinessProbe],
      ['Startup', c.startupProbe],
    ] as const) {
      if (probe) w.write(2, `${title}:\t${describeProbe(probe as ProbeSpec)}\n`);
    }
    if (c.envFrom && c.envFrom.length > 0) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) describeEnvFrom(w, e);
    }
    const env = c.env ?? [];
    if (env.length === 0) w.write(2, 'Environment:\t<none>\n');
    else {
      w.write(2, 'Environment:\n');
      for (const e of env) describeEnvVar(w, e, resolve, c);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(w: PrefixWriter, volumes: Volume[] | undefined, space: string): void {
  const list = volumes ?? [];
  if (list.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) {
          w.write(2, `SecretName:\t${s.secret.name ?? ''}\n`);
          w.write(
            2,
            `SecretOptionalName:\t${s.secret.optional === undefined ? '<nil>' : String(s.secret.optional)}\n`,
          );
        } else if (s.serviceAccountToken)
          w.write(
            2,
            `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`,
          );
        else if (s.configMap) {
          w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n`);
          w.write(
            2,
            `ConfigMapOptional:\t${s.configMap.optional === undefined ? '<nil>' : String(s.configMap.optional)}\n`,
          );
        } else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      }
    } else if (v.emptyDir) {
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.configMap) {
      w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
      w.write(2, `Optional:\t${String(v.configMap.optional ?? false)}\n`);
    } else if (v.secret) {
      w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(2, `Optional:\t${String(v.secret.optional ?? false)}\n`);
    } else if (v.hostPath) {
      w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(2, `Path:\t${v.hostPath.path}\n`);
      w.write(2, `HostPathType:\t${v.hostPath.type ?? ''}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
      );
      w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n');
      w.write(2, 'Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef)
          w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.nfs) {
      w.write(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
      w.write(2, `Server:\t${v.nfs.server}\n`);
      w.write(2, `Path:\t${v.nfs.path}\n`);
      w.write(2, `ReadOnly:\t${v.nfs.readOnly === true}\n`);
    } else {
      w.write(2, 'Type:\t<unknown>\n');
    }
  }
}

/** QoS class from requests and limits when the status does not carry one. */
function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers = pod.spec?.containers ?? [];
  const any = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length +
        Object.keys(c.resources?.limits ?? {}).length >
      0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const l = c.resources?.limits ?? {};
    const r = c.resources?.requests ?? {};
    return ['cpu', 'memory'].every(
      (k) => l[k] !== undefined && (r[k] === undefined || r[k] === l[k]),
    );
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function controllerRef(obj: KubeObject): string {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function describePod(
  pod0: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const pod = pod0 as unknown as Pod;
  const w = new PrefixWriter();
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.nodeName) w.write(0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  else w.write(0, 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  // A terminal pod being deleted (kept by a finalizer, or the kubelet's last status) shows its
  // phase (kubernetes#122038).
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(
      0,
      `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`,
    );
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message.trim()}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') {
      w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length > 0) {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  } else {
    w.write(0, 'IPs:\t<none>\n');
  }
  const ctl = controllerRef(pod0);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length > 0) {
    describeContainers(
      w,
      'Init Containers',
      spec.initContainers ?? [],
      status.initContainerStatuses,
      '',
      podFieldPath(pod0 as unknown as Pod),
    );
  }
  describeContainers(
    w,
    'Containers',
    spec.containers ?? [],
    status.containerStatuses,
    '',
    podFieldPath(pod0 as unknown as Pod),
  );
  if ((spec.ephemeralContainers ?? []).length > 0) {
    describeContainers(
      w,
      'Ephemeral Containers',
      spec.ephemeralContainers ?? [],
      status.ephemeralContainerStatuses,
      '',
      podFieldPath(pod0 as unknown as Pod),
    );
  }
  const conditions = status.conditions ?? [];
  const gates = (spec as { readinessGates?: { conditionType?: string }[] }).readinessGates ?? [];
  if (gates.length > 0) {
    // kubectl's describePod: each gate's condition status, `<none>` while it does not exist.
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = conditions.find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType ?? ''} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

type ResourceMap = Record<string, unknown>;

/** The format family of a quantity's text: binary (`Ki`…`Ei`) or decimal. */
function isBinaryQuantity(q: unknown): boolean {
  return typeof q === 'string' && /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(q);
}

/**
 * describeQuota's `used`: printed in the hard figure's format when the two differ
 * (`resource.NewQuantity(used.Value(), hard.Format)`).
 */
function usedInHardFormat(used: unknown, hard: unknown): string {
  const text = String(used ?? '0');
  if (isBinaryQuantity(text) === isBinaryQuantity(hard)) return text;
  const value = Math.ceil(parseQuantity(text));
  if (!isBinaryQuantity(hard) || value % 1024 !== 0 || value < 1024) return String(value);
  const units = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let v = value / 1024;
  let i = 0;
  while (i < units.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${units[i]}`;
}

function quotaLists(obj: KubeObject): { hard: ResourceMap; used: ResourceMap } {
  const status = (obj.status ?? {}) as { hard?: ResourceMap; used?: ResourceMap };
  return { hard: status.hard ?? {}, used: status.used ?? {} };
}

/** `kubectl describe resourcequota` (describeQuota). */
export function describeResourceQuota(obj: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  writeQuotaScopes(w, obj, '');
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  const { hard, used } = quotaLists(obj);
  for (const name of Object.keys(hard).sort()) {
    w.write(0, `${name}\t${usedInHardFormat(used[name], hard[name])}\t${String(hard[name])}\n`);
  }
  return w.toString();
}

/** helpTextForResourceQuotaScope. */
const SCOPE_HELP: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** The `Scopes:` line of a quota with scopes (sorted), each followed by its help text. */
function writeQuotaScopes(w: PrefixWriter, obj: KubeObject, indent: string): void {
  const raw = (obj.spec as { scopes?: unknown } | undefined)?.scopes;
  const scopes = Array.isArray(raw) ? raw.map(String).sort() : [];
  if (scopes.length === 0) return;
  w.write(0, `${indent}Scopes:\t${scopes.join(', ')}\n`);
  for (const scope of scopes) {
    const help = SCOPE_HELP[scope];
    // describeQuota indents its help by one space, DescribeResourceQuotas by two.
    if (help) w.write(0, `${indent || ' '}* ${help}\n`);
  }
}

interface LimitRangeItem {
  type?: string;
  max?: ResourceMap;
  min?: ResourceMap;
  default?: ResourceMap;
  defaultRequest?: ResourceMap;
  maxLimitRequestRatio?: ResourceMap;
}

const LIMIT_RANGE_HEADER =
  'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n';
const LIMIT_RANGE_RULE =
  '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n';

/** describeLimitRangeSpec: one row per item and resource, `-` where a figure is unset. */
function describeLimitRangeSpec(w: PrefixWriter, obj: KubeObject, prefix: string): void {
  const limits = (obj.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? [];
  for (const item of limits) {
    const names = new Set<string>();
    for (const l of [
      item.max,
      item.min,
      item.default,
      item.defaultRequest,
      item.maxLimitRequestRatio,
    ])
      for (const k of Object.keys(l ?? {})) names.add(k);
    // Upstream ranges over a Go map (random order); sorted here.
    for (const k of [...names].sort()) {
      const v = (l: ResourceMap | undefined) => (l?.[k] === undefined ? '-' : String(l[k]));
      w.write(
        0,
        `${prefix}${item.type ?? ''}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`,
      );
    }
  }
}

/** `kubectl describe limitrange` (describeLimitRange). */
export function describeLimitRange(obj: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  w.write(0, LIMIT_RANGE_HEADER);
  w.write(0, LIMIT_RANGE_RULE);
  describeLimitRangeSpec(w, obj, '');
  return w.toString();
}

export function describeNamespace(
  obj: KubeObject,
  quotas: readonly KubeObject[] = [],
  limitRanges: readonly KubeObject[] = [],
): string {
  const ns = obj as unknown as Namespace;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, '\n');
  if (quotas.length === 0) w.write(0, 'No resource quota.\n');
  else {
    // DescribeResourceQuotas (its rule under Used and Hard is three dashes).
    w.write(0, 'Resource Quotas\n');
    // SortableResourceQuotas: Go's bytewise `<` on the names.
    const byName = (a: KubeObject, b: KubeObject) => {
      const x = a.metadata?.name ?? '';
      const y = b.metadata?.name ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    };
    for (const q of [...quotas].sort(byName)) {
      w.write(1, `Name:\t${q.metadata?.name ?? ''}\n`);
      writeQuotaScopes(w, q, '  ');
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      const { hard, used } = quotaLists(q);
      for (const name of Object.keys(hard).sort()) {
        w.write(1, `${name}\t${String(used[name] ?? '0')}\t${String(hard[name])}\n`);
      }
    }
  }
  w.write(0, '\n');
  if (limitRanges.length === 0) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(0, `Resource Limits\n ${LIMIT_RANGE_HEADER}`);
    w.write(0, ` ${LIMIT_RANGE_RULE}`);
    for (const lr of limitRanges) describeLimitRangeSpec(w, lr, ' ');
  }
  return w.toString();
}

/** Kubernetes quantities, enough for CPU and memory sums and their canonical text. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return 0;
  const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti|Pi|Ei|e\d+)?$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    Pi: 1024 ** 5,
    Ei: 1024 ** 6,
  };
  const suffix = m[2] ?? '';
  if (suffix.startsWith('e')) return n * 10 ** Number(suffix.slice(1));
  return n * (mult[suffix] ?? 1);
}

export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  if (milli === 0) return '0';
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, size] of [
    ['Ti', 1024 ** 4],
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

/**
 * resourcehelper.PodRequestsAndLimits: the app containers and the sidecars (restartable init
 * containers) add up; each other init container runs alone (with the sidecars started before
 * it), so the pod needs the larger of the two, resource by resource.
 */
function podTotals(pod: Pod): { cpuReq: number; cpuLim: number; memReq: number; memLim: number } {
  type C = NonNullable<NonNullable<Pod['spec']>['containers']>[number];
  const amounts = (c: C): [number, number, number, number] => [
    parseQuantity(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu),
    parseQuantity(c.resources?.limits?.cpu),
    parseQuantity(c.resources?.requests?.memory ?? c.resources?.limits?.memory),
    parseQuantity(c.resources?.limits?.memory),
  ];
  const add = (a: number[], b: number[]) => a.map((x, i) => x + (b[i] ?? 0));
  let sum = [0, 0, 0, 0];
  for (const c of pod.spec?.containers ?? []) sum = add(sum, amounts(c));
  let sidecars = [0, 0, 0, 0];
  let init = [0, 0, 0, 0];
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      sidecars = add(sidecars, amounts(c));
      sum = add(sum, amounts(c));
      continue;
    }
    const alone = add(amounts(c), sidecars);
    init = init.map((x, i) => Math.max(x, alone[i] ?? 0));
  }
  const [cpuReq = 0, cpuLim = 0, memReq = 0, memLim = 0] = sum.map((x, i) =>
    Math.max(x, init[i] ?? 0),
  );
  return { cpuReq, cpuLim, memReq, memLim };
}

const pct = (part: number, whole: number): number =>
  whole > 0 ? Math.trunc((part / whole) * 100) : 0;

export function describeNode(
  obj: KubeObject,
  pods: KubeObject[],
  /** The node's Lease, or the text that stands for it when it could not be read. */
  lease: KubeObject | string | undefined,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const node = obj as unknown as Node;
  const w = new PrefixWriter();
  const meta = node.metadata ?? {};
  const status = node.status ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Roles:\t${nodeRoles(obj)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
  // printTaintsMultilineWithIndent sorts by "effect,key": NoExecute before NoSchedule, then keys.
  const taintKey = (t: { effect?: string; key?: string }): string =>
    `${t.effect ?? ''},${t.key ?? ''}`;
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) =>
    taintKey(a) < taintKey(b) ? -1 : taintKey(a) > taintKey(b) ? 1 : 0,
  );
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable ? 'true' : 'false'}\n`);
  if (typeof lease === 'string') {
    // A lease that cannot be read (its namespace deleted, say): the error in its place.
    w.write(0, `Lease:\t${lease}\n`);
  } else {
    const ls = (lease?.spec ?? {}) as {
      holderIdentity?: string;
      acquireTime?: string;
      renewTime?: string;
    };
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${ls.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${ls.acquireTime ? formatRFC1123Z(ls.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${ls.renewTime ? formatRFC1123Z(ls.renewTime) : '<unset>'}\n`);
  }
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(
      0,
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
    );
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', status.capacity],
    ['Allocatable', status.allocatable],
  ] as const) {
    const entries = sortedEntries(list as Record<string, string> | undefined);
    if (entries.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const [k, v] of entries) w.write(0, `  ${k}:\t${v}\n`);
  }
  const info = status.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  // Printed even empty: the kubelet no longer reports it (deprecated in 1.31), the line stays.
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(0, `PodCIDRs:\t${(node.spec?.podCIDRs ?? []).join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const alloc = (status.allocatable ?? {}) as Record<string, string>;
  const allocCpu = parseQuantity(alloc.cpu);
  const allocMem = parseQuantity(alloc.memory);
  const running = pods.filter((p) => {
    const ph = (p as unknown as Pod).status?.phase;
    return ph !== 'Succeeded' && ph !== 'Failed';
  });
  w.write(0, `Non-terminated Pods:\t(${running.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const p of running) {
    const t = podTotals(p as unknown as Pod);
    total.cpuReq += t.cpuReq;
    total.cpuLim += t.cpuLim;
    total.memReq += t.memReq;
    total.memLim += t.memLim;
    w.write(
      1,
      `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${formatCpu(t.cpuReq)} (${pct(t.cpuReq, allocCpu)}%)\t${formatCpu(t.cpuLim)} (${pct(t.cpuLim, allocCpu)}%)\t${formatMemory(t.memReq)} (${pct(t.memReq, allocMem)}%)\t${formatMemory(t.memLim)} (${pct(t.memLim, allocMem)}%)\t${translateTimestampSince(p.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(
    0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  );
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(
    1,
    `cpu\t${formatCpu(total.cpuReq)} (${pct(total.cpuReq, allocCpu)}%)\t${formatCpu(total.cpuLim)} (${pct(total.cpuLim, allocCpu)}%)\n`,
  );
  w.write(
    1,
    `memory\t${formatMemory(total.memReq)} (${pct(total.memReq, allocMem)}%)\t${formatMemory(total.memLim)} (${pct(total.memLim, allocMem)}%)\n`,
  );
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  for (const k of Object.keys(alloc)
    .filter((k) => k.startsWith('hugepages-'))
    .sort()) {
    w.write(1, `${k}\t0 (0%)\t0 (0%)\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** A pod template as canonical JSON without `pod-template-hash` (kubectl's EqualIgnoreHash). */
export function templateWithoutHash(t: unknown): string {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as {
    metadata?: { labels?: Record<string, string> };
  };
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return canonical(copy);
}

/** JSON with keys sorted at every level, for comparing templates (EqualIgnoreHash). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function describePodTemplate(
  w: PrefixWriter,
  template: Deployment['spec'] extends infer S
    ? S extends { template: infer T }
      ? T
      : never
    : never,
): void {
  w.write(0, 'Pod Template:\n');
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  const spec = template.spec;
  if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers(w, 'Init Containers', spec?.initContainers ?? [], undefined, '  ');
  }
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(0, `  Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerations(w, '  Tolerations', spec?.tolerations);
}

/**
 * The `Pod Template:` block as `kubectl rollout undo --dry-run=client` prints it: kubectl's
 * printTemplate writes DescribePodTemplate onto a plain buffer, so the tabs stay tabs.
 */
export function podTemplateDescription(template: unknown): string {
  const w = new PrefixWriter();
  describePodTemplate(w, (template ?? {}) as Parameters<typeof describePodTemplate>[1]);
  return w.raw();
}

export function describeDeployment(
  obj: KubeObject,
  replicaSets: KubeObject[],
  events: KubeObject[] | undefined,
  now: number,
): string {
  const d = obj as unknown as Deployment;
  const w = new PrefixWriter();
  const meta = d.metadata ?? {};
  const spec = d.spec;
  const st = d.status ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec?.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  const ru = spec?.strategy?.rollingUpdate;
  if (ru) {
    w.write(
      0,
      `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? '25%')} max unavailable, ${String(ru.maxSurge ?? '25%')} max surge\n`,
    );
  }
  if (spec?.template) describePodTemplate(w, spec.template);
  const conditions = st.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const owned = replicaSets.filter((rs) =>
    rs.metadata?.ownerReferences?.some(
      (r) =>
        r.controller && (r.uid === meta.uid || (r.kind === 'Deployment' && r.name === meta.name)),
    ),
  ) as unknown as ReplicaSet[];
  // FindNewReplicaSet sorts the list it is given in place, oldest first (ties by name), so the
  // old ReplicaSets come in creation order too.
  const created = (rs: ReplicaSet): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;
  const name = (rs: ReplicaSet): string => rs.metadata?.name ?? '';
  owned.sort(
    (a, b) => created(a) - created(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
  );
  const want = templateWithoutHash(spec?.template);
  const newRS = owned.find((rs) => templateWithoutHash(rs.spec?.template) === want);
  // Every other ReplicaSet the Deployment owns, scaled to zero or not (the real kubectl 1.32
  // lists `web-6dc5cd68db (0/0 replicas created)` after a rollout).
  const oldRSs = owned.filter((rs) => rs !== newRS);
  const fmt = (list: ReplicaSet[]): string =>
    list.length === 0
      ? '<none>'
      : list
          .map(
            (rs) =>
              `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
          )
          .join(', ');
  w.write(0, `OldReplicaSets:\t${fmt(oldRSs)}\n`);
  w.write(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

export function describeService(
  obj: KubeObject,
  endpointSlices: KubeObject[],
  events: KubeObject[] | undefined,
  now: number,
): string {
  const svc = obj as unknown as Service;
  const spec = svc.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${svc.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0)
    w.write(0, `External IPs:\t${(spec.externalIPs ?? []).join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
  if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.join(', ')}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    const target = p.targetPort ?? p.port;
    w.write(0, `TargetPort:\t${target}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(endpointSlices, new Set([p.name ?? '']))}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy)
    w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy)
    w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
    w.write(0, `LoadBalancer Source Ranges:\t${(spec.loadBalancerSourceRanges ?? []).join(',')}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** A controller's `Pods Status:` line, its pods counted by phase. */
function writePodsStatus(w: PrefixWriter, pods: KubeObject[]): void {
  const phases = pods.map((p) => (p as unknown as Pod).status?.phase);
  const count = (ph: string) => phases.filter((x) => x === ph).length;
  w.write(
    0,
    `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`,
  );
}

/** `kubectl describe daemonset` (describeDaemonSet: its "Number of Nodes…" lines take no tab). */
export function describeDaemonSet(
  obj: KubeObject,
  pods: KubeObject[],
  events: KubeObject[] | undefined,
  now: number,
): string {
  const ds = obj as unknown as DaemonSet;
  const st = ds.status;
  const w = new PrefixWriter();
  // (describeDaemonSet has no Namespace line.)
  w.write(0, `Name:\t${ds.metadata?.name ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
  const nodeSelector = ds.spec?.template?.spec?.nodeSelector ?? {};
  const formatted = Object.keys(nodeSelector)
    .sort()
    .map((k) => `${k}=${nodeSelector[k]}`)
    .join(',');
  w.write(0, `Node-Selector:\t${formatted || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`);
  w.write(
    0,
    `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`,
  );
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`);
  writePodsStatus(w, pods);
  if (ds.spec?.template) describePodTemplate(w, ds.spec.template);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/**
 * `kubectl describe statefulset` (describeStatefulSet): the replica counts, the update strategy
 * with its partition, the pods by phase, the pod template, the volume claim templates and the
 * events.
 */
export function describeStatefulSet(
  obj: KubeObject,
  pods: KubeObject[],
  events: KubeObject[] | undefined,
  now: number,
): string {
  const sts = obj as unknown as StatefulSet;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sts.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${sts.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(sts.metadata?.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(sts.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata?.annotations);
  w.write(
    0,
    `Replicas:\t${sts.spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`,
  );
  w.write(0, `Update Strategy:\t${sts.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined && ru.partition !== null) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  writePodsStatus(w, pods);
  if (sts.spec?.template) describePodTemplate(w, sts.spec.template);
  const claims = sts.spec?.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      // storageutil.GetPersistentVolumeClaimClass: the beta annotation, else the spec's class.
      const storageClass =
        pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
        pvc.spec?.storageClassName ??
        '';
      w.write(1, `StorageClass:\t${storageClass}\n`);
      printLabelsMultiline(w, '  Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, '  Annotations', pvc.metadata?.annotations, '  ');
      const capacity = pvc.spec?.resources?.requests?.storage;
      w.write(1, `Capacity:\t${capacity ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(
  obj: KubeObject,
  pods: KubeObject[],
  events: KubeObject[] | undefined,
  now: number,
): string {
  const rs = obj as unknown as ReplicaSet;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
  const ctl = controllerRef(obj);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(
    0,
    `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`,
  );
  writePodsStatus(w, pods);
  if (rs.spec?.template) describePodTemplate(w, rs.spec.template);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/**
 * `kubectl describe job` (describeJob): the spec's counts and policies, start and completion
 * times, the status counters (`N Active (M Ready) / …` once the status has `ready`), the pod
 * template and the events.
 */
export function describeJob(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const job = obj as unknown as Job;
  const spec = job.spec;
  const st = job.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${job.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorString(spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
  const ctl = controllerRef(obj);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (spec?.parallelism != null) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec?.completions != null ? spec.completions : '<unset>'}\n`);
  if (spec?.completionMode != null) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend != null) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit != null) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished != null) {
    w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  }
  if (st.startTime) w.write(0, `Start Time:\t${formatRFC1123Z(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${formatRFC1123Z(st.completionTime)}\n`);
  const start = parseTimestamp(st.startTime);
  const end = parseTimestamp(st.completionTime);
  if (start !== undefined && end !== undefined) {
    w.write(0, `Duration:\t${humanDuration(end - start)}\n`);
  }
  if (spec?.activeDeadlineSeconds != null) {
    w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  }
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  w.write(
    0,
    st.ready == null
      ? `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n`
      : `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`,
  );
  if (spec?.completionMode === 'Indexed') {
    w.write(0, `Completed Indexes:\t${capIndexes(st.completedIndexes ?? '', 50)}\n`);
  }
  if (spec?.template) describePodTemplate(w, spec.template);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** `capIndexesListOrNone`: the list cut at the first comma past `softLimit`, or `<none>`. */
function capIndexes(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return '<none>';
  let i = softLimit;
  while (i < indexes.length && indexes[i] !== ',') i++;
  return i >= indexes.length ? indexes : `${indexes.slice(0, i + 1)}...`;
}

/**
 * `kubectl describe cronjob` (describeCronJob + describeJobTemplate): schedule and policies,
 * the Job template (selector, counts, pod template), the last schedule time and active Jobs.
 */
export function describeCronJob(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const cj = obj as unknown as CronJob;
  const spec = cj.spec;
  const w = new PrefixWriter();
  const bool = (v: boolean | undefined) => (v == null ? '<unset>' : v ? 'True' : 'False');
  w.write(0, `Name:\t${cj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${cj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata?.annotations);
  w.write(0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${bool(spec?.suspend)}\n`);
  const orUnset = (v: number | undefined, unit = '') => (v == null ? '<unset>' : `${v}${unit}`);
  w.write(0, `Successful Job History Limit:\t${orUnset(spec?.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${orUnset(spec?.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${orUnset(spec?.startingDeadlineSeconds, 's')}\n`);
  const js = spec?.jobTemplate?.spec;
  w.write(0, `Selector:\t${js?.selector ? selectorString(js.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${orUnset(js?.parallelism)}\n`);
  w.write(0, `Completions:\t${orUnset(js?.completions)}\n`);
  if (js?.activeDeadlineSeconds != null) {
    w.write(0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  }
  if (js?.template) describePodTemplate(w, js.template);
  const last = cj.status?.lastScheduleTime;
  w.write(0, `Last Schedule Time:\t${last ? formatRFC1123Z(last) : '<unset>'}\n`);
  const active = cj.status?.active ?? [];
  w.write(
    0,
    `Active Jobs:\t${active.length === 0 ? '<none>' : active.map((j) => j.name).join(', ')}\n`,
  );
  if (events) describeEvents(w, events, now);
  return w.toString();
}

type StorageSpec = {
  capacity?: Record<string, unknown>;
  accessModes?: unknown;
  persistentVolumeReclaimPolicy?: string;
  claimRef?: { namespace?: string; name?: string };
  volumeMode?: string;
  volumeAttributesClassName?: string;
  volumeName?: string;
  dataSource?: { apiGroup?: string; kind?: string; name?: string };
  resources?: { requests?: Record<string, unknown> };
  hostPath?: { path?: string; type?: string };
  nfs?: { server?: string; path?: string; readOnly?: boolean };
  local?: { path?: string; fsType?: string };
  csi?: { driver?: string; volumeHandle?: string; readOnly?: boolean; fsType?: string };
  nodeAffinity?: {
    required?: {
      nodeSelectorTerms?: {
        matchExpressions?: { key: string; operator?: string; values?: string[] }[];
      }[];
    };
  };
};

/** `Status:` of a PV or claim: the phase, or how long its deletion has lasted. */
function storageStatus(obj: KubeObject, now: number): string {
  const deleting = obj.metadata?.deletionTimestamp;
  if (deleting) return `Terminating (lasts ${translateTimestampSince(deleting, now)})`;
  return String((obj.status as { phase?: string } | undefined)?.phase ?? '');
}

/** Go's `%v` of a []string: `[a b]`. */
function goStrings(v: string[] | undefined): string {
  return `[${(v ?? []).join(' ')}]`;
}

/** describeVolumeNodeAffinity: the required terms, one `Term N:` per selector term. */
function describeVolumeNodeAffinity(w: PrefixWriter, affinity: StorageSpec['nodeAffinity']): void {
  w.write(0, 'Node Affinity:\t');
  const required = affinity?.required;
  if (!required) {
    w.write(0, '<none>\n');
    return;
  }
  w.write(0, '\n');
  w.write(1, 'Required Terms:\t');
  const terms = required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  w.write(0, '\n');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) w.write(0, '<none>\n');
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(2, '\t');
      const values = req.values ?? [];
      const expr = `${req.key} ${String(req.operator ?? '').toLowerCase()}`;
      w.write(0, `${values.length > 0 ? `${expr} [${values.join(', ')}]` : expr}\n`);
    });
  });
}

/** `kubectl describe pv` (describePersistentVolume). */
export function describePersistentVolume(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = (obj.spec ?? {}) as StorageSpec;
  const status = (obj.status ?? {}) as { message?: string };
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  w.write(0, `Finalizers:\t${goStrings(obj.metadata?.finalizers)}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(obj)}\n`);
  if (spec.volumeAttributesClassName)
    w.write(0, `VolumeAttributesClass:\t${spec.volumeAttributesClassName}\n`);
  w.write(0, `Status:\t${storageStatus(obj, now)}\n`);
  const ref = spec.claimRef;
  w.write(0, `Claim:\t${ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${String(spec.capacity?.storage ?? '0')}\n`);
  describeVolumeNodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${status.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (spec.hostPath) {
    w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
    w.write(2, `Path:\t${spec.hostPath.path ?? ''}\n`);
    w.write(2, `HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else if (spec.nfs) {
    w.write(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
    w.write(2, `Server:\t${spec.nfs.server ?? ''}\n`);
    w.write(2, `Path:\t${spec.nfs.path ?? ''}\n`);
    w.write(2, `ReadOnly:\t${spec.nfs.readOnly === true}\n`);
  } else if (spec.local) {
    w.write(2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n');
    w.write(2, `Path:\t${spec.local.path ?? ''}\n`);
  } else if (spec.csi) {
    w.write(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n');
    w.write(2, `Driver:\t${spec.csi.driver ?? ''}\n`);
    w.write(2, `FSType:\t${spec.csi.fsType ?? ''}\n`);
    w.write(2, `VolumeHandle:\t${spec.csi.volumeHandle ?? ''}\n`);
    w.write(2, `ReadOnly:\t${spec.csi.readOnly === true}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** `kubectl describe pvc` (describePersistentVolumeClaim), with the pods that name it. */
export function describePersistentVolumeClaim(
  obj: KubeObject,
  usedBy: string[],
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = (obj.spec ?? {}) as StorageSpec;
  const status = (obj.status ?? {}) as {
    accessModes?: unknown;
    capacity?: Record<string, unknown>;
  };
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(obj)}\n`);
  if (spec.volumeAttributesClassName)
    w.write(0, `VolumeAttributesClass:\t${spec.volumeAttributesClassName}\n`);
  w.write(0, `Status:\t${storageStatus(obj, now)}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  w.write(0, `Finalizers:\t${goStrings(obj.metadata?.finalizers)}\n`);
  const bound = Boolean(spec.volumeName);
  w.write(0, `Capacity:\t${bound ? String(status.capacity?.storage ?? '0') : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesString(status.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  const source = spec.dataSource;
  if (source) {
    w.write(0, 'DataSource:\n');
    if (source.apiGroup !== undefined) w.write(1, `APIGroup:\t${source.apiGroup}\n`);
    w.write(1, `Kind:\t${source.kind ?? ''}\n`);
    w.write(1, `Name:\t${source.name ?? ''}\n`);
  }
  w.write(0, 'Used By:\t');
  const pods = [...usedBy].sort();
  if (pods.length === 0) w.write(0, '<none>\n');
  pods.forEach((p, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${p}\n`);
  });
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
function formatMap(m: unknown): string {
  const entries = sortedEntries((m ?? {}) as Record<string, string>);
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

/** `kubectl describe storageclass` (describeStorageClass). */
export function describeStorageClass(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultStorageClass(obj) ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatMap(obj.metadata?.annotations)}\n`);
  w.write(0, `Provisioner:\t${typeof obj.provisioner === 'string' ? obj.provisioner : ''}\n`);
  w.write(0, `Parameters:\t${formatMap(obj.parameters)}\n`);
  const expand = obj.allowVolumeExpansion;
  w.write(
    0,
    `AllowVolumeExpansion:\t${typeof expand === 'boolean' ? (expand ? 'True' : 'False') : '<unset>'}\n`,
  );
  const options = Array.isArray(obj.mountOptions) ? (obj.mountOptions as string[]) : [];
  if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of options) w.write(1, `${o}\n`);
  }
  if (typeof obj.reclaimPolicy === 'string') w.write(0, `ReclaimPolicy:\t${obj.reclaimPolicy}\n`);
  if (typeof obj.volumeBindingMode === 'string')
    w.write(0, `VolumeBindingMode:\t${obj.volumeBindingMode}\n`);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/**
 * `kubectl describe endpoints` (describeEndpoints): per subset its ready and not-ready
 * addresses joined with commas (`<none>` when empty) and its ports table, a blank line after
 * each subset, then the events.
 */
export function describeEndpoints(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const w = describeHeader(obj);
  w.write(0, 'Subsets:\n');
  const subsets =
    (
      obj as {
        subsets?: {
          addresses?: { ip?: string }[];
          notReadyAddresses?: { ip?: string }[];
          ports?: { name?: string; port?: number; protocol?: string }[];
        }[];
      }
    ).subsets ?? [];
  for (const s of subsets) {
    const ips = (list: { ip?: string }[] | undefined) =>
      (list ?? []).map((a) => a.ip ?? '').join(',') || '<none>';
    w.write(1, `Addresses:\t${ips(s.addresses)}\n`);
    w.write(1, `NotReadyAddresses:\t${ips(s.notReadyAddresses)}\n`);
    if (s.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports) {
        w.write(2, `${p.name || '<unset>'}\t${p.port ?? 0}\t${p.protocol ?? ''}\n`);
      }
    }
    w.write(0, '\n');
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}
