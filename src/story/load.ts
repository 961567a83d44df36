/**
 * The browser's way to a story: a lazy import of its virtual module, so each story's data is a
 * chunk of its own, fetched when the learner opens it. Safe to import from UI code: it pulls in
 * no engine code (the data was computed at build time by `vitePlugin.ts`).
 */
import type { Story } from './types.ts';

/** The stories the plugin serves, by scenario id (`?scenario=`). */
const LOADERS: Record<string, () => Promise<{ default: Story }>> = {
  'container-flow': () => import('virtual:story/container-flow'),
};

/** Scenario ids with a story, in menu order. */
export const STORY_IDS: readonly string[] = Object.keys(LOADERS);

/** Is `id` a scenario with a story? */
export function isStoryId(id: unknown): id is string {
  return typeof id === 'string' && Object.hasOwn(LOADERS, id);
}

/** Load a story by scenario id; rejects for an unknown id. */
export async function loadStory(id: string): Promise<Story> {
  const load = isStoryId(id) ? LOADERS[id] : undefined;
  if (!load) throw new Error(`unknown story "${id}"`);
  return (await load()).default;
}
