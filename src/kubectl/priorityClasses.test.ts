/**
 * PriorityClasses (scheduling.k8s.io/v1): the two classes kube-apiserver creates, as kubectl 1.32
 * lists and describes them, and what the API server and its Priority admission make of new ones.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const pcYaml = (name: string, value: number, extra = '') =>
  `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\n${extra}`;

describe('priority classes', () => {
  it('lists and describes the two system classes', () => {
    const { run } = engineSession(1);
    expect(run('kubectl get pc')).toEqual({
      out:
        'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
        'system-cluster-critical   2000000000   false            5d    PreemptLowerPriority\n' +
        'system-node-critical      2000001000   false            5d    PreemptLowerPriority\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl describe priorityclass system-cluster-critical').out).toBe(
      `Name:              system-cluster-critical
Value:             2000000000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.
Annotations:       <none>
Events:            <none>
`,
    );
    expect(run('kubectl get pc system-node-critical -o yaml').out).toMatch(
      /^apiVersion: scheduling\.k8s\.io\/v1\ndescription: Used for system critical pods that must not be moved from their current\n {2}node\.\nkind: PriorityClass\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}generation: 1\n {2}name: system-node-critical\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]+\npreemptionPolicy: PreemptLowerPriority\nvalue: 2000001000\n$/,
    );
    expect(run('kubectl delete pc system-node-critical')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted\n',
      code: 1,
    });
  });

  it('gives new pods the global default class; refuses reserved names, big values, a second default', () => {
    const { host, run } = engineSession(1);
    host.fs.write('high.yaml', pcYaml('high', 1000, 'globalDefault: true\n'));
    expect(run('kubectl create -f high.yaml').out).toBe(
      'priorityclass.scheduling.k8s.io/high created\n',
    );
    run('kubectl run p --image=nginx');
    expect(
      run(
        "kubectl get pod p -o jsonpath='{.spec.priorityClassName} {.spec.priority} {.spec.preemptionPolicy}'",
      ).out,
    ).toBe('high 1000 PreemptLowerPriority');
    host.fs.write('other.yaml', pcYaml('other', 5, 'globalDefault: true\n'));
    expect(run('kubectl create -f other.yaml').err).toBe(
      'Error from server (Forbidden): error when creating "other.yaml": priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass high is already marked as default. Only one default can exist\n',
    );
    host.fs.write('huge.yaml', pcYaml('huge', 2000000000));
    expect(run('kubectl create -f huge.yaml').err).toBe(
      'The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n',
    );
    host.fs.write('sys.yaml', pcYaml('system-x', 5));
    expect(run('kubectl create -f sys.yaml').err).toBe(
      'The PriorityClass "system-x" is invalid: metadata.name: Forbidden: priority class names with \'system-\' prefix are reserved for system use only. error: system-x is not a known system priority class\n',
    );
    expect(run(`kubectl patch pc high -p '{"value":7}'`).err).toBe(
      'The PriorityClass "high" is invalid: value: Forbidden: may not be changed in an update.\n',
    );
    expect(run('kubectl delete pc high').out).toBe(
      'priorityclass.scheduling.k8s.io "high" deleted\n',
    );
    run('kubectl run q --image=nginx');
    expect(run("kubectl get pod q -o jsonpath='{.spec.priority}'").out).toBe('0');
  });

  it('kubectl create priorityclass builds the class as create_priorityclass.go does', () => {
    const { run } = engineSession(1);
    expect(
      run(
        'kubectl create priorityclass high-priority --value=1000 --description="high priority" --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: scheduling.k8s.io/v1
description: high priority
kind: PriorityClass
metadata:
  creationTimestamp: null
  name: high-priority
preemptionPolicy: PreemptLowerPriority
value: 1000
`);
    expect(
      run('kubectl create priorityclass default-priority --value=1000 --global-default=true').out,
    ).toBe('priorityclass.scheduling.k8s.io/default-priority created\n');
    expect(run('kubectl create pc no-preempt --value=10 --preemption-policy=Never').out).toBe(
      'priorityclass.scheduling.k8s.io/no-preempt created\n',
    );
    expect(run('kubectl get pc default-priority no-preempt --no-headers').out).toMatch(
      /^default-priority +1000 +true +\d+s +PreemptLowerPriority\nno-preempt +10 +false +\d+s +Never\n$/,
    );
    expect(run('kubectl create pc x --value=5 --preemption-policy=Sometimes').err).toBe(
      'The PriorityClass "x" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"\n',
    );
  });
});
