/**
 * A Job's pod failure policy, success policy and per-index back-off limit, after
 * pkg/controller/job/pod_failure_policy.go, success_policy.go and indexed_job_utils.go of
 * Kubernetes 1.32 (JobPodFailurePolicy GA, JobBackoffLimitPerIndex and JobSuccessPolicy beta and
 * on). A failed pod is matched against `spec.podFailurePolicy.rules` in order: the first rule
 * whose `onExitCodes` (a non-zero exit code of a terminated container, `In` or `NotIn` the
 * values) or `onPodConditions` (a pod condition of that type and status) matches decides —
 * `Ignore` (not counted toward backoffLimit), `Count` (counted, the default), `FailJob` (the Job
 * fails at once, reason PodFailurePolicy) or `FailIndex` (the pod's index fails). A pod failure
 * policy, or `podReplacementPolicy: Failed`, makes the controller wait for a pod's Failed phase:
 * a terminating pod is neither failed nor replaced.
 */
import type { KubeObject } from '../api/types.ts';
import { completionIndexOf, hasIndex, type Intervals } from './jobIndexes.ts';
import { podConditions, podPhase, statusOf } from './objects.ts';

/** `batch.JobIndexFailureCountAnnotation`. */
export const INDEX_FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-failure-count';
/** `batch.JobIndexIgnoredFailureCountAnnotation`. */
export const INDEX_IGNORED_FAILURE_COUNT_KEY =
  'batch.kubernetes.io/job-index-ignored-failure-count';

export interface PodFailurePolicyRule {
  action?: string;
  onExitCodes?: { containerName?: string; operator?: string; values?: number[] };
  onPodConditions?: { type?: string; status?: string }[];
}

export interface FailurePolicySpec {
  podFailurePolicy?: { rules?: PodFailurePolicyRule[] } | null;
  podReplacementPolicy?: string;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  completionMode?: string;
  completions?: number;
  successPolicy?: { rules?: { succeededIndexes?: string; succeededCount?: number }[] } | null;
}

/** What `matchPodFailurePolicy` decides for one failed pod. */
export interface PolicyMatch {
  /** The FailJob message, when a FailJob rule matched. */
  failJobMessage?: string;
  /** Whether the failure counts toward backoffLimit (false only for Ignore). */
  countFailed: boolean;
  action?: string;
}

/** `onlyReplaceFailedPods`: podReplacementPolicy Failed, or a pod failure policy. */
export function onlyReplaceFailedPods(spec: FailurePolicySpec): boolean {
  return spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy != null;
}

/**
 * `isPodFailed`: a Failed pod; without a pod failure policy or `podReplacementPolicy: Failed`
 * also one being deleted that did not succeed (an orphan may never reach the Failed phase).
 */
export function isJobPodFailed(pod: KubeObject, spec: FailurePolicySpec): boolean {
  const phase = podPhase(pod);
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(spec)) return false;
  return pod.metadata?.deletionTimestamp != null && phase !== 'Succeeded';
}

interface TerminatedStatus {
  name: string;
  state?: { terminated?: { exitCode?: number } };
}

/** `getMatchingContainerFromList`: a terminated container with a matching non-zero exit code. */
function matchingContainer(
  statuses: readonly TerminatedStatus[] | undefined,
  req: NonNullable<PodFailurePolicyRule['onExitCodes']>,
): { name: string; exitCode: number } | undefined {
  for (const s of statuses ?? []) {
    const exitCode = s.state?.terminated?.exitCode;
    if (exitCode === undefined) continue;
    if (req.containerName != null && req.containerName !== s.name) continue;
    if (exitCode === 0) continue;
    const listed = Array.isArray(req.values) && req.values.includes(exitCode);
    if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) {
      return { name: s.name, exitCode };
    }
  }
  return undefined;
}

/** `matchPodFailurePolicy`: the first matching rule's verdict, else counted. */
export function matchPodFailurePolicy(spec: FailurePolicySpec, pod: KubeObject): PolicyMatch {
  const rules = spec.podFailurePolicy?.rules;
  if (!Array.isArray(rules)) return { countFailed: true };
  const status = statusOf<{
    containerStatuses?: TerminatedStatus[];
    initContainerStatuses?: TerminatedStatus[];
  }>(pod);
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as PodFailurePolicyRule | undefined;
    if (!rule || typeof rule !== 'object') continue;
    const action = rule.action ?? '';
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const c =
        matchingContainer(status.containerStatuses, rule.onExitCodes) ??
        matchingContainer(status.initContainerStatuses, rule.onExitCodes);
      if (!c) continue;
      failJobMessage = `Container ${c.name} for pod ${ns}/${name} failed with exit code ${c.exitCode} matching ${action} rule at index ${index}`;
    } else if (Array.isArray(rule.onPodConditions)) {
      const patterns = rule.onPodConditions;
      const cond = podConditions(pod).find((pc) =>
        patterns.some((p) => p?.type === pc.type && (p.status ?? 'True') === pc.status),
      );
      if (!cond) continue;
      failJobMessage = `Pod ${ns}/${name} has condition ${cond.type} matching ${action} rule at index ${index}`;
    } else continue;
    switch (action) {
      case 'Ignore':
        return { countFailed: false, action };
      case 'FailIndex':
      case 'Count':
        return { countFailed: true, action };
      case 'FailJob':
        return { failJobMessage, countFailed: true, action };
    }
  }
  return { countFailed: true };
}

/** `getFailJobMessage`: the message of the first failed pod matching a FailJob rule. */
export function failJobMessage(
  spec: FailurePolicySpec,
  pods: readonly KubeObject[],
): string | undefined {
  if (spec.podFailurePolicy == null) return undefined;
  for (const p of pods) {
    if (!isJobPodFailed(p, spec)) continue;
    const m = matchPodFailurePolicy(spec, p).failJobMessage;
    if (m !== undefined) return m;
  }
  return undefined;
}

export function hasBackoffLimitPerIndex(spec: FailurePolicySpec): boolean {
  return (
    spec.completionMode === 'Indexed' &&
    spec.completions !== undefined &&
    spec.backoffLimitPerIndex != null
  );
}

function annotationCount(pod: KubeObject, key: string): number {
  const v = pod.metadata?.annotations?.[key];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

/** `getIndexFailureCount`. */
export function indexFailureCount(pod: KubeObject): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT_KEY);
}

/** `getIndexAbsoluteFailureCount`: counted and ignored failures before this pod. */
export function indexAbsoluteFailureCount(pod: KubeObject): number {
  return indexFailureCount(pod) + annotationCount(pod, INDEX_IGNORED_FAILURE_COUNT_KEY);
}

/** `isIndexFailed`: a counted failure of a pod whose index used up its retries (or FailIndex). */
export function isIndexFailed(spec: FailurePolicySpec, pod: KubeObject): boolean {
  if (!isJobPodFailed(pod, spec)) return false;
  let counted = true;
  if (spec.podFailurePolicy != null) {
    const m = matchPodFailurePolicy(spec, pod);
    if (m.action === 'FailIndex') return true;
    counted = m.countFailed;
  }
  return counted && indexFailureCount(pod) >= (spec.backoffLimitPerIndex ?? 0);
}

/**
 * `getNewIndexFailureCounts` as `addIndexFailureCountAnnotation` writes them on the pod that
 * replaces `replaced` (the index's last failed pod), or zero for a first pod.
 */
export function indexFailureAnnotations(
  spec: FailurePolicySpec,
  replaced: KubeObject | undefined,
): Record<string, string> {
  let failures = 0;
  let ignored = 0;
  if (replaced) {
    failures = indexFailureCount(replaced);
    ignored = annotationCount(replaced, INDEX_IGNORED_FAILURE_COUNT_KEY);
    if (matchPodFailurePolicy(spec, replaced).countFailed) failures++;
    else ignored++;
  }
  return {
    [INDEX_FAILURE_COUNT_KEY]: String(failures),
    ...(ignored > 0 ? { [INDEX_IGNORED_FAILURE_COUNT_KEY]: String(ignored) } : {}),
  };
}

/**
 * `getPodsWithDelayedDeletionPerIndex`: per index neither succeeded, failed nor active, its last
 * failed pod still tracked — it keeps its finalizer until its replacement carries the count.
 */
export function podsWithDelayedDeletion(
  spec: FailurePolicySpec,
  tracked: readonly KubeObject[],
  active: readonly KubeObject[],
  succeeded: Intervals,
  failed: Intervals,
  finishedTime: (p: KubeObject) => number,
): Map<number, KubeObject> {
  const activeIndexes = new Set(active.map(completionIndexOf));
  const out = new Map<number, KubeObject>();
  const completions = spec.completions ?? 0;
  for (const p of tracked) {
    if (!isJobPodFailed(p, spec)) continue;
    const ix = completionIndexOf(p);
    if (ix < 0 || ix >= completions) continue;
    if (hasIndex(succeeded, ix) || hasIndex(failed, ix) || activeIndexes.has(ix)) continue;
    const last = out.get(ix);
    if (
      !last ||
      (indexAbsoluteFailureCount(last) <= indexAbsoluteFailureCount(p) &&
        finishedTime(p) >= finishedTime(last))
    ) {
      out.set(ix, p);
    }
  }
  return out;
}

/** Pods of an index, for `getActivePodsForIndexes`. */
export function podsOfIndexes(pods: readonly KubeObject[], indexes: Intervals): KubeObject[] {
  return pods.filter((p) => {
    const ix = completionIndexOf(p);
    return ix >= 0 && hasIndex(indexes, ix);
  });
}

/**
 * `matchSuccessPolicy`: the first rule whose `succeededIndexes` all succeeded (or at least
 * `succeededCount` of them), or with only `succeededCount`, that many indexes succeeded.
 */
export function matchSuccessPolicy(
  spec: FailurePolicySpec,
  succeeded: Intervals,
  parse: (text: string, completions: number) => Intervals,
): string | undefined {
  const rules = spec.successPolicy?.rules;
  if (!Array.isArray(rules) || succeeded.length === 0) return undefined;
  const completions = spec.completions ?? 0;
  let total = 0;
  for (const [a, b] of succeeded) total += b - a + 1;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as { succeededIndexes?: unknown; succeededCount?: number };
    if (!rule || typeof rule !== 'object') continue;
    if (rule.succeededIndexes != null) {
      const required = parse(String(rule.succeededIndexes), completions);
      if (required.length === 0) continue;
      let contains = 0;
      let need = 0;
      for (const [a, b] of required) {
        need += b - a + 1;
        for (const [c, d] of succeeded) {
          const overlap = Math.min(b, d) - Math.max(a, c) + 1;
          if (overlap > 0) contains += overlap;
        }
      }
      if (contains === need || (rule.succeededCount != null && contains >= rule.succeededCount)) {
        return `Matched rules at index ${index}`;
      }
    } else if (rule.succeededCount != null && total >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
