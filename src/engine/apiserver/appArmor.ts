/**
 * AppArmor on the 1.32 API server, where the `appArmorProfile` fields (GA in 1.30) replace the
 * deprecated `container.apparmor.security.beta.kubernetes.io/<container>` annotations:
 *
 * - validation of a profile field (validateAppArmorProfileField), of the annotations
 *   (ValidateAppArmorPodAnnotations: the container must exist, the value must be `runtime/default`,
 *   `unconfined` or `localhost/<name>`), and of an annotation that a container's field
 *   contradicts (validateAppArmorAnnotationsAndFieldsMatchOnCreate);
 * - the pod strategy's applyAppArmorVersionSkew on create: a container with a field and no
 *   annotation gets the annotation (older kubelets read only that), one with an annotation and no
 *   field gets the field, with the deprecation warning; a pod template only warns
 *   (warningsForPodSpecAndMeta);
 * - Pod Security's baseline `appArmorProfile` check (Unconfined is forbidden);
 * - the profile the kubelet asks the runtime for (GetProfile: container field, pod field, then
 *   the annotation).
 */
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';

type Obj = Record<string, unknown>;

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const RUNTIME_DEFAULT = 'runtime/default';
const UNCONFINED = 'unconfined';
const LOCALHOST_PREFIX = 'localhost/';
const DEPRECATED = 'deprecated since v1.30; use the "appArmorProfile" field instead';

/** A profile as the API carries it. */
export interface AppArmorProfile {
  type?: string;
  localhostProfile?: string;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function profileOf(securityContext: unknown): AppArmorProfile | undefined {
  if (!isObj(securityContext)) return undefined;
  const p = securityContext.appArmorProfile;
  return isObj(p) ? (p as AppArmorProfile) : undefined;
}

interface Visited {
  c: Obj;
  path: string;
}

/** VisitContainersWithPath: init containers, containers, ephemeral containers. */
function visit(spec: Obj, field: string): Visited[] {
  const out: Visited[] = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isObj(c)) out.push({ c, path: `${field}.${key}[${i}]` });
    });
  }
  return out;
}

/** validateAppArmorProfileField of `profile` at `path` (`….securityContext.appArmorProfile`). */
export function validateAppArmorProfile(profile: unknown, path: string): FieldError[] {
  if (!isObj(profile)) return [];
  const p = profile as AppArmorProfile;
  const type = p.type ?? '';
  const local = p.localhostProfile;
  switch (type) {
    case 'Localhost':
      if (typeof local !== 'string' || local === '')
        return [
          {
            field: `${path}.localhostProfile`,
            type: 'Required value',
            detail: 'must be set when AppArmor type is Localhost',
          },
        ];
      if (local.trim() !== local)
        return [
          {
            field: `${path}.localhostProfile`,
            type: 'Invalid value',
            value: local,
            detail: 'must not be padded with whitespace',
          },
        ];
      if (local.trim() === '')
        return [
          {
            field: `${path}.localhostProfile`,
            type: 'Required value',
            detail: 'must be set when AppArmor type is Localhost',
          },
        ];
      return [];
    case 'RuntimeDefault':
    case 'Unconfined':
      return local === undefined || local === null
        ? []
        : [
            {
              field: `${path}.localhostProfile`,
              type: 'Invalid value',
              value: local,
              detail: 'can only be set when AppArmor type is Localhost',
            },
          ];
    case '':
      return [
        {
          field: `${path}.type`,
          type: 'Required value',
          detail: 'type is required when appArmorProfile is set',
        },
      ];
    default:
      return [
        {
          field: `${path}.type`,
          type: 'Unsupported value',
          value: type,
          detail: 'supported values: "Localhost", "RuntimeDefault", "Unconfined"',
        },
      ];
  }
}

/** The profile fields of a pod spec at `field` (`spec`, `spec.template.spec`, …). */
export function validateAppArmorFields(spec: unknown, field: string): FieldError[] {
  if (!isObj(spec)) return [];
  const errs = validateAppArmorProfile(
    profileOf(spec.securityContext),
    `${field}.securityContext.appArmorProfile`,
  );
  for (const { c, path } of visit(spec, field))
    errs.push(
      ...validateAppArmorProfile(
        profileOf(c.securityContext),
        `${path}.securityContext.appArmorProfile`,
      ),
    );
  return errs;
}

function annotationsOf(meta: unknown): Record<string, string> {
  return isObj(meta) && isObj(meta.annotations) ? (meta.annotations as Record<string, string>) : {};
}

/** ValidateAppArmorProfileFormat of an annotation value. */
function annotationFormatError(value: string): string | undefined {
  if (value === '' || value === RUNTIME_DEFAULT || value === UNCONFINED) return undefined;
  if (!value.startsWith(LOCALHOST_PREFIX))
    return `invalid AppArmor profile name: ${JSON.stringify(value)}`;
  return undefined;
}

/**
 * ValidateAppArmorPodAnnotations and validateAppArmorAnnotationsAndFieldsMatchOnCreate of a pod
 * (or pod template) whose metadata is at `metaPath` and spec at `specPath`.
 */
function validateAnnotations(
  meta: unknown,
  spec: unknown,
  metaPath: string,
  specPath: string,
): FieldError[] {
  const annotations = annotationsOf(meta);
  const s = isObj(spec) ? spec : {};
  const errs: FieldError[] = [];
  let any = false;
  // Upstream ranges over a Go map (random order); sorted here.
  for (const k of Object.keys(annotations).sort()) {
    if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    any = true;
    const name = k.slice(APPARMOR_ANNOTATION_PREFIX.length);
    const field = `${metaPath}.annotations[${k}]`;
    if (!visit(s, specPath).some(({ c }) => c.name === name))
      errs.push({ field, type: 'Invalid value', value: name, detail: 'container not found' });
    const value = String(annotations[k]);
    const bad = annotationFormatError(value);
    if (bad) errs.push({ field, type: 'Invalid value', value, detail: bad });
  }
  if (!any || (isObj(s.os) && s.os.name === 'windows')) return errs;
  const podProfile = profileOf(s.securityContext);
  for (const { c, path } of visit(s, specPath)) {
    const profile = profileOf(c.securityContext) ?? podProfile;
    const annotation = annotations[`${APPARMOR_ANNOTATION_PREFIX}${String(c.name ?? '')}`];
    if (!profile || annotation === undefined) continue;
    const at = `${path}.securityContext.appArmorProfile`;
    const typeMismatch = {
      field: `${at}.type`,
      type: 'Forbidden',
      detail: 'apparmor type in annotation and field must match',
    } as const;
    if (profile.type === 'Unconfined' && annotation !== UNCONFINED) errs.push(typeMismatch);
    else if (profile.type === 'RuntimeDefault' && annotation !== RUNTIME_DEFAULT)
      errs.push(typeMismatch);
    else if (profile.type === 'Localhost') {
      if (!annotation.startsWith(LOCALHOST_PREFIX)) errs.push(typeMismatch);
      else if (annotation.slice(LOCALHOST_PREFIX.length) !== profile.localhostProfile)
        errs.push({
          field: `${at}.localhostProfile`,
          type: 'Forbidden',
          detail: 'apparmor profile in annotation and field must match',
        });
    }
  }
  return errs;
}

/** The pod template of a workload and the paths of its metadata and spec. */
function templateOf(
  resource: string,
  obj: KubeObject,
): { meta: unknown; spec: unknown; metaPath: string; specPath: string } | undefined {
  const spec = isObj(obj.spec) ? obj.spec : {};
  if (resource === 'cronjobs') {
    const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : {};
    const t = isObj(jt.spec) && isObj(jt.spec.template) ? jt.spec.template : undefined;
    return t
      ? {
          meta: t.metadata,
          spec: t.spec,
          metaPath: 'spec.jobTemplate.spec.template.metadata',
          specPath: 'spec.jobTemplate.spec.template.spec',
        }
      : undefined;
  }
  if (['deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs'].includes(resource)) {
    const t = isObj(spec.template) ? spec.template : undefined;
    return t
      ? {
          meta: t.metadata,
          spec: t.spec,
          metaPath: 'spec.template.metadata',
          specPath: 'spec.template.spec',
        }
      : undefined;
  }
  return undefined;
}

/**
 * The annotation checks of a pod (the field-against-annotation check only on create: a pod's
 * annotations and fields are in sync from then on) or of a workload's pod template.
 */
export function validateAppArmorAnnotations(
  resource: string,
  obj: KubeObject,
  creating: boolean,
): FieldError[] {
  if (resource === 'pods') {
    const errs = validateAnnotations(obj.metadata, obj.spec, 'metadata', 'spec');
    return creating ? errs : errs.filter((e) => e.type !== 'Forbidden');
  }
  const t = templateOf(resource, obj);
  return t ? validateAnnotations(t.meta, t.spec, t.metaPath, t.specPath) : [];
}

function annotationForField(p: AppArmorProfile): string {
  switch (p.type) {
    case 'Unconfined':
      return UNCONFINED;
    case 'RuntimeDefault':
      return RUNTIME_DEFAULT;
    case 'Localhost':
      return typeof p.localhostProfile === 'string'
        ? `${LOCALHOST_PREFIX}${p.localhostProfile}`
        : '';
  }
  return '';
}

function fieldForAnnotation(a: string): AppArmorProfile | undefined {
  if (a === UNCONFINED) return { type: 'Unconfined' };
  if (a === RUNTIME_DEFAULT) return { type: 'RuntimeDefault' };
  if (a.startsWith(LOCALHOST_PREFIX)) {
    const name = a.slice(LOCALHOST_PREFIX.length);
    if (name !== '') return { type: 'Localhost', localhostProfile: name };
  }
  return undefined;
}

const sameProfile = (a: AppArmorProfile, b: AppArmorProfile | undefined) =>
  !!b && a.type === b.type && (a.localhostProfile ?? null) === (b.localhostProfile ?? null);

/**
 * applyAppArmorVersionSkew (the pod strategy's PrepareForCreate) on a new pod whose metadata and
 * containers are its own: syncs each container's annotation and field. Returns the deprecation
 * warnings (an annotation the field did not already say).
 */
export function applyAppArmorVersionSkew(pod: KubeObject): string[] {
  const spec = pod.spec as Obj | undefined;
  if (!isObj(spec) || (isObj(spec.os) && spec.os.name === 'windows')) return [];
  const podProfile = profileOf(spec.securityContext);
  const annotations = pod.metadata?.annotations;
  let anyAnnotation = false;
  for (const k in annotations ?? {})
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX)) {
      anyAnnotation = true;
      break;
    }
  const warnings: string[] = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      const containerProfile = profileOf(c.securityContext);
      if (!podProfile && !containerProfile && !anyAnnotation) return;
      const annotationKey = `${APPARMOR_ANNOTATION_PREFIX}${String(c.name ?? '')}`;
      const annotation = annotations?.[annotationKey];
      if (annotation === undefined) {
        const profile = containerProfile ?? podProfile;
        const value = profile ? annotationForField(profile) : '';
        if (value === '') return;
        pod.metadata ??= {};
        pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [annotationKey]: value };
        return;
      }
      if (containerProfile) return;
      let field = fieldForAnnotation(String(annotation));
      if (field && validateAppArmorProfile(field, '').length > 0) field = undefined;
      let warn = field === undefined;
      if (field && !sameProfile(field, podProfile)) {
        list[i] = {
          ...c,
          securityContext: {
            ...(isObj(c.securityContext) ? c.securityContext : {}),
            appArmorProfile: field,
          },
        };
        warn = true;
      }
      if (warn) warnings.push(`metadata.annotations[${annotationKey}]: ${DEPRECATED}`);
    });
  }
  return warnings;
}

/**
 * warningsForPodSpecAndMeta's AppArmor part for a workload's pod template: an annotation of a
 * container that has no field (and no pod-level field) is deprecated.
 */
export function appArmorTemplateWarnings(resource: string, obj: KubeObject): string[] {
  const t = templateOf(resource, obj);
  if (!t) return [];
  const annotations = annotationsOf(t.meta);
  const spec = isObj(t.spec) ? t.spec : {};
  const hasPodProfile = profileOf(spec.securityContext) !== undefined;
  const out: string[] = [];
  for (const { c } of visit(spec, '')) {
    if (hasPodProfile || profileOf(c.securityContext)) continue;
    const key = `${APPARMOR_ANNOTATION_PREFIX}${String(c.name ?? '')}`;
    if (key in annotations) out.push(`${t.metaPath}.annotations[${key}]: ${DEPRECATED}`);
  }
  return out;
}

const plural = (one: string, many: string, n: number) => (n === 1 ? one : many);
const joinQuote = (items: readonly string[]) => items.map((s) => JSON.stringify(s)).join(', ');

/**
 * Pod Security's baseline `appArmorProfile` check: no profile type but RuntimeDefault or
 * Localhost, in the fields or in the annotations (`runtime/default`, `localhost/*` or empty).
 */
export function appArmorViolation(
  spec: unknown,
  annotations: Record<string, string> | undefined,
): { reason: string; detail: string } | undefined {
  const s = isObj(spec) ? spec : {};
  const setters: string[] = [];
  const values = new Set<string>();
  const allowed = (p: AppArmorProfile) => p.type === 'RuntimeDefault' || p.type === 'Localhost';
  const podProfile = profileOf(s.securityContext);
  if (podProfile && !allowed(podProfile)) {
    setters.push('pod');
    values.add(String(podProfile.type ?? ''));
  }
  const bad: string[] = [];
  for (const { c } of visit(s, '')) {
    const p = profileOf(c.securityContext);
    if (p && !allowed(p)) {
      bad.push(String(c.name ?? ''));
      values.add(String(p.type ?? ''));
    }
  }
  if (bad.length > 0)
    setters.push(`${plural('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  const forbidden: string[] = [];
  for (const [k, v] of Object.entries(annotations ?? {})) {
    if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    const value = String(v);
    if (value === '' || value === RUNTIME_DEFAULT || value.startsWith(LOCALHOST_PREFIX)) continue;
    forbidden.push(`${k}=${JSON.stringify(value)}`);
  }
  const list = [...values].sort();
  if (forbidden.length > 0) {
    list.push(...forbidden.sort());
    setters.push(plural('annotation', 'annotations', forbidden.length));
  }
  if (setters.length === 0) return undefined;
  return {
    reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', list.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list)}`,
  };
}

/** The pod template annotations of a workload, or a pod's own (what Pod Security reads). */
export function podAnnotationsOf(resource: string, obj: KubeObject): Record<string, string> {
  if (resource === 'pods') return annotationsOf(obj.metadata);
  return annotationsOf(templateOf(resource, obj)?.meta);
}

/**
 * GetProfile (pkg/kubelet/apparmor): the profile a container runs with: its field, the pod's,
 * then the deprecated annotation.
 */
export function containerAppArmorProfile(
  pod: KubeObject,
  containerName: string,
  containerSecurityContext: unknown,
): AppArmorProfile | undefined {
  const own = profileOf(containerSecurityContext);
  if (own) return own;
  const podProfile = profileOf((pod.spec as Obj | undefined)?.securityContext);
  if (podProfile) return podProfile;
  const a = pod.metadata?.annotations?.[`${APPARMOR_ANNOTATION_PREFIX}${containerName}`];
  return a === undefined ? undefined : fieldForAnnotation(String(a));
}

/**
 * Profiles an Ubuntu node's kernel has loaded: containerd's default one (what RuntimeDefault
 * runs), and the distribution's own. What `apparmor_parser` loads on a node since is
 * node/appArmorProfiles.ts's.
 */
export const LOADED_PROFILES: ReadonlySet<string> = new Set([
  'cri-containerd.apparmor.d',
  'lsb_release',
  'nvidia_modprobe',
  'man_filter',
  'man_groff',
  'unix-chkpwd',
]);

/**
 * containerd's refusal to create a container whose Localhost profile the node has not loaded
 * (the CRI error the kubelet reports as CreateContainerError), or undefined.
 */
export function appArmorCreateError(
  profile: AppArmorProfile | undefined,
  loaded: (name: string) => boolean = (name) => LOADED_PROFILES.has(name),
): string | undefined {
  if (profile?.type !== 'Localhost') return undefined;
  const name = profile.localhostProfile ?? '';
  if (loaded(name)) return undefined;
  return `failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found ${name}`;
}

/**
 * What `/proc/<pid>/attr/current` reads in a container: the AppArmor label containerd confined it
 * with: its default profile (RuntimeDefault, or no profile at all) in enforce mode, a Localhost
 * profile, or `unconfined` (Unconfined, or a privileged container without a profile).
 */
export function appArmorProcLabel(
  pod: KubeObject,
  containerName: string,
  containerSecurityContext: unknown,
): string {
  const profile = containerAppArmorProfile(pod, containerName, containerSecurityContext);
  const privileged =
    isObj(containerSecurityContext) && containerSecurityContext.privileged === true;
  if (profile?.type === 'Unconfined' || (privileged && !profile)) return 'unconfined';
  if (profile?.type === 'Localhost') return `${profile.localhostProfile ?? ''} (enforce)`;
  return 'cri-containerd.apparmor.d (enforce)';
}
