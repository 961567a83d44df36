/**
 * Robustness: random console lines never make the session throw, always give string output
 * and an integer exit code, and the cluster's message log only grows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLabSession } from './session.ts';

const WORDS = [
  'kubectl',
  'k',
  'get',
  'create',
  'delete',
  'describe',
  'scale',
  'cordon',
  'drain',
  'config',
  'set-context',
  '--current',
  '--namespace=blue',
  'namespace',
  'ns',
  'pods',
  'po',
  'deploy',
  'deployment',
  'nodes',
  'node1',
  'node2',
  'web',
  'blue',
  'nginx',
  '-n',
  '-A',
  '-o',
  'yaml',
  'wide',
  '--replicas=2',
  '--image=nginx',
  '-f',
  'nginx.yaml',
  'x.yaml',
  '>',
  '>>',
  ';',
  '&&',
  '||',
  '|',
  'sim',
  'stop-node',
  'start-node',
  'advance',
  '30s',
  'docker',
  'build',
  '-t',
  'push',
  '.',
  'vim',
  'clear',
  'cat',
  'ls',
  'echo',
  'rm',
  "'",
  '"',
  '$(',
  '`',
  '\\',
  '*',
  '~',
  '--dry-run=client',
  'sleep',
  '5',
  '\u0000',
  '한국어',
  '--force',
  '--ignore-daemonsets',
];

const line = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' ')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

describe('lab fuzz', () => {
  it('random lines never throw; output is text; messages only grow', () => {
    const lab = createLabSession();
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        for (const l of lines) {
          const before = lab.cluster.messages.length;
          const r = lab.run(l);
          expect(typeof r.stdout).toBe('string');
          expect(typeof r.stderr).toBe('string');
          expect(Number.isInteger(r.exitCode)).toBe(true);
          expect(r.stderr).not.toMatch(/internal error|TypeError|undefined is not/i);
          expect(lab.cluster.messages.length).toBeGreaterThanOrEqual(before);
          for (const s of r.steps) expect(s.seqFrom).toBeGreaterThanOrEqual(before);
          expect(lab.cluster.errors).toEqual([]);
        }
        expect(Array.isArray(lab.completions(lines[0] ?? '', 3).items)).toBe(true);
      }),
      { numRuns: 60, seed: 42 },
    );
    // Still a working cluster afterwards.
    expect(() => lab.state()).not.toThrow();
  });
});
