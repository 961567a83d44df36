/**
 * A container's environment reaches its process, as in the Kubernetes docs' tasks: "Define
 * Environment Variables for a Container" (`$(NAME)` in args), "Expose Pod Information to
 * Containers Through Environment Variables" (downward API, printenv in a loop), and a shell
 * expanding `$NAME` from a ConfigMap key.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('environment variables reach the container', () => {
  it('expands $(NAME) in args (the docs print-greeting pod)', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'envars.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: print-greeting
spec:
  containers:
  - name: env-print-demo
    image: bash
    env:
    - name: GREETING
      value: "Warm greetings to"
    - name: HONORIFIC
      value: "The Most Honorable"
    - name: NAME
      value: "Kubernetes"
    command: ["echo"]
    args: ["$(GREETING) $(HONORIFIC) $(NAME)"]
`,
    );
    run('kubectl apply -f envars.yaml');
    expect(run('kubectl logs print-greeting').out).toBe(
      'Warm greetings to The Most Honorable Kubernetes\n',
    );
  });

  it('prints downward API fields with printenv in a loop (the docs dapi-envars pod)', () => {
    const { run, cluster } = engineSession(1);
    expect(
      run('kubectl apply -f https://k8s.io/examples/pods/inject/dapi-envars-pod.yaml').out,
    ).toBe('pod/dapi-envars-fieldref created\n');
    cluster.advance(15_000);
    const wide = run('kubectl get pod dapi-envars-fieldref -o wide --no-headers').out.split(/ +/);
    const [ip, node] = [wide[5], wide[6]];
    const round = `\n${node}\ndapi-envars-fieldref\ndefault\n${ip}\ndefault\n`;
    expect(run('kubectl logs dapi-envars-fieldref --tail=6').out).toBe(round);
    expect(node).toMatch(/^node\d$/);
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
  });

  it('lets the shell expand $NAME, plain or in braces, from a ConfigMap key, not inside single quotes', () => {
    const { run, host } = engineSession(1);
    run('kubectl create configmap special-config --from-literal=special.how=very');
    host.fs.write(
      'shell.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  restartPolicy: Never
  containers:
  - name: sh
    image: busybox
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: special-config
          key: special.how
    command: ["sh", "-c", "echo level=$LEVEL host=$HOSTNAME '$LEVEL' \${LEVEL}x $NOPE end"]
`,
    );
    run('kubectl apply -f shell.yaml');
    expect(run('kubectl logs shell').out).toBe('level=very host=shell $LEVEL veryx end\n');
  });
});

describe('resourceFieldRef', () => {
  it('gives requests and limits in units of the divisor, rounded up (the docs dapi-envars-resourcefieldref pod)', () => {
    const { run, host, cluster } = engineSession(1);
    const env = (name: string, resource: string, divisor = '') =>
      `        - name: ${name}\n          valueFrom:\n            resourceFieldRef:\n              containerName: test-container\n              resource: ${resource}\n${divisor ? `              divisor: ${divisor}\n` : ''}`;
    host.fs.write(
      'dapi.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-resourcefieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.24
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_CPU_REQUEST MY_CPU_LIMIT;
          printenv MY_MEM_REQUEST MY_MEM_LIMIT MY_MEM_MI;
          sleep 10;
        done;
      resources:
        requests:
          memory: "32Mi"
          cpu: "125m"
        limits:
          memory: "64Mi"
          cpu: "250m"
      env:
${env('MY_CPU_REQUEST', 'requests.cpu')}${env('MY_CPU_LIMIT', 'limits.cpu')}${env('MY_MEM_REQUEST', 'requests.memory')}${env('MY_MEM_LIMIT', 'limits.memory')}${env('MY_MEM_MI', 'limits.memory', '1Mi')}  restartPolicy: Never
`,
    );
    expect(run('kubectl apply -f dapi.yaml').out).toBe(
      'pod/dapi-envars-resourcefieldref created\n',
    );
    cluster.advance(15_000);
    expect(run('kubectl logs dapi-envars-resourcefieldref --tail=6').out).toBe(
      '\n1\n1\n33554432\n67108864\n64\n',
    );
    const describe = run('kubectl describe pod dapi-envars-resourcefieldref').out;
    expect(describe).toContain('      MY_CPU_REQUEST:  1 (requests.cpu)\n');
    expect(describe).toContain('      MY_MEM_MI:       64 (limits.memory)\n');
    expect(
      run(
        "kubectl get pod dapi-envars-resourcefieldref -o jsonpath='{.spec.containers[0].env[0].valueFrom.resourceFieldRef}'",
      ).out,
    ).toBe('{"containerName":"test-container","divisor":"0","resource":"requests.cpu"}');
  });

  it('reads an unset limit as the node allocatable (kubelet) and says so (describe)', () => {
    const { run } = engineSession(1);
    run(
      `kubectl run cpu --image=busybox --restart=Never --overrides='{"spec":{"containers":[{"name":"cpu","image":"busybox","command":["printenv","CPU"],"env":[{"name":"CPU","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}}]}]}}'`,
    );
    expect(run('kubectl logs cpu').out).toBe('2\n');
    expect(run('kubectl describe pod cpu').out).toContain(
      '      CPU:  node allocatable (limits.cpu)\n',
    );
  });
});
