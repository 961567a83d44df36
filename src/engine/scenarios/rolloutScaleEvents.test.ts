/**
 * A fast rolling update records each size change of a ReplicaSet once (audit 9 #23). A status
 * update of the new ReplicaSet that landed just before the controller scaled it, delivered just
 * after, still shows the old size; the real controller's Update from that stale view fails with
 * a Conflict, so the step is not taken (nor announced) twice.
 */
import { describe, expect, it } from 'vitest';
import { transcriptSession } from './helpers.ts';

describe('ScalingReplicaSet events during a rollout', () => {
  it('a scale-up of the new ReplicaSet is never recorded twice', () => {
    const { sh } = transcriptSession(1);
    for (const line of [
      'kubectl create deployment web --image=nginx:1.25 --replicas=4',
      'kubectl set image deployment/web nginx=nginx:nope',
      'kubectl scale deployment web --replicas=8',
      'sleep 11m',
      'kubectl set image deployment/web nginx=nginx:1.26',
    ]) {
      expect(sh(line).code).toBe(0);
    }
    const newRS = sh(
      `kubectl get rs -l app=web -o jsonpath='{range .items[?(@.spec.replicas==8)]}{.metadata.name}{end}'`,
    ).out;
    expect(newRS).toMatch(/^web-[a-z0-9]+$/);
    const rows = sh(
      `kubectl get events --field-selector involvedObject.kind=Deployment -o custom-columns=COUNT:.count,MSG:.message --no-headers`,
    )
      .out.trim()
      .split('\n')
      .filter((l) => l.includes(`Scaled up replica set ${newRS} from`))
      .map((l) => l.trim().split(/\s+/));
    // 0 → 4 (maxSurge fills the room), then one step at a time as old pods go.
    expect(rows.map((r) => `${r.at(-3)}→${r.at(-1)}`)).toEqual(['0→4', '4→5', '5→6', '6→7']);
    expect(rows.map((r) => r[0])).toEqual(['1', '1', '1', '1']);
    expect(sh(`kubectl get rs ${newRS} -o jsonpath='{.spec.replicas}'`).out).toBe('8');
  });
});
