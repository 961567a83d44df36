/**
 * `kubectl label|annotate --field-selector` (kubectl 1.32): the builder lists with the field
 * selector (and -l when given); the API server refuses a field it does not support; --all with a
 * field selector, or a name with one, is refused first. Every output below is what the real
 * kubectl 1.32.5 printed for the same cluster (bench/kubectlOracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(1);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('kubectl run one --image=nginx');
  return s;
}

describe('label and annotate with --field-selector', () => {
  it('selects by field, alone or with -l', () => {
    const { run } = cluster();
    expect(run('kubectl label pods --field-selector=metadata.name=one tier=db')).toEqual({
      out: 'pod/one labeled\n',
      err: '',
      code: 0,
    });
    expect(
      run('kubectl label pods --field-selector=status.phase=Running run=x --overwrite').out,
    ).toBe('pod/one labeled\npod/web-6dc5cd68db-z45gl labeled\npod/web-6dc5cd68db-zw86s labeled\n');
    expect(run('kubectl label pods -l app=web --field-selector=status.phase=Running c=d').out).toBe(
      'pod/web-6dc5cd68db-z45gl labeled\npod/web-6dc5cd68db-zw86s labeled\n',
    );
    expect(run('kubectl annotate pods --field-selector=metadata.name=one note=hi').out).toBe(
      'pod/one annotated\n',
    );
    expect(run("kubectl get pod one -o jsonpath='{.metadata.labels.tier}'").out).toBe('db');
  });

  it('nothing matched prints nothing; errors in kubectl 1.32 words', () => {
    const { run } = cluster();
    expect(run('kubectl label pods --field-selector=metadata.name=nope a=b')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl label pods --all --field-selector=metadata.name=one a=b')).toEqual({
      out: '',
      err: 'error: cannot set --all and --field-selector at the same time\n',
      code: 1,
    });
    expect(run('kubectl annotate pods --field-selector=foo=bar note=hi')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
      code: 1,
    });
    expect(run('kubectl label pods one --field-selector=metadata.name=x e=f').err).toBe(
      'error: name cannot be provided when a selector is specified\n',
    );
  });
});
