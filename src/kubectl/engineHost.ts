/** A KubectlHost over a simulated cluster from `createCluster` (the console's and CLI's host). */
import type { Cluster, Message } from '../engine/index.ts';
import { epochMs } from '../engine/util/clock.ts';
import type { KubectlHost, RunResult } from './host.ts';
import { createKubeconfig, type Kubeconfig } from './kubeconfig.ts';
import { clusterMachines } from './nodeShell/machines.ts';
import { createWorkspace, type Workspace } from './workspace.ts';

export interface EngineHostOptions {
  fs?: Workspace;
  kubeconfig?: Kubeconfig;
  /**
   * The laptop's docker over this host's files (src/cli/docker.ts's runDocker, which this module
   * does not import): the shell's `docker` command. Absent: the console has no docker.
   */
  docker?: (args: string[], env: { fs: Workspace; cwd: string; stdin?: string }) => RunResult;
  /** The shell's `sim` (src/cli/actions.ts's `simCommand`). Absent: the console has no `sim`. */
  sim?: (args: string[]) => RunResult;
}

/** kubectl's view of a cluster: its `client('kubectl')`, virtual clock and settling. */
export function hostForCluster(cluster: Cluster, opts: EngineHostOptions = {}): KubectlHost {
  const fs = opts.fs ?? createWorkspace();
  let scanned = cluster.messages.length;
  let lastBusy = cluster.now();
  // What the shell writes is stamped with the cluster's virtual time (`ls -l`).
  fs.startClock(() => cluster.nowEpochMs());
  const docker = opts.docker;
  return {
    ...(docker
      ? {
          docker: (args: string[], env: { cwd: string; stdin?: string }) =>
            docker(args, { fs, ...env }),
        }
      : {}),
    ...(opts.sim ? { sim: opts.sim } : {}),
    api: cluster.client('kubectl'),
    impersonate: (user) => cluster.clientAs('kubectl', user),
    authorize: (user, a) => cluster.authorize(user, a),
    rulesReview: (user, ns) => cluster.rulesReview(user, ns),
    nowEpochMs: () => cluster.nowEpochMs(),
    settle: () => {
      cluster.settle();
    },
    advance: (ms) => cluster.advance(ms),
    runUntil: (pred, maxVirtualMs) => cluster.runUntil(() => pred(), maxVirtualMs),
    observe: (resource, namespace, fn) => cluster.observe(resource, namespace, fn),
    lastActivityAt: () => {
      // The messages only grow: scan what came since the last call.
      const msgs = cluster.messages;
      for (; scanned < msgs.length; scanned++) {
        const m = msgs[scanned] as Message;
        if (!m.housekeeping) lastBusy = m.at;
      }
      return epochMs(lastBusy);
    },
    peek: (resource, namespace, name) => cluster.peek(resource, namespace, name),
    peekAt: (resource, namespace, name, at) => cluster.peekAt(resource, namespace, name, at),
    networkPolicies: () => cluster.policyCluster(),
    nodeUp: (name) => !cluster.stoppedNodes().includes(name),
    apiServerUp: () => cluster.apiServerUp(),
    apiStorageDown: () => cluster.apiStorageDown(),
    storedFiles: (scope) => cluster.storedFiles(scope),
    writeFiles: (scope, files) => cluster.writeFiles(scope, files),
    startInputs: (id) => cluster.startInputs(id),
    machines: clusterMachines(cluster),
    fs,
    kubeconfig: opts.kubeconfig ?? createKubeconfig(),
  };
}
