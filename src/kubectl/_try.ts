import { createCluster } from '../engine/index.ts';
import { hostForCluster } from './engineHost.ts';
import { runLine } from './index.ts';

const c = createCluster({ seed: 1 });
c.settle();
const h = hostForCluster(c);
for (const l of process.argv.slice(2)) {
  const r = runLine(h, l);
  process.stdout.write(`$ ${l}\n${r.stdout}${r.stderr}[exit ${r.exitCode}]\n`);
  h.settle();
}
