/**
 * The engine case in the page's own JavaScript engine: bundled for the browser and loaded into
 * a blank Chromium page by engineBrowser.ts, which calls `globalThis.engineCase(…)`.
 */
import { benchCluster, rehearse, runningPods, runToAllReady } from './engineRun.ts';

export interface BrowserCaseResult {
  readyMs: number;
  messages: number;
  running: number;
}

function engineCase(replicas: number, workers: number, warm: boolean): BrowserCaseResult {
  if (warm) rehearse(replicas, workers);
  const cluster = benchCluster(workers);
  const messagesBefore = cluster.messages.length;
  const start = performance.now();
  runToAllReady(cluster, replicas);
  const readyMs = performance.now() - start;
  return {
    readyMs: Math.round(readyMs),
    messages: cluster.messages.length - messagesBefore,
    running: runningPods(cluster),
  };
}

(globalThis as { engineCase?: typeof engineCase }).engineCase = engineCase;
