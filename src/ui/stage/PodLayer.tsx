import { useReducedMotionConfig } from 'framer-motion';
import {
  type KeyboardEvent,
  memo,
  useCallback,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useT } from '../ViewStoreContext.tsx';
import type { StagePod } from './model.ts';
import { FlyingPod, InspectableContext } from './PodChip.tsx';
import { createFlights, type PlaceChange } from './podFlights.ts';
import { offDutySlots, type PlacesStore, usePlaces } from './usePodPlaces.ts';

/** Keys that move the pod layer's tab stop, and where to. */
const MOVES: Record<string, 'next' | 'previous' | 'first' | 'last'> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
};

/**
 * The pods' buttons in the order the learner sees them: the order of the shown slots in the
 * diagram (node by node, or namespace by namespace), which is not the layer's own order.
 * Read from the page only when a key is pressed, so no pod does any work per regroup.
 */
function buttonsInViewOrder(layer: HTMLElement): HTMLButtonElement[] {
  const canvas = layer.parentElement;
  if (!canvas) return [];
  const out: HTMLButtonElement[] = [];
  const offDuty = offDutySlots(canvas);
  for (const slot of canvas.querySelectorAll<HTMLElement>('[data-slot]')) {
    if (slot.closest(offDuty)) continue;
    const details = slot.closest('details');
    if (details && !details.open) continue;
    const rect = slot.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const button = layer.querySelector<HTMLButtonElement>(
      `[data-pod-open="${CSS.escape(slot.dataset.slot ?? '')}"]`,
    );
    if (button) out.push(button);
  }
  return out;
}

/**
 * Every pod bound to a node, as children of one list laid over the diagram. React keeps an
 * element only while its parent stays the same, so this layer is what lets a regroup move the
 * very same pod elements: each is flown (a transform) onto the slot measured for it in a node
 * box or a namespace box. The order is stable (namespace, name), so regrouping does not even
 * reorder the children.
 *
 * A move renders no chip: the layer re-renders (cheap, the chips are memoized and their props do
 * not change), then one layout effect writes every moved chip's size and transform and starts its
 * flight (`podFlights.ts`), in the same frame as the measurement.
 *
 * In the lab (`InspectableContext`) each shown chip is a button that opens the inspector. The
 * layer is one tab stop (a roving tabindex: 300 pods must not be 300 Tab presses): Tab reaches
 * the chip last focused (or the top-left one), ← → ↑ ↓ walk the chips in the order they are drawn
 * (wrapping round at the ends), Home and End jump to the first and the last, Enter or Space opens it.
 */
export const PodLayer = memo(function PodLayer({
  pods,
  places: store,
  hiddenNamespaces,
  flightMs,
}: {
  pods: readonly StagePod[];
  /** The slots measured by `usePodPlaces` (in the stage: a child's effects run before the
   * stage's canvas ref is attached, so the layer cannot measure on its first render). */
  places: PlacesStore;
  hiddenNamespaces: ReadonlySet<string>;
  /** How long a flight takes, ms (the player's speed divides it). */
  flightMs: number;
}) {
  const t = useT();
  const { places, instant, byNamespace } = usePlaces(store);
  const layer = useRef<HTMLUListElement>(null);
  const inspectable = useContext(InspectableContext);
  /** The pod that holds the layer's tab stop (the last one focused). */
  const [current, setCurrent] = useState<string | null>(null);
  // The user's reduced-motion wish, as MotionConfig reducedMotion="user" reads it: pods jump.
  const reduced = useReducedMotionConfig() ?? false;
  const elements = useRef(new Map<string, HTMLLIElement>());
  const [flights] = useState(createFlights);
  const register = useCallback(
    (uid: string, element: HTMLLIElement | null) => {
      if (element) elements.current.set(uid, element);
      else {
        elements.current.delete(uid);
        flights.forget(uid);
      }
    },
    [flights],
  );
  // After the commit that brought new places (the stage measures in its own layout effect and
  // this layer re-renders at once), before the browser paints: no frame shows the old places.
  useLayoutEffect(() => {
    // The chips name their node when grouped by namespace (stage.css): switched here, with the
    // sizes measured for it, so the chips are laid out once per regroup, not twice.
    layer.current?.toggleAttribute('data-by-namespace', byNamespace);
    const changes: PlaceChange[] = [];
    for (const pod of pods) {
      const element = elements.current.get(pod.uid);
      const place = places.get(pod.uid);
      if (!element || !place) continue;
      changes.push({
        uid: pod.uid,
        element,
        place,
        flies: !instant && !reduced && place.flies,
      });
    }
    flights.apply(changes, flightMs);
  }, [pods, places, instant, byNamespace, reduced, flightMs, flights]);

  const shownOf = (pod: StagePod) => {
    const place = places.get(pod.uid);
    return !hiddenNamespaces.has(pod.namespace) && place !== undefined && !place.folded;
  };
  // The tab stop stays on the focused pod while it is shown; otherwise the shown pod drawn
  // nearest the top left (reading order: the first node's first pod).
  let tabStop: string | undefined;
  if (inspectable) {
    const held = current === null ? undefined : pods.find((p) => p.uid === current);
    if (held && shownOf(held)) tabStop = held.uid;
    else {
      let best: { x: number; y: number } | undefined;
      for (const pod of pods) {
        const place = places.get(pod.uid);
        if (!place || !shownOf(pod)) continue;
        // Rows first (a few pixels of slack: chips in one row may differ by a border).
        if (
          !best ||
          place.y < best.y - 4 ||
          (Math.abs(place.y - best.y) <= 4 && place.x < best.x)
        ) {
          best = place;
          tabStop = pod.uid;
        }
      }
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const move = MOVES[event.key];
    const target = event.target as HTMLElement;
    if (!move || !target.matches('.pod-open') || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    // Handled here: the player's ← → shortcuts see `defaultPrevented` and leave it alone.
    event.preventDefault();
    const buttons = buttonsInViewOrder(event.currentTarget);
    if (buttons.length === 0) return;
    const at = buttons.indexOf(target as HTMLButtonElement);
    const index =
      move === 'first'
        ? 0
        : move === 'last'
          ? buttons.length - 1
          : move === 'next'
            ? (at + 1) % buttons.length
            : (at - 1 + buttons.length) % buttons.length;
    buttons[index]?.focus();
  };

  return (
    <ul
      ref={layer}
      className="pod-layer"
      aria-label={t('stage.pods.all')}
      onKeyDown={inspectable ? onKeyDown : undefined}
      onFocus={
        inspectable
          ? (event) => {
              const uid = (event.target as HTMLElement).dataset.podOpen;
              if (uid) setCurrent(uid);
            }
          : undefined
      }
    >
      {pods.map((pod) => (
        <FlyingPod
          key={pod.uid}
          pod={pod}
          shown={shownOf(pod)}
          register={register}
          inspectable={inspectable}
          tabbable={pod.uid === tabStop}
        />
      ))}
    </ul>
  );
});
