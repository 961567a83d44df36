/**
 * configMapGenerator / secretGenerator as kubectl 1.32 (kustomize v5.5) builds them: the hash
 * of the content alone, empty generators, `behavior: merge|replace` in overlays, the global
 * options, and the generators' errors. Every expected text was printed by a real kubectl 1.32.5.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

describe('generated names', () => {
  it('hashes an empty ConfigMap (no data field) and an empty Secret (data: {})', () => {
    const { run } = session({
      'kustomization.yaml':
        'configMapGenerator:\n- name: empty\nsecretGenerator:\n- name: nothing\n',
    });
    expect(run('kubectl kustomize')).toEqual({
      out: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: empty-6ct58987ht\n---\napiVersion: v1\ndata: {}\nkind: Secret\nmetadata:\n  name: nothing-46f8b28mk5\ntype: Opaque\n',
      err: '',
      code: 0,
    });
  });

  it('reads env files (a bare key is empty) before literals, quotes removed', () => {
    const { run } = session({
      'app.env': '# settings\nMODE=dev\nDEBUG\n  LEVEL=info\n',
      'kustomization.yaml':
        "configMapGenerator:\n- name: env\n  envs:\n  - app.env\n  literals:\n  - OTHER='quoted'\n",
    });
    expect(run('kubectl kustomize').out).toBe(
      'apiVersion: v1\ndata:\n  DEBUG: ""\n  LEVEL: info\n  MODE: dev\n  OTHER: quoted\nkind: ConfigMap\nmetadata:\n  name: env-gddb2fgbgg\n',
    );
  });

  it('lets a true global disableNameSuffixHash win over a generator that asks for one', () => {
    const { run } = session({
      'kustomization.yaml':
        'generatorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n- name: s\n  options:\n    disableNameSuffixHash: false\n  literals:\n  - k=v\n',
    });
    expect(run('kubectl kustomize').out).toBe(
      'apiVersion: v1\ndata:\n  k: dg==\nkind: Secret\nmetadata:\n  name: s\ntype: Opaque\n',
    );
  });
});

describe('behavior: merge and replace in an overlay', () => {
  it('merges data and labels, the overlay winning, and hashes the result', () => {
    const { run } = session({
      'base/kustomization.yaml':
        'configMapGenerator:\n- name: c\n  options:\n    labels:\n      a: base\n      b: base\n  literals:\n  - x=1\n',
      'overlay/kustomization.yaml':
        'resources:\n- ../base\nconfigMapGenerator:\n- name: c\n  behavior: merge\n  options:\n    labels:\n      b: over\n  literals:\n  - x=2\n  - y=3\n',
    });
    expect(run('kubectl kustomize overlay').out).toBe(
      'apiVersion: v1\ndata:\n  x: "2"\n  "y": "3"\nkind: ConfigMap\nmetadata:\n  labels:\n    a: base\n    b: over\n  name: c-ch26dm5f94\n',
    );
  });

  it('keeps the base name, without a hash when the overlay disables it', () => {
    const { run } = session({
      'base/kustomization.yaml':
        'namePrefix: p-\nconfigMapGenerator:\n- name: c\n  literals:\n  - x=1\n',
      'overlay/kustomization.yaml':
        'resources:\n- ../base\nconfigMapGenerator:\n- name: p-c\n  behavior: replace\n  options:\n    disableNameSuffixHash: true\n  literals:\n  - y=2\n',
    });
    expect(run('kubectl kustomize overlay').out).toBe(
      'apiVersion: v1\ndata:\n  "y": "2"\nkind: ConfigMap\nmetadata:\n  name: p-c\n',
    );
  });

  it('merges into a plain ConfigMap of the base, which gets no hash', () => {
    const { run } = session({
      'base/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    z: "1"\ndata:\n  x: "1"\n',
      'base/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'overlay/kustomization.yaml':
        'resources:\n- ../base\nconfigMapGenerator:\n- name: c\n  behavior: merge\n  literals:\n  - y=2\n',
    });
    expect(run('kubectl kustomize overlay').out).toBe(
      'apiVersion: v1\ndata:\n  x: "1"\n  "y": "2"\nkind: ConfigMap\nmetadata:\n  labels:\n    z: "1"\n  name: c\n',
    );
  });
});

describe('generator errors', () => {
  // Go prints the resource map's address, different on every run.
  const pointer = (s: string) => s.replace(/&\{0x[0-9a-f]+ <nil>\}/, '&{0x… <nil>}');
  const { run } = session({
    'b/kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals:\n  - x=1\n',
    'o/kustomization.yaml':
      'resources:\n- ../b\nconfigMapGenerator:\n- name: c\n  literals:\n  - x=2\n',
    'm/kustomization.yaml':
      'configMapGenerator:\n- name: c\n  behavior: merge\n  literals:\n  - x=2\n',
    'l/kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals:\n  - novalue\n',
    'f/kustomization.yaml': 'secretGenerator:\n- name: s\n  files:\n  - key=a=b.txt\n',
    'f2/kustomization.yaml': 'secretGenerator:\n- name: s\n  files:\n  - =b.txt\n',
    'f3/kustomization.yaml': 'configMapGenerator:\n- name: c\n  files:\n  - conf/app.properties\n',
    'n/kustomization.yaml': 'secretGenerator:\n- literals:\n  - a=1\n',
    'r/kustomization.yaml': 'secretGenerator:\n- name: s\n  literals:\n  - a=1\n  - a=2\n',
  });
  const err = (dir: string) => {
    const r = run(`kubectl kustomize ${dir}`);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    return pointer(r.err);
  };

  it('refuses a second create of an existing name, and a merge into nothing', () => {
    expect(err('o')).toBe(
      'error: merging from generator &{0x… <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"c", Namespace:""} exists; behavior must be merge or replace\n',
    );
    expect(err('m')).toBe(
      'error: merging from generator &{0x… <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"ConfigMap", isClusterScoped:false}, Name:"c", Namespace:""} does not exist; cannot merge or replace\n',
    );
  });

  it('words bad literals, file sources, a missing name and a repeated key as kustomize does', () => {
    expect(err('l')).toBe(
      'error: loading KV pairs: literal sources [novalue]: invalid literal source novalue, expected key=value\n',
    );
    expect(err('f')).toBe(
      `error: loading KV pairs: file sources: [key=a=b.txt]: source "key=a=b.txt" key name or file path contains '='\n`,
    );
    expect(err('f2')).toBe(
      'error: loading KV pairs: file sources: [=b.txt]: missing key name for file path "b.txt" in source "=b.txt"\n',
    );
    expect(err('f3')).toBe(
      "error: loading KV pairs: file sources: [conf/app.properties]: evalsymlink failure on '/home/learner/f3/conf/app.properties' : lstat /home/learner/f3/conf: no such file or directory\n",
    );
    expect(err('n')).toBe('error: a configmap must have a name\n');
    expect(err('r')).toBe('error: configmap s illegally repeats the key `a`\n');
  });
});
