/**
 * A probe whose named port the container does not declare cannot run: the kubelet reports
 * `… probe errored and resulted in unknown state: strconv.Atoi: parsing "http": invalid syntax`
 * (ResolveContainerPort's last attempt) and throws the result away, so a liveness probe never
 * restarts the container and a readiness probe never makes it ready (audit 10 #29).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const overrides = (name: string, probe: string) =>
  `'{"spec":{"containers":[{"name":"${name}","image":"nginx","ports":[{"name":"web","containerPort":80}],${probe}}]}}'`;

describe('a probe on an undeclared named port', () => {
  it('errors without restarting (liveness) or readying (readiness) the container', () => {
    const { run, cluster } = engineSession(1);
    run(
      `kubectl run live --image=nginx --overrides=${overrides('live', '"livenessProbe":{"httpGet":{"path":"/","port":"http"}}')}`,
    );
    run(
      `kubectl run ready --image=nginx --overrides=${overrides('ready', '"readinessProbe":{"tcpSocket":{"port":"http"}}')}`,
    );
    run(
      `kubectl run fine --image=nginx --overrides=${overrides('fine', '"readinessProbe":{"httpGet":{"path":"/","port":"web"}}')}`,
    );
    cluster.advance(120_000);
    const pods = run('kubectl get pods --no-headers').out.split('\n');
    expect(pods.map((l) => l.split(/ +/).slice(0, 4).join(' '))).toEqual([
      'fine 1/1 Running 0',
      'live 1/1 Running 0',
      'ready 0/1 Running 0',
      '',
    ]);
    const events = run(
      'kubectl get events --field-selector reason=Unhealthy -o custom-columns=OBJ:.involvedObject.name,MSG:.message --no-headers',
    ).out;
    expect(events).toContain(
      'live    Liveness probe errored and resulted in unknown state: strconv.Atoi: parsing "http": invalid syntax',
    );
    expect(events).toContain(
      'ready   Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing "http": invalid syntax',
    );
    expect(events).not.toContain('fine');
    expect(run('kubectl get events --field-selector reason=Killing').err).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
