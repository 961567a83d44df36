import { createCluster } from '../engine/index.ts';
import { hostForCluster } from '../kubectl/engineHost.ts';
import { outputChunks, runLine } from '../kubectl/index.ts';
import { needsMoreInput } from '../kubectl/shellHeredoc.ts';
import { laptopDocker, runAction, simCommand } from './actions.ts';

export interface TranscriptOptions {
  seed?: number;
}

/**
 * Run a transcript's lines against one fresh cluster and return what a terminal would show:
 * `$ <line>`, then what the line printed, stdout and stderr in the order printed. The cluster settles after every line.
 */
export function runTranscript(text: string, opts: TranscriptOptions = {}): string {
  const cluster = createCluster({ seed: opts.seed ?? 1 });
  const host = hostForCluster(cluster, {
    docker: laptopDocker(cluster),
    sim: simCommand(cluster),
  });
  let out = '';
  // A command still open (a here-document, a quote, a trailing `\`) takes the next lines as
  // they are, as bash's `> ` prompt does.
  let open: string | undefined;
  for (const raw of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
    if (open === undefined && (raw.trim() === '' || raw.trim().startsWith('#'))) continue;
    const line = open === undefined ? raw.trim() : `${open}\n${raw}`;
    if (needsMoreInput(line)) {
      open = line;
      continue;
    }
    open = undefined;
    out += `$ ${line.replace(/\n/g, '\n> ')}\n`;
    const res =
      (line.includes('\n') ? undefined : runAction(cluster, line, { shellDocker: true })) ??
      runLine(host, line);
    cluster.settle();
    for (const c of outputChunks(res)) out += c.text;
  }
  if (open !== undefined) {
    // The file ended inside the command: bash runs what it has (with its warning).
    out += `$ ${open.replace(/\n/g, '\n> ')}\n`;
    for (const c of outputChunks(runLine(host, open))) out += c.text;
    cluster.settle();
  }
  return out;
}
