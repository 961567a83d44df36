/**
 * `kubectl wait` on the simulated cluster: objects chosen by `-l` and `--all`, every success
 * printed as `condition met` (deletion too), `--for=create`, and what a missing object does.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl wait', () => {
  it('-l selects the objects to wait for; none selected is an error', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment d --image=nginx --replicas=2');
    const pods = run(`kubectl get pods -l app=d -o jsonpath='{.items[*].metadata.name}'`).out;
    expect(run('kubectl wait --for=condition=Ready pod -l app=d')).toEqual({
      out: pods
        .split(' ')
        .map((p) => `pod/${p} condition met\n`)
        .join(''),
      err: '',
      code: 0,
    });
    expect(run('kubectl wait --for=condition=Ready pod -l app=nope')).toEqual({
      out: '',
      err: 'error: no matching resources found\n',
      code: 1,
    });
    expect(run('kubectl wait --for=condition=Ready pod').err).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
  });

  it('--for=delete says condition met, and nothing for an object already gone', () => {
    const { run } = engineSession(2);
    run('kubectl run web --image=nginx');
    expect(run('kubectl delete pod web --wait=false && kubectl wait --for=delete pod/web')).toEqual(
      { out: 'pod "web" deleted\npod/web condition met\n', err: '', code: 0 },
    );
    expect(run('kubectl wait --for=delete pod/web')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl wait --for=DELETE pod -l run=web')).toEqual({ out: '', err: '', code: 0 });
  });

  it('--for=create waits for the object to exist', () => {
    const { run } = engineSession(2);
    run('kubectl run web --image=nginx');
    expect(run('kubectl wait --for=create pod/web')).toEqual({
      out: 'pod/web condition met\n',
      err: '',
      code: 0,
    });
    // The deployment's pod does not exist yet when the wait starts.
    expect(
      run('kubectl create deployment x --image=nginx && kubectl wait --for=create pod -l app=x')
        .out,
    ).toMatch(/^deployment\.apps\/x created\npod\/x-\w+-\w{5} condition met\n$/);
    expect(run('kubectl wait --for=create pod/later --timeout=2s')).toEqual({
      out: '',
      err: 'error: timed out waiting for the condition\n',
      code: 1,
    });
  });

  it('the condition is read before the objects are looked for', () => {
    const { run } = engineSession(2);
    expect(run('kubectl wait --for=bogus pod')).toEqual({
      out: '',
      err: 'error: unrecognized condition: "bogus"\n',
      code: 1,
    });
  });
});

describe('kubectl wait: one --timeout for all the objects (kubectl 1.32 against a real server)', () => {
  it('an object that used the time up leaves none to the next: each fails, all are printed', () => {
    const { run } = engineSession(1);
    run('sim stop-node node1');
    run('sim advance 2m');
    // node2 and node3 are Ready, but the 1 s went on node1: their watches cannot sync.
    expect(run('kubectl wait --for=condition=Ready nodes --all --timeout=1s')).toEqual({
      out: 'node/control-plane condition met\n',
      err:
        'timed out waiting for the condition on nodes/node1\n' +
        'timed out waiting for the condition on nodes/node2\n' +
        'timed out waiting for the condition on nodes/node3\n',
      code: 1,
    });
    // One failure alone is CheckErr's `error: ` line.
    expect(run('kubectl wait --for=condition=Ready node/node1 node/node2 --timeout=1s')).toEqual({
      out: '',
      err:
        'timed out waiting for the condition on nodes/node1\n' +
        'timed out waiting for the condition on nodes/node2\n',
      code: 1,
    });
    expect(run('kubectl wait --for=condition=Ready node/node2 node/node1 --timeout=1s')).toEqual({
      out: 'node/node2 condition met\n',
      err: 'error: timed out waiting for the condition on nodes/node1\n',
      code: 1,
    });
  });

  it('--for=delete: the next objects are refused by the rate limiter once the time is up', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=3');
    const pods = run(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`).out;
    const [first] = pods.split(' ');
    expect(run('kubectl wait --for=delete pod -l app=web --timeout=1s')).toEqual({
      out: '',
      err:
        `timed out waiting for the condition on pods/${first}\n` +
        'client rate limiter Wait returned an error: context deadline exceeded\n'.repeat(2),
      code: 1,
    });
  });
});

describe('kubectl wait --timeout=0 and below zero', () => {
  function stuck() {
    const s = engineSession(1);
    s.run(
      `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: big\\nspec:\\n  containers:\\n  - name: app\\n    image: nginx\\n    resources:\\n      requests:\\n        cpu: 64\\n' > big.yaml`,
    );
    s.run('kubectl apply -f big.yaml');
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    return s;
  }

  it('0 reads each object once: "condition not met for", for a delete too', () => {
    const { run } = stuck();
    for (const cond of ['condition=Ready', `jsonpath='{.status.phase}'=Running`, 'delete']) {
      expect(run(`kubectl wait --for=${cond} pod/big --timeout=0`)).toEqual({
        out: '',
        err: 'error: condition not met for pods/big\n',
        code: 1,
      });
    }
    const web = run(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`)
      .out.split(' ')
      .map((p) => `pods/${p}`);
    expect(run('kubectl wait --for=delete pod -l app=web --timeout=0')).toEqual({
      out: '',
      err: web.map((p) => `condition not met for ${p}\n`).join(''),
      code: 1,
    });
    expect(
      run(`kubectl wait --for=jsonpath='{.status.phase}'=Pending pod/big --timeout=0`),
    ).toEqual({ out: 'pod/big condition met\n', err: '', code: 0 });
  });

  it('below zero (kubectl: a week) the console stops after 10 minutes and says so', () => {
    const { run, cluster } = stuck();
    const before = cluster.now();
    expect(run('kubectl wait --for=condition=Ready pod --all --timeout=-1s')).toEqual({
      out: '',
      err: '(this console stopped waiting after 10m0s: kubectl wait with a negative --timeout waits up to a week; give a --timeout of your own)\n',
      code: 1,
    });
    expect(cluster.now() - before).toBeGreaterThanOrEqual(10 * 60_000);
    expect(cluster.now() - before).toBeLessThan(11 * 60_000);
  });
});

describe('kubectl wait -o (kubectl 1.32.5: the printer gets the object)', () => {
  it('prints each object met with the -o printer; -o is checked before waiting', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment d --image=nginx --replicas=2');
    const pods = run(`kubectl get pods -l app=d -o jsonpath='{.items[*].metadata.name}'`).out.split(
      ' ',
    );
    expect(run('kubectl wait --for=condition=Ready pod -l app=d -o name').out).toBe(
      pods.map((p) => `pod/${p}\n`).join(''),
    );
    expect(
      run(`kubectl wait --for=condition=Ready pod -l app=d -o jsonpath='{.metadata.name}{"\\n"}'`)
        .out,
    ).toBe(pods.map((p) => `${p}\n`).join(''));
    expect(
      run(
        `kubectl wait deploy d --for=condition=Available -o go-template='{{.status.readyReplicas}}'`,
      ).out,
    ).toBe('2');
    expect(run(`kubectl wait deploy d --for=condition=Available -o yaml`).out).toMatch(
      /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}annotations:/,
    );
    expect(
      run(`kubectl wait pod ${pods[0]} --for=condition=Ready -o jsonpath='{.metadata.name'`),
    ).toEqual({
      out: '',
      err: 'error: error parsing jsonpath {.metadata.name, unclosed action\n',
      code: 1,
    });
    expect(run(`kubectl wait pod ${pods[0]} --for=condition=Ready -o wide`).err).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });
});
