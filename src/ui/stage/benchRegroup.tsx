/**
 * The regroup benchmark's page (`?bench=regroup`, bench/frames.ts): a synthetic cluster of 300
 * pods on 30 nodes on the real stage, with the real grouping switch and namespace filter. Loaded
 * with `import()` only when asked for, so it costs the first view nothing.
 */
import { useMemo } from 'react';
import { selectGroupBy, selectHiddenNamespaces } from '../../store/viewStore.ts';
import { StageControls } from '../StageControls.tsx';
import { useView, useViewStore } from '../ViewStoreContext.tsx';
import { type StageModel, type StageNode, type StagePod, stageNamespaces } from './model.ts';
import { Stage } from './Stage.tsx';

const WORKLOAD_NAMESPACES = ['blue', 'default', 'green', 'orange'] as const;
const STATUSES = ['Running', 'Running', 'Running', 'ContainerCreating', 'Pending'] as const;

/**
 * A deterministic cluster: a control-plane node and `workers` workers; kube-system as kubeadm
 * makes it (static control-plane pods, CoreDNS, a kube-proxy per node); then workload pods
 * spread over the workers and four namespaces until there are `total` pods. Names look real
 * (`web-<hash>-<suffix>`), derived from the index, never from a random source.
 */
export function regroupModel(workers = 29, total = 300): StageModel {
  const nodes: StageNode[] = [
    { name: 'control-plane', role: 'control-plane', ready: true, schedulable: false },
  ];
  for (let i = 1; i <= workers; i++) {
    nodes.push({ name: `node${i}`, role: 'worker', ready: true, schedulable: true });
  }
  const pods: StagePod[] = [];
  const add = (namespace: string, name: string, node: string, status = 'Running') =>
    pods.push({ uid: `uid-${namespace}-${name}`, namespace, name, node, status });
  for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    add('kube-system', `${c}-control-plane`, 'control-plane');
  }
  add('kube-system', 'coredns-7c65d6cfc9-2xk8p', 'control-plane');
  add('kube-system', 'coredns-7c65d6cfc9-q4v7n', 'control-plane');
  for (const node of nodes) add('kube-system', `kube-proxy-${suffix(pods.length)}`, node.name);
  for (let i = 0; pods.length < total; i++) {
    const namespace = WORKLOAD_NAMESPACES[i % WORKLOAD_NAMESPACES.length] ?? 'default';
    const node = `node${(i % workers) + 1}`;
    const status = STATUSES[i % STATUSES.length] ?? 'Running';
    add(namespace, `web-6dc5cd68db-${suffix(i * 7919)}`, node, status);
  }
  return { nodes, pods, active: [], packets: [], stepId: 'bench-regroup' };
}

/** Five characters from Kubernetes' name alphabet (no vowels), from a number. */
function suffix(n: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  let x = n + 104729;
  for (let i = 0; i < 5; i++) {
    out += alphabet[x % alphabet.length];
    x = Math.floor(x / alphabet.length) + i * 31;
  }
  return out;
}

/** The benchmark page: the stage with the synthetic cluster and the view controls. */
export function BenchRegroup() {
  const view = useViewStore();
  const groupBy = useView(selectGroupBy);
  const hidden = useView(selectHiddenNamespaces);
  const model = useMemo(() => regroupModel(), []);
  const namespaces = useMemo(() => stageNamespaces(model).map((ns) => ns.name), [model]);
  return (
    <main className="app-main">
      <div className="main-col">
        <Stage
          model={model}
          groupBy={groupBy}
          hiddenNamespaces={hidden}
          controls={<StageControls namespaces={namespaces} view={view} />}
        />
      </div>
    </main>
  );
}
