/** The starter project (Dockerfile, index.html) in the lab's home, and labs saved before it. */
import { describe, expect, it } from 'vitest';
import { runDocker } from '../cli/docker.ts';
import { createCluster } from '../engine/index.ts';
import { STARTER_DOCKERFILE } from '../engine/registry/index.ts';
import { STARTER_PROJECT, Workspace } from '../kubectl/workspace.ts';
import { memoryStorage } from './memoryStorage.ts';
import { type SavedLab, STORAGE_KEY, withStarterProject } from './persist.ts';
import { createLabSession } from './session.ts';

const HOME = '/home/learner';

/** A save as a lab before the starter project left it: no Dockerfile, no index.html, no mark. */
function older(saved: SavedLab): SavedLab {
  const strip = (files: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(files).filter(
        ([k]) => k !== `${HOME}/Dockerfile` && k !== `${HOME}/index.html`,
      ),
    );
  const { starterProject: _, ...rest } = saved;
  return { ...rest, files: strip(saved.files), base: strip(saved.base) };
}

describe('the starter project', () => {
  it('is in a new lab’s home, and cat shows the Dockerfile docker build reads', () => {
    const lab = createLabSession({ storage: memoryStorage() });
    expect(lab.run('cat Dockerfile').stdout).toBe(
      '# Serve index.html with nginx: docker build -t learner/myweb .\nFROM nginx\nCOPY index.html /usr/share/nginx/html/index.html\n',
    );
    expect(lab.run('cat index.html').stdout).toMatch(/<h1>Hello from my web!<\/h1>/);
  });

  it('comes to a lab saved before it, whose docker build then replays', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    expect(a.run('docker build -t learner/old .').exitCode).toBe(0);
    a.run('echo hi > notes.txt');
    const saved = older(JSON.parse(storage.data.get(STORAGE_KEY) ?? '{}') as SavedLab);
    expect(Object.keys(saved.base)).not.toContain(`${HOME}/Dockerfile`);
    storage.data.set(STORAGE_KEY, JSON.stringify(saved));

    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.restored', params: { count: 2 } });
    expect(b.files().map((f) => f.name)).toEqual([
      '.kube/config',
      'Dockerfile',
      'index.html',
      'nginx.yaml',
      'notes.txt',
    ]);
    expect(b.run('docker images -q learner/old').stdout).toMatch(/^[0-9a-f]{12}\n$/);
    // Saved again, it is marked: the next restore adds nothing.
    b.run('echo more >> notes.txt');
    const again = JSON.parse(storage.data.get(STORAGE_KEY) ?? '{}') as SavedLab;
    expect(again.starterProject).toBe(true);
  });

  it('gives an old save the files its replay needs, keeping a Dockerfile the learner wrote', () => {
    const old: SavedLab = {
      v: 1,
      seed: 1,
      now: 0,
      files: { 'nginx.yaml': 'x', Dockerfile: 'FROM busybox:1.28\n' },
      base: { 'nginx.yaml': 'x' },
      history: [],
      journal: [{ t: 'line', at: 0, line: 'docker build -t learner/old .', exit: 0 }],
    };
    const migrated = withStarterProject(old, STARTER_PROJECT);
    // The learner's own Dockerfile (a relative key of an older save) stays theirs, in both.
    expect(migrated.files).toEqual({
      'nginx.yaml': 'x',
      Dockerfile: 'FROM busybox:1.28\n',
      [`${HOME}/index.html`]: STARTER_PROJECT[`${HOME}/index.html`],
    });
    expect(migrated.base).toEqual({
      'nginx.yaml': 'x',
      [`${HOME}/index.html`]: STARTER_PROJECT[`${HOME}/index.html`],
    });
    // A save without any Dockerfile gets the starter one, and its build finds it.
    const bare = withStarterProject({ ...old, files: { 'nginx.yaml': 'x' } }, STARTER_PROJECT);
    expect(bare.base[`${HOME}/Dockerfile`]).toBe(STARTER_DOCKERFILE);
    const fs = new Workspace(bare.base);
    const built = runDocker(createCluster(), ['build', '-t', 'learner/old', '.'], { fs });
    expect(built.exitCode).toBe(0);
    expect(built.stdout).toMatch(/\nSuccessfully tagged learner\/old:latest\n$/);
    expect(withStarterProject(bare, STARTER_PROJECT)).toBe(bare);
  });
});
