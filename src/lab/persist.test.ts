/**
 * The lab survives a reload, and bad storage never stops it from starting: corrupt JSON, a
 * wrong shape, a replay that no longer matches, a full quota, no storage at all.
 */
import { describe, expect, it } from 'vitest';
import {
  boundTranscript,
  isSavedLab,
  MAX_HISTORY,
  MAX_JOURNAL,
  MAX_TRANSCRIPT,
  MAX_TRANSCRIPT_CHARS,
  type SavedLab,
  STORAGE_KEY,
  type TranscriptEntry,
} from './persist.ts';
import { createLabSession, type LabStorage } from './session.ts';

/** An in-memory `Storage`; `quota` (in characters) makes setItem throw like a full browser store. */
function memoryStorage(
  quota = Number.POSITIVE_INFINITY,
): LabStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

const podsOf = (lab: ReturnType<typeof createLabSession>) =>
  lab.state().pods.map((p) => `${p.namespace}/${p.name} ${p.node} ${p.status}`);

describe('lab persistence', () => {
  it('keeps the shell variables and aliases a learner set (export do=…) across a reload', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('export do="--dry-run=client -o yaml"');
    a.run('alias kk=kubectl');
    const b = createLabSession({ storage });
    const r = b.run('kk run x --image=nginx $do');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(b.run('kubectl get pod x').stderr).toBe(
      'Error from server (NotFound): pods "x" not found\n',
    );
  });

  it('restores files, history, context and the very same cluster after a reload', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    expect(a.notice).toBeUndefined();
    a.run('kubectl create namespace blue');
    a.run('kubectl get pods');
    a.writeFile(
      'web.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: edited\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    );
    a.run('kubectl create -f web.yaml -n blue');
    a.run('kubectl scale deployment web --replicas=3');
    a.run('kubectl config set-context --current --namespace=blue');
    a.run('kubectl get pods -o yaml > pods.yaml');
    a.run('sim stop-node node2');
    a.fastForward(90_000);
    a.run('kubectl create deployment bad --image=nginx:doesnotexist -n default');
    const saved = JSON.parse(storage.data.get(STORAGE_KEY) ?? 'null');
    expect(isSavedLab(saved)).toBe(true);
    // Reads are not replayed; what changed something is.
    expect(
      (saved as SavedLab).journal.map((e) =>
        e.t === 'line' ? e.line : 'path' in e ? `${e.t} ${e.path}` : e.t,
      ),
    ).toEqual([
      'kubectl create namespace blue',
      'write /home/learner/web.yaml',
      'kubectl create -f web.yaml -n blue',
      'kubectl scale deployment web --replicas=3',
      'kubectl config set-context --current --namespace=blue',
      'kubectl get pods -o yaml > pods.yaml',
      'sim stop-node node2',
      'kubectl create deployment bad --image=nginx:doesnotexist -n default',
    ]);

    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.restored', params: { count: 8 } });
    expect(podsOf(b)).toEqual(podsOf(a));
    expect(b.state().nodes).toEqual(a.state().nodes);
    expect(b.state().now).toBe(a.state().now);
    expect(b.state().context).toEqual({ name: 'kubernetes-admin@kubernetes', namespace: 'blue' });
    expect(b.files()).toEqual(a.files());
    expect(b.readFile('pods.yaml')).toBe(a.readFile('pods.yaml'));
    expect(b.history()).toEqual(a.history());
    expect(b.run('kubectl get pods -n blue').stdout).toBe(a.run('kubectl get pods -n blue').stdout);
  });

  it('keeps only the last 200 history lines', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    for (let i = 0; i < MAX_HISTORY + 5; i++) a.run(`echo ${i}`);
    expect(a.history()).toHaveLength(MAX_HISTORY);
    expect(a.history()[0]).toBe('echo 5');
    const b = createLabSession({ storage });
    expect(b.history()).toEqual(a.history());
  });

  it('brings back what the console printed: output, errors and exit codes, after a reload', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl create namespace blue');
    a.run('kubectl get pdos');
    a.run('kubectl get namespaces');
    const b = createLabSession({ storage });
    expect(b.transcript()).toEqual([
      {
        line: 'kubectl create namespace blue',
        stdout: 'namespace/blue created\n',
        stderr: '',
        exit: 0,
      },
      {
        line: 'kubectl get pdos',
        stdout: '',
        stderr: 'error: the server doesn\'t have a resource type "pdos"\n',
        exit: 1,
      },
      {
        line: 'kubectl get namespaces',
        stdout: [
          'NAME              STATUS   AGE',
          'blue              Active   30s',
          'default           Active   5d',
          'kube-node-lease   Active   5d',
          'kube-public       Active   5d',
          'kube-system       Active   5d',
          '',
        ].join('\n'),
        stderr: '',
        exit: 0,
      },
    ]);
    // A line after the reload joins them; `clear` empties what the next visit shows.
    b.run('kubectl get ns blue');
    expect(
      createLabSession({ storage })
        .transcript()
        .map((e) => e.line),
    ).toEqual([
      'kubectl create namespace blue',
      'kubectl get pdos',
      'kubectl get namespaces',
      'kubectl get ns blue',
    ]);
    b.run('clear');
    expect(createLabSession({ storage }).transcript()).toEqual([]);
    // The Clear button does the same, and keeps the history.
    b.run('kubectl get ns blue');
    b.clearTranscript();
    const c = createLabSession({ storage });
    expect(c.transcript()).toEqual([]);
    expect(c.history().at(-1)).toBe('kubectl get ns blue');
  });

  it('keeps the newest 200 console entries within 64 KB; a huge output is cut, marked', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    for (let i = 0; i < MAX_TRANSCRIPT + 5; i++) a.run(`echo ${i}`);
    const b = createLabSession({ storage });
    expect(b.transcript()).toHaveLength(MAX_TRANSCRIPT);
    expect(b.transcript()[0]).toEqual({ line: 'echo 5', stdout: '5\n', stderr: '', exit: 0 });

    const entry = (i: number, size: number): TranscriptEntry => ({
      line: `echo ${i}`,
      stdout: 'x'.repeat(size),
      stderr: '',
      exit: 0,
    });
    // 10 entries of 10 KB: the newest six fit in 64 KB.
    const big = Array.from({ length: 10 }, (_, i) => entry(i, 10_000));
    expect(boundTranscript(big).map((e) => e.line)).toEqual([
      'echo 4',
      'echo 5',
      'echo 6',
      'echo 7',
      'echo 8',
      'echo 9',
    ]);
    // One output larger than the whole budget: kept (it is the newest), cut to fit, marked.
    const [huge] = boundTranscript([entry(0, 10), entry(1, 100_000)]);
    expect(huge?.line).toBe('echo 1');
    expect(huge?.stdout.endsWith('x\n[…]\n')).toBe(true);
    const size = (huge?.line.length ?? 0) + (huge?.stdout.length ?? 0) + (huge?.stderr.length ?? 0);
    expect(size).toBeLessThanOrEqual(MAX_TRANSCRIPT_CHARS);
    // Nothing to drop: the very same array.
    const small = [entry(0, 10)];
    expect(boundTranscript(small)).toBe(small);
  });

  it('keeps the print order of a line whose warning came before its output', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl run tmp --image=nginx');
    a.run('kubectl delete pod tmp --force --grace-period=0');
    const [, forced] = createLabSession({ storage }).transcript();
    expect(forced?.output).toEqual([
      {
        err: true,
        text: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      },
      { err: false, text: 'pod "tmp" force deleted\n' },
    ]);
  });

  it('a lab saved before the transcript existed still loads (no output to show)', () => {
    const storage = memoryStorage();
    createLabSession({ storage }).run('kubectl create namespace blue');
    const saved = JSON.parse(storage.data.get(STORAGE_KEY) ?? 'null') as SavedLab;
    delete saved.transcript;
    storage.data.set(STORAGE_KEY, JSON.stringify(saved));
    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.restored', params: { count: 1 } });
    expect(b.transcript()).toEqual([]);
    expect(b.history()).toEqual(['kubectl create namespace blue']);
  });

  it('corrupt JSON: starts clean and says so', () => {
    const storage = memoryStorage();
    storage.data.set(STORAGE_KEY, '{"v":1,"seed":');
    const lab = createLabSession({ storage });
    expect(lab.notice).toEqual({ key: 'lab.notice.corrupt' });
    expect(lab.files().map((f) => f.name)).toEqual([
      '.kube/config',
      'Dockerfile',
      'index.html',
      'nginx.yaml',
    ]);
    expect(lab.run('kubectl create namespace blue').exitCode).toBe(0);
    // The next save replaces the corrupt value.
    expect(isSavedLab(JSON.parse(storage.data.get(STORAGE_KEY) ?? ''))).toBe(true);
  });

  it('wrong shape: starts clean and says so', () => {
    for (const value of [
      'null',
      '[]',
      '{"v":2}',
      JSON.stringify({
        v: 1,
        seed: 1,
        now: 0,
        files: { a: 3 },
        base: {},
        history: [],
        journal: [],
      }),
      JSON.stringify({
        v: 1,
        seed: 1,
        now: 0,
        files: {},
        base: {},
        history: [],
        journal: [],
        transcript: [{ line: 'kubectl get pods', stdout: 3 }],
      }),
      JSON.stringify({
        v: 1,
        seed: 1,
        now: 0,
        files: {},
        base: {},
        history: [],
        journal: [],
        transcript: [
          { line: 'ls', stdout: '', stderr: '', exit: 0, output: [{ err: 'yes', text: 'a' }] },
        ],
      }),
    ]) {
      const storage = memoryStorage();
      storage.data.set(STORAGE_KEY, value);
      const lab = createLabSession({ storage });
      expect(lab.notice, value).toEqual({ key: 'lab.notice.corrupt' });
      expect(lab.history()).toEqual([]);
    }
  });

  it('a replay that no longer matches: files and history back, the cluster fresh', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl create namespace blue');
    a.writeFile('notes.txt', 'hello\n');
    const saved = JSON.parse(storage.data.get(STORAGE_KEY) ?? '') as SavedLab;
    // As if an older engine had answered differently: this line now fails on replay.
    saved.journal.unshift({
      t: 'line',
      at: saved.journal[0]?.at ?? 0,
      line: 'kubectl create namespace default',
      exit: 0,
    });
    storage.data.set(STORAGE_KEY, JSON.stringify(saved));
    const b = createLabSession({ storage });
    expect(b.notice).toEqual({
      key: 'lab.notice.replayFailed',
      params: { line: 'kubectl create namespace default' },
    });
    expect(b.readFile('notes.txt')).toBe('hello\n');
    expect(b.history()).toEqual(['kubectl create namespace blue']);
    expect(b.state().namespaces.map((n) => n.name)).not.toContain('blue');
    // From here on it saves a journal that replays on a fresh cluster with those files.
    b.run('kubectl create namespace orange');
    const c = createLabSession({ storage });
    expect(c.notice).toEqual({ key: 'lab.notice.restored', params: { count: 1 } });
    expect(c.state().namespaces.map((n) => n.name)).toContain('orange');
    expect(c.readFile('notes.txt')).toBe('hello\n');
  });

  it('a full quota: the lab keeps working and says saving failed (once)', () => {
    const storage = memoryStorage(10);
    const lab = createLabSession({ storage });
    expect(lab.notice).toBeUndefined();
    lab.run('kubectl create namespace blue');
    expect(lab.notice).toEqual({ key: 'lab.notice.saveFailed' });
    lab.dismissNotice();
    expect(lab.run('kubectl get ns blue').exitCode).toBe(0);
    expect(lab.notice).toBeUndefined();
    expect(storage.data.size).toBe(0);
  });

  it('no storage, or storage that throws on read: starts and says nothing will be kept', () => {
    const none = createLabSession();
    expect(none.notice).toEqual({ key: 'lab.notice.unavailable' });
    expect(none.run('kubectl create namespace blue').stdout).toBe('namespace/blue created\n');
    const throwing: LabStorage = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    const lab = createLabSession({ storage: throwing });
    expect(lab.notice).toEqual({ key: 'lab.notice.unavailable' });
    expect(lab.run('kubectl get ns default').exitCode).toBe(0);
    lab.reset();
  });

  it('a journal too long to replay: files and history are kept, the cluster starts fresh', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    for (let i = 0; i <= MAX_JOURNAL; i++) a.writeFile('counter.txt', `${i}\n`);
    expect(a.notice).toEqual({ key: 'lab.notice.tooLarge' });
    a.run('kubectl create namespace blue');
    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.tooLong' });
    expect(b.readFile('counter.txt')).toBe(`${MAX_JOURNAL}\n`);
    expect(b.history()).toEqual(['kubectl create namespace blue']);
    expect(b.state().namespaces.map((n) => n.name)).not.toContain('blue');
  });

  it('a lab too large to store whole drops the journal first', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    // Two 900 KB files: the journal holds them once more, which passes the 2 M limit.
    a.writeFile('a.txt', 'a'.repeat(900_000));
    expect(a.notice).toBeUndefined();
    a.writeFile('b.txt', 'b'.repeat(900_000));
    expect(a.notice).toEqual({ key: 'lab.notice.tooLarge' });
    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.tooLong' });
    expect(b.readFile('b.txt')).toHaveLength(900_000);
  });

  it('reset() forgets the saved lab', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl create namespace blue');
    a.reset();
    const b = createLabSession({ storage });
    expect(b.notice).toBeUndefined();
    expect(b.history()).toEqual([]);
    expect(b.state().namespaces.map((n) => n.name)).not.toContain('blue');
  });
});
