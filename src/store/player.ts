import { createStore } from 'zustand/vanilla';

/**
 * The player: which step of the timeline is shown and whether it advances by itself.
 *
 * It is an explicit state machine. `transition(snapshot, event)` is a pure function written as
 * a table (one handler per status × event), and the zustand store only applies it. Everything
 * the UI shows (the step indicator, which frame to draw) is derived from `cursor` and
 * `stepCount`, so stepping fast can never leave the picture out of step with the cursor.
 *
 * Invariants (checked by the property tests):
 * - `0 <= cursor <= max(0, stepCount - 1)`;
 * - `idle` only at cursor 0 (nothing watched yet, or after `restart`);
 * - `finished` exactly when the cursor sits on the last step after playing or stepping there;
 * - `playing` never on the last step (reaching it finishes playback).
 */
export type PlayerStatus = 'idle' | 'playing' | 'paused' | 'finished';

/** Playback speeds offered to the learner (multiples of the base step interval). */
export const SPEEDS = [0.5, 1, 1.5, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** The data part of the player. */
export interface PlayerSnapshot {
  status: PlayerStatus;
  /** 0-based index of the step shown. */
  cursor: number;
  /** How many steps the timeline has (frames of the story). */
  stepCount: number;
  speed: Speed;
}

/** Everything that can happen to the player, as data. `tick` is the playback driver's step. */
export type PlayerEvent =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'togglePlay' }
  | { type: 'tick' }
  | { type: 'seek'; cursor: number }
  | { type: 'restart' }
  | { type: 'setSpeed'; speed: number }
  | { type: 'setStepCount'; stepCount: number };

/** Is `value` one of the offered speeds? */
export function isSpeed(value: unknown): value is Speed {
  return (SPEEDS as readonly unknown[]).includes(value);
}

const lastIndex = (s: PlayerSnapshot) => Math.max(0, s.stepCount - 1);

/** The status a paused-like player has at `cursor`: finished on the last step, else paused. */
function restingAt(s: PlayerSnapshot, cursor: number): PlayerSnapshot {
  if (s.stepCount === 0) return { ...s, cursor: 0, status: 'idle' };
  const status: PlayerStatus = s.stepCount > 0 && cursor === lastIndex(s) ? 'finished' : 'paused';
  return { ...s, cursor, status };
}

/** Move to `cursor` and keep playing, unless that is the last step. */
function playingAt(s: PlayerSnapshot, cursor: number): PlayerSnapshot {
  if (s.stepCount === 0) return { ...s, cursor: 0, status: 'idle' };
  if (cursor >= lastIndex(s)) return { ...s, cursor: lastIndex(s), status: 'finished' };
  return { ...s, cursor, status: 'playing' };
}

function clampCursor(s: PlayerSnapshot, cursor: number): number {
  if (!Number.isFinite(cursor)) return s.cursor;
  return Math.min(lastIndex(s), Math.max(0, Math.trunc(cursor)));
}

type Handler<E extends PlayerEvent['type']> = (
  s: PlayerSnapshot,
  e: Extract<PlayerEvent, { type: E }>,
) => PlayerSnapshot;
type Row = { [E in PlayerEvent['type']]: Handler<E> };

const stay = (s: PlayerSnapshot) => s;

// Events that behave the same in every status.
const common = {
  restart: (s: PlayerSnapshot) => ({ ...s, cursor: 0, status: 'idle' as const }),
  setSpeed: (s: PlayerSnapshot, e: { speed: number }) =>
    isSpeed(e.speed) && e.speed !== s.speed ? { ...s, speed: e.speed } : s,
  setStepCount: (s: PlayerSnapshot, e: { stepCount: number }): PlayerSnapshot => {
    const stepCount = Number.isFinite(e.stepCount) ? Math.max(0, Math.trunc(e.stepCount)) : 0;
    if (stepCount === s.stepCount) return s;
    const resized = { ...s, stepCount };
    const cursor = clampCursor(resized, s.cursor);
    if (stepCount === 0 || (s.status === 'idle' && cursor === 0)) {
      return { ...resized, cursor: 0, status: 'idle' };
    }
    // A growing timeline (the story appends steps) lets a finished player continue.
    return s.status === 'playing' ? playingAt(resized, cursor) : restingAt(resized, cursor);
  },
  // Stepping by hand takes control: the player stops advancing by itself.
  next: (s: PlayerSnapshot) =>
    s.cursor < lastIndex(s) ? restingAt(s, s.cursor + 1) : restingAt(s, s.cursor),
  previous: (s: PlayerSnapshot) => (s.cursor > 0 ? restingAt(s, s.cursor - 1) : s),
};

/**
 * The transition table: for each status, what each event does. Unlisted behaviour does not
 * exist; a row must name every event (the type checks it).
 */
const table: Record<PlayerStatus, Row> = {
  idle: {
    ...common,
    previous: stay,
    play: (s) => (s.stepCount > 0 ? playingAt(s, s.cursor) : s),
    togglePlay: (s) => (s.stepCount > 0 ? playingAt(s, s.cursor) : s),
    pause: stay,
    tick: stay,
    seek: (s, e) => {
      const cursor = clampCursor(s, e.cursor);
      return cursor === 0 ? s : restingAt(s, cursor);
    },
  },
  playing: {
    ...common,
    play: stay,
    pause: (s) => ({ ...s, status: 'paused' }),
    togglePlay: (s) => ({ ...s, status: 'paused' }),
    tick: (s) => playingAt(s, s.cursor + 1),
    // Scrubbing while playing keeps playing from the new place.
    seek: (s, e) => playingAt(s, clampCursor(s, e.cursor)),
  },
  paused: {
    ...common,
    play: (s) => playingAt(s, s.cursor),
    togglePlay: (s) => playingAt(s, s.cursor),
    pause: stay,
    tick: stay,
    seek: (s, e) => restingAt(s, clampCursor(s, e.cursor)),
  },
  finished: {
    ...common,
    // Play at the end starts over, like a video player's replay button.
    play: (s) => playingAt(s, 0),
    togglePlay: (s) => playingAt(s, 0),
    pause: stay,
    tick: stay,
    seek: (s, e) => restingAt(s, clampCursor(s, e.cursor)),
  },
};

/** Apply one event to a snapshot (pure; returns the same object when nothing changes). */
export function transition(s: PlayerSnapshot, event: PlayerEvent): PlayerSnapshot {
  const handler = table[s.status][event.type] as (
    s: PlayerSnapshot,
    e: PlayerEvent,
  ) => PlayerSnapshot;
  return handler(s, event);
}

/** The player's store: its snapshot plus one action per event. */
export interface PlayerState extends PlayerSnapshot {
  next: () => void;
  previous: () => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  /** Advance one step because time passed (used by the playback driver, not by buttons). */
  tick: () => void;
  /** Show step `cursor` (0-based; clamped to the timeline). */
  seek: (cursor: number) => void;
  restart: () => void;
  setSpeed: (speed: number) => void;
  setStepCount: (stepCount: number) => void;
}

export type PlayerStore = ReturnType<typeof createPlayerStore>;

/** Options for a new player. `cursor` opens a deep link (clamped; beyond 0 it starts paused). */
export interface PlayerOptions {
  stepCount: number;
  cursor?: number;
  speed?: number;
}

/** The snapshot a new player starts from. */
export function initialSnapshot(options: PlayerOptions): PlayerSnapshot {
  const base: PlayerSnapshot = {
    status: 'idle',
    cursor: 0,
    stepCount: 0,
    speed: isSpeed(options.speed) ? options.speed : 1,
  };
  const sized = transition(base, { type: 'setStepCount', stepCount: options.stepCount });
  return options.cursor ? transition(sized, { type: 'seek', cursor: options.cursor }) : sized;
}

/** Do two snapshots show the same thing? */
export function sameSnapshot(a: PlayerSnapshot, b: PlayerSnapshot): boolean {
  return (
    a.status === b.status &&
    a.cursor === b.cursor &&
    a.stepCount === b.stepCount &&
    a.speed === b.speed
  );
}

/** One store per provider, so tests and embedded copies never share state. */
export function createPlayerStore(options: PlayerOptions) {
  return createStore<PlayerState>()((set) => {
    const dispatch = (event: PlayerEvent) =>
      set((state) => {
        const next = transition(state, event);
        // Returning the same state object tells zustand nothing changed (no notification).
        return sameSnapshot(next, state) ? state : next;
      });
    return {
      ...initialSnapshot(options),
      next: () => dispatch({ type: 'next' }),
      previous: () => dispatch({ type: 'previous' }),
      play: () => dispatch({ type: 'play' }),
      pause: () => dispatch({ type: 'pause' }),
      togglePlay: () => dispatch({ type: 'togglePlay' }),
      tick: () => dispatch({ type: 'tick' }),
      seek: (cursor) => dispatch({ type: 'seek', cursor }),
      restart: () => dispatch({ type: 'restart' }),
      setSpeed: (speed) => dispatch({ type: 'setSpeed', speed }),
      setStepCount: (stepCount) => dispatch({ type: 'setStepCount', stepCount }),
    };
  });
}

export const selectStatus = (s: PlayerState) => s.status;
export const selectCursor = (s: PlayerState) => s.cursor;
export const selectStepCount = (s: PlayerState) => s.stepCount;
export const selectSpeed = (s: PlayerState) => s.speed;
export const selectIsPlaying = (s: PlayerState) => s.status === 'playing';
