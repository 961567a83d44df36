/**
 * A Job's podFailurePolicy (Ignore / FailJob / Count), the `podReplacementPolicy: Failed` it
 * implies, backoffLimitPerIndex with maxFailedIndexes, and successPolicy, through the console as
 * the Kubernetes docs' tasks run them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

function job(name: string, spec: string, script: string, container = 'main'): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: ${container}
        image: docker.io/library/bash:5
        command: ["bash"]
        args:
        - -c
        - ${script}
`;
}

type Cond = { type: string; status: string; reason?: string; message?: string };

function statusOf(run: ReturnType<typeof engineSession>['run'], name: string) {
  const r = run(`kubectl get job ${name} -o jsonpath={.status}`);
  return JSON.parse(r.out) as {
    active?: number;
    failed?: number;
    succeeded?: number;
    terminating?: number;
    failedIndexes?: string;
    completedIndexes?: string;
    conditions?: Cond[];
  };
}

const conditions = (s: { conditions?: Cond[] }) =>
  (s.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);

describe('podFailurePolicy', () => {
  it('fails the Job at the first exit code 42 with a FailJob rule (FailureTarget, then Failed)', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'f.yaml',
      job(
        'job-pod-failure-policy-failjob',
        `  completions: 8
  parallelism: 2
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]`,
        'echo "Hello world!" && sleep 30 && exit 42',
      ),
    );
    expect(run('kubectl create -f f.yaml').out).toBe(
      'job.batch/job-pod-failure-policy-failjob created\n',
    );
    run('sleep 60');
    const s = statusOf(run, 'job-pod-failure-policy-failjob');
    const pods = run(
      'kubectl get pods -l job-name=job-pod-failure-policy-failjob -o name',
    ).out.split('\n');
    const first = pods[0]!.replace('pod/', '');
    expect(conditions(s)).toEqual([
      `FailureTarget True PodFailurePolicy: Container main for pod default/${first} failed with exit code 42 matching FailJob rule at index 0`,
      `Failed True PodFailurePolicy: Container main for pod default/${first} failed with exit code 42 matching FailJob rule at index 0`,
    ]);
    expect(pods.filter(Boolean)).toHaveLength(2);
    expect(run('kubectl get job job-pod-failure-policy-failjob').out).toMatch(
      /^NAME +STATUS +COMPLETIONS .*\njob-pod-failure-policy-failjob +Failed +0\/8 /,
    );
    expect(run('kubectl get events --field-selector reason=PodFailurePolicy -o name').out).toMatch(
      /^event\/job-pod-failure-policy-failjob\.[0-9a-f]+\n$/,
    );
  });

  it('keeps retrying a pod whose exit code no FailJob rule lists, up to backoffLimit', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'f.yaml',
      job(
        'other',
        `  backoffLimit: 1
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        operator: In
        values: [42]`,
        'exit 3',
      ),
    );
    run('kubectl create -f f.yaml');
    run('sleep 60');
    const s = statusOf(run, 'other');
    expect(s.failed).toBe(2);
    expect(conditions(s)).toEqual([
      'FailureTarget True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
  });

  it('does not count failures an Ignore rule on exit codes matches (NotIn 0 ignores all)', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'f.yaml',
      job(
        'ign',
        `  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onExitCodes:
        operator: NotIn
        values: [0]`,
        'exit 7',
      ),
    );
    run('kubectl create -f f.yaml');
    run('sleep 60');
    const s = statusOf(run, 'ign');
    expect(s.failed).toBeUndefined();
    expect(s.conditions ?? []).toEqual([]);
    // Each failure still backs the next pod off (10 s, 20 s, …): several pods by now, none counted.
    expect(
      run('kubectl get pods -l job-name=ign --no-headers').out.split('\n').filter(Boolean).length,
    ).toBeGreaterThan(2);
  });

  it('drained: the evicted pod fails with DisruptionTarget, is ignored and replaced; the Job completes', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'j.yaml',
      job(
        'job-pod-failure-policy-ignore',
        `  completions: 4
  parallelism: 2
  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget`,
        'echo "Hello world!" && sleep 90 && exit 0',
      ),
    );
    run('kubectl create -f j.yaml');
    expect(
      run('kubectl get job job-pod-failure-policy-ignore -o jsonpath={.spec.podReplacementPolicy}')
        .out,
    ).toBe('Failed');
    expect(
      run(
        'kubectl get job job-pod-failure-policy-ignore -o jsonpath={.spec.podFailurePolicy.rules[0].onPodConditions[0].status}',
      ).out,
    ).toBe('True');
    const onNode1 = run(
      'kubectl get pods -l job-name=job-pod-failure-policy-ignore --field-selector spec.nodeName=node1 -o name',
    ).out.trim();
    expect(onNode1).toMatch(/^pod\//);
    const d = run('kubectl drain node1 --ignore-daemonsets --grace-period=0');
    expect(d.code).toBe(0);
    expect(d.out).toContain(`${onNode1} evicted\n`);
    const mid = statusOf(run, 'job-pod-failure-policy-ignore');
    expect(mid.failed).toBeUndefined();
    expect(mid.active).toBe(2);
    run('sleep 300');
    const s = statusOf(run, 'job-pod-failure-policy-ignore');
    expect(s.failed).toBeUndefined();
    expect(s.succeeded).toBe(4);
    expect(conditions(s)).toEqual([
      'SuccessCriteriaMet True CompletionsReached: Reached expected number of succeeded pods',
      'Complete True CompletionsReached: Reached expected number of succeeded pods',
    ]);
  });

  it('node lost: the taint-evicted pod stays terminating, is neither failed nor replaced, the other runs on', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'j.yaml',
      job(
        'pfp',
        `  completions: 2
  parallelism: 2
  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget`,
        'sleep 900',
        'c',
      ),
    );
    run('kubectl apply -f j.yaml');
    const lost = run(
      'kubectl get pods -l job-name=pfp --field-selector spec.nodeName=node2 -o name',
    ).out.trim();
    expect(lost).toMatch(/^pod\//);
    run('sim stop-node node3');
    run('sim stop-node node2');
    run('sleep 60');
    run('sim advance 5m');
    const s = statusOf(run, 'pfp');
    expect(s).toMatchObject({ active: 1, terminating: 1 });
    expect(s.failed).toBeUndefined();
    expect(s.conditions ?? []).toEqual([]);
    expect(run('kubectl get job pfp --no-headers').out).toMatch(/^pfp +Running +0\/2 /);
    expect(run('kubectl get pods -l job-name=pfp --no-headers').out.split('\n')).toHaveLength(3);
    expect(
      run(
        `kubectl get ${lost} -o 'jsonpath={.status.conditions[?(@.type=="DisruptionTarget")].reason}'`,
      ).out,
    ).toBe('DeletionByTaintManager');
  });
});

describe('podReplacementPolicy: Failed', () => {
  it('waits for a deleted pod to fail before making its replacement', () => {
    const { run, host } = engineSession(1);
    host.fs.write('j.yaml', job('rp', '  podReplacementPolicy: Failed', 'sleep 600'));
    run('kubectl apply -f j.yaml');
    const pod = run('kubectl get pods -l job-name=rp -o name').out.trim();
    run(`kubectl delete ${pod} --wait=false`);
    // The pod (sleep, deaf to SIGTERM) takes its 30 s grace period; no replacement meanwhile.
    expect(run('kubectl get pods -l job-name=rp -o name').out).toBe(`${pod}\n`);
    const mid = statusOf(run, 'rp');
    expect(mid).toMatchObject({ terminating: 1, ready: 0 });
    expect(mid.active).toBeUndefined();
    run('sleep 60');
    const s = statusOf(run, 'rp');
    expect(s).toMatchObject({ active: 1, failed: 1 });
    expect(run('kubectl get pods -l job-name=rp -o name').out).not.toContain(pod);
  });
});

describe('backoffLimitPerIndex', () => {
  const indexed = (extra = '') =>
    job(
      'ix',
      `  completionMode: Indexed
  completions: 3
  parallelism: 3
  backoffLimitPerIndex: 1${extra}`,
      'if [ $JOB_COMPLETION_INDEX = 1 ]; then exit 1; fi; sleep 5',
      'c',
    );

  it('gives index 1 one retry, then lists it in failedIndexes and fails the Job (FailedIndexes)', () => {
    const { run, host } = engineSession(1);
    host.fs.write('j.yaml', indexed());
    run('kubectl apply -f j.yaml');
    run('sleep 90');
    const s = statusOf(run, 'ix');
    expect(s).toMatchObject({ failedIndexes: '1', completedIndexes: '0,2', failed: 2 });
    expect(conditions(s)).toEqual([
      'FailureTarget True FailedIndexes: Job has failed indexes',
      'Failed True FailedIndexes: Job has failed indexes',
    ]);
    const counts = run(
      `kubectl get pods -l batch.kubernetes.io/job-completion-index=1 -o 'jsonpath={range .items[*]}{.metadata.annotations.batch\\.kubernetes\\.io/job-index-failure-count}{" "}{end}'`,
    ).out;
    expect(counts.trim().split(' ').sort()).toEqual(['0', '1']);
    expect(run('kubectl get job ix --no-headers').out).toMatch(/^ix +Failed +2\/3 /);
  });

  it('fails at once past maxFailedIndexes (MaxFailedIndexesExceeded)', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'j.yaml',
      indexed('\n  maxFailedIndexes: 0').replace(
        'backoffLimitPerIndex: 1',
        'backoffLimitPerIndex: 0',
      ),
    );
    run('kubectl apply -f j.yaml');
    run('sleep 30');
    const s = statusOf(run, 'ix');
    expect(s.failedIndexes).toBe('1');
    expect(conditions(s)).toEqual([
      'FailureTarget True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes',
      'Failed True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes',
    ]);
  });
});

describe('successPolicy', () => {
  it('completes an Indexed Job once the listed indexes succeeded, ending the other pods', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'j.yaml',
      job(
        'leader',
        `  completionMode: Indexed
  completions: 3
  parallelism: 3
  successPolicy:
    rules:
    - succeededIndexes: "0"`,
        'if [ $JOB_COMPLETION_INDEX = 0 ]; then exit 0; fi; sleep 900',
        'c',
      ),
    );
    run('kubectl apply -f j.yaml');
    run('sleep 60');
    const s = statusOf(run, 'leader');
    expect(conditions(s)).toEqual([
      'SuccessCriteriaMet True SuccessPolicy: Matched rules at index 0',
      'Complete True SuccessPolicy: Matched rules at index 0',
    ]);
    expect(s).toMatchObject({ completedIndexes: '0', succeeded: 1 });
    expect(s.failed).toBeUndefined();
    expect(run('kubectl get pods -l job-name=leader --no-headers').out).toMatch(
      /^leader-0-\w+ +0\/1 +Completed /,
    );
  });
});
