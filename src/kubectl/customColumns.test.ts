/** `-o custom-columns` cells as kubectl's printOneObject writes them: fmt.Sprint of each result. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get -o custom-columns', () => {
  it("prints maps and lists in Go's fmt form, several results joined by commas", () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=1');
    expect(
      run(
        'kubectl get deploy web -o custom-columns=SELECTOR:.spec.selector,STRATEGY:.spec.strategy,NAMES:.spec.template.spec.containers[*].name',
      ).out,
    ).toBe(
      [
        `SELECTOR                        STRATEGY${' '.repeat(69)}NAMES`,
        'map[matchLabels:map[app:web]]   map[rollingUpdate:map[maxSurge:25% maxUnavailable:25%] type:RollingUpdate]   nginx',
        '',
      ].join('\n'),
    );
    const hash = run(
      "kubectl get rs -l app=web -o jsonpath='{.items[0].metadata.labels.pod-template-hash}'",
    ).out;
    expect(run('kubectl get pods -o custom-columns=LABELS:.metadata.labels --no-headers').out).toBe(
      `map[app:web pod-template-hash:${hash}]\n`,
    );
    run('kubectl create deployment sleeper --image=busybox -- sleep infinity');
    expect(
      run(
        'kubectl get deploy sleeper -o custom-columns=CMD:.spec.template.spec.containers[0].command,N:.metadata.labels.app,X:.spec.nope --no-headers',
      ).out,
    ).toBe('[sleep infinity]   sleeper   <none>\n');
  });
});
