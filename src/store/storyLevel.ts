import type { Story, StoryLevel, StoryStep } from '../story/types.ts';
import type { PlayerStore } from './player.ts';
import type { ViewStore } from './viewStore.ts';

/**
 * The step of `to` that shows the same moment as step `cursor` of `from`: the first step whose
 * seq range reaches the current step's last message (steps are in message order, so that is
 * the step containing it). Past the end of `to`, its last step.
 */
export function matchingStep(
  from: readonly StoryStep[],
  cursor: number,
  to: readonly StoryStep[],
): number {
  if (to.length === 0) return 0;
  const current = from[Math.min(Math.max(0, cursor), from.length - 1)];
  if (!current) return 0;
  const last = current.seqTo;
  const index = to.findIndex((step) => step.seqTo >= last);
  return index === -1 ? to.length - 1 : index;
}

/**
 * Switch the story's level and keep the learner at the same moment: the player is resized to
 * the new level's steps and moved to the matching step before the level changes, so every
 * subscriber sees a cursor that is valid for the level it reads.
 */
export function switchLevel(
  story: Story,
  view: ViewStore,
  player: PlayerStore,
  level: StoryLevel,
): void {
  const current = view.getState().level;
  if (current === level) return;
  const cursor = matchingStep(story.levels[current], player.getState().cursor, story.levels[level]);
  const steps = story.levels[level];
  player.getState().setStepCount(steps.length);
  player.getState().seek(cursor);
  view.getState().setLevel(level);
}
