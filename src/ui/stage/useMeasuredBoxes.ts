import { type RefObject, startTransition, useLayoutEffect, useRef, useState } from 'react';
import type { Box } from './geometry.ts';

const sameBoxes = (a: ReadonlyMap<string, Box>, b: ReadonlyMap<string, Box>) => {
  if (a.size !== b.size) return false;
  for (const [key, box] of a) {
    const other = b.get(key);
    if (
      !other ||
      Math.abs(other.x - box.x) > 0.5 ||
      Math.abs(other.y - box.y) > 0.5 ||
      Math.abs(other.width - box.width) > 0.5 ||
      Math.abs(other.height - box.height) > 0.5
    ) {
      return false;
    }
  }
  return true;
};

/**
 * The boxes of every `[data-cid]` element inside `container`, relative to it, and of every
 * `[data-avoid]` one (as `avoid:<value>`: text that packets keep off, such as a node's header). Re-measured
 * after each change of `version` (the step), when anything inside is resized, and when a
 * disclosure inside opens or closes.
 */
export function useMeasuredBoxes(
  container: RefObject<HTMLElement | null>,
  version: unknown,
): ReadonlyMap<string, Box> {
  const [boxes, setBoxes] = useState<ReadonlyMap<string, Box>>(() => new Map());
  const measuredBefore = useRef(false);
  /** The last boxes measured (possibly not rendered yet, while a transition is pending). */
  const latest = useRef<ReadonlyMap<string, Box>>(boxes);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger to re-measure.
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    // The very first measurement (the page starting, or hydrating its pre-rendered first step)
    // draws what depends on the boxes (wires, packets) in a transition, so that drawing is its own
    // interruptible render instead of lengthening the page's first commit. Later ones (a new
    // step) stay synchronous, so wires and packets never lag a frame behind the step.
    const first = !measuredBefore.current;
    measuredBefore.current = true;
    const measure = (deferred: boolean) => {
      const origin = root.getBoundingClientRect();
      const next = new Map<string, Box>();
      for (const el of root.querySelectorAll<HTMLElement>('[data-cid], [data-avoid]')) {
        // Besides the components, text packets should not rest on (a node's header): `avoid:…`.
        const id = el.dataset.cid ?? (el.dataset.avoid ? `avoid:${el.dataset.avoid}` : undefined);
        if (!id) continue;
        // The other grouping's pod lists are laid out but not drawn (`content-visibility: hidden`
        // on an ancestor): nothing there to keep off.
        if (!el.dataset.cid && el.checkVisibility?.() === false) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        next.set(id, {
          x: r.left - origin.left,
          y: r.top - origin.top,
          width: r.width,
          height: r.height,
        });
      }
      // Nothing moved since the last measurement: no update (the resize observer's first call
      // must not turn a pending transition into a synchronous render).
      if (sameBoxes(latest.current, next)) return;
      latest.current = next;
      const apply = () => setBoxes(next);
      if (deferred) startTransition(apply);
      else apply();
    };
    measure(first);
    const remeasure = () => measure(false);
    const observer = new ResizeObserver(remeasure);
    observer.observe(root);
    for (const el of root.querySelectorAll('[data-cid], .node, .tray')) observer.observe(el);
    // `toggle` does not bubble, so listen in the capture phase.
    root.addEventListener('toggle', remeasure, true);
    return () => {
      observer.disconnect();
      root.removeEventListener('toggle', remeasure, true);
    };
  }, [container, version]);

  return boxes;
}
