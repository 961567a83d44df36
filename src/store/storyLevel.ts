import type { Story, StoryLevel, StoryStep } from '../story/types.ts';
import type { PlayerStore } from './player.ts';
import type { ViewStore } from './viewStore.ts';

/**
 * The step of `to` that shows the same moment as step `cursor` of `from`: the first step of `to`
 * that reaches into the current step's messages. Going finer (simple → detailed) that is the
 * first detailed step of the beat, where its story starts; going coarser, the beat that contains
 * the step (steps are in message order; a step without messages sits where its predecessor
 * ended). Past the end of `to`, its last step.
 */
export function matchingStep(
  from: readonly StoryStep[],
  cursor: number,
  to: readonly StoryStep[],
): number {
  if (to.length === 0) return 0;
  const current = from[Math.min(Math.max(0, cursor), from.length - 1)];
  if (!current) return 0;
  const first = Math.min(current.seqFrom, current.seqTo);
  const index = to.findIndex((step) => step.seqTo >= first);
  return index === -1 ? to.length - 1 : index;
}

/**
 * The last switch per player: where the learner was and where the switch put them. Switching
 * back without having moved returns exactly to where they were (detailed 4 → simple 2 →
 * detailed 4, not the beat's first detailed step).
 */
const lastSwitch = new WeakMap<
  PlayerStore,
  { from: StoryLevel; cursor: number; to: StoryLevel; landed: number }
>();

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
  const at = player.getState().cursor;
  const memo = lastSwitch.get(player);
  const cursor =
    memo && memo.from === level && memo.to === current && memo.landed === at
      ? memo.cursor
      : matchingStep(story.levels[current], at, story.levels[level]);
  lastSwitch.set(player, { from: current, cursor: at, to: level, landed: cursor });
  const steps = story.levels[level];
  player.getState().setStepCount(steps.length);
  player.getState().seek(cursor);
  view.getState().setLevel(level);
}
