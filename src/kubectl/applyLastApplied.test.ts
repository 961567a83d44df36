/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation `kubectl apply` writes
 * (GetModifiedConfiguration): sorted compact JSON with the namespace filled in and the object's
 * other annotations, `{}` when it has none.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const LAST_APPLIED = `{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`;

describe('kubectl apply last-applied-configuration', () => {
  it('has "annotations":{} for an object without annotations', () => {
    const { run } = engineSession(3);
    run(
      `echo '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}' > web.yaml`,
    );
    expect(run('kubectl apply -f web.yaml').out).toBe('deployment.apps/web created\n');
    expect(run(`kubectl get deploy web -o jsonpath='${LAST_APPLIED}'`).out).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}}}\n',
    );
    expect(run('kubectl get deploy web -o yaml').out).toContain(
      '    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},',
    );
    expect(run('kubectl apply -f web.yaml').out).toBe('deployment.apps/web unchanged\n');
  });

  it('deletes a field dropped from the file deep inside the object (three-way merge)', () => {
    const { host, run } = engineSession(3);
    const deploy = (podSpec: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {matchLabels: {app: d}}, template: {metadata: {labels: {app: d}}, spec: {${podSpec}containers: [{name: c, image: nginx}]}}}\n`;
    host.fs.write('d.yaml', deploy('nodeSelector: {disk: ssd}, '));
    expect(run('kubectl apply -f d.yaml').out).toBe('deployment.apps/d created\n');
    host.fs.write('d.yaml', deploy(''));
    expect(run('kubectl apply -f d.yaml').out).toBe('deployment.apps/d configured\n');
    expect(run("kubectl get deploy d -o jsonpath='{.spec.template.spec.nodeSelector}'").out).toBe(
      '',
    );
    // What kubectl never applied (the server's defaults) stays.
    expect(run("kubectl get deploy d -o jsonpath='{.spec.template.spec.restartPolicy}'").out).toBe(
      'Always',
    );
  });

  it("keeps the object's own annotations, escaping <, > and & as Go does", () => {
    const { run } = engineSession(3);
    run(
      `echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","annotations":{"note":"a<b & c>d"}},"data":{"k":"v"}}' > cm.yaml`,
    );
    run('kubectl apply -f cm.yaml');
    expect(run(`kubectl get cm cm -o jsonpath='${LAST_APPLIED}'`).out).toBe(
      '{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{"note":"a\\u003cb \\u0026 c\\u003ed"},"name":"cm","namespace":"default"}}\n',
    );
  });
});
