/**
 * The name printer's rules (cli-runtime NamePrinter), as kubectl 1.32.5 printed them: an object
 * without a name is `<unknown>`, and a kind is qualified by its API group.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('-o name and success lines for objects without a name', () => {
  it('auth whoami -o name: the SelfSubjectReview has none', () => {
    const { run } = engineSession(3);
    expect(run('kubectl auth whoami -o name')).toEqual({
      out: 'selfsubjectreview.authentication.k8s.io/<unknown>\n',
      err: '',
      code: 0,
    });
  });

  it('a generateName object created with --dry-run=client', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  generateName: cm-\\ndata:\\n  a: b\\n' > gen.yaml",
    );
    expect(run('kubectl create -f gen.yaml --dry-run=client').out).toBe(
      'configmap/<unknown> created (dry run)\n',
    );
    expect(run('kubectl create -f gen.yaml --dry-run=client -o name').out).toBe(
      'configmap/<unknown>\n',
    );
  });
});
