/** ValidateJob's pod failure policy and per-index back-off rules, as `kubectl apply` reports them. */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

describe('Job podFailurePolicy and backoffLimitPerIndex validation', () => {
  it('lists every broken rule, and refuses restartPolicy OnFailure with a policy', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'a.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: a
spec:
  podFailurePolicy:
    rules:
    - action: Foo
      onExitCodes:
        containerName: nope
        operator: In
        values: [0, 3, 2, 3]
    - action: Ignore
    - onPodConditions:
      - type: DisruptionTarget
        status: Maybe
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: main
        image: busybox
`,
    );
    expect(run('kubectl apply -f a.yaml')).toEqual({
      out: '',
      err: `The Job "a" is invalid: 
* spec.podFailurePolicy.rules[0].action: Unsupported value: "Foo": supported values: "Count", "FailIndex", "FailJob", "Ignore"
* spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template
* spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator
* spec.podFailurePolicy.rules[0].onExitCodes.values[3]: Duplicate value: 3
* spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 3, 2, 3}: must be ordered
* spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required
* spec.podFailurePolicy.rules[2].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]
* spec.podFailurePolicy.rules[2].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"
* spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified
`,
      code: 1,
    });
  });

  it('wants an Indexed Job for backoffLimitPerIndex and maxFailedIndexes within completions', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'b.yaml',
      `apiVersion: batch/v1
kind: Job
metadata:
  name: b
spec:
  backoffLimitPerIndex: 1
  maxFailedIndexes: 5
  completions: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
`,
    );
    expect(run('kubectl apply -f b.yaml').err).toBe(`The Job "b" is invalid: 
* spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode
* spec.maxFailedIndexes: Invalid value: 5: must be less than or equal to completions
`);
  });
});
