/**
 * Pod Security Admission: the namespace's `pod-security.kubernetes.io/*` labels (audit 15 F11).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const RESTRICTED_NGINX = (c: string) =>
  `allowPrivilegeEscalation != false (container "${c}" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "${c}" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "${c}" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "${c}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`;

describe('Pod Security Admission', () => {
  it('enforce=restricted refuses a plain pod and warns about a Deployment whose pods it refuses', () => {
    const { run } = engineSession(3);
    run('kubectl create ns secure');
    run('kubectl label ns secure pod-security.kubernetes.io/enforce=restricted');
    expect(run('kubectl run p --image=nginx -n secure')).toEqual({
      out: '',
      err: `Error from server (Forbidden): pods "p" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_NGINX('p')}\n`,
      code: 1,
    });
    expect(run('kubectl create deployment d --image=nginx -n secure')).toEqual({
      out: 'deployment.apps/d created\n',
      err: `Warning: would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX('nginx')}\n`,
      code: 0,
    });
    expect(run('kubectl get deploy d -n secure').out).toMatch(/\nd +0\/1 +0 +0 /);
    expect(
      run(
        'kubectl get events -n secure --field-selector reason=FailedCreate -o jsonpath={.items[0].message}',
      ).out,
    ).toMatch(
      /^Error creating: pods "d-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );
  });

  it('admits a pod that meets the restricted level', () => {
    const { run, host } = engineSession(3);
    run('kubectl create ns secure');
    run('kubectl label ns secure pod-security.kubernetes.io/enforce=restricted');
    host.fs.write(
      'ok.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: ok
  namespace: secure
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: ["ALL"]
`,
    );
    expect(run('kubectl apply -f ok.yaml')).toEqual({ out: 'pod/ok created\n', err: '', code: 0 });
  });

  it('baseline refuses privileged containers, host namespaces and hostPath volumes', () => {
    const { run } = engineSession(3);
    run('kubectl create ns b');
    run('kubectl label ns b pod-security.kubernetes.io/enforce=baseline');
    expect(
      run(
        `kubectl run priv --image=nginx -n b --overrides='{"spec":{"hostNetwork":true,"containers":[{"name":"priv","image":"nginx","securityContext":{"privileged":true}}],"volumes":[{"name":"h","hostPath":{"path":"/tmp"}}]}}'`,
      ).err,
    ).toBe(
      'Error from server (Forbidden): pods "priv" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostPath volumes (volume "h"), privileged (container "priv" must not set securityContext.privileged=true)\n',
    );
    expect(run('kubectl run plain --image=nginx -n b').out).toBe('pod/plain created\n');
  });

  it('warn=restricted creates the pod with a warning', () => {
    const { run } = engineSession(3);
    run('kubectl create ns w');
    run('kubectl label ns w pod-security.kubernetes.io/warn=restricted');
    expect(run('kubectl run p2 --image=nginx -n w')).toEqual({
      out: 'pod/p2 created\n',
      err: `Warning: would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX('p2')}\n`,
      code: 0,
    });
  });

  it('a new enforce level warns about the pods already in the namespace', () => {
    const { run } = engineSession(3);
    run('kubectl create ns s2');
    for (const p of ['a', 'b', 'c']) run(`kubectl run ${p} -n s2 --image=nginx`);
    expect(run('kubectl label ns s2 pod-security.kubernetes.io/enforce=restricted')).toEqual({
      out: 'namespace/s2 labeled\n',
      err: 'Warning: existing pods in namespace "s2" violate the new PodSecurity enforce level "restricted:latest"\nWarning: a (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n',
      code: 0,
    });
    expect(run('kubectl get pods -n s2 --no-headers').out.split('\n')).toHaveLength(4);
  });
});
