import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { unmetReadinessGates } from './readinessGates.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: rg
  labels: {app: rg}
spec:
  readinessGates:
  - conditionType: example.com/feature-1
  containers:
  - name: c
    image: nginx:1.27
`;

const CONDITIONS = `kubectl get pod rg -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason} {.message}{"\\n"}{end}'`;

function gatedPod() {
  const s = engineSession(3);
  s.host.fs.write('p.yaml', POD);
  expect(s.run('kubectl apply -f p.yaml').out).toBe('pod/rg created\n');
  expect(s.run('kubectl expose pod rg --port=80').out).toBe('service/rg exposed\n');
  return s;
}

function setGate(s: ReturnType<typeof engineSession>, status: string) {
  // A strategic merge patch: the condition is merged into the list by its type.
  const r = s.run(
    `kubectl patch pod rg --subresource=status -p '{"status":{"conditions":[{"type":"example.com/feature-1","status":"${status}"}]}}'`,
  );
  expect(r.out).toBe('pod/rg patched\n');
}

describe('pod readiness gates (GeneratePodReadyCondition)', () => {
  it('ready containers, gate condition missing: Ready False (ReadinessGatesNotReady), no endpoint, wait times out', () => {
    const s = gatedPod();
    expect(s.run(CONDITIONS).out).toBe(
      [
        'PodReadyToStartContainers=True  ',
        'Initialized=True  ',
        'Ready=False ReadinessGatesNotReady corresponding condition of pod readiness gate "example.com/feature-1" does not exist.',
        'ContainersReady=True  ',
        'PodScheduled=True  ',
        '',
      ].join('\n'),
    );
    expect(
      s.run(
        'kubectl get pod rg --no-headers -o custom-columns=R:.status.containerStatuses[0].ready',
      ).out,
    ).toBe('true\n');
    expect(s.run('kubectl get pod rg').out).toMatch(/^rg {5}1\/1 {5}Running {3}0 /m);
    expect(
      s.run(
        `kubectl get endpointslice -l kubernetes.io/service-name=rg -o jsonpath='{.items[0].endpoints[0].conditions}'`,
      ).out,
    ).toBe('{"ready":false,"serving":false,"terminating":false}');
    expect(
      s.run(
        `kubectl get endpoints rg -o jsonpath='{.subsets[0].addresses}|{.subsets[0].notReadyAddresses[0].ip}'`,
      ).out,
    ).toMatch(/^\|10\.244\.\d+\.\d+$/);
    expect(s.run('kubectl wait --for=condition=Ready pod/rg --timeout=5s')).toEqual({
      out: '',
      err: 'error: timed out waiting for the condition on pods/rg\n',
      code: 1,
    });
  });

  it('describe shows the gates with their condition status, <none> while it does not exist', () => {
    const s = gatedPod();
    const section = (out: string) =>
      out.slice(out.indexOf('Readiness Gates:'), out.indexOf('Volumes:'));
    expect(section(s.run('kubectl describe pod rg').out)).toBe(
      [
        'Readiness Gates:',
        '  Type                    Status',
        '  example.com/feature-1   <none> ',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       False ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        '',
      ].join('\n'),
    );
    setGate(s, 'True');
    const after = section(s.run('kubectl describe pod rg').out);
    expect(after.slice(0, after.indexOf('Conditions:'))).toBe(
      [
        'Readiness Gates:',
        '  Type                    Status',
        '  example.com/feature-1   True ',
        '',
      ].join('\n'),
    );
    expect(after).toContain('\n  Ready                       True \n');
  });

  it('the gate set True makes the pod Ready and an endpoint; set False again, Ready goes False', () => {
    const s = gatedPod();
    setGate(s, 'True');
    expect(
      s.run(`kubectl get pod rg -o jsonpath='{.status.conditions[?(@.type=="Ready")]}'`).out,
    ).not.toContain('reason');
    expect(s.run('kubectl wait --for=condition=Ready pod/rg --timeout=5s').out).toBe(
      'pod/rg condition met\n',
    );
    const ip = s.run(`kubectl get pod rg -o jsonpath='{.status.podIP}'`).out;
    expect(s.run('kubectl get endpoints rg').out).toMatch(
      new RegExp(`^rg {5}${ip.replace(/\./g, '\\.')}:80 {3}\\d+s\\n$`, 'm'),
    );
    setGate(s, 'False');
    expect(s.run(CONDITIONS).out).toContain(
      'Ready=False ReadinessGatesNotReady the status of pod readiness gate "example.com/feature-1" is not "True", but False\n',
    );
    expect(s.run(`kubectl get endpoints rg -o jsonpath='{.subsets[0].addresses}'`).out).toBe('');
  });
});

describe('unmetReadinessGates', () => {
  it('one message part per unmet gate, joined with ", "', () => {
    const gates = [
      { conditionType: 'a.io/x' },
      { conditionType: 'a.io/y' },
      { conditionType: 'a.io/z' },
    ];
    expect(
      unmetReadinessGates(gates, [
        { type: 'a.io/y', status: 'Unknown' },
        { type: 'a.io/z', status: 'True' },
      ]),
    ).toBe(
      'corresponding condition of pod readiness gate "a.io/x" does not exist., the status of pod readiness gate "a.io/y" is not "True", but Unknown',
    );
    expect(
      unmetReadinessGates(
        gates,
        gates.map((g) => ({ type: g.conditionType, status: 'True' })),
      ),
    ).toBeUndefined();
  });
});
