/**
 * AppArmor on the simulated 1.32 cluster (the docs' "Restrict a Container's Access to Resources
 * with AppArmor" tutorial): the `appArmorProfile` fields and their validation, the deprecated
 * annotation's warning and its sync with the field, Pod Security baseline's AppArmor check, and a
 * Localhost profile the node has not loaded (CreateContainerError, as containerd reports it).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const ANN = 'container.apparmor.security.beta.kubernetes.io';

/** `kubectl run NAME` of busybox with an overrides JSON. */
const runWith = (name: string, overrides: unknown, args = '') =>
  `kubectl run ${name} --image=busybox:1.28 --overrides='${JSON.stringify(overrides)}'${args}`;

const HELLO_APPARMOR = `apiVersion: v1
kind: Pod
metadata:
  name: hello-apparmor
spec:
  securityContext:
    appArmorProfile:
      type: Localhost
      localhostProfile: k8s-apparmor-example-deny-write
  containers:
  - name: hello
    image: busybox:1.28
    command: [ "sh", "-c", "echo 'Hello AppArmor!' && sleep 1h" ]
`;

describe('AppArmor fields and the deprecated annotation', () => {
  it('an annotation warns, and the server copies it into the field', () => {
    const { run } = engineSession(5);
    expect(
      run(runWith('a1', { metadata: { annotations: { [`${ANN}/a1`]: 'runtime/default' } } })),
    ).toEqual({
      out: 'pod/a1 created\n',
      err: `Warning: metadata.annotations[${ANN}/a1]: deprecated since v1.30; use the "appArmorProfile" field instead\n`,
      code: 0,
    });
    expect(run("kubectl get pod a1 -o jsonpath='{.spec.containers[0].securityContext}'").out).toBe(
      '{"appArmorProfile":{"type":"RuntimeDefault"}}',
    );
    // An annotation that says what the pod's field says is not copied, and not warned about.
    expect(
      run(
        runWith('a2', {
          metadata: { annotations: { [`${ANN}/a2`]: 'runtime/default' } },
          spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } },
        }),
      ),
    ).toEqual({ out: 'pod/a2 created\n', err: '', code: 0 });
    expect(run("kubectl get pod a2 -o jsonpath='{.spec.containers[0].securityContext}'").out).toBe(
      '',
    );
  });

  it('a field gets the annotation (for older kubelets), which describe shows', () => {
    const { run, host } = engineSession(5);
    host.fs.write(
      'hello.yaml',
      HELLO_APPARMOR.replace('Localhost', 'RuntimeDefault').replace(
        /\n {6}localhostProfile: .*/,
        '',
      ),
    );
    expect(run('kubectl apply -f hello.yaml')).toEqual({
      out: 'pod/hello-apparmor created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl describe pod hello-apparmor').out).toContain(
      `\nAnnotations:      ${ANN}/hello: runtime/default\nStatus:           Running\n`,
    );
  });

  it('validates the fields and the annotations with the API server texts', () => {
    const { run } = engineSession(5);
    const container = (name: string, appArmorProfile: unknown) => ({
      spec: {
        containers: [{ name, image: 'busybox:1.28', securityContext: { appArmorProfile } }],
      },
    });
    expect(run(runWith('a3', container('a3', { type: 'Localhost' }))).err).toBe(
      'The Pod "a3" is invalid: spec.containers[0].securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost\n',
    );
    expect(
      run(runWith('a4', { spec: { securityContext: { appArmorProfile: { type: 'Bogus' } } } })).err,
    ).toBe(
      'The Pod "a4" is invalid: spec.securityContext.appArmorProfile.type: Unsupported value: "Bogus": supported values: "Localhost", "RuntimeDefault", "Unconfined"\n',
    );
    expect(
      run(runWith('a5', container('a5', { type: 'RuntimeDefault', localhostProfile: 'x' }))).err,
    ).toBe(
      'The Pod "a5" is invalid: spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: "x": can only be set when AppArmor type is Localhost\n',
    );
    expect(
      run(runWith('a6', container('a6', { type: 'Localhost', localhostProfile: ' p' }))).err,
    ).toBe(
      'The Pod "a6" is invalid: spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: " p": must not be padded with whitespace\n',
    );
    expect(run(runWith('a7', { spec: { securityContext: { appArmorProfile: {} } } })).err).toBe(
      'The Pod "a7" is invalid: spec.securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set\n',
    );
    expect(run(runWith('a8', { metadata: { annotations: { [`${ANN}/nope`]: 'bad' } } })).err).toBe(
      [
        'The Pod "a8" is invalid: ',
        `* metadata.annotations[${ANN}/nope]: Invalid value: "nope": container not found`,
        `* metadata.annotations[${ANN}/nope]: Invalid value: "bad": invalid AppArmor profile name: "bad"`,
        '',
      ].join('\n'),
    );
    // A container's field and its annotation must agree.
    const both = (name: string, annotation: string, appArmorProfile: unknown) => ({
      metadata: { annotations: { [`${ANN}/${name}`]: annotation } },
      ...container(name, appArmorProfile),
    });
    expect(run(runWith('a9', both('a9', 'runtime/default', { type: 'Unconfined' }))).err).toBe(
      'The Pod "a9" is invalid: spec.containers[0].securityContext.appArmorProfile.type: Forbidden: apparmor type in annotation and field must match\n',
    );
    expect(
      run(
        runWith('b1', both('b1', 'localhost/one', { type: 'Localhost', localhostProfile: 'two' })),
      ).err,
    ).toBe(
      'The Pod "b1" is invalid: spec.containers[0].securityContext.appArmorProfile.localhostProfile: Forbidden: apparmor profile in annotation and field must match\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it("a workload's template annotation warns; its pods get the field", () => {
    const { run, host } = engineSession(5);
    host.fs.write(
      'web.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
      annotations:
        ${ANN}/nginx: runtime/default
    spec:
      containers:
      - name: nginx
        image: nginx
`,
    );
    expect(run('kubectl apply -f web.yaml')).toEqual({
      out: 'deployment.apps/web created\n',
      err: `Warning: spec.template.metadata.annotations[${ANN}/nginx]: deprecated since v1.30; use the "appArmorProfile" field instead\n`,
      code: 0,
    });
    expect(
      run(
        "kubectl get pods -l app=web -o jsonpath='{.items[0].spec.containers[0].securityContext}'",
      ).out,
    ).toBe('{"appArmorProfile":{"type":"RuntimeDefault"}}');
    // An update warns again when it changes the spec (WarningsOnUpdate), not otherwise.
    expect(run(`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`)).toEqual({
      out: 'deployment.apps/web patched\n',
      err: `Warning: spec.template.metadata.annotations[${ANN}/nginx]: deprecated since v1.30; use the "appArmorProfile" field instead\n`,
      code: 0,
    });
    expect(run(`kubectl patch deploy web -p '{"metadata":{"labels":{"x":"y"}}}'`)).toEqual({
      out: 'deployment.apps/web patched\n',
      err: '',
      code: 0,
    });
  });
});

describe('Pod Security baseline and AppArmor', () => {
  it('forbids Unconfined, in the field and in the annotation the server adds', () => {
    const { run, host } = engineSession(5);
    run('kubectl create ns psa');
    run('kubectl label ns psa pod-security.kubernetes.io/enforce=baseline');
    expect(
      run(
        `${runWith('u', {
          spec: {
            containers: [
              {
                name: 'u',
                image: 'busybox:1.28',
                securityContext: { appArmorProfile: { type: 'Unconfined' } },
              },
            ],
          },
        })} -n psa`,
      ).err,
    ).toBe(
      `Error from server (Forbidden): pods "u" is forbidden: violates PodSecurity "baseline:latest": forbidden AppArmor profiles (container "u" and annotation must not set AppArmor profile type to "Unconfined", "${ANN}/u=\\"unconfined\\"")\n`,
    );
    expect(
      run(
        `${runWith('rd', { spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } } })} -n psa -- sleep 3600`,
      ).out,
    ).toBe('pod/rd created\n');
    // The deprecated annotation: its warning comes with the refusal (headers of the 403).
    expect(
      run(
        `${runWith('u2', { metadata: { annotations: { [`${ANN}/u2`]: 'unconfined' } } })} -n psa`,
      ),
    ).toEqual({
      out: '',
      err: `Warning: metadata.annotations[${ANN}/u2]: deprecated since v1.30; use the "appArmorProfile" field instead\nError from server (Forbidden): pods "u2" is forbidden: violates PodSecurity "baseline:latest": forbidden AppArmor profiles (container "u2" and annotation must not set AppArmor profile type to "Unconfined", "${ANN}/u2=\\"unconfined\\"")\n`,
      code: 1,
    });
    // A workload's template only warns (its pods are refused by the ReplicaSet's creates).
    host.fs.write(
      'un.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: un
spec:
  selector:
    matchLabels:
      app: un
  template:
    metadata:
      labels:
        app: un
    spec:
      containers:
      - name: nginx
        image: nginx
        securityContext:
          appArmorProfile:
            type: Unconfined
`,
    );
    expect(run('kubectl apply -f un.yaml -n psa')).toEqual({
      out: 'deployment.apps/un created\n',
      err: 'Warning: would violate PodSecurity "baseline:latest": forbidden AppArmor profile (container "nginx" must not set AppArmor profile type to "Unconfined")\n',
      code: 0,
    });
  });
});

describe('The AppArmor label of a container', () => {
  it("reads in /proc/<pid>/attr/current: containerd's default, or unconfined", () => {
    const { run } = engineSession(5);
    run('kubectl run t --image=busybox:1.28 -- sleep 3600');
    expect(run('kubectl exec t -- cat /proc/1/attr/current').out).toBe(
      'cri-containerd.apparmor.d (enforce)\n',
    );
    run(
      `${runWith('u', { spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } } } })} -- sleep 3600`,
    );
    expect(run('kubectl exec u -- cat /proc/self/attr/current').out).toBe('unconfined\n');
    run('kubectl run p --image=busybox:1.28 --privileged -- sleep 3600');
    expect(run('kubectl exec p -- cat /proc/1/attr/current').out).toBe('unconfined\n');
  });
});

describe('A Localhost profile the node has not loaded', () => {
  it("keeps the container in CreateContainerError with containerd's message", () => {
    const { run, host } = engineSession(5);
    host.fs.write('hello.yaml', HELLO_APPARMOR);
    expect(run('kubectl apply -f hello.yaml').out).toBe('pod/hello-apparmor created\n');
    expect(run('kubectl get pod hello-apparmor').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nhello-apparmor +0\/1 +CreateContainerError +0 +\d/,
    );
    const message =
      'failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found k8s-apparmor-example-deny-write';
    expect(
      run("kubectl get pod hello-apparmor -o jsonpath='{.status.containerStatuses[0].state}'").out,
    ).toBe(JSON.stringify({ waiting: { message, reason: 'CreateContainerError' } }));
    const described = run('kubectl describe pod hello-apparmor').out;
    expect(described).toContain(
      `\nAnnotations:      ${ANN}/hello: localhost/k8s-apparmor-example-deny-write\nStatus:           Pending\n`,
    );
    expect(described).toContain(
      '    State:          Waiting\n      Reason:       CreateContainerError\n',
    );
    expect(described).toMatch(new RegExp(`Warning +Failed +.* +kubelet +Error: ${message}\n`));
    // containerd's own default profile is loaded on every node.
    host.fs.write(
      'cri.yaml',
      HELLO_APPARMOR.replace('hello-apparmor', 'cri').replace(
        'k8s-apparmor-example-deny-write',
        'cri-containerd.apparmor.d',
      ),
    );
    run('kubectl apply -f cri.yaml');
    expect(run('kubectl get pod cri --no-headers').out).toMatch(/^cri +1\/1 +Running +0 /);
  });
});
