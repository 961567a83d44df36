/**
 * The kubelet posts each Event as its sync does the work it reports on, and the pod's status
 * afterwards (the status manager sends what the sync found): Pulling before the PullImage call,
 * Pulled when the image is there, Created after CreateContainer, Started after StartContainer,
 * and only then the PATCH that makes the pod Running. Killing comes before the StopContainer.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('the order of the kubelet’s Events, CRI calls and status patches', () => {
  it('reports each step as it does it, the Running status last', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const from = c.messages.length;
    c.client('kubectl').create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    c.settle({ maxMs: 60_000 });
    const steps = c.messages
      .slice(from)
      .filter((m) => m.from.startsWith('kubelet/') && m.ref?.name?.startsWith('web'))
      .map((m) => {
        if (m.ref?.resource === 'events') {
          const e = c.peek('events', 'default', m.ref.name);
          return `event ${(e as { reason?: string } | undefined)?.reason}`;
        }
        if (m.kind === 'api.patch') {
          const phase = (
            c.frame(m.seq + 2)?.get('pods', 'default', 'web')?.status as {
              containerStatuses?: { state?: Record<string, unknown> }[];
            }
          )?.containerStatuses?.[0]?.state;
          return `status ${Object.keys(phase ?? {}).join()}`;
        }
        return m.kind;
      });
    expect(steps).toEqual([
      'cri.runPodSandbox',
      'status waiting',
      'event Pulling',
      'cri.pullImage',
      'status waiting',
      'event Pulled',
      'cri.createContainer',
      'event Created',
      'cri.startContainer',
      'event Started',
      'status running',
    ]);

    const stop = c.messages.length;
    c.client('kubectl').delete('pods', 'default', 'web');
    c.settle({ maxMs: 60_000 });
    const killing = c.messages
      .slice(stop)
      .filter((m) => m.from.startsWith('kubelet/'))
      .map((m) => (m.ref?.resource === 'events' ? 'event' : m.kind));
    expect(killing.slice(0, 2)).toEqual(['event', 'cri.stopContainer']);
  });
});
