/**
 * Engine scale in Chromium, where the simulator runs for a learner: the case of engineRun.ts,
 * bundled and minified for the browser, run in a blank page of a fresh browser each time (so a
 * cold run is the page's first). Reports the median of `runs` runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { rolldown } from 'rolldown';
import type { BrowserCaseResult } from './engineBrowserCase.ts';

const root = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';

export interface BrowserEngineFigures {
  replicas: number;
  workers: number;
  warm: boolean;
  /** Median of the runs, from the create to the Deployment reporting every replica ready. */
  readyMs: number;
  runsMs: number[];
  messages: number;
  running: number;
}

async function bundleBrowserCase(): Promise<string> {
  const bundle = await rolldown({
    input: join(root, 'bench', 'engineBrowserCase.ts'),
    platform: 'browser',
  });
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

export async function measureEngineInBrowser(
  cases: { replicas: number; workers: number; warm: boolean }[],
  runs = 3,
): Promise<BrowserEngineFigures[]> {
  const code = await bundleBrowserCase();
  const figures: BrowserEngineFigures[] = [];
  for (const { replicas, workers, warm } of cases) {
    const results: BrowserCaseResult[] = [];
    for (let i = 0; i < runs; i++) {
      const browser = await chromium.launch({
        ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
        args: ['--no-sandbox'],
      });
      try {
        const page = await browser.newPage();
        await page.setContent('<!doctype html><title>engine</title>');
        await page.addScriptTag({ content: code });
        results.push(
          await page.evaluate(
            ([r, w, hot]) =>
              (
                globalThis as unknown as {
                  engineCase: (r: number, w: number, warm: boolean) => BrowserCaseResult;
                }
              ).engineCase(r, w, hot),
            [replicas, workers, warm] as const,
          ),
        );
      } finally {
        await browser.close();
      }
    }
    const sorted = results.map((r) => r.readyMs).sort((a, b) => a - b);
    figures.push({
      replicas,
      workers,
      warm,
      readyMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      runsMs: results.map((r) => r.readyMs),
      messages: results[0]?.messages ?? 0,
      running: Math.min(...results.map((r) => r.running)),
    });
  }
  return figures;
}
