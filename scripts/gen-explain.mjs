#!/usr/bin/env node
/**
 * Writes src/kubectl/explain/explainSchema.generated.ts: what `kubectl explain` reads from the
 * API server's OpenAPI v3 documents, for the kinds this console knows: each type's description,
 * its fields (type, description, required) and the enum values of the fields that have them.
 * Read from the doc comments of the `kubernetes-types` declarations (API 1.30); the enum values
 * and their "Possible enum values" lines, which those declarations leave out, come from the table
 * below. The page loads the file with `import()` only when `kubectl explain` runs.
 *
 *   node scripts/gen-explain.mjs          # rewrite the file
 *   node scripts/gen-explain.mjs --check  # exit 1 when the file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules', 'kubernetes-types');
const out = join(root, 'src', 'kubectl', 'explain', 'explainSchema.generated.ts');

/**
 * The kinds explain knows: those the simulated API server stores, the ones a kubeadm cluster
 * serves empty, and the served-only ones the declarations have (module:Kind).
 */
const ROOTS = [
  'core/v1:Namespace',
  'core/v1:Node',
  'core/v1:Pod',
  'core/v1:Service',
  'core/v1:Endpoints',
  'core/v1:Event',
  'core/v1:ConfigMap',
  'core/v1:Secret',
  'core/v1:ServiceAccount',
  'core/v1:ResourceQuota',
  'core/v1:LimitRange',
  'core/v1:PersistentVolume',
  'core/v1:PersistentVolumeClaim',
  'core/v1:PodTemplate',
  'core/v1:ReplicationController',
  'core/v1:Binding',
  'core/v1:ComponentStatus',
  'apps/v1:Deployment',
  'apps/v1:ReplicaSet',
  'apps/v1:DaemonSet',
  'apps/v1:StatefulSet',
  'apps/v1:ControllerRevision',
  'batch/v1:Job',
  'batch/v1:CronJob',
  'autoscaling/v2:HorizontalPodAutoscaler',
  'autoscaling/v1:HorizontalPodAutoscaler',
  'coordination/v1:Lease',
  'discovery/v1:EndpointSlice',
  'events/v1:Event',
  'policy/v1:PodDisruptionBudget',
  'scheduling/v1:PriorityClass',
  'storage/v1:StorageClass',
  'storage/v1:CSIDriver',
  'storage/v1:CSINode',
  'storage/v1:CSIStorageCapacity',
  'storage/v1:VolumeAttachment',
  'networking/v1:Ingress',
  'networking/v1:IngressClass',
  'networking/v1:NetworkPolicy',
  'node/v1:RuntimeClass',
  'rbac/v1:Role',
  'rbac/v1:ClusterRole',
  'rbac/v1:RoleBinding',
  'rbac/v1:ClusterRoleBinding',
  'certificates/v1:CertificateSigningRequest',
  'admissionregistration/v1:MutatingWebhookConfiguration',
  'admissionregistration/v1:ValidatingWebhookConfiguration',
  'admissionregistration/v1:ValidatingAdmissionPolicy',
  'admissionregistration/v1:ValidatingAdmissionPolicyBinding',
  'authentication/v1:TokenReview',
  'authentication/v1:SelfSubjectReview',
  'authorization/v1:SubjectAccessReview',
  'authorization/v1:SelfSubjectAccessReview',
  'authorization/v1:LocalSubjectAccessReview',
  'authorization/v1:SelfSubjectRulesReview',
  'flowcontrol/v1:FlowSchema',
  'flowcontrol/v1:PriorityLevelConfiguration',
  'apiextensions/v1:CustomResourceDefinition',
];

/** API groups by the declarations' folder (core is ''). */
const GROUPS = {
  core: '',
  apps: 'apps',
  batch: 'batch',
  autoscaling: 'autoscaling',
  coordination: 'coordination.k8s.io',
  discovery: 'discovery.k8s.io',
  events: 'events.k8s.io',
  policy: 'policy',
  scheduling: 'scheduling.k8s.io',
  storage: 'storage.k8s.io',
  networking: 'networking.k8s.io',
  node: 'node.k8s.io',
  rbac: 'rbac.authorization.k8s.io',
  certificates: 'certificates.k8s.io',
  admissionregistration: 'admissionregistration.k8s.io',
  authentication: 'authentication.k8s.io',
  authorization: 'authorization.k8s.io',
  flowcontrol: 'flowcontrol.apiserver.k8s.io',
  apiextensions: 'apiextensions.k8s.io',
};

// ---- enums: kube-openapi puts a `+enum` type's values into the schema's `enum` and appends
// "Possible enum values:" with each constant's doc comment to the field's description.

const PROTOCOL = [
  ['SCTP', 'is the SCTP protocol.'],
  ['TCP', 'is the TCP protocol.'],
  ['UDP', 'is the UDP protocol.'],
];
const TAINT_EFFECT = [
  [
    'NoExecute',
    'Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.',
  ],
  [
    'NoSchedule',
    'Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.',
  ],
  [
    'PreferNoSchedule',
    'Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.',
  ],
];
const PULL_POLICY = [
  [
    'Always',
    'means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.',
  ],
  [
    'IfNotPresent',
    "means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails.",
  ],
  [
    'Never',
    "means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present",
  ],
];
const TERMINATION_MESSAGE_POLICY = [
  [
    'FallbackToLogsOnError',
    'will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.',
  ],
  [
    'File',
    "is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits.",
  ],
];
const SCHEME = [
  ['HTTP', 'means that the scheme used will be http://'],
  ['HTTPS', 'means that the scheme used will be https://'],
];
const SELECTOR_OPERATOR = [['DoesNotExist'], ['Exists'], ['Gt'], ['In'], ['Lt'], ['NotIn']];
const VOLUME_MODE = [
  [
    'Block',
    'means the volume will not be formatted with a filesystem and will remain a raw block device.',
  ],
  ['Filesystem', 'means the volume will be or is formatted with a filesystem.'],
];
const POD_PHASE = [
  [
    'Failed',
    'means that all containers in the pod have terminated, and at least one container has terminated in a failure (exited with a non-zero exit code or was stopped by the system).',
  ],
  [
    'Pending',
    'means the pod has been accepted by the system, but one or more of the containers has not been started. This includes time before being bound to a node, as well as time spent pulling images onto the host.',
  ],
  [
    'Running',
    'means the pod has been bound to a node and all of the containers have been started. At least one container is still running or is in the process of being restarted.',
  ],
  [
    'Succeeded',
    'means that all containers in the pod have voluntarily terminated with a container exit code of 0, and the system is not going to restart any of these containers.',
  ],
  [
    'Unknown',
    "means that for some reason the state of the pod could not be obtained, typically due to an error in communicating with the host of the pod. Deprecated: It isn't being set since 2015 (74da3b14b0c0f658b3bb8d2def5094686d0e9095)",
  ],
];
const DAEMONSET_STRATEGY = [
  ['OnDelete', "Replace the old daemons only when it's killed"],
  [
    'RollingUpdate',
    'Replace the old daemons by new ones using rolling update i.e replace them on each node one after the other.',
  ],
];

/** `Struct.field` (struct as declared, module-qualified when ambiguous) → [value, comment?][]. */
const ENUMS = {
  'core/v1:PodSpec.restartPolicy': [['Always'], ['Never'], ['OnFailure']],
  'core/v1:PodSpec.dnsPolicy': [
    [
      'ClusterFirst',
      'indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.',
    ],
    [
      'ClusterFirstWithHostNet',
      'indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.',
    ],
    [
      'Default',
      'indicates that the pod should use the default (as determined by kubelet) DNS settings.',
    ],
    [
      'None',
      'indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.',
    ],
  ],
  'core/v1:PodSpec.preemptionPolicy': [
    ['Never', 'means that pod never preempts other pods with lower priority.'],
    ['PreemptLowerPriority', 'means that pod can preempt other pods with lower priority.'],
  ],
  'core/v1:PodStatus.phase': POD_PHASE,
  'core/v1:Container.imagePullPolicy': PULL_POLICY,
  'core/v1:EphemeralContainer.imagePullPolicy': PULL_POLICY,
  'core/v1:Container.terminationMessagePolicy': TERMINATION_MESSAGE_POLICY,
  'core/v1:EphemeralContainer.terminationMessagePolicy': TERMINATION_MESSAGE_POLICY,
  'core/v1:ContainerPort.protocol': PROTOCOL,
  'core/v1:ServicePort.protocol': PROTOCOL,
  'core/v1:EndpointPort.protocol': PROTOCOL,
  'discovery/v1:EndpointPort.protocol': PROTOCOL,
  'networking/v1:NetworkPolicyPort.protocol': PROTOCOL,
  'core/v1:HTTPGetAction.scheme': SCHEME,
  'core/v1:ServiceSpec.type': [
    [
      'ClusterIP',
      'means a service will only be accessible inside the cluster, via the cluster IP.',
    ],
    [
      'ExternalName',
      'means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.',
    ],
    [
      'LoadBalancer',
      "means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type.",
    ],
    [
      'NodePort',
      "means a service will be exposed on one port of every node, in addition to 'ClusterIP' type.",
    ],
  ],
  'core/v1:ServiceSpec.sessionAffinity': [
    ['ClientIP', 'is the Client IP based.'],
    ['None', '- no session affinity.'],
  ],
  'core/v1:Taint.effect': TAINT_EFFECT,
  'core/v1:Toleration.effect': TAINT_EFFECT,
  'core/v1:Toleration.operator': [['Equal'], ['Exists']],
  'core/v1:NodeSelectorRequirement.operator': SELECTOR_OPERATOR,
  'core/v1:TopologySpreadConstraint.whenUnsatisfiable': [
    [
      'DoNotSchedule',
      'instructs the scheduler not to schedule the pod when constraints are not satisfied.',
    ],
    [
      'ScheduleAnyway',
      'instructs the scheduler to schedule the pod even if constraints are not satisfied.',
    ],
  ],
  'core/v1:PersistentVolumeSpec.persistentVolumeReclaimPolicy': [
    [
      'Delete',
      'means the volume will be deleted from Kubernetes on release from its claim. The volume plugin must support Deletion.',
    ],
    [
      'Recycle',
      'means the volume will be recycled back into the pool of unbound persistent volumes on release from its claim. The volume plugin must support Recycling.',
    ],
    [
      'Retain',
      'means the volume will be left in its current phase (Released) for manual reclamation by the administrator. The default policy is Retain.',
    ],
  ],
  'core/v1:PersistentVolumeSpec.volumeMode': VOLUME_MODE,
  'core/v1:PersistentVolumeClaimSpec.volumeMode': VOLUME_MODE,
  'core/v1:NamespaceStatus.phase': [
    ['Active', 'means the namespace is available for use in the system'],
    ['Terminating', 'means the namespace is undergoing graceful termination'],
  ],
  'core/v1:HostPathVolumeSource.type': [
    ['', 'For backwards compatible, leave it empty if unset'],
    ['BlockDevice', 'A block device must exist at the given path'],
    ['CharDevice', 'A character device must exist at the given path'],
    ['Directory', 'A directory must exist at the given path'],
    [
      'DirectoryOrCreate',
      'If nothing exists at the given path, an empty directory will be created there as needed with file mode 0755, having the same group and ownership with Kubelet.',
    ],
    ['File', 'A file must exist at the given path'],
    [
      'FileOrCreate',
      'If nothing exists at the given path, an empty file will be created there as needed with file mode 0644, having the same group and ownership with Kubelet.',
    ],
    ['Socket', 'A UNIX socket must exist at the given path'],
  ],
  'apps/v1:DeploymentStrategy.type': [
    ['Recreate', 'Kill all existing pods before creating new ones.'],
    [
      'RollingUpdate',
      'Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.',
    ],
  ],
  'apps/v1:DaemonSetUpdateStrategy.type': DAEMONSET_STRATEGY,
  'apps/v1:StatefulSetUpdateStrategy.type': [
    [
      'OnDelete',
      "triggers the legacy behavior. Version tracking and ordered rolling restarts are disabled. Pods are recreated from the StatefulSetSpec when they are manually deleted. When a scale operation is performed with this strategy,specification version indicated by the StatefulSet's currentRevision.",
    ],
    [
      'RollingUpdate',
      "indicates that update will be applied to all Pods in the StatefulSet with respect to the StatefulSet ordering constraints. When a scale operation is performed with this strategy, new Pods will be created from the specification version indicated by the StatefulSet's updateRevision.",
    ],
  ],
  'apps/v1:StatefulSetSpec.podManagementPolicy': [
    [
      'OrderedReady',
      'will create pods in strictly increasing order on scale up and strictly decreasing order on scale down, progressing only when the previous pod is ready or terminated. At most one pod will be changed at any time.',
    ],
    [
      'Parallel',
      'will create and delete pods as soon as the stateful set replica count is changed, and will not wait for pods to be ready or complete termination.',
    ],
  ],
  'core/v1:ServiceSpec.internalTrafficPolicy': [
    ['Cluster', 'routes traffic to all endpoints.'],
    [
      'Local',
      'routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints).',
    ],
  ],
  'batch/v1:JobSpec.completionMode': [
    [
      'Indexed',
      'is a Job completion mode. In this mode, the Pods of a Job get an associated completion index from 0 to (.spec.completions - 1). The Job is considered complete when a Pod completes for each completion index.',
    ],
    [
      'NonIndexed',
      'is a Job completion mode. In this mode, the Job is considered complete when there have been .spec.completions successfully completed Pods. Pod completions are homologous to each other.',
    ],
  ],
  'batch/v1:CronJobSpec.concurrencyPolicy': [
    ['Allow', 'allows CronJobs to run concurrently.'],
    ['Forbid', "forbids concurrent runs, skipping next run if previous hasn't finished yet."],
    ['Replace', 'cancels currently running job and replaces it with a new one.'],
  ],
};

/** The description kube-openapi gives an enum field: its own, a blank line, the values. */
function withEnum(description, values) {
  const lines = values.map(([v, c]) => (c ? ` - \`"${v}"\` ${c}` : ` - \`"${v}"\``));
  return `${description ? `${description}\n\n` : ''}Possible enum values:\n${lines.join('\n')}`;
}

// ---- reading the declarations

/** The text of a JSDoc comment, lines joined with \n as the OpenAPI description has them. */
function docText(lines) {
  const text = lines.join('\n').trim();
  const single = /^\/\*\* ?([\s\S]*?) ?\*\/$/.exec(text);
  if (single && !text.includes('\n')) return single[1];
  return text
    .replace(/^\/\*\*\s*\n?/, '')
    .replace(/\n?\s*\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n');
}

const files = new Map();
function load(mod) {
  if (files.has(mod)) return files.get(mod);
  const text = readFileSync(join(typesDir, `${mod}.d.ts`), 'utf8');
  const imports = new Map();
  for (const m of text.matchAll(/^import \{([^}]*)\} from "([^"]+)";$/gm)) {
    const from = join(dirname(mod), m[2]).replaceAll('\\', '/');
    for (const name of m[1].split(',').map((s) => s.trim())) imports.set(name, from);
  }
  const interfaces = new Map();
  const aliases = new Map();
  const lines = text.split('\n');
  let doc = [];
  let inDoc = false;
  const takeDoc = () => {
    const d = doc.length ? docText(doc) : '';
    doc = [];
    return d;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (inDoc || /^\s*\/\*\*/.test(line)) {
      if (!inDoc) doc = [];
      doc.push(line);
      inDoc = !/\*\/\s*$/.test(line);
      continue;
    }
    const alias = /^export type (\w+) = ([^;]+);$/.exec(line);
    if (alias) {
      aliases.set(alias[1], { type: alias[2].trim(), doc: takeDoc() });
      continue;
    }
    const head = /^export interface (\w+) \{$/.exec(line);
    if (!head) {
      doc = [];
      continue;
    }
    const iface = { doc: takeDoc(), fields: [] };
    for (i++; i < lines.length && lines[i] !== '}'; i++) {
      const l = lines[i];
      if (inDoc || /^ {4}\/\*\*/.test(l)) {
        if (!inDoc) doc = [];
        doc.push(l);
        inDoc = !/\*\/\s*$/.test(l);
        continue;
      }
      const f = /^ {4}(?:readonly )?([A-Za-z_$][\w$]*)(\??): (.+)$/.exec(l);
      if (!f) continue;
      let type = f[3];
      if (type === '{') {
        const inner = /^ {8}\[name: string\]: (.+);$/.exec(lines[i + 1] ?? '');
        if (!inner) throw new Error(`${mod}: unexpected map at ${f[1]}`);
        type = `{${inner[1]}`;
        i += 2;
      } else type = type.replace(/;$/, '');
      iface.fields.push({ name: f[1], required: f[2] === '', type, doc: takeDoc() });
    }
    interfaces.set(head[1], iface);
  }
  const file = { mod, imports, interfaces, aliases };
  amend(file);
  files.set(mod, file);
  return file;
}

// ---- fields of 1.31 and 1.32 that the declarations (API 1.30) lack: the ones a learner may
// write (the API server's decoder accepts them too, scripts/gen-api-schema.mjs), with their doc
// comments as kube-openapi renders them.

const PULL_POLICY_DOC =
  "Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.";

/** module → struct → [field, declared type, doc][] */
const ADDED = {
  'core/v1': {
    PodSpec: [
      [
        'resources',
        'ResourceRequirements',
        'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu" and "memory" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate.',
      ],
    ],
    Volume: [
      [
        'image',
        'ImageVolumeSource',
        "image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:\n\n- Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. - Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. - IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails.\n\nThe volume gets re-resolved if the pod gets deleted and recreated, which means that new remote content will become available on pod recreation. A failure to resolve or pull the image during pod startup will block containers from starting and may add significant latency. Failures will be retried using normal volume backoff and will be reported on the pod reason and message. The types of objects that may be mounted by this volume are defined by the container runtime implementation on a host machine and at minimum must include all valid types supported by the container image field. The OCI object gets mounted in a single directory (spec.containers[*].volumeMounts.mountPath) by merging the manifest layers in the same way as for container images. The volume will be mounted read-only (ro) and non-executable files (noexec). Sub path mounts for containers are not supported (spec.containers[*].volumeMounts.subpath). The field spec.securityContext.fsGroupChangePolicy has no effect on this volume type.",
      ],
    ],
  },
};

/** Structs of 1.31 and 1.32 that the declarations lack (module:Name). */
const NEW_STRUCTS = {
  'core/v1:ImageVolumeSource': {
    doc: 'ImageVolumeSource represents a image volume resource.',
    fields: [
      [
        'reference',
        'string',
        'Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
      ],
      ['pullPolicy', 'string', PULL_POLICY_DOC],
    ],
  },
};

ENUMS['core/v1:ImageVolumeSource.pullPolicy'] = PULL_POLICY;

/** The declarations with the additions above. */
function amend(file) {
  for (const [id, struct] of Object.entries(NEW_STRUCTS)) {
    const [mod, name] = id.split(':');
    if (mod !== file.mod) continue;
    const fields = struct.fields.map(([f, type, doc]) => ({ name: f, required: false, type, doc }));
    file.interfaces.set(name, { doc: struct.doc, fields });
  }
  for (const [name, fields] of Object.entries(ADDED[file.mod] ?? {})) {
    const iface = file.interfaces.get(name);
    for (const [f, type, doc] of fields) {
      if (iface.fields.some((x) => x.name === f)) throw new Error(`${name}.${f} is declared now`);
      iface.fields.push({ name: f, required: false, type, doc });
    }
  }
}

// ---- building the types

/** key → { n: display name, t?: primitive type, d: description, f?: fields } */
const types = new Map();
/** module:Name → key */
const keyOf = new Map();

const INT_OR_STRING =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';

function keyFor(mod, name) {
  const id = `${mod}:${name}`;
  if (keyOf.has(id)) return keyOf.get(id);
  // The short name when free, else the module-qualified one (group.version.Name).
  const taken = [...keyOf.values()].includes(name);
  const key = taken ? `${mod.replace('/', '.')}.${name}` : name;
  keyOf.set(id, key);
  return key;
}

/** A field's type code: s string, b boolean, i integer, [X list, {X map, @key a named type. */
function code(mod, type) {
  if (type.startsWith('{')) return `{${code(mod, type.slice(1))}`;
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[${code(mod, arr[1])}`;
  if (type === 'string' || /^"[^"]*"$/.test(type)) return 's';
  if (type === 'boolean') return 'b';
  if (type === 'number') return 'i';
  if (type === 'number | string' || type === 'string | number') {
    if (!types.has('IntOrString')) types.set('IntOrString', { n: 'IntOrString', d: INT_OR_STRING });
    return '@IntOrString';
  }
  return `@${named(mod, type)}`;
}

function named(mod, name) {
  const file = load(mod);
  if (file.interfaces.has(name)) return visit(file, name);
  if (file.aliases.has(name)) {
    const key = keyFor(mod, name);
    if (!types.has(key)) {
      const { type, doc } = file.aliases.get(name);
      // Quantity is a oneOf string/number in OpenAPI v3: no `type`, so explain names it.
      const t = name === 'Quantity' ? undefined : type === 'string' ? 'string' : undefined;
      types.set(key, { n: name, ...(t ? { t } : {}), d: doc });
    }
    return key;
  }
  const from = file.imports.get(name);
  if (!from) throw new Error(`${mod}: unknown type ${name}`);
  return named(from, name);
}

function visit(file, name) {
  const key = keyFor(file.mod, name);
  if (types.has(key)) return key;
  const iface = file.interfaces.get(name);
  const entry = { n: name, d: iface.doc, f: {} };
  types.set(key, entry);
  for (const field of iface.fields) {
    const c = code(file.mod, field.type);
    const values = ENUMS[`${file.mod}:${name}.${field.name}`];
    const d = values ? withEnum(field.doc, values) : field.doc;
    const f = [c, d, field.required ? 1 : 0];
    if (values) f.push(values.map(([v]) => v));
    entry.f[field.name] = f;
  }
  return key;
}

const kinds = {};
for (const r of ROOTS) {
  const [mod, kind] = r.split(':');
  const file = load(mod);
  if (!file.interfaces.has(kind)) throw new Error(`${r}: not declared`);
  const key = visit(file, kind);
  const [folder, version] = mod.split('/');
  const group = GROUPS[folder];
  if (group === undefined) throw new Error(`${r}: no group for ${folder}`);
  kinds[`${group}/${version}/${kind}`] = key;
}

for (const id of Object.keys(ENUMS)) {
  const [mod, rest] = id.split(':');
  const [struct, field] = rest.split('.');
  const key = keyOf.get(`${mod}:${struct}`);
  if (!key || !types.get(key).f?.[field]) throw new Error(`enum for unknown field ${id}`);
}

const version = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')).version;
const keys = [...types.keys()].sort();
const body = keys.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(types.get(k))},`).join('\n');
const text = `// Generated by scripts/gen-explain.mjs from kubernetes-types ${version}; do not edit.
// Loaded with import() only when \`kubectl explain\` runs (see ./load.ts).
import type { ExplainSchema } from './schema.ts';

const schema: ExplainSchema = {
  kinds: ${JSON.stringify(kinds)},
  types: {
${body}
  },
};
export default schema;
`;

if (process.argv.includes('--check')) {
  let now = '';
  try {
    now = readFileSync(out, 'utf8');
  } catch {}
  if (now !== text) {
    console.error(`${out} is out of date: run node scripts/gen-explain.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${keys.length} types, ${Object.keys(kinds).length} kinds`);
}
