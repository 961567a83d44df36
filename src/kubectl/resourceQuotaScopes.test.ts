/**
 * ResourceQuota scopes (`kubectl create quota --scopes`, spec.scopeSelector): a scoped quota
 * charges and limits only the pods its scopes match; validation and describe as in 1.32.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function pod(name: string, extra: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: c
    image: nginx
`;
}

const BURSTABLE = `apiVersion: v1
kind: Pod
metadata:
  name: burst
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: 100m
`;

describe('quota scopes', () => {
  it('a BestEffort quota counts and limits best-effort pods only', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl create quota q --hard=pods=1 --scopes=BestEffort').out).toBe(
      'resourcequota/q created\n',
    );
    expect(run('kubectl run a --image=nginx').code).toBe(0);
    expect(run('kubectl run b --image=nginx')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1\n',
      code: 1,
    });
    host.fs.write('burst.yaml', BURSTABLE);
    expect(run('kubectl apply -f burst.yaml').out).toBe('pod/burst created\n');
    expect(run('kubectl describe quota q').out).toBe(
      `Name:       q
Namespace:  default
Scopes:     BestEffort
 * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.
Resource  Used  Hard
--------  ----  ----
pods      1     1
`,
    );
  });

  it('a NotBestEffort quota with cpu does not require best-effort pods to name cpu', () => {
    const { run, host } = engineSession(3);
    run('kubectl create quota compute --hard=requests.cpu=1 --scopes=NotBestEffort');
    expect(run('kubectl run a --image=nginx').code).toBe(0);
    host.fs.write('burst.yaml', BURSTABLE);
    expect(run('kubectl apply -f burst.yaml').code).toBe(0);
    expect(run(`kubectl get quota compute -o jsonpath='{.status.used}'`).out).toBe(
      '{"requests.cpu":"100m"}',
    );
  });

  it('Terminating matches pods with an active deadline', () => {
    const { run, host } = engineSession(3);
    run('kubectl create quota t --hard=pods=1 --scopes=Terminating');
    host.fs.write('d1.yaml', pod('d1', '  activeDeadlineSeconds: 600\n'));
    host.fs.write('d2.yaml', pod('d2', '  activeDeadlineSeconds: 600\n'));
    expect(run('kubectl apply -f d1.yaml').code).toBe(0);
    expect(run('kubectl apply -f d2.yaml').err).toMatch(/exceeded quota: t, requested: pods=1/);
    expect(run('kubectl run plain --image=nginx').code).toBe(0);
  });

  it('a PriorityClass scope selector matches the pods of the named classes', () => {
    const { run, host } = engineSession(3);
    run('kubectl create priorityclass high --value=1000');
    host.fs.write(
      'q.yaml',
      `apiVersion: v1
kind: ResourceQuota
metadata:
  name: pods-high
spec:
  hard:
    pods: "1"
  scopeSelector:
    matchExpressions:
    - operator: In
      scopeName: PriorityClass
      values: ["high"]
`,
    );
    expect(run('kubectl apply -f q.yaml').code).toBe(0);
    host.fs.write('h1.yaml', pod('h1', '  priorityClassName: high\n'));
    host.fs.write('h2.yaml', pod('h2', '  priorityClassName: high\n'));
    expect(run('kubectl apply -f h1.yaml').code).toBe(0);
    expect(run('kubectl apply -f h2.yaml').err).toMatch(/exceeded quota: pods-high/);
    expect(run('kubectl run low --image=nginx').code).toBe(0);
  });

  it('validates scope names, the resources a scope may limit and conflicting pairs', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl create quota q2 --hard=pods=1,cpu=1 --scopes=BestEffort').err).toBe(
      'The ResourceQuota "q2" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource\n',
    );
    expect(run('kubectl create quota q3 --hard=pods=5 --scopes=Foo').err).toBe(
      'The ResourceQuota "q3" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"Foo"}: unsupported scope\n',
    );
    expect(
      run('kubectl create quota q4 --hard=pods=5 --scopes=Terminating,NotTerminating').err,
    ).toBe(
      'The ResourceQuota "q4" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes\n',
    );
    expect(run('kubectl create quota q6 --hard=pods=5 --scopes=BestEffort,').err).toBe(
      'error: invalid resource quota scope ""\n',
    );
    host.fs.write(
      'bad.yaml',
      `apiVersion: v1
kind: ResourceQuota
metadata:
  name: bad
spec:
  hard:
    pods: "1"
  scopeSelector:
    matchExpressions:
    - operator: In
      scopeName: BestEffort
`,
    );
    expect(run('kubectl apply -f bad.yaml').err).toBe(
      `The ResourceQuota "bad" is invalid: 
* spec.scopeSelector.matchExpressions.operator: Invalid value: "In": must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity
* spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when \`operator\` is 'In' or 'NotIn' for scope selector
`,
    );
  });

  it('describe namespace lists each quota with its scopes', () => {
    const { run } = engineSession(3);
    run('kubectl create quota q --hard=pods=1 --scopes=BestEffort');
    expect(run('kubectl describe ns default').out).toContain(
      `Resource Quotas
  Name:    q
  Scopes:  BestEffort
  * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.
  Resource  Used  Hard
  --------  ---   ---
  pods      0     1
`,
    );
  });
});
