/**
 * Malformed label selectors (audit 13 C7): the API server parses them token by token as
 * apimachinery's labels.Parser does, and its message names the offending token.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const PREFIX = (sel: string) =>
  `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "${sel}", field selector "": `;

describe('label selector parse errors', () => {
  it('name the token the parser found', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx --labels=app=a,n=5');
    const cases: [string, string][] = [
      ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
      ['app in a', "unable to parse requirement: found 'a' expected: '('"],
      ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      [
        'Bad Key=1',
        "unable to parse requirement: found 'Key', expected: in, notin, =, ==, !=, gt, lt",
      ],
      ['=a', "found '=', expected: !, identifier, or 'end of string'"],
      ['app=a,', "found '', expected: identifier after ','"],
    ];
    for (const [sel, msg] of cases) {
      expect(run(`kubectl get pods -l '${sel}'`)).toEqual({
        out: '',
        err: `${PREFIX(sel)}${msg}\n`,
        code: 1,
      });
    }
  });

  it('still selects with set-based, existence and gt/lt requirements', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx --labels=app=a,n=5');
    run('kubectl run b --image=nginx --labels=app=b');
    expect(run("kubectl get pods -l 'app in (a,c),!x,n' -o name").out).toBe('pod/a\n');
    expect(run("kubectl get pods -l 'app notin (a), app!=c' -o name").out).toBe('pod/b\n');
    expect(run("kubectl get pods -l 'n>3' -o name").out).toBe('pod/a\n');
    expect(run("kubectl get pods -l 'n<3' -o name").out).toBe('');
  });
});

describe('label, annotate and set with a malformed selector', () => {
  it('fail as get does, and change nothing', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx --labels=app=a');
    expect(run('kubectl label pods -l =blue team=web')).toEqual({
      out: '',
      err: `${PREFIX('=blue')}found '=', expected: !, identifier, or 'end of string'\n`,
      code: 1,
    });
    expect(run("kubectl annotate pods -l 'app in a' note=x")).toEqual({
      out: '',
      err: `${PREFIX('app in a')}unable to parse requirement: found 'a' expected: '('\n`,
      code: 1,
    });
    expect(run('kubectl set env pods -l app=a, A=1')).toEqual({
      out: '',
      err: `${PREFIX('app=a,')}found '', expected: identifier after ','\n`,
      code: 1,
    });
    expect(
      run("kubectl get pod a -o jsonpath='{.metadata.labels}{.metadata.annotations}'").out,
    ).toBe('{"app":"a"}');
    expect(run('kubectl label pods -l app=a team=web').out).toBe('pod/a labeled\n');
  });
});
