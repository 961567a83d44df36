/**
 * Audit 11 A13: a pod of a higher PriorityClass preempts a lower-priority pod (DefaultPreemption,
 * 1.32): nominatedNodeName, the victim's DisruptionTarget condition and `Preempted` event, the
 * ReplicaSet's replacement left Pending, then the preemptor bound to the nominated node.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function setup() {
  const s = engineSession(3);
  const { run, host } = s;
  host.fs.write(
    'pc.yaml',
    'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000000\n',
  );
  host.fs.write(
    'low.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: low}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: low}}\n  template:\n    metadata: {labels: {app: low}}\n    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 1500m}}}]}\n',
  );
  expect(run('kubectl apply -f pc.yaml').out).toBe(
    'priorityclass.scheduling.k8s.io/high created\n',
  );
  expect(run('kubectl apply -f low.yaml').out).toBe('deployment.apps/low created\n');
  return s;
}

const VIP = `kubectl run vip --image=nginx --overrides='{"spec":{"priorityClassName":"high","containers":[{"name":"vip","image":"nginx","resources":{"requests":{"cpu":"1500m"}}}]}}'`;

describe('preemption', () => {
  it('evicts one lower-priority pod and binds the preemptor to the nominated node', () => {
    const { run } = setup();
    const before = run(
      'kubectl get pods -l app=low -o jsonpath=\'{range .items[*]}{.metadata.name} {.spec.nodeName}{"\\n"}{end}\'',
    ).out;
    expect(run(VIP).out).toBe('pod/vip created\n');
    const uid = run("kubectl get pod vip -o jsonpath='{.metadata.uid}'").out;
    const node = run("kubectl get pod vip -o jsonpath='{.spec.nodeName}'").out;
    // 1.32 leaves the nomination in place after binding.
    expect(run("kubectl get pod vip -o jsonpath='{.status.nominatedNodeName}'").out).toBe(node);
    const victim = before
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .find(([, n]) => n === node)![0]!;
    expect(run(`kubectl get pod ${victim}`).err).toBe(
      `Error from server (NotFound): pods "${victim}" not found\n`,
    );
    expect(
      run(
        'kubectl get events --field-selector reason=Preempted -o custom-columns=OBJ:.involvedObject.name,MSG:.message,ACTION:.action,RELATED:.related.name --no-headers',
      ).out,
    ).toBe(`${victim}   Preempted by pod ${uid} on node ${node}   Preempting   vip\n`);
    // The preemptor's own FailedScheduling carries no preemption verdict.
    expect(
      run(
        "kubectl get events --field-selector involvedObject.name=vip,reason=FailedScheduling -o jsonpath='{.items[*].message}'",
      ).out,
    ).toBe(`0/4 nodes are available: 1 ${TAINT}, 3 Insufficient cpu.`);
    // The ReplicaSet's replacement finds no room and no victims of its own.
    const pending = run(
      "kubectl get pods -l app=low --field-selector status.phase=Pending -o jsonpath='{.items[0].status.conditions[0].message}'",
    ).out;
    expect(pending).toBe(
      `0/4 nodes are available: 1 ${TAINT}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    );
  });

  it('a class with preemptionPolicy Never waits instead', () => {
    const { run, host } = setup();
    host.fs.write(
      'pc2.yaml',
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: polite}\nvalue: 1000000\npreemptionPolicy: Never\n',
    );
    run('kubectl apply -f pc2.yaml');
    expect(
      run(
        `kubectl run vip --image=nginx --overrides='{"spec":{"priorityClassName":"polite","containers":[{"name":"vip","image":"nginx","resources":{"requests":{"cpu":"1500m"}}}]}}'`,
      ).out,
    ).toBe('pod/vip created\n');
    expect(run("kubectl get pod vip -o jsonpath='{.status.conditions[0].message}'").out).toBe(
      `0/4 nodes are available: 1 ${TAINT}, 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.`,
    );
    expect(run('kubectl get pods -l app=low --no-headers').out.match(/Running/g)).toHaveLength(3);
  });
});
