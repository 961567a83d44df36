import { describe, expect, it } from 'vitest';
import type { KubeObject, WriteOptions } from '../api/types.ts';
import { Etcd } from '../etcd/etcd.ts';
import { START_MS } from '../util/clock.ts';
import { createRng } from '../util/rng.ts';
import { ApiServer, type MessageInput } from './apiserver.ts';
import { etcdGroupOf } from './resources.ts';
import { isDNS1123Subdomain, isDnsSubdomainName } from './validation.ts';

/**
 * An Event the runtime's recorder hands over (`owned`) takes the API server's short lane for
 * such bodies; a copy of it sent without `owned` takes the general create. Both must store the
 * same object (key order included), answer the same and record the same messages.
 */
function server() {
  const etcd = new Etcd<KubeObject>(etcdGroupOf);
  const messages: MessageInput[] = [];
  const api = new ApiServer({
    etcd,
    rng: createRng(3),
    now: () => START_MS + 1234,
    record: (m) => messages.push(m),
  });
  const kubectl = api.client('kubectl');
  for (const ns of ['default', 'kube-system', 'gone']) {
    kubectl.create('namespaces', undefined, { metadata: { name: ns } });
  }
  // `gone` is being deleted: its finalizer keeps it Terminating.
  kubectl.delete('namespaces', undefined, 'gone');
  messages.length = 0;
  return { etcd, api, messages, kubelet: api.client('kubelet/worker-1') };
}

function recorded(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: {
      kind: 'Pod',
      name: 'web-1',
      apiVersion: 'v1',
      namespace,
      uid: 'u-1',
      fieldPath: 'spec.containers{nginx}',
    },
    reason: 'Pulling',
    message: 'Pulling image "nginx"',
    source: { component: 'kubelet', host: 'worker-1' },
    firstTimestamp: '2026-01-06T00:00:01Z',
    lastTimestamp: '2026-01-06T00:00:01Z',
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'worker-1',
  };
}

/** The same creates on two fresh servers, owned and not: answers, messages, revisions. */
function both(creates: [string, string, (o: KubeObject) => void][]) {
  const runs = [{ owned: true }, {}].map((opts: WriteOptions) => {
    const s = server();
    const answers = creates.map(([ns, name, edit]) => {
      const body = recorded(ns, name);
      edit(body);
      return JSON.stringify(s.kubelet.create('events', ns, body, opts));
    });
    return { answers, messages: JSON.stringify(s.messages), revision: s.etcd.revision };
  });
  expect(runs[0]).toEqual(runs[1]);
  return runs[0]!;
}

const same = () => {};

describe('api server: Events handed over by the recorder', () => {
  it('are stored as the general create stores them: uid, creationTimestamp, resourceVersion last', () => {
    const { answers } = both([['default', 'web-1.1880a1b2c3d4e5f6', same]]);
    const stored = JSON.parse(answers[0]!).value as KubeObject;
    expect(Object.keys(stored.metadata ?? {})).toEqual([
      'name',
      'namespace',
      'uid',
      'creationTimestamp',
      'resourceVersion',
    ]);
    expect(Object.keys(stored)[0]).toBe('apiVersion');
  });

  it('refuse what the general create refuses, with the same status', () => {
    const long = `${'a'.repeat(250)}.1880a1b2c3d4e5f6`;
    const { answers } = both([
      ['default', 'web-1.1880a1b2c3d4e5f6', same],
      // The same name again: AlreadyExists.
      ['default', 'web-1.1880a1b2c3d4e5f6', same],
      // Longer than a DNS subdomain may be; not lower case.
      ['default', long, same],
      ['default', 'Web_1.1880a1b2c3d4e5f6', same],
      // No such namespace.
      ['nowhere', 'web-1.1880a1b2c3d4e5f7', same],
    ]);
    const reasons = answers.map((a) => (JSON.parse(a) as { status?: { reason: string } }).status);
    expect(reasons.map((s) => s?.reason)).toEqual([
      undefined,
      'AlreadyExists',
      'Invalid',
      'Invalid',
      'NotFound',
    ]);
  });

  it('are refused in a namespace being terminated, as every create is (both lanes alike)', () => {
    const { answers } = both([['gone', 'web-1.1880a1b2c3d4e5f6', same]]);
    const answer = JSON.parse(answers[0]!);
    expect(answer.ok).toBe(false);
    expect(answer.status.message).toBe(
      'events "web-1.1880a1b2c3d4e5f6" is forbidden: unable to create new content in namespace gone because it is being terminated',
    );
  });

  it('take the general create when the body is not the recorder’s shape', () => {
    both([
      ['default', 'a.1', (o) => Object.assign(o.metadata ?? {}, { labels: {} })],
      ['default', 'b.1', (o) => Object.assign(o.metadata ?? {}, { resourceVersion: '7' })],
      ['default', 'c.1', (o) => delete o.apiVersion],
      ['default', 'd.1', (o) => Object.assign(o, { kind: 'Pod' })],
    ]);
  });
});

describe('isDnsSubdomainName', () => {
  it('agrees with isDNS1123Subdomain on every name it is asked about', () => {
    const rng = createRng(11);
    const alphabet = 'a-.z09A_';
    const names = ['', 'a', 'a.b', 'web-1.1880a1b2c3d4e5f6', 'a'.repeat(253), 'a'.repeat(254)];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = rng.int(9);
      for (let j = 0; j < n; j++) s += alphabet[rng.int(alphabet.length)];
      names.push(s);
    }
    for (const name of names)
      expect([name, isDnsSubdomainName(name)]).toEqual([
        name,
        isDNS1123Subdomain(name).length === 0,
      ]);
  });
});
