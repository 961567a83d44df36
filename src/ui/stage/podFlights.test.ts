import { describe, expect, it } from 'vitest';
import type { PodPlace } from './PodChip.tsx';
import {
  createFlights,
  FLIGHT_EASING,
  type FlightAnimation,
  type FlightElement,
} from './podFlights.ts';

/** A chip as the flights see it, recording every animation started on it. */
function fakeChip() {
  const started: { keyframes: { transform: string }[]; duration: number; easing: string }[] = [];
  const animations: { cancelled: boolean; progress: number | null }[] = [];
  const element: FlightElement = {
    style: { transform: '', width: '', height: '' },
    animate(keyframes, options) {
      started.push({ keyframes, ...options });
      const state = { cancelled: false, progress: 0 as number | null };
      animations.push(state);
      const animation: FlightAnimation = {
        cancel: () => {
          state.cancelled = true;
          state.progress = null;
        },
        effect: { getComputedTiming: () => ({ progress: state.progress }) },
      };
      return animation;
    },
  };
  return { element, started, animations };
}

const place = (x: number, y: number, width = 120, height = 30): PodPlace => ({
  x,
  y,
  width,
  height,
});

describe('pod flights', () => {
  it('puts a chip in its first place without a flight (nothing earlier to fly from)', () => {
    const flights = createFlights();
    const chip = fakeChip();
    const first = { uid: 'a', element: chip.element, place: place(10.4, 20.6), flies: true };
    expect(flights.apply([first], 600)).toBe(0);
    expect(chip.element.style).toEqual({
      transform: 'translate(10px, 21px)',
      width: '120px',
      height: '30px',
    });
    expect(chip.started).toEqual([]);
  });

  it('flies a moved chip from its old place to its new one, resting at the new one', () => {
    const flights = createFlights();
    const chip = fakeChip();
    flights.apply([{ uid: 'a', element: chip.element, place: place(10, 20), flies: true }], 600);
    const next = place(300, 500, 140);
    expect(
      flights.apply([{ uid: 'a', element: chip.element, place: next, flies: true }], 600),
    ).toBe(1);
    expect(chip.started).toEqual([
      {
        keyframes: [
          { transform: 'translate(10px, 20px)' },
          { transform: 'translate(300px, 500px)' },
        ],
        duration: 600,
        easing: FLIGHT_EASING,
      },
    ]);
    // The resting place is already the new one: when the flight ends the chip stays there.
    expect(chip.element.style.transform).toBe('translate(300px, 500px)');
    expect(chip.element.style.width).toBe('140px');
    // The same place again (the store keeps the object when nothing moved): no new flight.
    expect(
      flights.apply([{ uid: 'a', element: chip.element, place: next, flies: true }], 600),
    ).toBe(0);
    expect(chip.started).toHaveLength(1);
  });

  it('turns an interrupted flight from where the chip is drawn, not from where it was going', () => {
    const flights = createFlights();
    const chip = fakeChip();
    flights.apply([{ uid: 'a', element: chip.element, place: place(0, 0), flies: true }], 600);
    flights.apply([{ uid: 'a', element: chip.element, place: place(200, 100), flies: true }], 600);
    const first = chip.animations[0];
    if (!first) throw new Error('no flight');
    first.progress = 0.25;
    flights.apply([{ uid: 'a', element: chip.element, place: place(0, 400), flies: true }], 600);
    expect(first.cancelled).toBe(true);
    expect(chip.started[1]?.keyframes).toEqual([
      { transform: 'translate(50px, 25px)' },
      { transform: 'translate(0px, 400px)' },
    ]);
  });

  it('jumps when the change may not be seen moving (resize, reduced motion, off screen)', () => {
    const flights = createFlights();
    const chip = fakeChip();
    flights.apply([{ uid: 'a', element: chip.element, place: place(0, 0), flies: true }], 600);
    flights.apply([{ uid: 'a', element: chip.element, place: place(200, 100), flies: true }], 600);
    expect(
      flights.apply([{ uid: 'a', element: chip.element, place: place(5, 5), flies: false }], 600),
    ).toBe(0);
    // The running flight is cancelled, so the chip shows its new place at once.
    expect(chip.animations[0]?.cancelled).toBe(true);
    expect(chip.element.style.transform).toBe('translate(5px, 5px)');
    expect(chip.started).toHaveLength(1);
  });

  it('starts a chip that left the page and came back at rest', () => {
    const flights = createFlights();
    const chip = fakeChip();
    flights.apply([{ uid: 'a', element: chip.element, place: place(0, 0), flies: true }], 600);
    flights.forget('a');
    const again = fakeChip();
    flights.apply([{ uid: 'a', element: again.element, place: place(90, 90), flies: true }], 600);
    expect(again.started).toEqual([]);
    expect(again.element.style.transform).toBe('translate(90px, 90px)');
  });

  it('reads every chip before writing any, and starts the flights after the writes', () => {
    // In the page a read after a write (where a flight is now, starting an animation) makes the
    // browser recompute style and layout: one read-write-read per chip cost a regroup of 300 pods
    // one forced layout per moving chip. The order below gives one.
    const log: string[] = [];
    const flights = createFlights();
    const chips = ['a', 'b', 'c'].map((uid) => {
      const style = { transform: '', width: '', height: '' };
      const element: FlightElement = {
        style: new Proxy(style, {
          set(target, key, value) {
            log.push(`write ${uid}`);
            return Reflect.set(target, key, value);
          },
        }),
        animate() {
          log.push(`animate ${uid}`);
          return {
            cancel: () => log.push(`cancel ${uid}`),
            effect: {
              getComputedTiming: () => {
                log.push(`read ${uid}`);
                return { progress: 0.5 };
              },
            },
          };
        },
      };
      return { uid, element };
    });
    const at = (x: number) =>
      chips.map(({ uid, element }) => ({ uid, element, place: place(x, x), flies: true }));
    flights.apply(at(0), 600);
    flights.apply(at(100), 600);
    // Mid-flight: the third change turns every chip from where it is drawn.
    log.length = 0;
    expect(flights.apply(at(300), 600)).toBe(3);
    const last = (kind: string) => log.findLastIndex((entry) => entry.startsWith(kind));
    const first = (kind: string) => log.findIndex((entry) => entry.startsWith(kind));
    expect(log.filter((entry) => entry.startsWith('read'))).toHaveLength(3);
    expect(last('read')).toBeLessThan(first('write'));
    expect(last('write')).toBeLessThan(first('animate'));
    expect(last('cancel')).toBeLessThan(first('animate'));
  });
});
