/**
 * A server whose host name does not resolve (`--server https://my-cluster:6443`, a kubeconfig
 * cluster named by DNS): the dial fails at the lookup, at once, and kubectl says so as the real
 * kubectl 1.32.5 did through the oracle (`dial tcp: lookup NAME on RESOLVER: no such host`).
 * The resolver is the laptop's: systemd-resolved's stub 127.0.0.53:53 stands in for the machine's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const discovery = (url: string, why: string) =>
  `"Unhandled Error" err="couldn't get current server API group list: Get \\"${url}/api?timeout=32s\\": ${why}"`;

describe('a server name that does not resolve', () => {
  it('--server with a host name: no such host, after discovery tried five times', () => {
    const { run } = engineSession(1);
    const why = 'dial tcp: lookup foo.bar on 127.0.0.53:53: no such host';
    const r = run('kubectl --server http://foo.bar get pods');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines.slice(0, 5).every((l) => l.endsWith(discovery('http://foo.bar', why)))).toBe(true);
    expect(lines.slice(5)).toEqual([`Unable to connect to the server: ${why}`, '']);
  });

  it('version prints the client first; a name without a scheme gets https (the cluster has a CA)', () => {
    const { run } = engineSession(1);
    expect(run('kubectl --server https://my-cluster:6443 version')).toEqual({
      out: 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
      err: 'Unable to connect to the server: dial tcp: lookup my-cluster on 127.0.0.53:53: no such host\n',
      code: 1,
    });
    const r = run('kubectl -s kubernetes.default.svc get nodes');
    expect(r.err.split('\n')[0]).toContain(
      discovery(
        'https://kubernetes.default.svc',
        'dial tcp: lookup kubernetes.default.svc on 127.0.0.53:53: no such host',
      ),
    );
    // An address that does not answer still times out.
    expect(run('kubectl --server https://10.9.9.9:6443 get pods').err).toContain(
      'Unable to connect to the server: dial tcp 10.9.9.9:6443: i/o timeout\n',
    );
  });

  it('a kubeconfig file whose cluster is named by DNS fails the same way', () => {
    const { run } = engineSession(1);
    const file =
      'apiVersion: v1\\nkind: Config\\nclusters:\\n- name: prod\\n  cluster:\\n    server: https://prod.example.com:6443\\ncontexts:\\n- name: prod\\n  context:\\n    cluster: prod\\n    user: u\\ncurrent-context: prod\\nusers:\\n- name: u\\n  user:\\n    token: abc\\n';
    expect(run(`printf '${file}' > prod.yaml`).code).toBe(0);
    expect(run('kubectl --kubeconfig prod.yaml get pods').err).toMatch(
      /\nUnable to connect to the server: dial tcp: lookup prod\.example\.com on 127\.0\.0\.53:53: no such host\n$/,
    );
  });
});
