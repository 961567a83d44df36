/**
 * What a console pipeline hands the next command on its standard input (`… | kubectl apply -f -`):
 * set by the shell for the command it runs, read once by the command.
 */
import type { KubectlHost } from './host.ts';

/**
 * Keyed by the console's workspace, which every copy of its host shares (the copies a
 * `--kubeconfig` file, `--server` or `--as` make): the command reads what the shell set.
 */
const pending = new WeakMap<object, string>();

/** The text the next command reads as stdin (undefined: none, a terminal). */
export function setStdin(host: KubectlHost, text: string | undefined): void {
  if (text === undefined) pending.delete(host.fs);
  else pending.set(host.fs, text);
}

/** The command's stdin, if it has one: read once. */
export function takeStdin(host: KubectlHost): string | undefined {
  const text = pending.get(host.fs);
  pending.delete(host.fs);
  return text;
}
