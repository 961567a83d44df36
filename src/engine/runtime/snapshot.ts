/**
 * An immutable frame of the cluster: every stored object by resource, the message count,
 * virtual time, the scheduler's decisions and the registry's contents. Built in O(resources)
 * by structural sharing, so the UI can keep one per message.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { RESOURCES } from '../apiserver/resources.ts';
import type { EtcdSnapshot } from '../etcd/etcd.ts';
import type { Decision } from '../scheduler/scheduler.ts';
import type { FrozenMap } from '../util/persistentMap.ts';

export class Snapshot {
  /** Number of messages recorded when the frame was taken (the next message's seq). */
  readonly seq: number;
  /** Virtual ms. */
  readonly now: number;
  /** Nodes whose kubelet, kube-proxy and runtime are stopped. */
  readonly stoppedNodes: readonly string[];
  /** Running nodes whose kubelet service is down (`systemctl stop kubelet`, or failing to start). */
  readonly stoppedKubelets: readonly string[];
  /** The registry's contents (shape owned by src/engine/registry). */
  readonly registry: unknown;
  readonly #etcd: EtcdSnapshot<KubeObject>;
  readonly #decisions: FrozenMap<Decision>;
  readonly #lists = new Map<string, readonly KubeObject[]>();

  constructor(init: {
    seq: number;
    now: number;
    etcd: EtcdSnapshot<KubeObject>;
    decisions: FrozenMap<Decision>;
    registry: unknown;
    stoppedNodes: readonly string[];
    stoppedKubelets?: readonly string[];
  }) {
    this.seq = init.seq;
    this.now = init.now;
    this.#etcd = init.etcd;
    this.#decisions = init.decisions;
    this.registry = init.registry;
    this.stoppedNodes = init.stoppedNodes;
    this.stoppedKubelets = init.stoppedKubelets ?? [];
  }

  /** etcd revision (the latest resourceVersion). */
  get revision(): number {
    return this.#etcd.revision;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const r = RESOURCES[resource];
    const key = r.namespaced ? `${r.etcdPrefix}/${namespace}/${name}` : `${r.etcdPrefix}/${name}`;
    return this.#etcd.groups.get(r.etcdPrefix)?.get(key)?.value;
  }

  /** Objects of a resource (optionally one namespace), sorted by namespace then name. */
  list(resource: ResourceName, namespace?: string): readonly KubeObject[] {
    const memo = `${resource}\u0000${namespace ?? ''}`;
    const hit = this.#lists.get(memo);
    if (hit) return hit;
    const r = RESOURCES[resource];
    const group = this.#etcd.groups.get(r.etcdPrefix);
    const prefix =
      namespace !== undefined && r.namespaced
        ? `${r.etcdPrefix}/${namespace}/`
        : `${r.etcdPrefix}/`;
    const out: { key: string; value: KubeObject }[] = [];
    if (group) for (const kv of group.values()) if (kv.key.startsWith(prefix)) out.push(kv);
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const list = Object.freeze(out.map((kv) => kv.value));
    this.#lists.set(memo, list);
    return list;
  }

  /** The scheduler's last decision for a pod (`namespace/name`). */
  decision(pod: string): Decision | undefined {
    return this.#decisions.get(pod);
  }

  /** All decisions kept (pods that still exist). */
  decisions(): Decision[] {
    return [...this.#decisions.values()];
  }
}
