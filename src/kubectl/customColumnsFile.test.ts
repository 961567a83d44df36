/**
 * `kubectl get -o custom-columns-file=FILE`: a header line and a spec line, split on white
 * space, printed as custom columns; the file's problems are cli-runtime's errors.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get -o custom-columns-file', () => {
  it('prints the columns the file names', () => {
    const { run, host } = engineSession(3);
    host.fs.write('cols.txt', 'NAME   NODE\nmetadata.name   {.spec.nodeName}\n');
    expect(
      run('kubectl get pods -n kube-system -l component=etcd -o custom-columns-file=cols.txt'),
    ).toEqual({
      out: 'NAME                 NODE\netcd-control-plane   control-plane\n',
      err: '',
      code: 0,
    });
  });

  it("refuses a missing file, a missing line and columns that don't pair up", () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl get pods -o custom-columns-file=nope.txt')).toEqual({
      out: '',
      err: 'error: error reading template nope.txt, open nope.txt: no such file or directory\n',
      code: 1,
    });
    host.fs.write('one.txt', 'NAME NODE\n');
    expect(run('kubectl get pods -o custom-columns-file=one.txt').err).toBe(
      'error: invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.\n',
    );
    host.fs.write('odd.txt', 'NAME NODE\n.metadata.name\n');
    expect(run('kubectl get pods -o custom-columns-file=odd.txt').err).toBe(
      "error: number of headers (2) and field specifications (1) don't match\n",
    );
  });
});

describe('kubectl get -o jsonpath-file', () => {
  it('reads the template from the file', () => {
    const { run, host } = engineSession(3);
    host.fs.write('t.jp', '{range .items[*]}{.metadata.name}{"\\n"}{end}');
    expect(run('kubectl get ns -o jsonpath-file=t.jp').out).toBe(
      'default\nkube-node-lease\nkube-public\nkube-system\n',
    );
    expect(run('kubectl get ns -o jsonpath-file=nope.jp')).toEqual({
      out: '',
      err: 'error: error reading --template nope.jp, open nope.jp: no such file or directory\n',
      code: 1,
    });
  });
});
