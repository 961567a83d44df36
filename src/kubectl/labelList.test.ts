/**
 * `kubectl label|annotate --list` (key=value lines; a header per object when several are
 * selected; nothing sent) and `-o yaml|name|jsonpath` (the changed object is printed).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession();
  s.run('kubectl create deployment web --image=nginx');
  s.run('kubectl annotate deploy web a=1 b=2');
  return s;
}

describe('label and annotate --list and -o', () => {
  it('--list prints the labels or annotations, one key=value a line', () => {
    const { run } = session();
    expect(run('kubectl label deploy web --list')).toEqual({ out: 'app=web\n', err: '', code: 0 });
    expect(run('kubectl annotate deploy web --list').out).toBe(
      'a=1\nb=2\ndeployment.kubernetes.io/revision=1\n',
    );
    // Several objects: a header each (Kind.group, empty for core) and indented lines.
    expect(run('kubectl label pods --all --list').out).toMatch(
      /^Listing labels for Pod\.\/web-[a-z0-9]+-[a-z0-9]{5}:\n app=web\n pod-template-hash=[a-z0-9]+\n$/,
    );
    // A change given with --list is shown, not sent.
    expect(run('kubectl label deploy web z=1 --list').out).toBe('app=web\nz=1\n');
    expect(run("kubectl get deploy web -o jsonpath='{.metadata.labels}'").out).toBe(
      '{"app":"web"}',
    );
    expect(run('kubectl label deploy web --list -o yaml')).toEqual({
      out: '',
      err: 'error: --list and --output may not be specified together\n',
      code: 1,
    });
  });

  it('-o prints the changed object', () => {
    const { run } = session();
    expect(run('kubectl label deploy web x=y -o yaml --dry-run=client').out).toMatch(
      /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n[\s\S]*\n {2}labels:\n {4}app: web\n {4}x: "y"\n {2}name: web\n/,
    );
    expect(run('kubectl label deploy web x=y -o name').out).toBe('deployment.apps/web\n');
    expect(run("kubectl annotate deploy web c=1 -o jsonpath='{.metadata.annotations.c}'").out).toBe(
      '1',
    );
    expect(run("kubectl get deploy web -o jsonpath='{.metadata.labels.x}'").out).toBe('y');
  });
});
