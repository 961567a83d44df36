import type { ApiClient, KubeObject, ResourceName } from '../engine/api/types.ts';
import type { Kubeconfig } from './kubeconfig.ts';
import type { Workspace } from './workspace.ts';

/** What kubectl commands run against: the cluster's client, clocks and the learner's files. */
export interface KubectlHost {
  /** The engine's `client('kubectl')`: every request becomes a message from kubectl. */
  api: ApiClient;
  /** Virtual wall clock (epoch ms) for AGE columns. */
  nowEpochMs(): number;
  /** Let the cluster react (controllers, scheduler, kubelets) until it is quiet. */
  settle(): void;
  /** Step the cluster until `pred` holds or `maxVirtualMs` pass; returns whether it held. */
  runUntil(pred: () => boolean, maxVirtualMs: number): boolean;
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
  /** Container logs, if the engine can produce them (else kubectl makes up an nginx log). */
  logs?(namespace: string, pod: string, container: string): string | undefined;
}

/** What one command line printed, and its exit code. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
