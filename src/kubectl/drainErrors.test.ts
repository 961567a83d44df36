/**
 * `kubectl drain` refusals as kubectl 1.32 prints them (pkg/drain/filters.go, cmd/drain): the
 * unmanaged-pod message carries "cannot delete" twice, and several refusals are one aggregate
 * error, `[e1, e2]`, on the first line, then one a line.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl drain refusals', () => {
  it('an unmanaged pod and a DaemonSet pod', () => {
    const { run } = engineSession(3);
    run('kubectl run solo --image=nginx');
    const node = run(`kubectl get pod solo -o jsonpath='{.spec.nodeName}'`).out;
    const proxy = run(
      `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
    ).out;
    expect(proxy).toMatch(/^kube-proxy-\w{5}$/);
    const ds = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}`;
    const solo =
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo';
    expect(run(`kubectl drain ${node}`)).toEqual({
      out: `node/${node} cordoned\n`,
      err: `error: unable to drain node "${node}" due to error: [${ds}, ${solo}], continuing command...\nThere are pending nodes to be drained:\n ${node}\n${ds}\n${solo}\n`,
      code: 1,
    });
    expect(run(`kubectl drain ${node} --ignore-daemonsets`)).toEqual({
      out: `node/${node} already cordoned\n`,
      err: `error: unable to drain node "${node}" due to error: ${solo}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${solo}\n`,
      code: 1,
    });
  });
});
