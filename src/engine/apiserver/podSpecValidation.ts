/**
 * ValidatePodSpec (pkg/apis/core/validation/validation.go, 1.32): the checks a learner's pod
 * YAML plausibly trips, in the order the real validator appends them: volumes, containers
 * (each: name, image, terminationMessagePolicy, ports, env, volumeMounts, imagePullPolicy,
 * resources; then the duplicate name; then the probes), init containers, restartPolicy,
 * dnsPolicy, nodeSelector, affinity, scheduling gates, topology spread constraints,
 * serviceAccountName, activeDeadlineSeconds, hostname/subdomain, tolerations.
 */

import { validateAppArmorFields } from './appArmor.ts';
import type { FieldError } from './errors.ts';
import { validatePodDns } from './podDnsValidation.ts';
import { canonicalQuantity, compareQuantities } from './quantity.ts';
import { validateEscalation } from './securityContextValidation.ts';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  validateLabels,
} from './validation.ts';

type Obj = Record<string, unknown>;

/** The volume sources of core.VolumeSource (a volume must have exactly one). */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]).map((x) => (x && typeof x === 'object' ? x : {})) : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** IsValidPortNum. */
function portNumErrors(n: number): string[] {
  return n >= 1 && n <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName (an IANA_SVC_NAME). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName for an IntOrString port at `field`. */
function portNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number')
    return portNumErrors(port).map((detail) => ({
      field,
      type: 'Invalid value',
      value: port,
      detail,
    }));
  return portNameErrors(str(port)).map((detail) => ({
    field,
    type: 'Invalid value',
    value: str(port),
    detail,
  }));
}

/** ValidateVolumes: the names of the volumes that are valid (the mounts may name only those). */
function validateVolumes(
  volumes: Obj[],
  field: string,
): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  volumes.forEach((v, i) => {
    const idx = `${field}[${i}]`;
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCES.filter((k) => v[k] !== undefined && v[k] !== null);
    if (sources.length === 0)
      el.push({ field: idx, type: 'Required value', detail: 'must specify a volume type' });
    for (const extra of sources.slice(1))
      el.push({
        field: `${idx}.${extra}`,
        type: 'Forbidden',
        detail: 'may not specify more than 1 volume type',
      });
    const name = str(v.name);
    if (!name) el.push({ field: `${idx}.name`, type: 'Required value' });
    else
      for (const detail of isDNS1123Label(name))
        el.push({ field: `${idx}.name`, type: 'Invalid value', value: name, detail });
    if (names.has(name)) el.push({ field: `${idx}.name`, type: 'Duplicate value', value: name });
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

/** validateContainerPorts. */
function validatePorts(ports: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = `${field}[${i}]`;
    const name = str(p.name);
    if (name) {
      const msgs = portNameErrors(name);
      if (msgs.length)
        for (const detail of msgs)
          errs.push({ field: `${idx}.name`, type: 'Invalid value', value: name, detail });
      else if (names.has(name))
        errs.push({ field: `${idx}.name`, type: 'Duplicate value', value: name });
      else names.add(name);
    }
    const cp = typeof p.containerPort === 'number' ? p.containerPort : 0;
    if (cp === 0) errs.push({ field: `${idx}.containerPort`, type: 'Required value' });
    else
      for (const detail of portNumErrors(cp))
        errs.push({ field: `${idx}.containerPort`, type: 'Invalid value', value: cp, detail });
    const hp = typeof p.hostPort === 'number' ? p.hostPort : 0;
    if (hp !== 0)
      for (const detail of portNumErrors(hp))
        errs.push({ field: `${idx}.hostPort`, type: 'Invalid value', value: hp, detail });
    const proto = str(p.protocol);
    if (!proto) errs.push({ field: `${idx}.protocol`, type: 'Required value' });
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto))
      errs.push({
        field: `${idx}.protocol`,
        type: 'Unsupported value',
        value: proto,
        detail: 'supported values: "SCTP", "TCP", "UDP"',
      });
  });
  return errs;
}

/**
 * ValidateEnv with RelaxedEnvironmentVariableValidation (beta, on by default in 1.32): any
 * printable ASCII name without `=`.
 */
function validateEnv(env: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const f = `${field}[${i}].name`;
    const name = str(e.name);
    if (!name) errs.push({ field: f, type: 'Required value' });
    else if (/[^\x20-\x7e]|=/.test(name))
      errs.push({
        field: f,
        type: 'Invalid value',
        value: name,
        detail:
          "a valid environment variable name must consist only of printable ASCII characters other than '='",
      });
  });
  return errs;
}

/** ValidateVolumeMounts: a known volume, a mount path, each path once. */
function validateMounts(mounts: Obj[], volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const idx = `${field}[${i}]`;
    const name = str(m.name);
    if (!name) errs.push({ field: `${idx}.name`, type: 'Required value' });
    if (!volumes.has(name)) errs.push({ field: `${idx}.name`, type: 'Not found', value: name });
    const path = str(m.mountPath);
    if (!path) errs.push({ field: `${idx}.mountPath`, type: 'Required value' });
    if (paths.has(path))
      errs.push({
        field: `${idx}.mountPath`,
        type: 'Invalid value',
        value: path,
        detail: 'must be unique',
      });
    paths.add(path);
  });
  return errs;
}

/**
 * ValidateResourceRequirements: non-negative quantities, and each request at most its limit
 * (Go walks the maps in random order; sorted here). Hugepages and extended resources are not
 * overcommittable: their request must equal the limit.
 */
function validateResources(resources: unknown, field: string): FieldError[] {
  const r = (resources ?? {}) as { limits?: Obj; requests?: Obj };
  const limits = r.limits && typeof r.limits === 'object' ? r.limits : {};
  const requests = r.requests && typeof r.requests === 'object' ? r.requests : {};
  const errs: FieldError[] = [];
  const nonNegative = (m: Obj, path: string) => {
    for (const k of Object.keys(m).sort()) {
      const c = canonicalQuantity(m[k]);
      if (c?.startsWith('-'))
        errs.push({
          field: `${path}[${k}]`,
          type: 'Invalid value',
          value: c,
          detail: 'must be greater than or equal to 0',
        });
    }
  };
  nonNegative(limits, `${field}.limits`);
  for (const k of Object.keys(requests).sort()) {
    const c = canonicalQuantity(requests[k]);
    if (c?.startsWith('-'))
      errs.push({
        field: `${field}.requests[${k}]`,
        type: 'Invalid value',
        value: c,
        detail: 'must be greater than or equal to 0',
      });
    if (limits[k] === undefined || c === undefined) continue;
    const lim = canonicalQuantity(limits[k]) ?? str(limits[k]);
    const cmp = compareQuantities(requests[k], limits[k]);
    // IsOvercommitAllowed: a native resource (no domain, or a kubernetes.io one), not hugepages.
    const overcommit =
      (!k.includes('/') || k.includes('kubernetes.io/')) && !k.startsWith('hugepages-');
    if (cmp !== 0 && !overcommit)
      errs.push({
        field: `${field}.requests`,
        type: 'Invalid value',
        value: c,
        detail: `must be equal to ${k} limit of ${lim}`,
      });
    else if (cmp > 0)
      errs.push({
        field: `${field}.requests`,
        type: 'Invalid value',
        value: c,
        detail: `must be less than or equal to ${k} limit of ${lim}`,
      });
  }
  return errs;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
/** A LifecycleHandler's kinds (commonHandler in that order: no grpc, a sleep). */
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/**
 * validateHandler: exactly one handler, each well-formed. `grace` is the pod's
 * terminationGracePeriodSeconds, the bound of a lifecycle `sleep`.
 */
function validateHandler(
  probe: Obj,
  field: string,
  kinds: readonly string[] = HANDLERS,
  grace?: number,
): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const h of kinds) {
    const v = probe[h];
    if (v === undefined || v === null) continue;
    if (n > 0) {
      errs.push({
        field: `${field}.${h}`,
        type: 'Forbidden',
        detail: 'may not specify more than 1 handler type',
      });
      continue;
    }
    n++;
    const a = (typeof v === 'object' ? v : {}) as Obj;
    if (h === 'exec' && list(a.command).length === 0)
      errs.push({ field: `${field}.exec.command`, type: 'Required value' });
    if (h === 'httpGet') {
      if (!str(a.path)) errs.push({ field: `${field}.httpGet.path`, type: 'Required value' });
      errs.push(...portNumOrName(a.port, `${field}.httpGet.port`));
      const scheme = str(a.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        errs.push({
          field: `${field}.httpGet.scheme`,
          type: 'Unsupported value',
          value: scheme,
          detail: 'supported values: "HTTP", "HTTPS"',
        });
    }
    if (h === 'tcpSocket') errs.push(...portNumOrName(a.port, `${field}.tcpSocket.port`));
    if (h === 'grpc') {
      const port = typeof a.port === 'number' ? a.port : 0;
      for (const detail of portNumErrors(port))
        errs.push({ field: `${field}.grpc.port`, type: 'Invalid value', value: port, detail });
    }
    // validateSleepAction, without the AllowPodLifecycleSleepActionZeroValue gate (alpha in 1.32).
    const seconds = typeof a.seconds === 'number' ? a.seconds : 0;
    if (h === 'sleep' && grace !== undefined && (seconds <= 0 || seconds > grace))
      errs.push({
        field: `${field}.sleep`,
        type: 'Invalid value',
        value: seconds,
        detail: `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
      });
  }
  if (n === 0) errs.push({ field, type: 'Required value', detail: 'must specify a handler type' });
  return errs;
}

/** validateLifecycle: postStart and preStop are each one well-formed handler. */
function validateLifecycle(lifecycle: unknown, field: string, grace?: number): FieldError[] {
  if (!lifecycle || typeof lifecycle !== 'object') return [];
  const l = lifecycle as Obj;
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = l[hook];
    if (h && typeof h === 'object')
      errs.push(...validateHandler(h as Obj, `${field}.${hook}`, LIFECYCLE_HANDLERS, grace));
  }
  return errs;
}

/** validateProbe plus the liveness/startup `successThreshold` and readiness grace rules. */
function validateProbe(probe: unknown, field: string, kind: string): FieldError[] {
  if (!probe || typeof probe !== 'object') return [];
  const p = probe as Obj;
  const errs = validateHandler(p, field);
  for (const k of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    const v = p[k];
    if (typeof v === 'number' && v < 0)
      errs.push({
        field: `${field}.${k}`,
        type: 'Invalid value',
        value: v,
        detail: 'must be greater than or equal to 0',
      });
  }
  const grace = p.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0)
    errs.push({
      field: `${field}.terminationGracePeriodSeconds`,
      type: 'Invalid value',
      value: grace,
      detail: 'must be greater than 0',
    });
  if (kind === 'readinessProbe' && typeof grace === 'number')
    errs.push({
      field: `${field}.terminationGracePeriodSeconds`,
      type: 'Invalid value',
      value: grace,
      detail: 'must not be set for readinessProbes',
    });
  if (kind !== 'readinessProbe' && p.successThreshold !== 1)
    errs.push({
      field: `${field}.successThreshold`,
      type: 'Invalid value',
      value: p.successThreshold ?? 0,
      detail: 'must be 1',
    });
  return errs;
}

/** validateContainerCommon. */
export function validateContainerCommon(c: Obj, volumes: Set<string>, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push({ field: `${f}.name`, type: 'Required value' });
  else
    for (const detail of isDNS1123Label(name))
      errs.push({ field: `${f}.name`, type: 'Invalid value', value: name, detail });
  if (typeof c.image !== 'string' || c.image.trim() === '')
    errs.push({ field: `${f}.image`, type: 'Required value' });
  const tmp = c.terminationMessagePolicy;
  if (tmp !== undefined && tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push({
      field: `${f}.terminationMessagePolicy`,
      type: 'Unsupported value',
      value: tmp,
      detail: 'supported values: "File", "FallbackToLogsOnError"',
    });
  errs.push(...validatePorts(list(c.ports), `${f}.ports`));
  errs.push(...validateEnv(list(c.env), `${f}.env`));
  errs.push(...validateMounts(list(c.volumeMounts), volumes, `${f}.volumeMounts`));
  const pull = c.imagePullPolicy;
  if (pull !== undefined && !['Always', 'Never', 'IfNotPresent'].includes(str(pull)))
    errs.push({
      field: `${f}.imagePullPolicy`,
      type: 'Unsupported value',
      value: pull,
      detail: 'supported values: "Always", "IfNotPresent", "Never"',
    });
  errs.push(...validateResources(c.resources, `${f}.resources`));
  errs.push(...validateIds(c.securityContext, `${f}.securityContext`, ['runAsUser', 'runAsGroup']));
  errs.push(...validateEscalation(c.securityContext, `${f}.securityContext`));
  return errs;
}

/**
 * IsValidUserID / IsValidGroupID of a securityContext's ids (ValidateSecurityContext, and
 * validatePodSpecSecurityContext's fsGroup, runAsUser, runAsGroup, supplementalGroups[i]).
 */
function validateIds(sc: unknown, field: string, keys: readonly string[]): FieldError[] {
  if (sc === null || typeof sc !== 'object') return [];
  const o = sc as Obj;
  const errs: FieldError[] = [];
  const check = (value: unknown, path: string) => {
    if (typeof value === 'number' && (value < 0 || value > 2147483647))
      errs.push({
        field: path,
        type: 'Invalid value',
        value,
        detail: 'must be between 0 and 2147483647, inclusive',
      });
  };
  for (const k of keys) {
    const v = o[k];
    if (!Array.isArray(v)) check(v, `${field}.${k}`);
    else for (const [i, g] of v.entries()) check(g, `${field}.${k}[${i}]`);
  }
  return errs;
}

/** validateContainers. */
function validateContainers(
  containers: Obj[],
  volumes: Set<string>,
  field: string,
  grace?: number,
): FieldError[] {
  if (containers.length === 0) return [{ field, type: 'Required value' }];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const f = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, f));
    const name = str(c.name);
    if (seen.has(name)) errs.push({ field: `${f}.name`, type: 'Duplicate value', value: name });
    else seen.add(name);
    errs.push(...validateLifecycle(c.lifecycle, `${f}.lifecycle`, grace));
    for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      errs.push(...validateProbe(c[kind], `${f}.${kind}`, kind));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null)
      errs.push({
        field: `${f}.restartPolicy`,
        type: 'Forbidden',
        detail: 'may not be set for non-init containers',
      });
  });
  return errs;
}

/** validateInitContainers: names unique across both lists; probes only for sidecars. */
function validateInitContainers(
  inits: Obj[],
  containers: Obj[],
  volumes: Set<string>,
  field: string,
  grace?: number,
): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set(containers.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const f = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, f));
    const rp = c.restartPolicy;
    if (rp !== undefined && rp !== null && rp !== 'Always')
      errs.push({
        field: `${f}.restartPolicy`,
        type: 'Unsupported value',
        value: rp,
        detail: 'supported values: "Always"',
      });
    const name = str(c.name);
    if (seen.has(name)) errs.push({ field: `${f}.name`, type: 'Duplicate value', value: name });
    else if (name) seen.add(name);
    for (const kind of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (c[kind] === undefined || c[kind] === null) continue;
      if (rp === 'Always') {
        errs.push(
          ...(kind === 'lifecycle'
            ? validateLifecycle(c[kind], `${f}.${kind}`, grace)
            : validateProbe(c[kind], `${f}.${kind}`, kind)),
        );
      } else
        errs.push({
          field: `${f}.${kind}`,
          type: 'Forbidden',
          detail: 'may not be set for init containers without restartPolicy=Always',
        });
    }
  });
  return errs;
}

/** ValidateTolerations. */
function validateTolerations(tolerations: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const idx = `${field}[${i}]`;
    const key = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    if (key)
      for (const detail of isQualifiedName(key))
        errs.push({ field: `${idx}.key`, type: 'Invalid value', value: key, detail });
    if (!key && op !== 'Exists')
      errs.push({
        field: `${idx}.operator`,
        type: 'Invalid value',
        value: op,
        detail:
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      });
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute')
      errs.push({
        field: `${idx}.effect`,
        type: 'Invalid value',
        value: effect,
        detail: "effect must be 'NoExecute' when `tolerationSeconds` is set",
      });
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length)
        errs.push({
          field: `${idx}.operator`,
          type: 'Invalid value',
          value: str(t.value),
          detail: msgs.join(';'),
        });
    } else if (op === 'Exists') {
      if (str(t.value))
        errs.push({
          field: `${idx}.operator`,
          type: 'Invalid value',
          valueText: `core.Toleration{Key:${JSON.stringify(key)}, Operator:"Exists", Value:${JSON.stringify(str(t.value))}, Effect:${JSON.stringify(effect)}, TolerationSeconds:${typeof t.tolerationSeconds === 'number' ? `(*int64)(0x…)` : '(*int64)(nil)'}}`,
          detail: "value must be empty when `operator` is 'Exists'",
        });
    } else
      errs.push({
        field: `${idx}.operator`,
        type: 'Unsupported value',
        value: op,
        detail: 'supported values: "Equal", "Exists"',
      });
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect))
      errs.push({
        field: `${idx}.effect`,
        type: 'Unsupported value',
        value: effect,
        detail: 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      });
  });
  return errs;
}

/** validateSchedulingGates: each name a qualified name, none twice. */
function validateSchedulingGates(gates: unknown, specField: string): FieldError[] {
  if (!Array.isArray(gates)) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  gates.forEach((g, i) => {
    const field = `${specField}.schedulingGates[${i}]`;
    const name = String((g as { name?: unknown } | null)?.name ?? '');
    for (const detail of isQualifiedName(name))
      errs.push({ field, type: 'Invalid value', value: name, detail });
    if (seen.has(name)) errs.push({ field, type: 'Duplicate value', value: name });
    seen.add(name);
  });
  return errs;
}

/** metav1validation.ValidateLabelSelectorRequirement (apimachinery), values checked (create). */
function validateLabelSelectorRequirement(rq: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(rq.operator);
  const values = Array.isArray(rq.values) ? (rq.values as unknown[]) : [];
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0)
      errs.push({
        field: `${field}.values`,
        type: 'Required value',
        detail: "must be specified when `operator` is 'In' or 'NotIn'",
      });
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0)
      errs.push({
        field: `${field}.values`,
        type: 'Forbidden',
        detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      });
  } else
    errs.push({
      field: `${field}.operator`,
      type: 'Invalid value',
      value: op,
      detail: 'not a valid selector operator',
    });
  const key = str(rq.key);
  for (const detail of isQualifiedName(key))
    errs.push({ field: `${field}.key`, type: 'Invalid value', value: key, detail });
  values.forEach((v, i) => {
    for (const detail of isValidLabelValue(str(v)))
      errs.push({ field: `${field}.values[${i}]`, type: 'Invalid value', value: str(v), detail });
  });
  return errs;
}

/** metav1validation.ValidateLabelSelector: matchLabels, then each matchExpressions entry. */
export function validateLabelSelector(sel: unknown, field: string): FieldError[] {
  if (!sel || typeof sel !== 'object') return [];
  const s = sel as Obj;
  const errs = validateLabels(s.matchLabels, `${field}.matchLabels`);
  list(s.matchExpressions).forEach((rq, i) => {
    errs.push(...validateLabelSelectorRequirement(rq, `${field}.matchExpressions[${i}]`));
  });
  return errs;
}

/** ValidateNodeSelectorRequirement (matchExpressions of a node selector term). */
function validateNodeSelectorRequirement(
  rq: Obj,
  checkValues: boolean,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(rq.operator);
  const values = Array.isArray(rq.values) ? (rq.values as unknown[]) : [];
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0)
      errs.push({
        field: `${field}.values`,
        type: 'Required value',
        detail: "must be specified when `operator` is 'In' or 'NotIn'",
      });
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0)
      errs.push({
        field: `${field}.values`,
        type: 'Forbidden',
        detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      });
  } else if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1)
      errs.push({
        field: `${field}.values`,
        type: 'Required value',
        detail: "must be specified single value when `operator` is 'Lt' or 'Gt'",
      });
  } else
    errs.push({
      field: `${field}.operator`,
      type: 'Invalid value',
      value: op,
      detail: 'not a valid selector operator',
    });
  const key = str(rq.key);
  for (const detail of isQualifiedName(key))
    errs.push({ field: `${field}.key`, type: 'Invalid value', value: key, detail });
  if (checkValues)
    values.forEach((v, i) => {
      for (const detail of isValidLabelValue(str(v)))
        errs.push({ field: `${field}.values[${i}]`, type: 'Invalid value', value: str(v), detail });
    });
  return errs;
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name, with exactly one value for In/NotIn. */
function validateNodeFieldSelectorRequirement(rq: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(rq.operator);
  const values = Array.isArray(rq.values) ? (rq.values as unknown[]) : [];
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1)
      errs.push({
        field: `${field}.values`,
        type: 'Required value',
        detail: "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
      });
  } else
    errs.push({
      field: `${field}.operator`,
      type: 'Invalid value',
      value: op,
      detail: 'not a valid selector operator',
    });
  const key = str(rq.key);
  if (key !== 'metadata.name')
    errs.push({
      field: `${field}.key`,
      type: 'Invalid value',
      value: key,
      detail: 'not a valid field selector key',
    });
  else
    values.forEach((v, i) => {
      for (const detail of isDNS1123Subdomain(str(v)))
        errs.push({ field: `${field}.values[${i}]`, type: 'Invalid value', value: str(v), detail });
    });
  return errs;
}

/** ValidateNodeSelectorTerm. */
function validateNodeSelectorTerm(term: Obj, checkValues: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  list(term.matchExpressions).forEach((rq, j) => {
    errs.push(
      ...validateNodeSelectorRequirement(rq, checkValues, `${field}.matchExpressions[${j}]`),
    );
  });
  list(term.matchFields).forEach((rq, j) => {
    errs.push(...validateNodeFieldSelectorRequirement(rq, `${field}.matchFields[${j}]`));
  });
  return errs;
}

function weightErrors(w: unknown, field: string): FieldError[] {
  const n = typeof w === 'number' ? w : 0;
  return n <= 0 || n > 100
    ? [{ field, type: 'Invalid value', value: n, detail: 'must be in the range 1-100' }]
    : [];
}

/** validateNodeAffinity: the required selector (values checked), then the preferred terms. */
function validateNodeAffinity(na: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req && typeof req === 'object') {
    const termsField = `${field}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const terms = list((req as Obj).nodeSelectorTerms);
    if (terms.length === 0)
      errs.push({
        field: termsField,
        type: 'Required value',
        detail: 'must have at least one node selector term',
      });
    terms.forEach((t, i) => {
      errs.push(...validateNodeSelectorTerm(t, true, `${termsField}[${i}]`));
    });
  }
  // ValidatePreferredSchedulingTerms: label values of preferences are not checked.
  list(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const f = `${field}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...weightErrors(t.weight, `${f}.weight`));
    const pref = t.preference && typeof t.preference === 'object' ? (t.preference as Obj) : {};
    errs.push(...validateNodeSelectorTerm(pref, false, `${f}.preference`));
  });
  return errs;
}

/**
 * validateMatchLabelKeysAndMismatchLabelKeys: each list needs a labelSelector and label-name
 * keys; no key in both.
 */
function validateMatchLabelKeys(term: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const keysOf = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(str) : []);
  const match = keysOf(term.matchLabelKeys);
  const mismatch = keysOf(term.mismatchLabelKeys);
  const hasSelector = !!term.labelSelector && typeof term.labelSelector === 'object';
  for (const [name, keys] of [
    ['matchLabelKeys', match],
    ['mismatchLabelKeys', mismatch],
  ] as const) {
    if (keys.length === 0) continue;
    if (!hasSelector) {
      errs.push({
        field: `${field}.${name}`,
        type: 'Forbidden',
        detail: 'must not be specified when labelSelector is not set',
      });
      continue;
    }
    keys.forEach((k, i) => {
      for (const detail of isQualifiedName(k))
        errs.push({ field: `${field}.${name}[${i}]`, type: 'Invalid value', value: k, detail });
    });
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k))
      errs.push({
        field: `${field}.matchLabelKeys[${i}]`,
        type: 'Invalid value',
        value: k,
        detail: 'exists in both matchLabelKeys and mismatchLabelKeys',
      });
  });
  return errs;
}

/** validatePodAffinityTerm: selectors, namespaces, then the (required) topologyKey. */
function validatePodAffinityTerm(term: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(term.labelSelector, `${field}.labelSelector`));
  errs.push(...validateLabelSelector(term.namespaceSelector, `${field}.namespaceSelector`));
  if (Array.isArray(term.namespaces))
    // Upstream reports these at `.namespace` (singular).
    for (const ns of term.namespaces as unknown[])
      for (const detail of isDNS1123Label(str(ns)))
        errs.push({ field: `${field}.namespace`, type: 'Invalid value', value: str(ns), detail });
  errs.push(...validateMatchLabelKeys(term, field));
  const key = str(term.topologyKey);
  if (key === '')
    errs.push({
      field: `${field}.topologyKey`,
      type: 'Required value',
      detail: 'can not be empty',
    });
  for (const detail of isQualifiedName(key))
    errs.push({ field: `${field}.topologyKey`, type: 'Invalid value', value: key, detail });
  return errs;
}

/** validatePodAffinity / validatePodAntiAffinity: required terms, then weighted terms. */
function validatePodAffinityKind(pa: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  list(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    errs.push(
      ...validatePodAffinityTerm(
        t,
        `${field}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
      ),
    );
  });
  list(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, j) => {
    const f = `${field}.preferredDuringSchedulingIgnoredDuringExecution[${j}]`;
    errs.push(...weightErrors(t.weight, `${f}.weight`));
    const term =
      t.podAffinityTerm && typeof t.podAffinityTerm === 'object' ? (t.podAffinityTerm as Obj) : {};
    errs.push(...validatePodAffinityTerm(term, `${f}.podAffinityTerm`));
  });
  return errs;
}

/** validateAffinity: nodeAffinity, podAffinity, podAntiAffinity. */
function validateAffinity(affinity: unknown, field: string): FieldError[] {
  if (!affinity || typeof affinity !== 'object') return [];
  const a = affinity as Obj;
  const errs: FieldError[] = [];
  if (a.nodeAffinity && typeof a.nodeAffinity === 'object')
    errs.push(...validateNodeAffinity(a.nodeAffinity as Obj, `${field}.nodeAffinity`));
  if (a.podAffinity && typeof a.podAffinity === 'object')
    errs.push(...validatePodAffinityKind(a.podAffinity as Obj, `${field}.podAffinity`));
  if (a.podAntiAffinity && typeof a.podAntiAffinity === 'object')
    errs.push(...validatePodAffinityKind(a.podAntiAffinity as Obj, `${field}.podAntiAffinity`));
  return errs;
}

/** validateTopologySpreadConstraints (with ValidateMaxSkew, ValidateTopologyKey, …). */
function validateTopologySpreadConstraints(constraints: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  constraints.forEach((c, i) => {
    const f = `${field}[${i}]`;
    const maxSkew = typeof c.maxSkew === 'number' ? c.maxSkew : 0;
    if (maxSkew <= 0)
      errs.push({
        field: `${f}.maxSkew`,
        type: 'Invalid value',
        value: maxSkew,
        detail: 'must be greater than zero',
      });
    const key = str(c.topologyKey);
    if (key === '')
      errs.push({ field: `${f}.topologyKey`, type: 'Required value', detail: 'can not be empty' });
    const when = str(c.whenUnsatisfiable);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway')
      errs.push({
        field: `${f}.whenUnsatisfiable`,
        type: 'Unsupported value',
        value: when,
        detail: 'supported values: "DoNotSchedule", "ScheduleAnyway"',
      });
    // ValidateSpreadConstraintNotRepeat: against the constraints after this one.
    if (
      constraints
        .slice(i + 1)
        .some((o) => str(o.topologyKey) === key && str(o.whenUnsatisfiable) === when)
    )
      errs.push({
        field: `${f}.{topologyKey, whenUnsatisfiable}`,
        type: 'Duplicate value',
        value: `{${key}, ${when}}`,
      });
    if (c.minDomains !== undefined && c.minDomains !== null) {
      const md = typeof c.minDomains === 'number' ? c.minDomains : 0;
      if (md <= 0)
        errs.push({
          field: `${f}.minDomains`,
          type: 'Invalid value',
          value: md,
          detail: 'must be greater than zero',
        });
      if (when !== 'DoNotSchedule')
        errs.push({
          field: `${f}.minDomains`,
          type: 'Invalid value',
          value: md,
          detail: `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`,
        });
    }
    for (const p of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = c[p];
      if (v !== undefined && v !== null && v !== 'Honor' && v !== 'Ignore')
        errs.push({
          field: `${f}.${p}`,
          type: 'Unsupported value',
          value: str(v),
          detail: 'supported values: "Honor", "Ignore"',
        });
    }
    if (Array.isArray(c.matchLabelKeys) && c.matchLabelKeys.length > 0) {
      const sel =
        c.labelSelector && typeof c.labelSelector === 'object' ? (c.labelSelector as Obj) : null;
      const selKeys = new Set<string>();
      if (sel) {
        for (const k of Object.keys((sel.matchLabels as Obj | undefined) ?? {})) selKeys.add(k);
        for (const e of list(sel.matchExpressions)) selKeys.add(str(e.key));
      } else
        errs.push({
          field: `${f}.matchLabelKeys`,
          type: 'Forbidden',
          detail: 'must not be specified when labelSelector is not set',
        });
      (c.matchLabelKeys as unknown[]).forEach((k, j) => {
        const key2 = str(k);
        for (const detail of isQualifiedName(key2))
          errs.push({
            field: `${f}.matchLabelKeys[${j}]`,
            type: 'Invalid value',
            value: key2,
            detail,
          });
        if (selKeys.has(key2))
          errs.push({
            field: `${f}.matchLabelKeys[${j}]`,
            type: 'Invalid value',
            value: key2,
            detail: 'exists in both matchLabelKeys and labelSelector',
          });
      });
    }
    errs.push(...validateLabelSelector(c.labelSelector, `${f}.labelSelector`));
  });
  return errs;
}

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** ValidatePodSpec at `field` (`spec`, `spec.template.spec`, …), after defaulting. */
export function validatePodSpec(spec: unknown, field: string): FieldError[] {
  const s = (spec && typeof spec === 'object' ? spec : {}) as Obj;
  const errs: FieldError[] = [];
  const { names: volumes, errs: volErrs } = validateVolumes(list(s.volumes), `${field}.volumes`);
  errs.push(...volErrs);
  const containers = list(s.containers);
  const grace =
    typeof s.terminationGracePeriodSeconds === 'number'
      ? s.terminationGracePeriodSeconds
      : undefined;
  errs.push(...validateContainers(containers, volumes, `${field}.containers`, grace));
  errs.push(
    ...validateInitContainers(
      list(s.initContainers),
      containers,
      volumes,
      `${field}.initContainers`,
      grace,
    ),
  );
  const restart = s.restartPolicy;
  if (restart !== undefined && !['Always', 'OnFailure', 'Never'].includes(str(restart)))
    errs.push(
      restart === ''
        ? { field: `${field}.restartPolicy`, type: 'Required value' }
        : {
            field: `${field}.restartPolicy`,
            type: 'Unsupported value',
            value: restart,
            detail: 'supported values: "Always", "OnFailure", "Never"',
          },
    );
  const dns = s.dnsPolicy;
  if (dns !== undefined && !DNS_POLICIES.includes(str(dns)))
    errs.push(
      dns === ''
        ? { field: `${field}.dnsPolicy`, type: 'Required value' }
        : {
            field: `${field}.dnsPolicy`,
            type: 'Unsupported value',
            value: dns,
            detail: `supported values: ${DNS_POLICIES.map((d) => `"${d}"`).join(', ')}`,
          },
    );
  errs.push(...validatePodDns(s, field));
  errs.push(...validateLabels(s.nodeSelector, `${field}.nodeSelector`));
  errs.push(
    ...validateIds(s.securityContext, `${field}.securityContext`, [
      'fsGroup',
      'runAsUser',
      'runAsGroup',
      'supplementalGroups',
    ]),
  );
  errs.push(...validateAffinity(s.affinity, `${field}.affinity`));
  errs.push(...validateSchedulingGates(s.schedulingGates, field));
  errs.push(
    ...validateTopologySpreadConstraints(
      list(s.topologySpreadConstraints),
      `${field}.topologySpreadConstraints`,
    ),
  );
  const sa = str(s.serviceAccountName);
  if (sa)
    for (const detail of isDNS1123Subdomain(sa))
      errs.push({ field: `${field}.serviceAccountName`, type: 'Invalid value', value: sa, detail });
  const ads = s.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647))
    errs.push({
      field: `${field}.activeDeadlineSeconds`,
      type: 'Invalid value',
      value: ads,
      detail: 'must be between 1 and 2147483647, inclusive',
    });
  for (const k of ['hostname', 'subdomain']) {
    const v = str(s[k]);
    if (v)
      for (const detail of isDNS1123Label(v))
        errs.push({ field: `${field}.${k}`, type: 'Invalid value', value: v, detail });
  }
  errs.push(...validateTolerations(list(s.tolerations), `${field}.tolerations`));
  errs.push(...validateAppArmorFields(s, field));
  return errs;
}
