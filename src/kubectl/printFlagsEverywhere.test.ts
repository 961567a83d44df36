/**
 * Every command with PrintFlags (label, annotate, set *, scale, rollout *, taint, apply, replace,
 * wait…) takes -o with --template, --show-managed-fields and --allow-missing-template-keys, as
 * kubectl 1.32.5 does; and only the JSON and YAML printers leave managedFields out: a jsonpath or
 * go-template sees them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('PrintFlags on every printing command', () => {
  it('label and annotate take --show-managed-fields and --template', () => {
    const { run } = engineSession();
    run('kubectl create deployment seed --image=nginx');
    const yaml = run('kubectl label deploy seed a=d -o yaml --show-managed-fields');
    expect(yaml.err).toBe('');
    expect(yaml.out).toContain(
      '  managedFields:\n  - apiVersion: apps/v1\n    fieldsType: FieldsV1\n',
    );
    expect(run('kubectl label deploy seed a=e --overwrite -o yaml').out).not.toContain(
      'managedFields',
    );
    expect(run("kubectl annotate deploy seed n=x --template='{{.metadata.name}}'")).toEqual({
      out: 'seed',
      err: '',
      code: 0,
    });
  });

  it('a template sees managedFields', () => {
    const { run } = engineSession();
    run('kubectl create deployment seed --image=nginx');
    expect(
      run("kubectl label deploy seed a=b -o jsonpath='{.metadata.managedFields[0].manager}'").out,
    ).toBe('kubectl-create');
    expect(
      run("kubectl run p --image=nginx -o jsonpath='{.metadata.managedFields[*].manager}'").out,
    ).toBe('kubectl-run');
    expect(
      run("kubectl expose deploy seed --port=80 -o jsonpath='{.metadata.managedFields[*].manager}'")
        .out,
    ).toBe('kubectl-expose');
  });

  it("annotate prints the server's answer, label the object it changed", () => {
    // kubectl 1.32.5: RunAnnotate prints outputObj (the PATCH's answer), RunLabel info.Object.
    const { run } = engineSession();
    run('kubectl create deployment seed --image=nginx');
    run('sleep 10');
    const managers = "-o jsonpath='{.metadata.managedFields[*].manager}'";
    expect(run(`kubectl label deploy seed a=b ${managers}`).out).toBe(
      'kubectl-create kube-controller-manager',
    );
    expect(run(`kubectl annotate deploy seed n=x ${managers}`).out).toBe(
      'kubectl-create kube-controller-manager kubectl-label kubectl-annotate',
    );
  });

  it('no printing command refuses the three flags', () => {
    const { run } = engineSession();
    for (const c of [
      'label',
      'annotate',
      'set image',
      'set env',
      'set resources',
      'set selector',
      'set serviceaccount',
      'set subject',
      'scale',
      'rollout undo',
      'rollout pause',
      'rollout resume',
      'rollout restart',
      'rollout history',
      'taint',
      'apply',
      'replace',
      'wait',
    ]) {
      const r = run(
        `kubectl ${c} --show-managed-fields --template=x --allow-missing-template-keys=false nosuch`,
      );
      expect(r.err, c).not.toMatch(/unknown flag/);
    }
  });
});
