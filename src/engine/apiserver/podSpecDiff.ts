/**
 * The diff ValidatePodUpdate appends to its Forbidden error (`cmp.Diff(oldPod.Spec,
 * mungedPodSpec)`, go-cmp's report of the internal core.PodSpec): unchanged fields start with two
 * spaces, removed ones with `- `, added ones with `+ `, nesting is tabs, long runs of identical
 * fields are elided as `... // N identical fields` with two fields of context around a change.
 * An approximation of go-cmp's reporter: it descends into the containers (and into nothing else),
 * names fields as the internal Go types do, and prints values as Go composite literals.
 */

type Obj = Record<string, unknown>;

/** core.PodSpec's fields in declaration order (pkg/apis/core/types.go), by their JSON name. */
const POD_SPEC_FIELDS: readonly [json: string, go: string][] = [
  ['volumes', 'Volumes'],
  ['initContainers', 'InitContainers'],
  ['containers', 'Containers'],
  ['ephemeralContainers', 'EphemeralContainers'],
  ['restartPolicy', 'RestartPolicy'],
  ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds'],
  ['activeDeadlineSeconds', 'ActiveDeadlineSeconds'],
  ['dnsPolicy', 'DNSPolicy'],
  ['nodeSelector', 'NodeSelector'],
  ['serviceAccountName', 'ServiceAccountName'],
  ['automountServiceAccountToken', 'AutomountServiceAccountToken'],
  ['nodeName', 'NodeName'],
  ['securityContext', 'SecurityContext'],
  ['imagePullSecrets', 'ImagePullSecrets'],
  ['hostname', 'Hostname'],
  ['subdomain', 'Subdomain'],
  ['setHostnameAsFQDN', 'SetHostnameAsFQDN'],
  ['affinity', 'Affinity'],
  ['schedulerName', 'SchedulerName'],
  ['tolerations', 'Tolerations'],
  ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'],
  ['priority', 'Priority'],
  ['preemptionPolicy', 'PreemptionPolicy'],
  ['dnsConfig', 'DNSConfig'],
  ['readinessGates', 'ReadinessGates'],
  ['runtimeClassName', 'RuntimeClassName'],
  ['overhead', 'Overhead'],
  ['enableServiceLinks', 'EnableServiceLinks'],
  ['topologySpreadConstraints', 'TopologySpreadConstraints'],
  ['os', 'OS'],
  ['schedulingGates', 'SchedulingGates'],
  ['resourceClaims', 'ResourceClaims'],
];

/** core.Container's fields in declaration order. */
const CONTAINER_FIELDS: readonly [json: string, go: string][] = [
  ['name', 'Name'],
  ['image', 'Image'],
  ['command', 'Command'],
  ['args', 'Args'],
  ['workingDir', 'WorkingDir'],
  ['ports', 'Ports'],
  ['envFrom', 'EnvFrom'],
  ['env', 'Env'],
  ['resources', 'Resources'],
  ['resizePolicy', 'ResizePolicy'],
  // A pointer in core.Container (*ContainerRestartPolicy), unlike the pod's.
  ['restartPolicy', 'RestartPolicy*'],
  ['volumeMounts', 'VolumeMounts'],
  ['volumeDevices', 'VolumeDevices'],
  ['livenessProbe', 'LivenessProbe'],
  ['readinessProbe', 'ReadinessProbe'],
  ['startupProbe', 'StartupProbe'],
  ['lifecycle', 'Lifecycle'],
  ['terminationMessagePath', 'TerminationMessagePath'],
  ['terminationMessagePolicy', 'TerminationMessagePolicy'],
  ['imagePullPolicy', 'ImagePullPolicy'],
  ['securityContext', 'SecurityContext'],
  ['stdin', 'Stdin'],
  ['stdinOnce', 'StdinOnce'],
  ['tty', 'TTY'],
];

/** The type go-cmp names before a changed value of these fields. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  Volumes: '[]core.Volume',
  InitContainers: '[]core.Container',
  Containers: '[]core.Container',
  Tolerations: '[]core.Toleration',
  NodeSelector: 'map[string]string',
  Command: '[]string',
  Args: '[]string',
  Ports: '[]core.ContainerPort',
  EnvFrom: '[]core.EnvFromSource',
  Env: '[]core.EnvVar',
  Resources: 'core.ResourceRequirements',
  VolumeMounts: '[]core.VolumeMount',
  SecurityContext: '&core.PodSecurityContext',
};

/** Fields that are pointers in the internal types: printed `&…`. */
const POINTERS = new Set([
  'TerminationGracePeriodSeconds',
  'ActiveDeadlineSeconds',
  'AutomountServiceAccountToken',
  'SetHostnameAsFQDN',
  'Affinity',
  'Priority',
  'PreemptionPolicy',
  'DNSConfig',
  'RuntimeClassName',
  'EnableServiceLinks',
  'OS',
  'DefaultMode',
  'Optional',
  'Projected',
  'ConfigMap',
  'Secret',
  'EmptyDir',
  'HostPath',
  'PersistentVolumeClaim',
  'DownwardAPI',
  'ServiceAccountToken',
  'FieldRef',
  'ResourceFieldRef',
  'ConfigMapKeyRef',
  'SecretKeyRef',
  'ConfigMapRef',
  'SecretRef',
  'LivenessProbe',
  'ReadinessProbe',
  'StartupProbe',
  'Lifecycle',
  'HTTPGet',
  'TCPSocket',
  'Exec',
  'GRPC',
  'TolerationSeconds',
  'RestartPolicy*',
]);

const GO_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(POD_SPEC_FIELDS.map(([j, g]) => [j, g])),
  ...Object.fromEntries(CONTAINER_FIELDS.map(([j, g]) => [j, g.replace('*', '')])),
  fieldRef: 'FieldRef',
  apiVersion: 'APIVersion',
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  hostIP: 'HostIP',
  podIP: 'PodIP',
  downwardAPI: 'DownwardAPI',
};

/** What Go prints for an unset field that is not a pointer, slice or map. */
const ZERO: Readonly<Record<string, string>> = {
  RestartPolicy: '""',
  DNSPolicy: '""',
  ServiceAccountName: '""',
  NodeName: '""',
  Hostname: '""',
  Subdomain: '""',
  SchedulerName: '""',
  PriorityClassName: '""',
  Name: '""',
  Image: '""',
  WorkingDir: '""',
  TerminationMessagePath: '""',
  TerminationMessagePolicy: '""',
  ImagePullPolicy: '""',
  Resources: '{}',
  Stdin: 'false',
  StdinOnce: 'false',
  TTY: 'false',
};

function goName(json: string): string {
  return GO_NAMES[json] ?? json.charAt(0).toUpperCase() + json.slice(1);
}

/** What the volume's JSON flattens: internal core.Volume keeps its source in `VolumeSource`. */
function internalVolume(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const { name, ...source } = v as Obj;
  return { name, volumeSource: source };
}

/** A value as a Go composite literal inside another (no type names, zero fields left out). */
function literal(v: unknown, field = ''): string {
  const ptr = POINTERS.has(field) ? '&' : '';
  if (v === undefined || v === null) return ZERO[field] ?? 'nil';
  if (typeof v === 'string') return `${ptr}${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${ptr}${v}`;
  if (Array.isArray(v)) {
    const items = field === 'Volumes' ? v.map(internalVolume) : v;
    return `{${items.map((x) => literal(x)).join(', ')}}`;
  }
  const o = v as Obj;
  if (field === 'NodeSelector' || field === 'Limits' || field === 'Requests') {
    return `{${Object.entries(o)
      .map(([k, x]) => `${JSON.stringify(k)}: ${literal(x)}`)
      .join(', ')}}`;
  }
  const parts = internalFields(field, o)
    .filter(([, x]) => x !== undefined && x !== null && x !== '' && x !== false && x !== 0)
    .map(([k, x]) => `${goName(k)}: ${literal(x, goName(k))}`);
  return `${ptr}{${parts.join(', ')}}`;
}

/** References that embed a core.LocalObjectReference (its `Name`) in the internal types. */
const LOCAL_REFS = new Set([
  'ConfigMap',
  'Secret',
  'ConfigMapRef',
  'SecretRef',
  'ConfigMapKeyRef',
  'SecretKeyRef',
]);

/**
 * A struct's fields in the internal type's order where it differs from the JSON's: `name`
 * inside LocalObjectReference, a projected volume's Sources before DefaultMode.
 */
function internalFields(field: string, o: Obj): [string, unknown][] {
  let entries = Object.entries(o);
  if (LOCAL_REFS.has(field) && 'name' in o && !('secretName' in o)) {
    entries = [
      ['localObjectReference', { name: o.name }],
      ...entries.filter(([k]) => k !== 'name'),
    ];
  }
  if (field === 'Projected') {
    entries = [
      ...entries.filter(([k]) => k !== 'defaultMode'),
      ...entries.filter(([k]) => k === 'defaultMode'),
    ];
  }
  return entries;
}

/** A changed value at the top of a `-`/`+` line: with its type when go-cmp names it. */
function topValue(v: unknown, field: string): string {
  if (v === undefined || v === null) return ZERO[field] ?? 'nil';
  const type = TYPE_NAMES[field];
  const lit = literal(v, field);
  if (!type || lit.startsWith('&') || !lit.startsWith('{')) return lit;
  return `${type}${lit}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

type Line = { mark: ' ' | '-' | '+'; depth: number; name?: string; text: string; multi?: boolean };

/** A struct's fields, old against new: context and elisions around the changed ones. */
function structLines(
  fields: readonly [string, string][],
  a: Obj,
  b: Obj,
  depth: number,
  descend: (json: string, go: string, depth: number) => Line[] | undefined,
): Line[] {
  const changed = fields.map(([j]) => !same(a[j], b[j]));
  const near = (i: number) =>
    changed.slice(Math.max(0, i - 2), Math.min(fields.length, i + 3)).some(Boolean);
  const out: Line[] = [];
  let skipped = 0;
  const flush = () => {
    if (skipped > 0) {
      out.push({
        mark: ' ',
        depth,
        text: `... // ${skipped} identical field${skipped === 1 ? '' : 's'}`,
      });
    }
    skipped = 0;
  };
  fields.forEach(([j, g], i) => {
    if (!changed[i]) {
      if (!near(i)) {
        skipped++;
        return;
      }
      flush();
      out.push({ mark: ' ', depth, name: g, text: `${literal(a[j], g)},` });
      return;
    }
    flush();
    const inner = descend(j, g, depth);
    if (inner) {
      out.push(...inner);
      return;
    }
    out.push({ mark: '-', depth, name: g, text: `${topValue(a[j], g)},` });
    out.push({ mark: '+', depth, name: g, text: `${topValue(b[j], g)},` });
  });
  // go-cmp leaves a run of identical fields at the end as a bare `...`.
  if (skipped > 0) out.push({ mark: ' ', depth, text: '...' });
  return out;
}

function containerLines(a: Obj[], b: Obj[], depth: number): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && same(x, y)) continue;
    if (!x || !y) {
      out.push({ mark: x ? '-' : '+', depth, text: `${literal(x ?? y)},` });
      continue;
    }
    out.push({ mark: ' ', depth, text: '{', multi: true });
    out.push(...structLines(CONTAINER_FIELDS, x, y, depth + 1, () => undefined));
    out.push({ mark: ' ', depth, text: '},', multi: true });
  }
  return out;
}

/** The lines of `cmp.Diff(old, next)` for two pod specs (JSON), ready to print. */
export function podSpecDiff(old: Obj, next: Obj): string {
  const lines: Line[] = [{ mark: ' ', depth: 0, text: 'core.PodSpec{', multi: true }];
  lines.push(
    ...structLines(POD_SPEC_FIELDS, old, next, 1, (j, g, depth) => {
      const a = old[j];
      const b = next[j];
      if ((j !== 'containers' && j !== 'initContainers') || !Array.isArray(a) || !Array.isArray(b))
        return undefined;
      return [
        { mark: ' ', depth, name: g, text: `${TYPE_NAMES[g]}{`, multi: true },
        ...containerLines(a as Obj[], b as Obj[], depth + 1),
        { mark: ' ', depth, text: '},', multi: true },
      ];
    }),
  );
  lines.push({ mark: ' ', depth: 0, text: '}', multi: true });
  // go-cmp aligns the values of neighbouring one-line fields.
  const width: number[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j]?.name !== undefined && !lines[j]?.multi) j++;
    const w = Math.max(0, ...lines.slice(i, j).map((l) => (l.name ?? '').replace('*', '').length));
    for (let k = i; k < j; k++) width[k] = w;
    i = j === i ? i + 1 : j;
  }
  return lines
    .map((l, i) => {
      const indent = '\t'.repeat(l.depth);
      const mark = l.mark === ' ' ? '  ' : `${l.mark} `;
      if (l.name === undefined) return `${mark}${indent}${l.text}`;
      const name = l.name.replace('*', '');
      const label = l.multi ? `${name}: ` : `${`${name}:`.padEnd((width[i] ?? 0) + 2)}`;
      return `${mark}${indent}${label}${l.text}`;
    })
    .join('\n');
}
