/** `kubectl create …`, `kubectl run`, `kubectl apply -f`. */

import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Status } from '../../engine/api/types.ts';
import {
  decodeFindings,
  structFor,
  withoutEmptyOmitted,
  withoutFields,
} from '../../engine/apiserver/decode.ts';
import { hpaToV1 } from '../../engine/apiserver/hpa.ts';
import { schemaOf } from '../../engine/apiserver/patchMeta.ts';
import { StrategicMergeError } from '../../engine/apiserver/strategicMerge.ts';
import { readsInput } from '../../engine/node/interactiveShell.ts';
import { containerProgram } from '../../engine/node/program.ts';
import {
  QUANTITY_FORMAT_ERROR,
  tryParseQuantity,
} from '../../engine/scheduler/framework/quantity.ts';
import type { Ctx } from '../context.ts';
import { aggregateMessage, clientError, ExitError, withSource } from '../errors.ts';
import {
  checkTemplatePrinter,
  type DryRun,
  deferObjectPrints,
  dryRunStrategy,
  flushObjectPrints,
  outputFormat,
  printObject,
} from '../output.ts';
import { applyOverrides, OverrideError, overrideTypeOf } from '../overrides.ts';
import { typedOrder } from '../printers/json.ts';
import {
  isStoredType,
  kindPrefix,
  type ResourceType,
  resolveType,
  typeByResource,
} from '../resources.ts';
import { threeWayMergePatch } from '../threeWayMergePatch.ts';
import {
  type Applied,
  filterBySelector,
  pruneAfterApply,
  pruneAllowlist,
  validatePrune,
} from './applyPrune.ts';
import { serverSideApplyError } from './applyServerSide.ts';
import {
  clone,
  fieldValidation,
  type ManifestObject,
  namespaceForManifest,
  namespaceMismatch,
  noResourceType,
  ownNamespace,
  peekObject,
  printWarnings,
  readFilenames,
  splitResourceTypeName,
  VERSIONLESS_NOT_FOUND,
  withoutResourceVersion,
} from './common.ts';
import { cascadingStrategy, waitDeleted } from './delete.ts';
import { runEditOnCreate } from './edit.ts';
import { filenameArgs } from './kustomize.ts';
import { finishedPodLog, networkOf } from './logs.ts';
import { runReplaceRaw } from './replaceRaw.ts';

/** The container name kubectl derives from an image: last path part, tag and digest removed. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split('@')[0] ?? name;
  name = name.split(':')[0] ?? name;
  return name;
}

/** `exactly one NAME is required, got N`. */
export function oneName(ctx: Ctx, args: string[]): string {
  if (args.length !== 1) ctx.usageError(`exactly one NAME is required, got ${args.length}`);
  return args[0] as string;
}

/**
 * Sends `obj` to the server (or, for a client dry run, keeps it as built) and returns what
 * kubectl then prints, or the server's error.
 */
function send(
  ctx: Ctx,
  obj: KubeObject,
  namespace: string | undefined,
  opts: { dryRun: DryRun; fieldManager: string },
): { ok: true; value: KubeObject } | { ok: false; status: Status } {
  if (opts.dryRun === 'client') return { ok: true, value: obj };
  const type = typeByResourceOf(obj);
  const r = ctx.host.api.create(type.resource, namespace, stripNulls(obj), {
    fieldManager: opts.fieldManager,
    ...(opts.dryRun === 'server' ? { dryRun: true } : {}),
  });
  // The response's Warning headers (an Ingress's deprecated class annotation, for one), which a
  // refusal can carry too.
  printWarnings(ctx, r);
  if (!r.ok) return r;
  return {
    ok: true,
    value: {
      ...r.value,
      apiVersion: r.value.apiVersion ?? obj.apiVersion,
      kind: r.value.kind ?? obj.kind,
    },
  };
}

/** Server request (or not, for client dry run) + success line or `-o` output. */
function submit(
  ctx: Ctx,
  obj: KubeObject,
  namespace: string | undefined,
  opts: { wrap?: string; dryRun: DryRun; fieldManager: string; saveConfig?: false },
): void {
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  const save = opts.saveConfig !== false && ctx.bool('save-config');
  const r = send(ctx, save ? withSavedConfig(obj) : obj, namespace, opts);
  if (!r.ok) {
    // fmt.Errorf("<wrap>%v", err): the Status's own message, so `error: …` and no
    // `Error from server (Reason)` / `The Kind "name" is invalid` layout.
    if (opts.wrap) ctx.fail(`${opts.wrap}${r.status.message}`);
    ctx.failStatus(r.status);
  }
  // create <type> and run decode the answer into typed structs, so -o json keeps field order.
  printObject(ctx, r.value, format, { verb: 'created', dryRun: opts.dryRun, typed: true });
}

function typeByResourceOf(obj: KubeObject) {
  switch (obj.kind) {
    case 'Namespace':
      return typeByResource('namespaces');
    case 'Deployment':
      return typeByResource('deployments');
    case 'Service':
      return typeByResource('services');
    case 'ConfigMap':
      return typeByResource('configmaps');
    case 'Secret':
      return typeByResource('secrets');
    case 'ServiceAccount':
      return typeByResource('serviceaccounts');
    case 'Job':
      return typeByResource('jobs');
    case 'CronJob':
      return typeByResource('cronjobs');
    case 'ResourceQuota':
      return typeByResource('resourcequotas');
    case 'PriorityClass':
      return typeByResource('priorityclasses');
    case 'PodDisruptionBudget':
      return typeByResource('poddisruptionbudgets');
    case 'Ingress':
      return typeByResource('ingresses');
    case 'Role':
      return typeByResource('roles');
    case 'ClusterRole':
      return typeByResource('clusterroles');
    case 'RoleBinding':
      return typeByResource('rolebindings');
    case 'ClusterRoleBinding':
      return typeByResource('clusterrolebindings');
    default:
      return typeByResource('pods');
  }
}

/** Drops the `creationTimestamp: null` placeholders before sending an object. */
function stripNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripNulls) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
    return out as T;
  }
  return v;
}

/**
 * `submit` for `create configmap | secret | serviceaccount` (kubectl-create field manager);
 * `wrap` is the text each puts before the server's error, as its Run does.
 */
/** `create <type>`'s plain path: the server's error as it is (`Error from server (…)`). */
export function submitTyped(ctx: Ctx, obj: KubeObject, namespace: string | undefined): void {
  submit(ctx, obj, namespace, { dryRun: dryRunStrategy(ctx), fieldManager: 'kubectl-create' });
}

export function submitCreated(
  ctx: Ctx,
  obj: KubeObject,
  namespace: string | undefined,
  wrap: string,
): void {
  submit(ctx, obj, namespace, {
    dryRun: dryRunStrategy(ctx),
    fieldManager: 'kubectl-create',
    wrap,
  });
}

export function runCreateNamespace(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const dryRun = dryRunStrategy(ctx);
  const obj: KubeObject = {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as unknown as string },
    spec: {},
    status: {},
  };
  submit(ctx, obj, undefined, { dryRun, fieldManager: 'kubectl-create' });
}

/**
 * `kubectl create quota NAME --hard=cpu=1,memory=1G,pods=2` (create_quota.go): the hard list
 * parsed as `<resource>=<quantity>` pairs. Quota scopes are not simulated, so `--scopes` is
 * refused plainly.
 */
export function runCreateQuota(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const dryRun = dryRunStrategy(ctx);
  // parseScopes: split on commas; the API server validates the names.
  const scopeFlag = String(ctx.flags.values.get('scopes') ?? '');
  const scopes = scopeFlag === '' ? [] : scopeFlag.split(',');
  if (scopes.includes('')) ctx.fail('invalid resource quota scope ""');
  const spec = String(ctx.flags.values.get('hard') ?? '');
  const hard: Record<string, string> = {};
  if (spec !== '') {
    for (const statement of spec.split(',')) {
      const parts = statement.split('=');
      if (parts.length !== 2) {
        ctx.fail(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
      }
      const [resource, quantity] = parts as [string, string];
      if (!tryParseQuantity(quantity)) ctx.fail(QUANTITY_FORMAT_ERROR);
      hard[resource] = quantity;
    }
  }
  const obj: KubeObject = {
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    spec: {
      // hard is a Go map (ResourceList): its keys come out sorted.
      ...(spec === '' ? {} : { hard: Object.fromEntries(Object.entries(hard).sort()) }),
      ...(scopes.length > 0 ? { scopes } : {}),
    },
    status: {},
  };
  submit(ctx, obj, ctx.namespace, { dryRun, fieldManager: 'kubectl-create' });
}

/**
 * `kubectl create priorityclass NAME --value=N [--global-default] [--description=…]
 * [--preemption-policy=…]` (create_priorityclass.go).
 */
export function runCreatePriorityClass(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const dryRun = dryRunStrategy(ctx);
  const description = ctx.str('description');
  const policy = ctx.str('preemption-policy') || 'PreemptLowerPriority';
  const obj: KubeObject = {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: { name, creationTimestamp: null as unknown as string },
    value: ctx.num('value', 0),
    ...(ctx.bool('global-default') ? { globalDefault: true } : {}),
    ...(description !== '' ? { description } : {}),
    preemptionPolicy: policy,
  };
  submit(ctx, obj, undefined, { dryRun, fieldManager: 'kubectl-create' });
}

export function runCreateDeployment(ctx: Ctx, args: string[]): void {
  // cobra's required-flag check asks whether the flag was given, not whether it is empty.
  const images = ctx.list('image');
  if (!ctx.changed('image')) {
    ctx.fail('required flag(s) "image" not set');
  }
  const dash = ctx.flags.argsLenAtDash;
  const name = oneName(ctx, dash >= 0 ? args.slice(0, dash) : args);
  const dryRun = dryRunStrategy(ctx);
  const replicas = ctx.num('replicas', 1);
  const port = ctx.num('port', -1);
  const labels = { app: name };
  const command = dash >= 0 ? args.slice(dash) : [];
  if (command.length > 0 && images.length > 1) {
    ctx.fail('cannot specify multiple --image options and command');
  }
  const containers = images.map((image, i) => {
    const c: Record<string, unknown> = { name: containerNameFromImage(image), image };
    if (command.length > 0) c.command = command;
    // create_deployment.go: --port goes on the first container only.
    if (port >= 0 && i === 0) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  const obj: KubeObject = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      labels,
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: {
        metadata: { creationTimestamp: null, labels: { ...labels } },
        spec: { containers },
      },
      strategy: {},
    },
    status: {},
  };
  submit(ctx, obj, ctx.namespace, {
    dryRun,
    fieldManager: 'kubectl-create',
    wrap: 'failed to create deployment: ',
  });
}

/**
 * `kubectl create job NAME --image=IMG [-- COMMAND [ARGS…]]` (create_job.go): one container
 * named after the Job, restartPolicy Never, nothing else; the server defaults and generates the
 * rest. `--from=cronjob/NAME` reads the CronJob first; the simulated cluster holds none.
 */
export function runCreateJob(ctx: Ctx, args: string[]): void {
  const dash = ctx.flags.argsLenAtDash;
  const named = dash >= 0 ? dash : args.length;
  if (named !== 1) ctx.usageError(`exactly one NAME is required, got ${named}`);
  const name = args[0] as string;
  const command = args.slice(1);
  const dryRun = dryRunStrategy(ctx);
  const image = ctx.str('image');
  const from = ctx.str('from');
  if ((image === '' && from === '') || (image !== '' && from !== '')) {
    ctx.fail('either --image or --from must be specified');
  }
  if (command.length > 0 && from !== '') ctx.fail('cannot specify --from and command');
  if (from !== '') {
    // The builder resolves TYPE/NAME and GETs it; only a CronJob will do.
    // ResourceTypeOrNameArgs splits TYPE/NAME before anything is resolved (`cronjob/` is its
    // refusal of the form, `a/b/c` too).
    const [typeName, objName] = splitResourceTypeName(ctx, from) ?? [from, ''];
    const t = resolveType(typeName);
    if (!t) {
      ctx.requestLog?.rediscover();
      ctx.fail(noResourceType(typeName));
    }
    // A type without a name is the builder's refusal (ResourceTypeOrNameArgs(false, …)).
    if (!objName) ctx.fail('resource(s) were provided, but no name was specified');
    if (!isStoredType(t)) {
      const qualified = t.group ? `${t.resource}.${t.group}` : t.resource;
      ctx.failStatus({
        apiVersion: 'v1',
        kind: 'Status',
        metadata: {},
        status: 'Failure',
        message: `${qualified} "${objName}" not found`,
        reason: 'NotFound',
        code: 404,
        details: { name: objName, ...(t.group ? { group: t.group } : {}), kind: t.resource },
      });
    }
    const got = ctx.host.api.get(t.resource, t.namespaced ? ctx.namespace : undefined, objName);
    if (!got.ok) ctx.failStatus(got.status);
    if (t.resource !== 'cronjobs') ctx.fail(`unknown object type *${t.version}.${t.kind}`);
    submit(ctx, jobFromCronJob(ctx, name, got.value), ctx.namespace, {
      dryRun,
      fieldManager: 'kubectl-create',
      wrap: 'failed to create job: ',
    });
    return;
  }
  const container: Record<string, unknown> = { name, image };
  if (command.length > 0) container.command = command;
  container.resources = {};
  const obj: KubeObject = {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [container], restartPolicy: 'Never' },
      },
    },
    status: {},
  };
  submit(ctx, obj, ctx.namespace, {
    dryRun,
    fieldManager: 'kubectl-create',
    wrap: 'failed to create job: ',
  });
}

/** `createJobFromCronJob`: the template's spec, labels and annotations, marked manual. */
function jobFromCronJob(ctx: Ctx, name: string, cj: KubeObject): KubeObject {
  const tmpl = ((cj.spec as { jobTemplate?: KubeObject } | undefined)?.jobTemplate ?? {}) as {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: unknown;
  };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      ...(tmpl.metadata?.labels ? { labels: tmpl.metadata.labels } : {}),
      annotations: {
        'cronjob.kubernetes.io/instantiate': 'manual',
        ...(tmpl.metadata?.annotations ?? {}),
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cj.metadata?.name ?? '',
          uid: cj.metadata?.uid ?? '',
          controller: true,
        },
      ],
    },
    spec: clone(tmpl.spec ?? {}) as Record<string, unknown>,
    status: {},
  };
}

/**
 * `kubectl create cronjob NAME --image=IMG --schedule=CRON [--restart=R] [-- COMMAND…]`
 * (create_cronjob.go): one container named after the CronJob, restartPolicy OnFailure unless
 * `--restart` says otherwise, the Job template named after it too.
 */
export function runCreateCronJob(ctx: Ctx, args: string[]): void {
  // Required flags: given at all (`--schedule=` passes), as cobra checks them.
  const missing = ['image', 'schedule'].filter((f) => !ctx.changed(f));
  if (missing.length > 0) {
    const list = missing.map((f) => `"${f}"`).join(', ');
    ctx.fail(`required flag(s) ${list} not set`);
  }
  const dash = ctx.flags.argsLenAtDash;
  const named = dash >= 0 ? dash : args.length;
  if (named !== 1) ctx.usageError(`exactly one NAME is required, got ${named}`);
  const name = args[0] as string;
  const command = args.slice(1);
  const dryRun = dryRunStrategy(ctx);
  const restart = ctx.str('restart') || 'OnFailure';
  // Container.image is omitempty: `--image=` leaves it out.
  const container: Record<string, unknown> = { name };
  if (ctx.str('image') !== '') container.image = ctx.str('image');
  if (command.length > 0) container.command = command;
  container.resources = {};
  const obj: KubeObject = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    // CronJobSpec's Go field order: schedule before jobTemplate.
    spec: {
      schedule: ctx.str('schedule'),
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [container], restartPolicy: restart },
          },
        },
      },
    },
    status: {},
  };
  submit(ctx, obj, ctx.namespace, {
    dryRun,
    fieldManager: 'kubectl-create',
    wrap: 'failed to create cronjob: ',
  });
}

export function runCreateService(
  ctx: Ctx,
  args: string[],
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName',
): void {
  // externalname marks --external-name required (cobra checks it before the command runs).
  if (type === 'ExternalName' && !ctx.changed('external-name')) {
    ctx.fail('required flag(s) "external-name" not set');
  }
  const name = oneName(ctx, args);
  const dryRun = dryRunStrategy(ctx);
  const tcp = ctx.list('tcp');
  const clusterIP = type === 'ClusterIP' ? ctx.str('clusterip') : '';
  const externalName = type === 'ExternalName' ? ctx.str('external-name') : '';
  // ServiceOptions.Validate: plain errors; a headless ClusterIP service and an ExternalName
  // one need no port.
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName')
    ctx.fail('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && !isDns1123Subdomain(externalName)) {
    ctx.fail(`invalid service external name ${externalName}`);
  }
  const ports = tcp.map((spec) => {
    const [p = '', t] = spec.split(':');
    // createService: strconv.ParseUint(port, 10, 16).
    if (!/^\d+$/.test(p))
      ctx.fail(`strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`);
    if (Number(p) > 65535)
      ctx.fail(`strconv.ParseUint: parsing ${JSON.stringify(p)}: value out of range`);
    const port = Number(p);
    const target = t === undefined ? port : Number.isNaN(Number(t)) ? t : Number(t);
    // ServicePort's Go field order: name, protocol, port, targetPort, nodePort.
    return {
      // createService: the port is named after the specifier, colons to dashes (`80` → "80").
      name: spec.replace(/:/g, '-'),
      protocol: 'TCP',
      port,
      targetPort: target,
      ...(type === 'NodePort' && ctx.num('node-port', 0) > 0
        ? { nodePort: ctx.num('node-port', 0) }
        : {}),
    };
  });
  const obj: KubeObject = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      labels: { app: name },
    },
    spec: {
      // An empty list is omitted (omitempty), as for a headless or ExternalName one.
      ...(ports.length > 0 ? { ports } : {}),
      selector: { app: name },
      ...(clusterIP ? { clusterIP } : {}),
      type,
      ...(externalName ? { externalName } : {}),
    },
    status: { loadBalancer: {} },
  };
  submit(ctx, obj, ctx.namespace, {
    dryRun,
    fieldManager: 'kubectl-create',
    wrap: `failed to create ${type} service: `,
    // create_service.go never writes the last-applied annotation (checked with kubectl 1.32).
    saveConfig: false,
  });
}

/**
 * github.com/distribution/reference ReferenceRegexp, anchored: [domain[:port]/]path[:tag][@digest]
 * with lowercase path components.
 */
const IMAGE_REFERENCE = (() => {
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[(?:[a-fA-F0-9:]+)\\])`;
  const domain = `${host}(?::[0-9]+)?`;
  const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
  const name = `(?:${domain}/)?${component}(?:/${component})*`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
  return new RegExp(`^${name}(?::${tag})?(?:@${digest})?$`);
})();

export function isImageReference(image: string): boolean {
  return IMAGE_REFERENCE.test(image);
}

/** validation.IsDNS1123Subdomain. */
function isDns1123Subdomain(v: string): boolean {
  return (
    v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v)
  );
}

/** Parses `--labels=a=b,c=d`. */
function parseLabels(ctx: Ctx, spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  // generate.ParseLabels: exactly one `=` and a key.
  for (const part of spec.split(',')) {
    const i = part.indexOf('=');
    if (i < 0 || part.indexOf('=', i + 1) >= 0) ctx.fail(`unexpected label spec: ${part}`);
    if (i === 0) ctx.fail('unexpected empty label key');
    Object.defineProperty(out, part.slice(0, i), {
      value: part.slice(i + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** validation.IsEnvVarName: `[-._a-zA-Z][-._a-zA-Z0-9]*`, and not `.`, `..` or `..…`. */
function isEnvVarName(name: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name) && name !== '.' && !name.startsWith('..');
}

/** `--annotations KEY=VALUE`, each as cmdutil.ParsePairs reads a pair. */
function parseAnnotations(ctx: Ctx, pairs: string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  const invalid: string[] = [];
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i <= 0) invalid.push(pair);
    else
      Object.defineProperty(out, pair.slice(0, i), {
        value: pair.slice(i + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  if (invalid.length > 0) ctx.fail(`invalid annotations format: ${invalid.join(', ')}`);
  return out;
}

export function runRun(ctx: Ctx, args: string[]): void {
  // --image is a required flag: cobra checks that it was given (even empty) before the command
  // looks at its arguments.
  const image = ctx.str('image');
  if (!ctx.changed('image')) {
    ctx.fail('required flag(s) "image" not set');
  }
  // RunOptions.Complete, before Run looks at the arguments: the dry-run strategy, the printer,
  // then DeleteFlags.ToOptions (the flags --rm deletes with: --cascade is checked here).
  const dryRun = dryRunStrategy(ctx);
  outputFormat(ctx, false);
  cascadingStrategy(ctx);
  const name = args[0];
  if (name === undefined || ctx.flags.argsLenAtDash === 0)
    ctx.usageError('NAME is required for run');
  // RunOptions.Run's checks, in its order: the timeout (GetPodRunningTimeoutFlag), an empty
  // image, the image reference (distribution's ReferenceRegexp), then the flags that go together.
  if (ctx.num('pod-running-timeout', 60_000) <= 0) {
    ctx.usageError('--pod-running-timeout must be higher than zero');
  }
  if (image === '') ctx.fail('--image is required');
  if (!isImageReference(image)) {
    ctx.fail(`Invalid image name ${JSON.stringify(image)}: invalid reference format`);
  }
  // RunOptions.Run's checks, in its order. `-i` attaches unless --attach says otherwise.
  const stdin = ctx.bool('stdin');
  const attach = ctx.changed('attach') ? ctx.bool('attach') : stdin;
  if (ctx.bool('tty') && !stdin) {
    ctx.usageError('-i/--stdin is required for containers with -t/--tty=true');
  }
  const expose = ctx.bool('expose');
  if (expose && !ctx.changed('port')) ctx.usageError('--port must be set when exposing a service');
  const restart = ctx.str('restart');
  if (restart !== '' && !['Always', 'OnFailure', 'Never'].includes(restart)) {
    ctx.usageError(`invalid restart policy: ${restart}`);
  }
  if (!attach && ctx.bool('rm')) ctx.usageError('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') {
    ctx.usageError(
      "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
    );
  }
  const pullPolicy = ctx.str('image-pull-policy');
  if (pullPolicy !== '' && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
    ctx.usageError(`invalid image pull policy: ${pullPolicy}`);
  }
  // The console has no terminal to attach: only a pod whose program finishes by itself (a
  // one-shot `wget`, `nslookup`, `echo`…) can be run attached; its log is shown once it ends.
  const rest0 = args.slice(1);
  if (
    (attach &&
      stdin &&
      readsInput(
        image,
        ctx.bool('command') ? rest0 : undefined,
        ctx.bool('command') ? undefined : rest0,
      )) ||
    (attach &&
      containerProgram(
        image,
        ctx.bool('command') ? rest0 : undefined,
        ctx.bool('command') ? undefined : rest0,
        '',
        { namespace: ctx.namespace, network: networkOf(ctx) },
      ).runs !== 'exits')
  ) {
    ctx.fail(
      'interactive pods (-i, -t, --attach) are not available in this console: only a command that ends by itself can be attached; run the pod, then use kubectl logs',
    );
  }
  // The run-pod/v1 generator (BasicPod): args, env, annotations, labels, then the container.
  const rest = args.slice(1);
  const env = ctx.list('env').map((e) => {
    const i = e.indexOf('=');
    if (i <= 0 || !isEnvVarName(e.slice(0, i))) ctx.fail(`invalid env: ${e}`);
    // EnvVar.value is omitempty.
    const value = e.slice(i + 1);
    return value === '' ? { name: e.slice(0, i) } : { name: e.slice(0, i), value };
  });
  const annotations = parseAnnotations(ctx, ctx.list('annotations'));
  const userLabels = parseLabels(ctx, ctx.str('labels'));
  const labels = userLabels ?? { run: name };
  // run's --port is a string flag, turned into a number by strconv.Atoi.
  const portFlag = ctx.str('port');
  if (portFlag !== '' && !/^[+-]?\d+$/.test(portFlag))
    ctx.fail(`strconv.Atoi: parsing ${JSON.stringify(portFlag)}: invalid syntax`);
  const port = portFlag === '' ? -1 : Number(portFlag);
  // Keys in the order of the Go Container struct (what -o json prints).
  const container: Record<string, unknown> = { name, image };
  if (rest.length > 0) {
    if (ctx.bool('command')) container.command = rest;
    else container.args = rest;
  }
  // Any --port given becomes the container's port, even a negative one (the server refuses it).
  if (portFlag !== '') container.ports = [{ containerPort: port }];
  if (env.length > 0) container.env = env;
  container.resources = {};
  if (pullPolicy !== '') container.imagePullPolicy = pullPolicy;
  if (ctx.bool('privileged')) container.securityContext = { privileged: true };
  if (stdin) {
    container.stdin = true;
    container.stdinOnce = true;
  }
  if (ctx.bool('tty')) container.tty = true;
  const obj: KubeObject = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      labels,
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: restart || 'Always',
    },
    status: {},
  };
  const overrides = ctx.str('overrides');
  let final = obj;
  try {
    if (overrides !== '') {
      const type = overrideTypeOf(ctx.str('override-type') || 'merge');
      final = typedOverriddenPod(ctx, applyOverrides(obj, overrides, type));
    }
  } catch (e) {
    if (e instanceof OverrideError) ctx.fail(e.message);
    throw e;
  }
  // createGeneratedObject: the Recorder marks the object after the overrides; --save-config's
  // annotation is added only on the way to the server (not with --dry-run=client).
  final = ctx.recorded(final);
  const fieldManager = ctx.str('field-manager') || 'kubectl-run';
  const saved = (o: KubeObject): KubeObject =>
    dryRun !== 'client' && ctx.bool('save-config') ? withSavedConfig(o) : o;
  if (attach && !expose) {
    runAttached(ctx, saved(final), restart || 'Always', fieldManager);
    return;
  }
  if (!expose) {
    submit(ctx, saved(final), ctx.namespace, { dryRun, fieldManager, saveConfig: false });
    return;
  }
  // kubectl 1.32 creates the pod, then the service, which generateService prints at once
  // (with its own `---` after it in YAML); the pod is printed last, and a failed service is
  // reported after it.
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  const pod = send(ctx, saved(final), ctx.namespace, { dryRun, fieldManager });
  if (!pod.ok) ctx.failStatus(pod.status);
  const service = send(
    ctx,
    saved(ctx.recorded(exposedService(ctx, name, userLabels, labels, port))),
    ctx.namespace,
    { dryRun, fieldManager },
  );
  if (service.ok) {
    printObject(ctx, service.value, format, { verb: 'created', dryRun, typed: true });
    if (format === 'yaml') ctx.out('---\n');
  }
  printObject(ctx, pod.value, format, { verb: 'created', dryRun, typed: true });
  if (!service.ok) ctx.failStatus(service.status);
}

/**
 * The overridden pod as run.go decodes it back into a typed Pod (scheme.Codecs, not strict):
 * a document that is no object, or names a kind the scheme does not know, is an error; fields
 * the Pod has no place for are dropped; an empty omitempty map or list is left out; and the
 * fields Go always writes are there (`resources: {}` of a struct, `containers: null`).
 */
function typedOverriddenPod(ctx: Ctx, pod: unknown): KubeObject {
  if (pod === null || typeof pod !== 'object' || Array.isArray(pod)) {
    const what = pod === null ? 'null' : Array.isArray(pod) ? 'array' : typeof pod;
    ctx.fail(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const obj = pod as KubeObject;
  const struct = structFor(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
  if (struct === undefined)
    ctx.fail(
      `no kind ${JSON.stringify(String(obj.kind ?? ''))} is registered for version ${JSON.stringify(String(obj.apiVersion ?? ''))} in scheme "pkg/scheme/scheme.go:28"`,
    );
  const decoded = withoutEmptyOmitted(
    withoutFields(obj, decodeFindings(obj, struct).unknown),
    struct,
  );
  const spec = decoded.spec as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object') return decoded;
  const out: Record<string, unknown> = { ...spec };
  for (const key of ['initContainers', 'containers']) {
    const list = out[key];
    if (!Array.isArray(list)) continue;
    out[key] = list.map((c) =>
      c !== null && typeof c === 'object' && !Array.isArray(c) && !('resources' in c)
        ? { ...c, resources: {} }
        : c,
    );
  }
  // PodSpec.containers has no omitempty: a nil list is written as null.
  if (struct === 'Pod' && !('containers' in out)) out.containers = null;
  return { ...decoded, spec: out };
}

/**
 * `kubectl run --attach` / `-it` of a pod whose command ends by itself (RunOptions.Run): create
 * it without printing it, wait for it to finish, show its log (handleAttachPod's fallback for a
 * pod already done), delete it with `--rm` (`pod "NAME" deleted`), and exit as the pod did:
 * 0 when it Succeeded, the container's exit code with `pod NS/NAME terminated (Reason)` when it
 * Failed. With restartPolicy Always the pod never finishes: kubectl returns after its first run.
 */
function runAttached(ctx: Ctx, pod: KubeObject, restartPolicy: string, fieldManager: string): void {
  const created = send(ctx, pod, ctx.namespace, { dryRun: 'none', fieldManager });
  if (!created.ok) ctx.failStatus(created.status);
  const ns = created.value.metadata?.namespace ?? ctx.namespace;
  const name = created.value.metadata?.name ?? '';
  const current = () => {
    const r = ctx.host.api.get('pods', ns, name);
    return r.ok ? (r.value as Pod) : undefined;
  };
  // With restartPolicy Always the pod never finishes: the attach ends with the container's run.
  // Waiting looks without a request each step (kubectl watches); one GET reads the result.
  const finished = () => {
    const p = peekObject(ctx, 'pods', ns, name) as Pod | undefined;
    if (p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed') return true;
    const st = p?.status?.containerStatuses?.[0];
    return restartPolicy === 'Always' && !!(st?.state?.terminated || st?.lastState?.terminated);
  };
  // --pod-running-timeout's default (1m0s): how long kubectl waits for the pod to finish.
  const timeoutMs = 60_000;
  const remove = () => {
    if (!ctx.bool('rm')) return;
    const r = ctx.host.api.delete('pods', ns, name, {});
    if (r.ok || r.status.reason === 'NotFound') ctx.out(`pod "${name}" deleted\n`);
  };
  if (!ctx.host.runUntil(finished, timeoutMs)) {
    remove();
    ctx.fail('timed out waiting for the condition');
  }
  const done = current() as Pod;
  ctx.out(finishedPodLog(ctx, done));
  remove();
  // waitForExitCode: only for Never and OnFailure; with Always kubectl returns once detached.
  if (restartPolicy === 'Always') return;
  if (done.status?.phase === 'Succeeded') return;
  const terminated = done.status?.containerStatuses?.[0]?.state?.terminated;
  const code = terminated?.exitCode ?? 0;
  if (!terminated || code === 0) ctx.fail(`pod ${ns}/${name} failed with unknown exit code`);
  // checkErr prints the ExitError's text, with a newline added when it has none.
  const msg = `pod ${ns}/${name} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}`;
  ctx.err(msg.endsWith('\n') ? msg : `${msg}\n`);
  throw new ExitError(code);
}

/**
 * The ClusterIP service of `kubectl run --expose` (the service/v2 generator): named like the
 * pod, selecting the pod's labels, labelled only with what `--labels` gave, port → same port.
 */
function exposedService(
  ctx: Ctx,
  name: string,
  userLabels: Record<string, string> | undefined,
  selector: Record<string, string>,
  port: number,
): KubeObject {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      ...(userLabels ? { labels: { ...userLabels } } : {}),
    },
    spec: {
      // ServicePort's fields in Go struct order (what --save-config's annotation keeps).
      ports: [{ protocol: 'TCP', port, targetPort: port }],
      selector: { ...selector },
    },
    status: { loadBalancer: {} },
  };
}

/** `create -f` / `apply -f`: each document in turn; errors are printed after the successes. */
export function runCreateFromFiles(ctx: Ctx, mode: 'create' | 'apply'): void {
  const files = filenameArgs(ctx);
  const args = ctx.flags.positional;
  // 1.32's create and apply check their arguments first (words that are not a subcommand are
  // "Unexpected args"), then that there is a file (checked against the real kubectl 1.32).
  if (args.length > 0) ctx.usageError(`Unexpected args: [${args.join(' ')}]`);
  if (files.length === 0) ctx.fail('must specify one of -f and -k');
  // RunCreate: --raw POSTs the one file as it is, before anything else.
  if (mode === 'create' && ctx.str('raw') !== '') {
    runReplaceRaw(ctx, ctx.str('raw'), files, 'POST');
    return;
  }
  const format = outputFormat(ctx, false);
  const dryRun = dryRunStrategy(ctx);
  // RunEditOnCreate: the objects go through the editor first (commands/edit.ts).
  if (mode === 'create' && ctx.bool('edit')) {
    runEditOnCreate(ctx, files);
    return;
  }
  const validation = fieldValidation(ctx);
  const serverSide = mode === 'apply' && ctx.bool('server-side');
  // apply.go Validate.
  if (serverSide && dryRun === 'client') {
    ctx.fail(
      "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  }
  if (mode === 'apply' && !serverSide && ctx.bool('force-conflicts')) {
    ctx.fail('--force-conflicts only works with --server-side');
  }
  if (serverSide && ctx.bool('force')) ctx.fail('--force cannot be used with --server-side');
  if (mode === 'apply' && dryRun === 'server' && ctx.bool('force'))
    ctx.fail('--dry-run=server cannot be used with --force');
  if (mode === 'apply') validatePrune(ctx, serverSide);
  const allowlist = mode === 'apply' ? pruneAllowlist(ctx) : undefined;
  // ContinueOnError: a document of a kind the server does not know is reported at the end,
  // first for apply (GetObjects gathers them before any is applied), in document order among
  // the server's errors for create (one visit does both).
  const mapping: Status[] = [];
  let objs = readFilenames(ctx, files, mapping, mode, { versionless: !serverSide });
  if (mode === 'apply') {
    objs = filterBySelector(ctx, objs);
    if (objs.length === 0 && mapping.length === 0) ctx.fail('no objects passed to apply');
  }
  const applied: Applied[] = [];
  if (mode === 'apply') deferObjectPrints(ctx, format);
  const errors: Status[] = mode === 'apply' ? [...mapping] : [];
  let mapped = mode === 'apply' ? mapping.length : 0;
  const fieldManager = mode === 'create' ? 'kubectl-create' : 'kubectl-client-side-apply';
  const mismatches: Status[] = [];
  for (const m of objs) {
    while (mapped < (m.errorsBefore ?? 0)) errors.push(mapping[mapped++] as Status);
    // The field-validation verifier (and apply's patcher) read the type's OpenAPI document.
    if (validation !== 'Ignore' || mode === 'apply')
      ctx.requestLog?.openApiV3(...openApiGroupVersion(m));
    // The builder's RequireNamespace check fails this object only (ContinueOnError): the
    // others are still created or applied, the errors printed at the end.
    const mismatch = namespaceMismatch(ctx, m);
    if (mismatch) {
      (mode === 'apply' ? mismatches : errors).push(clientError(mismatch));
      continue;
    }
    const ns = ownNamespace(ctx, m);
    const obj =
      mode === 'create'
        ? ctx.recorded(withSaveConfig(ctx, withBuilderNamespace(clone(m.obj), ns), ns))
        : withBuilderNamespace(ctx.recorded(clone(m.obj)), ns);
    // A versionless object: its GET (apply) and POST go to an unrouted path; a client dry
    // run sends nothing, and apply's GET of it found nothing.
    if (m.versionless) {
      if (dryRun === 'client') printObject(ctx, obj, format, { verb: 'created', dryRun });
      else errors.push(withSource(VERSIONLESS_NOT_FOUND, 'creating', m.source));
      continue;
    }
    if (serverSide) {
      serverSideApplyOne(ctx, obj, m.type.resource, ns, m.source, {
        format,
        dryRun,
        errors,
        validation,
      });
      continue;
    }
    if (mode === 'apply') {
      applyOne(ctx, obj, m.type.resource, ns, m.source, { format, dryRun, errors, validation });
      applied.push({
        type: m.type,
        namespace: m.type.namespaced ? ns : undefined,
        name: obj.metadata?.name ?? '',
      });
      continue;
    }
    if (dryRun === 'client') {
      printObject(ctx, obj, format, { verb: 'created', dryRun });
      continue;
    }
    const r = ctx.host.api.create(m.type.resource, ns, withoutResourceVersion(obj), {
      fieldManager,
      fieldValidation: validation,
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    });
    printWarnings(ctx, r);
    if (r.ok) {
      const created = {
        ...r.value,
        apiVersion: r.value.apiVersion ?? obj.apiVersion,
        kind: r.value.kind ?? obj.kind,
      };
      printObject(ctx, created, format, { verb: 'created', dryRun });
    } else errors.push(withSource(r.status, 'creating', m.source));
  }
  while (mapped < mapping.length) errors.push(mapping[mapped++] as Status);
  if (mode === 'apply' && mismatches.length > 0) {
    // GetObjects' error is one aggregate of the builder's errors (kinds, namespaces), ahead of
    // the apply errors. Printed alone it is each error a line; among apply errors it is one
    // line, its text Aggregate.Error()'s: the distinct messages, several as `[a, b]`.
    const builder = [...errors.slice(0, mapping.length), ...mismatches];
    const rest = errors.slice(mapping.length);
    errors.length = 0;
    if (builder.length > 1 && rest.length > 0) {
      const texts = [...new Set(builder.map((e) => e.message ?? ''))];
      errors.push(clientError(aggregateMessage(texts)));
    } else errors.push(...builder);
    errors.push(...rest);
  }
  // apply.go PrintAndPrunePostProcessor: the objects kept for -o print only when every object
  // applied cleanly (then the pruner runs).
  if (mode === 'apply' && errors.length === 0)
    ctx.requestLog?.info(4, 'apply.go:548', 'Running apply post-processor function');
  if (mode === 'apply') flushObjectPrints(ctx, format, errors.length === 0);
  if (errors.length > 0) ctx.errStatuses(errors);
  if (errors.length > 0) ctx.exitCode = 1;
  // apply.go runs the pruner only when every object applied cleanly.
  if (mode === 'apply' && ctx.bool('prune') && errors.length === 0) {
    pruneAfterApply(ctx, applied, allowlist, { format, dryRun });
  }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of a typed object: fields in struct order (as built), nulls kept. */
function goTypedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goTypedJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${goJsonString(k)}:${goTypedJson(x)}`)
      .join(',')}}`;
  return typeof v === 'string' ? goJsonString(v) : JSON.stringify(v);
}

/**
 * `create <generator> --save-config` (CreateOrUpdateAnnotation with the typed JSON encoder):
 * the object as built, in Go field order, becomes its own last-applied-configuration.
 */
function withSavedConfig(obj: KubeObject): KubeObject {
  const saved = `${goTypedJson(typedOrder(obj as Record<string, unknown>))}\n`;
  const meta = obj.metadata ?? {};
  return {
    ...obj,
    metadata: { ...meta, annotations: { ...(meta.annotations ?? {}), [LAST_APPLIED]: saved } },
  };
}

/** A JSON string as Go's encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJsonString(v: string): string {
  return JSON.stringify(v).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Go's json.Marshal of a map (sorted keys, compact) as the last-applied annotation holds it. */
export function goCompactJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goCompactJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${goJsonString(k)}:${goCompactJson(o[k])}`)
      .join(',')}}`;
  }
  return typeof v === 'string' ? goJsonString(v) : JSON.stringify(v);
}

/**
 * The `last-applied-configuration` kubectl writes (GetModifiedConfiguration): the object as
 * applied, namespace filled in, serialized with its annotations minus this one — so an object
 * without annotations gets `"annotations":{}`.
 */
export function lastAppliedConfiguration(obj: KubeObject, ns: string | undefined): string {
  const meta = { ...(obj.metadata ?? {}) };
  const { [LAST_APPLIED]: _previous, ...annotations } = meta.annotations ?? {};
  return `${goCompactJson({
    ...obj,
    metadata: { ...meta, annotations, ...(ns && !meta.namespace ? { namespace: ns } : {}) },
  })}\n`;
}

/** The object with its own last-applied-configuration annotation (CreateApplyAnnotation). */
export function withLastApplied(obj: KubeObject, ns: string | undefined): KubeObject {
  const meta = obj.metadata ?? {};
  const annotations = {
    ...(meta.annotations ?? {}),
    [LAST_APPLIED]: lastAppliedConfiguration(obj, ns),
  };
  return { ...obj, metadata: { ...meta, annotations } };
}

/**
 * create/replace -f `--save-config` (CreateOrUpdateAnnotation, before the Recorder): the object
 * as read, its namespace filled in, becomes its own last-applied-configuration.
 */
function withSaveConfig(ctx: Ctx, obj: KubeObject, ns: string | undefined): KubeObject {
  return ctx.bool('save-config') ? withLastApplied(obj, ns) : obj;
}

/** What `apply -f` passes to each object's apply. */
interface ApplyOptions {
  format: ReturnType<typeof outputFormat>;
  dryRun: DryRun;
  errors: Status[];
  validation: ReturnType<typeof fieldValidation>;
}

/**
 * resource.Info's String(): the mapping (GroupVersionResource and GroupVersionKind, each
 * `group/version, …`, the core group empty) over the name and namespace.
 */
function infoString(obj: KubeObject, resource: string, ns: string | undefined): string {
  const apiVersion = obj.apiVersion ?? '';
  const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return (
    `Resource: ${JSON.stringify(`${gv}, Resource=${resource}`)}, GroupVersionKind: ${JSON.stringify(`${gv}, Kind=${obj.kind ?? ''}`)}\n` +
    `Name: ${JSON.stringify(obj.metadata?.name ?? '')}, Namespace: ${JSON.stringify(ns ?? '')}`
  );
}

/** applyOneObject, first of all: an object with a generateName and no name cannot be applied. */
function generateNameRefusal(obj: KubeObject): Status | undefined {
  const generateName = obj.metadata?.generateName ?? '';
  return !obj.metadata?.name && generateName !== ''
    ? clientError(`from ${generateName}: cannot use generate name with apply`)
    : undefined;
}

function applyOne(
  ctx: Ctx,
  obj: KubeObject,
  resource: Parameters<Ctx['host']['api']['get']>[0],
  ns: string | undefined,
  source: string,
  o: ApplyOptions,
): void {
  const name = obj.metadata?.name ?? '';
  const annotated = withLastApplied(obj, ns);
  // applyOneObject: a generateName cannot be applied; info.Get of an object without a name:
  // client-go refuses to build the request. Nothing reaches the API server either way.
  const refused = generateNameRefusal(obj);
  if (refused) {
    o.errors.push(refused);
    return;
  }
  const current =
    name === ''
      ? { ok: false as const, status: clientError('resource name may not be empty') }
      : ctx.host.api.get(resource, ns, name);
  if (!current.ok && current.status.reason !== 'NotFound') {
    o.errors.push(
      withSource(
        current.status,
        `retrieving current configuration of:\n${infoString(obj, resource, ns)}\nfrom server for:`,
        source,
      ),
    );
    return;
  }
  if (!current.ok) {
    if (o.dryRun === 'client') {
      printObject(ctx, annotated, o.format, { verb: 'created', dryRun: o.dryRun });
      return;
    }
    // The last-applied annotation was made from the file as it is, resourceVersion and all.
    const r = ctx.host.api.create(resource, ns, withoutResourceVersion(annotated), {
      fieldManager: 'kubectl-client-side-apply',
      fieldValidation: o.validation,
      ...(o.dryRun === 'server' ? { dryRun: true } : {}),
    });
    printWarnings(ctx, r);
    if (r.ok) {
      const created = {
        ...r.value,
        apiVersion: r.value.apiVersion ?? obj.apiVersion,
        kind: r.value.kind ?? obj.kind,
      };
      printObject(ctx, created, o.format, { verb: 'created', dryRun: o.dryRun });
    } else o.errors.push(withSource(r.status, 'creating', source));
    return;
  }
  // kubectl reads the live object in the manifest's version (an autoscaling/v1 autoscaler).
  const live =
    resource === 'horizontalpodautoscalers' && obj.apiVersion === 'autoscaling/v1'
      ? hpaToV1(current.value)
      : current.value;
  const liveApplied = live.metadata?.annotations?.[LAST_APPLIED];
  const shown = {
    ...live,
    apiVersion: live.apiVersion ?? obj.apiVersion,
    kind: live.kind ?? obj.kind,
  };
  // apply.go: a client dry run neither warns nor diffs; it calls the object configured.
  if (o.dryRun === 'client') {
    printObject(ctx, shown, o.format, { verb: 'configured', dryRun: o.dryRun });
    return;
  }
  if (liveApplied === undefined) {
    const t = `${resource}/${name}`;
    ctx.err(
      `Warning: resource ${t} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  // patcher.go patchSimple: a three-way strategic merge patch of the last-applied configuration
  // (original), the file with its new annotation (modified) and the live object (current).
  let original: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = liveApplied === undefined ? undefined : JSON.parse(liveApplied);
    original = isPlainObject(parsed) ? parsed : undefined;
  } catch {
    original = undefined;
  }
  // The builder sets the namespace on what it read, as on the last-applied configuration.
  const modified =
    ns && !annotated.metadata?.namespace
      ? { ...annotated, metadata: { ...annotated.metadata, namespace: ns } }
      : annotated;
  let patch: Record<string, unknown>;
  try {
    patch = threeWayMergePatch(original, modified, shown, schemaOf(resource));
  } catch (e) {
    if (!(e instanceof StrategicMergeError)) throw e;
    const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
    ctx.fail(
      `error when creating patch with:\noriginal:\n${liveApplied ?? ''}\nmodified:\n${json(modified)}\ncurrent:\n${json(shown)}\nfor: ${JSON.stringify(source)}: ${e.message}`,
    );
  }
  // patcher.go sends no empty patch; apply.go then calls the object unchanged (or, with an
  // -o format, prints it as it is).
  if (Object.keys(patch).length === 0) {
    const verb = o.format === '' || o.format === 'name' ? 'unchanged' : 'configured';
    printObject(ctx, shown, o.format, { verb, dryRun: o.dryRun });
    return;
  }
  const r = ctx.host.api.patch(resource, ns, name, patch, {
    patchType: 'strategic',
    ...(live !== current.value ? { apiVersion: 'autoscaling/v1' } : {}),
    fieldManager: 'kubectl-client-side-apply',
    fieldValidation: o.validation,
    ...(o.dryRun === 'server' ? { dryRun: true } : {}),
  });
  printWarnings(ctx, r);
  // patcher.go Patch: with --force, a patch the server refuses as a conflict or as invalid (an
  // immutable field) becomes a delete and a create of the modified object (deleteAndCreate).
  const forced =
    !r.ok && ctx.bool('force') && (r.status.reason === 'Conflict' || r.status.reason === 'Invalid')
      ? deleteAndCreate(ctx, resource, ns, name, current.value, modified, o.validation)
      : r;
  if (forced.ok) {
    const v = {
      ...forced.value,
      apiVersion: forced.value.apiVersion ?? obj.apiVersion,
      kind: forced.value.kind ?? obj.kind,
    };
    printObject(ctx, v, o.format, { verb: 'configured', dryRun: o.dryRun });
    return;
  }
  // deleteAndCreate's errors carry no "patching" source of their own, and its "patch" is the
  // modified object (JSON with the encoder's newline).
  const err = forced !== r ? forced.status : withSource(forced.status, 'patching', source);
  const patchText = forced !== r ? `${goCompactJson(modified)}\n` : goCompactJson(patch);
  if (!source) {
    o.errors.push(err);
    return;
  }
  // apply.go wraps the patcher's error once more: the patch, the object (resource.Info's
  // String) and the source. An Invalid one alone prints from its details (renderStatus), but
  // among several errors its message is what CheckErr prints, wrapper and all.
  const t = typeByResource(resource);
  const gv = `${t.group}/${t.version}`;
  const info = `Resource: "${gv}, Resource=${t.resource}", GroupVersionKind: "${gv}, Kind=${t.kind}"\nName: ${JSON.stringify(name)}, Namespace: ${JSON.stringify(ns ?? '')}`;
  o.errors.push({
    ...err,
    message: `error when applying patch:\n${patchText}\nto:\n${info}\nfor: ${JSON.stringify(source)}: ${err.message}`,
  });
}

/**
 * patcher.go deleteAndCreate (`apply --force`): delete the object (--cascade, --grace-period),
 * poll until it is gone (--timeout; 0 is no limit, the console stops at its own), then create
 * the modified object; when that fails, the original is created again and the error says so.
 */
function deleteAndCreate(
  ctx: Ctx,
  resource: Parameters<Ctx['host']['api']['get']>[0],
  ns: string | undefined,
  name: string,
  original: KubeObject,
  modified: KubeObject,
  validation: ReturnType<typeof fieldValidation>,
): { ok: true; value: KubeObject } | { ok: false; status: Status } {
  const grace = ctx.num('grace-period', -1);
  const deleted = ctx.host.api.delete(resource, ns, name, {
    propagationPolicy: cascadingStrategy(ctx),
    ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
  });
  if (!deleted.ok) return deleted;
  // PollUntilContextTimeout(1s, --timeout, immediate): one look at once; with the default
  // --timeout=0 the context has already expired after it (an object that takes its time to go,
  // a pod's grace period or a finalizer, is "context deadline exceeded").
  const gone = () => !peekObject(ctx, resource, ns, name);
  const timeout = ctx.num('timeout', 0);
  if (!gone() && (timeout <= 0 || !ctx.host.runUntil(gone, timeout)))
    return { ok: false, status: clientError('context deadline exceeded') };
  const opts = { fieldManager: 'kubectl-client-side-apply', fieldValidation: validation };
  const created = ctx.host.api.create(resource, ns, modified, opts);
  printWarnings(ctx, created);
  if (created.ok) return created;
  const restored = ctx.host.api.create(resource, ns, original, opts);
  if (restored.ok) return created;
  return {
    ok: false,
    status: clientError(
      `an error occurred force-replacing the existing object with the newly provided one:\n\n${created.status.message}.\n\nAdditionally, an error occurred attempting to restore the original object:\n\n${restored.status.message}`,
    ),
  };
}

/**
 * `apply --server-side`: the API server merges the applied configuration into the object (or
 * creates it) under the field manager `kubectl`, keeping track of who owns which field
 * (engine/apiserver/managedFields.ts), and kubectl prints `serverside-applied` either way. A
 * field another manager owns is a conflict unless `--force-conflicts`.
 */
function serverSideApplyOne(
  ctx: Ctx,
  obj: KubeObject,
  resource: Parameters<Ctx['host']['api']['get']>[0],
  ns: string | undefined,
  source: string,
  o: ApplyOptions,
): void {
  const name = obj.metadata?.name ?? '';
  // applyOneObject's generateName check comes before either branch; without a name the apply
  // PATCH cannot be built (client-go's 'resource name may not be empty', plain here: the
  // server-side branch adds nothing to it). Nothing reaches the API server.
  if (name === '') {
    o.errors.push(generateNameRefusal(obj) ?? clientError('resource name may not be empty'));
    return;
  }
  const fieldManager = ctx.str('field-manager') || 'kubectl';
  const common = {
    fieldManager,
    fieldValidation: o.validation,
    patchType: 'apply' as const,
    ...(ctx.bool('force-conflicts') ? { force: true } : {}),
    ...(o.dryRun === 'server' ? { dryRun: true } : {}),
  };
  // kubectl sends the apply PATCH alone: the console reads the object first to choose its call.
  const read = () => ctx.host.api.get(resource, ns, name);
  const current = ctx.requestLog ? ctx.requestLog.quiet(read) : read();
  if (!current.ok && current.status.reason !== 'NotFound') {
    o.errors.push(
      withSource(
        current.status,
        `retrieving current configuration of:\n${infoString(obj, resource, ns)}\nfrom server for:`,
        source,
      ),
    );
    return;
  }
  let r: ReturnType<Ctx['host']['api']['create']>;
  // The builder sets the namespace on the object it read; that object is the applied body.
  const body =
    ns && !obj.metadata?.namespace ? { ...obj, metadata: { ...obj.metadata, namespace: ns } } : obj;
  if (!current.ok) r = ctx.host.api.create(resource, ns, body, common);
  else r = ctx.host.api.patch(resource, ns, name, body, common);
  printWarnings(ctx, r);
  if (!r.ok) {
    // apply.go: the server-side branch adds no source; a conflict gets its advice.
    o.errors.push(serverSideApplyError(r.status));
    return;
  }
  const saved =
    fieldManager === 'kubectl' ? saveLastApplyAnnotation(ctx, resource, r.value, o) : undefined;
  // Its failure is the apply's error (nothing printed for the object).
  if (saved === null) return;
  const applied = saved ?? r.value;
  const v = {
    ...applied,
    apiVersion: applied.apiVersion ?? obj.apiVersion,
    kind: applied.kind ?? obj.kind,
  };
  printObject(ctx, v, o.format, { verb: 'serverside-applied', dryRun: o.dryRun });
}

/**
 * apply.go saveLastApplyAnnotationIfNecessary: after a server-side apply by the default manager
 * (`kubectl`), an object that still has a client-side apply's last-applied-configuration, and no
 * Apply manager owning it, gets that annotation applied by the manager `kubectl-last-applied`,
 * so later server-side applies do not orphan it. Answers the object as it then is.
 */
function saveLastApplyAnnotation(
  ctx: Ctx,
  resource: Parameters<Ctx['host']['api']['get']>[0],
  obj: KubeObject,
  o: ApplyOptions,
): KubeObject | null | undefined {
  const annotation = obj.metadata?.annotations?.[LAST_APPLIED];
  if (annotation === undefined) return undefined;
  const owned = (obj.metadata?.managedFields ?? []).some((e) => {
    if (e.operation !== 'Apply') return false;
    const meta = (
      e.fieldsV1 as Record<string, Record<string, Record<string, unknown>>> | undefined
    )?.['f:metadata'];
    return meta?.['f:annotations']?.[`f:${LAST_APPLIED}`] !== undefined;
  });
  if (owned) return undefined;
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace;
  const r = ctx.host.api.patch(
    resource,
    ns,
    name,
    {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      metadata: {
        name,
        ...(ns ? { namespace: ns } : {}),
        annotations: { [LAST_APPLIED]: annotation },
      },
    },
    {
      patchType: 'apply',
      fieldManager: 'kubectl-last-applied',
      fieldValidation: o.validation,
      ...(o.dryRun === 'server' ? { dryRun: true } : {}),
    },
  );
  if (!r.ok) {
    o.errors.push(r.status);
    return null;
  }
  return r.value;
}

/** `kubectl replace -f`: a full update of each object; a stale resourceVersion is a Conflict. */
export function runReplace(ctx: Ctx): void {
  const files = filenameArgs(ctx);
  // The resource builder's check (the real kubectl 1.32 says this, with or without --raw).
  if (files.length === 0) ctx.fail('must specify one of -f and -k');
  if (ctx.str('raw') !== '') {
    runReplaceRaw(ctx, ctx.str('raw'), files);
    return;
  }
  const format = outputFormat(ctx, false);
  const dryRun = dryRunStrategy(ctx);
  // ReplaceOptions.Validate: the delete flags only go with --force, which a dry run cannot have.
  const force = ctx.bool('force');
  if (ctx.num('grace-period', -1) >= 0 && !force)
    ctx.fail('--grace-period must have --force specified');
  if (ctx.num('timeout', 0) !== 0 && !force) ctx.fail('--timeout must have --force specified');
  if (force && dryRun !== 'none') ctx.fail('--dry-run can not be used when --force is set');
  const validation = fieldValidation(ctx);
  // ContinueOnError: the files' errors (a document cut off, one of an unknown kind) among the
  // server's, in document order.
  const mapping: Status[] = [];
  const objs = readFilenames(ctx, files, mapping, '', {
    versionless: !(ctx.bool('force') && dryRun === 'none'),
  });
  if (ctx.bool('force') && dryRun === 'none') {
    forceReplace(ctx, objs, validation, format);
    if (mapping.length > 0) {
      ctx.errStatuses(mapping);
      ctx.exitCode = 1;
    }
    return;
  }
  const errors: Status[] = [];
  let mapped = 0;
  for (const m of objs) {
    while (mapped < (m.errorsBefore ?? 0)) errors.push(mapping[mapped++] as Status);
    if (validation !== 'Ignore') ctx.requestLog?.openApiV3(...openApiGroupVersion(m));
    const ns = namespaceForManifest(ctx, m);
    const obj = ctx.recorded(withSaveConfig(ctx, withBuilderNamespace(clone(m.obj), ns), ns));
    const name = obj.metadata?.name ?? '';
    if (dryRun === 'client') {
      printObject(ctx, obj, format, { verb: 'replaced', dryRun });
      continue;
    }
    if (m.versionless) {
      errors.push(withSource(VERSIONLESS_NOT_FOUND, 'replacing', m.source));
      continue;
    }
    // client-go's Request.Name refuses an empty name before anything is sent.
    if (name === '') {
      errors.push(withSource(clientError('resource name may not be empty'), 'replacing', m.source));
      continue;
    }
    // Without a resourceVersion in the file, kubectl sends the live one (last write wins);
    // when the GET fails, helper.go Replace sends the object as it is ("the object does not
    // exist, but we want it to be created"): the server's PUT answers (decoding, NotFound).
    if (!obj.metadata?.resourceVersion) {
      const live = ctx.host.api.get(m.type.resource, ns, name);
      if (live.ok) {
        obj.metadata = {
          ...obj.metadata,
          resourceVersion: live.value.metadata?.resourceVersion ?? '',
        };
      }
    }
    const r = ctx.host.api.update(m.type.resource, ns, obj, {
      fieldManager: 'kubectl-replace',
      fieldValidation: validation,
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    });
    printWarnings(ctx, r);
    if (r.ok) {
      const v = {
        ...r.value,
        apiVersion: r.value.apiVersion ?? obj.apiVersion,
        kind: r.value.kind ?? obj.kind,
      };
      printObject(ctx, v, format, { verb: 'replaced', dryRun });
    } else errors.push(withSource(r.status, 'replacing', m.source));
  }
  while (mapped < mapping.length) errors.push(mapping[mapped++] as Status);
  if (errors.length > 0) ctx.errStatuses(errors);
  if (errors.length > 0) ctx.exitCode = 1;
}

/**
 * replace.go forceReplace: delete every object (one not there is fine: IgnoreNotFound), print
 * `pod "nginx" deleted`, wait until each is gone (--timeout, else 5 minutes), then create each
 * anew and print `pod/nginx replaced`.
 */
function forceReplace(
  ctx: Ctx,
  objs: ReturnType<typeof readFilenames>,
  validation: ReturnType<typeof fieldValidation>,
  format: ReturnType<typeof outputFormat>,
): void {
  const grace = ctx.num('grace-period', -1);
  type Deleted = { type: ResourceType; namespace: string | undefined; name: string; uid?: string };
  const deleted: Deleted[] = [];
  for (const m of objs) {
    const ns = namespaceForManifest(ctx, m);
    const name = m.obj.metadata?.name ?? '';
    const r = ctx.host.api.delete(m.type.resource, ns, name, {
      propagationPolicy: cascadingStrategy(ctx),
      // Complete turns --grace-period=0 into 1 (and waits), to avoid accidental data loss.
      ...(grace >= 0 ? { gracePeriodSeconds: grace === 0 ? 1 : grace } : {}),
    });
    if (!r.ok) {
      if (r.status.reason === 'NotFound') continue;
      ctx.failStatus(withSource(r.status, 'deleting', m.source));
    }
    // DeleteOptions.PrintObj with replace's -o as its Output: `-o name` (exactly) prints kind/name.
    ctx.out(
      ctx.str('output') === 'name'
        ? `${kindPrefix(m.type)}/${name}\n`
        : `${kindPrefix(m.type)} "${name}" deleted\n`,
    );
    deleted.push({ type: m.type, namespace: ns, name, uid: (r.value as KubeObject).metadata?.uid });
  }
  const gone = (t: Deleted): boolean => {
    const cur = peekObject(ctx, t.type.resource, t.namespace, t.name);
    return !cur || cur.metadata?.uid !== t.uid;
  };
  // --grace-period=0 became 1 with DeleteResult waiting for the deletions (cmdwait); then each
  // object is polled, a GET a second (PollImmediate, --timeout else 5 minutes), until a 404.
  const timeout = ctx.num('timeout', 0) > 0 ? ctx.num('timeout', 0) : 5 * 60_000;
  if (grace === 0 && !waitDeleted(ctx, deleted, deleted, gone, timeout)) {
    ctx.fail('timed out waiting for the condition');
  }
  for (const t of deleted) {
    const until = ctx.now() + timeout;
    for (;;) {
      // info.Get: any object of that name (a new one too) keeps the poll going.
      const done = !peekObject(ctx, t.type.resource, t.namespace, t.name);
      ctx.requestLog?.reread(t.type.resource, t.namespace, t.name, done ? 404 : 200);
      if (done) break;
      if (ctx.now() >= until) ctx.fail('timed out waiting for the condition');
      if (ctx.host.advance) ctx.host.advance(1000);
      else ctx.host.runUntil(() => false, 1000);
    }
  }
  const errors: Status[] = [];
  for (const m of objs) {
    // The create's builder validates each object against its OpenAPI document.
    if (validation !== 'Ignore') ctx.requestLog?.openApiV3(...openApiGroupVersion(m));
    const ns = namespaceForManifest(ctx, m);
    const obj = ctx.recorded(withSaveConfig(ctx, clone(m.obj), ns));
    const r = ctx.host.api.create(m.type.resource, ns, withoutResourceVersion(obj), {
      fieldManager: 'kubectl-replace',
      fieldValidation: validation,
    });
    printWarnings(ctx, r);
    if (r.ok) {
      const v = {
        ...r.value,
        apiVersion: r.value.apiVersion ?? obj.apiVersion,
        kind: r.value.kind ?? obj.kind,
      };
      printObject(ctx, v, format, { verb: 'replaced', dryRun: 'none' });
    } else errors.push(r.status);
  }
  if (errors.length > 0) ctx.errStatuses(errors);
  if (errors.length > 0) ctx.exitCode = 1;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The builder's SetNamespace visitor: a namespaced object read from a file without a namespace
 * gets the one the command runs in, in the object itself (UpdateObjectNamespace), so a
 * --dry-run=client print shows it; a cluster-scoped one keeps none.
 */
export function withBuilderNamespace(obj: KubeObject, ns: string | undefined): KubeObject {
  if (!obj.metadata || typeof obj.metadata !== 'object') return obj;
  if (ns === undefined) {
    // A cluster-scoped object has no namespace: one written in its file is dropped (the real
    // kubectl 1.32 applies such a file to an object applied without it as "unchanged").
    if ('namespace' in obj.metadata) {
      const { namespace: _ns, ...meta } = obj.metadata;
      obj.metadata = meta;
    }
    return obj;
  }
  if (typeof obj.metadata.namespace === 'string' && obj.metadata.namespace !== '') return obj;
  obj.metadata = { ...obj.metadata, namespace: ns };
  return obj;
}

/** The OpenAPI document an object is checked against: its own group version as written. */
function openApiGroupVersion(m: ManifestObject): [string, string] {
  const apiVersion = m.obj.apiVersion;
  if (m.versionless || typeof apiVersion !== 'string' || apiVersion === '')
    return [m.type.group, m.type.version];
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}
