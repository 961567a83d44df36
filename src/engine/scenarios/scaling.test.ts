/** Scaling a deployment up and down: ScalingReplicaSet texts, pod creation and graceful removal. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { eventRows, kubectlDeployment, nodeOf, phaseOf, podsOf } from './helpers.ts';

const PULLED =
  /^Successfully pulled image "nginx" in (\d+ms|\d+(\.\d+)?s) \(\1 including waiting\)\. Image size: 72080558 bytes\.$/;

describe('kubectl scale deployment web', () => {
  it('scales up from 1 to 3 and down from 3 to 1 with the real events', () => {
    const c = createCluster({ seed: 1 });
    const k = c.client('kubectl');
    k.create('deployments', 'default', kubectlDeployment('web', 'nginx'));
    c.settle();
    const rsName = c.snapshot().list('replicasets', 'default')[0]!.metadata!.name!;
    const first = podsOf(c)[0]!.metadata!.name!;
    const before = eventRows(c).length;

    expect(k.patch('deployments', 'default', 'web', { spec: { replicas: 3 } }).ok).toBe(true);
    c.settle();
    const up = eventRows(c).slice(before);
    const pods = podsOf(c);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => phaseOf(p) === 'Running')).toBe(true);
    const added = pods.map((p) => p.metadata!.name!).filter((n) => n !== first);
    expect(up.slice(0, 3)).toEqual([
      [
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        `Scaled up replica set ${rsName} from 1 to 3`,
      ],
      ...up
        .slice(1, 3)
        .map(() => [
          'Normal',
          'SuccessfulCreate',
          `replicaset/${rsName}`,
          expect.stringMatching(/^Created pod: /),
        ]),
    ]);
    expect(
      up
        .slice(1, 3)
        .map((r) => r[3].slice('Created pod: '.length))
        .sort(),
    ).toEqual([...added].sort());
    for (const name of added) {
      const pod = pods.find((p) => p.metadata?.name === name)!;
      expect(up.filter((r) => r[2] === `pod/${name}`)).toEqual([
        [
          'Normal',
          'Scheduled',
          `pod/${name}`,
          `Successfully assigned default/${name} to ${nodeOf(pod)}`,
        ],
        ['Normal', 'Pulling', `pod/${name}`, 'Pulling image "nginx"'],
        ['Normal', 'Pulled', `pod/${name}`, expect.stringMatching(PULLED)],
        ['Normal', 'Created', `pod/${name}`, 'Created container nginx'],
        ['Normal', 'Started', `pod/${name}`, 'Started container nginx'],
      ]);
    }
    // The default spreading puts the three replicas on three different workers.
    expect(new Set(pods.map(nodeOf)).size).toBe(3);
    expect(c.snapshot().get('deployments', 'default', 'web')!.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
    });

    const mid = eventRows(c).length;
    expect(k.patch('deployments', 'default', 'web', { spec: { replicas: 1 } }).ok).toBe(true);
    c.settle();
    const down = eventRows(c).slice(mid);
    // The newest pods go first; the original survives.
    expect(down.slice(0, 3)).toEqual([
      [
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        `Scaled down replica set ${rsName} from 3 to 1`,
      ],
      ...added.map(() => [
        'Normal',
        'SuccessfulDelete',
        `replicaset/${rsName}`,
        expect.stringMatching(/^Deleted pod: /),
      ]),
    ]);
    expect(
      down
        .slice(1, 3)
        .map((r) => r[3].slice('Deleted pod: '.length))
        .sort(),
    ).toEqual([...added].sort());
    expect(down.slice(3).sort()).toEqual(
      [...added].sort().map((n) => ['Normal', 'Killing', `pod/${n}`, 'Stopping container nginx']),
    );
    expect(podsOf(c).map((p) => p.metadata?.name)).toEqual([first]);
    expect(c.snapshot().get('deployments', 'default', 'web')!.status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
    });
    expect(c.errors).toEqual([]);
  });

  it('scaling to zero removes every pod', () => {
    const c = createCluster({ seed: 2 });
    const k = c.client('kubectl');
    k.create('deployments', 'default', kubectlDeployment('web', 'nginx', 2));
    c.settle();
    k.patch('deployments', 'default', 'web', { spec: { replicas: 0 } });
    c.settle();
    expect(podsOf(c)).toEqual([]);
    const rsName = c.snapshot().list('replicasets', 'default')[0]!.metadata!.name!;
    expect(
      eventRows(c)
        .filter((r) => r[1] === 'ScalingReplicaSet')
        .map((r) => r[3]),
    ).toEqual([
      `Scaled up replica set ${rsName} from 0 to 2`,
      `Scaled down replica set ${rsName} from 2 to 0`,
    ]);
  });
});
