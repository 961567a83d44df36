/**
 * `-k DIR` on the commands whose kubectl 1.32 help offers it (label, annotate, scale, expose,
 * set image|env|resources|serviceaccount|subject, rollout …), and what those commands do with
 * a kustomization's ConfigMap next to its Deployment. Expected texts are a real kubectl
 * 1.32.5's (oracle runs against the same simulated cluster).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
`;

function session() {
  const s = engineSession(3);
  s.host.fs.write('kk/d.yaml', DEPLOYMENT);
  s.host.fs.write(
    'kk/kustomization.yaml',
    'resources:\n- d.yaml\nnamePrefix: k-\nconfigMapGenerator:\n- name: cfg\n  literals:\n  - a=b\n',
  );
  expect(s.run('kubectl apply -k kk').out).toBe(
    'configmap/k-cfg-4h2mbtbbt6 created\ndeployment.apps/k-web created\n',
  );
  return s;
}

describe('-k with the commands that take it', () => {
  it('labels, sets images and shows the history of what the kustomization renders', () => {
    const { run } = session();
    expect(run('kubectl label -k kk team=blue')).toEqual({
      out: 'configmap/k-cfg-4h2mbtbbt6 labeled\ndeployment.apps/k-web labeled\n',
      err: '',
      code: 0,
    });
    // set image goes on past the ConfigMap and reports it at the end.
    expect(run('kubectl set image -k kk nginx=nginx:1.27')).toEqual({
      out: 'deployment.apps/k-web image updated\n',
      err: 'error: configmaps/k-cfg-4h2mbtbbt6 the object is not a pod or does not have a pod template: *v1.ConfigMap\n',
      code: 1,
    });
    expect(run('kubectl rollout history -k kk')).toEqual({
      out: 'deployment.apps/k-web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      err: 'error: error retrieving history for "ConfigMap", no visitor method exists for { ConfigMap}\n',
      code: 1,
    });
  });

  it('keeps the commands without -k (set selector, wait) and set env counting -f only', () => {
    const { run } = session();
    expect(run('kubectl set selector -k kk app=web')).toEqual({
      out: '',
      err: "error: unknown shorthand flag: 'k' in -k\nSee 'kubectl set selector --help' for usage.\n",
      code: 1,
    });
    expect(run('kubectl set env -k kk MODE=x')).toEqual({
      out: '',
      err: 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
      code: 1,
    });
    expect(run('kubectl scale -k nothere --replicas=2')).toEqual({
      out: '',
      err: "error: no objects passed to scale must build at directory: not a valid directory: evalsymlink failure on 'nothere' : lstat /home/learner/nothere: no such file or directory\n",
      code: 1,
    });
  });
});

describe('kinds without a rollout or a scale subresource', () => {
  it('fails the kind visit for a ConfigMap, and stops scaling at a refused PATCH', () => {
    const { run } = session();
    run('kubectl create configmap c --from-literal=a=b');
    expect(run('kubectl rollout undo configmap/c').err).toBe(
      'error: error retrieving rollbacker for "ConfigMap", no visitor method exists for { ConfigMap}\n',
    );
    expect(run('kubectl rollout history configmap/c').err).toBe(
      'error: error retrieving history for "ConfigMap", no visitor method exists for { ConfigMap}\n',
    );
    expect(run('kubectl scale configmap/c deploy/k-web --replicas=3')).toEqual({
      out: '',
      err: 'Error from server (NotFound): the server could not find the requested resource\n',
      code: 1,
    });
    expect(run('kubectl get deploy k-web -o jsonpath={.spec.replicas}').out).toBe('1');
  });
});
