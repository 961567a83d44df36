import { describe, expect, it } from 'vitest';
import type { LabResult, LabStep } from '../lab/session.ts';
import type { StageModel } from '../ui/stage/model.ts';
import {
  applyCompletion,
  createLabStore,
  initialLab,
  type LabEvent,
  type LabLive,
  type LabSnapshot,
  MAX_ENTRIES,
  namespacesOfModel,
  reduceLab,
} from './labStore.ts';

const model: StageModel = {
  nodes: [{ name: 'worker-1', role: 'worker', ready: true, schedulable: true }],
  pods: [
    { uid: 'a', namespace: 'kube-system', name: 'coredns-1', node: 'worker-1', status: 'Running' },
    { uid: 'b', namespace: 'default', name: 'web-1', node: 'worker-1', status: 'Running' },
  ],
  active: [],
  packets: [],
};
const live: LabLive = {
  model,
  namespaces: [
    { name: 'default', phase: 'Active' },
    { name: 'kube-system', phase: 'Active' },
  ],
  context: { name: 'kubernetes-admin@kubernetes', namespace: 'default' },
};

const step = (id: string): LabStep => ({
  id,
  title: { key: 'lab.step.quiet.title' },
  text: { key: 'lab.step.quiet.text', params: { seconds: 1 } },
  model,
  namespaces: live.namespaces,
  messages: [],
  seqFrom: 1,
  seqTo: 0,
  at: 0,
});

const result = (line: string, over: Partial<LabResult> = {}): LabResult => ({
  line,
  stdout: '',
  stderr: '',
  exitCode: 0,
  steps: [],
  ...over,
});

const run = (s: LabSnapshot, events: LabEvent[]) => events.reduce(reduceLab, s);
const ready = () =>
  run(initialLab(), [{ type: 'loadStarted' }, { type: 'loaded', history: [], live }]);

describe('lab store: loading', () => {
  it('goes idle → loading → ready, and ignores a second start', () => {
    const loading = reduceLab(initialLab(), { type: 'loadStarted' });
    expect(loading.status).toBe('loading');
    expect(reduceLab(loading, { type: 'loadStarted' })).toBe(loading);
    const done = reduceLab(loading, {
      type: 'loaded',
      history: ['kubectl get pods'],
      notice: { key: 'lab.notice.restored', params: { count: 1 } },
      live,
    });
    expect(done.status).toBe('ready');
    expect(done.history).toEqual(['kubectl get pods']);
    expect(done.notice?.key).toBe('lab.notice.restored');
    expect(done.live).toBe(live);
  });

  it('queues lines typed while loading, after the restored history, and runs them in order', () => {
    let s = run(initialLab(), [
      { type: 'loadStarted' },
      { type: 'submitted', line: 'kubectl create namespace blue' },
      { type: 'submitted', line: '  kubectl get ns ' },
    ]);
    expect(s.pending).toEqual(['kubectl create namespace blue', 'kubectl get ns']);
    s = reduceLab(s, { type: 'loaded', history: ['kubectl version'], live });
    expect(s.history).toEqual([
      'kubectl version',
      'kubectl create namespace blue',
      'kubectl get ns',
    ]);
    s = reduceLab(s, { type: 'dequeued' });
    expect(s.pending).toEqual(['kubectl get ns']);
  });

  it('a failed load says why and drops the queue', () => {
    const s = run(initialLab(), [
      { type: 'loadStarted' },
      { type: 'submitted', line: 'kubectl get pods' },
      { type: 'loadFailed', error: 'chunk failed' },
    ]);
    expect(s.status).toBe('failed');
    expect(s.error).toBe('chunk failed');
    expect(s.pending).toEqual([]);
    expect(reduceLab(s, { type: 'loadStarted' }).status).toBe('loading');
  });
});

describe('lab store: console', () => {
  it('keeps a bad line in history and shows its error as an entry', () => {
    let s = reduceLab(ready(), { type: 'input', value: 'kubectl get pdos' });
    s = reduceLab(s, { type: 'submitted', line: s.input });
    expect(s.input).toBe('');
    expect(s.history).toEqual(['kubectl get pdos']);
    s = reduceLab(s, {
      type: 'ran',
      result: result('kubectl get pdos', {
        stderr: 'error: the server doesn\'t have a resource type "pdos"\n',
        exitCode: 1,
      }),
      live,
    });
    expect(s.entries).toEqual([
      {
        id: 1,
        line: 'kubectl get pdos',
        stdout: '',
        stderr: 'error: the server doesn\'t have a resource type "pdos"\n',
        exitCode: 1,
      },
    ]);
  });

  it('a line from a button keeps what the learner was typing', () => {
    let s = reduceLab(ready(), { type: 'input', value: 'kubectl get' });
    s = reduceLab(s, { type: 'submitted', line: 'kubectl create namespace blue', keepInput: true });
    expect(s.input).toBe('kubectl get');
    expect(s.history).toEqual(['kubectl create namespace blue']);
    s = reduceLab(s, { type: 'remembered', line: 'sim stop-node node2' });
    expect(s.history).toEqual(['kubectl create namespace blue', 'sim stop-node node2']);
    expect(s.input).toBe('kubectl get');
  });

  it('blank lines are not kept', () => {
    const s = reduceLab(ready(), { type: 'submitted', line: '   ' });
    expect(s.history).toEqual([]);
    expect(s.pending).toEqual([]);
  });

  it('appends each command’s steps to the timeline; `clear` empties the console only', () => {
    let s = reduceLab(ready(), {
      type: 'ran',
      result: result('kubectl create namespace blue', {
        stdout: 'namespace/blue created\n',
        steps: [step('r1-1'), step('r1-2')],
      }),
      live,
    });
    s = reduceLab(s, {
      type: 'ran',
      result: result('kubectl get pods', { steps: [step('r2-1')] }),
      live,
    });
    expect(s.steps.map((x) => x.id)).toEqual(['r1-1', 'r1-2', 'r2-1']);
    expect(s.entries.map((e) => e.id)).toEqual([1, 2]);
    s = reduceLab(s, { type: 'ran', result: result('clear', { intent: { type: 'clear' } }), live });
    expect(s.entries).toEqual([]);
    expect(s.steps).toHaveLength(3);
  });

  it("a line typed in a node shell keeps that shell's prompt; the learner's own lines have none", () => {
    const onNode: LabLive = { ...live, prompt: 'root@node2:~#' };
    let s = reduceLab(ready(), { type: 'ran', result: result('ssh node2'), live: onNode });
    s = reduceLab(s, { type: 'ran', result: result('systemctl stop kubelet'), live: onNode });
    s = reduceLab(s, { type: 'ran', result: result('exit'), live: { ...live, prompt: '$' } });
    s = reduceLab(s, { type: 'ran', result: result('kubectl get nodes'), live });
    expect(s.entries.map((e) => [e.line, e.prompt])).toEqual([
      ['ssh node2', undefined],
      ['systemctl stop kubelet', 'root@node2:~#'],
      ['exit', 'root@node2:~#'],
      ['kubectl get nodes', undefined],
    ]);
  });

  it('keeps the newest entries only', () => {
    let s = ready();
    for (let i = 0; i < MAX_ENTRIES + 5; i++) {
      s = reduceLab(s, { type: 'ran', result: result(`echo ${i}`), live });
    }
    expect(s.entries).toHaveLength(MAX_ENTRIES);
    expect(s.entries[0]?.line).toBe('echo 5');
  });

  it('a `vim FILE` line asks for the file; the editor says when it opened it', () => {
    let s = reduceLab(ready(), {
      type: 'ran',
      result: result('vim green-ns.yaml', { intent: { type: 'edit', path: 'green-ns.yaml' } }),
      live,
    });
    expect(s.openFile).toBe('green-ns.yaml');
    s = reduceLab(s, { type: 'fileOpened' });
    expect(s.openFile).toBeUndefined();
  });

  it('`kubectl edit` opens its temp file too; what closing the editor printed is an entry of its own', () => {
    let s = reduceLab(ready(), {
      type: 'ran',
      result: result('kubectl edit deploy web', {
        intent: { type: 'kubectl-edit', path: 'tmp/kubectl-edit-1.yaml' },
      }),
      live,
    });
    expect(s.openFile).toBe('tmp/kubectl-edit-1.yaml');
    s = reduceLab(s, { type: 'fileOpened' });
    s = reduceLab(s, {
      type: 'ran',
      result: result('', { stdout: 'deployment.apps/web edited\n' }),
      live,
    });
    expect(s.entries.map((e) => [e.line, e.stdout])).toEqual([
      ['kubectl edit deploy web', ''],
      ['', 'deployment.apps/web edited\n'],
    ]);
    expect(s.openFile).toBeUndefined();
  });
});

describe('lab store: history ↑ ↓', () => {
  const withHistory = () =>
    run(ready(), [
      { type: 'submitted', line: 'kubectl create namespace blue' },
      { type: 'submitted', line: 'kubectl get namespaces' },
      { type: 'input', value: 'kubectl get po' },
    ]);

  it('↑ walks back from the newest line and stops at the oldest; ↓ returns to the draft', () => {
    let s = reduceLab(withHistory(), { type: 'historyUp' });
    expect(s.input).toBe('kubectl get namespaces');
    s = reduceLab(s, { type: 'historyUp' });
    expect(s.input).toBe('kubectl create namespace blue');
    expect(reduceLab(s, { type: 'historyUp' })).toBe(s);
    s = reduceLab(s, { type: 'historyDown' });
    expect(s.input).toBe('kubectl get namespaces');
    s = reduceLab(s, { type: 'historyDown' });
    expect(s.input).toBe('kubectl get po');
    expect(s.historyIndex).toBeNull();
    expect(reduceLab(s, { type: 'historyDown' })).toBe(s);
  });

  it('editing a recalled line makes it the new draft', () => {
    let s = reduceLab(withHistory(), { type: 'historyUp' });
    s = reduceLab(s, { type: 'input', value: 'kubectl get namespaces -o name' });
    expect(s.historyIndex).toBeNull();
    s = reduceLab(s, { type: 'historyUp' });
    s = reduceLab(s, { type: 'historyDown' });
    expect(s.input).toBe('kubectl get namespaces -o name');
  });

  it('↑ with no history does nothing', () => {
    const s = ready();
    expect(reduceLab(s, { type: 'historyUp' })).toBe(s);
  });
});

describe('lab store: mode and namespaces', () => {
  it('switches mode', () => {
    const s = reduceLab(ready(), { type: 'setMode', mode: 'lab' });
    expect(s.mode).toBe('lab');
    expect(reduceLab(s, { type: 'setMode', mode: 'lab' })).toBe(s);
  });

  it('lists a guided picture’s namespaces from its pods', () => {
    expect(namespacesOfModel(model)).toEqual([
      { name: 'default', phase: 'Active' },
      { name: 'kube-system', phase: 'Active' },
    ]);
  });
});

describe('tab completion', () => {
  it('one candidate completes the word and adds a space', () => {
    expect(applyCompletion('kubectl cre', 11, { from: 8, items: ['create'] })).toEqual({
      value: 'kubectl create ',
      cursor: 15,
      choices: [],
    });
  });

  it('several candidates complete their common prefix and are listed', () => {
    expect(
      applyCompletion('kubectl get pods -n k', 21, {
        from: 20,
        items: ['kube-node-lease', 'kube-public', 'kube-system'],
      }),
    ).toEqual({
      value: 'kubectl get pods -n kube-',
      cursor: 25,
      choices: ['kube-node-lease', 'kube-public', 'kube-system'],
    });
  });

  it('completes in the middle of a line without doubling the space', () => {
    expect(applyCompletion('kubectl g pods', 9, { from: 8, items: ['get'] })).toEqual({
      value: 'kubectl get pods',
      cursor: 11,
      choices: [],
    });
  });

  it('no candidate leaves the line alone', () => {
    expect(applyCompletion('kubectl zz', 10, { from: 8, items: [] })).toEqual({
      value: 'kubectl zz',
      cursor: 10,
      choices: [],
    });
  });
});

describe('lab store (zustand)', () => {
  it('each store is its own; dispatch applies events', () => {
    const a = createLabStore({ mode: 'lab' });
    const b = createLabStore();
    a.getState().dispatch({ type: 'input', value: 'kubectl get pods' });
    expect(a.getState().input).toBe('kubectl get pods');
    expect(a.getState().mode).toBe('lab');
    expect(b.getState().input).toBe('');
    expect(b.getState().mode).toBe('guided');
  });
});

describe('lab store: a command waiting for an answer', () => {
  const ASK = 'Do you want to continue? (y/n): ';
  const asking: LabLive = { ...live, question: ASK };
  const asked = () =>
    run(ready(), [
      {
        type: 'ran',
        result: result('kubectl delete pod web-1 -i', {
          stdout: `You are about to delete the following 1 resource(s):\npod/web-1\n${ASK}`,
          intent: { type: 'question', prompt: ASK },
        }),
        live: asking,
      },
    ]);

  it('an answer joins the asking entry after its question, streams in order', () => {
    const s = reduceLab(asked(), {
      type: 'ran',
      result: result('', {
        answer: 'y',
        stdout: 'pod "web-1" deleted\n',
        stderr: 'Error from server (NotFound): pods "web-2" not found\n',
        exitCode: 1,
        steps: [step('r2-1')],
      }),
      live,
    });
    expect(s.entries).toHaveLength(1);
    expect(s.entries[0]).toMatchObject({
      id: 1,
      line: 'kubectl delete pod web-1 -i',
      stdout: `You are about to delete the following 1 resource(s):\npod/web-1\n${ASK}y\npod "web-1" deleted\n`,
      stderr: 'Error from server (NotFound): pods "web-2" not found\n',
      exitCode: 1,
    });
    expect(s.entries[0]?.output).toBeUndefined();
    expect(s.steps.map((x) => x.id)).toEqual(['r2-1']);
    expect(s.live?.question).toBeUndefined();
  });

  it('an empty answer keeps waiting; an interrupted question gets ^C; after Clear an answer is an entry of its own', () => {
    let s = reduceLab(asked(), {
      type: 'ran',
      result: result('', { answer: '', intent: { type: 'question', prompt: ASK } }),
      live: asking,
    });
    expect(s.entries[0]?.stdout.endsWith(`${ASK}\n`)).toBe(true);
    s = reduceLab(s, {
      type: 'ran',
      result: result('kubectl get pods', { stdout: 'No resources found\n', interrupted: true }),
      live,
    });
    expect(s.entries.map((e) => [e.line, e.exitCode])).toEqual([
      ['kubectl delete pod web-1 -i', 130],
      ['kubectl get pods', 0],
    ]);
    expect(s.entries[0]?.stdout.endsWith(`${ASK}\n^C\n`)).toBe(true);
    s = run(asked(), [{ type: 'cleared' }]);
    s = reduceLab(s, {
      type: 'ran',
      result: result('', { answer: 'n', stdout: 'deletion is cancelled\n' }),
      live,
    });
    expect(s.entries).toEqual([
      { id: 2, line: '', stdout: 'n\ndeletion is cancelled\n', stderr: '', exitCode: 0 },
    ]);
  });

  it('the answer leaves the input line without going into history', () => {
    const s = run(asked(), [{ type: 'input', value: 'y' }, { type: 'answered' }]);
    expect(s.input).toBe('');
    expect(s.history).toEqual([]);
  });
});
