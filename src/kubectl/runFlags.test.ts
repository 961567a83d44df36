/**
 * `kubectl run` flags that shape the pod (`--image-pull-policy`, `--annotations`,
 * `--privileged`, `--env`) and the checks kubectl makes before it creates anything.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const USAGE = "See 'kubectl run -h' for help and examples\n";

describe('kubectl run', () => {
  it('--image-pull-policy, --annotations and --privileged reach the pod', () => {
    const { run } = engineSession(3);
    expect(
      run(
        'kubectl run d --image=nginx --image-pull-policy=IfNotPresent --annotations=team=a --annotations=x=1 --privileged --dry-run=client -o yaml',
      ),
    ).toEqual({
      out: `apiVersion: v1
kind: Pod
metadata:
  annotations:
    team: a
    x: "1"
  creationTimestamp: null
  labels:
    run: d
  name: d
spec:
  containers:
  - image: nginx
    imagePullPolicy: IfNotPresent
    name: d
    resources: {}
    securityContext:
      privileged: true
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
      err: '',
      code: 0,
    });
    // -o json keeps the Go struct's field order.
    const json = JSON.parse(
      run(
        'kubectl run d --image=nginx --env=A=1 --privileged --image-pull-policy=Always --dry-run=client -o json',
      ).out,
    );
    expect(Object.keys(json.spec.containers[0])).toEqual([
      'name',
      'image',
      'env',
      'resources',
      'imagePullPolicy',
      'securityContext',
    ]);
    expect(Object.keys(json.metadata)).toEqual(['name', 'creationTimestamp', 'labels']);
    // A policy of Never is kept, so a missing image is never pulled.
    run('kubectl run p1 --image=nginx:1.0 --image-pull-policy=Never');
    expect(run('kubectl get pod p1 --no-headers').out).toMatch(/^p1 +0\/1 +ErrImageNeverPull /);
  });

  it('refuses a bad pull policy, env or annotation', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run p --image=nginx --image-pull-policy=Bogus')).toEqual({
      out: '',
      err: `error: invalid image pull policy: Bogus\n${USAGE}`,
      code: 1,
    });
    for (const env of ['FOO', '1BAD=x', '=x']) {
      expect(run(`kubectl run x --image=nginx --env=${env}`)).toEqual({
        out: '',
        err: `error: invalid env: ${env}\n`,
        code: 1,
      });
    }
    expect(run('kubectl run x --image=nginx --annotations=foo').err).toBe(
      'error: invalid annotations format: foo\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('an empty env value is left out, as the API omits it', () => {
    const { run } = engineSession(3);
    expect(
      run(
        `kubectl run e --image=nginx --env=A=1 --env=B= --dry-run=client -o jsonpath='{.spec.containers[0].env}'`,
      ).out,
    ).toBe('[{"name":"A","value":"1"},{"name":"B"}]');
  });

  it('--rm and -t without -i are refused before the attach', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run x --image=busybox --rm').err).toBe(
      `error: --rm should only be used for attached containers\n${USAGE}`,
    );
    expect(run('kubectl run x --image=busybox -t').err).toBe(
      `error: -i/--stdin is required for containers with -t/--tty=true\n${USAGE}`,
    );
    expect(run('kubectl run x --image=busybox -it --dry-run=client').err).toBe(
      `error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n${USAGE}`,
    );
    // -i without attaching creates the pod with stdin open.
    expect(
      run(
        `kubectl run x --image=busybox -i --attach=false --dry-run=client -o jsonpath='{.spec.containers[0].stdin} {.spec.containers[0].stdinOnce}'`,
      ).out,
    ).toBe('true true');
  });
});
