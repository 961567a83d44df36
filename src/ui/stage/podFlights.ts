/**
 * The pods' flights, run by hand with the Web Animations API instead of one framer-motion
 * component per pod. A regroup moves 300 chips at once: framer-motion started each chip's
 * animation on its own (300 microtasks, each reading and writing the element), which made the
 * switch frame ~150 ms longer. Here one loop, run from the pod layer's layout effect, writes each
 * chip's size and final transform and starts one composited `transform` animation per moved chip;
 * React renders nothing per chip for a move.
 */
import type { PodPlace } from './PodChip.tsx';

/** A point in the canvas, whole pixels (a transform between pixels blurs the chip's text). */
export interface Point {
  x: number;
  y: number;
}

/** The part of an element this module touches (an `HTMLElement` in the page; a fake in tests). */
export interface FlightElement {
  style: { transform: string; width: string; height: string };
  animate(
    keyframes: { transform: string }[],
    options: { duration: number; easing: string },
  ): FlightAnimation;
}

/** The part of a Web Animation this module uses. */
export interface FlightAnimation {
  cancel(): void;
  /** `progress` is the eased progress (Web Animations' "iteration progress"), null when done. */
  effect: { getComputedTiming(): { progress?: number | null } } | null;
}

/** Where one chip was sent last, and its flight if it is still flying. */
interface Flight {
  place: PodPlace;
  /** Where the chip rests once its flight ends (its inline transform). */
  at: Point;
  from: Point;
  animation: FlightAnimation | null;
}

/** One place to apply: the chip, where it goes, and whether this change may be seen moving. */
export interface PlaceChange {
  uid: string;
  element: FlightElement;
  place: PodPlace;
  /** False: jump (a resize, reduced motion, a move between two places nobody can see). */
  flies: boolean;
}

/** The easing of every flight: CSS `ease-in-out`, a gentle take-off and landing. */
export const FLIGHT_EASING = 'ease-in-out';

const translate = (p: Point) => `translate(${p.x}px, ${p.y}px)`;
const px = (n: number) => `${n}px`;

/**
 * The chips' flights. `apply` takes the places measured after a change and, for each chip whose
 * place object changed, sets its size and its resting transform and, when it may fly, starts a
 * `transform` animation from where the chip is drawn now (mid-flight too: an interrupted flight
 * turns from its current point, it does not snap back) to its new place.
 */
export function createFlights() {
  const flights = new Map<string, Flight>();

  /** Where a chip is drawn now: along its flight, or at rest. */
  const drawnAt = (flight: Flight): Point => {
    const progress = flight.animation?.effect?.getComputedTiming().progress;
    if (progress === null || progress === undefined) return flight.at;
    return {
      x: Math.round(flight.from.x + (flight.at.x - flight.from.x) * progress),
      y: Math.round(flight.from.y + (flight.at.y - flight.from.y) * progress),
    };
  };

  return {
    /**
     * Apply `changes` (one per chip that has a place). Chips whose `place` is the very object
     * applied last time are left alone, so an unchanged pod costs nothing. Returns how many
     * flights started.
     */
    apply(changes: Iterable<PlaceChange>, durationMs: number): number {
      // Three passes, so the browser brings style and layout up to date once, not once per
      // chip: first every read (where each chip is drawn now), then every write (sizes and
      // resting transforms), then every flight (starting an animation reads the style).
      const moves: { change: PlaceChange; old: Flight | undefined; at: Point; from: Point }[] = [];
      for (const change of changes) {
        const old = flights.get(change.uid);
        if (old?.place === change.place) continue;
        const at = { x: Math.round(change.place.x), y: Math.round(change.place.y) };
        moves.push({ change, old, at, from: old ? drawnAt(old) : at });
      }
      for (const { change, old, at } of moves) {
        const { element, place } = change;
        const width = px(place.width);
        const height = px(place.height);
        if (element.style.width !== width) element.style.width = width;
        if (element.style.height !== height) element.style.height = height;
        old?.animation?.cancel();
        // The resting place is the inline transform: the animation only draws the way there, and
        // when it ends (or is cancelled) the chip is already where it belongs.
        element.style.transform = translate(at);
      }
      let started = 0;
      for (const { change, old, at, from } of moves) {
        const { uid, element, place, flies } = change;
        let animation: FlightAnimation | null = null;
        if (flies && old && durationMs > 0 && (from.x !== at.x || from.y !== at.y)) {
          animation = element.animate(
            [{ transform: translate(from) }, { transform: translate(at) }],
            {
              duration: durationMs,
              easing: FLIGHT_EASING,
            },
          );
          started++;
        }
        flights.set(uid, { place, at, from, animation });
      }
      return started;
    },

    /** Forget chips no longer drawn (their elements are gone). */
    retain(uids: ReadonlySet<string>): void {
      for (const uid of flights.keys()) if (!uids.has(uid)) flights.delete(uid);
    },

    /** Forget one chip (its element left the page; a new one starts at rest). */
    forget(uid: string): void {
      flights.get(uid)?.animation?.cancel();
      flights.delete(uid);
    },
  };
}

/** The flights of one pod layer. */
export type Flights = ReturnType<typeof createFlights>;
