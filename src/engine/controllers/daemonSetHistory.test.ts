/**
 * The DaemonSet revision history one step at a time (update.go constructHistory, dedup,
 * snapshot's hash collision, cleanupHistory), over seeded caches; then the controller sending a
 * revision create once while its informer has not seen it yet.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { Write } from '../runtime/controller.ts';
import { rfc3339 } from '../util/clock.ts';
import {
  cleanupHistory,
  constructHistory,
  daemonSetPatch,
  newRevision,
  revisionMatches,
} from './daemonSetHistory.ts';
import { createDaemonSetController } from './daemonset.ts';
import { namespace, pod } from './fixtures.ts';
import { computePodTemplateHash } from './podTemplateHash.ts';
import { FakeCache, FakeContext } from './testing.ts';

const template = (image: string) => ({
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'agent', image }] },
});

function agent(image: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'agent',
      namespace: 'default',
      uid: 'uid-ds-agent',
      generation: 1,
      creationTimestamp: rfc3339(0),
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: template(image),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...extra,
    },
    status: {},
  };
}

/** A stored revision of the agent DaemonSet for `image`. */
function revision(image: string, number: number, hash = computePodTemplateHash(template(image))) {
  const r = newRevision(agent(image), hash, number);
  return { ...r, metadata: { ...r.metadata, uid: `uid-rev-${hash}`, resourceVersion: '5' } };
}

function daemonPod(name: string, hash: string): KubeObject {
  return pod(name, {
    node: 'node1',
    phase: 'Running',
    ready: true,
    owner: agent('busybox:1.36'),
    ownerKind: 'DaemonSet',
    labels: { app: 'agent', 'controller-revision-hash': hash },
  });
}

/** `verb resource name` of each write (updates with their revision number). */
function summary(writes: Write[]): string[] {
  return writes.map((w) => {
    if (w.verb === 'delete' || w.verb === 'patch') return `${w.verb} ${w.resource} ${w.name}`;
    if (w.verb === 'bind') return `bind ${w.name}`;
    if (w.verb === 'deleteCollection') return `deleteCollection ${w.resource}`;
    const n = typeof w.obj.revision === 'number' ? ` #${w.obj.revision}` : '';
    return `${w.verb} ${w.resource} ${w.obj.metadata?.name}${n}`;
  });
}

describe('getPatch and Match', () => {
  it('the patch replaces spec.template whole, keys sorted; only the same template matches', () => {
    const ds = agent('busybox:1.36');
    expect(JSON.stringify(daemonSetPatch(ds))).toBe(
      '{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"image":"busybox:1.36","name":"agent"}]}}}}',
    );
    expect(revisionMatches(ds, revision('busybox:1.36', 1))).toBe(true);
    expect(revisionMatches(ds, revision('busybox:1.37', 1))).toBe(false);
  });

  it("snapshot's revision: <ds>-<hash>, the template's labels plus the hash, the DaemonSet's annotations, owned by it", () => {
    const r = newRevision(agent('busybox:1.36'), 'abc12', 4);
    expect(r.metadata).toEqual({
      name: 'agent-abc12',
      namespace: 'default',
      labels: { app: 'agent', 'controller-revision-hash': 'abc12' },
      annotations: { 'deprecated.daemonset.template.generation': '1' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'agent',
          uid: 'uid-ds-agent',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(r.revision).toBe(4);
  });
});

describe('constructHistory', () => {
  it('no revision for the template: creates <ds>-<hash> numbered one past the highest old one', () => {
    const ds = agent('busybox:1.37');
    const old = [revision('busybox:1.35', 1), revision('busybox:1.36', 4)];
    const h = constructHistory(ds, old, [], new FakeCache());
    const hash = computePodTemplateHash(template('busybox:1.37'));
    expect(h.hash).toBe(hash);
    expect(summary(h.writes)).toEqual([`create controllerrevisions agent-${hash} #5`]);
    expect(h.old.map((r) => r.revision)).toEqual([1, 4]);
  });

  it('returning to an old template renumbers its revision instead of making another', () => {
    const ds = agent('busybox:1.36');
    const back = revision('busybox:1.36', 1);
    const h = constructHistory(ds, [back, revision('busybox:1.37', 2)], [], new FakeCache());
    expect(h.hash).toBe(back.metadata.labels?.['controller-revision-hash']);
    expect(summary(h.writes)).toEqual([`update controllerrevisions ${back.metadata.name} #3`]);
  });

  it('two revisions of the current template: keeps the newest, relabels pods, deletes the other', () => {
    const ds = agent('busybox:1.36');
    const older = revision('busybox:1.36', 1, 'aaaaa');
    const newer = revision('busybox:1.36', 2, 'bbbbb');
    const pods = [daemonPod('agent-p1', 'aaaaa'), daemonPod('agent-p2', 'bbbbb')];
    const h = constructHistory(ds, [older, newer], pods, new FakeCache());
    expect(h.hash).toBe('bbbbb');
    expect(summary(h.writes)).toEqual([
      'patch pods agent-p1',
      'delete controllerrevisions agent-aaaaa',
    ]);
    const patch = h.writes[0];
    expect(patch?.verb === 'patch' ? patch.patch : undefined).toEqual({
      metadata: { labels: { 'controller-revision-hash': 'bbbbb' } },
    });
  });

  it('a hash collision (the name holds another template) bumps status.collisionCount and stops', () => {
    const ds = agent('busybox:1.37');
    const hash = computePodTemplateHash(template('busybox:1.37'));
    // Someone else's revision already has the name, with another template.
    const squatter = revision('busybox:1.30', 1, hash);
    const cache = new FakeCache([['controllerrevisions', squatter]]);
    const h = constructHistory(ds, [], [], cache);
    expect(h.hash).toBeUndefined();
    expect(summary(h.writes)).toEqual(['updateStatus daemonsets agent']);
    const w = h.writes[0];
    expect(w && 'obj' in w ? w.obj.status : undefined).toEqual({ collisionCount: 1 });
    // With the bumped count the hash, and so the name, differ.
    const bumped = { ...ds, status: { collisionCount: 1 } };
    const next = constructHistory(bumped, [], [], cache);
    expect(next.hash).toBe(computePodTemplateHash(template('busybox:1.37'), 1));
    expect(next.hash).not.toBe(hash);
  });
});

describe('cleanupHistory', () => {
  const olds = [
    revision('busybox:1.33', 1),
    revision('busybox:1.34', 2),
    revision('busybox:1.35', 3),
  ];

  it('deletes the oldest revisions beyond revisionHistoryLimit', () => {
    const ds = agent('busybox:1.37', { revisionHistoryLimit: 1 });
    expect(summary(cleanupHistory(ds, olds, []))).toEqual([
      `delete controllerrevisions ${olds[0]?.metadata.name}`,
      `delete controllerrevisions ${olds[1]?.metadata.name}`,
    ]);
  });

  it('spares a revision a live pod still carries, taking the next oldest instead', () => {
    const ds = agent('busybox:1.37', { revisionHistoryLimit: 1 });
    const live = olds[0]?.metadata.labels?.['controller-revision-hash'] ?? '';
    expect(summary(cleanupHistory(ds, olds, [daemonPod('agent-p1', live)]))).toEqual([
      `delete controllerrevisions ${olds[1]?.metadata.name}`,
      `delete controllerrevisions ${olds[2]?.metadata.name}`,
    ]);
  });

  it('keeps 10 old revisions when the spec has no limit', () => {
    expect(cleanupHistory(agent('busybox:1.37'), olds, [])).toEqual([]);
  });
});

describe('DaemonSet controller and its revisions', () => {
  it('creates the revision once, though its informer has not seen it at the next sync', () => {
    const ds = agent('busybox:1.36');
    const cache = new FakeCache([
      ['namespaces', namespace('default')],
      ['daemonsets', ds],
    ]);
    const ctx = new FakeContext(60_000);
    const dsc = createDaemonSetController();
    const hash = computePodTemplateHash(template('busybox:1.36'));
    const revisionWrites = (writes: Write[]) =>
      summary(writes).filter((w) => w.includes('controllerrevisions'));
    expect(revisionWrites(dsc.reconcile('default/agent', cache, ctx).writes)).toEqual([
      `create controllerrevisions agent-${hash} #1`,
    ]);
    expect(revisionWrites(dsc.reconcile('default/agent', cache, ctx).writes)).toEqual([]);
  });
});
