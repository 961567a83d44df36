/**
 * `kubectl create token` (a TokenRequest on serviceaccounts/NAME/token) and the pod's projected
 * token file (audit 15 F3, F19): JWTs of the claims kube-apiserver 1.32 signs, kubectl's own
 * checks of its flags, and the server's refusals.
 */
import { describe, expect, it } from 'vitest';
import { jwtClaims } from '../engine/apiserver/serviceAccountToken.ts';
import { engineSession } from './testing/engineSession.ts';

const HEADER = 'eyJhbGciOiJSUzI1NiIsImtpZCI6';
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{342}$/;

function session() {
  const s = engineSession(3);
  s.run('kubectl create namespace dev');
  s.run('kubectl create serviceaccount app-sa -n dev');
  const uid = s.run(`kubectl get sa app-sa -n dev -o jsonpath='{.metadata.uid}'`).out;
  return { ...s, uid };
}

describe('kubectl create token', () => {
  it('prints a bound token of the ServiceAccount for the API server, valid one hour', () => {
    const { run, uid } = session();
    const r = run('kubectl create token app-sa -n dev');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const token = r.out.replace(/\n$/, '');
    expect(r.out.endsWith('\n')).toBe(true);
    expect(token).toMatch(JWT);
    expect(token.startsWith(HEADER)).toBe(true);
    // The header: RS256 and the key id (43 base64url characters).
    const header = JSON.parse(
      atob((token.split('.')[0] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    );
    expect(Object.keys(header)).toEqual(['alg', 'kid']);
    expect(header.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const c = jwtClaims(token) as Record<string, unknown>;
    // go-jose writes the claims as a map: keys sorted.
    expect(Object.keys(c)).toEqual([
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'kubernetes.io',
      'nbf',
      'sub',
    ]);
    const iat = c.iat as number;
    expect(new Date(iat * 1000).toISOString()).toMatch(/^2026-01-06T00:0\d:\d\d\.000Z$/);
    expect(c).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: iat + 3600,
      iat,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      'kubernetes.io': { namespace: 'dev', serviceaccount: { name: 'app-sa', uid } },
      nbf: iat,
      sub: 'system:serviceaccount:dev:app-sa',
    });
    // A second request is a new token (a new id).
    const again = jwtClaims(run('kubectl create token app-sa -n dev').out.trim());
    expect(again?.jti).not.toBe(c.jti);
  });

  it('--duration and --audience set exp and aud; -o yaml prints the TokenRequest', () => {
    const { run } = session();
    const out = run(
      'kubectl create token app-sa -n dev --duration=2h --audience=https://example.com -o yaml',
    ).out;
    const token = /\n {2}token: (\S+)\n$/.exec(out)?.[1] ?? '';
    const c = jwtClaims(token) as { iat: number; exp: number; aud: string[] };
    const at = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
    expect(c.aud).toEqual(['https://example.com']);
    expect(c.exp - c.iat).toBe(7200);
    expect(out).toBe(`apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  creationTimestamp: "${at(c.iat)}"
  name: app-sa
  namespace: dev
spec:
  audiences:
  - https://example.com
  boundObjectRef: null
  expirationSeconds: 7200
status:
  expirationTimestamp: "${at(c.exp)}"
  token: ${token}
`);
  });

  it('a token bound to a Secret names it; one bound to a pod names the pod and its node', () => {
    const { run } = session();
    run('kubectl create secret generic s1 -n dev --from-literal=a=b');
    const sUid = run(`kubectl get secret s1 -n dev -o jsonpath='{.metadata.uid}'`).out;
    const bySecret = jwtClaims(
      run(
        'kubectl create token app-sa -n dev --bound-object-kind Secret --bound-object-name s1',
      ).out.trim(),
    );
    expect((bySecret?.['kubernetes.io'] as { secret?: unknown } | undefined)?.secret).toEqual({
      name: 's1',
      uid: sUid,
    });
    run(
      `kubectl run p -n dev --image=nginx --overrides='{"spec":{"serviceAccountName":"app-sa"}}'`,
    );
    const pod = run(`kubectl get pod p -n dev -o jsonpath='{.metadata.uid} {.spec.nodeName}'`).out;
    const [pUid, node] = pod.split(' ');
    const nUid = run(`kubectl get node ${node} -o jsonpath='{.metadata.uid}'`).out;
    const byPod = jwtClaims(
      run(
        'kubectl create token app-sa -n dev --bound-object-kind Pod --bound-object-name p',
      ).out.trim(),
    ) as Record<string, unknown>;
    const k = byPod['kubernetes.io'] as Record<string, unknown>;
    expect(Object.keys(k)).toEqual(['namespace', 'node', 'pod', 'serviceaccount']);
    expect(k.pod).toEqual({ name: 'p', uid: pUid });
    expect(k.node).toEqual({ name: node, uid: nUid });
    // The kubelet's 3607 s for a pod is extended to a year, warning after 3607 s.
    const ext = jwtClaims(
      run(
        'kubectl create token app-sa -n dev --bound-object-kind Pod --bound-object-name p --duration=3607s',
      ).out.trim(),
    ) as { iat: number; exp: number; 'kubernetes.io': { warnafter: number } };
    expect(ext.exp - ext.iat).toBe(31536000);
    expect(ext['kubernetes.io'].warnafter - ext.iat).toBe(3607);
  });

  it('kubectl 1.32 binds a token to a Node too: the token names the node only', () => {
    const { run } = session();
    const nUid = run(`kubectl get node node1 -o jsonpath='{.metadata.uid}'`).out;
    const r = run(
      'kubectl create token app-sa -n dev --bound-object-kind=Node --bound-object-name=node1 -o jsonpath={.spec.boundObjectRef}',
    );
    expect(r.out).toBe('{"apiVersion":"v1","kind":"Node","name":"node1"}');
    const claims = jwtClaims(
      run(
        'kubectl create token app-sa -n dev --bound-object-kind Node --bound-object-name node1',
      ).out.trim(),
    ) as Record<string, unknown>;
    const k = claims['kubernetes.io'] as Record<string, unknown>;
    expect(Object.keys(k)).toEqual(['namespace', 'node', 'serviceaccount']);
    expect(k.node).toEqual({ name: 'node1', uid: nUid });
    expect(
      run('kubectl create token app-sa -n dev --bound-object-kind=Node --bound-object-name=nosuch')
        .err,
    ).toBe('error: failed to create token: nodes "nosuch" not found\n');
  });

  it("refuses what kubectl's Validate or the API server refuses", () => {
    const { run } = session();
    const err = (line: string) => run(line).err;
    expect(err('kubectl create token nope -n dev')).toBe(
      'error: failed to create token: serviceaccounts "nope" not found\n',
    );
    expect(err('kubectl create token app-sa -n dev --duration=5m')).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
    expect(err('kubectl create token app-sa -n dev --duration=1.5s')).toBe(
      'error: --duration cannot be expressed in units less than seconds\n',
    );
    expect(err('kubectl create token app-sa -n dev --duration=-1h')).toBe(
      'error: --duration must be greater than or equal to 0\n',
    );
    expect(err('kubectl create token app-sa -n dev --duration=soon')).toBe(
      'error: invalid argument "soon" for "--duration" flag: time: invalid duration "soon"\nSee \'kubectl create token --help\' for usage.\n',
    );
    expect(
      err(
        'kubectl create token app-sa -n dev --bound-object-kind=Deployment --bound-object-name=n',
      ),
    ).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect(err('kubectl create token app-sa -n dev --bound-object-kind=Pod')).toBe(
      'error: --bound-object-name is required if --bound-object-kind is provided\n',
    );
    expect(err('kubectl create token app-sa -n dev --bound-object-name=p')).toBe(
      'error: --bound-object-name can only be set if --bound-object-kind is provided\n',
    );
    expect(
      err('kubectl create token app-sa -n dev --bound-object-kind=Pod --bound-object-name=zz'),
    ).toBe('error: failed to create token: pods "zz" not found\n');
    run('kubectl run q -n dev --image=nginx');
    expect(
      err('kubectl create token app-sa -n dev --bound-object-kind=Pod --bound-object-name=q'),
    ).toBe(
      'error: failed to create token: cannot bind token for serviceaccount "app-sa" to pod running with different serviceaccount name.\n',
    );
    run('kubectl create secret generic s1 -n dev --from-literal=a=b');
    expect(
      err(
        'kubectl create token app-sa -n dev --bound-object-kind=Secret --bound-object-name=s1 --bound-object-uid=abc',
      ),
    ).toBe(
      'error: failed to create token: Operation cannot be fulfilled on Secret "s1": the UID in the bound object reference (abc) does not match the UID in record. The object might have been deleted and then recreated\n',
    );
    expect(err('kubectl create token')).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create token -h' for help and examples\n",
    );
    expect(err('kubectl create token app-sa -n dev --as=jane')).toBe(
      'error: failed to create token: serviceaccounts "app-sa" is forbidden: User "jane" cannot create resource "serviceaccounts/token" in API group "" in the namespace "dev"\n',
    );
  });
});

describe("a pod's projected token file", () => {
  it('holds a pod-bound token (no newline), extended to a year and renewed by the kubelet', () => {
    const { run, host } = engineSession(3);
    run('kubectl run bb --image=busybox -- sleep 3600');
    const [pUid, node, start] = run(
      `kubectl get pod bb -o jsonpath='{.metadata.uid} {.spec.nodeName} {.status.startTime}'`,
    ).out.split(' ');
    const nUid = run(`kubectl get node ${node} -o jsonpath='{.metadata.uid}'`).out;
    const saUid = run(`kubectl get sa default -o jsonpath='{.metadata.uid}'`).out;
    const r = run('kubectl exec bb -- cat /var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(JWT);
    const iat = Date.parse(start ?? '') / 1000;
    const c = jwtClaims(r.out) as Record<string, unknown>;
    expect(c).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: iat + 31536000,
      iat,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'kubernetes.io': {
        namespace: 'default',
        node: { name: node, uid: nUid },
        pod: { name: 'bb', uid: pUid },
        serviceaccount: { name: 'default', uid: saUid },
        warnafter: iat + 3607,
      },
      nbf: iat,
      sub: 'system:serviceaccount:default:default',
    });
    // The same token on every read until the kubelet renews it (80 % of 3607 s, at a sync).
    expect(
      run('kubectl exec bb -- cat /var/run/secrets/kubernetes.io/serviceaccount/token').out,
    ).toBe(r.out);
    host.runUntil(() => false, 49 * 60_000);
    const renewed = jwtClaims(
      run('kubectl exec bb -- cat /var/run/secrets/kubernetes.io/serviceaccount/token').out,
    );
    expect(renewed?.iat).toBe(iat + 49 * 60);
    expect(renewed?.jti).not.toBe(c.jti);
  });

  it('a container that reads it at its start finds it (and logs it)', () => {
    const { run } = engineSession(3);
    run(
      'kubectl run t --image=busybox --restart=Never -- cat /var/run/secrets/kubernetes.io/serviceaccount/token',
    );
    expect(run('kubectl get pod t').out).toMatch(/\nt {6}0\/1 {5}Completed {3}0 /);
    const logged = jwtClaims(run('kubectl logs t').out);
    expect(logged?.sub).toBe('system:serviceaccount:default:default');
    expect((logged?.['kubernetes.io'] as { pod?: { name?: string } } | undefined)?.pod?.name).toBe(
      't',
    );
  });
});
