/**
 * The simulated cluster's public surface: everything the kubectl layer, the story, the store,
 * the CLI and the benchmarks need.
 *
 * ```ts
 * const cluster = createCluster({ seed: 1 });          // control-plane + node1..3, all Running
 * const kubectl = cluster.client('kubectl');           // every request becomes messages
 * kubectl.create('deployments', 'default', deployment);
 * cluster.settle();                                    // run until only housekeeping remains
 * cluster.messages;                                    // kubectl → api-server → etcd → …
 * cluster.frame(cluster.messages.length - 1);          // the cluster right after that message
 * cluster.snapshot().decision('default/web-…');        // why the scheduler chose the node
 * ```
 *
 * Time: virtual ms since the components started; the learner arrives at `START_MS`
 * (2026-01-06T00:00:00Z), five days after the cluster's objects were created.
 */
export type * from './api/types.ts';
export type { ClusterClient } from './apiserver/apiserver.ts';
export { IMMORTAL_NAMESPACES } from './apiserver/apiserver.ts';
export type { ResourceDef } from './apiserver/resources.ts';
export {
  etcdKey,
  qualifiedKind,
  qualifiedResource,
  RESOURCE_NAMES,
  RESOURCES,
  restPath,
} from './apiserver/resources.ts';
export { CONTROL_PLANE, KUBERNETES_VERSION, workerNames } from './bootstrap/bootstrap.ts';
export type {
  Cluster,
  ClusterOptions,
  ComponentContext,
  ComponentFactory,
  DockerFacade,
  Input,
  RegistryView,
  SettleOptions,
  SettleResult,
  StoredChange,
  StoredFile,
} from './cluster.ts';
export { createCluster, replay } from './cluster.ts';
export type * from './runtime/controller.ts';
export type { MessageKindInfo } from './runtime/messages.ts';
export { CORE_MESSAGE_KINDS } from './runtime/messages.ts';
export type { ReconcileError } from './runtime/runtime.ts';
export { RECONCILE_DELAY_MS, WATCH_LATENCY_MS } from './runtime/runtime.ts';
export { Snapshot } from './runtime/snapshot.ts';
export type { Decision, SchedulerActor } from './scheduler/scheduler.ts';
export {
  BOOTSTRAP_AGE_MS,
  EPOCH_MS,
  epochMs,
  parseTimestamp,
  rfc3339,
  START_MS,
} from './util/clock.ts';
