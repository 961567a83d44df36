/**
 * Audit-10 #13: ValidatePodSpec's everyday refusals, with 1.32's messages and aggregate order.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const refused = (err: string) => ({ out: '', err: `${err}\n`, code: 1 });

describe('pod spec validation', () => {
  it('refuses a bad restartPolicy, an unknown volume, requests over limits, a bad port', () => {
    const { run } = engineSession();
    expect(
      run(`kubectl run b --image=nginx --overrides='{"spec":{"restartPolicy":"never"}}'`),
    ).toEqual(
      refused(
        'The Pod "b" is invalid: spec.restartPolicy: Unsupported value: "never": supported values: "Always", "OnFailure", "Never"',
      ),
    );
    expect(
      run(
        `kubectl run c --image=nginx --overrides='{"spec":{"containers":[{"name":"c","image":"nginx","volumeMounts":[{"name":"data","mountPath":"/data"}]}]}}'`,
      ),
    ).toEqual(
      refused('The Pod "c" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"'),
    );
    expect(
      run(
        `kubectl run d --image=nginx --overrides='{"spec":{"containers":[{"name":"d","image":"nginx","resources":{"requests":{"memory":"1Gi"},"limits":{"memory":"512Mi"}}}]}}'`,
      ),
    ).toEqual(
      refused(
        'The Pod "d" is invalid: spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
      ),
    );
    expect(run('kubectl run e --image=nginx --port=99999')).toEqual(
      refused(
        'The Pod "e" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 99999: must be between 1 and 65535, inclusive',
      ),
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('a mount of a declared volume is fine; 1.32 relaxes env names to printable ASCII without =', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [{name: data, emptyDir: {}}]\n  containers:\n  - name: c\n    image: nginx\n    env: [{name: 1BAD, value: x}]\n    volumeMounts: [{name: data, mountPath: /data}]\n',
    );
    expect(run('kubectl apply -f p.yaml').out).toBe('pod/p created\n');
    host.fs.write(
      'q.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  volumes: [{name: data}]\n  containers:\n  - name: c\n    image: nginx\n    env: [{name: "A=B", value: x}]\n    readinessProbe: {periodSeconds: 5}\n    volumeMounts: [{name: data, mountPath: /data}]\n',
    );
    expect(run('kubectl apply -f q.yaml')).toEqual(
      refused(
        [
          'The Pod "q" is invalid: ',
          '* spec.volumes[0]: Required value: must specify a volume type',
          `* spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
          '* spec.containers[0].volumeMounts[0].name: Not found: "data"',
          '* spec.containers[0].readinessProbe: Required value: must specify a handler type',
        ].join('\n'),
      ),
    );
  });

  it('a Deployment template must restart Always; errors come in validateContainers order', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'd.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: nginx, ports: [{containerPort: 70000}], resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}}\n      - {name: c}\n',
    );
    expect(run('kubectl apply -f d.yaml')).toEqual(
      refused(
        [
          'The Deployment "d" is invalid: ',
          '* spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
          '* spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
          '* spec.template.spec.containers[1].image: Required value',
          '* spec.template.spec.containers[1].name: Duplicate value: "c"',
          '* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        ].join('\n'),
      ),
    );
  });

  it('probes need one handler; init containers without restartPolicy Always take no probes', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: i, image: busybox, command: ["true"], readinessProbe: {exec: {command: ["true"]}}}\n  containers:\n  - name: c\n    image: nginx\n    livenessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}, successThreshold: 2}\n  tolerations: [{key: k, operator: Eq, effect: NoSchedul}]\n',
    );
    expect(run('kubectl apply -f p.yaml')).toEqual(
      refused(
        [
          'The Pod "p" is invalid: ',
          '* spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
          '* spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
          '* spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
          '* spec.tolerations[0].operator: Unsupported value: "Eq": supported values: "Equal", "Exists"',
          '* spec.tolerations[0].effect: Unsupported value: "NoSchedul": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
        ].join('\n'),
      ),
    );
  });
});
