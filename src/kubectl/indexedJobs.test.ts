/**
 * Indexed Jobs through the console (completionMode: Indexed, Kubernetes 1.32): pods named
 * `<job>-<index>-xxxxx` carrying their index, the lowest pending indexes first, a lost pod
 * replaced with the same index, and `Completed Indexes` in describe.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function indexedJob(name: string, command: string, completions = 5, parallelism = 3): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  completions: ${completions}
  parallelism: ${parallelism}
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox
        command: ["sh", "-c", "${command}"]
`;
}

describe('Indexed Jobs', () => {
  it('runs indexes 0..parallelism-1 first, each pod carrying its index, and replaces a lost pod with the same index', () => {
    const { run, host } = engineSession(1);
    host.fs.write('job.yaml', indexedJob('sleeper', 'sleep 3600'));
    expect(run('kubectl apply -f job.yaml').out).toBe('job.batch/sleeper created\n');
    expect(
      run('kubectl get pods -L batch.kubernetes.io/job-completion-index --no-headers').out,
    ).toBe(
      'sleeper-0-6k6p5   1/1   Running   0     25s   0\n' +
        'sleeper-1-zgdxr   1/1   Running   0     25s   1\n' +
        'sleeper-2-vjzgx   1/1   Running   0     25s   2\n',
    );
    expect(
      run(
        "kubectl get pod sleeper-1-zgdxr -o jsonpath='{.spec.hostname} {.metadata.annotations} {.spec.containers[0].env}'",
      ).out,
    ).toBe(
      'sleeper-1 {"batch.kubernetes.io/job-completion-index":"1"} [{"name":"JOB_COMPLETION_INDEX","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.annotations[\'batch.kubernetes.io/job-completion-index\']"}}}]',
    );
    run('kubectl delete pod sleeper-1-zgdxr --wait=false');
    // The replacement (same index) starts while the old pod is still terminating (`sleep`
    // ignores SIGTERM: 30 s of grace), as podReplacementPolicy TerminatingOrFailed allows.
    const pods = run('kubectl get pods --no-headers').out.split('\n');
    const index1 = pods.filter((l) => l.startsWith('sleeper-1-'));
    expect(index1.map((l) => l.split(/ +/)[2]).sort()).toEqual(['Running', 'Terminating']);
    expect(pods.some((l) => l.startsWith('sleeper-3-'))).toBe(false);
    const describe = run('kubectl describe job sleeper').out;
    expect(describe).toContain('Completion Mode:    Indexed\n');
    expect(describe).toContain('Pods Statuses:      3 Active (3 Ready) / 0 Succeeded / 1 Failed\n');
    expect(describe).toContain('Completed Indexes:  <none>\n');
  });

  it('completes when every index has succeeded: completedIndexes 0-4, 5/5', () => {
    const { run, host } = engineSession(1);
    host.fs.write('job.yaml', indexedJob('indexed-job', 'sleep 5'));
    run('kubectl apply -f job.yaml');
    expect(run('kubectl get job indexed-job').out).toBe(
      'NAME          STATUS     COMPLETIONS   DURATION   AGE\n' +
        'indexed-job   Complete   5/5           14s        25s\n',
    );
    expect(
      run(
        "kubectl get job indexed-job -o jsonpath='{.status.completedIndexes} {.status.succeeded}'",
      ).out,
    ).toBe('0-4 5');
    expect(run('kubectl get pods --no-headers -o custom-columns=NAME:.metadata.name').out).toMatch(
      /^indexed-job-0-\w{5}\nindexed-job-1-\w{5}\nindexed-job-2-\w{5}\nindexed-job-3-\w{5}\nindexed-job-4-\w{5}\n$/,
    );
    expect(run('kubectl describe job indexed-job').out).toContain('Completed Indexes:  0-4\n');
  });

  it('refuses an Indexed Job without completions', () => {
    const { run, host } = engineSession(1);
    host.fs.write('job.yaml', indexedJob('nocount', 'true').replace('  completions: 5\n', ''));
    expect(run('kubectl apply -f job.yaml').err).toBe(
      'The Job "nocount" is invalid: spec.completions: Required value: when completion mode is Indexed\n',
    );
  });
});
