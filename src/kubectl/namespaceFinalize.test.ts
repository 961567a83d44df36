/**
 * A namespace stuck Terminating (audit 17 H12): in 1.32 a normal update or patch cannot change
 * spec.finalizers (namespaceStrategy.PrepareForUpdate keeps the old ones), so the popular
 * `kubectl patch ns X -p '{"spec":{"finalizers":[]}}'` changes nothing; only the `finalize`
 * subresource can (`kubectl replace --raw /api/v1/namespaces/X/finalize -f ns.json`), which
 * prints the server's JSON answer and leaves the content behind in storage.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/** Namespace `red`, held Terminating by a ConfigMap's finalizer. */
function stuck() {
  const s = engineSession(1);
  s.run('kubectl create ns red');
  s.run('kubectl -n red create cm held --from-literal=a=b');
  s.run(`kubectl -n red patch cm held -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
  expect(s.run('kubectl delete ns red --wait=false').out).toBe('namespace "red" deleted\n');
  s.run('sleep 30');
  return s;
}

describe('a Terminating namespace and its spec.finalizers', () => {
  it('a patch that empties spec.finalizers changes nothing: the namespace stays Terminating', () => {
    const { run } = stuck();
    for (const line of [
      `kubectl patch ns red --type=merge -p '{"spec":{"finalizers":[]}}'`,
      `kubectl patch ns red --type=json -p '[{"op":"remove","path":"/spec/finalizers"}]'`,
      `kubectl patch ns red -p '{"spec":{"finalizers":null}}'`,
    ]) {
      expect(run(line)).toEqual({ out: 'namespace/red patched (no change)\n', err: '', code: 0 });
    }
    expect(run("kubectl get ns red -o jsonpath='{.spec.finalizers} {.status.phase}'").out).toBe(
      '["kubernetes"] Terminating',
    );
    expect(
      run(
        `kubectl get ns red -o jsonpath='{.status.conditions[?(@.type=="NamespaceFinalizersRemaining")].message}'`,
      ).out,
    ).toBe(
      'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    );
    // A replace of the whole object keeps them too.
    run('kubectl get ns red -o json > red.json');
    run(`sed -i 's/"kubernetes"//' red.json`);
    expect(run(`grep -A2 '"spec"' red.json`).out).toBe(
      '    "spec": {\n        "finalizers": [\n            \n',
    );
    expect(run('kubectl replace -f red.json').out).toBe('namespace/red replaced\n');
    expect(run("kubectl get ns red -o jsonpath='{.spec.finalizers}'").out).toBe('["kubernetes"]');
  });

  it('replace --raw …/finalize removes it at once, prints the JSON answer, and orphans the content', () => {
    const { run, host } = stuck();
    host.fs.write(
      'fin.json',
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"red"},"spec":{"finalizers":[]}}\n',
    );
    const r = run('kubectl replace --raw /api/v1/namespaces/red/finalize -f fin.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // One line of JSON as the server encodes it (not `namespace/red replaced`).
    expect(r.out).toMatch(
      /^\{"kind":"Namespace","apiVersion":"v1","metadata":\{"name":"red","uid":"[0-9a-f-]+","resourceVersion":"\d+","creationTimestamp":"[^"]+","deletionTimestamp":"[^"]+","deletionGracePeriodSeconds":0,"labels":\{"kubernetes.io\/metadata.name":"red"\},"managedFields":\[\{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":\{"f:metadata":\{"f:labels":\{".":\{\},"f:kubernetes.io\/metadata.name":\{\}\}\}\},"manager":"kubectl-create","operation":"Update",.*\]\},"spec":\{\},"status":\{"phase":"Terminating","conditions":\[.*\]\}\}\n$/,
    );
    expect(r.out.split('\n')).toHaveLength(2);
    expect(run('kubectl get ns red').err).toBe(
      'Error from server (NotFound): namespaces "red" not found\n',
    );
    // The ConfigMap is still in storage and shows up again with a new namespace of that name.
    expect(run('kubectl create ns red').out).toBe('namespace/red created\n');
    expect(run('kubectl get cm held -n red -o name').out).toBe('configmap/held\n');
  });

  it('replace --raw checks its flags and path as kubectl 1.32 does', () => {
    const { run, host } = stuck();
    host.fs.write(
      'fin.json',
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"red"},"spec":{"finalizers":[]}}\n',
    );
    const err = (line: string) => {
      const r = run(line);
      return [r.err, r.code];
    };
    expect(err('kubectl replace --raw /api/v1/namespaces/red/finalize')).toEqual([
      'error: must specify one of -f and -k\n',
      1,
    ]);
    expect(
      err('kubectl replace --raw /api/v1/namespaces/red/finalize -f a.json -f b.json'),
    ).toEqual(['error: --raw can only use a single local file or stdin\n', 1]);
    expect(
      err('kubectl replace --raw /api/v1/namespaces/red/finalize -f fin.json -o json'),
    ).toEqual(['error: --raw and --output are mutually exclusive\n', 1]);
    expect(err('kubectl replace --raw api/v1/namespaces/red/finalize -f fin.json')).toEqual([
      'error: --raw must be a valid URL path: parse "api/v1/namespaces/red/finalize": invalid URI for request\n',
      1,
    ]);
    expect(err('kubectl replace --raw /api/v1/namespaces/red/finalize -f nope.json')).toEqual([
      'error: open nope.json: no such file or directory\n',
      1,
    ]);
    expect(err('kubectl replace --raw /api/v1/namespaces/blue/finalize -f fin.json')).toEqual([
      'Error from server (BadRequest): the name of the object (red) does not match the name on the URL (blue)\n',
      1,
    ]);
    // Nothing changed: still Terminating.
    expect(run("kubectl get ns red -o jsonpath='{.status.phase}'").out).toBe('Terminating');
  });
});

describe('deleting a namespace that is already Terminating', () => {
  // The namespace REST storage's Delete: while spec.finalizers hold it, another delete is a
  // Conflict (the text kubectl users meet, two spaces after the first sentence included).
  const CONFLICT =
    'Error from server (Conflict): Operation cannot be fulfilled on namespaces "red": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.\n';

  it('is refused with Conflict, --force, --wait=false and a server dry run alike', () => {
    const { run } = stuck();
    expect(run('kubectl delete ns red')).toEqual({ out: '', err: CONFLICT, code: 1 });
    expect(run('kubectl delete ns red --wait=false')).toEqual({ out: '', err: CONFLICT, code: 1 });
    expect(run('kubectl delete ns red --dry-run=server')).toEqual({
      out: '',
      err: CONFLICT,
      code: 1,
    });
    expect(run('kubectl delete ns red --force --grace-period=0')).toEqual({
      out: '',
      err: `Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n${CONFLICT}`,
      code: 1,
    });
    // Nothing changed: still Terminating, held by the ConfigMap's finalizer.
    expect(run("kubectl get ns red -o jsonpath='{.status.phase}'").out).toBe('Terminating');
    // Once the content is gone the namespace goes by itself; a delete then finds nothing.
    run(`kubectl -n red patch cm held --type=merge -p '{"metadata":{"finalizers":null}}'`);
    run('sleep 30');
    expect(run('kubectl delete ns red').err).toBe(
      'Error from server (NotFound): namespaces "red" not found\n',
    );
  });
});
