import { describe, expect, it } from 'vitest';
import { FIXTURE_STORY } from './fixtures/story.ts';
import { createPlayerStore } from './player.ts';
import { matchingStep, switchLevel } from './storyLevel.ts';
import { createViewStore } from './viewStore.ts';

const { simple, detailed } = FIXTURE_STORY.levels;
const ids = (steps: typeof simple) => steps.map((s) => s.id);

describe('matchingStep', () => {
  it('simple → detailed lands on the detailed step holding the beat’s last message', () => {
    const landing = simple.map((_, i) => detailed[matchingStep(simple, i, detailed)]?.id);
    expect(landing).toEqual([
      'image-push',
      'controllers', // api-request ends with message 5, the controllers' step
      'scheduler-choice',
      'kubelet',
      'registry-pull',
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
    expect(player.getState()).toMatchObject({ stepCount: 10, cursor: 7, status: 'paused' });
    switchLevel(FIXTURE_STORY, view, player, 'simple');
    expect(player.getState()).toMatchObject({ stepCount: 6, cursor: 4, status: 'paused' });
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
    expect(player.getState()).toMatchObject({ status: 'playing', cursor: 3 });
  });

  it('at the start stays idle at step 1', () => {
    const view = createViewStore({ lang: 'en' });
    const player = createPlayerStore({ stepCount: simple.length });
    switchLevel(FIXTURE_STORY, view, player, 'detailed');
    expect(player.getState()).toMatchObject({ status: 'idle', cursor: 0, stepCount: 10 });
  });
});
