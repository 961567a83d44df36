/**
 * The kubelet of one node (actor `kubelet/<node>`): registers the Node (once per start: a
 * Node deleted later stays deleted until the kubelet restarts), renews its Lease every 10 s,
 * reports node status, and runs the pods bound to its node through the container
 * runtime — sandbox, image pull (with back-off), create, start — writing the pod status the
 * way the status manager does. Deleted pods get their containers stopped and are then removed
 * for good (a forced delete).
 *
 * Volatile state (what runs on the node) lives here and in the ContainerRuntime; `onStart`
 * wipes it, as a reboot does.
 */

import type { KubeObject } from '../api/types.ts';
import {
  appArmorCreateError,
  appArmorProcLabel,
  containerAppArmorProfile,
} from '../apiserver/appArmor.ts';
import { projectedToken } from '../apiserver/serviceAccountToken.ts';
import {
  type Condition,
  clone,
  deepEqual,
  eventRef,
  isDeleting,
  nameOf,
  namespaceOf,
  podConditions,
  podNodeName,
  podPhase,
  specOf,
  statusOf,
  uidOf,
} from '../controllers/objects.ts';
import { randomHex64 } from '../registry/digest.ts';
import { defaultPullPolicy, imageNameError, parseImageName } from '../registry/imageName.ts';
import type {
  EventRecord,
  ObjRef,
  ReconcileContext,
  Reconciler,
  Summary,
  Write,
} from '../runtime/controller.ts';
import { tryParseQuantity } from '../scheduler/framework/quantity.ts';
import { epochMs, rfc3339, rfc3339Micro } from '../util/clock.ts';
import { flat, msgKey } from '../util/flat.ts';
import { copyArray, deepFreeze, findIn, someIn } from '../util/persistentMap.ts';
import { profileLoaded } from './appArmorProfiles.ts';
import { type ObjectData, processInputs } from './containerEnv.ts';
import { CONTAINERD_VERSION, type ContainerRuntime, type PullPlan } from './containerRuntime.ts';
import { formatMillis } from './goDuration.ts';
import { hostFileSystem } from './hostPaths.ts';
import { readsInput } from './interactiveShell.ts';
import { kubeletRejection, type Rejection } from './kubeletAdmission.ts';
import {
  type HookResult,
  type LifecycleSpec,
  runHook,
  stopAfterPreStopMs,
} from './lifecycleHook.ts';
import { mountStatuses } from './mountStatus.ts';
import { nginxStartFailure } from './nginxStart.ts';
import { podDnsOf } from './podDns.ts';
import {
  lazyPolicyNetwork,
  type PolicyCluster,
  policyNetwork,
  policyPodOf,
} from './policyNetwork.ts';
import { type ProbedRun, type ProbeSpec, runProbe } from './probe.ts';
import {
  containerProgram,
  type FileEvent,
  ignoresSigterm,
  type Network,
  repository,
  type ServiceView,
  type Surroundings,
  servedPorts,
  volumeFiles,
} from './program.ts';
import {
  needsReadinessReconcile,
  READINESS_GATES_NOT_READY,
  unmetReadinessGates,
} from './readinessGates.ts';
import { readOnlyRoot } from './rootfs.ts';
import { nonRootError, processUser, type UserContext } from './securityContext.ts';
import {
  nodeFileScope,
  type StaticPodError,
  staticPodHash,
  staticPodsFromFiles,
} from './staticPodFiles.ts';
import {
  type TerminationSource,
  terminationMessage,
  terminationSource,
} from './terminationMessage.ts';

export const KUBELET_VERSION = 'v1.32.2';
export const LEASE_NAMESPACE = 'kube-node-lease';
/** Marks a mirror pod: the API's copy of a static pod run from a manifest file. */
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
export const LEASE_DURATION_SECONDS = 40;
/** `nodeLeaseRenewIntervalFraction` 0.25 × 40 s. */
export const LEASE_RENEW_INTERVAL_MS = 10_000;
/** `nodeStatusUpdateFrequency`: how often the kubelet computes its node status. */
export const NODE_STATUS_UPDATE_MS = 10_000;
/** `nodeStatusReportFrequency`: an unchanged status is still posted this often. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** Image pull back-off: 10 s doubling up to `MaxContainerBackOff` 300 s. */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;
/** How soon the pod worker syncs again after a failed sync (the back-off is then reported). */
const ERROR_RESYNC_MS = 1_000;
/** The restart back-off of a crashing container (kubelet's `backOff`: 10 s doubling to 5 m). */
export const CRASH_BACKOFF_INITIAL_MS = 10_000;
export const CRASH_BACKOFF_MAX_MS = 300_000;
/** How soon the kubelet notices a container exit (the PLEG relists every second). */
const PLEG_RELIST_MS = 1_000;
/** The pod worker re-syncs a pod whose sync failed (a back-off) after this, jittered by half. */
const POD_BACKOFF_RESYNC_MS = 10_000;
/** How long a container whose environment could not be built waits to try again (jittered by half). */
const CONFIG_RETRY_MS = 16_000;
/** The pod worker re-syncs a pod after a successful sync (`--sync-frequency`, jittered upstream). */
const POD_RESYNC_MS = 60_000;

export interface NodeResources {
  cpu: string;
  memory: string;
  pods: string;
  'ephemeral-storage'?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

export interface KubeletOptions {
  node: string;
  /** Node number: pod IPs are 10.244.<index>.x. */
  index: number;
  runtime: ContainerRuntime;
  internalIP?: string;
  capacity?: NodeResources;
  allocatable?: NodeResources;
  controlPlane?: boolean;
  labels?: Record<string, string>;
  /** Taints to register with (`--register-with-taints`); a control-plane node gets its own. */
  taints?: Taint[];
  /**
   * Whether a container of this node can resolve the Service `name` in `namespace` (cluster
   * DNS): what an `until nslookup …` init container waits for. Without it nothing resolves.
   */
  resolves?: (namespace: string, name: string) => boolean;
  /** What a container reaches at a Service name or cluster IP (cluster DNS plus kube-proxy). */
  network?: Network;
  /** The Service behind a nodePort, as this node's kube-proxy routes it. */
  nodePort?: (port: number) => ServiceView | undefined;
  /** The pod network: the pod of any node at an IP (see Kubelet.podAt); else this node's alone. */
  podNetwork?: (ip: string) => ServiceView | undefined;
  /**
   * The NetworkPolicies the CNI enforces (policyNetwork.ts), read when a container's program
   * first connects somewhere: what its connections find. Without it nothing is dropped.
   */
  policies?: () => PolicyCluster;
  /** Every node's InternalIP (NodePorts answer on each). */
  nodeAddresses?: readonly string[];
  /** The names cluster DNS gives an address in its reverse zone (see KubeProxy.ptr). */
  ptr?: (ip: string) => string[];
  /**
   * Files `kubectl exec` wrote in a container's layer (`layer:<containerID>`) or a pod's
   * emptyDir (`emptyDir:<uid>/<volume>`), at epoch ms: exec probes see them (the docs' liveness
   * demo made to fail by hand: `kubectl exec … -- rm /tmp/healthy`).
   */
  storedFiles?: (
    scope: string,
  ) => readonly { path: string; content: string | null; at: number; was?: string }[];
  /**
   * Told, as a container starts, the ConfigMap and Secret data its environment and subPath
   * mounts were made from (`configmaps/<name>` → data): those stay as they were at the start,
   * whatever happens to the objects later (only whole-volume mounts follow updates).
   */
  containerStarted?: (
    containerID: string,
    data: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ) => void;
}

export const DEFAULT_CAPACITY: NodeResources = {
  cpu: '2',
  memory: '8148204Ki',
  pods: '110',
  'ephemeral-storage': '61202244Ki',
};
export const DEFAULT_ALLOCATABLE: NodeResources = {
  cpu: '2',
  memory: '8045804Ki',
  pods: '110',
  'ephemeral-storage': '56403987978',
};

/** active_deadline.go's message (event, pod status). */
const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** The nodes' kernel (Ubuntu 24.04's): describe node, and `uname` in containers. */
const KERNEL_VERSION = '6.8.0-51-generic';
/**
 * The memory a container's program holds when the simulation knows no better (a shell, a
 * small server): a few MiB, so only a limit below that kills it.
 */
const PROGRAM_MEMORY_BYTES = 4 * 1024 * 1024;
/** How long a program over its memory limit runs before the OOM killer ends it (allocating). */
const OOM_AFTER_MS = 100;

type WaitingReason =
  | 'ContainerCreating'
  | 'PodInitializing'
  | 'CrashLoopBackOff'
  | 'PostStartHookError'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'InvalidImageName'
  | 'ErrImageNeverPull'
  | 'CreateContainerConfigError'
  | 'CreateContainerError'
  | 'RunContainerError';

/** How a run of a container ended (`state.terminated`, later `lastState.terminated`). */
interface Termination {
  exitCode: number;
  reason: 'Completed' | 'Error' | 'Unknown' | 'StartError' | 'OOMKilled';
  /** StartError's cause (containerd's message). */
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

/**
 * A container as the kubelet drives it. A field that no longer applies is set to undefined,
 * never deleted: a delete would turn the object into a slow dictionary for the rest of its
 * life (and every sync reads it).
 */
interface ContainerWork {
  /** Its pod's reference in messages (the pod work's, shared). */
  ref: ObjRef;
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort?: number; name?: string }[];
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
  /** The probes' state in the current run (startup and readiness gate `ready`). */
  probes?: ProbeState;
  pullPolicy: string;
  /** `exited`: its process ended; it waits to be restarted, or stays so (`done`). */
  phase: 'waiting' | 'pulling' | 'running' | 'stopping' | 'exited';
  reason: WaitingReason;
  message?: string;
  pull?: PullPlan;
  backoffMs: number;
  retryAt: number;
  /** When the last pull failed. */
  failedAt: number;
  /** While the pull backs off: when the pod worker's next (jittered 10–15 s) sync is due. */
  backoffSyncAt?: number;
  lastError?: string;
  containerID?: string;
  imageRef?: string;
  imageID?: string;
  startedAt?: string;
  restartCount: number;
  /** When the running process ends (virtual ms); unset while it runs until stopped. */
  exitAt?: number;
  exitCode?: number;
  /** The run that just ended, while the container is exited or waiting to restart. */
  terminated?: Termination;
  /** Virtual ms of that end. */
  exitedAt?: number;
  /** The run before (`lastState.terminated` of a running container). */
  last?: Termination;
  /** Exited for good: the restart policy does not restart it. */
  done?: boolean;
  /** Killed after failing its liveness probe: restarted unless the policy is Never. */
  killedByProbe?: boolean;
  /** This run holds more memory than its limit: the kernel's OOM killer ends it (OOMKilled). */
  oomKilled?: boolean;
  /** Virtual ms this run started, and the files its script writes as it runs (exec probes). */
  runStartMs?: number;
  /** Killed by a probe, it has ignored SIGTERM and runs until its grace period ends. */
  dying?: boolean;
  files?: readonly FileEvent[];
  lifecycle?: LifecycleSpec;
  /**
   * A postStart hook under way (the pod worker waits for it: the status shows what it showed
   * before the start), or the kill that follows its failure: when it ends, its failure message,
   * and the exit code the kill ends the container with.
   */
  hook?: { doneAt: number; error?: string; killExitCode?: number };
  /** When a preStop hook that failed ends: its FailedPreStopHook event is due then. */
  preStopFailAt?: number;
  /** Where this run's termination message comes from, when it can have one. */
  termination?: TerminationSource;
  /** `volumeMounts` of its status, once the runtime has created it (see mountStatuses). */
  mounts?: readonly Record<string, unknown>[];
  /**
   * Its pod was stopped for good before it ever started (an image it could not pull): the
   * status manager's TerminatePod reports it terminated, ContainerStatusUnknown.
   */
  lost?: boolean;
  /** The restart back-off (flowcontrol.Backoff): its period, and when it last grew. */
  crashBackoffMs: number;
  crashBackoffAt: number;
  /**
   * A process that ends within a second of its start is never reported running: the kubelet
   * learns of a start at its next relist, and by then the process has exited. Until the exit,
   * the status keeps what it showed before the start.
   */
  unseen?: { status: Record<string, unknown>; restarting: boolean };
  /** An init container: its events refer to `spec.initContainers{name}`. */
  init?: boolean;
  /** An ephemeral container (kubectl debug): never restarted, `spec.ephemeralContainers{name}`. */
  ephemeral?: boolean;
  /** An init container with `restartPolicy: Always` (a sidecar): started in order, kept running. */
  sidecar?: boolean;
  /** An init container's part is done, as the kubelet has seen: completed (a sidecar: started). */
  initDone?: boolean;
  /** When the kubelet sees a sidecar's start (its next relist): the next init container starts. */
  seenAt?: number;
  /** An `until nslookup` loop: the Service it waits for, and when it looks again. */
  waitsFor?: { service: string; namespace: string; pollMs: number; at: number };
  /**
   * Its last status as built (frozen), while it may still be current (see containerStatus);
   * held in three fields of the work rather than an object per build.
   */
  shown: Record<string, unknown> | undefined;
  /** `shown` was built by the running branch (else by the waiting one). */
  shownRunning: boolean;
  /** `last` when `shown` was built (its lastState copies it). */
  shownLast: Termination | undefined;
}

/** The fields of a built container status that `stillShown` compares. */
interface StatusView {
  containerID?: string;
  image?: string;
  imageID?: string;
  ready: boolean;
  restartCount: number;
  started: boolean;
  state: { running?: { startedAt?: string }; waiting?: { reason: string; message?: string } };
  volumeMounts?: unknown;
}

interface PodWork {
  uid: string;
  /** The pod's reference in messages: one frozen object for all of them (the log keeps them). */
  ref: ObjRef;
  sandboxId?: string;
  sandboxReadyAt: number;
  sandboxReady: boolean;
  podIP?: string;
  startTime: string;
  containers: ContainerWork[];
  /** The init containers in order; absent when the pod has none (most pods). */
  inits?: ContainerWork[];
  /** The ephemeral containers added so far; absent when the pod has none (most pods). */
  ephemerals?: ContainerWork[];
  stopDoneAt?: number;
  /** The grace period (seconds) the running kill was given: a deletion can only shorten it. */
  killGrace?: number;
  /** Recreated after a reboot: the old sandbox is gone. */
  sandboxChanged: boolean;
  /**
   * Volumes that cannot be set up yet, by name: when the volume manager tries each again, and
   * its back-off (nestedpendingoperations keeps one per volume operation).
   */
  mountRetry?: Readonly<Record<string, { at: number; backoffMs: number }>>;
  /** A static pod's last conditions, for its mirror pod when that is recreated. */
  staticConditions?: readonly Condition[];
  /** When the pod worker's current wait for the volumes began. */
  mountWaitSince?: number;
  /** `status.podIPs` for `podIP`, frozen: every status write of the pod shares it. */
  podIPs?: readonly { ip: string }[];
  /** Its containers were stopped for good (deleted): its phase is terminal (podIsTerminal). */
  terminal?: boolean;
}

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  /** Init containers only: `Always` makes a sidecar. */
  restartPolicy?: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort?: number; name?: string }[];
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
  resources?: { limits?: { memory?: string | number } };
  securityContext?: UserContext;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  lifecycle?: LifecycleSpec;
  /** Its process reads standard input (kubectl run -i, kubectl debug -i). */
  stdin?: boolean;
  env?: { name: string; value?: string; valueFrom?: EnvSource }[];
  envFrom?: { configMapRef?: ObjectSource; secretRef?: ObjectSource }[];
  volumeMounts?: {
    name: string;
    mountPath: string;
    readOnly?: boolean;
    recursiveReadOnly?: string;
    subPath?: string;
  }[];
}

/** A reference to a ConfigMap or Secret (envFrom, a volume). */
interface ObjectSource {
  name?: string;
  optional?: boolean;
}

/** `env[].valueFrom`: a key of a ConfigMap or Secret (field and resource refs need nothing). */
interface EnvSource {
  configMapKeyRef?: ObjectSource & { key?: string };
  secretKeyRef?: ObjectSource & { key?: string };
}

/** The pod's volumes the kubelet reads from the API (the others need nothing here). */
interface VolumeSpec {
  name: string;
  configMap?: ObjectSource;
  secret?: { secretName?: string; optional?: boolean };
  hostPath?: { path?: string; type?: string };
}

/** What the phase and the conditions read of a reported container status. */
interface ShownStatus {
  name: string;
  ready: boolean;
  started?: boolean;
  state: { running?: unknown; waiting?: unknown; terminated?: { exitCode: number } };
  lastState: { terminated?: { exitCode: number } };
}

/** The spec of container `c` of `pod` (an init, ephemeral or app container). */
function containerSpecOf(pod: KubeObject, c: ContainerWork): ContainerSpec | undefined {
  const specs = specOf<{
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
    ephemeralContainers?: ContainerSpec[];
  }>(pod);
  const list = c.init
    ? specs.initContainers
    : c.ephemeral
      ? specs.ephemeralContainers
      : specs.containers;
  return list ? findIn(list, (x) => x.name === c.name) : undefined;
}

/** `lastState` of a container's status: the run before the current one, if any. */
function lastStateOf(c: ContainerWork): { terminated?: Termination } {
  return c.last ? { terminated: { ...c.last } } : {};
}

/** A running container is ready once its startup and readiness probes (those it has) passed. */
function probesReady(c: ContainerWork): boolean {
  return c.probes === undefined || (c.probes.started && c.probes.ready);
}

/** A run's probe state: when each probe is next due, its consecutive results, readiness. */
interface ProbeState {
  /** The startup probe passed (or there is none): liveness and readiness probes run from then. */
  started: boolean;
  ready: boolean;
  startupAt?: number;
  startupFailed: number;
  readinessAt?: number;
  livenessAt?: number;
  readinessOk: number;
  readinessFailed: number;
  livenessFailed: number;
}

/**
 * Give `w` the spec fields a container's work carries from its pod. Assigned one by one: a
 * spread in the middle of the work's literal made a slow (dictionary) object of every
 * container's work, which each sync then reads.
 */
/** A container's work before its first sync: waiting (a new pod) or running (adopted). */
function containerWork(
  ref: ObjRef,
  c: ContainerSpec,
  phase: ContainerWork['phase'],
  reason: WaitingReason,
  restartCount: number,
): ContainerWork {
  return setSpecFields(
    {
      ref,
      name: c.name,
      image: c.image,
      pullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image),
      phase,
      reason,
      backoffMs: 0,
      retryAt: 0,
      failedAt: 0,
      restartCount,
      crashBackoffMs: 0,
      crashBackoffAt: 0,
      shown: undefined,
      shownRunning: false,
      shownLast: undefined,
    },
    c,
  );
}

function setSpecFields(w: ContainerWork, c: ContainerSpec): ContainerWork {
  const mounts = mountStatuses(c);
  if (mounts) w.mounts = mounts;
  if (c.command !== undefined) w.command = c.command;
  if (c.args !== undefined) w.args = c.args;
  if (c.ports !== undefined) w.ports = c.ports;
  if (c.livenessProbe !== undefined) w.livenessProbe = c.livenessProbe;
  if (c.readinessProbe !== undefined) w.readinessProbe = c.readinessProbe;
  if (c.startupProbe !== undefined) w.startupProbe = c.startupProbe;
  if (c.lifecycle !== undefined) w.lifecycle = c.lifecycle;
  return w;
}

/** What the kubelet says about starting a container, by the container's name. */
interface ContainerTexts {
  create: string;
  created: string;
  start: string;
  started: string;
  /** The Ready condition's message while it alone is unready. */
  unready: string;
  /** Its events' `fieldPath`, as a container, and as an init container. */
  fieldPath: string;
  initFieldPath: string;
}

/** What the kubelet says about pulling an image, by the image as the pod names it. */
interface ImageTexts {
  pulling: string;
  pull: string;
  pulled: string;
  present: string;
  /** The registry request for its manifest (empty for a reference that does not parse). */
  manifest: string;
}

/**
 * The texts of every container start and image pull, by name: a cluster runs few distinct
 * containers and images, and each pod repeats them. One string each, shared by every message
 * and Event that quotes it, rather than one per pod (pure functions of the name, bounded).
 */
const CONTAINER_TEXTS = new Map<string, ContainerTexts>();
const IMAGE_TEXTS = new Map<string, ImageTexts>();
const TEXTS_LIMIT = 1024;

/** A pod's work key and the parts it is made of (see `internedPodKey`). */
interface PodKeyParts {
  key: string;
  ns: string;
  name: string;
}
/** Pod keys a kubelet keeps (a node runs 110 pods at most; deleted pods' keys linger). */
const POD_KEYS_LIMIT = 2048;

/** Servers that stop cleanly on their image's stop signal (nginx SIGQUIT, httpd SIGWINCH, postgres SIGINT, the others SIGTERM). */
const CLEAN_STOPPERS = new Set(['nginx', 'httpd', 'redis', 'postgres', 'mysql', 'mongo', 'pause']);

/** The exit code of a container stopped with its stop signal: the servers above quit cleanly with 0, others die of it (143). */
function sigtermExitCode(image: string): number {
  return CLEAN_STOPPERS.has(repository(image)) ? 0 : 143;
}

function containerTexts(name: string): ContainerTexts {
  let texts = CONTAINER_TEXTS.get(name);
  if (texts === undefined) {
    // Joined, not templates: a template keeps a two-piece rope for good.
    texts = {
      create: ['CreateContainer ', name].join(''),
      created: ['Created container ', name].join(''),
      start: ['StartContainer ', name].join(''),
      started: ['Started container ', name].join(''),
      unready: ['containers with unready status: [', name, ']'].join(''),
      fieldPath: ['spec.containers{', name, '}'].join(''),
      initFieldPath: ['spec.initContainers{', name, '}'].join(''),
    };
    if (CONTAINER_TEXTS.size >= TEXTS_LIMIT) CONTAINER_TEXTS.clear();
    CONTAINER_TEXTS.set(name, texts);
  }
  return texts;
}

function imageTexts(image: string): ImageTexts {
  let texts = IMAGE_TEXTS.get(image);
  if (texts === undefined) {
    const name = parseImageName(image);
    texts = {
      pulling: ['Pulling image "', image, '"'].join(''),
      pull: ['PullImage ', image].join(''),
      pulled: ['PullImage ', image, ': ok'].join(''),
      present: ['Container image "', image, '" already present on machine'].join(''),
      manifest: name
        ? ['GET /v2/', name.path, '/manifests/', name.digest ?? name.tag].join('')
        : '',
    };
    if (IMAGE_TEXTS.size >= TEXTS_LIMIT) IMAGE_TEXTS.clear();
    IMAGE_TEXTS.set(image, texts);
  }
  return texts;
}

/** A pod's reference in the kubelet's messages, frozen: its work keeps one for all of them. */
function podRef(pod: KubeObject): ObjRef {
  return Object.freeze({ resource: 'pods', namespace: namespaceOf(pod), name: nameOf(pod) });
}

/** `format.Pod`: `name_namespace(uid)`, as the kubelet names a pod in messages. */
function formatPod(pod: KubeObject): string {
  return `${nameOf(pod)}_${namespaceOf(pod)}(${uidOf(pod)})`;
}

function restartPolicy(pod: KubeObject): 'Always' | 'OnFailure' | 'Never' {
  const p = specOf<{ restartPolicy?: string }>(pod).restartPolicy;
  return p === 'OnFailure' || p === 'Never' ? p : 'Always';
}

/** The kubelet reconciler plus a read-only view of its pods for the UI. */
export interface Kubelet extends Reconciler {
  readonly node: string;
  /** Pod keys (`ns/name`) this kubelet is running or starting. */
  pods(): string[];
  /** The pod of this node at `ip`, as a container elsewhere reaches it (see ServiceView). */
  podAt(ip: string): ServiceView | undefined;
  /**
   * The next start is `systemctl restart kubelet`, not a boot: the containers kept running
   * without their kubelet, which takes them over again.
   */
  serviceRestart(): void;
  /** What the kubelet could not make of its static pod manifests (path → error), newest state. */
  manifestErrors(): readonly StaticPodError[];
  /**
   * The process of container `container` of pod `namespace/name` ended on its own at `at`
   * (virtual ms) with `exitCode` (a control-plane component that lost its leader lease exits):
   * the kubelet finds it exited at its next sync of the pod (the caller wakes it) and restarts
   * it as its restart policy says. False when no such container runs here.
   */
  exitContainer(
    namespace: string,
    name: string,
    container: string,
    exitCode: number,
    at: number,
  ): boolean;
}

const podKey = (ns: string, name: string) => `pod/${ns}/${name}`;

/** The work key the kubelet reads its static pod manifests under (poked when one changes). */
export const STATIC_PODS_KEY = 'static-pods';

export function createKubelet(opts: KubeletOptions): Kubelet {
  const { node, runtime } = opts;
  const actor = `kubelet/${node}` as const;
  const runtimeActor = runtime.actor;
  const internalIP = opts.internalIP ?? `172.18.0.${opts.index + 2}`;
  const work = new Map<string, PodWork>();
  /** Static pod manifests seen on this node (files on disk: they survive reboots). */
  const staticPods = new Map<string, KubeObject>();
  const mirrorPending = new Set<string>();
  /** Static pods read from manifest files (written from the node's shell): key → hash. */
  const fileStatic = new Map<string, string>();
  /** When each manifest hash was first seen (`kubernetes.io/config.seen`). */
  const fileSeen = new Map<string, string>();
  /** Static pods whose file is gone: their mirror pods are deleted, not learned again. */
  const removedStatic = new Set<string>();
  /**
   * Static pods whose manifest changed (another hash: another pod UID for the kubelet): when
   * their new mirror pod comes, the old pod's containers are killed and new ones start.
   */
  const changedStatic = new Set<string>();
  /**
   * The config hashes of kubeadm's manifests (the files the node started with) that were moved
   * away: the same file back is the same static pod, whose mirror pod, if the API server could
   * not take its deletion, is kept (kubelet's IsMirrorPodOf compares the hashes).
   */
  const kubeadmHashes = new Map<string, string>();
  let manifestErrors: StaticPodError[] = [];
  /** Set by `serviceRestart`: the next `onStart` keeps the running containers. */
  let keepContainers = false;
  /** The kubelet came back from `systemctl restart`: it records its start-up events again. */
  let restartedService = false;
  let bootCount = 0;
  /**
   * Pods (by UID) whose containers this kubelet stopped and forgot during its first boot: one
   * that comes back Running (an etcd restore) has nothing left to adopt.
   */
  const dropped = new Set<string>();
  /**
   * `registrationCompleted`: the kubelet registers its Node once per start, and knows it has
   * once it sees the Node. A Node deleted after that is not registered again until the kubelet
   * restarts: the status loop only logs `error getting node "<node>"` every 10 s.
   */
  let registered = false;
  let bootID: string | undefined;
  let bootEventsPending = false;
  let nextRenewAt = 0;
  let lastReportAt = Number.NEGATIVE_INFINITY;
  /** `lastNodeUnschedulable`: the Node's spec.unschedulable at the last status computation. */
  let lastNodeUnschedulable = false;
  let nextIP = 2;
  /** `status.hostIPs` of every pod here, frozen: every pod status write shares it. */
  const hostIPs = deepFreeze([{ ip: internalIP }]);

  function allocateIP(): string {
    const ip = `10.244.${opts.index}.${nextIP}`;
    nextIP = nextIP >= 254 ? 2 : nextIP + 1;
    return ip;
  }

  /**
   * An event about `pod`; about one of its containers when `container` is given: the kubelet
   * then refers to the container (`fieldPath: spec.containers{name}`, or
   * `spec.initContainers{name}` for an init container), as its container references do.
   */
  function event(
    ctx: ReconcileContext,
    pod: KubeObject,
    type: EventRecord['type'],
    reason: string,
    message: string,
    container?: { name: string; init?: boolean; ephemeral?: boolean },
  ): void {
    const ref = eventRef('pods', pod);
    if (container !== undefined) {
      const texts = containerTexts(container.name);
      ref.fieldPath = container.init
        ? texts.initFieldPath
        : container.ephemeral
          ? `spec.ephemeralContainers{${container.name}}`
          : texts.fieldPath;
    }
    ctx.recordEvent({
      ref,
      type,
      reason,
      message,
      component: 'kubelet',
      host: node,
    });
  }

  function nodeEvent(
    ctx: ReconcileContext,
    reason: string,
    message: string,
    type: EventRecord['type'] = 'Normal',
  ) {
    // The kubelet refers to its Node with the node name as uid.
    ctx.recordEvent({
      ref: { resource: 'nodes', name: node, kind: 'Node', apiVersion: 'v1', uid: node },
      type,
      reason,
      message,
      component: 'kubelet',
      host: node,
    });
  }

  /**
   * Message summaries `{ node, <param>: value }` by kind, then by that value (a container's
   * name, an image): every pod of the node sends the same ones, so one frozen summary serves
   * them all instead of one (and its params) per message kept in the log. Bounded per kind.
   */
  const summaries = new Map<string, Map<string, Summary>>();

  /**
   * The shared summary of a message of `kind` about `value` (none: `{ node }` alone). `extra`
   * (another parameter) must be a function of `value`, as the cache does not tell them apart.
   */
  function sharedSummary(
    kind: string,
    param?: 'container' | 'image',
    value = '',
    extra?: readonly [string, string],
  ): Summary {
    let byValue = summaries.get(kind);
    if (byValue === undefined) {
      byValue = new Map();
      summaries.set(kind, byValue);
    }
    let summary = byValue.get(value);
    if (summary === undefined) {
      const params: Record<string, string | number> = { node };
      if (param) params[param] = value;
      if (extra) params[extra[0]] = extra[1];
      summary = Object.freeze({ key: msgKey(kind), params: Object.freeze(params) });
      if (byValue.size >= TEXTS_LIMIT) byValue.clear();
      byValue.set(value, summary);
    }
    return summary;
  }

  /** A summary of its own (parameters that vary from message to message). */
  function summaryOf(kind: string, params: Record<string, string | number>): Summary {
    return { key: msgKey(kind), params: { node, ...params } };
  }

  /**
   * A message about the pod `ref` (its work's shared, frozen reference). One literal of one
   * shape: `from` undefined is the kubelet itself.
   */
  function send(
    ctx: ReconcileContext,
    ref: ObjRef,
    kind: string,
    label: string,
    summary: Summary,
    from?: typeof runtimeActor | 'registry',
    to: 'registry' | typeof runtimeActor | typeof actor = runtimeActor,
  ): void {
    ctx.send({ to, kind, label, summary, from, ref });
  }

  /** Kill a pod's running containers and remove its sandbox at once (no grace period). */
  function killWorkNow(w: PodWork, ns: string, name: string, ctx: ReconcileContext): void {
    const ghost: KubeObject = { metadata: { name, namespace: ns, uid: w.uid } };
    for (const c of [...w.containers, ...(w.inits ?? []), ...(w.ephemerals ?? [])]) {
      if (c.phase !== 'running') continue;
      event(ctx, ghost, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
      sendStopContainer(ctx, c);
    }
    if (w.sandboxId)
      send(ctx, w.ref, 'cri.stopPodSandbox', 'StopPodSandbox', sharedSummary('cri.stopPodSandbox'));
    runtime.removePodSandbox(w.uid);
    if (bootCount <= 1) dropped.add(w.uid);
  }

  /** The kubelet asks the runtime to stop container `c` (StopContainer). */
  function sendStopContainer(ctx: ReconcileContext, c: ContainerWork): void {
    send(
      ctx,
      c.ref,
      'cri.stopContainer',
      `StopContainer ${c.name}`,
      sharedSummary('cri.stopContainer', 'container', c.name),
    );
  }

  // ---- pods ------------------------------------------------------------------------------

  function newWork(pod: KubeObject, ctx: ReconcileContext): PodWork {
    type Prev = {
      name: string;
      restartCount?: number;
      containerID?: string;
      state?: { running?: { startedAt?: string }; terminated?: Termination };
      lastState?: { terminated?: Termination };
    };
    const status = statusOf<{
      startTime?: string;
      containerStatuses?: Prev[];
      initContainerStatuses?: Prev[];
    }>(pod);
    const spec = specOf<{ containers?: ContainerSpec[]; initContainers?: ContainerSpec[] }>(pod);
    const initSpecs = spec.initContainers ?? [];
    // With init containers, a container not started yet waits as PodInitializing.
    const reason: WaitingReason = initSpecs.length > 0 ? 'PodInitializing' : 'ContainerCreating';
    let hadContainers = false;
    const ref = podRef(pod);
    const fresh = (c: ContainerSpec, statuses: Prev[] | undefined): ContainerWork => {
      const prev = statuses?.find((s) => s.name === c.name);
      if (prev?.containerID) hadContainers = true;
      const cw = containerWork(
        ref,
        c,
        'waiting',
        reason,
        (prev?.restartCount ?? 0) + (prev?.containerID ? 1 : 0),
      );
      // After a reboot containerd still knows the containers of the last boot: one that was
      // running lost its task without an exit status (Unknown, 255, finished when the runtime
      // recovered it); one that had ended keeps its end.
      const running = prev?.state?.running;
      if (prev?.containerID && running) {
        cw.last = {
          exitCode: 255,
          reason: 'Unknown',
          startedAt: running.startedAt ?? ctx.timestamp(),
          finishedAt: ctx.timestamp(),
          containerID: prev.containerID,
        };
      } else if (prev?.containerID) {
        const ended = prev.state?.terminated ?? prev.lastState?.terminated;
        if (ended) cw.last = { ...ended };
      }
      return cw;
    };
    const w: PodWork = {
      uid: uidOf(pod),
      ref,
      sandboxReadyAt: 0,
      sandboxReady: false,
      startTime: status.startTime ?? ctx.timestamp(),
      sandboxChanged: false,
      containers: (spec.containers ?? []).map((c) => fresh(c, status.containerStatuses)),
    };
    if (initSpecs.length > 0) {
      w.inits = initSpecs.map((c) => {
        const cw = fresh(c, status.initContainerStatuses);
        cw.init = true;
        if (c.restartPolicy === 'Always') cw.sidecar = true;
        return cw;
      });
    }
    w.sandboxChanged = hadContainers;
    const ephemeral = specOf<{ ephemeralContainers?: ContainerSpec[] }>(pod).ephemeralContainers;
    if (ephemeral?.length) w.ephemerals = ephemeral.map((c) => lostEphemeral(c, pod, ref, ctx));
    return w;
  }

  /**
   * An ephemeral container of a pod the kubelet takes up again (after a reboot): one that ran
   * is never started again (containerd still knows it), its run ended as containerd lost it
   * (Unknown, 255) or as it had ended; one that never ran is started as a new one is.
   */
  function lostEphemeral(
    c: ContainerSpec,
    pod: KubeObject,
    ref: ObjRef,
    ctx: ReconcileContext,
  ): ContainerWork {
    type Prev = {
      name: string;
      containerID?: string;
      image?: string;
      imageID?: string;
      state?: { running?: { startedAt?: string }; terminated?: Termination };
    };
    const prev = statusOf<{ ephemeralContainerStatuses?: Prev[] }>(
      pod,
    ).ephemeralContainerStatuses?.find((s) => s.name === c.name);
    const cw = containerWork(ref, c, 'waiting', 'ContainerCreating', 0);
    cw.ephemeral = true;
    if (!prev?.containerID) return cw;
    cw.phase = 'exited';
    cw.done = true;
    cw.containerID = prev.containerID;
    cw.imageRef = prev.image;
    cw.imageID = prev.imageID;
    cw.terminated = prev.state?.terminated
      ? { ...prev.state.terminated }
      : {
          exitCode: 255,
          reason: 'Unknown',
          startedAt: prev.state?.running?.startedAt ?? ctx.timestamp(),
          finishedAt: ctx.timestamp(),
          containerID: prev.containerID,
        };
    return cw;
  }

  /**
   * On the first boot, pods the bootstrap left Running are already running here (their init
   * containers, if any, done: sidecars running, the others completed).
   */
  function adopt(pod: KubeObject, ctx: ReconcileContext): PodWork {
    type Prev = {
      name: string;
      restartCount?: number;
      containerID?: string;
      imageID?: string;
      image?: string;
      state?: { running?: { startedAt?: string }; terminated?: Termination };
    };
    const status = statusOf<{
      startTime?: string;
      podIP?: string;
      containerStatuses?: Prev[];
      initContainerStatuses?: Prev[];
    }>(pod);
    const prev = new Map(
      [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].map((c) => [
        c.name,
        c,
      ]),
    );
    const spec = specOf<{ containers?: ContainerSpec[]; initContainers?: ContainerSpec[] }>(pod);
    const ref = podRef(pod);
    const adopted = (c: ContainerSpec): ContainerWork => {
      const p = prev.get(c.name);
      const id = p?.containerID?.replace(/^containerd:\/\//, '') ?? randomHex64(() => ctx.random());
      runtime.adoptContainer(uidOf(pod), c.name, c.image, id, ctx.now);
      const cached = runtime.imageStatus(c.image);
      const w = containerWork(ref, c, 'running', 'ContainerCreating', p?.restartCount ?? 0);
      w.containerID = ['containerd://', id].join('');
      w.imageRef = p?.image ?? parseImageName(c.image)?.full ?? c.image;
      w.imageID = p?.imageID ?? cached?.repoDigest ?? '';
      w.startedAt = p?.state?.running?.startedAt ?? status.startTime ?? ctx.timestamp();
      return w;
    };
    const w: PodWork = {
      uid: uidOf(pod),
      ref,
      sandboxId: randomHex64(() => ctx.random()),
      sandboxReadyAt: ctx.now,
      sandboxReady: true,
      startTime: status.startTime ?? ctx.timestamp(),
      sandboxChanged: false,
      containers: (spec.containers ?? []).map(adopted),
    };
    if (spec.initContainers?.length) {
      w.inits = spec.initContainers.map((c) => {
        const sidecar = c.restartPolicy === 'Always';
        const cw = adopted(c);
        cw.init = true;
        cw.initDone = true;
        if (sidecar) {
          cw.sidecar = true;
          return cw;
        }
        // A completed init container: it ended before the pod's containers started.
        const ended = prev.get(c.name)?.state?.terminated;
        runtime.stopContainer(cw.containerID?.replace(/^containerd:\/\//, '') ?? '');
        cw.phase = 'exited';
        cw.done = true;
        cw.terminated = ended
          ? { ...ended }
          : {
              exitCode: 0,
              reason: 'Completed',
              startedAt: w.startTime,
              finishedAt: w.startTime,
              containerID: cw.containerID ?? '',
            };
        return cw;
      });
    }
    if (status.podIP) w.podIP = status.podIP;
    return w;
  }

  /**
   * A pod of this node by its IP, as the pod network delivers to it: the ports its running
   * containers' programs listen on. Undefined when no pod of this node has the IP.
   */
  function podAt(ip: string): ServiceView | undefined {
    for (const [key, w] of work) {
      if (w.podIP !== ip || w.podIP === internalIP) continue;
      const [, ns = '', name = ''] = key.split('/');
      // A container being stopped still serves until its process ends (during a preStop hook,
      // or while it ignores SIGTERM): kube-proxy may still send it traffic (serving, terminating).
      const served = w.containers.flatMap((c) =>
        c.phase === 'running' || c.phase === 'stopping'
          ? servedPorts(c.image, c.ports, !!(c.command?.length || c.args?.length))
          : [],
      );
      const view: ServiceView = {
        namespace: ns,
        name,
        clusterIP: ip,
        ports: served.map((x) => ({ port: x, ready: true })),
        backendPod: name,
        direct: true,
      };
      const image = w.containers[0]?.image;
      if (image) view.backendImage = image;
      return view;
    }
    return undefined;
  }

  /**
   * What a container reaches: Services (kube-proxy's view); a pod's IP (the pod network:
   * whichever node runs it); a node's IP with a nodePort (this node's kube-proxy's NodePort
   * rules; a port no Service has refuses the connection).
   */
  const network: Network = (namespace, host, port) => {
    const svc = opts.network?.(namespace, host);
    if (svc || !/^\d+\.\d+\.\d+\.\d+$/.test(host)) return svc;
    const pod = opts.podNetwork ? opts.podNetwork(host) : podAt(host);
    if (pod) {
      const ptr = opts.ptr?.(host);
      return ptr?.length ? { ...pod, ptr } : pod;
    }
    if (host !== internalIP && !opts.nodeAddresses?.includes(host)) return undefined;
    const through = port === undefined ? undefined : opts.nodePort?.(port);
    return through
      ? { ...through, clusterIP: host }
      : { namespace: '', name: host, clusterIP: host, ports: [], direct: true };
  };

  /** Whether a running container of the pod other than `c` listens on `port` (one netns). */
  function portHeld(w: PodWork | undefined, c: ContainerWork, port: number): boolean {
    if (!w || w.containers.length + (w.inits?.length ?? 0) < 2) return false;
    return [...(w.inits ?? []), ...w.containers].some(
      (o) =>
        o !== c &&
        o.phase === 'running' &&
        servedPorts(o.image, o.ports, !!(o.command?.length || o.args?.length)).includes(port),
    );
  }

  function startContainer(
    pod: KubeObject,
    key: string,
    c: ContainerWork,
    ctx: ReconcileContext,
  ): void {
    // What the process does: a server runs on; a shell or a one-shot command ends.
    const spec = containerSpecOf(pod, c);
    const where: Surroundings = { namespace: namespaceOf(pod) };
    if (spec?.env) where.env = spec.env;
    if (opts.network) where.network = network;
    const policies = opts.policies;
    if (opts.network && policies) {
      where.network = lazyPolicyNetwork(network, () => policyPodOf(pod), policies);
    }
    let command = c.command;
    let args = c.args;
    // A container without a command or args runs its image's own program, which reads neither
    // the environment nor files: build those only for a command (most pods of a big rollout
    // are nginx, and this runs for every one of them).
    if (command?.length || args?.length) {
      // makeEnvironmentVariables, then the `$(NAME)` references of command and args.
      const inputs = processInputs(pod, { ...spec, command, args }, objectData(namespaceOf(pod)), {
        podIP: work.get(key)?.podIP,
        hostIP: internalIP,
        allocatable: opts.allocatable ?? DEFAULT_ALLOCATABLE,
      });
      command = inputs.command as string[] | undefined;
      args = inputs.args as string[] | undefined;
      where.vars = inputs.vars;
      if (spec?.volumeMounts?.length) {
        // The projected token's text is the console's to show (podToken.ts); the program needs
        // only to find the file (the service account's UID is not in this kubelet's caches).
        const vf = volumeFiles(pod, spec, objectData(namespaceOf(pod)), undefined, {
          token: (source) =>
            projectedToken({
              namespace: namespaceOf(pod),
              serviceAccount: {
                name: specOf<{ serviceAccountName?: string }>(pod).serviceAccountName || 'default',
                uid: '',
              },
              pod: { name: nameOf(pod), uid: uidOf(pod) },
              node: { name: node },
              source,
              startedMs: Date.parse(ctx.timestamp()),
              atMs: Date.parse(ctx.timestamp()),
              syncMs: 60_000,
            }),
        });
        if (vf) {
          where.files = vf.files;
          where.dirs = vf.dirs;
          if (vf.readOnly) where.readOnly = vf.readOnly;
        }
      }
      if (readOnlyRoot(spec)) where.readOnlyRoot = true;
      const podIP = work.get(key)?.podIP;
      if (podIP) where.podIP = podIP;
      const dns = podDnsOf(specOf(pod), namespaceOf(pod));
      if (dns) where.dns = dns;
      where.kernel = KERNEL_VERSION;
      const user = processUser(
        c.image,
        specOf<{ securityContext?: UserContext }>(pod).securityContext,
        spec?.securityContext,
      );
      if (user) where.user = user;
      const fsGroup = specOf<{ securityContext?: { fsGroup?: number } }>(pod).securityContext
        ?.fsGroup;
      if (fsGroup !== undefined) where.fsGroup = fsGroup;
      where.appArmor = appArmorProcLabel(
        pod,
        c.name,
        (spec as { securityContext?: unknown } | undefined)?.securityContext,
      );
    }
    let program = containerProgram(c.image, command, args, ctx.timestamp(), where);
    // A shell given standard input waits for what is typed into it.
    if (spec?.stdin && readsInput(c.image, c.command, c.args))
      program = { runs: 'forever', output: '' };
    if (!command?.length && !args?.length && repository(c.image) === 'nginx') {
      // Its securityContext, or a port another container of the pod holds, may stop it.
      const failed = nginxStartFailure(
        specOf(pod),
        spec,
        portHeld(work.get(key), c, 80),
        ctx.timestamp(),
        KERNEL_VERSION,
      );
      if (failed) program = failed;
    }
    const lookup =
      program.runs === 'until'
        ? { service: program.service, namespace: program.namespace ?? namespaceOf(pod) }
        : undefined;
    if (
      program.runs === 'until' &&
      lookup &&
      opts.resolves?.(lookup.namespace, lookup.service) &&
      !dnsDropped(pod)
    ) {
      // The first lookup already answers: the loop ends at once.
      program = { runs: 'exits', afterMs: 0, exitCode: 0, output: program.output };
    }
    const limit = spec?.resources?.limits?.memory;
    if (limit !== undefined && (program.runs === 'forever' || program.runs === 'exits')) {
      // The container's cgroup caps its memory at the limit; a program that holds more is
      // killed by the kernel's OOM killer as it allocates (the kubelet sets memory.oom.group, so
      // the whole container goes, PID 1 with SIGKILL: 137), and the runtime reports OOMKilled.
      // A limit of 0 sets no cgroup limit (calculateLinuxResources sets it only when non-zero).
      const bytes = tryParseQuantity(limit)?.value;
      if (bytes && (program.memoryBytes ?? PROGRAM_MEMORY_BYTES) > bytes) {
        program = { runs: 'exits', afterMs: OOM_AFTER_MS, exitCode: 137, output: program.output };
        c.oomKilled = true;
      }
    }
    // A run that may end within the relist period keeps the status shown before it (unseen).
    const postStart = program.runs === 'fails' ? undefined : c.lifecycle?.postStart;
    const before =
      postStart || (program.runs === 'exits' && program.afterMs < PLEG_RELIST_MS)
        ? containerStatus(c)
        : undefined;
    const restarting = c.terminated !== undefined;
    if (c.terminated) {
      // A restart: the run that ended becomes the last state.
      c.last = c.terminated;
      c.terminated = undefined;
      c.exitedAt = undefined;
      c.restartCount++;
      c.reason = 'ContainerCreating';
    }
    const texts = containerTexts(c.name);
    send(
      ctx,
      c.ref,
      'cri.createContainer',
      texts.create,
      sharedSummary('cri.createContainer', 'container', c.name),
    );
    const id = runtime.createContainer(uidOf(pod), c.name, c.image, ctx.randomHex64());
    event(ctx, pod, 'Normal', 'Created', texts.created, c);
    send(
      ctx,
      c.ref,
      'cri.startContainer',
      texts.start,
      sharedSummary('cri.startContainer', 'container', c.name),
    );
    if (program.runs === 'fails') {
      startFailed(pod, key, c, id, program.message, ctx);
      return;
    }
    runtime.startContainer(id, ctx.now);
    event(ctx, pod, 'Normal', 'Started', texts.started, c);
    const cached = runtime.imageStatus(c.image);
    c.phase = 'running';
    // Joined, not a template: a template keeps a two-piece rope per container for good.
    c.containerID = ['containerd://', id].join('');
    if (opts.containerStarted && spec) {
      const frozen = startInputs(pod, spec);
      if (frozen) opts.containerStarted(c.containerID, frozen);
    }
    c.imageRef = parseImageName(c.image)?.full ?? c.image;
    c.imageID = cached?.repoDigest ?? '';
    c.startedAt = ctx.timestamp();
    c.message = undefined;
    c.killedByProbe = undefined;
    c.runStartMs = ctx.now;
    c.dying = undefined;
    c.files = program.runs === 'exits' || program.runs === 'forever' ? program.files : undefined;
    c.termination =
      program.runs === 'exits' || program.runs === 'forever'
        ? terminationSource(spec, program.files, program.output)
        : undefined;
    // The prober starts after each probe's initial delay; a readiness probe keeps the container
    // unready until it first succeeds.
    const delay = (p: ProbeSpec | undefined) =>
      p ? ctx.now + (p.initialDelaySeconds ?? 0) * 1000 : undefined;
    c.probes = {
      started: !c.startupProbe,
      ready: !c.readinessProbe,
      startupAt: delay(c.startupProbe),
      startupFailed: 0,
      readinessAt: delay(c.readinessProbe),
      livenessAt: delay(c.livenessProbe),
      readinessOk: 0,
      readinessFailed: 0,
      livenessFailed: 0,
    };
    const firstProbe = c.startupProbe
      ? (c.probes.startupAt ?? ctx.now)
      : Math.min(c.probes.readinessAt ?? Infinity, c.probes.livenessAt ?? Infinity);
    if (Number.isFinite(firstProbe)) ctx.requeueAfter(key, firstProbe - ctx.now);
    if (c.sidecar) {
      // The kubelet learns of the start at its next relist; the next init container waits.
      c.seenAt = ctx.now + PLEG_RELIST_MS;
      ctx.requeueAfter(key, PLEG_RELIST_MS);
    }
    if (postStart && before) {
      // startContainer's step 4: the hook runs before the sync goes on; the pod worker (and
      // so the status) waits for it, and the probes start after it.
      const target = hookTarget(pod, key, c, ctx);
      const res = runHook(postStart, target);
      if (res.written) {
        // The hook's files stay in the container's filesystem for what runs there later.
        const at = target.elapsedMs;
        c.files = [...(c.files ?? []), ...res.written.map((f) => ({ ...f, atMs: at + f.atMs }))];
      }
      c.hook = {
        doneAt: ctx.now + res.ms,
        ...(res.error === undefined ? {} : { error: res.error }),
      };
      c.unseen = { status: before, restarting };
      for (const k of ['startupAt', 'readinessAt', 'livenessAt'] as const) {
        const at = c.probes[k];
        if (at !== undefined) c.probes[k] = at + res.ms;
      }
      ctx.requeueAfter(key, res.ms);
    }
    if (program.runs === 'exits') {
      // Even a process that ends at once lives a moment: exec, run, exit.
      c.exitAt = ctx.now + program.afterMs + 50 + Math.round(ctx.random() * 100);
      c.exitCode = program.exitCode;
      if (before && !c.hook && c.exitAt - ctx.now < PLEG_RELIST_MS)
        c.unseen = { status: before, restarting };
      ctx.requeueAfter(key, c.exitAt - ctx.now);
    } else {
      c.exitAt = undefined;
      c.exitCode = undefined;
      if (program.runs === 'until' && lookup) {
        c.waitsFor = { ...lookup, pollMs: program.pollMs, at: ctx.now + program.pollMs };
        ctx.requeueAfter(key, program.pollMs);
      }
    }
  }

  /**
   * The runtime created the container but could not start its process (its executable is not in
   * the image): the kubelet's sync fails with RunContainerError and a `Failed` event; the
   * container is left exited with StartError, exit code 128, and a start time of zero (it never
   * ran). The restart policy and back-off then take it as any crash.
   */
  function startFailed(
    pod: KubeObject,
    key: string,
    c: ContainerWork,
    id: string,
    message: string,
    ctx: ReconcileContext,
  ): void {
    event(ctx, pod, 'Warning', 'Failed', `Error: ${message}`, c);
    runtime.stopContainer(id);
    const cached = runtime.imageStatus(c.image);
    c.containerID = ['containerd://', id].join('');
    c.imageRef = parseImageName(c.image)?.full ?? c.image;
    c.imageID = cached?.repoDigest ?? '';
    c.probes = undefined;
    c.killedByProbe = undefined;
    c.exitAt = undefined;
    c.exitCode = undefined;
    c.waitsFor = undefined;
    c.unseen = undefined;
    c.terminated = {
      exitCode: 128,
      reason: 'StartError',
      message,
      startedAt: '1970-01-01T00:00:00Z',
      finishedAt: ctx.timestamp(),
      containerID: c.containerID,
    };
    c.exitedAt = ctx.now;
    c.phase = 'exited';
    // The failed sync shows RunContainerError until the restart; a container that is not
    // restarted (restartPolicy Never) shows its StartError state at once, and the pod fails.
    const restarts = c.sidecar || restartPolicy(pod) !== 'Never';
    c.reason = restarts ? 'RunContainerError' : 'ContainerCreating';
    c.message = restarts ? message : undefined;
    ctx.requeueAfter(key, PLEG_RELIST_MS);
  }

  /** Whether NetworkPolicy drops the pod's DNS queries (its egress, or CoreDNS's ingress). */
  function dnsDropped(pod: KubeObject): boolean {
    if (!opts.policies || !opts.network) return false;
    const guarded = policyNetwork(network, policyPodOf(pod), opts.policies());
    return !!guarded('kube-system', 'kube-dns')?.ports.some((p) => p.port === 53 && p.droppedUdp);
  }

  /** An `until nslookup` loop looks again when due; once the name resolves, it ends with 0. */
  function poll(pod: KubeObject, key: string, c: ContainerWork, ctx: ReconcileContext): void {
    const w = c.waitsFor;
    if (!w) return;
    if (ctx.now >= w.at) {
      if (opts.resolves?.(w.namespace, w.service) && !dnsDropped(pod)) {
        c.waitsFor = undefined;
        c.exitAt = ctx.now + 50 + Math.round(ctx.random() * 100);
        c.exitCode = 0;
        ctx.requeueAfter(key, c.exitAt - ctx.now);
        return;
      }
      w.at = ctx.now + w.pollMs;
    }
    ctx.requeueAfter(key, w.at - ctx.now);
  }

  /** The running process of `c` ended: the runtime reports it, the container is exited. */
  function containerExited(c: ContainerWork, ctx: ReconcileContext): void {
    const code = c.exitCode ?? 0;
    send(
      ctx,
      c.ref,
      'cri.containerExited',
      `${c.name} exited (${code})`,
      summaryOf('cri.containerExited', { container: c.name, code }),
      runtimeActor,
      actor,
    );
    if (c.containerID) runtime.stopContainer(c.containerID.replace(/^containerd:\/\//, ''));
    const message = c.termination
      ? terminationMessage(c.termination, code, ctx.now - (c.runStartMs ?? ctx.now))
      : undefined;
    c.termination = undefined;
    c.terminated = {
      exitCode: code,
      reason: c.oomKilled && code === 137 ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error',
      ...(message === undefined ? {} : { message }),
      startedAt: c.startedAt ?? ctx.timestamp(),
      finishedAt: ctx.timestamp(),
      containerID: c.containerID ?? '',
    };
    c.exitedAt = ctx.now;
    c.phase = 'exited';
    c.unseen = undefined;
    c.waitsFor = undefined;
    c.reason = 'ContainerCreating';
    c.message = undefined;
    c.exitAt = undefined;
    c.dying = undefined;
    if (c.oomKilled) c.oomKilled = undefined;
    c.hook = undefined;
  }

  /** What a probe finds of `c`'s current run. */
  function probedRun(c: ContainerWork, ctx: ReconcileContext, pod?: KubeObject): ProbedRun {
    const run: ProbedRun = { elapsedMs: ctx.now - (c.runStartMs ?? ctx.now) };
    if (c.files) run.files = c.files;
    const stored = opts.storedFiles;
    if (stored && pod && c.containerID) {
      // What execs wrote since this run started (its layer) or in its emptyDirs, timed from its start.
      const start = epochMs(c.runStartMs ?? ctx.now);
      const extra: FileEvent[] = [];
      for (const f of stored(`layer:${c.containerID}`)) {
        extra.push({ atMs: f.at - start, path: f.path, content: f.content });
      }
      const spec = specOf<{ containers?: ContainerSpec[]; initContainers?: ContainerSpec[] }>(pod)[
        c.init ? 'initContainers' : 'containers'
      ]?.find((s) => s.name === c.name);
      const volumes = specOf<{ volumes?: { name: string; emptyDir?: unknown }[] }>(pod).volumes;
      for (const m of spec?.volumeMounts ?? []) {
        if (m.subPath || !volumes?.some((v) => v.name === m.name && v.emptyDir)) continue;
        const dir = m.mountPath.replace(/\/+$/, '');
        for (const f of stored(`emptyDir:${uidOf(pod)}/${m.name}`)) {
          extra.push({ atMs: f.at - start, path: `${dir}${f.path}`, content: f.content });
        }
      }
      if (extra.length > 0) {
        run.files = [...(run.files ?? []), ...extra].sort((a, b) => a.atMs - b.atMs);
      }
    }
    return run;
  }

  /** Run the probes of a running container that are due; a failed liveness probe kills it. */
  function probe(pod: KubeObject, key: string, c: ContainerWork, ctx: ReconcileContext): void {
    const st = c.probes;
    // A container being killed is probed no more.
    if (!st || c.dying) return;
    const ip = work.get(key)?.podIP ?? '';
    const kill = (kind: 'liveness' | 'startup') => {
      const restarts = c.sidecar || restartPolicy(pod) !== 'Never';
      event(
        ctx,
        pod,
        'Normal',
        'Killing',
        `Container ${c.name} failed ${kind} probe${restarts ? ', will be restarted' : ''}`,
        c,
      );
      sendStopContainer(ctx, c);
      c.killedByProbe = true;
      if (c.lifecycle?.preStop) {
        // killContainer runs the preStop hook first, within the grace period.
        const probeGrace = kind === 'liveness' ? c.livenessProbe : c.startupProbe;
        const grace = probeGrace?.terminationGracePeriodSeconds ?? killGraceSeconds(pod);
        const pre = preStop(pod, key, c, grace, ctx);
        if (pre) {
          const stubborn = ignoresSigterm(c.command, c.args);
          c.exitAt = ctx.now + stopAfterPreStopMs(grace, pre.ms, stubborn, 0);
          c.exitCode = stubborn ? 137 : sigtermExitCode(c.image);
          c.dying = true;
          ctx.requeueAfter(key, c.exitAt - ctx.now);
          return;
        }
      }
      if (ignoresSigterm(c.command, c.args)) {
        // PID 1 ignores SIGTERM (`sleep`, a shell script): it runs on through the grace period
        // (the probe's own, else the pod's), then the runtime SIGKILLs it: exit code 137.
        const probeGrace = kind === 'liveness' ? c.livenessProbe : c.startupProbe;
        const grace =
          probeGrace?.terminationGracePeriodSeconds ??
          specOf<{ terminationGracePeriodSeconds?: number }>(pod).terminationGracePeriodSeconds ??
          30;
        c.exitAt = ctx.now + grace * 1000;
        c.exitCode = 137;
        c.dying = true;
        ctx.requeueAfter(key, c.exitAt - ctx.now);
        return;
      }
      c.exitCode = sigtermExitCode(c.image);
      containerExited(c, ctx);
      ctx.requeueAfter(key, PLEG_RELIST_MS);
    };
    /** Record a failed probe (Unhealthy); true once `failures` in a row reach its threshold. */
    const failed = (kind: string, p: ProbeSpec, message: string, failures: number) => {
      event(ctx, pod, 'Warning', 'Unhealthy', `${kind} probe failed: ${message}`, c);
      return failures >= (p.failureThreshold ?? 3);
    };
    /** A probe that could not run: its result is thrown away (worker.go doProbe). */
    const errored = (kind: string, res: { errored?: boolean; message: string }) => {
      if (res.errored) {
        event(
          ctx,
          pod,
          'Warning',
          'Unhealthy',
          `${kind} probe errored and resulted in unknown state: ${res.message}`,
          c,
        );
      }
      return res.errored === true;
    };
    const sp = c.startupProbe;
    if (!st.started && sp) {
      if (st.startupAt !== undefined && ctx.now >= st.startupAt) {
        const res = runProbe(sp, c, ip, probedRun(c, ctx, pod));
        if (errored('Startup', res)) {
          st.startupAt = ctx.now + (sp.periodSeconds ?? 10) * 1000;
        } else if (res.ok) {
          st.started = true;
          // Liveness and readiness run from now on (their delays count from the start).
          if (st.readinessAt !== undefined) st.readinessAt = Math.max(st.readinessAt, ctx.now);
          if (st.livenessAt !== undefined) st.livenessAt = Math.max(st.livenessAt, ctx.now);
        } else {
          if (failed('Startup', sp, res.message, ++st.startupFailed)) {
            kill('startup');
            return;
          }
          st.startupAt = ctx.now + (sp.periodSeconds ?? 10) * 1000;
        }
      }
      if (!st.started) {
        if (st.startupAt !== undefined) ctx.requeueAfter(key, st.startupAt - ctx.now);
        return;
      }
    }
    const r = c.readinessProbe;
    if (r && st.readinessAt !== undefined && ctx.now >= st.readinessAt) {
      const res = runProbe(r, c, ip, probedRun(c, ctx, pod));
      if (errored('Readiness', res)) {
        // Nothing changes: a container never found ready stays unready.
      } else if (res.ok) {
        st.readinessFailed = 0;
        st.readinessOk++;
        if (st.readinessOk >= (r.successThreshold ?? 1)) st.ready = true;
      } else {
        st.readinessOk = 0;
        if (failed('Readiness', r, res.message, ++st.readinessFailed)) st.ready = false;
      }
      st.readinessAt = ctx.now + (r.periodSeconds ?? 10) * 1000;
    }
    const l = c.livenessProbe;
    if (l && st.livenessAt !== undefined && ctx.now >= st.livenessAt) {
      const res = runProbe(l, c, ip, probedRun(c, ctx, pod));
      if (errored('Liveness', res)) {
        // Thrown away: counted neither way, so the container is not restarted.
      } else if (res.ok) st.livenessFailed = 0;
      else if (failed('Liveness', l, res.message, ++st.livenessFailed)) {
        kill('liveness');
        return;
      }
      st.livenessAt = ctx.now + (l.periodSeconds ?? 10) * 1000;
    }
    const next = Math.min(st.readinessAt ?? Infinity, st.livenessAt ?? Infinity);
    if (Number.isFinite(next)) ctx.requeueAfter(key, next - ctx.now);
  }

  /**
   * An exited container: left so when the restart policy says so, restarted when its back-off
   * allows (the first crash restarts at once, then 10 s, 20 s… up to 5 m), otherwise waiting in
   * CrashLoopBackOff. Returns true when it is to be started now.
   */
  function restartDue(pod: KubeObject, key: string, c: ContainerWork, ctx: ReconcileContext) {
    // An ephemeral container is never restarted.
    if (c.ephemeral) {
      c.done = true;
      return false;
    }
    // A sidecar is restarted whatever the pod's policy; an init container only after a failure.
    const policy = c.sidecar ? 'Always' : restartPolicy(pod);
    const code = c.terminated?.exitCode ?? 0;
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0 && !c.killedByProbe)) {
      c.done = true;
      return false;
    }
    const exitedAt = c.exitedAt ?? ctx.now;
    // The PLEG notices the exit on its next relist: the status shows the ended run till then.
    if (ctx.now < exitedAt + PLEG_RELIST_MS) {
      ctx.requeueAfter(key, exitedAt + PLEG_RELIST_MS - ctx.now);
      return false;
    }
    // flowcontrol.Backoff: the back-off resets once the last growth is over 2 × 5 m old.
    const expired = exitedAt - c.crashBackoffAt > 2 * CRASH_BACKOFF_MAX_MS;
    if (c.crashBackoffMs > 0 && !expired && ctx.now - exitedAt < c.crashBackoffMs) {
      const period = formatMillis(c.crashBackoffMs);
      event(
        ctx,
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`,
        c,
      );
      c.reason = 'CrashLoopBackOff';
      c.message = `back-off ${period} restarting failed container=${c.name} pod=${formatPod(pod)}`;
      // The pod worker retries a failed sync after ~10 s; the restart waits for the back-off.
      const resync = POD_BACKOFF_RESYNC_MS * (1 + 0.5 * ctx.random());
      ctx.requeueAfter(key, Math.min(exitedAt + c.crashBackoffMs - ctx.now, resync));
      return false;
    }
    c.crashBackoffMs =
      c.crashBackoffMs === 0 || expired
        ? CRASH_BACKOFF_INITIAL_MS
        : Math.min(c.crashBackoffMs * 2, CRASH_BACKOFF_MAX_MS);
    c.crashBackoffAt = ctx.now;
    return true;
  }

  function pullFailed(
    pod: KubeObject,
    c: ContainerWork,
    error: string,
    ctx: ReconcileContext,
  ): void {
    event(ctx, pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${error}`, c);
    event(ctx, pod, 'Warning', 'Failed', 'Error: ErrImagePull', c);
    c.phase = 'waiting';
    c.reason = 'ErrImagePull';
    c.message = error;
    c.lastError = error;
    c.backoffMs =
      c.backoffMs === 0
        ? IMAGE_BACKOFF_INITIAL_MS
        : Math.min(c.backoffMs * 2, IMAGE_BACKOFF_MAX_MS);
    c.retryAt = ctx.now + c.backoffMs;
    c.failedAt = ctx.now;
  }

  /** Advance one container as far as it can go now; false when the pod must wait for it. */
  function driveContainer(
    pod: KubeObject,
    key: string,
    c: ContainerWork,
    ctx: ReconcileContext,
  ): boolean {
    if (c.phase === 'running') {
      if (c.preStopFailAt !== undefined) preStopFailed(pod, key, c, ctx);
      if (c.hook && !postStartDone(pod, key, c, ctx)) return false;
      if (c.exitAt !== undefined && ctx.now >= c.exitAt) {
        containerExited(c, ctx);
        ctx.requeueAfter(key, PLEG_RELIST_MS);
        return true;
      }
      if (c.exitAt !== undefined) ctx.requeueAfter(key, c.exitAt - ctx.now);
      else if (c.waitsFor) poll(pod, key, c, ctx);
      probe(pod, key, c, ctx);
      return true;
    }
    if (c.phase === 'exited') {
      if (c.done || !restartDue(pod, key, c, ctx)) return true;
      // Restarting: through the image check and pull, as a first start does.
      c.phase = 'waiting';
    }
    if (c.phase === 'pulling' && c.pull) {
      const plan = c.pull;
      if (ctx.now < plan.doneAt) {
        ctx.requeueAfter(key, plan.doneAt - ctx.now);
        return false;
      }
      c.pull = undefined;
      if (plan.ok) {
        send(
          ctx,
          c.ref,
          'image.pulled',
          `200 OK ${plan.resolved.digest.slice(0, 19)}…`,
          summaryOf('image.pulled', { image: c.image, size: plan.resolved.sizeBytes }),
          'registry',
        );
        runtime.completePull(plan);
        send(
          ctx,
          c.ref,
          'cri.imagePulled',
          imageTexts(c.image).pulled,
          sharedSummary('cri.imagePulled', 'image', c.image),
          runtimeActor,
          actor,
        );
        const took = formatMillis(plan.doneAt - plan.startedAt);
        const waited = formatMillis(plan.doneAt - plan.requestedAt);
        event(
          ctx,
          pod,
          'Normal',
          'Pulled',
          `Successfully pulled image "${c.image}" in ${took} (${waited} including waiting). Image size: ${plan.resolved.sizeBytes} bytes.`,
          c,
        );
        c.backoffMs = 0;
        return startIfConfigured(pod, key, c, ctx);
      }
      send(
        ctx,
        c.ref,
        'image.pullFailed',
        '404 manifest unknown',
        sharedSummary('image.pullFailed', 'image', c.image),
        'registry',
      );
      send(
        ctx,
        c.ref,
        'cri.imagePullFailed',
        `PullImage ${c.image}: error`,
        sharedSummary('cri.imagePullFailed', 'image', c.image),
        runtimeActor,
        actor,
      );
      pullFailed(pod, c, plan.error, ctx);
      ctx.requeueAfter(key, ERROR_RESYNC_MS);
      return false;
    }
    // phase 'waiting'
    if (
      (c.reason === 'InvalidImageName' || c.reason === 'ErrImageNeverPull') &&
      ctx.now < (c.backoffSyncAt ?? 0)
    ) {
      // The failed sync is retried by the pod worker after its back-off (10 s jittered by
      // half): every retry goes through EnsureImageExists again and reports it again.
      ctx.requeueAfter(key, (c.backoffSyncAt ?? 0) - ctx.now);
      return false;
    }
    if (
      (c.reason === 'CreateContainerConfigError' || c.reason === 'CreateContainerError') &&
      ctx.now < c.retryAt
    ) {
      ctx.requeueAfter(key, c.retryAt - ctx.now);
      return false;
    }
    if (c.reason === 'ImagePullBackOff' && ctx.now < (c.backoffSyncAt ?? 0)) {
      // Woken between two pod worker syncs (e.g. by another container's timer): nothing to
      // report, and a pull whose back-off ran out meanwhile waits for the next sync.
      ctx.requeueAfter(key, (c.backoffSyncAt ?? 0) - ctx.now);
      return false;
    }
    if ((c.reason === 'ErrImagePull' || c.reason === 'ImagePullBackOff') && ctx.now < c.retryAt) {
      if (c.reason === 'ErrImagePull' && ctx.now < c.failedAt + ERROR_RESYNC_MS) {
        // Our own status write comes back through the watch; the back-off is reported by
        // the pod worker's next sync, not by that echo.
        ctx.requeueAfter(key, c.failedAt + ERROR_RESYNC_MS - ctx.now);
        return false;
      }
      // Every pod worker sync during the back-off goes through EnsureImageExists, which
      // reports it again (BackOff, then the sync's "Error: ImagePullBackOff"); the failed sync
      // is retried after the pod worker's back-off, 10 s jittered by half. The pull itself is
      // retried by the first sync after the image back-off has run out.
      event(ctx, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c);
      event(ctx, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
      c.reason = 'ImagePullBackOff';
      c.message = `Back-off pulling image "${c.image}": ErrImagePull: ${c.lastError ?? ''}`;
      c.backoffSyncAt = ctx.now + POD_BACKOFF_RESYNC_MS * (1 + 0.5 * ctx.random());
      ctx.requeueAfter(key, c.backoffSyncAt - ctx.now);
      return false;
    }
    const name = parseImageName(c.image);
    if (!name) {
      const why = `Failed to apply default image tag "${c.image}": couldn't parse image name "${c.image}": ${imageNameError(c.image)}`;
      event(ctx, pod, 'Warning', 'InspectFailed', why, c);
      event(ctx, pod, 'Warning', 'Failed', 'Error: InvalidImageName', c);
      c.reason = 'InvalidImageName';
      c.message = why;
      retryFailedSync(key, c, ctx);
      return false;
    }
    const present = runtime.hasImage(c.image);
    if (c.pullPolicy === 'Never' && !present) {
      const msg = `Container image "${c.image}" is not present with pull policy of Never`;
      event(ctx, pod, 'Warning', 'ErrImageNeverPull', msg, c);
      event(ctx, pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c);
      c.reason = 'ErrImageNeverPull';
      c.message = msg;
      retryFailedSync(key, c, ctx);
      return false;
    }
    if (present && c.pullPolicy !== 'Always') {
      event(ctx, pod, 'Normal', 'Pulled', imageTexts(c.image).present, c);
      return startIfConfigured(pod, key, c, ctx);
    }
    const texts = imageTexts(c.image);
    event(ctx, pod, 'Normal', 'Pulling', texts.pulling, c);
    send(ctx, c.ref, 'cri.pullImage', texts.pull, sharedSummary('cri.pullImage', 'image', c.image));
    const plan = runtime.planPull(c.image, ctx.now, () => ctx.random());
    send(
      ctx,
      c.ref,
      'image.pull',
      texts.manifest,
      // The registry is the image's domain: a function of the image, as the cache requires.
      sharedSummary('image.pull', 'image', c.image, ['registry', name.domain]),
      runtimeActor,
      'registry',
    );
    c.phase = 'pulling';
    c.pull = plan;
    ctx.requeueAfter(key, plan.doneAt - ctx.now);
    return false;
  }

  /** The container as a lifecycle hook finds it. */
  function hookTarget(pod: KubeObject, key: string, c: ContainerWork, ctx: ReconcileContext) {
    return {
      name: c.name,
      image: c.image,
      ...(c.command ? { command: c.command } : {}),
      ...(c.args ? { args: c.args } : {}),
      ...(c.ports ? { ports: c.ports } : {}),
      podFullName: formatPod(pod),
      podIP: work.get(key)?.podIP ?? '',
      elapsedMs: ctx.now - (c.runStartMs ?? ctx.now),
      ...(c.files ? { files: c.files } : {}),
      random: () => ctx.random(),
    };
  }

  /**
   * killContainer's preStop step: the hook runs (a failure is recorded as FailedPreStopHook,
   * its message kept out of the event) for at most the grace period. Undefined when the
   * container has no preStop hook or there is no grace period to run it in.
   */
  function preStop(
    pod: KubeObject,
    key: string,
    c: ContainerWork,
    graceSeconds: number,
    ctx: ReconcileContext,
  ): HookResult | undefined {
    const h = c.lifecycle?.preStop;
    if (!h || graceSeconds <= 0) return undefined;
    const res = runHook(h, hookTarget(pod, key, c, ctx));
    if (res.error !== undefined) {
      // Recorded when the hook ends (see preStopFailed), at the latest as the grace period does.
      c.preStopFailAt = ctx.now + Math.min(res.ms, graceSeconds * 1000);
      preStopFailed(pod, key, c, ctx);
    }
    return res;
  }

  /** A failed preStop hook is recorded (FailedPreStopHook) once it has ended. */
  function preStopFailed(pod: KubeObject, key: string, c: ContainerWork, ctx: ReconcileContext) {
    const at = c.preStopFailAt;
    if (at === undefined) return;
    if (ctx.now < at) {
      ctx.requeueAfter(key, at - ctx.now);
      return;
    }
    c.preStopFailAt = undefined;
    event(ctx, pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', c);
  }

  /** The grace period of a kill: the deletion's, else the pod's terminationGracePeriodSeconds. */
  function killGraceSeconds(pod: KubeObject): number {
    return (
      pod.metadata?.deletionGracePeriodSeconds ??
      specOf<{ terminationGracePeriodSeconds?: number }>(pod).terminationGracePeriodSeconds ??
      30
    );
  }

  /**
   * A postStart hook under way, or the kill after its failure: false while it lasts (the pod
   * worker waits). A hook that succeeded lets the container be seen running; one that failed
   * is reported (FailedPostStartHook, "PostStartHook failed") and the container killed
   * ("Killing", FailedPostStartHook: preStop, then SIGTERM); once it has stopped, the start
   * failed with PostStartHookError, whose message is the hook's, till the restart.
   */
  function postStartDone(
    pod: KubeObject,
    key: string,
    c: ContainerWork,
    ctx: ReconcileContext,
  ): boolean {
    const h = c.hook;
    if (!h) return true;
    if (ctx.now < h.doneAt) {
      ctx.requeueAfter(key, h.doneAt - ctx.now);
      return false;
    }
    if (h.error === undefined) {
      c.hook = undefined;
      c.unseen = undefined;
      return true;
    }
    if (h.killExitCode === undefined) {
      event(ctx, pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', c);
      event(ctx, pod, 'Normal', 'Killing', 'FailedPostStartHook', c);
      sendStopContainer(ctx, c);
      const grace = killGraceSeconds(pod);
      const pre = preStop(pod, key, c, grace, ctx);
      const stubborn = ignoresSigterm(c.command, c.args);
      const ms = stopAfterPreStopMs(grace, pre?.ms, stubborn, 0);
      c.hook = {
        doneAt: ctx.now + ms,
        error: h.error,
        killExitCode: stubborn ? 137 : sigtermExitCode(c.image),
      };
      ctx.requeueAfter(key, ms);
      return false;
    }
    c.hook = undefined;
    c.exitCode = h.killExitCode;
    containerExited(c, ctx);
    const restarts = c.sidecar || restartPolicy(pod) !== 'Never';
    if (restarts) {
      c.reason = 'PostStartHookError';
      c.message = h.error;
    }
    ctx.requeueAfter(key, PLEG_RELIST_MS);
    return false;
  }

  /** A sync that failed before a pull (InvalidImageName, ErrImageNeverPull) is tried again. */
  function retryFailedSync(key: string, c: ContainerWork, ctx: ReconcileContext): void {
    c.backoffSyncAt = ctx.now + POD_BACKOFF_RESYNC_MS * (1 + 0.5 * ctx.random());
    ctx.requeueAfter(key, c.backoffSyncAt - ctx.now);
  }

  /**
   * Advance the init containers (`computeInitContainerActions`): one at a time in order, each
   * to completion before the next starts, a sidecar only until it has started (then it is kept
   * running). A failed one is restarted with the back-off, or under restartPolicy Never fails
   * the pod. The next starts when the kubelet has seen the previous one end (its next relist).
   * Returns true once all have done their part: the app containers may start.
   */
  function driveInits(
    pod: KubeObject,
    key: string,
    inits: ContainerWork[],
    ctx: ReconcileContext,
  ): boolean {
    for (const c of inits) {
      if (c.initDone) {
        // Done: a sidecar is kept running (restarted when it ends), the others stay completed.
        if (c.sidecar) driveContainer(pod, key, c, ctx);
        continue;
      }
      if (c.sidecar) {
        driveContainer(pod, key, c, ctx);
        if (c.phase !== 'running' || c.unseen || c.probes?.started === false) return false;
        if (ctx.now < (c.seenAt ?? 0)) {
          ctx.requeueAfter(key, (c.seenAt ?? 0) - ctx.now);
          return false;
        }
        c.initDone = true;
        continue;
      }
      if (c.phase === 'exited' && c.terminated?.exitCode === 0) {
        const seenAt = (c.exitedAt ?? ctx.now) + PLEG_RELIST_MS;
        if (ctx.now < seenAt) {
          ctx.requeueAfter(key, seenAt - ctx.now);
          return false;
        }
        c.initDone = true;
        continue;
      }
      // Waiting, pulling, running, or failed (restarted by driveContainer when due).
      driveContainer(pod, key, c, ctx);
      if (c.done) stopSidecars(pod, key, inits, ctx);
      return false;
    }
    return true;
  }

  /**
   * The pod is done (its init container failed for good, or its containers ended and are not
   * restarted): its sidecars are stopped, and not restarted.
   */
  function stopSidecars(
    pod: KubeObject,
    key: string,
    inits: readonly ContainerWork[],
    ctx: ReconcileContext,
  ): void {
    for (let i = inits.length - 1; i >= 0; i--) {
      const c = inits[i]!;
      if (!c.sidecar || c.done) continue;
      c.done = true;
      if (c.phase !== 'running') continue;
      event(ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
      sendStopContainer(ctx, c);
      c.exitCode = sigtermExitCode(c.image);
      containerExited(c, ctx);
      ctx.requeueAfter(key, PLEG_RELIST_MS);
    }
  }

  /** Condition `type`, keeping the transition time of `prev` (the one of that type) if unchanged. */
  function condition(
    prev: Condition | undefined,
    type: string,
    ok: boolean,
    ctx: ReconcileContext,
    reason?: string,
    message?: string,
  ): Condition {
    const status = ok ? 'True' : 'False';
    // Unchanged: the stored condition itself, so the status shares it (frozen) rather than a copy.
    if (prev !== undefined && isCondition(prev, status, reason, message)) return prev;
    const cond: Condition = {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime:
        prev?.status === status && prev.lastTransitionTime
          ? prev.lastTransitionTime
          : ctx.timestamp(),
    };
    if (reason) cond.reason = reason;
    if (message) cond.message = message;
    // Frozen as the API server would store it: the write shares it rather than copying it.
    return Object.freeze(cond);
  }

  /**
   * A container's status as the kubelet reports it (`containerStatuses[i]`, or
   * `initContainerStatuses[i]`: an init container other than a sidecar is never ready while it
   * runs, and ready once it completed).
   */
  function containerStatus(c: ContainerWork): Record<string, unknown> {
    if (c.lost) return lostStatus(c);
    // Most syncs change nothing about a container: its last status (frozen) is still what
    // it shows, and the status write shares it (compared by identity) with nothing built.
    if (c.shown !== undefined && stillShown(c, c.shown)) return c.shown;
    const status = deepFreeze(buildContainerStatus(c));
    const running = c.phase === 'running';
    // A terminated one (rare: the pod is ending or backing off) is built every time.
    c.shown = running || !c.terminated ? status : undefined;
    c.shownRunning = running;
    c.shownLast = c.last;
    return status;
  }

  /**
   * A container of a terminated pod that never started: TerminatePod treats the missing status
   * as a failure, 137 with ContainerStatusUnknown (its times are Go's zero time: null).
   */
  function lostStatus(c: ContainerWork): Record<string, unknown> {
    return {
      image: c.image,
      imageID: '',
      lastState: lastStateOf(c),
      name: c.name,
      ready: false,
      restartCount: c.restartCount,
      started: false,
      state: {
        terminated: {
          exitCode: 137,
          finishedAt: null,
          message: 'The container could not be located when the pod was terminated',
          reason: 'ContainerStatusUnknown',
          startedAt: null,
        },
      },
    };
  }

  function buildContainerStatus(c: ContainerWork): Record<string, unknown> {
    const runsToEnd = c.init === true && !c.sidecar;
    // Built field by field (no spreads of optional parts): the kubelet builds one per
    // container on every sync. The key order is the one the status has always had.
    if (c.phase === 'running') {
      const status: Record<string, unknown> = {
        containerID: c.containerID,
        image: c.imageRef,
        imageID: c.imageID,
        lastState: lastStateOf(c),
        name: c.name,
        // Running, and its startup and readiness probes (those it has) passed.
        ready: !runsToEnd && probesReady(c),
        restartCount: c.restartCount,
        started: c.probes?.started !== false,
        state: { running: { startedAt: c.startedAt } },
      };
      if (c.mounts) status.volumeMounts = c.mounts;
      return status;
    }
    if (c.terminated) {
      const ended = { ...c.terminated };
      // Waiting to run again: backing off a crash, or pulling a changed image that fails.
      const backingOff = c.reason !== 'ContainerCreating';
      const status: Record<string, unknown> = {
        containerID: c.terminated.containerID,
        image: c.imageRef,
        imageID: c.imageID,
        // Waiting to restart: the ended run is the last state; otherwise it is the state.
        lastState: backingOff ? { terminated: ended } : lastStateOf(c),
        name: c.name,
        ready: runsToEnd && !backingOff && ended.exitCode === 0,
        restartCount: c.restartCount,
        started: false,
        state: backingOff
          ? { waiting: { reason: c.reason, message: c.message ?? '' } }
          : { terminated: ended },
      };
      if (c.mounts) status.volumeMounts = c.mounts;
      return status;
    }
    const waiting: Record<string, string> = { reason: c.reason };
    if (c.message) waiting.message = c.message;
    return {
      image: c.image,
      imageID: '',
      lastState: lastStateOf(c),
      name: c.name,
      ready: false,
      restartCount: c.restartCount,
      started: false,
      state: { waiting },
    };
  }

  /**
   * Whether `buildContainerStatus(c)` would build `shown` (its last) (the same JSON, in the
   * same order): the same branch, and every field it reads of `c` unchanged.
   */
  function stillShown(c: ContainerWork, shown: Record<string, unknown>): boolean {
    if (c.last !== c.shownLast) return false;
    const s = shown as unknown as StatusView;
    if (c.shownRunning) {
      if (c.phase !== 'running') return false;
      const runsToEnd = c.init === true && !c.sidecar;
      return (
        s.containerID === c.containerID &&
        s.image === c.imageRef &&
        s.imageID === c.imageID &&
        s.ready === (!runsToEnd && probesReady(c)) &&
        s.restartCount === c.restartCount &&
        s.started === (c.probes?.started !== false) &&
        s.state.running?.startedAt === c.startedAt &&
        s.volumeMounts === c.mounts
      );
    }
    if (c.phase === 'running' || c.terminated) return false;
    return (
      s.image === c.image &&
      s.restartCount === c.restartCount &&
      s.state.waiting?.reason === c.reason &&
      // The waiting state has a message only when there is one ('' gives none).
      s.state.waiting.message === (c.message || undefined)
    );
  }

  /**
   * What the status shows of each container: the status before a start not seen yet, or its
   * own. One exactly as the pod's status has it already (`old`, the same place) is that stored,
   * frozen one: the write then shares it instead of copying an equal object.
   */
  function shownStatuses(
    cs: readonly ContainerWork[],
    old: unknown,
  ): readonly Record<string, unknown>[] {
    const stored = Array.isArray(old) ? (old as readonly Record<string, unknown>[]) : undefined;
    // Made only once one differs from the stored one: while all are the stored ones, the
    // stored array itself is the answer (the write shares it, compared by identity).
    let out: Record<string, unknown>[] | undefined;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const shown = c.unseen?.status ?? containerStatus(c);
      const prev = stored?.[i];
      if (prev !== undefined && sameJson(shown, prev)) {
        if (out) out.push(prev);
        continue;
      }
      out ??= stored ? copyArray(stored, i) : [];
      // A new one is frozen as the API server would store it: the write shares it, no copy.
      out.push(deepFreeze(shown));
    }
    if (out === undefined) {
      if (stored !== undefined && stored.length === cs.length) return stored;
      out = stored ? copyArray(stored, cs.length) : [];
    }
    return Object.freeze(out);
  }

  /**
   * The pod phase from the container statuses it reports, as the kubelet's `getPhase` counts
   * them: init containers first (a failed one fails the pod under restartPolicy Never; one not
   * done keeps it Pending), then sidecars and containers.
   */
  function podPhaseOf(
    pod: KubeObject,
    inits: readonly ContainerWork[] | undefined,
    initStatuses: readonly ShownStatus[] | undefined,
    statuses: readonly ShownStatus[],
    terminal: boolean,
  ): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
    const policy = restartPolicy(pod);
    let pendingInit = 0;
    let failedInit = 0;
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    if (inits && initStatuses) {
      for (let i = 0; i < inits.length; i++) {
        const { state, lastState, started } = initStatuses[i]!;
        if (inits[i]!.sidecar) {
          // A sidecar counts while it runs; ended, it is neither running nor stopped.
          if (state.running) {
            running++;
            if (started !== true) pendingInit++;
          } else if (state.waiting && !lastState.terminated) {
            pendingInit++;
            waiting++;
          }
        } else if (state.terminated) {
          if (state.terminated.exitCode !== 0) failedInit++;
        } else if (!state.running && lastState.terminated) {
          if (lastState.terminated.exitCode !== 0) failedInit++;
        } else pendingInit++;
      }
    }
    let started = false;
    // By index: this runs at every pod sync (no iterator protocol).
    for (let i = 0; i < statuses.length; i++) {
      const { state, lastState } = statuses[i]!;
      if (state.running) {
        running++;
        started = true;
      } else if (state.terminated) {
        stopped++;
        started = true;
        if (state.terminated.exitCode === 0) succeeded++;
      } else if (lastState.terminated) stopped++;
      else waiting++;
    }
    if (failedInit > 0 && policy === 'Never') return 'Failed';
    // A pod stopped for good (getPhase with podIsTerminal): Succeeded when every container
    // succeeded; anything else, even Pending, is Failed (the status manager's TerminatePod).
    if (terminal)
      return running === 0 && waiting === 0 && stopped === succeeded ? 'Succeeded' : 'Failed';
    // Init containers not done keep the pod Pending, unless its containers ran already.
    if ((pendingInit > 0 && !started) || waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped === 0) return 'Pending';
    if (policy === 'Always') return 'Running';
    if (policy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
    return stopped === succeeded ? 'Succeeded' : 'Failed';
  }

  /**
   * The Initialized condition (`GeneratePodInitializedCondition`): true once every init
   * container completed (a sidecar: started) or a container of the pod has run; a pod that
   * succeeded says so (`PodCompleted`).
   */
  function initializedCondition(
    prev: Condition | undefined,
    inits: readonly ContainerWork[] | undefined,
    initStatuses: readonly ShownStatus[] | undefined,
    statuses: readonly ShownStatus[],
    phase: string,
    ctx: ReconcileContext,
  ): Condition {
    if (phase === 'Succeeded') return condition(prev, 'Initialized', true, ctx, 'PodCompleted');
    if (!inits || !initStatuses || statuses.some((s) => s.state.running || s.state.terminated)) {
      return condition(prev, 'Initialized', true, ctx);
    }
    const incomplete: string[] = [];
    for (let i = 0; i < inits.length; i++) {
      const s = initStatuses[i]!;
      const done = inits[i]!.sidecar ? s.started === true : s.state.terminated?.exitCode === 0;
      if (!done) incomplete.push(s.name);
    }
    return incomplete.length === 0
      ? condition(prev, 'Initialized', true, ctx)
      : condition(
          prev,
          'Initialized',
          false,
          ctx,
          'ContainersNotInitialized',
          `containers with incomplete status: [${incomplete.join(' ')}]`,
        );
  }

  /** The pod's status as the kubelet reports it; undefined when it is the stored one as is. */
  function podStatus(
    pod: KubeObject,
    w: PodWork,
    ctx: ReconcileContext,
  ): Record<string, unknown> | undefined {
    const old = statusOf<Record<string, unknown>>(pod);
    // The existing conditions in one pass: the first of each type the kubelet sets (as `find`
    // would pick it), and the others, kept after them in their order.
    let prevStart: Condition | undefined;
    let prevInitialized: Condition | undefined;
    let prevReady: Condition | undefined;
    let prevContainersReady: Condition | undefined;
    let scheduled: Condition | undefined;
    let others: Condition[] | undefined;
    // A recreated mirror pod has no status yet: the status manager still holds the static
    // pod's (keyed by the static pod, not the mirror), so its conditions keep their times.
    const own = podConditions(pod);
    const stored = own.length === 0 && w.staticConditions ? w.staticConditions : own;
    for (let i = 0; i < stored.length; i++) {
      const c = stored[i]!;
      switch (c.type) {
        case 'PodReadyToStartContainers':
          prevStart ??= c;
          break;
        case 'Initialized':
          prevInitialized ??= c;
          break;
        case 'Ready':
          prevReady ??= c;
          break;
        case 'ContainersReady':
          prevContainersReady ??= c;
          break;
        case 'PodScheduled':
          scheduled ??= c;
          break;
        default:
          if (others) others.push(c);
          else others = [c];
      }
    }
    const containerStatuses = shownStatuses(w.containers, old.containerStatuses);
    const initContainerStatuses = w.inits && shownStatuses(w.inits, old.initContainerStatuses);
    const ephemeralContainerStatuses =
      w.ephemerals && ephemeralStatuses(w.ephemerals, old.ephemeralContainerStatuses);
    const statuses = containerStatuses as unknown as readonly ShownStatus[];
    const initStatuses = initContainerStatuses as unknown as readonly ShownStatus[] | undefined;
    const phase = podPhaseOf(pod, w.inits, initStatuses, statuses, w.terminal === true);
    const completed = phase === 'Succeeded' || phase === 'Failed';
    // Sidecars first, then the containers, as the kubelet lists the unready ones.
    const notReady: string[] = [];
    if (w.inits && initStatuses) {
      for (let i = 0; i < w.inits.length; i++) {
        if (w.inits[i]!.sidecar && !initStatuses[i]!.ready) notReady.push(initStatuses[i]!.name);
      }
    }
    for (let i = 0; i < statuses.length; i++) {
      if (!statuses[i]!.ready) notReady.push(statuses[i]!.name);
    }
    const allReady = notReady.length === 0;
    // A finished pod is not ready because it completed or failed, not because a container is
    // unready (generateContainersReadyConditionForTerminalPhase).
    const why = allReady
      ? undefined
      : completed
        ? phase === 'Succeeded'
          ? 'PodCompleted'
          : 'PodFailed'
        : 'ContainersNotReady';
    // One unready container (most pods): its shared text, not a new string kept by the condition.
    const unready =
      completed || allReady
        ? undefined
        : notReady.length === 1
          ? containerTexts(notReady[0]!).unready
          : `containers with unready status: [${notReady.join(' ')}]`;
    // A finished pod's sandbox is torn down.
    const start = condition(
      prevStart,
      'PodReadyToStartContainers',
      w.sandboxReady && !completed,
      ctx,
    );
    const initialized = initializedCondition(
      prevInitialized,
      w.inits,
      initStatuses,
      statuses,
      phase,
      ctx,
    );
    // Readiness gates (rare): ready containers make the pod Ready only with every gate met.
    const gates = allReady
      ? specOf<{ readinessGates?: { conditionType?: string }[] }>(pod).readinessGates
      : undefined;
    const gated = gates?.length ? unmetReadinessGates(gates, others) : undefined;
    const ready =
      gated === undefined
        ? condition(prevReady, 'Ready', allReady, ctx, why, unready)
        : condition(prevReady, 'Ready', false, ctx, READINESS_GATES_NOT_READY, gated);
    const containersReady = condition(
      prevContainersReady,
      'ContainersReady',
      allReady,
      ctx,
      why,
      unready,
    );
    const podScheduled =
      scheduled ??
      Object.freeze({
        type: 'PodScheduled',
        status: 'True' as const,
        lastProbeTime: null,
        lastTransitionTime: ctx.timestamp(),
      });
    // The stored conditions are these, in this order, when their first five are (identical)
    // and the rest are the others (no duplicate of the five): then the stored, frozen array
    // is the answer, as the write would copy it anyway.
    let conditions: readonly Condition[];
    if (
      stored.length === 5 + (others?.length ?? 0) &&
      stored[0] === start &&
      stored[1] === initialized &&
      stored[2] === ready &&
      stored[3] === containersReady &&
      stored[4] === podScheduled
    ) {
      conditions = stored;
    } else {
      const built = [start, initialized, ready, containersReady, podScheduled];
      if (others) for (const c of others) built.push(c);
      conditions = Object.freeze(built);
    }
    if (pod.metadata?.annotations?.[MIRROR_ANNOTATION]) w.staticConditions = conditions;
    if (w.podIP && w.podIPs?.[0]?.ip !== w.podIP) {
      w.podIPs = Object.freeze([Object.freeze({ ip: w.podIP })]);
    }
    // Nothing changed (every part the stored one, nothing to drop): the status as it is, which
    // `statusWrite` would find equal after copying it. Compared by identity: any doubt builds.
    if (
      phase === old.phase &&
      conditions === old.conditions &&
      internalIP === old.hostIP &&
      hostIPs === old.hostIPs &&
      w.startTime === old.startTime &&
      (initContainerStatuses === undefined ||
        initContainerStatuses === old.initContainerStatuses) &&
      containerStatuses === old.containerStatuses &&
      (ephemeralContainerStatuses === undefined ||
        ephemeralContainerStatuses === old.ephemeralContainerStatuses) &&
      (w.podIP
        ? w.podIP === old.podIP && w.podIPs === old.podIPs
        : !('podIP' in old) && !('podIPs' in old)) &&
      !('reason' in old) &&
      !('message' in old)
    ) {
      return undefined;
    }
    const status: Record<string, unknown> = {
      ...old,
      phase,
      conditions,
      hostIP: internalIP,
      hostIPs,
      startTime: w.startTime,
    };
    if (initContainerStatuses) status.initContainerStatuses = initContainerStatuses;
    status.containerStatuses = containerStatuses;
    if (ephemeralContainerStatuses) status.ephemeralContainerStatuses = ephemeralContainerStatuses;
    if (w.podIP) {
      status.podIP = w.podIP;
      status.podIPs = w.podIPs;
    } else if ('podIP' in old || 'podIPs' in old) {
      delete status.podIP;
      delete status.podIPs;
    }
    // Deleted only when there (a delete costs even for a field the status does not have).
    if ('reason' in old) delete status.reason;
    if ('message' in old) delete status.message;
    return status;
  }

  /** The patch that writes `status` (built for this call alone: it becomes the patch). */
  function statusWrite(pod: KubeObject, status: Record<string, unknown> | undefined): Write[] {
    if (status === undefined) return [];
    const old = statusOf<Record<string, unknown>>(pod);
    if (deepEqual(old, status)) return [];
    // The status manager sends a patch of the status subresource: fields it dropped are nulled.
    const patch = status;
    for (const k in old) if (!(k in patch)) patch[k] = null;
    return [
      {
        verb: 'patch',
        resource: 'pods',
        namespace: namespaceOf(pod),
        name: nameOf(pod),
        subresource: 'status',
        patch: { status: patch },
      },
    ];
  }

  function killPod(
    pod: KubeObject,
    key: string,
    w: PodWork | undefined,
    ctx: ReconcileContext,
  ): Write[] {
    const deleteForce: Write = {
      verb: 'delete',
      resource: 'pods',
      namespace: namespaceOf(pod),
      name: nameOf(pod),
      gracePeriodSeconds: 0,
      force: true,
    };
    if (!w) return [deleteForce];
    if (w.stopDoneAt === undefined) {
      const runningContainers = w.containers.filter((c) => c.phase === 'running');
      for (const c of w.ephemerals ?? []) if (c.phase === 'running') runningContainers.push(c);
      // Init containers (a sidecar, or one still initializing) are stopped after the others.
      if (w.inits) {
        for (let i = w.inits.length - 1; i >= 0; i--) {
          if (w.inits[i]!.phase === 'running') runningContainers.push(w.inits[i]!);
        }
      }
      if (runningContainers.length > 0) {
        for (const c of runningContainers) {
          event(ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
          sendStopContainer(ctx, c);
          if (c.containerID) runtime.stopContainer(c.containerID.replace(/^containerd:\/\//, ''));
          c.phase = 'stopping';
        }
        const grace = pod.metadata?.deletionGracePeriodSeconds ?? 30;
        // nginx and friends exit on SIGTERM/SIGQUIT within a fraction of a second. A `sleep`
        // or a shell script as PID 1 ignores SIGTERM: the pod takes its whole grace period,
        // then the runtime kills what is left (SIGKILL). A preStop hook runs first, within
        // the grace period.
        const quick = 300 + Math.round(ctx.random() * 500);
        let longest = 0;
        for (const c of runningContainers) {
          const pre = c.lifecycle?.preStop ? preStop(pod, key, c, grace, ctx) : undefined;
          const stubborn = ignoresSigterm(c.command, c.args);
          longest = Math.max(longest, stopAfterPreStopMs(grace, pre?.ms, stubborn, quick));
        }
        w.stopDoneAt = ctx.now + longest;
        w.killGrace = grace;
      } else {
        w.stopDoneAt = ctx.now;
      }
    } else if (
      w.killGrace !== undefined &&
      ctx.now < w.stopDoneAt &&
      (pod.metadata?.deletionGracePeriodSeconds ?? w.killGrace) < w.killGrace
    ) {
      shortenKill(pod, key, w, ctx);
    }
    for (const c of w.containers) preStopFailed(pod, key, c, ctx);
    for (const c of w.inits ?? []) preStopFailed(pod, key, c, ctx);
    if (ctx.now < w.stopDoneAt) {
      ctx.requeueAfter(key, w.stopDoneAt - ctx.now);
      return [];
    }
    // syncTerminatingPod writes the stopped pod's status before the status manager deletes it
    // with grace 0: its containers terminated, none ready, its phase Succeeded or Failed (what
    // `kubectl get -w` shows last). A pod a finalizer keeps (a Job's) outlives the delete so.
    const terminal = terminalStatus(pod, w, ctx);
    send(ctx, w.ref, 'cri.stopPodSandbox', 'StopPodSandbox', sharedSummary('cri.stopPodSandbox'));
    runtime.removePodSandbox(w.uid);
    if (bootCount <= 1) dropped.add(w.uid);
    work.delete(key);
    return [...terminal, deleteForce];
  }

  /**
   * The status `syncTerminatingPod` leaves on a stopped pod: each stopped container terminated
   * (137 when the grace period ran out on a process ignoring SIGTERM, else 0), not ready, and the
   * terminal phase `getPhase` gives a terminal pod: Succeeded when all succeeded, else Failed.
   */
  function terminalStatus(pod: KubeObject, w: PodWork, ctx: ReconcileContext): Write[] {
    const grace = pod.metadata?.deletionGracePeriodSeconds ?? 30;
    // hasPodInitialized: no init containers, a container that ran, or the last init container
    // completed. Then a container that never started is reported lost.
    const initialized =
      !w.inits ||
      w.inits[w.inits.length - 1]?.initDone === true ||
      w.containers.some((c) => c.phase === 'running' || c.terminated || c.last);
    for (const c of [...w.containers, ...(w.inits ?? []), ...(w.ephemerals ?? [])]) {
      if (c.phase !== 'stopping' && c.phase !== 'running') {
        if (!c.terminated && !c.init && !c.ephemeral && initialized) c.lost = true;
        // A deleted pod's containers are not restarted (ShouldContainerBeRestarted), so one
        // backing off shows the run that ended as its state, no longer waiting.
        if (c.terminated && c.reason !== 'ContainerCreating') {
          c.reason = 'ContainerCreating';
          c.message = undefined;
        }
        c.done = true;
        continue;
      }
      c.exitCode =
        grace === 0 || ignoresSigterm(c.command, c.args) ? 137 : sigtermExitCode(c.image);
      containerExited(c, ctx);
      c.done = true;
    }
    w.sandboxReady = false;
    w.terminal = true;
    return statusWrite(pod, podStatus(pod, w, ctx));
  }

  /**
   * A second deletion lowered the grace period while the containers are stopping. The pod
   * worker's grace period can only decrease (pod_workers.go calculateEffectiveGracePeriod):
   * it cancels the running kill and kills again with the shorter period, so each container
   * still stopping is stopped once more (Killing, its preStop hook again) and gets SIGKILL
   * when the new period ends, unless it would have exited before.
   */
  function shortenKill(pod: KubeObject, key: string, w: PodWork, ctx: ReconcileContext): void {
    // Shortened only (the caller checked), and at least 1 s, as the pod worker enforces.
    const grace = Math.max(1, pod.metadata?.deletionGracePeriodSeconds ?? 1);
    w.killGrace = grace;
    const stopping = w.containers.filter((c) => c.phase === 'stopping');
    for (const c of w.ephemerals ?? []) if (c.phase === 'stopping') stopping.push(c);
    if (w.inits) {
      for (let i = w.inits.length - 1; i >= 0; i--) {
        if (w.inits[i]!.phase === 'stopping') stopping.push(w.inits[i]!);
      }
    }
    const quick = 300 + Math.round(ctx.random() * 500);
    let longest = 0;
    for (const c of stopping) {
      event(ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
      sendStopContainer(ctx, c);
      const pre = c.lifecycle?.preStop ? preStop(pod, key, c, grace, ctx) : undefined;
      const stubborn = ignoresSigterm(c.command, c.args);
      longest = Math.max(longest, stopAfterPreStopMs(grace, pre?.ms, stubborn, quick));
    }
    w.stopDoneAt = Math.min(w.stopDoneAt ?? ctx.now, ctx.now + longest);
  }

  /**
   * A `restartPolicy: Never` pod whose sandbox a reboot took: not started again. Each container
   * that ran is terminated with the run containerd lost (Unknown, 255); the pod fails.
   */
  function notRestarted(pod: KubeObject, w: PodWork, ctx: ReconcileContext): Write[] {
    const status = statusOf<{
      containerStatuses?: { name: string; image?: string; imageID?: string }[];
      initContainerStatuses?: { name: string; image?: string; imageID?: string }[];
    }>(pod);
    const prev = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
    for (const c of [...w.containers, ...(w.inits ?? [])]) {
      if (c.last) {
        const p = prev.find((s) => s.name === c.name);
        c.terminated = c.last;
        c.last = undefined;
        c.restartCount = Math.max(0, c.restartCount - 1);
        c.containerID = c.terminated.containerID;
        c.imageRef = p?.image ?? c.image;
        c.imageID = p?.imageID ?? '';
        c.exitedAt = ctx.now;
        c.phase = 'exited';
        c.reason = 'ContainerCreating';
      }
      c.done = true;
    }
    w.sandboxReady = false;
    return statusWrite(pod, podStatus(pod, w, ctx));
  }

  /**
   * The pod ran past `activeDeadlineSeconds` (active_deadline.go): the kubelet records
   * DeadlineExceeded, stops its containers, and reports the pod Failed with that reason (what
   * `kubectl get pods` shows as STATUS). Its containers are not started again.
   */
  function deadlineExceeded(pod: KubeObject, w: PodWork, ctx: ReconcileContext): Write[] {
    event(ctx, pod, 'Normal', 'DeadlineExceeded', DEADLINE_MESSAGE);
    // The status is generated as the pod worker decides to stop the pod: the containers as they
    // were, none ready. The pod is terminal from then on: kubectl shows its reason as STATUS.
    w.sandboxReady = false;
    const status = podStatus(pod, w, ctx) ?? { ...statusOf<Record<string, unknown>>(pod) };
    for (const field of ['containerStatuses', 'initContainerStatuses'] as const) {
      const list = status[field] as readonly Record<string, unknown>[] | undefined;
      if (list) status[field] = list.map((cs) => ({ ...cs, ready: false }));
    }
    status.phase = 'Failed';
    status.reason = 'DeadlineExceeded';
    status.message = DEADLINE_MESSAGE;
    for (const c of [...w.containers, ...(w.inits ?? [])]) {
      if (c.phase === 'running') {
        event(ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c);
        sendStopContainer(ctx, c);
        if (c.containerID) runtime.stopContainer(c.containerID.replace(/^containerd:\/\//, ''));
        c.phase = 'exited';
      }
      c.done = true;
    }
    return statusWrite(pod, status);
  }

  /** kubeletAdmission.ts against the pods this kubelet runs (not yet finished). */
  function admissionRejection(
    pod: KubeObject,
    cache: Parameters<Reconciler['reconcile']>[1],
  ): Rejection | undefined {
    const nodeObj = cache.get('nodes', undefined, node);
    if (!nodeObj) return undefined;
    // Each admitted pod has a pod worker: their number bounds the admitted ones, which are
    // looked up only when the rules need them (a pod asking for CPU or memory, a full node).
    const list = (): KubeObject[] => {
      const admitted: KubeObject[] = [];
      for (const key of work.keys()) {
        // `pod/<ns>/<name>`.
        const slash = key.indexOf('/', 4);
        const other = cache.get('pods', key.slice(4, slash), key.slice(slash + 1));
        if (!other || other === pod) continue;
        const phase = podPhase(other);
        if (phase !== 'Succeeded' && phase !== 'Failed') admitted.push(other);
      }
      return admitted;
    };
    return kubeletRejection(pod, nodeObj, { atMost: work.size, list });
  }

  /** rejectPod: a Warning event, and the pod Failed with the reason and the message. */
  function rejectPod(pod: KubeObject, r: Rejection, ctx: ReconcileContext): Write[] {
    event(ctx, pod, 'Warning', r.reason, r.message);
    const old = statusOf<Record<string, unknown>>(pod);
    return statusWrite(pod, {
      phase: 'Failed',
      reason: r.reason,
      message: `Pod was rejected: ${r.message}`,
      ...(old.qosClass !== undefined ? { qosClass: old.qosClass } : {}),
    });
  }

  /** The kubelet's cache during the current sync (ConfigMaps and Secrets are read from it). */
  let objects: Parameters<Reconciler['reconcile']>[1] | undefined;

  /** The node's files as hostPath volumes find them (and what their mounts create there). */
  const hostFs = hostFileSystem(opts.node, !!opts.controlPlane, opts.storedFiles);

  /** The volume manager's back-off for a failed mount (nestedpendingoperations). */
  const MOUNT_BACKOFF_INITIAL_MS = 500;
  const MOUNT_BACKOFF_MAX_MS = 122_000;
  /** podAttachAndMountTimeout. */
  const MOUNT_WAIT_MS = 123_000;

  /**
   * The volumes of the pod that cannot be set up, with the volume manager's message: a
   * ConfigMap or Secret that does not exist (and is not optional), a hostPath whose type check
   * fails. Empty when every volume can be set up.
   */
  function missingVolumes(pod: KubeObject): { volume: string; error: string }[] {
    const ns = namespaceOf(pod);
    const out: { volume: string; error: string }[] = [];
    const volumes = specOf<{ volumes?: VolumeSpec[] }>(pod).volumes ?? [];
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i]!;
      const cm = v.configMap;
      const sec = v.secret;
      if (v.hostPath?.path) {
        const error = hostFs.setUp(v.hostPath.path, v.hostPath.type);
        if (error) out.push({ volume: v.name, error });
      } else if (cm && !cm.optional && !objects?.get('configmaps', ns, cm.name ?? '')) {
        out.push({ volume: v.name, error: `configmap ${JSON.stringify(cm.name ?? '')} not found` });
      } else if (sec && !sec.optional && !objects?.get('secrets', ns, sec.secretName ?? '')) {
        out.push({
          volume: v.name,
          error: `secret ${JSON.stringify(sec.secretName ?? '')} not found`,
        });
      }
    }
    return out;
  }

  /**
   * makeEnvironmentVariables: why the container's environment cannot be built (envFrom first,
   * then env), as generateContainerConfig reports it; undefined when it can.
   */
  /**
   * The ConfigMap and Secret data a container is started with, by `configmaps/<name>` and
   * `secrets/<name>`: what its env, envFrom and subPath mounts read. Undefined when it reads none
   * (most containers: nothing is built for them).
   */
  function startInputs(
    pod: KubeObject,
    spec: ContainerSpec,
  ): Record<string, Readonly<Record<string, string>>> | undefined {
    // Most containers (every pod of a big rollout) read none: nothing is built for them.
    if (
      !spec.env &&
      !spec.envFrom &&
      !(spec.volumeMounts && someIn(spec.volumeMounts, (m) => !!m.subPath))
    )
      return undefined;
    const refs: ['configmaps' | 'secrets', string][] = [];
    for (const e of spec.env ?? []) {
      const from = e.valueFrom as
        | { configMapKeyRef?: { name?: string }; secretKeyRef?: { name?: string } }
        | undefined;
      if (from?.configMapKeyRef?.name) refs.push(['configmaps', from.configMapKeyRef.name]);
      if (from?.secretKeyRef?.name) refs.push(['secrets', from.secretKeyRef.name]);
    }
    for (const e of spec.envFrom ?? []) {
      if (e.configMapRef?.name) refs.push(['configmaps', e.configMapRef.name]);
      if (e.secretRef?.name) refs.push(['secrets', e.secretRef.name]);
    }
    const subPathVolumes = (spec.volumeMounts ?? []).filter((m) => m.subPath).map((m) => m.name);
    if (subPathVolumes.length > 0) {
      const volumes = specOf<{
        volumes?: {
          name: string;
          configMap?: { name?: string };
          secret?: { secretName?: string };
        }[];
      }>(pod).volumes;
      for (const v of volumes ?? []) {
        if (!subPathVolumes.includes(v.name)) continue;
        if (v.configMap?.name) refs.push(['configmaps', v.configMap.name]);
        if (v.secret?.secretName) refs.push(['secrets', v.secret.secretName]);
      }
    }
    if (refs.length === 0) return undefined;
    const data = objectData(namespaceOf(pod));
    const out: Record<string, Readonly<Record<string, string>>> = {};
    for (const [resource, name] of refs) {
      const d = data(resource, name);
      if (d) out[`${resource}/${name}`] = d;
    }
    return out;
  }

  /** The data of the ConfigMaps and Secrets of namespace `ns`, as this kubelet sees them. */
  function objectData(ns: string): ObjectData {
    return (resource, name) => {
      const o = objects?.get(resource, ns, name) as
        | (KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> })
        | undefined;
      return o ? { ...(o.binaryData ?? {}), ...(o.data ?? {}) } : undefined;
    };
  }

  /** containerd's CreateContainer refusal: a Localhost AppArmor profile the node has not loaded. */
  function createContainerError(pod: KubeObject, c: ContainerWork): string | undefined {
    const specs = specOf<{ containers?: ContainerSpec[]; initContainers?: ContainerSpec[] }>(pod);
    const spec = (c.init ? specs.initContainers : specs.containers)?.find((x) => x.name === c.name);
    return appArmorCreateError(
      containerAppArmorProfile(
        pod,
        c.name,
        (spec as { securityContext?: unknown } | undefined)?.securityContext,
      ),
      (name) => profileLoaded(opts.storedFiles, opts.node, name),
    );
  }

  /** verifyRunAsNonRoot, after the environment: a container that would run as root. */
  function runAsError(pod: KubeObject, c: ContainerWork): string | undefined {
    const podContext = specOf<{ securityContext?: UserContext }>(pod).securityContext;
    const spec = containerSpecOf(pod, c);
    if (!podContext?.runAsNonRoot && spec?.securityContext?.runAsNonRoot === undefined) {
      return undefined;
    }
    return nonRootError(c.image, podContext, spec?.securityContext, formatPod(pod), c.name);
  }

  function configError(pod: KubeObject, c: ContainerWork): string | undefined {
    const ns = namespaceOf(pod);
    const spec = containerSpecOf(pod, c);
    if (!spec) return undefined;
    const data = objectData(ns);
    for (const from of spec.envFrom ?? []) {
      const cm = from.configMapRef;
      if (cm && !cm.optional && !data('configmaps', cm.name ?? '')) {
        return `configmap ${JSON.stringify(cm.name ?? '')} not found`;
      }
      const sec = from.secretRef;
      if (sec && !sec.optional && !data('secrets', sec.name ?? '')) {
        return `secret ${JSON.stringify(sec.name ?? '')} not found`;
      }
    }
    for (const e of spec.env ?? []) {
      const refs = [
        ['configmaps', 'configmap', 'ConfigMap', e.valueFrom?.configMapKeyRef],
        ['secrets', 'secret', 'Secret', e.valueFrom?.secretKeyRef],
      ] as const;
      for (const [resource, lower, kind, ref] of refs) {
        if (!ref) continue;
        const d = data(resource, ref.name ?? '');
        if (!d) {
          if (ref.optional) continue;
          return `${lower} ${JSON.stringify(ref.name ?? '')} not found`;
        }
        if (!(String(ref.key) in d) && !ref.optional) {
          return `couldn't find key ${ref.key ?? ''} in ${kind} ${ns}/${ref.name ?? ''}`;
        }
      }
    }
    return undefined;
  }

  /**
   * Start `c` unless its environment cannot be built: then CreateContainerConfigError, and the
   * pod worker tries again after its back-off. Returns whether it started.
   */
  function startIfConfigured(
    pod: KubeObject,
    key: string,
    c: ContainerWork,
    ctx: ReconcileContext,
  ): boolean {
    const error = configError(pod, c) ?? runAsError(pod, c);
    // The runtime's CreateContainer refusal (after the config was built): CreateContainerError.
    const refused = error === undefined ? createContainerError(pod, c) : undefined;
    if (error === undefined && refused === undefined) {
      startContainer(pod, key, c, ctx);
      return true;
    }
    event(ctx, pod, 'Warning', 'Failed', `Error: ${error ?? refused}`, c);
    c.phase = 'waiting';
    c.reason = error === undefined ? 'CreateContainerError' : 'CreateContainerConfigError';
    c.message = error ?? refused;
    // The pod worker retries a failed sync after 10-15 s; here after 16-24 s, a little over the
    // quiet window a settling cluster waits for (each retry pulls again under `Always`).
    c.retryAt = ctx.now + CONFIG_RETRY_MS * (1 + 0.5 * ctx.random());
    ctx.requeueAfter(key, c.retryAt - ctx.now);
    return false;
  }

  function reconcilePod(
    key: string,
    ns: string,
    name: string,
    cache: Parameters<Reconciler['reconcile']>[1],
    ctx: ReconcileContext,
  ): Write[] {
    const pod = cache.get('pods', ns, name);
    objects = cache;
    let w = work.get(key);
    // Static pods (the control plane's manifests) run from files on the node; the API only
    // holds their mirror pods. Deleting a mirror pod neither stops the static pod nor lasts.
    if (pod && podNodeName(pod) === node && pod.metadata?.annotations?.[MIRROR_ANNOTATION]) {
      const fromFile = fileStatic.get(key);
      mirrorPending.delete(key);
      // A mirror pod whose manifest file is gone, or was changed (another hash), is deleted
      // (the kubelet's `Deleting mirror pod`); a changed one is then made again from the file.
      const stale =
        removedStatic.has(key) ||
        (fromFile !== undefined &&
          pod.metadata.annotations[MIRROR_ANNOTATION] !== fromFile &&
          kubeadmHashes.get(key) !== fromFile);
      if (fromFile === undefined && !stale) staticPods.set(key, manifestOf(pod));
      if (stale && fromFile !== undefined && !removedStatic.has(key)) changedStatic.add(key);
      // A static pod whose file is gone is killed at once, whether or not the API server takes
      // the mirror pod's deletion (it may be the API server itself).
      if (w && removedStatic.has(key)) {
        killWorkNow(w, ns, name, ctx);
        work.delete(key);
        w = undefined;
      }
      if (isDeleting(pod) || stale) {
        return [
          {
            verb: 'delete',
            resource: 'pods',
            namespace: ns,
            name,
            gracePeriodSeconds: 0,
            force: true,
          },
        ];
      }
      // A mirror pod made again for the same static pod: its containers go on.
      if (w && w.uid !== uidOf(pod) && !changedStatic.delete(key)) {
        runtime.renamePod(w.uid, uidOf(pod));
        w.uid = uidOf(pod);
      }
    }
    const manifest = staticPods.get(key);
    if (!pod && removedStatic.has(key)) removedStatic.delete(key);
    if (!pod && manifest) {
      if (mirrorPending.has(key)) return [];
      const mirror = createMirror(manifest, cache);
      if (!mirror) {
        // A mirror pod must be owned by the Node: without one (deleted after registration),
        // `failed to get node UID`, and the next sync of the static pod tries again.
        ctx.requeueAfter(key, POD_RESYNC_MS);
        return [];
      }
      mirrorPending.add(key);
      return [mirror];
    }
    if (!pod || podNodeName(pod) !== node || (w && w.uid !== uidOf(pod))) {
      if (w) {
        // Removed without a graceful stop (a forced delete): the containers are killed now.
        killWorkNow(w, ns, name, ctx);
        work.delete(key);
        w = undefined;
      }
      if (!pod || podNodeName(pod) !== node) return [];
    }
    if (isDeleting(pod)) return killPod(pod, key, w, ctx);
    const phase = podPhase(pod);
    if (phase === 'Succeeded' || phase === 'Failed') return [];
    if (!w) {
      // At its first boot the kubelet takes over the containers running on the machine; a
      // Running pod whose containers it stopped since (brought back by an etcd restore) has
      // none left.
      const adopting = bootCount <= 1 && phase === 'Running' && !dropped.has(uidOf(pod));
      if (!adopting && !pod.metadata?.annotations?.[MIRROR_ANNOTATION]) {
        const rejected = admissionRejection(pod, cache);
        if (rejected) return rejectPod(pod, rejected, ctx);
      }
      w = adopting ? adopt(pod, ctx) : newWork(pod, ctx);
      work.set(key, w);
      // computePodActions: a pod that must not restart and whose containers already ran gets
      // no new sandbox ("it is already done"): after a reboot its lost runs are its end.
      if (w.sandboxChanged && restartPolicy(pod) === 'Never') return notRestarted(pod, w, ctx);
    }
    // activeDeadlineSeconds counts from the pod's start on this node (status.startTime).
    const activeDeadline = specOf<{ activeDeadlineSeconds?: number }>(pod).activeDeadlineSeconds;
    if (activeDeadline !== undefined && activeDeadline > 0) {
      const now = Date.parse(ctx.timestamp());
      const deadline = Date.parse(w.startTime) + activeDeadline * 1000;
      if (now >= deadline) return deadlineExceeded(pod, w, ctx);
      ctx.requeueAfter(key, deadline - now);
    }
    if (!w.sandboxId) {
      // The volumes are set up before the sandbox: a missing ConfigMap or Secret holds the pod
      // in ContainerCreating, retried with the volume manager's back-off.
      const missingAll = missingVolumes(pod);
      if (missingAll.length > 0) {
        // The pod worker waits for the mounts (WaitForAttachAndMount) 2m3s, then reports the
        // sync failed and tries again after its back-off.
        w.mountWaitSince ??= ctx.now;
        if (ctx.now >= w.mountWaitSince + MOUNT_WAIT_MS) {
          const names = missingAll.map((m) => m.volume).join(' ');
          event(
            ctx,
            pod,
            'Warning',
            'FailedMount',
            `Unable to attach or mount volumes: unmounted volumes=[${names}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded`,
          );
          w.mountWaitSince = ctx.now + POD_BACKOFF_RESYNC_MS * (1 + 0.5 * ctx.random());
        }
        // The reconciler starts one MountVolume operation per volume, each failing (and backing
        // off) on its own: every missing ConfigMap or Secret is reported.
        const retry: Record<string, { at: number; backoffMs: number }> = {};
        let next = w.mountWaitSince + MOUNT_WAIT_MS;
        for (const m of missingAll) {
          let r = w.mountRetry?.[m.volume];
          if (!r || ctx.now >= r.at) {
            event(
              ctx,
              pod,
              'Warning',
              'FailedMount',
              `MountVolume.SetUp failed for volume ${JSON.stringify(m.volume)} : ${m.error}`,
            );
            const backoffMs = r
              ? Math.min(r.backoffMs * 2, MOUNT_BACKOFF_MAX_MS)
              : MOUNT_BACKOFF_INITIAL_MS;
            r = { at: ctx.now + backoffMs, backoffMs };
          }
          retry[m.volume] = r;
          next = Math.min(next, r.at);
        }
        w.mountRetry = retry;
        ctx.requeueAfter(key, Math.max(0, next - ctx.now));
        return statusWrite(pod, podStatus(pod, w, ctx));
      }
      if (w.sandboxChanged)
        event(
          ctx,
          pod,
          'Normal',
          'SandboxChanged',
          'Pod sandbox changed, it will be killed and re-created.',
        );
      send(ctx, w.ref, 'cri.runPodSandbox', 'RunPodSandbox', sharedSummary('cri.runPodSandbox'));
      w.sandboxId = runtime.runPodSandbox(w.uid, () => ctx.randomHex64()).id;
      w.sandboxReadyAt = ctx.now + 400 + Math.round(ctx.random() * 400);
      ctx.requeueAfter(key, w.sandboxReadyAt - ctx.now);
      return statusWrite(pod, podStatus(pod, w, ctx));
    }
    if (!w.sandboxReady) {
      if (ctx.now < w.sandboxReadyAt) {
        ctx.requeueAfter(key, w.sandboxReadyAt - ctx.now);
        return statusWrite(pod, podStatus(pod, w, ctx));
      }
      w.sandboxReady = true;
      // Host-network pods (kube-proxy, the control plane's static pods) use the node's IP.
      w.podIP = specOf<{ hostNetwork?: boolean }>(pod).hostNetwork ? internalIP : allocateIP();
    }
    specChanged(pod, key, w, ctx);
    // SyncPod starts ephemeral containers before the init containers (a failing init container
    // must not keep a debugger out).
    if (w.ephemerals || specOf<{ ephemeralContainers?: unknown }>(pod).ephemeralContainers) {
      driveEphemerals(pod, key, w, ctx);
    }
    if (w.inits && !driveInits(pod, key, w.inits, ctx)) {
      return statusWrite(pod, podStatus(pod, w, ctx));
    }
    for (let i = 0; i < w.containers.length; i++) {
      if (!driveContainer(pod, key, w.containers[i]!, ctx)) break;
    }
    if (w.inits && w.containers.every((c) => c.done)) stopSidecars(pod, key, w.inits, ctx);
    return statusWrite(pod, podStatus(pod, w, ctx));
  }

  /** Ephemeral containers: each new one in the spec is started (pull, create, start), once. */
  function driveEphemerals(pod: KubeObject, key: string, w: PodWork, ctx: ReconcileContext): void {
    const specs = specOf<{ ephemeralContainers?: ContainerSpec[] }>(pod).ephemeralContainers ?? [];
    const list = w.ephemerals ?? [];
    for (const spec of specs) {
      if (list.some((c) => c.name === spec.name)) continue;
      const cw = containerWork(w.ref, spec, 'waiting', 'ContainerCreating', 0);
      cw.ephemeral = true;
      list.push(cw);
    }
    w.ephemerals = list;
    for (const c of list) driveContainer(pod, key, c, ctx);
  }

  /** `ephemeralContainerStatuses`: no readiness, no `started` (the prober never sees them). */
  function ephemeralStatuses(
    cs: readonly ContainerWork[],
    old: unknown,
  ): readonly Record<string, unknown>[] {
    const built = cs.map((c) => {
      const s = { ...(c.unseen?.status ?? buildContainerStatus(c)) };
      s.ready = false;
      delete s.started;
      return s;
    });
    if (Array.isArray(old) && sameJson(built, old)) return old;
    return deepFreeze(built);
  }

  /**
   * A container whose image the pod's spec no longer names (`kubectl set image pod/…`, the one
   * container field a pod update may change): computePodActions sees its spec hash changed. A
   * running one is killed ("definition changed, will be restarted") and started again with the
   * new image, whatever the restart policy; one that is not running starts with it next time
   * (a pull backing off is given up: the new image has its own back-off).
   */
  function specChanged(pod: KubeObject, key: string, w: PodWork, ctx: ReconcileContext): void {
    const specs = specOf<{ containers?: ContainerSpec[] }>(pod).containers ?? [];
    for (let i = 0; i < w.containers.length; i++) {
      const c = w.containers[i]!;
      // The work's containers are the spec's, in order (names are unique): no search for them.
      const same = specs[i];
      const spec = same?.name === c.name ? same : findIn(specs, (s) => s.name === c.name);
      if (!spec || spec.image === c.image) continue;
      if (c.phase === 'running') {
        event(
          ctx,
          pod,
          'Normal',
          'Killing',
          `Container ${c.name} definition changed, will be restarted`,
          c,
        );
        sendStopContainer(ctx, c);
        // A PID 1 that ignores SIGTERM (`sleep`) is killed (137), here at once rather than
        // after its grace period.
        c.exitCode = ignoresSigterm(c.command, c.args) ? 137 : sigtermExitCode(c.image);
        containerExited(c, ctx);
        c.probes = undefined;
      }
      c.image = spec.image;
      c.pullPolicy = spec.imagePullPolicy ?? defaultPullPolicy(spec.image);
      c.pull = undefined;
      c.backoffMs = 0;
      c.retryAt = 0;
      c.failedAt = 0;
      c.backoffSyncAt = undefined;
      c.lastError = undefined;
      c.message = undefined;
      if (c.phase === 'exited' && c.done) continue;
      // Started again in this sync: no crash back-off for a changed definition.
      c.phase = 'waiting';
      c.reason = 'ContainerCreating';
      ctx.requeueAfter(key, 0);
    }
  }

  /**
   * The file source: the manifests in the static pod path, read when a file there changes
   * (the kubelet watches the directory). A new or changed file gives a static pod, a removed
   * one takes its pod away (its mirror pod is deleted, its containers stopped).
   */
  function readManifests(ctx: ReconcileContext): void {
    const files = opts.storedFiles?.(nodeFileScope(node)) ?? [];
    const { pods, errors } = staticPodsFromFiles(node, files, ctx.now, fileSeen);
    manifestErrors = errors;
    const now = new Set<string>();
    for (const p of pods) {
      now.add(p.key);
      const seen = p.pod.metadata?.annotations?.['kubernetes.io/config.seen'];
      if (seen && !fileSeen.has(p.hash)) fileSeen.set(p.hash, seen);
      if (fileStatic.get(p.key) === p.hash) continue;
      fileStatic.set(p.key, p.hash);
      staticPods.set(p.key, p.pod);
      removedStatic.delete(p.key);
      ctx.requeueAfter(p.key, 0);
    }
    // A control-plane manifest kubeadm wrote, moved away: its static pod goes (the files the
    // cluster started with are not in the store until changed).
    for (const f of files) {
      const m =
        f.content === null ? /^\/etc\/kubernetes\/manifests\/([a-z-]+)\.yaml$/.exec(f.path) : null;
      const key = m ? podKey('kube-system', `${m[1]}-${node}`) : undefined;
      const was = key && f.was !== undefined ? staticPodHash(node, f.path, f.was) : undefined;
      if (key && was !== undefined && !kubeadmHashes.has(key)) kubeadmHashes.set(key, was);
      if (!key || now.has(key) || fileStatic.has(key) || !staticPods.has(key)) continue;
      staticPods.delete(key);
      removedStatic.add(key);
      ctx.requeueAfter(key, 0);
    }
    for (const key of [...fileStatic.keys()]) {
      if (now.has(key)) continue;
      fileStatic.delete(key);
      staticPods.delete(key);
      removedStatic.add(key);
      ctx.requeueAfter(key, 0);
    }
  }

  /** The static pod as its manifest describes it (what the mirror pod is recreated from). */
  function manifestOf(pod: KubeObject): KubeObject {
    const m = pod.metadata ?? {};
    const metadata: Record<string, unknown> = { name: m.name, namespace: m.namespace };
    if (m.labels) metadata.labels = { ...m.labels };
    if (m.annotations) metadata.annotations = { ...m.annotations };
    return { apiVersion: 'v1', kind: 'Pod', metadata, spec: clone(pod.spec) };
  }

  /** The mirror pod of a static pod, owned by the Node; undefined while there is no Node. */
  function createMirror(
    manifest: KubeObject,
    cache: Parameters<Reconciler['reconcile']>[1],
  ): Write | undefined {
    const nodeUid = cache.get('nodes', undefined, node)?.metadata?.uid;
    if (!nodeUid) return undefined;
    const obj = clone(manifest);
    if (obj.metadata) {
      obj.metadata.ownerReferences = [
        { apiVersion: 'v1', kind: 'Node', name: node, uid: nodeUid, controller: true },
      ];
    }
    return { verb: 'create', resource: 'pods', namespace: obj.metadata?.namespace ?? '', obj };
  }

  // ---- node and lease -------------------------------------------------------------------

  function nodeConditions(existing: readonly Condition[], ctx: ReconcileContext): Condition[] {
    const ts = ctx.timestamp();
    const make = (
      type: string,
      status: Condition['status'],
      reason: string,
      message: string,
    ): Condition => {
      const prev = findIn(existing, (c) => c.type === type);
      return {
        type,
        status,
        lastHeartbeatTime: ts,
        lastTransitionTime:
          prev?.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : ts,
        reason,
        message,
      };
    };
    return [
      make(
        'MemoryPressure',
        'False',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
      ),
      make('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      make(
        'PIDPressure',
        'False',
        'KubeletHasSufficientPID',
        'kubelet has sufficient PID available',
      ),
      make('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ];
  }

  // Fixed for the machine's life: computed once, not on every status sync.
  const machineID = hex32(`machine:${node}`);
  const systemUUID = hex32(`system:${node}`);

  // The parts of the node status fixed for the kubelet's life, built once and frozen: every
  // status sync shares them (the API server keeps frozen arrays as they are, and equal parts
  // compare by identity).
  const capacity = Object.freeze({
    ...(opts.capacity ?? DEFAULT_CAPACITY),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
  });
  const allocatable = Object.freeze({
    ...(opts.allocatable ?? DEFAULT_ALLOCATABLE),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
  });
  const addresses = deepFreeze([
    { type: 'InternalIP', address: internalIP },
    { type: 'Hostname', address: node },
  ]);
  const daemonEndpoints = deepFreeze({ kubeletEndpoint: { Port: 10250 } });
  /** `nodeInfo` for the current bootID (it changes with a reboot only). */
  let nodeInfo: Readonly<Record<string, unknown>> | undefined;

  function nodeStatus(
    existing: KubeObject | undefined,
    ctx: ReconcileContext,
  ): Record<string, unknown> {
    const old = existing
      ? statusOf<Record<string, unknown> & { conditions?: Condition[] }>(existing)
      : {};
    updateNodeInfo(ctx);
    return {
      ...old,
      capacity,
      allocatable,
      conditions: nodeConditions(old.conditions ?? [], ctx),
      addresses,
      daemonEndpoints,
      nodeInfo,
      images: runtime.images(),
    };
  }

  /** The boot ID (drawn at the first status of a boot) and `nodeInfo` for it. */
  function updateNodeInfo(ctx: ReconcileContext): void {
    bootID ??= uuidFrom(() => ctx.random());
    if (nodeInfo?.bootID !== bootID) {
      // NodeSystemInfo's fields in the order the API server writes them; kubeProxyVersion is
      // deprecated and no longer set by the kubelet, but the field has no omitempty: "".
      nodeInfo = Object.freeze({
        machineID,
        systemUUID,
        bootID,
        kernelVersion: KERNEL_VERSION,
        osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: CONTAINERD_VERSION,
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      });
    }
  }

  /**
   * The stored node status last found the same as the one the kubelet builds (but for the
   * heartbeats), and the images and nodeInfo it was built with. `nodeStatus` is a function of
   * these (and of the time, which only the heartbeats take): while the Node's status is that
   * same frozen object and they are the same, it is the same again, and the 10 s status loop
   * need not build one to find it so.
   */
  let sameStatus: object | undefined;
  let sameImages: readonly unknown[] | undefined;
  let sameInfo: object | undefined;

  /**
   * Two node statuses equal but for the conditions' lastHeartbeatTime, as `deepEqual` compares
   * them (no copies of either).
   */
  function sameIgnoringHeartbeat(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    if (!deepEqualExcept(a, b, 'conditions')) return false;
    const ca = a.conditions as Record<string, unknown>[] | null | undefined;
    const cb = b.conditions as Record<string, unknown>[] | null | undefined;
    if (ca == null || cb == null) return (ca == null) === (cb == null);
    if (ca.length !== cb.length) return false;
    for (let i = 0; i < ca.length; i++) {
      if (!deepEqualExcept(ca[i]!, cb[i]!, 'lastHeartbeatTime')) return false;
    }
    return true;
  }

  function reconcileNodeStatus(
    cache: Parameters<Reconciler['reconcile']>[1],
    ctx: ReconcileContext,
  ): Write[] {
    ctx.requeueAfter('node-status', NODE_STATUS_UPDATE_MS);
    const existing = cache.get('nodes', undefined, node);
    const writes: Write[] = [];
    if (!existing) {
      // Deleted after registration: tryUpdateNodeStatus fails (`error getting node`), nothing
      // is written, and the loop tries again at its next period.
      if (registered) return writes;
      // Registration (the kubelet creates its own Node object).
      const labels: Record<string, string> = {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node,
        'kubernetes.io/os': 'linux',
        ...(opts.controlPlane
          ? {
              'node-role.kubernetes.io/control-plane': '',
              'node.kubernetes.io/exclude-from-external-load-balancers': '',
            }
          : {}),
        ...opts.labels,
      };
      const taints = [
        ...(opts.controlPlane
          ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
          : []),
        ...(opts.taints ?? []),
      ];
      const spec: Record<string, unknown> = {
        podCIDR: `10.244.${opts.index}.0/24`,
        podCIDRs: [`10.244.${opts.index}.0/24`],
      };
      if (taints.length > 0) spec.taints = taints;
      writes.push({
        verb: 'create',
        resource: 'nodes',
        obj: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: node,
            labels,
            annotations: {
              'node.alpha.kubernetes.io/ttl': '0',
              'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
            },
          },
          spec,
          status: nodeStatus(undefined, ctx),
        },
      });
      bootEvents(ctx, true);
      lastReportAt = ctx.now;
      return writes;
    }
    registered = true;
    const old = statusOf<
      Record<string, unknown> & { conditions?: Condition[]; nodeInfo?: { bootID?: string } }
    >(existing);
    const oldBoot = old.nodeInfo?.bootID;
    if (bootCount > 1 && bootEventsPending && oldBoot && bootID === undefined) {
      bootID = uuidFrom(() => ctx.random());
      if (oldBoot === bootID) bootID = uuidFrom(() => ctx.random());
    }
    updateNodeInfo(ctx);
    const images = runtime.images();
    let next: Record<string, unknown> | undefined;
    let changed = false;
    if (old !== sameStatus || images !== sameImages || nodeInfo !== sameInfo) {
      next = nodeStatus(existing, ctx);
      changed = !sameIgnoringHeartbeat(next, old);
      if (!changed) {
        sameStatus = old;
        sameImages = images;
        sameInfo = nodeInfo;
      }
    }
    const wasReady = findIn(old.conditions ?? [], (c) => c.type === 'Ready')?.status === 'True';
    if (bootEventsPending) {
      if (bootCount > 1 || !wasReady || restartedService) {
        restartedService = false;
        bootEvents(ctx, false);
        if (oldBoot && oldBoot !== bootID)
          nodeEvent(
            ctx,
            'Rebooted',
            `Node ${node} has been rebooted, boot id: ${bootID}`,
            'Warning',
          );
      }
      bootEventsPending = false;
      // After a restart, look at every pod bound here again (they may need new containers),
      // and at every static pod (its mirror pod may be gone).
      for (const p of cache.list('pods')) {
        if (podNodeName(p) === node) ctx.requeueAfter(podKey(namespaceOf(p), nameOf(p)), 0);
      }
      for (const k of staticPods.keys()) ctx.requeueAfter(k, 0);
    }
    if (changed || ctx.now - lastReportAt >= NODE_STATUS_REPORT_MS) {
      if (!wasReady) nodeEvent(ctx, 'NodeReady', `Node ${node} status is now: NodeReady`);
      writes.push({
        verb: 'patch',
        resource: 'nodes',
        name: node,
        subresource: 'status',
        patch: { status: next ?? nodeStatus(existing, ctx) },
      });
      lastReportAt = ctx.now;
    }
    // recordNodeSchedulableEvent, the last of the status setters: it runs at every status
    // computation (10 s), so a cordon is reported at the first one after it.
    const unschedulable = specOf<{ unschedulable?: boolean }>(existing).unschedulable === true;
    if (unschedulable !== lastNodeUnschedulable) {
      const reason = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
      nodeEvent(ctx, reason, `Node ${node} status is now: ${reason}`);
      lastNodeUnschedulable = unschedulable;
    }
    return writes;
  }

  function bootEvents(ctx: ReconcileContext, registering: boolean): void {
    nodeEvent(ctx, 'Starting', 'Starting kubelet.');
    nodeEvent(
      ctx,
      'NodeHasSufficientMemory',
      `Node ${node} status is now: NodeHasSufficientMemory`,
    );
    nodeEvent(ctx, 'NodeHasNoDiskPressure', `Node ${node} status is now: NodeHasNoDiskPressure`);
    nodeEvent(ctx, 'NodeHasSufficientPID', `Node ${node} status is now: NodeHasSufficientPID`);
    nodeEvent(ctx, 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    if (registering) nodeEvent(ctx, 'NodeReady', `Node ${node} status is now: NodeReady`);
    bootEventsPending = false;
  }

  function reconcileLease(
    cache: Parameters<Reconciler['reconcile']>[1],
    ctx: ReconcileContext,
  ): Write[] {
    if (ctx.now < nextRenewAt) {
      ctx.requeueAfter('lease', nextRenewAt - ctx.now);
      return [];
    }
    nextRenewAt = ctx.now + LEASE_RENEW_INTERVAL_MS;
    ctx.requeueAfter('lease', LEASE_RENEW_INTERVAL_MS);
    const nodeObj = cache.get('nodes', undefined, node);
    const lease = cache.get('leases', LEASE_NAMESPACE, node);
    const spec = {
      holderIdentity: node,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      renewTime: rfc3339Micro(ctx.now),
    };
    if (!lease) {
      // The new Lease is owned by the Node (setNodeOwnerFunc); without a Node to own it, the
      // lease controller creates none and tries again at its next renewal.
      const uid = nodeObj?.metadata?.uid;
      if (!uid) return [];
      const metadata: Record<string, unknown> = {
        name: node,
        namespace: LEASE_NAMESPACE,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid }],
      };
      return [
        {
          verb: 'create',
          resource: 'leases',
          namespace: LEASE_NAMESPACE,
          obj: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec },
        },
      ];
    }
    // A shallow copy is enough: the API server copies what it keeps and shares frozen parts.
    const next: KubeObject = { ...lease };
    if (next.metadata) {
      const { resourceVersion: _rv, ...meta } = next.metadata;
      next.metadata = meta;
    }
    next.spec = { ...specOf<Record<string, unknown>>(lease), ...spec };
    return [{ verb: 'update', resource: 'leases', namespace: LEASE_NAMESPACE, obj: next }];
  }

  /** Set by `observe` for the event `keysFor` is about to see: a status-only pod update. */
  let echo = false;

  /**
   * The work key of each pod `keysFor` named, one string per pod, and its parts (the pod's
   * own namespace and name strings): a key built per watch event was a new string for every
   * map it passes through (the work queue, the timers, `work`) to flatten and hash, and its
   * parts, cut out again by `reconcile`, two more for the informer's lookups.
   */
  const podKeysByNs = new Map<string, Map<string, PodKeyParts>>();
  const podKeyParts = new Map<string, PodKeyParts>();

  function internedPodKey(pod: KubeObject): string {
    const ns = namespaceOf(pod);
    const name = nameOf(pod);
    let byName = podKeysByNs.get(ns);
    if (byName === undefined) {
      byName = new Map();
      podKeysByNs.set(ns, byName);
    }
    const known = byName.get(name);
    if (known !== undefined) return known.key;
    // Bounded: forgetting only costs building a key again (equal keys are the same key).
    if (podKeyParts.size >= POD_KEYS_LIMIT) {
      podKeysByNs.clear();
      podKeyParts.clear();
      byName = new Map();
      podKeysByNs.set(ns, byName);
    }
    const parts: PodKeyParts = { key: flat(podKey(ns, name)), ns, name };
    byName.set(name, parts);
    podKeyParts.set(parts.key, parts);
    return parts.key;
  }
  return {
    actor,
    name: 'kubelet',
    node,
    podAt,
    // ConfigMaps and Secrets: what the pods' env and volumes refer to (the kubelet's configMap
    // and secret managers). A missing one keeps a container or the pod from starting.
    watches: ['pods', 'nodes', 'leases', 'configmaps', 'secrets'],
    podNodeName: node,
    accepts(resource, obj) {
      if (resource === 'pods') return podNodeName(obj) === node;
      if (resource === 'configmaps' || resource === 'secrets') return true;
      if (resource === 'nodes') return nameOf(obj) === node;
      if (resource === 'leases')
        return namespaceOf(obj) === LEASE_NAMESPACE && nameOf(obj) === node;
      return false;
    },
    eventsAsRecorded: true,
    observe(event) {
      // Status-only pod updates, and any update of its own Node (the status loop runs on its
      // own 10 s timer and only reads the Node), do not wake the kubelet.
      echo =
        event.type === 'MODIFIED' &&
        event.old !== undefined &&
        (event.resource === 'nodes' ||
          (event.resource === 'pods' &&
            !podsDifferSemantically(event.old, event.object) &&
            !needsReadinessReconcile(event.object)));
    },
    keysFor(resource, obj) {
      if (resource === 'pods') {
        // The kubelet's config source treats a change of status alone as a "reconcile", which
        // syncs the pod only when readiness gates need it (see `observe`): its own status
        // writes coming back through the watch do not wake the pod worker.
        const skip = echo;
        echo = false;
        return podNodeName(obj) === node && !skip ? [internedPodKey(obj)] : [];
      }
      if (resource === 'nodes') {
        const skip = echo;
        echo = false;
        return nameOf(obj) === node && !skip ? ['node-status'] : [];
      }
      return [];
    },
    initialKeys() {
      return ['node-status', 'lease'];
    },
    onStart() {
      registered = false;
      mirrorPending.clear();
      bootEventsPending = true;
      if (keepContainers) {
        // `systemctl restart kubelet`: same boot, same containers; the kubelet registers again.
        keepContainers = false;
        restartedService = true;
        nextRenewAt = 0;
        lastReportAt = Number.NEGATIVE_INFINITY;
        return;
      }
      bootCount++;
      work.clear();
      runtime.reset();
      nextRenewAt = 0;
      lastReportAt = Number.NEGATIVE_INFINITY;
      lastNodeUnschedulable = false;
      if (bootCount > 1) bootID = undefined;
    },
    pods() {
      return [...work.keys()].map((k) => k.slice('pod/'.length));
    },
    serviceRestart() {
      keepContainers = true;
    },
    manifestErrors() {
      return manifestErrors;
    },
    exitContainer(namespace, name, container, exitCode, at) {
      const w = work.get(podKey(namespace, name));
      const c = w?.containers.find((k) => k.name === container);
      if (!w || !c || c.phase !== 'running' || c.exitAt !== undefined) return false;
      // PLEG sees it exited and the pod worker restarts it at once (a first crash has no
      // back-off), all on the node: only the status, posted when the API server answers,
      // tells of it. The restart's runtime calls carry no message (nobody could watch them).
      const stamp = rfc3339(at);
      const oldId = c.containerID?.replace(/^containerd:\/\//, '') ?? '';
      if (oldId) runtime.stopContainer(oldId);
      c.last = {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: c.startedAt ?? stamp,
        finishedAt: stamp,
        containerID: c.containerID ?? '',
      };
      c.restartCount++;
      // A new container ID, drawn from the old one (the cluster's random stream is left alone).
      let seed = 0;
      for (const ch of `${oldId}/${c.restartCount}`)
        seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) >>> 0;
      const newId = randomHex64(() => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return seed / 2 ** 32;
      });
      const id = runtime.createContainer(w.uid, c.name, c.image, newId);
      runtime.startContainer(id, at);
      c.containerID = `containerd://${id}`;
      c.startedAt = stamp;
      c.runStartMs = at;
      c.crashBackoffMs = CRASH_BACKOFF_INITIAL_MS;
      c.crashBackoffAt = at;
      return true;
    },
    reconcile(key, cache, ctx) {
      if (bootCount === 0) {
        // Started without onStart (tests, or a runtime that skips it): this is the first boot.
        bootCount = 1;
        bootEventsPending = true;
      }
      if (key === 'node-status') return { writes: reconcileNodeStatus(cache, ctx) };
      if (key === 'lease') return { writes: reconcileLease(cache, ctx) };
      if (key === STATIC_PODS_KEY) {
        readManifests(ctx);
        return { writes: [] };
      }
      if (key.startsWith('pod/')) {
        // A key `keysFor` made: its parts as the pod has them (strings already hashed).
        const parts = podKeyParts.get(key);
        if (parts !== undefined)
          return { writes: reconcilePod(key, parts.ns, parts.name, cache, ctx) };
        // `pod/<ns>/<name>` (neither part holds a slash), read without splitting.
        const slash = key.indexOf('/', 4);
        const ns = slash < 0 ? key.slice(4) : key.slice(4, slash);
        const name = slash < 0 ? '' : key.slice(slash + 1);
        return { writes: reconcilePod(key, ns, name, cache, ctx) };
      }
      return { writes: [] };
    },
  };
}

/** The keys of a condition as `condition` builds it, in order, by which optional ones it has. */
const CONDITION_KEYS = ['type', 'status', 'lastProbeTime', 'lastTransitionTime'] as const;
const CONDITION_KEYS_REASON = [...CONDITION_KEYS, 'reason'] as const;
const CONDITION_KEYS_MESSAGE = [...CONDITION_KEYS, 'message'] as const;
const CONDITION_KEYS_BOTH = [...CONDITION_KEYS, 'reason', 'message'] as const;

/**
 * Whether the stored condition `prev` (of the type wanted) is exactly what `condition` builds
 * from it for `status`, `reason` and `message`: the same fields, in the same order, the same
 * values (its transition time kept, as the status did not change).
 */
function isCondition(
  prev: Condition,
  status: string,
  reason: string | undefined,
  message: string | undefined,
): boolean {
  if (prev.status !== status || prev.lastProbeTime !== null || !prev.lastTransitionTime) {
    return false;
  }
  const keys: readonly string[] = reason
    ? message
      ? CONDITION_KEYS_BOTH
      : CONDITION_KEYS_REASON
    : message
      ? CONDITION_KEYS_MESSAGE
      : CONDITION_KEYS;
  if ((reason || undefined) !== (prev.reason || undefined)) return false;
  if ((message || undefined) !== (prev.message || undefined)) return false;
  let i = 0;
  for (const k in prev) if (keys[i++] !== k) return false;
  return i === keys.length;
}

/**
 * Whether `a` and `b` are the same JSON: the same fields in the same order, equal values
 * (stricter than deepEqual, which treats null and missing alike and ignores order).
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i]) return false;
    const va = (a as Record<string, unknown>)[k];
    // A field holding undefined is left out of JSON: never take such an object for another.
    if (va === undefined || !sameJson(va, (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** `deepEqual` of two objects with the field `skip` left out of both. */
function deepEqualExcept(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  skip: string,
): boolean {
  // As deepEqual counts: null and missing fields are alike; equal counts of the other fields,
  // each equal in both, make the same set.
  let na = 0;
  for (const k in a) {
    const v = a[k];
    if (k === skip || v === undefined || v === null) continue;
    na++;
    if (!deepEqual(v, b[k])) return false;
  }
  let nb = 0;
  for (const k in b) {
    const v = b[k];
    if (k !== skip && v !== undefined && v !== null) nb++;
  }
  return na === nb;
}

function hex32(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

function uuidFrom(random: () => number): string {
  const hex = randomHex64(random).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * kubelet/config's `podsDifferSemantically`: only the UID, spec, labels, annotations and the
 * deletion fields matter; a pod whose status alone changed is not an update to the pod worker.
 * Frozen parts are shared between versions, so the identity checks settle most calls.
 */
function podsDifferSemantically(a: KubeObject, b: KubeObject): boolean {
  const ma = a.metadata ?? {};
  const mb = b.metadata ?? {};
  if (ma.uid !== mb.uid) return true;
  if (ma.deletionTimestamp !== mb.deletionTimestamp) return true;
  if (ma.deletionGracePeriodSeconds !== mb.deletionGracePeriodSeconds) return true;
  if (ma.labels !== mb.labels && !deepEqual(ma.labels ?? {}, mb.labels ?? {})) return true;
  if (ma.annotations !== mb.annotations && !deepEqual(ma.annotations ?? {}, mb.annotations ?? {}))
    return true;
  return a.spec !== b.spec && !deepEqual(a.spec, b.spec);
}
