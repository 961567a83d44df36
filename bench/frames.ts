/**
 * Frame timing and step latency in headless Chromium, against the served production build.
 *
 * Frames: requestAnimationFrame intervals while something animates, reported next to a
 * baseline taken in the same browser on the same page while idle, because absolute frame times
 * on a shared machine drift. Step latency: from a Next key press (the event's own timestamp) to
 * the first animation frame after the stage shows the new step.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type Browser, chromium, type Page } from '@playwright/test';

export interface FrameFigures {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  /** Share of intervals longer than 1.5 × the display's frame time (a frame was missed). */
  dropped: number;
}

/** Regrouping 300 pods on 30 nodes (`?bench=regroup`), against that page's own idle frames. */
export interface RegroupFigures {
  pods: number;
  nodes: number;
  /** Group-by switches made while recording. */
  switches: number;
  idle: FrameFigures;
  regroup: FrameFigures;
  /** Longest single frame while regrouping (the frame that renders and measures the switch). */
  longestMs: number;
  /** The machine's 1-minute load average when recording ended (frames on a shared box drift). */
  load: number;
}

export interface BrowserFigures {
  idle: FrameFigures;
  playing: FrameFigures;
  regroup: RegroupFigures;
  /** Next-key → first frame of the new step, ms. */
  stepLatency: { samples: number; p50: number; p95: number };
}

const CHROMIUM = '/usr/bin/chromium';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] as number) * 10) / 10;
}

/** Summarise rAF intervals (ms). The frame budget is the median interval of the idle page. */
export function summarise(intervals: number[], frameMs: number): FrameFigures {
  const sorted = [...intervals].sort((a, b) => a - b);
  const dropped = intervals.filter((x) => x > frameMs * 1.5).length;
  return {
    frames: intervals.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    dropped: intervals.length ? Math.round((dropped / intervals.length) * 1000) / 1000 : 0,
  };
}

/** Record rAF intervals for `ms` milliseconds while `during` runs. */
async function recordFrames(
  page: Page,
  ms: number,
  during?: () => Promise<void>,
): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __kimFrames: number[];
      __kimRecording: boolean;
      __kimRecordingId: number;
    };
    w.__kimFrames = [];
    w.__kimRecording = true;
    // The last recording's loop may still have a frame callback pending: this id ends it, so
    // two loops never record the same frames twice.
    const id = (w.__kimRecordingId ?? 0) + 1;
    w.__kimRecordingId = id;
    let last = 0;
    const tick = (t: number) => {
      if (!w.__kimRecording || w.__kimRecordingId !== id) return;
      if (last) w.__kimFrames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await Promise.all([during?.(), page.waitForTimeout(ms)]);
  return page.evaluate(() => {
    const w = window as unknown as { __kimFrames: number[]; __kimRecording: boolean };
    w.__kimRecording = false;
    return w.__kimFrames;
  });
}

/**
 * Press → (or ← once the last step is reached, walking back to the first) and measure until the
 * first frame after `data-step` changes; `samples` presses.
 */
async function measureStepLatency(page: Page, samples: number): Promise<number[]> {
  const out: number[] = [];
  const next = page.getByRole('button', { name: 'Next step', exact: true });
  const previous = page.getByRole('button', { name: 'Previous step', exact: true });
  let key: 'ArrowRight' | 'ArrowLeft' = 'ArrowRight';
  for (let i = 0; i < samples; i++) {
    if (key === 'ArrowRight' && (await next.isDisabled())) key = 'ArrowLeft';
    else if (key === 'ArrowLeft' && (await previous.isDisabled())) key = 'ArrowRight';
    // Arm the listeners first (and wait until they are in place), then press.
    await page.evaluate(() => {
      const w = window as unknown as { __kimLatency: Promise<number> };
      w.__kimLatency = new Promise<number>((resolve) => {
        const stage = document.querySelector('[data-testid="stage"]');
        let pressedAt = -1;
        const onKey = (e: KeyboardEvent) => {
          pressedAt = e.timeStamp;
        };
        window.addEventListener('keydown', onKey, { capture: true, once: true });
        const obs = new MutationObserver(() => {
          obs.disconnect();
          requestAnimationFrame((t) => resolve(pressedAt < 0 ? -1 : t - pressedAt));
        });
        if (stage) obs.observe(stage, { attributes: true, attributeFilter: ['data-step'] });
        setTimeout(() => {
          obs.disconnect();
          resolve(-1);
        }, 2000);
      });
    });
    await page.keyboard.press(key);
    const armed = page.evaluate(
      () => (window as unknown as { __kimLatency: Promise<number> }).__kimLatency,
    );
    const ms = await armed;
    if (ms >= 0) out.push(ms);
    await page.waitForTimeout(120);
  }
  return out;
}

/**
 * The regroup benchmark: open `?bench=regroup` (300 synthetic pods on 30 nodes on the real
 * stage), take an idle baseline there, then flip group-by between node and namespace every
 * `everyMs` for `ms` while recording frames. Each flip re-renders the stage once, measures the
 * slots once, and leaves the flight to framer-motion's transform animations.
 */
export async function measureRegroup(page: Page, url: string, ms = 6000, everyMs = 750) {
  await page.goto(`${url}?bench=regroup&lang=en`);
  await page.waitForFunction(() => document.querySelectorAll('[data-pod]').length >= 300);
  await page.waitForTimeout(800);
  const { pods, nodes } = await page.evaluate(() => ({
    pods: document.querySelectorAll('[data-pod]').length,
    nodes: document.querySelectorAll('[data-node-box]').length,
  }));
  const idleIntervals = await recordFrames(page, 3000);
  const frameMs = summarise(idleIntervals, 16.7).p50 || 16.7;
  let switches = 0;
  const select = page.getByTestId('group-by');
  // A fixed number of switches: with a deadline instead, a faster page would fit one more
  // switch (one more long frame) into the same recording and look worse for it.
  const planned = Math.max(1, Math.floor(ms / everyMs) - 1);
  const intervals = await recordFrames(page, ms, async () => {
    let next: 'namespace' | 'node' = 'namespace';
    while (switches < planned) {
      // Set the value in the page (an input event, as a learner's choice makes) rather than
      // Playwright's selectOption, whose actionability checks would take frames of their own.
      await select.evaluate((el, value) => {
        (el as HTMLSelectElement).value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, next);
      switches++;
      next = next === 'namespace' ? 'node' : 'namespace';
      await page.waitForTimeout(everyMs);
    }
  });
  return {
    pods,
    nodes,
    switches,
    idle: summarise(idleIntervals, frameMs),
    regroup: summarise(intervals, frameMs),
    longestMs: Math.round(Math.max(0, ...intervals) * 10) / 10,
    load: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  } satisfies RegroupFigures;
}

/** Open the page and measure idle frames, frames while playing at 1×, and step latency. */
export async function measureBrowser(url: string): Promise<BrowserFigures> {
  const browser: Browser = await chromium.launch({
    ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx compiles this file with esbuild's keepNames, which wraps the functions passed to
    // page.evaluate in a `__name(…)` helper that only exists in Node; give the page one.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`${url}?lang=en&step=1`);
    await page.waitForSelector('[data-testid="stage"]');
    await page.waitForTimeout(500);
    const idleIntervals = await recordFrames(page, 3000);
    const frameMs = summarise(idleIntervals, 16.7).p50 || 16.7;
    const idle = summarise(idleIntervals, frameMs);
    const playIntervals = await recordFrames(page, 6000, async () => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
    });
    const playing = summarise(playIntervals, frameMs);
    await page.goto(`${url}?lang=en&step=1`);
    await page.waitForSelector('[data-testid="stage"]');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const latencies = (await measureStepLatency(page, 40)).sort((a, b) => a - b);
    const regroup = await measureRegroup(page, url);
    return {
      idle,
      playing,
      regroup,
      stepLatency: {
        samples: latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
      },
    };
  } finally {
    await browser.close();
  }
}
