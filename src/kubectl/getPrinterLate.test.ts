/**
 * get.go builds its printer in printGeneric, after the builder has read the objects (kubectl
 * 1.32.5 over the oracle's bridge): a single named object that is not there is NotFound even
 * with an -o that has no printer; otherwise the printer's error is what is said.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const noPrinter = (o: string) => ({
  out: '',
  err: `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS}\n`,
  code: 1,
});
const notFound = {
  out: '',
  err: 'Error from server (NotFound): pods "missing" not found\n',
  code: 1,
};

describe('get with an -o it has no printer for', () => {
  it('a single missing object: NotFound first', () => {
    const { run } = engineSession();
    expect(run('kubectl get pod missing -o jsn')).toEqual(notFound);
    expect(run('kubectl get pod/missing -o jsn')).toEqual(notFound);
    expect(run('kubectl get pod missing -o wide,name')).toEqual(notFound);
    expect(run('kubectl get pod missing -o jsonpath')).toEqual(notFound);
    expect(run('kubectl get pod missing -o custom-columns=')).toEqual(notFound);
    expect(run('kubectl get pod missing -o jsonpath-file=/nonexistent')).toEqual(notFound);
    expect(run('kubectl get pod missing -o jsn --ignore-not-found')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it('an unknown type is said before the printer', () => {
    const { run } = engineSession();
    expect(run('kubectl get nosuchtype -o jsn')).toEqual({
      out: '',
      err: 'error: the server doesn\'t have a resource type "nosuchtype"\n',
      code: 1,
    });
  });

  it('objects found, a list, or several names: the printer error alone', () => {
    const { run } = engineSession();
    run('kubectl run a --image=nginx');
    expect(run('kubectl get pod a -o jsn')).toEqual(noPrinter('jsn'));
    expect(run('kubectl get pods -n kube-public -o jsn')).toEqual(noPrinter('jsn'));
    expect(run('kubectl get pod missing a -o jsn')).toEqual(noPrinter('jsn'));
    expect(run('kubectl get pods -o jsonpath')).toEqual({
      out: '',
      err: 'error: template format specified but no template given\n',
      code: 1,
    });
    // --show-labels is Validate's: before anything is read.
    expect(run('kubectl get pod missing --show-labels -o json')).toEqual({
      out: '',
      err: 'error: --show-labels option cannot be used with json printer\n',
      code: 1,
    });
  });
});
