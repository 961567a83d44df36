/**
 * What a learner types at nodes (cordon, drain, taint, top, certificate), with the outputs a real
 * kubectl 1.32.5 printed for the same lines on the same cluster (bench/kubectlOracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/** Four web pods spread over the workers, and on node1 a bare pod and one with an emptyDir. */
function cluster() {
  const s = engineSession(1);
  s.run('kubectl create deployment web --image=nginx --replicas=4');
  s.run(
    `kubectl run bare --image=nginx --overrides='{"apiVersion":"v1","spec":{"nodeName":"node1"}}'`,
  );
  s.run(
    `kubectl run scratch --image=nginx --overrides='{"apiVersion":"v1","spec":{"nodeName":"node1","volumes":[{"name":"tmp","emptyDir":{}}]}}'`,
  );
  return s;
}

const proxyOn = (run: ReturnType<typeof cluster>['run'], node: string) =>
  run(
    `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
  ).out;

const webOn = (run: ReturnType<typeof cluster>['run'], node: string) =>
  run(
    `kubectl get pods -l app=web -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{" "}{end}'`,
  )
    .out.trim()
    .split(' ')
    .filter((n) => n !== '');

describe('cordon and uncordon', () => {
  it('take TYPE/NAME, refuse another kind after reading it, and pass a bad -l to the server', () => {
    const { run } = cluster();
    expect(run('kubectl cordon node/node2')).toEqual({
      out: 'node/node2 cordoned\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl uncordon nodes/node2').out).toBe('node/node2 uncordoned\n');
    expect(run('kubectl cordon pod/bare')).toEqual({
      out: '',
      err: 'error: expected resource of type node, got "/v1, Resource=pods"\n',
      code: 1,
    });
    expect(run('kubectl cordon deploy/web').err).toBe(
      'error: expected resource of type node, got "apps/v1, Resource=deployments"\n',
    );
    // The names must map to one resource, checked before any is read.
    expect(run('kubectl cordon node2 pod/bare').err).toBe(
      'error: you may only specify a single resource type\n',
    );
    expect(run('kubectl cordon pod/nothere').err).toBe(
      'Error from server (NotFound): pods "nothere" not found\n',
    );
    expect(run("kubectl cordon -l 'a in (b'")).toEqual({
      out: '',
      err: `Error from server (BadRequest): Unable to find "/v1, Resource=nodes" that match label selector "a in (b", field selector "": unable to parse requirement: found '', expected: ',' or ')'\n`,
      code: 1,
    });
    // Nothing was cordoned by the failures.
    expect(run(`kubectl get nodes -o jsonpath='{.items[*].spec.unschedulable}'`).out).toBe('');
  });

  it('a dry run says so on "already" lines too; the deprecated --dry-run warns once', () => {
    const { run } = cluster();
    run('kubectl cordon node2');
    expect(run('kubectl uncordon node2 node3 --dry-run=server').out).toBe(
      'node/node2 uncordoned (server dry run)\nnode/node3 already uncordoned (server dry run)\n',
    );
    const r = run('kubectl uncordon node2 node3 --dry-run');
    expect(r.out).toBe(
      'node/node2 uncordoned (dry run)\nnode/node3 already uncordoned (dry run)\n',
    );
    expect(r.err.match(/helpers\.go:702\] --dry-run is deprecated/g)).toHaveLength(1);
    expect(run(`kubectl get node node2 -o jsonpath='{.spec.unschedulable}'`).out).toBe('true');
  });
});

describe('drain', () => {
  it('groups the refusals by message, in the order their first pod is listed', () => {
    const { run } = cluster();
    const proxy = proxyOn(run, 'node1');
    const bare =
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare';
    const scratch =
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch';
    const ds = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}`;
    expect(run('kubectl drain node1')).toEqual({
      out: 'node/node1 cordoned\n',
      err: `error: unable to drain node "node1" due to error: [${bare}, ${scratch}, ${ds}], continuing command...\nThere are pending nodes to be drained:\n node1\n${bare}\n${scratch}\n${ds}\n`,
      code: 1,
    });
    expect(run('kubectl drain node1 --ignore-daemonsets').err).toBe(
      `error: unable to drain node "node1" due to error: [${bare}, ${scratch}], continuing command...\nThere are pending nodes to be drained:\n node1\n${bare}\n${scratch}\n`,
    );
  });

  it('a client dry run lists the pods in list order, after the warnings', () => {
    const { run } = cluster();
    const web = webOn(run, 'node1');
    expect(web).toHaveLength(1);
    expect(
      run(
        'kubectl drain node1 --ignore-daemonsets --delete-emptydir-data --force --dry-run=client',
      ),
    ).toEqual({
      out: `node/node1 cordoned (dry run)\nevicting pod default/bare (dry run)\nevicting pod default/scratch (dry run)\nevicting pod default/${web[0]} (dry run)\nnode/node1 drained (dry run)\n`,
      err: `Warning: deleting Pods that declare no controller: default/bare, default/scratch; ignoring DaemonSet-managed Pods: kube-system/${proxyOn(run, 'node1')}\n`,
      code: 0,
    });
    expect(run('kubectl get pods -o name').out).toContain('pod/bare\n');
  });

  it('evicts the pod listed last first, then the others in list order (as a real kubectl did)', () => {
    const { run } = cluster();
    const [web] = webOn(run, 'node1');
    expect(run('kubectl drain node1 --ignore-daemonsets --force --delete-emptydir-data').out).toBe(
      `node/node1 cordoned\nevicting pod default/${web}\nevicting pod default/bare\nevicting pod default/scratch\npod/${web} evicted\npod/bare evicted\npod/scratch evicted\nnode/node1 drained\n`,
    );
  });

  it('--pod-selector must parse before any node is read', () => {
    const { run } = cluster();
    expect(run("kubectl drain node1 --pod-selector='a in (b'")).toEqual({
      out: '',
      err: 'error: --pod-selector=<pod_selector> must be a valid label selector\n',
      code: 1,
    });
    expect(run(`kubectl get node node1 -o jsonpath='{.spec.unschedulable}'`).out).toBe('');
  });

  it('--disable-eviction: the pods that went between two polls are printed in list order', () => {
    const { run } = cluster();
    const web = webOn(run, 'node2');
    expect(web.length).toBeGreaterThan(1);
    expect(run('kubectl drain node2 --ignore-daemonsets --disable-eviction')).toEqual({
      out: `node/node2 cordoned\n${[...web]
        .sort()
        .map((n) => `pod/${n} deleted\n`)
        .join('')}node/node2 drained\n`,
      err: `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyOn(run, 'node2')}\n`,
      code: 0,
    });
  });
});

describe('drain --disable-eviction --dry-run=server', () => {
  it('deletes nothing, then waits for the pods all the same, until --timeout', () => {
    const { run } = cluster();
    const web = webOn(run, 'node2').sort();
    const r = run(
      'kubectl drain node2 --ignore-daemonsets --disable-eviction --dry-run=server --timeout=3s',
    );
    expect(r).toEqual({
      out: 'node/node2 cordoned (server dry run)\n',
      err: `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyOn(run, 'node2')}\nThere are pending pods in node "node2" when an error occurred: context deadline exceeded\n${web.map((n) => `pod/${n}\n`).join('')}error: unable to drain node "node2" due to error: context deadline exceeded, continuing command...\nThere are pending nodes to be drained:\n node2\nerror: context deadline exceeded\n`,
      code: 1,
    });
    expect(webOn(run, 'node2').sort()).toEqual(web);
  });
});

describe('taint', () => {
  it('a dry run prints the operation without a dry-run suffix, and -o the node', () => {
    const { run } = cluster();
    expect(run('kubectl taint nodes node3 k=v:NoExecute --dry-run=client')).toEqual({
      out: 'node/node3 tainted\n',
      err: '',
      code: 0,
    });
    const yaml = run('kubectl taint nodes node3 k=v:NoExecute --dry-run=client -o yaml').out;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Node\n/);
    expect(yaml).toContain('  taints:\n  - effect: NoExecute\n    key: k\n    value: v\nstatus:\n');
    expect(run('kubectl taint nodes node3 k=v:NoExecute --dry-run=server -o name').out).toBe(
      'node/node3\n',
    );
    expect(run('kubectl taint nodes node3 k=v:NoExecute --dry-run=server').out).toBe(
      'node/node3 tainted\n',
    );
    // Nothing was written.
    expect(run(`kubectl get node node3 -o jsonpath='{.spec.taints}'`).out).toBe('');
    expect(run(`kubectl taint nodes node3 k=v:NoExecute -o jsonpath='{.spec.taints}'`).out).toBe(
      '[{"effect":"NoExecute","key":"k","value":"v"}]',
    );
    expect(run('kubectl taint nodes node3 k=w:NoExecute').err).toBe(
      'error: node node3 already has k taint(s) with same effect(s) and --overwrite is false\n',
    );
  });

  it('goes on past a node it cannot read or change; several errors are one a line, bare', () => {
    const { run } = cluster();
    expect(run('kubectl taint nodes node3 nodex k=v:NoSchedule')).toEqual({
      out: 'node/node3 tainted\n',
      err: 'Error from server (NotFound): nodes "nodex" not found\n',
      code: 1,
    });
    expect(run("kubectl taint nodes -l 'bad sel' k=v:NoSchedule")).toEqual({
      out: '',
      err: `Error from server (BadRequest): Unable to find "/v1, Resource=nodes" that match label selector "bad sel", field selector "": unable to parse requirement: found 'sel', expected: in, notin, =, ==, !=, gt, lt\n`,
      code: 1,
    });
    expect(run('kubectl taint nodes node3 node2 x-')).toEqual({
      out: '',
      err: 'taint "x" not found\ntaint "x" not found\n',
      code: 1,
    });
    // The server's answer is a typed Node: -o json in its struct order, a ResourceList's keys
    // (a Go map) sorted.
    const json = run('kubectl taint nodes node3 k- -o json').out;
    expect(json).toMatch(
      /^\{\n {4}"kind": "Node",\n {4}"apiVersion": "v1",\n {4}"metadata": \{\n {8}"name": "node3",/,
    );
    expect(json).toContain(
      '"capacity": {\n            "cpu": "2",\n            "ephemeral-storage": "61202244Ki",\n            "hugepages-1Gi": "0",\n            "hugepages-2Mi": "0",\n            "memory": "8148204Ki",\n            "pods": "110"\n        },\n        "allocatable": {',
    );
  });

  it('a bad -o fails before anything is read or written', () => {
    const { run } = cluster();
    expect(run('kubectl taint nodes node3 k=v:NoExecute -o bogus')).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "bogus", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      code: 1,
    });
    expect(run(`kubectl get node node3 -o jsonpath='{.spec.taints}'`).out).toBe('');
  });
});

describe('get nodes -o jsonpath', () => {
  it('a filter compares with true and false (parseBool), as a real kubectl does', () => {
    const { run } = cluster();
    run('kubectl cordon node2');
    expect(
      run(`kubectl get nodes -o jsonpath='{.items[?(@.spec.unschedulable==true)].metadata.name}'`),
    ).toEqual({ out: 'node2', err: '', code: 0 });
    expect(
      run(`kubectl get nodes -o jsonpath='{.items[?(@.spec.unschedulable==false)].metadata.name}'`)
        .out,
    ).toBe('');
  });

  it('a filter path may escape dots, compare with another path, or just ask for a key', () => {
    const { run } = cluster();
    expect(
      run(
        `kubectl get nodes -o jsonpath='{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="node1")].metadata.name}'`,
      ).out,
    ).toBe('node1');
    expect(
      run(
        `kubectl get nodes -o jsonpath='{.items[?(@.metadata.labels.node-role\\.kubernetes\\.io/control-plane)].metadata.name}'`,
      ).out,
    ).toBe('control-plane');
    expect(
      run(
        `kubectl get nodes -o jsonpath='{.items[?(@.metadata.name==@.metadata.name)].metadata.name}'`,
      ).out,
    ).toBe('control-plane node1 node2 node3');
  });

  it('values of two kinds do not compare (text/template error)', () => {
    const { run } = cluster();
    const r = run(
      `kubectl get nodes -o jsonpath='{.items[?(@.status.allocatable.pods>100)].metadata.name}'`,
    );
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      'error: error executing jsonpath "{.items[?(@.status.allocatable.pods>100)].metadata.name}": Error executing template: incompatible types for comparison. Printing more information for debugging the template:',
    );
  });
});

describe('top and certificate', () => {
  it('top parses its selectors before it looks for the metrics API', () => {
    const { run } = cluster();
    expect(run("kubectl top node -l 'a in (b'")).toEqual({
      out: '',
      err: "error: unable to parse requirement: found '', expected: ',' or ')'\n",
      code: 1,
    });
    expect(run('kubectl top pod --field-selector=foo').err).toBe(
      "error: invalid selector: 'foo'; can't understand 'foo'\n",
    );
    expect(run('kubectl top node -l role=x').err).toBe('error: Metrics API not available\n');
  });

  it('certificate approve makes its printer before it wants names', () => {
    const { run } = cluster();
    expect(run('kubectl certificate approve -o bogus').err).toBe(
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expect(run('kubectl certificate approve').err).toBe(
      'error: one or more CSRs must be specified as <name> or -f <filename>\n',
    );
  });
});
