/**
 * client-go's event broadcaster while the API server does not answer (tools/record
 * recordToSink): each Event is tried up to 12 times, the second try after a random part of
 * 10 s (so that clients do not all come back at once), then every 10 s; the broadcaster works
 * through its Events one at a time, so the ones behind wait for the first. An Event keeps the
 * timestamps and the name of when it was recorded.
 */

/** client-go's maxTriesPerEvent. */
export const EVENT_TRIES = 12;
/** client-go's defaultSleepDuration between tries. */
export const EVENT_RETRY_MS = 10_000;

/** An Event recorded at `at` while the API server was away. */
export interface QueuedEvent<E> {
  event: E;
  at: number;
}

/**
 * When a broadcaster whose `queue` (in recording order) built up while the API server was away
 * posts again, the API server answering from `upAt` on: the first Event still being tried then
 * goes at its next try, the rest right after it. `jitter(i)` is the random fraction of the
 * i-th Event's first wait. Returns the time and the index of the first Event posted (the ones
 * before it ran out of tries), or undefined when every one did.
 */
export function lateDelivery<E>(
  queue: readonly QueuedEvent<E>[],
  upAt: number,
  jitter: (i: number) => number,
): { at: number; from: number } | undefined {
  let free = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < queue.length; i++) {
    const start = Math.max(free, queue[i]!.at);
    if (start >= upAt) return { at: start, from: i };
    const second = start + jitter(i) * EVENT_RETRY_MS;
    const last = second + (EVENT_TRIES - 2) * EVENT_RETRY_MS;
    if (last >= upAt) {
      const k = Math.max(0, Math.ceil((upAt - second) / EVENT_RETRY_MS));
      return { at: second + k * EVENT_RETRY_MS, from: i };
    }
    free = last;
  }
  return undefined;
}

/** A fraction in [0, 1) drawn from `seed` (the cluster's random stream is left alone). */
export function seededFraction(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}
