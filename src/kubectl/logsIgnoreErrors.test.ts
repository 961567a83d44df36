/**
 * Audit 17 H9: `kubectl logs --ignore-errors` (logs.go sequentialConsumeRequest: a failed
 * stream prints `error: <message>` on stdout and the others are read) and
 * `--insecure-skip-tls-verify-backend` (accepted; the simulated kubelets' certificates are
 * not verified either way).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function deadNodeSession() {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx --replicas=3');
  const rows = s
    .run(
      'kubectl get pods -l app=web -o custom-columns=N:.metadata.name,NODE:.spec.nodeName --no-headers',
    )
    .out.trim()
    .split('\n')
    .map((l) => l.split(/\s+/) as [string, string]);
  const [deadPod, deadNode] = rows[1] as [string, string];
  const ip = s.run(`kubectl get node ${deadNode} -o jsonpath={.status.addresses[0].address}`).out;
  const lines = rows.map(([pod]) => s.run(`kubectl logs ${pod} --tail=1`).out);
  s.run(`sim stop-node ${deadNode}`);
  const dial = `Get "https://${ip}:10250/containerLogs/default/${deadPod}/nginx?tailLines=1": dial tcp ${ip}:10250: connect: no route to host`;
  return { ...s, lines, dial };
}

describe('kubectl logs --ignore-errors', () => {
  it('without it the pod on a dead node ends the command; with it its error is a line of output', () => {
    const { run, lines, dial } = deadNodeSession();
    expect(run('kubectl logs -l app=web --tail=1')).toEqual({
      out: lines[0],
      err: `Error from server: ${dial}\n`,
      code: 1,
    });
    expect(run('kubectl logs -l app=web --tail=1 --ignore-errors')).toEqual({
      out: `${lines[0]}error: ${dial}\n${lines[2]}`,
      err: '',
      code: 0,
    });
  });

  it('a container that has not started: the BadRequest message, without the Status wording', () => {
    const { run } = engineSession(3);
    run('kubectl run bad --image=nginx:nosuch');
    expect(run('kubectl logs bad').err).toMatch(
      /^Error from server \(BadRequest\): container "bad" in pod "bad" is waiting to start: /,
    );
    const r = run('kubectl logs bad --ignore-errors');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      'error: container "bad" in pod "bad" is waiting to start: trying and failing to pull image\n',
    );
  });

  it('--insecure-skip-tls-verify-backend is a logs flag', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    const plain = run('kubectl logs p --tail=2');
    expect(plain.code).toBe(0);
    expect(run('kubectl logs p --tail=2 --insecure-skip-tls-verify-backend')).toEqual(plain);
  });
});
