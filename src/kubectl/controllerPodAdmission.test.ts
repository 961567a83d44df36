/**
 * What controllers foresee of the API server's pod admission: a user PriorityClass named in a
 * template is admitted (no false FailedCreate), zero requests and limits mean none (BestEffort,
 * no memory cap), and a template keeps its limits-only resources while its pods get requests.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const withClass = (kind: 'StatefulSet' | 'Deployment', name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
  replicas: 2
${kind === 'StatefulSet' ? `  serviceName: ${name}\n` : ''}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      priorityClassName: high-priority
      containers:
      - name: c
        image: nginx
`;

describe('controllers and pod admission', () => {
  it('pods naming a user PriorityClass are created, with no false FailedCreate', () => {
    const { run, host } = engineSession(3);
    run('kubectl create priorityclass high-priority --value=1000');
    host.fs.write('sts.yaml', withClass('StatefulSet', 'db'));
    host.fs.write('deploy.yaml', withClass('Deployment', 'web'));
    run('kubectl apply -f sts.yaml');
    run('kubectl apply -f deploy.yaml');
    run('kubectl create job j --image=busybox -- true');
    run('kubectl rollout status sts/db');
    run('kubectl rollout status deploy/web');
    expect(run('kubectl get sts db --no-headers').out).toMatch(/^db +2\/2 +\d+s\n$/);
    expect(run("kubectl get pods -l app=web -o jsonpath='{.items[*].spec.priority}'").out).toBe(
      '1000 1000',
    );
    expect(run('kubectl get events --field-selector reason=FailedCreate').err).toBe(
      'No resources found in default namespace.\n',
    );
    // A class that does not exist is refused, under the StatefulSet pod's own name.
    run('kubectl delete sts db');
    run('kubectl delete pc high-priority');
    run('kubectl apply -f sts.yaml');
    expect(
      run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}')
        .out,
    ).toBe(
      'create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: no PriorityClass with name high-priority was found',
    );
  });

  it('zero requests and limits are none: BestEffort, and no memory cap to be OOM-killed by', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment registry --image=nginx');
    run(
      'kubectl set resources deployment registry --limits=cpu=0,memory=0 --requests=cpu=0,memory=0',
    );
    expect(run('kubectl rollout status deployment/registry').out).toMatch(
      /deployment "registry" successfully rolled out\n$/,
    );
    expect(
      run("kubectl get pods -l app=registry -o jsonpath='{.items[*].status.qosClass}'").out,
    ).toBe('BestEffort');
  });

  it('a template keeps its limits-only resources; its pods get requests from the limits', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment web --image=nginx');
    run('kubectl set resources deployment web --limits=cpu=200m,memory=128Mi');
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources}'").out,
    ).toBe('{"limits":{"cpu":"200m","memory":"128Mi"}}');
    run('kubectl rollout status deployment/web');
    expect(
      run(
        "kubectl get pods -l app=web -o jsonpath='{.items[0].spec.containers[0].resources.requests}|{.items[0].status.qosClass}'",
      ).out,
    ).toBe('{"cpu":"200m","memory":"128Mi"}|Guaranteed');
  });
});
