/**
 * The stage's view model: plain data that says what the diagram shows at one step. The stage
 * renders this and nothing else, so whatever produces it (the story layer, from the engine's
 * frames) can change without touching the components.
 */

/** A node of the cluster as the stage draws it. */
export interface StageNode {
  name: string;
  role: 'control-plane' | 'worker';
  /** The node's Ready condition. */
  ready: boolean;
  /** False when cordoned (`spec.unschedulable`). */
  schedulable: boolean;
  /**
   * The machine is off (`sim stop-node`): its kubelet, kube-proxy and container runtime are
   * down, and on the control-plane node the API server, etcd, scheduler and controller manager
   * too. `ready` still says what the Node object says, which lags behind.
   */
  stopped?: boolean;
  /**
   * The machine runs but its kubelet service does not (`systemctl stop kubelet`, or a kubelet
   * that exits at start because its configuration is broken): pods keep running, nothing
   * reports for the node, and the Node turns NotReady only once its lease runs out.
   */
  kubeletDown?: boolean;
  /**
   * In a lab step where no node fits a pod: why the scheduler's filters ruled this node out, in
   * short notation (`taint node-role.kubernetes.io/control-plane:NoSchedule`, `cpu 4 > 2`).
   */
  ruledOut?: string;
}

/** A pod as the stage draws it. */
export interface StagePod {
  uid: string;
  namespace: string;
  name: string;
  /** `spec.nodeName`, or null while the scheduler has not bound it. */
  node: string | null;
  /** What kubectl's STATUS column shows (Pending, ContainerCreating, Running, …). */
  status: string;
  /**
   * Completed, but its restart policy (Always) starts the container again: a crash loop
   * between two restarts, not a finished pod. Only set then.
   */
  restarting?: true;
  /** Running, but not every container is ready (READY 0/1: a readiness probe has not passed). */
  unready?: true;
}

/** The cluster-wide components, each drawn once. */
export type SharedComponentId =
  | 'developer'
  | 'registry'
  | 'api-server'
  | 'etcd'
  | 'scheduler'
  | 'controller-manager';

/** The per-node components. */
export type NodeComponentKind = 'kubelet' | 'kube-proxy' | 'container-runtime';

/**
 * Every box a message can leave from or arrive at. Per-node ids carry the node name; `node/NAME`
 * is the machine itself (its header on the stage): where an SSH session from the laptop lands.
 */
export type ComponentId = SharedComponentId | `${NodeComponentKind}/${string}` | `node/${string}`;

/** One message travelling along an edge in this step. */
export interface StagePacket {
  id: string;
  from: ComponentId;
  to: ComponentId;
  /** Short text the packet carries, e.g. `POST /apis/apps/v1/namespaces/default/deployments`. */
  label: string;
}

/** A namespace as the stage draws it (`kubectl get namespaces`: NAME and STATUS). */
export interface StageNamespace {
  name: string;
  phase: 'Active' | 'Terminating';
}

/** How the stage arranges pods: inside their nodes, or one box per namespace. */
export type GroupBy = 'node' | 'namespace';
export const GROUP_BY: readonly GroupBy[] = ['node', 'namespace'];

/** What the stage shows at one step. */
export interface StageModel {
  nodes: StageNode[];
  pods: StagePod[];
  /**
   * Namespaces to show even when they have no pods (the lab lists the cluster's own). Left out,
   * the stage shows the namespaces its pods are in.
   */
  namespaces?: StageNamespace[];
  /** Components acting in this step. */
  active: ComponentId[];
  packets: StagePacket[];
  /** The step's id (`data-step` on the stage root). */
  stepId?: string;
}

export const SHARED_COMPONENTS: readonly SharedComponentId[] = [
  'developer',
  'registry',
  'api-server',
  'etcd',
  'scheduler',
  'controller-manager',
];

export const NODE_COMPONENT_KINDS: readonly NodeComponentKind[] = [
  'kubelet',
  'kube-proxy',
  'container-runtime',
];

/** The id of a per-node component. */
export function nodeComponentId(kind: NodeComponentKind, node: string): ComponentId {
  return `${kind}/${node}`;
}

/**
 * Split a component id into its kind (the `data-component` value) and node (for per-node
 * components; `data-node`). Unknown ids give null.
 */
export function parseComponentId(
  id: string,
): { kind: SharedComponentId | NodeComponentKind; node?: string } | null {
  if ((SHARED_COMPONENTS as readonly string[]).includes(id)) {
    return { kind: id as SharedComponentId };
  }
  const slash = id.indexOf('/');
  if (slash <= 0) return null;
  const kind = id.slice(0, slash);
  const node = id.slice(slash + 1);
  if (!node || !(NODE_COMPONENT_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as NodeComponentKind, node };
}

/**
 * Like `parseComponentId`, and also the machine (`node/NAME`, kind `node`): what a message's
 * route names. Cards are components only; a route may end at a node's header.
 */
export function parseRouteEnd(
  id: string,
): { kind: SharedComponentId | NodeComponentKind | 'node'; node?: string } | null {
  const machine = /^node\/(.+)$/.exec(id);
  if (machine) return { kind: 'node', node: machine[1] as string };
  return parseComponentId(id);
}

/** Namespaces whose pods are folded into a per-node summary chip unless expanded. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system'];

/** kubectl's STATUS column for a node: `Ready`, `NotReady`, `Ready,SchedulingDisabled`. */
export function nodeStatusText(node: StageNode): string {
  const base = node.ready ? 'Ready' : 'NotReady';
  return node.schedulable ? base : `${base},SchedulingDisabled`;
}

/** The pods the stage places on `node`, split into the learner's pods and system pods. */
export interface NodePods {
  workload: StagePod[];
  system: StagePod[];
}

/**
 * Order two Kubernetes names (namespaces, pods) as kubectl lists them: by code point, which is
 * Go's string order. Not `localeCompare`: its first call loads the ICU collator, 40-50 ms on the
 * page's first render, and for names (lowercase letters, digits, `-`, `.`) the order is the same.
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Group pods for drawing: per node (in the model's node order), plus the unscheduled ones
 * that wait in the scheduler's tray. Pods bound to a node the model does not list are kept
 * in `orphans` rather than dropped, so nothing silently disappears. Order within a group
 * is namespace, then name, so a pod keeps its place between steps.
 */
export function groupPods(model: StageModel): {
  byNode: Map<string, NodePods>;
  unscheduled: StagePod[];
  orphans: StagePod[];
} {
  const byNode = new Map<string, NodePods>();
  for (const node of model.nodes) byNode.set(node.name, { workload: [], system: [] });
  const unscheduled: StagePod[] = [];
  const orphans: StagePod[] = [];
  const sorted = [...model.pods].sort(
    (a, b) => compareNames(a.namespace, b.namespace) || compareNames(a.name, b.name),
  );
  for (const pod of sorted) {
    if (pod.node === null || pod.node === '') {
      unscheduled.push(pod);
      continue;
    }
    const group = byNode.get(pod.node);
    if (!group) orphans.push(pod);
    else if (SYSTEM_NAMESPACES.includes(pod.namespace)) group.system.push(pod);
    else group.workload.push(pod);
  }
  return { byNode, unscheduled, orphans };
}

/**
 * The namespaces the stage shows, sorted by name as `kubectl get namespaces` lists them: the
 * model's own list when it has one, plus any namespace a pod is in that the list forgot (a pod
 * never disappears because its namespace was not listed).
 */
export function stageNamespaces(model: StageModel): StageNamespace[] {
  const byName = new Map<string, StageNamespace>();
  for (const ns of model.namespaces ?? []) byName.set(ns.name, ns);
  for (const pod of model.pods) {
    if (!byName.has(pod.namespace))
      byName.set(pod.namespace, { name: pod.namespace, phase: 'Active' });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Pods bound to a node, per namespace, for the namespace grouping (namespace order as
 * `stageNamespaces`; inside one, by node in the model's order, then pod name, so a busy
 * namespace reads node by node: the same nodes serve every namespace). Pods waiting for the
 * scheduler are left out: they have no node yet and stay in the scheduler's tray in both
 * groupings.
 */
export function podsByNamespace(model: StageModel): Map<string, StagePod[]> {
  const out = new Map<string, StagePod[]>();
  for (const ns of stageNamespaces(model)) out.set(ns.name, []);
  const nodeOrder = new Map(model.nodes.map((n, i) => [n.name, i]));
  const rank = (p: StagePod) => nodeOrder.get(p.node ?? '') ?? model.nodes.length;
  const sorted = [...model.pods].sort(
    (a, b) =>
      rank(a) - rank(b) || compareNames(a.node ?? '', b.node ?? '') || compareNames(a.name, b.name),
  );
  for (const pod of sorted) {
    if (pod.node === null || pod.node === '') continue;
    out.get(pod.namespace)?.push(pod);
  }
  return out;
}

/** The visual tone of a pod STATUS: colour is always paired with the status word itself. */
export type StatusTone = 'ok' | 'progress' | 'waiting' | 'error' | 'ending';

/** Map kubectl's STATUS value to a tone. Unknown values count as errors so they stand out. */
export function statusTone(status: string, restarting = false, unready = false): StatusTone {
  // A Completed container that will be restarted is a crash loop between two restarts.
  if (status === 'Completed' && restarting) return 'error';
  // Running but not ready (READY 0/1): not serving yet.
  if (status === 'Running' && unready) return 'progress';
  if (status === 'Running' || status === 'Completed' || status === 'Succeeded') return 'ok';
  if (status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:'))
    return status.startsWith('Init:') && !/^Init:\d+\/\d+$/.test(status) ? 'error' : 'progress';
  if (status === 'Pending' || status === 'SchedulingGated') return 'waiting';
  if (status === 'Terminating' || status === 'Unknown') return 'ending';
  return 'error';
}

/**
 * Colours (hue in degrees, saturation in %) of the namespaces every cluster has. `default` is a
 * neutral slate, so a learner's own namespaces (blue, orange…) stand out from it; the kube-*
 * ones are muted and far apart from each other.
 */
const CLUSTER_NAMESPACES: Record<string, readonly [number, number]> = {
  default: [215, 12],
  'kube-system': [260, 45],
  'kube-public': [180, 40],
  'kube-node-lease': [55, 45],
};

/** Colour words a namespace name may carry (`red`, `team-blue`): drawn in that colour. */
const COLOUR_WORDS: Record<string, number> = {
  red: 0,
  orange: 28,
  yellow: 50,
  lime: 90,
  green: 135,
  teal: 172,
  cyan: 190,
  blue: 225,
  indigo: 245,
  purple: 275,
  violet: 275,
  magenta: 305,
  pink: 330,
};

/** Hues for any other name, spread round the wheel: a name hashes to one of them. */
const SPREAD_HUES = [10, 40, 75, 105, 135, 165, 195, 225, 255, 285, 315, 345];

/** Saturation (%) of a learner's namespace. */
const NAMESPACE_SATURATION = 65;

/**
 * The hue a namespace is drawn in, the same wherever it appears. The cluster's own namespaces
 * have fixed hues; a name with a colour word (`red`, `team-green`) is drawn in that colour; any
 * other name hashes (FNV-1a) to one of twelve well-spread hues, stable across reloads.
 */
export function namespaceHue(namespace: string): number {
  const known = CLUSTER_NAMESPACES[namespace];
  if (known !== undefined) return known[0];
  for (const word of namespace.split(/[-.]/)) {
    const hue = COLOUR_WORDS[word];
    if (hue !== undefined) return hue;
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < namespace.length; i++) {
    hash ^= namespace.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return SPREAD_HUES[hash % SPREAD_HUES.length] as number;
}

/** The saturation (%) a namespace is drawn with: muted for the cluster's own, full for others. */
export function namespaceSaturation(namespace: string): number {
  return CLUSTER_NAMESPACES[namespace]?.[1] ?? NAMESPACE_SATURATION;
}

/**
 * The CSS custom properties that colour a namespace (`--ns-hue`, `--ns-sat`), for a `style`
 * attribute; stylesheets draw it as `hsl(var(--ns-hue) var(--ns-sat) 50%)`.
 */
export function namespaceStyle(namespace: string): Record<string, string | number> {
  return { '--ns-hue': namespaceHue(namespace), '--ns-sat': `${namespaceSaturation(namespace)}%` };
}
