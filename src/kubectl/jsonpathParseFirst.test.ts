/**
 * kubectl's JSONPath parses the whole template before it runs it (client-go's Parse, then
 * Execute): a broken piece fails even where no data reaches it — inside a range over no items,
 * in a filter over an empty list, after a missing key. Outputs as kubectl 1.32.5 printed them
 * for the same objects (oracle lists, session 29).
 */
import { describe, expect, it } from 'vitest';
import { JsonPathError, JsonPathExecError, jsonPath } from './printers/jsonpath.ts';
import { engineSession } from './testing/engineSession.ts';

const parseError = (template: string, reason: string) =>
  `error: error parsing jsonpath ${template}, ${reason}\n`;

describe('a template is parsed before any data is looked at', () => {
  it('fails to parse inside a range over no items, and in a filter over nothing', () => {
    const { run } = engineSession(9);
    const err = (t: string) => run(`kubectl get pods -n empty -o jsonpath='${t}'`);
    run('kubectl create namespace empty');
    expect(err('{range .items[*]}{.metadata.name[}{end}')).toEqual({
      out: '',
      err: parseError('{range .items[*]}{.metadata.name[}{end}', 'unterminated array'),
      code: 1,
    });
    expect(err('{range .items[*]}{.spec.containers[x]}{end}').err).toBe(
      parseError('{range .items[*]}{.spec.containers[x]}{end}', 'invalid array index x'),
    );
    expect(err('{.items[?(@.x ==)]}').err).toBe(
      parseError('{.items[?(@.x ==)]}', "unrecognized character in action: U+003D '='"),
    );
    expect(err('{.items[*].nope[?(@.a=="x"&&@.b=="y")]}').err).toBe(
      parseError(
        '{.items[*].nope[?(@.a=="x"&&@.b=="y")]}',
        "unrecognized character in action: U+0026 '&'",
      ),
    );
    expect(err('{.items[*].nope "\\q"}').err).toBe(
      parseError('{.items[*].nope "\\q"}', 'unquote string "\\q" error invalid syntax'),
    );
    expect(err('{.items[*].nope....a}').err).toBe(
      parseError('{.items[*].nope....a}', 'invalid multiple recursive descent'),
    );
    // A range over no items prints nothing, and what follows its {end} still runs.
    expect(err('{range .items[*]}{.metadata.name}{"\\n"}{end}{"done\\n"}')).toEqual({
      out: 'done\n',
      err: '',
      code: 0,
    });
  });

  it('a word that is no keyword parses, and fails only when run', () => {
    const { run } = engineSession(9);
    run('kubectl create namespace empty');
    const r = run(`kubectl get pods -n empty -o jsonpath='{.items[*].nope 1e9}'`);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: error executing jsonpath "{.items[*].nope 1e9}": Error executing template: unrecognized identifier e9. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[*].nope 1e9}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    );
  });
});

describe('numbers, quotes and brackets as client-go scans them', () => {
  const pod = {
    metadata: { name: 'big' },
    spec: {
      containers: [
        { name: 'app', image: 'nginx' },
        { name: 'side', image: 'busybox' },
      ],
    },
  };
  const parseFails = (t: string, msg: string) => {
    expect(() => jsonPath(t, pod)).toThrow(new JsonPathError(msg));
    try {
      jsonPath(t, pod);
    } catch (e) {
      expect(e).not.toBeInstanceOf(JsonPathExecError);
    }
  };

  it('a number is a sign, digits and dots: an int, else a float, else an error', () => {
    expect(jsonPath('{.metadata.name 1}', pod)).toBe('1');
    expect(jsonPath('{.metadata.name 1.5}', pod)).toBe('1.5');
    parseFails('{1.2.3}', 'cannot parse number 1.2.3');
    parseFails('{-}', 'cannot parse number -');
    parseFails('{+}', 'cannot parse number +');
    parseFails('{.spec.containers[?(@.x>1.2.3)].name}', 'cannot parse number 1.2.3');
    // 1e9 is the number 1 and the word e9; a filter whose left side finds nothing never
    // runs its right side.
    expect(() => jsonPath('{1e9}', pod)).toThrow(
      new JsonPathExecError('unrecognized identifier e9'),
    );
    expect(jsonPath('{.spec.containers[?(@.x>1e9)].name}', pod)).toBe('');
    expect(jsonPath('{.spec.containers[?(@.x>+1)].name}', pod)).toBe('');
  });

  it("quoted text takes Go's escapes; the last of several texts wins", () => {
    expect(jsonPath('{.metadata.name}{"\\x41"}{"\\101"}{"\\u00e9"}', pod)).toBe('bigAAé');
    parseFails('{.metadata.name}{"\\q"}', 'unquote string "\\q" error invalid syntax');
    // The closing quote after a backslash is escaped: the string runs on.
    parseFails('{.metadata.name}{"\\\\"}', 'unterminated quoted string');
    expect(jsonPath('{.metadata.name}{"a" "b"}', pod)).toBe('bigb');
    // 'it' is text, then s' is a word.
    expect(() => jsonPath("{.metadata.name}{'it's'}", pod)).toThrow(
      new JsonPathExecError("unrecognized identifier s'"),
    );
  });

  it('recursive descent: three dots are two and a field, four are an error', () => {
    expect(jsonPath('{...image}', pod)).toBe('nginx busybox');
    parseFails('{..*}', "unrecognized character in action: U+002A '*'");
    // `..` alone gives each value that holds something, depth first: a string holds its bytes.
    expect(jsonPath('{.l..}', { l: [['ab'], []] })).toBe('[["ab"],[]] ["ab"] ab');
  });

  it('an exists filter ignores the error of its path: what the path gave up to it counts', () => {
    const d = { spec: { containers: [{ name: 'app', command: ['sleep'] }, { name: 'side' }] } };
    // An index on a string fails with the string in hand: every container is kept.
    expect(jsonPath('{.spec.containers[?(@.name[0])].name}', d)).toBe('app side');
    // An index out of bounds, a word: the value before it.
    expect(jsonPath('{.spec.containers[?(@.command[5])].name}', d)).toBe('app');
    expect(jsonPath('{.spec.containers[?(@.command foo)].name}', d)).toBe('app');
    // A stray {end} gives nothing.
    expect(jsonPath('{.spec.containers[?(@.name end)].name}', d)).toBe('');
  });

  it('a filter closed by ) must be followed by ]', () => {
    parseFails('{.spec.containers[?(@.name=="app").image}', 'unclosed array expect ]');
    parseFails('{.items[?(@.x == "a)]}', 'unterminated filter');
  });

  it('range and end are words that run: a bare {range} loops over the current value', () => {
    expect(jsonPath('{.metadata.name}{range}', pod)).toBe('big');
    expect(jsonPath('{range}{end}', pod)).toBe('');
    expect(jsonPath('{range}{.metadata.name}{end}-', pod)).toBe('big-');
  });
});

describe('-o FORMAT=… with --template', () => {
  it('takes -o whole as the format name, which no printer has (kubectl 1.32.5)', () => {
    const { run } = engineSession(9);
    expect(
      run(`kubectl get ns default -o jsonpath='{.kind}' --template='{.metadata.name}'`),
    ).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "jsonpath={.kind}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
      code: 1,
    });
    // The bare format name takes the template from --template.
    expect(run(`kubectl get ns default -o jsonpath --template='{.metadata.name}'`).out).toBe(
      'default',
    );
  });
});
