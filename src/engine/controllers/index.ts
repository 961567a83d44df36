/**
 * kube-controller-manager: every controller loop the simulator runs, as reconcilers of the
 * `controller-manager` actor.
 */
import type { Reconciler } from '../runtime/controller.ts';
import { createRootCaPublisher, createServiceAccountController } from './accounts.ts';
import { createCertificateSigningController } from './certificateSigning.ts';
import { createClusterRoleAggregationController } from './clusterRoleAggregation.ts';
import { createCronJobController } from './cronjob.ts';
import { createDaemonSetController } from './daemonset.ts';
import { createDeploymentController } from './deployment.ts';
import { createDisruptionController } from './disruption.ts';
import { createEndpointsController } from './endpoints.ts';
import { createEndpointSliceController } from './endpointslice.ts';
import { createEndpointSliceMirroringController } from './endpointsliceMirroring.ts';
import { createGarbageCollector } from './garbageCollector.ts';
import { createHorizontalPodAutoscalerController } from './horizontalPodAutoscaler.ts';
import { createJobController, createTTLAfterFinishedController } from './job.ts';
import { createNamespaceController } from './namespace.ts';
import { createNodeLifecycleController } from './nodeLifecycle.ts';
import {
  createPersistentVolumeBinder,
  createPvcProtectionController,
  createPvProtectionController,
} from './persistentVolume.ts';
import { createPodGCController } from './podGC.ts';
import { createReplicaSetController } from './replicaset.ts';
import { createResourceQuotaController } from './resourceQuota.ts';
import { createServiceAccountTokensController } from './serviceAccountTokens.ts';
import { createStatefulSetController } from './statefulset.ts';
import { createTaintEvictionController } from './taintEviction.ts';

/** Creates the controller manager's loops (fresh state each call). */
export function createControllerManager(): Reconciler[] {
  return [
    createDeploymentController(),
    createReplicaSetController(),
    createDaemonSetController(),
    createStatefulSetController(),
    createJobController(),
    createTTLAfterFinishedController(),
    createCronJobController(),
    createEndpointsController(),
    createEndpointSliceController(),
    createEndpointSliceMirroringController(),
    createNamespaceController(),
    createNodeLifecycleController(),
    createTaintEvictionController(),
    createGarbageCollector(),
    createServiceAccountController(),
    createRootCaPublisher(),
    createServiceAccountTokensController(),
    createPodGCController(),
    createResourceQuotaController(),
    createPersistentVolumeBinder(),
    createPvcProtectionController(),
    createPvProtectionController(),
    createHorizontalPodAutoscalerController(),
    createDisruptionController(),
    createClusterRoleAggregationController(),
    createCertificateSigningController(),
  ];
}

export {
  COMPONENT_DEPLOYMENT,
  createDeploymentController,
  DESIRED_REPLICAS_ANNOTATION,
  HASH_LABEL,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
} from './deployment.ts';
export { createEndpointsController, endpointSubsets } from './endpoints.ts';
export {
  COMPONENT_ENDPOINTSLICE,
  createEndpointSliceController,
  desiredSlices,
} from './endpointslice.ts';
export { createGarbageCollector, isOrphaned } from './garbageCollector.ts';
export { createNamespaceController } from './namespace.ts';
export {
  createNodeLifecycleController,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
} from './nodeLifecycle.ts';
export {
  createPodGCController,
  GC_CHECK_PERIOD_MS,
  POD_GC_NAME,
  QUARANTINE_MS,
  TAINT_OUT_OF_SERVICE,
} from './podGC.ts';
export { computePodTemplateHash, safeEncodeString } from './podTemplateHash.ts';
export { COMPONENT_REPLICASET, createReplicaSetController, podsToDelete } from './replicaset.ts';
export { createTaintEvictionController, evictionDelayMs, tolerates } from './taintEviction.ts';
