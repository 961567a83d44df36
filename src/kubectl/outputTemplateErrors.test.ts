/**
 * `-o jsonpath` / `-o custom-columns` without their template (cli-runtime's JSONPathPrintFlags
 * and kubectl's CustomColumnsPrintFlags), the template given by --template instead, and
 * custom-columns outside `get` (only get's PrintFlags have it).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('-o jsonpath and -o custom-columns without a template', () => {
  it('says the template is missing', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    const missing = {
      out: '',
      err: 'error: template format specified but no template given\n',
      code: 1,
    };
    expect(run('kubectl get pods -o jsonpath')).toEqual(missing);
    expect(run('kubectl get pods -o jsonpath=')).toEqual(missing);
    expect(run('kubectl create deployment x --image=nginx --dry-run=client -o jsonpath')).toEqual(
      missing,
    );
    expect(run('kubectl get pods -o custom-columns')).toEqual({
      out: '',
      err: 'error: custom-columns format specified but no custom columns given\n',
      code: 1,
    });
  });

  it('takes the template from --template', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    expect(run(`kubectl get pods -o jsonpath --template='{.items[*].metadata.name}'`).out).toBe(
      'p',
    );
    expect(run('kubectl get pods -o custom-columns --template=NAME:.metadata.name').out).toBe(
      'NAME\np\n',
    );
  });

  it('has no custom-columns printer outside get', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl create deployment x --image=nginx --dry-run=client -o custom-columns=N:.a'),
    ).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "custom-columns=N:.a", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      code: 1,
    });
  });
});
