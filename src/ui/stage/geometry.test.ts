import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_GAP,
  type Box,
  countBox,
  countCorner,
  edgeKey,
  edgesFor,
  exitPoint,
  labelFit,
  labelSide,
  PACKET_SPACING,
  placePackets,
  segmentBetween,
  stageLabel,
} from './geometry.ts';
import type { ComponentId, StageModel } from './model.ts';

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

  it('keeps the dots of different routes apart, both directions of an edge included', () => {
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
    // d travels b's route: it rests under b's dot.
    expect(placed[3]?.rest).toEqual(placed[1]?.rest);
    const leads = placed.filter((p) => p.lead);
    expect(leads.map((p) => p.packet.id)).toEqual(['a', 'b', 'c']);
    for (const [i, p] of leads.entries()) {
      for (const q of leads.slice(i + 1)) {
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

  it('rests one dot per route, numbered by its first packet and counting the rest', () => {
    const packets = [
      { id: 'a', from: 'api-server', to: 'scheduler', label: 'watch: Pod added' },
      { id: 'b', from: 'etcd', to: 'api-server', label: '' },
      { id: 'c', from: 'api-server', to: 'scheduler', label: 'watch: Pod modified' },
      { id: 'd', from: 'api-server', to: 'scheduler', label: 'watch: Pod modified' },
    ] as const;
    const placed = placePackets(packets, boxes);
    expect(placed.map((p) => [p.packet.id, p.number, p.lead, p.count])).toEqual([
      ['a', 1, true, 3],
      ['b', 2, true, 1],
      ['c', 3, false, 3],
      ['d', 4, false, 3],
    ]);
    // The route's packets all fly to its one resting place.
    expect(placed[2]?.rest).toEqual(placed[0]?.rest);
    expect(placed[3]?.rest).toEqual(placed[0]?.rest);
    // Forty messages on four routes rest as four dots.
    const routes: [ComponentId, ComponentId][] = [
      ['api-server', 'scheduler'],
      ['scheduler', 'api-server'],
      ['etcd', 'api-server'],
      ['api-server', 'etcd'],
    ];
    const many = Array.from({ length: 40 }, (_, i) => {
      const [from, to] = routes[i % 4] as [ComponentId, ComponentId];
      return { id: `m${i}`, from, to, label: '' };
    });
    expect(placePackets(many, boxes).filter((p) => p.lead)).toHaveLength(4);
  });

  it('never rests a dot on a card its wire passes (developer → API server past etcd)', () => {
    // etcd sits between the developer and the API server, on the straight wire.
    const row = new Map<string, Box>([
      ['developer', box(0, 0, 100, 40)],
      ['etcd', box(140, 0, 166, 40)],
      ['api-server', box(320, 0, 150, 40)],
    ]);
    // Just before the API server's border is on etcd: the dot moves off it.
    const [p] = placePackets(
      [{ id: 'a', from: 'developer', to: 'api-server', label: 'POST' }],
      row,
    );
    const rest = p?.rest ?? { x: 0, y: 0 };
    const etcd = row.get('etcd') as Box;
    const onEtcd =
      rest.x > etcd.x - 11 &&
      rest.x < etcd.x + etcd.width + 11 &&
      rest.y > etcd.y - 11 &&
      rest.y < etcd.y + etcd.height + 11;
    expect(onEtcd, JSON.stringify(rest)).toBe(false);
  });

  it('on a phone, rests the answer to the Developer between its card and "Control plane", not on the title', () => {
    // 390 px, the story's second step: the Developer above the control plane, whose title runs
    // across the 48 px between the Developer and the API server (boxes as measured there).
    const phone = new Map<string, Box>([
      ['developer', box(0, 0, 164, 64)],
      ['avoid:badge/developer', box(94, -8, 63, 18)],
      ['avoid:control-plane-title', box(7.5, 84.5, 325, 22.5)],
      ['api-server', box(7.5, 112.5, 156.5, 51)],
      ['avoid:badge/api-server', box(93, 105.5, 63, 17.5)],
    ]);
    const placed = placePackets(
      [
        { id: 'a', from: 'developer', to: 'api-server', label: 'POST /deployments' },
        { id: 'b', from: 'api-server', to: 'developer', label: '201' },
      ],
      phone,
    );
    const title = phone.get('avoid:control-plane-title') as Box;
    const developer = phone.get('developer') as Box;
    const answer = placed[1]?.rest ?? { x: 0, y: 0 };
    // Between the two (a dot is 24 px, the strip 20.5 px: it may graze both edges by 2 px)…
    expect(answer.y, JSON.stringify(answer)).toBeGreaterThan(developer.y + developer.height + 8);
    expect(answer.y, JSON.stringify(answer)).toBeLessThan(title.y - 8);
    // … and clear of the request's dot.
    const request = placed[0]?.rest ?? { x: 0, y: 0 };
    expect(Math.hypot(answer.x - request.x, answer.y - request.y)).toBeGreaterThanOrEqual(
      PACKET_SPACING - 0.5,
    );
  });

  it('rests between two touching cards at the far end of their shared border', () => {
    const node = new Map<string, Box>([
      ['kubelet/node1', box(0, 0, 120, 30)],
      ['container-runtime/node1', box(0, 34, 260, 40)],
    ]);
    const [p] = placePackets(
      [{ id: 'a', from: 'kubelet/node1', to: 'container-runtime/node1', label: 'RunPodSandbox' }],
      node,
    );
    close(p?.rest.y ?? 0, 32);
    close(p?.rest.x ?? 0, 120 - 16);
  });

  it('keeps a dot between touching cards off an "acting" badge on their border', () => {
    const node = new Map<string, Box>([
      ['kubelet/node1', box(0, 0, 120, 30)],
      ['container-runtime/node1', box(0, 34, 260, 40)],
      // The runtime's badge, drawn half above its card where the kubelet's corner is.
      ['avoid:badge/container-runtime/node1', box(70, 25, 60, 18)],
    ]);
    const [p] = placePackets(
      [{ id: 'a', from: 'kubelet/node1', to: 'container-runtime/node1', label: 'RunPodSandbox' }],
      node,
    );
    close(p?.rest.y ?? 0, 32);
    // The far end is the badge's: the near end, between the two cards' icons, not on a name.
    close(p?.rest.x ?? 0, 16);
  });

  it('puts a route\'s "+N" at the corner of its dot with the least under it', () => {
    const rest = { x: 100, y: 100 };
    // Nothing around: above, towards the sender (the wire's free side).
    expect(countCorner(rest, { x: 200, y: 100 }, 2, [])).toBe('above-right');
    expect(countCorner(rest, { x: 0, y: 100 }, 2, [])).toBe('above-left');
    // A phone's "+7 kube-system" just above the dot (a control-plane node's last row): below.
    const disclosure = box(60, 80, 120, 16);
    expect(countCorner(rest, { x: 200, y: 100 }, 1, [disclosure])).toBe('below-right');
    // Covered above and below on the right: the left side, above.
    expect(countCorner(rest, { x: 200, y: 100 }, 1, [box(104, 70, 60, 60)])).toBe('above-left');
    // Sizes grow with the root font size: at 125% the same box is reached from further away.
    expect(countCorner(rest, { x: 200, y: 100 }, 1, [box(104, 76, 60, 4)], 1)).toBe('above-right');
    expect(countCorner(rest, { x: 200, y: 100 }, 1, [box(104, 76, 60, 4)], 1.25)).toBe(
      'above-left',
    );
    // Near the stage's left edge a count on the sender's (left) side would be cut: the right.
    const edge = { x: 10, y: 100 };
    expect(countCorner(edge, { x: 0, y: 100 }, 3, [])).toBe('above-left');
    expect(countCorner(edge, { x: 0, y: 100 }, 3, [], 1, box(0, 0, 400, 300))).toBe('above-right');
  });

  it('keeps a "+N" inside the diagram: the packet layer clips at its edge, with no margin', () => {
    // A dot at the left end of two stacked cards (a phone's API server over the controller
    // manager), with words kept clear to its right: on the left its "+2" would be cut by the
    // layer's edge (stage.css .packets, overflow hidden), so it lies partly on the words.
    const stage = new Map<string, Box>([
      ['api-server', box(0, 0, 160, 40)],
      ['controller-manager', box(0, 50, 160, 40)],
      ['avoid:right', box(90, 20, 70, 50)],
      ['avoid:near', box(24, 22, 40, 46)],
    ]);
    const placed = placePackets(
      ['e', 'f', 'g'].map((id) => ({
        id,
        from: 'api-server',
        to: 'controller-manager',
        label: '',
      })),
      stage,
    );
    const dot = placed[0] as (typeof placed)[number];
    expect([dot.rest, dot.count, dot.countCorner]).toEqual([{ x: 14, y: 45 }, 3, 'above-right']);
    const count = countBox(dot.rest, dot.countCorner, dot.count - 1, 1);
    expect(count.x).toBeGreaterThanOrEqual(0);
  });

  it('turns a route\'s "+N" away from words kept clear just above its resting dot', () => {
    const stage = new Map<string, Box>([
      ['api-server', box(0, 0, 120, 40)],
      ['kubelet/node1', box(0, 200, 120, 30)],
      // Words over the wire's end, kept clear by `data-avoid` (a phone's "+7 kube-system" pill).
      ['avoid:system-pods/control-plane', box(60, 28, 120, 16)],
    ]);
    const placed = placePackets(
      [
        { id: 'a', from: 'kubelet/node1', to: 'api-server', label: '' },
        { id: 'b', from: 'kubelet/node1', to: 'api-server', label: '' },
      ],
      stage,
    );
    // The dot rests under the pill, clear of it; its "+1" goes below it, not onto the pill.
    expect(placed[0]?.rest).toEqual({ x: 60, y: 58 });
    expect(placed.map((p) => [p.count, p.countCorner])).toEqual([
      [2, 'below-right'],
      [2, 'below-right'],
    ]);
  });

  it('keeps a resting dot and its label off an "acting" badge beside the arrowhead', () => {
    const wide = new Map<string, Box>([
      ['registry', box(0, 0, 100, 60)],
      ['api-server', box(300, 0, 100, 60)],
      ['avoid:badge/api-server', box(270, 18, 40, 18)],
    ]);
    const [p] = placePackets([{ id: 'a', from: 'registry', to: 'api-server', label: 'x' }], wide);
    const rest = p?.rest ?? { x: 0, y: 0 };
    const clear = rest.x < 270 - 12 || rest.y < 18 - 12 || rest.y > 36 + 12;
    expect(clear, JSON.stringify(rest)).toBe(true);
  });

  it('scales its distances with the root font size (a big screen draws the page at 125%)', () => {
    const node = new Map<string, Box>([
      ['kubelet/node1', box(0, 0, 150, 35)],
      ['container-runtime/node1', box(0, 40, 320, 50)],
    ]);
    const [p] = placePackets(
      [{ id: 'a', from: 'kubelet/node1', to: 'container-runtime/node1', label: 'RunPodSandbox' }],
      node,
      1.25,
    );
    close(p?.rest.x ?? 0, 150 - 16 * 1.25);
  });

  it('with no spot clear of everything, rests where it covers least, not on a header', () => {
    const narrow = new Map<string, Box>([
      ['api-server', box(0, 0, 100, 40)],
      ['avoid:system-pods/control-plane', box(0, 40, 320, 120)],
      ['node/node1', box(0, 180, 320, 16)],
      ['kubelet/node1', box(0, 200, 100, 30)],
    ]);
    const [p] = placePackets(
      [{ id: 'a', from: 'api-server', to: 'kubelet/node1', label: 'watch: Pod added' }],
      narrow,
    );
    // Between the list and the node's header, touching each a little; not on the header (182).
    close(p?.rest.y ?? 0, 169);
  });

  it('draws a message a component sends itself at its card corner', () => {
    const [p] = placePackets([{ id: 'a', from: 'etcd', to: 'etcd', label: 'compact' }], boxes);
    expect(p?.self).toBe(true);
    expect(p?.rest).toEqual({ x: 98, y: 338 });
  });
});

describe('packet labels', () => {
  it('shortens long request paths to the verb and the last segment', () => {
    expect(stageLabel('POST /api/v1/namespaces/default/pods/web-6dc5cd68db-z45gl/binding')).toBe(
      'POST …/binding',
    );
    expect(stageLabel('POST /apis/apps/v1/namespaces/default/deployments')).toBe(
      'POST …/deployments',
    );
    expect(stageLabel('/registry/pods/default/web-6dc5cd68db-z45gl')).toBe(
      '…/web-6dc5cd68db-z45gl',
    );
    expect(stageLabel('/registry/events/default/many-787fb9b887-hftht.1887fb44450c7040')).toBe(
      '…/many-787fb9b887-hftht.1887fb444…',
    );
    // Short ones and prose stay whole.
    expect(stageLabel('POST /api/v1/namespaces')).toBe('POST /api/v1/namespaces');
    expect(stageLabel('watch: Deployment modified')).toBe('watch: Deployment modified');
    expect(stageLabel('201')).toBe('201');
  });

  it('opens a label on the side with free room, towards the stage', () => {
    const bounds: Box = { x: 0, y: 0, width: 800, height: 400 };
    // Free all round: towards the middle of the stage.
    expect(labelSide({ x: 100, y: 200 }, 'watch: Pod added', [], bounds)).toBe('right');
    expect(labelSide({ x: 700, y: 200 }, 'watch: Pod added', [], bounds)).toBe('left');
    // A card on the right: the label goes left.
    expect(
      labelSide({ x: 300, y: 200 }, 'watch: Pod added', [box(315, 180, 200, 40)], bounds),
    ).toBe('left');
    // Cards on both sides: above or below.
    expect(
      labelSide(
        { x: 300, y: 200 },
        'watch: Pod added',
        [box(315, 180, 200, 40), box(85, 180, 200, 40)],
        bounds,
      ),
    ).toBe('above');
  });

  it('keeps a label inside the stage: beside its dot it is shortened, above or below it slides', () => {
    const bounds: Box = { x: 0, y: 0, width: 800, height: 400 };
    // 'CreateContainer nginx' is about 157 px wide; left of a dot at x 133 there are 117 px
    // (minus the 14 px gap and a 2 px margin): it ends in "…" instead of losing its start.
    expect(labelFit({ x: 133, y: 200 }, 'left', 'CreateContainer nginx', bounds)).toEqual({
      shift: 0,
      room: 117,
    });
    expect(labelFit({ x: 660, y: 200 }, 'right', 'CreateContainer nginx', bounds)).toEqual({
      shift: 0,
      room: 124,
    });
    // Room enough: nothing changes.
    expect(labelFit({ x: 400, y: 200 }, 'left', 'CreateContainer nginx', bounds)).toEqual({
      shift: 0,
    });
    // Centred above a dot near the left edge: it slides right until it is whole (and back left
    // near the right edge); a label running off to the left slides the same way.
    expect(labelFit({ x: 40, y: 200 }, 'above', 'CreateContainer nginx', bounds).shift).toBe(41);
    expect(labelFit({ x: 790, y: 200 }, 'below', 'CreateContainer nginx', bounds).shift).toBe(-71);
    expect(labelFit({ x: 60, y: 200 }, 'below-left', 'CreateContainer nginx', bounds).shift).toBe(
      89,
    );
    // Wider screens draw everything larger (unit): the gap and margin grow with it.
    expect(labelFit({ x: 133, y: 200 }, 'left', 'CreateContainer nginx', bounds, 1.125)).toEqual({
      shift: 0,
      room: 115,
    });
  });

  it('never shortens a label to a few letters: it opens where it stays readable', () => {
    // The kubelet → container runtime dot of node1, hard by the stage's left edge: the kubelet's
    // card above it, the runtime's below. Left of the dot there are 24 px ("Pu…"); to the right
    // the label lies on the cards' border for its flight, whole.
    const bounds: Box = { x: 0, y: 0, width: 890, height: 400 };
    const kubelet = box(20, 170, 135, 25);
    const runtime = box(20, 210, 278, 45);
    const side = labelSide({ x: 40, y: 202 }, 'PullImage nginx', [kubelet, runtime], bounds, 1, {
      x: 34,
      y: 196,
    });
    expect(side).toBe('right');
    expect(labelFit({ x: 40, y: 202 }, side, 'PullImage nginx', bounds)).toEqual({ shift: 0 });
  });

  it("opens the laptop's own label under its corner, running left, clear of the API server", () => {
    // 1280×800: the laptop, the API server to its lower right, Docker Hub far below.
    const developer = box(25, 152, 140, 64);
    const apiServer = box(197, 201, 187, 49);
    const registry = box(25, 331, 140, 80);
    const boxes = new Map([
      ['developer', developer],
      ['api-server', apiServer],
      ['registry', registry],
    ]);
    const [p] = placePackets(
      [{ id: 'a', from: 'developer', to: 'developer', label: '--dry-run=client' }],
      boxes,
    );
    // Beside it or centred below, it lay on the API server's card (its subtitle at 1280 px).
    expect(p?.side).toBe('below-left');
  });
});
