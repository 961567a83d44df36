/**
 * `kubectl get` printer flags as the real kubectl 1.32 handles them (checked with the oracle,
 * bench/kubectlOracle.ts): GetOptions.Validate's refusals, the case-insensitive yaml/json/name
 * printers, what printGeneric prints for nothing found, custom-columns errors after the header,
 * and templates whose range never ends.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(1);
  s.run('kubectl run db --image=redis:7 --labels=app=db,tier=backend');
  s.run('kubectl run cache --image=memcached:1.6 --labels=tier=backend');
  return s;
}

describe('kubectl get: printer flags', () => {
  it('refuses --show-labels with a non-table printer and --output-watch-events without a watch', () => {
    const { run } = session();
    expect(run('kubectl get pods -o yaml --show-labels')).toEqual({
      out: '',
      err: 'error: --show-labels option cannot be used with yaml printer\n',
      code: 1,
    });
    // The -o value as typed, template and all.
    expect(run("kubectl get pods --show-labels -o jsonpath='{.x}'").err).toBe(
      'error: --show-labels option cannot be used with jsonpath={.x} printer\n',
    );
    expect(run('kubectl get pods -o name --show-labels').err).toBe(
      'error: --show-labels option cannot be used with name printer\n',
    );
    expect(run('kubectl get pods -o wide --show-labels').code).toBe(0);
    expect(run('kubectl get pod db --output-watch-events -o name')).toEqual({
      out: '',
      err: 'error: --output-watch-events option can only be used with --watch or --watch-only\n',
      code: 1,
    });
  });

  it('matches -o yaml, json and name whatever their case, the others exactly', () => {
    const { run } = session();
    expect(run('kubectl get pod db -o NAME')).toEqual({ out: 'pod/db\n', err: '', code: 0 });
    expect(run('kubectl get pod db -o Json').out).toBe(run('kubectl get pod db -o json').out);
    expect(run('kubectl get pod db -o YAML').out).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(run("kubectl get pod db -o JSONPATH='{.kind}'").err).toMatch(
      /^error: unable to match a printer suitable for the output format "JSONPATH=\{\.kind\}", allowed formats are: /,
    );
  });

  it('says "No resources found" only for a table; -o name and custom-columns print what they print', () => {
    const { run } = session();
    expect(run('kubectl get pods -l app=none -o name')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl get pods -l app=none -o wide').err).toBe(
      'No resources found in default namespace.\n',
    );
    expect(run('kubectl get pods -l app=none -o custom-columns=NAME:.metadata.name')).toEqual({
      out: 'NAME\n',
      err: '',
      code: 0,
    });
    // --ignore-not-found with nothing found: printGeneric returns before printing.
    expect(run('kubectl get pods -l app=none -o yaml --ignore-not-found').out).toBe('');
    expect(
      run('kubectl get pods -l app=none -o custom-columns=NAME:.metadata.name --ignore-not-found')
        .out,
    ).toBe('');
    expect(run('kubectl get pod nosuch -o custom-columns=NAME:.metadata.name')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nosuch" not found\n',
      code: 1,
    });
  });

  it('custom-columns: a column that fails to parse fails after the header, the error as it is', () => {
    const { run } = session();
    expect(
      run('kubectl get pods -o custom-columns=NAME:.metadata.name,BAD:.metadata.name['),
    ).toEqual({ out: 'NAME   BAD\n', err: 'error: unterminated array\n', code: 1 });
    expect(run('kubectl get pods -o custom-columns=NAME:{.metadata.name')).toEqual({
      out: '',
      err: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
      code: 1,
    });
  });

  it('jsonpath: a range without {end} runs to the end of the template', () => {
    const { run } = session();
    expect(run("kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}'")).toEqual({
      out: 'cachedb',
      err: '',
      code: 0,
    });
    // An {end} with no range parses; running into it is an execution error.
    const r = run("kubectl get pod db -o jsonpath='{end}'");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: error executing jsonpath "\{end\}": Error executing template: not in range, nothing to end\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{end\}\n\tobject given to jsonpath engine was:\n\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "kind":"Pod", /,
    );
  });

  it('jsonpath: slices take a step; a subscript that is no index is "invalid array index"', () => {
    const { run } = session();
    run('kubectl run e --image=nginx');
    run('kubectl run f --image=nginx');
    run('kubectl run g --image=nginx');
    // cache db e f g
    expect(run("kubectl get pods -o jsonpath='{.items[1:4:2].metadata.name}'").out).toBe('db f');
    expect(run("kubectl get pods -o jsonpath='{.items[::2].metadata.name}'").out).toBe('cache e g');
    expect(run("kubectl get pods -o jsonpath='{.items[abc].metadata.name}'").err).toBe(
      'error: error parsing jsonpath {.items[abc].metadata.name}, invalid array index abc\n',
    );
    expect(run('kubectl get pods -o jsonpath="{.items[*][metadata.name]}"').err).toBe(
      'error: error parsing jsonpath {.items[*][metadata.name]}, invalid array index metadata.name\n',
    );
  });

  it('resource/name arguments need both parts and one slash', () => {
    const { run } = session();
    expect(run('kubectl get /db').err).toBe(
      'error: arguments in resource/name form must have a single resource and name\n',
    );
  });

  it('--sort-by a list or a map is the klog fatal of sorter.go', () => {
    const { run } = session();
    const r = run('kubectl get pods --sort-by=.spec.containers -o name');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^F\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ sorter\.go:329\] Field \{\.spec\.containers\} in \*unstructured\.Unstructured is an unsortable type: interface, err: unsortable type: \[\]interface \{\}\n$/,
    );
    expect(run('kubectl get pods --sort-by=.metadata.labels').err).toMatch(
      /err: unsortable type: map\[string\]interface \{\}\n$/,
    );
  });
});
