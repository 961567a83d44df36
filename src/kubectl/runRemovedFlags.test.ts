/**
 * Flags that tutorials still show but kubectl run no longer has (1.32): `--requests`,
 * `--limits` (removed in 1.24), `--replicas` (1.18), `--generator` (1.21), `--serviceaccount`
 * and `--hostport`: pflag's unknown-flag error, nothing created.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl run with removed flags', () => {
  it.each([
    ['--requests=cpu=100m', '--requests'],
    ['--limits=cpu=200m,memory=64Mi', '--limits'],
    ['--replicas=3', '--replicas'],
    ['--generator=run-pod/v1', '--generator'],
    ['--serviceaccount=default', '--serviceaccount'],
    ['--hostport=8080', '--hostport'],
  ])('%s is an unknown flag', (flag, name) => {
    const { run } = engineSession(3);
    expect(run(`kubectl run nginx --image=nginx ${flag}`)).toEqual({
      out: '',
      err: `error: unknown flag: ${name}\nSee 'kubectl run --help' for usage.\n`,
      code: 1,
    });
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});
