/**
 * cli-runtime's metadataValidatingDecoder: every `-f` manifest is decoded into a
 * `metadataOnlyObject` (TypeMeta inline, `metadata` an ObjectMeta) on the client, whatever
 * --validate says, so a wrong JSON type under `metadata` is kubectl's own error and never reaches
 * the API server. Each expectation is what a real kubectl 1.32.5 printed (checked with the
 * oracle against the same cluster).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const write = (run: (l: string) => unknown, file: string, lines: string[]) =>
  run(`printf '${lines.join('\\n')}\\n' > ${file}`);

describe('a manifest whose metadata has a wrong type', () => {
  it('is refused by the client with the Go decoder’s error, in every validation mode', () => {
    const { run } = engineSession(3);
    write(run, 'm2.yaml', ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: 123']);
    const refused = {
      out: '',
      err: 'error: unable to decode "m2.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\n',
      code: 1,
    };
    expect(run('kubectl create -f m2.yaml')).toEqual(refused);
    expect(run('kubectl create -f m2.yaml --validate=ignore')).toEqual(refused);
    expect(run('kubectl apply -f m2.yaml')).toEqual(refused);
    // Not a NotFound for configmaps "123": nothing is sent.
    expect(run('kubectl replace -f m2.yaml')).toEqual(refused);
    expect(run('kubectl delete -f m2.yaml')).toEqual(refused);
    // get and describe print their builder's error without `error:`.
    expect(run('kubectl get -f m2.yaml')).toEqual({
      out: '',
      err: 'unable to decode "m2.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\n',
      code: 1,
    });
  });

  it('names the Go type of the field (maps, lists, int64) and metadataOnlyObject for metadata itself', () => {
    const { run } = engineSession(3);
    write(run, 'm1.yaml', ['apiVersion: v1', 'kind: ConfigMap', 'metadata: x']);
    expect(run('kubectl create -f m1.yaml --validate=false').err).toBe(
      'error: unable to decode "m1.yaml": json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n',
    );
    write(run, 'm3.yaml', [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: m3',
      '  annotations:',
      '  - a',
    ]);
    expect(run('kubectl create -f m3.yaml --dry-run=client')).toEqual({
      out: '',
      err: 'error: unable to decode "m3.yaml": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string\n',
      code: 1,
    });
    write(run, 'm6.yaml', [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: m6',
      '  ownerReferences: x',
    ]);
    expect(run('kubectl create -f m6.yaml').err).toBe(
      'error: unable to decode "m6.yaml": json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference\n',
    );
    write(run, 'm9.yaml', [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: m9',
      '  deletionGracePeriodSeconds: "5"',
    ]);
    expect(run('kubectl create -f m9.yaml').err).toBe(
      'error: unable to decode "m9.yaml": json: cannot unmarshal string into Go struct field ObjectMeta.metadata.deletionGracePeriodSeconds of type int64\n',
    );
  });

  it('fails only its own document: create goes on with the others and reports it at the end', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: good1\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: 5\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: good2\\n' > mdoc.yaml",
    );
    expect(run('kubectl create -f mdoc.yaml')).toEqual({
      out: 'configmap/good1 created\nconfigmap/good2 created\n',
      err: 'error: unable to decode "mdoc.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\n',
      code: 1,
    });
    expect(run('kubectl get cm good1 good2 -o name').out).toBe(
      'configmap/good1\nconfigmap/good2\n',
    );
  });

  it('makes get with a generic printer print nothing for one file, the others’ objects for several, and say `error:`', () => {
    const { run } = engineSession(3);
    write(run, 'g.yaml', ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: good1']);
    write(run, 'm2.yaml', ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: 123']);
    run(
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: good1\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: 5\\n' > badlast.yaml",
    );
    expect(run('kubectl create -f g.yaml').code).toBe(0);
    const m2 =
      'unable to decode "m2.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\n';
    expect(run('kubectl get -f g.yaml -f m2.yaml -o name')).toEqual({
      out: 'configmap/good1\n',
      err: `error: ${m2}`,
      code: 1,
    });
    // One file is a single item implied: its error is all get prints.
    expect(run('kubectl get -f badlast.yaml -o name')).toEqual({
      out: '',
      err: 'error: unable to decode "badlast.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\n',
      code: 1,
    });
    // The table printer's aggregate stays unprefixed, and the other objects are printed.
    expect(run('kubectl get -f m2.yaml')).toEqual({ out: '', err: m2, code: 1 });
    const both = run('kubectl get -f g.yaml -f m2.yaml --no-headers');
    expect(both.out).toMatch(/^good1\s+0\s+\S+\n$/);
    expect(both.err).toBe(m2);
    expect(run('kubectl get -f badlast.yaml --no-headers').out).toMatch(/^good1\s+0\s+\S+\n$/);
  });

  it('lets describe go on with the other documents and say it without `error:`', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: good1\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: 5\\n---\\napiVersion: v1\\nkind: Widget\\nmetadata:\\n  name: w\\n' > badlast.yaml",
    );
    expect(run('kubectl create configmap good1').code).toBe(0);
    const r = run('kubectl describe -f badlast.yaml');
    expect(r.out.startsWith('Name:         good1\nNamespace:    default\n')).toBe(true);
    expect(r.err).toBe(
      'unable to decode "badlast.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\nresource mapping not found for name: "w" namespace: "" from "badlast.yaml": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n',
    );
    expect(r.code).toBe(1);
  });
});
