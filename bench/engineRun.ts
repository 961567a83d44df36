/**
 * The engine case itself, shared by the Node runner (engineCase.ts) and the Chromium runner
 * (engineBrowserCase.ts): a Deployment `web` of nginx pods created on a fresh cluster, run
 * until the Deployment reports every replica ready.
 */
import { createCluster } from '../src/engine/index.ts';
import { webDeployment } from './webDeployment.ts';

type Cluster = ReturnType<typeof createCluster>;

/** A fresh cluster of `workers` worker nodes, settled, with snapshots and explanations off. */
export function benchCluster(workers: number, seed = 1): Cluster {
  const cluster = createCluster({ seed, workers, keepSnapshots: false, explain: false });
  cluster.settle();
  return cluster;
}

/**
 * `--warm`: the same case once on a throwaway cluster (another seed), so the measured run finds
 * the engine's code already compiled by the JavaScript engine, as it is once a page has been
 * used for a while.
 */
export function rehearse(replicas: number, workers: number, seed = 2): void {
  const rehearsal = benchCluster(workers, seed);
  rehearsal.client('kubectl').create('deployments', 'default', webDeployment(replicas));
  rehearsal.settle({ maxMs: 60 * 60 * 1000 });
}

/**
 * Create the Deployment and run until it reports every replica ready ("from create to all
 * Running": its controller has seen every pod Running). `sample` runs every 2,000 engine steps,
 * inside the run (a timer would never fire while the run holds the thread).
 */
export function runToAllReady(cluster: Cluster, replicas: number, sample?: () => void): void {
  const created = cluster
    .client('kubectl')
    .create('deployments', 'default', webDeployment(replicas));
  if (!created.ok) throw new Error(created.status.message);
  let ticks = 0;
  cluster.runUntil(
    () => {
      if (++ticks % 2000 !== 0) return false;
      sample?.();
      const status = cluster.peek('deployments', 'default', 'web')?.status as
        | { readyReplicas?: number }
        | undefined;
      return (status?.readyReplicas ?? 0) >= replicas;
    },
    60 * 60 * 1000,
  );
}

/** How many of the Deployment's pods are Running. */
export function runningPods(cluster: Cluster): number {
  const pods = cluster.client('kubectl').list('pods', 'default', { labelSelector: 'app=web' });
  return pods.ok
    ? pods.value.items.filter(
        (p) => (p.status as { phase?: string } | undefined)?.phase === 'Running',
      ).length
    : 0;
}
