import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_GAP,
  type Box,
  edgeKey,
  edgesFor,
  exitPoint,
  PACKET_SPACING,
  placePackets,
  segmentBetween,
} from './geometry.ts';
import type { StageModel } from './model.ts';

const box = (x: number, y: number, width = 100, height = 40): Box => ({ x, y, width, height });
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 5);

describe('edge geometry', () => {
  it('leaves a box through the side facing the other box', () => {
    const b = box(0, 0); // centre (50, 20)
    const right = exitPoint(b, { x: 500, y: 20 });
    close(right.x, 100);
    close(right.y, 20);
    const below = exitPoint(b, { x: 50, y: 400 });
    close(below.x, 50);
    close(below.y, 40);
    const pushed = exitPoint(b, { x: 500, y: 20 }, 3);
    close(pushed.x, 103);
  });

  it('draws from border to border, and nothing between overlapping boxes', () => {
    const seg = segmentBetween(box(0, 0), box(200, 0), 0);
    expect(seg).not.toBeNull();
    close(seg?.from.x ?? 0, 100);
    close(seg?.to.x ?? 0, 200);
    expect(segmentBetween(box(0, 0), box(50, 10), 0)).toBeNull();
  });

  it('wires the architecture: developer, control plane, and every node to the API server', () => {
    const model: StageModel = {
      nodes: [
        { name: 'node1', role: 'worker', ready: true, schedulable: true },
        { name: 'node2', role: 'worker', ready: true, schedulable: true },
      ],
      pods: [],
      active: [],
      packets: [{ id: 'p', from: 'container-runtime/node2', to: 'registry', label: 'pull' }],
    };
    const keys = edgesFor(model).map(([a, b]) => edgeKey(a, b));
    expect(keys).toContain(edgeKey('developer', 'api-server'));
    expect(keys).toContain(edgeKey('api-server', 'etcd'));
    expect(keys).toContain(edgeKey('kubelet/node1', 'api-server'));
    expect(keys).toContain(edgeKey('kubelet/node2', 'container-runtime/node2'));
    // No component but the API server talks to etcd.
    expect(keys.filter((k) => k.includes('etcd'))).toEqual([edgeKey('api-server', 'etcd')]);
    // An edge a packet travels is drawn even if it is not part of the fixed wiring.
    expect(keys).toContain(edgeKey('registry', 'container-runtime/node2'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('packet placement', () => {
  const boxes = new Map<string, Box>([
    ['api-server', box(0, 0)],
    ['scheduler', box(300, 0)],
    ['etcd', box(0, 300)],
  ]);

  it('starts at the sender and stops just before the receiver', () => {
    const [p] = placePackets([{ id: 'a', from: 'api-server', to: 'scheduler', label: '' }], boxes);
    expect(p).toBeDefined();
    close(p?.start.x ?? 0, 102);
    close(p?.rest.x ?? 0, 298 - ARRIVAL_GAP);
    close(p?.rest.y ?? 0, 20);
  });

  it('keeps packets of one step apart, both directions of an edge included', () => {
    const placed = placePackets(
      [
        { id: 'a', from: 'api-server', to: 'scheduler', label: '' },
        { id: 'b', from: 'scheduler', to: 'api-server', label: '' },
        { id: 'c', from: 'etcd', to: 'api-server', label: '' },
        { id: 'd', from: 'scheduler', to: 'api-server', label: '' },
      ],
      boxes,
    );
    expect(placed.map((p) => p.packet.id)).toEqual(['a', 'b', 'c', 'd']);
    for (const [i, p] of placed.entries()) {
      for (const q of placed.slice(i + 1)) {
        const d = Math.hypot(p.rest.x - q.rest.x, p.rest.y - q.rest.y);
        expect(d, `${p.packet.id}/${q.packet.id}`).toBeGreaterThanOrEqual(PACKET_SPACING - 0.5);
      }
    }
  });

  it('leaves out packets whose ends are not on the stage yet', () => {
    expect(
      placePackets([{ id: 'x', from: 'developer', to: 'api-server', label: '' }], boxes),
    ).toEqual([]);
  });
});
