/**
 * `kubectl logs svc/NAME` (audit 9 #21): polymorphichelpers.SelectorsForObject reads a
 * Service's spec.selector, and refuses a Service without one.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl logs svc/NAME', () => {
  it('refuses a Service without a selector', () => {
    const { run } = engineSession(10);
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('kubectl logs svc/kubernetes')).toEqual({
      out: '',
      err: "error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n",
      code: 1,
    });
  });

  it("picks among the pods the Service's selector matches, not every pod", () => {
    const { run } = engineSession(10);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl run other --image=nginx');
    run('kubectl expose deploy web --port=80');
    expect(run('kubectl logs svc/web --tail=1').err).toMatch(
      /^Found 2 pods, using pod\/web-\w+-\w{5}\n$/,
    );
  });
});
