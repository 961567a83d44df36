import { createCluster } from '../engine/index.ts';
import { hostForCluster } from '../kubectl/engineHost.ts';
import { outputChunks, runLine } from '../kubectl/index.ts';
import { runAction } from './actions.ts';

export interface TranscriptOptions {
  seed?: number;
}

/**
 * Run a transcript's lines against one fresh cluster and return what a terminal would show:
 * `$ <line>`, then what the line printed, stdout and stderr in the order printed. The cluster settles after every line.
 */
export function runTranscript(text: string, opts: TranscriptOptions = {}): string {
  const cluster = createCluster({ seed: opts.seed ?? 1 });
  const host = hostForCluster(cluster);
  let out = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    out += `$ ${line}\n`;
    const res = runAction(cluster, line) ?? runLine(host, line);
    cluster.settle();
    for (const c of outputChunks(res)) out += c.text;
  }
  return out;
}
