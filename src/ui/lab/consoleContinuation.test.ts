/**
 * bash's `> ` continuation prompt in the lab console: Enter on an incomplete command (an open
 * here-document, an unclosed quote, a trailing `\`) collects the line and runs nothing; the
 * delimiter line runs the whole text as one entry and one history item.
 */
import { describe, expect, it } from 'vitest';
import { createLabSession, type LabStorage } from '../../lab/session.ts';
import { createLabStore, initialLab, reduceLab } from '../../store/labStore.ts';
import { createPlayerStore } from '../../store/player.ts';
import { continuedLines, transcriptText } from './Console.tsx';
import { createLabController } from './labController.ts';

function setup() {
  const store = createLabStore();
  const player = createPlayerStore({ stepCount: 0 });
  const controller = createLabController({ store, player, defer: (fn) => fn() });
  return { store, controller };
}

const HEREDOC = [
  'cat <<EOF | kubectl apply -f -',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  'data:',
  '  mode: dev',
  'EOF',
];

describe('the lab console’s continuation prompt', () => {
  it('collects a here-document line by line and runs it once, as one history item', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    const before = store.getState().entries.length;
    for (const line of HEREDOC.slice(0, -1)) {
      store.getState().dispatch({ type: 'input', value: line });
      controller.submit();
      // Nothing ran yet: the console waits at `> ` with the lines so far.
      expect(store.getState().entries.length).toBe(before);
      expect(store.getState().input).toBe('');
    }
    expect(store.getState().continuation).toBe(HEREDOC.slice(0, -1).join('\n'));
    expect(store.getState().history).toEqual([]);
    store.getState().dispatch({ type: 'input', value: 'EOF' });
    controller.submit();
    const s = store.getState();
    expect(s.continuation).toBeUndefined();
    expect(s.history).toEqual([HEREDOC.join('\n')]);
    expect(s.entries.slice(before).map((e) => [e.line, e.stdout, e.stderr])).toEqual([
      [HEREDOC.join('\n'), 'configmap/settings created\n', ''],
    ]);
    // ↑ brings the whole command back; Enter runs it again as it is.
    store.getState().dispatch({ type: 'historyUp' });
    expect(store.getState().input).toBe(HEREDOC.join('\n'));
    controller.submit();
    expect(store.getState().entries.at(-1)?.stdout).toBe('configmap/settings unchanged\n');
  });

  it('an unclosed quote and a trailing \\ continue; the joined command runs once', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    controller.submit("echo 'one");
    expect(store.getState().continuation).toBe("echo 'one");
    controller.submit("two' \\");
    expect(store.getState().continuation).toBe("echo 'one\ntwo' \\");
    controller.submit('three');
    const last = store.getState().entries.at(-1);
    expect([last?.line, last?.stdout]).toEqual(["echo 'one\ntwo' \\\nthree", 'one\ntwo three\n']);
  });

  it('lines typed while the cluster loads wait complete, and run in order once it is ready', async () => {
    const { store, controller } = setup();
    controller.submit('cat <<EOF');
    controller.submit('hello');
    expect(store.getState().pending).toEqual([]);
    controller.submit('EOF');
    expect(store.getState().pending).toEqual(['cat <<EOF\nhello\nEOF']);
    await controller.ensureLoaded();
    expect(store.getState().entries.at(-1)?.stdout).toBe('hello\n');
  });

  it('a lesson button’s line runs as given, leaving the open command alone', async () => {
    const { store, controller } = setup();
    await controller.ensureLoaded();
    controller.submit('cat <<EOF');
    controller.run('echo from-button');
    expect(store.getState().entries.at(-1)?.stdout).toBe('from-button\n');
    expect(store.getState().continuation).toBe('cat <<EOF');
  });

  it('Ctrl+C drops the open command; a new line starts fresh', () => {
    let s = reduceLab(initialLab(), { type: 'continued', text: 'cat <<EOF\nabc' });
    expect(s.continuation).toBe('cat <<EOF\nabc');
    s = reduceLab(s, { type: 'continuationCancelled' });
    expect(s.continuation).toBeUndefined();
    expect(s.input).toBe('');
    expect(reduceLab(s, { type: 'continuationCancelled' })).toBe(s);
  });
});

describe('a here-document across a reload', () => {
  it('is replayed as one line: the object, the file and the history come back', () => {
    const data = new Map<string, string>();
    const storage: LabStorage = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => {
        data.set(k, v);
      },
      removeItem: (k) => {
        data.delete(k);
      },
    };
    const a = createLabSession({ storage });
    const text = [
      'cat > cm.yaml <<EOF',
      ...HEREDOC.slice(1, -1),
      'EOF',
      'kubectl apply -f cm.yaml',
    ];
    expect(a.run(text.join('\n')).stdout).toBe('configmap/settings created\n');
    const b = createLabSession({ storage });
    expect(b.history()).toEqual([text.join('\n')]);
    expect(b.transcript().map((e) => e.line)).toEqual([text.join('\n')]);
    expect(b.readFile('cm.yaml')).toBe(`${HEREDOC.slice(1, -1).join('\n')}\n`);
    expect(b.run('kubectl get configmap settings -o jsonpath={.data.mode}').stdout).toBe('dev');
  });
});

describe('a multi-line command in the transcript', () => {
  it('shows bash’s > prompt before each line after the first', () => {
    expect(continuedLines('cat <<EOF\na: 1\nEOF')).toBe('cat <<EOF\n> a: 1\n> EOF');
    expect(
      transcriptText([
        { id: 1, line: 'cat <<EOF\na: 1\nEOF', stdout: 'a: 1\n', stderr: '', exitCode: 0 },
      ]),
    ).toBe('$ cat <<EOF\n> a: 1\n> EOF\na: 1\n');
  });
});
