/**
 * `--ignore-not-found` with `-f FILE`: what the builder's IgnoreErrors drops, and how what is
 * left is printed. Outputs as the real kubectl 1.32.5 printed them (oracle, session 28).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const doc = (name: string, apiVersion = 'v1') =>
  `apiVersion: ${apiVersion}\\nkind: ConfigMap\\nmetadata:\\n  name: ${name}\\n`;
const write = (file: string, ...docs: string[]) => `printf '${docs.join('---\\n')}' > ${file}`;
const MAPPING =
  'resource mapping not found for name: "g" namespace: "" from "multi.yaml": no matches for kind "ConfigMap" in version "nosuch/v1"\nensure CRDs are installed first\n';

describe('delete -f --ignore-not-found', () => {
  it('the missing objects are filtered out of the aggregate, which stays one: no "error: "', () => {
    const { run } = engineSession();
    run(write('multi.yaml', doc('c1'), doc('c2'), doc('g', 'nosuch/v1')));
    expect(run('kubectl delete -f multi.yaml --ignore-not-found')).toEqual({
      out: '',
      err: MAPPING,
      code: 1,
    });
    // Alone, the mapping error is a plain one.
    run(write('multi.yaml', doc('g', 'nosuch/v1')));
    expect(run('kubectl delete -f multi.yaml --ignore-not-found')).toEqual({
      out: '',
      err: `error: ${MAPPING}`,
      code: 1,
    });
  });
});

describe('delete -f of a document without kind', () => {
  const NOKIND = `unable to decode "multi.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nokind"}}'\n`;

  it('goes on with the others and says it after their errors', () => {
    const { run } = engineSession();
    run(`printf 'apiVersion: v1\\nmetadata:\\n  name: nokind\\n---\\n${doc('conf')}' > multi.yaml`);
    expect(run('kubectl delete -f multi.yaml')).toEqual({
      out: '',
      err: `Error from server (NotFound): error when deleting "multi.yaml": configmaps "conf" not found\n${NOKIND}`,
      code: 1,
    });
    expect(run('kubectl delete -f multi.yaml --ignore-not-found')).toEqual({
      out: '',
      err: NOKIND,
      code: 1,
    });
  });
});

describe('get -f --ignore-not-found', () => {
  it("drops a file's missing objects; the mapping error left is a plain one", () => {
    const { run } = engineSession();
    run(write('multi.yaml', doc('c1'), doc('c2'), doc('g', 'nosuch/v1')));
    expect(run('kubectl get -f multi.yaml --ignore-not-found -o name')).toEqual({
      out: '',
      err: `error: ${MAPPING}`,
      code: 1,
    });
  });

  it('one object left of one file prints as a single item, not a List', () => {
    const { run } = engineSession();
    expect(run(`${write('c1.yaml', doc('c1'))} && kubectl apply -f c1.yaml`).code).toBe(0);
    run(write('two.yaml', doc('c1'), doc('c2')));
    expect(
      run(`kubectl get -f two.yaml --ignore-not-found -o jsonpath='{.metadata.name}'`),
    ).toEqual({ out: 'c1', err: '', code: 0 });
    expect(run('kubectl get -f two.yaml --ignore-not-found -o yaml').out).toMatch(
      /^apiVersion: v1\nkind: ConfigMap\nmetadata:\n/,
    );
    expect(
      run('kubectl get -f two.yaml --ignore-not-found -o custom-columns=N:.metadata.name'),
    ).toEqual({
      out: 'N\nc1\n',
      err: '',
      code: 0,
    });
    // Without the flag the missing one is the answer, and nothing is printed.
    expect(run('kubectl get -f two.yaml -o name')).toEqual({
      out: '',
      err: 'Error from server (NotFound): configmaps "c2" not found\n',
      code: 1,
    });
  });
});

describe('create/apply/replace -f --validate=false with a document without kind', () => {
  it('goes on with the others (ContinueOnError) and reports the decode error', () => {
    const { run } = engineSession();
    run(`printf 'apiVersion: v1\\nmetadata:\\n  name: nokind\\n---\\n${doc('cfg')}' > multi.yaml`);
    const nokind = `error: unable to decode "multi.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nokind"}}'\n`;
    expect(run('kubectl create -f multi.yaml --validate=false')).toEqual({
      out: 'configmap/cfg created\n',
      err: nokind,
      code: 1,
    });
    expect(run('kubectl replace -f multi.yaml --validate=false')).toEqual({
      out: 'configmap/cfg replaced\n',
      err: nokind,
      code: 1,
    });
    expect(run('kubectl delete cm cfg').code).toBe(0);
    expect(run('kubectl apply -f multi.yaml --validate=false')).toEqual({
      out: 'configmap/cfg created\n',
      err: nokind,
      code: 1,
    });
  });
});
