import { describe, expect, it } from 'vitest';
import { FIXTURE_STORY } from './fixtures/story.ts';
import { createPlayerStore } from './player.ts';
import { matchingStep, switchLevel } from './storyLevel.ts';
import { createViewStore } from './viewStore.ts';

const { simple, detailed } = FIXTURE_STORY.levels;
const ids = (steps: typeof simple) => steps.map((s) => s.id);

describe('matchingStep', () => {
  it('simple → detailed lands on the first detailed step of the beat, where its story starts', () => {
    const landing = simple.map((_, i) => detailed[matchingStep(simple, i, detailed)]?.id);
    expect(landing).toEqual([
      'image-push',
      'api-request', // not 'controllers': the learner sees the request before what follows it
      'scheduler-choice',
      'kubelet',
      'image-pull',
      'pod-running',
    ]);
  });

  it('detailed → simple lands on the beat that contains the step', () => {
    const landing = detailed.map((_, i) => simple[matchingStep(detailed, i, simple)]?.id);
    expect(landing).toEqual([
      'image-push',
      'api-request',
      'api-request',
      'api-request',
      'scheduler-choice',
      'kubelet',
      'image-pull',
      'image-pull',
      'image-pull', // a step without messages sits where its predecessor ended
      'pod-running',
    ]);
  });

  it('switching there and back returns to the same simple beat', () => {
    for (const [i] of simple.entries()) {
      const there = matchingStep(simple, i, detailed);
      expect(matchingStep(detailed, there, simple), ids(simple)[i]).toBe(i);
    }
  });

  it('clamps out-of-range cursors and tolerates empty levels', () => {
    expect(matchingStep(simple, 99, detailed)).toBe(detailed.length - 1);
    expect(matchingStep(simple, -3, detailed)).toBe(0);
    expect(matchingStep([], 0, detailed)).toBe(0);
    expect(matchingStep(simple, 2, [])).toBe(0);
  });
});

describe('switchLevel', () => {
  it('resizes the player and keeps the learner at the same moment', () => {
    const view = createViewStore({ lang: 'en', level: 'simple' });
    const player = createPlayerStore({ stepCount: simple.length, cursor: 4 });
    switchLevel(FIXTURE_STORY, view, player, 'detailed');
    expect(view.getState().level).toBe('detailed');
    expect(player.getState()).toMatchObject({ stepCount: 10, cursor: 6, status: 'paused' });
    switchLevel(FIXTURE_STORY, view, player, 'simple');
    expect(player.getState()).toMatchObject({ stepCount: 6, cursor: 4, status: 'paused' });
  });

  it('Detailed → Simple → Detailed without moving returns to the same detailed step', () => {
    const view = createViewStore({ lang: 'en', level: 'detailed' });
    const player = createPlayerStore({ stepCount: detailed.length, cursor: 3 }); // controllers
    switchLevel(FIXTURE_STORY, view, player, 'simple');
    expect(simple[player.getState().cursor]?.id).toBe('api-request');
    switchLevel(FIXTURE_STORY, view, player, 'detailed');
    expect(detailed[player.getState().cursor]?.id).toBe('controllers');
    // Every detailed step round-trips.
    for (const [i, step] of detailed.entries()) {
      player.getState().seek(i);
      switchLevel(FIXTURE_STORY, view, player, 'simple');
      switchLevel(FIXTURE_STORY, view, player, 'detailed');
      expect(detailed[player.getState().cursor]?.id).toBe(step.id);
    }
  });

  it('after moving at the other level, switching back starts that beat at its first step', () => {
    const view = createViewStore({ lang: 'en', level: 'detailed' });
    const player = createPlayerStore({ stepCount: detailed.length, cursor: 3 }); // controllers
    switchLevel(FIXTURE_STORY, view, player, 'simple');
    player.getState().next(); // scheduler-choice
    switchLevel(FIXTURE_STORY, view, player, 'detailed');
    expect(detailed[player.getState().cursor]?.id).toBe('scheduler-choice');
  });

  it('never lets a subscriber see a cursor outside the level it reads', () => {
    const view = createViewStore({ lang: 'en', level: 'detailed' });
    const player = createPlayerStore({ stepCount: detailed.length, cursor: 9 });
    const seen: string[] = [];
    const check = () => {
      const steps = FIXTURE_STORY.levels[view.getState().level];
      const { cursor } = player.getState();
      seen.push(`${view.getState().level}:${cursor}:${steps[cursor] ? 'ok' : 'out of range'}`);
    };
    view.subscribe(check);
    player.subscribe(check);
    switchLevel(FIXTURE_STORY, view, player, 'simple');
    expect(
      seen.every((s) => s.endsWith(':ok')),
      seen.join(' '),
    ).toBe(true);
    expect(seen.at(-1)).toBe('simple:5:ok');
  });

  it('keeps playing when the learner switches during playback', () => {
    const view = createViewStore({ lang: 'en' });
    const player = createPlayerStore({ stepCount: simple.length, cursor: 1 });
    player.getState().play();
    switchLevel(FIXTURE_STORY, view, player, 'detailed');
    expect(player.getState()).toMatchObject({ status: 'playing', cursor: 1 });
  });

  it('at the start stays idle at step 1', () => {
    const view = createViewStore({ lang: 'en' });
    const player = createPlayerStore({ stepCount: simple.length });
    switchLevel(FIXTURE_STORY, view, player, 'detailed');
    expect(player.getState()).toMatchObject({ status: 'idle', cursor: 0, stepCount: 10 });
  });
});
