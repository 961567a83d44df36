/** A deployment whose image does not exist: ErrImagePull, then ImagePullBackOff with growing back-off. */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { createCluster } from '../cluster.ts';
import {
  containerState,
  eventCounts,
  eventRows,
  kubectlDeployment,
  nodeOf,
  podsOf,
} from './helpers.ts';

describe('an image that does not exist', () => {
  it('fails the pull with the containerd error and backs off', () => {
    const c = createCluster({ seed: 1 });
    c.client('kubectl').create(
      'deployments',
      'default',
      kubectlDeployment('bad', 'nginx:doesnotexist'),
    );
    c.settle();
    const rsName = c.snapshot().list('replicasets', 'default')[0]!.metadata!.name!;
    const pod = podsOf(c)[0]!;
    const name = pod.metadata!.name!;
    const ref = 'docker.io/library/nginx:doesnotexist';
    expect(eventRows(c)).toEqual([
      [
        'Normal',
        'ScalingReplicaSet',
        'deployment/bad',
        `Scaled up replica set ${rsName} from 0 to 1`,
      ],
      ['Normal', 'SuccessfulCreate', `replicaset/${rsName}`, `Created pod: ${name}`],
      [
        'Normal',
        'Scheduled',
        `pod/${name}`,
        `Successfully assigned default/${name} to ${nodeOf(pod)}`,
      ],
      ['Normal', 'Pulling', `pod/${name}`, 'Pulling image "nginx:doesnotexist"'],
      [
        'Warning',
        'Failed',
        `pod/${name}`,
        `Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`,
      ],
      ['Warning', 'Failed', `pod/${name}`, 'Error: ErrImagePull'],
      ['Normal', 'BackOff', `pod/${name}`, 'Back-off pulling image "nginx:doesnotexist"'],
      ['Warning', 'Failed', `pod/${name}`, 'Error: ImagePullBackOff'],
    ]);
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(containerState(podsOf(c)[0]!));

    // Five minutes later the kubelet has retried several times; events are aggregated.
    c.advance(5 * 60_000);
    const counts = eventCounts(c);
    expect(counts[`Pulling pod/${name}: Pulling image "nginx:doesnotexist"`]).toBeGreaterThan(2);
    expect(
      counts[`BackOff pod/${name}: Back-off pulling image "nginx:doesnotexist"`],
    ).toBeGreaterThan(2);
    expect(counts[`Failed pod/${name}: Error: ErrImagePull`]).toBeGreaterThan(2);
    expect(eventRows(c)).toHaveLength(8);
    const d = c.snapshot().get('deployments', 'default', 'bad')!;
    expect((d.status as { readyReplicas?: number }).readyReplicas ?? 0).toBe(0);
    expect((d.status as { unavailableReplicas?: number }).unavailableReplicas).toBe(1);
  });

  it('reports the back-off at every pod worker sync, which the spam filter then throttles', () => {
    const s = engineSession();
    s.run('kubectl run bad --image=nginx:typo');
    s.cluster.advance(10 * 60_000);
    const out = s.run('kubectl describe pod bad').out;
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:typo": failed to resolve reference "docker.io/library/nginx:typo": docker.io/library/nginx:typo: not found';
    // Some 47 pod worker syncs in 11 minutes reported BackOff, while the pull was retried 7 times (10 s
    // doubling to 5 m). After the kubelet's 25-event burst for the pod, one write per 5 minutes
    // gets through: it carries the count so far, and it is always BackOff (the first event of
    // a sync), so "Error: ImagePullBackOff" stays where the burst ended.
    expect(out.slice(out.indexOf('Events:')).split('\n')).toEqual([
      'Events:',
      '  Type     Reason     Age                  From               Message',
      '  ----     ------     ----                 ----               -------',
      '  Normal   Scheduled  11m                  default-scheduler  Successfully assigned default/bad to node3',
      '  Warning  Failed     11m (x3 over 11m)    kubelet            Error: ErrImagePull',
      '  Warning  Failed     10m (x7 over 11m)    kubelet            Error: ImagePullBackOff',
      '  Normal   Pulling    10m (x4 over 11m)    kubelet            Pulling image "nginx:typo"',
      `  Warning  Failed     10m (x4 over 11m)    kubelet            Failed to pull image "nginx:typo": ${err}`,
      '  Normal   BackOff    105s (x47 over 11m)  kubelet            Back-off pulling image "nginx:typo"',
      '',
    ]);
  });
});
