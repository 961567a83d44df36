/**
 * `createCluster`: wires etcd, the API server, the runtime, the scheduler and the other
 * components into one deterministic simulated cluster, bootstrapped as a small kubeadm
 * cluster. Same seed + same inputs → the identical timeline.
 */
import type { ApiClient, KubeObject, ResourceName } from './api/types.ts';
import {
  ApiServer,
  type ApiServerDeps,
  type ClusterClient,
  type MessageInput,
} from './apiserver/apiserver.ts';
import { createKubernetesServiceController } from './apiserver/kubernetesService.ts';
import type { Attributes, Decision, RulesReview, UserInfo } from './apiserver/rbac.ts';
import { etcdGroupOf, etcdKey, RESOURCES } from './apiserver/resources.ts';
import { bootstrap, CONTROL_PLANE, nodeIP } from './bootstrap/bootstrap.ts';
import { createControllerManager } from './controllers/index.ts';
import { createLeaderElection } from './controllers/leaderElection.ts';
import {
  ETCD_DATA_DIR,
  ETCD_MANIFEST,
  type EtcdBackup,
  etcdHostDataDir,
  memberDb,
  readSnapshotFile,
  snapshotFileText,
} from './etcd/backup.ts';
import { Etcd, type EtcdOptions, type LeaseRevocation, leaseIdHex } from './etcd/etcd.ts';
import { API_GIVE_UP_MS, crashLoopStarts, livenessKillAt, servesAgainAt } from './etcdOutage.ts';
import { createNode, type Kubelet } from './node/index.ts';
import { STATIC_PODS_KEY } from './node/kubelet.ts';
import { type PolicyCluster, policyCluster } from './node/policyNetwork.ts';
import { kubeletDisabled, nodeFileScope } from './node/staticPodFiles.ts';
import {
  type BuildPlan,
  familiarName,
  type ImageManifest,
  type LocalImage,
  type PruneResult,
  type PullResult,
  type PushResult,
  parseImageName,
  Registry,
  type RemoveResult,
  type TagResult,
} from './registry/index.ts';
import type { Actor, Message, ObjRef, Reconciler } from './runtime/controller.ts';
import { type ReconcileError, Runtime } from './runtime/runtime.ts';
import { Snapshot } from './runtime/snapshot.ts';
import { connectionRefused } from './runtime/unreachable.ts';
import { createScheduler, type SchedulerActor } from './scheduler/scheduler.ts';
import { epochMs, rfc3339, START_MS } from './util/clock.ts';
import { msgKey } from './util/flat.ts';
import { clone } from './util/persistentMap.ts';
import { createRng } from './util/rng.ts';

/** What the cluster gives component factories. */
export interface ComponentContext {
  /** Every node, control plane first. */
  nodes: readonly string[];
  /** The image registry (Docker Hub and registry.k8s.io) the nodes pull from. */
  registry: Registry;
  /** Files `kubectl exec` wrote, by storage scope (see Cluster.storedFiles): exec probes read them. */
  storedFiles?: (scope: string) => readonly StoredFile[];
  /** A kubelet tells what a starting container's env and subPath mounts read (startInputs). */
  containerStarted?: (
    containerID: string,
    data: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ) => void;
  /** The NetworkPolicies the pod network enforces, with the namespaces and pods they select. */
  policies?: () => PolicyCluster;
}

/** Builds the reconcilers besides the scheduler (controllers, kubelets, kube-proxies). */
export type ComponentFactory = (ctx: ComponentContext) => Reconciler[];

export interface ClusterOptions {
  /** Seed of the random source (names, uids, scheduler tie-breaks). Default 1. */
  seed?: number;
  /** Worker nodes besides the control plane. Default 3. */
  workers?: number;
  /** Keep a snapshot after every message (`frame(seq)`). Default true; benchmarks turn it off. */
  keepSnapshots?: boolean;
  /** Keep per-node scheduler verdicts and scores. Default true. */
  explain?: boolean;
  /** The components to run; default: the workloads helper's controllers, nodes and registry. */
  components?: ComponentFactory;
}

export interface SettleOptions {
  /** Stop once nothing but housekeeping happened for this long (virtual ms). Default 15 000. */
  quietMs?: number;
  /** Never run longer than this (virtual ms). Default 30 minutes. */
  maxMs?: number;
}

/** One stored change as a watch delivers it (see `Cluster.observe`). */
export interface StoredChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The object as written (for DELETED, as it was last stored). */
  object: KubeObject;
}

export interface SettleResult {
  /** True when the cluster went quiet (false: hit maxMs). */
  settled: boolean;
  /** Messages recorded while settling. */
  messages: number;
  /** Virtual ms afterwards. */
  now: number;
}

/** What the registry holds, as kept in snapshots. */
export interface RegistryView {
  repositories: { repository: string; tags: ImageManifest[] }[];
  /** Images built on the developer's machine. */
  local: LocalImage[];
}

/** The developer's docker CLI: build locally, push to the registry. */
export interface DockerFacade {
  /**
   * `docker build -t NAME .`: applies `plan` (what `planBuild` made of the Dockerfile; the
   * starter project's when absent). NAME empty: an image without a name. Undefined when NAME
   * is not a valid reference.
   */
  build(image: string, plan?: BuildPlan): LocalImage | undefined;
  /**
   * `docker push NAME`: the lines docker prints. `official`: as Docker's official-images
   * publisher (the study note's story pushes `nginx`); the learner's pushes never are.
   */
  push(image: string, opts?: { official?: boolean }): PushResult;
  /** `docker tag SOURCE TARGET` on the laptop (no message: nothing leaves the machine). */
  tag(source: string, target: string): TagResult;
  /** `docker pull NAME`: registry → laptop, recorded like a push (developer ↔ registry). */
  pull(image: string): PullResult;
  /** `docker rmi [-f] IMAGE...` on the laptop (no message: nothing leaves the machine). */
  remove(images: string[], force?: boolean): RemoveResult;
  /** `docker image prune [-a]` on the laptop (no message either). */
  prune(all?: boolean): PruneResult;
  /**
   * `docker login`: the credentials go to Docker Hub, which takes them (`accepted`: the laptop
   * is signed in from then on) or refuses them; recorded as developer ↔ registry messages.
   */
  login(accepted: boolean): void;
  /**
   * `docker logout`: the laptop forgets its Docker Hub credentials (nothing is sent); the Hub
   * then refuses the learner's pushes. Returns whether the laptop was signed in.
   */
  logout(): boolean;
}

/** A file written (content) or removed (null) in a storage scope, at epoch ms `at`. */
export interface StoredFile {
  path: string;
  content: string | null;
  at: number;
  /**
   * A file the node had from the start (kubeadm's manifests), removed: what it held. The
   * kubelet hashed that text when it read it (the static pod's config hash).
   */
  was?: string;
}

/** One recorded client input, enough to replay the cluster from its seed. */
export interface Input {
  /** Virtual ms when it happened. */
  at: number;
  /** Runtime tasks processed before it (places it exactly among the cluster's own work). */
  tasks: number;
  op:
    | 'api'
    | 'stopNode'
    | 'startNode'
    | 'stopKubelet'
    | 'startKubelet'
    | 'docker.build'
    | 'docker.push'
    | 'docker.tag'
    | 'docker.pull'
    | 'docker.rmi'
    | 'docker.prune'
    | 'docker.login'
    | 'docker.logout'
    | 'files.write'
    | 'etcd.snapshot';
  actor?: Actor;
  method?: keyof ClusterClient;
  args: unknown[];
  /** The impersonated user of a `clientAs` request. */
  user?: UserInfo;
}

/**
 * A time the API server did not answer (virtual ms; `to` unset while it lasts): its machine
 * was off (`machine`: a client's dial finds no host), its process was not running
 * (`process`: the machine refuses the connection), or it ran without etcd (`etcd`: requests
 * are accepted and time out).
 */
export interface ApiOutage {
  from: number;
  to?: number;
  cause: 'machine' | 'process' | 'etcd';
}

export interface Cluster {
  readonly seed: number;
  readonly options: Readonly<Required<Omit<ClusterOptions, 'components'>>>;
  /** An API client whose requests are recorded as coming from `actor` (kubectl uses 'kubectl'). */
  client(actor: Actor): ClusterClient;
  /**
   * A client whose requests carry `user` (impersonation, `kubectl --as`): the API server
   * authorizes each with RBAC and refuses with Forbidden.
   */
  clientAs(actor: Actor, user: UserInfo): ClusterClient;
  /** The API server's authorization decision for `user` (a SubjectAccessReview). */
  authorize(user: UserInfo, attributes: Attributes): Decision;
  /** The rules `user` holds in `namespace` (a SelfSubjectRulesReview). */
  rulesReview(user: UserInfo, namespace: string): RulesReview;
  /**
   * Return the next message of the log (each message exactly once, kubectl's own requests
   * included), processing the cluster's work as needed; undefined when nothing is left to do.
   * With `skipHousekeeping`, lease renewals and heartbeat-only updates are passed over, and
   * undefined means nothing else happened within `quietMs` (default 15 s) of the call.
   */
  step(opts?: { skipHousekeeping?: boolean; quietMs?: number }): Message | undefined;
  /**
   * Run until the cluster is quiet: stop before the first task that is due more than `quietMs`
   * (default 15 s) after the last message that was not housekeeping (lease renewals and
   * heartbeat-only status updates go on forever and do not count), or after `maxMs`.
   * The clock stays at the last task run, so a settled cluster's `now()` is at most a quiet
   * window past its last real activity.
   */
  settle(opts?: SettleOptions): SettleResult;
  /** Move the clock forward by `ms`, running everything due meanwhile. */
  advance(ms: number): void;
  /** Run until `pred` holds (checked after each task) or `maxVirtualMs` passed; returns whether it held. */
  runUntil(pred: (c: Cluster) => boolean, maxVirtualMs: number): boolean;
  /** Virtual ms since the components started; the learner arrives at START_MS (30 000). */
  now(): number;
  /** Unix ms of `now()` on the simulated wall clock. */
  nowEpochMs(): number;
  /** RFC 3339 of `now()`. */
  timestamp(): string;
  /** Every message so far, in order (`messages[i].seq === i`). */
  readonly messages: readonly Message[];
  /** The cluster as it is now. */
  snapshot(): Snapshot;
  /**
   * Read one stored object as it is now, without a message (for predicates in `runUntil`,
   * tests and benchmarks; cheaper than `snapshot()`).
   */
  peek(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined;
  /**
   * Be told of each stored change to `resource` objects (in `namespace`, or in every namespace
   * when undefined) as it is written, without a message: the object stream a client's watch
   * delivers (`kubectl get -w`). Returns the function that stops it.
   */
  observe(
    resource: ResourceName,
    namespace: string | undefined,
    fn: (change: StoredChange) => void,
  ): () => void;
  /**
   * One stored object as it was at Unix ms `atEpochMs` (the last frame taken by then; needs
   * keepSnapshots, else as it is now): what a kubelet read when it last synced a volume.
   */
  peekAt(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    atEpochMs: number,
  ): KubeObject | undefined;
  /**
   * The NetworkPolicies the pod network enforces, with the namespaces and pods they select, as
   * they stand (the CNI's view; no message): what a container's connections find.
   */
  policyCluster(): PolicyCluster;
  /** The snapshot taken right after message `seq` (needs keepSnapshots). */
  frame(seq: number): Snapshot | undefined;
  /** The frame before any message (right after bootstrap). */
  readonly initialFrame: Snapshot;
  /**
   * Stop a node's kubelet, kube-proxy and container runtime (no more lease renewals). The
   * control-plane node takes the control plane with it: the API server, scheduler and
   * controller manager stop, every request is refused (`apiServerUp()` turns false).
   */
  stopNode(name: string): void;
  /**
   * Boot a stopped node again. For the control-plane node: its kubelet restarts the static
   * pods, the API server answers again, every informer re-lists and the scheduler and
   * controllers start afresh.
   */
  startNode(name: string): void;
  /**
   * The API server's outages so far, oldest first: from when, until when (open while it
   * lasts), and whether its machine was off or only the process gone.
   */
  apiOutages(): readonly ApiOutage[];
  /** The pods (`ns/name`) a node's kubelet runs or starts now, whatever the API holds. */
  kubeletPods(name: string): readonly string[];
  /** Whether the API server answers (false while the control-plane node is stopped). */
  apiServerUp(): boolean;
  /**
   * Whether the API server runs without etcd (its manifest moved away): it accepts requests,
   * and those that need storage wait until the request timeout (see etcdOutage.ts).
   */
  apiStorageDown(): boolean;
  /**
   * `systemctl stop kubelet` on a node: only its kubelet stops (no more status or lease
   * updates: the node goes NotReady); its containers and kube-proxy go on.
   */
  stopKubelet(name: string): void;
  /** `systemctl start kubelet`: the kubelet takes its running containers over again. */
  startKubelet(name: string): void;
  /** Whether the node's kubelet service runs (false after stopKubelet or with the node down). */
  kubeletRunning(name: string): boolean;
  /** The kubelet's complaints about the node's static pod manifests (path and error). */
  manifestErrors(name: string): readonly { path: string; error: string }[];
  /**
   * Files commands run in containers (`kubectl exec`) wrote or removed, in one storage scope:
   * a container's writable layer, a pod's emptyDir volume, a node's host path (see
   * kubectl/commands/podFiles.ts for the scope names). Oldest first.
   */
  storedFiles(scope: string): readonly StoredFile[];
  /** Record writes in a storage scope (an input: a replay writes them again). */
  writeFiles(scope: string, files: readonly StoredFile[]): void;
  /**
   * The ConfigMap and Secret data (`configmaps/<name>` → data) a container's env and subPath
   * mounts were made from when it started; undefined when they read none.
   */
  startInputs(
    containerID: string,
  ): Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  /** Every node name, control plane first. */
  nodes(): readonly string[];
  /**
   * `etcdctl snapshot save`: keep etcd's contents as they are now (structurally shared) and
   * return their number, revision and key count. An input: a replay keeps them again.
   */
  etcdSnapshotSave(): { id: number; revision: number; keys: number };
  /** A kept snapshot's revision and key count, if `id` names one. */
  etcdSnapshot(id: number): { revision: number; keys: number } | undefined;
  /** The control-plane node directory etcd keeps its data in (`/var/lib/etcd` until a restore). */
  etcdDataDir(): string;
  stoppedNodes(): readonly string[];
  /** How many times a node booted again after a stop (`startNode`): 0 until it does. */
  nodeBoots(name: string): number;
  readonly scheduler: SchedulerActor;
  readonly reconcilers: readonly Reconciler[];
  /** The image registry (and the developer's local images). */
  readonly registry: Registry;
  /** The developer's docker: each call is recorded as developer → registry messages. */
  readonly docker: DockerFacade;
  /** Client inputs so far (for `replay`). */
  readonly inputs: readonly Input[];
  /** Reconcilers that threw (should stay empty). */
  readonly errors: readonly ReconcileError[];
  /** Reconcile calls per reconciler name so far (diagnostics, benchmarks). */
  readonly reconcileCounts: ReadonlyMap<string, number>;
}

/**
 * The control plane's static pods besides etcd, run by the control-plane node's kubelet: when
 * that node stops, they stop with it (the API server's own loops, the kubernetes Service
 * controller, run as the 'api-server' actor).
 */
/** Shared empty answer of {@link ClusterImpl.#kubeletsDown}. */
const NO_NODES: readonly string[] = Object.freeze([]);

const CONTROL_PLANE_ACTORS: readonly Actor[] = ['api-server', 'scheduler', 'controller-manager'];

/** The components that hold a leader-election lease, and their container's name. */
const LEADERS: readonly (readonly [Actor, string])[] = [
  ['scheduler', 'kube-scheduler'],
  ['controller-manager', 'kube-controller-manager'],
];

/**
 * How long after the API server stops answering a leader gives its lease up: RenewDeadline
 * (10 s) counted from the renewal attempt after its last success (RetryPeriod, 2 s, later;
 * on average 1 s after the outage began).
 */
const LEADER_LOST_MS = 11_000;

/** The control-plane components whose static pod manifest the learner may move away. */
const MANIFEST_ACTORS: Readonly<Record<string, Actor>> = {
  '/etc/kubernetes/manifests/kube-apiserver.yaml': 'api-server',
  '/etc/kubernetes/manifests/kube-scheduler.yaml': 'scheduler',
  '/etc/kubernetes/manifests/kube-controller-manager.yaml': 'controller-manager',
};

/**
 * How long the API server refuses connections after etcd's manifest points it at a restored
 * data directory: the kubelet restarts etcd, and the API server, whose etcd went away under
 * it, restarts as well before it serves again.
 */
export const ETCD_RESTART_MS = 40_000;

/** Where kubeadm's API server listens: the control-plane node's address, port 6443. */
export const API_SERVER_ADDRESS = `${nodeIP(0)}:6443`;

/** The workloads helper's components: controller manager loops and each node's agents. */
function defaultComponents(ctx: ComponentContext): Reconciler[] {
  const recs: Reconciler[] = [...createControllerManager(), createKubernetesServiceController()];
  // The pod network: a container reaches a pod of any node by its IP.
  const kubelets: Kubelet[] = [];
  const podNetwork = (ip: string) => {
    for (const k of kubelets) {
      const pod = k.podAt(ip);
      if (pod) return pod;
    }
    return undefined;
  };
  const nodeAddresses = ctx.nodes.map((_, index) => nodeIP(index));
  ctx.nodes.forEach((name, index) => {
    const n = createNode(name, {
      registry: ctx.registry,
      index,
      internalIP: nodeIP(index),
      ...(index === 0 ? { controlPlane: true } : {}),
      podNetwork,
      nodeAddresses,
      ...(ctx.storedFiles ? { storedFiles: ctx.storedFiles } : {}),
      ...(ctx.containerStarted ? { containerStarted: ctx.containerStarted } : {}),
      ...(ctx.policies ? { policies: ctx.policies } : {}),
    });
    kubelets.push(n.kubelet);
    recs.push(n.kubelet, n.kubeProxy);
  });
  return recs;
}

/**
 * The message of a lease expiry: etcd deleted the keys by itself and the API server learns it
 * on its etcd watch (etcd → api-server). Housekeeping, like lease renewals: it is background
 * upkeep that lesson steps leave out, and it does not keep `settle` busy.
 */
function leaseExpired(rt: Runtime | undefined, r: LeaseRevocation): void {
  const n = r.keys.length;
  rt?.hop(
    'etcd',
    'api-server',
    'etcd.leaseExpired',
    undefined,
    { key: msgKey('etcd.leaseExpired'), params: { lease: leaseIdHex(r.id), keys: n } },
    `lease expired: DELETE ${n} ${n === 1 ? 'key' : 'keys'}`,
    true,
  );
}

/**
 * How etcd and the API server reach the cluster's runtime (its clock, scheduler and message
 * log): methods of one class shared by every cluster, not closures made per cluster, so the
 * JavaScript engine's optimised calls to them stay valid when a new cluster is built.
 */
class RuntimeLink implements EtcdOptions, ApiServerDeps {
  rt: Runtime | undefined = undefined;
  etcd!: Etcd<KubeObject>;
  constructor(readonly rng: ApiServerDeps['rng']) {}
  now(): number {
    return this.rt?.now ?? 0;
  }
  // etcd's lessor runs on the virtual clock: one task at each lease's expiry.
  schedule(at: number, fn: () => void): void {
    this.rt?.schedule(at, fn);
  }
  onLeaseRevoked(r: LeaseRevocation): void {
    if (r.keys.length > 0) leaseExpired(this.rt, r);
  }
  record(m: MessageInput): void {
    this.rt?.record(m);
  }
  hop(
    from: Actor,
    to: Actor,
    kind: string,
    ref: ObjRef | undefined,
    summary: Message['summary'],
    label?: string,
    hk?: boolean,
  ): void {
    this.rt?.hop(from, to, kind, ref, summary, label, hk);
  }
}

const MAX_TASKS_PER_CALL = 5_000_000;
/** Nothing but housekeeping for this long (virtual ms) counts as quiet. */
const DEFAULT_QUIET_MS = 15_000;

class ClusterImpl implements Cluster {
  readonly seed: number;
  readonly options: Readonly<Required<Omit<ClusterOptions, 'components'>>>;
  readonly scheduler: SchedulerActor;
  readonly reconcilers: readonly Reconciler[];
  readonly registry: Registry;
  readonly docker: DockerFacade;
  readonly inputs: Input[] = [];
  #registryView: RegistryView | undefined;
  readonly initialFrame: Snapshot;
  readonly #etcd: Etcd<KubeObject>;
  readonly #api: ApiServer;
  readonly #rt: Runtime;
  readonly #nodes: readonly string[];
  readonly #stopped = new Set<string>();
  /** {@link ClusterImpl.#kubeletsDown}'s last answer, dropped whenever a kubelet or node stops or starts. */
  #kubeletsDownMemo: readonly string[] | undefined = NO_NODES;
  readonly #frames: Snapshot[] = [];
  readonly #clients = new Map<Actor, ClusterClient>();
  #cursor = 0;

  constructor(opts: ClusterOptions) {
    this.seed = opts.seed ?? 1;
    this.options = {
      seed: this.seed,
      workers: opts.workers ?? 3,
      keepSnapshots: opts.keepSnapshots ?? true,
      explain: opts.explain ?? true,
    };
    const rng = createRng(this.seed);
    const link = new RuntimeLink(rng);
    this.#etcd = new Etcd<KubeObject>(etcdGroupOf, link);
    link.etcd = this.#etcd;
    this.#api = new ApiServer(link);
    const boot = bootstrap(this.#etcd, rng, this.options.workers);
    this.#nodes = boot.nodes;
    const rt = new Runtime({ apiserver: this.#api, etcd: this.#etcd, rng });
    link.rt = rt;
    this.#rt = rt;
    this.scheduler = createScheduler({ explain: this.options.explain, host: this.#nodes[0] });
    this.registry = new Registry();
    this.docker = {
      build: (image, plan) => {
        this.#input({ op: 'docker.build', args: plan ? [image, plan] : [image] });
        return this.#dockerBuild(image, plan);
      },
      push: (image, opts) => {
        this.#input({ op: 'docker.push', args: opts?.official ? [image, 'official'] : [image] });
        return this.#dockerPush(image, opts?.official === true);
      },
      tag: (source, target) => {
        const res = this.registry.tag(source, target);
        // Only a tag that happened changes what a replay must rebuild.
        if (res.ok) {
          this.#input({ op: 'docker.tag', args: [source, target] });
          this.#registryView = undefined;
        }
        return res;
      },
      pull: (image) => {
        this.#input({ op: 'docker.pull', args: [image] });
        return this.#dockerPull(image);
      },
      remove: (images, force) => {
        const res = this.registry.remove(images, force === true);
        if (res.changed) {
          this.#input({ op: 'docker.rmi', args: force ? [images, 'force'] : [images] });
          this.#registryView = undefined;
        }
        return res;
      },
      prune: (all) => {
        const res = this.registry.prune(all === true);
        if (res.changed) {
          this.#input({ op: 'docker.prune', args: all ? ['all'] : [] });
          this.#registryView = undefined;
        }
        return res;
      },
      login: (accepted) => {
        this.#input({ op: 'docker.login', args: [accepted] });
        this.#dockerLogin(accepted);
      },
      logout: () => {
        const changed = this.registry.setSignedIn(false);
        if (changed) this.#input({ op: 'docker.logout', args: [] });
        return changed;
      },
    };
    const others = (opts.components ?? defaultComponents)({
      nodes: this.#nodes,
      registry: this.registry,
      storedFiles: (scope) => this.storedFiles(scope),
      containerStarted: (id, data) => this.#startInputs.set(id, data),
      policies: () => this.policyCluster(),
    });
    const leader = (actor: Actor, lease: string, component: string) =>
      createLeaderElection({
        actor,
        lease,
        component,
        hostname: CONTROL_PLANE,
        read: () => this.peek('leases', 'kube-system', lease),
      });
    this.reconcilers = [
      this.scheduler,
      ...others,
      leader('scheduler', 'kube-scheduler', 'default-scheduler'),
      leader('controller-manager', 'kube-controller-manager', 'kube-controller-manager'),
    ];
    this.scheduler.attach(this.#api.client('scheduler'));
    // Warm-up: the components start at virtual 0, half a minute before the learner arrives
    // (START_MS), so their start-up chatter (first node status posts) is over by then.
    this.#rt.register(this.reconcilers);
    this.#settleUntil(START_MS - 1);
    rt.now = START_MS;
    rt.clearLog();
    this.initialFrame = this.snapshot();
    if (this.options.keepSnapshots) rt.onMessage = () => this.#frames.push(this.snapshot());
  }

  get messages(): readonly Message[] {
    return this.#rt.messages;
  }

  get errors(): readonly ReconcileError[] {
    return this.#rt.errors;
  }

  /** Reconcile calls per reconciler name so far (diagnostics, benchmarks). */
  get reconcileCounts(): ReadonlyMap<string, number> {
    return this.#rt.reconcileCounts;
  }

  #input(input: Omit<Input, 'at' | 'tasks'>): void {
    this.inputs.push({
      at: this.#rt.now,
      tasks: this.#rt.tasksRun,
      ...input,
      args: clone(input.args),
    });
  }

  client(actor: Actor): ClusterClient {
    const hit = this.#clients.get(actor);
    if (hit) return hit;
    const c = this.#recorded(actor, this.#api.client(actor), undefined);
    this.#clients.set(actor, c);
    return c;
  }

  clientAs(actor: Actor, user: UserInfo): ClusterClient {
    return this.#recorded(actor, this.#api.clientAs(actor, user), user);
  }

  authorize(user: UserInfo, attributes: Attributes): Decision {
    return this.#api.authorize(user, attributes);
  }

  rulesReview(user: UserInfo, namespace: string): RulesReview {
    return this.#api.rulesReview(user, namespace);
  }

  /** `inner` with every call recorded as an input (for replay). */
  #recorded(actor: Actor, inner: ClusterClient, user: UserInfo | undefined): ClusterClient {
    const methods = [
      'create',
      'get',
      'list',
      'update',
      'patch',
      'delete',
      'updateStatus',
      'patchStatus',
      'bind',
      'deleteCollection',
      'connect',
      'createToken',
    ] as const;
    const wrapped = {} as Record<(typeof methods)[number], unknown>;
    for (const m of methods) {
      wrapped[m] = (...args: unknown[]) => {
        this.#input({ op: 'api', actor, method: m, args, ...(user ? { user } : {}) });
        // Nothing listens on the API server's port: the request never leaves the client.
        if (this.#rt.apiDown) return connectionRefused(API_SERVER_ADDRESS);
        return (inner[m] as (...a: unknown[]) => unknown)(...args);
      };
    }
    return wrapped as unknown as ClusterClient;
  }

  #dockerBuild(image: string, plan?: BuildPlan): LocalImage | undefined {
    // What FROM pulls (the starter project's plan when none was given): drawn like a docker
    // pull, inside the build's step.
    const p = plan ?? this.registry.starterPlan();
    const pulls = p?.pulls ?? [];
    // A build that failed at a step leaves only its pulls and cache: no image, no build message.
    if (plan?.partial) {
      this.#recordBuildPulls(pulls);
      this.#recordBuildPulls(plan.checks ?? [], true);
      this.registry.build(image, this.#rt.now, plan);
      this.#registryView = undefined;
      return undefined;
    }
    this.#rt.record({
      from: 'developer',
      to: 'developer',
      kind: 'image.build',
      summary: { key: 'msg.image.build', params: { image: image === '' ? '<none>' : image } },
      label: image === '' ? 'docker build .' : `docker build -t ${image} .`,
    });
    this.#recordBuildPulls(pulls);
    this.#recordBuildPulls(p?.checks ?? [], true);
    const img = this.registry.build(image, this.#rt.now, p);
    this.#registryView = undefined;
    return img;
  }

  /**
   * The base images a build's FROM pulls from the registry (`refs`, normalized: only those not
   * on the laptop yet): the same request and answer as `docker pull`, marked as the build's.
   * `upToDate`: `--pull` asked about a base the laptop has, and the registry's is the same
   * (the request and answer of a `docker pull` that prints `Image is up to date`).
   */
  #recordBuildPulls(refs: readonly string[], upToDate = false): void {
    const mark: Record<string, string> = upToDate ? { upToDate: 'true' } : {};
    for (const ref of refs) {
      const name = parseImageName(ref);
      const res = this.registry.resolve(ref);
      if (!name || !res.ok) continue;
      const image = familiarName(name.full);
      this.#rt.record({
        from: 'developer',
        to: 'registry',
        kind: 'image.download',
        summary: { key: 'msg.image.download', params: { image, by: 'build', ...mark } },
        label: `GET /v2/${name.path}/manifests/${name.digest ?? name.tag}`,
      });
      this.#rt.record({
        from: 'registry',
        to: 'developer',
        kind: 'image.downloaded',
        summary: {
          key: 'msg.image.downloaded',
          params: { image, ok: 'true', by: 'build', ...mark },
        },
        label: res.image.digest,
      });
    }
  }

  #dockerPush(image: string, official: boolean): PushResult {
    const name = parseImageName(image);
    if (this.registry.localImage(image) === undefined) {
      // No such image on the laptop: docker refuses before it contacts any registry, so the
      // request stays on the developer's machine (a badge on the laptop, not an arrow).
      this.#rt.record({
        from: 'developer',
        to: 'developer',
        kind: 'image.push',
        summary: { key: 'msg.image.push', params: { image } },
        label: `docker push ${image}`,
      });
      return this.registry.push(image, { official });
    }
    this.#rt.record({
      from: 'developer',
      to: 'registry',
      kind: 'image.push',
      summary: { key: 'msg.image.push', params: { image } },
      label: name
        ? `PUT /v2/${name.repository.replace(/^docker\.io\//, '')}/manifests/${name.tag}`
        : `docker push ${image}`,
    });
    const res =
      official || this.registry.signedIn
        ? this.registry.push(image, { official })
        : this.registry.pushSignedOut(image);
    this.#registryView = undefined;
    this.#rt.record({
      from: 'registry',
      to: 'developer',
      kind: 'image.pushed',
      summary: { key: 'msg.image.pushed', params: { image, ok: res.ok ? 'true' : 'false' } },
      label: res.ok ? (res.image?.digest ?? 'pushed') : 'error',
    });
    return res;
  }

  #dockerLogin(accepted: boolean): void {
    const user = this.registry.hubUser;
    this.#rt.record({
      from: 'developer',
      to: 'registry',
      kind: 'registry.login',
      summary: { key: 'msg.registry.login', params: { user } },
      label: 'GET /v2/',
    });
    if (accepted) this.registry.setSignedIn(true);
    this.#rt.record({
      from: 'registry',
      to: 'developer',
      kind: 'registry.loginResult',
      summary: {
        key: 'msg.registry.loginResult',
        params: { user, ok: accepted ? 'true' : 'false' },
      },
      label: accepted ? 'Login Succeeded' : '401 Unauthorized',
    });
  }

  #dockerPull(image: string): PullResult {
    const name = parseImageName(image);
    this.#rt.record({
      from: 'developer',
      to: 'registry',
      kind: 'image.download',
      summary: { key: 'msg.image.download', params: { image } },
      label: name ? `GET /v2/${name.path}/manifests/${name.tag}` : `docker pull ${image}`,
    });
    const res = this.registry.pull(image);
    if (res.ok && res.changed) this.#registryView = undefined;
    this.#rt.record({
      from: 'registry',
      to: 'developer',
      kind: 'image.downloaded',
      summary: { key: 'msg.image.downloaded', params: { image, ok: res.ok ? 'true' : 'false' } },
      label: res.ok ? res.image.digest : 'error',
    });
    return res;
  }

  #registrySnapshot(): RegistryView {
    this.#registryView ??= {
      repositories: this.registry.repositories(),
      local: this.registry.localImages(),
    };
    return this.#registryView;
  }

  /** Apply a recorded input (replay). */
  apply(input: Input): void {
    if (input.op === 'docker.build')
      this.docker.build(input.args[0] as string, input.args[1] as BuildPlan | undefined);
    else if (input.op === 'docker.push')
      this.docker.push(input.args[0] as string, { official: input.args[1] === 'official' });
    else if (input.op === 'docker.tag')
      this.docker.tag(input.args[0] as string, input.args[1] as string);
    else if (input.op === 'docker.pull') this.docker.pull(input.args[0] as string);
    else if (input.op === 'docker.rmi')
      this.docker.remove(input.args[0] as string[], input.args[1] === 'force');
    else if (input.op === 'docker.prune') this.docker.prune(input.args[0] === 'all');
    else if (input.op === 'docker.login') this.docker.login(input.args[0] !== false);
    else if (input.op === 'docker.logout') this.docker.logout();
    else if (input.op === 'stopNode') this.stopNode(input.args[0] as string);
    else if (input.op === 'files.write') {
      this.writeFiles(input.args[0] as string, input.args[1] as StoredFile[]);
    } else if (input.op === 'startNode') this.startNode(input.args[0] as string);
    else if (input.op === 'stopKubelet') this.stopKubelet(input.args[0] as string);
    else if (input.op === 'startKubelet') this.startKubelet(input.args[0] as string);
    else if (input.op === 'etcd.snapshot') this.etcdSnapshotSave();
    else if (input.actor && input.method) {
      const c = input.user ? this.clientAs(input.actor, input.user) : this.client(input.actor);
      (c[input.method] as (...a: unknown[]) => unknown)(...clone(input.args));
    }
  }

  /** Run tasks until `tasks` have been processed and the clock reads `at` (replay). */
  runTo(tasks: number, at: number): void {
    while (this.#rt.tasksRun < tasks && this.#rt.runOne()) {}
    if (this.#rt.now < at) this.#rt.now = at;
  }

  step(opts: { skipHousekeeping?: boolean; quietMs?: number } = {}): Message | undefined {
    const quiet = opts.quietMs ?? DEFAULT_QUIET_MS;
    const start = this.#rt.now;
    let guard = 0;
    for (;;) {
      while (this.#cursor >= this.#rt.messages.length) {
        // Skipping housekeeping, a cluster with nothing else to do for a quiet window is idle.
        const next = this.#rt.nextAt();
        if (opts.skipHousekeeping && (next === undefined || next > start + quiet)) return undefined;
        if (!this.#rt.runOne() || ++guard > MAX_TASKS_PER_CALL) return undefined;
      }
      const m = this.#rt.messages[this.#cursor++]!;
      if (!(opts.skipHousekeeping && m.housekeeping)) return m;
    }
  }

  settle(opts: SettleOptions = {}): SettleResult {
    const quiet = opts.quietMs ?? DEFAULT_QUIET_MS;
    const max = opts.maxMs ?? 30 * 60_000;
    const start = this.#rt.now;
    const before = this.#rt.messages.length;
    let lastBusy = start;
    let scanned = before;
    let settled = false;
    for (let n = 0; n < MAX_TASKS_PER_CALL; n++) {
      const next = this.#rt.nextAt();
      if (next === undefined || next > lastBusy + quiet) {
        settled = true;
        break;
      }
      if (next > start + max) break;
      this.#rt.runOne();
      const msgs = this.#rt.messages;
      for (; scanned < msgs.length; scanned++) {
        if (!msgs[scanned]!.housekeeping) lastBusy = msgs[scanned]!.at;
      }
    }
    return { settled, messages: this.#rt.messages.length - before, now: this.#rt.now };
  }

  /** Run tasks due up to `limit` (warm-up). */
  #settleUntil(limit: number): void {
    for (let n = 0; n < MAX_TASKS_PER_CALL; n++) {
      const next = this.#rt.nextAt();
      if (next === undefined || next > limit) break;
      this.#rt.runOne();
    }
  }

  advance(ms: number): void {
    const target = this.#rt.now + Math.max(0, ms);
    for (let n = 0; n < MAX_TASKS_PER_CALL; n++) {
      const next = this.#rt.nextAt();
      if (next === undefined || next > target) break;
      this.#rt.runOne();
    }
    this.#rt.now = target;
  }

  runUntil(pred: (c: Cluster) => boolean, maxVirtualMs: number): boolean {
    const limit = this.#rt.now + maxVirtualMs;
    if (pred(this)) return true;
    for (let n = 0; n < MAX_TASKS_PER_CALL; n++) {
      const next = this.#rt.nextAt();
      if (next === undefined || next > limit) break;
      this.#rt.runOne();
      if (pred(this)) return true;
    }
    return false;
  }

  now(): number {
    return this.#rt.now;
  }

  nowEpochMs(): number {
    return epochMs(this.#rt.now);
  }

  timestamp(): string {
    return rfc3339(this.#rt.now);
  }

  snapshot(): Snapshot {
    return new Snapshot({
      seq: this.#rt.messages.length,
      now: this.#rt.now,
      etcd: this.#etcd.snapshot(),
      decisions: this.scheduler.decisions.freeze(),
      registry: this.#registrySnapshot(),
      stoppedNodes: [...this.#stopped].sort(),
      stoppedKubelets: this.#kubeletsDown(),
    });
  }

  frame(seq: number): Snapshot | undefined {
    return this.#frames[seq];
  }

  peek(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    if (!Object.hasOwn(RESOURCES, resource)) return undefined;
    const r = RESOURCES[resource];
    return this.#etcd.get(etcdKey(r, r.namespaced ? namespace : undefined, name))?.value;
  }

  observe(
    resource: ResourceName,
    namespace: string | undefined,
    fn: (change: StoredChange) => void,
  ): () => void {
    if (!Object.hasOwn(RESOURCES, resource)) return () => {};
    const r = RESOURCES[resource];
    const prefix =
      r.namespaced && namespace !== undefined
        ? `${r.etcdPrefix}/${namespace}/`
        : `${r.etcdPrefix}/`;
    return this.#etcd.watch(prefix, (e) => {
      const type = e.type === 'DELETE' ? 'DELETED' : e.prevKv ? 'MODIFIED' : 'ADDED';
      fn({ type, object: e.kv.value });
    });
  }

  policyCluster(): PolicyCluster {
    // The CNI (Calico-like) reads the policies as they stand: the dataplane follows them.
    const all = (resource: ResourceName) =>
      this.#etcd.range(`${RESOURCES[resource].etcdPrefix}/`).map((kv) => kv.value);
    return policyCluster(
      all('networkpolicies'),
      () => all('namespaces'),
      () => all('pods'),
    );
  }

  peekAt(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    atEpochMs: number,
  ): KubeObject | undefined {
    const frames = this.#frames;
    const t = atEpochMs - epochMs(0);
    if (frames.length === 0 || t >= this.#rt.now) return this.peek(resource, namespace, name);
    if (!Object.hasOwn(RESOURCES, resource)) return undefined;
    // The last frame taken at or before t (frames are in time order).
    let lo = 0;
    let hi = frames.length - 1;
    if ((frames[0]?.now ?? 0) > t) return this.initialFrame.get(resource, namespace, name);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((frames[mid]?.now ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
    return frames[lo]?.get(resource, namespace, name);
  }

  #nodeActors(name: string): Actor[] {
    return this.#rt
      .actorNames()
      .filter((a) => a.endsWith(`/${name}`) && a.indexOf('/') === a.length - name.length - 1);
  }

  /** What each container's env and subPath mounts read when it started, by container ID. */
  readonly #startInputs = new Map<
    string,
    Readonly<Record<string, Readonly<Record<string, string>>>>
  >();

  startInputs(
    containerID: string,
  ): Readonly<Record<string, Readonly<Record<string, string>>>> | undefined {
    return this.#startInputs.get(containerID);
  }

  /** Files written in containers, by storage scope (see `storedFiles`). */
  readonly #files = new Map<string, StoredFile[]>();

  storedFiles(scope: string): readonly StoredFile[] {
    return this.#files.get(scope) ?? [];
  }

  writeFiles(scope: string, files: readonly StoredFile[]): void {
    if (files.length === 0) return;
    this.#input({ op: 'files.write', args: [scope, files] });
    // Only a path's last write matters: earlier ones are dropped, so a scope stays small.
    const kept = [...(this.#files.get(scope) ?? [])];
    for (const f of files) {
      const i = kept.findIndex((k) => k.path === f.path);
      if (i >= 0) kept.splice(i, 1);
      kept.push({
        path: f.path,
        content: f.content,
        at: f.at,
        ...(f.was !== undefined ? { was: f.was } : {}),
      });
    }
    this.#files.set(scope, kept);
    // A file written on a node's own file system may be a static pod manifest: its kubelet
    // watches the directory (inotify) and reads it at once.
    const node = /^hostPath:([^:]+):\/$/.exec(scope)?.[1];
    if (node && this.#nodes.includes(node)) this.#rt.enqueueKey(`kubelet/${node}`, STATIC_PODS_KEY);
    if (node === CONTROL_PLANE) {
      // The API server, the scheduler and the controller manager run as static pods there:
      // without their manifest they stop, with it back they start again.
      for (const f of files) {
        const actor = MANIFEST_ACTORS[f.path];
        if (!actor) continue;
        // An empty file (a redirection's first write) holds no pod either.
        const gone = f.content === null || f.content.trim() === '';
        if (actor === 'api-server') this.#apiServerManifest(gone);
        else if (gone) this.#rt.stop(actor);
        else if (!this.#stopped.has(CONTROL_PLANE)) this.#rt.start(actor);
      }
      const etcd = files.findLast((f) => f.path === ETCD_MANIFEST);
      if (etcd && etcd.content === null) this.#etcdGone();
      else if (etcd?.content) {
        if (this.#etcdGoneAt !== undefined) this.#etcdBack();
        this.#etcdManifest(etcd.content);
      }
    }
  }

  /**
   * The API server's manifest went (`gone`) or came back. Without it the kubelet stops the
   * kube-apiserver container: its machine still answers, so every client's dial is refused
   * (not unreachable); the other components run on without it. Back, it serves again (unless
   * etcd is still restarting or the machine is down) and every informer lists anew.
   */
  #apiServerManifest(gone: boolean): void {
    if (gone) {
      this.#rt.stop('api-server');
      this.#apiDown('process');
      return;
    }
    if (this.#stopped.has(CONTROL_PLANE) || this.#etcdRestarting) return;
    // Started without etcd: it never serves, it crash-loops until etcd is back.
    if (this.#etcdGoneAt !== undefined) {
      this.#crashLoop(this.#rt.now);
      return;
    }
    this.#apiUp();
    for (const a of CONTROL_PLANE_ACTORS) if (!this.#manifestGone(a)) this.#rt.start(a);
  }

  /** Whether a control-plane component's manifest was taken out of the static pod path. */
  #manifestGone(actor: Actor): boolean {
    const path = Object.keys(MANIFEST_ACTORS).find((p) => MANIFEST_ACTORS[p] === actor);
    if (!path) return false;
    const last = this.storedFiles(`hostPath:${CONTROL_PLANE}:/`).find((f) => f.path === path);
    return last !== undefined && (last.content === null || last.content.trim() === '');
  }

  #kubelet(name: string): Kubelet | undefined {
    return this.reconcilers.find(
      (r): r is Reconciler & Kubelet => r.actor === `kubelet/${name}` && 'serviceRestart' in r,
    );
  }

  /**
   * Nodes that run but whose kubelet service does not (stopped, or failing to start), sorted:
   * what the stage marks on the kubelet's box. Kept between snapshots (the UI takes one per
   * message) until a kubelet or node stops or starts.
   */
  #kubeletsDown(): readonly string[] {
    if (this.#kubeletsDownMemo === undefined) {
      const down = this.#nodes.filter(
        (n) => !this.#stopped.has(n) && this.#rt.isStopped(`kubelet/${n}`),
      );
      this.#kubeletsDownMemo = down.length === 0 ? NO_NODES : Object.freeze(down.sort());
    }
    return this.#kubeletsDownMemo;
  }

  stopKubelet(name: string): void {
    if (!this.#nodes.includes(name) || !this.kubeletRunning(name)) return;
    this.#kubeletsDownMemo = undefined;
    this.#input({ op: 'stopKubelet', args: [name] });
    this.#rt.stop(`kubelet/${name}`);
  }

  startKubelet(name: string): void {
    if (!this.#nodes.includes(name) || this.#stopped.has(name) || this.kubeletRunning(name)) return;
    this.#kubeletsDownMemo = undefined;
    this.#input({ op: 'startKubelet', args: [name] });
    // The control plane booted with its kubelet disabled: its static pods start only now.
    if (name === CONTROL_PLANE && this.#rt.apiDown) {
      this.#startControlPlane();
      return;
    }
    this.#kubelet(name)?.serviceRestart();
    this.#rt.start(`kubelet/${name}`);
  }

  kubeletPods(name: string): readonly string[] {
    return this.#kubelet(name)?.pods() ?? [];
  }

  kubeletRunning(name: string): boolean {
    return this.#nodes.includes(name) && !this.#rt.isStopped(`kubelet/${name}`);
  }

  manifestErrors(name: string): readonly { path: string; error: string }[] {
    return this.#kubelet(name)?.manifestErrors() ?? [];
  }

  stopNode(name: string): void {
    if (!this.#nodes.includes(name) || this.#stopped.has(name)) return;
    this.#kubeletsDownMemo = undefined;
    this.#input({ op: 'stopNode', args: [name] });
    this.#stopped.add(name);
    for (const a of this.#nodeActors(name)) this.#rt.stop(a);
    if (name === CONTROL_PLANE) {
      // kube-apiserver, etcd, the scheduler and the controller manager are static pods of
      // this node's kubelet: they go down with its container runtime.
      for (const a of CONTROL_PLANE_ACTORS) this.#rt.stop(a);
      this.#apiDown('machine');
    }
  }

  startNode(name: string): void {
    if (!this.#stopped.has(name)) return;
    this.#kubeletsDownMemo = undefined;
    this.#input({ op: 'startNode', args: [name] });
    this.#stopped.delete(name);
    this.#boots.set(name, this.nodeBoots(name) + 1);
    // A kubelet service disabled from the node's shell does not start with the machine.
    const disabled = kubeletDisabled(this.storedFiles(nodeFileScope(name)));
    if (name !== CONTROL_PLANE || disabled) {
      for (const a of this.#nodeActors(name))
        if (!disabled || a !== `kubelet/${name}`) this.#rt.start(a);
      // The machine is up, its static pods wait for the kubelet: a dial is refused now.
      if (name === CONTROL_PLANE) this.#apiDown('process');
      return;
    }
    this.#startControlPlane();
  }

  #startControlPlane(): void {
    const name = CONTROL_PLANE;
    // The API server answers again (the simulation does not wait for its container to come
    // up: the kubelet's first requests would be retried until it does); the workers' informers
    // re-list, then the node's own kubelet (restarting the static pods, as after any reboot)
    // and the control-plane components start with fresh caches.
    this.#etcdRestarting = false;
    if (this.#manifestGone('api-server')) this.#apiDown('process');
    else if (this.#etcdGoneAt !== undefined) this.#crashLoop(this.#rt.now);
    else this.#apiUp();
    for (const a of this.#nodeActors(name)) this.#rt.start(a);
    for (const a of CONTROL_PLANE_ACTORS) if (!this.#manifestGone(a)) this.#rt.start(a);
  }

  apiServerUp(): boolean {
    return !this.#rt.apiDown || this.#storageDown();
  }

  apiStorageDown(): boolean {
    return this.#storageDown();
  }

  /** The API server's process serves without etcd: an open `etcd` outage. */
  #storageDown(): boolean {
    const last = this.#outages[this.#outages.length - 1];
    return this.#rt.apiDown && last?.cause === 'etcd' && last.to === undefined;
  }

  /** The API server's outages so far, oldest first (see {@link ApiOutage}). */
  readonly #outages: ApiOutage[] = [];
  /** etcd restarts on a restored data directory: the API server waits for it. */
  #etcdRestarting = false;

  apiOutages(): readonly ApiOutage[] {
    return this.#outages;
  }

  /**
   * Nothing answers at the API server's address any more: its machine is off (`machine`: a
   * dial finds no host) or only its process is gone (`process`: the dial is refused).
   */
  #apiDown(cause: ApiOutage['cause']): void {
    const last = this.#outages[this.#outages.length - 1];
    if (this.#rt.apiDown && last && last.to === undefined) {
      // Already down: the machine going off (or coming back without the API server) changes
      // what a dial finds from now on.
      if (last.cause !== cause) {
        last.to = this.#rt.now;
        this.#outages.push({ from: this.#rt.now, cause });
      }
      return;
    }
    const outage: ApiOutage = { from: this.#rt.now, cause };
    this.#outages.push(outage);
    this.#rt.apiServerDown(API_SERVER_ADDRESS);
    if (cause !== 'machine')
      this.#rt.schedule(this.#rt.now + LEADER_LOST_MS, () => this.#leadersLost(outage));
  }

  /**
   * The API server has not answered for the leaders' renew deadline: kube-scheduler and
   * kube-controller-manager could not renew their leader-election leases, log "leaderelection
   * lost" and exit with status 1. The control-plane kubelet restarts their containers (a
   * restart their pods' RESTARTS count); the new processes wait for the API server and take the
   * leases again, with fresh caches, once it is back.
   */
  #leadersLost(outage: ApiOutage): void {
    if (outage.to !== undefined || this.#stopped.has(CONTROL_PLANE)) return;
    if (!this.kubeletRunning(CONTROL_PLANE)) return;
    const kubelet = this.#kubelet(CONTROL_PLANE);
    for (const [actor, component] of LEADERS) {
      // Gone, or already waiting for the lease since an earlier loss.
      if (this.#manifestGone(actor) || this.#rt.isStopped(actor)) continue;
      this.#rt.stop(actor);
      const pod = `${component}-${CONTROL_PLANE}`;
      if (kubelet?.exitContainer('kube-system', pod, component, 1, this.#rt.now))
        this.#rt.enqueueKey(`kubelet/${CONTROL_PLANE}`, `pod/kube-system/${pod}`);
    }
  }

  /** The API server answers again. */
  #apiUp(): void {
    const last = this.#outages[this.#outages.length - 1];
    if (last && last.to === undefined) last.to = this.#rt.now;
    this.#rt.apiServerUp();
    this.#apiStartedAt = this.#rt.now;
  }

  // ------------------------------------------------------------ etcd stopped alone

  /** Since when etcd's manifest is out of the static pod path (undefined: etcd runs). */
  #etcdGoneAt: number | undefined;
  /** When the running kube-apiserver container started (its liveness probes' phase). */
  #apiStartedAt = 0;
  /** The first start of kube-apiserver's crash loop without etcd (undefined: none). */
  #crashLoopFrom: number | undefined;
  /** Counts etcd's stops and returns: a timer of an earlier one does nothing. */
  #etcdEpoch = 0;

  /**
   * etcd's manifest went: the kubelet kills etcd. A serving kube-apiserver runs on without it
   * (requests wait until their timeout: `apiStorageDown`) until its liveness probe, whose
   * /livez checks etcd, fails 8 times; the kubelet then kills it and it crash-loops. The
   * scheduler and the controller manager lose their leases as in any outage.
   */
  #etcdGone(): void {
    if (this.#etcdGoneAt !== undefined) return;
    this.#etcdGoneAt = this.#rt.now;
    const epoch = ++this.#etcdEpoch;
    if (this.#stopped.has(CONTROL_PLANE) || this.#rt.apiDown) return;
    this.#apiDown('etcd');
    const killAt = livenessKillAt(this.#apiStartedAt, this.#rt.now);
    this.#rt.schedule(killAt, () => {
      if (epoch !== this.#etcdEpoch || !this.#storageDown()) return;
      this.#crashLoop(this.#rt.now);
    });
  }

  /**
   * kube-apiserver (re)started at `from` without etcd: refused connections; each container
   * gives up after the etcd client's dial timeout and the next one waits out the kubelet's
   * back-off. The control-plane kubelet counts each restart (seen once the API server is back).
   */
  #crashLoop(from: number): void {
    if (this.#manifestGone('api-server')) return;
    const killed = this.#storageDown();
    this.#rt.stop('api-server');
    this.#apiDown('process');
    this.#crashLoopFrom = from;
    const epoch = this.#etcdEpoch;
    // The liveness kill of the container that ran: SIGTERM, a graceful exit.
    if (killed) this.#apiServerExited(0, from);
    for (const start of crashLoopStarts(from, from + 24 * 3_600_000)) {
      this.#rt.schedule(start + API_GIVE_UP_MS, () => {
        if (epoch !== this.#etcdEpoch || this.#crashLoopFrom !== from) return;
        this.#apiServerExited(1, this.#rt.now);
      });
    }
  }

  /** The control-plane kubelet saw kube-apiserver's container exit and started it again. */
  #apiServerExited(code: number, at: number): void {
    if (!this.kubeletRunning(CONTROL_PLANE)) return;
    const pod = `kube-apiserver-${CONTROL_PLANE}`;
    if (this.#kubelet(CONTROL_PLANE)?.exitContainer('kube-system', pod, 'kube-apiserver', code, at))
      this.#rt.enqueueKey(`kubelet/${CONTROL_PLANE}`, `pod/kube-system/${pod}`);
  }

  /**
   * etcd's manifest is back: etcd starts at once. A kube-apiserver that was never killed finds
   * it again and serves; a crash-looping one serves once its running or next container
   * connects (see `servesAgainAt`).
   */
  #etcdBack(): void {
    this.#etcdGoneAt = undefined;
    const epoch = ++this.#etcdEpoch;
    if (this.#storageDown()) {
      this.#apiUp();
      for (const a of CONTROL_PLANE_ACTORS) if (!this.#manifestGone(a)) this.#rt.start(a);
      return;
    }
    const from = this.#crashLoopFrom;
    this.#crashLoopFrom = undefined;
    if (from === undefined) return;
    this.#rt.schedule(servesAgainAt(from, this.#rt.now), () => {
      if (epoch !== this.#etcdEpoch || this.#stopped.has(CONTROL_PLANE)) return;
      if (this.#manifestGone('api-server') || this.#etcdRestarting) return;
      this.#apiUp();
      for (const a of CONTROL_PLANE_ACTORS) if (!this.#manifestGone(a)) this.#rt.start(a);
    });
  }

  nodes(): readonly string[] {
    return this.#nodes;
  }

  stoppedNodes(): readonly string[] {
    return [...this.#stopped].sort();
  }

  readonly #boots = new Map<string, number>();

  nodeBoots(name: string): number {
    return this.#boots.get(name) ?? 0;
  }

  // ---------------------------------------------------------------- etcd backup and restore

  /** Kept etcd contents, by number - 1 (see `etcdSnapshotSave`). */
  readonly #backups: EtcdBackup<KubeObject>[] = [];
  /** The node directory etcd's data is in. */
  #etcdDir = ETCD_DATA_DIR;
  /** Counts etcd's restarts on another data directory (a later one supersedes a pending one). */
  #etcdRestarts = 0;

  #keep(): number {
    const store = this.#etcd.snapshot();
    let keys = 0;
    for (const g of store.groups.values()) keys += g.size;
    this.#backups.push({ store, leases: this.#etcd.leaseTable(), keys });
    return this.#backups.length;
  }

  etcdSnapshotSave(): { id: number; revision: number; keys: number } {
    this.#input({ op: 'etcd.snapshot', args: [] });
    const id = this.#keep();
    const b = this.#backups[id - 1]!;
    return { id, revision: b.store.revision, keys: b.keys };
  }

  etcdSnapshot(id: number): { revision: number; keys: number } | undefined {
    const b = Number.isInteger(id) ? this.#backups[id - 1] : undefined;
    return b && { revision: b.store.revision, keys: b.keys };
  }

  etcdDataDir(): string {
    return this.#etcdDir;
  }

  /**
   * etcd's manifest was written: when it moves etcd's data to another directory holding a
   * restored member, the kubelet restarts etcd there. The running etcd's data stays in its
   * old directory (a database its `member/snap/db` names, written without an input: a replay
   * writes it again here); the store becomes the restored one, its revision the snapshot's;
   * the API server refuses connections until etcd and then the API server are back
   * (`ETCD_RESTART_MS`), the scheduler and the controller manager, which lost their leader
   * lease meanwhile, start afresh, and every informer lists again.
   */
  #etcdManifest(text: string): void {
    const dir = etcdHostDataDir(text);
    if (dir === undefined || dir === this.#etcdDir) return;
    const scope = nodeFileScope(CONTROL_PLANE);
    const db = this.storedFiles(scope).find((f) => f.path === memberDb(dir))?.content;
    const info = readSnapshotFile(db ?? undefined);
    const backup = info?.id === undefined ? undefined : this.#backups[info.id - 1];
    // Not a restored member (the console refuses such a manifest): nothing to start from.
    if (!info || !backup) return;
    const kept = this.#keep();
    const old = this.#backups[kept - 1]!;
    const file: StoredFile = {
      path: memberDb(this.#etcdDir),
      content: snapshotFileText(old.store.revision, old.keys, kept, true),
      at: this.nowEpochMs(),
    };
    const files = (this.#files.get(scope) ?? []).filter((f) => f.path !== file.path);
    this.#files.set(scope, [...files, file]);
    this.#etcdDir = dir;
    this.#etcd.restore(
      backup.store,
      backup.leases,
      Math.max(0, info.revision - backup.store.revision),
    );
    this.#api.etcdRestarted();
    for (const a of CONTROL_PLANE_ACTORS) this.#rt.stop(a);
    this.#apiDown('process');
    const restart = ++this.#etcdRestarts;
    this.#etcdRestarting = true;
    this.#rt.schedule(this.#rt.now + ETCD_RESTART_MS, () => {
      if (restart !== this.#etcdRestarts || this.#stopped.has(CONTROL_PLANE)) return;
      this.#etcdRestarting = false;
      // Its manifest moved away meanwhile: the API server stays down.
      if (this.#manifestGone('api-server')) return;
      // The node's own agents ran on meanwhile (a kubelet stopped from the shell stays so).
      this.#apiUp();
      for (const a of CONTROL_PLANE_ACTORS) if (!this.#manifestGone(a)) this.#rt.start(a);
    });
  }
}

/** A fresh simulated cluster: control-plane + `workers` nodes, everything Running at virtual 0. */
export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new ClusterImpl(opts);
}

/**
 * Rebuild a cluster by replaying recorded inputs from the same options (seed, workers…):
 * each input is applied after the same number of runtime tasks, at the same virtual time.
 */
export function replay(inputs: readonly Input[], opts: ClusterOptions = {}): Cluster {
  const c = new ClusterImpl(opts);
  for (const input of inputs) {
    c.runTo(input.tasks, input.at);
    c.apply(input);
  }
  return c;
}

export type { ApiClient };
export { CONTROL_PLANE };
