/**
 * `kubectl drain` and pods with emptyDir volumes: drain's localStorageFilter blocks them unless
 * --delete-emptydir-data (its warning is then dropped by the next filter, as in kubectl 1.32).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('drain with emptyDir pods', () => {
  it('needs --delete-emptydir-data', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    run(
      `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"nodeName":"node1","volumes":[{"name":"tmp","emptyDir":{}}],"containers":[{"name":"nginx","volumeMounts":[{"name":"tmp","mountPath":"/tmp"}]}]}}}}'`,
    );
    const pod = run("kubectl get pods -o jsonpath='{.items[0].metadata.name}'").out;
    const blocked = `cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${pod}`;
    expect(run('kubectl drain node1 --ignore-daemonsets')).toEqual({
      out: 'node/node1 cordoned\n',
      err: `error: unable to drain node "node1" due to error: ${blocked}, continuing command...\nThere are pending nodes to be drained:\n node1\n${blocked}\n`,
      code: 1,
    });
    const r = run('kubectl drain node1 --ignore-daemonsets --delete-emptydir-data');
    expect(r.out).toBe(
      `node/node1 already cordoned\nevicting pod default/${pod}\npod/${pod} evicted\nnode/node1 drained\n`,
    );
    expect(r.err).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-[a-z0-9]+\n$/,
    );
  });
});
