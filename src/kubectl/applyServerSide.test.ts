/**
 * `kubectl apply --server-side`: `serverside-applied` for a new and an existing object, no
 * last-applied annotation, and apply.go's flag checks; field ownership (managedFields): the
 * conflicts with other managers, `--force-conflicts`, and what an apply drops.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DEPLOY = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

describe('apply --server-side', () => {
  it('creates and updates with serverside-applied, writing no last-applied annotation', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', DEPLOY('nginx:1.25'));
    expect(run('kubectl apply --server-side -f d.yaml')).toEqual({
      out: 'deployment.apps/web serverside-applied\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        "kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
      ).out,
    ).toBe('');
    host.fs.write('d.yaml', DEPLOY('nginx:1.26'));
    expect(run('kubectl apply --server-side -f d.yaml').out).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('nginx:1.26');
    expect(run('kubectl apply --server-side -f d.yaml --dry-run=server').out).toBe(
      'deployment.apps/web serverside-applied (server dry run)\n',
    );
  });

  it('refuses a client dry run and --force-conflicts without --server-side', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', DEPLOY('nginx'));
    expect(run('kubectl apply --server-side -f d.yaml --dry-run=client').err).toBe(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n",
    );
    expect(run('kubectl apply -f d.yaml --force-conflicts').err).toBe(
      'error: --force-conflicts only works with --server-side\n',
    );
  });
});

/** The advice apply.go prints after a Conflict of a server-side apply. */
const ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

const WEB = (image: string, replicas = 3) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
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
        image: ${image}
`;

const IMAGE = "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'";
const MANAGERS =
  'kubectl get deploy web -o jsonpath=\'{range .metadata.managedFields[*]}{.manager} {.operation} {.subresource}{"\\n"}{end}\' --show-managed-fields';

describe('apply --server-side: field ownership', () => {
  it('refuses to change a field kubectl set image owns, until --force-conflicts takes it', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', WEB('nginx:1.27'));
    run('kubectl apply -f d.yaml');
    run('kubectl set image deploy/web nginx=nginx:1.28');
    expect(run(MANAGERS).out).toBe(
      'kubectl-client-side-apply Update \nkubectl-set Update \nkube-controller-manager Update status\n',
    );
    expect(run('kubectl apply -f d.yaml --server-side')).toEqual({
      out: '',
      err: `error: Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="nginx"].image\n${ADVICE}`,
      code: 1,
    });
    expect(run(IMAGE).out).toBe('nginx:1.28');
    expect(run('kubectl apply -f d.yaml --server-side --force-conflicts').out).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    expect(run(IMAGE).out).toBe('nginx:1.27');
    // kubectl-set owned nothing else: its entry is gone; the applier's comes first. The
    // client-side apply's annotation went to kubectl-last-applied (kubectl 1.32's
    // saveLastApplyAnnotationIfNecessary sends it after a server-side apply as `kubectl`).
    expect(run(MANAGERS).out).toBe(
      'kubectl-last-applied Apply \nkubectl Apply \nkubectl-client-side-apply Update \nkube-controller-manager Update status\n',
    );
    // Now kubectl owns the image: applying it again is no conflict.
    expect(run('kubectl apply -f d.yaml --server-side').code).toBe(0);
  });

  it('names a subresource owner (kubectl scale) and prints a stale resourceVersion the same way', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', WEB('nginx:1.27', 2));
    run('kubectl apply -f d.yaml --server-side');
    run('kubectl scale deploy web --replicas=4');
    expect(run('kubectl apply -f d.yaml --server-side')).toEqual({
      out: '',
      err: `error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas\n${ADVICE}`,
      code: 1,
    });
    // The same value is no conflict: the field is co-owned.
    host.fs.write('d.yaml', WEB('nginx:1.27', 4));
    expect(run('kubectl apply -f d.yaml --server-side').code).toBe(0);
    run('kubectl get deploy web -o yaml > live.yaml');
    run('kubectl label deploy web tier=front');
    expect(run('kubectl apply -f live.yaml --server-side --force-conflicts')).toEqual({
      out: '',
      err: `error: Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n${ADVICE}`,
      code: 1,
    });
  });

  it('lists several conflicts by manager; a server dry run answers with the live object', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', WEB('nginx:1.27', 2));
    run('kubectl apply -f d.yaml --server-side');
    run('kubectl scale deploy web --replicas=4');
    run('kubectl set image deploy/web nginx=nginx:1.28');
    expect(run('kubectl apply -f d.yaml --server-side').err).toBe(
      `error: Apply failed with 2 conflicts: conflicts with "kubectl" with subresource "scale" using apps/v1:
- .spec.replicas
conflicts with "kubectl-set" using apps/v1:
- .spec.template.spec.containers[name="nginx"].image
${ADVICE}`,
    );
    const rv = run("kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'").out;
    expect(
      run(
        "kubectl apply -f d.yaml --server-side --force-conflicts --dry-run=server -o jsonpath='{.metadata.resourceVersion} {.spec.replicas}'",
      ).out,
    ).toBe(`${rv} 2`);
    expect(run('kubectl get deploy web -o jsonpath={.spec.replicas}').out).toBe('4');
  });

  it('a field dropped from the manifest is removed, unless another manager owns it too', () => {
    const { run, host } = engineSession();
    const withEnv = WEB('nginx:1.27').replace(
      '        image: nginx:1.27\n',
      '        image: nginx:1.27\n        env:\n        - name: A\n          value: "1"\n',
    );
    const labelled = (text: string) =>
      text.replace('  name: web\n', '  name: web\n  labels:\n    team: a\n');
    host.fs.write('d.yaml', labelled(withEnv));
    run('kubectl apply -f d.yaml --server-side');
    // Another applier with the same value co-owns the label.
    host.fs.write('ci.yaml', labelled(WEB('nginx:1.27')));
    expect(run('kubectl apply -f ci.yaml --server-side --field-manager=ci').code).toBe(0);
    host.fs.write('d.yaml', WEB('nginx:1.27'));
    expect(run('kubectl apply -f d.yaml --server-side').code).toBe(0);
    // env was kubectl's alone: gone; the label is ci's too: kept.
    expect(
      run(
        "kubectl get deploy web -o jsonpath='{.metadata.labels.team}/{.spec.template.spec.containers[0].env}'",
      ).out,
    ).toBe('a/');
  });

  it('the first server-side apply over a client-side apply takes the fields it applied before', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', WEB('nginx:1.27'));
    run('kubectl apply -f d.yaml');
    host.fs.write('d.yaml', WEB('nginx:1.28'));
    expect(run('kubectl apply -f d.yaml --server-side').out).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    expect(run(IMAGE).out).toBe('nginx:1.28');
    // The last-applied annotation follows what kubectl applied.
    expect(
      run(
        "kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
      ).out,
    ).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.28","name":"nginx"}]}}}}\n',
    );
  });
});

describe('managedFields', () => {
  it('get -o yaml hides them; --show-managed-fields prints the entries as the API server keeps them', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl get deploy web -o yaml').out).not.toContain('managedFields');
    const out = run('kubectl get deploy web -o yaml --show-managed-fields').out;
    const start = out.indexOf('  managedFields:\n');
    const end = out.indexOf('  name: web\n');
    expect(out.slice(start, end)).toBe(`  managedFields:
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:labels:
          .: {}
          f:app: {}
      f:spec:
        f:progressDeadlineSeconds: {}
        f:replicas: {}
        f:revisionHistoryLimit: {}
        f:selector: {}
        f:strategy:
          f:rollingUpdate:
            .: {}
            f:maxSurge: {}
            f:maxUnavailable: {}
          f:type: {}
        f:template:
          f:metadata:
            f:labels:
              .: {}
              f:app: {}
          f:spec:
            f:containers:
              k:{"name":"nginx"}:
                .: {}
                f:image: {}
                f:imagePullPolicy: {}
                f:name: {}
                f:resources: {}
                f:terminationMessagePath: {}
                f:terminationMessagePolicy: {}
            f:dnsPolicy: {}
            f:restartPolicy: {}
            f:schedulerName: {}
            f:securityContext: {}
            f:terminationGracePeriodSeconds: {}
    manager: kubectl-create
    operation: Update
    time: "2026-01-06T00:00:10Z"
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:annotations:
          .: {}
          f:deployment.kubernetes.io/revision: {}
      f:status:
        f:availableReplicas: {}
        f:conditions:
          .: {}
          k:{"type":"Available"}:
            .: {}
            f:lastTransitionTime: {}
            f:lastUpdateTime: {}
            f:message: {}
            f:reason: {}
            f:status: {}
            f:type: {}
          k:{"type":"Progressing"}:
            .: {}
            f:lastTransitionTime: {}
            f:lastUpdateTime: {}
            f:message: {}
            f:reason: {}
            f:status: {}
            f:type: {}
        f:observedGeneration: {}
        f:readyReplicas: {}
        f:replicas: {}
        f:updatedReplicas: {}
    manager: kube-controller-manager
    operation: Update
    subresource: status
    time: "2026-01-06T00:00:14Z"
`);
  });

  it("a pod's creator owns what it sent and its defaults, not what admission added; the kubelet its status", () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    const out = run('kubectl get pod p -o yaml --show-managed-fields').out;
    const run0 = out.slice(out.indexOf('      f:spec:'), out.indexOf('    manager: kubectl-run'));
    expect(run0).toBe(`      f:spec:
        f:containers:
          k:{"name":"p"}:
            .: {}
            f:image: {}
            f:imagePullPolicy: {}
            f:name: {}
            f:resources: {}
            f:terminationMessagePath: {}
            f:terminationMessagePolicy: {}
        f:dnsPolicy: {}
        f:enableServiceLinks: {}
        f:restartPolicy: {}
        f:schedulerName: {}
        f:securityContext: {}
        f:terminationGracePeriodSeconds: {}
`);
    expect(out).toContain('    manager: kubelet\n    operation: Update\n    subresource: status\n');
  });
});
