/**
 * The virtual module through Vite itself: the dev server's module graph (with the project's
 * vite.config.ts, so the plugin really is registered there) and a production build.
 *
 * Why not a plain `import 'virtual:story/container-flow'` here: vitest reads vitest.config.ts,
 * which does not load vite.config.ts's plugins; see src/story/README.md.
 */
import { fileURLToPath } from 'node:url';
import { build, createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { buildContainerFlow } from './containerFlow.ts';
import { storyModuleSource, storyPlugin } from './vitePlugin.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('virtual:story/container-flow', () => {
  const expected = buildContainerFlow(1);

  it('the dev server (vite.config.ts) serves buildContainerFlow(1)', async () => {
    const server = await createServer({
      root,
      configFile: `${root}/vite.config.ts`,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, hmr: false, ws: false },
    });
    try {
      const mod = await server.ssrLoadModule('virtual:story/container-flow');
      expect(mod.default).toEqual(expected);
      const load = await server.ssrLoadModule('/src/story/load.ts');
      expect(await load.loadStory('container-flow')).toEqual(expected);
      await expect(load.loadStory('nope')).rejects.toThrow('unknown story "nope"');
    } finally {
      await server.close();
    }
  });

  it('a production build inlines the story as data', async () => {
    const out = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [storyPlugin()],
      build: {
        write: false,
        minify: false,
        rollupOptions: { input: 'virtual:story/container-flow', preserveEntrySignatures: 'strict' },
      },
    });
    const outputs = (Array.isArray(out) ? out : [out]) as {
      output: { type: string; code?: string }[];
    }[];
    const code = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk')?.code ?? '';
    const pod = expected.levels.detailed.find((s) => s.decision)?.decision?.pod;
    expect(pod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(code).toContain(`\\"pod\\":\\"${pod}\\"`);
    // The simulator itself must not be shipped: no engine code in the chunk.
    expect(code).not.toContain('createCluster');
  });

  it('the module text parses back to the same story', async () => {
    const source = storyModuleSource(expected);
    const mod = await import(`data:text/javascript,${encodeURIComponent(source)}`);
    expect(mod.default).toEqual(expected);
  });
});
