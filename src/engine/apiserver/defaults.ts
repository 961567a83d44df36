/**
 * Defaulting and mutating admission, as the real API server applies them on create:
 * SetDefaults_* for each kind, DefaultTolerationSeconds, the ServiceAccount admission's
 * projected token volume, pod QoS class and Pending phase.
 */

import type { KubeObject, ResourceName } from '../api/types.ts';
import { defaultPullPolicy as imagePullPolicyDefault } from '../registry/imageName.ts';
import { quantityFraction } from '../scheduler/framework/quantity.ts';
import { randomString } from '../util/names.ts';
import { cloneShared, copyArray, deepFreeze, shallowCopy } from '../util/persistentMap.ts';
import type { Rng } from '../util/rng.ts';
import { defaultHpa } from './hpa.ts';
import { defaultIngress, defaultIngressClass, defaultNetworkPolicy } from './networking.ts';
import { canonicalQuantity } from './quantity.ts';
import { defaultLimitRange } from './quota.ts';
import { defaultBinding } from './rbac.ts';
import {
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultStorageClass,
} from './storage.ts';

type Obj = Record<string, unknown>;

function obj(parent: Obj, key: string): Obj {
  let v = parent[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    v = {};
    parent[key] = v;
  }
  return v as Obj;
}

function setIfUnset(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/**
 * SetDefaults_Container's pull policy: the tag ParseImageName finds (`latest` when the reference
 * has neither tag nor digest) is `latest` → Always, anything else → IfNotPresent. So a digest
 * without a tag (`nginx@sha256:…`) and a reference that does not parse (`Nginx`: its error is
 * ignored, the tag is empty) are IfNotPresent, and `nginx:latest@sha256:…` is Always.
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imagePullPolicyDefault(image);
}

/**
 * SetDefaults_Pod's part for Pods only ("we only want this defaulting semantic to take place on a
 * v1.Pod and not a v1.PodTemplate"): a container's limits without requests give the requests.
 */
export function defaultPodRequests(spec: Obj): void {
  requestsFromLimits(spec.containers);
  requestsFromLimits(spec.initContainers);
}

// The per-pod defaulting below walks its lists by index and objects by for…in, and names each
// field of a fixed set (containers and initContainers, the three probes) in turn, rather than
// loop over an array literal: no arrays, entry pairs or iterators per pod created.
function requestsFromLimits(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as Obj;
    const resources = c.resources as Obj | undefined;
    const limits = resources?.limits as Obj | undefined;
    if (!resources || !limits || typeof limits !== 'object') continue;
    const requests = obj(resources, 'requests');
    for (const k in limits) setIfUnset(requests, k, limits[k]);
  }
}

function defaultContainer(c: Obj): void {
  if (typeof c.image === 'string') setIfUnset(c, 'imagePullPolicy', defaultPullPolicy(c.image));
  setIfUnset(c, 'terminationMessagePath', '/dev/termination-log');
  setIfUnset(c, 'terminationMessagePolicy', 'File');
  const resources = obj(c, 'resources');
  canonicalizeQuantities(resources);
  const ports = c.ports;
  if (Array.isArray(ports))
    for (let i = 0; i < ports.length; i++) setIfUnset(ports[i] as Obj, 'protocol', 'TCP');
  // SetDefaults_ObjectFieldSelector: an env var's fieldRef reads the v1 fields.
  const env = c.env;
  if (Array.isArray(env)) {
    for (let i = 0; i < env.length; i++) {
      const e = env[i] as Obj;
      const fieldRef = (e?.valueFrom as Obj | undefined)?.fieldRef;
      if (fieldRef && typeof fieldRef === 'object') setIfUnset(fieldRef as Obj, 'apiVersion', 'v1');
      // The divisor is a Quantity struct, which omitempty never omits: unset, it reads "0".
      const resourceFieldRef = (e?.valueFrom as Obj | undefined)?.resourceFieldRef;
      if (resourceFieldRef && typeof resourceFieldRef === 'object') {
        setIfUnset(resourceFieldRef as Obj, 'divisor', '0');
      }
    }
  }
  // SetDefaults_Probe and SetDefaults_HTTPGetAction.
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  // The lifecycle hooks' HTTPGetActions get the same defaults.
  const lifecycle = c.lifecycle;
  if (isPlain(lifecycle)) {
    defaultHookHttpGet(lifecycle.postStart);
    defaultHookHttpGet(lifecycle.preStop);
  }
}

function defaultProbe(probe: unknown): void {
  if (!probe || typeof probe !== 'object') return;
  const p = probe as Obj;
  setIfUnset(p, 'timeoutSeconds', 1);
  setIfUnset(p, 'periodSeconds', 10);
  setIfUnset(p, 'successThreshold', 1);
  setIfUnset(p, 'failureThreshold', 3);
  if (p.httpGet && typeof p.httpGet === 'object') defaultHttpGet(p.httpGet as Obj);
}

function defaultHookHttpGet(hook: unknown): void {
  const get = (hook as Obj | undefined)?.httpGet;
  if (isPlain(get)) defaultHttpGet(get);
}

/** SetDefaults_HTTPGetAction. */
function defaultHttpGet(get: Obj): void {
  if (get.path === undefined || get.path === null || get.path === '') get.path = '/';
  setIfUnset(get, 'scheme', 'HTTP');
}

/**
 * Every quantity is decoded into a resource.Quantity and written back in canonical form
 * (`0.5` → `500m`, `1024Mi` → `1Gi`); text that is no quantity is left for validation.
 */
function canonicalizeQuantities(resources: Obj): void {
  canonicalizeList(resources, 'limits');
  canonicalizeList(resources, 'requests');
}

function canonicalizeList(resources: Obj, key: string): void {
  const m = resources[key];
  if (!m || typeof m !== 'object' || Array.isArray(m)) return;
  const list = m as Obj;
  let copy: Obj | undefined;
  // for…in rather than Object.entries (see requestsFromLimits); writes go to the copy.
  for (const k in list) {
    const v = list[k];
    const c = canonicalQuantity(v);
    if (c === undefined || c === v) continue;
    copy ??= { ...list };
    copy[k] = c;
  }
  if (copy) resources[key] = copy;
}

/**
 * The v1 conversion of a PodSpec: `serviceAccount` (DeprecatedServiceAccount) mirrors
 * `serviceAccountName`, and names it when only the deprecated field was given. Applied to
 * pods only: in templates it would change every pod-template-hash of a template that names
 * an account (kube-system's coredns among them), left for a coordinated change.
 */
function mirrorServiceAccount(spec: Obj): void {
  const name = spec.serviceAccountName;
  if (typeof name === 'string' && name !== '') spec.serviceAccount = name;
  else if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '')
    spec.serviceAccountName = spec.serviceAccount;
}

/** SetDefaults_PodSpec (also applied to templates). */
/**
 * The volume-source defaults (SetDefaults_ConfigMapVolumeSource, _SecretVolumeSource,
 * _DownwardAPIVolumeSource, _ProjectedVolumeSource: `defaultMode: 420`; _HostPathVolumeSource:
 * `type: ""`). Sources may be frozen and shared: a defaulted one is a copy.
 */
function defaultVolume(v: Obj): Obj {
  let out = v;
  for (const kind of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const src = v[kind];
    if (isPlain(src) && src.defaultMode === undefined) {
      if (out === v) out = { ...v };
      out[kind] = { ...src, defaultMode: 420 };
    }
  }
  // SetDefaults_ObjectFieldSelector on the downward API's items.
  const api = out.downwardAPI;
  if (isPlain(api) && Array.isArray(api.items)) {
    const items = (api.items as unknown[]).map((item) => {
      const fieldRef = isPlain(item) ? item.fieldRef : undefined;
      return isPlain(item) && isPlain(fieldRef) && fieldRef.apiVersion === undefined
        ? { ...item, fieldRef: { ...fieldRef, apiVersion: 'v1' } }
        : item;
    });
    if (items.some((item, i) => item !== (api.items as unknown[])[i])) {
      if (out === v) out = { ...v };
      out.downwardAPI = { ...api, items };
    }
  }
  const hostPath = v.hostPath;
  if (isPlain(hostPath) && hostPath.type === undefined) {
    if (out === v) out = { ...v };
    out.hostPath = { ...hostPath, type: '' };
  }
  return out;
}

export function defaultPodSpec(spec: Obj): void {
  const volumes = spec.volumes;
  if (Array.isArray(volumes) && volumes.length > 0) {
    const defaulted = (volumes as Obj[]).map((v) => (isPlain(v) ? defaultVolume(v) : v));
    if (defaulted.some((v, i) => v !== volumes[i])) spec.volumes = defaulted;
  }
  setIfUnset(spec, 'restartPolicy', 'Always');
  setIfUnset(spec, 'terminationGracePeriodSeconds', 30);
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'securityContext', {});
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  defaultContainers(spec.containers);
  defaultContainers(spec.initContainers);
  defaultContainers(spec.ephemeralContainers);
}

function defaultContainers(list: unknown): void {
  if (Array.isArray(list)) for (let i = 0; i < list.length; i++) defaultContainer(list[i] as Obj);
}

/**
 * The pod's QoS class (qos.GetPodQOS), set on create in `status.qosClass`: only non-zero CPU and
 * memory figures count; Guaranteed needs every container to limit both, and the summed requests
 * to equal the summed limits.
 */
export function qosClass(spec: Obj): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests: Sums = new Map();
  const limits: Sums = new Map();
  // Containers, then init containers, each by index; cpu, then memory (see requestsFromLimits).
  const apps = addContainerQuantities(
    requests,
    limits,
    (spec.containers as Obj[] | undefined) ?? [],
  );
  const inits = addContainerQuantities(
    requests,
    limits,
    (spec.initContainers as Obj[] | undefined) ?? [],
  );
  return qosOfSums(requests, limits, apps && inits);
}

type Sums = Map<string, { num: bigint; den: bigint }>;

/**
 * Add the containers' cpu and memory requests and limits to the sums; false when one of them
 * does not limit both. (Every container is added, whatever the answer.)
 */
function addContainerQuantities(requests: Sums, limits: Sums, containers: Obj[]): boolean {
  let guaranteed = true;
  for (let i = 0; i < containers.length; i++) {
    const r = (containers[i]!.resources ?? {}) as { requests?: Obj; limits?: Obj };
    addQuantity(requests, 'cpu', r.requests?.cpu);
    addQuantity(requests, 'memory', r.requests?.memory);
    const cpu = addQuantity(limits, 'cpu', r.limits?.cpu);
    const memory = addQuantity(limits, 'memory', r.limits?.memory);
    if (!cpu || !memory) guaranteed = false;
  }
  return guaranteed;
}

function addQuantity(into: Sums, name: string, q: unknown): boolean {
  const f =
    typeof q === 'string' || typeof q === 'number' ? quantityFraction(String(q)) : undefined;
  if (!f || f.num <= 0n) return false;
  const had = into.get(name);
  into.set(name, had ? { num: had.num * f.den + f.num * had.den, den: had.den * f.den } : f);
  return true;
}

function qosOfSums(
  requests: Sums,
  limits: Sums,
  allLimited: boolean,
): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  let guaranteed = allLimited;
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.num * req.den !== req.num * lim.den) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

const DEFAULT_TOLERATIONS = [
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
] as const;

/*
 * What admission adds to every pod, the same each time: frozen and shared by all pods (stored
 * objects are frozen anyway), rather than a dozen new objects per pod to build, freeze and keep.
 */
const DEFAULT_TOLERATION: Readonly<Record<string, Obj>> = Object.fromEntries(
  DEFAULT_TOLERATIONS.map((key): [string, Obj] => [
    key,
    deepFreeze({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }),
  ]),
);

/** The projected service-account token volume (its name differs per pod, not its content). */
/** Where the ServiceAccount admission mounts the API token (DefaultAPITokenMountPath). */
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

const TOKEN_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    {
      downwardAPI: {
        items: [
          { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
        ],
      },
    },
  ],
});

/** Pod defaulting plus the admission plugins that mutate a new pod. */
function defaultPod(pod: Obj, rng: Rng, serviceAccountAutomount?: boolean): void {
  const spec = obj(pod, 'spec');
  defaultPodSpec(spec);
  defaultPodRequests(spec);
  // (Templates are left as they are: their hash names the ReplicaSets, audit-10 #42 open.)
  mirrorServiceAccount(spec);
  // The ServiceAccount admission leaves mirror pods alone ("Don't modify the spec of mirror
  // pods"): no default service account, no token volume.
  const annotations = (pod.metadata as Obj | undefined)?.annotations as Obj | undefined;
  const mirror = annotations?.['kubernetes.io/config.mirror'] !== undefined;
  if (!mirror) setIfUnset(spec, 'serviceAccountName', 'default');
  mirrorServiceAccount(spec);
  // SetDefaults_Pod: a host-network pod's ports are host ports too.
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers']) {
      for (const c of (spec[key] as Obj[] | undefined) ?? []) {
        for (const p of (c.ports as Obj[] | undefined) ?? []) {
          if (p.hostPort === undefined || p.hostPort === 0) p.hostPort = p.containerPort;
        }
      }
    }
  }
  setIfUnset(spec, 'enableServiceLinks', true);
  // DefaultTolerationSeconds admission.
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as Obj[]) : [];
  for (let i = 0; i < DEFAULT_TOLERATIONS.length; i++) {
    const key = DEFAULT_TOLERATIONS[i]!;
    if (!toleratesNoExecute(tolerations, key)) tolerations.push(DEFAULT_TOLERATION[key]!);
  }
  spec.tolerations = tolerations;
  // ServiceAccount admission: the projected token volume and its mount in every init and app
  // container (one that mounts something at the token's path already keeps its own), unless
  // the pod, or else its ServiceAccount, opts out (shouldAutomount).
  const own = spec.automountServiceAccountToken;
  const automount = (typeof own === 'boolean' ? own : serviceAccountAutomount !== false) && !mirror;
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as Obj[]) : [];
  if (automount && !hasTokenVolume(volumes)) {
    const volName = `kube-api-access-${randomString(rng)}`;
    volumes.push({ name: volName, projected: TOKEN_PROJECTION });
    mountToken((spec.initContainers as Obj[] | undefined) ?? [], volName);
    mountToken((spec.containers as Obj[] | undefined) ?? [], volName);
  }
  if (volumes.length) spec.volumes = volumes;
  const status = obj(pod, 'status');
  setIfUnset(status, 'phase', 'Pending');
  status.qosClass = qosClass(spec);
}

/**
 * Whether `tolerations` tolerate the NoExecute taint `key`. An empty key with operator Exists
 * tolerates every taint, so it counts as tolerating this one too (the DaemonSet pods kubeadm
 * runs, such as kube-proxy, carry exactly that).
 */
function toleratesNoExecute(tolerations: readonly Obj[], key: string): boolean {
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i]!;
    if (
      (t.key === key || t.key === undefined || t.key === '') &&
      (t.effect === 'NoExecute' || t.effect === undefined || t.effect === '')
    )
      return true;
  }
  return false;
}

function hasTokenVolume(volumes: readonly Obj[]): boolean {
  for (let i = 0; i < volumes.length; i++)
    if (String(volumes[i]!.name ?? '').startsWith('kube-api-access-')) return true;
  return false;
}

/** The token volume's mount in each of `containers` that mounts nothing at its path yet. */
function mountToken(containers: Obj[], volName: string): void {
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as Obj[]) : [];
    if (mountsTokenPath(mounts)) continue;
    mounts.push({ name: volName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
    c.volumeMounts = mounts;
  }
}

function mountsTokenPath(mounts: readonly Obj[]): boolean {
  for (let i = 0; i < mounts.length; i++)
    if (mounts[i]!.mountPath === TOKEN_MOUNT_PATH) return true;
  return false;
}

function defaultTemplated(o: Obj, isDeployment: boolean): void {
  const spec = obj(o, 'spec');
  setIfUnset(spec, 'replicas', 1);
  if (isDeployment) {
    setIfUnset(spec, 'revisionHistoryLimit', 10);
    setIfUnset(spec, 'progressDeadlineSeconds', 600);
    const strategy = obj(spec, 'strategy');
    setIfUnset(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = obj(strategy, 'rollingUpdate');
      setIfUnset(ru, 'maxUnavailable', '25%');
      setIfUnset(ru, 'maxSurge', '25%');
    }
  }
  const template = obj(spec, 'template');
  const tmeta = obj(template, 'metadata');
  setIfUnset(tmeta, 'creationTimestamp', null);
  defaultPodSpec(obj(template, 'spec'));
  setIfUnset(o, 'status', {});
}

/** A DaemonSet's defaults: rolling updates one node at a time, history of 10, the pod template's. */
export function defaultDaemonSet(o: Obj): void {
  const spec = obj(o, 'spec');
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  const strategy = obj(spec, 'updateStrategy');
  setIfUnset(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate');
    setIfUnset(ru, 'maxUnavailable', 1);
    setIfUnset(ru, 'maxSurge', 0);
  }
  const template = obj(spec, 'template');
  setIfUnset(obj(template, 'metadata'), 'creationTimestamp', null);
  defaultPodSpec(obj(template, 'spec'));
  setIfUnset(o, 'status', {});
}

/**
 * SetDefaults_StatefulSet (apps/v1, 1.32 gates: StatefulSetAutoDeletePVC on, MaxUnavailable-
 * StatefulSet off): OrderedReady pods, RollingUpdate with partition 0 (a `rollingUpdate` is
 * made only when the strategy type was left out), PVCs retained when deleted or scaled, one
 * replica, history of 10, the pod template's defaults. The claim templates get the
 * PersistentVolumeClaim defaults (Filesystem volumes, phase Pending).
 */
export function defaultStatefulSet(o: Obj): void {
  const spec = obj(o, 'spec');
  setIfUnset(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = obj(spec, 'updateStrategy');
  if (strategy.type === undefined || strategy.type === null || strategy.type === '') {
    strategy.type = 'RollingUpdate';
    obj(strategy, 'rollingUpdate');
  }
  if (isPlain(strategy.rollingUpdate) && strategy.rollingUpdate.maxUnavailable !== undefined) {
    // dropStatefulSetDisabledFields: MaxUnavailableStatefulSet is alpha, off in 1.32.
    const { maxUnavailable: _dropped, ...rest } = strategy.rollingUpdate;
    strategy.rollingUpdate = rest;
  }
  if (strategy.type === 'RollingUpdate' && isPlain(strategy.rollingUpdate)) {
    setIfUnset(strategy.rollingUpdate, 'partition', 0);
  }
  const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
  setIfUnset(retention, 'whenDeleted', 'Retain');
  setIfUnset(retention, 'whenScaled', 'Retain');
  setIfUnset(spec, 'replicas', 1);
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  const template = obj(spec, 'template');
  setIfUnset(obj(template, 'metadata'), 'creationTimestamp', null);
  defaultPodSpec(obj(template, 'spec'));
  if (Array.isArray(spec.volumeClaimTemplates)) {
    for (const claim of spec.volumeClaimTemplates as unknown[]) {
      if (!isPlain(claim)) continue;
      setIfUnset(claim, 'apiVersion', 'v1');
      setIfUnset(claim, 'kind', 'PersistentVolumeClaim');
      setIfUnset(obj(claim, 'metadata'), 'creationTimestamp', null);
      setIfUnset(obj(claim, 'spec'), 'volumeMode', 'Filesystem');
      setIfUnset(obj(claim, 'status'), 'phase', 'Pending');
    }
  }
  setIfUnset(o, 'status', {});
}

/**
 * SetDefaults_Job (pkg/apis/batch/v1/defaults.go) with the 1.32 feature gates (JobPodReplacementPolicy
 * on): one completion and one pod at a time when neither is set, 6 retries, NonIndexed, not
 * suspended, replacement once a pod is terminating or failed, a generated selector. The Job takes
 * its template's labels when it has none; after the selector is generated (see `generateJobSelector`)
 * a read shows the generated labels there too, as the real server's re-defaulting on read does.
 */
function defaultJob(o: Obj): void {
  const spec = obj(o, 'spec');
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfUnset(spec, 'parallelism', 1);
  setIfUnset(spec, 'backoffLimit', spec.backoffLimitPerIndex != null ? 2147483647 : 6);
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  setIfUnset(spec, 'suspend', false);
  setIfUnset(
    spec,
    'podReplacementPolicy',
    spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed',
  );
  setIfUnset(spec, 'manualSelector', false);
  // A pod failure policy's onPodConditions pattern matches status True unless it says otherwise.
  const pfp = spec.podFailurePolicy as { rules?: { onPodConditions?: Obj[] }[] } | undefined;
  for (const rule of Array.isArray(pfp?.rules) ? pfp.rules : []) {
    const patterns = rule?.onPodConditions;
    for (const pattern of Array.isArray(patterns) ? patterns : []) {
      if (pattern && typeof pattern === 'object') setIfUnset(pattern, 'status', 'True');
    }
  }
  const template = obj(spec, 'template');
  const tmeta = obj(template, 'metadata');
  setIfUnset(tmeta, 'creationTimestamp', null);
  defaultPodSpec(obj(template, 'spec'));
  const labels = tmeta.labels as Obj | undefined;
  const meta = obj(o, 'metadata');
  if (labels && Object.keys((meta.labels as Obj | undefined) ?? {}).length === 0) {
    meta.labels = { ...labels };
  }
  setIfUnset(o, 'status', {});
}

/**
 * SetDefaults_CronJob: Allow concurrent runs, not suspended, keep 3 successful and 1 failed Job;
 * the Job template's pod template gets the pod defaults (its JobSpec itself is defaulted only
 * when a Job is made from it).
 */
function defaultCronJob(o: Obj): void {
  const spec = obj(o, 'spec');
  if (spec.concurrencyPolicy == null || spec.concurrencyPolicy === '') {
    spec.concurrencyPolicy = 'Allow';
  }
  setIfUnset(spec, 'suspend', false);
  setIfUnset(spec, 'successfulJobsHistoryLimit', 3);
  setIfUnset(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = obj(spec, 'jobTemplate');
  setIfUnset(obj(jobTemplate, 'metadata'), 'creationTimestamp', null);
  const template = obj(obj(jobTemplate, 'spec'), 'template');
  setIfUnset(obj(template, 'metadata'), 'creationTimestamp', null);
  defaultPodSpec(obj(template, 'spec'));
  setIfUnset(o, 'status', {});
}

/** `batch.kubernetes.io/controller-uid`: the label the generated selector of a Job selects. */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** `batch.kubernetes.io/job-name`. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/**
 * The Job strategy's `generateSelector` (pkg/registry/batch/job/strategy.go), run once the uid is
 * known, unless `spec.manualSelector` is true: the template gets `job-name`,
 * `batch.kubernetes.io/job-name`, `controller-uid` and `batch.kubernetes.io/controller-uid` (a label
 * the user set is kept, and validation then finds the conflict), and the selector matches the
 * prefixed uid label. A Job without labels of its own shows the template's.
 */
export function generateJobSelector(o: KubeObject): void {
  const spec = obj(o as Obj, 'spec');
  if (spec.manualSelector === true) return;
  const meta = obj(o as Obj, 'metadata');
  const name = String(meta.name ?? '');
  const uid = String(meta.uid ?? '');
  const template = obj(spec, 'template');
  const tmeta = obj(template, 'metadata');
  const before = (tmeta.labels as Record<string, unknown> | undefined) ?? {};
  const labels: Obj = { ...before };
  setIfUnset(labels, 'job-name', name);
  setIfUnset(labels, JOB_NAME_LABEL, name);
  setIfUnset(labels, 'controller-uid', uid);
  setIfUnset(labels, JOB_CONTROLLER_UID_LABEL, uid);
  tmeta.labels = labels;
  const selector = obj(spec, 'selector');
  const matchLabels: Obj = { ...((selector.matchLabels as Obj | undefined) ?? {}) };
  setIfUnset(matchLabels, JOB_CONTROLLER_UID_LABEL, uid);
  selector.matchLabels = matchLabels;
  // SetDefaults_Job shares the template's label map with a Job that has no labels, so what the
  // strategy adds shows on the Job too; a template without labels gets a fresh map, which the
  // Job takes when the stored object is read back (defaulting runs on every decode).
  const jobLabels = (meta.labels as Record<string, unknown> | undefined) ?? {};
  if (Object.keys(jobLabels).length === 0 || sameLabels(jobLabels, before)) {
    meta.labels = { ...labels };
  }
}

function sameLabels(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function defaultService(svc: Obj): void {
  const spec = obj(svc, 'spec');
  setIfUnset(spec, 'type', 'ClusterIP');
  setIfUnset(spec, 'sessionAffinity', 'None');
  // SetDefaults_Service: ClientIP affinity gets its default timeout (3 hours); None drops it.
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  const clientIP = (spec.sessionAffinityConfig as Obj | undefined)?.clientIP as Obj | undefined;
  if (spec.sessionAffinity === 'ClientIP' && typeof clientIP?.timeoutSeconds !== 'number') {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  // An ExternalName Service is only a DNS name: no IP families (the IP allocator skips it)
  // and no internal traffic policy.
  if (spec.type !== 'ExternalName') {
    setIfUnset(spec, 'ipFamilies', ['IPv4']);
    setIfUnset(spec, 'ipFamilyPolicy', 'SingleStack');
    setIfUnset(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    setIfUnset(spec, 'externalTrafficPolicy', 'Cluster');
  }
  const ports = Array.isArray(spec.ports) ? (spec.ports as Obj[]) : [];
  for (const p of ports) {
    setIfUnset(p, 'protocol', 'TCP');
    // SetDefaults_Service: a target port of 0 or "" is the port itself.
    if (p.targetPort === 0 || p.targetPort === '') delete p.targetPort;
    setIfUnset(p, 'targetPort', p.port);
  }
  const status = obj(svc, 'status');
  setIfUnset(status, 'loadBalancer', {});
}

/**
 * Apply the create-time defaults of `resource` to a mutable copy of a new object
 * (after name generation, before validation).
 */
export function applyDefaults(
  resource: ResourceName,
  o: KubeObject,
  rng: Rng,
  /** A new pod's ServiceAccount's `automountServiceAccountToken` (admission reads the SA). */
  serviceAccountAutomount?: boolean,
): void {
  const x = o as Obj;
  switch (resource) {
    case 'pods':
      defaultPod(x, rng, serviceAccountAutomount);
      break;
    case 'deployments':
      defaultTemplated(x, true);
      break;
    case 'replicasets':
      defaultTemplated(x, false);
      break;
    case 'services':
      defaultService(x);
      break;
    case 'secrets':
      setIfUnset(x, 'type', 'Opaque');
      break;
    case 'limitranges':
      defaultLimitRange(o);
      break;
    case 'persistentvolumes':
      defaultPersistentVolume(o);
      break;
    case 'persistentvolumeclaims':
      defaultPersistentVolumeClaim(o);
      break;
    case 'storageclasses':
      defaultStorageClass(o);
      break;
    case 'horizontalpodautoscalers':
      defaultHpa(o);
      break;
    case 'ingresses':
      defaultIngress(o);
      break;
    case 'ingressclasses':
      defaultIngressClass(o);
      break;
    case 'networkpolicies':
      defaultNetworkPolicy(o);
      break;
    case 'rolebindings':
    case 'clusterrolebindings':
      defaultBinding(x);
      break;
    case 'roles':
    case 'clusterroles':
      // Rules has no omitempty: a role stored without rules is written as `rules: null`.
      if (x.rules === undefined) x.rules = null;
      break;
    case 'priorityclasses':
      setIfUnset(x, 'preemptionPolicy', 'PreemptLowerPriority');
      break;
    case 'daemonsets':
      defaultDaemonSet(x);
      break;
    case 'statefulsets':
      defaultStatefulSet(x);
      break;
    case 'jobs':
      defaultJob(x);
      break;
    case 'cronjobs':
      defaultCronJob(x);
      break;
    case 'namespaces': {
      const spec = obj(x, 'spec');
      setIfUnset(spec, 'finalizers', ['kubernetes']);
      const status = obj(x, 'status');
      setIfUnset(status, 'phase', 'Active');
      break;
    }
    default:
      break;
  }
}

/** A plain object (not null, not an array). */
function isPlain(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `o[key]` made writable in place: a frozen plain object there is replaced by a copy. */
function thawField(o: Obj, key: string): void {
  const v = o[key];
  if (isPlain(v) && Object.isFrozen(v)) o[key] = shallowCopy(v);
}

/**
 * `o[key]`, an array or absent, made writable in place (with writable plain-object elements
 * when `elements`); false when it is something else or an element is not a plain object.
 */
function thawArray(o: Obj, key: string, elements: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return true;
  if (!Array.isArray(v)) return false;
  const list = Object.isFrozen(v) ? copyArray(v) : v;
  if (elements) {
    for (let i = 0; i < list.length; i++) {
      const e: unknown = list[i];
      if (!isPlain(e)) return false;
      if (Object.isFrozen(e)) list[i] = shallowCopy(e);
    }
  }
  o[key] = list;
  return true;
}

/**
 * A writable copy of a new pod for `#create`, sharing the frozen parts that pod defaulting
 * and admission (`applyDefaults`, Priority admission, the create's metadata) leave alone: only
 * the objects and arrays they write into are copied. A controller can then hand over its
 * template's frozen parts instead of a deep copy, and the store freezes only what is new.
 * The copy equals `clone(pod)` (same values, same key order) and defaulting writes the same
 * fields into it. Undefined for a pod of an unusual shape (say, a container that is not an
 * object), which the caller deep-copies as before.
 */
export function writablePodForCreate(pod: KubeObject): KubeObject | undefined {
  const out = cloneShared(pod) as Obj;
  thawField(out, 'metadata');
  thawField(out, 'status');
  thawField(out, 'spec');
  const spec = out.spec;
  if (!isPlain(spec)) return out;
  if (!thawArray(spec, 'containers', true) || !thawArray(spec, 'initContainers', true))
    return undefined;
  if (!thawArray(spec, 'tolerations', false) || !thawArray(spec, 'volumes', false))
    return undefined;
  // Each list by index, each probe and hook by name (see requestsFromLimits).
  const ok =
    thawContainers(spec.containers as Obj[] | undefined) &&
    thawContainers(spec.initContainers as Obj[] | undefined);
  return ok ? out : undefined;
}

/** `writablePodForCreate`'s part for one list of containers; false for an unusual shape. */
function thawContainers(list: Obj[] | undefined): boolean {
  if (!list) return true;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    thawField(c, 'resources');
    const resources = c.resources;
    if (isPlain(resources)) thawField(resources, 'requests');
    if (!thawArray(c, 'ports', true) || !thawArray(c, 'volumeMounts', false)) return false;
    if (!thawProbe(c, 'livenessProbe')) return false;
    if (!thawProbe(c, 'readinessProbe')) return false;
    if (!thawProbe(c, 'startupProbe')) return false;
    const lifecycle = c.lifecycle;
    if (lifecycle !== undefined && lifecycle !== null) {
      if (!isPlain(lifecycle)) return false;
      thawField(c, 'lifecycle');
      if (!thawHook(c.lifecycle as Obj, 'postStart')) return false;
      if (!thawHook(c.lifecycle as Obj, 'preStop')) return false;
    }
  }
  return true;
}

function thawProbe(c: Obj, kind: string): boolean {
  const probe = c[kind];
  if (probe === undefined || probe === null) return true;
  if (!isPlain(probe)) return false;
  thawField(c, kind);
  const httpGet = probe.httpGet;
  if (Array.isArray(httpGet)) return false;
  thawField(c[kind] as Obj, 'httpGet');
  return true;
}

function thawHook(lifecycle: Obj, hook: string): boolean {
  const h = lifecycle[hook];
  if (h === undefined || h === null) return true;
  if (!isPlain(h) || Array.isArray(h.httpGet)) return false;
  thawField(lifecycle, hook);
  thawField(lifecycle[hook] as Obj, 'httpGet');
  return true;
}
