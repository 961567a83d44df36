/**
 * One engine-scale case, run in its own process so peak heap is this case's alone:
 * `tsx bench/engineCase.ts <replicas> <workers> [--warm]` prints one JSON line.
 * A Deployment of <replicas> nginx pods is created on a cluster of <workers> worker nodes
 * and the cluster runs until it is quiet; every pod must then be Running.
 *
 * With `--warm` the same case first runs once on a throwaway cluster (another seed), so the
 * measured run finds the engine's code already compiled by the JavaScript engine, as it is
 * once a page has been used for a while. Without it the measured run is the process's first.
 * `--rehearsals N` (with --warm) runs it N times first: the JavaScript engine keeps re-optimising
 * over several clusters, so this shows the steady state a page reaches after many resets.
 */
import { benchCluster, rehearse, runningPods, runToAllReady } from './engineRun.ts';

const replicas = Number(process.argv[2] ?? 1000);
const workers = Number(process.argv[3] ?? 100);
const warm = process.argv.includes('--warm');
const rehearsalsAt = process.argv.indexOf('--rehearsals');
const rehearsals = warm ? (rehearsalsAt > 0 ? Number(process.argv[rehearsalsAt + 1]) : 1) : 0;

for (let i = 0; i < rehearsals; i++) rehearse(replicas, workers, 2 + i);

let peakHeap = 0;
const sampleHeap = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeap) peakHeap = used;
};

const setupStart = performance.now();
const cluster = benchCluster(workers);
const setupMs = performance.now() - setupStart;
const messagesBefore = cluster.messages.length;
sampleHeap();
const heapTimer = setInterval(sampleHeap, 5);

const start = performance.now();
// CPU time too: on a shared, loaded machine wall time varies with other work, CPU time less so.
const cpuStart = process.cpuUsage();
runToAllReady(cluster, replicas, sampleHeap);
const readyMs = performance.now() - start;
const readyCpu = process.cpuUsage(cpuStart);
// The rest of the run is the cluster going quiet afterwards.
const settled = cluster.settle({ maxMs: 60 * 60 * 1000 });
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
clearInterval(heapTimer);
sampleHeap();

const running = runningPods(cluster);
const messages = cluster.messages.length - messagesBefore;
console.log(
  JSON.stringify({
    replicas,
    workers,
    warm,
    rehearsals,
    running,
    settled: settled.settled,
    setupMs: Math.round(setupMs),
    readyMs: Math.round(readyMs),
    readyCpuMs: Math.round((readyCpu.user + readyCpu.system) / 1000),
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    messages,
    messagesPerSecond: Math.round(messages / (wallMs / 1000)),
    virtualSeconds: Math.round((cluster.now() - 0) / 1000),
    peakHeapMB: Math.round(peakHeap / 1024 / 1024),
    errors: cluster.errors.length,
  }),
);
