/**
 * `-n` against a file's own namespace with several objects: the builder fails those objects
 * only (ContinueOnError), the rest is created or applied, and the errors come at the end, as a
 * real kubectl 1.32.5 prints them (oracle runs on the same simulated cluster).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const MISMATCH = (ns: string) =>
  `the namespace from the provided object "team" does not match the namespace "${ns}". You must pass '--namespace=team' to perform this operation.\n`;

function session() {
  const s = engineSession(3);
  s.run('kubectl create namespace team');
  s.host.fs.write(
    'm.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: team\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team\n',
  );
  return s;
}

describe('objects of another namespace than -n', () => {
  it('creates the others and lists each refused object at the end', () => {
    const { run } = session();
    expect(run('kubectl create -f m.yaml -n default')).toEqual({
      out: 'configmap/b created\n',
      err: MISMATCH('default') + MISMATCH('default'),
      code: 1,
    });
  });

  it('apply: the builder errors are one aggregate (one line of distinct texts) among apply errors', () => {
    const { run } = session();
    expect(run('kubectl apply -f m.yaml -n other')).toEqual({
      out: '',
      err: `${MISMATCH('other')}Error from server (NotFound): error when creating "m.yaml": namespaces "other" not found\n`,
      code: 1,
    });
    expect(run('kubectl apply -f m.yaml -n default --dry-run=client')).toEqual({
      out: 'configmap/b created (dry run)\n',
      err: MISMATCH('default') + MISMATCH('default'),
      code: 1,
    });
  });

  it('a lone object is the plain error', () => {
    const { run, host } = session();
    host.fs.write(
      'one.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: z\n  namespace: team\n',
    );
    expect(run('kubectl apply -f one.yaml -n other').err).toBe(`error: ${MISMATCH('other')}`);
  });
});
