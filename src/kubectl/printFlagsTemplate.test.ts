/**
 * genericclioptions.PrintFlags on the commands that print the object they changed (label,
 * annotate, set …, scale, taint, rollout …, apply, replace, wait): -o comes with --template,
 * --allow-missing-template-keys and --show-managed-fields, and only the JSON/YAML printers drop
 * managedFields (OmitManagedFieldsPrinter); jsonpath and go-template see the object whole.
 * Checked against kubectl 1.32.5 (oracle, session 29).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('PrintFlags on commands that print what they changed', () => {
  it('takes --template with a bare -o jsonpath / go-template', () => {
    const { run } = engineSession(9);
    run('kubectl create deployment web --image=nginx');
    expect(
      run(
        `kubectl label deploy web a=b --dry-run=client -o jsonpath --template='{.metadata.labels}'`,
      ),
    ).toEqual({ out: '{"a":"b","app":"web"}', err: '', code: 0 });
    expect(
      run(
        `kubectl set image deploy/web nginx=nginx:1.27 --dry-run=client -o jsonpath --template='{.spec.template.spec.containers[0].image}'`,
      ).out,
    ).toBe('nginx:1.27');
    expect(
      run(
        `kubectl annotate deploy web a=b --dry-run=client -o go-template --template='{{.metadata.annotations.a}}'`,
      ).out,
    ).toBe('b');
    expect(
      run(
        `kubectl annotate deploy web a=b --dry-run=client -o jsonpath='{.kind}' --template='{.x}'`,
      ),
    ).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "jsonpath={.kind}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      code: 1,
    });
  });

  it('jsonpath sees managedFields, -o yaml does not unless --show-managed-fields', () => {
    const { run } = engineSession(9);
    run('kubectl create deployment web --image=nginx');
    const managers = run(
      `kubectl get deploy web -o jsonpath='{.metadata.managedFields[*].manager}'`,
    ).out;
    expect(managers).toMatch(/^kubectl-create/);
    for (const cmd of [
      'label deploy web a=b',
      'annotate deploy web a=b',
      'set env deploy/web A=b',
      'scale deploy web --replicas=3',
    ]) {
      expect(
        run(`kubectl ${cmd} --dry-run=client -o jsonpath='{.metadata.managedFields[*].manager}'`)
          .out,
      ).toBe(managers);
    }
    expect(run('kubectl label deploy web a=b --dry-run=client -o yaml').out).not.toContain(
      'managedFields',
    );
    expect(
      run('kubectl label deploy web a=b --dry-run=client -o yaml --show-managed-fields').out,
    ).toContain('managedFields:\n  - apiVersion: apps/v1\n');
    expect(
      run(
        `kubectl annotate deploy web a=b --dry-run=client -o jsonpath='{.nope}' --allow-missing-template-keys=false`,
      ).err,
    ).toMatch(
      /^error: error executing jsonpath "\{\.nope\}": Error executing template: nope is not found\./,
    );
  });
});

describe('a template that does not parse: checked when the printer is made', () => {
  it('annotate, set, taint, expose, scale and the create generators refuse before changing anything; label after', () => {
    const { run } = engineSession(9);
    run('kubectl create deployment web --image=nginx');
    const bad = `-o jsonpath='{.metadata.name'`;
    const refused = 'error: error parsing jsonpath {.metadata.name, unclosed action\n';
    const get = (path: string) => run(`kubectl get deploy web -o jsonpath='{${path}}'`).out;
    expect(run(`kubectl annotate deploy web x=y ${bad}`)).toEqual({
      out: '',
      err: refused,
      code: 1,
    });
    expect(get('.metadata.annotations.x')).toBe('');
    expect(run(`kubectl set image deploy/web nginx=nginx:1.27 ${bad}`).err).toBe(refused);
    expect(run(`kubectl set env deploy/web A=b ${bad}`).err).toBe(refused);
    expect(get('.spec.template.spec.containers[0].image')).toBe('nginx');
    expect(get('.spec.template.spec.containers[0].env')).toBe('');
    expect(run(`kubectl scale deploy web --replicas=3 ${bad}`).err).toBe(refused);
    expect(get('.spec.replicas')).toBe('1');
    expect(run(`kubectl expose deploy web --port=80 ${bad}`).err).toBe(refused);
    expect(run(`kubectl create configmap c1 --from-literal=a=b ${bad}`).err).toBe(refused);
    expect(run(`kubectl create namespace n1 -o go-template='{{.metadata.name'`).err).toBe(
      'error: error parsing template {{.metadata.name, template: output:1: unclosed action\n',
    );
    expect(run('kubectl get svc,cm,ns -o name').out).not.toMatch(
      /service\/web|configmap\/c1|namespace\/n1/,
    );
    // label makes its printer per object, after the patch.
    expect(run(`kubectl label deploy web x=y ${bad}`).err).toBe(refused);
    expect(get('.metadata.labels.x')).toBe('y');
  });
});

describe('one printer for several objects (annotate, wait): the jsonpath executor keeps its state', () => {
  it('after a range, the next object runs from after the range: {end} is not in range', () => {
    const { run } = engineSession(9);
    run('kubectl create deployment web --image=nginx --replicas=3');
    run('sim advance 30s');
    const pods = run(`kubectl get pods -o jsonpath='{.items[*].metadata.name}'`).out.split(' ');
    const template = '{.metadata.name}:{range .spec.containers[*]}[{.name}]{end}|{"\\n"}';
    const r = run(`kubectl annotate pods --all x=y -o jsonpath='${template}'`);
    expect(r.out).toBe(`${pods[0]}:[nginx]|\n`);
    expect(r.code).toBe(1);
    // Both later objects fail; several errors are printed each on its own, without `error: `.
    const failures = r.err.split(
      `error executing jsonpath ${JSON.stringify(template)}: Error executing template: not in range, nothing to end. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{`,
    );
    expect(failures.length).toBe(3);
    expect(failures[0]).toBe('');
    expect(r.err.endsWith('}}\n\n\n\n')).toBe(true);
    // wait ignores what its printer returns: the first object only, and no error.
    expect(run(`kubectl wait pods --all --for=condition=Ready -o jsonpath='${template}'`)).toEqual({
      out: `${pods[0]}:[nginx]|\n`,
      err: '',
      code: 0,
    });
    // label makes a printer per object.
    expect(run(`kubectl label pods --all q=1 -o jsonpath='${template}'`).out).toBe(
      pods.map((p) => `${p}:[nginx]|\n`).join(''),
    );
  });

  it("annotate prints the server's answer (its new resourceVersion)", () => {
    const { run } = engineSession(9);
    run('kubectl create deployment web --image=nginx');
    const out = run(
      `kubectl annotate deploy web a=b -o jsonpath='{.metadata.resourceVersion}'`,
    ).out;
    expect(out).toBe(run(`kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'`).out);
  });
});
