/**
 * The drain helper's pod removal (k8s.io/kubectl/pkg/drain, 1.32), in virtual time:
 *
 * - evictPods: one loop per pod, each printing `evicting pod NS/NAME` and POSTing an Eviction;
 *   a 429 (a PodDisruptionBudget allows no disruption) prints `error when evicting pods/"X" -n
 *   "NS" (will retry after 5s): …` and tries again 5 s later; an allowed eviction then waits for
 *   the pod to go (`pod/X evicted`). With --timeout a retry after the deadline fails with
 *   `global timeout reached`; a wait still running at the deadline ends with the poll's
 *   `context deadline exceeded`.
 * - deletePods (--disable-eviction): plain DELETEs, nothing printed until each pod is gone
 *   (`pod/X deleted`); --timeout bounds the wait (`context deadline exceeded`).
 *
 * Without --timeout kubectl would go on for ever: the console stops after a while of cluster
 * time (10 minutes of waiting for pods to go, 1 minute of refused evictions) with a note and
 * exit 1, as an interrupt would.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { goDurationString, parseTimestamp } from '../duration.ts';
import { ExitError, renderStatus } from '../errors.ts';
import { peekObject } from './common.ts';

/** How long the console waits where kubectl drain, without --timeout, would wait forever. */
export const DRAIN_FOREVER_MS = 10 * 60_000;
/** How long the console retries refused evictions where kubectl would retry forever. */
export const EVICTION_RETRY_CAP_MS = 60_000;
/** The drain helper's pause between refused evictions. */
const RETRY_MS = 5_000;
/** waitForDelete's poll interval (wait.PollImmediate every second). */
const POLL_MS = 1_000;

const q = (s: string | undefined) => JSON.stringify(s ?? '');

/** Lets `ms` of cluster time pass (the clock moves even when nothing is scheduled). */
function sleep(ctx: Ctx, ms: number): void {
  if (ms <= 0) return;
  if (ctx.host.advance) ctx.host.advance(ms);
  else ctx.host.runUntil(() => false, ms);
}

interface Removal {
  /** Errors in the order the pods' loops ended (what utilerrors.NewAggregate gets). */
  errors: string[];
  /**
   * deletePods fails with one plain error, not an aggregate: how CheckErr prints it when it is
   * the only node's (`error: …`, or the server's `Error from server (…): …`).
   */
  alone?: string;
}

/** What waitForDelete's poll sees of a pod: gone, skipped (old deletion) or still there. */
function waitState(ctx: Ctx, p: KubeObject): 'gone' | 'skip' | 'there' {
  const cur = peekObject(ctx, 'pods', p.metadata?.namespace, p.metadata?.name ?? '');
  if (!cur || cur.metadata?.uid !== p.metadata?.uid) return 'gone';
  const skipAfter = ctx.num('skip-wait-for-delete-timeout', 0);
  const ts = parseTimestamp(cur.metadata?.deletionTimestamp);
  if (skipAfter > 0 && ts !== undefined && Math.trunc((ctx.now() - ts) / 1000) > skipAfter)
    return 'skip';
  return 'there';
}

/** Prints what waitForDelete prints for pods that went (or are skipped); returns the rest. */
function settleWaits(ctx: Ctx, pods: KubeObject[], verb: 'evicted' | 'deleted'): KubeObject[] {
  const still: KubeObject[] = [];
  const skipAfter = ctx.num('skip-wait-for-delete-timeout', 0);
  for (const p of pods) {
    const state = waitState(ctx, p);
    // Each poll GETs the pod (-v=6 logs it; the console reads what it holds).
    ctx.requestLog?.unsent(
      'GET',
      'pods',
      p.metadata?.namespace,
      p.metadata?.name ?? '',
      {},
      peekObject(ctx, 'pods', p.metadata?.namespace, p.metadata?.name ?? '') ? 200 : 404,
    );
    if (state === 'gone') ctx.out(`pod/${p.metadata?.name} ${verb}\n`);
    else if (state === 'skip')
      ctx.out(
        `pod ${q(p.metadata?.name)} has DeletionTimestamp older than ${skipAfter} seconds, skipping\n`,
      );
    else still.push(p);
  }
  return still;
}

/** The console's stand-in for an interrupt: a note, exit 1. */
function stopWaiting(
  ctx: Ctx,
  limit: number,
  waiting: KubeObject[],
  refused: KubeObject[],
  dryRunDeletes = false,
): never {
  const names = (ps: KubeObject[]) => ps.map((p) => `pod ${q(p.metadata?.name)}`).join(', ');
  ctx.err(
    dryRunDeletes
      ? `(this console stopped waiting after ${goDurationString(limit)}: kubectl drain --disable-eviction --dry-run=server deletes nothing, then waits for the pods to go, and ${names(waiting)} never will; use --timeout)\n`
      : refused.length > 0
        ? `(this console stopped after ${goDurationString(limit)}: kubectl drain retries every 5s, for as long as a disruption budget refuses, the eviction of ${names(refused)}; use --timeout)\n`
        : `(this console stopped waiting after ${goDurationString(limit)}: kubectl drain waits until the evicted pods are gone, and ${names(waiting)} is still terminating; use --timeout or --skip-wait-for-delete-timeout)\n`,
  );
  throw new ExitError(1);
}

/** evictPods: every pod's eviction loop and wait, interleaved in cluster time. */
export function evictPods(ctx: Ctx, pods: KubeObject[], serverDryRun: boolean): Removal {
  const timeout = ctx.num('timeout', 0);
  const grace = ctx.num('grace-period', -1);
  const start = ctx.now();
  const deadline = timeout > 0 ? start + timeout : Number.POSITIVE_INFINITY;
  const suffix = serverDryRun ? ' (server dry run)' : '';
  const errors: string[] = [];
  /** Pods whose eviction was refused → when their loop tries again. */
  const retries = new Map<KubeObject, number>();
  let waiting: KubeObject[] = [];
  let clock = start;
  const attempt = (p: KubeObject) => {
    const name = p.metadata?.name ?? '';
    const ns = p.metadata?.namespace;
    // -v=2 and above: drain's OnPodDeletionOrEvictionStarted prints the pod first.
    if (!serverDryRun && (ctx.requestLog?.level ?? 0) >= 2)
      ctx.out(`pod/${name} eviction started\n`);
    ctx.out(`evicting pod ${ns}/${name}${suffix}\n`);
    if (clock >= deadline) {
      errors.push(
        `error when evicting pods/${q(name)} -n ${q(ns)}: global timeout reached: ${goDurationString(timeout)}`,
      );
      return;
    }
    const r = ctx.host.api.delete('pods', ns, name, {
      eviction: true,
      ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
      ...(serverDryRun ? { dryRun: true } : {}),
    });
    if (r.ok) {
      // A server dry run evicts nothing, so the loop does not wait.
      if (!serverDryRun) waiting.push(p);
    } else if (r.status.reason === 'TooManyRequests') {
      ctx.err(
        `error when evicting pods/${q(name)} -n ${q(ns)} (will retry after 5s): ${r.status.message}\n`,
      );
      retries.set(p, clock + RETRY_MS);
    } else if (
      r.status.reason === 'Forbidden' &&
      r.status.details?.causes?.some((c) => c.type === 'NamespaceTerminating')
    ) {
      // An eviction in a namespace being deleted is refused: a pod already being deleted is
      // waited for, another is tried again until it is.
      if (p.metadata?.deletionTimestamp) {
        if (!serverDryRun) waiting.push(p);
      } else {
        ctx.err(
          `error when evicting pod ${q(name)} from terminating namespace ${q(ns)} (will retry after 5s): ${r.status.message}\n`,
        );
        retries.set(p, clock + RETRY_MS);
      }
    } else if (r.status.reason !== 'NotFound') {
      errors.push(`error when evicting pods/${q(name)} -n ${q(ns)}: ${r.status.message}`);
    }
  };
  // One goroutine a pod, started in list order; Go's scheduler most often runs the one started
  // last first (it waits in the P's runnext slot), then the others in order: the order a real
  // kubectl 1.32 prints its `evicting pod` lines in (always so with two pods in our checks).
  const order =
    pods.length > 1 ? [pods[pods.length - 1] as KubeObject, ...pods.slice(0, -1)] : pods;
  // CheckEvictionSupport: the core group's resources (is pods/eviction served?), read once.
  if (pods.length > 0) ctx.requestLog?.request('GET', '/api/v1', 200);
  for (const p of order) attempt(p);
  for (;;) {
    waiting = settleWaits(ctx, waiting, 'evicted');
    if (clock >= deadline) {
      for (const p of waiting)
        errors.push(
          // The poll's context ends first: its error, not the condition's `global timeout`.
          `error when waiting for pod ${q(p.metadata?.name)} in namespace ${q(p.metadata?.namespace)} to terminate: context deadline exceeded`,
        );
      waiting = [];
    }
    if (retries.size === 0 && waiting.length === 0) break;
    const cap = start + (retries.size > 0 ? EVICTION_RETRY_CAP_MS : DRAIN_FOREVER_MS);
    let next = Math.min(...retries.values(), cap);
    // The waits poll every second: pods that went between two polls are seen together, and
    // printed in the order drain listed them.
    if (waiting.length > 0) next = Math.min(next, deadline, clock + POLL_MS);
    sleep(ctx, next - clock);
    clock = next;
    if (timeout <= 0 && clock >= cap) stopWaiting(ctx, cap - start, waiting, [...retries.keys()]);
    for (const p of order) {
      const at = retries.get(p);
      if (at === undefined || at > clock) continue;
      retries.delete(p);
      attempt(p);
    }
  }
  return { errors };
}

/** deletePods (--disable-eviction): DELETE each, then wait for all of them to go. */
export function deletePods(ctx: Ctx, pods: KubeObject[], serverDryRun: boolean): Removal {
  const grace = ctx.num('grace-period', -1);
  for (const p of pods) {
    const r = ctx.host.api.delete('pods', p.metadata?.namespace, p.metadata?.name ?? '', {
      ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
      ...(serverDryRun ? { dryRun: true } : {}),
    });
    // The first failed DELETE ends the node's removal with its error.
    if (!r.ok && r.status.reason !== 'NotFound')
      return { errors: [r.status.message], alone: renderStatus(r.status).trimEnd() };
    // -v=2 and above: OnPodDeletionOrEvictionStarted, through drain's printer.
    if ((ctx.requestLog?.level ?? 0) >= 2)
      ctx.out(
        `pod/${p.metadata?.name} deletion started${serverDryRun ? ' (server dry run)' : ''}\n`,
      );
  }
  // A server dry run deletes nothing, yet deletePods waits for the pods all the same (kubectl
  // 1.32 has no dry-run exception there): only --timeout ends that wait.
  const timeout = ctx.num('timeout', 0);
  const limit = timeout > 0 ? timeout : DRAIN_FOREVER_MS;
  const start = ctx.now();
  let waiting = [...pods];
  for (;;) {
    // One poll a second over every pod still there, in the order drain listed them.
    waiting = settleWaits(ctx, waiting, 'deleted');
    if (waiting.length === 0) return { errors: [] };
    const left = start + limit - ctx.now();
    if (left > 0) {
      sleep(ctx, Math.min(POLL_MS, left));
      continue;
    }
    if (timeout <= 0) stopWaiting(ctx, limit, waiting, [], serverDryRun);
    // wait.PollUntilContextTimeout's own deadline.
    return { errors: ['context deadline exceeded'], alone: 'error: context deadline exceeded' };
  }
}
