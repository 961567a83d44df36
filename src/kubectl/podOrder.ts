/**
 * The pod orders kubectl picks "the" pod of a workload with (k8s.io/kubectl/pkg/util/podutils),
 * each through Go's sort.Sort (GetFirstPod takes the first): `kubectl logs deploy/x` sorts by
 * ByLogging (assigned, running, ready for the longest, most restarted, oldest first); exec,
 * attach and port-forward by sort.Reverse(ActivePods), whose first is the most available pod.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { goSort } from './goSort.ts';

/** metav1.Time of a timestamp, 0 for none (Go's zero time). */
const time = (t: string | undefined): number => (t ? Date.parse(t) || 0 : 0);

function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** podReadyTime: when the Ready condition became True, the zero time otherwise. */
function readyTime(p: Pod): number {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return time(c?.lastTransitionTime);
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

/** afterOrZero: t1 is the zero time, or (neither zero) t1 is after t2. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** podPhaseToOrdinal: Pending 0, Unknown 1, Running 2, any other phase 0 (a missing key). */
const PHASE: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };
const phase = (p: Pod): number => PHASE[p.status?.phase ?? ''] ?? 0;

/** podutils.ByLogging's Less. */
export function byLoggingLess(a: Pod, b: Pod): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '';
  if ((a.status?.phase ?? '') !== (b.status?.phase ?? '')) return phase(a) > phase(b);
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b)) {
    const ra = readyTime(a);
    const rb = readyTime(b);
    if (ra !== rb) return afterOrZero(rb, ra);
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = time(a.metadata?.creationTimestamp);
  const cb = time(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
}

/** podutils.ActivePods' Less (less available first). */
export function activePodsLess(a: Pod, b: Pod): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  if (phase(a) !== phase(b)) return phase(a) < phase(b);
  if (isReady(a) !== isReady(b)) return !isReady(a);
  if (isReady(a) && isReady(b)) {
    const ra = readyTime(a);
    const rb = readyTime(b);
    if (ra !== rb) return afterOrZero(ra, rb);
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = time(a.metadata?.creationTimestamp);
  const cb = time(b.metadata?.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
}

/** GetFirstPod's order for `kubectl logs TYPE/NAME`: sort.Sort(ByLogging(pods)). */
export function sortForLogging(pods: Pod[]): Pod[] {
  const out = [...pods];
  goSort(out, byLoggingLess);
  return out;
}

/** GetFirstPod's order for exec, attach and port-forward: sort.Sort(sort.Reverse(ActivePods(pods))). */
export function sortForAttaching(pods: Pod[]): Pod[] {
  const out = [...pods];
  goSort(out, (a, b) => activePodsLess(b, a));
  return out;
}
