/**
 * A terminal's view of an answered question: what the learner typed after the question (the
 * terminal echoes it, then a newline), then what the command printed next, all part of the
 * entry of the line that asked. Shared by the session's saved transcript and the page's console.
 */
import { type OutputChunk, orderedOutput, outputChunks, pushChunk } from '../kubectl/host.ts';

interface Printed {
  stdout: string;
  stderr: string;
  output?: OutputChunk[];
}

/**
 * `entry`'s output, then `answer` and a newline (as typed: `y`, or `^C` for Ctrl+C), then what
 * `next` printed, streams kept in print order.
 */
export function withAnswer<T extends Printed>(entry: T, answer: string, next: Printed): T {
  const chunks: OutputChunk[] = outputChunks(entry).map((c) => ({ ...c }));
  pushChunk(chunks, false, `${answer}\n`);
  for (const c of outputChunks(next)) pushChunk(chunks, c.err, c.text);
  const join = (err: boolean) =>
    chunks
      .filter((c) => c.err === err)
      .map((c) => c.text)
      .join('');
  const { output: _old, ...rest } = entry;
  const output = orderedOutput(chunks);
  return { ...rest, stdout: join(false), stderr: join(true), ...(output ? { output } : {}) } as T;
}
