/**
 * JSONPath execution errors vs parse errors (audit 9 #12): cli-runtime's jsonpath printer wraps
 * an Execute failure in `error executing jsonpath "…"` with the template and a `%#v` dump of
 * the object; only Parse failures are `error parsing jsonpath …`.
 */
import { describe, expect, it } from 'vitest';
import { goSyntax } from './printers/jsonpath.ts';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl -o jsonpath errors', () => {
  it('an index out of bounds on an empty list is an execution error', () => {
    const { run } = engineSession(9);
    expect(run(`kubectl get pods -o jsonpath='{.items[0].metadata.name}'`)).toEqual({
      out: '',
      err: 'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[0].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
      code: 1,
    });
  });

  it('a template that does not parse stays a parse error', () => {
    const { run } = engineSession(9);
    expect(run(`kubectl get pods -o jsonpath='{.items[0].metadata.name'`).err).toBe(
      'error: error parsing jsonpath {.items[0].metadata.name, unclosed action\n',
    );
  });

  it('an action cut short inside an index, a filter or a string names what ran out', () => {
    const { run } = engineSession(9);
    const err = (t: string) => run(`kubectl get ns -o jsonpath='${t}'`).err;
    expect(err('{.items[0')).toBe('error: error parsing jsonpath {.items[0, unterminated array\n');
    expect(err('{.items[?(@.a=="b"')).toBe(
      'error: error parsing jsonpath {.items[?(@.a=="b", unterminated filter\n',
    );
    expect(err('{"abc')).toBe('error: error parsing jsonpath {"abc, unterminated quoted string\n');
    expect(err('{.items[*]')).toBe('error: error parsing jsonpath {.items[*], unclosed action\n');
  });

  it('a single named object that is not there prints no template text, only the error', () => {
    const { run } = engineSession(9);
    expect(run(`kubectl get pod nope -o jsonpath='{.a} {.b}'`)).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(run(`kubectl get pod nope -o jsonpath='{.a} {.b}' --ignore-not-found`)).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it("goSyntax is Go's %#v of decoded JSON", () => {
    expect(goSyntax({ b: [1, true, null], a: 'x', c: {} })).toBe(
      'map[string]interface {}{"a":"x", "b":[]interface {}{1, true, interface {}(nil)}, "c":map[string]interface {}{}}',
    );
  });
});
