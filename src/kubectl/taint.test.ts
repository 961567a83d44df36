/**
 * `kubectl taint` against the simulated cluster: kubectl's words and checks, and what the
 * scheduler (NoSchedule) and the taint-eviction controller (NoExecute) then do.
 */
import { describe, expect, it } from 'vitest';
import { taintString } from './commands/taint.ts';
import { engineSession } from './testing/engineSession.ts';

const session = () => engineSession(1);

const taintsOf = (run: ReturnType<typeof session>['run'], node: string) =>
  run(`kubectl get node ${node} -o jsonpath='{.spec.taints}'`).out;

describe('kubectl taint', () => {
  it('adds, refuses a same-effect change without --overwrite, modifies and removes', () => {
    const { run } = session();
    expect(run('kubectl taint nodes node1 dedicated=special:NoSchedule')).toEqual({
      out: 'node/node1 tainted\n',
      err: '',
      code: 0,
    });
    expect(taintsOf(run, 'node1')).toBe(
      '[{"effect":"NoSchedule","key":"dedicated","value":"special"}]',
    );
    expect(run('kubectl taint nodes node1 dedicated=other:NoSchedule')).toEqual({
      out: '',
      err: 'error: node node1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      code: 1,
    });
    expect(run('kubectl taint nodes node1 dedicated=other:NoSchedule --overwrite').out).toBe(
      'node/node1 modified\n',
    );
    // Another effect is another taint.
    expect(run('kubectl taint node node1 dedicated=other:NoExecute').out).toBe(
      'node/node1 tainted\n',
    );
    expect(run('kubectl taint nodes node1 dedicated:NoSchedule-').out).toBe(
      'node/node1 untainted\n',
    );
    expect(taintsOf(run, 'node1')).toBe(
      '[{"effect":"NoExecute","key":"dedicated","value":"other"}]',
    );
    expect(run('kubectl taint nodes node1 dedicated-').out).toBe('node/node1 untainted\n');
    expect(taintsOf(run, 'node1')).toBe('');
    // A taint without a value.
    expect(run('kubectl taint nodes node1 gpu:NoSchedule').out).toBe('node/node1 tainted\n');
    expect(taintsOf(run, 'node1')).toBe('[{"effect":"NoSchedule","key":"gpu"}]');
    expect(run('kubectl taint nodes node1 gpu:NoSchedule-').out).toBe('node/node1 untainted\n');
    expect(run('kubectl taint nodes node1 dedicated:NoSchedule-')).toEqual({
      out: '',
      err: 'error: taint "dedicated:NoSchedule" not found\n',
      code: 1,
    });
  });

  it('several nodes, a selector, and --all (errors for the nodes without the taint, at the end)', () => {
    const { run } = session();
    expect(run('kubectl taint nodes node2 node3 zone=b:PreferNoSchedule').out).toBe(
      'node/node2 tainted\nnode/node3 tainted\n',
    );
    expect(
      run('kubectl taint nodes -l kubernetes.io/hostname=node1 zone=a:PreferNoSchedule').out,
    ).toBe('node/node1 tainted\n');
    expect(run('kubectl taint nodes --all zone-')).toEqual({
      out: 'node/node1 untainted\nnode/node2 untainted\nnode/node3 untainted\n',
      err: 'error: taint "zone" not found\n',
      code: 1,
    });
  });

  it('rejects bad specs with kubectl usage errors and changes nothing', () => {
    const { run } = session();
    const usage = "\nSee 'kubectl taint -h' for help and examples\n";
    expect(run('kubectl taint nodes node1 foo=bar:Sometimes').err).toBe(
      `error: invalid taint effect: Sometimes, unsupported taint effect${usage}`,
    );
    // Without `:effect` the whole text is the key, and `=` is not allowed in a key.
    expect(run('kubectl taint nodes node1 foo=bar').err).toBe(
      `error: invalid taint spec: foo=bar, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')${usage}`,
    );
    // Validate's checks are plain errors: the resource type, then add-and-remove conflicts
    // (named KEY=EFFECT), checked against a real kubectl 1.32.
    expect(run('kubectl taint pods x a=b:NoSchedule').err).toBe(
      'error: invalid resource type pods, only node types are supported\n',
    );
    expect(run('kubectl taint Deploy x a=b:NoSchedule').err).toBe(
      'error: invalid resource type deploy, only node types are supported\n',
    );
    expect(run('kubectl taint node1 a=b:NoSchedule')).toEqual({
      out: '',
      err: 'the server doesn\'t have a resource type "node1"\n',
      code: 1,
    });
    expect(run('kubectl taint nodes node1 a=b:NoSchedule a-').err).toBe(
      'error: can not both modify and remove the following taint(s) in the same command: a=\n',
    );
    expect(run('kubectl taint nodes node1 a=b:NoSchedule c=d:NoExecute a:NoSchedule- c-').err).toBe(
      'error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule, c=\n',
    );
    expect(run('kubectl taint nodes node1').err).toBe(
      'error: at least one taint update is required\n',
    );
    expect(run('kubectl taint nodes node1 a=b:NoSchedule node2').err).toBe(
      'error: all resources must be specified before taint changes: node2\n',
    );
    expect(run('kubectl taint nodes node9 a=b:NoSchedule').err).toBe(
      'Error from server (NotFound): nodes "node9" not found\n',
    );
    expect(taintsOf(run, 'node1')).toBe('');
  });

  it('NoSchedule keeps a pod Pending with the scheduler saying why; NoExecute evicts it', () => {
    const { run } = session();
    run('kubectl taint nodes node1 node2 node3 dedicated=special:NoSchedule');
    run('kubectl run p --image=nginx');
    expect(run('kubectl get events --field-selector reason=FailedScheduling').out).toContain(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint {dedicated: special}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
    run('kubectl taint nodes node3 dedicated-');
    expect(run("kubectl get pod p -o jsonpath='{.spec.nodeName} {.status.phase}'").out).toBe(
      'node3 Running',
    );
    run('kubectl taint nodes node3 evict=now:NoExecute');
    const events = run('kubectl get events --field-selector involvedObject.name=p').out;
    expect(events).toContain('TaintManagerEviction   pod/p    Marking for deletion Pod default/p');
    expect(events).toContain('Killing                pod/p    Stopping container p');
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});

describe('taintString (v1.Taint.ToString)', () => {
  it('drops what is empty', () => {
    expect(taintString({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule');
    expect(taintString({ key: 'k', effect: 'NoSchedule' })).toBe('k:NoSchedule');
    expect(taintString({ key: 'k', value: 'v' })).toBe('k=v:');
    expect(taintString({ key: 'k' })).toBe('k');
  });
});
