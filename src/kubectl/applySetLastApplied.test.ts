/**
 * `kubectl apply set-last-applied` patches only the last-applied annotation (so a file the
 * server would refuse as a whole is fine), refuses an object without it unless
 * --create-annotation, and leaves an identical one alone; and `kubectl apply` refuses stray words
 * (a subcommand it does not have is one) before it asks for -f.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\nfoo: bar\n';

describe('kubectl apply set-last-applied', () => {
  it('sets the annotation to the file, as JSON, and nothing else', () => {
    const { run, host } = engineSession(3);
    host.fs.write('x.yaml', CM.replace('foo: bar\n', ''));
    run('kubectl create -f x.yaml');
    // The file names a field ConfigMaps do not have: only the annotation is sent.
    host.fs.write('x.yaml', CM);
    expect(run('kubectl apply set-last-applied -f x.yaml')).toEqual({
      out: '',
      err: 'error: no last-applied-configuration annotation found on resource: x, to create the annotation, run the command with --create-annotation\n',
      code: 1,
    });
    expect(run('kubectl apply set-last-applied -f x.yaml --create-annotation')).toEqual({
      out: 'configmap/x configured\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        `kubectl get cm x -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`,
      ).out,
    ).toBe(
      '{"apiVersion":"v1","data":{"a":"b"},"foo":"bar","kind":"ConfigMap","metadata":{"name":"x","namespace":"default"}}\n',
    );
    // The JSON ends with runtime.Encode's newline (as apply's does): YAML shows a block scalar.
    expect(run('kubectl get cm x -o yaml').out).toContain(
      '    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","data":{"a":"b"},"foo":"bar","kind":"ConfigMap","metadata":{"name":"x","namespace":"default"}}\n  creationTimestamp:',
    );
    expect(run('kubectl apply set-last-applied -f x.yaml').out).toBe(
      'set-last-applied x: no changes required.\n',
    );
  });

  it('kubectl apply refuses words it does not know', () => {
    const { run, host } = engineSession(3);
    host.fs.write('x.yaml', CM.replace('foo: bar\n', ''));
    expect(run('kubectl apply frobnicate -f x.yaml')).toEqual({
      out: '',
      err: "error: Unexpected args: [frobnicate]\nSee 'kubectl apply -h' for help and examples\n",
      code: 1,
    });
    // edit-last-applied is a subcommand (editLastApplied.test.ts); without the lab's editor it
    // says so.
    expect(run('kubectl apply edit-last-applied -f x.yaml').err).toBe(
      'error: "kubectl apply edit-last-applied" is not available in this simulated cluster\n',
    );
    expect(run('kubectl get cm x').code).toBe(1);
  });
});
