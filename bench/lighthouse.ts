/**
 * Lighthouse (pinned 12.2.3) against the served production build, with Debian's Chromium when
 * present: mobile (Lighthouse's default emulation and throttling) and desktop, three runs each,
 * median per figure.
 */
import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

export interface LighthouseFigures {
  formFactor: 'mobile' | 'desktop';
  runs: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Audits that did not pass in any run (id: title), to say why a score is not 100. */
  failing: string[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const CHROMIUM = '/usr/bin/chromium';

/** Run Lighthouse `runs` times for one form factor and return the medians. */
export async function measureLighthouse(
  url: string,
  formFactor: 'mobile' | 'desktop',
  runs = 3,
): Promise<LighthouseFigures> {
  const chrome = await chromeLauncher.launch({
    ...(existsSync(CHROMIUM) ? { chromePath: CHROMIUM } : {}),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  const perf: number[] = [];
  const a11y: number[] = [];
  const bp: number[] = [];
  const lcp: number[] = [];
  const tbt: number[] = [];
  const cls: number[] = [];
  const failing = new Set<string>();
  try {
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        },
        formFactor === 'desktop' ? desktopConfig : undefined,
      );
      const lhr = result?.lhr;
      if (!lhr) throw new Error('Lighthouse returned no result');
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      perf.push(score('performance'));
      a11y.push(score('accessibility'));
      bp.push(score('best-practices'));
      lcp.push(lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN);
      tbt.push(lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN);
      cls.push(lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN);
      for (const cat of ['accessibility', 'best-practices'] as const) {
        for (const ref of lhr.categories[cat]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
            failing.add(`${ref.id}: ${audit.title}`);
          }
        }
      }
    }
  } finally {
    await chrome.kill();
  }
  return {
    formFactor,
    runs,
    performance: median(perf),
    accessibility: median(a11y),
    bestPractices: median(bp),
    lcpMs: Math.round(median(lcp)),
    tbtMs: Math.round(median(tbt)),
    cls: Math.round(median(cls) * 1000) / 1000,
    failing: [...failing],
  };
}
