/**
 * A node's container runtime (containerd behind the CRI; Docker in older clusters): its image
 * store, pod sandboxes and containers. The kubelet drives it in-process; the hops between
 * them (and to the registry) are recorded by the kubelet as messages.
 *
 * Pulls take time: a base latency plus the compressed size over the node's bandwidth, with a
 * little seeded jitter, and pulls on one node run one at a time (the kubelet's default
 * `serializeImagePulls: true`), so a queued pull reports its waiting time separately.
 */
import { parseImageName } from '../registry/imageName.ts';
import {
  type Layer,
  pullErrorText,
  type Registry,
  type ResolvedImage,
} from '../registry/registry.ts';

export interface CachedImage {
  /** Normalized references held for this image, e.g. `docker.io/library/nginx:latest`. */
  refs: string[];
  /** `docker.io/library/nginx@sha256:…` */
  repoDigest: string;
  digest: string;
  sizeBytes: number;
  /** The image's layers (digest, compressed size), to tell which blobs a later pull can skip. */
  layers: readonly Layer[];
}

/** One entry of `node.status.images`. */
export interface NodeImage {
  readonly names: readonly string[];
  readonly sizeBytes: number;
}

export type PullPlan =
  | {
      ok: true;
      image: string;
      ref: string;
      resolved: ResolvedImage;
      /** When the kubelet asked. */
      requestedAt: number;
      /** When the transfer started (after earlier pulls on this node finished). */
      startedAt: number;
      doneAt: number;
    }
  | {
      ok: false;
      image: string;
      ref: string;
      /** The CRI error text, `rpc error: code = NotFound desc = …`. */
      error: string;
      requestedAt: number;
      startedAt: number;
      doneAt: number;
    };

export interface RuntimeContainer {
  id: string;
  podUid: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'exited';
  startedAt?: number;
}

export interface Sandbox {
  id: string;
  podUid: string;
  state: 'ready' | 'notready';
}

export interface ContainerRuntimeOptions {
  /** Images already in the store (kube-system images on a kubeadm node). */
  preloaded?: readonly string[];
  /** Download speed, bytes per second (default 25 MB/s). */
  bandwidth?: number;
  /** Registry round trips before the transfer (default 600 ms). */
  baseLatencyMs?: number;
}

/** The text a UI shows for the runtime component. */
export const RUNTIME_LABEL = 'container runtime (containerd; Docker in older clusters)';
export const CONTAINERD_VERSION = 'containerd://1.7.24';

export class ContainerRuntime {
  readonly node: string;
  readonly actor: `container-runtime/${string}`;
  private readonly registry: Registry;
  private readonly bandwidth: number;
  private readonly baseLatencyMs: number;
  private readonly store = new Map<string, CachedImage>();
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly running = new Map<string, RuntimeContainer>();
  private busyUntil = Number.NEGATIVE_INFINITY;
  /** `images()` as last built, frozen; dropped when the store changes. */
  private imageList: readonly NodeImage[] | undefined;

  constructor(node: string, registry: Registry, opts: ContainerRuntimeOptions = {}) {
    this.node = node;
    this.actor = `container-runtime/${node}`;
    this.registry = registry;
    this.bandwidth = opts.bandwidth ?? 25_000_000;
    this.baseLatencyMs = opts.baseLatencyMs ?? 600;
    for (const image of opts.preloaded ?? []) {
      const res = registry.resolve(image);
      if (res.ok) this.addImage(res.image);
    }
  }

  /**
   * Store a pulled image under its digest and name it `img.ref`. A name is one image's: when a
   * tag now resolves to another digest (a re-pushed `:latest`), containerd moves the name to
   * the new image and the old one stays on disk unnamed (listed by its digest, as `crictl
   * images` shows `<none>`), so containers created from it keep reporting its digest.
   */
  private addImage(img: ResolvedImage): void {
    for (const other of this.store.values()) {
      if (other.digest === img.digest) continue;
      const at = other.refs.indexOf(img.ref);
      if (at >= 0) {
        other.refs.splice(at, 1);
        this.imageList = undefined;
      }
    }
    const existing = this.store.get(img.digest);
    if (existing) {
      if (!existing.refs.includes(img.ref)) {
        existing.refs.push(img.ref);
        this.imageList = undefined;
      }
      return;
    }
    this.imageList = undefined;
    this.store.set(img.digest, {
      refs: [img.ref],
      repoDigest: img.repoDigest,
      digest: img.digest,
      sizeBytes: img.sizeBytes,
      layers: img.layers,
    });
  }

  /** The cached image a reference names, as `crictl inspecti` would find it. */
  imageStatus(image: string): CachedImage | undefined {
    const name = parseImageName(image);
    if (!name) return undefined;
    for (const img of this.store.values()) {
      if (img.refs.includes(name.full)) return img;
      if (name.digest && img.digest === name.digest) return img;
    }
    return undefined;
  }

  hasImage(image: string): boolean {
    return this.imageStatus(image) !== undefined;
  }

  /**
   * `node.status.images`: largest first, names = repo digest and tags (as the kubelet lists
   * them). Frozen and built again only after the store changed: every node status sync writes
   * it, and the API server keeps a frozen array as it is.
   */
  images(): readonly NodeImage[] {
    this.imageList ??= Object.freeze(
      [...this.store.values()]
        .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.repoDigest < b.repoDigest ? -1 : 1))
        .map((img) =>
          Object.freeze({
            names: Object.freeze([img.repoDigest, ...img.refs]),
            sizeBytes: img.sizeBytes,
          }),
        ),
    );
    return this.imageList;
  }

  /**
   * Plan a pull requested at `now`: resolve against the registry, queue behind earlier pulls,
   * and compute when it finishes. Call `completePull` when the kubelet sees it done.
   */
  planPull(image: string, now: number, random: () => number): PullPlan {
    const res = this.registry.resolve(image);
    const startedAt = Math.max(now, this.busyUntil);
    const jitter = 0.92 + random() * 0.16;
    const name = parseImageName(image);
    const ref = name?.full ?? image;
    if (!res.ok) {
      const doneAt = startedAt + Math.round(this.baseLatencyMs * jitter);
      this.busyUntil = doneAt;
      return {
        ok: false,
        image,
        ref,
        error: pullErrorText(res),
        requestedAt: now,
        startedAt,
        doneAt,
      };
    }
    // Only the layers the store lacks are fetched (containerd skips a blob it holds): an image
    // cached under the resolved digest needs the manifest round trip alone (imagePullPolicy
    // Always), a rebuilt image on a cached base only its new layers.
    const transfer = (this.missingBytes(res.image) / this.bandwidth) * 1000;
    const doneAt = startedAt + Math.round((this.baseLatencyMs + transfer) * jitter);
    this.busyUntil = doneAt;
    return { ok: true, image, ref, resolved: res.image, requestedAt: now, startedAt, doneAt };
  }

  /** Compressed bytes of `img`'s layers that no cached image holds (all of them for a new base). */
  private missingBytes(img: ResolvedImage): number {
    if (this.store.has(img.digest)) return 0;
    const held = new Set<string>();
    for (const cached of this.store.values()) for (const l of cached.layers) held.add(l.digest);
    let missing = 0;
    for (const l of img.layers) if (!held.has(l.digest)) missing += l.sizeBytes;
    return missing;
  }

  /** Store the image of a finished successful pull. */
  completePull(plan: PullPlan): void {
    if (plan.ok) this.addImage(plan.resolved);
  }

  /** The pod's sandbox; a new one gets the id `newId()` gives (called only then). */
  runPodSandbox(podUid: string, newId: () => string): Sandbox {
    const existing = this.sandboxes.get(podUid);
    if (existing) return existing;
    const sandbox: Sandbox = { id: newId(), podUid, state: 'ready' };
    this.sandboxes.set(podUid, sandbox);
    return sandbox;
  }

  /** A new container with the id `id` (64 hex characters). */
  createContainer(podUid: string, name: string, image: string, id: string): string {
    this.running.set(id, { id, podUid, name, image, state: 'created' });
    return id;
  }

  startContainer(id: string, now: number): void {
    const c = this.running.get(id);
    if (c) {
      c.state = 'running';
      c.startedAt = now;
    }
  }

  /** Register a container that was running before the simulation started (bootstrap pods). */
  adoptContainer(podUid: string, name: string, image: string, id: string, now: number): void {
    this.running.set(id, { id, podUid, name, image, state: 'running', startedAt: now });
    if (!this.sandboxes.has(podUid)) {
      this.sandboxes.set(podUid, {
        id: `${id.slice(0, 32)}${id.slice(32)}`,
        podUid,
        state: 'ready',
      });
    }
  }

  stopContainer(id: string): void {
    const c = this.running.get(id);
    if (c) c.state = 'exited';
  }

  /** A static pod's mirror was recreated with a new uid: its sandbox and containers carry on. */
  renamePod(oldUid: string, newUid: string): void {
    const sandbox = this.sandboxes.get(oldUid);
    if (sandbox) {
      this.sandboxes.delete(oldUid);
      this.sandboxes.set(newUid, { ...sandbox, podUid: newUid });
    }
    for (const c of this.running.values()) if (c.podUid === oldUid) c.podUid = newUid;
  }

  /** Stop and remove a pod's sandbox and every container in it. */
  removePodSandbox(podUid: string): void {
    this.sandboxes.delete(podUid);
    for (const [id, c] of this.running) if (c.podUid === podUid) this.running.delete(id);
  }

  containers(): RuntimeContainer[] {
    return [...this.running.values()].map((c) => ({ ...c }));
  }

  sandboxList(): Sandbox[] {
    return [...this.sandboxes.values()].map((s) => ({ ...s }));
  }

  /** A reboot: sandboxes and containers are gone, the image store (on disk) survives. */
  reset(): void {
    this.sandboxes.clear();
    this.running.clear();
    this.busyUntil = Number.NEGATIVE_INFINITY;
  }
}
