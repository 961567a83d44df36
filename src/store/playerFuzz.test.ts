/**
 * Fuzz (issue #7): random player action sequences on the real stores (player, playback driver
 * on fake timers, view store with the level) over the story the page ships. After every action
 * the picture the stage would draw must be the engine's frame at the player's cursor, and the
 * cursor must be where a learner expects it (clicks, and time passing while playing).
 */
import story from 'virtual:story/container-flow';
import fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cluster } from '../engine/index.ts';
import { buildContainerFlow, runContainerFlow } from '../story/containerFlow.ts';
import { stageNodes, stagePods } from '../story/stage.ts';
import type { Story, StoryLevel } from '../story/types.ts';
import { stepAt } from '../ui/App.tsx';
import {
  BASE_STEP_MS,
  type Scheduler,
  startPlaybackDriver,
  stepDuration,
} from './playbackDriver.ts';
import { createPlayerStore, type PlayerStatus, SPEEDS, type Speed } from './player.ts';
import { matchingStep, switchLevel } from './storyLevel.ts';
import { createViewStore } from './viewStore.ts';

type Action =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'togglePlay' }
  | { type: 'restart' }
  | { type: 'seek'; cursor: number }
  | { type: 'speed'; speed: number }
  | { type: 'wait'; ms: number }
  | { type: 'level'; level: StoryLevel };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Action>({ type: 'next' }) },
  { weight: 2, arbitrary: fc.constant<Action>({ type: 'previous' }) },
  { weight: 4, arbitrary: fc.constant<Action>({ type: 'play' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ type: 'pause' }) },
  { weight: 2, arbitrary: fc.constant<Action>({ type: 'togglePlay' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ type: 'restart' }) },
  {
    // Seeking while playing restarts the step's time: frequent enough to meet a wait.
    weight: 4,
    arbitrary: fc.integer({ min: -3, max: 14 }).map((cursor): Action => ({ type: 'seek', cursor })),
  },
  {
    weight: 2,
    // An offered speed, or one the player must refuse.
    arbitrary: fc
      .constantFrom<number>(...SPEEDS, 3, 0, -1)
      .map((speed): Action => ({ type: 'speed', speed })),
  },
  {
    weight: 5,
    // Less than a step, about a step, or several steps of waiting.
    arbitrary: fc
      .oneof(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1400, max: 30_000 }))
      .map((ms): Action => ({ type: 'wait', ms })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<StoryLevel>('simple', 'detailed')
      .map((level): Action => ({ type: 'level', level })),
  },
);

/**
 * What a learner expects of the player, written out plainly (independent of the transition
 * table): the step shown, whether it plays, and when the next automatic step is due.
 */
interface Expected {
  level: StoryLevel;
  cursor: number;
  status: PlayerStatus;
  speed: Speed;
  /** Virtual time at which the playing player moves on (undefined unless playing). */
  dueAt: number | undefined;
}

function expectAfter(e: Expected, a: Action, now: number, before: Expected): Expected {
  const steps = story.levels[e.level].length;
  const last = steps - 1;
  const rest = (cursor: number): Expected => ({
    ...e,
    cursor,
    status: cursor === last ? 'finished' : 'paused',
  });
  const playFrom = (cursor: number): Expected =>
    cursor >= last
      ? { ...e, cursor: last, status: 'finished' }
      : { ...e, cursor, status: 'playing' };
  const clamp = (c: number) => Math.min(last, Math.max(0, c));
  let next: Expected;
  switch (a.type) {
    case 'next':
      next = rest(Math.min(last, e.cursor + 1));
      break;
    case 'previous':
      next = e.cursor > 0 ? rest(e.cursor - 1) : e;
      break;
    case 'play':
      next =
        e.status === 'playing' ? e : e.status === 'finished' ? playFrom(0) : playFrom(e.cursor);
      break;
    case 'pause':
      next = e.status === 'playing' ? { ...e, status: 'paused' } : e;
      break;
    case 'togglePlay':
      next =
        e.status === 'playing'
          ? { ...e, status: 'paused' }
          : e.status === 'finished'
            ? playFrom(0)
            : playFrom(e.cursor);
      break;
    case 'restart':
      next = { ...e, cursor: 0, status: 'idle' };
      break;
    case 'seek': {
      const c = clamp(a.cursor);
      if (e.status === 'playing') next = playFrom(c);
      else if (e.status === 'idle' && c === 0) next = e;
      else next = rest(c);
      break;
    }
    case 'speed':
      next = (SPEEDS as readonly number[]).includes(a.speed)
        ? { ...e, speed: a.speed as Speed }
        : e;
      break;
    case 'wait':
    case 'level':
      // Handled by the caller (time passing; the level switch's cursor).
      next = e;
      break;
  }
  return withTimer(next, now, before);
}

/**
 * The driver re-arms a full step whenever the cursor, the speed or the status changed. (A level
 * switch that keeps the cursor's number keeps the step's remaining time.)
 */
function withTimer(e: Expected, now: number, before: Expected): Expected {
  if (e.status !== 'playing') return { ...e, dueAt: undefined };
  const changed =
    e.cursor !== before.cursor || e.speed !== before.speed || e.status !== before.status;
  if (!changed && before.dueAt !== undefined) return { ...e, dueAt: before.dueAt };
  return { ...e, dueAt: now + stepDuration(e.speed) };
}

let cluster: Cluster;
/** The story computed from the engine here and now (not the JSON the page ships). */
let engineStory: Story;

beforeAll(() => {
  cluster = runContainerFlow(1);
  engineStory = buildContainerFlow(1);
});

/** The picture the stage draws for (level, cursor) must be the engine's frame at that step. */
function expectDrawnFrameIsEngineFrame(level: StoryLevel, cursor: number): void {
  const drawn = stepAt(story.levels[level], cursor);
  const engineStep = engineStory.levels[level][cursor];
  expect(drawn, `${level} step ${cursor + 1}`).toBeDefined();
  expect(engineStep).toBeDefined();
  if (!drawn || !engineStep) return;
  expect(drawn.id).toBe(engineStep.id);
  expect(drawn.model.stepId).toBe(engineStep.id);
  const frame = cluster.frame(engineStep.seqTo);
  expect(frame, `engine frame at seq ${engineStep.seqTo}`).toBeDefined();
  if (!frame) return;
  // Where every pod is and what kubectl would call its status; every node and its condition.
  expect(drawn.model.pods).toEqual(stagePods(frame));
  expect(drawn.model.nodes).toEqual(stageNodes(frame, cluster.nodes()));
  // The packets are the engine's messages of this step, in order (all of them in detail).
  const inStep = cluster.messages
    .filter((m) => !m.housekeeping && m.seq >= engineStep.seqFrom && m.seq <= engineStep.seqTo)
    .map((m) => m.id);
  const packets = drawn.model.packets.map((p) => p.id);
  if (level === 'detailed') expect(packets).toEqual(inStep);
  else expect(inStep.filter((id) => packets.includes(id))).toEqual(packets);
  expect(drawn.model).toEqual(engineStep.model);
}

const timers: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('player fuzz: the drawn frame is always the engine frame at the cursor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the story the page ships is the engine run: same steps, same frames', () => {
    for (const level of ['simple', 'detailed'] as const) {
      expect(story.levels[level].length).toBe(engineStory.levels[level].length);
      for (let i = 0; i < story.levels[level].length; i++) expectDrawnFrameIsEngineFrame(level, i);
    }
  });

  it('through random clicks, seeks, speed changes, level switches and time passing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<StoryLevel>('simple', 'detailed'),
        fc.array(action, { minLength: 1, maxLength: 60 }),
        (startLevel, actions) => {
          vi.clearAllTimers();
          const view = createViewStore({ lang: 'en', level: startLevel });
          const player = createPlayerStore({ stepCount: story.levels[startLevel].length });
          const stop = startPlaybackDriver(player, timers);
          let now = 0;
          let expected: Expected = {
            level: startLevel,
            cursor: 0,
            status: 'idle',
            speed: 1,
            dueAt: undefined,
          };
          // The last level switch: switching straight back returns to where the learner was.
          let lastSwitch: { from: StoryLevel; cursor: number; landed: number } | undefined;
          try {
            for (const a of actions) {
              const before = expected;
              const p = player.getState();
              switch (a.type) {
                case 'next':
                  p.next();
                  break;
                case 'previous':
                  p.previous();
                  break;
                case 'play':
                  p.play();
                  break;
                case 'pause':
                  p.pause();
                  break;
                case 'togglePlay':
                  p.togglePlay();
                  break;
                case 'restart':
                  p.restart();
                  break;
                case 'seek':
                  p.seek(a.cursor);
                  break;
                case 'speed':
                  p.setSpeed(a.speed);
                  break;
                case 'wait':
                  vi.advanceTimersByTime(a.ms);
                  break;
                case 'level':
                  switchLevel(story, view, player, a.level);
                  break;
              }
              if (a.type === 'wait') {
                // Each due step moves the playing player on by one, a full step apart.
                const until = now + a.ms;
                let e = expected;
                while (e.status === 'playing' && e.dueAt !== undefined && e.dueAt <= until) {
                  const at = e.dueAt;
                  const last = story.levels[e.level].length - 1;
                  const cursor = e.cursor + 1;
                  e =
                    cursor >= last
                      ? { ...e, cursor: last, status: 'finished', dueAt: undefined }
                      : { ...e, cursor, dueAt: at + stepDuration(e.speed) };
                }
                expected = e;
                now = until;
              } else if (a.type === 'level') {
                if (a.level !== expected.level) {
                  // Same moment of the flow at the other level; whether it still plays is the
                  // player's business (checked by its own tests), the step is ours.
                  const cursor =
                    lastSwitch &&
                    lastSwitch.from === a.level &&
                    lastSwitch.landed === expected.cursor
                      ? lastSwitch.cursor
                      : matchingStep(
                          story.levels[expected.level],
                          expected.cursor,
                          story.levels[a.level],
                        );
                  lastSwitch = { from: expected.level, cursor: expected.cursor, landed: cursor };
                  const status = player.getState().status;
                  expected = withTimer(
                    { ...expected, level: a.level, cursor, status },
                    now,
                    before,
                  );
                }
              } else {
                expected = expectAfter(expected, a, now, before);
              }

              const s = player.getState();
              const level = view.getState().level;
              expect({ level, cursor: s.cursor, status: s.status, speed: s.speed }).toEqual({
                level: expected.level,
                cursor: expected.cursor,
                status: expected.status,
                speed: expected.speed,
              });
              expect(s.stepCount).toBe(story.levels[level].length);
              // Exactly one timer while playing, none otherwise.
              expect(vi.getTimerCount()).toBe(s.status === 'playing' ? 1 : 0);
              expectDrawnFrameIsEngineFrame(level, s.cursor);
            }
          } finally {
            stop();
          }
        },
      ),
      {
        numRuns: 200,
        examples: [
          // A seek while playing gives the new step its full time (the old timer must go).
          [
            'simple',
            [
              { type: 'play' },
              { type: 'wait', ms: 3000 },
              { type: 'seek', cursor: 2 },
              { type: 'wait', ms: 4000 },
              { type: 'wait', ms: 2000 },
            ],
          ],
          // A new speed re-times the current step; a refused one changes nothing.
          [
            'detailed',
            [
              { type: 'play' },
              { type: 'wait', ms: 5000 },
              { type: 'speed', speed: 4 },
              { type: 'wait', ms: 1400 },
              { type: 'speed', speed: 3 },
              { type: 'wait', ms: 200 },
              { type: 'level', level: 'simple' },
              { type: 'wait', ms: 30_000 },
            ],
          ],
        ],
      },
    );
  });

  it('plays the whole simple story at 1× in six-second steps, drawing each frame in turn', () => {
    const view = createViewStore({ lang: 'en', level: 'simple' });
    const player = createPlayerStore({ stepCount: story.levels.simple.length });
    const stop = startPlaybackDriver(player, timers);
    player.getState().play();
    const seen: string[] = [];
    for (let i = 0; i < story.levels.simple.length; i++) {
      const { cursor } = player.getState();
      expectDrawnFrameIsEngineFrame(view.getState().level, cursor);
      seen.push(stepAt(story.levels.simple, cursor)?.id ?? '');
      vi.advanceTimersByTime(BASE_STEP_MS);
    }
    expect(seen).toEqual(engineStory.levels.simple.map((s) => s.id));
    expect(player.getState().status).toBe('finished');
    stop();
  });
});
