/**
 * `kubectl rollout history -o …` prints the history viewer's objects (a deployment's
 * ReplicaSets; for a daemon set or stateful set the object itself with each revision's pod
 * template put back, as kubectl 1.32.5 prints it) in revision order, or only `--revision`'s.
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
    // kubectl 1.32.5 hands its printer the missing revision's nil object and panics (exit 2,
    // `panic: reflect: call of reflect.Value.Type on zero Value`, then a Go stack trace, for
    // -o name, json, yaml and jsonpath alike): the first line, and a note for the trace.
    for (const o of ['name', 'json', 'yaml', "jsonpath='{.metadata.name}'"]) {
      expect(run(`kubectl rollout history deploy web --revision=7 -o ${o}`)).toEqual({
        out: '',
        err: 'panic: reflect: call of reflect.Value.Type on zero Value\n(this console leaves out the Go stack trace that follows: kubectl 1.32.5 crashes when --revision names a revision deployment.apps/web does not have; kubectl rollout history deployment.apps/web lists them)\n',
        code: 2,
      });
    }
    // Without -o it is kubectl's own error.
    expect(run('kubectl rollout history deploy web --revision=7').err).toBe(
      'error: unable to find the specified revision\n',
    );
  });

  it('--template without -o prints the deployment itself through the template', () => {
    // kubectl 1.32.5: not an -o (OutputFlagSpecified), yet PrintFlags.ToPrinter is a go-template.
    const { run } = engineSession();
    run('kubectl create deployment seed --image=nginx');
    expect(run("kubectl rollout history deploy seed --template='{{.kind}} '")).toEqual({
      out: 'Deployment ',
      err: '',
      code: 0,
    });
  });

  it('prints a daemon set or stateful set as it was at each revision', () => {
    const { run } = engineSession();
    expect(run('kubectl rollout history ds kube-proxy -n kube-system -o name').out).toBe(
      'daemonset.apps/kube-proxy\n',
    );
    run(
      `echo '{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},"spec":{"serviceName":"db","replicas":1,"selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"redis:7"}]}}}}' | kubectl apply -f -`,
    );
    run('sleep 10');
    run('kubectl set image sts/db db=redis:7.2');
    run('sleep 30');
    const image =
      "-o jsonpath='{.kind} {.metadata.name} {.spec.template.spec.containers[0].image}'";
    expect(run(`kubectl rollout history sts/db --revision=1 ${image}`).out).toBe(
      'StatefulSet db redis:7',
    );
    expect(run(`kubectl rollout history sts/db --revision=2 ${image}`).out).toBe(
      'StatefulSet db redis:7.2',
    );
    expect(run('kubectl rollout history sts/db -o name').out).toBe(
      'statefulset.apps/db\nstatefulset.apps/db\n',
    );
  });
});
