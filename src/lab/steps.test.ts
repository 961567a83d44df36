import { describe, expect, it } from 'vitest';
import type { Actor, Message } from '../engine/index.ts';
import { cutMessages, GAP_MS, MAX_STEPS_PER_BURST } from './steps.ts';

let seq = 0;
const msg = (at: number, from: Actor, to: Actor, kind: string): Message => ({
  id: `m${seq}`,
  seq: seq++,
  at,
  from,
  to,
  kind,
  summary: { key: 'x' },
});
const shape = (groups: Message[][]) => groups.map((g) => g.map((m) => `${m.from}:${m.kind}`));

describe('cutting messages into steps', () => {
  it('keeps replies and watch deliveries with the request that caused them', () => {
    const groups = cutMessages([
      msg(0, 'kubectl', 'api-server', 'api.create'),
      msg(0, 'api-server', 'etcd', 'etcd.put'),
      msg(0, 'api-server', 'kubectl', 'api.response'),
      msg(5, 'api-server', 'scheduler', 'watch.event'),
      msg(6, 'scheduler', 'api-server', 'api.bind'),
      msg(6, 'api-server', 'etcd', 'etcd.put'),
    ]);
    expect(shape(groups)).toEqual([
      [
        'kubectl:api.create',
        'api-server:etcd.put',
        'api-server:api.response',
        'api-server:watch.event',
      ],
      ['scheduler:api.bind', 'api-server:etcd.put'],
    ]);
  });

  it('always splits at a virtual-time gap, even within one component’s work', () => {
    const groups = cutMessages([
      msg(0, 'controller-manager', 'api-server', 'api.patch'),
      msg(5, 'api-server', 'scheduler', 'watch.event'),
      msg(300_000, 'controller-manager', 'api-server', 'api.delete'),
      msg(300_000 + GAP_MS - 1, 'controller-manager', 'api-server', 'api.create'),
    ]);
    expect(groups.map((g) => g.length)).toEqual([2, 2]);
  });

  it('measures gaps from the last message that was not an echo', () => {
    const groups = cutMessages([
      msg(0, 'kubelet/node1', 'api-server', 'api.patch'),
      msg(GAP_MS - 10, 'api-server', 'scheduler', 'watch.event'),
      msg(GAP_MS, 'kubelet/node1', 'api-server', 'api.patch'),
    ]);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
  });

  it('merges a busy burst down to a few steps, smallest neighbours first', () => {
    const actors: Actor[] = ['kubectl', 'controller-manager', 'scheduler', 'kubelet/node1'];
    const burst = Array.from({ length: 12 }, (_, i) =>
      msg(i, actors[i % actors.length] as Actor, 'api-server', 'api.create'),
    );
    const groups = cutMessages(burst);
    expect(groups).toHaveLength(MAX_STEPS_PER_BURST);
    expect(groups.flat().map((m) => m.seq)).toEqual(burst.map((m) => m.seq));
  });

  it('gives no steps for no messages', () => {
    expect(cutMessages([])).toEqual([]);
  });
});
