/**
 * ValidateService's checks of the type (Kubernetes 1.32): an ExternalName service needs
 * spec.externalName (a DNS subdomain; a trailing dot is allowed), a headless service cannot be a
 * NodePort or LoadBalancer one. And `kubectl describe service` prints `External Name:` only
 * when there is one, as kubectl 1.32.5's describer does.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('service type validation', () => {
  it('refuses an ExternalName service without its name, and a headless NodePort one', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl expose deploy web --port=80 --name=w5 --type=ExternalName')).toEqual({
      out: '',
      err: 'The Service "w5" is invalid: spec.externalName: Required value\n',
      code: 1,
    });
    expect(
      run('kubectl expose deploy web --port=80 --name=w6 --type=NodePort --cluster-ip=None'),
    ).toEqual({
      out: '',
      err: `The Service "w6" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services\n`,
      code: 1,
    });
    expect(
      run('kubectl expose deploy web --port=80 --name=w7 --type=LoadBalancer --cluster-ip=None')
        .err,
    ).toBe(
      `The Service "w7" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services\n`,
    );
    expect(run('kubectl get svc -o name').out).toBe('service/kubernetes\n');
  });

  it('describes an ExternalName service with its name', () => {
    const { run } = engineSession();
    run(
      `printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: db\\nspec:\\n  type: ExternalName\\n  externalName: db.example.com.\\n' > db.yaml`,
    );
    expect(run('kubectl apply -f db.yaml').out).toBe('service/db created\n');
    const out = run('kubectl describe svc db').out;
    expect(out).toContain('\nType:              ExternalName\n');
    expect(out).toContain('\nExternal Name:     db.example.com.\n');
  });
});
