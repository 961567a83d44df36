/**
 * kubectl's views of a PodDisruptionBudget: the `get pdb` row (printPodDisruptionBudget) and
 * `describe pdb` (describePodDisruptionBudgetV1).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import { translateTimestampSince } from '../duration.ts';
import { selectorString } from './columns.ts';
import { describeEvents, PrefixWriter } from './describe.ts';

interface PdbSpec {
  minAvailable?: number | string | null;
  maxUnavailable?: number | string | null;
  selector?: LabelSelector | null;
}

interface PdbStatus {
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
}

/** `intstr.IntOrString.String()`. */
function intOrString(v: number | string): string {
  return typeof v === 'number' ? String(v) : v;
}

/** NAME, MIN AVAILABLE, MAX UNAVAILABLE, ALLOWED DISRUPTIONS, AGE (`N/A` for the unset one). */
export function podDisruptionBudgetRow(obj: KubeObject, o: { now: number }): string[] {
  const spec = (obj.spec ?? {}) as PdbSpec;
  const status = (obj.status ?? {}) as PdbStatus;
  return [
    obj.metadata?.name ?? '',
    spec.minAvailable != null ? intOrString(spec.minAvailable) : 'N/A',
    spec.maxUnavailable != null ? intOrString(spec.maxUnavailable) : 'N/A',
    String(status.disruptionsAllowed ?? 0),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

/** `kubectl describe pdb`: the budget, its selector, the four status figures and events. */
export function describePodDisruptionBudget(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = (obj.spec ?? {}) as PdbSpec;
  const status = (obj.status ?? {}) as PdbStatus;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  if (spec.minAvailable != null) w.write(0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable != null)
    w.write(0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
  // metav1.FormatLabelSelector: an empty selector (everything) prints as <none>.
  if (spec.selector) w.write(0, `Selector:\t${selectorString(spec.selector) || '<none>'}\n`);
  else w.write(0, 'Selector:\t<unset>\n');
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${status.expectedPods ?? 0}\n`);
  if (events) describeEvents(w, events, now);
  return w.toString();
}
