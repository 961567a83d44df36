/**
 * An object as Go's encoding/json writes a typed struct: fields in struct order, map keys
 * sorted. For the typed objects kubectl itself prints whole, such as `rollout history -o json`
 * (the real kubectl 1.32.5 printed a ReplicaSet as kind, apiVersion, metadata{name, namespace,
 * uid, …}, spec{replicas, selector, template{…}}, containers{name, image, resources, …}).
 * A struct not in the table, and every map, comes out with its keys sorted.
 */

import { canonicalQuantity } from '../../engine/apiserver/quantity.ts';

type Obj = Record<string, unknown>;
/** A field: its name, and its type when it is a struct (`T`), a list of structs (`[T`) or a map (`{`). */
type Field = readonly [string, string?];

const MAP = '{';
/** A resource.Quantity (written in its canonical form), and a map of them (a ResourceList). */
const QUANTITY = 'Q';
const QUANTITIES = '{Q';

const STRUCTS: Record<string, readonly Field[]> = {
  ObjectMeta: [
    ['name'],
    ['generateName'],
    ['namespace'],
    ['selfLink'],
    ['uid'],
    ['resourceVersion'],
    ['generation'],
    ['creationTimestamp'],
    ['deletionTimestamp'],
    ['deletionGracePeriodSeconds'],
    ['labels', MAP],
    ['annotations', MAP],
    ['ownerReferences', '[OwnerReference'],
    ['finalizers'],
    ['managedFields'],
  ],
  OwnerReference: [
    ['apiVersion'],
    ['kind'],
    ['name'],
    ['uid'],
    ['controller'],
    ['blockOwnerDeletion'],
  ],
  LabelSelector: [
    ['matchLabels', MAP],
    ['matchExpressions', '[LabelSelectorRequirement'],
  ],
  LabelSelectorRequirement: [['key'], ['operator'], ['values']],
  ReplicaSet: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'ReplicaSetSpec'],
    ['status', 'ReplicaSetStatus'],
  ],
  ReplicaSetSpec: [
    ['replicas'],
    ['minReadySeconds'],
    ['selector', 'LabelSelector'],
    ['template', 'PodTemplateSpec'],
  ],
  ReplicaSetStatus: [
    ['replicas'],
    ['fullyLabeledReplicas'],
    ['readyReplicas'],
    ['availableReplicas'],
    ['observedGeneration'],
    ['conditions', '[Condition'],
  ],
  Condition: [
    ['type'],
    ['status'],
    ['observedGeneration'],
    ['lastProbeTime'],
    ['lastUpdateTime'],
    ['lastTransitionTime'],
    ['reason'],
    ['message'],
  ],
  PodTemplateSpec: [
    ['metadata', 'ObjectMeta'],
    ['spec', 'PodSpec'],
  ],
  PodSpec: [
    ['volumes', '[Volume'],
    ['initContainers', '[Container'],
    ['containers', '[Container'],
    ['ephemeralContainers'],
    ['restartPolicy'],
    ['terminationGracePeriodSeconds'],
    ['activeDeadlineSeconds'],
    ['dnsPolicy'],
    ['nodeSelector', MAP],
    ['serviceAccountName'],
    ['serviceAccount'],
    ['automountServiceAccountToken'],
    ['nodeName'],
    ['hostNetwork'],
    ['hostPID'],
    ['hostIPC'],
    ['shareProcessNamespace'],
    ['securityContext', 'PodSecurityContext'],
    ['imagePullSecrets'],
    ['hostname'],
    ['subdomain'],
    ['affinity', 'Affinity'],
    ['schedulerName'],
    ['tolerations', '[Toleration'],
    ['hostAliases'],
    ['priorityClassName'],
    ['priority'],
    ['dnsConfig'],
    ['readinessGates'],
    ['runtimeClassName'],
    ['enableServiceLinks'],
    ['preemptionPolicy'],
    ['overhead', QUANTITIES],
    ['topologySpreadConstraints', '[TopologySpreadConstraint'],
    ['setHostnameAsFQDN'],
    ['os'],
    ['hostUsers'],
    ['schedulingGates'],
    ['resourceClaims'],
    ['resources', 'ResourceRequirements'],
  ],
  Container: [
    ['name'],
    ['image'],
    ['command'],
    ['args'],
    ['workingDir'],
    ['ports', '[ContainerPort'],
    ['envFrom'],
    ['env', '[EnvVar'],
    ['resources', 'ResourceRequirements'],
    ['resizePolicy'],
    ['restartPolicy'],
    ['volumeMounts', '[VolumeMount'],
    ['volumeDevices'],
    ['livenessProbe', 'Probe'],
    ['readinessProbe', 'Probe'],
    ['startupProbe', 'Probe'],
    ['lifecycle'],
    ['terminationMessagePath'],
    ['terminationMessagePolicy'],
    ['imagePullPolicy'],
    ['securityContext', 'SecurityContext'],
    ['stdin'],
    ['stdinOnce'],
    ['tty'],
    // EphemeralContainer: the common fields above, then its own.
    ['targetContainerName'],
  ],
  ContainerPort: [['name'], ['hostPort'], ['containerPort'], ['protocol'], ['hostIP']],
  EnvVar: [['name'], ['value'], ['valueFrom', 'EnvVarSource']],
  ResourceRequirements: [['limits', QUANTITIES], ['requests', QUANTITIES], ['claims']],
  VolumeMount: [
    ['name'],
    ['readOnly'],
    ['recursiveReadOnly'],
    ['mountPath'],
    ['subPath'],
    ['mountPropagation'],
    ['subPathExpr'],
  ],
  Toleration: [['key'], ['operator'], ['value'], ['effect'], ['tolerationSeconds']],
  DaemonSet: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'DaemonSetSpec'],
    ['status', 'DaemonSetStatus'],
  ],
  DaemonSetSpec: [
    ['selector', 'LabelSelector'],
    ['template', 'PodTemplateSpec'],
    ['updateStrategy', 'DaemonSetUpdateStrategy'],
    ['minReadySeconds'],
    ['revisionHistoryLimit'],
  ],
  DaemonSetUpdateStrategy: [['type'], ['rollingUpdate', 'RollingUpdateDaemonSet']],
  RollingUpdateDaemonSet: [['maxUnavailable'], ['maxSurge']],
  DaemonSetStatus: [
    ['currentNumberScheduled'],
    ['numberMisscheduled'],
    ['desiredNumberScheduled'],
    ['numberReady'],
    ['observedGeneration'],
    ['updatedNumberScheduled'],
    ['numberAvailable'],
    ['numberUnavailable'],
    ['collisionCount'],
    ['conditions', '[Condition'],
  ],
  StatefulSet: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'StatefulSetSpec'],
    ['status', 'StatefulSetStatus'],
  ],
  StatefulSetSpec: [
    ['replicas'],
    ['selector', 'LabelSelector'],
    ['template', 'PodTemplateSpec'],
    ['volumeClaimTemplates', '[PersistentVolumeClaim'],
    ['serviceName'],
    ['podManagementPolicy'],
    ['updateStrategy', 'StatefulSetUpdateStrategy'],
    ['revisionHistoryLimit'],
    ['minReadySeconds'],
    ['persistentVolumeClaimRetentionPolicy', 'PVCRetention'],
    ['ordinals'],
  ],
  StatefulSetUpdateStrategy: [['type'], ['rollingUpdate', 'RollingUpdateStatefulSet']],
  RollingUpdateStatefulSet: [['partition'], ['maxUnavailable']],
  PVCRetention: [['whenDeleted'], ['whenScaled']],
  StatefulSetStatus: [
    ['observedGeneration'],
    ['replicas'],
    ['readyReplicas'],
    ['currentReplicas'],
    ['updatedReplicas'],
    ['currentRevision'],
    ['updateRevision'],
    ['collisionCount'],
    ['conditions', '[Condition'],
    ['availableReplicas'],
  ],
  // cluster-info dump's typed lists (core/v1 and apps/v1 field order).
  ListMeta: [['selfLink'], ['resourceVersion'], ['continue'], ['remainingItemCount']],
  Node: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'NodeSpec'],
    ['status', 'NodeStatus'],
  ],
  NodeSpec: [
    ['podCIDR'],
    ['podCIDRs'],
    ['providerID'],
    ['unschedulable'],
    ['taints', '[Taint'],
    ['configSource'],
    ['externalID'],
  ],
  Taint: [['key'], ['value'], ['effect'], ['timeAdded']],
  NodeStatus: [
    ['capacity', MAP],
    ['allocatable', MAP],
    ['phase'],
    ['conditions', '[NodeCondition'],
    ['addresses', '[NodeAddress'],
    ['daemonEndpoints', 'NodeDaemonEndpoints'],
    ['nodeInfo', 'NodeSystemInfo'],
    ['images', '[ContainerImage'],
    ['volumesInUse'],
    ['volumesAttached'],
    ['config'],
    ['runtimeHandlers', '[NodeRuntimeHandler'],
    ['features'],
  ],
  NodeCondition: [
    ['type'],
    ['status'],
    ['lastHeartbeatTime'],
    ['lastTransitionTime'],
    ['reason'],
    ['message'],
  ],
  NodeAddress: [['type'], ['address']],
  NodeDaemonEndpoints: [['kubeletEndpoint']],
  NodeSystemInfo: [
    ['machineID'],
    ['systemUUID'],
    ['bootID'],
    ['kernelVersion'],
    ['osImage'],
    ['containerRuntimeVersion'],
    ['kubeletVersion'],
    ['kubeProxyVersion'],
    ['operatingSystem'],
    ['architecture'],
  ],
  ContainerImage: [['names'], ['sizeBytes']],
  NodeRuntimeHandler: [['name'], ['features']],
  Event: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['involvedObject', 'ObjectReference'],
    ['reason'],
    ['message'],
    ['source', 'EventSource'],
    ['firstTimestamp'],
    ['lastTimestamp'],
    ['count'],
    ['type'],
    ['eventTime'],
    ['series', 'EventSeries'],
    ['action'],
    ['related', 'ObjectReference'],
    ['reportingComponent'],
    ['reportingInstance'],
  ],
  ObjectReference: [
    ['kind'],
    ['namespace'],
    ['name'],
    ['uid'],
    ['apiVersion'],
    ['resourceVersion'],
    ['fieldPath'],
  ],
  EventSource: [['component'], ['host']],
  EventSeries: [['count'], ['lastObservedTime']],
  ReplicationController: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'ReplicationControllerSpec'],
    ['status', 'ReplicaSetStatus'],
  ],
  ReplicationControllerSpec: [
    ['replicas'],
    ['minReadySeconds'],
    ['selector', MAP],
    ['template', 'PodTemplateSpec'],
  ],
  Service: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'ServiceSpec'],
    ['status', 'ServiceStatus'],
  ],
  ServiceSpec: [
    ['ports', '[ServicePort'],
    ['selector', MAP],
    ['clusterIP'],
    ['clusterIPs'],
    ['type'],
    ['externalIPs'],
    ['sessionAffinity'],
    ['loadBalancerIP'],
    ['loadBalancerSourceRanges'],
    ['externalName'],
    ['externalTrafficPolicy'],
    ['healthCheckNodePort'],
    ['publishNotReadyAddresses'],
    ['sessionAffinityConfig'],
    ['ipFamilies'],
    ['ipFamilyPolicy'],
    ['allocateLoadBalancerNodePorts'],
    ['loadBalancerClass'],
    ['internalTrafficPolicy'],
    ['trafficDistribution'],
  ],
  ServicePort: [['name'], ['protocol'], ['appProtocol'], ['port'], ['targetPort'], ['nodePort']],
  ServiceStatus: [
    ['loadBalancer', 'LoadBalancerStatus'],
    ['conditions', '[Condition'],
  ],
  LoadBalancerStatus: [['ingress', '[LoadBalancerIngress']],
  LoadBalancerIngress: [['ip'], ['hostname'], ['ipMode'], ['ports']],
  Deployment: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'DeploymentSpec'],
    ['status', 'DeploymentStatus'],
  ],
  DeploymentSpec: [
    ['replicas'],
    ['selector', 'LabelSelector'],
    ['template', 'PodTemplateSpec'],
    ['strategy', 'DeploymentStrategy'],
    ['minReadySeconds'],
    ['revisionHistoryLimit'],
    ['paused'],
    ['progressDeadlineSeconds'],
  ],
  DeploymentStrategy: [['type'], ['rollingUpdate', 'RollingUpdateDeployment']],
  RollingUpdateDeployment: [['maxUnavailable'], ['maxSurge']],
  DeploymentStatus: [
    ['observedGeneration'],
    ['replicas'],
    ['updatedReplicas'],
    ['readyReplicas'],
    ['availableReplicas'],
    ['unavailableReplicas'],
    ['conditions', '[Condition'],
    ['collisionCount'],
  ],
  Pod: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'PodSpec'],
    ['status', 'PodStatus'],
  ],
  PodStatus: [
    ['phase'],
    ['conditions', '[Condition'],
    ['message'],
    ['reason'],
    ['nominatedNodeName'],
    ['hostIP'],
    ['hostIPs'],
    ['podIP'],
    ['podIPs'],
    ['startTime'],
    ['initContainerStatuses', '[ContainerStatus'],
    ['containerStatuses', '[ContainerStatus'],
    ['qosClass'],
    ['ephemeralContainerStatuses', '[ContainerStatus'],
    ['resize'],
    ['resourceClaimStatuses'],
  ],
  ContainerStatus: [
    ['name'],
    ['state', 'ContainerState'],
    ['lastState', 'ContainerState'],
    ['ready'],
    ['restartCount'],
    ['image'],
    ['imageID'],
    ['containerID'],
    ['started'],
    ['allocatedResources', MAP],
    ['resources', 'ResourceRequirements'],
    ['volumeMounts', '[VolumeMountStatus'],
    ['user'],
    ['allocatedResourcesStatus'],
  ],
  ContainerState: [
    ['waiting', 'ContainerStateWaiting'],
    ['running'],
    ['terminated', 'ContainerStateTerminated'],
  ],
  ContainerStateWaiting: [['reason'], ['message']],
  ContainerStateTerminated: [
    ['exitCode'],
    ['signal'],
    ['reason'],
    ['message'],
    ['startedAt'],
    ['finishedAt'],
    ['containerID'],
  ],
  VolumeMountStatus: [['name'], ['mountPath'], ['readOnly'], ['recursiveReadOnly']],
  Volume: [
    ['name'],
    ['hostPath', 'HostPathVolumeSource'],
    ['emptyDir', 'EmptyDirVolumeSource'],
    ['secret', 'SecretVolumeSource'],
    ['nfs'],
    ['persistentVolumeClaim', 'PVCVolumeSource'],
    ['downwardAPI', 'DownwardAPIVolumeSource'],
    ['configMap', 'ConfigMapVolumeSource'],
    ['projected', 'ProjectedVolumeSource'],
    ['csi'],
    ['ephemeral'],
    ['image'],
  ],
  HostPathVolumeSource: [['path'], ['type']],
  EmptyDirVolumeSource: [['medium'], ['sizeLimit', QUANTITY]],
  SecretVolumeSource: [['secretName'], ['items', '[KeyToPath'], ['defaultMode'], ['optional']],
  PVCVolumeSource: [['claimName'], ['readOnly']],
  ConfigMapVolumeSource: [['name'], ['items', '[KeyToPath'], ['defaultMode'], ['optional']],
  KeyToPath: [['key'], ['path'], ['mode']],
  DownwardAPIVolumeSource: [['items', '[DownwardAPIVolumeFile'], ['defaultMode']],
  DownwardAPIVolumeFile: [
    ['path'],
    ['fieldRef', 'ObjectFieldSelector'],
    ['resourceFieldRef', 'ResourceFieldSelector'],
    ['mode'],
  ],
  ProjectedVolumeSource: [['sources', '[VolumeProjection'], ['defaultMode']],
  VolumeProjection: [
    ['secret', 'SecretProjection'],
    ['downwardAPI', 'DownwardAPIProjection'],
    ['configMap', 'ConfigMapProjection'],
    ['serviceAccountToken', 'ServiceAccountTokenProjection'],
    ['clusterTrustBundle'],
  ],
  SecretProjection: [['name'], ['items', '[KeyToPath'], ['optional']],
  ConfigMapProjection: [['name'], ['items', '[KeyToPath'], ['optional']],
  DownwardAPIProjection: [['items', '[DownwardAPIVolumeFile']],
  ServiceAccountTokenProjection: [['audience'], ['expirationSeconds'], ['path']],
  Probe: [
    ['exec'],
    ['httpGet', 'HTTPGetAction'],
    ['tcpSocket', 'TCPSocketAction'],
    ['grpc', 'GRPCAction'],
    ['initialDelaySeconds'],
    ['timeoutSeconds'],
    ['periodSeconds'],
    ['successThreshold'],
    ['failureThreshold'],
    ['terminationGracePeriodSeconds'],
  ],
  HTTPGetAction: [['path'], ['port'], ['host'], ['scheme'], ['httpHeaders']],
  TCPSocketAction: [['port'], ['host']],
  GRPCAction: [['port'], ['service']],
  SecurityContext: [
    ['capabilities', 'Capabilities'],
    ['privileged'],
    ['seLinuxOptions'],
    ['windowsOptions'],
    ['runAsUser'],
    ['runAsGroup'],
    ['runAsNonRoot'],
    ['readOnlyRootFilesystem'],
    ['allowPrivilegeEscalation'],
    ['procMount'],
    ['seccompProfile', 'SeccompProfile'],
    ['appArmorProfile', 'SeccompProfile'],
  ],
  Capabilities: [['add'], ['drop']],
  SeccompProfile: [['type'], ['localhostProfile']],
  PodSecurityContext: [
    ['seLinuxOptions'],
    ['windowsOptions'],
    ['runAsUser'],
    ['runAsGroup'],
    ['runAsNonRoot'],
    ['supplementalGroups'],
    ['supplementalGroupsPolicy'],
    ['fsGroup'],
    ['sysctls'],
    ['fsGroupChangePolicy'],
    ['seccompProfile', 'SeccompProfile'],
    ['appArmorProfile', 'SeccompProfile'],
    ['seLinuxChangePolicy'],
  ],
  EnvVarSource: [
    ['fieldRef', 'ObjectFieldSelector'],
    ['resourceFieldRef', 'ResourceFieldSelector'],
    ['configMapKeyRef', 'KeySelector'],
    ['secretKeyRef', 'KeySelector'],
  ],
  // ConfigMapKeySelector and SecretKeySelector: LocalObjectReference's name, then their own.
  KeySelector: [['name'], ['key'], ['optional']],
  ResourceFieldSelector: [['containerName'], ['resource'], ['divisor', QUANTITY]],
  ObjectFieldSelector: [['apiVersion'], ['fieldPath']],
  RoleBinding: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['subjects', '[Subject'],
    ['roleRef', 'RoleRef'],
  ],
  ClusterRoleBinding: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['subjects', '[Subject'],
    ['roleRef', 'RoleRef'],
  ],
  Subject: [['kind'], ['apiGroup'], ['name'], ['namespace']],
  RoleRef: [['apiGroup'], ['kind'], ['name']],
  TopologySpreadConstraint: [
    ['maxSkew'],
    ['topologyKey'],
    ['whenUnsatisfiable'],
    ['labelSelector', 'LabelSelector'],
    ['minDomains'],
    ['nodeAffinityPolicy'],
    ['nodeTaintsPolicy'],
    ['matchLabelKeys'],
  ],
  PersistentVolumeClaim: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'PVCSpec'],
    ['status', 'PVCStatus'],
  ],
  PVCSpec: [
    ['accessModes'],
    ['selector', 'LabelSelector'],
    ['resources', 'VolumeResourceRequirements'],
    ['volumeName'],
    ['storageClassName'],
    ['volumeMode'],
    ['dataSource'],
    ['dataSourceRef'],
    ['volumeAttributesClassName'],
  ],
  VolumeResourceRequirements: [
    ['limits', QUANTITIES],
    ['requests', QUANTITIES],
  ],
  PVCStatus: [
    ['phase'],
    ['accessModes'],
    ['capacity', QUANTITIES],
    ['conditions', '[Condition'],
    ['allocatedResources', QUANTITIES],
    ['allocatedResourceStatuses'],
    ['currentVolumeAttributesClassName'],
    ['modifyVolumeStatus'],
  ],
  Job: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'JobSpec'],
    ['status', 'JobStatus'],
  ],
  JobSpec: [
    ['parallelism'],
    ['completions'],
    ['activeDeadlineSeconds'],
    ['podFailurePolicy'],
    ['successPolicy'],
    ['backoffLimit'],
    ['backoffLimitPerIndex'],
    ['maxFailedIndexes'],
    ['selector', 'LabelSelector'],
    ['manualSelector'],
    ['template', 'PodTemplateSpec'],
    ['ttlSecondsAfterFinished'],
    ['completionMode'],
    ['suspend'],
    ['podReplacementPolicy'],
    ['managedBy'],
  ],
  JobStatus: [
    ['conditions', '[Condition'],
    ['startTime'],
    ['completionTime'],
    ['active'],
    ['succeeded'],
    ['failed'],
    ['terminating'],
    ['completedIndexes'],
    ['failedIndexes'],
    ['uncountedTerminatedPods'],
    ['ready'],
  ],
  JobTemplateSpec: [
    ['metadata', 'ObjectMeta'],
    ['spec', 'JobSpec'],
  ],
  CronJob: [
    ['kind'],
    ['apiVersion'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'CronJobSpec'],
    ['status', 'CronJobStatus'],
  ],
  CronJobSpec: [
    ['schedule'],
    ['timeZone'],
    ['startingDeadlineSeconds'],
    ['concurrencyPolicy'],
    ['suspend'],
    ['jobTemplate', 'JobTemplateSpec'],
    ['successfulJobsHistoryLimit'],
    ['failedJobsHistoryLimit'],
  ],
  CronJobStatus: [['active', '[ObjectReference'], ['lastScheduleTime'], ['lastSuccessfulTime']],
  Affinity: [['nodeAffinity'], ['podAffinity', 'PodAffinity'], ['podAntiAffinity', 'PodAffinity']],
  PodAffinity: [
    ['requiredDuringSchedulingIgnoredDuringExecution', '[PodAffinityTerm'],
    ['preferredDuringSchedulingIgnoredDuringExecution', '[WeightedPodAffinityTerm'],
  ],
  WeightedPodAffinityTerm: [['weight'], ['podAffinityTerm', 'PodAffinityTerm']],
  PodAffinityTerm: [
    ['labelSelector', 'LabelSelector'],
    ['namespaces'],
    ['topologyKey'],
    ['namespaceSelector', 'LabelSelector'],
    ['matchLabelKeys'],
    ['mismatchLabelKeys'],
  ],
};

/** Keys sorted, values sorted the same way all the way down (a map, or an unknown struct). */
export function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Obj;
  const out: Obj = {};
  for (const k of Object.keys(o).sort()) out[k] = sortedDeep(o[k]);
  return out;
}

function ordered(v: unknown, type: string | undefined): unknown {
  if (type === undefined || type === MAP) return sortedDeep(v);
  if (type.startsWith('[')) return Array.isArray(v) ? v.map((x) => ordered(x, type.slice(1))) : v;
  const fields = STRUCTS[type];
  if (!fields || v === null || typeof v !== 'object' || Array.isArray(v)) return sortedDeep(v);
  const o = v as Obj;
  const out: Obj = {};
  for (const [k, t] of fields) if (Object.hasOwn(o, k)) out[k] = ordered(o[k], t);
  // A field the table does not know goes last, sorted.
  for (const k of Object.keys(o).sort()) if (!Object.hasOwn(out, k)) out[k] = sortedDeep(o[k]);
  return out;
}

/** The field names of Go struct `type`, in their order (a type the table does not know: none). */
export function structFields(type: string): readonly string[] {
  return (STRUCTS[type] ?? []).map(([name]) => name);
}

/** `obj` (of `kind`) with its keys in Go's typed-JSON order. */
export function inStructOrder(obj: Obj, kind: string): Obj {
  return ordered(obj, STRUCTS[kind] ? kind : undefined) as Obj;
}

/**
 * The fields Go's encoding/json writes even when the object has none: struct-valued fields (a
 * struct is never "empty" to omitempty; an empty one is `{}`), fields without omitempty (their
 * zero value: `""`, `0`, `null`), metav1.Time's zero (`null`), intstr's zero (`0`) and
 * resource.Quantity's (`"0"`). `{}` stands for the field's struct, filled in turn.
 */
const ZEROS: Record<string, Readonly<Record<string, unknown>>> = {
  ObjectMeta: { creationTimestamp: null },
  PodTemplateSpec: { metadata: {}, spec: {} },
  JobTemplateSpec: { metadata: {}, spec: {} },
  Deployment: { metadata: {}, spec: {}, status: {} },
  DeploymentSpec: { selector: null, template: {}, strategy: {} },
  ReplicaSet: { metadata: {}, spec: {}, status: {} },
  ReplicaSetSpec: { selector: null, template: {} },
  ReplicaSetStatus: { replicas: 0 },
  ReplicationController: { metadata: {}, spec: {}, status: {} },
  StatefulSet: { metadata: {}, spec: {}, status: {} },
  StatefulSetSpec: { selector: null, template: {}, serviceName: '', updateStrategy: {} },
  StatefulSetStatus: { replicas: 0, availableReplicas: 0 },
  DaemonSet: { metadata: {}, spec: {}, status: {} },
  DaemonSetSpec: { selector: null, template: {}, updateStrategy: {} },
  DaemonSetStatus: {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  },
  Job: { metadata: {}, spec: {}, status: {} },
  JobSpec: { template: {} },
  CronJob: { metadata: {}, spec: {}, status: {} },
  CronJobSpec: { schedule: '', jobTemplate: {} },
  Pod: { metadata: {}, spec: {}, status: {} },
  PodSpec: { containers: null },
  Container: { name: '', resources: {} },
  ContainerPort: { containerPort: 0 },
  EnvVar: { name: '' },
  VolumeMount: { name: '', mountPath: '' },
  Volume: { name: '' },
  KeyToPath: { key: '', path: '' },
  PVCVolumeSource: { claimName: '' },
  HostPathVolumeSource: { path: '' },
  DownwardAPIVolumeFile: { path: '' },
  HTTPGetAction: { port: 0 },
  TCPSocketAction: { port: 0 },
  GRPCAction: { port: 0 },
  KeySelector: { key: '' },
  ObjectFieldSelector: { fieldPath: '' },
  ResourceFieldSelector: { resource: '', divisor: '0' },
  LabelSelectorRequirement: { key: '', operator: '' },
  PodAffinityTerm: { topologyKey: '' },
  WeightedPodAffinityTerm: { weight: 0, podAffinityTerm: {} },
  Service: { metadata: {}, spec: {}, status: {} },
  TopologySpreadConstraint: { maxSkew: 0, topologyKey: '', whenUnsatisfiable: '' },
  RoleBinding: { metadata: {}, roleRef: {} },
  ClusterRoleBinding: { metadata: {}, roleRef: {} },
  Subject: { kind: '', name: '' },
  RoleRef: { apiGroup: '', kind: '', name: '' },
  PersistentVolumeClaim: { metadata: {}, spec: {}, status: {} },
  PVCSpec: { resources: {} },
  ServicePort: { port: 0, targetPort: 0 },
  ServiceStatus: { loadBalancer: {} },
};

function quantity(v: unknown): unknown {
  return canonicalQuantity(v) ?? v;
}

function typedValue(v: unknown, type: string | undefined): unknown {
  if (type === QUANTITY) return quantity(v);
  if (type === QUANTITIES && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) out[k] = quantity((v as Obj)[k]);
    return out;
  }
  if (type?.startsWith('[')) {
    return Array.isArray(v) ? v.map((x) => typedValue(x, type.slice(1))) : v;
  }
  const fields = type === undefined ? undefined : STRUCTS[type];
  if (!fields || v === null || typeof v !== 'object' || Array.isArray(v)) return sortedDeep(v);
  const o = v as Obj;
  const zeros = ZEROS[type as string] ?? {};
  const out: Obj = {};
  for (const [k, t] of fields) {
    let x = o[k];
    if (x === undefined || (x === null && Object.hasOwn(zeros, k))) {
      if (!Object.hasOwn(zeros, k)) continue;
      const zero = zeros[k];
      x = zero !== null && typeof zero === 'object' ? {} : zero;
    }
    out[k] = typedValue(x, t);
  }
  for (const k of Object.keys(o).sort()) if (!Object.hasOwn(out, k)) out[k] = sortedDeep(o[k]);
  return out;
}

/**
 * An object as kubectl prints it after decoding it into its Go type (the typed objects of
 * `kubectl set … --local -f`, or of a typed client's answer): Go's field order, the zero values
 * encoding/json writes (`creationTimestamp: null`, `strategy: {}`, `resources: {}`,
 * `status: {}`, `status.replicas: 0`…), quantities in their canonical form. A kind the table
 * does not know: undefined (kubectl keeps such objects unstructured).
 */
export function goTyped(obj: Obj): Obj | undefined {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (!ZEROS[kind] || !STRUCTS[kind]) return undefined;
  return typedValue(obj, kind) as Obj;
}
