/**
 * Serve the built `dist/` with `vite preview` on 127.0.0.1 for the browser benchmarks, and
 * stop it afterwards. The port is free-picked by the caller (default 4390).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export interface Served {
  url: string;
  stop(): void;
}

/** Start `vite preview` and resolve once it answers. */
export async function serveDist(
  port = Number(process.env.KIM_BENCH_PORT ?? 4390),
): Promise<Served> {
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    try {
      // The preview runs under npx: kill the whole process group.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url}`);
}
