/**
 * `kubectl replace --raw` PUTs a file as it is, with no fieldValidation parameter: the API server
 * still decodes it into its Go struct with its default (Warn). A wrong type is a BadRequest and
 * nothing is stored (before, the body went in unchecked and `replicas: "three"` wedged the
 * simulated controllers until the page ran out of memory); an unknown field is a warning.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const PATH = '/apis/apps/v1/namespaces/default/deployments/web';

describe('kubectl replace --raw decodes the body as the API server does', () => {
  it('a string where an int32 goes is a BadRequest and the Deployment is left as it was', () => {
    const { run, host } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    const live = JSON.parse(run('kubectl get deploy web -o json').out);
    host.fs.write('d.json', JSON.stringify({ ...live, spec: { ...live.spec, replicas: 'three' } }));
    expect(run(`kubectl replace --raw ${PATH} -f d.json`)).toEqual({
      out: '',
      err: 'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
      code: 1,
    });
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('1');
    expect(run('kubectl get deploy web').code).toBe(0);
  });

  it('an unknown field is dropped with a warning, and the rest is stored', () => {
    const { run, host } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    const live = JSON.parse(run('kubectl get deploy web -o json').out);
    host.fs.write(
      'd.json',
      JSON.stringify({ ...live, spec: { ...live.spec, replicas: 2, replcas: 5 } }),
    );
    const r = run(`kubectl replace --raw ${PATH} -f d.json`);
    expect(r.err).toBe('Warning: unknown field "spec.replcas"\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).spec.replicas).toBe(2);
    expect(JSON.parse(r.out).spec.replcas).toBeUndefined();
  });
});
