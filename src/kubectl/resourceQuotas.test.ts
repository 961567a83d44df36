/**
 * ResourceQuota and LimitRange on the simulated 1.32 cluster, following the docs' "Configure
 * Memory and CPU Quotas for a Namespace", "Configure Default Memory Requests and Limits" and
 * "Configure Minimum and Maximum CPU Constraints" tasks: the admission texts, the quota's
 * status as the controller and the admission keep it, the printers, and what a ReplicaSet says
 * when its pods are refused.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
`;

const pod = (
  name: string,
  limMem: string,
  limCpu: string,
  reqMem: string,
  reqCpu: string,
) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}-ctr
    image: nginx
    resources:
      limits:
        memory: "${limMem}"
        cpu: "${limCpu}"
      requests:
        memory: "${reqMem}"
        cpu: "${reqCpu}"
`;

function quotaSession() {
  const s = engineSession(3);
  s.run('kubectl create namespace quota-mem-cpu-example');
  s.host.fs.write('quota.yaml', QUOTA);
  s.host.fs.write('pod.yaml', pod('quota-mem-cpu-demo', '800Mi', '800m', '600Mi', '400m'));
  s.host.fs.write('pod2.yaml', pod('quota-mem-cpu-demo-2', '1Gi', '800m', '700Mi', '400m'));
  return s;
}

describe('ResourceQuota', () => {
  it('starts at 0 used, charges an admitted pod at once, and refuses what exceeds it', () => {
    const { run } = quotaSession();
    expect(run('kubectl apply -f quota.yaml -n quota-mem-cpu-example').out).toBe(
      'resourcequota/mem-cpu-demo created\n',
    );
    expect(run('kubectl get quota -n quota-mem-cpu-example').out).toMatch(
      /^NAME {11}AGE {3}REQUEST {37}LIMIT\nmem-cpu-demo {3}\d+s {3}requests\.cpu: 0\/1, requests\.memory: 0\/1Gi {3}limits\.cpu: 0\/2, limits\.memory: 0\/2Gi\n$/,
    );
    expect(run('kubectl apply -f pod.yaml -n quota-mem-cpu-example').out).toBe(
      'pod/quota-mem-cpu-demo created\n',
    );
    expect(run('kubectl describe quota mem-cpu-demo -n quota-mem-cpu-example').out).toBe(
      [
        'Name:            mem-cpu-demo',
        'Namespace:       quota-mem-cpu-example',
        'Resource         Used   Hard',
        '--------         ----   ----',
        'limits.cpu       800m   2',
        'limits.memory    800Mi  2Gi',
        'requests.cpu     400m   1',
        'requests.memory  600Mi  1Gi',
        '',
      ].join('\n'),
    );
    expect(run('kubectl apply -f pod2.yaml -n quota-mem-cpu-example')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): error when creating "pod2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n',
      code: 1,
    });
    // A pod that leaves a quota'd compute resource unset is refused by name of the resource.
    expect(run('kubectl run bare --image=nginx -n quota-mem-cpu-example').err).toBe(
      'Error from server (Forbidden): pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare\n',
    );
    // Deleting the pod gives its usage back (the controller's replenishment).
    run('kubectl delete pod quota-mem-cpu-demo -n quota-mem-cpu-example');
    expect(
      run("kubectl get quota mem-cpu-demo -n quota-mem-cpu-example -o jsonpath='{.status.used}'")
        .out,
    ).toBe('{"limits.cpu":"0","limits.memory":"0","requests.cpu":"0","requests.memory":"0"}');
    expect(run('kubectl apply -f pod2.yaml -n quota-mem-cpu-example').out).toBe(
      'pod/quota-mem-cpu-demo-2 created\n',
    );
  });

  it('a ReplicaSet whose pods a quota refuses records FailedCreate with the server error', () => {
    const { run } = quotaSession();
    run('kubectl create quota pods-only --hard=pods=2 -n quota-mem-cpu-example');
    run('kubectl create deployment web --image=nginx --replicas=3 -n quota-mem-cpu-example');
    const rs = run('kubectl get rs -n quota-mem-cpu-example --no-headers').out;
    expect(rs).toMatch(/^web-\S+ +3 +2 +2 +\d+s\n$/);
    const events = run(
      'kubectl get events -n quota-mem-cpu-example --field-selector reason=FailedCreate -o jsonpath={.items[0].message}',
    ).out;
    expect(events).toMatch(
      /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pods-only, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
    expect(run('kubectl get quota pods-only -n quota-mem-cpu-example').out).toMatch(
      /pods-only +\d+s +pods: 2\/2 +\n$/,
    );
    // The ReplicaSet's condition says why it is short, and the Deployment carries it over.
    expect(
      run(
        "kubectl get rs -n quota-mem-cpu-example -o jsonpath='{.items[0].status.conditions[0].reason}'",
      ).out,
    ).toBe('FailedCreate');
    expect(
      run(
        `kubectl get deploy web -n quota-mem-cpu-example -o jsonpath='{range .status.conditions[*]}{.type}={.status}/{.reason}{"\\n"}{end}'`,
      ).out,
    ).toBe(
      'Available=False/MinimumReplicasUnavailable\nReplicaFailure=True/FailedCreate\nProgressing=True/ReplicaSetUpdated\n',
    );
  });

  it('refuses resource names a quota cannot limit, and fractional counts', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create quota typo --hard=pod=2').err).toBe(
      [
        'The ResourceQuota "typo" is invalid: ',
        '* spec.hard[pod]: Invalid value: "pod": must be a standard resource type or fully qualified',
        '* spec.hard[pod]: Invalid value: "pod": must be a standard resource for quota',
        '',
      ].join('\n'),
    );
    expect(run('kubectl create quota frac --hard=pods=1.5').err).toBe(
      'The ResourceQuota "frac" is invalid: spec.hard[pods]: Invalid value: "1500m": must be an integer\n',
    );
    expect(run('kubectl create quota ok --hard=count/deployments.apps=2,pods=3').out).toBe(
      'resourcequota/ok created\n',
    );
  });

  it('create quota parses --hard and refuses bad pairs as kubectl does', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client -o yaml').out,
    ).toBe(`apiVersion: v1
kind: ResourceQuota
metadata:
  creationTimestamp: null
  name: q
spec:
  hard:
    cpu: "1"
    memory: 1G
    pods: "2"
status: {}
`);
    expect(run('kubectl create quota q --hard=cpu').err).toBe(
      'error: Invalid argument syntax cpu, expected <resource>=<value>\n',
    );
    expect(run('kubectl create quota q --hard=pods=two').err).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
  });

  it('describe namespace lists its quotas and limit ranges', () => {
    const { run, host } = quotaSession();
    run('kubectl apply -f quota.yaml -n quota-mem-cpu-example');
    host.fs.write(
      'lr.yaml',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: mem-limit-range\nspec:\n  limits:\n  - default:\n      memory: 512Mi\n    defaultRequest:\n      memory: 256Mi\n    type: Container\n',
    );
    run('kubectl apply -f lr.yaml -n quota-mem-cpu-example');
    expect(run('kubectl describe ns quota-mem-cpu-example').out).toBe(
      [
        'Name:         quota-mem-cpu-example',
        'Labels:       kubernetes.io/metadata.name=quota-mem-cpu-example',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'Resource Quotas',
        '  Name:            mem-cpu-demo',
        '  Resource         Used  Hard',
        '  --------         ---   ---',
        '  limits.cpu       0     2',
        '  limits.memory    0     2Gi',
        '  requests.cpu     0     1',
        '  requests.memory  0     1Gi',
        '',
        'Resource Limits',
        ' Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        ' ----       --------  ---  ---  ---------------  -------------  -----------------------',
        ' Container  memory    -    -    256Mi            512Mi          -',
        '',
      ].join('\n'),
    );
  });
});

describe('LimitRange', () => {
  const session = () => {
    const s = engineSession(3);
    s.run('kubectl create namespace lr');
    return s;
  };

  it('fills in missing requests and limits and says so in an annotation', () => {
    const { run, host } = session();
    host.fs.write(
      'lr.yaml',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: mem-limit-range\nspec:\n  limits:\n  - default:\n      memory: 512Mi\n    defaultRequest:\n      memory: 256Mi\n    type: Container\n',
    );
    expect(run('kubectl apply -f lr.yaml -n lr').out).toBe('limitrange/mem-limit-range created\n');
    expect(run('kubectl get limits -n lr').out).toMatch(
      /^NAME {14}CREATED AT\nmem-limit-range {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
    );
    run('kubectl run default-mem-demo --image=nginx -n lr');
    expect(
      run(
        "kubectl get pod default-mem-demo -n lr -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}|{.spec.containers[0].resources}|{.status.qosClass}'",
      ).out,
    ).toBe(
      'LimitRanger plugin set: memory request for container default-mem-demo; memory limit for container default-mem-demo|{"limits":{"memory":"512Mi"},"requests":{"memory":"256Mi"}}|Burstable',
    );
    expect(run('kubectl describe limitrange mem-limit-range -n lr').out).toBe(
      [
        'Name:       mem-limit-range',
        'Namespace:  lr',
        'Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        '----        --------  ---  ---  ---------------  -------------  -----------------------',
        'Container   memory    -    -    256Mi            512Mi          -',
        '',
      ].join('\n'),
    );
  });

  it('defaults a Container item from max and min, and enforces min and max', () => {
    const { run, host } = session();
    host.fs.write(
      'mm.yaml',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: cpu-min-max-demo-lr\nspec:\n  limits:\n  - max:\n      cpu: "800m"\n    min:\n      cpu: "200m"\n    type: Container\n',
    );
    run('kubectl apply -f mm.yaml -n lr');
    expect(
      run("kubectl get limits cpu-min-max-demo-lr -n lr -o jsonpath='{.spec.limits[0]}'").out,
    ).toBe(
      '{"default":{"cpu":"800m"},"defaultRequest":{"cpu":"800m"},"max":{"cpu":"800m"},"min":{"cpu":"200m"},"type":"Container"}',
    );
    const withCpu = (name: string, limit: string, request: string) =>
      `kubectl run ${name} --image=nginx -n lr --overrides='{"spec":{"containers":[{"name":"${name}","image":"nginx","resources":{"limits":{"cpu":"${limit}"},"requests":{"cpu":"${request}"}}}]}}'`;
    expect(run(withCpu('big', '1.5', '500m')).err).toBe(
      'Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m\n',
    );
    expect(run(withCpu('small', '800m', '100m')).err).toBe(
      'Error from server (Forbidden): pods "small" is forbidden: minimum cpu usage per Container is 200m, but request is 100m\n',
    );
    expect(run(withCpu('fits', '800m', '500m')).out).toBe('pod/fits created\n');
  });

  it('validates the relations between min, max and the defaults', () => {
    const { run, host } = session();
    host.fs.write(
      'bad.yaml',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: bad\nspec:\n  limits:\n  - min:\n      memory: 1Gi\n    max:\n      memory: 500Mi\n    type: Container\n',
    );
    expect(run('kubectl apply -f bad.yaml -n lr').err).toContain(
      'spec.limits[0].min[memory]: Invalid value: "1Gi": min value 1Gi is greater than max value 500Mi',
    );
  });
});
