/**
 * `kubectl cordon | uncordon | drain` over several nodes or a `--selector`, on the real simulated
 * cluster: kubectl 1.32's RunCordonOrUncordon prints a line a node; RunDrain cordons them all
 * first, then drains one node after another and lists those it could not drain at the end.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl cordon / uncordon with several nodes', () => {
  it('prints one line a node, in the order given, and takes a selector', () => {
    const { run } = engineSession(1);
    expect(run('kubectl cordon node1 node2')).toEqual({
      out: 'node/node1 cordoned\nnode/node2 cordoned\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl cordon node3 node1').out).toBe(
      'node/node3 cordoned\nnode/node1 already cordoned\n',
    );
    expect(run('kubectl uncordon -l kubernetes.io/hostname=node2').out).toBe(
      'node/node2 uncordoned\n',
    );
    expect(run('kubectl uncordon node1 node2 node3 --dry-run=client').out).toBe(
      // "already" gets the dry-run suffix too (checked with a real kubectl 1.32).
      'node/node1 uncordoned (dry run)\nnode/node2 already uncordoned (dry run)\nnode/node3 uncordoned (dry run)\n',
    );
    expect(
      run('kubectl get nodes --no-headers -o custom-columns=N:.metadata.name,U:.spec.unschedulable')
        .out,
    ).toBe(
      'control-plane   <none>\nnode1           true\nnode2           <none>\nnode3           true\n',
    );
  });

  it('a missing node stops the command before any node is touched', () => {
    const { run } = engineSession(1);
    expect(run('kubectl cordon node1 nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): nodes "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl cordon node1').out).toBe('node/node1 cordoned\n');
  });

  it('usage errors: no node and no selector, or both', () => {
    const { run } = engineSession(1);
    expect(run('kubectl uncordon')).toEqual({
      out: '',
      err: "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl drain node1 -l a=b')).toEqual({
      out: '',
      err: "error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl cordon -l nothing=here')).toEqual({ out: '', err: '', code: 0 });
  });
});

describe('kubectl drain with several nodes', () => {
  it('cordons every node first, then drains them one by one; evictions go to stdout', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=3');
    const podOn = (node: string) =>
      run(
        `kubectl get pods -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
      ).out;
    const proxyOn = (node: string) =>
      run(
        `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
      ).out;
    const [web1, web2, proxy1, proxy2] = [
      podOn('node1'),
      podOn('node2'),
      proxyOn('node1'),
      proxyOn('node2'),
    ];
    expect(run('kubectl drain node1 node2 --ignore-daemonsets')).toEqual({
      out: [
        'node/node1 cordoned',
        'node/node2 cordoned',
        `evicting pod default/${web1}`,
        `pod/${web1} evicted`,
        'node/node1 drained',
        `evicting pod default/${web2}`,
        `pod/${web2} evicted`,
        'node/node2 drained',
        '',
      ].join('\n'),
      err: [
        `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy1}`,
        `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy2}`,
        '',
      ].join('\n'),
      code: 0,
    });
  });

  it('goes on past a node it cannot drain, then lists the pending nodes and one error a node', () => {
    const { run } = engineSession(1);
    run('kubectl run solo --image=nginx');
    const node = run(`kubectl get pod solo -o jsonpath='{.spec.nodeName}'`).out;
    const others = ['node1', 'node2', 'node3'].filter((n) => n !== node);
    const proxyOn = (n: string) =>
      run(
        `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${n}")]}{.metadata.name}{end}'`,
      ).out;
    const ds = (n: string) =>
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxyOn(n)}`;
    const solo =
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo';
    const r = run(`kubectl drain ${node} ${others[0]}`);
    expect(r).toEqual({
      out: `node/${node} cordoned\nnode/${others[0]} cordoned\n`,
      err: [
        `error: unable to drain node "${node}" due to error: [${solo}, ${ds(node)}], continuing command...`,
        `error: unable to drain node "${others[0]}" due to error: ${ds(others[0] as string)}, continuing command...`,
        'There are pending nodes to be drained:',
        ` ${node}`,
        ` ${others[0]}`,
        `[${solo}, ${ds(node)}]`,
        ds(others[0] as string),
        '',
      ].join('\n'),
      code: 1,
    });
  });

  it('--dry-run=client evicts nothing and says so on every line', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=3');
    const r = run('kubectl drain node1 --ignore-daemonsets --dry-run=client');
    expect(r.out).toMatch(
      /^node\/node1 cordoned \(dry run\)\nevicting pod default\/web-\S+ \(dry run\)\nnode\/node1 drained \(dry run\)\n$/,
    );
    expect(
      run('kubectl get deploy web --no-headers -o custom-columns=R:.status.readyReplicas').out,
    ).toBe('3\n');
    expect(
      run('kubectl get node node1 --no-headers -o custom-columns=U:.spec.unschedulable').out,
    ).toBe('<none>\n');
  });
});
