/**
 * label, annotate and scale act on what `-l` or `--all` selects, as well as on named objects,
 * with kubectl's lines per object and its errors when a name and a selector are mixed, when
 * nothing is named, or (scale only) when nothing is selected.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('label, annotate and scale over a selection', () => {
  it('labels every pod a selector matches, or every pod with --all', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create deployment web --image=nginx --replicas=2').code).toBe(0);
    expect(run('kubectl run solo --image=nginx').code).toBe(0);
    const pods = run('kubectl get pods -l app=web -o name').out.trim().split('\n');
    expect(pods).toHaveLength(2);
    expect(run('kubectl label pods -l app=web tier=fe')).toEqual({
      out: pods.map((p) => `${p} labeled\n`).join(''),
      err: '',
      code: 0,
    });
    const all = run('kubectl label pods --all env=dev');
    expect(all.out.trim().split('\n').sort()).toEqual(
      [...pods.map((p) => `${p} labeled`), 'pod/solo labeled'].sort(),
    );
    expect(run('kubectl get pods -l tier=fe,env=dev -o name').out.trim().split('\n')).toEqual(pods);
    // Labelled again with the same value: nothing changes, and kubectl says so.
    expect(run('kubectl label pods -l app=web tier=fe').out).toBe(
      pods.map((p) => `${p} not labeled\n`).join(''),
    );
    expect(run('kubectl annotate deployments --all note=hello')).toEqual({
      out: 'deployment.apps/web annotated\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl label pods -l nothing=here a=b')).toEqual({ out: '', err: '', code: 0 });
  });

  it('gives kubectl errors for a name with a selector, and for no name and no selector', () => {
    const { run } = engineSession(1);
    expect(run('kubectl label pods web -l app=web a=b')).toEqual({
      out: '',
      err: 'error: name cannot be provided when a selector is specified\n',
      code: 1,
    });
    expect(run('kubectl label pods a=b')).toEqual({
      out: '',
      err: 'error: resource(s) were provided, but no name was specified\n',
      code: 1,
    });
  });

  it('scales every selected deployment, and says when nothing was selected', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create deployment web --image=nginx').code).toBe(0);
    expect(run('kubectl create deployment api --image=nginx').code).toBe(0);
    expect(run('kubectl scale deployments --all --replicas=3')).toEqual({
      out: 'deployment.apps/api scaled\ndeployment.apps/web scaled\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get deployments -o jsonpath={.items[*].spec.replicas}').out).toBe('3 3');
    expect(run('kubectl scale deployments -l app=api --replicas=1').out).toBe(
      'deployment.apps/api scaled\n',
    );
    expect(run('kubectl scale deployments -l app=none --replicas=1')).toEqual({
      out: '',
      err: 'error: no objects passed to scale\n',
      code: 1,
    });
  });
});
