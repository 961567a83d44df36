/**
 * `kubectl top`: a group of `node` and `pod` with their flags and checks; on a cluster without
 * metrics-server both end with kubectl's "Metrics API not available".
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NO_METRICS = { out: '', err: 'error: Metrics API not available\n', code: 1 };

describe('kubectl top', () => {
  it('bare: the group help on stderr', () => {
    const { run } = engineSession(3);
    expect(run('kubectl top')).toEqual({
      out: '',
      err: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
      code: 1,
    });
  });

  it('pod and node take their flags, then need the metrics API', () => {
    const { run } = engineSession(3);
    for (const line of [
      'kubectl top pod -A',
      'kubectl top pods --sort-by=cpu --containers',
      'kubectl top po -l app=web --sum',
      'kubectl top node --no-headers',
      'kubectl top nodes --show-capacity --sort-by=memory',
    ]) {
      expect(run(line)).toEqual(NO_METRICS);
    }
  });

  it('checks its arguments first', () => {
    const { run } = engineSession(3);
    expect(run('kubectl top pod --sort-by=disk').err).toBe(
      'error: --sort-by accepts only cpu or memory\n',
    );
    expect(run('kubectl top pod web -l app=web').err).toBe(
      'error: only one of NAME or selector can be provided\n',
    );
    expect(run('kubectl top node n1 -l a=b').err).toBe(
      'error: only one of NAME or --selector can be provided\n',
    );
    expect(run('kubectl top pod a b').err).toBe(
      "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n",
    );
  });
});
