/**
 * A Vite plugin that serves the stories as data: `import story from 'virtual:story/container-flow'`
 * gives the JSON of `buildContainerFlow(1)`, computed in Node when the module is loaded (build,
 * dev server and vitest alike). The browser then ships the story's frames, not the simulator.
 */
import type { Plugin } from 'vite';
import { buildContainerFlow } from './containerFlow.ts';
import type { Story } from './types.ts';

/** The virtual modules and how each story is built. */
const STORIES: Record<string, () => Story> = {
  'virtual:story/container-flow': () => buildContainerFlow(1),
};

/** Rollup's convention: a leading NUL marks a resolved virtual id so other plugins leave it alone. */
const RESOLVED_PREFIX = '\0';

/**
 * The module text for a story: `JSON.parse` of a string literal, which engines parse faster
 * than an equivalent object literal and which keeps the module a single token for minifiers.
 */
export function storyModuleSource(story: Story): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(story))});\n`;
}

/** The plugin; register it in vite.config.ts. Each story is built once per process. */
export function storyPlugin(): Plugin {
  const cache = new Map<string, string>();
  return {
    name: 'kim-story',
    resolveId(id) {
      return Object.hasOwn(STORIES, id) ? RESOLVED_PREFIX + id : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return undefined;
      const name = id.slice(RESOLVED_PREFIX.length);
      const build = STORIES[name];
      if (!build) return undefined;
      let source = cache.get(name);
      if (source === undefined) {
        source = storyModuleSource(build());
        cache.set(name, source);
      }
      return source;
    },
  };
}
