/**
 * `kubectl rollout history -o json` prints the history viewer's typed objects, so Go's typed
 * JSON order: struct fields in declaration order (kind before apiVersion, metadata.name first,
 * a container's name, image, resources, …, imagePullPolicy), map keys sorted. The expected text
 * is the real kubectl 1.32.5's for this scenario (bench/kubectlOracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const SETUP = [
  'kubectl create deployment web --image=nginx:1.27 --replicas=3',
  'kubectl create deployment api --image=httpd:2.4 --replicas=2',
  'kubectl create deployment multi --image=nginx:1.27 --replicas=1',
  'echo \'{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"agent","image":"busybox:1.36","command":["sleep","3600"]}]}}}}\' | kubectl apply -f -',
  'echo \'{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},"spec":{"serviceName":"db","replicas":2,"selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"redis:7"}]}}}}\' | kubectl apply -f -',
  'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/5 * * * *" -- echo hi',
  'kubectl create job once --image=busybox:1.36 -- echo done',
  'sleep 30',
];

const REAL =
  '{\n    "kind": "ReplicaSet",\n    "apiVersion": "apps/v1",\n    "metadata": {\n        "name": "web-5c94f75b5d",\n        "namespace": "default",\n        "uid": "e4d6db21-a894-42be-a841-abe64bb68bd8",\n        "resourceVersion": "297",\n        "generation": 1,\n        "creationTimestamp": "2026-01-06T00:00:10Z",\n        "labels": {\n            "app": "web",\n            "pod-template-hash": "5c94f75b5d"\n        },\n        "annotations": {\n            "deployment.kubernetes.io/desired-replicas": "3",\n            "deployment.kubernetes.io/max-replicas": "4",\n            "deployment.kubernetes.io/revision": "1"\n        },\n        "ownerReferences": [\n            {\n                "apiVersion": "apps/v1",\n                "kind": "Deployment",\n                "name": "web",\n                "uid": "657a614b-154c-47e9-a8c5-0ec9fa453f81",\n                "controller": true,\n                "blockOwnerDeletion": true\n            }\n        ]\n    },\n    "spec": {\n        "replicas": 3,\n        "selector": {\n            "matchLabels": {\n                "app": "web",\n                "pod-template-hash": "5c94f75b5d"\n            }\n        },\n        "template": {\n            "metadata": {\n                "creationTimestamp": null,\n                "labels": {\n                    "app": "web",\n                    "pod-template-hash": "5c94f75b5d"\n                }\n            },\n            "spec": {\n                "containers": [\n                    {\n                        "name": "nginx",\n                        "image": "nginx:1.27",\n                        "resources": {},\n                        "terminationMessagePath": "/dev/termination-log",\n                        "terminationMessagePolicy": "File",\n                        "imagePullPolicy": "IfNotPresent"\n                    }\n                ],\n                "restartPolicy": "Always",\n                "terminationGracePeriodSeconds": 30,\n                "dnsPolicy": "ClusterFirst",\n                "securityContext": {},\n                "schedulerName": "default-scheduler"\n            }\n        }\n    },\n    "status": {\n        "replicas": 3,\n        "fullyLabeledReplicas": 3,\n        "readyReplicas": 3,\n        "availableReplicas": 3,\n        "observedGeneration": 1\n    }\n}\n';

describe('rollout history -o json', () => {
  it("prints a deployment's ReplicaSet in Go struct order", () => {
    const { run } = engineSession(1);
    for (const line of SETUP) run(line);
    expect(run('kubectl rollout history deployment/web -o json')).toEqual({
      out: REAL,
      err: '',
      code: 0,
    });
  });

  it('prints a DaemonSet at a revision in struct order too', () => {
    const { run } = engineSession(1);
    for (const line of SETUP) run(line);
    const out = run('kubectl rollout history ds/agent --revision=1 -o json').out;
    expect(out).toMatch(
      /^\{\n {4}"kind": "DaemonSet",\n {4}"apiVersion": "apps\/v1",\n {4}"metadata": \{\n {8}"name": "agent",/,
    );
    expect(out).toMatch(
      /"spec": \{\n {8}"selector": \{[\s\S]*"template": \{[\s\S]*"updateStrategy": \{\n {12}"type": "RollingUpdate",/,
    );
  });
});
