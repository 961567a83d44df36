/**
 * Pod Security Admission (k8s.io/pod-security-admission, on in every 1.32 API server): the
 * `pod-security.kubernetes.io/{enforce,warn}` labels of a namespace name a level (`privileged`,
 * `baseline`, `restricted`); a pod that violates the enforce level is refused, one that violates
 * the warn level is created with a warning, and a workload's pod template is checked against
 * both as warnings only. Changing a namespace's enforce level warns about the pods already there.
 *
 * The checks are the policy's (baseline: host namespaces, privileged, capabilities, hostPath
 * volumes, host ports, Unconfined seccomp; restricted adds allowPrivilegeEscalation, dropped
 * capabilities, volume types, runAsNonRoot, runAsUser=0, seccomp), run in the registry's order
 * (baseline checks by ID, then restricted ones by ID; a restricted check replaces the baseline
 * one it overrides). AppArmor's check is appArmor.ts's; SELinux, procMount, sysctls and Windows
 * checks are not modelled.
 */
import type { KubeObject } from '../api/types.ts';
import { appArmorViolation, podAnnotationsOf } from './appArmor.ts';

type Obj = Record<string, unknown>;
export type Level = 'privileged' | 'baseline' | 'restricted';

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seccompProfile?: { type?: string };
  capabilities?: { add?: string[]; drop?: string[] };
}

interface Container {
  name?: string;
  securityContext?: SecurityContext;
  ports?: { hostPort?: number }[];
}

interface PodSpec {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext;
  volumes?: Obj[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
}

interface Violation {
  reason: string;
  detail: string;
}

type Check = (spec: PodSpec, annotations?: Record<string, string>) => Violation | undefined;

const plural = (one: string, many: string, n: number) => (n === 1 ? one : many);
const joinQuote = (items: readonly string[]) => items.map((s) => JSON.stringify(s)).join(', ');
const containersNamed = (names: readonly string[]) =>
  `${plural('container', 'containers', names.length)} ${joinQuote(names)}`;

/** visitContainers: init containers, containers, ephemeral containers. */
function containers(spec: PodSpec): Container[] {
  return [
    ...(spec.initContainers ?? []),
    ...(spec.containers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ];
}

const sortedUnique = (items: Iterable<string>) =>
  [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilitiesBaseline: Check = (spec) => {
  const bad: string[] = [];
  const caps = new Set<string>();
  for (const c of containers(spec)) {
    let found = false;
    for (const cap of c.securityContext?.capabilities?.add ?? []) {
      if (!BASELINE_CAPABILITIES.has(cap)) {
        found = true;
        caps.add(cap);
      }
    }
    if (found) bad.push(c.name ?? '');
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersNamed(bad)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`,
  };
};

const hostNamespaces: Check = (spec) => {
  const set: string[] = [];
  if (spec.hostNetwork) set.push('hostNetwork=true');
  if (spec.hostPID) set.push('hostPID=true');
  if (spec.hostIPC) set.push('hostIPC=true');
  return set.length > 0 ? { reason: 'host namespaces', detail: set.join(', ') } : undefined;
};

const hostPathVolumes: Check = (spec) => {
  const bad = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => String(v.name ?? ''));
  if (bad.length === 0) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${plural('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
  };
};

const hostPorts: Check = (spec) => {
  const bad: string[] = [];
  const ports = new Set<string>();
  for (const c of containers(spec)) {
    let found = false;
    for (const p of c.ports ?? []) {
      if (p.hostPort) {
        found = true;
        ports.add(String(p.hostPort));
      }
    }
    if (found) bad.push(c.name ?? '');
  }
  if (bad.length === 0) return undefined;
  const list = sortedUnique(ports);
  return {
    reason: 'hostPort',
    detail: `${containersNamed(bad)} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  };
};

const privileged: Check = (spec) => {
  const bad = containers(spec)
    .filter((c) => c.securityContext?.privileged === true)
    .map((c) => c.name ?? '');
  if (bad.length === 0) return undefined;
  return {
    reason: 'privileged',
    detail: `${containersNamed(bad)} must not set securityContext.privileged=true`,
  };
};

/** The pod and the containers that set a seccomp type `bad` says is wrong, with the values. */
function badSeccomp(
  spec: PodSpec,
  bad: (type: string | undefined) => boolean,
): { setters: string[]; values: string[]; podSet: boolean; implicit: string[] } {
  const setters: string[] = [];
  const values: string[] = [];
  let podSet = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile) {
    if (bad(podProfile.type)) {
      setters.push('pod');
      values.push(String(podProfile.type ?? ''));
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const profile = c.securityContext?.seccompProfile;
    if (profile) {
      if (bad(profile.type)) {
        explicit.push(c.name ?? '');
        values.push(String(profile.type ?? ''));
      }
    } else if (!podSet) implicit.push(c.name ?? '');
  }
  if (explicit.length > 0) setters.push(containersNamed(explicit));
  return { setters, values: sortedUnique(values), podSet, implicit };
}

const seccompBaseline: Check = (spec) => {
  const { setters, values } = badSeccomp(spec, (t) => t === 'Unconfined');
  if (setters.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(values)}`,
  };
};

const allowPrivilegeEscalation: Check = (spec) => {
  const bad = containers(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map((c) => c.name ?? '');
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersNamed(bad)} must set securityContext.allowPrivilegeEscalation=false`,
  };
};

const capabilitiesRestricted: Check = (spec) => {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps = new Set<string>();
  for (const c of containers(spec)) {
    const capabilities = c.securityContext?.capabilities;
    if (!capabilities) {
      missingDrop.push(c.name ?? '');
      continue;
    }
    if (!(capabilities.drop ?? []).includes('ALL')) missingDrop.push(c.name ?? '');
    let found = false;
    for (const cap of capabilities.add ?? []) {
      if (cap !== 'NET_BIND_SERVICE') {
        found = true;
        caps.add(cap);
      }
    }
    if (found) adding.push(c.name ?? '');
  }
  const details: string[] = [];
  if (missingDrop.length > 0)
    details.push(
      `${containersNamed(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  if (adding.length > 0)
    details.push(
      `${containersNamed(adding)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`,
    );
  return details.length > 0
    ? { reason: 'unrestricted capabilities', detail: details.join('; ') }
    : undefined;
};

const ALLOWED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
  'image',
]);

const restrictedVolumes: Check = (spec) => {
  const bad: string[] = [];
  const types = new Set<string>();
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type && !ALLOWED_VOLUME_TYPES.has(type)) {
      bad.push(String(v.name ?? ''));
      types.add(type);
    }
  }
  if (bad.length === 0) return undefined;
  const list = sortedUnique(types);
  return {
    reason: 'restricted volume types',
    detail: `${plural('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${plural('uses', 'use', bad.length)} ${plural('restricted volume type', 'restricted volume types', list.length)} ${joinQuote(list)}`,
  };
};

const runAsNonRoot: Check = (spec) => {
  const setters: string[] = [];
  let podNonRoot = false;
  const pod = spec.securityContext?.runAsNonRoot;
  if (pod === false) setters.push('pod');
  else if (pod === true) podNonRoot = true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const own = c.securityContext?.runAsNonRoot;
    if (own === false) explicit.push(c.name ?? '');
    else if (own === undefined && !podNonRoot) implicit.push(c.name ?? '');
  }
  if (explicit.length > 0) setters.push(containersNamed(explicit));
  if (setters.length > 0)
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    };
  if (implicit.length > 0)
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersNamed(implicit)} must set securityContext.runAsNonRoot=true`,
    };
  return undefined;
};

const runAsUser: Check = (spec) => {
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const bad = containers(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map((c) => c.name ?? '');
  if (bad.length > 0) setters.push(containersNamed(bad));
  return setters.length > 0
    ? { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` }
    : undefined;
};

const seccompRestricted: Check = (spec) => {
  const { setters, values, implicit } = badSeccomp(
    spec,
    (t) => t !== 'RuntimeDefault' && t !== 'Localhost',
  );
  if (setters.length > 0)
    return {
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(values)}`,
    };
  if (implicit.length > 0)
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersNamed(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    };
  return undefined;
};

/** Baseline checks by ID, then restricted ones by ID (the registry's orderedIDs). */
const appArmorProfile: Check = (spec, annotations) => appArmorViolation(spec, annotations);
const BASELINE: readonly Check[] = [
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  privileged,
  seccompBaseline,
];
const OVERRIDDEN = new Set<Check>([capabilitiesBaseline, hostPathVolumes, seccompBaseline]);
const RESTRICTED: readonly Check[] = [
  ...BASELINE.filter((c) => !OVERRIDDEN.has(c)),
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
];

/** The violations of `spec` at `level`, in the order the policy reports them. */
export function podSecurityViolations(
  level: Level,
  spec: unknown,
  annotations?: Record<string, string>,
): Violation[] {
  if (level === 'privileged' || !spec || typeof spec !== 'object') return [];
  const checks = level === 'baseline' ? BASELINE : RESTRICTED;
  const out: Violation[] = [];
  for (const check of checks) {
    const v = check(spec as PodSpec, annotations);
    if (v) out.push(v);
  }
  return out;
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason (detail)`. */
function forbiddenDetail(violations: readonly Violation[]): string {
  return violations.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(', ');
}

const LABEL = 'pod-security.kubernetes.io/';
const LEVELS = new Set(['privileged', 'baseline', 'restricted']);

/** A mode's level and version from a namespace's labels (`restricted:latest`), if set. */
function modePolicy(
  labels: Record<string, string> | undefined,
  mode: 'enforce' | 'warn',
): { level: Level; text: string } | undefined {
  const level = labels?.[`${LABEL}${mode}`];
  if (!level || !LEVELS.has(level) || level === 'privileged') return undefined;
  const version = labels?.[`${LABEL}${mode}-version`] || 'latest';
  return { level: level as Level, text: `${level}:${version}` };
}

/** The pod spec a workload object carries, if any (its template's, a CronJob's job's). */
export function podSpecOf(resource: string, obj: KubeObject): unknown {
  const spec = (obj.spec ?? {}) as Obj;
  if (resource === 'pods') return spec;
  if (resource === 'cronjobs')
    return (
      ((spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined)?.template as Obj | undefined
    )?.spec;
  if (
    resource === 'deployments' ||
    resource === 'replicasets' ||
    resource === 'statefulsets' ||
    resource === 'daemonsets' ||
    resource === 'jobs' ||
    resource === 'replicationcontrollers' ||
    resource === 'podtemplates'
  )
    return ((resource === 'podtemplates' ? obj.template : spec.template) as Obj | undefined)?.spec;
  return undefined;
}

export type PodSecurityVerdict = { forbidden: string } | { warnings: string[] };

/**
 * The admission of a created pod or workload in a namespace with `labels`: a pod violating the
 * enforce level is forbidden; otherwise each violated level adds a `would violate` warning (for
 * a workload both levels only warn).
 */
export function admitPodSecurity(
  resource: string,
  obj: KubeObject,
  labels: Record<string, string> | undefined,
): PodSecurityVerdict {
  const spec = podSpecOf(resource, obj);
  if (spec === undefined) return { warnings: [] };
  const annotations = podAnnotationsOf(resource, obj);
  const enforce = modePolicy(labels, 'enforce');
  const warn = modePolicy(labels, 'warn');
  const warnings: string[] = [];
  if (enforce) {
    const v = podSecurityViolations(enforce.level, spec, annotations);
    if (v.length > 0) {
      if (resource === 'pods')
        return { forbidden: `violates PodSecurity "${enforce.text}": ${forbiddenDetail(v)}` };
      warnings.push(`would violate PodSecurity "${enforce.text}": ${forbiddenDetail(v)}`);
    }
  }
  if (warn && warn.text !== enforce?.text) {
    const v = podSecurityViolations(warn.level, spec, annotations);
    if (v.length > 0)
      warnings.push(`would violate PodSecurity "${warn.text}": ${forbiddenDetail(v)}`);
  }
  return { warnings };
}

/**
 * A namespace's enforce level changed: the pods already there that violate the new level, as
 * warnings (pods with the same reasons grouped).
 */
export function namespaceLevelWarnings(
  namespace: string,
  oldLabels: Record<string, string> | undefined,
  newLabels: Record<string, string> | undefined,
  pods: readonly KubeObject[],
): string[] {
  const next = modePolicy(newLabels, 'enforce');
  if (!next || next.text === modePolicy(oldLabels, 'enforce')?.text) return [];
  const groups = new Map<string, string[]>();
  for (const pod of pods) {
    const v = podSecurityViolations(next.level, pod.spec, pod.metadata?.annotations);
    if (v.length === 0) continue;
    const reasons = v.map((x) => x.reason).join(', ');
    const names = groups.get(reasons);
    if (names) names.push(pod.metadata?.name ?? '');
    else groups.set(reasons, [pod.metadata?.name ?? '']);
  }
  if (groups.size === 0) return [];
  const out = [
    `existing pods in namespace ${JSON.stringify(namespace)} violate the new PodSecurity enforce level ${JSON.stringify(next.text)}`,
  ];
  for (const [reasons, names] of groups) {
    const first = names[0] ?? '';
    if (names.length === 1) out.push(`${first}: ${reasons}`);
    else if (names.length === 2) out.push(`${first} (and 1 other pod): ${reasons}`);
    else out.push(`${first} (and ${names.length - 1} other pods): ${reasons}`);
  }
  return out;
}
