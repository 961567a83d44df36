/**
 * `kubectl set image|env|resources` as the real kubectl 1.32.5 answers them (checked with
 * bench/kubectlOracle.ts): a CronJob's job template and a Job's template are pod templates too
 * (updatePodSpecForObject); the server's refusal of a patch is wrapped as set_image.go words it;
 * `set env -c` matching no container is a warning; `scale` with nothing to scale names why.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(6);
  s.run('kubectl create deployment web --image=nginx:1.27 --replicas=1');
  s.run('kubectl create cronjob tick --image=busybox:1.36 --schedule="*/5 * * * *" -- echo hi');
  s.run('kubectl create job once --image=busybox:1.36 -- echo done');
  s.run('sleep 20');
  return s;
}

describe('set image on CronJobs and Jobs', () => {
  it("changes a CronJob's job template", () => {
    const { run } = cluster();
    expect(run('kubectl set image cronjob/tick tick=busybox:1.37')).toEqual({
      out: 'cronjob.batch/tick image updated\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        "kubectl get cronjob tick -o jsonpath='{.spec.jobTemplate.spec.template.spec.containers[0].image}'",
      ).out,
    ).toBe('busybox:1.37');
    expect(run('kubectl set env cronjob/tick MODE=fast').out).toBe(
      'cronjob.batch/tick env updated\n',
    );
    expect(
      run("kubectl set resources cronjob/tick --limits=cpu=100m -o jsonpath='{.kind}'").out,
    ).toBe('CronJob');
  });

  it("sends a Job's patch, which the API server refuses (the template is immutable)", () => {
    const { run } = cluster();
    const r = run('kubectl set image job/once once=busybox:1.37');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^error: failed to patch image update to pod template: Job\.batch "once" is invalid: spec\.template: Invalid value: .*: field is immutable\n$/,
    );
  });

  it('wraps an invalid image as set_image.go does', () => {
    const { run } = cluster();
    expect(run('kubectl set image deployment/web nginx=')).toEqual({
      out: '',
      err: 'error: failed to patch image update to pod template: Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value\n',
      code: 1,
    });
  });
});

describe('set env', () => {
  it('-c matching no container is a warning, nothing changed', () => {
    const { run } = cluster();
    expect(run('kubectl set env deployment/web -c nope FOO=bar')).toEqual({
      out: '',
      err: 'Warning: Deployment/web does not have any containers matching "nope"\n',
      code: 0,
    });
    expect(run('kubectl set env deployment/web --list -c nope')).toEqual({
      out: '',
      err: 'Warning: Deployment/web does not have any containers matching "nope"\n',
      code: 0,
    });
  });

  it('--from is read by a builder of its own, before the objects', () => {
    const { run } = cluster();
    const fail = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });
    expect(run('kubectl set env deployment/nope --from=bogus/x')).toEqual(
      fail('the server doesn\'t have a resource type "bogus"'),
    );
    expect(run('kubectl set env deployment/web --from=service/kubernetes')).toEqual(
      fail('unsupported resource specified in --from'),
    );
    // The builder reads the object first, whatever its kind: a missing one is the server's
    // NotFound (kubectl 1.32.5), a cluster-scoped one is read as such.
    expect(run('kubectl set env deployment/web --from=pod/x')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "x" not found\n',
      code: 1,
    });
    expect(run('kubectl set env deployment/web --from=deployment/nosuch')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nosuch" not found\n',
      code: 1,
    });
    expect(run('kubectl set env deployment/web --from=node/node1')).toEqual(
      fail('unsupported resource specified in --from'),
    );
  });

  it('a word without = is a resource for the builder', () => {
    const { run } = cluster();
    expect(run('kubectl set env deployment/web FOO').err).toMatch(
      /^error: there is no need to specify a resource type as a separate argument when passing arguments in resource\/name form/,
    );
  });
});

describe('create job --from', () => {
  it("a type without a name is the builder's refusal (kubectl 1.32.5)", () => {
    const { run } = cluster();
    expect(run('kubectl create job j1 --from=cronjob')).toEqual({
      out: '',
      err: 'error: resource(s) were provided, but no name was specified\n',
      code: 1,
    });
    expect(run('kubectl create job j1 --from=cj/tick --dry-run=client -o name').out).toBe(
      'job.batch/j1\n',
    );
  });

  it('TYPE/ with no name is the form refused before the type is looked up', () => {
    const { run } = cluster();
    const form = {
      out: '',
      err: 'error: arguments in resource/name form must have a single resource and name\n',
      code: 1,
    };
    expect(run('kubectl create job j1 --from=cronjob/ --dry-run=client -o yaml')).toEqual(form);
    expect(run('kubectl create job j1 --from=bogus/ --dry-run=client -o yaml')).toEqual(form);
    expect(run('kubectl create job j1 --from=/x --dry-run=client -o yaml')).toEqual(form);
  });
});

describe('scale --resource-version', () => {
  it('is a precondition on the one object, printed alone (kubectl 1.32.5)', () => {
    const { run } = cluster();
    const rv = run("kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'").out;
    expect(run('kubectl scale --replicas=2 deployment/web --resource-version=1')).toEqual({
      out: '',
      err: `error: Expected resource version to be 1, was ${rv}\n`,
      code: 1,
    });
    // The precondition's error hides the builder's NotFound.
    expect(
      run('kubectl scale --replicas=2 deployment/web deployment/nope --resource-version=1').err,
    ).toBe(`error: Expected resource version to be 1, was ${rv}\n`);
    run('kubectl create deployment api --image=httpd');
    expect(run('kubectl scale --replicas=2 deployment --all --resource-version=5')).toEqual({
      out: '',
      err: 'error: cannot use --resource-version with multiple resources\n',
      code: 1,
    });
    expect(run(`kubectl scale --replicas=2 deployment/web --resource-version=${rv}`).out).toBe(
      'deployment.apps/web scaled\n',
    );
  });
});

describe('scale with nothing scaled', () => {
  it("names the builder's error", () => {
    const { run } = cluster();
    expect(run('kubectl scale deployment/nope --replicas=2')).toEqual({
      out: '',
      err: 'error: no objects passed to scale deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl scale --replicas=2 pod/x')).toEqual({
      out: '',
      err: 'error: no objects passed to scale pods "x" not found\n',
      code: 1,
    });
  });
});

/** A Deployment `init` with init container `setup` (env I=1) and container `main` (env M=2). */
const INIT_DEPLOYMENT =
  'printf \'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: init\\nspec:\\n  selector:\\n    matchLabels:\\n      app: init\\n  template:\\n    metadata:\\n      labels:\\n        app: init\\n    spec:\\n      initContainers:\\n      - name: setup\\n        image: busybox\\n        env:\\n        - name: I\\n          value: "1"\\n      containers:\\n      - name: main\\n        image: nginx\\n        env:\\n        - name: M\\n          value: "2"\\n\' > init.yaml && kubectl apply -f init.yaml';

describe('init containers and --list (kubectl 1.32.5, oracle)', () => {
  it('set env --list: the containers, then the init containers, with the changes asked for', () => {
    const { run } = cluster();
    expect(run(INIT_DEPLOYMENT).code).toBe(0);
    expect(run('kubectl set env deploy/init --list').out).toBe(
      '# Deployment init, container main\nM=2\n# Deployment init, container setup\nI=1\n',
    );
    expect(run('kubectl set env deploy/init Z=9 M- --list').out).toBe(
      '# Deployment init, container main\nZ=9\n# Deployment init, container setup\nI=1\nZ=9\n',
    );
    // Listed, not sent.
    expect(
      run('kubectl get deploy init -o jsonpath={.spec.template.spec.containers[0].env}').out,
    ).toBe('[{"name":"M","value":"2"}]');
  });

  it('set env --overwrite=false: the object named in the error; with --list, nothing said', () => {
    const { run } = cluster();
    expect(run('kubectl set env deploy/web FOO=bar').code).toBe(0);
    expect(run('kubectl set env deploy/web FOO=x --overwrite=false')).toEqual({
      out: '',
      err: "error: deployments/web 'FOO' already has a value (bar), and --overwrite is false\n",
      code: 1,
    });
    expect(run('kubectl set env deploy/web FOO=x --overwrite=false --list')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it('set image changes init containers by name and with *', () => {
    const { run } = cluster();
    expect(run(INIT_DEPLOYMENT).code).toBe(0);
    expect(run('kubectl set image deploy/init setup=busybox:1.35')).toEqual({
      out: 'deployment.apps/init image updated\n',
      err: '',
      code: 0,
    });
    const images =
      "kubectl get deploy init -o jsonpath='{.spec.template.spec.initContainers[0].image} {.spec.template.spec.containers[0].image}'";
    expect(run(images).out).toBe('busybox:1.35 nginx');
    expect(run("kubectl set image deploy/init '*=busybox:1.36'").code).toBe(0);
    expect(run(images).out).toBe('busybox:1.36 busybox:1.36');
  });
});
