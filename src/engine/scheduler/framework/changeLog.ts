/**
 * Which entries of a node array were replaced, for an array its owner changes in place (the
 * scheduler's NodeInfo list: one entry replaced per placed pod or pod update).
 *
 * Why: the caches derived from a node array (the node table, PodTopologySpread's per-node
 * counts) used to compare every entry with the NodeInfo they last saw, on every cycle: 1,000
 * reference checks per pod at 1,000 nodes, for the few nodes that actually changed. With a log
 * they visit only the indexes written since their last visit, and still compare references
 * there, so the result is the same as the full comparison. Arrays nobody logs for (tests,
 * one-off calls) keep the full comparison.
 *
 * The owner must log every in-place write (`array[i] = …`, `push`); an array it replaces
 * wholesale (a node deleted) needs a log of its own.
 */
import type { NodeInfo } from './nodeInfo.ts';

/**
 * Indexes written, in order. `start` is the position of `entries[0]` in the array's whole
 * history, so a reader keeps one number (the position it has read up to).
 */
export interface ChangeLog {
  start: number;
  entries: number[];
}

/**
 * Entries kept before the log starts over: a reader that has fallen further behind compares
 * every entry once, as without a log.
 */
const MAX_ENTRIES = 4096;

const logs = new WeakMap<readonly NodeInfo[], ChangeLog>();

/** Starts logging the writes to `nodes` (a fresh array, or one whose readers all start over). */
export function trackChanges(nodes: readonly NodeInfo[]): ChangeLog {
  const log: ChangeLog = { start: 0, entries: [] };
  logs.set(nodes, log);
  return log;
}

/** Records that index `i` of the logged array was written. */
export function noteChange(log: ChangeLog, i: number): void {
  if (log.entries.length >= MAX_ENTRIES) {
    log.start += log.entries.length;
    log.entries = [];
  }
  log.entries.push(i);
}

/** The log of `nodes`, if its owner keeps one. */
export function changeLogOf(nodes: readonly NodeInfo[]): ChangeLog | undefined {
  return logs.get(nodes);
}

/** The position just after the last entry (what a reader that is up to date has read). */
export function logEnd(log: ChangeLog): number {
  return log.start + log.entries.length;
}

/**
 * Whether a reader that last read `read` up to position `seen` can catch up from `log`: the same
 * log (a re-tracked array starts a new one), and nothing it has not read dropped.
 */
export function canCatchUp(log: ChangeLog, read: ChangeLog | undefined, seen: number): boolean {
  return read === log && seen >= log.start && seen <= logEnd(log);
}
