/**
 * Timings of a kubeadm control plane whose etcd stops alone (its manifest moved out of
 * /etc/kubernetes/manifests): kube-apiserver runs on, but every request that needs storage
 * waits for the etcd client until the request deadline; its /livez includes the `etcd` check,
 * so kubeadm's liveness probe (every 10 s, 8 failures) gets it killed; started again without
 * etcd, it gives up after the etcd client's dial timeout and crash-loops under the kubelet's
 * back-off until etcd is back.
 */

/** kube-apiserver's default `--request-timeout`: what a request waiting on etcd gets at most. */
export const API_REQUEST_TIMEOUT_MS = 60_000;

/** kubeadm's liveness probe of kube-apiserver: `periodSeconds: 10`. */
export const LIVEZ_PERIOD_MS = 10_000;

/** kubeadm's liveness probe of kube-apiserver: `failureThreshold: 8`. */
export const LIVEZ_FAILURE_THRESHOLD = 8;

/**
 * How long a kube-apiserver started without etcd runs before it exits (`Error creating leases:
 * error creating storage factory: context deadline exceeded`): the etcd client's 20 s dial
 * timeout.
 */
export const API_GIVE_UP_MS = 20_000;

/** From a kube-apiserver start (etcd answering) to serving requests. */
export const API_START_MS = 5_000;

/** The kubelet's crash back-off: 10 s, doubling, at most 5 minutes. */
const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

/**
 * When the kubelet kills a kube-apiserver (running since `startedAt`) whose etcd went at
 * `etcdGoneAt`: at the 8th failed probe, the probes falling every 10 s from the container's
 * start.
 */
export function livenessKillAt(startedAt: number, etcdGoneAt: number): number {
  const since = Math.max(0, etcdGoneAt - startedAt);
  const firstFailed = startedAt + (Math.floor(since / LIVEZ_PERIOD_MS) + 1) * LIVEZ_PERIOD_MS;
  return firstFailed + (LIVEZ_FAILURE_THRESHOLD - 1) * LIVEZ_PERIOD_MS;
}

/**
 * The starts of kube-apiserver's containers from `firstStart` on while etcd stays away (each
 * runs `API_GIVE_UP_MS`, exits, and waits out the back-off), up to `until`.
 */
export function crashLoopStarts(firstStart: number, until: number): number[] {
  const starts: number[] = [];
  let at = firstStart;
  let backoff = BACKOFF_INITIAL_MS;
  while (at <= until && starts.length < 1000) {
    starts.push(at);
    at += API_GIVE_UP_MS + backoff;
    backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  }
  return starts;
}

/**
 * When a crash-looping kube-apiserver (first started at `firstStart`) serves again once etcd is
 * back at `etcdBackAt`: the container running then finds it (a few seconds of start-up still to
 * go); between two containers, the next start does.
 */
export function servesAgainAt(firstStart: number, etcdBackAt: number): number {
  let at = firstStart;
  let backoff = BACKOFF_INITIAL_MS;
  for (;;) {
    if (etcdBackAt < at) return at + API_START_MS;
    if (etcdBackAt < at + API_GIVE_UP_MS) return etcdBackAt + API_START_MS;
    at += API_GIVE_UP_MS + backoff;
    backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  }
}
