/**
 * `kubectl explain` in the lab: its data is a chunk of its own, loaded on first use, and the
 * console runs the line (and every line typed after it) once the data is there, in order.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabStorage } from '../../lab/session.ts';

/**
 * Each test starts from a fresh module graph: the explain data is loaded once per module
 * instance, and with the suite's shared workers (`isolate: false`) another test file may
 * already have loaded it into the modules this file would otherwise share.
 */
async function fresh() {
  vi.resetModules();
  const load = await import('../../kubectl/explain/load.ts');
  const { createLabSession } = await import('../../lab/session.ts');
  const { createLabStore } = await import('../../store/labStore.ts');
  const { createPlayerStore } = await import('../../store/player.ts');
  const { createLabController } = await import('./labController.ts');
  return {
    explainSchemaIfLoaded: load.explainSchemaIfLoaded,
    loadExplainSchema: load.loadExplainSchema,
    createLabSession,
    createLabStore,
    createPlayerStore,
    createLabController,
  };
}

let m: Awaited<ReturnType<typeof fresh>>;
beforeEach(async () => {
  m = await fresh();
});

describe('kubectl explain in the lab', () => {
  it('loads the explain data only for a line that runs explain, then runs the lines in order', async () => {
    const store = m.createLabStore();
    const player = m.createPlayerStore({ stepCount: 0 });
    const controller = m.createLabController({ store, player, defer: (fn) => fn() });
    await controller.ensureLoaded();
    controller.submit('kubectl get ns default -o name');
    expect(m.explainSchemaIfLoaded()).toBeUndefined();

    controller.submit('kubectl explain pod.spec.restartPolicy');
    controller.submit('kubectl get ns kube-public -o name');
    // Waiting for the data: neither line has run yet.
    expect(store.getState().entries.map((e) => e.line)).toEqual(['kubectl get ns default -o name']);

    await m.loadExplainSchema();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const entries = store.getState().entries;
    expect(entries.map((e) => e.line)).toEqual([
      'kubectl get ns default -o name',
      'kubectl explain pod.spec.restartPolicy',
      'kubectl get ns kube-public -o name',
    ]);
    expect(
      entries[1]?.stdout.startsWith(
        'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\n',
      ),
    ).toBe(true);
    expect(entries[1]?.exitCode).toBe(0);
    expect(entries[2]?.stdout).toBe('namespace/kube-public\n');
  });

  it('runs explain through an alias', async () => {
    const store = m.createLabStore();
    const player = m.createPlayerStore({ stepCount: 0 });
    const controller = m.createLabController({ store, player, defer: (fn) => fn() });
    await controller.ensureLoaded();
    controller.submit("alias ke='kubectl explain'");
    controller.submit('ke svc.spec.type');
    await m.loadExplainSchema();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const last = store.getState().entries.at(-1);
    expect(last?.line).toBe('ke svc.spec.type');
    expect(last?.stdout).toContain('FIELD: type <string>\nENUM:\n    ClusterIP\n');
  });

  it('restores a saved lab whose journal ran explain, before the explain data is loaded again', async () => {
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
    await m.loadExplainSchema();
    const first = m.createLabSession({ storage });
    expect(first.run('kubectl explain pod.spec.restartPolicy > rp.txt').exitCode).toBe(0);
    expect(first.run('kubectl create namespace blue').exitCode).toBe(0);

    // A new page: the session module and the explain loader start afresh.
    vi.resetModules();
    const load = await import('../../kubectl/explain/load.ts');
    const session = await import('../../lab/session.ts');
    expect(load.explainSchemaIfLoaded()).toBeUndefined();
    const second = session.createLabSession({ storage });
    expect(second.notice).toEqual({ key: 'lab.notice.restored', params: { count: 2 } });
    expect(second.readFile('rp.txt')).toContain('FIELD: restartPolicy <string>\nENUM:\n');
    expect(second.run('kubectl get ns blue -o name').stdout).toBe('namespace/blue\n');
  });
});
