/**
 * Argument combinations the resource builder refuses before any request (cli-runtime
 * builder.go): a name with -A, a name or TYPE/NAME with a selector, a name with several types.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const fail = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });

describe('a name with -A / --all-namespaces', () => {
  it('get, describe and delete refuse it, and delete removes nothing', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    const refused = fail('a resource cannot be retrieved by name across all namespaces');
    expect(run('kubectl get pod p -A')).toEqual(refused);
    expect(run('kubectl get pod/p --all-namespaces')).toEqual(refused);
    expect(run('kubectl describe pod p -A')).toEqual(refused);
    expect(run('kubectl delete pod p -A')).toEqual(refused);
    expect(run('kubectl delete pod/p -A')).toEqual(refused);
    expect(run('kubectl get pod p -o name')).toEqual({ out: 'pod/p\n', err: '', code: 0 });
  });

  it('is fine for a cluster-scoped type, and -A without a name still lists', () => {
    const { run } = engineSession();
    expect(run('kubectl get node nope -A')).toEqual({
      out: '',
      err: 'Error from server (NotFound): nodes "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl get pods -A -l component=etcd -o name').code).toBe(0);
  });
});

describe('a name together with a selector', () => {
  it('TYPE NAME with -l or --field-selector: "name cannot be provided …"', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    const refused = fail('name cannot be provided when a selector is specified');
    expect(run('kubectl get pods -l run=p p')).toEqual(refused);
    expect(run('kubectl get pods p --field-selector=status.phase=Running')).toEqual(refused);
    expect(run('kubectl describe pod p -l run=p')).toEqual(refused);
    expect(run('kubectl delete pod p --all')).toEqual(refused);
  });

  it('TYPE/NAME with a selector (or delete --all): "selectors and the all flag …"', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    const refused = fail(
      'selectors and the all flag cannot be used when passing resource/name arguments',
    );
    expect(run('kubectl get pod/p -l run=p')).toEqual(refused);
    expect(run('kubectl describe pod/p -l run=p')).toEqual(refused);
    expect(run('kubectl delete pod/p -l run=p')).toEqual(refused);
    expect(run('kubectl delete pod/p --all')).toEqual(refused);
    expect(run('kubectl label pod/p -l run=p a=b')).toEqual(refused);
    expect(run('kubectl get pod p -o name').out).toBe('pod/p\n');
  });

  it('label ignores --all when a name is given (it only selects for a bare type)', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    expect(run('kubectl label pod p --all a=b')).toEqual({
      out: 'pod/p labeled\n',
      err: '',
      code: 0,
    });
  });
});

describe('a name with several types', () => {
  it('get all NAME: "you must specify only one resource" (the alias expands after the split)', () => {
    const { run } = engineSession();
    expect(run('kubectl get all web')).toEqual(fail('you must specify only one resource'));
  });

  it('pods,svc NAME…: every type with every name (normalizeMultipleResourcesArgs)', () => {
    // The real kubectl 1.32: `delete pod,cm db cfg` deletes pod/db pod/cfg cm/db cm/cfg.
    const { run } = engineSession();
    run('kubectl run db --image=redis');
    run('kubectl create configmap cfg');
    expect(run('kubectl get pods,svc web')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "web" not found\nError from server (NotFound): services "web" not found\n',
      code: 1,
    });
    // A client dry run fetches nothing: each pair is "deleted", there or not.
    expect(run('kubectl delete pod,cm db cfg --dry-run=client')).toEqual({
      out: 'pod "db" deleted (dry run)\npod "cfg" deleted (dry run)\nconfigmap "db" deleted (dry run)\nconfigmap "cfg" deleted (dry run)\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pod,cm db cfg -o name').out).toBe('pod/db\nconfigmap/cfg\n');
    // SplitResourceArgument drops empty parts: `pod,` is one type.
    expect(run('kubectl get pod, db -o name')).toEqual({ out: 'pod/db\n', err: '', code: 0 });
  });
});

describe('an unknown TYPE.GROUP or TYPE.VERSION', () => {
  it('names only the resource part, as mappingFor does (audit 17 H1)', () => {
    const { run } = engineSession();
    const noType = (t: string) => fail(`the server doesn't have a resource type "${t}"`);
    expect(run('kubectl get deployment.app')).toEqual(noType('deployment'));
    expect(run('kubectl get pods.v1')).toEqual(noType('pods'));
    expect(run('kubectl get foo.bar')).toEqual(noType('foo'));
    expect(run('kubectl get pod.nosuch.io')).toEqual(noType('pod'));
    expect(run('kubectl describe deploy.app web')).toEqual(noType('deploy'));
    expect(run('kubectl create job j --from=cronjob.batc/x')).toEqual(noType('cronjob'));
    // Resource.version.group is fully specified.
    expect(run('kubectl get pods.v1.').err).toBe('No resources found in default namespace.\n');
    expect(run('kubectl get deployments.v1.apps').err).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
