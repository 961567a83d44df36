/**
 * Completion indexes of Indexed Jobs, after pkg/controller/job/indexed_job_utils.go of
 * Kubernetes 1.32: each pod of an Indexed Job carries its index in the
 * `batch.kubernetes.io/job-completion-index` annotation (and label), and the Job lists the
 * indexes that succeeded in `status.completedIndexes` as ordered intervals, `1,3-5,7`.
 */
import type { KubeObject } from '../api/types.ts';

/** `batch.JobCompletionIndexAnnotation`, also the label of the same name (PodIndexLabel, GA). */
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
/** `completionIndexEnvName`. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** Closed intervals `[first, last]`, sorted and neither overlapping nor touching. */
export type Intervals = readonly (readonly [number, number])[];

/** `getCompletionIndex`: the pod's index, or -1 when it has none or it is not a whole number. */
export function completionIndexOf(pod: KubeObject): number {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_KEY];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return -1;
  const ix = Number(text);
  return ix >= 0 && Number.isSafeInteger(ix) ? ix : -1;
}

/**
 * `parseIndexesFromString`: the intervals of `completedIndexes`, dropping what is not below
 * `completions` (a Job whose completions shrank) and skipping unreadable parts.
 */
export function parseIndexes(text: string | undefined, completions: number): Intervals {
  if (!text) return [];
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const limits = part.split('-');
    const first = atoi(limits[0] ?? '');
    if (first === undefined) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const l = atoi(limits[1] ?? '');
      if (l === undefined) continue;
      last = Math.min(l, completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev[1] === first - 1) prev[1] = last;
    else out.push([first, last]);
  }
  return out;
}

/** Go's strconv.Atoi for the decimal forms that matter here. */
function atoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** `orderedIntervals.String`: `0`, `0,1`, `0-2`, joined by commas. */
export function formatIndexes(intervals: Intervals): string {
  const parts: string[] = [];
  for (const [first, last] of intervals) {
    if (last === first) parts.push(String(first));
    else parts.push(`${first}${last === first + 1 ? ',' : '-'}${last}`);
  }
  return parts.join(',');
}

/** `withOrderedIndexes`: the intervals with sorted `indexes` added (merged where they touch). */
export function withIndexes(intervals: Intervals, indexes: readonly number[]): Intervals {
  const all: [number, number][] = [
    ...intervals.map(([a, b]) => [a, b] as [number, number]),
    ...indexes.map((i) => [i, i] as [number, number]),
  ].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [first, last] of all) {
    const prev = out[out.length - 1];
    if (prev && first <= prev[1] + 1) prev[1] = Math.max(prev[1], last);
    else out.push([first, last]);
  }
  return out;
}

/** `orderedIntervals.total`: how many indexes. */
export function totalIndexes(intervals: Intervals): number {
  let n = 0;
  for (const [first, last] of intervals) n += last - first + 1;
  return n;
}

/** `orderedIntervals.has`. */
export function hasIndex(intervals: Intervals, ix: number): boolean {
  return intervals.some(([first, last]) => first <= ix && ix <= last);
}

/**
 * `firstPendingIndexes`: the `count` lowest indexes below `completions` that neither succeeded
 * nor have an active pod.
 */
export function firstPendingIndexes(
  succeeded: Intervals,
  active: readonly KubeObject[],
  count: number,
  completions: number,
): number[] {
  if (count <= 0) return [];
  const activeIndexes = [
    ...new Set(active.map(completionIndexOf).filter((i) => i >= 0 && i < completions)),
  ].sort((a, b) => a - b);
  const taken = withIndexes(succeeded, activeIndexes);
  const out: number[] = [];
  let candidate = 0;
  for (const [first, last] of taken) {
    for (; candidate < completions && out.length < count && candidate < first; candidate++) {
      out.push(candidate);
    }
    if (candidate < last + 1) candidate = last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}

/**
 * `appendDuplicatedIndexPodsForRemoval` (first part of `activePodsForRemoval`): active pods with
 * no valid index are removed before any other, and of pods sharing an index all but the most
 * advanced one (the last in `lessActiveFirst` order). Returns those and the rest.
 */
export function duplicatedIndexPods(
  pods: readonly KubeObject[],
  completions: number,
  lessActiveFirst: (a: KubeObject, b: KubeObject) => number,
): { remove: KubeObject[]; keep: KubeObject[] } {
  const remove: KubeObject[] = [];
  const keep: KubeObject[] = [];
  const byIndex = new Map<number, KubeObject[]>();
  for (const p of pods) {
    const ix = completionIndexOf(p);
    if (ix < 0 || ix >= completions) remove.push(p);
    else {
      const same = byIndex.get(ix);
      if (same) same.push(p);
      else byIndex.set(ix, [p]);
    }
  }
  for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
    const same = (byIndex.get(ix) ?? []).sort(lessActiveFirst);
    remove.push(...same.slice(0, -1));
    keep.push(...same.slice(-1));
  }
  return { remove, keep };
}

/** `podGenerateNameWithIndex`: `<job>-<index>-`, the job name cut to fit 58 characters. */
export function indexedGenerateName(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > 58 ? jobName.slice(0, 58 - suffix.length) + suffix : prefix;
}
