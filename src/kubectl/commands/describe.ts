/** `kubectl describe`: name-prefix matching, several objects separated by blank lines. */

import type { KubeObject, Status } from '../../engine/api/types.ts';
import { labelSelectorString } from '../../engine/apiserver/selectors.ts';
import { type LabelSelector, selectorMatches } from '../../engine/controllers/objects.ts';
import { podClaimNames } from '../../engine/controllers/persistentVolume.ts';
import type { Ctx } from '../context.ts';
import { clientError } from '../errors.ts';
import { refusedUnstored } from '../impersonation.ts';
import { describeCertificateSigningRequest } from '../printers/certificates.ts';
import {
  describeConfigMap,
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeEndpointSlice,
  describeEndpoints,
  describeJob,
  describeLimitRange,
  describeNamespace,
  describeNode,
  describePersistentVolume,
  describePersistentVolumeClaim,
  describePod,
  describePriorityClass,
  describeReplicaSet,
  describeResourceQuota,
  describeSecret,
  describeService,
  describeServiceAccount,
  describeStatefulSet,
  describeStorageClass,
} from '../printers/describe.ts';
import { describeGeneric } from '../printers/describeGeneric.ts';
import { describeHorizontalPodAutoscaler } from '../printers/describeHpa.ts';
import { describeBinding, describeRole } from '../printers/describeRbac.ts';
import {
  describeIngress,
  describeIngressClass,
  describeNetworkPolicy,
} from '../printers/networking.ts';
import { describePodDisruptionBudget } from '../printers/podDisruptionBudget.ts';
import { isStoredType, type ResourceType } from '../resources.ts';
import {
  checkBuilderArgs,
  getFailure,
  listAll,
  listError,
  namespaceForManifest,
  notFound,
  nsFor,
  readFilenames,
  refuseArgsWithPaths,
  typesAndNamesToRead,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';
import { serviceAccountTokens } from './serviceAccountTokens.ts';

/**
 * The events list kubectl's describers send: a field selector on the involved object (a pod's
 * without its kind) and describe's page size. The console filters the namespace's events after
 * the call; `-v=6` shows the request as kubectl sends it. A node's events are asked for twice:
 * by its uid, then by its name (the kubelet's events use the node's name as the uid).
 */
function eventsQuery(obj: KubeObject, kind: string, uid: string): Record<string, string> {
  const fields = [
    `involvedObject.name=${obj.metadata?.name ?? ''}`,
    `involvedObject.namespace=${obj.metadata?.namespace ?? ''}`,
    ...(kind === 'Pod' ? [] : [`involvedObject.kind=${kind}`]),
    `involvedObject.uid=${uid}`,
  ];
  return { fieldSelector: fields.join(','), limit: '500' };
}

function eventsFor(ctx: Ctx, obj: KubeObject, kind: string): KubeObject[] | undefined {
  if (ctx.flags.values.get('show-events') === false) return undefined;
  const ns = obj.metadata?.namespace;
  ctx.requestLog?.nextQuery('events', eventsQuery(obj, kind, obj.metadata?.uid ?? ''));
  const events = listAll(ctx, 'events', kind === 'Node' || kind === 'Namespace' ? undefined : ns);
  const uid = obj.metadata?.uid;
  if (kind === 'Node') {
    const byName = eventsQuery(obj, kind, obj.metadata?.name ?? '');
    ctx.requestLog?.unsent('GET', 'events', undefined, '', byName, 200);
  }
  return events.filter((e) => {
    const io = (
      e as { involvedObject?: { kind?: string; name?: string; uid?: string; namespace?: string } }
    ).involvedObject;
    if (!io || io.kind !== kind || io.name !== obj.metadata?.name) return false;
    return !uid || !io.uid || io.uid === uid || kind === 'Node';
  });
}

function describeOne(ctx: Ctx, type: ResourceType, obj: KubeObject, read = false): string {
  const now = ctx.now();
  // Each describer reads its object again, whether the builder found it by name or in a list
  // (`read`: the object was just read for a file's manifest, which was that read).
  if (!read)
    ctx.requestLog?.reread(type.resource, obj.metadata?.namespace, obj.metadata?.name ?? '');
  switch (type.resource) {
    case 'pods':
      return describePod(obj, eventsFor(ctx, obj, 'Pod'), now);
    case 'namespaces': {
      ctx.requestLog?.nextQuery('resourcequotas', { limit: '500' });
      const quotas = listAll(ctx, 'resourcequotas', obj.metadata?.name);
      ctx.requestLog?.nextQuery('limitranges', { limit: '500' });
      return describeNamespace(obj, quotas, listAll(ctx, 'limitranges', obj.metadata?.name));
    }
    case 'nodes': {
      const name = obj.metadata?.name ?? '';
      ctx.requestLog?.nextQuery('pods', {
        fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
        limit: '500',
      });
      const pods = listAll(ctx, 'pods', undefined).filter(
        (p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === name,
      );
      const events = eventsFor(ctx, obj, 'Node');
      const lease = ctx.host.api.get('leases', 'kube-node-lease', name);
      return describeNode(
        obj,
        pods,
        lease.ok ? lease.value : `Failed to get lease: ${lease.status.message}`,
        events,
        now,
      );
    }
    case 'deployments': {
      // The deployment describer asks for the events first, then the ReplicaSets.
      const events = eventsFor(ctx, obj, 'Deployment');
      ctx.requestLog?.nextQuery('replicasets', {
        labelSelector: labelSelectorString(
          (obj.spec as { selector?: LabelSelector } | undefined)?.selector,
        ),
        limit: '500',
      });
      const rss = listAll(ctx, 'replicasets', obj.metadata?.namespace);
      return describeDeployment(obj, rss, events, now);
    }
    case 'services': {
      // kubectl 1.32 reads the Service's EndpointSlices (kubernetes.io/service-name=NAME).
      const slices = listAll(
        ctx,
        'endpointslices',
        obj.metadata?.namespace,
        `kubernetes.io/service-name=${obj.metadata?.name ?? ''}`,
      );
      return describeService(obj, slices, eventsFor(ctx, obj, 'Service'), now);
    }
    case 'replicasets': {
      const uid = obj.metadata?.uid;
      podsBySelector(ctx, obj);
      const pods = listAll(ctx, 'pods', obj.metadata?.namespace).filter((p) =>
        p.metadata?.ownerReferences?.some(
          (r) => r.controller && (r.uid === uid || r.name === obj.metadata?.name),
        ),
      );
      return describeReplicaSet(obj, pods, eventsFor(ctx, obj, 'ReplicaSet'), now);
    }
    case 'daemonsets': {
      const uid = obj.metadata?.uid;
      podsBySelector(ctx, obj);
      const pods = listAll(ctx, 'pods', obj.metadata?.namespace).filter((p) =>
        p.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid),
      );
      return describeDaemonSet(obj, pods, eventsFor(ctx, obj, 'DaemonSet'), now);
    }
    case 'statefulsets': {
      // getPodStatusForController: the pods the selector matches that the set controls.
      const uid = obj.metadata?.uid;
      const selector = (obj.spec as { selector?: LabelSelector } | undefined)?.selector;
      podsBySelector(ctx, obj);
      const pods = listAll(ctx, 'pods', obj.metadata?.namespace).filter(
        (p) =>
          selectorMatches(selector, p.metadata?.labels) &&
          p.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid),
      );
      return describeStatefulSet(obj, pods, eventsFor(ctx, obj, 'StatefulSet'), now);
    }
    case 'jobs':
      return describeJob(obj, eventsFor(ctx, obj, 'Job'), now);
    case 'cronjobs':
      return describeCronJob(obj, eventsFor(ctx, obj, 'CronJob'), now);
    case 'configmaps':
      return describeConfigMap(obj, eventsFor(ctx, obj, 'ConfigMap'), now);
    case 'secrets':
      return describeSecret(obj);
    case 'serviceaccounts': {
      ctx.requestLog?.nextQuery('secrets', { limit: '500' });
      const secrets = ctx.host.api.list('secrets', obj.metadata?.namespace);
      const events = eventsFor(ctx, obj, 'ServiceAccount');
      const items = secrets.ok ? secrets.value.items : [];
      return describeServiceAccount(
        obj,
        events,
        now,
        serviceAccountTokens(obj, items),
        secrets.ok ? new Set(items.map((s) => s.metadata?.name ?? '')) : undefined,
      );
    }
    case 'resourcequotas':
      return describeResourceQuota(obj);
    case 'limitranges':
      return describeLimitRange(obj);
    case 'poddisruptionbudgets':
      return describePodDisruptionBudget(obj, eventsFor(ctx, obj, 'PodDisruptionBudget'), now);
    case 'persistentvolumes':
      return describePersistentVolume(obj, eventsFor(ctx, obj, 'PersistentVolume'), now);
    case 'persistentvolumeclaims': {
      const name = obj.metadata?.name ?? '';
      // getPodsForPVC lists the namespace's pods a page at a time.
      ctx.requestLog?.nextQuery('pods', { limit: '500' });
      const usedBy = listAll(ctx, 'pods', obj.metadata?.namespace)
        .filter((p) => podClaimNames(p).includes(name))
        .map((p) => p.metadata?.name ?? '');
      return describePersistentVolumeClaim(
        obj,
        usedBy,
        eventsFor(ctx, obj, 'PersistentVolumeClaim'),
        now,
      );
    }
    case 'storageclasses':
      return describeStorageClass(obj, eventsFor(ctx, obj, 'StorageClass'), now);
    case 'endpoints':
      return describeEndpoints(obj, eventsFor(ctx, obj, 'Endpoints'), now);
    case 'priorityclasses':
      return describePriorityClass(obj, eventsFor(ctx, obj, 'PriorityClass'), now);
    case 'endpointslices':
      return describeEndpointSlice(obj, eventsFor(ctx, obj, 'EndpointSlice'), now);
    case 'horizontalpodautoscalers':
      return describeHorizontalPodAutoscaler(
        obj,
        eventsFor(ctx, obj, 'HorizontalPodAutoscaler'),
        now,
      );
    case 'ingresses': {
      const ns = obj.metadata?.namespace;
      const lookup = {
        endpointSlices: (name: string) =>
          listAll(ctx, 'endpointslices', ns, `kubernetes.io/service-name=${name}`),
        service: (name: string) => ctx.host.api.get('services', ns, name),
      };
      return describeIngress(obj, lookup, eventsFor(ctx, obj, 'Ingress'), now);
    }
    case 'ingressclasses':
      return describeIngressClass(obj, eventsFor(ctx, obj, 'IngressClass'), now);
    case 'networkpolicies':
      return describeNetworkPolicy(obj);
    case 'roles':
    case 'clusterroles':
      return describeRole(obj);
    case 'rolebindings':
    case 'clusterrolebindings':
      return describeBinding(obj);
    case 'certificatesigningrequests':
      return describeCertificateSigningRequest(
        obj,
        eventsFor(ctx, obj, 'CertificateSigningRequest'),
        now,
      );
    default:
      // No describer of its own (controllerrevisions, leases, events…): kubectl's generic one.
      return describeGeneric(obj, eventsFor(ctx, obj, type.kind), now);
  }
}

export function runDescribe(ctx: Ctx, args: string[]): void {
  const files = filenameArgs(ctx);
  const allNs = ctx.bool('all-namespaces');
  const ns = ctx.namespace;
  const found: { type: ResourceType; obj: KubeObject; read?: true }[] = [];
  // The builder's errors (ContinueOnError): returned once every object is described.
  const errors: Status[] = [];
  /** Errors of the describer itself, not the builder's aggregate: alone, printed with error:. */
  const describerErrors = new Set<Status>();
  refuseArgsWithPaths(ctx, files, args);
  if (files.length > 0) {
    // The describer reads through the mapping (`/api/v1/…`): a versionless object too.
    for (const m of readFilenames(ctx, files, errors, 'describe', { versionless: true })) {
      // The describer's GET of a nameless object: client-go will not build the request.
      if ((m.obj.metadata?.name ?? '') === '') {
        const e = clientError('resource name may not be empty');
        describerErrors.add(e);
        errors.push(e);
        continue;
      }
      const r = ctx.host.api.get(
        m.type.resource,
        namespaceForManifest(ctx, m),
        m.obj.metadata?.name ?? '',
      );
      if (r.ok) found.push({ type: m.type, obj: r.value, read: true });
      else errors.push(r.status);
    }
  } else {
    if (args.length === 0) {
      // kubectl's error text ends in "\n" and its fatal handler adds none: one newline.
      ctx.fail(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    }
    const requests = typesAndNamesToRead(ctx, args);
    checkBuilderArgs(ctx, args, requests, {
      selector: ctx.str('selector').trim() !== '',
      allNamespaces: allNs,
    });
    for (const { type, names } of requests) {
      if (!isStoredType(type)) {
        // Served but always empty here: nothing to describe, and a name is NotFound (once
        // the request is authorized).
        const scope = type.namespaced && !allNs ? ns : undefined;
        if (names.length === 0) {
          const refused = refusedUnstored(ctx, type, 'list', scope, '');
          if (refused) errors.push(refused);
        }
        for (const name of names)
          errors.push(refusedUnstored(ctx, type, 'get', scope, name) ?? notFound(type, name));
        continue;
      }
      const scope = type.namespaced && !allNs ? ns : undefined;
      if (names.length === 0) {
        // A refused list (RBAC) is an error of the builder's Infos, reported as it is.
        const selector = ctx.str('selector');
        const chunk = ctx.num('chunk-size', 500);
        const r = ctx.host.api.list(type.resource, scope, {
          ...(selector ? { labelSelector: selector } : {}),
          ...(chunk > 0 ? { limit: chunk } : {}),
        });
        if (!r.ok) {
          // A selector the server cannot parse: the builder's Selector names what it listed.
          errors.push(listError(r.status, type, selector, ''));
          continue;
        }
        for (const obj of r.value.items) found.push({ type, obj });
        continue;
      }
      for (const name of names) {
        const r = ctx.host.api.get(type.resource, nsFor(type, ns), name);
        if (r.ok) found.push({ type, obj: r.value });
        else errors.push(getFailure(ctx, type, nsFor(type, ns), name, r.status));
      }
    }
    // describe.go: a NotFound with exactly two arguments (`describe pods web`) describes every
    // object of the first argument whose name starts with the second, each followed by a
    // newline; when none does, the NotFound stands (and nothing else is described).
    const only = errors[0];
    if (args.length === 2 && errors.length === 1 && only?.reason === 'NotFound') {
      describeMatching(ctx, args[0] as string, args[1] as string, only);
      return;
    }
  }
  found.forEach(({ type, obj, read }, i) => {
    const text = describeOne(ctx, type, obj, read);
    ctx.out(i === 0 ? text : `\n\n${text}`);
  });
  // describe.go: unlike get, the text does not look at the types' scope (a cluster-scoped
  // type also says "in default namespace."); only --all-namespaces drops the namespace.
  if (found.length === 0 && errors.length === 0)
    ctx.err(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
  for (const e of errors) {
    // The builder's own errors (a document it cannot decode or map) come in Infos' aggregate,
    // which CheckErr prints without `error:`; so does every error among several.
    if (e.code === 0 && errors.length === 1 && describerErrors.has(e)) {
      ctx.err(`error: ${e.message}\n`);
      ctx.exitCode = 1;
    } else if (e.code === 0) {
      ctx.err(`${e.message}\n`);
      ctx.exitCode = 1;
    } else ctx.reportStatus(e);
  }
}

/**
 * The pods list of a controller's describer (getPodStatusForController): by the controller's
 * selector, a page of 500. The console filters the namespace's pods after the call.
 */
function podsBySelector(ctx: Ctx, obj: KubeObject): void {
  ctx.requestLog?.nextQuery('pods', {
    labelSelector: labelSelectorString(
      (obj.spec as { selector?: LabelSelector } | undefined)?.selector,
    ),
    limit: '500',
  });
}

/** A list of `type` as describe's builder asks for it (a page of 500). */
function listPage(ctx: Ctx, type: ResourceType, scope: string | undefined): KubeObject[] {
  ctx.requestLog?.nextQuery(type.resource, { limit: '500' });
  return listAll(ctx, type.resource, scope);
}

/** describe.go DescribeMatchingResources: the objects of `resource` named `prefix…`. */
function describeMatching(ctx: Ctx, resource: string, prefix: string, original: Status): void {
  const matched: { type: ResourceType; obj: KubeObject }[] = [];
  for (const { type, names } of typesAndNamesToRead(ctx, [resource])) {
    if (!isStoredType(type)) continue;
    const scope = nsFor(type, ctx.namespace);
    const objs =
      names.length > 0
        ? names.flatMap((n) => {
            const r = ctx.host.api.get(type.resource, scope, n);
            return r.ok ? [r.value] : [];
          })
        : listPage(ctx, type, scope);
    for (const obj of objs)
      if ((obj.metadata?.name ?? '').startsWith(prefix)) matched.push({ type, obj });
    break;
  }
  if (matched.length === 0) {
    ctx.reportStatus(original);
    return;
  }
  for (const { type, obj } of matched) ctx.out(`${describeOne(ctx, type, obj)}\n`);
}
