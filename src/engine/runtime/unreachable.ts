/**
 * What a client gets when the API server is down: no HTTP answer at all, only the TCP
 * connection refused. client-go returns a plain `*url.Error` then, not a Status; the engine's
 * clients return Results, so it is a Status with HTTP code 0 ("no response"), which no real
 * Status carries, and a message in the words of Go's dialer.
 */
import type { Status } from '../api/types.ts';

/** The HTTP code of a request that got no response (see `isConnectionRefused`). */
export const NO_RESPONSE_CODE = 0;

/** The failed Result of a request to `address` (`host:port`) while nothing listens there. */
export function connectionRefused(address: string): { ok: false; status: Status } {
  return {
    ok: false,
    status: {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message: `dial tcp ${address}: connect: connection refused`,
      // A Status needs a reason; InternalError is the closest, the code tells them apart.
      reason: 'InternalError',
      code: NO_RESPONSE_CODE,
    },
  };
}

/** Whether a failed request never reached the API server (see `connectionRefused`). */
export function isConnectionRefused(status: Status): boolean {
  return status.code === NO_RESPONSE_CODE;
}
