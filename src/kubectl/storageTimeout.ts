/**
 * kubectl against an API server that runs without etcd (etcd's manifest moved away): discovery
 * and the server version come from the server's memory, but a request that reads or writes
 * objects waits for the etcd client until the server's 60 s request deadline, and the timeout
 * filter answers 504. When the kubelet kills the server meanwhile (its liveness probe checks
 * etcd), client-go retries the GET on the closed connection and the dial is refused.
 */
import { API_REQUEST_TIMEOUT_MS } from '../engine/etcdOutage.ts';
import type { Ctx } from './context.ts';
import { ExitError } from './errors.ts';
import type { KubectlHost } from './host.ts';

/** Commands answered from the API server's memory (discovery, OpenAPI, authorization). */
const WITHOUT_STORAGE = new Set(['version', 'api-resources', 'api-versions', 'explain', 'auth']);

/**
 * If the API server has no etcd and `command` needs it: let the request's minute pass and end
 * the command as kubectl would (throws ExitError). Returns when the command may run (etcd came
 * back meanwhile, or it needs no storage).
 */
export function awaitStorage(ctx: Ctx, host: KubectlHost, command: string, server: string): void {
  if (host.apiStorageDown?.() !== true || WITHOUT_STORAGE.has(command)) return;
  const deadline = host.nowEpochMs() + API_REQUEST_TIMEOUT_MS;
  const changed = host.runUntil(() => host.apiStorageDown?.() !== true, API_REQUEST_TIMEOUT_MS);
  if (!changed) host.advance?.(Math.max(0, deadline - host.nowEpochMs()));
  if (host.apiServerUp?.() === false) {
    ctx.err(
      `The connection to the server ${server} was refused - did you specify the right host or port?\n`,
    );
    throw new ExitError(1);
  }
  if (host.apiStorageDown?.() !== true) return;
  ctx.err(
    'Error from server (Timeout): Timeout: request did not complete within requested timeout - context deadline exceeded\n',
  );
  throw new ExitError(1);
}
