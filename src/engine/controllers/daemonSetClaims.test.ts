/**
 * A DaemonSet claims what its selector matches: deleted with `--cascade=orphan` and created
 * again it adopts its old pods (one per node, nothing created) and its old ControllerRevisions
 * (the rollout history goes on); a pod labelled out of it is released and replaced, a pod
 * labelled back in is adopted and the younger pod on that node goes.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { agentDaemonSetYaml } from '../../kubectl/testing/manifests.ts';
import { eventRows } from '../scenarios/helpers.ts';

function start() {
  const s = engineSession(1);
  s.host.fs.write('agent.yaml', agentDaemonSetYaml());
  expect(s.run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent created\n');
  /** NAME and NODE of the agent pods, one line each. */
  const pods = () =>
    s.run(
      'kubectl get pods -l app=agent -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,OWNER:.metadata.ownerReferences[0].name --no-headers',
    ).out;
  const dsEvents = () =>
    eventRows(s.cluster)
      .filter(([, , obj]) => obj === 'daemonset/agent')
      .map(([, reason, , message]) => `${reason} ${message}`);
  return { ...s, pods, dsEvents };
}

describe('DaemonSet adoption after an orphaning delete', () => {
  it('the same DaemonSet created again adopts the pods and the revision: no new pods, history 1', () => {
    const { run, pods, dsEvents } = start();
    const before = pods();
    expect(before.split('\n').filter(Boolean)).toHaveLength(3);
    expect(run('kubectl delete ds agent --cascade=orphan').out).toBe(
      'daemonset.apps "agent" deleted\n',
    );
    const orphaned = pods();
    expect(orphaned).toBe(before.replaceAll('agent\n', '<none>\n'));
    expect(
      run("kubectl get controllerrevisions -o jsonpath='{.items[*].metadata.ownerReferences}'").out,
    ).toBe('');
    const created = dsEvents().length;

    expect(run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent created\n');
    expect(pods()).toBe(before);
    expect(run('kubectl get ds agent').out).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         3       3            3           <none>          30s\n',
    );
    expect(run('kubectl rollout history ds/agent').out).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n\n',
    );
    expect(
      run(
        'kubectl get controllerrevisions -o jsonpath=\'{range .items[*]}{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.revision}{"\\n"}{end}\'',
      ).out,
    ).toBe('DaemonSet/agent 1\n');
    // Nothing was created or deleted by the new DaemonSet.
    expect(dsEvents().slice(created)).toEqual([]);
  });

  it('created again with an older template: adopts, renumbers that revision and rolls the pods back to it', () => {
    const { run, host, pods, cluster } = start();
    run('kubectl set image ds/agent agent=busybox:1.37');
    run('kubectl rollout status ds/agent');
    const rolled = pods();
    run('kubectl delete ds agent --cascade=orphan');
    // The original manifest (busybox:1.36, template generation 1 again): the pods, made from
    // generation 2 with another hash, are old and the rolling update replaces them.
    host.fs.write('agent.yaml', agentDaemonSetYaml());
    run('kubectl apply -f agent.yaml');
    run('kubectl rollout status ds/agent');
    const after = pods();
    expect(after.split('\n').filter(Boolean)).toHaveLength(3);
    for (const line of rolled.split('\n').filter(Boolean)) {
      expect(after).not.toContain(line.split(' ')[0]);
    }
    const images = cluster
      .snapshot()
      .list('pods', 'default')
      .map((p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image);
    expect(images).toEqual(['busybox:1.36', 'busybox:1.36', 'busybox:1.36']);
    expect(run('kubectl rollout history ds/agent').out).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
  });

  it('a pod labelled out is released and replaced; labelled back in, it is adopted and the younger pod goes', () => {
    const { run, pods, dsEvents } = start();
    const node1 = pods()
      .split('\n')
      .find((l) => l.includes(' node1 '))
      ?.split(' ')[0] as string;
    const created = dsEvents().length;
    run(`kubectl label pod ${node1} app=other --overwrite`);
    expect(run(`kubectl get pod ${node1} -o jsonpath='{.metadata.ownerReferences}'`).out).toBe('');
    const replacement = dsEvents()
      .slice(created)
      .find((e) => e.startsWith('SuccessfulCreate'))
      ?.slice('SuccessfulCreate Created pod: '.length) as string;
    expect(replacement).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(run(`kubectl get pod ${replacement} -o jsonpath='{.spec.nodeName}'`).out).toBe('node1');
    expect(run('kubectl get ds agent').out).toContain(
      'agent   3         3         3       3            3           <none>',
    );

    run(`kubectl label pod ${node1} app=agent --overwrite`);
    expect(dsEvents().slice(created)).toEqual([
      `SuccessfulCreate Created pod: ${replacement}`,
      `SuccessfulDelete Deleted pod: ${replacement}`,
    ]);
    expect(
      run(`kubectl get pod ${node1} -o jsonpath='{.metadata.ownerReferences[0].name}'`).out,
    ).toBe('agent');
  });
});
