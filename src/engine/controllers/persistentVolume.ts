/**
 * The PersistentVolume controllers of kube-controller-manager 1.32:
 *
 * - `persistentvolume-binder-controller` (pkg/controller/volume/persistentvolume, events from
 *   `persistentvolume-controller`): binds each Pending claim to the best Available volume that
 *   satisfies it — the same class (`""` only matches volumes without one), every access mode the
 *   claim asks for (the volumes with the fewest modes first), the volume mode, the claim's
 *   selector, and at least the requested storage (the smallest such volume first); a volume
 *   pre-bound to the claim (`claimRef`) wins. Binding sets the volume's `claimRef` (annotation
 *   `pv.kubernetes.io/bound-by-controller`) and phase Bound, then the claim's `volumeName`
 *   (annotations `pv.kubernetes.io/bind-completed` and `…/bound-by-controller`) and its status
 *   (phase Bound, the volume's access modes and capacity). A claim nothing satisfies stays
 *   Pending with `FailedBinding` (no class), `ProvisioningFailed` (a class that does not exist),
 *   `WaitForFirstConsumer` or `ExternalProvisioning` (no provisioner runs in this cluster). When a
 *   bound claim goes, its volume is Released; the reclaim policy Delete then deletes it (a
 *   hostPath volume only under /tmp, as the hostPath deleter allows).
 * - `pvc-protection-controller`: lifts `kubernetes.io/pvc-protection` from a deleted claim once no
 *   scheduled pod names it.
 * - `pv-protection-controller`: lifts `kubernetes.io/pv-protection` from a deleted volume once it
 *   is not Bound.
 *
 * Simplified: a sync happens when a claim, volume or class changes, not also every 15 s, so a
 * waiting claim's event is not repeated on the clock; no dynamic provisioning; Recycle is not
 * performed; node affinity of volumes is not matched.
 */
import type { KubeObject } from '../api/types.ts';
import { compareQuantities } from '../apiserver/quantity.ts';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from '../apiserver/storage.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import {
  eventRef,
  isDeleting,
  type LabelSelector,
  nameOf,
  namespaceOf,
  selectorMatches,
  uidOf,
} from './objects.ts';

export const COMPONENT_PV_BINDER = 'persistentvolume-binder-controller';
/** The event source of the binder (its recorder's component). */
export const COMPONENT_PV_EVENTS = 'persistentvolume-controller';
export const COMPONENT_PVC_PROTECTION = 'pvc-protection-controller';
export const COMPONENT_PV_PROTECTION = 'pv-protection-controller';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

interface ClaimRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

interface VolumeSpec {
  capacity?: Record<string, string>;
  accessModes?: string[];
  claimRef?: ClaimRef;
  persistentVolumeReclaimPolicy?: string;
  storageClassName?: string;
  volumeMode?: string;
  hostPath?: { path?: string };
}

interface ClaimSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, string> };
  storageClassName?: string | null;
  volumeMode?: string;
  volumeName?: string;
  selector?: LabelSelector;
}

function volumeSpec(pv: KubeObject): VolumeSpec {
  return (pv.spec ?? {}) as VolumeSpec;
}

function claimSpec(pvc: KubeObject): ClaimSpec {
  return (pvc.spec ?? {}) as ClaimSpec;
}

function phaseOf(obj: KubeObject): string {
  return (obj.status as { phase?: string } | undefined)?.phase ?? '';
}

/** GetPersistentVolume(Claim)Class: the beta annotation, else spec.storageClassName. */
function classOf(obj: KubeObject): string {
  const beta = obj.metadata?.annotations?.[BETA_CLASS];
  if (beta !== undefined) return beta;
  const c = (obj.spec as { storageClassName?: unknown } | undefined)?.storageClassName;
  return typeof c === 'string' ? c : '';
}

/** The claim's key in the binder's queue. */
function claimKey(ns: string, name: string): string {
  return `claim/${ns}/${name}`;
}

/** `IsVolumeBoundToClaim`: the volume's claimRef names this claim (and its uid, when set). */
function isBoundToClaim(pv: KubeObject, pvc: KubeObject): boolean {
  const ref = volumeSpec(pv).claimRef;
  if (!ref) return false;
  if (ref.name !== nameOf(pvc) || ref.namespace !== namespaceOf(pvc)) return false;
  return !ref.uid || ref.uid === uidOf(pvc);
}

/**
 * `findMatchingVolume` over every volume (the index's `findByClaim`): a volume pre-bound to the
 * claim first (the only choice when binding waits for a consumer and no node is known), else among the Available ones of the claim's class, access modes, volume mode and
 * selector, the one with the fewest access modes and then the least storage that is enough.
 */
export function findMatchingVolume(
  pvc: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding = false,
): KubeObject | undefined {
  const spec = claimSpec(pvc);
  const wanted = spec.accessModes ?? [];
  const request = spec.resources?.requests?.storage ?? '0';
  const mode = spec.volumeMode ?? 'Filesystem';
  const cls = classOf(pvc);
  let best: KubeObject | undefined;
  let bestModes = 0;
  for (const pv of volumes) {
    if (isDeleting(pv)) continue;
    const vs = volumeSpec(pv);
    const size = vs.capacity?.storage ?? '0';
    if (compareQuantities(size, request) < 0) continue;
    if ((vs.volumeMode ?? 'Filesystem') !== mode) continue;
    const modes = vs.accessModes ?? [];
    if (!wanted.every((m) => modes.includes(m))) continue;
    if (isBoundToClaim(pv, pvc)) return pv;
    // WaitForFirstConsumer: without a node (the binder's case) only a pre-bound volume will do.
    if (delayBinding || vs.claimRef) continue;
    if (phaseOf(pv) !== 'Available') continue;
    if (spec.selector && !selectorMatches(spec.selector, pv.metadata?.labels)) continue;
    if (classOf(pv) !== cls) continue;
    const better =
      !best ||
      modes.length < bestModes ||
      (modes.length === bestModes &&
        compareQuantities(size, volumeSpec(best).capacity?.storage ?? '0') < 0);
    if (better) {
      best = pv;
      bestModes = modes.length;
    }
  }
  return best;
}

/** A copy of `obj` without its resourceVersion (the write skips the conflict check). */
function fresh(obj: KubeObject): KubeObject {
  const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
  return { ...obj, metadata: meta };
}

/** The volume's status with a new phase (and when it entered it). */
function volumePhase(pv: KubeObject, phase: string, ctx: ReconcileContext): Write {
  const status = { ...((pv.status as Record<string, unknown> | undefined) ?? {}) };
  status.phase = phase;
  status.lastPhaseTransitionTime = ctx.timestamp();
  return { verb: 'updateStatus', resource: 'persistentvolumes', obj: { ...fresh(pv), status } };
}

function claimEvent(
  ctx: ReconcileContext,
  pvc: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  ctx.recordEvent({
    ref: eventRef('persistentvolumeclaims', pvc),
    type,
    reason,
    message,
    component: COMPONENT_PV_EVENTS,
  });
}

/** The claim names a pod's volumes refer to. */
export function podClaimNames(pod: KubeObject): string[] {
  const volumes = (pod.spec as { volumes?: unknown } | undefined)?.volumes;
  if (!Array.isArray(volumes)) return [];
  const out: string[] = [];
  // An index loop (volumes of a stored pod are a frozen array): every pod event of the
  // claim-protection and garbage-collector watches comes here, and most pods name no claim.
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as { persistentVolumeClaim?: { claimName?: unknown } } | undefined;
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name === 'string' && name) out.push(name);
  }
  return out;
}

export function createPersistentVolumeBinder(): Reconciler {
  /** Keys of the claims not bound yet: a new or freed volume or a new class concerns them. */
  const waiting = new Set<string>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_PV_BINDER,
    watches: ['persistentvolumes', 'persistentvolumeclaims', 'storageclasses'],
    onStart() {
      waiting.clear();
    },
    observe(e) {
      if (e.resource !== 'persistentvolumeclaims') return;
      const key = claimKey(namespaceOf(e.object), nameOf(e.object));
      if (e.type === 'DELETED' || claimSpec(e.object).volumeName) waiting.delete(key);
      else waiting.add(key);
    },
    keysFor(resource, obj) {
      if (resource === 'persistentvolumeclaims') {
        const keys = [claimKey(namespaceOf(obj), nameOf(obj))];
        const volume = claimSpec(obj).volumeName;
        if (volume) keys.push(`volume/${volume}`);
        return keys;
      }
      if (resource === 'persistentvolumes') {
        // Only a volume free to bind (Available, or pre-bound by the user) concerns the claims.
        const free =
          phaseOf(obj) === 'Available' && !isDeleting(obj) && !volumeSpec(obj).claimRef?.uid;
        if (free) return [`volume/${nameOf(obj)}`, ...waiting];
        // A volume bound to a claim that is not bound yet (the scheduler's PreBind): the claim's
        // sync completes it (syncVolume enqueues the claim).
        const ref = volumeSpec(obj).claimRef;
        const claim = ref?.uid ? claimKey(ref.namespace ?? '', ref.name ?? '') : undefined;
        return claim && waiting.has(claim)
          ? [`volume/${nameOf(obj)}`, claim]
          : [`volume/${nameOf(obj)}`];
      }
      return [...waiting];
    },
    reconcile(key, cache, ctx) {
      if (key.startsWith('volume/')) return { writes: syncVolume(key.slice(7), cache, ctx) };
      const [, ns = '', name = ''] = key.split('/');
      const pvc = cache.get('persistentvolumeclaims', ns, name);
      if (!pvc) return { writes: [] };
      return { writes: syncClaim(pvc, cache, ctx) };
    },
  };
}

/** `syncClaim`: bind an unbound claim, or keep a bound one's status (or mark it Lost). */
function syncClaim(pvc: KubeObject, cache: Cache, ctx: ReconcileContext): Write[] {
  const spec = claimSpec(pvc);
  const ns = namespaceOf(pvc);
  if (spec.volumeName) {
    const pv = cache.get('persistentvolumes', undefined, spec.volumeName);
    if (!pv) {
      if (phaseOf(pvc) === 'Lost') return [];
      claimEvent(
        ctx,
        pvc,
        'Warning',
        'ClaimLost',
        'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
      );
      return [claimStatus(pvc, 'Lost', undefined)];
    }
    if (isBoundToClaim(pv, pvc) && phaseOf(pvc) !== 'Bound') return [claimStatus(pvc, 'Bound', pv)];
    return [];
  }
  if (isDeleting(pvc)) return [];
  const cls0 = classOf(pvc);
  const delay =
    cls0 !== '' &&
    cache.get('storageclasses', undefined, cls0)?.volumeBindingMode === 'WaitForFirstConsumer';
  const pv = findMatchingVolume(pvc, cache.list('persistentvolumes'), delay);
  if (pv) return bind(pv, pvc, ctx);
  // RetroactiveDefaultStorageClass (GA): a claim that never named a class gets today's default.
  if (spec.storageClassName == null && pvc.metadata?.annotations?.[BETA_CLASS] === undefined) {
    const def = defaultClass(cache);
    if (def) {
      const claim = { ...fresh(pvc), spec: { ...spec, storageClassName: nameOf(def) } };
      return [{ verb: 'update', resource: 'persistentvolumeclaims', namespace: ns, obj: claim }];
    }
  }
  const cls = classOf(pvc);
  if (cls === '') {
    claimEvent(
      ctx,
      pvc,
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
    );
    return [];
  }
  const sc = cache.get('storageclasses', undefined, cls);
  if (!sc) {
    claimEvent(
      ctx,
      pvc,
      'Warning',
      'ProvisioningFailed',
      `storageclass.storage.k8s.io "${cls}" not found`,
    );
    return [];
  }
  if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
    claimEvent(
      ctx,
      pvc,
      'Normal',
      'WaitForFirstConsumer',
      'waiting for first consumer to be created before binding',
    );
    return [];
  }
  const provisioner = String(sc.provisioner ?? '');
  claimEvent(
    ctx,
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
  const annotations = pvc.metadata?.annotations ?? {};
  if (annotations[ANN_STORAGE_PROVISIONER] === provisioner) return [];
  const meta = {
    ...fresh(pvc).metadata,
    annotations: {
      ...annotations,
      [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
      [ANN_STORAGE_PROVISIONER]: provisioner,
    },
  };
  return [
    {
      verb: 'update',
      resource: 'persistentvolumeclaims',
      namespace: ns,
      obj: { ...pvc, metadata: meta },
    },
  ];
}

/** The default StorageClass (the newest, when several carry the annotation). */
function defaultClass(cache: Cache): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const sc of cache.list('storageclasses')) {
    const a = sc.metadata?.annotations ?? {};
    if (
      a['storageclass.kubernetes.io/is-default-class'] !== 'true' &&
      a['storageclass.beta.kubernetes.io/is-default-class'] !== 'true'
    )
      continue;
    const t = String(sc.metadata?.creationTimestamp ?? '');
    if (!best || t > String(best.metadata?.creationTimestamp ?? '')) best = sc;
  }
  return best;
}

function claimStatus(pvc: KubeObject, phase: string, pv: KubeObject | undefined): Write {
  const status: Record<string, unknown> = {
    ...((pvc.status as Record<string, unknown> | undefined) ?? {}),
    phase,
  };
  if (pv) {
    const vs = volumeSpec(pv);
    status.accessModes = [...(vs.accessModes ?? [])];
    status.capacity = { ...(vs.capacity ?? {}) };
  }
  return {
    verb: 'updateStatus',
    resource: 'persistentvolumeclaims',
    namespace: namespaceOf(pvc),
    obj: { ...fresh(pvc), status },
  };
}

/** `bind`: the volume's claimRef and phase, then the claim's volumeName and status. */
function bind(pv: KubeObject, pvc: KubeObject, ctx: ReconcileContext): Write[] {
  const writes: Write[] = [];
  const vs = volumeSpec(pv);
  let volume = pv;
  if (!vs.claimRef?.uid) {
    const claimRef: ClaimRef = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: nameOf(pvc),
      namespace: namespaceOf(pvc),
      resourceVersion: pvc.metadata?.resourceVersion ?? '',
      uid: uidOf(pvc),
    };
    const meta = { ...fresh(pv).metadata };
    // A claimRef the user wrote (without a uid) was not set by the controller.
    if (!vs.claimRef) {
      meta.annotations = { ...(meta.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    }
    volume = { ...pv, metadata: meta, spec: { ...vs, claimRef } };
    writes.push({ verb: 'update', resource: 'persistentvolumes', obj: volume });
  }
  if (phaseOf(pv) !== 'Bound') writes.push(volumePhase(volume, 'Bound', ctx));
  const annotations: Record<string, string> = {
    ...(pvc.metadata?.annotations ?? {}),
    [ANN_BIND_COMPLETED]: 'yes',
  };
  if (!claimSpec(pvc).volumeName) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
  const claim = {
    ...fresh(pvc),
    metadata: { ...fresh(pvc).metadata, annotations },
    spec: { ...claimSpec(pvc), volumeName: nameOf(pv) },
  };
  writes.push({
    verb: 'update',
    resource: 'persistentvolumeclaims',
    namespace: namespaceOf(pvc),
    obj: claim,
  });
  writes.push(claimStatus(claim, 'Bound', volume));
  return writes;
}

/** `syncVolume`: Available when free, Bound with its claim, Released (and reclaimed) without it. */
function syncVolume(name: string, cache: Cache, ctx: ReconcileContext): Write[] {
  const pv = cache.get('persistentvolumes', undefined, name);
  if (!pv) return [];
  const vs = volumeSpec(pv);
  const phase = phaseOf(pv);
  const ref = vs.claimRef;
  if (!ref) return phase === 'Available' ? [] : [volumePhase(pv, 'Available', ctx)];
  const pvc = cache.get('persistentvolumeclaims', ref.namespace ?? '', ref.name ?? '');
  if (!ref.uid) {
    // Pre-bound by the user: the claim's sync binds it; until then the volume is Available.
    return phase === 'Available' || phase === 'Bound' ? [] : [volumePhase(pv, 'Available', ctx)];
  }
  if (pvc && uidOf(pvc) === ref.uid) {
    const bound = claimSpec(pvc).volumeName;
    if (bound === name) return phase === 'Bound' ? [] : [volumePhase(pv, 'Bound', ctx)];
    if (!bound) return [];
    // The claim went to another volume: a volume the controller bound is freed again.
    if (pv.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER] !== 'yes') return [];
    const { [ANN_BOUND_BY_CONTROLLER]: _, ...annotations } = pv.metadata?.annotations ?? {};
    const { claimRef: _ref, ...spec } = vs;
    const freed = { ...fresh(pv), metadata: { ...fresh(pv).metadata, annotations }, spec };
    return [
      { verb: 'update', resource: 'persistentvolumes', obj: freed },
      volumePhase(freed, 'Available', ctx),
    ];
  }
  // The claim is gone: the volume is Released, then reclaimed as its policy says.
  const writes: Write[] = [];
  if (phase !== 'Released' && phase !== 'Failed') writes.push(volumePhase(pv, 'Released', ctx));
  if (phase === 'Failed' || isDeleting(pv)) return writes;
  if (vs.persistentVolumeReclaimPolicy === 'Delete') {
    const path = vs.hostPath?.path;
    if (path !== undefined && !/\/tmp\/.+/.test(path)) {
      ctx.recordEvent({
        ref: eventRef('persistentvolumes', pv),
        type: 'Warning',
        reason: 'VolumeFailedDelete',
        message: `host_path deleter only supports /tmp/.+ but received provided ${path}`,
        component: COMPONENT_PV_EVENTS,
      });
      return [volumePhase(pv, 'Failed', ctx)];
    }
    writes.push({ verb: 'delete', resource: 'persistentvolumes', name });
  }
  return writes;
}

/** Whether a scheduled pod of the claim's namespace names it (`podUsesPVC`). */
function claimInUse(pvc: KubeObject, cache: Cache): boolean {
  const name = nameOf(pvc);
  for (const pod of cache.list('pods', namespaceOf(pvc))) {
    if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) continue;
    if (podClaimNames(pod).includes(name)) return true;
  }
  return false;
}

function withoutFinalizer(obj: KubeObject, finalizer: string): KubeObject {
  const meta = { ...fresh(obj).metadata };
  meta.finalizers = (meta.finalizers ?? []).filter((f) => f !== finalizer);
  return { ...obj, metadata: meta };
}

/** The pvc-protection-controller. */
export function createPvcProtectionController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_PVC_PROTECTION,
    watches: ['persistentvolumeclaims', 'pods'],
    keysFor(resource, obj) {
      const ns = namespaceOf(obj);
      if (resource === 'persistentvolumeclaims')
        return isDeleting(obj) ? [`${ns}/${nameOf(obj)}`] : [];
      // Pods only matter for the claims they name (most pods name none: no key, no work).
      const claims = podClaimNames(obj);
      if (claims.length === 0) return claims;
      return claims.map((c) => `${ns}/${c}`);
    },
    reconcile(key, cache) {
      const slash = key.indexOf('/');
      const pvc = cache.get('persistentvolumeclaims', key.slice(0, slash), key.slice(slash + 1));
      if (!pvc || !isDeleting(pvc)) return { writes: [] };
      if (!pvc.metadata?.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return { writes: [] };
      if (claimInUse(pvc, cache)) return { writes: [] };
      const obj = withoutFinalizer(pvc, PVC_PROTECTION_FINALIZER);
      return {
        writes: [
          { verb: 'update', resource: 'persistentvolumeclaims', namespace: namespaceOf(pvc), obj },
        ],
      };
    },
  };
}

/** The pv-protection-controller. */
export function createPvProtectionController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_PV_PROTECTION,
    watches: ['persistentvolumes'],
    keysFor(_resource, obj) {
      return isDeleting(obj) ? [nameOf(obj)] : [];
    },
    reconcile(key, cache) {
      const pv = cache.get('persistentvolumes', undefined, key);
      if (!pv || !isDeleting(pv)) return { writes: [] };
      if (!pv.metadata?.finalizers?.includes(PV_PROTECTION_FINALIZER)) return { writes: [] };
      if (phaseOf(pv) === 'Bound') return { writes: [] };
      const obj = withoutFinalizer(pv, PV_PROTECTION_FINALIZER);
      return { writes: [{ verb: 'update', resource: 'persistentvolumes', obj }] };
    },
  };
}
