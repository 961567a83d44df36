/**
 * The log of the Kubernetes docs' init-container loop, `until nslookup NAME; do echo waiting
 * for NAME; sleep 2; done`, worked out when it is read: each round runs nslookup again (busybox
 * 1.28 prints its server block on stdout and `can't resolve` on stderr) and, while the name does
 * not resolve, the loop's body; the round in which the Service has appeared prints the answer
 * and ends the loop (the kubelet polls at the same rounds and ends the run then).
 */
import type { LogLine } from './loopRounds.ts';
import { type Network, nslookupAnswer, type Program } from './program.ts';

/** The most failed rounds kept in a log read (a day of 2 s rounds is more than anyone reads). */
const MAX_ROUNDS = 5000;

/** The namespace file the docs' command reads with `$(cat …)`. */
const NAMESPACE_FILE =
  /\$\(\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*\)/g;

/**
 * The lines of an `until` program's run that started at `startMs` (epoch ms) and ended at
 * `endMs` (`ended`: the name resolved then) or is still going at `endMs`. `network` answers as
 * the cluster does now: a failed round is asked with the Service hidden.
 */
export function untilLines(
  program: Extract<Program, { runs: 'until' }>,
  namespace: string,
  network: Network | undefined,
  startMs: number,
  endMs: number,
  ended: boolean,
): LogLine[] {
  const kind = program.nslookup ?? 'busybox-old';
  const host = (program.lookup ?? program.service).replace(NAMESPACE_FILE, namespace);
  const target = program.namespace ?? namespace;
  const hidden: Network | undefined = network
    ? (ns, h, port) => {
        const name = h.replace(/\.$/, '');
        const svc = network(ns, h, port);
        // The Service the loop waits for does not exist yet in a failed round.
        if (
          svc &&
          svc.name === program.service &&
          svc.namespace === target &&
          name !== svc.clusterIP
        ) {
          return undefined;
        }
        return svc;
      }
    : undefined;
  const split = (text: string, at: number) =>
    (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((t) => ({ at, text: t }));
  const failed = nslookupAnswer(kind, host, namespace, hidden);
  const lines: LogLine[] = [];
  const period = Math.max(program.pollMs, 1);
  // Rounds strictly before the end failed; the one at the end (if the loop ended) succeeded.
  let rounds = Math.ceil((endMs - startMs) / period);
  if (!ended && (endMs - startMs) % period === 0) rounds++;
  rounds = Math.max(0, Math.min(rounds, MAX_ROUNDS));
  const first = Math.max(0, Math.ceil((endMs - startMs) / period) - MAX_ROUNDS);
  for (let i = first; i < rounds; i++) {
    const at = startMs + i * period;
    if (ended && at >= endMs) break;
    lines.push(...split((failed?.output ?? '') + program.output, at));
  }
  if (ended) {
    const answer = nslookupAnswer(kind, host, namespace, network);
    lines.push(...split(answer?.output ?? '', endMs));
  }
  return lines;
}
