/**
 * A go-template that fails while running prints GoTemplatePrinter's dump, whose `raw data` is
 * json.Marshal of the object: a typed object (a client-side dry run of `create`) in its Go fields'
 * order, an object read from the server (unstructured) with its keys sorted (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const dump = (template: string, raw: string, given: string) =>
  `Error executing template: template: output:1:7: executing "output" at <.data.a.b>: can't evaluate field b in type interface {}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\traw data was:\n\t\t${raw}\n\tobject given to template engine was:\n\t\t${given}\n\n`;

describe('go-template: the raw data of the debugging dump', () => {
  it("is a typed object's JSON in field order", () => {
    const { run } = engineSession();
    expect(
      run("kubectl create cm c --from-literal=a=1 --dry-run=client -o go-template='{{.data.a.b}}'"),
    ).toEqual({
      out: dump(
        '{{.data.a.b}}',
        '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"data":{"a":"1"}}',
        'map[apiVersion:v1 data:map[a:1] kind:ConfigMap metadata:map[creationTimestamp:<nil> name:c]]',
      ),
      err: `error: error executing template "{{.data.a.b}}": template: output:1:7: executing "output" at <.data.a.b>: can't evaluate field b in type interface {}\n`,
      code: 1,
    });
  });

  // (A template sees managedFields: only the JSON and YAML printers leave them out.)
  it("is a server object's JSON with sorted keys", () => {
    const { run } = engineSession();
    run('kubectl create cm c --from-literal=a=1');
    const out = run("kubectl get cm c -o go-template='{{.data.a.b}}'").out;
    expect(out).toMatch(
      /\traw data was:\n\t\t\{"apiVersion":"v1","data":\{"a":"1"\},"kind":"ConfigMap","metadata":\{"creationTimestamp":"[^"]+","managedFields":\[\{"apiVersion":"v1","fieldsType":"FieldsV1",/,
    );
  });

  it("names the call builtin's callee, as Go's text/template does", () => {
    const { run } = engineSession();
    const err = (t: string) =>
      run(`kubectl create cm c --from-literal=a=1 --dry-run=client -o go-template='${t}'`).err;
    expect(err('{{call .data.a 1}}')).toBe(
      'error: error executing template "{{call .data.a 1}}": template: output:1:2: executing "output" at <call .data.a 1>: error calling call: non-function .data.a of type string\n',
    );
    expect(err('{{call .nosuch}}')).toBe(
      'error: error executing template "{{call .nosuch}}": template: output:1:2: executing "output" at <call .nosuch>: error calling call: call of nil\n',
    );
  });
});
