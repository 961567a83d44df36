/**
 * Files holding a `List` (what `kubectl get A B -o yaml > f.yaml` writes) are read as their items
 * (the builder's FlattenListVisitor), and manifests of API versions 1.32 no longer serves do not
 * map (audit 15 F6, F23).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('List files', () => {
  it('back up with get -o yaml, delete -f, restore with apply -f', () => {
    const { run, host } = engineSession(3);
    run('kubectl create configmap a --from-literal=k=1');
    run('kubectl create configmap b --from-literal=k=2');
    const dump = run('kubectl get cm a b -o yaml');
    expect(dump.out).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n/);
    expect(dump.out).toMatch(/\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
    host.fs.write('list.yaml', dump.out);
    expect(run('kubectl get -f list.yaml -o name').out).toBe('configmap/a\nconfigmap/b\n');
    expect(run('kubectl delete -f list.yaml').out).toBe(
      'configmap "a" deleted\nconfigmap "b" deleted\n',
    );
    expect(run('kubectl apply -f list.yaml')).toEqual({
      out: 'configmap/a created\nconfigmap/b created\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl get cm b -o jsonpath='{.data.k}'`).out).toBe('2');
  });

  it('a typed list lends its items the kind they leave out', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'cms.yaml',
      `apiVersion: v1
kind: ConfigMapList
items:
- metadata:
    name: c1
  data:
    k: v
`,
    );
    expect(run('kubectl create -f cms.yaml').out).toBe('configmap/c1 created\n');
  });
});

describe('removed API versions', () => {
  it('do not map, as 1.32 discovery has no such group version', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'cj.yaml',
      `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: old
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
`,
    );
    expect(run('kubectl apply -f cj.yaml')).toEqual({
      out: '',
      err: 'error: resource mapping not found for name: "old" namespace: "" from "cj.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n',
      code: 1,
    });
    host.fs.write(
      'pdb.yaml',
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n',
    );
    expect(run('kubectl create -f pdb.yaml').err).toMatch(
      /no matches for kind "PodDisruptionBudget" in version "policy\/v1beta1"/,
    );
    host.fs.write(
      'hpa.yaml',
      'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 1\n  maxReplicas: 3\n',
    );
    expect(run('kubectl apply -f hpa.yaml').out).toBe(
      'horizontalpodautoscaler.autoscaling/h created\n',
    );
  });
});

describe('JSONPath empty subscript', () => {
  it('selects the first element, as client-go derives the slice [0:1] (audit 15 F21)', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl create deployment api --image=redis');
    expect(
      run(
        'kubectl get deploy -o custom-columns=DEPLOYMENT:.metadata.name,CONTAINER_IMAGE:.spec.template.spec.containers[].image --sort-by=.metadata.name',
      ).out,
    ).toBe('DEPLOYMENT   CONTAINER_IMAGE\napi          redis\nweb          nginx\n');
    expect(run(`kubectl get deploy -o jsonpath='{.items[].metadata.name}'`).out).toBe('api');
    expect(run(`kubectl get pods -n kube-public -o jsonpath='{.items[].metadata.name}'`)).toEqual({
      out: '',
      err: 'error: error executing jsonpath "{.items[].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
      code: 1,
    });
  });
});

describe('kinds a real cluster serves but the console does not store', () => {
  it('are named as such, not blamed on missing CRDs (audit 15 F2)', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'rc.yaml',
      'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n',
    );
    expect(run('kubectl apply -f rc.yaml')).toEqual({
      out: '',
      err: 'error: runtimeclasses.node.k8s.io are served by a real cluster but not available in this console\n',
      code: 1,
    });
    host.fs.write(
      'x.yaml',
      'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: x\n',
    );
    expect(run('kubectl apply -f x.yaml').err).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "CronTab" in version "stable.example.com/v1"\nensure CRDs are installed first\n',
    );
  });
});

describe('RuntimeClass admission', () => {
  it('refuses a pod naming a RuntimeClass, since a kubeadm cluster has none (audit 15 F2)', () => {
    const { run } = engineSession(3);
    expect(
      run(`kubectl run r --image=nginx --overrides='{"spec":{"runtimeClassName":"gvisor"}}'`),
    ).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods "r" is forbidden: pod rejected: RuntimeClass "gvisor" not found\n',
      code: 1,
    });
  });
});
