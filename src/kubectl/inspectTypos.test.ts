/**
 * Typos a learner makes while inspecting a broken cluster, answered as the real kubectl 1.32.5
 * does (checked with bench/kubectlOracle.ts): an unquoted word in a jsonpath filter or a
 * missing dot parses and fails when run, and describe names the selector the server refused.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(1);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('kubectl run typo --image=ngnix');
  s.run('sim advance 1m');
  return s;
}

describe('inspection typos', () => {
  it('an unquoted filter value is an unrecognized identifier when the template runs', () => {
    const { run } = session();
    const template = '{.status.conditions[?(@.status==False)].type}';
    const r = run(`kubectl get pod typo -o jsonpath='${template}'`);
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `error: error executing jsonpath "${template}": Error executing template: unrecognized identifier False. Printing more information for debugging the template:`,
      '\ttemplate was:',
      `\t\t${template}`,
      '\tobject given to jsonpath engine was:',
    ]);
    expect(lines[4]).toMatch(/^\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "kind":"Pod", /);
    expect(lines.slice(5)).toEqual(['', '', '']);
    // Quoted, it is the filter the learner meant.
    expect(
      run(`kubectl get pod typo -o jsonpath='{.status.conditions[?(@.status=="False")].type}'`),
    ).toEqual({ out: 'Ready ContainersReady', err: '', code: 0 });
    // A missing dot after a subscript: the same error, after the request.
    expect(run(`kubectl get pods -o jsonpath='{.items[*]metadata.name}'`).err).toMatch(
      /^error: error executing jsonpath "\{\.items\[\*\]metadata\.name\}": Error executing template: unrecognized identifier metadata\. /,
    );
  });

  it('describe -l with a selector the server cannot parse names the list it asked for', () => {
    const { run } = session();
    expect(run('kubectl describe pod -l app=web,')).toEqual({
      out: '',
      err: `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=web,", field selector "": found '', expected: identifier after ','\n`,
      code: 1,
    });
    expect(run('kubectl describe deploy -l =x').err).toMatch(
      /^Error from server \(BadRequest\): Unable to find "apps\/v1, Resource=deployments" that match label selector "=x", field selector "": /,
    );
  });
});

describe('--sort-by errors outside a table', () => {
  it("SortObjects returns the parser's and the evaluation's errors as they are", () => {
    const { run } = session();
    for (const [spec, why] of [
      ['.metadata.labels[app]', 'invalid array index app'],
      ['.spec.containers[5].name', 'array index out of bounds: index 5, length 1'],
      ['.metadata.name[0]', 'string is not array or slice'],
      ['.metadata[-]', 'array index - is not a number'],
    ] as const) {
      for (const format of ['name', 'json']) {
        expect(run(`kubectl get pods --sort-by=${spec} -o ${format}`)).toEqual({
          out: '',
          err: `error: ${why}\n`,
          code: 1,
        });
      }
    }
  });
});
