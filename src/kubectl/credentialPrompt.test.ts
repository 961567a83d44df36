/**
 * A user entry that identifies no one (no username, certificate, token, auth provider or exec
 * plugin) on a TLS cluster: kubectl's interactive loader asks `Please enter Username: ` and reads
 * one word from stdin; the password is then read from a terminal only. A username alone does
 * identify the user (basic auth is sent, which no authenticator of the API server takes: the
 * request is anonymous). The global --token, --username and --password flags override the
 * entry's fields. Outputs as the real kubectl 1.32.5 printed them (bench/kubectlOracle.ts
 * --offline, kubeconfig files naming https://127.0.0.1:1).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(1);
  expect(s.run('kubectl config set-credentials nobody').code).toBe(0);
  expect(s.run('kubectl config set-credentials pw --password=secret').code).toBe(0);
  expect(s.run('kubectl config set-credentials bob --username=bob').code).toBe(0);
  return s;
}

const FORBIDDEN =
  'Error from server (Forbidden): pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"\n';

describe('the username prompt', () => {
  it('nothing on stdin: EOF; a word piped in: the username, then no terminal for the password', () => {
    const { run } = session();
    expect(run('kubectl get pods --user=nobody')).toEqual({
      out: 'Please enter Username: ',
      err: 'error: EOF\n',
      code: 1,
    });
    expect(run("kubectl get pods --user=nobody <<< ''").err).toBe('error: EOF\n');
    expect(run('kubectl get pods --user=nobody <<< bob')).toEqual({
      out: 'Please enter Username: Please enter Password: ',
      err: 'error: error reading input for Password\n',
      code: 1,
    });
    // A password alone identifies no one either.
    expect(run('kubectl get pods --user=pw <<< alice').out).toBe(
      'Please enter Username: Please enter Password: ',
    );
  });

  it('a username (in the entry or --username) asks nothing: basic auth, anonymous to the server', () => {
    const { run } = session();
    expect(run('kubectl get pods --user=bob')).toEqual({ out: '', err: FORBIDDEN, code: 1 });
    expect(run('kubectl get pods --user=nobody --username=bob')).toEqual({
      out: '',
      err: FORBIDDEN,
      code: 1,
    });
    expect(run('kubectl get pods --user=pw --username=alice').err).toBe(FORBIDDEN);
    expect(run('kubectl get pods --user=nobody --password=x').out).toBe('Please enter Username: ');
  });

  it('--token overrides; a token with basic auth is refused before anything is sent', () => {
    const { run } = session();
    expect(run('kubectl get pods --user=nobody --token=abc').err).toBe(
      'error: You must be logged in to the server (Unauthorized)\n',
    );
    expect(run('kubectl get pods --token=abc --username=bob')).toEqual({
      out: '',
      err: 'error: more than one authentication method found for kubernetes-admin; found [token basicAuth], only one is allowed\n',
      code: 1,
    });
    expect(run('kubectl get pods --user=bob --token=abc').err).toBe(
      'error: more than one authentication method found for bob; found [token basicAuth], only one is allowed\n',
    );
    // The admin's certificate identifies it whatever else is sent.
    expect(run('kubectl get pods --token=abc').out).toBe('');
    expect(run('kubectl get pods --username=bob').err).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
