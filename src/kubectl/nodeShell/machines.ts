/**
 * What the node shell (`ssh NODE`) needs of the simulated machines besides the API: which nodes
 * exist and run, and their kubelet services. The engine host provides it (engineHost.ts); a
 * host without it (a snapshot of the past) has no machine to log in to.
 */
import type { KubeObject, ResourceName } from '../../engine/api/types.ts';
import { RESOURCE_NAMES } from '../../engine/apiserver/resources.ts';
import type { Cluster } from '../../engine/index.ts';
import { CONTROL_PLANE } from '../../engine/index.ts';
import type { KubeProxy, ProxyRule } from '../../engine/node/kubeProxy.ts';

export interface NodeMachines {
  /** Every node, control plane first. */
  names(): readonly string[];
  /** The control-plane node's name. */
  controlPlane: string;
  /** Whether the machine is up (false after `sim stop-node`). */
  up(name: string): boolean;
  /** How many times the machine booted again (`sim start-node`). */
  boots?(name: string): number;
  kubeletRunning(name: string): boolean;
  stopKubelet(name: string): void;
  startKubelet(name: string): void;
  /** The kubelet's errors about the node's static pod manifests. */
  manifestErrors(name: string): readonly { path: string; error: string }[];
  /** Virtual ms of the simulation (the machines' uptime counts from 0). */
  now(): number;
  /** When the API server did not answer (virtual ms), and whether its machine was off. */
  apiOutages?(): readonly { from: number; to?: number; cause: 'machine' | 'process' | 'etcd' }[];
  /** The pods bound to a node, read without a request (what its kubelet and runtime hold). */
  podsOn(name: string): readonly KubeObject[];
  /** The cluster's objects of one resource, read without a request (etcd's own view). */
  list(resource: ResourceName): readonly KubeObject[];
  /** etcd's revision and key count (what `etcdctl snapshot save` saves). */
  etcdStatus(): { revision: number; keys: number };
  /** `etcdctl snapshot save`: etcd's contents kept by the engine (number, revision, keys). */
  etcdSnapshotSave?(): { id: number; revision: number; keys: number };
  /** A kept snapshot's revision and key count, if `id` names one. */
  etcdSnapshot?(id: number): { revision: number; keys: number } | undefined;
  /** The control-plane node directory etcd keeps its data in. */
  etcdDataDir?(): string;
  /** The service rules the node's kube-proxy has programmed (its iptables). */
  proxyRules?(name: string): readonly ProxyRule[];
  /** Whether those rules are left over from a kube-proxy that no longer runs on the node. */
  proxyStale?(name: string): boolean;
}

function proxyOf(cluster: Cluster, node: string): KubeProxy | undefined {
  return cluster.reconcilers.find((r) => r.actor === `kube-proxy/${node}`) as KubeProxy | undefined;
}

/** The machines of a simulated cluster. */
export function clusterMachines(cluster: Cluster): NodeMachines {
  return {
    names: () => cluster.nodes(),
    controlPlane: CONTROL_PLANE,
    up: (name) => !cluster.stoppedNodes().includes(name),
    boots: (name) => cluster.nodeBoots(name),
    kubeletRunning: (name) => cluster.kubeletRunning(name),
    stopKubelet: (name) => cluster.stopKubelet(name),
    startKubelet: (name) => cluster.startKubelet(name),
    manifestErrors: (name) => cluster.manifestErrors(name),
    now: () => cluster.now(),
    apiOutages: () => cluster.apiOutages(),
    podsOn: (name) => {
      const pods = cluster
        .snapshot()
        .list('pods')
        .filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === name);
      // A mirror pod left in the API (the API server was down when its file went) whose
      // static pod the kubelet no longer runs: the runtime holds none of its containers.
      if (!pods.some((p) => p.metadata?.annotations?.['kubernetes.io/config.mirror'])) return pods;
      const running = new Set(cluster.kubeletPods(name));
      return pods.filter(
        (p) =>
          !p.metadata?.annotations?.['kubernetes.io/config.mirror'] ||
          running.has(`${p.metadata.namespace}/${p.metadata.name}`),
      );
    },
    list: (resource) => cluster.snapshot().list(resource),
    etcdStatus: () => {
      const snap = cluster.snapshot();
      let keys = 0;
      for (const r of RESOURCE_NAMES) keys += snap.list(r).length;
      return { revision: snap.revision, keys };
    },
    etcdSnapshotSave: () => cluster.etcdSnapshotSave(),
    etcdSnapshot: (id) => cluster.etcdSnapshot(id),
    etcdDataDir: () => cluster.etcdDataDir(),
    proxyRules: (name) => proxyOf(cluster, name)?.rules() ?? [],
    proxyStale: (name) => proxyOf(cluster, name)?.stale() ?? false,
  };
}
