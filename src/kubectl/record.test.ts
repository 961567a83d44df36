/**
 * The deprecated `--record` (audit 9 #2): pflag's deprecation line on stderr, and the command
 * line written into `kubernetes.io/change-cause` as record_flags.go parseCommandArguments
 * spells it (words, then every flag as ` --name=value` in the order typed).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';
const cause = (run: ReturnType<typeof engineSession>['run'], what: string) =>
  run(`kubectl get ${what} -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'`).out;

describe('kubectl --record', () => {
  it('set image records the command line, which rollout history shows', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx:1.25');
    expect(run('kubectl set image deployment/web nginx=nginx:1.26 --record')).toEqual({
      out: 'deployment.apps/web image updated\n',
      err: DEPRECATED,
      code: 0,
    });
    expect(run('kubectl rollout history deployment/web').out).toBe(
      [
        'deployment.apps/web ',
        'REVISION  CHANGE-CAUSE',
        '1         <none>',
        '2         kubectl set image deployment/web nginx=nginx:1.26 --record=true',
        '',
        '',
      ].join('\n'),
    );
  });

  it('create -f, apply, scale, label, annotate and run record with long flag names', () => {
    const { run } = engineSession(2);
    expect(run('kubectl create -f nginx.yaml --record')).toEqual({
      out: 'pod/nginx created\n',
      err: DEPRECATED,
      code: 0,
    });
    expect(cause(run, 'pod nginx')).toBe('kubectl create --filename=nginx.yaml --record=true');
    run('kubectl label pod nginx tier=web --record=true');
    expect(cause(run, 'pod nginx')).toBe('kubectl label pod nginx tier=web --record=true');
    run('kubectl annotate pod nginx a=1 --record');
    expect(cause(run, 'pod nginx')).toBe('kubectl annotate pod nginx a=1 --record=true');
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl scale deployment web --replicas 3 --record').out).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(cause(run, 'deploy web')).toBe(
      'kubectl scale deployment web --replicas=3 --record=true',
    );
    run('kubectl run p -n default --image=busybox --record -- sleep 3600');
    expect(cause(run, 'pod p')).toBe(
      'kubectl run p sleep 3600 --namespace=default --image=busybox --record=true',
    );
    run('kubectl delete pod nginx');
    expect(run('kubectl apply -f nginx.yaml --record').err).toBe(DEPRECATED);
    expect(cause(run, 'pod nginx')).toBe('kubectl apply --filename=nginx.yaml --record=true');
  });

  it('is not a flag of the rollout commands, and --record=false records nothing', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl rollout history deployment/web --record').err).toBe(
      "error: unknown flag: --record\nSee 'kubectl rollout history --help' for usage.\n",
    );
    expect(run('kubectl scale deployment web --replicas=2 --record=false').err).toBe(DEPRECATED);
    expect(cause(run, 'deploy web')).toBe('');
  });
});

describe('kubectl annotate with the value the object already has (audit 9 #15)', () => {
  it('succeeds; only a different value needs --overwrite', () => {
    const { run } = engineSession(4);
    run('kubectl run solo --image=nginx');
    run('kubectl annotate pod solo a=1');
    expect(run('kubectl annotate pod solo a=1')).toEqual({
      out: 'pod/solo annotated\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl annotate pod solo a=2')).toEqual({
      out: '',
      err: "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n",
      code: 1,
    });
  });
});

describe('kubectl patch --record', () => {
  it('patch records after patching, in a merge patch of its own', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx:1.25');
    expect(run(`kubectl patch deployment web --record -p '{"spec":{"replicas":2}}'`)).toEqual({
      out: 'deployment.apps/web patched\n',
      err: DEPRECATED,
      code: 0,
    });
    expect(cause(run, 'deployment web')).toBe(
      'kubectl patch deployment web --record=true --patch={"spec":{"replicas":2}}',
    );
  });
});
