/**
 * Audit-10 #12: the update validators' immutable fields, with 1.32's messages. Each refusal
 * exits 1 and leaves the object as it was.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const deploy = (app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, selector: {matchLabels: {app: ${app}}}, template: {metadata: {labels: {app: ${app}}}, spec: {containers: [{name: nginx, image: nginx}]}}}\n`;

describe('immutable fields on update', () => {
  it('a Deployment selector cannot change (apply of an edited YAML)', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', deploy('web'));
    expect(run('kubectl apply -f d.yaml').out).toBe('deployment.apps/web created\n');
    host.fs.write('d.yaml', deploy('web2'));
    expect(run('kubectl apply -f d.yaml')).toEqual({
      out: '',
      err: 'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
      code: 1,
    });
    expect(run('kubectl get rs -o name').out).toMatch(/^replicaset\.apps\/web-[a-z0-9]+\n$/);
  });

  it('a ReplicaSet and a DaemonSet selector with matchExpressions', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    const rs = run('kubectl get rs -o name').out.trim();
    expect(
      run(
        `kubectl patch ${rs} -p '{"spec":{"selector":{"matchExpressions":[{"key":"app","operator":"In","values":["web"]}]}}}'`,
      ).err,
    ).toBe(
      `The ReplicaSet "${rs.split('/')[1]}" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "pod-template-hash":"${rs.split('-').pop()}"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{"web"}}}}: field is immutable\n`,
    );
    expect(
      run(
        `kubectl -n kube-system patch ds kube-proxy -p '{"spec":{"selector":{"matchLabels":{"x":"y"}},"template":{"metadata":{"labels":{"x":"y"}}}}}'`,
      ).err,
    ).toBe(
      'The DaemonSet "kube-proxy" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"k8s-app":"kube-proxy", "x":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('a Job template and completions are immutable; parallelism is not', () => {
    const { run } = engineSession();
    run('kubectl create job j --image=busybox -- sleep 100');
    const tpl = run(
      `kubectl patch job j --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"busybox:1.36"}]'`,
    );
    expect(tpl.code).toBe(1);
    expect(tpl.err).toMatch(
      /^The Job "j" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{ObjectMeta:v1\.ObjectMeta\{Name:"", GenerateName:"", .*…\}: field is immutable\n$/,
    );
    expect(run(`kubectl patch job j -p '{"spec":{"completions":3}}'`).err).toBe(
      'The Job "j" is invalid: spec.completions: Invalid value: 3: field is immutable\n',
    );
    expect(run(`kubectl patch job j -p '{"spec":{"parallelism":0}}'`).out).toBe(
      'job.batch/j patched\n',
    );
  });

  it('a suspended Job that never started may change its template labels', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'j.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {suspend: true, template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}\n',
    );
    run('kubectl apply -f j.yaml');
    expect(
      run(`kubectl patch job j -p '{"spec":{"template":{"metadata":{"labels":{"x":"y"}}}}}'`).out,
    ).toBe('job.batch/j patched\n');
  });

  it('a Service cannot turn headless, nor change its cluster IP', () => {
    const { run, host } = engineSession();
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deploy web --port=80');
    const ip = run(`kubectl get svc web -o jsonpath='{.spec.clusterIP}'`).out;
    host.fs.write(
      's.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}\n',
    );
    expect(run('kubectl apply -f s.yaml')).toEqual({
      out: '',
      err: `Warning: resource services/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\nThe Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set\n`,
      code: 1,
    });
    expect(run(`kubectl patch svc web -p '{"spec":{"clusterIP":"10.96.100.100"}}'`).err).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.100.100"}: may not change once set\n',
    );
    expect(run(`kubectl get svc web -o jsonpath='{.spec.clusterIP}'`).out).toBe(ip);
    // A replace without clusterIP keeps the allocated one (patchAllocatedValues).
    host.fs.write(
      'r.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n',
    );
    expect(run('kubectl replace -f r.yaml').out).toBe('service/web replaced\n');
    expect(run(`kubectl get svc web -o jsonpath='{.spec.clusterIPs}'`).out).toBe(`["${ip}"]`);
  });

  it('an immutable ConfigMap or Secret keeps its data and stays immutable', () => {
    const { run } = engineSession();
    run('kubectl create configmap c --from-literal=a=1');
    expect(run(`kubectl patch cm c -p '{"immutable":true}'`).out).toBe('configmap/c patched\n');
    expect(run(`kubectl patch cm c -p '{"data":{"a":"2"}}'`).err).toBe(
      'The ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set\n',
    );
    expect(run(`kubectl patch cm c -p '{"immutable":false}'`).err).toBe(
      'The ConfigMap "c" is invalid: immutable: Forbidden: field is immutable when `immutable` is set\n',
    );
    run('kubectl create secret generic s --from-literal=a=1');
    expect(run(`kubectl patch secret s -p '{"type":"example.com/mine"}'`).err).toBe(
      'The Secret "s" is invalid: type: Invalid value: "example.com/mine": field is immutable\n',
    );
    run(`kubectl patch secret s -p '{"immutable":true}'`);
    expect(run(`kubectl patch secret s -p '{"data":{"a":"Mg=="}}'`).err).toBe(
      'The Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set\n',
    );
  });
});
