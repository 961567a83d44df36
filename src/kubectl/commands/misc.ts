/** The smaller commands: scale, expose, set image, rollout, label, cordon, drain, logs, events… */

import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Status } from '../../engine/api/types.ts';
import { labelSelectorString, parseLabelSelector } from '../../engine/apiserver/selectors.ts';
import { isValidLabelValue } from '../../engine/apiserver/validation.ts';
import { revisionNumber, revisionTemplate } from '../../engine/controllers/daemonSetHistory.ts';
import type { Ctx } from '../context.ts';
import { parseTimestamp, rfc3339 } from '../duration.ts';
import {
  aggregateMessage,
  clientError,
  ExitError,
  renderAggregate,
  renderStatus,
} from '../errors.ts';
import { goSort } from '../goSort.ts';
import { goTemplateText, isGoTemplateFormat, printGoTemplate } from '../goTemplateOutput.ts';
import {
  checkTemplatePrinter,
  type DryRun,
  dryRunStrategy,
  GENERIC_FORMATS,
  onePrinter,
  outputFormat,
  outputTemplate,
  printJsonPath,
  printObject,
} from '../output.ts';
import { applyOverrides, OverrideError, overrideTypeOf } from '../overrides.ts';
import { eventInterval } from '../printers/columns.ts';
import { podTemplateDescription, templateWithoutHash } from '../printers/describe.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { toGoJson, typedOrder } from '../printers/json.ts';
import { inStructOrder } from '../printers/structOrder.ts';
import { printTable } from '../printers/table.ts';
import {
  ALL_CATEGORY,
  type AnyResourceType,
  apiVersionOf,
  kindPrefix,
  OTHER_SERVED_VERSIONS,
  qualifiedResource,
  RESOURCE_TYPES,
  type ResourceType,
  resolveType,
  SERVED_ONLY_TYPES,
  typeByResource,
} from '../resources.ts';
import { DESCRIBE_TABWRITER, formatTabbed, GET_TABWRITER } from '../tabwriter.ts';
import { informerLog } from '../verboseLog.ts';
import {
  fileTargetArgs,
  getFailure,
  LOCAL_RESOURCE_ERROR,
  listAll,
  listError,
  NO_RESOURCES,
  namespaceForManifest,
  nsFor,
  peekObject,
  printWarnings,
  readFilenames,
  refuseArgsWithPaths,
  refuseLocalServerDryRun,
  resolveOrFail,
  splitResourceTypeName,
  typesAndNames,
  VERSIONLESS_NOT_FOUND,
} from './common.ts';
import { daemonSetHistoryText, daemonSetRevisions, rollbackDaemonSet } from './daemonSetRollout.ts';
import { deletePods, evictPods } from './drainEvict.ts';
import { watchChanges } from './getWatch.ts';
import { filenameArgs, kustomizeError } from './kustomize.ts';
import { nest, noPodSpecError, podSpecAt, podSpecPath, withAt } from './podSpecPath.ts';
import { deploymentRevisionError, revisionFlagError } from './rolloutStatusRevision.ts';
import { CONSOLE_WAIT_MS, rolloutWaitNote } from './waitNote.ts';

export const CLIENT_VERSION = 'v1.32.5';
export const KUSTOMIZE_VERSION = 'v5.5.0';
export const SERVER_VERSION = 'v1.32.2';

/** One `TYPE NAME` / `TYPE/NAME` target; exits with kubectl's errors otherwise. */
export function singleTarget(ctx: Ctx, args: string[]): { type: ResourceType; name: string } {
  // The rollout commands' Validate: a plain error.
  if (args.length === 0) ctx.fail('required resource not specified');
  const reqs = typesAndNames(ctx, args);
  const first = reqs[0];
  if (!first || first.names.length === 0) {
    ctx.fail('resource(s) were provided, but no name was specified');
  }
  return { type: first.type, name: first.names[0] as string };
}

/**
 * The objects a command acts on, type by type: those named, else with `-l` or `--all` those
 * selected in the namespace. Without either, a type with no name is kubectl's error.
 */
export function selectedTargets(
  ctx: Ctx,
  args: string[],
  /** Where a refused list goes (scale's infoErr); without it the command ends with it. */
  listFailed?: (status: Status) => void,
): { type: ResourceType; name: string; obj?: KubeObject }[] {
  const empty: AnyResourceType[] = [];
  const selector = ctx.str('selector');
  // Only label and annotate have --field-selector among the commands that come here.
  const fieldSelector = ctx.str('field-selector');
  const selecting = selector !== '' || fieldSelector !== '';
  // ResourceTypeOrNameArgs(all, …): `--all` only selects for a bare type; with names it is moot.
  // -A (label and annotate have it): the builder's AllNamespaces, so lists span namespaces and
  // a name is refused.
  const allNamespaces = ctx.bool('all-namespaces');
  const reqs = typesAndNames(ctx, args, empty, {
    selector: selector.trim() !== '' || fieldSelector.trim() !== '',
    allNamespaces,
  });
  if (reqs.length === 0 && empty.length === 0) ctx.fail(NO_RESOURCES);
  const all = ctx.bool('all');
  if (empty.length > 0 && !selecting && !all) {
    ctx.fail('resource(s) were provided, but no name was specified');
  }
  const out: { type: ResourceType; name: string; obj?: KubeObject }[] = [];
  for (const { type, names } of reqs) {
    if (names.length > 0) {
      for (const name of names) out.push({ type, name });
      continue;
    }
    if (!selecting && !all) ctx.fail('resource(s) were provided, but no name was specified');
    const ns = allNamespaces ? undefined : nsFor(type, ctx.namespace);
    let items: KubeObject[];
    if (selecting) {
      // The builder's list with both selectors; the API server refuses a field it does not know
      // or a label selector it cannot parse (`-l =blue`).
      const r = ctx.host.api.list(type.resource, ns, {
        ...(selector !== '' ? { labelSelector: selector } : {}),
        ...(fieldSelector !== '' ? { fieldSelector } : {}),
      });
      if (!r.ok) {
        const status = listError(r.status, type, selector, fieldSelector);
        if (!listFailed) ctx.failStatus(status);
        listFailed(status);
        continue;
      }
      items = r.value.items;
    } else items = listAll(ctx, type.resource, ns);
    for (const obj of items) out.push({ type, name: obj.metadata?.name ?? '', obj });
  }
  return out;
}

/** The named object, or exit with the server's error (NotFound worded for its type). */
export function getOrFail(ctx: Ctx, type: ResourceType, name: string): KubeObject {
  const r = ctx.host.api.get(type.resource, nsFor(type, ctx.namespace), name);
  if (!r.ok) ctx.failStatus(getFailure(ctx, type, nsFor(type, ctx.namespace), name, r.status));
  return r.value;
}

export function runScale(ctx: Ctx, args: string[]): void {
  if (!ctx.changed('replicas')) {
    ctx.fail('required flag(s) "replicas" not set');
  }
  const replicas = ctx.num('replicas', 0);
  if (replicas < 0)
    ctx.fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  // -f: the builder reads the files' objects without fetching them (no Latest()): one not there
  // is the scale PATCH's NotFound; a -n conflict leaves nothing to scale.
  const fromFiles = filenameArgs(ctx).length > 0;
  // A kustomization that does not build is infoErr, so `no objects passed to scale …`.
  const kustomization = ctx.flags.values.has('kustomize') ? ctx.str('kustomize') : '';
  const buildError = kustomization === '' ? undefined : kustomizeError(ctx, kustomization);
  if (buildError !== undefined) ctx.fail(`no objects passed to scale ${buildError}`);
  args = fileTargetArgs(ctx, args, 'no objects passed to scale ');
  // scale.go: the builder goes on past errors (ContinueOnError): an object it cannot read (a
  // missing one is NotFound) and one whose scale fails are gathered, the others scaled, and the
  // errors printed at the end. kubectl does not check kinds: the API server answers a PATCH of
  // the scale subresource of a kind without one (Job, DaemonSet, …) with a plain 404.
  // r.Infos(): every object read first; what cannot be read is infoErr.
  const infoErrors: Status[] = [];
  const errors: Status[] = [];
  const infos: { type: ResourceType; name: string; cur: KubeObject }[] = [];
  for (const { type, name, obj } of selectedTargets(ctx, args, (e) => infoErrors.push(e))) {
    if (obj) {
      infos.push({ type, name, cur: obj });
      continue;
    }
    const got = ctx.host.api.get(type.resource, nsFor(type, ctx.namespace), name);
    if (!got.ok && fromFiles && got.status.reason === 'NotFound') errors.push(got.status);
    else if (!got.ok)
      infoErrors.push(getFailure(ctx, type, nsFor(type, ctx.namespace), name, got.status));
    else infos.push({ type, name, cur: got.value });
  }
  const resourceVersion = ctx.str('resource-version');
  if (resourceVersion !== '' && infos.length > 1)
    ctx.fail('cannot use --resource-version with multiple resources');
  let counter = 0;
  for (const { type, name, cur } of infos) {
    counter++;
    const expected = ctx.num('current-replicas', -1);
    const spec = (cur.spec ?? {}) as { replicas?: number };
    // The preconditions are read from the scale subresource; a kind without one gets the 404
    // below.
    if (expected >= 0 && spec.replicas !== undefined && spec.replicas !== expected) {
      errors.push(clientError(`Expected replicas to be ${expected}, was ${spec.replicas ?? 0}`));
      continue;
    }
    const actualVersion = cur.metadata?.resourceVersion ?? '';
    if (
      resourceVersion !== '' &&
      spec.replicas !== undefined &&
      actualVersion !== resourceVersion
    ) {
      errors.push(
        clientError(`Expected resource version to be ${resourceVersion}, was ${actualVersion}`),
      );
      continue;
    }
    if (dryRun === 'none' || dryRun === 'server') {
      const r = ctx.host.api.patch(
        type.resource,
        ctx.namespace,
        name,
        { spec: { replicas } },
        // scale.go patches the scale subresource (PATCH …/deployments/web/scale, a merge patch).
        {
          // No --field-manager: the manager is kubectl's user agent.
          fieldManager: 'kubectl',
          subresource: 'scale',
          patchType: 'merge',
          ...(dryRun === 'server' ? { dryRun: true } : {}),
        },
      );
      // A refused scale PATCH ends the Visit (kubectl 1.32.5: `scale configmap/c deploy/web`
      // leaves web alone), where a failed precondition does not.
      if (!r.ok) {
        errors.push(r.status);
        break;
      }
      // scale.go: then a merge patch of the object with the change cause (Recorder).
      const cause = ctx.changeCause();
      if (cause !== undefined && cur.metadata?.annotations?.[CHANGE_CAUSE] !== cause) {
        ctx.host.api.patch(
          type.resource,
          ctx.namespace,
          name,
          { metadata: { annotations: { [CHANGE_CAUSE]: cause } } },
          dryRun === 'server' ? { dryRun: true } : {},
        );
      }
    }
    printObject(ctx, { ...cur, apiVersion: apiVersionOf(type), kind: type.kind }, format, {
      verb: 'scaled',
      dryRun,
    });
  }
  // scale.go: the Visit's errors (preconditions, refused patches) are returned first and alone;
  // nothing scaled is `no objects passed to scale %w` of infoErr (one error's text, several as
  // `[a, b]`); else infoErr after the scaled objects.
  if (errors.length > 0) {
    ctx.errStatuses(errors);
    throw new ExitError(1);
  }
  if (counter === 0) {
    const text = infoErrors.map((e) => e.message);
    ctx.fail(
      `no objects passed to scale${text.length === 0 ? '' : ` ${text.length === 1 ? text[0] : `[${text.join(', ')}]`}`}`,
    );
  }
  if (infoErrors.length > 0) {
    ctx.errStatuses(infoErrors);
    throw new ExitError(1);
  }
}

/**
 * An error of one exposed object: RunExpose's builder goes on past errors (ContinueOnError), so
 * each object's error is kept (its text as CheckErr prints it) and all are printed at the end.
 */
class ExposeError extends Error {
  /** `msg` is a client error's message, or (`status`) a server error's whole rendered line. */
  constructor(
    readonly msg: string,
    readonly status = false,
  ) {
    super(msg);
  }
}

/**
 * CheckErr of the visit's errors: one is printed as itself (`error: …`); several are an
 * aggregate, printed one a line by MultipleErrors, whose client errors have no `error: `.
 */
function exposeErrors(errors: ExposeError[]): string {
  const one = errors.length === 1;
  return errors.map((e) => (e.status ? e.msg : one ? `error: ${e.msg}\n` : `${e.msg}\n`)).join('');
}

/**
 * What RunExpose derives from the first object that needs it and keeps in its options for the
 * objects after it (expose.go sets o.Selector, o.Port or o.Ports, o.Labels once): the flags'
 * values, or the first derived ones.
 */
interface ExposeSticky {
  selector: string;
  port: string;
  ports: string;
  labels: string;
}

function exposeFail(msg: string): never {
  throw new ExposeError(msg);
}

/** CanBeExposedFn's kinds. */
const EXPOSABLE: ReadonlySet<string> = new Set(['deployments', 'replicasets', 'pods', 'services']);

/**
 * expose.go parseLabels, used for `--selector` and `--labels` (and the object's own labels,
 * joined as `k=v,…`): equality pairs only, `=` exactly once.
 */
function exposeLabels(spec: string): Record<string, string> {
  if (spec === '') exposeFail('no label spec passed');
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) exposeFail(`unexpected label spec: ${part}`);
    if (kv[0] === '') exposeFail('unexpected empty label key');
    Object.defineProperty(out, kv[0] as string, own(kv[1]));
  }
  return out;
}

/** The pod spec whose ports expose reads (PortsForObject / MultiProtocolsForObject). */
function exposedPodSpec(type: ResourceType, obj: KubeObject): Pod['spec'] | undefined {
  if (type.resource === 'pods') return (obj as unknown as Pod).spec;
  if (type.resource === 'services') return undefined;
  return (obj as unknown as Deployment).spec?.template?.spec;
}

/**
 * PortsForObject and MultiProtocolsForObject: every container port of every container in order
 * (or every port of a Service), and for each port number the protocols it is declared with (an
 * unset protocol is TCP).
 */
function exposedPorts(
  type: ResourceType,
  obj: KubeObject,
): { ports: string[]; protocols: Map<string, string[]> } {
  const list: { port: unknown; protocol?: string }[] =
    type.resource === 'services'
      ? (((obj.spec as { ports?: { port?: number; protocol?: string }[] } | undefined)?.ports ??
          []) as { port: unknown; protocol?: string }[])
      : (exposedPodSpec(type, obj)?.containers ?? []).flatMap((c) =>
          (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })),
        );
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  for (const p of list) {
    const key = String(typeof p.port === 'number' ? p.port : 0);
    ports.push(key);
    protocols.set(key, [...(protocols.get(key) ?? []), p.protocol || 'TCP']);
  }
  return { ports, protocols };
}

/** The selector MapBasedSelectorForObject derives, or its error. */
function exposedSelector(type: ResourceType, obj: KubeObject): string {
  let selector: Record<string, string> | undefined;
  if (type.resource === 'pods') selector = obj.metadata?.labels;
  else if (type.resource === 'services') {
    selector = (obj.spec as { selector?: Record<string, string> } | undefined)?.selector;
  } else {
    const d = obj as unknown as Deployment;
    if (d.spec?.selector?.matchExpressions?.length) {
      exposeFail(
        `couldn't retrieve selectors via --selector flag or introspection: the provided object has a selector with matchExpressions, which is not supported`,
      );
    }
    selector = d.spec?.selector?.matchLabels;
  }
  if (!selector || Object.keys(selector).length === 0) {
    // polymorphichelpers.MapBasedSelectorForObject's reasons, in a plain error.
    const why =
      type.resource === 'pods'
        ? 'the pod has no labels and cannot be exposed'
        : type.resource === 'services'
          ? 'the service has no pod selector set'
          : `the ${type.kind.toLowerCase()} has no labels or selectors and cannot be exposed`;
    exposeFail(`couldn't retrieve selectors via --selector flag or introspection: ${why}`);
  }
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * `kubectl expose`: one Service per object named (TYPE NAME) or read from `-f` (the file's
 * object as written, not the stored one: the builder does not fetch it), built as expose.go's
 * createService does.
 */
export function runExpose(ctx: Ctx, args: string[]): void {
  const files = filenameArgs(ctx);
  // RunExpose returns the builder's errors as they are (1.28+ dropped the usage line).
  if (args.length === 0 && files.length === 0) ctx.fail(NO_RESOURCES);
  refuseArgsWithPaths(ctx, files, args);
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  const targets: { type: ResourceType; obj?: KubeObject; name: string }[] = [];
  if (files.length > 0) {
    for (const m of readFilenames(ctx, files)) {
      namespaceForManifest(ctx, m); // the builder's namespace conflict check
      targets.push({ type: m.type, obj: m.obj, name: m.obj.metadata?.name ?? '' });
    }
  } else {
    const reqs = typesAndNames(ctx, args);
    if (reqs.some((r) => r.names.length === 0)) {
      ctx.fail('resource(s) were provided, but no name was specified');
    }
    for (const { type, names } of reqs) for (const name of names) targets.push({ type, name });
  }
  // Every object in turn (the builder fetches each as it is visited: a missing one is NotFound
  // whatever its kind); the errors are printed after the exposed ones.
  const errors: ExposeError[] = [];
  const sticky: ExposeSticky = {
    selector: ctx.str('selector'),
    port: ctx.str('port'),
    ports: '',
    labels: ctx.str('labels'),
  };
  for (const t of targets) {
    let obj = t.obj;
    if (!obj) {
      const r = ctx.host.api.get(t.type.resource, nsFor(t.type, ctx.namespace), t.name);
      if (!r.ok) {
        const status = getFailure(ctx, t.type, nsFor(t.type, ctx.namespace), t.name, r.status);
        ctx.requestLog?.statusDump(status);
        errors.push(new ExposeError(renderStatus(status), true));
        continue;
      }
      obj = r.value;
    }
    try {
      if (!EXPOSABLE.has(t.type.resource)) exposeFail(`cannot expose a ${groupKind(t.type)}`);
      exposeOne(ctx, t.type, obj, dryRun, format, sticky);
    } catch (e) {
      if (!(e instanceof ExposeError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length > 0) {
    ctx.err(exposeErrors(errors));
    throw new ExitError(1);
  }
}

function exposeOne(
  ctx: Ctx,
  type: ResourceType,
  obj: KubeObject,
  dryRun: ReturnType<typeof dryRunStrategy>,
  format: ReturnType<typeof outputFormat>,
  sticky: ExposeSticky,
): void {
  // DNS1035LabelMaxLength: a longer object name is cut to 63 for the default service name.
  const defaultName = (obj.metadata?.name ?? '').slice(0, 63);
  if (sticky.selector === '') sticky.selector = exposedSelector(type, obj);
  const selectorSpec = sticky.selector;
  const clusterIP = ctx.str('cluster-ip');
  const derived = exposedPorts(type, obj);
  if (sticky.port === '') {
    if (derived.ports.length === 0 && clusterIP !== 'None') {
      exposeFail("couldn't find port via --port flag or introspection");
    }
    if (derived.ports.length === 1) sticky.port = derived.ports[0] as string;
    else if (derived.ports.length > 1) sticky.ports = derived.ports.join(',');
  }
  // Several ports derived take precedence over one port.
  const portString = sticky.ports || sticky.port;
  // "Always try to derive protocols from the exposed object": even with --port, a port the
  // object declares as UDP is exposed as UDP; --protocol overrides every port.
  if (sticky.labels === '') {
    sticky.labels = Object.entries(obj.metadata?.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  }
  const labelSpec = sticky.labels;
  const selector = exposeLabels(selectorSpec);
  const labels = labelSpec === '' ? undefined : exposeLabels(labelSpec);
  const protocolFlag = ctx.str('protocol');
  const ports: Record<string, unknown>[] = [];
  if (portString !== '') {
    const parts = portString.split(',');
    parts.forEach((p, i) => {
      if (!/^[+-]?\d+$/.test(p))
        exposeFail(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
      const port = Number(p);
      const name = parts.length > 1 ? { name: `port-${i + 1}` } : {};
      let protocol = protocolFlag;
      if (protocol === '') {
        const declared = derived.protocols.get(p) ?? [];
        if (declared.length > 1) {
          // One port number declared with several protocols: one service port for each.
          for (const proto of declared) {
            ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port });
          }
          return;
        }
        protocol = declared[0] ?? 'TCP';
      }
      // ServicePort's field order (name, protocol, port, targetPort) for -o json.
      ports.push({ ...name, protocol, port });
    });
  }
  const tp = ctx.str('target-port');
  for (const p of ports) {
    // intstr.Parse: a number (Atoi) or else a name.
    p.targetPort = tp === '' ? p.port : /^[+-]?\d+$/.test(tp) ? Number(tp) : tp;
  }
  const svcType = ctx.str('type');
  const externalIP = ctx.str('external-ip');
  const affinity = ctx.str('session-affinity');
  if (affinity !== '' && affinity !== 'None' && affinity !== 'ClientIP') {
    exposeFail(`unknown session affinity: ${affinity}`);
  }
  const lbIP = svcType === 'LoadBalancer' ? ctx.str('load-balancer-ip') : '';
  const spec: Record<string, unknown> = {
    ...(clusterIP !== '' ? { clusterIP } : {}),
    ...(externalIP !== '' ? { externalIPs: [externalIP] } : {}),
    ...(lbIP !== '' ? { loadBalancerIP: lbIP } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    selector,
    ...(affinity !== '' ? { sessionAffinity: affinity } : {}),
    ...(svcType !== '' ? { type: svcType } : {}),
  };
  const generated: KubeObject = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name: ctx.str('name') || defaultName,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      ...(labels ? { labels } : {}),
    },
    spec,
    status: { loadBalancer: {} },
  };
  // NewOverrider(…).Apply, then the Recorder.
  let overridden = generated;
  try {
    const overrides = ctx.str('overrides');
    if (overrides !== '') {
      const type = overrideTypeOf(ctx.str('override-type') || 'merge');
      overridden = applyOverrides(generated, overrides, type);
    }
  } catch (e) {
    if (e instanceof OverrideError) exposeFail(e.message);
    throw e;
  }
  const svc = ctx.recorded(overridden);
  if (dryRun === 'client') {
    printObject(ctx, svc, format, { verb: 'exposed', dryRun, typed: true });
    return;
  }
  const { metadata, ...rest } = svc;
  const { creationTimestamp: _c, ...meta } = metadata ?? {};
  const r = ctx.host.api.create(
    'services',
    ctx.namespace,
    { ...rest, metadata: meta },
    dryRun === 'server'
      ? { dryRun: true, fieldManager: 'kubectl-expose' }
      : { fieldManager: 'kubectl-expose' },
  );
  if (!r.ok) {
    ctx.requestLog?.statusDump(r.status);
    throw new ExposeError(renderStatus(r.status), true);
  }
  // The Service comes back typed: -o json keeps its struct order.
  printObject(ctx, { ...r.value, apiVersion: 'v1', kind: 'Service' }, format, {
    verb: 'exposed',
    dryRun,
    typed: true,
  });
}

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * cmdutil.GetResourcesAndPairs: words before the first `k=v` (or `k-`) are resources, the rest
 * pairs; a resource word after a pair is refused.
 */
export function resourcesAndPairs(ctx: Ctx, args: string[], what: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const isPair = (a.includes('=') && !a.startsWith('=')) || (a.endsWith('-') && a !== '-');
    if (isPair) pairs.push(a);
    else if (pairs.length > 0)
      ctx.fail(`all resources must be specified before ${what} changes: ${a}`);
    else resources.push(a);
  }
  return [resources, pairs];
}

/**
 * `kubectl set image`: as set_image.go, Complete (arguments, then the resource builder, which
 * fetches every target) before Validate, so a word without `=` is read as a resource.
 */
export function runSetImage(ctx: Ctx, args: string[]): void {
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  const [named, pairs] = resourcesAndPairs(ctx, args, 'image');
  const local = ctx.bool('local');
  refuseLocalServerDryRun(ctx);
  const files = local ? filenameArgs(ctx) : [];
  // builder.go LocalResourceError: --local reads files only.
  if (local && named.length > 0) ctx.fail(LOCAL_RESOURCE_ERROR);
  const resources = local ? named : fileTargetArgs(ctx, named);
  // cmdutil.ParsePairs without removal: `name=image` only.
  const images = new Map<string, string>();
  const invalid: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) images.set(p.slice(0, i), p.slice(i + 1));
    else invalid.push(p);
  }
  if (invalid.length > 0) ctx.fail(`invalid image format: ${invalid.join(', ')}`);
  if (resources.length === 0 && files.length === 0) ctx.fail(NO_RESOURCES);
  const found: { type: ResourceType; name: string; obj: KubeObject }[] = [];
  // --local -f: the files' objects themselves (no namespace filled in), changed and printed
  // (typed: Go's zero values such as `status: {}` and `creationTimestamp: null` appear),
  // nothing sent.
  for (const m of files.length > 0 ? readFilenames(ctx, files) : []) {
    namespaceForManifest(ctx, m);
    found.push({ type: m.type, name: m.obj.metadata?.name ?? '', obj: m.obj });
  }
  let missing = false;
  for (const t of files.length > 0 ? [] : selectedTargets(ctx, resources)) {
    if (t.obj) {
      found.push({ ...t, obj: t.obj });
      continue;
    }
    const r = ctx.host.api.get(t.type.resource, nsFor(t.type, ctx.namespace), t.name);
    if (r.ok) found.push({ ...t, obj: r.value });
    else {
      ctx.reportStatus(getFailure(ctx, t.type, nsFor(t.type, ctx.namespace), t.name, r.status));
      missing = true;
    }
  }
  if (missing) throw new ExitError(1);
  // Validate: plain errors, no usage line.
  if (images.size === 0) ctx.fail('at least one image update is required');
  if (images.size > 1 && images.has('*')) {
    ctx.fail(
      'all containers are already specified by *, but saw more than one container_name=container_image pairs',
    );
  }
  // set_image.go Run: every object's patch is worked out (a missing container is an error
  // of the list, the object still patched), then each patched; an object without a pod
  // template and a refused patch are errors too. All are printed at the end, as one
  // aggregate: alone as it is, several as `[a, b]`.
  const containerErrors: string[] = [];
  const patchErrors: string[] = [];
  for (const { type, name, obj } of found) {
    const e = setImageOf(ctx, type, name, obj, images, dryRun, format, local, containerErrors);
    if (e !== undefined) patchErrors.push(e);
  }
  // Run returns them as one aggregate, which cmdutil.CheckErr prints through MultipleErrors:
  // each error's text (no prefix added) and a newline (the patch errors' own `error: …\n` so end in a blank
  // line); one alone is unwrapped and printed as itself.
  const errs = [...containerErrors.map((e) => `error: ${e}`), ...patchErrors];
  if (errs.length > 0) {
    ctx.err(renderAggregate(errs));
    throw new ExitError(1);
  }
}

/** One object of `set image`: its containers updated, patched if anything changed, printed. */
function setImageOf(
  ctx: Ctx,
  type: ResourceType,
  name: string,
  obj: KubeObject,
  images: Map<string, string>,
  dryRun: ReturnType<typeof dryRunStrategy>,
  format: ReturnType<typeof outputFormat>,
  local: boolean,
  containerErrors: string[],
): string | undefined {
  const path = podSpecPath(type);
  // updatePodSpecForObject's error (`%T` of the typed object), as `error: %s %v\n`.
  if (!path) return `error: ${noPodSpecError(type, name)}\n`;
  type Named = { name: string; image?: string };
  const podSpec = podSpecAt(obj, path) as { containers?: Named[]; initContainers?: Named[] };
  const containers = (podSpec.containers ?? []).map((c) => ({ ...c }));
  // set_image.go sets the image of the init containers too (a name or `*`), the same way.
  const inits = podSpec.initContainers?.map((c) => ({ ...c }));
  let changed = false;
  for (const [cname, image] of images) {
    const matches = [...(inits ?? []), ...containers].filter(
      (c) => cname === '*' || c.name === cname,
    );
    if (matches.length === 0) containerErrors.push(`unable to find container named "${cname}"`);
    for (const c of matches) {
      if (c.image !== image) changed = true;
      c.image = image;
    }
  }
  const lists = inits ? { containers, initContainers: inits } : { containers };
  const patch = nest(path, lists);
  // The Recorder writes the change cause into the same patch, so it alone is a change too.
  const cause = ctx.changeCause();
  if (cause !== undefined && obj.metadata?.annotations?.[CHANGE_CAUSE] !== cause) {
    patch.metadata = { annotations: { [CHANGE_CAUSE]: cause } };
    changed = true;
  }
  // set_image.go: an empty patch is skipped without a word, whatever -o says.
  if (!changed) return undefined;
  // A client dry run prints the object as kubectl changed it; otherwise the server's answer.
  let shown = ctx.recorded(withAt(obj, path, lists) as KubeObject);
  if (dryRun !== 'client' && !local) {
    const r = ctx.host.api.patch(type.resource, ctx.namespace, name, patch, {
      fieldManager: ctx.str('field-manager') || 'kubectl-set',
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    });
    // set_image.go wraps the server's refusal; its Error() is the Status message as sent.
    if (!r.ok) return `failed to patch image update to pod template: ${r.status.message}`;
    shown = r.value;
  }
  // A typed object: the file's, decoded, or the typed client's answer.
  printObject(ctx, { ...shown, apiVersion: apiVersionOf(type), kind: type.kind }, format, {
    verb: 'image updated',
    dryRun,
    typed: 'decoded',
  });
  return undefined;
}

/** The deployment status viewer of `kubectl rollout status`. */
export function deploymentRolloutStatus(d: Deployment): {
  msg: string;
  done: boolean;
  err?: string;
} {
  const name = d.metadata?.name ?? '';
  if ((d.metadata?.generation ?? 0) <= (d.status?.observedGeneration ?? 0)) {
    const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return { msg: '', done: false, err: `deployment "${name}" exceeded its progress deadline` };
    }
    const spec = d.spec?.replicas ?? 1;
    const st = d.status ?? {};
    const updated = st.updatedReplicas ?? 0;
    if (updated < spec) {
      return {
        msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${spec} new replicas have been updated...`,
        done: false,
      };
    }
    if ((st.replicas ?? 0) > updated) {
      return {
        msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`,
        done: false,
      };
    }
    if ((st.availableReplicas ?? 0) < updated) {
      return {
        msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
        done: false,
      };
    }
    return { msg: `deployment "${name}" successfully rolled out`, done: true };
  }
  return { msg: 'Waiting for deployment spec update to be observed...', done: false };
}

/** The daemon set status viewer of `kubectl rollout status`. */
export function daemonSetRolloutStatus(ds: KubeObject): {
  msg: string;
  done: boolean;
  err?: string;
} {
  const name = ds.metadata?.name ?? '';
  const spec = (ds.spec ?? {}) as { updateStrategy?: { type?: string } };
  const st = (ds.status ?? {}) as {
    observedGeneration?: number;
    updatedNumberScheduled?: number;
    desiredNumberScheduled?: number;
    numberAvailable?: number;
  };
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return {
      msg: '',
      done: true,
      err: 'rollout status is only available for RollingUpdate strategy type',
    };
  }
  if ((ds.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) {
      return {
        msg: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
        done: false,
      };
    }
    if ((st.numberAvailable ?? 0) < desired) {
      return {
        msg: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...`,
        done: false,
      };
    }
    return { msg: `daemon set "${name}" successfully rolled out`, done: true };
  }
  return { msg: 'Waiting for daemon set spec update to be observed...', done: false };
}

/**
 * The stateful set status viewer of `kubectl rollout status` (StatefulSetStatusViewer): ready
 * pods first, then, with a partition (the defaulted strategy has one), the pods from the
 * partition up at the update revision; without one, the current revision catching up.
 */
export function statefulSetRolloutStatus(sts: KubeObject): {
  msg: string;
  done: boolean;
  err?: string;
} {
  const spec = (sts.spec ?? {}) as {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  const st = (sts.status ?? {}) as {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
  if (spec.updateStrategy?.type !== 'RollingUpdate') {
    return {
      msg: '',
      done: true,
      err: 'rollout status is only available for RollingUpdate strategy type',
    };
  }
  const observed = st.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed) {
    return { msg: 'Waiting for statefulset spec update to be observed...', done: false };
  }
  const replicas = spec.replicas;
  const ready = st.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) {
    return { msg: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  }
  const updated = st.updatedReplicas ?? 0;
  const ru = spec.updateStrategy.rollingUpdate;
  if (ru) {
    if (replicas !== undefined && ru.partition !== undefined && updated < replicas - ru.partition) {
      return {
        msg: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...`,
        done: false,
      };
    }
    return {
      msg: `partitioned roll out complete: ${updated} new pods have been updated...`,
      done: true,
    };
  }
  if (st.updateRevision !== st.currentRevision) {
    return {
      msg: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...`,
      done: false,
    };
  }
  return {
    msg: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`,
    done: true,
  };
}

/** A GroupKind as Go prints it: `ReplicaSet.apps`, `Pod`. */
function groupKind(type: ResourceType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

/**
 * The objects of a rollout command as its ContinueOnError builder visits them: each named object
 * is fetched in turn (a missing one is a NotFound gathered for the end, the others still
 * visited), a bare type lists its objects. `undefined` marks a name that could not be read.
 */
function rolloutVisits(
  ctx: Ctx,
  args: string[],
  errors: Status[],
  /** For each error, how many objects were found before it (its place in the visit). */
  places?: number[],
): { type: ResourceType; obj: KubeObject }[] {
  args = fileTargetArgs(ctx, args);
  if (args.length === 0) ctx.fail('required resource not specified');
  const selector = ctx.str('selector');
  const out: { type: ResourceType; obj: KubeObject }[] = [];
  // The builder refuses -l with TYPE/NAME arguments before reading anything.
  const check = { selector: selector.trim() !== '', allNamespaces: false };
  for (const { type, names } of typesAndNames(ctx, args, [], check)) {
    if (names.length > 0) {
      for (const name of names) {
        const r = ctx.host.api.get(type.resource, nsFor(type, ctx.namespace), name);
        if (r.ok) out.push({ type, obj: r.value });
        else {
          errors.push(getFailure(ctx, type, nsFor(type, ctx.namespace), name, r.status));
          places?.push(out.length);
        }
      }
      continue;
    }
    // A list the server refuses (a selector it cannot parse) is an error of the builder's
    // Infos, gathered with the others.
    const r = ctx.host.api.list(
      type.resource,
      nsFor(type, ctx.namespace),
      selector ? { labelSelector: selector } : undefined,
    );
    if (!r.ok) {
      errors.push(listError(r.status, type, selector, ''));
      places?.push(out.length);
      continue;
    }
    for (const obj of r.value.items) out.push({ type, obj });
  }
  return out;
}

/**
 * A rollout command's Visit over its ContinueOnError builder (history, undo, pause, resume,
 * restart): each object read is handed to `fn`; an object that cannot be read and an error `fn`
 * ends with are gathered and printed after the others (one as `error: …`, several a line each,
 * as MultipleErrors), exit 1. `fn`'s warnings go out as they come.
 */
function visitRollout(
  ctx: Ctx,
  args: string[],
  fn: (type: ResourceType, obj: KubeObject) => void,
  /**
   * patchErrors (pause, resume, restart): set.CalculatePatches' errors are wrapped as
   * `error: <resource> "<name>" <why>`, so among several they keep their `error: `; restart's
   * empty patch ("failed to create patch for …") is not.
   */
  opts: { sayNone?: boolean; patchErrors?: boolean } = {},
): void {
  const errors: Status[] = [];
  const targets = rolloutVisits(ctx, args, errors);
  ctx.dumpStatuses(errors);
  const gathered: { client: boolean; text: string }[] = errors.map((e) => ({
    client: false,
    text: renderStatus(e),
  }));
  for (const { type, obj } of targets) {
    const saved = ctx.err;
    let said = '';
    ctx.err = (text: string) => {
      said += text;
    };
    try {
      fn(type, obj);
    } catch (e) {
      if (!(e instanceof ExitError)) throw e;
      // A panic (exit 2) ends kubectl there: what it said is printed as it is (finally).
      if (e.code === 2) throw e;
      // What fn printed on its way out is the error; `error: ` marks a plain one.
      const prefixed = said.startsWith('error: ');
      const keep =
        prefixed &&
        opts.patchErrors === true &&
        !said.startsWith('error: failed to create patch for ');
      const client = prefixed && !keep;
      gathered.push({ client, text: client ? said.slice('error: '.length) : said });
      said = '';
    } finally {
      ctx.err = saved;
      if (said !== '') ctx.err(said);
    }
  }
  // rollout_restart.go / rollout_pause.go: nothing selected is said, not an error.
  if (opts.sayNone && targets.length === 0 && gathered.length === 0)
    ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
  if (gathered.length === 0) return;
  const [only] = gathered;
  ctx.err(
    gathered.length === 1 && only
      ? `${only.client ? 'error: ' : ''}${only.text}`
      : gathered.map((g) => g.text).join(''),
  );
  throw new ExitError(1);
}

/**
 * `kubectl rollout status` (rollout_status.go of 1.32): every object the builder visits is
 * watched in turn until its rollout is done (each with its own --timeout); errors (a missing
 * object, a kind with no status viewer, a timeout) are gathered and printed after the others,
 * and nothing found is `No resources found in NS namespace.`, not an error.
 */
export function runRolloutStatus(ctx: Ctx, args: string[]): void {
  const revision = ctx.num('revision', 0);
  const revisionError = args.length > 0 ? revisionFlagError(revision) : undefined;
  if (revisionError) ctx.fail(revisionError);
  const unread: Status[] = [];
  const places: number[] = [];
  const targets = rolloutVisits(ctx, args, unread, places);
  // ContinueOnErrorVisitor: every error in the order of the visit, an object the builder could
  // not read (NotFound) in its place among the others.
  const errors: Status[] = [];
  const unreadUpTo = (n: number) => {
    while (places.length > 0 && (places[0] as number) <= n) {
      places.shift();
      errors.push(unread.shift() as Status);
    }
  };
  for (const [i, { type, obj }] of targets.entries()) {
    unreadUpTo(i);
    const r = statusOne(ctx, type, obj, revision);
    if (r === 'stopped') return;
    if (r !== undefined) errors.push(clientError(r));
  }
  unreadUpTo(Number.POSITIVE_INFINITY);
  if (errors.length > 0) {
    ctx.errStatuses(errors);
    throw new ExitError(1);
  }
  if (targets.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
}

/**
 * One object's rollout status, watched until done: an error message, `'stopped'` when the
 * console's own wait ran out (said, exit 1, the command ends), or undefined when done.
 */
function statusOne(
  ctx: Ctx,
  type: ResourceType,
  obj: KubeObject,
  revision: number,
): string | 'stopped' | undefined {
  const name = obj.metadata?.name ?? '';
  if (
    type.resource !== 'deployments' &&
    type.resource !== 'daemonsets' &&
    type.resource !== 'statefulsets'
  )
    return `no status viewer has been implemented for ${groupKind(type)}`;
  const viewer = (obj: KubeObject) =>
    type.resource === 'daemonsets'
      ? daemonSetRolloutStatus(obj)
      : type.resource === 'statefulsets'
        ? statefulSetRolloutStatus(obj)
        : withRevision(obj, deploymentRolloutStatus(obj as unknown as Deployment));
  const withRevision = (d: KubeObject, s: ReturnType<typeof deploymentRolloutStatus>) => {
    const err = deploymentRevisionError(d, revision);
    return err ? { msg: '', done: false, err } : s;
  };
  const watch = ctx.flags.values.get('watch') !== false;
  // ContextWithOptionalTimeout, made for each object's watch (--watch=false too): a negative
  // timeout is logged and means none.
  if (ctx.changed('timeout') && ctx.num('timeout', 0) < 0)
    ctx.klog('E', 'until.go:159', 'Timeout for context shall not be negative!');
  // --timeout=0s (the default) never gives up: the console stops earlier and says so.
  const given = ctx.changed('timeout') && ctx.num('timeout', 0) > 0;
  const limit = given ? ctx.num('timeout', 0) : CONSOLE_WAIT_MS;
  const started = ctx.now();
  // The status viewer runs on an informer: a list of the object by name, then a watch.
  const stop = informerLog(ctx.requestLog, ctx.host.api, type.resource, ctx.namespace, name);
  try {
    return watchRollout(ctx, type, name, obj, viewer, watch, given, limit, started);
  } finally {
    stop();
  }
}

/** rollout status's loop: each new status message, until done, stopped or timed out. */
function watchRollout(
  ctx: Ctx,
  type: ResourceType,
  name: string,
  obj: KubeObject,
  viewer: (obj: KubeObject) => { msg: string; done: boolean; err?: string },
  watch: boolean,
  given: boolean,
  limit: number,
  started: number,
): string | 'stopped' | undefined {
  let last = '';
  let current = obj;
  for (;;) {
    const s = viewer(current);
    if (s.err) return s.err;
    if (s.msg !== last) {
      ctx.out(`${s.msg}\n`);
      last = s.msg;
    }
    if (s.done || !watch) return undefined;
    const remaining = limit - (ctx.now() - started);
    const prev = s.msg;
    const moved =
      remaining > 0 &&
      ctx.host.runUntil(() => {
        const d = peekObject(ctx, type.resource, ctx.namespace, name);
        if (!d) return true;
        const n = viewer(d);
        return n.msg !== prev || n.err !== undefined;
      }, remaining);
    if (!moved && !given) {
      ctx.err(rolloutWaitNote());
      ctx.exitCode = 1;
      return 'stopped';
    }
    if (!moved) return 'timed out waiting for the condition';
    const got = ctx.host.api.get(type.resource, nsFor(type, ctx.namespace), name);
    // The watch's Deleted event: the status of a new object of that name is not watched.
    if (!got.ok) return 'object has been deleted';
    current = got.value;
  }
}

export function runRolloutRestart(ctx: Ctx, args: string[]): void {
  visitRollout(ctx, args, (type, obj) => restartOne(ctx, type, obj), {
    sayNone: true,
    patchErrors: true,
  });
}

function restartOne(ctx: Ctx, type: ResourceType, d: KubeObject): void {
  const name = d.metadata?.name ?? '';
  // objectrestarter.go: Deployments and DaemonSets (and StatefulSets) get the annotation.
  if (
    type.resource !== 'deployments' &&
    type.resource !== 'daemonsets' &&
    type.resource !== 'statefulsets'
  ) {
    const resourceString = type.group ? `${type.resource}.${type.group}` : type.resource;
    ctx.fail(`${resourceString} "${name}" restarting is not supported`);
  }
  // polymorphichelpers' restarter refuses a paused Deployment before any patch is made.
  if ((d.spec as { paused?: boolean } | undefined)?.paused === true) {
    ctx.fail(
      `${qualifiedResource(type)} "${name}" can't restart paused deployment (run rollout resume first)`,
    );
  }
  const dryRun = dryRunStrategy(ctx);
  // time.Now().Format(time.RFC3339): whole seconds. A second restart within the same second
  // changes nothing, so restart.go's patch is `{}` and it refuses it.
  const at = rfc3339(ctx.now());
  const template = (d.spec as { template?: KubeObject } | undefined)?.template;
  if (template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === at) {
    ctx.fail(
      `failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    );
  }
  let printed = d;
  if (dryRun !== 'client') {
    const r = ctx.host.api.patch(
      type.resource,
      ctx.namespace,
      name,
      {
        spec: {
          template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } },
        },
      },
      { fieldManager: ctx.str('field-manager') || 'kubectl-rollout' },
    );
    if (!r.ok) ctx.failStatus(r.status);
    printed = r.value;
  }
  // restart.go prints the patched object through its PrintFlags: `-o name|yaml|jsonpath…`.
  printObject(
    ctx,
    { ...printed, apiVersion: apiVersionOf(type), kind: type.kind },
    outputFormat(ctx, false),
    // restart.go makes its printer for each object: no `---` between YAML documents.
    { verb: 'restarted', dryRun: 'none', ownPrinter: true },
  );
}

/** Annotations `rollout undo` keeps from the Deployment instead of taking the ReplicaSet's. */
const ROLLBACK_KEEP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const POD_TEMPLATE_HASH = 'pod-template-hash';

/** A pod template without the ReplicaSet's `pod-template-hash` label, for comparing and restoring. */
function withoutHash(template: unknown): Record<string, unknown> {
  const t = structuredClone((template ?? {}) as Record<string, unknown>);
  const meta = t.metadata as { labels?: Record<string, string> } | undefined;
  if (meta?.labels && POD_TEMPLATE_HASH in meta.labels) {
    delete meta.labels[POD_TEMPLATE_HASH];
    if (Object.keys(meta.labels).length === 0) delete meta.labels;
  }
  return t;
}

/**
 * `kubectl rollout undo`: put the pod template of an earlier revision (the ReplicaSet that carries
 * it) back into the Deployment. The Deployment controller then finds that ReplicaSet by its
 * template hash, gives it the next revision number and scales it up — so revision 1 becomes
 * revision 3 in `rollout history`, as on a real cluster.
 */
export function runRolloutUndo(ctx: Ctx, args: string[]): void {
  // Complete reads --dry-run before the builder reads anything.
  dryRunStrategy(ctx);
  visitRollout(ctx, args, (type, obj) => {
    const operation = undoOne(ctx, type, obj);
    // undo.go: the rollbacker's result is the name printer's operation; `-o yaml|json|…` print
    // the object as it was read, before the rollback.
    printObject(
      ctx,
      { ...obj, apiVersion: apiVersionOf(type), kind: type.kind },
      outputFormat(ctx, false),
      // undo.go makes its printer for each object: no `---` between YAML documents.
      { verb: operation, dryRun: 'none', ownPrinter: true },
    );
  });
}

/** The rollback of one object: the operation kubectl's name printer shows after its name. */
function undoOne(ctx: Ctx, type: ResourceType, d: KubeObject): string {
  const name = d.metadata?.name ?? '';
  if (type.resource === 'daemonsets' || type.resource === 'statefulsets')
    return rollbackDaemonSet(ctx, d, ctx.num('to-revision', 0), type.resource);
  if (type.resource !== 'deployments')
    ctx.fail(noVisitor('rollbacker', 'no rollbacker has been implemented', type));
  const toRevision = ctx.num('to-revision', 0);
  if (toRevision < 0) ctx.fail(`unable to find specified revision ${toRevision} in history`);
  const dryRun = dryRunStrategy(ctx);
  const owned = ownedReplicaSets(ctx, d);
  let latest: { rev: number; rs: KubeObject } | undefined;
  let previous: { rev: number; rs: KubeObject } | undefined;
  let target: KubeObject | undefined;
  for (const rs of owned) {
    const raw = rs.metadata?.annotations?.['deployment.kubernetes.io/revision'];
    if (raw === undefined || !/^\d+$/.test(raw)) continue;
    const rev = Number(raw);
    if (toRevision === 0) {
      if (!latest || latest.rev < rev) {
        previous = latest;
        latest = { rev, rs };
      } else if (!previous || previous.rev < rev) previous = { rev, rs };
    } else if (rev === toRevision) target = rs;
  }
  if (toRevision > 0 && !target)
    ctx.fail(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0) {
    if (!previous) ctx.fail(`no rollout history found for deployment "${name}"`);
    target = previous.rs;
  }
  const rs = target as KubeObject;
  const rsTemplate = withoutHash((rs.spec as { template?: unknown } | undefined)?.template);
  const spec = (d.spec ?? {}) as { template?: unknown; paused?: boolean };
  if (dryRun === 'client') {
    // kubectl's name printer with the template description as the "operation": the
    // ReplicaSet's template as stored, pod-template-hash and all (the hash label is taken
    // off only for the real rollback, after this return).
    const stored = (rs.spec as { template?: unknown } | undefined)?.template;
    return `${podTemplateDescription(stored as typeof rsTemplate)} (dry run)`;
  }
  if (spec.paused) {
    ctx.fail(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  }
  if (templateWithoutHash(rsTemplate) === templateWithoutHash(spec.template)) {
    // kubectl prints the revision it was asked for (0 when --to-revision was not given); the
    // name printer adds the dry-run suffix to any operation.
    return `skipped rollback (current template already matches revision ${toRevision})${dryRun === 'server' ? ' (server dry run)' : ''}`;
  }
  const annotations: Record<string, string> = {};
  const current = d.metadata?.annotations ?? {};
  for (const k of ROLLBACK_KEEP_ANNOTATIONS)
    if (k in current) annotations[k] = current[k] as string;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) {
    if (!ROLLBACK_KEEP_ANNOTATIONS.has(k)) annotations[k] = v;
  }
  // rollback.go: a JSON patch of the template and the annotations, with no field manager of
  // its own (the server names the change after the User-Agent: kubectl).
  const r = ctx.host.api.patch(
    type.resource,
    ctx.namespace,
    name,
    [
      { op: 'replace', path: '/spec/template', value: rsTemplate },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
    {
      patchType: 'json',
      fieldManager: 'kubectl',
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    },
  );
  if (!r.ok) ctx.failStatus(r.status);
  return `rolled back${dryRun === 'server' ? ' (server dry run)' : ''}`;
}

/** `kubectl rollout pause` / `resume`: set or clear `spec.paused` on a Deployment. */
export function runRolloutPause(ctx: Ctx, args: string[], pause: boolean): void {
  visitRollout(ctx, args, (type, obj) => pauseOne(ctx, type, obj, pause), {
    sayNone: true,
    patchErrors: true,
  });
}

function pauseOne(ctx: Ctx, type: ResourceType, d: KubeObject, pause: boolean): void {
  const name = d.metadata?.name ?? '';
  const resourceString = type.group ? `${type.resource}.${type.group}` : type.resource;
  if (type.resource !== 'deployments') {
    ctx.fail(`${resourceString} "${name}" ${pause ? 'pausing' : 'resuming'} is not supported`);
  }
  const paused = (d.spec as { paused?: boolean } | undefined)?.paused === true;
  if (paused === pause) {
    ctx.fail(`${resourceString} "${name}" ${pause ? 'is already paused' : 'is not paused'}`);
  }
  const r = ctx.host.api.patch(
    type.resource,
    ctx.namespace,
    name,
    { spec: { paused: pause ? true : null } },
    { fieldManager: ctx.str('field-manager') || 'kubectl-rollout' },
  );
  if (!r.ok) ctx.failStatus(r.status);
  // pause.go / resume.go print the patched object through their PrintFlags (-o).
  printObject(
    ctx,
    { ...r.value, apiVersion: apiVersionOf(type), kind: type.kind },
    outputFormat(ctx, false),
    // pause.go/resume.go make their printer for each object: no `---` between YAML documents.
    { verb: pause ? 'paused' : 'resumed', dryRun: 'none', ownPrinter: true },
  );
}

/** What `label` / `annotate` were asked to set and remove. */
interface MetaChanges {
  set: Map<string, string>;
  remove: string[];
}

/**
 * label.go parseLabels: `k=v` (one `=` only, the value checked here, the key left to the
 * server) or `k-`; a key both set and removed is refused.
 */
function parseLabelChanges(ctx: Ctx, pairs: string[]): MetaChanges {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const p of pairs) {
    if (p.includes('=')) {
      const parts = p.split('=');
      if (parts.length !== 2) ctx.fail(`invalid label spec: ${p}`);
      const errs = isValidLabelValue(parts[1] as string);
      if (errs.length > 0) ctx.fail(`invalid label value: ${JSON.stringify(p)}: ${errs.join(';')}`);
      set.set(parts[0] as string, parts[1] as string);
    } else remove.push(p.slice(0, -1));
  }
  if (remove.some((k) => set.has(k)))
    ctx.fail('can not both modify and remove a label in the same command');
  return { set, remove };
}

/** cmdutil.ParsePairs for annotations: `k=v` (split at the first `=`) or `k-`. */
function parseAnnotationChanges(pairs: string[]): MetaChanges {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) set.set(p.slice(0, i), p.slice(i + 1));
    else remove.push(p.slice(0, -1));
  }
  return { set, remove };
}

/**
 * `kubectl label` / `kubectl annotate`: KEY=VALUE sets, KEY- removes. Arguments split as
 * GetResourcesAndPairs does, then the Validate checks (plain errors, no usage line).
 */
export function runMetaChange(ctx: Ctx, args: string[], field: 'labels' | 'annotations'): void {
  const what = field === 'labels' ? 'label' : 'annotation';
  // Complete reads --dry-run first: its warning or error comes before any other.
  dryRunStrategy(ctx);
  const [resources, pairs] = resourcesAndPairs(ctx, args, what);
  const changes =
    field === 'labels' ? parseLabelChanges(ctx, pairs) : parseAnnotationChanges(pairs);
  // --list prints key=value lines, never an object. label's Validate refuses -o with it;
  // annotate has no such check (its --list just wins over -o).
  const list = ctx.bool('list');
  if (list && field === 'labels' && ctx.str('output') !== '') {
    ctx.fail('--list and --output may not be specified together');
  }
  const format = outputFormat(ctx, false);
  // Annotate makes one printer, in Complete (label makes one per object, after the patch).
  if (field === 'annotations') {
    checkTemplatePrinter(ctx, format);
    onePrinter(ctx);
  }
  const files = filenameArgs(ctx);
  const local = ctx.bool('local');
  // Validate: before the resource and update checks.
  if (ctx.bool('all') && ctx.str('selector') !== '')
    ctx.fail('cannot set --all and --selector at the same time');
  if (ctx.bool('all') && ctx.str('field-selector') !== '')
    ctx.fail('cannot set --all and --field-selector at the same time');
  if (local) {
    refuseLocalServerDryRun(ctx);
    // label.go's Validate names pod files, annotate.go's any resource's.
    const [yaml, json] = field === 'labels' ? ['pod.yaml', 'pod.json'] : ['rsrc.yaml', 'rsrc.json'];
    if (resources.length > 0)
      ctx.fail(
        `can only use local files by -f ${yaml} or --filename=${json} when --local=true is set`,
      );
    if (files.length === 0)
      ctx.fail(`one or more files must be specified as -f ${yaml} or --filename=${json}`);
  }
  if (resources.length === 0 && files.length === 0) {
    ctx.fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (changes.set.size === 0 && changes.remove.length === 0 && !list) {
    ctx.fail(`at least one ${what} update is required`);
  }
  if (field === 'annotations') {
    const both = changes.remove.filter((k) => changes.set.has(k));
    if (both.length > 0) {
      ctx.fail(
        `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
      );
    }
  }
  refuseArgsWithPaths(ctx, files, resources);
  if (files.length > 0) {
    // -f: the objects the files name; with --local the files' objects themselves, changed
    // here and printed, nothing sent.
    // ContinueOnError: the files' own errors (a stream cut off, a document that is no object)
    // among the others, in document order.
    const read: Status[] = [];
    const objs = readFilenames(ctx, files, read, '', { versionless: true, asIs: local });
    const single = objs.length === 1;
    if (!single && ctx.str('resource-version') !== '') {
      ctx.fail('--resource-version may only be used with a single resource');
    }
    const errors: Status[] = [];
    let readAt = 0;
    for (const m of objs) {
      while (readAt < (m.errorsBefore ?? 0)) errors.push(read[readAt++] as Status);
      const ns = namespaceForManifest(ctx, m);
      let cur = m.obj;
      if (!local) {
        const r = m.versionless
          ? { ok: false as const, status: VERSIONLESS_NOT_FOUND }
          : ctx.host.api.get(m.type.resource, ns, m.obj.metadata?.name ?? '');
        if (!r.ok) {
          errors.push(r.status);
          continue;
        }
        cur = r.value;
      }
      const e = changeMeta(ctx, m.type, cur, changes, field, {
        list,
        single,
        format,
        local,
        ns,
        ...(m.unmapped ? { unmapped: true } : {}),
      });
      if (e) errors.push(e);
    }
    while (readAt < read.length) errors.push(read[readAt++] as Status);
    reportGathered(ctx, errors);
    return;
  }
  const targets = selectedTargets(ctx, resources);
  // IntoSingleItemImplied: one object named (not selected by -l/--all) lists without a header.
  const single = targets.length === 1 && targets[0]?.obj === undefined;
  // RunLabel/RunAnnotate: resource version locking only on a single resource.
  if (!single && ctx.str('resource-version') !== '') {
    ctx.fail('--resource-version may only be used with a single resource');
  }
  // The builder goes on past errors (ContinueOnError): each object is read and changed in turn,
  // and what failed is said at the end, one error as `error: …`, several each on its own line.
  const errors: Status[] = [];
  for (const { type, name, obj } of targets) {
    let cur = obj;
    if (!cur) {
      const r = ctx.host.api.get(type.resource, nsFor(type, ctx.namespace), name);
      if (!r.ok) {
        errors.push(getFailure(ctx, type, nsFor(type, ctx.namespace), name, r.status));
        continue;
      }
      cur = r.value;
    }
    // A selected object is changed where it lives (with -A, any namespace).
    const e = changeMeta(ctx, type, cur, changes, field, {
      list,
      single,
      format,
      ...(obj ? { ns: obj.metadata?.namespace } : {}),
    });
    if (e) errors.push(e);
  }
  reportGathered(ctx, errors);
}

/** The errors a command that went on gathered (cmdutil.CheckErr of their aggregate). */
function reportGathered(ctx: Ctx, errors: Status[]): void {
  if (errors.length === 0) return;
  ctx.errStatuses(errors);
  throw new ExitError(1);
}

/** One object's label or annotation changes, and kubectl's line about it. */
function changeMeta(
  ctx: Ctx,
  type: ResourceType,
  obj: KubeObject,
  changes: MetaChanges,
  field: 'labels' | 'annotations',
  opts: {
    list: boolean;
    single: boolean;
    format: ReturnType<typeof outputFormat>;
    /** --local: the object is a file's, changed here and never sent. */
    local?: boolean;
    /** The file's object has no apiVersion (ManifestObject.unmapped). */
    unmapped?: boolean;
    /** Where the object lives (from its file); else the command's namespace. */
    ns?: string | undefined;
  },
): Status | undefined {
  const name = obj.metadata?.name ?? '';
  const current = (obj.metadata?.[field] ?? {}) as Record<string, string>;
  const has = (k: string): boolean => Object.hasOwn(current, k);
  const overwrite = ctx.bool('overwrite');
  if (!overwrite) {
    if (field === 'labels') {
      // validateNoOverwrites: only a different value is refused (the same one is a no-op).
      const clashes = [...changes.set]
        .filter(([k, v]) => has(k) && current[k] !== v)
        .map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
      if (clashes.length === 1) return clientError(clashes[0] as string);
      if (clashes.length > 1) return clientError(`[${clashes.join(', ')}]`);
    } else {
      // validateNoAnnotationOverwrites: only a different value is refused (kubernetes#109505),
      // and the change cause may always be overwritten.
      const clashes = [...changes.set]
        .filter(([k, v]) => has(k) && current[k] !== v && k !== CHANGE_CAUSE)
        .map(([k]) => k)
        .map((k) => `'${k}' already has a value (${current[k]})`);
      if (clashes.length > 0) {
        return clientError(
          `--overwrite is false but found the following declared annotation(s): ${clashes.join('; ')}`,
        );
      }
    }
  }
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(current)) Object.defineProperty(next, k, own(v));
  for (const [k, v] of changes.set) Object.defineProperty(next, k, own(v));
  for (const k of changes.remove) delete next[k];
  // The Recorder writes the change cause into the same patch (an annotation, for label too).
  const cause = ctx.changeCause();
  const recordNeeded = cause !== undefined && obj.metadata?.annotations?.[CHANGE_CAUSE] !== cause;
  // --resource-version goes into the patch (cleared from the old object, set on the new one),
  // so the server's precondition check refuses a stale one with a Conflict.
  const resourceVersion = ctx.str('resource-version');
  const changed =
    JSON.stringify(next) !== JSON.stringify(current) || recordNeeded || resourceVersion !== '';
  // labelFunc sets the map even when it was nil: an object without any labels gains an empty
  // map, so its JSON changed and updateDataChangeMsg says "labeled" whatever was asked (the
  // merge patch `{"metadata":{"labels":{}}}` is a no-op for the API server: not sent here).
  const gainsEmptyMap = Object.keys(current).length === 0;
  const dryRun = dryRunStrategy(ctx);
  // With --list (as with a client dry run) the changes are made to the object read, not sent.
  const send = dryRun !== 'client' && !opts.list && !opts.local;
  if (send && field === 'labels') {
    // RunLabel says so for each key to remove that the object does not have.
    for (const k of changes.remove) if (!has(k)) ctx.out(`label ${JSON.stringify(k)} not found.\n`);
  }
  let served: KubeObject | undefined;
  if (changed && send) {
    const patch: Record<string, string | null> = {};
    for (const [k, v] of changes.set) Object.defineProperty(patch, k, own(v));
    for (const k of changes.remove) if (has(k)) Object.defineProperty(patch, k, own(null));
    const metaPatch: Record<string, unknown> = { [field]: patch };
    if (resourceVersion !== '') metaPatch.resourceVersion = resourceVersion;
    if (recordNeeded) {
      const annotations = (field === 'annotations' ? patch : {}) as Record<string, string | null>;
      annotations[CHANGE_CAUSE] = cause;
      metaPatch.annotations = annotations;
    }
    const r = ctx.host.api.patch(
      type.resource,
      'ns' in opts ? opts.ns : nsFor(type, ctx.namespace),
      name,
      { metadata: metaPatch },
      {
        fieldManager:
          ctx.str('field-manager') || (field === 'labels' ? 'kubectl-label' : 'kubectl-annotate'),
        ...(dryRun === 'server' ? { dryRun: true } : {}),
      },
    );
    if (!r.ok) return r.status;
    printWarnings(ctx, r);
    // RunAnnotate prints what the server answered (RunLabel the object it changed).
    if (field === 'annotations') served = r.value;
  } else if (send) {
    // kubectl sends its merge patch even when it changes nothing (the server finds it a no-op).
    ctx.requestLog?.unsent(
      'PATCH',
      type.resource,
      'ns' in opts ? opts.ns : nsFor(type, ctx.namespace),
      name,
      {
        dryRun: dryRun === 'server' ? 'All' : undefined,
        fieldManager:
          ctx.str('field-manager') || (field === 'labels' ? 'kubectl-label' : 'kubectl-annotate'),
      },
      200,
    );
  }
  if (opts.list) {
    if (!opts.single) {
      ctx.out(`Listing ${field} for ${type.kind}.${type.group}/${name}:\n`);
    }
    // Go ranges over a map: any order is kubectl's; sorted keeps the console deterministic.
    for (const k of Object.keys(next).sort()) {
      ctx.out(`${opts.single ? '' : ' '}${k}=${next[k]}\n`);
    }
    return undefined;
  }
  let verb = 'annotated';
  if (field === 'labels') {
    // updateDataChangeMsg: "unlabeled" when, without --overwrite, the object got shorter.
    verb =
      !changed && !gainsEmptyMap
        ? 'not labeled'
        : !overwrite && JSON.stringify(next).length < JSON.stringify(current).length
          ? 'unlabeled'
          : 'labeled';
  }
  if (opts.format !== '') {
    // RunLabel (and RunAnnotate when nothing was sent) print the object changed locally
    // (info.Object), with the change cause the Recorder wrote when a patch was sent; RunAnnotate
    // prints outputObj, the PATCH's answer (`served`: managedFields as the server keeps them).
    const meta: Record<string, unknown> = { ...obj.metadata, [field]: next };
    if (send && recordNeeded) {
      meta.annotations = {
        ...(field === 'annotations' ? next : obj.metadata?.annotations),
        [CHANGE_CAUSE]: cause,
      };
    }
    // A file's object without apiVersion (--local) is printed as it came, with no type.
    const typeMeta = opts.unmapped ? {} : { apiVersion: apiVersionOf(type), kind: type.kind };
    // Annotate goes on after a template that fails on this object: its error joins the others.
    let printFailure: string | undefined;
    printObject(
      ctx,
      served ? { ...served, ...typeMeta } : { ...obj, ...typeMeta, metadata: meta },
      opts.format,
      // RunLabel makes its printer for each object (its message is the object's): a YAML
      // printer's `---` comes only from its second object, so never here. Annotate's is one.
      {
        verb,
        dryRun,
        ownPrinter: field === 'labels',
        ...(field === 'annotations'
          ? {
              printError: (text: string) => {
                printFailure = `${text}\n`;
              },
            }
          : {}),
      },
    );
    return printFailure === undefined ? undefined : clientError(printFailure);
  }
  const prefix = opts.unmapped ? type.kind.toLowerCase() : kindPrefix(type);
  ctx.out(`${prefix}/${name} ${verb}${dryRunSuffix(dryRun)}\n`);
  return undefined;
}

/** An own, enumerable property (so a key like `__proto__` stays a plain key). */
function own(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

/**
 * `kubectl rollout history`: the revisions of a deployment's replica sets, or with `--revision=N`
 * the pod template of that revision (kubectl's DescribePodTemplate of the ReplicaSet's template,
 * `pod-template-hash` label included, its change-cause shown as a template annotation).
 */
export function runRolloutHistory(ctx: Ctx, args: string[]): void {
  const revision = ctx.num('revision', 0);
  if (revision < 0) ctx.fail(`revision must be a positive integer: ${revision}`);
  visitRollout(ctx, args, (type, obj) => historyOf(ctx, type, obj, revision));
}

function historyOf(ctx: Ctx, type: ResourceType, d: KubeObject, revision: number): void {
  const name = d.metadata?.name ?? '';
  // kubectl's name printer with the history as the "operation": `deployment.apps/web <op>\n`.
  // --template without -o is not an -o (OutputFlagSpecified), but PrintFlags.ToPrinter makes
  // it a go-template printer: the object itself goes through the template.
  const print = (operation: string, history: string): void => {
    if (isGoTemplateFormat(ctx)) printGoTemplate(ctx, goTemplateText(ctx, GENERIC_FORMATS), d);
    else ctx.out(`${kindPrefix(type)}/${name} ${operation}\n${history}\n`);
  };
  if (
    type.resource !== 'daemonsets' &&
    type.resource !== 'statefulsets' &&
    type.resource !== 'deployments'
  )
    ctx.fail(noVisitor('history', 'no history viewer has been implemented', type));
  if (ctx.str('output') !== '') {
    historyObjects(ctx, type, d, revision);
    return;
  }
  if (type.resource === 'daemonsets' || type.resource === 'statefulsets') {
    const result = daemonSetHistoryText(daemonSetRevisions(ctx, d, type.resource), revision);
    if ('error' in result) ctx.fail(result.error);
    print(revision > 0 ? `with revision #${revision}` : '', result.text);
    return;
  }
  const owned = ownedReplicaSets(ctx, d);
  const revisions = owned
    .map((rs) => ({
      rev: Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0),
      cause: rs.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '',
      rs,
    }))
    .filter((r) => r.rev > 0)
    .sort((a, b) => a.rev - b.rev);
  if (revisions.length === 0) {
    print(revision > 0 ? `with revision #${revision}` : '', 'No rollout history found.');
    return;
  }
  if (revision > 0) {
    const found = revisions.find((r) => r.rev === revision);
    if (!found) ctx.fail('unable to find the specified revision');
    const template = structuredClone(
      ((found.rs.spec as { template?: Pod } | undefined)?.template ?? {}) as Pod,
    );
    template.metadata = { ...template.metadata, annotations: template.metadata?.annotations ?? {} };
    if (found.cause !== '' && template.metadata.annotations)
      template.metadata.annotations['kubernetes.io/change-cause'] = found.cause;
    print(`with revision #${revision}`, podTemplateDescription(template));
    return;
  }
  const body = formatTabbed(
    `REVISION\tCHANGE-CAUSE\n${revisions.map((r) => `${r.rev}\t${r.cause || '<none>'}\n`).join('')}`,
    DESCRIBE_TABWRITER,
  );
  print('', body);
}

/** The replica sets a deployment controls (by uid). */
function ownedReplicaSets(ctx: Ctx, d: KubeObject): KubeObject[] {
  // The history viewer and the rollbacker read the Deployment again, then list the
  // ReplicaSets its selector matches (deploymentutil.GetAllReplicaSets).
  ctx.requestLog?.reread('deployments', d.metadata?.namespace, d.metadata?.name ?? '');
  ctx.requestLog?.nextQuery('replicasets', {
    labelSelector: labelSelectorString(
      (d.spec as { selector?: Parameters<typeof labelSelectorString>[0] } | undefined)?.selector,
    ),
  });
  return listAll(ctx, 'replicasets', ctx.namespace).filter((rs) =>
    rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid),
  );
}

/**
 * `rollout history -o …`: the history viewer's objects themselves, by revision, all in revision
 * order or only `--revision`'s. A deployment's are its ReplicaSets; a daemon set's or stateful
 * set's are the object itself with each ControllerRevision's pod template put back
 * (applyDaemonSetHistory / applyStatefulSetHistory), so `-o yaml` shows a DaemonSet.
 */
function historyObjects(ctx: Ctx, type: ResourceType, d: KubeObject, revision: number): void {
  const format = outputFormat(ctx, false);
  // DaemonSets and StatefulSets keep their history in ControllerRevisions.
  const isDaemonSet = type.resource === 'daemonsets' || type.resource === 'statefulsets';
  // GetHistory builds a map by revision: a later object with the same number replaces one.
  const byRevision = new Map<number, KubeObject>();
  if (isDaemonSet) {
    for (const r of daemonSetRevisions(ctx, d, type.resource as 'daemonsets' | 'statefulsets')) {
      const template = revisionTemplate(r);
      if (!template) ctx.fail(`unable to parse history ${r.metadata?.name ?? ''}`);
      const applied = structuredClone(d);
      applied.spec = { ...(applied.spec as object), template };
      byRevision.set(revisionNumber(r), {
        ...applied,
        apiVersion: apiVersionOf(type),
        kind: type.kind,
      });
    }
  } else {
    const rsType = typeByResource('replicasets');
    for (const rs of ownedReplicaSets(ctx, d)) {
      const rev = Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
      byRevision.set(rev, { ...rs, apiVersion: apiVersionOf(rsType), kind: rsType.kind });
    }
  }
  // The viewer's objects are typed: `-o json` writes their fields in Go struct order.
  const print = (o: KubeObject): void =>
    printObject(
      ctx,
      format === 'json' ? (inStructOrder(o, o.kind ?? '') as KubeObject) : o,
      format,
      { verb: '', dryRun: 'none', typed: true },
    );
  if (revision > 0) {
    const found = byRevision.get(revision);
    if (!found) {
      // kubectl 1.32.5 gives its printer the missing revision's nil object and panics (exit 2,
      // then a Go stack trace): its first line, and a note in place of the trace.
      ctx.err(
        `panic: reflect: call of reflect.Value.Type on zero Value\n(this console leaves out the Go stack trace that follows: kubectl 1.32.5 crashes when --revision names a revision ${kindPrefix(type)}/${d.metadata?.name ?? ''} does not have; kubectl rollout history ${kindPrefix(type)}/${d.metadata?.name ?? ''} lists them)\n`,
      );
      throw new ExitError(2);
    }
    print(found);
    return;
  }
  for (const rev of [...byRevision.keys()].sort((a, b) => a - b)) {
    print(byRevision.get(rev) as KubeObject);
  }
}

/** The `(dry run)` / `(server dry run)` suffix kubectl's name printer adds to an operation. */
function dryRunSuffix(dryRun: ReturnType<typeof dryRunStrategy>): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/**
 * The nodes cordon, uncordon and drain act on (DrainCmdOptions.Complete): the named ones, in
 * the order given, or those `--selector` picks. A name is NAME or TYPE/NAME (the builder's
 * ResourceNames("nodes", …)); every one is fetched in turn, and the first that is missing or
 * is not a node stops the command with nothing done.
 */
function targetNodes(
  ctx: Ctx,
  args: string[],
  verb: string,
): { nodes: KubeObject[]; dryRun: DryRun } {
  if (args.length === 0 && !ctx.changed('selector')) ctx.usageError(`USAGE: ${verb} NODE [flags]`);
  const selector = ctx.str('selector');
  if (args.length > 0 && selector !== '')
    ctx.usageError('cannot specify both a node name and a --selector option');
  // Read once: its deprecation warnings are printed once.
  const dryRun = dryRunStrategy(ctx);
  // drain's --pod-selector is parsed here, before any node is read.
  const podSelector = verb === 'drain' ? ctx.str('pod-selector') : '';
  if (podSelector !== '') {
    try {
      parseLabelSelector(podSelector);
    } catch {
      ctx.fail('--pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  const nodeType = typeByResource('nodes');
  if (args.length === 0) {
    const r = ctx.host.api.list('nodes', undefined, selector ? { labelSelector: selector } : {});
    if (!r.ok) ctx.failStatus(listError(r.status, nodeType, selector, ''));
    return { nodes: r.value.items, dryRun };
  }
  // The builder maps every TYPE first, then reads the objects one by one.
  const tuples = args.map((arg) => {
    const pair = splitResourceTypeName(ctx, arg);
    return pair
      ? { type: resolveOrFail(ctx, pair[0]), name: pair[1] }
      : { type: nodeType as AnyResourceType, name: arg };
  });
  // SingleResourceType: the names may only map to one resource (node/x and nodes/y are one).
  if (new Set(tuples.map(({ type }) => `${type.group}/${type.resource}`)).size > 1)
    ctx.fail('you may only specify a single resource type');
  const nodes = tuples.map(({ type, name }) => {
    const obj = getOrFail(ctx, type as ResourceType, name);
    if (type.resource !== 'nodes' || type.group !== '')
      ctx.fail(
        `expected resource of type node, got ${JSON.stringify(`${type.group}/${type.version}, Resource=${type.resource}`)}`,
      );
    return obj;
  });
  return { nodes, dryRun };
}

/** RunCordonOrUncordon: one line a node; a failed patch is reported and the loop goes on. */
function cordonNodes(ctx: Ctx, nodes: KubeObject[], cordon: boolean, dryRun: DryRun): void {
  const word = cordon ? 'cordoned' : 'uncordoned';
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const unsched = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    if (unsched === cordon) {
      // The printer for "already …" gets the dry-run suffix too.
      ctx.out(`node/${name} already ${word}${dryRunSuffix(dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      const r = ctx.host.api.patch(
        'nodes',
        undefined,
        name,
        { spec: { unschedulable: cordon ? true : null } },
        { fieldManager: 'kubectl', ...(dryRun === 'server' ? { dryRun: true } : {}) },
      );
      if (!r.ok) {
        ctx.err(
          `error: unable to ${cordon ? 'cordon' : 'uncordon'} node "${name}": ${r.status.message}\n`,
        );
        continue;
      }
    }
    ctx.out(`node/${name} ${word}${dryRunSuffix(dryRun)}\n`);
  }
}

export function runCordon(ctx: Ctx, args: string[], cordon: boolean): void {
  const { nodes, dryRun } = targetNodes(ctx, args, cordon ? 'cordon' : 'uncordon');
  cordonNodes(ctx, nodes, cordon, dryRun);
}

function controllerOf(pod: KubeObject): { kind: string; name: string } | undefined {
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

/**
 * deleteOrEvictPodsSimple for one node: the refusals (GetPodsForDeletion's errors) when there
 * are any, else the warnings, the evictions and the wait for the pods to go.
 */
function drainNode(ctx: Ctx, name: string, dryRun: DryRun): { problems: string[]; alone?: string } {
  const podSelector = ctx.str('pod-selector');
  const deleteEmptyDir = ctx.bool('delete-emptydir-data');
  const skipAfter = ctx.num('skip-wait-for-delete-timeout', 0);
  const force = ctx.bool('force');
  // GetPodsForDeletion: each pod goes through the filters (skipDeleted, daemonSet, mirrorPod,
  // localStorage, unreplicated) until one keeps it; the last status stands. A kept pod's
  // status is an error or a warning with a message (or nothing).
  type Verdict = { delete: boolean; error?: string; warning?: string };
  const verdictOf = (p: KubeObject): Verdict => {
    const phase = (p as unknown as Pod).status?.phase;
    const finished = phase === 'Succeeded' || phase === 'Failed';
    // skipDeletedFilter: a pod deleted more than N seconds ago is left alone.
    const deleted = parseTimestamp(p.metadata?.deletionTimestamp);
    if (
      skipAfter > 0 &&
      deleted !== undefined &&
      Math.trunc((ctx.now() - deleted) / 1000) > skipAfter
    )
      return { delete: false };
    const ctl = controllerOf(p);
    if (ctl?.kind === 'DaemonSet' && !finished) {
      // daemonSetFilter reads the DaemonSet: an orphan goes (with a warning) only with --force.
      const ds = ctx.host.api.get('daemonsets', p.metadata?.namespace, ctl.name);
      if (!ds.ok) {
        const msg =
          ds.status.reason === 'NotFound'
            ? `daemonsets.apps ${JSON.stringify(ctl.name)} not found`
            : ds.status.message;
        return ds.status.reason === 'NotFound' && force
          ? { delete: true, warning: msg }
          : { delete: false, error: msg };
      }
      return ctx.bool('ignore-daemonsets')
        ? { delete: false, warning: 'ignoring DaemonSet-managed Pods' }
        : { delete: false, error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    }
    if (p.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined)
      return { delete: false };
    if (finished) return { delete: true };
    // localStorageFilter: an emptyDir blocks the pod unless --delete-emptydir-data; its
    // warning is then replaced by unreplicatedFilter's status.
    if (!deleteEmptyDir && (p as unknown as Pod).spec?.volumes?.some((v) => v.emptyDir))
      return {
        delete: false,
        error: 'Pods with local storage (use --delete-emptydir-data to override)',
      };
    if (!ctl) {
      // kubectl 1.30-1.32: the filter's message already starts with "cannot delete" and
      // PodDeleteList.errors() prefixes every message with "cannot delete " once more.
      return force
        ? { delete: true, warning: 'deleting Pods that declare no controller' }
        : {
            delete: false,
            error: 'cannot delete Pods that declare no controller (use --force to override)',
          };
    }
    return { delete: true };
  };
  const ref = (p: KubeObject): string => `${p.metadata?.namespace}/${p.metadata?.name}`;
  /** GetPodsForDeletion: the node's pods listed, each through the filters. */
  const podsForDeletion = () => {
    ctx.requestLog?.nextQuery('pods', { fieldSelector: `spec.nodeName=${name}`, limit: '500' });
    const pods = listAll(ctx, 'pods', undefined, podSelector || undefined).filter(
      (p) => (p as unknown as Pod).spec?.nodeName === name,
    );
    // errors() and warnings() group the pods by message in a Go map: its order is random, and
    // most often (a map this small is one bucket) the order the messages first appear in.
    const errorsBy = new Map<string, string[]>();
    const warningsBy = new Map<string, string[]>();
    const toEvict: KubeObject[] = [];
    for (const p of pods) {
      const v = verdictOf(p);
      if (v.error !== undefined) errorsBy.set(v.error, [...(errorsBy.get(v.error) ?? []), ref(p)]);
      else if (v.warning !== undefined)
        warningsBy.set(v.warning, [...(warningsBy.get(v.warning) ?? []), ref(p)]);
      // The pods go in the order the list gave them.
      if (v.delete) toEvict.push(p);
    }
    return { errorsBy, warningsBy, toEvict };
  };
  const { errorsBy, warningsBy, toEvict } = podsForDeletion();
  if (errorsBy.size > 0)
    return {
      problems: [...errorsBy].map(([msg, refs]) => `cannot delete ${msg}: ${refs.join(', ')}`),
    };
  const warnings = [...warningsBy].map(([msg, refs]) => `${msg}: ${refs.join(', ')}`);
  if (warnings.length > 0) ctx.err(`Warning: ${warnings.join('; ')}\n`);
  if (dryRun === 'client') {
    for (const p of toEvict) ctx.out(`evicting pod ${ref(p)} (dry run)\n`);
    return { problems: [] };
  }
  // The drain helper evicts (POST …/pods/NAME/eviction) unless told to delete.
  const { errors, alone } = ctx.bool('disable-eviction')
    ? deletePods(ctx, toEvict, dryRun === 'server')
    : evictPods(ctx, toEvict, dryRun === 'server');
  if (errors.length === 0) return { problems: [] };
  // deleteOrEvictPodsSimple: the pods GetPodsForDeletion still finds (it lists them again),
  // then the error.
  const message = aggregateMessage(errors);
  const pending = podsForDeletion().toEvict;
  if (pending.length > 0) {
    ctx.err(`There are pending pods in node "${name}" when an error occurred: ${message}\n`);
    for (const p of pending) ctx.err(`pod/${p.metadata?.name}\n`);
  }
  // The eviction errors stay an aggregate: CheckErr prints one node's one a line, bare.
  return { problems: errors, ...(alone !== undefined ? { alone } : {}) };
}

/**
 * `kubectl drain` (RunDrain): cordon every node first, then drain them one after another; a
 * node that cannot be drained is reported and the next one is tried. The nodes left are listed
 * at the end, then the refusals as cmdutil.CheckErr prints an aggregate: one node's refusals
 * one a line, several nodes' one node a line.
 */
export function runDrain(ctx: Ctx, args: string[]): void {
  const { nodes, dryRun } = targetNodes(ctx, args, 'drain');
  cordonNodes(ctx, nodes, true, dryRun);
  const fatal: string[][] = [];
  let alone: string | undefined;
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const drained = drainNode(ctx, name, dryRun);
    const problems = drained.problems;
    if (problems.length === 0) {
      ctx.out(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
      continue;
    }
    ctx.err(
      `error: unable to drain node "${name}" due to error: ${aggregateMessage(problems)}, continuing command...\n`,
    );
    fatal.push(problems);
    alone = drained.alone;
    remaining.push(name);
  }
  if (remaining.length === 0) return;
  ctx.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  // CheckErr of NewAggregate(fatal): one node's aggregate one message a line, bare; one node's
  // plain error (deletePods') as itself; several nodes one a line, bare.
  const lines =
    fatal.length > 1
      ? fatal.map(aggregateMessage)
      : alone !== undefined
        ? [alone]
        : (fatal[0] as string[]);
  ctx.err(lines.map((l) => `${l}\n`).join(''));
  throw new ExitError(1);
}

export function runEvents(ctx: Ctx, _args: string[]): void {
  // The command declares no Args check: cobra lets arguments through and events.go never reads
  // them (`kubectl events a b` lists the events).
  // ToOptions: --for (TYPE/NAME only), then the printer; Validate: --types.
  const forArg = ctx.str('for');
  let forTarget: { type: ResourceType; name: string } | undefined;
  if (forArg !== '') {
    if (!forArg.includes('/')) ctx.fail('--for must be in resource/name form');
    if (forArg.split('/').length !== 2) {
      ctx.fail('arguments in resource/name form may not have more than one slash');
    }
    // decodeResourceTypeName: the type goes to the RESTMapper, which wants one (its
    // GroupVersionResource printed empty), and refuses one it does not know with a bare
    // NoResourceMatchError (CheckErr's own text, no `error: `).
    const [typeName = '', forName = ''] = forArg.split('/');
    if (typeName === '') ctx.fail('a resource must be present, got: /, Resource=');
    // The RESTMapper reads discovery (when the cache is cold), and again after a miss.
    ctx.requestLog?.mapperUsed();
    if (!resolveType(typeName)) {
      ctx.requestLog?.rediscover();
      ctx.err(`the server doesn't have a resource type "${typeName}"\n`);
      throw new ExitError(1);
    }
    // An empty name (`--for pod/`) filters nothing: events.go adds the involvedObject field
    // selector only for a name.
    if (forName !== '') forTarget = singleTarget(ctx, [forArg]);
  }
  const format = outputFormat(ctx, false);
  const types = ctx.list('types');
  for (const t of types) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') {
      ctx.fail('valid --types are Normal or Warning');
    }
  }
  const allNs = ctx.bool('all-namespaces');
  if (ctx.bool('watch')) {
    if (format !== '') ctx.fail('watch (-w) with -o is not supported in this console');
    watchEvents(ctx, allNs, forTarget, types);
    return;
  }
  // --chunk-size (500): the page size kubectl events asks for.
  const chunk = ctx.num('chunk-size', 500);
  ctx.requestLog?.nextQuery('events', {
    ...(forTarget
      ? {
          fieldSelector: `involvedObject.apiVersion=${forTarget.type.group ? `${forTarget.type.group}/${forTarget.type.version}` : forTarget.type.version},involvedObject.kind=${forTarget.type.kind},involvedObject.name=${forTarget.name}`,
        }
      : {}),
    ...(chunk > 0 ? { limit: String(chunk) } : {}),
  });
  let items = listAll(ctx, 'events', allNs ? undefined : ctx.namespace);
  if (forTarget) {
    const { type, name } = forTarget;
    items = items.filter((e) => {
      const io = (e as { involvedObject?: { kind?: string; name?: string } }).involvedObject;
      return io?.kind === type.kind && io?.name === name;
    });
  }
  // Types are matched ignoring case (strings.EqualFold).
  const wanted = types.map((t) => t.toLowerCase());
  if (types.length > 0)
    items = items.filter((e) =>
      wanted.includes(String((e as { type?: string }).type).toLowerCase()),
    );
  if (items.length === 0) {
    ctx.err(allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
    return;
  }
  // Every printer gets the events sorted by when they were last seen (SortableEvents).
  const lastSeen = (e: KubeObject): number => {
    const ev = e as {
      eventTime?: string;
      lastTimestamp?: string;
      firstTimestamp?: string;
      series?: { lastObservedTime?: string };
    };
    return (
      Date.parse(
        ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp ?? '',
      ) || 0
    );
  };
  // sort.Sort: not stable, ties in Go's pdqsort order.
  const sorted = [...items];
  goSort(sorted, (a, b) => lastSeen(a) < lastSeen(b));
  // The printers get the typed *v1.EventList events.go filled itself: no list metadata.
  const list = {
    kind: 'EventList',
    apiVersion: 'v1',
    metadata: {},
    items: sorted.map((e) => typedOrder({ ...e, kind: 'Event', apiVersion: 'v1' })),
  };
  if (format === 'yaml' || format === 'json') {
    ctx.out(format === 'yaml' ? toGoYaml(list) : toGoJson(list, { sortKeys: false }));
    return;
  }
  // The name printer refuses a typed list ("list types are not supported by name printing"),
  // and events.go drops PrintObj's error: nothing is printed.
  if (format === 'name') return;
  if (format === 'jsonpath') {
    const template = outputTemplate(ctx);
    // events.go ignores PrintObj's error: a template that fails on the list prints nothing.
    printJsonPath(ctx, template, list, { dropExecError: true });
    return;
  }
  if (format === 'go-template') {
    printGoTemplate(ctx, goTemplateText(ctx, GENERIC_FORMATS), list, { dropExecError: true });
    return;
  }
  const now = ctx.now();
  const rows = sorted.map((e) => {
    const ev = e as {
      type?: string;
      reason?: string;
      message?: string;
      involvedObject?: { kind?: string; name?: string };
    };
    const row = [
      eventInterval(e, now),
      ev.type ?? '',
      ev.reason ?? '',
      `${ev.involvedObject?.kind ?? ''}/${ev.involvedObject?.name ?? ''}`,
      (ev.message ?? '').trim(),
    ];
    if (allNs) row.unshift(e.metadata?.namespace ?? '');
    return row;
  });
  const columns = [
    ...(allNs ? ['Namespace'] : []),
    'Last Seen',
    'Type',
    'Reason',
    'Object',
    'Message',
  ];
  ctx.out(printTable({ columns, rows }, { noHeaders: ctx.bool('no-headers') }));
}

/**
 * `kubectl events --watch` (events.go runWatch): a watch without a resourceVersion, so the
 * events there are now come first as ADDED (in storage order), then each new or updated one;
 * deletions (the 1 h TTL) are not printed. One header, widths remembered (the tabwriter is the
 * watch's), each row as `kubectl events` prints it.
 */
function watchEvents(
  ctx: Ctx,
  allNs: boolean,
  forTarget: { type: ResourceType; name: string } | undefined,
  types: string[],
): void {
  const wanted = types.map((t) => t.toLowerCase());
  const keep = (e: KubeObject): boolean => {
    const ev = e as { type?: string; involvedObject?: { kind?: string; name?: string } };
    if (wanted.length > 0 && !wanted.includes(String(ev.type).toLowerCase())) return false;
    if (!forTarget) return true;
    return (
      ev.involvedObject?.kind === forTarget.type.kind && ev.involvedObject?.name === forTarget.name
    );
  };
  const remember: number[] = [];
  let printedHeaders = ctx.bool('no-headers');
  const print = (e: KubeObject): void => {
    const ev = e as {
      type?: string;
      reason?: string;
      message?: string;
      involvedObject?: { kind?: string; name?: string };
    };
    const cells = [
      eventInterval(e, ctx.now()),
      ev.type ?? '',
      ev.reason ?? '',
      `${ev.involvedObject?.kind ?? ''}/${ev.involvedObject?.name ?? ''}`,
      (ev.message ?? '').trim(),
    ];
    if (allNs) cells.unshift(e.metadata?.namespace ?? '');
    let text = '';
    if (!printedHeaders) {
      text += `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
      printedHeaders = true;
    }
    text += `${cells.join('\t')}\n`;
    ctx.out(formatTabbed(text, GET_TABWRITER, remember));
  };
  const current = listAll(ctx, 'events', allNs ? undefined : ctx.namespace);
  for (const e of current) if (keep(e)) print(e);
  watchChanges(
    ctx,
    {
      type: typeByResource('events'),
      namespace: allNs ? undefined : ctx.namespace,
      labelSelector: '',
      fieldSelector: '',
    },
    (e, event) => {
      if (event !== 'DELETED' && keep(e)) print(e);
    },
  );
}

const VERBS: Record<string, string> = {
  events: 'create,delete,deletecollection,get,list,patch,update,watch',
  namespaces: 'create,delete,get,list,patch,update,watch',
  nodes: 'create,delete,deletecollection,get,list,patch,update,watch',
  default: 'create,delete,deletecollection,get,list,patch,update,watch',
};

/** The `api-extensions` category: the types that extend or police the API. */
const API_EXTENSIONS = new Set([
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'validatingwebhookconfigurations',
  'customresourcedefinitions',
  'apiservices',
]);

/** One discovery entry as api-resources prints it. */
export interface DiscoveryEntry {
  resource: string;
  shortNames: string[];
  apiVersion: string;
  namespaced: boolean;
  kind: string;
  group: string;
  verbs: string[];
  categories: string;
}

/**
 * Everything a kubeadm 1.32 API server serves, in discovery order (by group, then name): the
 * types kubectl handles here and the served-only ones. (The oracle's bridge serves the same.)
 */
export function discoveryEntries(): DiscoveryEntry[] {
  const entries: DiscoveryEntry[] = [
    ...RESOURCE_TYPES.map((t) => ({
      resource: t.resource,
      shortNames: t.shortNames,
      apiVersion: apiVersionOf(t),
      namespaced: t.namespaced,
      kind: t.kind,
      group: t.group,
      verbs: (VERBS[t.resource] ?? VERBS.default ?? '').split(','),
      categories: ALL_CATEGORY.includes(t)
        ? 'all'
        : API_EXTENSIONS.has(t.resource)
          ? 'api-extensions'
          : '',
    })),
    ...SERVED_ONLY_TYPES.map((t) => ({
      resource: t.resource,
      shortNames: t.shortNames,
      apiVersion: t.group ? `${t.group}/${t.version}` : t.version,
      namespaced: t.namespaced,
      kind: t.kind,
      group: t.group,
      verbs: (t.verbs ?? VERBS.default ?? '').split(','),
      categories: API_EXTENSIONS.has(t.resource) ? 'api-extensions' : '',
    })),
  ];
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((a, b) => cmp(a.group, b.group) || cmp(a.resource, b.resource));
}

export function runApiResources(ctx: Ctx, args: string[] = []): void {
  if (args.length > 0) ctx.usageError(`unexpected arguments: [${args.join(' ')}]`);
  const out = ctx.str('output');
  if (out !== '' && out !== 'wide' && out !== 'name') {
    ctx.fail(`--output ${out} is not available`);
  }
  const sortBy = ctx.str('sort-by');
  if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') {
    ctx.fail('--sort-by accepts only name or kind');
  }
  // Discovery order is by group, then name; --sort-by name|kind sorts on that, ties by name.
  ctx.requestLog?.mapperReady();
  let types = discoveryEntries();
  if (sortBy !== '') {
    const key = (t: DiscoveryEntry) => (sortBy === 'name' ? t.resource : t.kind);
    types.sort((x, y) =>
      key(x) === key(y)
        ? x.resource === y.resource
          ? 0
          : x.resource < y.resource
            ? -1
            : 1
        : key(x) < key(y)
          ? -1
          : 1,
    );
  }
  if (ctx.changed('namespaced'))
    types = types.filter((t) => t.namespaced === ctx.bool('namespaced'));
  if (ctx.changed('api-group')) types = types.filter((t) => t.group === ctx.str('api-group'));
  const verbs = ctx
    .list('verbs')
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');
  if (verbs.length > 0) types = types.filter((t) => verbs.every((v) => t.verbs.includes(v)));
  // --categories: the types in every category named.
  const categories = ctx
    .list('categories')
    .flatMap((c) => c.split(','))
    .filter((c) => c !== '');
  if (categories.length > 0)
    types = types.filter((t) => categories.every((c) => t.categories.split(',').includes(c)));
  if (out === 'name') {
    for (const t of types) ctx.out(`${t.group ? `${t.resource}.${t.group}` : t.resource}\n`);
    return;
  }
  const columns = ['Name', 'Shortnames', 'Apiversion', 'Namespaced', 'Kind'];
  if (out === 'wide') columns.push('Verbs', 'Categories');
  const rows = types.map((t) => {
    const row = [t.resource, t.shortNames.join(','), t.apiVersion, String(t.namespaced), t.kind];
    // 1.32 joins the verbs (and the categories) with commas.
    if (out === 'wide') row.push(t.verbs.join(','), t.categories);
    return row;
  });
  // apiresources.go prints the header before (and whatever the number of) the rows.
  if (rows.length === 0 && !ctx.bool('no-headers')) {
    ctx.out(formatTabbed(`${columns.map((c) => c.toUpperCase()).join('\t')}\n`, GET_TABWRITER));
    return;
  }
  ctx.out(printTable({ columns, rows }, { noHeaders: ctx.bool('no-headers') }));
}

/** `kubectl api-versions`: every served group version, sorted. */
export function runApiVersions(ctx: Ctx, args: string[] = []): void {
  if (args.length > 0) ctx.usageError(`unexpected arguments: [${args.join(' ')}]`);
  ctx.requestLog?.mapperReady();
  const versions = [
    ...new Set([...discoveryEntries().map((t) => t.apiVersion), ...OTHER_SERVED_VERSIONS]),
  ].sort();
  ctx.out(versions.map((v) => `${v}\n`).join(''));
}

/**
 * cluster-info: the control plane's address, then each kube-system Service labelled
 * `kubernetes.io/cluster-service=true`, named by its `kubernetes.io/name` label, at the API
 * server's proxy path of its first port (`kube-dns:dns`).
 */
export function runClusterInfo(ctx: Ctx): void {
  const server = ctx.host.kubeconfig.clusters[0]?.server ?? 'https://127.0.0.1:6443';
  const services = ctx.must(
    ctx.host.api.list('services', 'kube-system', {
      labelSelector: 'kubernetes.io/cluster-service=true',
    }),
  );
  let text = `Kubernetes control plane is running at ${server}\n`;
  for (const svc of services.items) {
    const ports = (svc.spec as { ports?: { name?: string; port?: number }[] } | undefined)?.ports;
    let target = svc.metadata?.name ?? '';
    const first = ports?.[0];
    if (first?.name) target += `:${first.name}`;
    else if (first?.port) target += `:${first.port}`;
    const name = svc.metadata?.labels?.['kubernetes.io/name'] || (svc.metadata?.name ?? '');
    text += `${name} is running at ${server}/api/v1/namespaces/kube-system/services/${target}/proxy\n`;
  }
  ctx.out(
    `${text}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
  );
}

/** version.Info of the client or the server (`/version` answers the server's). */
export function versionInfo(v: string): Record<string, string> {
  const [major = '', minor = ''] = v.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion: v,
    gitCommit:
      v === CLIENT_VERSION
        ? '9894294ef13a5b32803e3ca2c0d620a088cc84d1'
        : '67a30c0adcf52bd3f56ff0893ce19966be12991f',
    gitTreeState: 'clean',
    buildDate: v === CLIENT_VERSION ? '2025-05-15T09:12:10Z' : '2025-02-12T21:19:47Z',
    goVersion: v === CLIENT_VERSION ? 'go1.23.8' : 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function runVersion(ctx: Ctx, args: string[] = []): void {
  if (args.length > 0) ctx.fail(`extra arguments: [${args.join(' ')}]`);
  const out = ctx.str('output');
  const client = ctx.bool('client');
  const info = versionInfo;
  if (!client) ctx.requestLog?.request('GET', '/version?timeout=32s', 200);
  if (out === 'yaml' || out === 'json') {
    const obj: Record<string, unknown> = {
      clientVersion: info(CLIENT_VERSION),
      kustomizeVersion: KUSTOMIZE_VERSION,
    };
    if (!client) obj.serverVersion = info(SERVER_VERSION);
    // yaml.Marshal, or json.MarshalIndent with two spaces (not the -o json printer's four), each
    // printed with Fprintln: the YAML ends in a blank line.
    ctx.out(out === 'yaml' ? `${toGoYaml(obj)}\n` : `${JSON.stringify(obj, null, 2)}\n`);
    return;
  }
  if (out !== '') ctx.fail(`--output must be 'yaml' or 'json'`);
  ctx.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (!client) ctx.out(`Server Version: ${SERVER_VERSION}\n`);
}

/** The kinds kubectl's apps.GroupKindElement has a visitor method for. */
const KIND_VISITOR_KINDS = new Set([
  'apps/DaemonSet',
  'apps/Deployment',
  'batch/Job',
  '/Pod',
  'apps/ReplicaSet',
  '/ReplicationController',
  'apps/StatefulSet',
  'batch/CronJob',
]);

/**
 * RollbackerFor / HistoryViewerFor without one for `type`: a kind the kind visitor knows has
 * no implementation (`no rollbacker has been implemented for "Pod"`); any other fails the
 * visit (`error retrieving rollbacker for "ConfigMap", no visitor method exists for { ConfigMap}`).
 */
function noVisitor(what: string, none: string, type: ResourceType): string {
  const gk = JSON.stringify(groupKind(type));
  if (KIND_VISITOR_KINDS.has(`${type.group}/${type.kind}`)) return `${none} for ${gk}`;
  return `error retrieving ${what} for ${gk}, no visitor method exists for {${type.group} ${type.kind}}`;
}
