/**
 * ServiceAccount admission's shouldAutomount: the pod's own field wins, else its ServiceAccount's
 * (audit 15 F19, the CKA/CKS "disable token automounting for this ServiceAccount" task).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const volumes = `-o jsonpath='{.spec.volumes[*].name}'`;

describe('automountServiceAccountToken', () => {
  it('a ServiceAccount that opts out gets pods without the token volume', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'sa.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: nm\nautomountServiceAccountToken: false\n',
    );
    run('kubectl apply -f sa.yaml');
    run(`kubectl run p --image=nginx --overrides='{"spec":{"serviceAccountName":"nm"}}'`);
    expect(run(`kubectl get pod p ${volumes}`).out).toBe('');
    expect(run('kubectl describe pod p').out).toMatch(/\nVolumes: +<none>\n/);
  });

  it("the pod's own field wins over its ServiceAccount's", () => {
    const { run } = engineSession(3);
    run(`kubectl patch sa default -p '{"automountServiceAccountToken":false}'`);
    run('kubectl run off --image=nginx');
    expect(run(`kubectl get pod off ${volumes}`).out).toBe('');
    run(
      `kubectl run on --image=nginx --overrides='{"spec":{"automountServiceAccountToken":true}}'`,
    );
    expect(run(`kubectl get pod on ${volumes}`).out).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
  });

  it('a plain ServiceAccount still mounts the token', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    expect(run(`kubectl get pod p ${volumes}`).out).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
  });
});
