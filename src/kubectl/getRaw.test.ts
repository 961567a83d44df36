/**
 * `kubectl get --raw PATH`: kubectl's own checks (texts of kubectl 1.32.5), then the API
 * server's body copied as it is: compact JSON with a final newline (indented, without it, for
 * `?pretty=true`), the typed list, a pod's log as text, and the server's errors.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get --raw: the client checks, as kubectl 1.32.5 prints them', () => {
  const { run } = engineSession(3);
  const fails = (line: string, message: string) =>
    expect(run(line), line).toEqual({ out: '', err: `error: ${message}\n`, code: 1 });

  it('refuses arguments first, then filtering flags, then -o, then a path that is no URL', () => {
    fails('kubectl get --raw /api pods', 'arguments may not be passed when --raw is specified');
    fails(
      'kubectl get --raw /api -o yaml pods',
      'arguments may not be passed when --raw is specified',
    );
    const filters =
      '--raw may not be specified with other flags that filter the server request or alter the output';
    fails('kubectl get --raw /api -l a=b', filters);
    fails('kubectl get --raw /api -w', filters);
    fails('kubectl get --raw /api --watch-only', filters);
    fails('kubectl get --raw /api -o yaml -l a=b', filters);
    fails('kubectl get --raw /api -o name', '--raw and --output are mutually exclusive');
    fails('kubectl get --raw api -o wide', '--raw and --output are mutually exclusive');
    fails(
      'kubectl get --raw api',
      '--raw must be a valid URL path: parse "api": invalid URI for request',
    );
    fails(
      'kubectl get --raw ::',
      '--raw must be a valid URL path: parse "::": missing protocol scheme',
    );
  });

  it('an empty --raw is no --raw: get asks for a type', () => {
    expect(run('kubectl get --raw=').err).toMatch(/^You must specify the type of resource to get/);
  });

  it('accepts -f, -n and other flags that do not change the request (kubectl ignores them)', () => {
    expect(run('kubectl get --raw /healthz -f x.yaml -n kube-system --show-labels')).toEqual({
      out: 'ok',
      err: '',
      code: 0,
    });
  });
});

describe('kubectl get --raw: what the API server answers', () => {
  it('/api: APIVersions as one compact JSON line, the address from the kubernetes Endpoints', () => {
    const { run } = engineSession(3);
    const ip = run(
      `kubectl get endpoints kubernetes -o jsonpath='{.subsets[0].addresses[0].ip}'`,
    ).out;
    expect(run('kubectl get --raw /api').out).toBe(
      `{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"${ip}:6443"}]}\n`,
    );
    // ?pretty=true: indented by two spaces and no newline at the end (json.MarshalIndent).
    expect(run(`kubectl get --raw '/api?pretty=true'`).out).toBe(
      `{\n  "kind": "APIVersions",\n  "versions": [\n    "v1"\n  ],\n  "serverAddressByClientCIDRs": [\n    {\n      "clientCIDR": "0.0.0.0/0",\n      "serverAddress": "${ip}:6443"\n    }\n  ]\n}`,
    );
  });

  it('a list is the typed list: kind, apiVersion, metadata.resourceVersion, items without kind', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl create deployment api --image=redis');
    const out = run('kubectl get --raw /api/v1/namespaces/default/pods').out;
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(2);
    expect(
      out.startsWith('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"'),
    ).toBe(true);
    const list = JSON.parse(out) as { items: { kind?: string; metadata: { name: string } }[] };
    const names = run('kubectl get pods -o name').out.trim().split('\n');
    expect(list.items.map((p) => `pod/${p.metadata.name}`)).toEqual(names);
    expect(list.items.every((p) => p.kind === undefined)).toBe(true);
    // The same objects `get -o json` prints (which adds kind and apiVersion to each item).
    const viaGet = JSON.parse(run('kubectl get pods -o json').out) as {
      items: Record<string, unknown>[];
    };
    expect(list.items).toEqual(viaGet.items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest));
    // Filtered by the server: labelSelector and fieldSelector, URL-encoded.
    const web = JSON.parse(
      run(`kubectl get --raw '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb'`).out,
    ) as { items: { metadata: { labels: Record<string, string> } }[] };
    expect(web.items.map((p) => p.metadata.labels.app)).toEqual(['web', 'web']);
    const apps = JSON.parse(run('kubectl get --raw /apis/apps/v1/deployments').out) as {
      kind: string;
      apiVersion: string;
      items: { metadata: { name: string } }[];
    };
    expect([apps.kind, apps.apiVersion, apps.items.map((d) => d.metadata.name)]).toEqual([
      'DeploymentList',
      'apps/v1',
      // In etcd's key order: namespace, then name.
      ['api', 'web', 'coredns'],
    ]);
  });

  it('an object: kind and apiVersion first, metadata next, status last; the scale subresource', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=3');
    const out = run('kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web').out;
    const d = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(Object.keys(d.metadata as object).slice(0, 3)).toEqual(['name', 'namespace', 'uid']);
    expect(
      run('kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web/status').out,
    ).toBe(out);
    const scale = run(`kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web/scale`);
    expect(JSON.parse(scale.out)).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3 },
      status: { replicas: 3, selector: 'app=web' },
    });
  });

  it("escapes <, > and & as Go's encoder does", () => {
    const { run } = engineSession(3);
    run(`kubectl create configmap tags --from-literal=html='<b>a&b</b>'`);
    const out = run('kubectl get --raw /api/v1/namespaces/default/configmaps/tags').out;
    expect(out).toContain('"data":{"html":"\\u003cb\\u003ea\\u0026b\\u003c/b\\u003e"}');
    expect((JSON.parse(out) as { data: { html: string } }).data.html).toBe('<b>a&b</b>');
  });

  it("a pod's log is its container's log as kubectl logs prints it", () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    run('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    const log = run('kubectl get --raw /api/v1/namespaces/default/pods/web/log');
    expect(log.code).toBe(0);
    expect(log.out).toBe(run('kubectl logs web').out);
    expect(log.out).toContain('nginx/');
    expect(run(`kubectl get --raw '/api/v1/namespaces/default/pods/web/log?tailLines=1'`).out).toBe(
      run('kubectl logs web --tail=1').out,
    );
    // ?follow=true: the stream of a running container would go on; the console says it stops.
    const follow = run(`kubectl get --raw '/api/v1/namespaces/default/pods/web/log?follow=true'`);
    expect(follow).toEqual({ out: log.out, err: run('kubectl logs web -f').err, code: 0 });
    expect(follow.err).toMatch(/^\(this console cannot keep following/);
    expect(run(`kubectl get --raw '/api/v1/namespaces/default/pods/web/log?container=db'`)).toEqual(
      {
        out: '',
        err: 'Error from server (BadRequest): container db is not valid for pod web\n',
        code: 1,
      },
    );
  });

  it('a pod of two containers: the server asks which one', () => {
    const { run } = engineSession(3);
    run(
      `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: two\\nspec:\\n  containers:\\n  - name: a\\n    image: nginx\\n  - name: b\\n    image: redis\\n' > two.yaml`,
    );
    run('kubectl apply -f two.yaml');
    expect(run('kubectl get --raw /api/v1/namespaces/default/pods/two/log')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): a container name must be specified for pod two, choose one of: [a b]\n',
      code: 1,
    });
  });

  it("the server's errors: NotFound objects, paths it does not route, RBAC", () => {
    const { run } = engineSession(3);
    expect(run('kubectl get --raw /api/v1/namespaces/default/pods/nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    const noRoute = {
      out: '',
      err: 'Error from server (NotFound): the server could not find the requested resource\n',
      code: 1,
    };
    // A namespaced object outside a namespace, a cluster-scoped type inside one, an unserved version.
    for (const path of [
      '/api/v1/pods/nope',
      '/api/v1/namespaces/default/nodes',
      '/apis/apps/v1beta1/deployments',
      '/api/v1/namespaces/default/pods/x/y/z',
    ]) {
      expect(run(`kubectl get --raw ${path}`), path).toEqual(noRoute);
    }
    expect(
      run('kubectl get --raw /api/v1/pods --as=system:serviceaccount:default:default'),
    ).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" at the cluster scope\n',
      code: 1,
    });
  });

  it('a type the cluster serves but holds nothing of: an empty typed list', () => {
    const { run } = engineSession(3);
    const out = run('kubectl get --raw /api/v1/namespaces/default/replicationcontrollers').out;
    expect(out).toMatch(
      /^\{"kind":"ReplicationControllerList","apiVersion":"v1","metadata":\{"resourceVersion":"\d+"\},"items":\[\]\}\n$/,
    );
  });

  it('says what it does not simulate rather than invent it', () => {
    const { run } = engineSession(3);
    for (const path of [
      '/apis',
      '/api/v1',
      '/metrics',
      '/readyz?verbose',
      '/api/v1/pods?limit=1',
    ]) {
      const r = run(`kubectl get --raw '${path}'`);
      expect(r.code, path).toBe(1);
      expect(r.err, path).toBe(
        `error: --raw ${path}: not available in this console (it serves objects, lists, logs, /api, /version and the health checks)\n`,
      );
    }
    // The single checks are plain `ok`s.
    expect(run('kubectl get --raw /readyz/etcd').out).toBe('ok');
  });
});
