/**
 * Helpers for the scenario tests: build objects the way kubectl does, read the cluster's
 * events as `kubectl get events` rows, and run console lines as the transcript runner does.
 */
import { runAction } from '../../cli/actions.ts';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';

/**
 * A console session where `sleep` and `sim` lines work as in a transcript: `sh(line)` runs a
 * simulation action or a console line and lets the cluster settle.
 */
export function transcriptSession(seed = 1) {
  const s = engineSession(seed);
  const sh = (line: string) => {
    const action = runAction(s.cluster, line);
    if (!action) return s.run(line);
    s.host.settle();
    return { out: action.stdout, err: action.stderr, code: action.exitCode };
  };
  return { ...s, sh };
}

/** What `kubectl create deployment NAME --image=IMAGE [--replicas=N]` sends. */
export function kubectlDeployment(
  name: string,
  image: string,
  replicas = 1,
  resources: Record<string, unknown> = {},
): KubeObject {
  const container = image
    .split('/')
    .pop()!
    .replace(/[:@].*$/, '');
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      creationTimestamp: null,
      labels: { app: name },
      name,
    } as unknown as KubeObject['metadata'],
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels: { app: name } },
        spec: { containers: [{ image, name: container, resources }] },
      },
    },
    status: {},
  };
}

/** One `kubectl get events` row: TYPE, REASON, OBJECT (kind/name), MESSAGE. */
export type EventRow = [type: string, reason: string, object: string, message: string];

function eventSeq(name: string): bigint {
  return BigInt(`0x${name.slice(name.lastIndexOf('.') + 1)}`);
}

/** Events of a namespace in the order they were first recorded. */
export function eventRows(c: Cluster, namespace = 'default'): EventRow[] {
  return c
    .snapshot()
    .list('events', namespace)
    .slice()
    .sort((a, b) => {
      const x = eventSeq(a.metadata?.name ?? '');
      const y = eventSeq(b.metadata?.name ?? '');
      return x < y ? -1 : x > y ? 1 : 0;
    })
    .map((e) => {
      const o = e.involvedObject as { kind: string; name: string };
      return [
        e.type as string,
        e.reason as string,
        `${o.kind.toLowerCase()}/${o.name}`,
        e.message as string,
      ];
    });
}

/** Events with their count, for back-off scenarios. */
export function eventCounts(c: Cluster, namespace = 'default'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of c.snapshot().list('events', namespace)) {
    const o = e.involvedObject as { kind: string; name: string };
    out[`${e.reason} ${o.kind.toLowerCase()}/${o.name}: ${e.message}`] = e.count as number;
  }
  return out;
}

export function podsOf(c: Cluster, namespace = 'default'): KubeObject[] {
  return [...c.snapshot().list('pods', namespace)];
}

export function nodeOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string }).nodeName;
}

export function phaseOf(pod: KubeObject): string | undefined {
  return (pod.status as { phase?: string } | undefined)?.phase;
}

/** The waiting/running state of the first container, as the STATUS column would show it. */
export function containerState(pod: KubeObject): string {
  const cs = (
    pod.status as
      | { containerStatuses?: { state?: Record<string, { reason?: string }> }[] }
      | undefined
  )?.containerStatuses?.[0];
  if (!cs?.state) return phaseOf(pod) ?? '';
  if (cs.state.running) return 'Running';
  if (cs.state.waiting) return cs.state.waiting.reason ?? 'Waiting';
  if (cs.state.terminated) return cs.state.terminated.reason ?? 'Terminated';
  return '';
}
