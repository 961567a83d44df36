/**
 * `npm run bench`: builds the production site and prints the project's measured figures
 * as one table, and writes them to bench/results.json. Figures are reported, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBundle } from './bundle.ts';
import { type EngineCase, runEngineCase } from './engine.ts';
import { measureHostileInput } from './robustness.ts';

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

// Engine scale: the two budgeted cases, then a doubling series to show how cost grows.
const engineCases: EngineCase[] = [];
const quick = process.argv.includes('--quick');
const plan: [number, number, number, string][] = [
  [1000, 100, 120_000, '< 300 ms'],
  ...(quick
    ? []
    : ([[10_000, 1000, 600_000, '< 10 s, < 512 MB']] as [number, number, number, string][])),
  [250, 25, 120_000, ''],
  [500, 25, 120_000, ''],
  [250, 50, 120_000, ''],
  [500, 50, 120_000, ''],
];
for (const [replicas, workers, limit, budget] of plan) {
  process.stdout.write(`Engine: ${replicas} replicas on ${workers} nodes… `);
  const c = runEngineCase(replicas, workers, limit);
  engineCases.push(c);
  console.log(c.failed ?? `${c.wallMs} ms`);
  const ok = !c.failed && c.running === replicas && (c.errors ?? 0) === 0;
  const budgetMs = replicas === 1000 && workers === 100 ? 300 : replicas === 10_000 ? 10_000 : null;
  rows.push({
    area: 'engine',
    metric: `${replicas} replicas × ${workers} nodes`,
    value: c.failed
      ? c.failed
      : `${c.wallMs} ms, ${c.messagesPerSecond} msg/s, ${c.peakHeapMB} MB${ok ? '' : ` (${c.running} Running!)`}`,
    budget,
    met:
      budgetMs === null
        ? null
        : ok &&
          (c.wallMs ?? Infinity) < budgetMs &&
          (replicas !== 10_000 || (c.peakHeapMB ?? Infinity) < 512),
  });
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
  `${JSON.stringify({ measuredAt: new Date().toISOString(), rows, bundle, hostile, engineCases }, null, 2)}\n`,
);
console.log('\nWrote bench/results.json');
