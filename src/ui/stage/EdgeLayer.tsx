import { memo } from 'react';
import { type Box, edgeKey, edgesFor, type Segment, segmentBetween } from './geometry.ts';
import type { StageModel } from './model.ts';

/**
 * The wires between components, drawn under the cards. Quiet grey until a packet of this step
 * travels one: then it is drawn solid with an arrowhead per direction, so direction never
 * depends on motion or colour alone.
 */
export const EdgeLayer = memo(function EdgeLayer({
  model,
  boxes,
}: {
  model: StageModel;
  boxes: ReadonlyMap<string, Box>;
}) {
  const busy = new Set(model.packets.map((p) => edgeKey(p.from, p.to)));
  const quiet: { key: string; seg: Segment }[] = [];
  for (const [a, b] of edgesFor(model)) {
    const key = edgeKey(a, b);
    if (busy.has(key)) continue;
    const boxA = boxes.get(a);
    const boxB = boxes.get(b);
    const seg = boxA && boxB ? segmentBetween(boxA, boxB, 3) : null;
    if (seg) quiet.push({ key, seg });
  }
  // One arrow per direction travelled in this step.
  const arrows = new Map<string, Segment>();
  for (const p of model.packets) {
    const direction = `${p.from}>${p.to}`;
    if (arrows.has(direction)) continue;
    const boxA = boxes.get(p.from);
    const boxB = boxes.get(p.to);
    const seg = boxA && boxB ? segmentBetween(boxA, boxB, 3) : null;
    if (!seg) continue;
    const both = model.packets.some((q) => q.from === p.to && q.to === p.from);
    arrows.set(direction, both ? shift(seg, 4) : seg);
  }
  return (
    <svg className="edges" aria-hidden="true" focusable="false">
      <defs>
        <marker
          id="edge-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 0 10 5 0 10z" className="edge-arrowhead" />
        </marker>
      </defs>
      {quiet.map(({ key, seg }) => (
        <line
          key={key}
          className="edge"
          x1={seg.from.x}
          y1={seg.from.y}
          x2={seg.to.x}
          y2={seg.to.y}
        />
      ))}
      {[...arrows].map(([direction, seg]) => (
        <line
          key={direction}
          className="edge edge--busy"
          x1={seg.from.x}
          y1={seg.from.y}
          x2={seg.to.x}
          y2={seg.to.y}
          markerEnd="url(#edge-arrow)"
        />
      ))}
    </svg>
  );
});

/** Move a segment sideways (to its right), so the two directions of one edge sit apart. */
function shift(seg: Segment, by: number): Segment {
  const dx = seg.to.x - seg.from.x;
  const dy = seg.to.y - seg.from.y;
  const length = Math.hypot(dx, dy) || 1;
  const nx = (-dy / length) * by;
  const ny = (dx / length) * by;
  return {
    from: { x: seg.from.x + nx, y: seg.from.y + ny },
    to: { x: seg.to.x + nx, y: seg.to.y + ny },
  };
}
