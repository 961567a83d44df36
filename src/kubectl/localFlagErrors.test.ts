/**
 * --local with a resource argument, as kubectl 1.32.5 refuses it: label.go names pod files,
 * annotate.go any resource's; `set selector`'s builder maps no argument (LocalResourceError).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const fail = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });

describe('--local without files', () => {
  it('label and annotate each say it their way', () => {
    const { run } = engineSession();
    expect(run('kubectl label pod x a=b --local')).toEqual(
      fail(
        'can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set',
      ),
    );
    expect(run('kubectl label a=b --local')).toEqual(
      fail('one or more files must be specified as -f pod.yaml or --filename=pod.json'),
    );
    expect(run('kubectl annotate pod x a=b --local')).toEqual(
      fail(
        'can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set',
      ),
    );
    expect(run('kubectl annotate a=b --local')).toEqual(
      fail('one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json'),
    );
  });

  it('set selector: a resource argument is LocalResourceError, none is the missing resource', () => {
    const { run } = engineSession();
    const local = fail(`you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`);
    expect(run('kubectl set selector svc x a=b --local')).toEqual(local);
    expect(run('kubectl set selector svc a=b --local')).toEqual(local);
    expect(run('kubectl set selector a=b --local').err).toMatch(
      /^error: You must provide one or more resources by argument or filename\.\n/,
    );
    expect(run('kubectl set selector --local')).toEqual(fail('one selector is required'));
  });
});
