/**
 * `kubectl rollout status --revision=N` (rollout_status.go, polymorphichelpers
 * DeploymentStatusViewer of kubectl 1.32): a negative N is refused by Validate; for a Deployment
 * the revision it runs (its `deployment.kubernetes.io/revision` annotation) must be N, checked on
 * every status read before anything else. The DaemonSet and StatefulSet viewers ignore it.
 */
import type { KubeObject } from '../../engine/api/types.ts';

/** Validate's refusal of a negative revision, if any. */
export function revisionFlagError(revision: number): string | undefined {
  return revision < 0 ? `revision must be a positive integer: ${revision}` : undefined;
}

/** The DeploymentStatusViewer's error when the Deployment runs another revision than `revision`. */
export function deploymentRevisionError(d: KubeObject, revision: number): string | undefined {
  if (revision <= 0) return undefined;
  const name = d.metadata?.name ?? '';
  const text = d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '';
  let running = 0;
  if (text !== '') {
    // deploymentutil.Revision: strconv.ParseInt(v, 10, 64).
    if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      return `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing ${JSON.stringify(text)}: ${/^[+-]?\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`;
    }
    running = Number(text);
  }
  return running === revision
    ? undefined
    : `desired revision (${revision}) is different from the running revision (${running})`;
}
