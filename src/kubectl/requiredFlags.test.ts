/**
 * Cobra's own errors (a required flag missing, a flag value that does not parse) reach kubectl's
 * main, which prints them through util.CheckErr like every other error: `error: …`, exit 1 —
 * never a klog "command failed" line (that is cli.Run's, which kubectl does not use).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('required flags and bad flag values', () => {
  it('say error: like the rest of kubectl', () => {
    const { run } = engineSession(3);
    const cases: [string, string][] = [
      ['kubectl create clusterrolebinding x', 'error: required flag(s) "clusterrole" not set\n'],
      ['kubectl autoscale deployment web', 'error: required flag(s) "max" not set\n'],
      ['kubectl create deployment web', 'error: required flag(s) "image" not set\n'],
      [
        'kubectl create clusterrole r --aggregation-rule=nokey --verb=get --resource=pods',
        `error: invalid argument "nokey" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee 'kubectl create clusterrole --help' for usage.\n`,
      ],
    ];
    for (const [line, err] of cases) expect(run(line), line).toEqual({ out: '', err, code: 1 });
  });
});
