import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium when it is installed (CI and this project's machines cannot download
// Playwright's own browser); otherwise Playwright's bundled Chromium, which a learner gets
// with `npx playwright install chromium`.
const debianChromium = '/usr/bin/chromium';
const executablePath = existsSync(debianChromium) ? debianChromium : undefined;

// KIM_E2E_PORT lets two test runs share a machine (CI runs alone and uses the default).
const port = Number(process.env.KIM_E2E_PORT ?? 4173);
/** Where the sub-path copy is served; e2e/shell.spec.ts opens it. */
export const subPathPort = port + 1;
export const subPath = '/kubernetes-in-motion/';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'off',
    screenshot: 'off',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // The production build, served by Vite's static preview server: once at the root and once
  // under a sub-path, the way GitHub Pages hosts it.
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --host 127.0.0.1 --port ${subPathPort} --strictPort --base ${subPath}`,
      url: `http://127.0.0.1:${subPathPort}${subPath}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
