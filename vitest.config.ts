import { defineConfig } from 'vitest/config';
import { storyPlugin } from './src/story/vitePlugin.ts';

// vitest reads this file instead of vite.config.ts, so the story plugin is registered here too
// (UI tests import `virtual:story/container-flow`).
export default defineConfig({
  plugins: [storyPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // One module graph per worker, shared by the files it runs: each file no longer re-imports
    // the engine, kubectl and the UI (the suite took 7.5 min isolated, about 2 min shared).
    // A test that needs a module's first-load state resets the modules itself (labExplain.test.ts).
    isolate: false,
  },
});
