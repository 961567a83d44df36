/**
 * The deployment controller (kube-controller-manager, event source `deployment-controller`):
 * one ReplicaSet per pod template, named `<deployment>-<pod-template-hash>`, scaled so a
 * RollingUpdate stays within maxSurge/maxUnavailable, and the Deployment status with the
 * Available / Progressing conditions of pkg/controller/deployment.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import { findIn, someIn } from '../util/persistentMap.ts';
import {
  type Condition,
  canonicalJson,
  clone,
  controllerOf,
  controllerRef,
  deepEqual,
  eventRef,
  isDeleting,
  keyName,
  keyNamespace,
  type LabelSelector,
  nameOf,
  namespaceOf,
  ownerReferences,
  selectorMatches,
  setCondition,
  specOf,
  statusOf,
  uidOf,
  withoutResourceVersion,
  withStatus,
} from './objects.ts';
import { computePodTemplateHash } from './podTemplateHash.ts';

export const COMPONENT_DEPLOYMENT = 'deployment-controller';
export const HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } & Record<
    string,
    unknown
  >;
  spec?: Record<string, unknown>;
}

type IntOrString = number | string;

interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  strategy?: {
    type?: 'RollingUpdate' | 'Recreate';
    rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

interface RSStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}

/** A ReplicaSet as the controller sees it, with the replicas it set but may not have observed yet. */
interface RSView {
  obj: KubeObject;
  name: string;
  replicas: number;
  /** The desired-replicas annotation (what the Deployment wanted when it last sized this RS). */
  desired: number | undefined;
  status: RSStatus;
  revision: number;
  created: string;
}

/** `intstr.GetScaledValueFromIntOrPercent`. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

function desiredReplicas(d: KubeObject): number {
  return specOf<DeploymentSpec>(d).replicas ?? 1;
}

/** `fenceposts` per stored (frozen, so unchanging) spec: a sync asks up to four times. */
const fencepostMemo = new WeakMap<object, Readonly<{ maxSurge: number; maxUnavailable: number }>>();

/** `deploymentutil.ResolveFenceposts` over the defaulted 25%/25% strategy. */
export function fenceposts(d: KubeObject): Readonly<{ maxSurge: number; maxUnavailable: number }> {
  const spec = specOf<DeploymentSpec>(d);
  const memo = fencepostMemo.get(spec);
  if (memo) return memo;
  const f = computeFenceposts(d, spec);
  if (Object.isFrozen(spec)) fencepostMemo.set(spec, Object.freeze(f));
  return f;
}

function computeFenceposts(
  d: KubeObject,
  spec: DeploymentSpec,
): { maxSurge: number; maxUnavailable: number } {
  if (spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: 0 };
  const replicas = desiredReplicas(d);
  const ru = spec.strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

function maxUnavailableOf(d: KubeObject): number {
  const spec = specOf<DeploymentSpec>(d);
  if (spec.strategy?.type === 'Recreate' || desiredReplicas(d) === 0) return 0;
  return fenceposts(d).maxUnavailable;
}

const templateKeys = new WeakMap<object, string>();

/** `canonicalJson(templateWithoutHash(template))`, memoized per frozen template object. */
function templateKey(template: PodTemplate | undefined): string {
  if (!template) return canonicalJson(templateWithoutHash(template));
  const memo = templateKeys.get(template);
  if (memo !== undefined) return memo;
  const key = canonicalJson(templateWithoutHash(template));
  if (Object.isFrozen(template)) templateKeys.set(template, key);
  return key;
}

function templateWithoutHash(template: PodTemplate | undefined): unknown {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    const { [HASH_LABEL]: _dropped, ...rest } = t.metadata.labels;
    t.metadata.labels = rest;
  }
  return t;
}

function revisionOf(obj: KubeObject): number {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

function sum(list: readonly RSView[], f: (r: RSView) => number | undefined): number {
  return list.reduce((acc, r) => acc + (f(r) ?? 0), 0);
}

function byCreation(a: RSView, b: RSView): number {
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function omitZero(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  // for…in visits a plain object's keys in Object.entries order, without the pair arrays.
  const src = status as Record<string, unknown>;
  for (const k in src) {
    if (!Object.hasOwn(src, k)) continue;
    const v = src[k];
    if (v === 0 || v === undefined) continue;
    out[k] = v;
  }
  return out as DeploymentStatus;
}

/**
 * `parseTimestamp` with the last answer kept: every sync of a rolling Deployment parses the
 * same Progressing lastUpdateTime (timestamps have whole seconds), and Date.parse is slow.
 * A pure function of its input, so one module-level entry is safe across clusters.
 */
let parsedTs = '';
let parsedMs = Number.NaN; // parseTimestamp('')
function parseTime(ts: string): number {
  if (ts !== parsedTs) {
    parsedMs = parseTimestamp(ts);
    parsedTs = ts;
  }
  return parsedMs;
}

/**
 * `!deepEqual(omitZero(a), omitZero(b))` without building the two copies: a field counts when
 * it is not 0, undefined or null (omitZero drops the first two, deepEqual ignores the rest).
 */
function statusChanged(a: DeploymentStatus, b: DeploymentStatus): boolean {
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === 0 || v === undefined || v === null) continue;
    na++;
    const w = bo[k];
    if (w === 0 || !deepEqual(v, w)) return true;
  }
  let nb = 0;
  for (const k in bo) {
    const w = bo[k];
    if (w !== 0 && w !== undefined && w !== null) nb++;
  }
  return na !== nb;
}

/** Creates the deployment controller. */
export function createDeploymentController(): Reconciler {
  /** ReplicaSets created but not yet seen in the cache (the controller's expectations). */
  const pendingCreates = new Map<string, number>();
  /** Deployments (by key) that must scan for orphaned ReplicaSets on their next sync. */
  const scanRequests = new Set<string>();
  /** Deployments (by uid) that have had their first, scanning sync. */
  const scanned = new Set<string>();
  /**
   * Replica counts written but not yet observed, keyed by RS. Valid until the cache shows a
   * spec written at or after ours (a higher generation): a status update that landed before our
   * write, delivered in between, still shows the old replicas. The real controller's Update
   * carries the cached resourceVersion and fails with a Conflict from such a stale view; here
   * the sync sees what it wrote instead, so it never scales the same step twice.
   */
  const overlay = new Map<
    string,
    { generation: number; replicas: number; desired: number | undefined }
  >();

  function view(rs: KubeObject): RSView {
    let replicas = specOf<{ replicas?: number }>(rs).replicas ?? 1;
    const annotated = rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    let desired = annotated === undefined ? undefined : Number.parseInt(annotated, 10);
    // Mostly empty: no key string then.
    if (overlay.size > 0) {
      const key = `${namespaceOf(rs)}/${nameOf(rs)}`;
      const o = overlay.get(key);
      if (o && (rs.metadata?.generation ?? 0) <= o.generation) {
        replicas = o.replicas;
        desired = o.desired;
      } else overlay.delete(key);
    }
    return {
      obj: rs,
      name: nameOf(rs),
      replicas,
      desired,
      status: statusOf<RSStatus>(rs),
      revision: revisionOf(rs),
      created: rs.metadata?.creationTimestamp ?? '',
    };
  }

  /**
   * `syncStatusOnly`, all a Deployment being deleted gets: the status recomputed from the
   * ReplicaSets it owns (which the ReplicaSet controller keeps counting while a foreground
   * deletion waits for their pods), no adoption, no scaling, no rollout.
   */
  function syncStatusOnly(d: KubeObject, cache: Cache, ctx: ReconcileContext): Write[] {
    const ns = namespaceOf(d);
    const uid = uidOf(d);
    const all = (cache.owned?.('replicasets', uid) ?? cache.list('replicasets', ns))
      .filter((rs) => namespaceOf(rs) === ns && controllerOf(rs)?.uid === uid)
      .map(view)
      .sort(byCreation);
    const wanted = templateKey(specOf<DeploymentSpec>(d).template);
    const newRS = all.find(
      (r) => templateKey(specOf<{ template?: PodTemplate }>(r.obj).template) === wanted,
    );
    const old = statusOf<DeploymentStatus>(d);
    const status = calculateStatus(d, all, newRS, old, ctx);
    return statusChanged(status, old) ? [statusWrite(d, status)] : [];
  }

  return {
    actor: 'controller-manager',
    name: COMPONENT_DEPLOYMENT,
    watches: ['deployments', 'replicasets'],
    keysFor(resource, obj) {
      if (resource === 'deployments') return [`${namespaceOf(obj)}/${nameOf(obj)}`];
      const owner = controllerOf(obj);
      if (owner) return owner.kind === 'Deployment' ? [`${namespaceOf(obj)}/${owner.name}`] : [];
      // An orphan ReplicaSet may be adopted by a Deployment whose selector matches it.
      return isDeleting(obj) ? [] : [`adopt/${namespaceOf(obj)}`];
    },
    reconcile(key, cache, ctx) {
      if (key.startsWith('adopt/')) {
        const ns = key.slice('adopt/'.length);
        const orphans = cache
          .list('replicasets', ns)
          .filter((r) => !controllerOf(r) && !isDeleting(r));
        for (const d of cache.list('deployments', ns)) {
          const selector = specOf<DeploymentSpec>(d).selector;
          if (
            !isDeleting(d) &&
            orphans.some((r) => selectorMatches(selector, r.metadata?.labels))
          ) {
            scanRequests.add(`${ns}/${nameOf(d)}`);
            ctx.requeueAfter(`${ns}/${nameOf(d)}`, 0);
          }
        }
        return { writes: [] };
      }
      const ns = keyNamespace(key);
      const name = keyName(key);
      const d = cache.get('deployments', ns, name);
      if (!d) return { writes: [] };
      if (isDeleting(d)) return { writes: syncStatusOnly(d, cache, ctx) };
      const spec = specOf<DeploymentSpec>(d);
      const writes: Write[] = [];
      const dStatus = statusOf<DeploymentStatus>(d);

      // ClaimReplicaSets: adopt orphans matching the selector.
      const owned: KubeObject[] = [];
      const adoptions: Write[] = [];
      // The owner index answers "my ReplicaSets"; orphans need a scan (first sync, or when an
      // orphan ReplicaSet showed up).
      const scan = !cache.owned || scanRequests.delete(key) || !scanned.has(uidOf(d));
      scanned.add(uidOf(d));
      const candidates = scan
        ? cache.list('replicasets', ns)
        : (cache.owned?.('replicasets', uidOf(d)) ?? []).filter((r) => namespaceOf(r) === ns);
      for (const rs of candidates) {
        const ref = controllerOf(rs);
        // ClaimObject: a ReplicaSet it already owns stays its own while being deleted (a
        // foreground delete of the new ReplicaSet is waited out, not replaced by a second one
        // under a bumped collisionCount); an orphan being deleted is not adopted.
        if (ref?.uid === uidOf(d)) owned.push(rs);
        else if (!ref && !isDeleting(rs) && selectorMatches(spec.selector, rs.metadata?.labels)) {
          adoptions.push({
            verb: 'patch',
            resource: 'replicasets',
            namespace: ns,
            name: nameOf(rs),
            patch: {
              metadata: {
                ownerReferences: [...ownerReferences(rs), controllerRef('deployments', d)],
              },
            },
          });
        }
      }
      // Work on adopted ReplicaSets once the adoption has been observed.
      if (adoptions.length > 0) return { writes: adoptions };
      if (pendingCreates.size > 0) {
        for (const rs of owned) pendingCreates.delete(`${ns}/${nameOf(rs)}`);
      }
      for (const [k, at] of pendingCreates) {
        // Expectations expire after 5 minutes, as in the real controller.
        if (ctx.now - at > 300_000) pendingCreates.delete(k);
        else if (k.startsWith(`${ns}/${name}-`)) return { writes: [] };
      }

      const all = owned.map(view).sort(byCreation);
      const wanted = templateKey(spec.template);
      const newRS = all.find(
        (r) => templateKey(specOf<{ template?: PodTemplate }>(r.obj).template) === wanted,
      );
      const olds = all.filter((r) => r !== newRS);
      const { maxSurge } = fenceposts(d);
      const replicas = desiredReplicas(d);
      let maxOldRevision = 0;
      for (const r of olds) if (r.revision > maxOldRevision) maxOldRevision = r.revision;
      // Built on the first event only (most syncs record none).
      let eventRefMemo: ReturnType<typeof eventRef> | undefined;
      const ref = () => (eventRefMemo ??= eventRef('deployments', d));

      /**
       * `scaleReplicaSetAndRecordEvent` (size changes only) or, with `annotations`, the
       * `scaleReplicaSet` of proportional scaling, which also refreshes the annotations.
       */
      const scale = (
        r: RSView,
        to: number,
        extra?: Record<string, string>,
        annotations = false,
      ) => {
        const stale = annotations && r.desired !== replicas;
        if (r.replicas === to && !extra && !stale) return;
        const from = r.replicas;
        const rs = withoutResourceVersion(r.obj);
        const meta = rs.metadata ?? {};
        meta.annotations = {
          ...meta.annotations,
          [DESIRED_REPLICAS_ANNOTATION]: String(replicas),
          [MAX_REPLICAS_ANNOTATION]: String(replicas + maxSurge),
          ...extra,
        };
        rs.metadata = meta;
        rs.spec = { ...specOf<Record<string, unknown>>(rs), replicas: to };
        writes.push({ verb: 'update', resource: 'replicasets', namespace: ns, obj: rs });
        overlay.set(`${ns}/${r.name}`, {
          generation: r.obj.metadata?.generation ?? 0,
          replicas: to,
          desired: replicas,
        });
        r.replicas = to;
        r.desired = replicas;
        if (from !== to) {
          ctx.recordEvent({
            ref: ref(),
            type: 'Normal',
            reason: 'ScalingReplicaSet',
            message: `Scaled ${to > from ? 'up' : 'down'} replica set ${r.name} from ${from} to ${to}`,
            component: COMPONENT_DEPLOYMENT,
          });
        }
      };

      /**
       * getNewReplicaSet for an existing new ReplicaSet: SetNewReplicaSetAnnotations copies the
       * Deployment's annotations onto it (a `kubernetes.io/change-cause` annotated after the
       * rollout reaches the ReplicaSet, so `rollout history` shows it), raises its revision
       * when it is below `newRevision` (a rollback to it), keeping the old number in
       * `deployment.kubernetes.io/revision-history`, and its minReadySeconds follows the
       * Deployment's: one Update of the ReplicaSet when anything changed.
       */
      const syncNewReplicaSet = (r: RSView, newRevision: number) => {
        const current = r.obj.metadata?.annotations ?? {};
        const changed: Record<string, string> = {};
        // Every sync asks: a for…in (the order of Object.entries) without the pair arrays.
        let anyChanged = false;
        const own = d.metadata?.annotations;
        if (own) {
          for (const k in own) {
            if (!Object.hasOwn(own, k)) continue;
            const v = own[k]!;
            if (!skipCopyAnnotation(k) && current[k] !== v) {
              changed[k] = v;
              anyChanged = true;
            }
          }
        }
        const oldText = current[REVISION_ANNOTATION];
        const oldRevision = oldText ? Number(oldText) : 0;
        if (Number.isInteger(oldRevision) && oldRevision < newRevision) {
          changed[REVISION_ANNOTATION] = String(newRevision);
          anyChanged = true;
          if (oldText !== undefined) {
            changed[REVISION_HISTORY_ANNOTATION] = appendRevisionHistory(
              current[REVISION_HISTORY_ANNOTATION] ?? '',
              oldText,
            );
          }
          r.revision = newRevision;
        }
        const minReadySeconds = spec.minReadySeconds ?? 0;
        const minReadyChanged =
          (specOf<{ minReadySeconds?: number }>(r.obj).minReadySeconds ?? 0) !== minReadySeconds;
        if (!anyChanged && !minReadyChanged) return;
        const rs = withoutResourceVersion(r.obj);
        rs.metadata = { ...rs.metadata, annotations: { ...current, ...changed } };
        const { minReadySeconds: _old, ...rsSpec } = specOf<Record<string, unknown>>(rs);
        rs.spec = minReadySeconds ? { ...rsSpec, minReadySeconds } : rsSpec;
        writes.push({ verb: 'update', resource: 'replicasets', namespace: ns, obj: rs });
        // Later writes of this sync (scaling) start from the updated object; it keeps the
        // cached resourceVersion and generation.
        r.obj = {
          ...rs,
          metadata: { ...rs.metadata, resourceVersion: r.obj.metadata?.resourceVersion },
        };
      };

      // The stored status itself, not a copy: every change below makes a new object (a deep
      // copy here was most of the cost of a sync that changes nothing).
      let status: DeploymentStatus = dStatus;
      let rsView = newRS;

      // checkPausedConditions: pausing and resuming show in the Progressing condition (not
      // over a reported timeout). The status write brings the Deployment back for the rest.
      {
        const progressing = findIn(dStatus.conditions ?? [], (c) => c.type === 'Progressing');
        if (progressing?.reason !== 'ProgressDeadlineExceeded') {
          const pausedShown = progressing?.reason === 'DeploymentPaused';
          if (spec.paused === true && !pausedShown) {
            const next = { ...dStatus };
            next.conditions = setCondition(
              dStatus.conditions ?? [],
              condition(ctx, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'),
            );
            return { writes: [statusWrite(d, next)] };
          }
          if (spec.paused !== true && pausedShown) {
            const next = { ...dStatus };
            next.conditions = setCondition(
              dStatus.conditions ?? [],
              condition(
                ctx,
                'Progressing',
                'Unknown',
                'DeploymentResumed',
                'Deployment is resumed',
              ),
            );
            return { writes: [statusWrite(d, next)] };
          }
        }
      }

      // isScalingEvent: an active ReplicaSet was sized for another replica count.
      const scalingEvent = all.some(
        (r) => r.replicas > 0 && r.desired !== undefined && r.desired !== replicas,
      );
      // getAllReplicaSetsAndSyncRevision, on every path below.
      if (newRS) syncNewReplicaSet(newRS, maxOldRevision + 1);
      if (spec.paused === true) {
        // `sync` of a paused Deployment: scaling still happens, but no new ReplicaSet is created
        // for a changed template (getAllReplicaSetsAndSyncRevision with createIfNotExisted =
        // false) and nothing rolls; old ReplicaSets beyond the history limit are cleaned up.
        if (scalingEvent) scaleDeployment(d, newRS, olds, scale);
        writes.push(...cleanupOldReplicaSets(d, olds));
        const status = calculateStatus(d, all, newRS, dStatus, ctx);
        const revision = newRS ? String(newRS.revision) : undefined;
        const revisionChanged =
          revision !== undefined && d.metadata?.annotations?.[REVISION_ANNOTATION] !== revision;
        if (revisionChanged || statusChanged(status, dStatus)) {
          writes.push(
            statusWrite(
              d,
              status,
              revisionChanged && revision ? { [REVISION_ANNOTATION]: revision } : undefined,
            ),
          );
        }
        return { writes };
      }
      if (scalingEvent) {
        scaleDeployment(d, newRS, olds, scale);
        status = calculateStatus(d, all, newRS, status, ctx);
        if (statusChanged(status, dStatus)) writes.push(statusWrite(d, status));
        return { writes };
      }

      if (
        !rsView &&
        spec.strategy?.type === 'Recreate' &&
        olds.some((r) => r.replicas > 0 || (r.status.replicas ?? 0) > 0)
      ) {
        // Recreate: the new ReplicaSet is only created once every old pod is gone.
        for (const r of olds) if (r.replicas > 0) scale(r, 0);
        const recreating = { ...status, observedGeneration: d.metadata?.generation ?? 1 };
        if (statusChanged(recreating, dStatus)) writes.push(statusWrite(d, recreating));
        return { writes };
      }

      if (!rsView) {
        const hash = computePodTemplateHash(spec.template, dStatus.collisionCount);
        const rsName = `${name}-${hash}`;
        const clash = cache.get('replicasets', ns, rsName);
        if (clash) {
          // Hash collision with a ReplicaSet of another template: bump collisionCount and retry.
          const next = { ...status, collisionCount: (dStatus.collisionCount ?? 0) + 1 };
          writes.push(statusWrite(d, next));
          return { writes };
        }
        const newReplicas = newRSNewReplicas(d, olds, undefined);
        const revision = String(maxOldRevision + 1);
        const template = clone(spec.template ?? {});
        template.metadata = {
          ...template.metadata,
          labels: { ...template.metadata?.labels, [HASH_LABEL]: hash },
        };
        const annotations: Record<string, string> = {};
        for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
          if (!skipCopyAnnotation(k)) annotations[k] = v;
        }
        annotations[DESIRED_REPLICAS_ANNOTATION] = String(replicas);
        annotations[MAX_REPLICAS_ANNOTATION] = String(replicas + maxSurge);
        annotations[REVISION_ANNOTATION] = revision;
        const rs: KubeObject = {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: rsName,
            namespace: ns,
            labels: { ...spec.template?.metadata?.labels, [HASH_LABEL]: hash },
            annotations,
            ownerReferences: [controllerRef('deployments', d)],
          },
          spec: {
            replicas: newReplicas,
            // ReplicaSetSpec.minReadySeconds is omitempty: 0 is not stored.
            ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
            selector: {
              ...spec.selector,
              matchLabels: { ...spec.selector?.matchLabels, [HASH_LABEL]: hash },
            },
            template,
          },
        };
        writes.push({ verb: 'create', resource: 'replicasets', namespace: ns, obj: rs });
        pendingCreates.set(`${ns}/${rsName}`, ctx.now);
        if (newReplicas > 0) {
          ctx.recordEvent({
            ref: ref(),
            type: 'Normal',
            reason: 'ScalingReplicaSet',
            message: `Scaled up replica set ${rsName} from 0 to ${newReplicas}`,
            component: COMPONENT_DEPLOYMENT,
          });
        }
        status = {
          ...status,
          conditions: setCondition(
            status.conditions ?? [],
            condition(
              ctx,
              'Progressing',
              'True',
              'NewReplicaSetCreated',
              `Created new replica set "${rsName}"`,
            ),
          ),
        };
        rsView = {
          obj: rs,
          name: rsName,
          replicas: newReplicas,
          desired: replicas,
          status: {},
          revision: maxOldRevision + 1,
          created: ctx.timestamp(),
        };
        all.push(rsView);
      }

      if (!spec.paused) {
        if (spec.strategy?.type === 'Recreate') rolloutRecreate(rsView, olds, replicas, scale);
        else rolloutRolling(d, rsView, olds, scale);
      }

      if (!spec.paused && isComplete(d, dStatus)) writes.push(...cleanupOldReplicaSets(d, olds));
      status = syncRolloutStatus(d, all, rsView, status, ctx);
      // Like the real controller, the Deployment's status is written after the ReplicaSet
      // writes, and the revision annotation travels with it: the Deployment status strategy
      // lets annotations through (SetDeploymentRevision, then UpdateStatus).
      const revision = String(rsView.revision);
      const revisionChanged = d.metadata?.annotations?.[REVISION_ANNOTATION] !== revision;
      if (revisionChanged || statusChanged(status, dStatus)) {
        writes.push(
          statusWrite(d, status, revisionChanged ? { [REVISION_ANNOTATION]: revision } : undefined),
        );
      }
      requeueStuck(d, status, ctx, key);
      return { writes };
    },
  };
}

/** `skipCopyAnnotation`: annotations of the Deployment that are not copied to its ReplicaSets. */
function skipCopyAnnotation(key: string): boolean {
  return (
    key === LAST_APPLIED ||
    key === REVISION_ANNOTATION ||
    key === REVISION_HISTORY_ANNOTATION ||
    key === DESIRED_REPLICAS_ANNOTATION ||
    key === MAX_REPLICAS_ANNOTATION
  );
}

/** sync.go's maxRevHistoryLengthInChars: the revision history is kept to 2,000 characters. */
const MAX_REVISION_HISTORY_CHARS = 2000;

/**
 * `revision-history` with `old` appended; the oldest entries are dropped to stay within
 * MAX_REVISION_HISTORY_CHARS (SetNewReplicaSetAnnotations).
 */
function appendRevisionHistory(history: string, old: string): string {
  if (history === '') return old;
  const entries = history.split(',');
  let total = history.length + old.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < entries.length) {
    total -= (entries[start] ?? '').length + 1;
    start++;
  }
  return total <= MAX_REVISION_HISTORY_CHARS ? [...entries.slice(start), old].join(',') : history;
}

function statusWrite(
  d: KubeObject,
  status: DeploymentStatus,
  annotations?: Record<string, string>,
): Write {
  let obj = withStatus(d, omitZero(status));
  if (annotations) {
    obj = {
      ...obj,
      metadata: { ...obj.metadata, annotations: { ...obj.metadata?.annotations, ...annotations } },
    };
  }
  return { verb: 'updateStatus', resource: 'deployments', namespace: namespaceOf(d), obj };
}

function condition(
  ctx: ReconcileContext,
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
): Condition {
  const ts = ctx.timestamp();
  return { type, status, lastUpdateTime: ts, lastTransitionTime: ts, reason, message };
}

/** `deploymentutil.DeploymentComplete` over the status as last written. */
function isComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const replicas = desiredReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1)
  );
}

/**
 * `cleanupDeployment`: keep at most `revisionHistoryLimit` (default 10) old ReplicaSets that
 * are scaled to zero; delete the oldest revisions beyond that.
 */
function cleanupOldReplicaSets(d: KubeObject, olds: readonly RSView[]): Write[] {
  const limit = specOf<DeploymentSpec>(d).revisionHistoryLimit ?? 10;
  const cleanable = olds
    .filter((r) => r.replicas === 0 && (r.status.replicas ?? 0) === 0 && !isDeleting(r.obj))
    .sort((a, b) => a.revision - b.revision || byCreation(a, b));
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  return cleanable.slice(0, diff).map((r) => ({
    verb: 'delete' as const,
    resource: 'replicasets' as const,
    namespace: namespaceOf(d),
    name: r.name,
  }));
}

/** `deploymentutil.NewRSNewReplicas` for RollingUpdate. */
function newRSNewReplicas(
  d: KubeObject,
  olds: readonly RSView[],
  newRS: RSView | undefined,
): number {
  const replicas = desiredReplicas(d);
  const newReplicas = newRS?.replicas ?? 0;
  const current = sum(olds, (r) => r.replicas) + newReplicas;
  const maxTotal = replicas + fenceposts(d).maxSurge;
  if (specOf<DeploymentSpec>(d).strategy?.type === 'Recreate') return replicas;
  if (current >= maxTotal) return newReplicas;
  const up = Math.min(maxTotal - current, replicas - newReplicas);
  return newReplicas + Math.max(0, up);
}

type ScaleFn = (r: RSView, to: number) => void;

function rolloutRolling(d: KubeObject, newRS: RSView, olds: RSView[], scale: ScaleFn): void {
  const replicas = desiredReplicas(d);
  const activeOlds = olds.filter((r) => r.replicas > 0);
  // A pure scaling event with a single active ReplicaSet: scale it straight to the target.
  if (activeOlds.length === 0) {
    if (newRS.replicas !== replicas) scale(newRS, replicas);
    return;
  }
  // reconcileNewReplicaSet
  if (newRS.replicas > replicas) {
    scale(newRS, replicas);
    return;
  }
  if (newRS.replicas < replicas) {
    const next = newRSNewReplicas(d, olds, newRS);
    if (next !== newRS.replicas) {
      scale(newRS, next);
      return;
    }
  }
  // reconcileOldReplicaSets
  const all = [...olds, newRS];
  const allPods = sum(all, (r) => r.replicas);
  const minAvailable = replicas - maxUnavailableOf(d);
  const newUnavailable = newRS.replicas - (newRS.status.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  const sorted = [...olds].sort(byCreation);
  // cleanupUnhealthyReplicas: old pods that are not available go first.
  let cleaned = 0;
  for (const r of sorted) {
    if (cleaned >= maxScaledDown) break;
    if (r.replicas === 0) continue;
    const unhealthy = r.replicas - (r.status.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    scale(r, r.replicas - down);
    cleaned += down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: never below minAvailable available pods.
  const available = sum(all, (r) => Math.min(r.status.availableReplicas ?? 0, r.replicas));
  if (available <= minAvailable) return;
  let budget = available - minAvailable;
  for (const r of sorted) {
    if (budget <= 0) break;
    if (r.replicas === 0) continue;
    const down = Math.min(r.replicas, budget);
    scale(r, r.replicas - down);
    budget -= down;
  }
}

function rolloutRecreate(newRS: RSView, olds: RSView[], replicas: number, scale: ScaleFn): void {
  const activeOld = olds.filter((r) => r.replicas > 0);
  for (const r of activeOld) scale(r, 0);
  if (activeOld.length > 0) return;
  if (olds.some((r) => (r.status.replicas ?? 0) > 0)) return;
  if (newRS.replicas !== replicas) scale(newRS, replicas);
}

/** `scale`: a replica-count change while one or more ReplicaSets are active. */
function scaleDeployment(
  d: KubeObject,
  newRS: RSView | undefined,
  olds: readonly RSView[],
  scale: (r: RSView, to: number, extra?: Record<string, string>, annotations?: boolean) => void,
): void {
  const replicas = desiredReplicas(d);
  const byNewest = [...olds].sort((a, b) => byCreation(b, a));
  const active = [...byNewest, ...(newRS ? [newRS] : [])].filter((r) => r.replicas > 0);
  // FindActiveOrLatest
  const only =
    active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? byNewest[0]) : undefined;
  if (only) {
    if (only.replicas !== replicas) scale(only, replicas);
    return;
  }
  // IsSaturated: the new ReplicaSet already runs everything; old ones go to zero.
  if (
    newRS &&
    newRS.replicas === replicas &&
    newRS.desired === replicas &&
    (newRS.status.availableReplicas ?? 0) === replicas
  ) {
    for (const r of olds) if (r.replicas > 0) scale(r, 0);
    return;
  }
  if (specOf<DeploymentSpec>(d).strategy?.type === 'Recreate') return;
  // Proportional scaling of every active ReplicaSet (GetProportion).
  const maxSurge = fenceposts(d).maxSurge;
  const allowed = replicas > 0 ? replicas + maxSurge : 0;
  const toAdd = allowed - sum(active, (r) => r.replicas);
  const sorted = [...active].sort((a, b) => {
    if (a.replicas !== b.replicas) return b.replicas - a.replicas;
    // Same size: newer first when scaling up, older first when scaling down.
    return toAdd > 0 ? byCreation(b, a) : byCreation(a, b);
  });
  let added = 0;
  const sizes = new Map<RSView, number>();
  for (const r of sorted) {
    let proportion = 0;
    if (toAdd !== 0 && r.replicas !== 0 && toAdd !== added) {
      const annotatedMax = Number.parseInt(
        r.obj.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION] ?? '',
        10,
      );
      const base = Number.isFinite(annotatedMax)
        ? annotatedMax
        : (statusOf<DeploymentStatus>(d).replicas ?? 0);
      const fraction =
        replicas === 0
          ? -r.replicas
          : Math.round((r.replicas * (replicas + maxSurge)) / Math.max(base, 1)) - r.replicas;
      const left = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
    }
    sizes.set(r, r.replicas + proportion);
    added += proportion;
  }
  sorted.forEach((r, i) => {
    let size = sizes.get(r) ?? r.replicas;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + (toAdd - added));
    scale(r, size, undefined, true);
  });
}

/** `calculateStatus`: counts from the ReplicaSets and the Available condition. */
function calculateStatus(
  d: KubeObject,
  all: readonly RSView[],
  newRS: RSView | undefined,
  base: DeploymentStatus,
  ctx: ReconcileContext,
): DeploymentStatus {
  const replicas = desiredReplicas(d);
  const available = sum(all, (r) => r.status.availableReplicas);
  const total = sum(all, (r) => r.replicas);
  // setCondition returns a new array: the status gets its own conditions without a copy first.
  const conditions =
    available >= replicas - maxUnavailableOf(d)
      ? setCondition(
          base.conditions ?? [],
          condition(
            ctx,
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
          ),
        )
      : setCondition(
          base.conditions ?? [],
          condition(
            ctx,
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
          ),
        );
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 1,
    replicas: sum(all, (r) => r.status.replicas),
    updatedReplicas: newRS?.status.replicas ?? 0,
    readyReplicas: sum(all, (r) => r.status.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions,
  };
  if (base.collisionCount !== undefined) status.collisionCount = base.collisionCount;
  return status;
}

/** `calculateStatus` followed by `syncRolloutStatus`. */
function syncRolloutStatus(
  d: KubeObject,
  all: readonly RSView[],
  newRS: RSView,
  base: DeploymentStatus,
  ctx: ReconcileContext,
): DeploymentStatus {
  const spec = specOf<DeploymentSpec>(d);
  const replicas = desiredReplicas(d);
  const old = statusOf<DeploymentStatus>(d);
  const status = calculateStatus(d, all, newRS, base, ctx);

  const deadline = spec.progressDeadlineSeconds ?? 600;
  const current = findIn(status.conditions ?? [], (c) => c.type === 'Progressing');
  const complete =
    status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  if (!complete) {
    const isComplete =
      (status.updatedReplicas ?? 0) === replicas &&
      (status.replicas ?? 0) === replicas &&
      (status.availableReplicas ?? 0) === replicas &&
      (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1);
    const progressing =
      (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
      (status.replicas ?? 0) < (old.replicas ?? 0) ||
      (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
      (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
    if (isComplete) {
      status.conditions = setCondition(
        status.conditions ?? [],
        condition(
          ctx,
          'Progressing',
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${newRS.name}" has successfully progressed.`,
        ),
      );
    } else if (progressing) {
      const next = condition(
        ctx,
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        `ReplicaSet "${newRS.name}" is progressing.`,
      );
      // Progress refreshes lastUpdateTime even when the reason is unchanged.
      if (current?.status === 'True' && current.lastTransitionTime) {
        next.lastTransitionTime = current.lastTransitionTime;
      }
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => c.type !== 'Progressing'),
        next,
      ];
    } else if (
      current &&
      current.reason !== 'NewReplicaSetAvailable' &&
      current.reason !== 'ProgressDeadlineExceeded' &&
      current.lastUpdateTime &&
      parseTime(current.lastUpdateTime) + deadline * 1000 < ctx.now
    ) {
      status.conditions = setCondition(
        status.conditions ?? [],
        condition(
          ctx,
          'Progressing',
          'False',
          'ProgressDeadlineExceeded',
          `ReplicaSet "${newRS.name}" has timed out progressing.`,
        ),
      );
    }
  }
  // Move failure conditions of the ReplicaSets into the Deployment's (getReplicaFailures: the
  // new ReplicaSet's first, else the others').
  const failure = replicaFailure(all, newRS);
  const conditions = status.conditions ?? [];
  // The conditions are this sync's own array (calculateStatus made it): without a
  // ReplicaFailure condition to drop, it stays as it is rather than copied by a filter.
  status.conditions = failure
    ? setCondition(conditions, failure)
    : someIn(conditions, (c) => c.type === 'ReplicaFailure')
      ? conditions.filter((c) => c.type !== 'ReplicaFailure')
      : conditions;
  return status;
}

/** `getReplicaFailures` + `ReplicaSetToDeploymentCondition`: the first ReplicaFailure found. */
function replicaFailure(all: readonly RSView[], newRS: RSView): Condition | undefined {
  const failureOf = (rs: RSView): Condition | undefined => {
    const conditions = (rs.obj.status as { conditions?: Condition[] } | undefined)?.conditions;
    const c = conditions?.find((x) => x.type === 'ReplicaFailure');
    if (!c) return undefined;
    return {
      type: 'ReplicaFailure',
      status: c.status,
      lastUpdateTime: c.lastTransitionTime,
      lastTransitionTime: c.lastTransitionTime,
      reason: c.reason,
      message: c.message,
    };
  };
  const own = failureOf(newRS);
  if (own) return own;
  for (const r of all) {
    const c = failureOf(r);
    if (c) return c;
  }
  return undefined;
}

/** `requeueStuckDeployment`: look again when the progress deadline would pass. */
function requeueStuck(d: KubeObject, status: DeploymentStatus, ctx: ReconcileContext, key: string) {
  const current = (status.conditions ?? []).find((c) => c.type === 'Progressing');
  if (!current?.lastUpdateTime) return;
  if (
    current.reason === 'NewReplicaSetAvailable' ||
    current.reason === 'ProgressDeadlineExceeded'
  ) {
    return;
  }
  const deadline = (specOf<DeploymentSpec>(d).progressDeadlineSeconds ?? 600) * 1000;
  const after = parseTime(current.lastUpdateTime) + deadline - ctx.now;
  ctx.requeueAfter(key, Math.max(after, 0) + 1000);
}
