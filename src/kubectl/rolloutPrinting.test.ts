/**
 * What `kubectl rollout restart` and `rollout undo` print with `-o`, as the real kubectl 1.32.5
 * does (checked with bench/kubectlOracle.ts): restart prints the patched object through its
 * printer; undo's printer gets the object as it was read, the rollback's result being only the
 * name printer's operation.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(4);
  s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  s.run('sleep 20');
  s.run('kubectl set image deployment/web nginx=nginx:1.28');
  s.run('sleep 30');
  return s;
}

describe('rollout restart -o', () => {
  it('name, jsonpath and yaml print the restarted object', () => {
    const { run } = cluster();
    expect(run('kubectl rollout restart deployment/web -o name')).toEqual({
      out: 'deployment.apps/web\n',
      err: '',
      code: 0,
    });
    run('sleep 2');
    expect(run("kubectl rollout restart deployment/web -o jsonpath='{.metadata.name}'").out).toBe(
      'web',
    );
    run('sleep 2');
    const yaml = run('kubectl rollout restart deployment/web -o yaml').out;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(yaml).toMatch(/\n {8}kubectl\.kubernetes\.io\/restartedAt: "2026-\d\d-\d\dT[\d:]+Z"\n/);
  });
});

describe('rollout undo -o', () => {
  it('-o name is the bare name, dry run or not', () => {
    const { run } = cluster();
    expect(run('kubectl rollout undo deployment/web --dry-run=client -o name')).toEqual({
      out: 'deployment.apps/web\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout undo deployment/web -o name')).toEqual({
      out: 'deployment.apps/web\n',
      err: '',
      code: 0,
    });
  });

  it('-o jsonpath and -o yaml show the object before the rollback', () => {
    const { run } = cluster();
    const image = "-o jsonpath='{.spec.template.spec.containers[0].image}'";
    expect(run(`kubectl rollout undo deployment/web --dry-run=client ${image}`).out).toBe(
      'nginx:1.28',
    );
    expect(run(`kubectl rollout undo deployment/web --dry-run=server ${image}`).out).toBe(
      'nginx:1.28',
    );
    expect(run(`kubectl rollout undo deployment/web ${image}`).out).toBe('nginx:1.28');
    // The rollback itself happened.
    run('sleep 30');
    expect(run(`kubectl get deployment web ${image}`).out).toBe('nginx:1.27');
  });
});
