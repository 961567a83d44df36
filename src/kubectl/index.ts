/**
 * kubectl for the simulated cluster: `runLine` for the console and the transcript runner,
 * plus the printers and helpers other layers reuse.
 */
export { levenshtein, runKubectl, suggestionsFor } from './cli.ts';
export { type Completion, completions } from './completions.ts';
export { formatRFC1123Z, humanDuration, translateTimestampSince } from './duration.ts';
export { hostForCluster } from './engineHost.ts';
export { renderStatus } from './errors.ts';
export {
  type KubectlHost,
  type OutputChunk,
  outputChunks,
  type RunResult,
} from './host.ts';
export {
  createKubeconfig,
  currentContext,
  defaultNamespace,
  type KubeContext,
  type Kubeconfig,
} from './kubeconfig.ts';
export { parseManifests } from './manifest.ts';
export { shellPrompt } from './nodeShell/index.ts';
export {
  columnsFor,
  eventInterval,
  formatEndpoints,
  nodeRoles,
  nodeStatus,
  podStatus,
  rowFor,
} from './printers/columns.ts';
export {
  describeDeployment,
  describeNamespace,
  describeNode,
  describePod,
  describeReplicaSet,
  describeService,
} from './printers/describe.ts';
export { toGoYaml } from './printers/goyaml.ts';
export { toGoJson, typedOrder } from './printers/json.ts';
export { evaluate as evaluateJsonPath, jsonPath } from './printers/jsonpath.ts';
export { printTable, type Table } from './printers/table.ts';
export { RESOURCE_TYPES, resolveType } from './resources.ts';
export { restoreShell, runLine, shellSnapshot } from './shell.ts';
export { formatTabbed } from './tabwriter.ts';
export {
  createWorkspace,
  HOME_DIR,
  migrateLegacyPath,
  NGINX_YAML,
  Workspace,
} from './workspace.ts';
