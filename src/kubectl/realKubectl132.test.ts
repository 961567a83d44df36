/**
 * Outputs compared line by line with the real kubectl 1.32 binary (client-side errors, and the
 * describers fed the same objects through an HTTP bridge to this simulated API server).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const usage = (path: string, msg: string) =>
  `error: ${msg}\nSee '${path} -h' for help and examples\n`;

describe('argument checks in kubectl 1.32 order', () => {
  it('run wants --image before a NAME', () => {
    const { run } = engineSession();
    expect(run('kubectl run')).toEqual({
      out: '',
      err: 'error: required flag(s) "image" not set\n',
      code: 1,
    });
    expect(run('kubectl run --image=nginx').err).toBe(
      usage('kubectl run', 'NAME is required for run'),
    );
  });

  it('set env wants a resource before any change; wait an empty --for is unrecognized', () => {
    const { run } = engineSession();
    expect(run('kubectl set env').err).toBe(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
    );
    expect(run('kubectl wait pod/x').err).toBe('error: unrecognized condition: ""\n');
  });

  it('api-resources, api-versions and version refuse extra arguments', () => {
    const { run } = engineSession();
    expect(run('kubectl api-resources a b')).toEqual({
      out: '',
      err: usage('kubectl api-resources', 'unexpected arguments: [a b]'),
      code: 1,
    });
    expect(run('kubectl api-versions x').err).toBe(
      usage('kubectl api-versions', 'unexpected arguments: [x]'),
    );
    expect(run('kubectl version x y')).toEqual({
      out: '',
      err: 'error: extra arguments: [x y]\n',
      code: 1,
    });
  });

  it('completion checks its shell', () => {
    const { run } = engineSession();
    expect(run('kubectl completion').err).toBe(usage('kubectl completion', 'Shell not specified.'));
    expect(run('kubectl completion fish2').err).toBe(
      usage('kubectl completion', 'Unsupported shell type "fish2".'),
    );
    expect(run('kubectl completion bash zsh').err).toBe(
      "Error: Too many arguments. Expected only the shell type.\nSee 'kubectl completion -h' for help and examples\n",
    );
  });

  it('certificate alone prints its help on stdout and succeeds; approve without a name fails plainly', () => {
    const { run } = engineSession();
    const r = run('kubectl certificate');
    expect([r.err, r.code]).toEqual(['', 0]);
    expect(r.out).toMatch(/^Modify certificate resources\.\n\nAvailable Commands:\n {2}approve /);
    expect(run('kubectl certificate approve').err).toBe(
      'error: one or more CSRs must be specified as <name> or -f <filename>\n',
    );
  });

  it('apply view-last-applied without a resource is the builder error', () => {
    const { run } = engineSession();
    expect(run('kubectl apply view-last-applied -o bogus').err).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });

  it('config use-context without a name shows its aliases in the help', () => {
    const { run } = engineSession();
    expect(run('kubectl config use-context').out).toMatch(
      /^Set the current-context in a kubeconfig file\.\n\nAliases:\nuse-context, use\n\nExamples:\n/,
    );
  });
});

describe('flag values parsed as kubectl 1.32 parses them', () => {
  it("run's --port is strconv.Atoi'd and --labels go through generate.ParseLabels", () => {
    const { run } = engineSession();
    const dry = '--dry-run=client -o yaml';
    expect(run(`kubectl run x --image=nginx --port=abc ${dry}`).err).toBe(
      'error: strconv.Atoi: parsing "abc": invalid syntax\n',
    );
    expect(run(`kubectl run x --image=nginx --labels=a=b=c ${dry}`).err).toBe(
      'error: unexpected label spec: a=b=c\n',
    );
    expect(run(`kubectl run x --image=nginx --labels=,a=b ${dry}`).err).toBe(
      'error: unexpected label spec: \n',
    );
    expect(run(`kubectl run x --image=nginx --port=8080 ${dry}`).out).toContain(
      '    ports:\n    - containerPort: 8080\n',
    );
  });

  it('create service parses --tcp ports with strconv.ParseUint(…, 16)', () => {
    const { run } = engineSession();
    const dry = '--dry-run=client -o yaml';
    expect(run(`kubectl create service clusterip x --tcp=abc ${dry}`).err).toBe(
      'error: strconv.ParseUint: parsing "abc": invalid syntax\n',
    );
    expect(run(`kubectl create service clusterip x --tcp=99999 ${dry}`).err).toBe(
      'error: strconv.ParseUint: parsing "99999": value out of range\n',
    );
    expect(run(`kubectl create service nodeport x --tcp=abc:80 ${dry}`).err).toBe(
      'error: strconv.ParseUint: parsing "abc": invalid syntax\n',
    );
    expect(run(`kubectl create service clusterip x --tcp=80:http ${dry}`).out).toContain(
      '    targetPort: http\n',
    );
  });

  it('the deprecated --dry-run forms warn from helpers.go:702 and :716', () => {
    const { run } = engineSession();
    expect(run('kubectl create deployment w --image=nginx --dry-run').err).toMatch(
      / helpers\.go:702\] --dry-run is deprecated and can be replaced with --dry-run=client\.\n$/,
    );
    expect(run('kubectl create deployment w --image=nginx --dry-run=true -o name').err).toMatch(
      / helpers\.go:716\] --dry-run=true is deprecated \(boolean value\) and can be replaced with --dry-run=client\.\n$/,
    );
  });
});

describe('describers as kubectl 1.32 prints the same objects', () => {
  it('a Deployment lists its scaled-down ReplicaSet among the old ones', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    run('sleep 30');
    run('kubectl set image deployment/web nginx=nginx:1.27');
    run('sleep 60');
    const rs = run('kubectl get rs -o name').out.trim().split('\n');
    const out = run('kubectl describe deployment web').out;
    const newRS = /NewReplicaSet: {3}(\S+) /.exec(out)?.[1];
    const old = rs.map((n) => n.replace('replicaset.apps/', '')).find((n) => n !== newRS);
    expect(out).toContain(`OldReplicaSets:  ${old} (0/0 replicas created)\n`);
  });

  it("a pod's env from fieldRef shows only metadata.name/namespace values; tolerations sorted by key", () => {
    const { run } = engineSession();
    const out = run('kubectl describe pods -n kube-system -l k8s-app=kube-proxy').out;
    // kube-proxy's NODE_NAME comes from spec.nodeName: kubectl's scheme cannot convert that path.
    expect(out).toContain('      NODE_NAME:   (v1:spec.nodeName)\n');
    const block = out.split('Tolerations:')[1]?.split('Events:')[0] ?? '';
    const keys = block
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/[:\s]/)[0] ?? '');
    expect(keys[0]).toBe('op=Exists');
    expect(keys.slice(1)).toEqual([...keys.slice(1)].sort());
    expect(keys).toContain('node.kubernetes.io/unreachable');
  });

  it('a DaemonSet has no Namespace line; a node always shows Kube-Proxy Version', () => {
    const { run } = engineSession();
    expect(run('kubectl describe ds kube-proxy -n kube-system').out).toMatch(
      /^Name: {11}kube-proxy\nSelector: {7}k8s-app=kube-proxy\n/,
    );
    expect(run('kubectl describe node node1').out).toMatch(
      /\n {2}Kubelet Version: +v1\.32\.\d+\n {2}Kube-Proxy Version: +\n/,
    );
    expect(run('kubectl get node node1 -o yaml').out).toContain('    kubeProxyVersion: ""\n');
  });
});

describe('formats and describers checked against the real kubectl 1.32', () => {
  it('-o jsonpath-as-json prints one indented JSON array per template node', () => {
    const { run } = engineSession();
    const q = (t: string) =>
      run(`kubectl get pods -n kube-system -l component=etcd -o jsonpath-as-json='${t}'`).out;
    expect(q('{.items[*].metadata.name}')).toBe('[\n    "etcd-control-plane"\n]\n');
    expect(q('x{.items[*].spec.nodeName}')).toBe('[\n    "x"\n]\n[\n    "control-plane"\n]\n');
    expect(q('{.nope}')).toBe('[]\n');
    expect(q('{.items[0].metadata.labels}')).toBe(
      '[\n    {\n        "component": "etcd",\n        "tier": "control-plane"\n    }\n]\n',
    );
    expect(run('kubectl get pods -o jsonpath-as-json').err).toBe(
      'error: template format specified but no template given\n',
    );
  });

  it('a kind without a describer of its own (a Lease) gets the generic describer', () => {
    const { run } = engineSession();
    expect(run('kubectl describe lease node1 -n kube-node-lease').out).toMatch(
      /^Name: {9}node1\nNamespace: {4}kube-node-lease\nLabels: {7}<none>\nAnnotations: {2}<none>\nAPI Version: {2}coordination\.k8s\.io\/v1\nKind: {9}Lease\nMetadata:\n {2}Creation Timestamp: {2}2026-01-01T00:00:00Z\n {2}Owner References:\n {4}API Version: {5}v1\n {4}Kind: {12}Node\n[\s\S]*\nSpec:\n {2}Holder Identity: {9}node1\n {2}Lease Duration Seconds: {2}40\n {2}Renew Time: {14}\S+\nEvents: {20}<none>\n$/,
    );
  });
});

describe('generated objects as kubectl 1.32 encodes them', () => {
  it('--save-config writes the typed JSON as last-applied-configuration, except for create service', () => {
    const { run } = engineSession();
    expect(run('kubectl create ns x --dry-run=client -o yaml --save-config').out).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"spec":{},"status":{}}\n  creationTimestamp: null\n  name: x\nspec: {}\nstatus: {}\n',
    );
    expect(
      run('kubectl create service clusterip s --tcp=80 --dry-run=client -o yaml --save-config').out,
    ).not.toContain('last-applied');
  });

  it('-o json keeps Go field order and sorts Go maps', () => {
    const { run } = engineSession();
    const json = (line: string) => run(`${line} --dry-run=client -o json`).out;
    expect(json('kubectl create cronjob c --image=b --schedule="* * * * *"')).toMatch(
      /"spec": \{\n {8}"schedule": "\* \* \* \* \*",\n {8}"jobTemplate"/,
    );
    expect(
      json('kubectl create rolebinding rb --clusterrole=a --serviceaccount=default:sa'),
    ).toMatch(
      /"subjects": \[\n {8}\{\n {12}"kind": "ServiceAccount",\n {12}"name": "sa",\n {12}"namespace": "default"\n {8}\}\n {4}\],\n {4}"roleRef"/,
    );
    expect(json('kubectl create configmap c --from-literal=b=1 --from-literal=a=2')).toContain(
      '"data": {\n        "a": "2",\n        "b": "1"\n    }',
    );
    expect(json('kubectl create quota q --hard=pods=1,cpu=1')).toContain(
      '"hard": {\n            "cpu": "1",\n            "pods": "1"\n        }',
    );
    expect(json('kubectl create service nodeport s --tcp=80:8080')).toContain(
      '"name": "80-8080",\n                "protocol": "TCP",\n                "port": 80,',
    );
  });
});
