import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { Reconciler } from '../runtime/controller.ts';
import { rfc3339 } from '../util/clock.ts';
import { createDeploymentController } from './deployment.ts';
import { deployment } from './fixtures.ts';
import { clone, nameOf } from './objects.ts';
import { computePodTemplateHash, safeEncodeString } from './podTemplateHash.ts';
import { createReplicaSetController } from './replicaset.ts';
import { MiniCluster } from './testing.ts';

const key = (o: KubeObject) => `${o.metadata?.namespace}/${o.metadata?.name}`;

/** Runs both controllers to a fixed point; pods become Running and Ready at once (a perfect kubelet). */
function settle(c: MiniCluster, dc: Reconciler, rsc: Reconciler, watch?: () => void): void {
  for (let i = 0; i < 100; i++) {
    let n = 0;
    for (const d of c.objects('deployments')) n += c.reconcile(dc, key(d)).length;
    watch?.();
    for (const rs of c.objects('replicasets')) n += c.reconcile(rsc, key(rs)).length;
    watch?.();
    for (const p of c.objects('pods')) {
      if (p.metadata?.deletionTimestamp) {
        c.cache.remove('pods', 'default', nameOf(p));
        n++;
      } else if ((p.status as { phase?: string } | undefined)?.phase !== 'Running') {
        c.cache.put('pods', {
          ...clone(p),
          spec: { ...(p.spec as object), nodeName: 'node1' },
          status: {
            phase: 'Running',
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(c.now) }],
          },
        });
        n++;
      }
    }
    if (n === 0) return;
  }
  throw new Error('did not settle');
}

function rsOf(c: MiniCluster): KubeObject[] {
  return [...c.objects('replicasets')];
}

describe('pod-template-hash', () => {
  it('maps decimal digits through SafeEncodeString (0→4 … 9→f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('has the real shape: 10-char hashes start with 5–8, only 10 letters are used', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (image, label) => {
        const h = computePodTemplateHash({
          metadata: { labels: { app: label } },
          spec: { containers: [{ name: 'c', image }] },
        });
        expect(h).toMatch(/^[456789bcdf]{1,10}$/);
        if (h.length === 10) expect(h[0]).toMatch(/[5678]/);
      }),
    );
  });

  it('is stable for the same template and differs for another image or collision count', () => {
    const t = deployment('web', 'nginx').spec as { template: unknown };
    const u = deployment('web', 'nginx:1.27').spec as { template: unknown };
    const h = computePodTemplateHash(t.template);
    expect(computePodTemplateHash(clone(t.template))).toBe(h);
    expect(computePodTemplateHash(u.template)).not.toBe(h);
    expect(computePodTemplateHash(t.template, 1)).not.toBe(h);
  });
});

describe('deployment controller', () => {
  it('creates web-<hash> with owner reference, hash label and selector, and the 1.32 event', () => {
    const d = deployment('web', 'nginx');
    const c = new MiniCluster([['deployments', d]]);
    const dc = createDeploymentController();
    const writes = c.reconcile(dc, 'default/web');
    const hash = computePodTemplateHash((d.spec as { template: unknown }).template);
    const create = writes.find((w) => w.verb === 'create');
    expect(create?.verb === 'create' && create.resource).toBe('replicasets');
    const rs = c.get('replicasets', 'default', `web-${hash}`);
    expect(rs?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: 'uid-deploy-web',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs?.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '1',
      'deployment.kubernetes.io/max-replicas': '2',
      'deployment.kubernetes.io/revision': '1',
    });
    const spec = rs?.spec as {
      replicas: number;
      selector: unknown;
      template: { metadata: { labels: unknown } };
    };
    expect(spec.replicas).toBe(1);
    expect(spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(c.ctx.eventLines()).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 1`,
    ]);
    expect(c.ctx.events[0]?.component).toBe('deployment-controller');
    const dep = c.get('deployments', 'default', 'web');
    expect(dep?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const conds = (
      dep!.status as { conditions: { type: string; reason: string; message: string }[] }
    ).conditions;
    expect(conds.map((x) => [x.type, x.reason, x.message])).toEqual([
      ['Progressing', 'NewReplicaSetCreated', `Created new replica set "web-${hash}"`],
      ['Available', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ]);
  });

  it('does not create the ReplicaSet twice while the cache has not seen it yet', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx')]]);
    const dc = createDeploymentController();
    const first = dc.reconcile('default/web', c.cache, c.ctx).writes;
    const second = dc.reconcile('default/web', c.cache, c.ctx).writes;
    expect(first.filter((w) => w.verb === 'create')).toHaveLength(1);
    expect(second).toEqual([]);
    expect(c.ctx.events).toHaveLength(1);
  });

  it('reaches 1/1 with Available/MinimumReplicasAvailable and NewReplicaSetAvailable', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx')]]);
    settle(c, createDeploymentController(), createReplicaSetController());
    const [rs] = rsOf(c);
    const d = c.get('deployments', 'default', 'web');
    const status = d?.status as Record<string, unknown> & {
      conditions: { type: string; status: string; reason: string; message: string }[];
    };
    expect({ ...status, conditions: undefined }).toEqual({
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: undefined,
    });
    expect(status.conditions.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${nameOf(rs!)}" has successfully progressed.`,
      ],
    ]);
  });

  it('scales up and down with from→to events', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx')]]);
    const dc = createDeploymentController();
    const rsc = createReplicaSetController();
    settle(c, dc, rsc);
    const rsName = nameOf(rsOf(c)[0]!);
    const scaleTo = (n: number) => {
      const d = clone(c.get('deployments', 'default', 'web')!);
      (d.spec as { replicas: number }).replicas = n;
      c.apply([{ verb: 'update', resource: 'deployments', namespace: 'default', obj: d }]);
      settle(c, dc, rsc);
    };
    scaleTo(3);
    expect(c.objects('pods')).toHaveLength(3);
    scaleTo(1);
    expect(c.objects('pods')).toHaveLength(1);
    expect(c.ctx.eventLines().filter((l) => l.includes('ScalingReplicaSet'))).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set ${rsName} from 0 to 1`,
      `Normal ScalingReplicaSet Scaled up replica set ${rsName} from 1 to 3`,
      `Normal ScalingReplicaSet Scaled down replica set ${rsName} from 3 to 1`,
    ]);
    const d = c.get('deployments', 'default', 'web');
    expect((d!.status as { observedGeneration: number }).observedGeneration).toBe(3);
  });

  it('rolls out a new template within maxSurge 25% / maxUnavailable 25%', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx', 4)]]);
    const dc = createDeploymentController();
    const rsc = createReplicaSetController();
    settle(c, dc, rsc);
    const oldName = nameOf(rsOf(c)[0]!);
    const d = clone(c.get('deployments', 'default', 'web')!);
    const tpl = (d.spec as { template: { spec: { containers: { image: string }[] } } }).template;
    tpl.spec.containers[0]!.image = 'nginx:1.27';
    c.apply([{ verb: 'update', resource: 'deployments', namespace: 'default', obj: d }]);
    const before = c.ctx.events.length;
    // Invariant checked after every controller step: at most 5 pods wanted, at least 3 available.
    const watch = () => {
      const rss = rsOf(c);
      const wanted = rss.reduce((a, r) => a + ((r.spec as { replicas: number }).replicas ?? 0), 0);
      const ready = c
        .objects('pods')
        .filter(
          (p) =>
            !p.metadata?.deletionTimestamp &&
            (p.status as { phase?: string } | undefined)?.phase === 'Running',
        );
      expect(wanted).toBeLessThanOrEqual(5);
      expect(ready.length).toBeGreaterThanOrEqual(3);
    };
    settle(c, dc, rsc, watch);
    const rss = rsOf(c);
    const newRS = rss.find((r) => nameOf(r) !== oldName)!;
    const newName = nameOf(newRS);
    expect((newRS.spec as { replicas: number }).replicas).toBe(4);
    expect(newRS.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const old = rss.find((r) => nameOf(r) === oldName)!;
    expect((old.spec as { replicas: number }).replicas).toBe(0);
    const lines = c.ctx.eventLines().slice(before);
    expect(lines[0]).toBe(`Normal ScalingReplicaSet Scaled up replica set ${newName} from 0 to 1`);
    expect(lines[1]).toBe(
      `Normal ScalingReplicaSet Scaled down replica set ${oldName} from 4 to 3`,
    );
    expect(lines.filter((l) => l.includes('ScalingReplicaSet')).at(-1)).toMatch(
      new RegExp(
        `Scaled (down replica set ${oldName} from \\d to 0|up replica set ${newName} from \\d to 4)`,
      ),
    );
    const dep = c.get('deployments', 'default', 'web');
    expect(dep?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep?.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
  });

  it('reports ProgressDeadlineExceeded when no progress is made for 600 s', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx:doesnotexist')]]);
    const dc = createDeploymentController();
    const rsc = createReplicaSetController();
    c.reconcile(dc, 'default/web');
    for (const rs of rsOf(c)) c.reconcile(rsc, key(rs));
    c.reconcile(dc, 'default/web');
    // The pod never becomes ready; the controller asked to look again after the deadline.
    expect(c.ctx.requeues.some((q) => q.key === 'default/web' && q.at === 601_000)).toBe(true);
    c.runUntil(dc, 601_000);
    const rsName = nameOf(rsOf(c)[0]!);
    const conds = (
      c.get('deployments', 'default', 'web')!.status as {
        conditions: { type: string; status: string; reason: string; message: string }[];
      }
    ).conditions;
    expect(conds.find((x) => x.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
    });
  });
});

describe('deployment controller: revision history', () => {
  it('keeps only revisionHistoryLimit old ReplicaSets scaled to zero', () => {
    const d = deployment('web', 'nginx:1.27', 2);
    (d.spec as { revisionHistoryLimit: number }).revisionHistoryLimit = 1;
    const c = new MiniCluster([['deployments', d]]);
    const dc = createDeploymentController();
    const rsc = createReplicaSetController();
    settle(c, dc, rsc);
    for (const image of ['nginx:1.26', 'nginx:alpine']) {
      const next = clone(c.get('deployments', 'default', 'web')!);
      const tpl = (next.spec as { template: { spec: { containers: { image: string }[] } } })
        .template;
      tpl.spec.containers[0]!.image = image;
      c.apply([{ verb: 'update', resource: 'deployments', namespace: 'default', obj: next }]);
      settle(c, dc, rsc);
    }
    const revisions = rsOf(c)
      .map((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision'])
      .sort();
    // Revision 1 (nginx:1.27) is gone; 2 is the one old ReplicaSet kept, 3 is current.
    expect(revisions).toEqual(['2', '3']);
  });
});

describe('deployment controller: adoption', () => {
  it('adopts an orphaned ReplicaSet of the same template instead of creating another', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx', 2)]]);
    const dc = createDeploymentController();
    const rsc = createReplicaSetController();
    settle(c, dc, rsc);
    const [rs] = rsOf(c);
    // `kubectl delete deployment web --cascade=orphan`: the ReplicaSet loses its owner.
    c.apply([
      {
        verb: 'patch',
        resource: 'replicasets',
        namespace: 'default',
        name: nameOf(rs!),
        patch: { metadata: { ownerReferences: null } },
      },
    ]);
    c.cache.remove('deployments', 'default', 'web');
    const recreated = deployment('web', 'nginx', 2, { uid: 'uid-deploy-web-2' });
    c.cache.put('deployments', recreated);
    const before = c.ctx.events.length;
    const dc2 = createDeploymentController();
    expect(dc2.keysFor('replicasets', c.get('replicasets', 'default', nameOf(rs!))!)).toEqual([
      'adopt/default',
    ]);
    settle(c, dc2, rsc);
    expect(rsOf(c).map(nameOf)).toEqual([nameOf(rs!)]);
    expect(rsOf(c)[0]?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      uid: 'uid-deploy-web-2',
      controller: true,
    });
    expect(c.objects('pods')).toHaveLength(2);
    expect(c.ctx.events.slice(before)).toEqual([]);
  });
});

describe('deployment controller: scaling events', () => {
  function rsFor(
    d: KubeObject,
    image: string,
    replicas: number,
    available: number,
    created: number,
  ) {
    const template = clone(
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template,
    );
    template.spec.containers[0]!.image = image;
    const hash = computePodTemplateHash(template);
    const labeled = clone(template) as typeof template & {
      metadata: { labels: Record<string, string> };
    };
    labeled.metadata.labels = { app: 'web', 'pod-template-hash': hash };
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`,
        namespace: 'default',
        uid: `uid-rs-${hash}`,
        creationTimestamp: rfc3339(created),
        resourceVersion: '5',
        labels: labeled.metadata.labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': '10',
          'deployment.kubernetes.io/max-replicas': '13',
          'deployment.kubernetes.io/revision': image === 'nginx:1.27' ? '2' : '1',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: 'uid-deploy-web',
            controller: true,
          },
        ],
      },
      spec: { replicas, selector: { matchLabels: labeled.metadata.labels }, template: labeled },
      status: { replicas, readyReplicas: available, availableReplicas: available },
    } as KubeObject;
  }

  it('scales mid-rollout proportionally, leftovers to the largest ReplicaSet', () => {
    const d = deployment('web', 'nginx:1.27', 20, { generation: 3 });
    const oldRS = rsFor(d, 'nginx:1.26', 8, 8, 0);
    const newRS = rsFor(d, 'nginx:1.27', 3, 0, 60_000);
    const c = new MiniCluster(
      [
        ['deployments', d],
        ['replicasets', oldRS],
        ['replicasets', newRS],
      ],
      120_000,
    );
    c.reconcile(createDeploymentController(), 'default/web');
    expect(c.ctx.eventLines()).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set ${nameOf(oldRS)} from 8 to 19`,
      `Normal ScalingReplicaSet Scaled up replica set ${nameOf(newRS)} from 3 to 6`,
    ]);
    for (const rs of rsOf(c)) {
      expect(rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('20');
      expect(rs.metadata?.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('25');
    }
  });

  it('a template change together with a new replica count first resizes the running ReplicaSet', () => {
    const c = new MiniCluster([['deployments', deployment('web', 'nginx', 2)]]);
    const dc = createDeploymentController();
    const rsc = createReplicaSetController();
    settle(c, dc, rsc);
    const oldName = nameOf(rsOf(c)[0]!);
    const d = clone(c.get('deployments', 'default', 'web')!);
    const spec = d.spec as {
      replicas: number;
      template: { spec: { containers: { image: string }[] } };
    };
    spec.replicas = 4;
    spec.template.spec.containers[0]!.image = 'nginx:1.27';
    c.apply([{ verb: 'update', resource: 'deployments', namespace: 'default', obj: d }]);
    const before = c.ctx.events.length;
    settle(c, dc, rsc);
    const lines = c.ctx
      .eventLines()
      .slice(before)
      .filter((l) => l.includes('ScalingReplicaSet'));
    expect(lines[0]).toBe(`Normal ScalingReplicaSet Scaled up replica set ${oldName} from 2 to 4`);
    expect(lines[1]).toMatch(
      /^Normal ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 1$/,
    );
    expect(rsOf(c).find((r) => nameOf(r) === oldName)?.spec).toMatchObject({ replicas: 0 });
  });
});
