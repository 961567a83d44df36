/** A directory made with mkdir in the lab is still there after a reload, empty or not. */
import { expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession } from './session.ts';

it('mkdir survives a reload, and the file list shows files only', () => {
  const storage = memoryStorage();
  const a = createLabSession({ storage });
  a.run('mkdir -p manifests/empty');
  a.run('echo hi > manifests/a.txt');
  expect(a.files().map((f) => f.name)).toEqual([
    '.kube/config',
    'Dockerfile',
    'index.html',
    'manifests/a.txt',
    'nginx.yaml',
  ]);
  a.run('mkdir solo');
  const b = createLabSession({ storage });
  expect(b.run('ls').stdout).toBe('Dockerfile  index.html  manifests  nginx.yaml  solo\n');
  expect(b.run('ls manifests').stdout).toBe('a.txt  empty\n');
  expect(b.run('ls manifests/empty')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
});
