/**
 * Client-side `kubectl apply` of an object without a name (kubectl 1.32, apply.go
 * applyOneObject): a generateName cannot be applied, and the GET of the live object cannot even
 * be built without a name. Nothing reaches the API server; the error is gathered with the other
 * objects' results. Outputs as the real kubectl 1.32.5 printed them (bench/kubectlOracle.ts,
 * with --validate=false: the oracle's bridge serves no OpenAPI for the default validation).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl apply of an object without a name', () => {
  it('no name at all: the GET cannot be built', () => {
    const { run } = engineSession(1);
    expect(
      run(
        `kubectl apply -f - <<< '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{},"spec":{}}'`,
      ),
    ).toEqual({
      out: '',
      err: 'error: error when retrieving current configuration of:\nResource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty\n',
      code: 1,
    });
  });

  it('a generateName is refused, and the other objects of the file are applied', () => {
    const { run } = engineSession(1);
    const list =
      '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"g-"}},{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok2"}}]}';
    expect(run(`kubectl apply -f - <<< '${list}' --validate=false`)).toEqual({
      out: 'configmap/ok2 created\n',
      err: 'error: from g-: cannot use generate name with apply\n',
      code: 1,
    });
    expect(run('kubectl get cm ok2 -o name').out).toBe('configmap/ok2\n');
  });

  it('server-side: the same refusals, plain, before anything is sent', () => {
    const { run } = engineSession(1);
    // As the real kubectl 1.32.5 printed them through the oracle (with its OpenAPI served).
    const cm = (meta: string) =>
      `'{"apiVersion":"v1","kind":"ConfigMap","metadata":${meta},"data":{"a":"b"}}'`;
    expect(run(`kubectl apply --server-side -f - <<< ${cm('{"generateName":"x-"}')}`)).toEqual({
      out: '',
      err: 'error: from x-: cannot use generate name with apply\n',
      code: 1,
    });
    expect(
      run(`kubectl apply --server-side --dry-run=server -f - <<< ${cm('{"generateName":"x-"}')}`),
    ).toEqual({ out: '', err: 'error: from x-: cannot use generate name with apply\n', code: 1 });
    expect(run(`kubectl apply --server-side -f - <<< ${cm('{}')}`)).toEqual({
      out: '',
      err: 'error: resource name may not be empty\n',
      code: 1,
    });
    expect(run('kubectl get cm -o name').out).toBe('configmap/kube-root-ca.crt\n');
    expect(run(`kubectl apply --server-side -f - <<< ${cm('{"name":"ok1"}')}`).out).toBe(
      'configmap/ok1 serverside-applied\n',
    );
  });
});
