import type { ApiClient, KubeObject, ResourceName } from '../engine/api/types.ts';
import type { Attributes, Decision, RulesReview, UserInfo } from '../engine/apiserver/rbac.ts';
import type { StoredChange, StoredFile } from '../engine/cluster.ts';
import type { PolicyCluster } from '../engine/node/policyNetwork.ts';
import type { Kubeconfig } from './kubeconfig.ts';
import type { NodeMachines } from './nodeShell/machines.ts';
import type { Workspace } from './workspace.ts';

/** What kubectl commands run against: the cluster's client, clocks and the learner's files. */
export interface KubectlHost {
  /** The engine's `client('kubectl')`: every request becomes a message from kubectl. */
  api: ApiClient;
  /** Virtual wall clock (epoch ms) for AGE columns. */
  nowEpochMs(): number;
  /** Let the cluster react (controllers, scheduler, kubelets) until it is quiet. */
  settle(): void;
  /** Let `ms` of virtual time pass, the cluster acting meanwhile (`sleep` in a command list). */
  advance?(ms: number): void;
  /** Step the cluster until `pred` holds or `maxVirtualMs` pass; returns whether it held. */
  runUntil(pred: () => boolean, maxVirtualMs: number): boolean;
  /**
   * Be told of each stored change to `resource` objects (in `namespace`, or all) as the
   * cluster runs, without a request: the stream `kubectl get -w` prints. Returns the stop.
   */
  observe?(
    resource: ResourceName,
    namespace: string | undefined,
    fn: (change: StoredChange) => void,
  ): () => void;
  /**
   * Virtual ms (`nowEpochMs` clock) of the cluster's last activity that was not housekeeping
   * (lease renewals and heartbeats go on forever): how a watch sees that the cluster settled.
   */
  lastActivityAt?(): number;
  /** The virtual workspace of files. */
  fs: Workspace;
  /** Contexts; the current context's namespace is every command's default. */
  kubeconfig: Kubeconfig;
  /**
   * Read one object without recording a request (for wait loops: kubectl watches once, it
   * does not poll). Falls back to `api.get` when absent.
   */
  peek?(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  /**
   * One object as it was at Unix ms `atEpochMs` (what a kubelet read when it synced a volume).
   * Absent: as it is now.
   */
  peekAt?(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    atEpochMs: number,
  ): KubeObject | undefined;
  /**
   * The NetworkPolicies the pod network enforces (the CNI's view, no request): what a
   * container's connections find. Absent: nothing is dropped.
   */
  networkPolicies?(): PolicyCluster;
  /**
   * Whether the node's machine is up (its kubelet answers the API server's proxied requests:
   * logs). Absent: every node is taken to be up unless its Ready condition is Unknown.
   */
  nodeUp?(name: string): boolean;
  /**
   * Whether the API server answers (false while the control-plane node is stopped: every
   * command that needs the server then fails to connect). Absent: it always answers.
   */
  apiServerUp?(): boolean;
  /**
   * Whether the API server runs without etcd: it accepts requests and those that need storage
   * time out. Absent: never.
   */
  apiStorageDown?(): boolean;
  /**
   * Files `kubectl exec` commands wrote in a storage scope (a container's layer, a volume),
   * and recording new ones. Absent: what an exec writes is gone when it ends.
   */
  storedFiles?(scope: string): readonly StoredFile[];
  writeFiles?(scope: string, files: readonly StoredFile[]): void;
  /** What a container's env and subPath mounts read when it started (see Cluster.startInputs). */
  startInputs?(
    containerID: string,
  ): Readonly<Record<string, Readonly<Record<string, string>>>> | undefined;
  /** The kubeconfig user's identity, when not kubernetes-admin (see kubeconfigAuth.ts). */
  identity?: UserInfo;
  /** The API client acting as `user` (kubectl's `--as`): each request is authorized (RBAC). */
  impersonate?(user: UserInfo): ApiClient;
  /** The API server's authorizer (SelfSubjectAccessReview). Absent: everything is allowed. */
  authorize?(user: UserInfo, attributes: Attributes): Decision;
  /** The rules `user` holds in `namespace` (SelfSubjectRulesReview). */
  rulesReview?(user: UserInfo, namespace: string): RulesReview;
  /** The nodes' machines, for the node shell (`ssh NODE`); absent: no node can be reached. */
  machines?: NodeMachines;
  /**
   * The developer's `docker` on this machine (the laptop's: a node's shell has none), run by the
   * shell for the command name `docker` anywhere in a line: `args` after the name, `cwd` the
   * shell's working directory (what `docker build .` reads), `stdin` what a pipe, a redirection
   * or a here-document feeds it. Absent: `bash: docker: command not found`.
   */
  docker?(args: string[], env: { cwd: string; stdin?: string }): RunResult;
  /**
   * The simulation's own command `sim` (stop-node, start-node, advance: src/cli/actions.ts), run
   * by the shell for the command name `sim` anywhere in a line (lists, loops, functions): `args`
   * after the name. Absent: `bash: sim: command not found`.
   */
  sim?(args: string[]): RunResult;
  /** Container logs, if the engine can produce them (else kubectl makes up an nginx log). */
  logs?(namespace: string, pod: string, container: string): string | undefined;
}

/** What one command line printed, and its exit code. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Both streams in the order they were printed, when that is not all of stdout then all of
   * stderr (a warning before the line it warns about, or an error of the first of two commands).
   */
  output?: OutputChunk[];
}

/** A stretch of output printed to one stream: stderr when `err`. */
export interface OutputChunk {
  err: boolean;
  text: string;
}

/** Appends `text` to `chunks`, joining it to the last chunk when that went to the same stream. */
export function pushChunk(chunks: OutputChunk[], err: boolean, text: string): void {
  if (text === '') return;
  const last = chunks[chunks.length - 1];
  if (last && last.err === err) last.text += text;
  else chunks.push({ err, text });
}

/** The output of `r` in print order. */
export function outputChunks(r: Pick<RunResult, 'stdout' | 'stderr' | 'output'>): OutputChunk[] {
  if (r.output) return r.output;
  const chunks: OutputChunk[] = [];
  pushChunk(chunks, false, r.stdout);
  pushChunk(chunks, true, r.stderr);
  return chunks;
}

/** `chunks` when their order matters (some stderr printed before some stdout), else undefined. */
export function orderedOutput(chunks: OutputChunk[]): OutputChunk[] | undefined {
  const firstErr = chunks.findIndex((c) => c.err);
  return firstErr >= 0 && chunks.slice(firstErr).some((c) => !c.err) ? chunks : undefined;
}
