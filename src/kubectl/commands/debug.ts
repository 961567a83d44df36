/**
 * `kubectl debug` as kubectl 1.32 runs it (debug.go, profiles.go): Complete, Validate, then for
 * each target a pod (an ephemeral container through `pods/NAME/ephemeralcontainers`, or with
 * `--copy-to` a copy of the pod) or a node (a pod in the node's host namespaces, its root at
 * /host). With `-i` (or `--attach`) kubectl waits for the container and attaches; the console
 * has no terminal: a command that ends by itself is shown as the fallback to its logs shows it,
 * a shell waiting for input is refused as `kubectl exec -it … -- sh` is (the container stays).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parse } from 'yaml';
import type { KubeObject, ResourceName } from '../../engine/api/types.ts';
import { readsInput } from '../../engine/node/interactiveShell.ts';
import { hex64 } from '../../engine/registry/digest.ts';
import type { Ctx } from '../context.ts';
import type { FlagDef } from '../flags.ts';
import { resolveType } from '../resources.ts';
import { notFound, peekObject, readFilenames, resolveOrFail } from './common.ts';
import { isImageReference } from './create.ts';
import { finishedPodLog } from './logs.ts';

type Obj = Record<string, unknown>;

const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'] as const;
type Profile = (typeof PROFILES)[number];
type Style = 'ephemeral' | 'podCopy' | 'node';

/** utilrand.String's alphabet (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.String(5): five letters drawn from `seed` (the console's stand-in for math/rand). */
function nameSuffix(seed: string): string {
  const hex = hex64(seed);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMS[Number.parseInt(hex.slice(i * 4, i * 4 + 4), 16) % ALPHANUMS.length];
  }
  return out;
}

interface DebugOptions {
  args: string[];
  argsOnly: boolean;
  attach: boolean;
  interactive: boolean;
  tty: boolean;
  quiet: boolean;
  image: string;
  container: string;
  copyTo: string;
  replace: boolean;
  sameNode: boolean;
  /** --share-processes, when given (the copy's shareProcessNamespace is changed only then). */
  shareProcesses?: boolean;
  setImages: Map<string, string>;
  target: string;
  pullPolicy: string;
  env: { name: string; value: string }[];
  profile: Profile;
  custom?: Obj;
  keep: {
    labels: boolean;
    annotations: boolean;
    liveness: boolean;
    readiness: boolean;
    startup: boolean;
    initContainers: boolean;
  };
}

/** `--env`, a StringToString flag: `k=v` pairs, several per value split at commas. */
function envOf(ctx: Ctx): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const raw of ctx.list('env')) {
    for (const pair of raw.split(',')) {
      const i = pair.indexOf('=');
      if (i < 0) {
        ctx.usageError(
          `invalid argument ${JSON.stringify(raw)} for "--env" flag: ${pair} must be formatted as key=value`,
        );
      }
      const name = pair.slice(0, i);
      const at = out.findIndex((e) => e.name === name);
      if (at >= 0) out.splice(at, 1);
      out.push({ name, value: pair.slice(i + 1) });
    }
  }
  return out;
}

/** `--set-image`: `name=image` pairs (a StringToString flag too). */
function setImagesOf(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of ctx.list('set-image')) {
    for (const pair of raw.split(',')) {
      const i = pair.indexOf('=');
      if (i < 0) {
        ctx.usageError(
          `invalid argument ${JSON.stringify(raw)} for "--set-image" flag: ${pair} must be formatted as key=value`,
        );
      }
      out.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  return out;
}

/** DebugOptions.Complete: arguments, attach, the profile (and its deprecation), --custom. */
function complete(ctx: Ctx, args: string[]): { targets: string[]; o: DebugOptions } {
  const dash = ctx.flags.argsLenAtDash;
  let targets = args;
  let cmdArgs: string[] = [];
  if (dash >= 0 && args.length > dash) {
    targets = args.slice(0, dash);
    cmdArgs = args.slice(dash);
  }
  const interactive = ctx.bool('stdin');
  const attach = ctx.changed('attach') ? ctx.bool('attach') : interactive;
  const env = envOf(ctx);
  const profile = ctx.changed('profile') ? ctx.str('profile') : 'legacy';
  if (!(PROFILES as readonly string[]).includes(profile)) ctx.fail(`unknown profile: ${profile}`);
  let custom: Obj | undefined;
  const customFile = ctx.str('custom');
  if (customFile !== '') {
    const text = ctx.host.fs.read(customFile);
    if (text === undefined) {
      ctx.fail(
        `must pass a container spec json file for custom profile: open ${customFile}: no such file or directory`,
      );
    }
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.fail(`${customFile} does not contain a valid container spec`);
    }
    custom = parsed as Obj;
  }
  const o: DebugOptions = {
    args: cmdArgs,
    argsOnly: ctx.bool('arguments-only'),
    attach,
    interactive,
    tty: ctx.bool('tty'),
    quiet: ctx.bool('quiet'),
    image: ctx.str('image'),
    container: ctx.str('container'),
    copyTo: ctx.str('copy-to'),
    replace: ctx.bool('replace'),
    sameNode: ctx.bool('same-node'),
    ...(ctx.changed('share-processes') ? { shareProcesses: ctx.bool('share-processes') } : {}),
    setImages: setImagesOf(ctx),
    target: ctx.str('target'),
    pullPolicy: ctx.str('image-pull-policy'),
    env,
    profile: profile as Profile,
    ...(custom ? { custom } : {}),
    keep: {
      labels: ctx.bool('keep-labels'),
      annotations: ctx.bool('keep-annotations'),
      liveness: ctx.bool('keep-liveness'),
      readiness: ctx.bool('keep-readiness'),
      startup: ctx.bool('keep-startup'),
      initContainers: ctx.changed('keep-init-containers') ? ctx.bool('keep-init-containers') : true,
    },
  };
  return { targets, o };
}

/** DebugOptions.Validate, in its order. */
function validate(ctx: Ctx, targets: string[], o: DebugOptions): void {
  if (o.attach && ctx.changed('attach') && o.image === '' && o.container === '') {
    ctx.fail(
      'you must specify --container or create a new container using --image in order to attach.',
    );
  }
  if (o.copyTo !== '') {
    if (o.image === '' && o.setImages.size === 0 && o.args.length === 0) {
      ctx.fail('you must specify --image, --set-image or command arguments.');
    }
    if (o.args.length > 0 && o.container === '' && o.image === '') {
      ctx.fail('you must specify an existing container or a new image when specifying args.');
    }
  } else if (o.replace) ctx.fail('--replace may only be used with --copy-to.');
  else if (o.sameNode) ctx.fail('--same-node may only be used with --copy-to.');
  else if (o.setImages.size > 0) ctx.fail('--set-image may only be used with --copy-to.');
  else if (o.image === '') ctx.fail('you must specify --image when not using --copy-to.');
  if (o.image !== '' && !isImageReference(o.image)) {
    ctx.fail(`invalid image name ${JSON.stringify(o.image)}: invalid reference format`);
  }
  if (targets.length === 0 && ctx.list('filename').length === 0) {
    ctx.fail('NAME or filename is required for debug');
  }
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(o.pullPolicy)) {
    ctx.fail(`invalid image pull policy: ${o.pullPolicy}`);
  }
  for (const [name, image] of o.setImages) {
    if (!isImageReference(image)) {
      ctx.fail(
        `invalid image name ${JSON.stringify(image)} for container ${JSON.stringify(name)}: invalid reference format`,
      );
    }
  }
  if (o.target !== '') {
    if (o.copyTo !== '') {
      ctx.fail('--target is incompatible with --copy-to. Use --share-processes instead.');
    }
    if (!o.quiet) {
      ctx.out(
        `Targeting container ${JSON.stringify(o.target)}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`,
      );
    }
  }
  if (o.tty && !o.interactive) ctx.fail('-i/--stdin is required for containers with -t/--tty=true');
  const c = o.custom;
  if (
    c &&
    ((typeof c.name === 'string' && c.name !== '') ||
      (Array.isArray(c.command) && c.command.length > 0) ||
      (typeof c.image === 'string' && c.image !== '') ||
      (c.lifecycle !== undefined && c.lifecycle !== null) ||
      (Array.isArray(c.volumeDevices) && c.volumeDevices.length > 0))
  ) {
    ctx.fail(
      'name, command, image, lifecycle and volume devices are not modifiable via custom profile',
    );
  }
  // Not hushed by --quiet.
  if (o.profile === 'legacy') {
    ctx.err(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n',
    );
  }
}

// ---- profiles (profiles.go) ----------------------------------------------------------------

function containerIn(pod: Obj, name: string): Obj | undefined {
  const spec = pod.spec as Obj;
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const found = ((spec[key] as Obj[] | undefined) ?? []).find((c) => c.name === name);
    if (found) return found;
  }
  return undefined;
}

function securityContext(c: Obj): Obj {
  if (!c.securityContext || typeof c.securityContext !== 'object') c.securityContext = {};
  return c.securityContext as Obj;
}

function addCapability(c: Obj, cap: string): void {
  const sc = securityContext(c);
  const caps = (sc.capabilities ?? {}) as Obj;
  caps.add = [...((caps.add as string[] | undefined) ?? []), cap];
  sc.capabilities = caps;
}

function shareHostNamespaces(pod: Obj): void {
  const spec = pod.spec as Obj;
  spec.hostNetwork = true;
  spec.hostPID = true;
  spec.hostIPC = true;
}

/** mountRootPartition: the node's / as volume `host-root`, at /host in the debug container. */
function mountRootPartition(pod: Obj, name: string): void {
  const spec = pod.spec as Obj;
  spec.volumes = [
    ...((spec.volumes as Obj[] | undefined) ?? []),
    { name: 'host-root', hostPath: { path: '/', type: '' } },
  ];
  const c = containerIn(pod, name);
  if (c) {
    c.volumeMounts = [
      ...((c.volumeMounts as Obj[] | undefined) ?? []),
      { mountPath: '/host', name: 'host-root' },
    ];
  }
}

function shareProcessNamespace(pod: Obj): void {
  const spec = pod.spec as Obj;
  if (spec.shareProcessNamespace === undefined) spec.shareProcessNamespace = true;
}

/**
 * KeepFlags' removals from a copy: labels, annotations, probes and init containers, each unless
 * its --keep-* flag keeps it.
 */
function removeFromCopy(pod: Obj, keep: DebugOptions['keep']): void {
  const meta = pod.metadata as Obj;
  const spec = pod.spec as Obj;
  if (!keep.labels) delete meta.labels;
  if (!keep.annotations) delete meta.annotations;
  for (const c of (spec.containers as Obj[] | undefined) ?? []) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete spec.initContainers;
}

/** The profile's changes to the debug pod and its container `name`. */
function applyProfile(
  profile: Profile,
  keep: DebugOptions['keep'],
  pod: Obj,
  name: string,
  style: Style,
): void {
  const c = containerIn(pod, name) ?? {};
  const clear = () => {
    delete c.securityContext;
  };
  // Every profile but legacy: the copy loses what the --keep-* flags do not keep, and shares
  // its process namespace unless --share-processes said otherwise.
  if (style === 'podCopy' && profile !== 'legacy') {
    removeFromCopy(pod, keep);
    shareProcessNamespace(pod);
  }
  switch (profile) {
    case 'legacy':
      if (style === 'node') {
        mountRootPartition(pod, name);
        shareHostNamespaces(pod);
      }
      // The copy loses its labels, whatever --keep-labels says; the rest is kept.
      if (style === 'podCopy') delete (pod.metadata as Obj).labels;
      return;
    case 'general':
      if (style === 'node') {
        mountRootPartition(pod, name);
        clear();
        shareHostNamespaces(pod);
      } else addCapability(c, 'SYS_PTRACE');
      return;
    case 'baseline':
      clear();
      return;
    case 'restricted': {
      clear();
      const sc = securityContext(c);
      sc.runAsNonRoot = true;
      sc.capabilities = { drop: ['ALL'] };
      sc.allowPrivilegeEscalation = false;
      sc.seccompProfile = { type: 'RuntimeDefault' };
      return;
    }
    case 'netadmin':
      addCapability(c, 'NET_ADMIN');
      addCapability(c, 'NET_RAW');
      if (style === 'node') shareHostNamespaces(pod);
      return;
    case 'sysadmin':
      securityContext(c).privileged = true;
      if (style === 'node') {
        shareHostNamespaces(pod);
        mountRootPartition(pod, name);
      }
      return;
  }
}

/** --custom: the partial container spec merged into the debug container (env merged by name). */
function applyCustom(c: Obj, custom: Obj): void {
  for (const [k, v] of Object.entries(custom)) {
    if (k === 'env' && Array.isArray(v)) {
      const env = [...((c.env as Obj[] | undefined) ?? [])];
      for (const e of v as Obj[]) {
        const at = env.findIndex((x) => x.name === e.name);
        if (at >= 0) env[at] = { ...env[at], ...e };
        else env.push(e);
      }
      c.env = env;
    } else if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      c[k] &&
      typeof c[k] === 'object'
    ) {
      const merged = { ...(c[k] as Obj) };
      applyCustom(merged, v as Obj);
      c[k] = merged;
    } else if (v === null) delete c[k];
    else c[k] = v;
  }
}

// ---- the debug container ------------------------------------------------------------------

/** The container kubectl builds (EphemeralContainerCommon's fields in their order). */
function debugContainer(o: DebugOptions, name: string): Obj {
  const c: Obj = { name, image: o.image };
  if (o.args.length > 0) c[o.argsOnly ? 'args' : 'command'] = [...o.args];
  if (o.env.length > 0) c.env = o.env.map((e) => ({ ...e }));
  c.resources = {};
  c.terminationMessagePolicy = 'File';
  if (o.pullPolicy !== '') c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

/** computeDebugContainerName: `debugger-xxxxx`, not the name of one of the pod's containers. */
function debugContainerName(ctx: Ctx, o: DebugOptions, pod: Obj): string {
  if (o.container !== '') return o.container;
  let name = '';
  for (let i = 0; name === '' || containerIn(pod, name); i++) {
    const meta = pod.metadata as Obj | undefined;
    name = `debugger-${nameSuffix(`${meta?.uid ?? meta?.name}/${ctx.now()}/${i}`)}`;
  }
  if (!o.quiet) ctx.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** debugByEphemeralContainer: PATCH pods/NAME/ephemeralcontainers with the new container. */
function debugByEphemeralContainer(ctx: Ctx, o: DebugOptions, pod: Obj): [Pod, string] {
  const copied = structuredClone(pod);
  const spec = copied.spec as Obj;
  const name = debugContainerName(ctx, o, copied);
  const ec = debugContainer(o, name);
  if (o.target !== '') ec.targetContainerName = o.target;
  spec.ephemeralContainers = [...((spec.ephemeralContainers as Obj[] | undefined) ?? []), ec];
  applyProfile(o.profile, o.keep, copied, name, 'ephemeral');
  if (o.custom) applyCustom(ec, o.custom);
  const meta = pod.metadata as Obj;
  const r = ctx.host.api.patch(
    'pods',
    meta.namespace as string,
    meta.name as string,
    { spec: { ephemeralContainers: spec.ephemeralContainers } },
    { patchType: 'strategic', subresource: 'ephemeralcontainers' },
  );
  if (!r.ok) ctx.failStatus(r.status);
  return [r.value as Pod, name];
}

/** generatePodCopyWithDebugContainer, then Create (and with --replace, delete the original). */
function debugByCopy(ctx: Ctx, o: DebugOptions, pod: Obj): [Pod, string] {
  const meta = pod.metadata as Obj;
  const spec = structuredClone(pod.spec as Obj);
  const copyMeta: Obj = { name: o.copyTo, namespace: meta.namespace };
  if (meta.annotations) copyMeta.annotations = { ...(meta.annotations as Obj) };
  if (meta.labels) copyMeta.labels = { ...(meta.labels as Obj) };
  const copied: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: copyMeta, spec };
  delete spec.ephemeralContainers;
  // Changed only when --share-processes is given (a profile may set it after).
  if (o.shareProcesses !== undefined) spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete spec.nodeName;
  const containers = (spec.containers as Obj[] | undefined) ?? [];
  for (const c of containers) {
    const image = o.setImages.get(c.name as string) ?? o.setImages.get('*');
    if (image) c.image = image;
  }
  let name = o.container;
  let c = name === '' ? undefined : containerIn(copied, name);
  if (!c) {
    if (o.image === '') {
      if (o.setImages.size > 0) return [create(ctx, o, copied, meta), ''];
      ctx.fail('you must specify image when creating new container');
    }
    if (name === '') name = debugContainerName(ctx, o, copied);
    c = { name, terminationMessagePolicy: 'File' };
    containers.push(c);
    spec.containers = containers;
  }
  if (o.args.length > 0) {
    if (o.argsOnly) c.args = [...o.args];
    else {
      c.command = [...o.args];
      delete c.args;
    }
  }
  if (o.env.length > 0) c.env = o.env.map((e) => ({ ...e }));
  if (o.image !== '') c.image = o.image;
  if (o.pullPolicy !== '') c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  else delete c.stdin;
  if (o.tty) c.tty = true;
  else delete c.tty;
  applyProfile(o.profile, o.keep, copied, name, 'podCopy');
  if (o.custom) applyCustom(c, o.custom);
  return [create(ctx, o, copied, meta), name];
}

function create(ctx: Ctx, o: DebugOptions, copied: Obj, original: Obj): Pod {
  const ns = original.namespace as string;
  const r = ctx.host.api.create('pods', ns, copied as KubeObject);
  if (!r.ok) ctx.failStatus(r.status);
  if (o.replace) {
    const d = ctx.host.api.delete('pods', ns, original.name as string, { gracePeriodSeconds: 0 });
    if (!d.ok) ctx.failStatus(d.status);
  }
  return r.value as Pod;
}

/** visitNode: the node debugging pod, created in the current namespace on that node. */
function debugNode(ctx: Ctx, o: DebugOptions, node: KubeObject): [Pod, string] {
  const nodeName = node.metadata?.name ?? '';
  const cn = o.container || 'debugger';
  const pn = `node-debugger-${nodeName}-${nameSuffix(`${nodeName}/${ctx.now()}`)}`;
  if (!o.quiet) {
    ctx.out(`Creating debugging pod ${pn} with container ${cn} on node ${nodeName}.\n`);
  }
  const c = debugContainer(o, cn);
  const pod: Obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pn },
    spec: {
      containers: [c],
      nodeName,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
    },
  };
  applyProfile(o.profile, o.keep, pod, cn, 'node');
  if (o.custom) applyCustom(c, o.custom);
  const r = ctx.host.api.create('pods', ctx.namespace, pod as KubeObject);
  if (!r.ok) ctx.failStatus(r.status);
  return [r.value as Pod, cn];
}

// ---- attach -------------------------------------------------------------------------------

type Status = {
  name: string;
  state?: { running?: unknown; terminated?: unknown; waiting?: { message?: string } };
};

function statusOf(pod: Pod | undefined, name: string): Status | undefined {
  const all = [
    ...(pod?.status?.containerStatuses ?? []),
    ...(pod?.status?.initContainerStatuses ?? []),
    ...(pod?.status?.ephemeralContainerStatuses ?? []),
  ] as Status[];
  return all.find((s) => s.name === name);
}

/**
 * handleAttachPod: wait for the container to run (warning with each waiting message), then
 * attach; a container already ended falls back to its logs. The console cannot attach: a
 * command that ends by itself is waited for and its log shown; a shell waiting for input is
 * refused, the container left running for `kubectl exec`.
 */
function attachTo(ctx: Ctx, o: DebugOptions, pod: Pod, name: string): void {
  const ns = pod.metadata?.namespace ?? ctx.namespace;
  const podName = pod.metadata?.name ?? '';
  const current = () => peekObject(ctx, 'pods', ns, podName) as Pod | undefined;
  const warned = new Set<string>();
  const started = () => {
    const s = statusOf(current(), name);
    const message = s?.state?.waiting?.message;
    if (!o.quiet && message && !warned.has(message)) {
      warned.add(message);
      ctx.err(`Warning: container ${name}: ${message}\n`);
    }
    return !!(s?.state?.running || s?.state?.terminated);
  };
  if (!ctx.host.runUntil(started, 60_000)) {
    ctx.fail(
      `container ${name} has not started after a minute: this console stops waiting (kubectl would wait on); see kubectl describe pod ${podName}`,
    );
  }
  const ended = () => !!statusOf(current(), name)?.state?.terminated;
  const spec = containerIn(current() as unknown as Obj, name) ?? {};
  const shell =
    o.interactive &&
    readsInput(
      String(spec.image ?? ''),
      spec.command as string[] | undefined,
      spec.args as string[] | undefined,
    );
  if (!ended() && shell) {
    if (!o.quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");
    ctx.fail(
      `interactive shells are not available in this console: the debug container ${name} keeps running; run one command at a time in it (kubectl exec ${podName} -c ${name} -- COMMAND)`,
    );
  }
  // Attached, the stream ends when the process does: a command that ends by itself is waited
  // for (a while), then shown as the fallback to its logs shows it.
  if (!ended() && !ctx.host.runUntil(ended, 60_000)) {
    ctx.err(
      `(this console cannot stay attached: kubectl logs ${podName} -c ${name} shows what it prints)\n`,
    );
    return;
  }
  ctx.out(finishedPodLog(ctx, current() as Pod, name));
}

// ---- the command --------------------------------------------------------------------------

/** The objects named (`NAME` is a pod, `node/NAME` a node) or in `-f` files, as the builder visits them. */
function targetsOf(
  ctx: Ctx,
  names: string[],
): { kind: string; apiVersion: string; obj: KubeObject }[] {
  const refs: { type: string; name: string; ns: string }[] = [];
  const files = ctx.list('filename');
  for (const m of files.length > 0 ? readFilenames(ctx, files) : []) {
    const obj = m.obj as KubeObject;
    refs.push({
      type: String(obj.kind ?? '').toLowerCase(),
      name: obj.metadata?.name ?? '',
      ns: obj.metadata?.namespace ?? ctx.namespace,
    });
  }
  for (const arg of names) {
    // The builder's splitResourceTypeName.
    const parts = arg.split('/');
    if (parts.length > 2)
      ctx.fail('arguments in resource/name form may not have more than one slash');
    if (parts.length === 2 && (parts[0] === '' || parts[1] === '' || parts[0]?.includes(','))) {
      ctx.fail('arguments in resource/name form must have a single resource and name');
    }
    const i = arg.indexOf('/');
    refs.push(
      i < 0
        ? { type: 'pods', name: arg, ns: ctx.namespace }
        : { type: arg.slice(0, i), name: arg.slice(i + 1), ns: ctx.namespace },
    );
  }
  return refs.map((ref) => {
    const t = resolveType(ref.type) ?? resolveOrFail(ctx, ref.type);
    const r = ctx.host.api.get(
      t.resource as ResourceName,
      t.namespaced ? ref.ns : undefined,
      ref.name,
    );
    if (!r.ok) {
      if (r.status.reason === 'NotFound') ctx.failStatus(notFound(t, ref.name));
      ctx.failStatus(r.status);
    }
    return {
      kind: t.kind,
      apiVersion: t.group ? `${t.group}/${t.version}` : t.version,
      obj: r.value,
    };
  });
}

export function runDebug(ctx: Ctx, args: string[]): void {
  const { targets, o } = complete(ctx, args);
  validate(ctx, targets, o);
  for (const { kind, apiVersion, obj } of targetsOf(ctx, targets)) {
    let result: [Pod, string];
    if (kind === 'Node') result = debugNode(ctx, o, obj);
    else if (kind === 'Pod') {
      const pod = structuredClone(obj) as unknown as Obj;
      result = o.copyTo !== '' ? debugByCopy(ctx, o, pod) : debugByEphemeralContainer(ctx, o, pod);
    } else {
      const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
      ctx.fail(`${JSON.stringify(`${gv}, Kind=${kind}`)} not supported by debug`);
    }
    const [pod, name] = result;
    if (o.attach && name !== '') attachTo(ctx, o, pod, name);
  }
}

/** DebugOptions.AddFlags (the defaults that are not zero are applied in `complete`). */
export const DEBUG_FLAGS: FlagDef[] = [
  ...['arguments-only', 'attach', 'keep-annotations', 'keep-init-containers', 'keep-labels'].map(
    (name): FlagDef => ({ name, type: 'bool' }),
  ),
  ...['keep-liveness', 'keep-readiness', 'keep-startup', 'replace', 'same-node'].map(
    (name): FlagDef => ({ name, type: 'bool' }),
  ),
  { name: 'share-processes', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'container', short: 'c', type: 'string' },
  ...['copy-to', 'custom', 'image', 'image-pull-policy', 'profile', 'target'].map(
    (name): FlagDef => ({ name, type: 'string' }),
  ),
  { name: 'env', type: 'stringArray' },
  { name: 'set-image', type: 'stringArray' },
  { name: 'filename', short: 'f', type: 'stringSlice' },
];
