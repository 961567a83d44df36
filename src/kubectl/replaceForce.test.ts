/**
 * `kubectl replace --force -f` (audit 9 #4): replace.go forceReplace deletes the object, waits
 * for it to go, and creates it anew — a new uid, two lines of output.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl replace --force', () => {
  it('deletes, then creates: a new pod with a new uid', () => {
    const { run } = engineSession(5);
    run('kubectl apply -f nginx.yaml');
    const uid = run('kubectl get pod nginx -o jsonpath={.metadata.uid}').out;
    expect(run('kubectl replace --force -f nginx.yaml')).toEqual({
      out: 'pod "nginx" deleted\npod/nginx replaced\n',
      err: '',
      code: 0,
    });
    const after = run('kubectl get pod nginx -o jsonpath={.metadata.uid}').out;
    expect(after).toMatch(/^[0-9a-f-]{36}$/);
    expect(after).not.toBe(uid);
  });

  it('creates an object that is not there (NotFound is ignored)', () => {
    const { run } = engineSession(6);
    expect(run('kubectl replace --force -f nginx.yaml')).toEqual({
      out: 'pod/nginx replaced\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pod nginx -o name').out).toBe('pod/nginx\n');
  });
});
