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

/**
 * Which side of its dot a packet's label opens on: beside it, centred above or below it, or
 * above or below it running off to one side (`below-left`: under the dot, its end at the dot),
 * for a dot in a corner between cards, such as the laptop's own message at the laptop's corner.
 */
export type LabelSide =
  | 'right'
  | 'left'
  | 'above'
  | 'below'
  | 'above-left'
  | 'above-right'
  | 'below-left'
  | 'below-right';

/** A corner of a resting dot, where its route's "+N" count sits (stage.css `.packet-more`). */
export type CountCorner = 'above-right' | 'above-left' | 'below-right' | 'below-left';

/** Where a packet comes from and where it rests, in stage coordinates. */
export interface PacketPlacement {
  packet: StagePacket;
  /** Its number in the step (1-based), as the list of messages numbers it. */
  number: number;
  start: Point;
  rest: Point;
  /**
   * Packets on one route (same sender, same receiver) rest as one dot: the route's first packet
   * (`lead`) stays, numbered, with `count` saying how many travel that route; the others fly
   * there in their turn and fade.
   */
  lead: boolean;
  count: number;
  /** A message a component sends itself (`docker build` on the laptop): a badge at its corner. */
  self: boolean;
  /** The corner of the dot its route's "+N" takes (the lead's; see {@link countCorner}). */
  countCorner: CountCorner;
  /** The side of the dot where the label has the most free room. */
  side: LabelSide;
  /** How the label keeps inside the stage on that side (see {@link labelFit}). */
  fit: LabelFit;
}

/**
 * How a label keeps inside the stage, whose edge would otherwise cut it: a label above or
 * below its dot slides along (`shift`, px); one beside its dot cannot slide without covering
 * the dot, so it gets the `room` there is (px) and ends in "…" — its start, the verb, stays.
 */
export interface LabelFit {
  shift: number;
  room?: number;
}

/**
 * Distance between packets, centre to centre, in pixels at 1 rem = 16 px (a packet is about
 * 22 px wide). The lengths here are multiplied by `unit` (the root font size / 16): a wide screen
 * draws the whole page larger, dots and labels included.
 */
export const PACKET_SPACING = 26;
/** How far before the receiver's border a packet stops (clear of the arrowhead). */
export const ARRIVAL_GAP = 16;
/** A resting dot's radius plus a little air, for keeping it off the cards. */
const DOT_RADIUS = 12;
/** Labels longer than this show their verb and the path's last segment (`POST …/binding`). */
const LONG_LABEL = 28;
/** The least room, in px, worth showing a shortened label in (about eight letters and "…"). */
const MIN_LABEL_ROOM = 72;
/** The longest label drawn on the stage, in characters. */
const MAX_LABEL = 34;

/**
 * The label a packet shows on the stage: short enough to sit beside its dot. A request with a
 * long path keeps its verb and the last segment (`POST …/binding`); an etcd key its last
 * segment (`…/web-6dc5cd68db-z45gl`). The list of messages keeps the whole text.
 */
export function stageLabel(label: string): string {
  if (label.length <= LONG_LABEL) return label;
  const match = /^(?:(\S+) )?(\/\S+)$/.exec(label);
  if (!match) return label;
  const [, verb, path = ''] = match;
  const bare = path.split('?')[0] ?? path;
  const last = bare.slice(bare.lastIndexOf('/') + 1);
  if (!last) return label;
  const short = verb ? `${verb} …/${last}` : `…/${last}`;
  // An Event's key (`…/web-6dc5cd68db-z45gl.1887fb44450c7040`) is long even so: cut its end.
  return short.length <= MAX_LABEL ? short : `${short.slice(0, MAX_LABEL - 1)}…`;
}

/** Roughly how wide a label is drawn (11 px monospace, padding and border), in pixels at 1 rem = 16 px. */
function labelWidth(text: string): number {
  return Math.min(256, text.length * 6.7 + 16);
}

/** How much of `r` lies inside `b`, in square pixels. */
function overlapArea(r: Box, b: Box): number {
  const w = Math.min(r.x + r.width, b.x + b.width) - Math.max(r.x, b.x);
  const h = Math.min(r.y + r.height, b.y + b.height) - Math.max(r.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** How far `p` is from `b` (0 inside it). */
function distanceTo(p: Point, b: Box): number {
  const nx = Math.max(b.x, Math.min(p.x, b.x + b.width));
  const ny = Math.max(b.y, Math.min(p.y, b.y + b.height));
  return Math.hypot(p.x - nx, p.y - ny);
}

/** Whether a dot of `radius` centred at `p` touches `b`. */
function dotTouches(p: Point, b: Box, radius: number): boolean {
  return distanceTo(p, b) < radius;
}

/** The box a label on `side` of a dot at `p` takes. */
function labelBox(p: Point, side: LabelSide, width: number, unit: number): Box {
  const h = 18 * unit;
  const off = 14 * unit;
  // A label off to one side keeps this much of itself past the dot's centre (stage.css).
  const tuck = 10 * unit;
  switch (side) {
    case 'above-left':
      return { x: p.x + tuck - width, y: p.y - off - h, width, height: h };
    case 'above-right':
      return { x: p.x - tuck, y: p.y - off - h, width, height: h };
    case 'below-left':
      return { x: p.x + tuck - width, y: p.y + off, width, height: h };
    case 'below-right':
      return { x: p.x - tuck, y: p.y + off, width, height: h };
    case 'right':
      return { x: p.x + off, y: p.y - h / 2, width, height: h };
    case 'left':
      return { x: p.x - off - width, y: p.y - h / 2, width, height: h };
    case 'above':
      return { x: p.x - width / 2, y: p.y - off - h, width, height: h };
    default:
      return { x: p.x - width / 2, y: p.y + off, width, height: h };
  }
}

/** See {@link LabelFit}: the fit of a label of `text` on `side` of a dot at `p`. */
export function labelFit(p: Point, side: LabelSide, text: string, bounds: Box, unit = 1): LabelFit {
  const width = labelWidth(text) * unit;
  const margin = 2 * unit;
  const left = bounds.x + margin;
  const right = bounds.x + bounds.width - margin;
  if (side === 'left' || side === 'right') {
    const off = 14 * unit;
    const room = side === 'left' ? p.x - off - left : right - (p.x + off);
    return room < width ? { shift: 0, room: Math.max(0, Math.floor(room)) } : { shift: 0 };
  }
  const r = labelBox(p, side, width, unit);
  if (r.width > right - left) return { shift: 0 };
  if (r.x < left) return { shift: Math.ceil(left - r.x) };
  if (r.x + r.width > right) return { shift: -Math.ceil(r.x + r.width - right) };
  return { shift: 0 };
}

/** The fit that keeps a label inside at both ends of its flight (`a` and `b`). */
function tighterFit(a: LabelFit, b: LabelFit): LabelFit {
  const room =
    a.room === undefined ? b.room : b.room === undefined ? a.room : Math.min(a.room, b.room);
  const shift = Math.abs(a.shift) > Math.abs(b.shift) ? a.shift : b.shift;
  return room === undefined ? { shift } : { shift, room };
}

/**
 * The side of a dot at `p` where a label of `text` covers the least of the cards and stays on
 * the stage (`bounds`); ties go to the side facing the stage's middle, then left/right before
 * above/below, then the labels running off to one side (only when they cover less).
 */
export function labelSide(
  p: Point,
  text: string,
  obstacles: readonly Box[],
  bounds: Box,
  unit = 1,
  from: Point = p,
): LabelSide {
  return chooseLabel(p, text, obstacles, bounds, unit, from).side;
}

/**
 * {@link labelSide} with the label's fit there: the fit that keeps it inside the stage over its
 * whole flight, from `from` to its rest at `p` (it flies with its dot).
 */
function chooseLabel(
  p: Point,
  text: string,
  obstacles: readonly Box[],
  bounds: Box,
  unit: number,
  from: Point,
): { side: LabelSide; fit: LabelFit } {
  const width = labelWidth(text) * unit;
  const h = 18 * unit;
  const toMiddle: LabelSide = p.x > bounds.x + bounds.width / 2 ? 'left' : 'right';
  const away: LabelSide = toMiddle === 'left' ? 'right' : 'left';
  const order: LabelSide[] = [
    toMiddle,
    away,
    'above',
    'below',
    `below-${toMiddle}`,
    `below-${away}`,
    `above-${toMiddle}`,
    `above-${away}`,
  ];
  let best: { side: LabelSide; fit: LabelFit } | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const side of order) {
    // Where it ends up once kept inside the stage over its flight.
    const fit = tighterFit(
      labelFit(from, side, text, bounds, unit),
      labelFit(p, side, text, bounds, unit),
    );
    const r0 = labelBox(p, side, width, unit);
    const shown = fit.room ?? width;
    const r: Box = {
      x: (side === 'left' ? r0.x + width - shown : r0.x) + fit.shift,
      y: r0.y,
      width: shown,
      height: h,
    };
    let cost = 0;
    for (const b of obstacles) cost += overlapArea(r, b);
    // Outside the stage counts as fully covered: the stage clips it.
    cost += r.width * r.height - overlapArea(r, bounds);
    // Text cut off ("…") costs more than covering a card for the flight; a label down to a few
    // letters says nothing, so it is the last resort.
    if (fit.room !== undefined) {
      cost += (width - shown) * h * 3;
      if (shown < MIN_LABEL_ROOM * unit) cost += width * h * 10;
    }
    if (best === undefined || cost < bestCost - 0.5) {
      bestCost = cost;
      best = { side, fit };
    }
  }
  return best as { side: LabelSide; fit: LabelFit };
}

/**
 * Place each packet: it leaves its sender's border and stops just before the receiver's
 * border, at the arrowhead, so it reads as "arrived at". Short edges put it in the middle.
 * Packets on one route (sender → receiver) share one resting dot that counts them, so a step
 * with dozens of messages draws a dot per route, not a swarm. A resting dot never sits on a card:
 * when its spot is on one (an edge passing a card) or taken by another route's dot, it moves
 * beside the spot, across the edge, or backs off along it. A message a component sends itself
 * rests at that card's lower corner. Packets whose ends are not measured are left out.
 */
export function placePackets(
  packets: readonly StagePacket[],
  boxes: ReadonlyMap<string, Box>,
  unit = 1,
): PacketPlacement[] {
  const obstacles = [...boxes.values()];
  let right = 0;
  let bottom = 0;
  for (const b of obstacles) {
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  const bounds: Box = { x: 0, y: 0, width: right, height: bottom };
  const routes = new Map<string, { rest: Point; start: Point; placements: PacketPlacement[] }>();
  const rests: Point[] = [];
  const placed: PacketPlacement[] = [];
  packets.forEach((p, index) => {
    const a = boxes.get(p.from);
    const b = boxes.get(p.to);
    if (!a || !b) return;
    const routeKey = `${p.from}>${p.to}`;
    const self = p.from === p.to;
    let route = routes.get(routeKey);
    if (!route) {
      const spot = self ? selfSpot(a) : restSpot(a, b, obstacles, rests, unit);
      route = { ...spot, placements: [] };
      routes.set(routeKey, route);
      rests.push(spot.rest);
    }
    const placement: PacketPlacement = {
      packet: p,
      number: index + 1,
      start: route.start,
      rest: route.rest,
      lead: route.placements.length === 0,
      count: 0,
      countCorner: 'above-right',
      self,
      ...chooseLabel(route.rest, stageLabel(p.label), obstacles, bounds, unit, route.start),
    };
    route.placements.push(placement);
    placed.push(placement);
  });
  // Each route's count goes to the corner of its dot that covers the least of the cards, the
  // words kept clear (`data-avoid`), the other dots and the counts placed before it, inside the
  // stage.
  const dots = rests.map((q) => ({
    x: q.x - DOT_RADIUS * unit,
    y: q.y - DOT_RADIUS * unit,
    width: 2 * DOT_RADIUS * unit,
    height: 2 * DOT_RADIUS * unit,
  }));
  const counts: Box[] = [];
  for (const route of routes.values()) {
    const count = route.placements.length;
    let corner: CountCorner = 'above-right';
    if (count > 1) {
      const others = dots.filter((_, i) => rests[i] !== route.rest);
      corner = countCorner(
        route.rest,
        route.start,
        count - 1,
        [...obstacles, ...others, ...counts],
        unit,
        // The packet layer clips at the diagram's edge (stage.css `.packets`: overflow hidden).
        bounds,
      );
      counts.push(countBox(route.rest, corner, count - 1, unit));
    }
    for (const q of route.placements) {
      q.count = count;
      q.countCorner = corner;
    }
  }
  return placed;
}

/** The box of a "+`more`" count at `corner` of a dot at `rest` (stage.css `.packet-more`). */
export function countBox(rest: Point, corner: CountCorner, more: number, unit: number): Box {
  const width = (17.5 + 6.5 * String(more).length) * unit;
  const height = 15 * unit;
  const aside = 5.6 * unit;
  const reach = 18.4 * unit;
  return {
    x: corner.endsWith('left') ? rest.x - aside - width : rest.x + aside,
    y: corner.startsWith('above') ? rest.y - reach : rest.y + reach - height,
    width,
    height,
  };
}

/**
 * The corner of a resting dot at `rest` for its "+`more`" count: the first of the four that
 * covers the least of `obstacles` (and of what lies outside `bounds`, which the stage cuts),
 * trying the side towards the sender (the wire's free side) first, above before below.
 */
export function countCorner(
  rest: Point,
  start: Point,
  more: number,
  obstacles: readonly Box[],
  unit = 1,
  bounds?: Box,
): CountCorner {
  const order: CountCorner[] =
    rest.x > start.x
      ? ['above-left', 'above-right', 'below-left', 'below-right']
      : ['above-right', 'above-left', 'below-right', 'below-left'];
  let best = order[0] as CountCorner;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const corner of order) {
    const box = countBox(rest, corner, more, unit);
    // Cut off by the stage's edge is worse than lying on a card: the number is not read at all.
    let cost = bounds ? 4 * (box.width * box.height - overlapArea(box, bounds)) : 0;
    for (const o of obstacles) cost += overlapArea(box, o);
    if (cost < bestCost - 0.5) {
      bestCost = cost;
      best = corner;
    }
  }
  return best;
}

/** A self-message's badge: on the card's lower right corner, mostly outside it. */
function selfSpot(box: Box): { start: Point; rest: Point } {
  const rest = { x: box.x + box.width - 2, y: box.y + box.height - 2 };
  return { start: rest, rest };
}

/** Where a route's dot rests: free of the cards and of the dots already placed. */
function restSpot(
  a: Box,
  b: Box,
  obstacles: readonly Box[],
  rests: readonly Point[],
  unit: number,
): { start: Point; rest: Point } {
  const spacing = PACKET_SPACING * unit;
  const radius = DOT_RADIUS * unit;
  const gap = ARRIVAL_GAP * unit;
  const found = segmentBetween(a, b);
  // No room for a dot between the two cards: rest on their shared border.
  if (!found || Math.hypot(found.to.x - found.from.x, found.to.y - found.from.y) < radius * 2)
    return touchingSpot(a, b, rests, obstacles, unit);
  const seg = found;
  const dx = seg.to.x - seg.from.x;
  const dy = seg.to.y - seg.from.y;
  const length = Math.hypot(dx, dy);
  const at = (distanceFromEnd: number): Point => {
    const t = length === 0 ? 0.5 : Math.max(0, 1 - distanceFromEnd / length);
    return { x: seg.from.x + dx * t, y: seg.from.y + dy * t };
  };
  const base = at(length < gap * 3 ? length / 2 : gap);
  const taken = (q: Point) => rests.some((o) => Math.hypot(o.x - q.x, o.y - q.y) < spacing - 0.5);
  const onCard = (q: Point) => obstacles.some((o) => dotTouches(q, o, radius));
  // Taken or on a card: try beside the spot (across the edge), then further back along the edge.
  const nx = length === 0 ? 0 : -dy / length;
  const ny = length === 0 ? 1 : dx / length;
  const candidates = [base];
  for (const k of [1, -1, 2, -2]) {
    candidates.push({ x: base.x + nx * k * spacing, y: base.y + ny * k * spacing });
  }
  for (let back = gap + spacing / 2; back <= length; back += spacing / 2) {
    const q = at(back);
    candidates.push(q);
    candidates.push({ x: q.x + nx * spacing, y: q.y + ny * spacing });
    candidates.push({ x: q.x - nx * spacing, y: q.y - ny * spacing });
  }
  // A short edge rests its dot at its middle and backs off towards the sender; on a phone the
  // only free strip may lie nearer the receiver (its card and a title a dot's width apart: the
  // Developer and "Control plane"). Tried last, so a spot found before stays where it was.
  for (let d = 4 * unit; length < gap * 3 && d < length / 2; d += 4 * unit) {
    const q = at(d);
    candidates.push(q);
    candidates.push({ x: q.x + nx * spacing, y: q.y + ny * spacing });
    candidates.push({ x: q.x - nx * spacing, y: q.y - ny * spacing });
  }
  // No spot clear of everything (a phone's narrow gaps): the free one that covers the least.
  const covered = (q: Point) => {
    let depth = 0;
    for (const o of obstacles) depth += Math.max(0, radius - distanceTo(q, o));
    return depth;
  };
  let rest = candidates.find((q) => !taken(q) && !onCard(q));
  if (!rest) {
    let least = Number.POSITIVE_INFINITY;
    for (const q of candidates) {
      if (taken(q)) continue;
      const c = covered(q);
      if (c < least - 0.01) {
        least = c;
        rest = q;
      }
    }
  }
  return { start: seg.from, rest: rest ?? base };
}

/**
 * Two cards side by side with no room for a wire (a node's kubelet above its container runtime):
 * the dot rests on the border they share, at its far end (where a card's name is not: names
 * start at the left and top); if that is taken, at its near end (between the icons), then
 * stepping back from the far end along that border.
 */
function touchingSpot(
  a: Box,
  b: Box,
  rests: readonly Point[],
  obstacles: readonly Box[],
  unit: number,
): { start: Point; rest: Point } {
  const spacing = PACKET_SPACING * unit;
  const left = Math.max(a.x, b.x);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const top = Math.max(a.y, b.y);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  const stacked = right - left >= bottom - top;
  // The spot is on both cards by design; anything else there (an "acting" badge) is in the way.
  const others = obstacles.filter((o) => o !== a && o !== b);
  const taken = (q: Point) =>
    rests.some((o) => Math.hypot(o.x - q.x, o.y - q.y) < spacing - 0.5) ||
    others.some((o) => dotTouches(q, o, DOT_RADIUS * unit));
  const candidates: Point[] = [];
  for (let k = 0; k < 6; k++) {
    const q = stacked
      ? { x: right - 16 * unit - k * spacing, y: (top + bottom) / 2 }
      : { x: (left + right) / 2, y: bottom - 14 * unit - k * spacing };
    if (stacked ? q.x < left : q.y < top) break;
    candidates.push(q);
    // The far end taken (by an "acting" badge): the near end, between the two cards' icons,
    // before any spot on a name.
    if (k === 0 && stacked) candidates.push({ x: left + 16 * unit, y: q.y });
  }
  const rest = candidates.find((q) => !taken(q)) ??
    candidates.at(-1) ?? {
      x: (left + right) / 2,
      y: (top + bottom) / 2,
    };
  return { start: center(a), rest };
}
