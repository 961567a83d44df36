/**
 * `npm run bench`: builds the production site and prints the project's measured figures
 * as one table, and writes them to bench/results.json. Figures are reported, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBundle } from './bundle.ts';
import { bundleEngineCase, type EngineCase, runEngineCase } from './engine.ts';
import { type BrowserEngineFigures, measureEngineInBrowser } from './engineBrowser.ts';
import { measureBrowser } from './frames.ts';
import { type LighthouseFigures, measureLighthouse } from './lighthouse.ts';
import { measureHostileInput } from './robustness.ts';
import { serveDist } from './serve.ts';

interface Row {
  area: string;
  metric: string;
  value: string;
  budget: string;
  met: boolean | null;
}

const root = join(import.meta.dirname, '..');
const rows: Row[] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

console.log('Building the production site…');
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

const bundle = measureBundle(join(root, 'dist'));
rows.push(
  {
    area: 'bytes',
    metric: 'JS for the first view (gzip)',
    value: kb(bundle.firstJsGzip),
    budget: '≤ 130 KB',
    met: bundle.firstJsGzip <= 130 * 1024,
  },
  {
    area: 'bytes',
    metric: 'JS loaded lazily (gzip)',
    value: kb(bundle.lazyJsGzip),
    budget: '',
    met: null,
  },
  {
    area: 'bytes',
    metric: 'CSS (gzip, first + lazy)',
    value: `${kb(bundle.firstCssGzip)} + ${kb(bundle.lazyCssGzip)}`,
    budget: '',
    met: null,
  },
);

// The page in a real browser: Lighthouse (median of 3 runs per form factor), frame timing
// against an idle baseline, and step latency. `--no-browser` skips this part.
const lighthouse: LighthouseFigures[] = [];
let browserFigures: Awaited<ReturnType<typeof measureBrowser>> | undefined;
if (!process.argv.includes('--no-browser')) {
  const served = await serveDist();
  try {
    for (const formFactor of ['mobile', 'desktop'] as const) {
      process.stdout.write(`Lighthouse ${formFactor} (3 runs)… `);
      const lh = await measureLighthouse(served.url, formFactor, 3);
      lighthouse.push(lh);
      console.log(`performance ${lh.performance}`);
      const mobile = formFactor === 'mobile';
      rows.push(
        {
          area: 'page',
          metric: `Lighthouse ${formFactor}: performance`,
          value: String(lh.performance),
          budget: mobile ? '≥ 95' : '',
          met: mobile ? lh.performance >= 95 : null,
        },
        {
          area: 'page',
          metric: `Lighthouse ${formFactor}: accessibility`,
          value: String(lh.accessibility),
          budget: '= 100',
          met: lh.accessibility === 100,
        },
        {
          area: 'page',
          metric: `Lighthouse ${formFactor}: best practices`,
          value: String(lh.bestPractices),
          budget: '= 100',
          met: lh.bestPractices === 100,
        },
        {
          area: 'page',
          metric: `Lighthouse ${formFactor}: LCP / TBT / CLS`,
          value: `${lh.lcpMs} ms / ${lh.tbtMs} ms / ${lh.cls}`,
          budget: 'TBT ≤ 100 ms, CLS ≤ 0.02',
          met: lh.tbtMs <= 100 && lh.cls <= 0.02,
        },
      );
      for (const f of lh.failing) console.log(`  not passing: ${f}`);
    }
    process.stdout.write('Frames and step latency in Chromium… ');
    const b = await measureBrowser(served.url);
    browserFigures = b;
    console.log('done');
    const fr = (f: typeof b.idle) =>
      `p50 ${f.p50} / p95 ${f.p95} / p99 ${f.p99} ms, dropped ${(f.dropped * 100).toFixed(1)}%`;
    rows.push(
      { area: 'frames', metric: 'idle page (baseline)', value: fr(b.idle), budget: '', met: null },
      {
        area: 'frames',
        metric: 'playing the container flow at 1×',
        value: fr(b.playing),
        budget: 'p95 ≤ 20 ms',
        met: b.playing.p95 <= 20,
      },
      {
        area: 'frames',
        metric: `regroup page idle (baseline, ${b.regroup.pods} pods / ${b.regroup.nodes} nodes)`,
        value: fr(b.regroup.idle),
        budget: '',
        met: null,
      },
      {
        area: 'frames',
        metric: `group-by regroup, ${b.regroup.pods} pods / ${b.regroup.nodes} nodes (${b.regroup.switches} switches)`,
        value: `${fr(b.regroup.regroup)}, longest ${b.regroup.longestMs} ms (load ${b.regroup.load})`,
        budget: 'p95 ≤ 20 ms',
        met: b.regroup.regroup.p95 <= 20,
      },
      {
        area: 'frames',
        metric: `step latency (→/← key, ${b.stepLatency.samples} presses)`,
        value: `p50 ${b.stepLatency.p50} / p95 ${b.stepLatency.p95} ms`,
        budget: 'p95 ≤ 50 ms',
        met: b.stepLatency.p95 <= 50,
      },
    );
  } finally {
    served.stop();
  }
}

// Hostile input: each must be answered with an error within 100 ms, cluster unchanged.
const hostile = measureHostileInput();
for (const h of hostile) {
  rows.push({
    area: 'input',
    metric: h.name,
    value: `${h.ms} ms, exit ${h.exitCode}`,
    budget: '≤ 100 ms',
    met: h.ms <= 100 && h.exitCode !== 0,
  });
}

// Engine scale: the two budgeted cases, each measured as the first run in a fresh process
// (cold: the JavaScript engine still compiling the simulator's code) and as a second run in
// the process (warm); then a doubling series (cold) to show how cost grows.
const engineCases: EngineCase[] = [];
const quick = process.argv.includes('--quick');
const plan: [number, number, number, string, boolean][] = [
  [1000, 100, 120_000, '< 300 ms', false],
  [1000, 100, 120_000, '< 300 ms', true],
  ...(quick
    ? []
    : ([
        [10_000, 1000, 600_000, '< 10 s, < 512 MB', false],
        [10_000, 1000, 900_000, '< 10 s', true],
      ] as [number, number, number, string, boolean][])),
  [250, 25, 120_000, '', false],
  [500, 25, 120_000, '', false],
  [250, 50, 120_000, '', false],
  [500, 50, 120_000, '', false],
];
const engineScript = await bundleEngineCase();
for (const [replicas, workers, limit, budget, warm] of plan) {
  const which = warm ? ', warm' : budget ? ', cold' : '';
  process.stdout.write(`Engine: ${replicas} replicas on ${workers} nodes${which}… `);
  const c = runEngineCase(engineScript, replicas, workers, limit, warm);
  engineCases.push(c);
  console.log(c.failed ?? `${c.readyMs} ms to all Running`);
  const ok = !c.failed && c.running === replicas && (c.errors ?? 0) === 0;
  const budgetMs = replicas === 1000 && workers === 100 ? 300 : replicas === 10_000 ? 10_000 : null;
  // A warm run's heap still holds its rehearsal's garbage: heap is judged on the cold run.
  const heapBudget = replicas === 10_000 && !warm;
  rows.push({
    area: 'engine',
    metric: `${replicas} replicas × ${workers} nodes${which}`,
    value: c.failed
      ? c.failed
      : `${c.readyMs} ms, ${c.messagesPerSecond} msg/s${warm ? '' : `, ${c.peakHeapMB} MB`}${ok ? '' : ` (${c.running} Running!)`}`,
    budget,
    met:
      budgetMs === null
        ? null
        : ok &&
          (c.readyMs ?? Infinity) < budgetMs &&
          (!heapBudget || (c.peakHeapMB ?? Infinity) < 512),
  });
}

// For reference, not a budget: the same case as the 8th cluster in one process. V8 keeps
// re-optimising the engine's code over several clusters (a new cluster brings new closures and
// object shapes that throw away code optimised on the last one), so this is what a page reaches
// after many resets; the budget is judged on the warm (2nd cluster) and cold runs above.
{
  process.stdout.write('Engine: 1000 replicas on 100 nodes, 8th cluster in the process… ');
  const c = runEngineCase(engineScript, 1000, 100, 300_000, true, 7);
  engineCases.push(c);
  console.log(c.failed ?? `${c.readyMs} ms to all Running`);
  const ok = !c.failed && c.running === 1000 && (c.errors ?? 0) === 0;
  rows.push({
    area: 'engine',
    metric: '1000 replicas × 100 nodes, 8th cluster',
    value: c.failed
      ? c.failed
      : `${c.readyMs} ms, ${c.messagesPerSecond} msg/s${ok ? '' : ` (${c.running} Running!)`}`,
    budget: '(reference only)',
    met: null,
  });
}

// The same 1,000 × 100 case in Chromium, the JavaScript engine a learner's page runs it in.
let browserEngine: BrowserEngineFigures[] = [];
if (!process.argv.includes('--no-browser')) {
  process.stdout.write(
    'Engine in Chromium: 1000 replicas on 100 nodes, cold and warm (3 runs each)… ',
  );
  browserEngine = await measureEngineInBrowser([
    { replicas: 1000, workers: 100, warm: false },
    { replicas: 1000, workers: 100, warm: true },
  ]);
  console.log('done');
  for (const f of browserEngine) {
    const ok = f.running === f.replicas;
    rows.push({
      area: 'engine',
      metric: `${f.replicas} replicas × ${f.workers} nodes in Chromium, ${f.warm ? 'warm' : 'cold'}`,
      value: `${f.readyMs} ms (median of ${f.runsMs.join(', ')})${ok ? '' : ` (${f.running} Running!)`}`,
      budget: '< 300 ms',
      met: ok && f.readyMs < 300,
    });
  }
}

const widths = [6, 34, 44, 18];
const cell = (text: string, width: number) => text.padEnd(width);
const line = (r: [string, string, string, string, string]) =>
  `${cell(r[0], widths[0] as number)}  ${cell(r[1], widths[1] as number)}  ${cell(r[2], widths[2] as number)}  ${cell(r[3], widths[3] as number)}  ${r[4]}`;
console.log();
console.log(line(['AREA', 'METRIC', 'VALUE', 'BUDGET', 'MET']));
for (const r of rows) {
  console.log(
    line([r.area, r.metric, r.value, r.budget, r.met === null ? '' : r.met ? 'yes' : 'NO']),
  );
}
writeFileSync(
  join(root, 'bench', 'results.json'),
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      rows,
      bundle,
      lighthouse,
      browser: browserFigures,
      hostile,
      engineCases,
      browserEngine,
    },
    null,
    2,
  )}\n`,
);
console.log('\nWrote bench/results.json');
