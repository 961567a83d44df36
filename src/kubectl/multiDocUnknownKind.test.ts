/**
 * A document of a kind the server does not know in a multi-document file (audit 13 C11): the
 * builder runs with ContinueOnError, so the mapping error is gathered while visiting and the
 * file's other documents are still applied, created, read or deleted; the error comes at the end.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const MULTI = `apiVersion: v1
kind: ConfigMap
metadata:
  name: m1
---
apiVersion: v1
kind: Secrett
metadata:
  name: s
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: m2
`;
const MAPPING =
  'resource mapping not found for name: "s" namespace: "" from "multi.yaml": no matches for kind "Secrett" in version "v1"\nensure CRDs are installed first\n';

describe('one unknown kind in a multi-document file', () => {
  it('apply, get and delete go on with the other documents', () => {
    const { run, host } = engineSession(3);
    host.fs.write('multi.yaml', MULTI);
    expect(run('kubectl apply -f multi.yaml')).toEqual({
      out: 'configmap/m1 created\nconfigmap/m2 created\n',
      err: `error: ${MAPPING}`,
      code: 1,
    });
    const got = run('kubectl get -f multi.yaml');
    expect(got.out).toMatch(/^NAME\s+DATA\s+AGE\nm1\s+0\s+\S+\nm2\s+0\s+\S+\n$/);
    // The table printer's aggregate: the builder's own error without `error:` (a real kubectl
    // 1.32.5 through the oracle).
    expect(got.err).toBe(MAPPING);
    expect(run('kubectl delete -f multi.yaml')).toEqual({
      out: 'configmap "m1" deleted\nconfigmap "m2" deleted\n',
      err: `error: ${MAPPING}`,
      code: 1,
    });
  });

  it('create reports the unknown kind beside the server errors of the others', () => {
    const { run, host } = engineSession(3);
    host.fs.write('multi.yaml', MULTI);
    run('kubectl create configmap m2');
    // Several errors are an aggregate: each is its own text, so no `error: ` prefix; create
    // meets them in document order.
    expect(run('kubectl create -f multi.yaml')).toEqual({
      out: 'configmap/m1 created\n',
      err: `${MAPPING}Error from server (AlreadyExists): error when creating "multi.yaml": configmaps "m2" already exists\n`,
      code: 1,
    });
    host.fs.write(
      'multi2.yaml',
      MULTI.replace('name: m2', 'name: m3').replace('name: m1', 'name: m2'),
    );
    expect(run('kubectl create -f multi2.yaml').err).toBe(
      `Error from server (AlreadyExists): error when creating "multi2.yaml": configmaps "m2" already exists\n${MAPPING.replace('multi.yaml', 'multi2.yaml')}`,
    );
  });

  it('apply gathers the mapping errors before it applies anything', () => {
    const { run, host } = engineSession(3);
    host.fs.write('multi.yaml', MULTI.replace('name: m1', 'name: Bad_Name'));
    const r = run('kubectl apply -f multi.yaml');
    expect(r.out).toBe('configmap/m2 created\n');
    expect(r.err.startsWith(MAPPING)).toBe(true);
    expect(r.err.slice(MAPPING.length)).toMatch(
      /^Error from server \(Invalid\): error when creating "multi\.yaml": ConfigMap "Bad_Name" is invalid: /,
    );
  });

  it('a file of unknown kinds only is the mapping error, not "no objects passed"', () => {
    const { run, host } = engineSession(3);
    host.fs.write('multi.yaml', 'apiVersion: v1\nkind: Secrett\nmetadata:\n  name: s\n');
    expect(run('kubectl apply -f multi.yaml')).toEqual({
      out: '',
      err: `error: ${MAPPING}`,
      code: 1,
    });
  });
});

describe('get -f of objects that are gone, beside an unknown kind (a real kubectl 1.32.5)', () => {
  it('lists the errors in document order, each without `error:` when there are several', () => {
    const { run, host } = engineSession(3);
    host.fs.write('multi.yaml', MULTI);
    const want = `Error from server (NotFound): configmaps "m1" not found\n${MAPPING}Error from server (NotFound): configmaps "m2" not found\n`;
    expect(run('kubectl get -f multi.yaml -o name')).toEqual({ out: '', err: want, code: 1 });
    expect(run('kubectl get -f multi.yaml')).toEqual({ out: '', err: want, code: 1 });
  });
});
