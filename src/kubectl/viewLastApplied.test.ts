/** `kubectl apply view-last-applied`: the annotation as YAML (keys sorted) or indented JSON. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl apply view-last-applied', () => {
  it('prints what the last apply sent, and says when there is none', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  b: "2"\n  a: "1"\n',
    );
    run('kubectl apply -f cm.yaml');
    expect(run('kubectl apply view-last-applied configmap cfg').out).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  a: "1"',
        '  b: "2"',
        'kind: ConfigMap',
        'metadata:',
        '  annotations: {}',
        '  name: cfg',
        '  namespace: default',
        '',
      ].join('\n'),
    );
    expect(run('kubectl apply view-last-applied cm/cfg -o json').out).toBe(
      '{\n  "apiVersion": "v1",\n  "data": {\n    "a": "1",\n    "b": "2"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n    "name": "cfg",\n    "namespace": "default"\n  }\n}\n',
    );
    run('kubectl create configmap plain --from-literal=x=y');
    // Named by argument, an object without the annotation is no error at all in 1.32
    // (AddSourceToErr of a nil error without a source): nothing printed, exit 0, as the real
    // kubectl 1.32.5 answered through bench/kubectlOracle.ts.
    expect(run('kubectl apply view-last-applied cm plain')).toEqual({ out: '', err: '', code: 0 });
    // The builder's argument rules (the real kubectl 1.32.5's texts through the oracle).
    expect(run('kubectl apply view-last-applied configmaps').err).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(run('kubectl apply view-last-applied -l app=x').err).toBe(
      'error: at least one resource must be specified to use a selector\n',
    );
    expect(run('kubectl apply view-last-applied cm cfg -l app=x').err).toBe(
      'error: name cannot be provided when a selector is specified\n',
    );
    expect(run('kubectl apply view-last-applied cm/cfg --all').err).toBe(
      'error: selectors and the all flag cannot be used when passing resource/name arguments\n',
    );
    expect(run('kubectl apply view-last-applied configmaps --all').out).toContain('name: cfg\n');
    expect(run('kubectl apply view-last-applied cm nope').err).toBe(
      'Error from server (NotFound): configmaps "nope" not found\n',
    );
  });

  it('prints several objects one after the other, without ---', () => {
    // kubectl 1.32.5's RunApplyViewLastApplied writes each YAML as it is, no separator.
    const { run, host } = engineSession(1);
    host.fs.write(
      'mm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m2\n',
    );
    run('kubectl apply -f mm.yaml');
    expect(run('kubectl apply view-last-applied -f mm.yaml').out).toBe(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  annotations: {}',
        '  name: m1',
        '  namespace: default',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  annotations: {}',
        '  name: m2',
        '  namespace: default',
        '',
      ].join('\n'),
    );
  });
});
