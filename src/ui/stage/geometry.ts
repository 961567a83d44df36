/**
 * Where edges and packets go, computed from the measured boxes of the components (pure, so the
 * drawing is a function of the layout and the model, not of any running timer).
 */
import type { ComponentId, StageModel, StagePacket } from './model.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export const center = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/**
 * The point where the straight line from `box`'s centre towards `toward` leaves the box, pushed
 * out by `gap` pixels. Used so arrows end at a card's border instead of under it.
 */
export function exitPoint(box: Box, toward: Point, gap = 0): Point {
  const c = center(box);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : box.width / 2 / Math.abs(dx);
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : box.height / 2 / Math.abs(dy);
  const t = Math.min(tx, ty);
  const length = Math.hypot(dx, dy);
  const extra = gap / length;
  return { x: c.x + dx * (t + extra), y: c.y + dy * (t + extra) };
}

/** A drawable segment between two components, from border to border. */
export interface Segment {
  from: Point;
  to: Point;
}

/** The segment from `a`'s border to `b`'s border; null when the boxes overlap. */
export function segmentBetween(a: Box, b: Box, gap = 2): Segment | null {
  const from = exitPoint(a, center(b), gap);
  const to = exitPoint(b, center(a), gap);
  // If the exit points crossed over, the boxes touch or overlap: nothing sensible to draw.
  const ab = { x: center(b).x - center(a).x, y: center(b).y - center(a).y };
  const along = (to.x - from.x) * ab.x + (to.y - from.y) * ab.y;
  return along > 0 ? { from, to } : null;
}

/** The unordered key of the edge between two components. */
export function edgeKey(a: ComponentId, b: ComponentId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * The edges to draw for a model: the fixed wiring of the architecture (who talks to whom) plus
 * any edge a packet of this step travels on. Edges to per-node components exist only for the
 * model's nodes.
 */
export function edgesFor(model: StageModel): [ComponentId, ComponentId][] {
  const edges: [ComponentId, ComponentId][] = [
    ['developer', 'registry'],
    ['developer', 'api-server'],
    ['api-server', 'etcd'],
    ['api-server', 'scheduler'],
    ['api-server', 'controller-manager'],
  ];
  for (const node of model.nodes) {
    edges.push([`kubelet/${node.name}`, 'api-server']);
    edges.push([`kubelet/${node.name}`, `container-runtime/${node.name}`]);
  }
  const seen = new Set(edges.map(([a, b]) => edgeKey(a, b)));
  for (const p of model.packets) {
    const key = edgeKey(p.from, p.to);
    if (!seen.has(key)) {
      seen.add(key);
      edges.push([p.from, p.to]);
    }
  }
  return edges;
}

/** Where a packet comes from and where it rests, in stage coordinates. */
export interface PacketPlacement {
  packet: StagePacket;
  start: Point;
  rest: Point;
}

/** Distance between packets, centre to centre, in pixels (a packet is about 22 px wide). */
export const PACKET_SPACING = 26;
/** How far before the receiver's border a packet stops (clear of the arrowhead). */
export const ARRIVAL_GAP = 16;

/**
 * Place each packet: it leaves its sender's border and stops just before the receiver's
 * border, at the arrowhead, so it reads as "arrived at". Short edges put it in the middle.
 * When that spot is taken by an earlier packet of the step (two messages to one receiver,
 * or both directions of one edge), it sits beside it, across the edge, or else backs off
 * along its own edge. Packets whose ends are
 * not measured are left out.
 */
export function placePackets(
  packets: readonly StagePacket[],
  boxes: ReadonlyMap<string, Box>,
): PacketPlacement[] {
  const placed: PacketPlacement[] = [];
  for (const p of packets) {
    const a = boxes.get(p.from);
    const b = boxes.get(p.to);
    if (!a || !b) continue;
    const seg = segmentBetween(a, b) ?? { from: center(a), to: center(b) };
    const dx = seg.to.x - seg.from.x;
    const dy = seg.to.y - seg.from.y;
    const length = Math.hypot(dx, dy);
    const at = (distanceFromEnd: number): Point => {
      const t = length === 0 ? 0.5 : Math.max(0, 1 - distanceFromEnd / length);
      return { x: seg.from.x + dx * t, y: seg.from.y + dy * t };
    };
    const base = at(length < ARRIVAL_GAP * 3 ? length / 2 : ARRIVAL_GAP);
    const taken = (q: Point) =>
      placed.some((o) => Math.hypot(o.rest.x - q.x, o.rest.y - q.y) < PACKET_SPACING - 0.5);
    // Taken: try beside the spot (across the edge), then further back along the edge.
    const nx = length === 0 ? 0 : -dy / length;
    const ny = length === 0 ? 1 : dx / length;
    const candidates = [base];
    for (const k of [1, -1, 2, -2]) {
      candidates.push({ x: base.x + nx * k * PACKET_SPACING, y: base.y + ny * k * PACKET_SPACING });
    }
    for (let back = ARRIVAL_GAP + PACKET_SPACING; back <= length; back += PACKET_SPACING) {
      candidates.push(at(back));
    }
    const rest = candidates.find((q) => !taken(q)) ?? base;
    placed.push({ packet: p, start: seg.from, rest });
  }
  return placed;
}
