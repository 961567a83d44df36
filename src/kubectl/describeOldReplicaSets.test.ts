/**
 * `kubectl describe deployment` lists OldReplicaSets oldest first: kubectl 1.32's
 * FindNewReplicaSet sorts the ReplicaSets by creation time (ties by name) in place, and the old
 * ones are taken from that list (the real kubectl 1.32.5 printed `web-5c94f75b5d (…),
 * web-5475bdc44d (…)` for revisions 1 and 3, against the names' order).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('describe deployment: OldReplicaSets', () => {
  it('come in the order they were created, not by name', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx:1.27 --replicas=1');
    run('sleep 20');
    for (const tag of ['1.29', '1.28']) {
      run(`kubectl set image deployment/web nginx=nginx:${tag}`);
      run('sleep 40');
    }
    const byRevision = run(
      'kubectl get rs -l app=web -o jsonpath=\'{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.metadata.name}{"\\n"}{end}\'',
    )
      .out.trim()
      .split('\n')
      .map((l) => l.split(' '))
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map((p) => p[1]);
    expect(byRevision).toHaveLength(3);
    const [first, second, newest] = byRevision as [string, string, string];
    // Names in creation order are not in alphabetical order here, so the test can tell.
    expect([first, second].sort()).toEqual([second, first]);
    const out = run('kubectl describe deployment web').out;
    expect(out).toContain(
      `OldReplicaSets:  ${first} (0/0 replicas created), ${second} (0/0 replicas created)\n`,
    );
    expect(out).toContain(`NewReplicaSet:   ${newest} (1/1 replicas created)\n`);
  });
});
