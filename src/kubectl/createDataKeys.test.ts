/**
 * `kubectl create configmap|secret|serviceaccount` as a real kubectl 1.32.5 answers them:
 * ParseLiteralSource refuses a leading `=`; validation.IsConfigMapKey adds its length limit and
 * hasChDirPrefix (`.`, `..`, `..x`) to the key regex, a ConfigMap joining the reasons with `,`
 * and a Secret with `;`; an explicit -n/--namespace goes into the object (EnforceNamespace).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const REGEX_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('create configmap/secret: literal sources and key names', () => {
  it('a literal with an empty key is not key=value', () => {
    const { run } = engineSession(1);
    const cm = run('kubectl create configmap cm1 --from-literal==value --dry-run=client -o yaml');
    expect(cm.err).toBe('error: invalid literal source =value, expected key=value\n');
    expect(cm.code).toBe(1);
    expect(
      run('kubectl create secret generic s1 --from-literal==value --dry-run=client -o yaml').err,
    ).toBe('error: invalid literal source =value, expected key=value\n');
  });

  it('`.`, `..` and a leading `..` are refused; a single leading dot is fine', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create secret generic s1 --from-literal=.=1 --dry-run=client').err).toBe(
      `error: "." is not valid key name for a Secret must not be '.'\n`,
    );
    expect(run('kubectl create secret generic s1 --from-literal=..=1 --dry-run=client').err).toBe(
      `error: ".." is not valid key name for a Secret must not be '..'\n`,
    );
    expect(run('kubectl create configmap cm1 --from-literal=..a=1 --dry-run=client').err).toBe(
      `error: "..a" is not a valid key name for a ConfigMap: must not start with '..'\n`,
    );
    expect(run('kubectl create configmap cm1 --from-literal=.=1 --dry-run=client').err).toBe(
      `error: "." is not a valid key name for a ConfigMap: must not be '.'\n`,
    );
    expect(
      run('kubectl create configmap cm1 --from-literal=.a=1 --dry-run=client -o name').out,
    ).toBe('configmap/cm1\n');
  });

  it('a key over 253 characters: every reason, joined by "," (ConfigMap) or ";" (Secret)', () => {
    const { run } = engineSession(1);
    const long = 'a'.repeat(254);
    expect(run(`kubectl create configmap cm1 --from-literal=${long}=1 --dry-run=client`).err).toBe(
      `error: "${long}" is not a valid key name for a ConfigMap: must be no more than 253 characters\n`,
    );
    expect(run(`kubectl create configmap cm1 --from-literal=${long}/=1 --dry-run=client`).err).toBe(
      `error: "${long}/" is not a valid key name for a ConfigMap: must be no more than 253 characters,${REGEX_MSG}\n`,
    );
    expect(
      run(`kubectl create secret generic s1 --from-literal=${long}/=1 --dry-run=client`).err,
    ).toBe(
      `error: "${long}/" is not valid key name for a Secret must be no more than 253 characters;${REGEX_MSG}\n`,
    );
  });
});

describe('create with an explicit namespace writes it into the object', () => {
  const yaml = (kind: string, body: string) =>
    `apiVersion: v1\n${body}kind: ${kind}\nmetadata:\n  creationTimestamp: null\n  name: x\n  namespace: dev\n`;

  it('configmap, secret generic, secret docker-registry, serviceaccount', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl create configmap x -n dev --from-literal=a=1 --dry-run=client -o yaml').out,
    ).toBe(yaml('ConfigMap', 'data:\n  a: "1"\n'));
    expect(
      run(
        'kubectl create secret generic x --namespace=dev --from-literal=a=1 --dry-run=client -o yaml',
      ).out,
    ).toBe(yaml('Secret', 'data:\n  a: MQ==\n'));
    expect(
      run(
        'kubectl create secret docker-registry x -n dev --docker-username=u --docker-password=p --dry-run=client -o yaml',
      ).out,
    ).toContain('  name: x\n  namespace: dev\ntype: kubernetes.io/dockerconfigjson\n');
    expect(run('kubectl create serviceaccount x -n dev --dry-run=client -o yaml').out).toBe(
      yaml('ServiceAccount', ''),
    );
    // Without -n the object carries no namespace (the current context's goes in on create).
    expect(
      run('kubectl create configmap x --from-literal=a=1 --dry-run=client -o yaml').out,
    ).not.toContain('namespace:');
  });
});
