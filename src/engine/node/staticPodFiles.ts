/**
 * The kubelet's file source of static pods (pkg/kubelet/config/file.go and common.go): every
 * file in `staticPodPath` (kubeadm: /etc/kubernetes/manifests) whose name does not start with a
 * dot holds one pod, in YAML or JSON. The kubelet names it `<name>-<node>` (lowercased node),
 * puts it in `default` when it names no namespace, binds it to its node, adds a NoExecute
 * toleration for every taint, and hashes it: the hash is the pod's UID and its
 * `kubernetes.io/config.hash`, and later the mirror pod's `kubernetes.io/config.mirror`.
 *
 * The node's files are the ones written from its shell (scope `hostPath:<node>:/`, absolute
 * paths), the same store a hostPath volume of the node reads.
 */
import { parse } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../util/clock.ts';
import { hostPathScope } from './hostPaths.ts';

/** kubeadm's `staticPodPath` in /var/lib/kubelet/config.yaml. */
export const STATIC_POD_PATH = '/etc/kubernetes/manifests';

/** The storage scope of what is written on a node's own file system (its shell, `ssh NODE`). */
export function nodeFileScope(node: string): string {
  return hostPathScope(node, '/');
}

/** systemd's symlink that starts the kubelet service at boot (`systemctl enable kubelet`). */
export const KUBELET_WANTS = '/etc/systemd/system/multi-user.target.wants/kubelet.service';

/**
 * Whether the node's kubelet service was disabled from its shell (`systemctl disable kubelet`
 * removed the symlink): when the machine boots, systemd does not start it.
 */
export function kubeletDisabled(
  files: readonly { path: string; content: string | null }[],
): boolean {
  return files.some((f) => f.path === KUBELET_WANTS && f.content === null);
}

/** A static pod read from a manifest file. */
export interface StaticPodFile {
  /** The kubelet's work key of its pod (`pod/<ns>/<name>-<node>`). */
  key: string;
  path: string;
  /** The pod as the kubelet keeps it (what its mirror pod is made from). */
  pod: KubeObject;
  /** `kubernetes.io/config.hash`: 32 hex digits. */
  hash: string;
}

/** A manifest the kubelet could not use, and why (its log line's `err`). */
export interface StaticPodError {
  path: string;
  error: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** 128 bits of FNV-1a over `text` (stands in for the kubelet's md5 of the pod). */
export function hash128(text: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why the kubelet refuses a decoded manifest (`tryDecodeSinglePod`'s checks), if it does. */
function invalid(doc: Obj): string | undefined {
  if (doc.kind !== 'Pod')
    return `invalid pod: kind is ${JSON.stringify(doc.kind ?? '')}, not "Pod"`;
  if (doc.apiVersion !== 'v1')
    return `invalid pod: apiVersion ${JSON.stringify(doc.apiVersion ?? '')} is not "v1"`;
  const meta = isObj(doc.metadata) ? doc.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '')
    return 'invalid pod: [metadata.name: Required value: name or generateName is required]';
  const spec = isObj(doc.spec) ? doc.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.length === 0) return 'invalid pod: [spec.containers: Required value]';
  for (const [i, c] of containers.entries()) {
    if (!isObj(c) || typeof c.name !== 'string' || !DNS_LABEL.test(c.name))
      return `invalid pod: [spec.containers[${i}].name: Required value]`;
    if (typeof c.image !== 'string' || c.image === '')
      return `invalid pod: [spec.containers[${i}].image: Required value]`;
  }
  return undefined;
}

/** The config hash of a manifest read from `path` on `node`: the static pod's UID. */
function docHash(doc: unknown, node: string, path: string): string {
  return hash128(`${JSON.stringify(doc)}host:${node}file:${path}`);
}

/** The config hash the kubelet gives the manifest `text` at `path` (undefined: not a pod). */
export function staticPodHash(node: string, path: string, text: string): string | undefined {
  try {
    const doc = parse(text);
    return isObj(doc) && !invalid(doc) ? docHash(doc, node, path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The static pods of node `node` from its files (the last write of each path; `null` content:
 * removed), at virtual ms `now`. Files outside the static pod path, or whose name starts with a
 * dot, are not manifests.
 */
export function staticPodsFromFiles(
  node: string,
  files: readonly { path: string; content: string | null }[],
  now: number,
  seen: ReadonlyMap<string, string> = new Map(),
): { pods: StaticPodFile[]; errors: StaticPodError[] } {
  const pods: StaticPodFile[] = [];
  const errors: StaticPodError[] = [];
  const prefix = `${STATIC_POD_PATH}/`;
  for (const f of files) {
    if (f.content === null || !f.path.startsWith(prefix)) continue;
    const base = f.path.slice(prefix.length);
    if (base === '' || base.includes('/') || base.startsWith('.')) continue;
    let doc: unknown;
    try {
      doc = parse(f.content);
    } catch (e) {
      errors.push({ path: f.path, error: `could not decode: ${(e as Error).message}` });
      continue;
    }
    if (doc === null || doc === undefined) continue;
    if (!isObj(doc)) {
      errors.push({ path: f.path, error: 'invalid pod: the manifest is not an object' });
      continue;
    }
    const why = invalid(doc);
    if (why) {
      errors.push({ path: f.path, error: why });
      continue;
    }
    const meta = doc.metadata as Obj;
    const spec = { ...(doc.spec as Obj) };
    const name = `${meta.name as string}-${node.toLowerCase()}`;
    const namespace =
      typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
    const hash = docHash(doc, node, f.path);
    spec.nodeName = node;
    spec.tolerations = [
      ...(Array.isArray(spec.tolerations) ? spec.tolerations : []),
      { operator: 'Exists', effect: 'NoExecute' },
    ];
    const annotations: Record<string, string> = {};
    if (isObj(meta.annotations))
      for (const [k, v] of Object.entries(meta.annotations)) annotations[k] = String(v);
    annotations['kubernetes.io/config.hash'] = hash;
    annotations['kubernetes.io/config.mirror'] = hash;
    // First seen when this content was first read (a rewrite with the same content keeps it).
    annotations['kubernetes.io/config.seen'] = seen.get(hash) ?? rfc3339(now);
    annotations['kubernetes.io/config.source'] = 'file';
    const metadata: Obj = { name, namespace, annotations };
    if (isObj(meta.labels)) {
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(meta.labels)) labels[k] = String(v);
      metadata.labels = labels;
    }
    pods.push({
      key: `pod/${namespace}/${name}`,
      path: f.path,
      pod: { apiVersion: 'v1', kind: 'Pod', metadata, spec } as KubeObject,
      hash,
    });
  }
  return { pods, errors };
}
