import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl -o go-template', () => {
  it('prints each object of a list, reads a template file, and takes a bare --template', () => {
    const { run, host } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(
      run(`kubectl get deploy web -o go-template='{{.metadata.name}} {{.spec.replicas}}{{"\\n"}}'`),
    ).toEqual({ out: 'web 2\n', err: '', code: 0 });
    host.fs.write('names.tmpl', '{{range .items}}{{.metadata.name}}:{{.spec.replicas}}\n{{end}}');
    expect(run('kubectl get deploy -o go-template-file=names.tmpl')).toEqual({
      out: 'web:2\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        `kubectl get pods -l app=web --template='{{range .items}}{{.spec.nodeName}}{{"\\n"}}{{end}}'`,
      ),
    ).toEqual({ out: 'node1\nnode3\n', err: '', code: 0 });
    expect(
      run(`kubectl get deploy -o template='{{range .items}}{{.metadata.nam}}{{end}}'`),
    ).toEqual({ out: '<no value>', err: '', code: 0 });
    expect(
      run(
        `kubectl create configmap cfg --from-literal=k=v --dry-run=client -o go-template='{{.data.k}}{{"\\n"}}'`,
      ),
    ).toEqual({ out: 'v\n', err: '', code: 0 });
  });

  // apimachinery's json makes a whole number an int64 (kubectl 1.32.5: `1000000 int64`).
  it('sees JSON whole numbers as int64: %d prints them, %f refuses them', () => {
    const { run } = engineSession(3);
    run('kubectl create priorityclass high --value=1000000');
    expect(
      run(
        `kubectl get priorityclass high -o go-template='{{.value}} {{printf "%d" .value}} {{printf "%.0f" .value}}'`,
      ).out,
    ).toBe('1000000 1000000 %!f(int64=1000000)');
  });

  it('refuses a template that does not parse, or none at all', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(run(`kubectl get deploy web -o go-template='{{.spec.replicas}'`)).toEqual({
      out: '',
      err: "error: error parsing template {{.spec.replicas}, template: output:1: bad character U+007D '}'\n",
      code: 1,
    });
    expect(run('kubectl get deploy web -o go-template=').err).toBe(
      'error: template format specified but no template given\n',
    );
    expect(run('kubectl get deploy web -o go-template-file=nope.tmpl').err).toBe(
      'error: error reading --template nope.tmpl, open nope.tmpl: no such file or directory\n',
    );
  });

  // (A template sees managedFields: only the JSON and YAML printers omit them.)
  it('dumps the object on stdout when the template fails, and errors on stderr', () => {
    const { run } = engineSession(3);
    run('kubectl create namespace blue');
    const r = run(
      `kubectl get ns blue -o go-template='{{.metadata.name}} {{.spec.x.y}}' --allow-missing-template-keys=false`,
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: error executing template "{{.metadata.name}} {{.spec.x.y}}": template: output:1:26: executing "output" at <.spec.x.y>: map has no entry for key "x"\n',
    );
    const uid = /"uid":"([^"]+)"/.exec(r.out)?.[1] ?? '';
    const rv = /"resourceVersion":"([^"]+)"/.exec(r.out)?.[1] ?? '';
    const ts = /"creationTimestamp":"([^"]+)"/.exec(r.out)?.[1] ?? '';
    expect(r.out).toBe(
      `blue Error executing template: template: output:1:26: executing "output" at <.spec.x.y>: map has no entry for key "x". Printing more information for debugging the template:
\ttemplate was:
\t\t{{.metadata.name}} {{.spec.x.y}}
\traw data was:
\t\t{"apiVersion":"v1","kind":"Namespace","metadata":{"creationTimestamp":"${ts}","labels":{"kubernetes.io/metadata.name":"blue"},"managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:kubernetes.io/metadata.name":{}}}},"manager":"kubectl-create","operation":"Update","time":"${ts}"}],"name":"blue","resourceVersion":"${rv}","uid":"${uid}"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
\tobject given to template engine was:
\t\tmap[apiVersion:v1 kind:Namespace metadata:map[creationTimestamp:${ts} labels:map[kubernetes.io/metadata.name:blue] managedFields:[map[apiVersion:v1 fieldsType:FieldsV1 fieldsV1:map[f:metadata:map[f:labels:map[.:map[] f:kubernetes.io/metadata.name:map[]]]] manager:kubectl-create operation:Update time:${ts}]] name:blue resourceVersion:${rv} uid:${uid}] spec:map[finalizers:[kubernetes]] status:map[phase:Active]]

`,
    );
  });

  it('compares a JSON whole number with an int constant, and errors against a float one', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(
      run(`kubectl get deploy web -o go-template='{{if eq .spec.replicas 1}}one{{end}}'`),
    ).toEqual({ out: 'one', err: '', code: 0 });
    const r = run(`kubectl get deploy web -o go-template='{{if eq .spec.replicas 1.0}}one{{end}}'`);
    expect(r.err).toBe(
      'error: error executing template "{{if eq .spec.replicas 1.0}}one{{end}}": template: output:1:5: executing "output" at <eq .spec.replicas 1.0>: error calling eq: incompatible types for comparison\n',
    );
  });
  // Outputs of kubectl 1.32.5 against the same objects.
  it('prints int64 numbers whole, with the int verbs, and indexes with them', () => {
    const { run } = engineSession(3);
    expect(
      run(
        `kubectl get pc system-node-critical -o go-template='{{.value}} {{printf "%T %v %d %x" .value .value .value .value}}'`,
      ).out,
    ).toBe('2000001000 int64 2000001000 2000001000 773597e8');
    run('kubectl create priorityclass high --value=100000');
    expect(
      run(
        `kubectl get pc high -o go-template='{{printf "%.1f|%s|%q|%5d|%-5d|" .value .value .value .value .value}}'`,
      ).out,
    ).toBe("%!f(int64=100000)|%!s(int64=100000)|'\u{186a0}'|100000|100000|");
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(
      run(
        `kubectl get deploy web -o go-template='{{index .metadata.name .spec.replicas}} {{ne .spec.replicas 3}} {{le .spec.replicas 2}}'`,
      ).out,
    ).toBe('98 true true');
    // slice takes its indexes as they come, inside their interface: not an int.
    expect(
      run(`kubectl get deploy web -o go-template='{{slice .metadata.name 0 .spec.replicas}}'`).err,
    ).toBe(
      'error: error executing template "{{slice .metadata.name 0 .spec.replicas}}": template: output:1:2: executing "output" at <slice .metadata.name 0 .spec.replicas>: error calling slice: cannot index slice/array with type interface {}\n',
    );
  });
});
