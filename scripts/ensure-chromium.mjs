#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium to drive, before `playwright test` runs.
//  1. Debian's /usr/bin/chromium (this project's machines and CI) — used as is.
//  2. Playwright's own Chromium, if `npx playwright install chromium` already fetched it.
//  3. Otherwise try to get one: `npx playwright install chromium` (a learner's laptop), and
//     when that cannot download (closed networks), Debian's package if we are root with apt.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const debian = '/usr/bin/chromium';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
const bundled = () => {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
};

if (existsSync(debian) || bundled()) process.exit(0);

console.log('No Chromium found for the end-to-end tests; installing one…');
if (run('npx', ['playwright', 'install', 'chromium']) && bundled()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  if (
    run('apt-get', ['update']) &&
    run('apt-get', ['install', '-y', 'chromium']) &&
    existsSync(debian)
  )
    process.exit(0);
}
console.error(
  'Could not install Chromium. Install it yourself (`npx playwright install chromium`, or `apt-get install chromium` on Debian) and run the tests again.',
);
process.exit(1);
