/** The console's working directory (cd) in the lab: kept across a reload, and files by their home path. */
import { expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { STORAGE_KEY } from './persist.ts';
import { createLabSession } from './session.ts';

it('cd survives a reload; the editor names files from home, or absolutely outside it', () => {
  const storage = memoryStorage();
  const a = createLabSession({ storage });
  a.run('mkdir -p app/base');
  a.run('cd app/base');
  a.run('echo x > x.yaml');
  a.run('kubectl get ns -o name > /tmp/ns.txt');
  expect(a.files().map((f) => f.name)).toEqual([
    '.kube/config',
    'Dockerfile',
    'app/base/x.yaml',
    'index.html',
    'nginx.yaml',
    '/tmp/ns.txt',
  ]);
  expect(a.readFile('app/base/x.yaml')).toBe('x\n');
  expect(a.run('vi x.yaml').intent).toEqual({ type: 'edit', path: 'app/base/x.yaml' });
  const b = createLabSession({ storage });
  expect(b.run('pwd').stdout).toBe('/home/learner/app/base\n');
  expect(b.run('cat x.yaml /tmp/ns.txt').stdout).toMatch(/^x\nnamespace\/default\n/);
});

it('a lab saved before absolute paths keeps its files where they were', () => {
  const storage = memoryStorage();
  const a = createLabSession({ storage });
  a.run('echo hi > notes.txt');
  a.run('mkdir -p /opt/course/1 && echo answer > /opt/course/1/a.txt');
  // As an older version saved them: paths relative to the home directory.
  const saved = JSON.parse(storage.data.get(STORAGE_KEY) ?? '{}');
  const legacy = (files: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [
        k.replace(/^\/home\/learner\//, '').replace(/^\//, ''),
        v,
      ]),
    );
  saved.files = legacy(saved.files);
  saved.base = legacy(saved.base);
  storage.data.set(STORAGE_KEY, JSON.stringify(saved));
  const b = createLabSession({ storage });
  expect(b.run('cat notes.txt /opt/course/1/a.txt').stdout).toBe('hi\nanswer\n');
  expect(b.files().map((f) => f.name)).toEqual([
    '.kube/config',
    'Dockerfile',
    'index.html',
    'nginx.yaml',
    'notes.txt',
    '/opt/course/1/a.txt',
  ]);
});
