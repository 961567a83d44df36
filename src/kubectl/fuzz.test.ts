/**
 * Robustness: random and mutated command lines and manifests never make kubectl throw, always
 * produce string output and an integer exit code, and never end in an internal error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { completions } from './completions.ts';
import { runLine } from './shell.ts';
import { createFakeHost } from './testing/fakeApi.ts';

const SEEDS = [
  'kubectl get pods',
  'kubectl get pods,deploy -A -o wide',
  'kubectl get ns -o yaml',
  'kubectl create namespace blue',
  'kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml',
  'kubectl create -f green-ns.yaml',
  'kubectl create -f nginx.yaml -n blue',
  'kubectl create deployment web --image=nginx --replicas=2',
  'kubectl run web --image=nginx --port=80 -l app=web',
  'kubectl apply -f fuzz.yaml',
  'kubectl delete namespace blue',
  'kubectl delete pods --all',
  'kubectl describe pod nginx -n blue',
  'kubectl describe ns default',
  'kubectl scale deploy web --replicas=3',
  'kubectl expose deployment web --port=80',
  'kubectl set image deployment/web nginx=nginx:1.27',
  'kubectl rollout status deploy/web --timeout=5s',
  'kubectl config set-context --current --namespace=blue',
  'kubectl config get-contexts',
  'kubectl logs nginx -n blue',
  'kubectl events -A',
  'kubectl api-resources -o wide',
  'cat green-ns.yaml && ls',
  'echo "a b" >> notes.txt; cat notes.txt',
];

const TOKENS = [
  '-n',
  '-nblue',
  '-A',
  '-o',
  'yaml',
  'json',
  'name',
  'wide',
  '--dry-run',
  '--dry-run=server',
  '-l',
  'app=web',
  '--show-labels',
  '--no-headers',
  '-f',
  'fuzz.yaml',
  '>',
  '>>',
  '|',
  ';',
  '&&',
  '||',
  '--',
  '"',
  "'",
  '\\',
  '$HOME',
  '*',
  '--replicas=x',
  '--image=',
  'po',
  'deploy',
  'ns',
  'all',
  'pod/nginx',
  '--wait=false',
  '--grace-period=0',
  '--force',
  '-h',
  '--help',
  '__proto__',
  'constructor',
  '한국',
  '😀',
  '\t',
  '{',
  '}',
  '#',
];

/** A seed line with a few random edits: inserted tokens, deleted or replaced characters. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(),
          token: fc.constantFrom(...TOKENS),
        }),
        fc.record({
          kind: fc.constant('delete' as const),
          at: fc.nat(),
          len: fc.integer({ min: 1, max: 5 }),
        }),
        fc.record({
          kind: fc.constant('char' as const),
          at: fc.nat(),
          ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const e of edits) {
      const at = e.at % (s.length + 1);
      if (e.kind === 'insert') s = `${s.slice(0, at)} ${e.token} ${s.slice(at)}`;
      else if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.len);
      else s = s.slice(0, at) + e.ch + s.slice(at);
    }
    return s;
  });

const randomLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.constantFrom(...TOKENS, 'kubectl', 'get', 'create', 'delete', 'describe', 'config'), {
      maxLength: 10,
    })
    .map((t) => t.join(' ')),
);

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
`;

/** Random YAML: mutated manifests, random text, and serialised random values. */
const randomYaml = fc.oneof(
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([at, ins]) => {
    const i = at % (MANIFEST.length + 1);
    return MANIFEST.slice(0, i) + ins + MANIFEST.slice(i);
  }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'x/y', ''),
      kind: fc.constantFrom('Namespace', 'Pod', 'Deployment', 'Service', 'Nope'),
      metadata: fc.dictionary(
        fc.constantFrom('name', 'namespace', 'labels', '__proto__', 'constructor'),
        fc.anything({ maxDepth: 2 }),
      ),
      spec: fc.anything({ maxDepth: 3 }),
    })
    .map((o) => {
      try {
        return stringify(o);
      } catch {
        return 'a: b';
      }
    }),
  fc.constant(
    'a: &a [1,2]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  ),
);

function check(r: { stdout: unknown; stderr: unknown; exitCode: unknown }): void {
  expect(typeof r.stdout).toBe('string');
  expect(typeof r.stderr).toBe('string');
  expect(Number.isInteger(r.exitCode)).toBe(true);
  expect(r.stderr).not.toContain('internal error');
}

describe('fuzzing runLine', () => {
  it('survives 10,000 random and mutated command lines and manifests without an exception or a hang', () => {
    let host = createFakeHost();
    let n = 0;
    // Half command lines, half manifests (through create -f and apply -f).
    const input = fc.oneof(
      {
        arbitrary: fc.oneof(mutatedLine, randomLine).map((line) => ({ line, yaml: undefined })),
        weight: 2,
      },
      {
        arbitrary: randomYaml.map((yaml) => ({ line: 'kubectl create -f fuzz.yaml', yaml })),
        weight: 1,
      },
      {
        arbitrary: randomYaml.map((yaml) => ({ line: 'kubectl apply -f fuzz.yaml', yaml })),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(input, ({ line, yaml }) => {
        if (++n % 400 === 0) host = createFakeHost();
        if (yaml !== undefined) host.fs.write('fuzz.yaml', yaml);
        // A hang fails the test by its timeout; speed on hostile input is measured by
        // `npm run bench` (bench/robustness.ts), never asserted here.
        const r = runLine(host, line);
        check(r);
        if (n % 10 === 0)
          expect(Array.isArray(completions(host, line, line.length).items)).toBe(true);
      }),
      { numRuns: 10_000, seed: 20261125 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
