/**
 * `kubectl run --expose` against the real simulated cluster: kubectl 1.32 creates the pod, then a
 * ClusterIP service (the service/v2 generator), prints the service first and the pod last.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl run --expose', () => {
  it('creates a ClusterIP service selecting run=NAME, port → same targetPort', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run tmp --image=nginx --port=80 --expose')).toEqual({
      out: 'service/tmp created\npod/tmp created\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        `kubectl get svc tmp -o jsonpath='{.spec.type} {.spec.selector} {.spec.ports} {.metadata.labels}'`,
      ).out,
    ).toBe('ClusterIP {"run":"tmp"} [{"port":80,"protocol":"TCP","targetPort":80}] ');
    // The service finds the pod once it is ready.
    const podIP = run(`kubectl get pod tmp -o jsonpath='{.status.podIP}'`).out;
    expect(run(`kubectl get endpoints tmp -o jsonpath='{.subsets[0].addresses[0].ip}'`).out).toBe(
      podIP,
    );
  });

  it('needs --port', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run tmp --image=nginx --expose')).toEqual({
      out: '',
      err: "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl get pods,svc -l run=tmp').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('--dry-run=client -o yaml: the service, two `---` (generateService adds its own), the pod', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl run web --image=nginx --port=8080 -l tier=db --expose --dry-run=client -o yaml')
        .out,
    ).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    tier: db',
        '  name: web',
        'spec:',
        '  ports:',
        '  - port: 8080',
        '    protocol: TCP',
        '    targetPort: 8080',
        '  selector:',
        '    tier: db',
        'status:',
        '  loadBalancer: {}',
        '---',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    tier: db',
        '  name: web',
        'spec:',
        '  containers:',
        '  - image: nginx',
        '    name: web',
        '    ports:',
        '    - containerPort: 8080',
        '    resources: {}',
        '  dnsPolicy: ClusterFirst',
        '  restartPolicy: Always',
        'status: {}',
        '',
      ].join('\n'),
    );
    expect(run('kubectl run web --image=nginx --port=80 --expose --dry-run=client').out).toBe(
      'service/web created (dry run)\npod/web created (dry run)\n',
    );
    expect(run('kubectl get pods,svc -l tier=db').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('a service that already exists is reported after the pod', () => {
    const { run } = engineSession(3);
    run('kubectl create service clusterip tmp --tcp=80');
    expect(run('kubectl run tmp --image=nginx --port=80 --expose')).toEqual({
      out: 'pod/tmp created\n',
      err: 'Error from server (AlreadyExists): services "tmp" already exists\n',
      code: 1,
    });
  });
});
