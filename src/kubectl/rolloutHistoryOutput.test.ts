/**
 * `kubectl rollout history -o …` prints the history viewer's objects (a deployment's
 * ReplicaSets, a daemon set's ControllerRevisions) in revision order, or only `--revision`'s.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('rollout history -o', () => {
  it("prints a deployment's replica sets by revision", () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx:1.25');
    run('kubectl set image deploy web nginx=nginx:1.26');
    const names = run("kubectl get rs -o jsonpath='{.items[*].metadata.name}'").out.split(' ');
    const rev = (n: string) =>
      run(
        `kubectl get rs ${n} -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'`,
      ).out;
    const [first, second] = [...names].sort((a, b) => Number(rev(a)) - Number(rev(b)));
    expect(run('kubectl rollout history deploy web -o name').out).toBe(
      `replicaset.apps/${first}\nreplicaset.apps/${second}\n`,
    );
    const yaml = run('kubectl rollout history deploy web --revision=1 -o yaml').out;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: ReplicaSet\nmetadata:\n/);
    expect(yaml).toContain(`  name: ${first}\n`);
    expect(yaml).toContain('      - image: nginx:1.25\n');
    expect(run('kubectl rollout history deploy web --revision=7 -o name')).toEqual({
      out: '',
      err: 'error: unable to find the specified revision\n',
      code: 1,
    });
  });

  it("prints a daemon set's controller revisions", () => {
    const { run } = engineSession();
    expect(run('kubectl rollout history ds kube-proxy -n kube-system -o name').out).toMatch(
      /^controllerrevision\.apps\/kube-proxy-[a-z0-9]+\n$/,
    );
  });
});
