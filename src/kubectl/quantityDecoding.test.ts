/**
 * A resource quantity that does not parse fails the request's decoding, as
 * Quantity.UnmarshalJSON makes it fail on a 1.32 API server (audit 15 F17): `128MB` and `1gb`
 * are the classic typos, `500mi` a bad suffix.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const pod = (memory: string) => `apiVersion: v1
kind: Pod
metadata:
  name: q1
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        memory: ${memory}
`;

const FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('quantities in manifests', () => {
  it('refuses what resource.Quantity cannot parse, with its error', () => {
    const { run, host } = engineSession(3);
    for (const [text, why] of [
      ['128MB', FORMAT],
      ['1gb', FORMAT],
      ['abc', FORMAT],
      ['500mi', "unable to parse quantity's suffix"],
      ['"1.2.3"', 'unable to parse numeric part of quantity'],
    ] as const) {
      host.fs.write('q1.yaml', pod(text));
      expect(run('kubectl create -f q1.yaml')).toEqual({
        out: '',
        err: `Error from server (BadRequest): error when creating "q1.yaml": Pod in version "v1" cannot be handled as a Pod: ${why}\n`,
        code: 1,
      });
    }
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('accepts the forms it can parse', () => {
    const { run, host } = engineSession(3);
    host.fs.write('q1.yaml', pod('128Mi'));
    expect(run('kubectl apply -f q1.yaml').out).toBe('pod/q1 created\n');
    host.fs.write('q1.yaml', pod('1e9').replace('name: q1', 'name: q2'));
    expect(run('kubectl apply -f q1.yaml').out).toBe('pod/q2 created\n');
  });
});

describe('quantities as the API server stores them', () => {
  it('are resource.Quantity canonical: 0.5 is 500m, 1 is "1", 1024Mi is 1Gi, 1e9 is 1G', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        cpu: 1\n        memory: 1024Mi\n      requests:\n        cpu: 0.5\n        memory: 1e9\n',
    );
    expect(run('kubectl apply -f p.yaml').out).toBe('pod/p created\n');
    expect(run(`kubectl get pod p -o jsonpath='{.spec.containers[0].resources}'`).out).toBe(
      '{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m","memory":"1G"}}',
    );
  });
});
