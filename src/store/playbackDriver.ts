import type { PlayerState, PlayerStore } from './player.ts';

/** The timer functions the driver needs; injected so tests can use fake timers. */
export interface Scheduler {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/**
 * How long one step stays on screen at 1× speed, in milliseconds: time for the step's packets
 * to take their turns and for the learner to read the narration's first sentence.
 */
export const BASE_STEP_MS = 6000;

/** How long a step stays on screen at `speed`. */
export function stepDuration(speed: number, baseMs = BASE_STEP_MS): number {
  return baseMs / speed;
}

/**
 * Drive playback outside React: while the player is `playing`, call `tick()` once every
 * `stepDuration(speed)`. Any change of cursor, speed or status re-arms the timer, so a step
 * chosen by hand (or a new speed) always gets its full time on screen.
 *
 * Returns a function that stops the driver.
 */
export function startPlaybackDriver(
  store: PlayerStore,
  scheduler: Scheduler,
  baseMs = BASE_STEP_MS,
): () => void {
  let handle: unknown = null;
  let armedFor: PlayerState | null = null;

  const disarm = () => {
    if (handle !== null) scheduler.clearTimeout(handle);
    handle = null;
    armedFor = null;
  };

  const sync = (state: PlayerState) => {
    if (state.status !== 'playing') {
      disarm();
      return;
    }
    if (
      armedFor &&
      armedFor.cursor === state.cursor &&
      armedFor.speed === state.speed &&
      armedFor.status === state.status
    ) {
      return;
    }
    disarm();
    armedFor = state;
    handle = scheduler.setTimeout(
      () => {
        handle = null;
        armedFor = null;
        store.getState().tick();
      },
      stepDuration(state.speed, baseMs),
    );
  };

  sync(store.getState());
  const unsubscribe = store.subscribe(sync);
  return () => {
    unsubscribe();
    disarm();
  };
}
