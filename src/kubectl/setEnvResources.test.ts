/**
 * `kubectl set env` and `kubectl set resources` on a Deployment: the lines kubectl prints, the
 * template they leave, `--list`, `--from`, removal, nothing printed when nothing changes, and
 * kubectl's own errors.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => {
  const s = engineSession(2);
  s.run('kubectl create deployment web --image=nginx');
  return s;
};

describe('kubectl set env', () => {
  it('adds, lists, takes keys from a ConfigMap and removes variables', () => {
    const { run } = session();
    expect(run('kubectl set env deployment/web STORAGE_DIR=/local APP=demo')).toEqual({
      out: 'deployment.apps/web env updated\n',
      err: '',
      code: 0,
    });
    run('kubectl create configmap cfg --from-literal=log.level=debug --from-literal=mode=fast');
    expect(run('kubectl set env deployment/web --from=configmap/cfg --prefix=APP_').out).toBe(
      'deployment.apps/web env updated\n',
    );
    expect(run('kubectl set env deployment/web APP=prod').out).toBe(
      'deployment.apps/web env updated\n',
    );
    expect(run('kubectl set env deployment/web --list').out).toBe(
      [
        '# Deployment web, container nginx',
        'STORAGE_DIR=/local',
        'APP=prod',
        '# APP_LOG_LEVEL from configmap cfg, key log.level',
        '# APP_MODE from configmap cfg, key mode',
        '',
      ].join('\n'),
    );
    // --resolve reads the referenced keys.
    expect(run('kubectl set env deployment/web --list --resolve').out).toBe(
      [
        '# Deployment web, container nginx',
        'STORAGE_DIR=/local',
        'APP=prod',
        'APP_LOG_LEVEL=debug',
        'APP_MODE=fast',
        '',
      ].join('\n'),
    );
    expect(run('kubectl set env deployment/web APP-').out).toBe(
      'deployment.apps/web env updated\n',
    );
    // Nothing left to change: nothing printed.
    expect(run('kubectl set env deployment/web APP-')).toEqual({ out: '', err: '', code: 0 });
    // Nothing to set (kubectl 1.32.5): the object is read and left alone.
    expect(run('kubectl set env deployment/web')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl set env deployment/nope').err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(run('kubectl set env deployment/web STORAGE_DIR=/x --overwrite=false').err).toBe(
      "error: deployments/web 'STORAGE_DIR' already has a value (/local), and --overwrite is false\n",
    );
    expect(run('kubectl set env svc/kubernetes A=b').err).toBe(
      'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n',
    );
  });
});

describe('kubectl set resources', () => {
  it('merges limits and requests into the selected containers', () => {
    const { run } = session();
    const set =
      'kubectl set resources deployment web -c=nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m';
    expect(run(set).out).toBe('deployment.apps/web resource requirements updated\n');
    // The template keeps what was set; its pods get the memory request from the limit.
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources}'").out,
    ).toBe('{"limits":{"cpu":"200m","memory":"512Mi"},"requests":{"cpu":"100m"}}');
    expect(run(set)).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl set resources deployment web').err).toBe(
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
    );
    expect(run('kubectl set resources deployment web -c=nope --limits=cpu=1').err).toBe(
      'error: unable to find container named nope\n',
    );
    expect(run('kubectl set resources deployment web --limits=cpu').err).toBe(
      'error: Invalid argument syntax cpu, expected <resource>=<value>\n',
    );
    expect(run('kubectl rollout status deployment/web').out).toBe(
      'deployment "web" successfully rolled out\n',
    );
  });
});

describe('kubectl set env: names kubectl refuses before any request (audit 17 H10)', () => {
  const NAME_RULE =
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
  it('a name starting with a digit, an empty name, .. prefixes', () => {
    const { run } = session();
    const before = run('kubectl get deploy web -o yaml').out;
    expect(run('kubectl set env deploy/web 1BAD=x')).toEqual({
      out: '',
      err: `error: "1BAD" is not a valid key name: ${NAME_RULE}\n`,
      code: 1,
    });
    expect(run('kubectl set env deploy/web --env==x').err).toBe(
      `error: "" is not a valid key name: ${NAME_RULE}\n`,
    );
    expect(run('kubectl set env deploy/web ..A=x').err).toBe(
      `error: "..A" is not a valid key name: must not start with '..'\n`,
    );
    expect(run('kubectl set env deploy/web --env=A.B-c_1=x --env=..=y').err).toBe(
      `error: ".." is not a valid key name: must not be '..'\n`,
    );
    expect(run('kubectl set env deploy/web --env=FOO').err).toBe('error: unknown env: FOO\n');
    expect(run('kubectl set env deploy/web A=1 A-').err).toBe(
      'error: can not both modify and remove the same environment variable in the same command\n',
    );
    expect(run('kubectl get deploy web -o yaml').out).toBe(before);
    // Dots and dashes are fine; --env values come before the arguments.
    expect(run('kubectl set env deploy/web my.env-name=1 --env=B=2').out).toBe(
      'deployment.apps/web env updated\n',
    );
    expect(run('kubectl set env deploy/web --list').out).toBe(
      '# Deployment web, container nginx\nB=2\nmy.env-name=1\n',
    );
  });
});
