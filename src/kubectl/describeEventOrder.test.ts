/**
 * kubectl describe sorts events with Go's sort.Sort by lastTimestamp: not stable, so beyond
 * twelve events the ones last seen in the same second come in the order Go's pdqsort leaves
 * them. The scenario and the expected Events section are the real kubectl 1.32.5's, read with
 * bench/kubectlOracle.ts (the two "5m20s (x3 over 20m)" rows came out swapped from the input).
 */
import { describe, expect, it } from 'vitest';
import { goSort } from './goSort.ts';
import { engineSession } from './testing/engineSession.ts';
import { EVENT_SCENARIO } from './testing/eventScenario.ts';

const SCENARIO = [
  ...EVENT_SCENARIO,
  'kubectl set image deployment/web nginx=nginx:1.28 -o name',
  'kubectl set image deployment/web nginx=nginx:1.28',
  "kubectl set image deployment/web '*=nginx:1.29' --dry-run=server -o jsonpath='{.spec.template.spec.containers[0].image}'",
  'kubectl set image cronjob/tick tick=busybox:1.37 -o yaml --dry-run=client',
  'kubectl set image cronjob/tick nope=busybox:1.37',
  'kubectl set image deployment/web nginx=nginx:1.28 deployment/api',
  'kubectl set image deployment/web deployment/api nginx=nginx:1.28',
  'kubectl set image deployment/web deployment/nope nginx=nginx:1.27',
  'kubectl set image deployment -l app=web nginx=nginx:1.27',
  'kubectl set image deployments nginx=nginx:1.27',
  'kubectl set image deployments --all nginx=nginx:1.27',
  'kubectl set env deployment/web GREETING=hello',
  'kubectl set env deployment/web --list',
  'kubectl set env deployment/web --list -c nope',
  'kubectl set env deployment/web GREETING=hello',
  'kubectl set env deployment/web GREETING-',
  'kubectl set env deployment/web GREETING-',
  'kubectl set env cronjob/tick --list',
  'kubectl set env job/once A=b',
  'kubectl set env deployment/web --from=configmap/nope',
  'kubectl set env deployment/web --from=secret/nope',
  "kubectl set env deployment/web --env=X=1 --env=Y=2 -o jsonpath='{.spec.template.spec.containers[0].env}'",
  'kubectl set resources deployment/web --limits=cpu=500m,memory=256Mi',
  'kubectl set resources deployment/web --limits=cpu=500m,memory=256Mi',
  'kubectl set resources deployment/web --limits=cpu=50m --requests=cpu=100m',
  'kubectl set resources cronjob/tick --requests=memory=32Mi',
  'kubectl set resources deployment/web --requests=cpu=100m -c nope',
  "kubectl set resources deployment/web -c=nginx --limits=memory=0 -o jsonpath='{.spec.template.spec.containers[0].resources}'",
  'kubectl set serviceaccount deployment/web builder',
  'kubectl set serviceaccount deployment/web builder',
  'kubectl set serviceaccount cronjob/tick builder -o name',
  'kubectl set serviceaccount hpa/web builder',
  'kubectl set selector deployment/web app=web',
  'kubectl set selector svc/nope app=web',
];

const EVENTS = [
  'Events:',
  '  Type    Reason             Age                     From                   Message',
  '  ----    ------             ----                    ----                   -------',
  '  Normal  ScalingReplicaSet  20m                     deployment-controller  Scaled up replica set web-5c94f75b5d from 0 to 2',
  '  Normal  ScalingReplicaSet  20m                     deployment-controller  Scaled down replica set web-5c94f75b5d from 2 to 1',
  '  Normal  ScalingReplicaSet  20m                     deployment-controller  Scaled down replica set web-5c94f75b5d from 1 to 0',
  '  Normal  ScalingReplicaSet  9m35s                   deployment-controller  Scaled up replica set web-69ccc458d7 from 0 to 1',
  '  Normal  ScalingReplicaSet  9m31s                   deployment-controller  Scaled up replica set web-69ccc458d7 from 1 to 2',
  '  Normal  ScalingReplicaSet  7m25s                   deployment-controller  Scaled down replica set web-69ccc458d7 from 2 to 1',
  '  Normal  ScalingReplicaSet  7m24s                   deployment-controller  Scaled down replica set web-69ccc458d7 from 1 to 0',
  '  Normal  ScalingReplicaSet  6m35s (x2 over 9m31s)   deployment-controller  Scaled down replica set web-57dcc5cffb from 2 to 1',
  '  Normal  ScalingReplicaSet  6m35s                   deployment-controller  Scaled up replica set web-5c9865676b from 0 to 1',
  '  Normal  ScalingReplicaSet  6m34s (x2 over 9m27s)   deployment-controller  Scaled down replica set web-57dcc5cffb from 1 to 0',
  '  Normal  ScalingReplicaSet  5m20s (x3 over 20m)     deployment-controller  Scaled up replica set web-57dcc5cffb from 1 to 2',
  '  Normal  ScalingReplicaSet  5m20s (x3 over 20m)     deployment-controller  Scaled up replica set web-57dcc5cffb from 0 to 1',
  '  Normal  ScalingReplicaSet  3m35s (x10 over 6m35s)  deployment-controller  (combined from similar events): Scaled up replica set web-76598fb885 from 1 to 2',
];

describe('describe: events last seen in the same second', () => {
  it('come in the order the real kubectl 1.32.5 printed (sort.Sort, not stable)', () => {
    const { run } = engineSession(1);
    for (const line of SCENARIO) run(line);
    const out = run('kubectl describe deployment web').out;
    expect(out.slice(out.indexOf('Events:')).trimEnd().split('\n')).toEqual(EVENTS);
  });
});

describe('goSort', () => {
  it('is insertion sort up to 12 elements: ties keep their order', () => {
    const items = [3, 1, 2, 1, 3, 2, 1, 0, 2, 3, 1, 0].map((k, i) => ({ k, i }));
    goSort(items, (a, b) => a.k < b.k);
    expect(items.map((x) => x.k)).toEqual([0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    for (let n = 1; n < items.length; n++) {
      const [p, q] = [items[n - 1], items[n]] as [
        { k: number; i: number },
        { k: number; i: number },
      ];
      if (p.k === q.k) expect(p.i).toBeLessThan(q.i);
    }
  });

  it('sorts longer lists (partitions, heap sort fallback inputs) by the key', () => {
    for (const n of [13, 50, 64, 200]) {
      let seed = n;
      const items = Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % 7;
      });
      const want = [...items].sort((a, b) => a - b);
      goSort(items, (a, b) => a < b);
      expect(items).toEqual(want);
      const desc = Array.from({ length: n }, (_, i) => n - i);
      goSort(desc, (a, b) => a < b);
      expect(desc).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });
});
