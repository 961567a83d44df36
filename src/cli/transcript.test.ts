import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from './runTranscript.ts';

const dir = join(import.meta.dirname, 'testdata');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.txt'));
// UPDATE_GOLDEN=1 npx vitest run src/cli rewrites the .golden files; review the diff by hand.
const update = process.env.UPDATE_GOLDEN === '1';

describe('transcripts (golden, byte for byte)', () => {
  it.each(scripts)('%s', (file) => {
    const out = runTranscript(readFileSync(join(dir, file), 'utf8'), { seed: 1 });
    const goldenPath = join(dir, file.replace(/\.txt$/, '.golden'));
    if (update || !existsSync(goldenPath)) writeFileSync(goldenPath, out);
    expect(out).toBe(readFileSync(goldenPath, 'utf8'));
  });
});

describe('transcript runner', () => {
  const nodeFailure = readFileSync(join(dir, 'node-failure.txt'), 'utf8');

  it('prints the same bytes for the same seed, and other pod names for another seed', () => {
    const a = runTranscript(nodeFailure, { seed: 7 });
    const b = runTranscript(nodeFailure, { seed: 7 });
    const c = runTranscript(nodeFailure, { seed: 8 });
    expect(a).toBe(b);
    const podNames = (text: string) =>
      [...text.matchAll(/web-[a-z0-9]+-[a-z0-9]{5}/g)].map((m) => m[0]);
    expect(podNames(a).length).toBeGreaterThan(0);
    expect(podNames(c)).not.toEqual(podNames(a));
  });

  it('skips blank and # lines and echoes each command with "$ "', () => {
    const out = runTranscript('# a comment\n\n  kubectl get ns kube-public  \n');
    expect(out).toBe(
      '$ kubectl get ns kube-public\nNAME          STATUS   AGE\nkube-public   Active   5d\n',
    );
  });

  it('runs as `npm run --silent transcript -- --seed N FILE` and reads stdin for -', () => {
    const root = join(import.meta.dirname, '..', '..');
    const cli = join(root, 'src', 'cli', 'transcript.ts');
    const run = (args: string[], input?: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], {
        cwd: root,
        encoding: 'utf8',
        ...(input === undefined ? {} : { input }),
      });
    const file = join(dir, 'container-flow.txt');
    expect(run(['--seed', '1', file])).toBe(readFileSync(file.replace('.txt', '.golden'), 'utf8'));
    expect(run(['-'], 'kubectl get ns default\n')).toBe(
      '$ kubectl get ns default\nNAME      STATUS   AGE\ndefault   Active   5d\n',
    );
  });
});
