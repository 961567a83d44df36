/**
 * `kubectl create poddisruptionbudget|pdb NAME --selector=SEL --min-available=N|--max-unavailable=N`
 * (create_pdb.go): Validate's checks in its order, the selector through ParseToLabelSelector,
 * the figure through intstr.Parse.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { parseLabelSelector } from '../../engine/apiserver/selectors.ts';
import type { Ctx } from '../context.ts';
import { oneName, submitCreated } from './create.ts';

/** `intstr.Parse`: a number when the whole string is one, else the string. */
function intstrParse(v: string): number | string {
  const n = Number.parseInt(v, 10);
  return String(n) === v ? n : v;
}

/** `metav1.ParseToLabelSelector`: `=`/`==` into matchLabels, the rest into matchExpressions. */
function toLabelSelector(ctx: Ctx, text: string): Record<string, unknown> {
  let reqs: ReturnType<typeof parseLabelSelector>;
  try {
    reqs = parseLabelSelector(text);
  } catch (e) {
    return ctx.fail(
      `couldn't parse the selector string ${JSON.stringify(text)}: ${(e as Error).message}`,
    );
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.op === '=') matchLabels[r.key] = r.value;
    else if (r.op === '!=')
      matchExpressions.push({ key: r.key, operator: 'NotIn', values: [r.value] });
    else if (r.op === 'in' || r.op === 'notin')
      matchExpressions.push({
        key: r.key,
        operator: r.op === 'in' ? 'In' : 'NotIn',
        values: r.values,
      });
    else
      matchExpressions.push({
        key: r.key,
        operator: r.op === 'exists' ? 'Exists' : 'DoesNotExist',
      });
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

export function runCreatePodDisruptionBudget(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const selector = ctx.str('selector');
  const minAvailable = ctx.str('min-available');
  const maxUnavailable = ctx.str('max-unavailable');
  if (selector === '') ctx.fail('a selector must be specified');
  if (minAvailable === '' && maxUnavailable === '')
    ctx.fail('one of min-available or max-unavailable must be specified');
  if (minAvailable !== '' && maxUnavailable !== '')
    ctx.fail('min-available and max-unavailable cannot be both specified');
  const figure = /^[0-9]+%?$/;
  if (minAvailable !== '' && !figure.test(minAvailable))
    ctx.fail('invalid format specified for min-available');
  if (maxUnavailable !== '' && !figure.test(maxUnavailable))
    ctx.fail('invalid format specified for max-unavailable');
  const obj: KubeObject = {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    spec: {
      ...(minAvailable !== '' ? { minAvailable: intstrParse(minAvailable) } : {}),
      selector: toLabelSelector(ctx, selector),
      ...(maxUnavailable !== '' ? { maxUnavailable: intstrParse(maxUnavailable) } : {}),
    },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
  submitCreated(ctx, obj, ctx.namespace, 'failed to create poddisruptionbudgets: ');
}
