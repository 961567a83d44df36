/**
 * kubectl's shortcut expander (client-go restmapper/shortcut.go) as a real kubectl 1.32.5 shows
 * it against our cluster (oracle): a short name two groups share (`ev`: core events and
 * events.k8s.io's) expands to the core one with a warning naming the other; short names are
 * compared as typed, while plurals, singulars and kinds are matched in lower case.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const EV_WARNING =
  'Warning: short name "ev" could also match lower priority resource events.events.k8s.io\n';

describe('a short name more than one group has', () => {
  it('warns once per command, whatever the command does with it', () => {
    const { run } = engineSession(3);
    const ev = run('kubectl get ev -o name');
    expect(ev.err).toBe(EV_WARNING);
    expect(ev.out).toBe(run('kubectl get events -o name').out);
    expect(run('kubectl get events -o name').err).toBe('');
    expect(run('kubectl get ev,po -o name').err).toBe(EV_WARNING);
    expect(run('kubectl get ev,ev -o name').err).toBe(EV_WARNING);
    expect(run('kubectl delete ev foo')).toEqual({
      out: '',
      err: `${EV_WARNING}Error from server (NotFound): events "foo" not found\n`,
      code: 1,
    });
    // create role maps each resource twice (validateResource, then the rules): two warnings.
    expect(run('kubectl create role r --verb=get --resource=ev --dry-run=client -o name')).toEqual({
      out: 'role.rbac.authorization.k8s.io/r\n',
      err: EV_WARNING + EV_WARNING,
      code: 0,
    });
    // auth can-i lower-cases the word first, so `EV` expands too.
    expect(run('kubectl auth can-i list EV')).toEqual({ out: 'yes\n', err: EV_WARNING, code: 0 });
  });
});

describe('resource names typed with capitals', () => {
  it('finds plurals, singulars and kinds in any case, short names only as written', () => {
    const { run } = engineSession(3);
    const pods = run('kubectl get pods -o name').out;
    expect(run('kubectl get Pods -o name').out).toBe(pods);
    expect(run('kubectl get POD -o name').out).toBe(pods);
    expect(run('kubectl get DEPLOYMENTS -o name').code).toBe(0);
    expect(run('kubectl get PO -o name')).toEqual({
      out: '',
      err: 'error: the server doesn\'t have a resource type "PO"\n',
      code: 1,
    });
    expect(run('kubectl get Deploy -o name')).toEqual({
      out: '',
      err: 'error: the server doesn\'t have a resource type "Deploy"\n',
      code: 1,
    });
  });
});
