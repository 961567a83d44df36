/**
 * Jobs through the console, exact output: create job → pod Completed → get jobs, describe job
 * and its events; a failing Job's BackoffLimitExceeded; create job's client-side object and
 * errors; the validation message for a Job whose pods would restart forever.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const UID = '657a614b-154c-47e9-a8c5-0ec9fa453f81';

describe('kubectl and Jobs', () => {
  it('create job → Completed pod → get jobs, logs, describe job', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create job hello --image=busybox -- echo hi')).toEqual({
      out: 'job.batch/hello created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get jobs').out).toBe(
      'NAME    STATUS     COMPLETIONS   DURATION   AGE\n' +
        'hello   Complete   1/1           2s         25s\n',
    );
    expect(run('kubectl get pods').out).toBe(
      'NAME          READY   STATUS      RESTARTS   AGE\n' +
        'hello-6k6p5   0/1     Completed   0          40s\n',
    );
    expect(run('kubectl logs job/hello').out).toBe('hi\n');
    expect(run('kubectl describe job hello').out).toBe(`Name:             hello
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=${UID}
Labels:           batch.kubernetes.io/controller-uid=${UID}
                  batch.kubernetes.io/job-name=hello
                  controller-uid=${UID}
                  job-name=hello
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       Tue, 06 Jan 2026 00:00:10 +0000
Completed At:     Tue, 06 Jan 2026 00:00:12 +0000
Duration:         2s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=${UID}
           batch.kubernetes.io/job-name=hello
           controller-uid=${UID}
           job-name=hello
  Containers:
   hello:
    Image:      busybox
    Port:       <none>
    Host Port:  <none>
    Command:
      echo
      hi
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  70s   job-controller  Created pod: hello-6k6p5
  Normal  Completed         68s   job-controller  Job completed
`);
    // The Job's pods go with it (kubectl deletes with background propagation).
    expect(run('kubectl delete job hello').out).toBe('job.batch "hello" deleted\n');
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('a failing Job backs off and ends Failed with BackoffLimitExceeded after 7 pods', () => {
    const { run, cluster } = engineSession(1);
    run('kubectl create job fail --image=busybox -- false');
    cluster.advance(15 * 60_000);
    expect(run('kubectl get job fail -o wide').out).toBe(
      'NAME   STATUS   COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES    SELECTOR\n' +
        `fail   Failed   0/1           15m        15m   fail         busybox   batch.kubernetes.io/controller-uid=${UID}\n`,
    );
    const describe = run('kubectl describe job fail').out;
    expect(describe).toContain('Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 7 Failed\n');
    expect(describe).not.toContain('Completed At:');
    expect(describe.slice(describe.indexOf('Events:'))).toBe(`Events:
  Type     Reason                Age    From            Message
  ----     ------                ----   ----            -------
  Normal   SuccessfulCreate      16m    job-controller  Created pod: fail-6k6p5
  Normal   SuccessfulCreate      15m    job-controller  Created pod: fail-5clp5
  Normal   SuccessfulCreate      15m    job-controller  Created pod: fail-65hgf
  Normal   SuccessfulCreate      14m    job-controller  Created pod: fail-cgl7q
  Normal   SuccessfulCreate      13m    job-controller  Created pod: fail-4jt76
  Normal   SuccessfulCreate      10m    job-controller  Created pod: fail-fjmml
  Normal   SuccessfulCreate      5m24s  job-controller  Created pod: fail-p6lnf
  Warning  BackoffLimitExceeded  5m22s  job-controller  Job has reached the specified backoff limit
`);
  });

  it('create job builds what kubectl 1.32 builds, and says what is wrong', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl create job x --image=busybox --dry-run=client -o yaml').out,
    ).toBe(`apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: x
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - image: busybox
        name: x
        resources: {}
      restartPolicy: Never
status: {}
`);
    expect(run('kubectl create job x --image=busybox --dry-run=client').out).toBe(
      'job.batch/x created (dry run)\n',
    );
    expect(run('kubectl create job z').err).toBe(
      'error: either --image or --from must be specified\n',
    );
    expect(run('kubectl create job z --from=cronjob/nightly').err).toBe(
      'Error from server (NotFound): cronjobs.batch "nightly" not found\n',
    );
    run('kubectl create job once --image=busybox -- true');
    expect(run('kubectl create job once --image=busybox').err).toBe(
      'error: failed to create job: jobs.batch "once" already exists\n',
    );
  });

  it('refuses a Job whose pods would restart forever', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'job.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n      restartPolicy: Always\n',
    );
    expect(run('kubectl apply -f job.yaml')).toEqual({
      out: '',
      err: 'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
      code: 1,
    });
  });

  it('get all lists Jobs last, and a namespace goes with its Jobs and their pods', () => {
    const { run } = engineSession(1);
    run('kubectl create ns blue');
    run('kubectl create job sleeper -n blue --image=busybox -- sleep 3600');
    expect(run('kubectl get all -n blue').out).toBe(
      'NAME                READY   STATUS    RESTARTS   AGE\n' +
        'pod/sleeper-lxg68   1/1     Running   0          20s\n' +
        '\n' +
        'NAME                STATUS    COMPLETIONS   DURATION   AGE\n' +
        'job.batch/sleeper   Running   0/1           20s        20s\n',
    );
    expect(run('kubectl delete ns blue').out).toBe('namespace "blue" deleted\n');
    expect(run('kubectl get jobs,pods -n blue').err).toBe(
      'No resources found in blue namespace.\n',
    );
  });
});

describe('kubectl and CronJobs', () => {
  it('create cronjob builds what kubectl 1.32 builds', () => {
    const { run } = engineSession(1);
    expect(
      run(
        'kubectl create cronjob x --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: x
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: x
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - image: busybox
            name: x
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
`);
    expect(run('kubectl create cronjob bad --image=busybox --schedule="61 * * * *"').err).toBe(
      'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n',
    );
    expect(run('kubectl create cronjob y --image=busybox').err).toBe(
      'error: required flag(s) "schedule" not set\n',
    );
    expect(run('kubectl create cronjob y').err).toBe(
      'error: required flag(s) "image", "schedule" not set\n',
    );
  });

  it('runs a Job each minute: get cronjobs, describe cronjob, create job --from', () => {
    const { run, cluster } = engineSession(1);
    expect(
      run('kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" -- echo hi').out,
    ).toBe('cronjob.batch/hello created\n');
    cluster.advance(150_000);
    expect(run('kubectl get cj -o wide').out).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE     CONTAINERS   IMAGES    SELECTOR\n' +
        'hello   */1 * * * *   <none>     False     0        55s             2m45s   hello        busybox   <none>\n',
    );
    const describe = run('kubectl describe cronjob hello').out;
    expect(
      describe.slice(0, describe.indexOf('Pod Template:')),
    ).toBe(`Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */1 * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
`);
    expect(
      describe.slice(describe.indexOf('Last Schedule Time:')),
    ).toBe(`Last Schedule Time:  Tue, 06 Jan 2026 00:03:00 +0000
Active Jobs:         <none>
Events:
  Type    Reason            Age    From                Message
  ----    ------            ----   ----                -------
  Normal  SuccessfulCreate  2m25s  cronjob-controller  Created job hello-29460961
  Normal  SawCompletedJob   2m23s  cronjob-controller  Saw completed job: hello-29460961, status: Complete
  Normal  SuccessfulCreate  85s    cronjob-controller  Created job hello-29460962
  Normal  SawCompletedJob   83s    cronjob-controller  Saw completed job: hello-29460962, status: Complete
  Normal  SuccessfulCreate  25s    cronjob-controller  Created job hello-29460963
  Normal  SawCompletedJob   23s    cronjob-controller  Saw completed job: hello-29460963, status: Complete
`);
    expect(run('kubectl create job manual --from=cronjob/hello').out).toBe(
      'job.batch/manual created\n',
    );
    const manual = run('kubectl get job manual -o jsonpath={.metadata.annotations}').out;
    expect(manual).toBe('{"cronjob.kubernetes.io/instantiate":"manual"}');
  });
});
