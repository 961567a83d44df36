/**
 * DefaultPreemption with PodDisruptionBudgets (1.32): the node whose victims no budget
 * protects is chosen before the other criteria (here the latest start would pick a guarded
 * pod's node).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function setup(withBudget: boolean) {
  const s = engineSession(3);
  const { run, host } = s;
  host.fs.write(
    'pc.yaml',
    'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000000\n',
  );
  const deployment = (name: string, replicas: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 1500m}}}]}\n`;
  host.fs.write('free.yaml', deployment('free', 1));
  host.fs.write('guarded.yaml', deployment('guarded', 2));
  run('kubectl apply -f pc.yaml');
  // `free` starts first: without a budget the latest-started victim's node is preferred.
  run('kubectl apply -f free.yaml');
  run('kubectl apply -f guarded.yaml');
  if (withBudget) run('kubectl create pdb guarded --selector=app=guarded --min-available=2');
  const nodeOf = (app: string) =>
    run(`kubectl get pods -l app=${app} -o jsonpath='{.items[*].spec.nodeName}'`).out;
  return { ...s, nodeOf };
}

const VIP = `kubectl run vip --image=nginx --overrides='{"spec":{"priorityClassName":"high","containers":[{"name":"vip","image":"nginx","resources":{"requests":{"cpu":"1500m"}}}]}}'`;

describe('preemption and PodDisruptionBudgets', () => {
  it('without a budget a guarded pod may be the victim', () => {
    const { run, nodeOf } = setup(false);
    const guarded = nodeOf('guarded').split(' ');
    run(VIP);
    expect(guarded).toContain(run("kubectl get pod vip -o jsonpath='{.spec.nodeName}'").out);
  });

  it('with a budget that allows no disruption, the unprotected pod is preempted', () => {
    const { run, nodeOf } = setup(true);
    const free = nodeOf('free');
    expect(run(`kubectl get pdb guarded -o jsonpath='{.status.disruptionsAllowed}'`).out).toBe('0');
    run(VIP);
    expect(run("kubectl get pod vip -o jsonpath='{.spec.nodeName}'").out).toBe(free);
    expect(nodeOf('guarded').split(' ')).not.toContain(free);
  });
});
