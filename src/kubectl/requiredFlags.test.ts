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

describe('a required flag given empty', () => {
  // cobra asks whether a required flag was given, not whether it has a value (kubectl 1.32.5).
  it('passes the check: create cronjob --schedule= and create deployment --image=', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create cronjob c --image= --dry-run=client -o yaml')).toEqual({
      out: '',
      err: 'error: required flag(s) "schedule" not set\n',
      code: 1,
    });
    expect(run('kubectl create cronjob c --image= --schedule= --dry-run=client -o yaml')).toEqual({
      out: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: c\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: c\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - name: c\n            resources: {}\n          restartPolicy: OnFailure\n  schedule: ""\nstatus: {}\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl create deployment x --image= --dry-run=client -o yaml')).toEqual({
      out: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: x\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: x\n    spec:\n      containers: []\nstatus: {}\n',
      err: '',
      code: 0,
    });
  });
});
