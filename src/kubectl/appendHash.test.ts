/**
 * `--append-hash` (audit 11 A7): the hash of k8s.io/kubectl/pkg/util/hash, checked against the
 * values of that package's own tests, then the console's names.
 */
import { describe, expect, it } from 'vitest';
import { configMapHash, secretHash } from './appendHash.ts';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl hash package', () => {
  it('hashes config maps as ConfigMapHash does', () => {
    expect(configMapHash('', {})).toBe('42745tchd9');
    expect(configMapHash('', { one: '' })).toBe('9g67k2htb6');
    expect(configMapHash('', { two: '2', one: '', three: '3' })).toBe('f5h7t85m9b');
    expect(configMapHash('', null)).toBe('dk855m5d49');
    expect(configMapHash('', null, { one: '' })).toBe('mk79584b8c');
    expect(configMapHash('', null, { two: 'Mg==', one: '', three: 'Mw==' })).toBe('t458mc6db2');
    expect(configMapHash('', { one: '' }, { two: '' })).toBe('698h7c7t9m');
  });

  it('hashes secrets as SecretHash does', () => {
    expect(secretHash('', 'my-type', {})).toBe('t75bgf6ctb');
    expect(secretHash('', 'my-type', { one: '' })).toBe('74bd68bm66');
    expect(secretHash('', 'my-type', { two: 'Mg==', one: '', three: 'Mw==' })).toBe('dgcb6h9tmk');
  });
});

describe('create configmap / secret --append-hash', () => {
  it('names the object NAME-<hash of its data>', () => {
    const { run } = engineSession(2);
    const cm = 'c5-47ttmkf88d';
    expect(run('kubectl create configmap c5 --from-literal=k=v --append-hash')).toEqual({
      out: `configmap/${cm} created\n`,
      err: '',
      code: 0,
    });
    expect(run(`kubectl get cm ${cm} -o jsonpath={.data.k}`).out).toBe('v');
    const secret = 's5-cc4d785dbf';
    expect(
      run(
        'kubectl create secret generic s5 --from-literal=k=v --append-hash --dry-run=client -o yaml',
      ).out,
    ).toBe(
      `apiVersion: v1\ndata:\n  k: dg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: ${secret}\n`,
    );
    // The same data hashes the same; other data, another name.
    expect(run('kubectl create configmap c5 --from-literal=k=v --append-hash').err).toBe(
      `error: failed to create configmap: configmaps "${cm}" already exists\n`,
    );
    expect(run('kubectl create configmap c5 --from-literal=k=w --append-hash -o name').out).toBe(
      `configmap/c5-${configMapHash('c5', { k: 'w' })}\n`,
    );
  });
});
