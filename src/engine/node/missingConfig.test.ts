/**
 * A pod that refers to a ConfigMap or Secret that does not exist (audit 9 #26): env and envFrom
 * keep the container in CreateContainerConfigError, a volume keeps the pod in ContainerCreating
 * with FailedMount events; created later, the kubelet's next try starts it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const row = (run: (l: string) => { out: string }, pod: string) =>
  run(`kubectl get pod ${pod} --no-headers`).out.split(/\s+/).slice(1, 4).join(' ');

const kubeletEvents = (out: string) =>
  out
    .slice(out.indexOf('Events:'))
    .split('\n')
    .filter((l) => / kubelet {2,}/.test(l))
    .map((l) => {
      const [type = '', reason = ''] = l.trim().split(/\s+/);
      return `${type} ${reason} ${l.replace(/^.* kubelet +/, '')}`;
    });

describe('missing ConfigMaps and Secrets', () => {
  it('envFrom and env valueFrom: CreateContainerConfigError, retried until the object exists', () => {
    const { run, cluster } = engineSession(7);
    run(
      `kubectl run envp --image=nginx --overrides='{"spec":{"containers":[{"name":"envp","image":"nginx","envFrom":[{"configMapRef":{"name":"missing"}}]}]}}'`,
    );
    run(
      `kubectl run envs --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"envs","image":"nginx:1.27","env":[{"name":"P","valueFrom":{"secretKeyRef":{"name":"nosec","key":"p"}}}]}]}}'`,
    );
    cluster.advance(60_000);
    expect(row(run, 'envp')).toBe('0/1 CreateContainerConfigError 0');
    expect(row(run, 'envs')).toBe('0/1 CreateContainerConfigError 0');
    const st = JSON.parse(
      run(`kubectl get pod envs -o jsonpath='{.status.containerStatuses[0].state}'`).out,
    );
    expect(st).toEqual({
      waiting: { reason: 'CreateContainerConfigError', message: 'secret "nosec" not found' },
    });
    const ev = kubeletEvents(run('kubectl describe pod envs').out);
    expect(ev[0]).toMatch(/^Normal Pulling Pulling image "nginx:1\.27"$/);
    expect(ev[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx:1\.27" in /);
    expect(ev).toContainEqual(
      expect.stringMatching(/^Warning Failed Error: secret "nosec" not found$/),
    );
    expect(run('kubectl describe pod envp').out).toMatch(
      /\n {2}Warning {2}Failed +\S+ \(x\d+ over \S+\) +kubelet +Error: configmap "missing" not found\n/,
    );
    expect(run('kubectl describe pod envp').out).toMatch(
      /\n {4}State: {10}Waiting\n {6}Reason: {7}CreateContainerConfigError\n/,
    );
    // A secret without the key: the error names the key.
    run('kubectl create secret generic nosec --from-literal=q=1');
    cluster.advance(30_000);
    expect(
      run(`kubectl get pod envs -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'`)
        .out,
    ).toBe("couldn't find key p in Secret default/nosec");
    run('kubectl create configmap missing --from-literal=a=b');
    cluster.advance(30_000);
    expect(row(run, 'envp')).toBe('1/1 Running 0');
  });

  it('a configMap volume: ContainerCreating with FailedMount, then Running once created', () => {
    const { run, cluster } = engineSession(7);
    run(
      `kubectl run volp --image=nginx --overrides='{"spec":{"volumes":[{"name":"cfg","configMap":{"name":"nocm"}}],"containers":[{"name":"volp","image":"nginx","volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg"}]}]}}'`,
    );
    cluster.advance(150_000);
    expect(row(run, 'volp')).toBe('0/1 ContainerCreating 0');
    expect(run(`kubectl get pod volp -o jsonpath='{.status.podIP}'`).out).toBe('');
    const ev = kubeletEvents(run('kubectl describe pod volp').out);
    // Sorted by last seen: the wait timed out at 2m3s, the last SetUp try was at 2m7.5s.
    expect(ev).toEqual([
      'Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[cfg], unattached volumes=[], failed to process volumes=[]: context deadline exceeded',
      'Warning FailedMount MountVolume.SetUp failed for volume "cfg" : configmap "nocm" not found',
    ]);
    const line = run('kubectl describe pod volp').out.match(
      /Warning {2}FailedMount .*SetUp.*/,
    )?.[0];
    // The volume manager's back-off: 0.5 s, doubling (tries at 0, 0.5, 1.5, 3.5 … 127.5 s); the
    // pod worker gives up waiting after 2m3s.
    expect(line).toMatch(/^Warning {2}FailedMount {2}\S+ \(x9 over 3m\d+s\) +kubelet/);
    run('kubectl create configmap nocm --from-literal=a=b');
    // The next try comes when the back-off (by now at its 2m2s ceiling) runs out.
    cluster.advance(130_000);
    expect(row(run, 'volp')).toBe('1/1 Running 0');
  });

  it('optional references start normally', () => {
    const { run, cluster } = engineSession(7);
    run(
      `kubectl run opt --image=nginx --overrides='{"spec":{"volumes":[{"name":"s","secret":{"secretName":"nos","optional":true}}],"containers":[{"name":"opt","image":"nginx","envFrom":[{"configMapRef":{"name":"none","optional":true}}],"volumeMounts":[{"name":"s","mountPath":"/s"}]}]}}'`,
    );
    cluster.advance(30_000);
    expect(row(run, 'opt')).toBe('1/1 Running 0');
  });
});
