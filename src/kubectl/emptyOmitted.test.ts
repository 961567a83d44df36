/**
 * The API server encodes what it stores from Go structs: an empty map or list in an omitempty
 * field is left out (audit 11 A3). Labels or annotations emptied by `kubectl label/annotate`
 * disappear from `-o yaml`; so do empty maps and lists a manifest sends. Empty structs
 * (`resources: {}`) and the few fields without omitempty (`containers`) stay.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('empty omitempty maps and lists', () => {
  it('are gone after the last annotation and label are removed', () => {
    const { run } = engineSession(4);
    run('kubectl run p --image=nginx');
    run('kubectl annotate pod p note=x');
    expect(run('kubectl annotate pod p note-').out).toBe('pod/p annotated\n');
    expect(
      run("kubectl get pod p -o jsonpath='{.metadata.annotations}|{.metadata.labels}'").out,
    ).toBe('|{"run":"p"}');
    expect(run('kubectl label pod p run-').out).toBe('pod/p unlabeled\n');
    const yaml = run('kubectl get pod p -o yaml').out;
    expect(yaml).toMatch(
      /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}name: p\n {2}namespace: default\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]{36}\nspec:\n/,
    );
    expect(run('kubectl get pod p --show-labels').out).toMatch(/ <none>\n$/);
  });

  it('are left out of what a manifest creates; empty structs stay', () => {
    const { run, host } = engineSession(4);
    host.fs.write(
      'dep.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, annotations: {}}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      nodeSelector: {}
      tolerations: []
      containers:
      - name: c
        image: nginx
        env: []
        resources: {}
`,
    );
    expect(run('kubectl create -f dep.yaml').out).toBe('deployment.apps/d created\n');
    expect(run("kubectl get deploy d -o jsonpath='{.metadata.annotations}'").out).toBe(
      '{"deployment.kubernetes.io/revision":"1"}',
    );
    expect(run("kubectl get deploy d -o jsonpath='{.spec.template.spec}'").out).toBe(
      '{"containers":[{"image":"nginx","imagePullPolicy":"Always","name":"c","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}',
    );
  });
});
