/**
 * A container's environment as the kubelet builds it (`makeEnvironmentVariables`, Kubernetes
 * 1.32) and the `$(VAR)` references it expands in `command` and `args`
 * (`ExpandContainerCommandAndArgs`, third_party/forked/golang/expansion).
 *
 * The variables: each `envFrom` source in order (every key of the ConfigMap or Secret, with
 * its prefix), then each `env` entry in order, later ones replacing earlier ones. A `value` may
 * refer to variables defined before it as `$(NAME)`; `valueFrom` reads a ConfigMap or Secret
 * key or a field of the pod (the downward API). The container runtime adds HOSTNAME
 * ({@link processEnvironment}), which `$(HOSTNAME)` therefore does not see.
 *
 * Not built: the Service link variables (`WEB_SERVICE_HOST`, `KUBERNETES_PORT`, …) and the
 * image's own ENV lines (PATH…).
 */
import type { KubeObject } from '../api/types.ts';
import { tryParseQuantity } from '../scheduler/framework/quantity.ts';

/** A container's `env` and `envFrom` (and resources), as far as they are read here. */
export interface EnvSpec extends ContainerResources {
  env?: readonly {
    name: string;
    value?: string;
    valueFrom?: {
      fieldRef?: { fieldPath?: string };
      resourceFieldRef?: ResourceFieldRef;
      configMapKeyRef?: { name?: string; key?: string; optional?: boolean };
      secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    };
  }[];
  envFrom?: readonly {
    prefix?: string;
    configMapRef?: { name?: string; optional?: boolean };
    secretRef?: { name?: string; optional?: boolean };
  }[];
}

/** The data of a ConfigMap or Secret in the pod's namespace (Secret values still base64). */
export type ObjectData = (
  resource: 'configmaps' | 'secrets',
  name: string,
) => Readonly<Record<string, string>> | undefined;

/** What the downward API reads besides the pod object itself. */
export interface PodRuntime {
  podIP?: string;
  hostIP?: string;
  /** The node's allocatable resources: the limits of a container that sets none. */
  allocatable?: NodeAllocatable;
  /**
   * The token a projected `serviceAccountToken` source holds when the kubelet writes the
   * volume at epoch ms `atMs` (its TokenRequest for the pod); undefined when not known.
   */
  token?: (source: ProjectedTokenSource, atMs?: number) => string | undefined;
}

/** A projected volume's `serviceAccountToken` source. */
export interface ProjectedTokenSource {
  audience?: string;
  expirationSeconds?: number;
  path: string;
}

/** A node's allocatable cpu, memory and ephemeral storage. */
export interface NodeAllocatable {
  cpu?: string;
  memory?: string;
  'ephemeral-storage'?: string;
}

/** `resourceFieldRef` of an env var or a downward API volume file. */
export interface ResourceFieldRef {
  containerName?: string;
  resource?: string;
  divisor?: string | number;
}

/** A container's `resources`, as far as the downward API reads them. */
export interface ContainerResources {
  name?: string;
  resources?: {
    limits?: Readonly<Record<string, string | number>>;
    requests?: Readonly<Record<string, string | number>>;
  };
}

/**
 * `ExtractContainerResourceValue`: a container's request or limit in units of the divisor
 * (none or 0 means 1), rounded up: CPU by millicores (`125m` is `1`), memory and
 * ephemeral storage by bytes. A limit the container does not set is the node's allocatable
 * (`defaultPodLimitsForDownwardAPI`), or `0` when that is not known (kubectl describe, which then
 * says "node allocatable"); a request it does not set is 0. Undefined for another resource.
 */
export function resourceFieldValue(
  ref: ResourceFieldRef,
  container: ContainerResources | undefined,
  allocatable?: NodeAllocatable,
): string | undefined {
  const [kind, name] = (ref.resource ?? '').split('.') as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !name) return undefined;
  if (name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage') return undefined;
  const set = container?.resources?.[kind]?.[name];
  const text = set ?? (kind === 'limits' ? allocatable?.[name] : undefined) ?? '0';
  const value = tryParseQuantity(text);
  const given = tryParseQuantity(ref.divisor ?? '0');
  const divisor = !given || given.milli === 0 ? { value: 1, milli: 1000 } : given;
  if (!value) return undefined;
  const n = name === 'cpu' ? value.milli / divisor.milli : value.value / divisor.value;
  return String(Math.ceil(n));
}

/** `validation.IsEnvVarName`: what may be a variable's name. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Decode a Secret value (standard base64) to text; undefined when it is not base64. */
function fromBase64(value: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * `podutil.ConvertDownwardAPIFieldLabel` + `ExtractFieldPathAsString`: the value of a field the
 * downward API may give an env var, or undefined for one it may not.
 */
export function podFieldValue(
  pod: KubeObject,
  fieldPath: string,
  runtime: PodRuntime,
): string | undefined {
  const meta = pod.metadata ?? {};
  const keyed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (keyed) {
    const map = keyed[1] === 'labels' ? meta.labels : meta.annotations;
    return map?.[keyed[2] ?? ''] ?? '';
  }
  const spec = (pod.spec ?? {}) as { nodeName?: string; serviceAccountName?: string };
  switch (fieldPath) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return runtime.hostIP ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return runtime.podIP ?? '';
    default:
      return undefined;
  }
}

/**
 * The environment of one container, by name, in the order the variables were first defined.
 * Missing optional sources are skipped; a missing required one never gets here (the kubelet
 * refuses to start the container first: CreateContainerConfigError).
 */
export function containerEnvironment(
  pod: KubeObject,
  spec: EnvSpec,
  data: ObjectData,
  runtime: PodRuntime = {},
): Map<string, string> {
  const env = new Map<string, string>();
  for (const from of spec.envFrom ?? []) {
    const source = from.configMapRef
      ? { values: data('configmaps', from.configMapRef.name ?? ''), secret: false }
      : from.secretRef
        ? { values: data('secrets', from.secretRef.name ?? ''), secret: true }
        : undefined;
    for (const [key, raw] of Object.entries(source?.values ?? {})) {
      const name = (from.prefix ?? '') + key;
      if (!ENV_NAME.test(name)) continue;
      const value = source?.secret ? fromBase64(raw) : raw;
      if (value !== undefined) env.set(name, value);
    }
  }
  for (const e of spec.env ?? []) {
    const from = e.valueFrom;
    let value: string | undefined;
    if (!from) value = expandReferences(e.value ?? '', env);
    else if (from.fieldRef) value = podFieldValue(pod, from.fieldRef.fieldPath ?? '', runtime);
    else if (from.resourceFieldRef) {
      const ref = from.resourceFieldRef;
      const target = ref.containerName
        ? (pod.spec as { containers?: ContainerResources[] } | undefined)?.containers?.find(
            (c) => c.name === ref.containerName,
          )
        : spec;
      value = resourceFieldValue(ref, target, runtime.allocatable);
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      value = data('configmaps', ref.name ?? '')?.[ref.key ?? ''];
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const raw = data('secrets', ref.name ?? '')?.[ref.key ?? ''];
      value = raw === undefined ? undefined : fromBase64(raw);
    }
    if (value !== undefined) env.set(e.name, value);
  }
  return env;
}

/**
 * What the process sees: the kubelet's variables and HOSTNAME, which the container runtime sets
 * to the pod's hostname (`spec.hostname`, else the pod's name, at most 63 characters; a
 * host-network pod's is its node's) unless the pod sets it.
 */
export function processEnvironment(
  pod: KubeObject,
  env: ReadonlyMap<string, string>,
): Map<string, string> {
  const out = new Map(env);
  if (!out.has('HOSTNAME')) {
    const spec = pod.spec as
      | { hostname?: string; hostNetwork?: boolean; nodeName?: string }
      | undefined;
    // A host-network pod keeps the node's UTS namespace: the node's hostname.
    const hostname = spec?.hostNetwork && spec.nodeName ? spec.nodeName : spec?.hostname;
    out.set('HOSTNAME', (hostname || pod.metadata?.name || '').slice(0, 63));
  }
  return out;
}

/**
 * `expansion.Expand` with `MappingFuncFor(env)`: `$(NAME)` becomes the variable's value, or
 * stays as written when there is no such variable; `$$` is a literal `$`; any other `$` is
 * kept with the character after it.
 */
export function expandReferences(input: string, env: ReadonlyMap<string, string>): string {
  if (!input.includes('$')) return input;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close < 0) out += '$(';
      else {
        const name = rest.slice(1, close);
        out += env.get(name) ?? `$(${name})`;
        advance = close + 1;
      }
    } else out += `$${rest[0]}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** The environment of a container without `env` or `envFrom` (shared: never written). */
const NO_ENV: ReadonlyMap<string, string> = new Map();

/**
 * What a container's process starts with: its command and args with the `$(NAME)` references
 * expanded, and its process environment. The kubelet starts containers with it; `kubectl logs`
 * reads their output with it.
 */
export function processInputs(
  pod: KubeObject,
  spec: (EnvSpec & { command?: readonly string[]; args?: readonly string[] }) | undefined,
  data: ObjectData,
  runtime: PodRuntime,
): {
  command: readonly string[] | undefined;
  args: readonly string[] | undefined;
  vars: Map<string, string>;
} {
  const env = spec?.env || spec?.envFrom ? containerEnvironment(pod, spec, data, runtime) : NO_ENV;
  const expand = (argv: readonly string[] | undefined) =>
    argv?.some((a) => a.includes('$')) ? argv.map((a) => expandReferences(a, env)) : argv;
  return {
    command: expand(spec?.command),
    args: expand(spec?.args),
    vars: processEnvironment(pod, env),
  };
}
