/** Engine scale: each case runs in a child process (bench/engineCase.ts) with a time limit. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface EngineCase {
  replicas: number;
  workers: number;
  running?: number;
  settled?: boolean;
  wallMs?: number;
  messages?: number;
  messagesPerSecond?: number;
  peakHeapMB?: number;
  errors?: number;
  /** Set when the case did not finish (time limit or crash). */
  failed?: string;
}

/** Run one case; `limitMs` bounds its wall time. */
export function runEngineCase(replicas: number, workers: number, limitMs: number): EngineCase {
  const root = join(import.meta.dirname, '..');
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', 'engineCase.ts'), String(replicas), String(workers)],
    { cwd: root, encoding: 'utf8', timeout: limitMs, maxBuffer: 16 * 1024 * 1024 },
  );
  if (res.error || res.status !== 0) {
    const why = res.error?.message.includes('ETIMEDOUT')
      ? `did not finish within ${limitMs / 1000} s`
      : (res.stderr || res.error?.message || `exit ${res.status}`).trim().split('\n').slice(-1)[0];
    return { replicas, workers, failed: why ?? 'failed' };
  }
  const line = res.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as EngineCase;
}
