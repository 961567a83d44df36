/**
 * An object as Go's encoding/json writes a typed struct: fields in struct order, map keys
 * sorted. For the typed objects kubectl itself prints whole, such as `rollout history -o json`
 * (the real kubectl 1.32.5 printed a ReplicaSet as kind, apiVersion, metadata{name, namespace,
 * uid, …}, spec{replicas, selector, template{…}}, containers{name, image, resources, …}).
 * A struct not in the table, and every map, comes out with its keys sorted.
 */

type Obj = Record<string, unknown>;
/** A field: its name, and its type when it is a struct (`T`), a list of structs (`[T`) or a map (`{`). */
type Field = readonly [string, string?];

const MAP = '{';

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
    ['volumes'],
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
    ['securityContext'],
    ['imagePullSecrets'],
    ['hostname'],
    ['subdomain'],
    ['affinity'],
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
    ['overhead', MAP],
    ['topologySpreadConstraints'],
    ['setHostnameAsFQDN'],
    ['os'],
    ['hostUsers'],
    ['schedulingGates'],
    ['resourceClaims'],
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
    ['livenessProbe'],
    ['readinessProbe'],
    ['startupProbe'],
    ['lifecycle'],
    ['terminationMessagePath'],
    ['terminationMessagePolicy'],
    ['imagePullPolicy'],
    ['securityContext'],
    ['stdin'],
    ['stdinOnce'],
    ['tty'],
  ],
  ContainerPort: [['name'], ['hostPort'], ['containerPort'], ['protocol'], ['hostIP']],
  EnvVar: [['name'], ['value'], ['valueFrom']],
  ResourceRequirements: [['limits', MAP], ['requests', MAP], ['claims']],
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
    ['volumeClaimTemplates'],
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

/** `obj` (of `kind`) with its keys in Go's typed-JSON order. */
export function inStructOrder(obj: Obj, kind: string): Obj {
  return ordered(obj, STRUCTS[kind] ? kind : undefined) as Obj;
}
