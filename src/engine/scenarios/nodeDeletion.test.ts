/**
 * `kubectl delete node` under a running kubelet (1.32): the kubelet registers its Node once per
 * start (`registerWithAPIServer` returns at once after `registrationCompleted`), so the Node
 * stays deleted; its status loop only logs `error getting node`. PodGC, 40–60 s later, deletes
 * the pods still bound to the missing node, the ReplicaSet replaces them elsewhere and the
 * kubelet stops their containers. Only a restart of the kubelet registers the Node again.
 */
import { describe, expect, it } from 'vitest';
import { transcriptSession } from './helpers.ts';

const out = (text: string) => ({ out: text, err: '', code: 0 });

describe('deleting the Node object of a running node', () => {
  it('keeps it deleted; PodGC deletes its pods, the kubelet stops them, a restart registers it', () => {
    const { cluster: c, sh } = transcriptSession();
    expect(sh('kubectl create deployment web --image=nginx --replicas=3')).toEqual(
      out('deployment.apps/web created\n'),
    );
    expect(sh('kubectl get pods -o wide')).toEqual(
      out(
        [
          'NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE    NOMINATED NODE   READINESS GATES',
          'web-6dc5cd68db-9ll6r   1/1     Running   0          25s   10.244.3.2   node3   <none>           <none>',
          'web-6dc5cd68db-z45gl   1/1     Running   0          25s   10.244.2.2   node2   <none>           <none>',
          'web-6dc5cd68db-zw86s   1/1     Running   0          25s   10.244.1.2   node1   <none>           <none>',
          '',
        ].join('\n'),
      ),
    );
    expect(sh('kubectl delete node node1')).toEqual(out('node "node1" deleted\n'));
    const nodesWithoutNode1 = out(
      [
        'NAME            STATUS   ROLES           AGE   VERSION',
        'control-plane   Ready    control-plane   5d    v1.32.2',
        'node2           Ready    <none>          5d    v1.32.2',
        'node3           Ready    <none>          5d    v1.32.2',
        '',
      ].join('\n'),
    );
    expect(sh('kubectl get nodes')).toEqual(nodesWithoutNode1);
    expect(sh('sleep 1m')).toEqual(out(''));
    // Still gone: the kubelet does not register a second time.
    expect(sh('kubectl get nodes')).toEqual(nodesWithoutNode1);
    expect(sh('kubectl get pods -o wide')).toEqual(
      out(
        [
          'NAME                   READY   STATUS    RESTARTS   AGE     IP           NODE    NOMINATED NODE   READINESS GATES',
          'web-6dc5cd68db-9ll6r   1/1     Running   0          2m45s   10.244.3.2   node3   <none>           <none>',
          'web-6dc5cd68db-pct45   1/1     Running   0          65s     10.244.2.3   node2   <none>           <none>',
          'web-6dc5cd68db-z45gl   1/1     Running   0          2m45s   10.244.2.2   node2   <none>           <none>',
          '',
        ].join('\n'),
      ),
    );
    // The node lifecycle controller's next pass (every 5 s) finds the Node gone.
    expect(sh('kubectl get events --field-selector involvedObject.kind=Node')).toEqual(
      out(
        [
          'LAST SEEN   TYPE     REASON         OBJECT       MESSAGE',
          '2m15s       Normal   RemovingNode   node/node1   Node node1 event: Removing Node node1 from Controller',
          '',
        ].join('\n'),
      ),
    );
    // The DaemonSet makes no kube-proxy pod for a node that does not exist.
    expect(sh('kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide')).toEqual(
      out(
        [
          'NAME               READY   STATUS    RESTARTS   AGE   IP           NODE            NOMINATED NODE   READINESS GATES',
          'kube-proxy-6htw7   1/1     Running   0          5d    172.18.0.4   node2           <none>           <none>',
          'kube-proxy-8lsxx   1/1     Running   0          5d    172.18.0.2   control-plane   <none>           <none>',
          'kube-proxy-x99rf   1/1     Running   0          5d    172.18.0.5   node3           <none>           <none>',
          '',
        ].join('\n'),
      ),
    );
    // The kubelet, seeing its pod deleted, stops the container.
    expect(
      sh('kubectl get events --field-selector involvedObject.name=web-6dc5cd68db-zw86s'),
    ).toEqual(
      out(
        [
          'LAST SEEN   TYPE     REASON      OBJECT                     MESSAGE',
          // LAST SEEN from eventTime (microseconds), the kubelet's from whole seconds.
          '3m29s       Normal   Scheduled   pod/web-6dc5cd68db-zw86s   Successfully assigned default/web-6dc5cd68db-zw86s to node1',
          '3m30s       Normal   Pulling     pod/web-6dc5cd68db-zw86s   Pulling image "nginx"',
          '3m27s       Normal   Pulled      pod/web-6dc5cd68db-zw86s   Successfully pulled image "nginx" in 3.273s (3.273s including waiting). Image size: 72080558 bytes.',
          '3m27s       Normal   Created     pod/web-6dc5cd68db-zw86s   Created container nginx',
          '3m27s       Normal   Started     pod/web-6dc5cd68db-zw86s   Started container nginx',
          '110s        Normal   Killing     pod/web-6dc5cd68db-zw86s   Stopping container nginx',
          '',
        ].join('\n'),
      ),
    );

    // What travelled after the delete, by seconds since it.
    const deleted = c.messages.find((m) => m.label === 'DELETE /api/v1/nodes/node1')!;
    const since = (at: number) => (at - deleted.at) / 1000;
    const after = c.messages.filter((m) => m.seq > deleted.seq);
    // Nothing from the kubelet re-creates the Node or its Lease (the garbage collector took it).
    expect(
      after
        .filter((m) => m.from === 'kubelet/node1' && m.kind === 'api.create')
        .map((m) => m.ref?.resource),
    ).toEqual(['events', 'events']); // the two Killing events below
    expect(
      after
        .filter((m) => m.from === 'controller-manager' && m.ref?.resource === 'leases')
        .map((m) => m.label),
    ).toEqual(['DELETE /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node1']);
    // PodGC marks the pods Failed and force-deletes them 40–60 s after the Node went.
    const gc = after.filter(
      (m) =>
        m.from === 'controller-manager' &&
        (m.kind === 'api.patch' || m.kind === 'api.delete') &&
        m.ref?.resource === 'pods',
    );
    expect(gc.map((m) => m.label)).toEqual([
      'PATCH /api/v1/namespaces/default/pods/web-6dc5cd68db-zw86s/status',
      'DELETE /api/v1/namespaces/default/pods/web-6dc5cd68db-zw86s',
      'PATCH /api/v1/namespaces/kube-system/pods/kube-proxy-qgxj8/status',
      'DELETE /api/v1/namespaces/kube-system/pods/kube-proxy-qgxj8',
    ]);
    expect(since(gc[0]!.at)).toBeGreaterThanOrEqual(40);
    expect(since(gc[0]!.at)).toBeLessThanOrEqual(60);
    // Then the kubelet stops both pods' containers and sandboxes.
    expect(
      after
        .filter((m) => m.to === 'container-runtime/node1')
        .map((m) => `${m.kind} ${m.ref?.name}`),
    ).toEqual([
      'cri.stopContainer web-6dc5cd68db-zw86s',
      'cri.stopPodSandbox web-6dc5cd68db-zw86s',
      'cri.stopContainer kube-proxy-qgxj8',
      'cri.stopPodSandbox kube-proxy-qgxj8',
    ]);
    expect(
      after.filter((m) => m.to === 'container-runtime/node1').every((m) => m.at > gc[3]!.at),
    ).toBe(true);

    // A restart of the kubelet registers the Node again; the DaemonSet gives it kube-proxy.
    expect(sh('sim stop-node node1').code).toBe(0);
    expect(sh('sim start-node node1')).toEqual(
      out('node "node1" started: its kubelet registers again\n'),
    );
    expect(sh('kubectl get nodes')).toEqual(
      out(
        [
          'NAME            STATUS   ROLES           AGE   VERSION',
          'control-plane   Ready    control-plane   5d    v1.32.2',
          'node1           Ready    <none>          20s   v1.32.2',
          'node2           Ready    <none>          5d    v1.32.2',
          'node3           Ready    <none>          5d    v1.32.2',
          '',
        ].join('\n'),
      ),
    );
    expect(sh('kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide').out).toContain(
      'kube-proxy-2hrwl   1/1     Running   0          35s   172.18.0.3   node1',
    );
    // The new Lease, owned by the new Node, follows at the lease controller's next renewal.
    const node = c.snapshot().get('nodes', undefined, 'node1')!;
    const lease = c.snapshot().get('leases', 'kube-node-lease', 'node1')!;
    expect(lease.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'node1', uid: node.metadata?.uid },
    ]);
    expect(c.errors).toEqual([]);
  });
});
