/**
 * `create clusterrole --aggregation-rule` is cliflag's MapStringString: each occurrence is split at
 * commas, each pair trimmed and cut at its first `=`; a pair without `=` fails that occurrence.
 * Outputs as kubectl 1.32.5 prints them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const usage = "See 'kubectl create clusterrole --help' for usage.\n";

describe('create clusterrole --aggregation-rule', () => {
  it('refuses a pair without = quoting the occurrence that failed', () => {
    const { run } = engineSession(3);
    for (const [flags, bad] of [
      ['--aggregation-rule=bad', 'bad'],
      ['--aggregation-rule=a=b,c', 'a=b,c'],
      ['--aggregation-rule=a=b --aggregation-rule=bad', 'bad'],
    ]) {
      expect(run(`kubectl create clusterrole x ${flags} --dry-run=client -o name`)).toEqual({
        out: '',
        err: `error: invalid argument "${bad}" for "--aggregation-rule" flag: malformed pair, expect string=string\n${usage}`,
        code: 1,
      });
    }
  });

  it('cuts at the first = and trims keys and values', () => {
    const { run } = engineSession(3);
    expect(
      run(
        "kubectl create clusterrole x --aggregation-rule='a=b=c, d = e ,' --dry-run=client -o yaml",
      ),
    ).toEqual({
      out: 'aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      a: b=c\n      d: e\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  creationTimestamp: null\n  name: x\nrules: null\n',
      err: '',
      code: 0,
    });
  });
});
