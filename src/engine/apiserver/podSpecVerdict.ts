/**
 * The verdict of a new pod's spec validation, reused for the next pod of the same template.
 *
 * ValidatePodSpec (with the ephemeral-container checks of a create) is a function of the spec
 * alone, and a ReplicaSet's pods reach it with equal specs but for one thing: the name of the
 * service-account token volume that admission adds (`kube-api-access-` and five random
 * characters), in the volume list and in every container's mounts. Renaming one volume
 * consistently, to another name of that same form, keeps every check's outcome (the name's
 * format, uniqueness among the volumes, and what each mount refers to). So a spec equal to the
 * last one that passed, up to that renaming, passes too, and is not walked through the rules
 * again: 1,000 pods of one Deployment validate their spec once.
 *
 * Only a passing verdict is kept (a refusal's messages name fields and values), and only once
 * the spec that earned it is frozen (stored): it cannot have changed since.
 */

type Obj = Record<string, unknown>;

/** The token volume names ServiceAccount admission generates (see defaults.ts defaultPod). */
const TOKEN_VOLUME = /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** The last spec that passed (not frozen yet when it was remembered). */
let passed: Obj | undefined;

/** The name of the spec's first volume named like a token volume, or undefined. */
function tokenVolumeName(spec: Obj): string | undefined {
  const volumes = spec.volumes;
  if (!Array.isArray(volumes)) return undefined;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as Obj | null;
    const name = v !== null && typeof v === 'object' ? v.name : undefined;
    if (typeof name === 'string' && name.startsWith('kube-api-access-')) return name;
  }
  return undefined;
}

/**
 * `b` is `a` with the string `x` renamed `y` wherever it occurs as a value: every other string
 * equal, and neither `x` nor `y` anywhere else on either side. Keys must match exactly; no
 * shortcut for shared objects (a shared part is compared like any other).
 */
function sameRenamed(a: unknown, b: unknown, x: string, y: string): boolean {
  if (typeof a === 'string') {
    if (typeof b !== 'string') return false;
    return a === b ? a !== x && a !== y : a === x && b === y;
  }
  if (a === null || typeof a !== 'object') return a === b;
  if (b === null || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameRenamed(a[i], b[i], x, y)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  let na = 0;
  for (const k in a as Obj) {
    na++;
    const bv = (b as Obj)[k];
    if (bv === undefined && !Object.hasOwn(b, k)) return false;
    if (!sameRenamed((a as Obj)[k], bv, x, y)) return false;
  }
  let nb = 0;
  for (const _ in b as Obj) nb++;
  return na === nb;
}

/** Whether `spec` is known to pass: equal to the last passing spec up to its token volume. */
export function knownValidPodSpec(spec: unknown): boolean {
  const prev = passed;
  if (prev === undefined || spec === null || typeof spec !== 'object' || Array.isArray(spec))
    return false;
  if (!Object.isFrozen(prev)) return false;
  const x = tokenVolumeName(prev);
  const y = tokenVolumeName(spec as Obj);
  if (x === undefined || y === undefined) {
    // No renaming: plain equality (an empty `x`/`y` is no string value of a valid spec's
    // volume, and equal strings other than it compare equal).
    return x === y && sameRenamed(prev, spec, '\u0000', '\u0000');
  }
  if (x === y || !TOKEN_VOLUME.test(x) || !TOKEN_VOLUME.test(y)) return false;
  return sameRenamed(prev, spec, x, y);
}

/** Remember `spec`, which has just passed validation, for the next pods. */
export function rememberValidPodSpec(spec: unknown): void {
  if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) passed = spec as Obj;
}
