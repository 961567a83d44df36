/**
 * Audit-10 #23: a Secret's stringData is merged into data on every write and never stored;
 * a data value that is not base64 fails decoding as Go's encoding/json reports it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('secret stringData and base64 data', () => {
  it('merges stringData into data (overriding a same-named key) and drops it', () => {
    const { run, host } = engineSession();
    host.fs.write(
      's.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\nstringData: {user: admin, pass: "pässword"}\ndata: {pass: cGFzcw==, other: eA==}\n',
    );
    expect(run('kubectl apply -f s.yaml').out).toBe('secret/s created\n');
    expect(run(`kubectl get secret s -o jsonpath='{.data}|{.stringData}'`).out).toBe(
      '{"other":"eA==","pass":"cMOkc3N3b3Jk","user":"YWRtaW4="}|',
    );
    // A pod can read the key that came from stringData.
    expect(run(`kubectl patch secret s -p '{"stringData":{"user":"root"}}'`).out).toBe(
      'secret/s patched\n',
    );
    expect(run(`kubectl get secret s -o jsonpath='{.data.user}'`).out).toBe('cm9vdA==');
  });

  it('refuses data that is not base64, at the byte Go reports', () => {
    const { run, host } = engineSession();
    host.fs.write(
      's2.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s2}\ndata: {pass: not-base64!}\n',
    );
    expect(run('kubectl apply -f s2.yaml')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): error when creating "s2.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n',
      code: 1,
    });
    host.fs.write(
      's3.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s3}\ndata: {a: YWJj, b: YWI}\n',
    );
    expect(run('kubectl create -f s3.yaml').err).toBe(
      'Error from server (BadRequest): error when creating "s3.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0\n',
    );
  });
});
