/**
 * The stream of `kubectl get -w` / `--watch-only` (get.go `watch`): after the list (or the one
 * named object) kubectl prints one line per watch event of what it watches, until interrupted.
 *
 * The console cannot be interrupted, so the watch follows the cluster as a transcript line
 * settles it: it prints each stored change of the watched objects as it happens and stops
 * once the cluster has been quiet (nothing but lease renewals and heartbeats) for 15 s of
 * cluster time, or after 10 minutes; then it says so. `--request-timeout` bounds it instead,
 * as it bounds kubectl's watch request.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../engine/apiserver/selectors.ts';
import type { StoredChange } from '../../engine/cluster.ts';
import type { Ctx } from '../context.ts';
import { parseGoDuration } from '../flags.ts';
import type { ResourceType } from '../resources.ts';
import { CONSOLE_WAIT_MS } from './waitNote.ts';

/** How long the cluster must stay quiet before the console stops watching (settle's window). */
export const WATCH_QUIET_MS = 15_000;

/** How long past a watched object's deletionTimestamp the watch waits for its DELETED event. */
const DELETION_SLACK_MS = 5_000;

export interface WatchTarget {
  type: ResourceType;
  /** The namespace watched; undefined: every namespace (or a cluster-scoped type). */
  namespace: string | undefined;
  /** The one object watched (`get pod web -w`), else the whole collection. */
  name?: string;
  labelSelector: string;
  fieldSelector: string;
}

/** `--request-timeout` in ms (a bare number is seconds); 0 when not given or zero. */
export function requestTimeoutMs(ctx: Ctx): number {
  const v = ctx.str('request-timeout').trim();
  if (v === '' || v === '0') return 0;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const ms = parseGoDuration(v);
  if (typeof ms !== 'number') {
    ctx.fail(
      'Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)',
    );
  }
  return Math.max(0, ms);
}

/** What the console says when it stops a watch kubectl would keep up. */
export function watchStoppedNote(command = 'kubectl get'): string {
  return `(this console stopped watching: the cluster has settled and nothing more changes until you act; ${command} -w keeps watching until you press Ctrl+C)\n`;
}

/**
 * Let the cluster run and hand each change of the watched objects to `print`, one event at a
 * time, in the order they were stored. An object that stops matching the selectors is printed
 * once more as it last matched (the watch's DELETED event).
 */
export function watchChanges(
  ctx: Ctx,
  target: WatchTarget,
  print: (obj: KubeObject, event: StoredChange['type']) => void,
  current: readonly KubeObject[] = [],
): void {
  const host = ctx.host;
  const timeout = requestTimeoutMs(ctx);
  if (!host.observe) {
    ctx.err(
      '(this console cannot keep watching: that was the state now; run the command again to see changes)\n',
    );
    return;
  }
  const labels = parseLabelSelector(target.labelSelector);
  const fields = parseFieldSelector(target.fieldSelector);
  const matches = (o: KubeObject): boolean =>
    (target.name === undefined || o.metadata?.name === target.name) &&
    matchesLabels(labels, o.metadata?.labels) &&
    matchesFields(fields, o, target.type.resource);
  const key = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  const shown = new Map<string, KubeObject>();
  for (const o of current) shown.set(key(o), o);
  // A watched object being deleted gets its DELETED event once its grace period is over:
  // the watch waits for that (a few seconds past its deletionTimestamp) even when quiet.
  const deletionsDueBy = (): number => {
    let due = 0;
    for (const o of shown.values()) {
      const at = o.metadata?.deletionTimestamp;
      if (at) due = Math.max(due, Date.parse(at) + DELETION_SLACK_MS);
    }
    return due;
  };
  const pending: StoredChange[] = [];
  const stop = host.observe(target.type.resource, target.namespace, (c) => {
    pending.push(c);
  });
  const started = ctx.now();
  const limit = timeout > 0 ? timeout : CONSOLE_WAIT_MS;
  const flush = (): void => {
    for (const c of pending.splice(0)) {
      const k = key(c.object);
      if (matches(c.object)) {
        // An object that comes to match the selectors is ADDED to this watch.
        const event = c.type === 'MODIFIED' && !shown.has(k) ? 'ADDED' : c.type;
        if (c.type === 'DELETED') shown.delete(k);
        else shown.set(k, c.object);
        print(c.object, event);
      } else {
        // One that stops matching is DELETED from it, as it last matched.
        const before = shown.get(k);
        if (before) {
          shown.delete(k);
          print(before, 'DELETED');
        }
      }
    }
  };
  try {
    for (;;) {
      const left = limit - (ctx.now() - started);
      if (left <= 0) break;
      let window = left;
      const busyAt = host.lastActivityAt?.() ?? ctx.now();
      if (timeout === 0) {
        const quietEnd = Math.max(busyAt, started) + WATCH_QUIET_MS;
        window = Math.min(left, Math.max(quietEnd, deletionsDueBy()) - ctx.now());
        if (window <= 0) break;
      }
      const moved = host.runUntil(
        () => pending.length > 0 || (timeout === 0 && (host.lastActivityAt?.() ?? 0) !== busyAt),
        window,
      );
      flush();
      if (moved) continue;
      // Nothing more was due in the window: quiet, or the request's time is up.
      if (timeout > 0) host.advance?.(limit - (ctx.now() - started));
      else if (host.advance && deletionsDueBy() > ctx.now()) {
        // Quiet until a deletion comes due: let the clock run to it.
        host.advance(Math.min(left, deletionsDueBy() - ctx.now()));
        continue;
      }
      break;
    }
  } finally {
    stop();
  }
  if (timeout === 0) ctx.err(watchStoppedNote(ctx.commandPath));
}
