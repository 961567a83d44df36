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
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './nodeInfo.ts';

/**
 * Indexes written, in order. `start` is the position of `entries[0]` in the array's whole
 * history, so a reader keeps one number (the position it has read up to).
 *
 * Where the owner knows how the node's pods changed with a write (`known`), it says which pod
 * left the list (`removed`) and which was appended (`added`), so that per-node pod counts can
 * follow by ±1 instead of counting the node's pods again.
 */
export interface ChangeLog {
  start: number;
  entries: number[];
  known: boolean[];
  removed: (Pod | undefined)[];
  added: (Pod | undefined)[];
}

/**
 * Entries kept before the log starts over: a reader that has fallen further behind compares
 * every entry once, as without a log.
 */
const MAX_ENTRIES = 4096;

const logs = new WeakMap<readonly NodeInfo[], ChangeLog>();

/** Starts logging the writes to `nodes` (a fresh array, or one whose readers all start over). */
export function trackChanges(nodes: readonly NodeInfo[]): ChangeLog {
  const log: ChangeLog = { start: 0, entries: [], known: [], removed: [], added: [] };
  logs.set(nodes, log);
  return log;
}

/** Records that index `i` of the logged array was written (its pods may differ in any way). */
export function noteChange(log: ChangeLog, i: number): void {
  append(log, i, false, undefined, undefined);
}

/**
 * Records that index `i` was written with a NodeInfo whose pods are the previous one's without
 * `removed` (when given: that very object) and with `added` appended (when given).
 */
export function notePodChange(
  log: ChangeLog,
  i: number,
  removed: Pod | undefined,
  added: Pod | undefined,
): void {
  append(log, i, true, removed, added);
}

function append(
  log: ChangeLog,
  i: number,
  known: boolean,
  removed: Pod | undefined,
  added: Pod | undefined,
): void {
  if (log.entries.length >= MAX_ENTRIES) {
    log.start += log.entries.length;
    log.entries = [];
    log.known = [];
    log.removed = [];
    log.added = [];
  }
  log.entries.push(i);
  log.known.push(known);
  log.removed.push(removed);
  log.added.push(added);
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
