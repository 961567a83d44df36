/**
 * A behaviour fingerprint of the engine, for speed work that must not change what the
 * simulation does: `npx tsx bench/fingerprint.ts` runs three fixed workloads and prints, for
 * each, a hash of the whole message log, every stored object (key order included) and the
 * scheduler's decisions. Run it before and after a change: any difference in behaviour moves a
 * hash. (Not a test: the hashes change, rightly, whenever the engine is taught something new.)
 */
import { createHash } from 'node:crypto';
import type { KubeObject, ResourceName } from '../src/engine/api/types.ts';
import { createCluster } from '../src/engine/index.ts';
import { webDeployment } from './webDeployment.ts';

const RESOURCES: ResourceName[] = [
  'pods',
  'nodes',
  'namespaces',
  'deployments',
  'replicasets',
  'daemonsets',
  'services',
  'endpoints',
  'events',
  'leases',
  'configmaps',
  'serviceaccounts',
  'secrets',
  'endpointslices',
  'priorityclasses',
];
const HOUR = 60 * 60 * 1000;

interface Workload {
  replicas: number;
  workers: number;
  explain: boolean;
  /** After the rollout: an image update with a scale-down, a bad image, a node stopping. */
  more: boolean;
}

function fingerprint({ replicas, workers, explain, more }: Workload) {
  const hash = createHash('sha256');
  const cluster = createCluster({ seed: 7, workers, keepSnapshots: false, explain });
  cluster.settle();
  const kubectl = cluster.client('kubectl');
  kubectl.create('deployments', 'default', webDeployment(replicas));
  cluster.settle({ maxMs: HOUR });
  if (more) {
    const web = structuredClone(cluster.peek('deployments', 'default', 'web')) as KubeObject & {
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    web.spec.replicas = Math.floor(replicas / 2);
    web.spec.template.spec.containers[0]!.image = 'nginx:1.25';
    kubectl.update('deployments', 'default', web);
    cluster.settle({ maxMs: HOUR });
    const bad = webDeployment(5) as KubeObject & {
      metadata: { name: string };
      spec: {
        selector: { matchLabels: Record<string, string> };
        template: {
          metadata: { labels: Record<string, string> };
          spec: { containers: { image: string }[] };
        };
      };
    };
    bad.metadata.name = 'bad';
    bad.spec.selector.matchLabels.app = 'bad';
    bad.spec.template.metadata.labels.app = 'bad';
    bad.spec.template.spec.containers[0]!.image = 'nginx:nope';
    kubectl.create('deployments', 'default', bad);
    cluster.settle({ maxMs: HOUR });
    cluster.stopNode('node2');
    cluster.settle({ maxMs: HOUR });
  }
  for (const m of cluster.messages) {
    hash.update(
      `${JSON.stringify([m.seq, m.at, m.from, m.to, m.kind, m.ref, m.summary, m.label, m.housekeeping])}\n`,
    );
  }
  const snapshot = cluster.snapshot();
  for (const r of RESOURCES)
    for (const o of snapshot.list(r)) hash.update(`${JSON.stringify(o)}\n`);
  for (const d of snapshot.decisions()) hash.update(`${JSON.stringify(d)}\n`);
  hash.update(JSON.stringify(cluster.errors));
  return {
    replicas,
    workers,
    explain,
    more,
    messages: cluster.messages.length,
    errors: cluster.errors.length,
    sha256: hash.digest('hex').slice(0, 16),
  };
}

for (const w of [
  { replicas: 1000, workers: 100, explain: false, more: false },
  { replicas: 300, workers: 30, explain: true, more: true },
  { replicas: 60, workers: 5, explain: true, more: true },
]) {
  console.log(JSON.stringify(fingerprint(w)));
}
