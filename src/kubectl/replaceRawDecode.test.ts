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

describe('kubectl create --raw POSTs the file as it is', () => {
  const CM = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"x":"1"}}';

  it("prints the API server's JSON answer, in the server's field order", () => {
    const { run } = engineSession(1);
    const r = run(`kubectl create --raw /api/v1/namespaces/default/configmaps -f - <<< '${CM}'`);
    expect(r.err).toBe('');
    expect(r.out).toMatch(
      /^\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"name":"a","namespace":"default","uid":"[0-9a-f-]{36}","resourceVersion":"\d+","creationTimestamp":"[0-9TZ:-]+"\},"data":\{"x":"1"\}\}\n$/,
    );
    expect(run("kubectl get cm a -o jsonpath='{.data.x}'").out).toBe('1');
  });

  it('a wrong type is a BadRequest; a POST to one object is not allowed', () => {
    const { run } = engineSession(1);
    const bad = CM.replace('"x":"1"', '"x":1');
    expect(
      run(`kubectl create --raw /api/v1/namespaces/default/configmaps -f - <<< '${bad}'`),
    ).toEqual({
      out: '',
      err: 'Error from server (BadRequest): ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n',
      code: 1,
    });
    expect(
      run(`kubectl create --raw /api/v1/namespaces/default/configmaps/a -f - <<< '${CM}'`).err,
    ).toBe(
      'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n',
    );
  });

  it("create.go's checks of --raw, in kubectl 1.32's words", () => {
    const { run } = engineSession(1);
    const path = '/api/v1/namespaces/default/configmaps';
    expect(run(`kubectl create --raw ${path} -f - -l a=b <<< '${CM}'`).err).toBe(
      'error: --raw and --selector (-l) are mutually exclusive\n',
    );
    expect(run(`kubectl create --raw ${path} -f - --edit <<< '${CM}'`).err).toBe(
      'error: --raw and --edit are mutually exclusive\n',
    );
    expect(run(`kubectl create --raw ${path} -f - -o yaml <<< '${CM}'`).err).toBe(
      'error: --raw and --output are mutually exclusive\n',
    );
  });
});
