import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { Etcd } from '../etcd/etcd.ts';
import type { WatchEvent } from '../runtime/controller.ts';
import { START_MS } from '../util/clock.ts';
import { deepFreeze } from '../util/persistentMap.ts';
import { createRng } from '../util/rng.ts';
import { ApiServer, type MessageInput } from './apiserver.ts';
import { etcdGroupOf } from './resources.ts';

function setup() {
  const etcd = new Etcd<KubeObject>(etcdGroupOf);
  const messages: MessageInput[] = [];
  let now = 0;
  const api = new ApiServer({
    etcd,
    rng: createRng(1),
    now: () => START_MS + now,
    record: (m) => messages.push(m),
  });
  const events: WatchEvent[] = [];
  api.onWatchEvent = (e) => events.push(e);
  const kubectl = api.client('kubectl');
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    kubectl.create('namespaces', undefined, { metadata: { name: ns } });
  }
  messages.length = 0;
  events.length = 0;
  return { etcd, api, kubectl, messages, events, setNow: (t: number) => (now = t) };
}

const deployment = (name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
    },
  },
});

function fail<T>(
  r:
    | { ok: true; value: T }
    | { ok: false; status: { message: string; reason: string; code: number } },
) {
  if (r.ok) throw new Error('expected failure');
  return r.status;
}
function ok<T>(r: { ok: true; value: T } | { ok: false; status: { message: string } }): T {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

describe('api server: create', () => {
  it('stores a Deployment at its etcd key with defaults, uid, generation and resourceVersion', () => {
    const { kubectl, etcd, messages } = setup();
    const d = ok(kubectl.create('deployments', 'default', deployment('web')));
    const stored = etcd.get('/registry/deployments/default/web')!;
    expect(stored.value).toBe(d);
    expect(d.metadata?.resourceVersion).toBe(String(stored.modRevision));
    expect(d.metadata?.generation).toBe(1);
    expect(d.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.metadata?.creationTimestamp).toBe('2026-01-06T00:00:00Z');
    const spec = d.spec as Record<string, unknown>;
    expect(spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(messages.map((m) => [m.from, m.to, m.kind, m.label])).toEqual([
      ['kubectl', 'api-server', 'api.create', 'POST /apis/apps/v1/namespaces/default/deployments'],
      ['api-server', 'etcd', 'etcd.put', '/registry/deployments/default/web'],
      ['api-server', 'kubectl', 'api.response', '201'],
    ]);
  });

  it('defaults a pod: tolerations, service account volume, pull policy, QoS, Pending', () => {
    const { kubectl } = setup();
    const pod = ok(
      kubectl.create('pods', 'default', {
        metadata: { name: 'p' },
        spec: {
          containers: [
            { name: 'a', image: 'nginx' },
            { name: 'b', image: 'redis:7' },
          ],
        },
      }),
    );
    const spec = pod.spec as Record<string, unknown> & { containers: Record<string, unknown>[] };
    expect(spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect(spec.schedulerName).toBe('default-scheduler');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.enableServiceLinks).toBe(true);
    expect(spec.containers.map((c) => c.imagePullPolicy)).toEqual(['Always', 'IfNotPresent']);
    const vols = spec.volumes as { name: string }[];
    expect(vols[0]!.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('generates names with a 5-character suffix', () => {
    const { kubectl } = setup();
    const pod = ok(
      kubectl.create('pods', 'default', {
        metadata: { generateName: 'web-7c79c4bf97-' },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      }),
    );
    expect(pod.metadata?.name).toMatch(/^web-7c79c4bf97-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('gives namespaces the finalizer, phase and metadata.name label', () => {
    const { kubectl } = setup();
    const ns = ok(kubectl.create('namespaces', undefined, { metadata: { name: 'blue' } }));
    expect(ns.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'blue' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('validates a Service: its type, and ports unless headless or ExternalName', () => {
    const { kubectl } = setup();
    const svc = (spec: Record<string, unknown>) =>
      kubectl.create('services', 'default', { metadata: { name: 'web' }, spec });
    expect(fail(svc({ type: 'Foo', ports: [{ port: 80 }] })).message).toBe(
      'Service "web" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(fail(svc({})).message).toBe('Service "web" is invalid: spec.ports: Required value');
    // The target port defaults to the port, 0 here, and is checked too (ValidatePortNumOrName).
    expect(fail(svc({ ports: [{ port: 0 }] })).message).toBe(
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
    expect(svc({ clusterIP: 'None' }).ok).toBe(true);
  });

  it('rejects invalid names with the real messages', () => {
    const { kubectl } = setup();
    // A Service name is a DNS-1035 label: no leading digit, no dot (ValidateServiceName).
    for (const name of ['1svc', 'web.x']) {
      expect(
        fail(
          kubectl.create('services', 'default', {
            metadata: { name },
            spec: { ports: [{ port: 80 }] },
          }),
        ).message,
      ).toBe(
        `Service "${name}" is invalid: metadata.name: Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      );
    }
    expect(
      kubectl.create('services', 'default', {
        metadata: { name: 'web-1' },
        spec: { ports: [{ port: 80 }] },
      }).ok,
    ).toBe(true);
    expect(
      fail(kubectl.create('namespaces', undefined, { metadata: { name: 'Blue_X' } })).message,
    ).toBe(
      `Namespace "Blue_X" is invalid: metadata.name: Invalid value: "Blue_X": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    const s = fail(kubectl.create('deployments', 'default', deployment('Web_X')));
    expect(s.reason).toBe('Invalid');
    expect(s.code).toBe(422);
    expect(s.message).toBe(
      `Deployment.apps "Web_X" is invalid: metadata.name: Invalid value: "Web_X": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(
      fail(
        kubectl.create('pods', 'default', {
          metadata: {},
          spec: { containers: [{ name: 'a', image: 'x' }] },
        }),
      ).message,
    ).toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('rejects a selector that does not match the template labels', () => {
    const { kubectl } = setup();
    const d = deployment('web');
    (d.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    expect(fail(kubectl.create('deployments', 'default', d)).message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('validates labels as ValidateLabels does: a long value only breaks the length rule', () => {
    const { kubectl } = setup();
    const pod = (labels: Record<string, string>): KubeObject => ({
      metadata: { name: 'p', labels },
      spec: { containers: [{ name: 'a', image: 'x' }] },
    });
    const long = 'a'.repeat(64);
    expect(fail(kubectl.create('pods', 'default', pod({ app: long }))).message).toBe(
      `Pod "p" is invalid: metadata.labels: Invalid value: "${long}": must be no more than 63 characters`,
    );
    // Too long and a bad character: two findings, as a bracketed list.
    expect(fail(kubectl.create('pods', 'default', pod({ app: `${long}!` }))).message).toBe(
      `Pod "p" is invalid: [metadata.labels: Invalid value: "${long}!": must be no more than 63 characters, metadata.labels: Invalid value: "${long}!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
    );
    // The key is a qualified name: an optional DNS subdomain prefix, then the name part.
    expect(fail(kubectl.create('pods', 'default', pod({ 'Example.com/app': 'x' }))).message).toBe(
      `Pod "p" is invalid: metadata.labels: Invalid value: "Example.com/app": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(fail(kubectl.create('pods', 'default', pod({ 'app-': 'x' }))).message).toBe(
      `Pod "p" is invalid: metadata.labels: Invalid value: "app-": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    expect(
      ok(kubectl.create('pods', 'default', pod({ 'example.com/App_1': '' }))).metadata?.labels,
    ).toEqual({ 'example.com/App_1': '' });
  });

  it('refuses duplicates with AlreadyExists', () => {
    const { kubectl } = setup();
    ok(kubectl.create('deployments', 'default', deployment('web')));
    const s = fail(kubectl.create('deployments', 'default', deployment('web')));
    expect([s.reason, s.code, s.message]).toEqual([
      'AlreadyExists',
      409,
      'deployments.apps "web" already exists',
    ]);
    expect(
      fail(kubectl.create('namespaces', undefined, { metadata: { name: 'default' } })).message,
    ).toBe('namespaces "default" already exists');
  });

  it('applies NamespaceLifecycle admission: missing and terminating namespaces', () => {
    const { kubectl } = setup();
    const missing = fail(kubectl.create('deployments', 'nope', deployment('web')));
    expect([missing.reason, missing.message]).toEqual(['NotFound', 'namespaces "nope" not found']);
    ok(kubectl.create('namespaces', undefined, { metadata: { name: 'dying' } }));
    ok(kubectl.delete('namespaces', undefined, 'dying'));
    const dying = fail(kubectl.create('deployments', 'dying', deployment('web')));
    expect([dying.reason, dying.message]).toEqual([
      'Forbidden',
      'deployments.apps "web" is forbidden: unable to create new content in namespace dying because it is being terminated',
    ]);
    const gen = fail(
      kubectl.create('pods', 'dying', {
        metadata: { generateName: 'web-abc-' },
        spec: { containers: [{ name: 'a', image: 'x' }] },
      }),
    );
    expect(gen.message).toBe(
      'pods "web-abc-" is forbidden: unable to create new content in namespace dying because it is being terminated',
    );
  });

  it('supports server-side dry run without storing', () => {
    const { kubectl, etcd } = setup();
    const rev = etcd.revision;
    const d = ok(kubectl.create('deployments', 'default', deployment('web'), { dryRun: true }));
    expect(d.metadata?.name).toBe('web');
    expect(etcd.revision).toBe(rev);
    expect(fail(kubectl.get('deployments', 'default', 'web')).message).toBe(
      'deployments.apps "web" not found',
    );
  });
});

describe('api server: read, update, patch', () => {
  it('lists with label and field selectors and the list resourceVersion', () => {
    const { kubectl, etcd } = setup();
    for (const [name, app] of [
      ['a', 'web'],
      ['b', 'db'],
      ['c', 'web'],
    ] as const) {
      ok(
        kubectl.create('pods', 'default', {
          metadata: { name, labels: { app } },
          spec: {
            containers: [{ name: 'x', image: 'nginx' }],
            nodeName: name === 'c' ? 'node1' : undefined,
          },
        }),
      );
    }
    const list = ok(kubectl.list('pods', 'default', { labelSelector: 'app=web' }));
    expect(list.kind).toBe('PodList');
    expect(list.metadata.resourceVersion).toBe(String(etcd.revision));
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['a', 'c']);
    expect(
      ok(kubectl.list('pods', undefined, { labelSelector: 'app in (db)' })).items.map(
        (p) => p.metadata?.name,
      ),
    ).toEqual(['b']);
    expect(
      ok(kubectl.list('pods', 'default', { fieldSelector: 'spec.nodeName=node1' })).items.map(
        (p) => p.metadata?.name,
      ),
    ).toEqual(['c']);
    expect(ok(kubectl.list('pods', 'kube-system')).items).toEqual([]);
    expect(ok(kubectl.list('pods', 'nope')).items).toEqual([]);
  });

  it('services and endpoints do not leak into each other', () => {
    const { kubectl } = setup();
    ok(
      kubectl.create('services', 'default', {
        metadata: { name: 'web' },
        spec: { ports: [{ port: 80 }] },
      }),
    );
    ok(kubectl.create('endpoints', 'default', { metadata: { name: 'web' } }));
    expect(ok(kubectl.list('services', undefined)).items.map((s) => s.kind)).toEqual(['Service']);
    expect(ok(kubectl.list('endpoints', undefined)).items.map((s) => s.kind)).toEqual([
      'Endpoints',
    ]);
    const svc = ok(kubectl.get('services', 'default', 'web'));
    expect((svc.spec as { clusterIP: string }).clusterIP).toMatch(
      /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/,
    );
    expect((svc.spec as { ports: unknown[] }).ports).toEqual([
      { port: 80, protocol: 'TCP', targetPort: 80 },
    ]);
  });

  it('fails with Conflict on a stale resourceVersion and bumps generation on spec change', () => {
    const { kubectl } = setup();
    const d1 = ok(kubectl.create('deployments', 'default', deployment('web')));
    const d2 = ok(
      kubectl.update('deployments', 'default', {
        ...d1,
        spec: { ...(d1.spec as object), replicas: 3 },
      }),
    );
    expect(d2.metadata?.generation).toBe(2);
    expect(Number(d2.metadata?.resourceVersion)).toBeGreaterThan(
      Number(d1.metadata?.resourceVersion),
    );
    const stale = fail(
      kubectl.update('deployments', 'default', {
        ...d1,
        spec: { ...(d1.spec as object), replicas: 5 },
      }),
    );
    expect([stale.reason, stale.code, stale.message]).toEqual([
      'Conflict',
      409,
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    ]);
  });

  it('keeps status on update and changes only status on updateStatus', () => {
    const { api } = setup();
    const cm = api.client('controller-manager');
    const d = ok(cm.create('deployments', 'default', deployment('web')));
    const s = ok(cm.updateStatus('deployments', 'default', { ...d, status: { replicas: 1 } }));
    expect(s.status).toEqual({ replicas: 1 });
    const u = ok(
      cm.update('deployments', 'default', {
        ...s,
        status: { replicas: 99 },
        metadata: { ...s.metadata, labels: { x: 'y' } },
      }),
    );
    expect(u.status).toEqual({ replicas: 1 });
    expect(u.metadata?.labels).toEqual({ x: 'y' });
    expect(u.metadata?.generation).toBe(1);
  });

  it('applies merge patches to labels and status subresource', () => {
    const { api } = setup();
    const c = api.client('kubelet/node1');
    ok(
      c.create('pods', 'default', {
        metadata: { name: 'p', labels: { a: '1', b: '2' } },
        spec: { containers: [{ name: 'x', image: 'nginx' }] },
      }),
    );
    const p = ok(
      c.patch('pods', 'default', 'p', {
        metadata: { labels: { a: null, c: '3' } },
        status: { phase: 'Running' },
      }),
    );
    expect(p.metadata?.labels).toEqual({ b: '2', c: '3' });
    expect((p.status as { phase: string }).phase).toBe('Pending');
    const q = ok(c.patchStatus('pods', 'default', 'p', { status: { phase: 'Running' } }));
    expect(q.status as { phase: string; qosClass: string }).toEqual({
      phase: 'Running',
      qosClass: 'BestEffort',
    });
  });
});

describe('api server: delete and bind', () => {
  it('evicts through the eviction subresource and scales through the scale subresource', () => {
    const { kubectl, messages } = setup();
    kubectl.create('deployments', 'default', deployment('web'));
    messages.length = 0;
    const scaled = kubectl.patch(
      'deployments',
      'default',
      'web',
      { spec: { replicas: 4, paused: true }, metadata: { labels: { x: 'y' } } },
      { subresource: 'scale' },
    );
    expect(scaled.ok && scaled.value.spec).toMatchObject({ replicas: 4 });
    // A Scale object carries replicas only: nothing else of the patch reaches the Deployment.
    expect(scaled.ok && (scaled.value.spec as { paused?: boolean }).paused).toBeUndefined();
    expect(scaled.ok && scaled.value.metadata?.labels).toEqual({ app: 'web' });
    expect(messages[0]?.label).toBe('PATCH /apis/apps/v1/namespaces/default/deployments/web/scale');
    kubectl.create('pods', 'default', {
      metadata: { name: 'p' },
      spec: { nodeName: 'node1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    messages.length = 0;
    const evicted = kubectl.delete('pods', 'default', 'p', { eviction: true });
    expect(evicted.ok && evicted.value.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(messages[0]).toMatchObject({
      kind: 'api.evict',
      label: 'POST /api/v1/namespaces/default/pods/p/eviction',
    });
    expect(messages.find((m) => m.kind === 'api.response')?.label).toBe('201');
  });

  const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'x', image: 'nginx' }] } };

  it('deletes an unscheduled pod at once and a bound pod gracefully', () => {
    const { api, etcd, setNow, events } = setup();
    const c = api.client('kubectl');
    ok(c.create('pods', 'default', pod));
    ok(c.delete('pods', 'default', 'p'));
    expect(etcd.get('/registry/pods/default/p')).toBeUndefined();
    ok(c.create('pods', 'default', pod));
    const bound = ok(api.client('scheduler').bind('default', 'p', 'node2'));
    expect((bound.spec as { nodeName: string }).nodeName).toBe('node2');
    expect((bound.status as { conditions: unknown[] }).conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2026-01-06T00:00:00Z',
      },
    ]);
    setNow(10_000);
    const deleting = ok(c.delete('pods', 'default', 'p'));
    expect(deleting.metadata?.deletionTimestamp).toBe('2026-01-06T00:00:40Z');
    expect(deleting.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(etcd.get('/registry/pods/default/p')).toBeDefined();
    setNow(12_000);
    events.length = 0;
    ok(api.client('kubelet/node2').delete('pods', 'default', 'p', { gracePeriodSeconds: 0 }));
    expect(etcd.get('/registry/pods/default/p')).toBeUndefined();
    // BeforeDelete shortens the pending grace period to 0 (deletionTimestamp moves back by the
    // 30 s): the store writes that (MODIFIED), then deletes (DELETED).
    expect(
      events.map((e) => [
        e.type,
        e.object.metadata?.deletionGracePeriodSeconds,
        e.object.metadata?.deletionTimestamp,
      ]),
    ).toEqual([
      ['MODIFIED', 0, '2026-01-06T00:00:10Z'],
      ['DELETED', 0, '2026-01-06T00:00:10Z'],
    ]);
  });

  it('refuses to bind a pod twice', () => {
    const { api } = setup();
    ok(api.client('kubectl').create('pods', 'default', pod));
    const s = api.client('scheduler');
    ok(s.bind('default', 'p', 'node1'));
    expect(fail(s.bind('default', 'p', 'node2')).message).toBe(
      'Operation cannot be fulfilled on pods "p": pod p is already assigned to node "node1"',
    );
  });

  it('protects immortal namespaces and terminates others until finalized', () => {
    const { kubectl, events } = setup();
    const s = fail(kubectl.delete('namespaces', undefined, 'default'));
    expect([s.reason, s.message]).toEqual([
      'Forbidden',
      'namespaces "default" is forbidden: this namespace may not be deleted',
    ]);
    expect(fail(kubectl.delete('namespaces', undefined, 'nope')).message).toBe(
      'namespaces "nope" not found',
    );
    ok(kubectl.create('namespaces', undefined, { metadata: { name: 'blue' } }));
    const t = ok(kubectl.delete('namespaces', undefined, 'blue'));
    expect(t.status).toEqual({ phase: 'Terminating' });
    expect(t.metadata?.deletionTimestamp).toBe('2026-01-06T00:00:00Z');
    // A plain update cannot change spec.finalizers (namespaceStrategy.PrepareForUpdate).
    const kept = ok(kubectl.update('namespaces', undefined, { ...t, spec: { finalizers: [] } }));
    expect(kept.spec).toEqual({ finalizers: ['kubernetes'] });
    // The namespace controller removes the `kubernetes` finalizer through /finalize: gone.
    ok(
      kubectl.update(
        'namespaces',
        undefined,
        { ...kept, spec: { finalizers: [] } },
        { subresource: 'finalize' },
      ),
    );
    expect(fail(kubectl.get('namespaces', undefined, 'blue')).reason).toBe('NotFound');
    const seen = events.map((e) => [e.type, e.resource, e.object.metadata?.name]);
    expect(seen[0]).toEqual(['ADDED', 'namespaces', 'blue']);
    expect(seen.at(-1)).toEqual(['DELETED', 'namespaces', 'blue']);
    // Until the finalize, every stored version kept the finalizer.
    for (const e of events.slice(0, -1))
      expect((e.object.spec as { finalizers?: string[] }).finalizers).toEqual(['kubernetes']);
  });

  it('marks lease renewals and heartbeat-only status updates as housekeeping', () => {
    const { api, messages, setNow } = setup();
    const k = api.client('kubelet/node1');
    const hk: boolean[] = [];
    api.onWatchEvent = (_e, h) => hk.push(h);
    const lease = ok(
      k.create('leases', 'kube-node-lease', {
        metadata: { name: 'node1' },
        spec: { renewTime: 'a' },
      }),
    );
    ok(k.update('leases', 'kube-node-lease', { ...lease, spec: { renewTime: 'b' } }));
    const node = ok(
      k.create('nodes', undefined, {
        metadata: { name: 'node1' },
        status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'x' }] },
      }),
    );
    setNow(10);
    const n = { ...node, metadata: { name: 'node1' } };
    ok(
      k.updateStatus('nodes', undefined, {
        ...n,
        status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'y' }] },
      }),
    );
    ok(
      k.updateStatus('nodes', undefined, {
        ...n,
        status: { conditions: [{ type: 'Ready', status: 'False', lastHeartbeatTime: 'z' }] },
      }),
    );
    expect(hk).toEqual([true, true, false, true, false]);
    expect(
      messages.filter((m) => m.kind === 'api.updateStatus').map((m) => !!m.housekeeping),
    ).toEqual([true, false]);
  });
});

describe('api server: delete collection', () => {
  it('deletes every event of a namespace in one request', () => {
    const { api, messages, etcd } = setup();
    const c = api.client('controller-manager');
    ok(c.create('namespaces', undefined, { metadata: { name: 'blue' } }));
    for (const n of ['a.1', 'b.2'])
      ok(c.create('events', 'blue', { metadata: { name: n }, reason: 'X' }));
    ok(c.create('events', 'default', { metadata: { name: 'c.3' }, reason: 'X' }));
    messages.length = 0;
    const res = ok(c.deleteCollection('events', 'blue'));
    expect(res.items.map((e) => e.metadata?.name)).toEqual(['a.1', 'b.2']);
    expect(etcd.range('/registry/events/').map((kv) => kv.key)).toEqual([
      '/registry/events/default/c.3',
    ]);
    expect(messages.map((m) => [m.kind, m.label])).toEqual([
      ['api.deleteCollection', 'DELETE /api/v1/namespaces/blue/events'],
      ['etcd.delete', '/registry/events/blue/a.1'],
      ['etcd.delete', '/registry/events/blue/b.2'],
    ]);
  });
});

describe('api server: pod create from frozen parts', () => {
  const spec = () => ({
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: '500m', memory: '64Mi' }, requests: { cpu: '250m' } },
        readinessProbe: { httpGet: { path: '/', port: 80 } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ],
    initContainers: [{ name: 'init', image: 'busybox', resources: {} }],
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  });
  const pod = (s: unknown): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { app: 'web' } },
    spec: s as Record<string, unknown>,
  });

  it('stores what it stores for the same pod unfrozen, and leaves the frozen parts alone', () => {
    const plain = ok(setup().kubectl.create('pods', 'default', pod(spec())));
    const frozenSpec = deepFreeze(spec());
    const before = JSON.stringify(frozenSpec);
    const shared = ok(setup().kubectl.create('pods', 'default', pod(frozenSpec)));
    expect(JSON.stringify(shared)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(frozenSpec)).toBe(before);
    // Parts no default writes into are shared, not copied.
    const c = (shared.spec as { containers: { resources: { limits: unknown } }[] }).containers[0]!;
    expect(c.resources.limits).toBe(frozenSpec.containers[0]!.resources.limits);
  });
});
