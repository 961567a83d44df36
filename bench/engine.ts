/**
 * Engine scale: each case runs in a child process (bench/engineCase.ts) with a time limit.
 *
 * The case runs the engine as the site ships it: bundled and minified by rolldown, the bundler
 * Vite builds the site with, not through tsx's on-the-fly transform (which wraps every function
 * for its names and costs the engine about 15 % here).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rolldown } from 'rolldown';

const root = join(import.meta.dirname, '..');

/** Bundle bench/engineCase.ts with the engine into one minified module; returns its path. */
export async function bundleEngineCase(): Promise<string> {
  const file = join(root, 'bench', '.out', 'engine-case.mjs');
  const bundle = await rolldown({ input: join(root, 'bench', 'engineCase.ts'), platform: 'node' });
  try {
    await bundle.write({ file, format: 'esm', minify: true });
  } finally {
    await bundle.close();
  }
  return file;
}

export interface EngineCase {
  replicas: number;
  workers: number;
  /** Measured after a rehearsal of the same case in the same process (see engineCase.ts). */
  warm?: boolean;
  /** How many rehearsals ran before the measured run (1 for a warm case). */
  rehearsals?: number;
  running?: number;
  settled?: boolean;
  /** From the create to the Deployment reporting every replica ready. */
  readyMs?: number;
  /** Until the cluster is quiet again. */
  wallMs?: number;
  messages?: number;
  messagesPerSecond?: number;
  peakHeapMB?: number;
  errors?: number;
  /** Set when the case did not finish (time limit or crash). */
  failed?: string;
}

/**
 * Run one case of the bundle `script` (see bundleEngineCase); `limitMs` bounds its wall time.
 * `warm`: measure a second run of the case in the process instead of the first;
 * `rehearsals`: how many runs come before the measured one when warm.
 */
export function runEngineCase(
  script: string,
  replicas: number,
  workers: number,
  limitMs: number,
  warm = false,
  rehearsals = 1,
): EngineCase {
  const args = [
    script,
    String(replicas),
    String(workers),
    ...(warm ? ['--warm', '--rehearsals', String(rehearsals)] : []),
  ];
  const res = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: limitMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (res.error || res.status !== 0) {
    const why = res.error?.message.includes('ETIMEDOUT')
      ? `did not finish within ${limitMs / 1000} s`
      : (res.stderr || res.error?.message || `exit ${res.status}`).trim().split('\n').slice(-1)[0];
    return { replicas, workers, warm, failed: why ?? 'failed' };
  }
  const line = res.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as EngineCase;
}
