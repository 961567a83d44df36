import { type RefObject, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { PodPlace } from './PodChip.tsx';

/** A measured slot; `folded` when it sits in a closed kube-system disclosure. */
export interface MeasuredPlace extends PodPlace {
  folded: boolean;
  /** In the window when measured (not re-measured on scroll: after one, a pod may jump). */
  onScreen: boolean;
  /**
   * Worth a flight: the old place or the new one is on screen. A pod that moves between two
   * places nobody can see (a big cluster's far nodes) jumps, which spares the browser an
   * animation, and its end, per hidden pod.
   */
  flies: boolean;
}

/** The places of every pod, and whether the last change should be animated. */
export interface PodPlaces {
  places: ReadonlyMap<string, MeasuredPlace>;
  /** True when the last change came from a resize (jump), false for a change of the picture. */
  instant: boolean;
  /**
   * The places are the namespace grouping's. The chips' content follows this, not the canvas's
   * class, so it changes when their new sizes are written, after the measurement (podFlights.ts):
   * the measurement's forced layout then does not lay out 300 chips it is about to resize.
   */
  byNamespace: boolean;
}

const samePlaces = (
  a: ReadonlyMap<string, MeasuredPlace>,
  b: ReadonlyMap<string, MeasuredPlace>,
) => {
  if (a.size !== b.size) return false;
  for (const [key, p] of a) {
    const q = b.get(key);
    if (
      !q ||
      q.folded !== p.folded ||
      Math.abs(q.x - p.x) > 0.5 ||
      Math.abs(q.y - p.y) > 0.5 ||
      Math.abs(q.width - p.width) > 0.5 ||
      Math.abs(q.height - p.height) > 0.5
    ) {
      return false;
    }
  }
  return true;
};

/**
 * The measured places, held outside React state: the stage measures, only the pod layer
 * subscribes, so a measurement re-renders the layer and not the whole diagram.
 */
export interface PlacesStore {
  get: () => PodPlaces;
  set: (update: (prev: PodPlaces) => PodPlaces) => void;
  subscribe: (listener: () => void) => () => void;
}

function createPlacesStore(): PlacesStore {
  let state: PodPlaces = { places: new Map(), instant: true, byNamespace: false };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (update) => {
      const next = update(state);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The pod layer's view of the places. The server snapshot is the same getter: the build's
 * pre-render (src/prerender/) and the hydrating render both see "nothing measured yet".
 */
export function usePlaces(store: PlacesStore): PodPlaces {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/**
 * A selector for the containers of the grouping not on show (`canvas` is the stage canvas,
 * whose class names the grouping). Their slots keep a layout (`content-visibility: hidden`, see
 * stage.css), so they must be skipped by name: asking for their boxes would make the browser lay
 * them out, and would return places the learner cannot see.
 */
export function offDutySlots(canvas: Element): string {
  return canvas.classList.contains('stage-canvas--by-namespace')
    ? '.node-pods, .pod-list--orphans'
    : '.stage-namespaces';
}

/**
 * Measure every pod slot (`[data-slot="<uid>"]`) of the grouping on show inside `container`,
 * relative to it. A slot in a closed `<details>` (folded kube-system pods) takes the place of
 * the disclosure's summary, so the pod folds into the "+N kube-system" chip and unfolds out of
 * it. A pod with no slot now (its namespace is hidden) keeps its last place, so it fades out
 * where it was; pods no longer in `uids` are forgotten.
 *
 * Re-measured after each change of `version` (animated), when a disclosure opens or closes
 * (animated), and when anything resizes (instant: the slots moved, not the pods). One
 * measurement per change, never per frame: the flight itself is a Web Animation of the chip's
 * transform (podFlights.ts).
 */
export function usePodPlaces(
  container: RefObject<HTMLElement | null>,
  version: unknown,
  uids: readonly string[],
): PlacesStore {
  const [store] = useState(createPlacesStore);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger to re-measure.
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const wanted = new Set(uids);
    const watched: Element[] = [
      root,
      ...root.querySelectorAll('.node, .tray, .ns-box, .stage-namespaces'),
    ];
    /** The watched boxes' sizes at the last measurement (see the ResizeObserver below). */
    const sizes = new WeakMap<Element, readonly [number, number]>();
    const measure = (instant: boolean) => {
      const origin = root.getBoundingClientRect();
      const viewHeight = window.innerHeight;
      const viewWidth = window.innerWidth;
      const measured = new Map<string, MeasuredPlace>();
      const offDuty = offDutySlots(root);
      const byNamespace = root.classList.contains('stage-canvas--by-namespace');
      for (const el of root.querySelectorAll<HTMLElement>('[data-slot]')) {
        const uid = el.dataset.slot;
        if (!uid || !wanted.has(uid) || el.closest(offDuty)) continue;
        const details = el.closest('details');
        const folded = details !== null && !details.open;
        const target = folded ? details.querySelector('summary') : el;
        if (!target) continue;
        const r = target.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const own = folded ? el.getBoundingClientRect() : r;
        measured.set(uid, {
          x: r.left - origin.left,
          y: r.top - origin.top,
          // A folded pod keeps its own size (its slot still lays out), or the summary's.
          width: own.width || r.width,
          height: own.height || r.height,
          folded,
          onScreen: r.bottom > 0 && r.top < viewHeight && r.right > 0 && r.left < viewWidth,
          flies: true,
        });
      }
      store.set((prev) => {
        const next = new Map<string, MeasuredPlace>();
        for (const [uid, place] of prev.places) if (wanted.has(uid)) next.set(uid, place);
        for (const [uid, place] of measured) {
          // Keep the old object when nothing moved, so that pod's chip does not re-render.
          const old = prev.places.get(uid);
          if (old && samePlaces(new Map([[uid, old]]), new Map([[uid, place]]))) next.set(uid, old);
          else next.set(uid, { ...place, flies: place.onScreen || (old?.onScreen ?? false) });
        }
        if (samePlaces(prev.places, next) && prev.byNamespace === byNamespace) return prev;
        return { places: next, instant, byNamespace };
      });
      // The layout is clean here (the slots were just measured), so these reads are cheap. Not
      // the off-duty boxes: reading one would lay out its skipped content.
      for (const el of watched) {
        if (el.closest(offDuty)) {
          sizes.delete(el);
          continue;
        }
        const r = el.getBoundingClientRect();
        sizes.set(el, [r.width, r.height]);
      }
    };
    // The first measurement places the pods where the page starts: there is no earlier picture
    // to fly from (they would fly in from the canvas's corner), so they jump. This also spares the
    // page's start one animation per pod.
    measure(store.get().places.size === 0);
    // A resize re-measures, instantly. Not when the sizes are those just measured: a newly
    // observed box always reports once (and the effect observes anew after every change), and
    // a regroup resizes the boxes it has already measured. Measuring again would cost the
    // switch's frame a second pass over every slot for nothing. Nor when only the other
    // grouping's boxes changed.
    const observer = new ResizeObserver((entries) => {
      const offDuty = offDutySlots(root);
      const resized = entries.some((entry) => {
        // The other grouping's boxes hold no slot that is measured.
        if (entry.target.closest(offDuty)) return false;
        const known = sizes.get(entry.target);
        const box = entry.borderBoxSize?.[0];
        return (
          !known ||
          !box ||
          Math.abs(box.inlineSize - known[0]) > 0.5 ||
          Math.abs(box.blockSize - known[1]) > 0.5
        );
      });
      if (resized) measure(true);
    });
    for (const el of watched) observer.observe(el);
    // `toggle` does not bubble, so listen in the capture phase.
    const onToggle = () => measure(false);
    root.addEventListener('toggle', onToggle, true);
    return () => {
      observer.disconnect();
      root.removeEventListener('toggle', onToggle, true);
    };
  }, [container, version, store]);

  return store;
}
