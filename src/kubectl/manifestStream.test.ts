/**
 * `-f` streams read one document after another, as kubectl's StreamVisitor reads them: a
 * document that cannot be decoded (a JSON value cut off, a YAML syntax error) or that client-side
 * validation refuses (a value that is no object, a missing apiVersion) ends the file's stream,
 * and a command that goes on after errors (apply, create, replace, delete) has already handled
 * the documents before it. Outputs as the real kubectl 1.32.5 printed them through the oracle
 * (bench/kubectlOracle.ts, /tmp lists jsonstream.txt and yamlstream.txt).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const cm = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"}}`;

function session() {
  const s = engineSession(1);
  const write = (file: string, text: string) =>
    expect(s.run(`printf '${text.replace(/\n/g, '\\n')}' > ${file}`).code).toBe(0);
  return { ...s, write };
}

describe('a JSON stream', () => {
  it('cut off at the end: the objects before it are applied, then unexpected EOF', () => {
    const { run, write } = session();
    write('s.json', `${cm('c1')}\n${cm('c2').slice(0, -1)}\n`);
    expect(run('kubectl apply -f s.json')).toEqual({
      out: 'configmap/c1 created\n',
      err: 'error: error parsing s.json: unexpected EOF\n',
      code: 1,
    });
    // create goes on after the server's refusal: both errors, in document order.
    expect(run('kubectl create -f s.json -o name')).toEqual({
      out: '',
      err: 'Error from server (AlreadyExists): error when creating "s.json": configmaps "c1" already exists\nerror parsing s.json: unexpected EOF\n',
      code: 1,
    });
    // get reads the whole stream before it prints anything.
    expect(run('kubectl get -f s.json -o name')).toEqual({
      out: '',
      err: 'error: error parsing s.json: unexpected EOF\n',
      code: 1,
    });
  });

  it('a value that is no object: validation stops there; null is skipped', () => {
    const { run, write } = session();
    write('n.json', `${cm('b1')}\n5\n${cm('b2')}\n`);
    expect(run('kubectl apply -f n.json')).toEqual({
      out: 'configmap/b1 created\n',
      err: 'error: error validating "n.json": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n',
      code: 1,
    });
    expect(run('kubectl replace -f n.json').out).toBe('configmap/b1 replaced\n');
    write('z.json', `${cm('h1')}\nnull\n`);
    expect(run('kubectl apply -f z.json')).toEqual({
      out: 'configmap/h1 created\n',
      err: '',
      code: 0,
    });
    // get does not validate: the decoder's error in document order, the fetches' errors too
    // (and, with errors, -o name prints nothing, as the real kubectl 1.32.5 did).
    write('g.json', `${cm('b1')}\n"hello"\n${cm('nope')}\n`);
    expect(run('kubectl get -f g.json -o name')).toEqual({
      out: '',
      err: 'unable to decode "g.json": json: cannot unmarshal string into Go value of type unstructured.detector\nError from server (NotFound): configmaps "nope" not found\n',
      code: 1,
    });
    // delete does not validate either: its decoder's error comes after the file's deletions.
    write('t.json', `${cm('j1')}\ntrue\n`);
    expect(run('kubectl delete -f t.json')).toEqual({
      out: '',
      err: 'Error from server (NotFound): error when deleting "t.json": configmaps "j1" not found\nunable to decode "t.json": json: cannot unmarshal bool into Go value of type unstructured.detector\n',
      code: 1,
    });
  });

  it('label, annotate and patch handle the objects before the error too', () => {
    const { run, write } = session();
    write('c.json', `${cm('c1')}\n`);
    run('kubectl apply -f c.json');
    write('s.json', `${cm('c1')}\n${cm('c2').slice(0, -1)}`);
    expect(run('kubectl label -f s.json a=b')).toEqual({
      out: 'configmap/c1 labeled\n',
      err: 'error: error parsing s.json: unexpected EOF\n',
      code: 1,
    });
    expect(run('kubectl annotate -f s.json a=b').out).toBe('configmap/c1 annotated\n');
    expect(run(`kubectl patch -f s.json -p '{"data":{"k":"v"}}'`)).toEqual({
      out: 'configmap/c1 patched\n',
      err: 'error: error parsing s.json: unexpected EOF\n',
      code: 1,
    });
    // A document that is no object: in document order among the others' errors.
    write('n.json', `${cm('c1')}\n"hello"\n${cm('d2')}\n`);
    expect(run('kubectl label -f n.json x=y')).toEqual({
      out: 'configmap/c1 labeled\n',
      err: 'unable to decode "n.json": json: cannot unmarshal string into Go value of type unstructured.detector\nError from server (NotFound): configmaps "d2" not found\n',
      code: 1,
    });
    // An empty file: nothing to label, nothing said.
    write('e.yaml', '');
    expect(run('kubectl label -f e.yaml a=b')).toEqual({ out: '', err: '', code: 0 });
  });

  it("a syntax error: json.Decoder's offset counts from the stream's start", () => {
    const { run, write } = session();
    write('x.json', `${cm('m1')}\n${cm('m2')}\nxyz\n`);
    expect(run('kubectl apply -f x.json')).toEqual({
      out: 'configmap/m1 created\nconfigmap/m2 created\n',
      err: "error: error parsing x.json: json: offset 129: invalid character 'x' looking for beginning of value\n",
      code: 1,
    });
  });
});

describe('a YAML stream', () => {
  const doc = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

  it('a document go-yaml refuses: the ones before it are applied, the ones after it are not', () => {
    const { run, write } = session();
    write('y.yaml', `${doc('y1')}---\n${doc('y2')}   bad: x\n---\n${doc('y3')}`);
    expect(run('kubectl apply -f y.yaml')).toEqual({
      out: 'configmap/y1 created\n',
      err: 'error: error parsing y.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
      code: 1,
    });
    expect(run('kubectl get cm -o name').out).toBe('configmap/kube-root-ca.crt\nconfigmap/y1\n');
  });

  it('a missing apiVersion ends the stream; a scalar document is skipped by delete', () => {
    const { run, write } = session();
    write('w.yaml', `${doc('w1')}---\nkind: ConfigMap\nmetadata:\n  name: w2\n---\n${doc('w3')}`);
    expect(run('kubectl apply -f w.yaml')).toEqual({
      out: 'configmap/w1 created\n',
      err: 'error: error validating "w.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      code: 1,
    });
    write('h.yaml', `${doc('z1')}---\nhello\n---\n${doc('z3')}`);
    run('kubectl create cm z1');
    expect(run('kubectl delete -f h.yaml')).toEqual({
      out: 'configmap "z1" deleted\n',
      err: 'Error from server (NotFound): error when deleting "h.yaml": configmaps "z3" not found\nunable to decode "h.yaml": json: cannot unmarshal string into Go value of type unstructured.detector\n',
      code: 1,
    });
  });
});
