/**
 * What an Event refers to, as client-go's references write it: the involved object's kind,
 * name, namespace, uid, apiVersion and resourceVersion, and for the kubelet's container events
 * the container (`fieldPath: spec.containers{name}`). The field path is part of the key that
 * folds repeated events into one: two containers pulling the same image are two events.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';

type Involved = {
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
};

function eventsOf(c: ReturnType<typeof createCluster>, name: string) {
  const list = c.client('kubectl').list('events', 'default');
  if (!list.ok) throw new Error(list.status.message);
  return list.value.items
    .map((e) => ({
      reason: e.reason as string,
      message: e.message as string,
      count: e.count as number,
      involved: e.involvedObject as Involved,
    }))
    .filter((e) => e.involved.name === name);
}

describe('event references', () => {
  it('names the container in kubelet container events, and the pod version in every event', () => {
    const c = createCluster({ seed: 2 });
    c.settle();
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'duo' },
      spec: {
        // Two containers of one image (not two nginx: they would both bind port 80).
        containers: [
          { name: 'a', image: 'busybox', command: ['sleep', '3600'] },
          { name: 'b', image: 'busybox', command: ['sleep', '3600'] },
        ],
      },
    };
    expect(c.client('kubectl').create('pods', 'default', pod).ok).toBe(true);
    c.settle();
    const events = eventsOf(c, 'duo');
    const uid = c.peek('pods', 'default', 'duo')?.metadata?.uid;
    for (const e of events) {
      expect(e.involved).toMatchObject({ kind: 'Pod', name: 'duo', namespace: 'default', uid });
      expect(e.involved.resourceVersion).toMatch(/^\d+$/);
    }
    const scheduled = events.find((e) => e.reason === 'Scheduled');
    expect(scheduled?.involved.fieldPath).toBeUndefined();
    const rows = events
      .filter((e) => e.reason !== 'Scheduled')
      .map((e) => `${e.reason} ${e.involved.fieldPath} ${e.count}`);
    // `Pulling image "busybox"` for both containers: the same message, yet two events, because
    // the field path is part of the key (without it the second would be the first's count 2).
    expect(rows.filter((r) => r.startsWith('Pulling '))).toEqual([
      'Pulling spec.containers{a} 1',
      'Pulling spec.containers{b} 1',
    ]);
    expect(rows.filter((r) => r.startsWith('Started ')).sort()).toEqual([
      'Started spec.containers{a} 1',
      'Started spec.containers{b} 1',
    ]);
    expect(rows.every((r) => /spec\.containers\{[ab]\}/.test(r))).toBe(true);
  });
});
