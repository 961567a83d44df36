/**
 * Client-side refusals of the workload commands, with the real kubectl 1.32.5's words and before
 * anything is read (checked offline with bench/kubectlOracle.ts: the real one never reached a
 * server for these).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const fail = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });

describe('refused before anything is read', () => {
  it('wait --for=jsonpath', () => {
    const { run } = engineSession(1);
    expect(run('kubectl wait --for=jsonpath= deployment/nope')).toEqual(
      fail('jsonpath expression cannot be empty'),
    );
    const path =
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    expect(run("kubectl wait --for=jsonpath='{.status' deployment/nope")).toEqual(fail(path));
    expect(run("kubectl wait --for=jsonpath='.status.x}' deployment/nope")).toEqual(fail(path));
    expect(run("kubectl wait --for=jsonpath='{.status}=' deployment/nope")).toEqual(
      fail(
        "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
      ),
    );
  });

  it('rollout undo --dry-run, set env --list -o, set selector and set resources arguments', () => {
    const { run } = engineSession(1);
    expect(run('kubectl rollout undo deployment/nope --dry-run=bogus')).toEqual(
      fail('Invalid dry-run value (bogus). Must be "none", "server", or "client".'),
    );
    expect(run('kubectl set env deployment/nope --list -o yaml')).toEqual(
      fail('--list and --output may not be specified together'),
    );
    expect(run('kubectl set selector deployment/web').err).toMatch(
      /^error: You must provide one or more resources by argument or filename\./,
    );
    expect(run('kubectl set resources').err).toMatch(
      /^error: You must provide one or more resources by argument or filename\./,
    );
    // set resources reads the objects before it checks --limits / --requests.
    expect(run('kubectl set resources deployment/nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
  });
});
