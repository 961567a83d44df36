/**
 * `kubectl label` and `kubectl annotate` as 1.32's label.go and annotate.go answer: the notice
 * for a label that is not there, labeled / unlabeled / not labeled, which checks are the
 * client's (plain errors, no usage line) and which the API server's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('kubectl label', () => {
  it('says which labels to remove were not there, then "not labeled", on stdout', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    expect(run('kubectl label pod p nokey-')).toEqual({
      out: 'label "nokey" not found.\npod/p not labeled\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl label pod p nokey- other- run-')).toEqual({
      out: 'label "nokey" not found.\nlabel "other" not found.\npod/p unlabeled\n',
      err: '',
      code: 0,
    });
    // A client dry run does not look: no notice, and the name printer's suffix. The pod has
    // no labels left, and labelFunc gives it an empty map: "labeled" (kubectl 1.32.5).
    expect(run('kubectl label pod p nokey- --dry-run=client').out).toBe(
      'pod/p labeled (dry run)\n',
    );
    run('kubectl label pod p app=x');
    expect(run('kubectl label pod p nokey- --dry-run=client').out).toBe(
      'pod/p not labeled (dry run)\n',
    );
  });

  it('removing a label is "unlabeled" unless --overwrite is given', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx --labels=a=1,b=2');
    expect(run('kubectl label pod p a-').out).toBe('pod/p unlabeled\n');
    expect(run('kubectl label pod p b- --overwrite').out).toBe('pod/p labeled\n');
  });

  it('checks values and the argument order itself, and leaves keys to the server', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    expect(run('kubectl label pod p "x=b c"')).toEqual({
      out: '',
      err: `error: invalid label value: "x=b c": ${LABEL_VALUE_MSG}\n`,
      code: 1,
    });
    expect(run('kubectl label pod p a=b=c').err).toBe('error: invalid label spec: a=b=c\n');
    expect(run('kubectl label pod p a=b extra').err).toBe(
      'error: all resources must be specified before label changes: extra\n',
    );
    expect(run('kubectl label pod p k=1 k-').err).toBe(
      'error: can not both modify and remove a label in the same command\n',
    );
    expect(run('kubectl label pod p Bad_Key!=x')).toEqual({
      out: '',
      err: `The Pod "p" is invalid: metadata.labels: Invalid value: "Bad_Key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`,
      code: 1,
    });
  });

  it('Validate errors are plain: no "See … -h" line', () => {
    const { run } = engineSession();
    expect(run('kubectl label deployment web app')).toEqual({
      out: '',
      err: 'error: at least one label update is required\n',
      code: 1,
    });
    expect(run('kubectl label a=b')).toEqual({
      out: '',
      err: 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
      code: 1,
    });
  });
});

describe('kubectl annotate', () => {
  it('always says "annotated", and refuses a different value without --overwrite', () => {
    const { run } = engineSession();
    run('kubectl run p --image=nginx');
    expect(run('kubectl annotate pod p k=v').out).toBe('pod/p annotated\n');
    // The same value again is fine (kubernetes#109505).
    expect(run('kubectl annotate pod p k=v').out).toBe('pod/p annotated\n');
    expect(run('kubectl annotate pod p k=w')).toEqual({
      out: '',
      err: "error: --overwrite is false but found the following declared annotation(s): 'k' already has a value (v)\n",
      code: 1,
    });
    expect(run('kubectl annotate pod p k-').out).toBe('pod/p annotated\n');
    expect(run('kubectl annotate pod p k-').out).toBe('pod/p annotated\n');
  });

  it('Validate errors are plain', () => {
    const { run } = engineSession();
    expect(run('kubectl annotate deployment web foo')).toEqual({
      out: '',
      err: 'error: at least one annotation update is required\n',
      code: 1,
    });
    expect(run('kubectl annotate pod p k=1 k-').err).toBe(
      'error: can not both modify and remove the following annotation(s) in the same command: k\n',
    );
  });
});

describe('label and annotate --resource-version', () => {
  const conflict =
    'Error from server (Conflict): Operation cannot be fulfilled on pods "p": the object has been modified; please apply your changes to the latest version and try again\n';

  it('puts the version into the patch: the current one passes, a stale one is a Conflict', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    const rv = run('kubectl get pod p -o jsonpath={.metadata.resourceVersion}').out;
    expect(run(`kubectl label pod p tier=web --resource-version=${rv}`)).toEqual({
      out: 'pod/p labeled\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl label pod p zone=a --resource-version=${rv}`)).toEqual({
      out: '',
      err: conflict,
      code: 1,
    });
    expect(run(`kubectl annotate pod p note=x --resource-version=${rv}`)).toEqual({
      out: '',
      err: conflict,
      code: 1,
    });
    expect(run('kubectl get pod p --show-labels').out).toMatch(/ run=p,tier=web\n$/);
  });

  it('only with a single resource', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    expect(run('kubectl label pods --all z=z --resource-version=1')).toEqual({
      out: '',
      err: 'error: --resource-version may only be used with a single resource\n',
      code: 1,
    });
  });
});
