/**
 * Audit-10 #24: ValidateDeploymentSpec's strategy and counter rules, as 1.32 prints them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const invalid = (detail: string) => ({
  out: '',
  err: `The Deployment "web" is invalid: ${detail}\n`,
  code: 1,
});

describe('deployment strategy validation', () => {
  it('refuses each bad strategy or counter and leaves the Deployment as it was', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    const patch = (p: string, type = '') => run(`kubectl patch deploy web ${type}-p '${p}'`);
    expect(
      patch('{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":0}}}}'),
    ).toEqual(
      invalid(
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      ),
    );
    expect(
      patch('{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"150%","maxUnavailable":"200%"}}}}'),
    ).toEqual(
      invalid(
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"200%"}: must not be greater than 100%',
      ),
    );
    expect(patch('{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"x"}}}}')).toEqual(
      invalid(
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ),
    );
    expect(patch('{"spec":{"strategy":{"type":"Recreate"}}}')).toEqual(
      invalid(
        "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
      ),
    );
    expect(patch('{"spec":{"revisionHistoryLimit":-1}}')).toEqual(
      invalid('spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'),
    );
    expect(patch('{"spec":{"minReadySeconds":-5}}')).toEqual(
      invalid('spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0'),
    );
    expect(patch('{"spec":{"progressDeadlineSeconds":0}}')).toEqual(
      invalid(
        'spec.progressDeadlineSeconds: Invalid value: 0: must be greater than minReadySeconds',
      ),
    );
    expect(run(`kubectl get deploy web -o jsonpath='{.spec.strategy}'`).out).toBe(
      '{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"}',
    );
    // The way out: drop rollingUpdate in the same patch.
    expect(
      patch('{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}', '--type=merge ').out,
    ).toBe('deployment.apps/web patched\n');
    expect(run(`kubectl get deploy web -o jsonpath='{.spec.strategy}'`).out).toBe(
      '{"type":"Recreate"}',
    );
  });
});
