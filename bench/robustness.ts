/**
 * Hostile input: how long kubectl takes to answer each with an error (budget: 100 ms each).
 * Runs on a fresh simulated cluster; the cluster must be unchanged afterwards.
 */
import { createCluster } from '../src/engine/index.ts';
import { hostForCluster, runLine } from '../src/kubectl/index.ts';

export interface HostileCase {
  name: string;
  ms: number;
  exitCode: number;
  firstLine: string;
}

function aliasBomb(): string {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++) {
    const ref = `*a${i - 1}`;
    text += `a${i}: &a${i} [${Array(10).fill(ref).join(', ')}]\n`;
  }
  return text;
}

const cases: { name: string; file?: string; line: string }[] = [
  { name: '1 MB paste on the command line', line: `kubectl create ns ${'a'.repeat(1024 * 1024)}` },
  { name: 'YAML alias bomb (10^12 nodes)', file: aliasBomb(), line: 'kubectl create -f f.yaml' },
  {
    name: 'YAML nested 5,000 levels deep',
    file: `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    line: 'kubectl apply -f f.yaml',
  },
  {
    name: 'YAML with a 900 KB scalar',
    file: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${'x'.repeat(900_000)}\n`,
    line: 'kubectl create -f f.yaml',
  },
  {
    name: '__proto__ keys',
    file: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: p\n  __proto__:\n    polluted: true\n',
    line: 'kubectl create -f f.yaml',
  },
  { name: 'control characters', line: 'kubectl get pods \u0007\u001b[31m' },
  {
    name: 'malformed YAML',
    file: 'apiVersion: v1\nkind: [Namespace\n',
    line: 'kubectl create -f f.yaml',
  },
];

/** Measure every hostile case; throws if any of them changed the cluster's namespaces. */
export function measureHostileInput(): HostileCase[] {
  const results: HostileCase[] = [];
  for (const c of cases) {
    const cluster = createCluster({ seed: 1 });
    const host = hostForCluster(cluster);
    const before = JSON.stringify(host.api.list('namespaces', undefined));
    if (c.file !== undefined) host.fs.write('f.yaml', c.file);
    const start = performance.now();
    const r = runLine(host, c.line);
    const ms = performance.now() - start;
    const after = JSON.stringify(host.api.list('namespaces', undefined));
    if (before !== after) {
      throw new Error(`hostile input "${c.name}" changed the cluster`);
    }
    results.push({
      name: c.name,
      ms: Math.round(ms * 10) / 10,
      exitCode: r.exitCode,
      firstLine: (r.stderr || r.stdout).split('\n')[0]?.slice(0, 100) ?? '',
    });
  }
  return results;
}
