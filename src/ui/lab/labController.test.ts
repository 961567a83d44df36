import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../lab/memoryStorage.ts';
import type { LabStorage } from '../../lab/session.ts';
import { createLabStore } from '../../store/labStore.ts';
import { createPlayerStore } from '../../store/player.ts';
import { createLabController } from './labController.ts';

function setup(storage?: LabStorage) {
  const store = createLabStore();
  const player = createPlayerStore({ stepCount: 0 });
  const controller = createLabController({
    store,
    player,
    storage,
    // The real session module, run at once (no paint to wait for in a test).
    defer: (fn) => fn(),
  });
  return { store, player, controller };
}

describe('lab controller against the real session', () => {
  it('runs lines typed before the cluster was ready, in order, and shows kubectl’s output', async () => {
    const { store, controller } = setup();
    controller.submit('kubectl create namespace blue');
    controller.submit('kubectl get namespaces');
    expect(store.getState().status).toBe('loading');
    expect(store.getState().mode).toBe('lab');
    await controller.ensureLoaded();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.pending).toEqual([]);
    expect(s.entries.map((e) => e.line)).toEqual([
      'kubectl create namespace blue',
      'kubectl get namespaces',
    ]);
    expect(s.entries[0]?.stdout).toBe('namespace/blue created\n');
    const rows = (s.entries[1]?.stdout ?? '').split('\n').map((l) => l.split(/\s+/)[0]);
    expect(rows).toEqual([
      'NAME',
      'blue',
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      '',
    ]);
    expect(s.live?.namespaces.map((n) => n.name)).toContain('blue');
    expect(s.history).toEqual(['kubectl create namespace blue', 'kubectl get namespaces']);
  });

  it('plays a command’s steps from the first new one', async () => {
    const { store, player, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('kubectl create namespace blue');
    const first = store.getState().steps.length;
    expect(first).toBeGreaterThan(0);
    // The learner watched that one to its end (or stepped away from it).
    player.getState().seek(first - 1);
    player.getState().pause();
    controller.submit('kubectl create deployment nginx --image=nginx -n blue');
    const steps = store.getState().steps;
    expect(steps.length).toBeGreaterThan(first + 1);
    expect(player.getState().stepCount).toBe(steps.length);
    expect(player.getState().cursor).toBe(first);
    expect(player.getState().status).toBe('playing');
    // The last step shows the pod Running in blue, like the live state.
    const last = steps[steps.length - 1];
    const pod = last?.model.pods.find((p) => p.namespace === 'blue');
    expect(pod?.status).toBe('Running');
    expect(store.getState().live?.model.pods.some((p) => p.namespace === 'blue')).toBe(true);
  });

  it('a one-step line rests on its step (it does not replay the timeline from the start)', async () => {
    const { store, player, controller } = setup();
    await controller.ensureLoaded();
    // A write nothing in the cluster reacts to (one step), then a read (one step).
    controller.submit('kubectl create configmap settings --from-literal=mode=dev');
    controller.submit('kubectl get configmaps');
    expect(store.getState().steps).toHaveLength(2);
    expect(player.getState().cursor).toBe(1);
    expect(player.getState().status).toBe('finished');
  });

  it('a command typed while an earlier one still plays starts at once; the page counts what it skipped', async () => {
    const { store, player, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('kubectl create deployment nginx --image=nginx');
    const first = store.getState().steps.length;
    expect(player.getState()).toMatchObject({ cursor: 0, status: 'playing' });
    player.getState().tick(); // the stage shows the deployment's second step
    await Promise.resolve(); // the learner types the next line later: a new action
    controller.submit('kubectl create namespace orange');
    expect(store.getState().steps.length).toBe(first + 2);
    expect(player.getState()).toMatchObject({ cursor: first, status: 'playing' });
    // Steps 3…first of the deployment were not played: counted, and still in the timeline.
    expect(store.getState().skipped).toEqual({ from: 2, count: first - 2 });
    // The next command that skips nothing clears the count.
    player.getState().seek(first + 1);
    await Promise.resolve();
    controller.submit('kubectl get namespaces');
    expect(store.getState().skipped).toBeUndefined();
  });

  it('typing the first command during the tour switches to the lab and says so; a button does not', async () => {
    const { store, controller } = setup();
    expect(store.getState().mode).toBe('guided');
    controller.submit('kubectl get pods');
    expect(store.getState()).toMatchObject({ mode: 'lab', typedIn: true });
    controller.setMode('guided');
    expect(store.getState().typedIn).toBeUndefined();
    controller.run('kubectl get pods');
    expect(store.getState().mode).toBe('lab');
    expect(store.getState().typedIn).toBeUndefined();
    await controller.ensureLoaded();
  });

  it('lines run in one go (a paste) join the queue instead of cutting each other short', async () => {
    const { store, player, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('kubectl create deployment nginx --image=nginx');
    const first = store.getState().steps.length;
    expect(first).toBeGreaterThan(1);
    expect(player.getState()).toMatchObject({ cursor: 0, status: 'playing' });
    controller.submit('kubectl create namespace orange');
    // The namespace's two steps join the queue behind the deployment's.
    expect(store.getState().steps.length).toBe(first + 2);
    expect(player.getState()).toMatchObject({
      cursor: 0,
      status: 'playing',
      stepCount: first + 2,
    });
  });

  it('bad input prints kubectl’s error, keeps the line in history and adds no step', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('kubectl get pdos');
    const s = store.getState();
    expect(s.entries[0]?.exitCode).toBe(1);
    expect(s.entries[0]?.stderr).toBe('error: the server doesn\'t have a resource type "pdos"\n');
    expect(s.history).toEqual(['kubectl get pdos']);
    expect(s.steps).toEqual([]);
  });

  it('Tab completes against the live cluster; several candidates are listed', async () => {
    const { store, controller } = setup();
    expect(controller.complete(0)).toBeUndefined();
    await controller.ensureLoaded();
    const line = 'kubectl get pods -n kube-s';
    store.getState().dispatch({ type: 'input', value: line });
    expect(controller.complete(line.length)).toBe('kubectl get pods -n kube-system '.length);
    expect(store.getState().input).toBe('kubectl get pods -n kube-system ');
    store.getState().dispatch({ type: 'input', value: 'kubectl get pods -n kube' });
    controller.complete('kubectl get pods -n kube'.length);
    expect(store.getState().input).toBe('kubectl get pods -n kube-');
    expect(store.getState().choices).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('`clear` empties the console; the context’s namespace follows set-context', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    expect(store.getState().live?.context).toEqual({
      name: 'kubernetes-admin@kubernetes',
      namespace: 'default',
    });
    controller.submit('kubectl create namespace blue');
    controller.submit('kubectl config set-context --current --namespace=blue');
    expect(store.getState().entries.at(-1)?.stdout).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    expect(store.getState().live?.context.namespace).toBe('blue');
    controller.submit('clear');
    expect(store.getState().entries).toEqual([]);
  });

  it('a second page with the same storage gets the cluster and history back', async () => {
    const storage = memoryStorage();
    const a = setup(storage);
    await a.controller.ensureLoaded();
    a.controller.submit('kubectl create namespace blue');
    const b = setup(storage);
    await b.controller.ensureLoaded();
    expect(b.store.getState().history).toEqual(['kubectl create namespace blue']);
    expect(b.store.getState().notice).toEqual({
      key: 'lab.notice.restored',
      params: { count: 1 },
    });
    expect(b.store.getState().live?.namespaces.map((n) => n.name)).toContain('blue');
    // The console shows what it showed, and plays nothing (the cluster is already there).
    expect(b.store.getState().entries.map((e) => [e.line, e.stdout, e.exitCode])).toEqual([
      ['kubectl create namespace blue', 'namespace/blue created\n', 0],
    ]);
    expect(b.store.getState().steps).toEqual([]);
    // Clear empties it for the next visit too.
    b.controller.clearOutput();
    expect(b.store.getState().entries).toEqual([]);
    const c = setup(storage);
    await c.controller.ensureLoaded();
    expect(c.store.getState().entries).toEqual([]);
    expect(c.store.getState().history).toEqual(['kubectl create namespace blue']);
  });

  it('corrupt storage still loads, with the notice', async () => {
    const storage = memoryStorage();
    storage.data.set('kim.lab.v1', '{not json');
    const { store, controller } = setup(storage);
    await controller.ensureLoaded();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().notice).toEqual({ key: 'lab.notice.corrupt' });
  });

  it('a module that fails to load says why, and a retry can succeed', async () => {
    const store = createLabStore();
    const player = createPlayerStore({ stepCount: 0 });
    let attempts = 0;
    const controller = createLabController({
      store,
      player,
      defer: (fn) => fn(),
      load: async () => {
        attempts++;
        if (attempts === 1) throw new Error('Failed to fetch dynamically imported module');
        return import('../../lab/session.ts');
      },
    });
    await controller.ensureLoaded();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toBe('Failed to fetch dynamically imported module');
    await controller.ensureLoaded();
    expect(store.getState().status).toBe('ready');
  });
});

describe('a command waiting for an answer (kubectl delete -i)', () => {
  const ASK = 'Do you want to continue? (y/n): ';
  const LIST = `You are about to delete the following 1 resource(s):\nnamespace/blue\n${ASK}`;

  it('the next typed line answers it, echoed in the same entry and not kept in history', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('kubectl create namespace blue');
    controller.submit('kubectl delete namespace blue -i');
    expect(store.getState().live?.question).toBe(ASK);
    expect(store.getState().entries.at(-1)?.stdout).toBe(LIST);
    store.getState().dispatch({ type: 'input', value: 'y' });
    controller.submit();
    const s = store.getState();
    expect(s.input).toBe('');
    expect(s.continuation).toBeUndefined();
    expect(s.live?.question).toBeUndefined();
    expect(s.entries.map((e) => e.line)).toEqual([
      'kubectl create namespace blue',
      'kubectl delete namespace blue -i',
    ]);
    expect(s.entries.at(-1)?.stdout).toBe(`${LIST}y\nnamespace "blue" deleted\n`);
    expect(s.history).toEqual([
      'kubectl create namespace blue',
      'kubectl delete namespace blue -i',
    ]);
    expect(s.live?.namespaces.find((n) => n.name === 'blue')).toBeUndefined();
  });

  it('a quote typed as the answer cancels; Ctrl+C and a button line end the wait with ^C', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('kubectl create namespace blue');
    controller.submit('kubectl delete namespace blue -i');
    // An open quote is an answer too, not a `> ` continuation.
    controller.submit('"no');
    expect(store.getState().continuation).toBeUndefined();
    expect(store.getState().entries.at(-1)?.stdout).toBe(`${LIST}"no\ndeletion is cancelled\n`);
    controller.submit('kubectl delete namespace blue -i');
    expect(controller.interrupt()).toBe(true);
    expect(store.getState().entries.at(-1)).toMatchObject({
      stdout: `${LIST}^C\n`,
      exitCode: 130,
    });
    expect(controller.interrupt()).toBe(false);
    controller.submit('kubectl delete namespace blue -i');
    // A lesson button runs its line as a command: the waiting one is stopped first.
    controller.run('kubectl get namespace blue -o name');
    const s = store.getState();
    expect(s.entries.at(-2)?.stdout).toBe(`${LIST}^C\n`);
    expect(s.entries.at(-1)).toMatchObject({
      line: 'kubectl get namespace blue -o name',
      stdout: 'namespace/blue\n',
    });
    expect(s.live?.question).toBeUndefined();
  });

  it('after a reload the question waits again and the restored console takes the answer', async () => {
    const storage = memoryStorage();
    const first = setup(storage);
    await first.controller.ensureLoaded();
    first.controller.submit('kubectl create namespace blue');
    first.controller.submit('kubectl delete namespace blue -i');
    const { store, controller } = setup(storage);
    await controller.ensureLoaded();
    expect(store.getState().live?.question).toBe(ASK);
    expect(store.getState().entries.at(-1)?.stdout).toBe(LIST);
    controller.submit('n');
    expect(store.getState().entries.at(-1)?.stdout).toBe(`${LIST}n\ndeletion is cancelled\n`);
    expect(store.getState().entries).toHaveLength(2);
  });
});
