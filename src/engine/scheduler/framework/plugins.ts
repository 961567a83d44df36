/**
 * The default plugin set of kube-scheduler 1.32 (`default_plugins.go`, MultiPoint), in order,
 * with the extension points each one implements and its score weight. `simulated` says
 * whether the simulation models the plugin (SchedulingGates' PreEnqueue check is the
 * scheduler actor's: it queues no gated pod); the others are listed for the UI and have nothing
 * to do in this cluster (no volumes; the queue is the actor's).
 */
export type ExtensionPoint =
  | 'preEnqueue'
  | 'queueSort'
  | 'preFilter'
  | 'filter'
  | 'postFilter'
  | 'preScore'
  | 'score'
  | 'reserve'
  | 'preBind'
  | 'bind';

export interface PluginInfo {
  name: string;
  extensionPoints: readonly ExtensionPoint[];
  /** Score weight, for plugins with a score extension point. */
  weight?: number;
  simulated: boolean;
}

export const DEFAULT_PLUGINS: readonly PluginInfo[] = [
  { name: 'SchedulingGates', extensionPoints: ['preEnqueue'], simulated: true },
  { name: 'PrioritySort', extensionPoints: ['queueSort'], simulated: false },
  { name: 'NodeUnschedulable', extensionPoints: ['filter'], simulated: true },
  { name: 'NodeName', extensionPoints: ['filter'], simulated: true },
  {
    name: 'TaintToleration',
    extensionPoints: ['filter', 'preScore', 'score'],
    weight: 3,
    simulated: true,
  },
  {
    name: 'NodeAffinity',
    extensionPoints: ['preFilter', 'filter', 'preScore', 'score'],
    weight: 2,
    simulated: true,
  },
  { name: 'NodePorts', extensionPoints: ['preFilter', 'filter'], simulated: true },
  {
    name: 'NodeResourcesFit',
    extensionPoints: ['preFilter', 'filter', 'preScore', 'score'],
    weight: 1,
    simulated: true,
  },
  { name: 'VolumeRestrictions', extensionPoints: ['preFilter', 'filter'], simulated: false },
  { name: 'EBSLimits', extensionPoints: ['filter'], simulated: false },
  { name: 'GCEPDLimits', extensionPoints: ['filter'], simulated: false },
  { name: 'NodeVolumeLimits', extensionPoints: ['filter'], simulated: false },
  { name: 'AzureDiskLimits', extensionPoints: ['filter'], simulated: false },
  {
    name: 'VolumeBinding',
    extensionPoints: ['preFilter', 'filter', 'reserve', 'preBind'],
    simulated: false,
  },
  { name: 'VolumeZone', extensionPoints: ['preFilter', 'filter'], simulated: false },
  {
    name: 'PodTopologySpread',
    extensionPoints: ['preFilter', 'filter', 'preScore', 'score'],
    weight: 2,
    simulated: true,
  },
  {
    name: 'InterPodAffinity',
    extensionPoints: ['preFilter', 'filter', 'preScore', 'score'],
    weight: 2,
    simulated: true,
  },
  { name: 'DefaultPreemption', extensionPoints: ['postFilter'], simulated: true },
  {
    name: 'NodeResourcesBalancedAllocation',
    extensionPoints: ['preScore', 'score'],
    weight: 1,
    simulated: true,
  },
  { name: 'ImageLocality', extensionPoints: ['score'], weight: 1, simulated: true },
  { name: 'DefaultBinder', extensionPoints: ['bind'], simulated: false },
];

/** Filter plugins this framework runs, in the order the scheduler runs them. */
export const FILTER_PLUGINS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
] as const;

/** Score plugins in the scheduler's order with their default weights. */
export const SCORE_PLUGINS: readonly { name: string; weight: number }[] = DEFAULT_PLUGINS.filter(
  (p) => p.weight !== undefined,
).map((p) => ({ name: p.name, weight: p.weight! }));

export const MAX_NODE_SCORE = 100;
