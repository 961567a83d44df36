/** `kubectl create deployment --port` with several images (create_deployment.go). */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl create deployment --port', () => {
  it('puts the port on the first container only', () => {
    const { run } = engineSession(3);
    const r = run(
      `kubectl create deployment web --image=nginx:1.25 --image=redis --port=80 --dry-run=client -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.ports}{"\\n"}{end}'`,
    );
    expect(r.out).toBe('nginx=[{"containerPort":80}]\nredis=\n');
  });
});
