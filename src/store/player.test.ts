import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPlayerStore,
  initialSnapshot,
  type PlayerEvent,
  type PlayerSnapshot,
  SPEEDS,
  transition,
} from './player.ts';

/** A fresh player per test: 11 steps, like the container-flow story. */
const fresh = (options: { stepCount?: number; cursor?: number } = {}) =>
  createPlayerStore({ stepCount: options.stepCount ?? 11, cursor: options.cursor });

const view = (s: PlayerSnapshot) => ({ status: s.status, cursor: s.cursor });

describe('player: starting', () => {
  it('starts idle on the first step at 1× speed', () => {
    const p = fresh().getState();
    expect(view(p)).toEqual({ status: 'idle', cursor: 0 });
    expect(p.stepCount).toBe(11);
    expect(p.speed).toBe(1);
  });

  it('opens a deep link paused on that step, clamped to the timeline', () => {
    expect(view(fresh({ cursor: 3 }).getState())).toEqual({ status: 'paused', cursor: 3 });
    expect(view(fresh({ cursor: 10 }).getState())).toEqual({ status: 'finished', cursor: 10 });
    expect(view(fresh({ cursor: 99 }).getState())).toEqual({ status: 'finished', cursor: 10 });
    expect(view(fresh({ cursor: -4 }).getState())).toEqual({ status: 'idle', cursor: 0 });
  });

  it('ignores a speed that is not offered', () => {
    expect(initialSnapshot({ stepCount: 3, speed: 3 }).speed).toBe(1);
    expect(initialSnapshot({ stepCount: 3, speed: 4 }).speed).toBe(4);
  });
});

describe('player: stepping by hand', () => {
  it('next from idle shows step 2 and pauses', () => {
    const store = fresh();
    store.getState().next();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 1 });
  });

  it('previous at the first step does nothing', () => {
    const store = fresh();
    const before = store.getState();
    store.getState().previous();
    expect(store.getState()).toBe(before);
    store.getState().next();
    store.getState().previous();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 0 });
    store.getState().previous();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 0 });
  });

  it('next onto the last step finishes; next at the end stays finished', () => {
    const store = fresh({ stepCount: 3 });
    store.getState().next();
    store.getState().next();
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 2 });
    store.getState().next();
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 2 });
  });

  it('previous from finished goes back one step, paused', () => {
    const store = fresh({ stepCount: 3, cursor: 2 });
    store.getState().previous();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 1 });
  });

  it('stepping while playing takes control: the player pauses on the new step', () => {
    const store = fresh();
    store.getState().play();
    store.getState().next();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 1 });
    store.getState().play();
    store.getState().previous();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 0 });
  });
});

describe('player: play, pause, tick', () => {
  it('play → playing, pause → paused, play again → playing from the same step', () => {
    const store = fresh();
    store.getState().play();
    expect(view(store.getState())).toEqual({ status: 'playing', cursor: 0 });
    store.getState().tick();
    store.getState().pause();
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 1 });
    store.getState().play();
    expect(view(store.getState())).toEqual({ status: 'playing', cursor: 1 });
  });

  it('togglePlay flips between playing and paused', () => {
    const store = fresh();
    store.getState().togglePlay();
    expect(store.getState().status).toBe('playing');
    store.getState().togglePlay();
    expect(store.getState().status).toBe('paused');
  });

  it('ticks advance only while playing and finish on the last step', () => {
    const store = fresh({ stepCount: 3 });
    store.getState().tick();
    expect(view(store.getState())).toEqual({ status: 'idle', cursor: 0 });
    store.getState().play();
    store.getState().tick();
    expect(view(store.getState())).toEqual({ status: 'playing', cursor: 1 });
    store.getState().tick();
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 2 });
    store.getState().tick();
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 2 });
  });

  it('play when finished replays from the first step', () => {
    const store = fresh({ stepCount: 3, cursor: 2 });
    store.getState().play();
    expect(view(store.getState())).toEqual({ status: 'playing', cursor: 0 });
  });

  it('pause when not playing changes nothing', () => {
    for (const cursor of [0, 4, 10]) {
      const store = fresh({ cursor });
      const before = store.getState();
      store.getState().pause();
      expect(store.getState()).toBe(before);
    }
  });

  it('a one-step timeline finishes as soon as it is played', () => {
    const store = fresh({ stepCount: 1 });
    store.getState().play();
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 0 });
  });

  it('an empty timeline stays idle whatever happens', () => {
    const store = fresh({ stepCount: 0 });
    for (const act of ['play', 'next', 'previous', 'togglePlay', 'tick'] as const) {
      store.getState()[act]();
      expect(view(store.getState())).toEqual({ status: 'idle', cursor: 0 });
    }
    store.getState().seek(5);
    expect(view(store.getState())).toEqual({ status: 'idle', cursor: 0 });
  });
});

describe('player: seek, restart, speed, step count', () => {
  it('seek clamps, pauses, and finishes on the last step', () => {
    const store = fresh();
    store.getState().seek(4);
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 4 });
    store.getState().seek(-1);
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 0 });
    store.getState().seek(500);
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 10 });
    store.getState().seek(Number.NaN);
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 10 });
    store.getState().seek(2.7);
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 2 });
  });

  it('seek while playing keeps playing from the new step', () => {
    const store = fresh();
    store.getState().play();
    store.getState().seek(6);
    expect(view(store.getState())).toEqual({ status: 'playing', cursor: 6 });
    store.getState().seek(10);
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 10 });
  });

  it('seek to the first step from idle stays idle', () => {
    const store = fresh();
    store.getState().seek(0);
    expect(view(store.getState())).toEqual({ status: 'idle', cursor: 0 });
  });

  it('restart goes back to idle on the first step from every status', () => {
    for (const setup of [
      (s: ReturnType<typeof fresh>) => s.getState().play(),
      (s: ReturnType<typeof fresh>) => s.getState().seek(5),
      (s: ReturnType<typeof fresh>) => s.getState().seek(10),
    ]) {
      const store = fresh();
      setup(store);
      store.getState().restart();
      expect(view(store.getState())).toEqual({ status: 'idle', cursor: 0 });
    }
  });

  it('offers speeds 0.5×, 1×, 1.5×, 2× and 4× and refuses others', () => {
    expect([...SPEEDS]).toEqual([0.5, 1, 1.5, 2, 4]);
    const store = fresh();
    for (const speed of SPEEDS) {
      store.getState().setSpeed(speed);
      expect(store.getState().speed).toBe(speed);
    }
    store.getState().setSpeed(3);
    store.getState().setSpeed(0);
    store.getState().setSpeed(-1);
    expect(store.getState().speed).toBe(4);
  });

  it('a shrinking timeline pulls the cursor in; a growing one lets a finished player go on', () => {
    const store = fresh({ cursor: 8 });
    store.getState().setStepCount(5);
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 4 });
    store.getState().setStepCount(9);
    expect(view(store.getState())).toEqual({ status: 'paused', cursor: 4 });
    store.getState().play();
    store.getState().setStepCount(5);
    expect(view(store.getState())).toEqual({ status: 'finished', cursor: 4 });
    store.getState().setStepCount(0);
    expect(view(store.getState())).toEqual({ status: 'idle', cursor: 0 });
  });

  it('does not notify subscribers when an event changes nothing', () => {
    const store = fresh();
    let calls = 0;
    store.subscribe(() => {
      calls += 1;
    });
    store.getState().previous();
    store.getState().pause();
    store.getState().tick();
    store.getState().setSpeed(1);
    store.getState().setStepCount(11);
    expect(calls).toBe(0);
    store.getState().next();
    expect(calls).toBe(1);
  });
});

describe('player: random event sequences', () => {
  const event: fc.Arbitrary<PlayerEvent> = fc.oneof(
    fc.constantFrom<PlayerEvent>(
      { type: 'next' },
      { type: 'previous' },
      { type: 'play' },
      { type: 'pause' },
      { type: 'togglePlay' },
      { type: 'tick' },
      { type: 'restart' },
    ),
    fc.integer({ min: -5, max: 30 }).map((cursor): PlayerEvent => ({ type: 'seek', cursor })),
    fc
      .constantFrom(0, 0.25, 0.5, 1, 1.5, 2, 3, 4)
      .map((speed): PlayerEvent => ({ type: 'setSpeed', speed })),
    fc
      .integer({ min: 0, max: 20 })
      .map((stepCount): PlayerEvent => ({ type: 'setStepCount', stepCount })),
  );

  const consistent = (s: PlayerSnapshot) => {
    const last = Math.max(0, s.stepCount - 1);
    expect(s.cursor).toBeGreaterThanOrEqual(0);
    expect(s.cursor).toBeLessThanOrEqual(last);
    expect(Number.isInteger(s.cursor)).toBe(true);
    expect(SPEEDS).toContain(s.speed);
    if (s.status === 'idle') expect(s.cursor).toBe(0);
    if (s.status === 'playing') expect(s.cursor).toBeLessThan(last);
    if (s.status === 'finished') expect(s.cursor).toBe(last);
    if (s.stepCount === 0) expect(s.status).toBe('idle');
  };

  it('keep the cursor within the timeline and the status consistent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.array(event, { maxLength: 60 }), (n, evs) => {
        const store = createPlayerStore({ stepCount: n });
        consistent(store.getState());
        for (const e of evs) {
          store.setState((s) => transition(s, e) as typeof s);
          consistent(store.getState());
        }
      }),
    );
  });

  it('next and previous move exactly one step within bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.boolean(), { maxLength: 80 }),
        (n, forwards) => {
          let s = initialSnapshot({ stepCount: n });
          for (const forward of forwards) {
            const before = s;
            s = transition(s, { type: forward ? 'next' : 'previous' });
            const expected = forward
              ? Math.min(n - 1, before.cursor + 1)
              : Math.max(0, before.cursor - 1);
            expect(s.cursor).toBe(expected);
            // Only "previous" on the first step leaves an untouched (idle) player idle.
            const untouched = before.status === 'idle' && !forward;
            expect(s.status).toBe(untouched ? 'idle' : s.cursor === n - 1 ? 'finished' : 'paused');
          }
        },
      ),
    );
  });
});

describe('player: the whole transition table', () => {
  // 5 steps; each status at a representative cursor.
  const at = (status: PlayerSnapshot['status'], cursor: number): PlayerSnapshot => ({
    status,
    cursor,
    stepCount: 5,
    speed: 1,
  });
  const starts = {
    idle: at('idle', 0),
    playing: at('playing', 2),
    paused: at('paused', 2),
    finished: at('finished', 4),
  } as const;
  const events: [string, PlayerEvent][] = [
    ['next', { type: 'next' }],
    ['previous', { type: 'previous' }],
    ['play', { type: 'play' }],
    ['pause', { type: 'pause' }],
    ['togglePlay', { type: 'togglePlay' }],
    ['tick', { type: 'tick' }],
    ['seek 3', { type: 'seek', cursor: 3 }],
    ['restart', { type: 'restart' }],
  ];
  // Expected [status, cursor] for every status × event.
  const expected: Record<keyof typeof starts, Record<string, [string, number]>> = {
    idle: {
      next: ['paused', 1],
      previous: ['idle', 0],
      play: ['playing', 0],
      pause: ['idle', 0],
      togglePlay: ['playing', 0],
      tick: ['idle', 0],
      'seek 3': ['paused', 3],
      restart: ['idle', 0],
    },
    playing: {
      next: ['paused', 3],
      previous: ['paused', 1],
      play: ['playing', 2],
      pause: ['paused', 2],
      togglePlay: ['paused', 2],
      tick: ['playing', 3],
      'seek 3': ['playing', 3],
      restart: ['idle', 0],
    },
    paused: {
      next: ['paused', 3],
      previous: ['paused', 1],
      play: ['playing', 2],
      pause: ['paused', 2],
      togglePlay: ['playing', 2],
      tick: ['paused', 2],
      'seek 3': ['paused', 3],
      restart: ['idle', 0],
    },
    finished: {
      next: ['finished', 4],
      previous: ['paused', 3],
      play: ['playing', 0],
      pause: ['finished', 4],
      togglePlay: ['playing', 0],
      tick: ['finished', 4],
      'seek 3': ['paused', 3],
      restart: ['idle', 0],
    },
  };
  for (const [status, start] of Object.entries(starts) as [keyof typeof starts, PlayerSnapshot][]) {
    for (const [name, event] of events) {
      it(`${status} + ${name} → ${expected[status][name]?.join(' at ')}`, () => {
        const s = transition(start, event);
        expect([s.status, s.cursor]).toEqual(expected[status][name]);
        expect(s.stepCount).toBe(5);
      });
    }
  }
});
