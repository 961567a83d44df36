/**
 * Virtual time. The engine never reads the wall clock: virtual milliseconds count from the
 * moment the cluster's components start (virtual 0). They run for `START_MS` (a warm-up that
 * absorbs start-up chatter) before the learner arrives at 2026-01-06T00:00:00Z. The cluster's
 * objects were created `BOOTSTRAP_AGE_MS` before that, at the fixed epoch, so `kubectl get`
 * shows AGE like `5d` when the learner starts.
 */
import { flat } from './flat.ts';

/** Wall-clock time of the cluster's creation: 2026-01-01T00:00:00Z. */
export const EPOCH_MS = Date.UTC(2026, 0, 1);
/** How long ago the cluster was created when the learner starts. */
export const BOOTSTRAP_AGE_MS = 5 * 24 * 60 * 60 * 1000;
/** Virtual time at which the learner arrives (after the components' warm-up). */
export const START_MS = 30_000;
/** Virtual time at which bootstrap objects were created. */
export const BOOTSTRAP_AT = START_MS - BOOTSTRAP_AGE_MS;

/** Unix milliseconds of a virtual time. */
export function epochMs(virtualMs: number): number {
  return EPOCH_MS + BOOTSTRAP_AGE_MS - START_MS + virtualMs;
}

/** RFC 3339 timestamp with second precision, as in `metadata.creationTimestamp`. */
export function rfc3339(virtualMs: number): string {
  const second = Math.floor(epochMs(virtualMs) / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastStamp = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastStamp;
}
/** The last formatted second (many writes share one virtual second). */
let lastSecond = Number.NaN;
let lastStamp = '';

/** RFC 3339 with microseconds, as in `MicroTime` fields (Lease `renewTime`, Event `eventTime`). */
export function rfc3339Micro(virtualMs: number): string {
  const ms = Math.floor(epochMs(virtualMs));
  if (ms !== lastMicroMs) {
    lastMicroMs = ms;
    lastMicroStamp = flat(`${new Date(ms).toISOString().slice(0, 23)}000Z`);
  }
  return lastMicroStamp;
}
/** The last formatted millisecond (the Events and Lease renewals of one step share it). */
let lastMicroMs = Number.NaN;
let lastMicroStamp = '';

/** Parse an RFC 3339 timestamp back into virtual milliseconds. */
export function parseTimestamp(ts: string): number {
  return Date.parse(ts) - EPOCH_MS - BOOTSTRAP_AGE_MS + START_MS;
}

/** Virtual time as Unix nanoseconds (for Event names), exact via BigInt. */
export function unixNanos(virtualMs: number): bigint {
  return BigInt(Math.floor(epochMs(virtualMs))) * 1_000_000n;
}
