/**
 * What a console pipeline hands the next command on its standard input (`… | kubectl apply -f -`):
 * set by the shell for the command it runs, read once by the command.
 */
import type { KubectlHost } from './host.ts';

const pending = new WeakMap<KubectlHost, string>();

/** The text the next command reads as stdin (undefined: none, a terminal). */
export function setStdin(host: KubectlHost, text: string | undefined): void {
  if (text === undefined) pending.delete(host);
  else pending.set(host, text);
}

/** The command's stdin, if it has one: read once. */
export function takeStdin(host: KubectlHost): string | undefined {
  const text = pending.get(host);
  pending.delete(host);
  return text;
}
