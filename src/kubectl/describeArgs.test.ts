/**
 * describe.go's Run: the builder's errors are returned after every object found is described
 * (so they come last), and only `describe TYPE NAME` — exactly two arguments — falls back to
 * the objects whose names start with NAME (DescribeMatchingResources).
 */
import { describe, expect, it } from 'vitest';
import { outputChunks } from './host.ts';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl describe arguments', () => {
  it('describes what it found, then reports what it did not find', () => {
    const { run, host } = engineSession(3);
    run('kubectl run a --image=nginx');
    const r = run('kubectl describe pods a nope');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Name: {13}a\n/);
    expect(r.err).toBe('Error from server (NotFound): pods "nope" not found\n');
    // The error is printed after the description, as kubectl returns it at the end.
    const chunks = outputChunks(runLine(host, 'kubectl describe pods a nope'));
    expect(chunks.map((c) => c.err)).toEqual([false, true]);
  });

  it('matches a name prefix only for TYPE NAME; three arguments do not', () => {
    const { run } = engineSession(3);
    run('kubectl run web-1 --image=nginx');
    run('kubectl run web-2 --image=nginx');
    expect(run('kubectl describe pods web').out.match(/^Name: +\S+$/gm)).toHaveLength(2);
    expect(run('kubectl describe pods web web-1')).toMatchObject({
      err: 'Error from server (NotFound): pods "web" not found\n',
      code: 1,
    });
    expect(run('kubectl describe pods web web-1').out).toMatch(/^Name: +web-1\n/);
  });

  it('two TYPE/NAME arguments with one missing take the prefix path too, and find nothing', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl describe deploy/web svc/nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): services "nope" not found\n',
      code: 1,
    });
  });
});
