/**
 * What the console says when it stops a wait kubectl would keep up: `kubectl delete` waits for
 * the objects to be gone with no limit of its own (`--timeout=0`: a week), `kubectl rollout
 * status` until the rollout ends (`--timeout=0s`: never gives up). The console cannot hang; it
 * stops after its own limit of cluster time and says so, in the words of drain's note, rather
 * than with a timeout error kubectl would not print.
 */

/** How long the console waits for what kubectl would wait for without end (cluster time). */
export const CONSOLE_WAIT_MS = 10 * 60_000;

/** The note after `kubectl delete` stopped waiting for `resource/name`, held by `finalizers`. */
export function deleteWaitNote(
  resource: string,
  name: string,
  finalizers: readonly string[],
): string {
  const why =
    finalizers.length > 0
      ? `is held by its finalizers [${finalizers.join(' ')}]`
      : 'is still terminating';
  return `(this console stopped waiting after 10m0s: kubectl delete waits until the object is gone, up to a week, and ${resource}/${name} ${why}; use --wait=false or --timeout)\n`;
}

/** The note after `kubectl rollout status` stopped waiting for a rollout that has not ended. */
export function rolloutWaitNote(): string {
  return '(this console stopped waiting after 10m0s: kubectl rollout status waits until the rollout ends, with no limit unless --timeout is given; use --watch=false or --timeout)\n';
}

/** The note after `kubectl wait --timeout=-1s` (kubectl: a week) stopped waiting. */
export function waitWaitNote(): string {
  return '(this console stopped waiting after 10m0s: kubectl wait with a negative --timeout waits up to a week; give a --timeout of your own)\n';
}
