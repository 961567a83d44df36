/**
 * Scheduler-only micro-benchmark: the kube-scheduler actor alone, fed the watch events and
 * reconcile calls the runtime would give it, for <pods> replicas of one Deployment on
 * <workers> worker nodes (plus the tainted control plane).
 *
 *   npx esbuild bench/scheduler.ts --bundle --platform=node --format=esm --outfile=/tmp/s.mjs
 *   node --single-threaded /tmp/s.mjs <pods> <workers> [explain]
 *
 * Nodes and the pod come from a real simulated cluster (so they carry the engine's labels,
 * images, tolerations and owner references); each replica is a frozen copy with its own name
 * and uid. Per replica: ADDED (unscheduled) → reconcile (schedule, assume, bind) → MODIFIED
 * with `spec.nodeName` → two status-only MODIFIED events, as the kubelet's updates arrive.
 * Every fourth node holds the nginx image. Prints one JSON line: CPU ms of the whole run and a
 * checksum of the chosen nodes, so two versions of the scheduler can be compared for both
 * speed and identical decisions.
 */
import type { KubeObject } from '../src/engine/api/types.ts';
import type { ClusterClient } from '../src/engine/apiserver/apiserver.ts';
import { createCluster } from '../src/engine/index.ts';
import type { Cache, ReconcileContext, WatchEvent } from '../src/engine/runtime/controller.ts';
import { createScheduler } from '../src/engine/scheduler/scheduler.ts';
import { deepFreeze } from '../src/engine/util/persistentMap.ts';
import { webDeployment } from './webDeployment.ts';

const pods = Number(process.argv[2] ?? 1000);
const workers = Number(process.argv[3] ?? 100);
const explain = process.argv[4] === 'explain';

// Real objects: the settled cluster's nodes and one replica of a Deployment.
const cluster = createCluster({ seed: 1, workers, keepSnapshots: false, explain: false });
cluster.settle();
const kubectl = cluster.client('kubectl');
const created = kubectl.create('deployments', 'default', webDeployment(1));
if (!created.ok) throw new Error(created.status.message);
cluster.settle();
const listedNodes = kubectl.list('nodes', undefined);
const listedPods = kubectl.list('pods', 'default');
if (!listedNodes.ok || !listedPods.ok) throw new Error('list failed');
const template = listedPods.value.items[0]!;
type Image = { names?: string[]; sizeBytes?: number };
const nginx: Image = { names: ['docker.io/library/nginx:latest'], sizeBytes: 72_000_000 };
const nodes = listedNodes.value.items.map((n, i): KubeObject => {
  const status = (n.status ?? {}) as { images?: Image[] };
  const images = (status.images ?? []).filter((img) => !img.names?.includes(nginx.names![0]!));
  if (i % 4 === 1) images.push(nginx);
  return deepFreeze({ ...structuredClone(n), status: { ...structuredClone(status), images } });
});

/** Park–Miller, as a stand-in for the runtime's seeded source. */
let seed = 42;
const random = () => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};

const hash = template.metadata?.labels?.['pod-template-hash'] ?? 'h';
const { nodeName: _bound, ...unboundSpec } = template.spec as { nodeName?: string };
const replicas: KubeObject[] = [];
for (let i = 0; i < pods; i++) {
  const p = structuredClone({ ...template, spec: unboundSpec, status: { phase: 'Pending' } });
  replicas.push(
    deepFreeze({ ...p, metadata: { ...p.metadata, name: `web-${hash}-${i}`, uid: `uid-${i}` } }),
  );
}

const current = new Map<string, KubeObject>();
const cache: Cache = {
  get: (_r, ns, name) => current.get(`${ns}/${name}`),
  list: () => [],
};
let boundTo = '';
const client = {
  bind: (_ns: string, _name: string, node: string) => {
    boundTo = node;
    return { ok: true, value: {} };
  },
} as unknown as ClusterClient;
const ctx: ReconcileContext = {
  now: 0,
  timestamp: () => '2025-01-01T00:00:00Z',
  random,
  randomHex64: () => '0'.repeat(64),
  recordEvent: () => {},
  send: () => {},
  requeueAfter: () => {},
};

const scheduler = createScheduler({ explain });
scheduler.attach(client);
scheduler.onStart?.();
const deliver = (e: WatchEvent) => {
  scheduler.observe?.(e);
  return scheduler.keysFor(e.resource, e.object);
};
for (const n of nodes) deliver({ type: 'ADDED', resource: 'nodes', object: n });

const cpuStart = process.cpuUsage();
const wallStart = performance.now();
let checksum = 0;
for (let i = 0; i < pods; i++) {
  const pod = replicas[i]!;
  const key = `default/${pod.metadata!.name}`;
  current.set(key, pod);
  deliver({ type: 'ADDED', resource: 'pods', object: pod });
  ctx.now = i;
  scheduler.reconcile(key, cache, ctx);
  for (let k = 0; k < boundTo.length; k++) checksum = (checksum * 31 + boundTo.charCodeAt(k)) | 0;
  let old: KubeObject = pod;
  const bound: KubeObject = deepFreeze({
    ...pod,
    spec: { ...(pod.spec as object), nodeName: boundTo },
  });
  deliver({ type: 'MODIFIED', resource: 'pods', object: bound, old });
  old = bound;
  for (const phase of ['Pending', 'Running']) {
    const next = deepFreeze({ ...old, status: { phase } }) as KubeObject;
    deliver({ type: 'MODIFIED', resource: 'pods', object: next, old });
    old = next;
  }
  current.set(key, old);
}
const cpu = process.cpuUsage(cpuStart);
console.log(
  JSON.stringify({
    pods,
    workers,
    explain,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    wallMs: Math.round(performance.now() - wallStart),
    decisions: scheduler.decisions.size,
    checksum,
  }),
);
