/** `kubectl create service … --tcp=PORT[:TARGET]`: each port is named after its specifier. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('create service --tcp port names', () => {
  it('names a port "80" for --tcp=80 and "80-8080" for --tcp=80:8080', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl create service clusterip my-cs --tcp=5678 --dry-run=client -o yaml').out,
    ).toContain(
      '  ports:\n  - name: "5678"\n    port: 5678\n    protocol: TCP\n    targetPort: 5678\n',
    );
    run('kubectl create service nodeport multi --tcp=80:8080,443');
    expect(run('kubectl get svc multi -o jsonpath={.spec.ports[*].name}').out).toBe('80-8080 443');
  });
});
