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
  },
});
