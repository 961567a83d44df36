/**
 * `kubectl events` sorts with Go's sort.Sort (SortableEvents), not stable: events seen in the
 * same second come in Go's pdqsort order. The scenario and the rows are the real kubectl
 * 1.32.5's (bench/kubectlOracle.ts), compared without the LAST SEEN column (the scheduler's
 * events carry microseconds; the oracle's ages of those may differ by a second).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';
import { EVENT_SCENARIO } from './testing/eventScenario.ts';

const SCENARIO = EVENT_SCENARIO;

const FIRST_ROWS = [
  'TYPE      REASON                         OBJECT                        MESSAGE',
  'Normal    Pulling                        Pod/web-5c94f75b5d-zw86s      Pulling image "nginx:1.27"',
  'Normal    Pulling                        Pod/web-5c94f75b5d-z45gl      Pulling image "nginx:1.27"',
  'Normal    SuccessfulCreate               ReplicaSet/web-5c94f75b5d     Created pod: web-5c94f75b5d-zw86s',
  'Normal    SuccessfulCreate               ReplicaSet/web-5c94f75b5d     Created pod: web-5c94f75b5d-z45gl',
  'Normal    ScalingReplicaSet              Deployment/web                Scaled up replica set web-5c94f75b5d from 0 to 2',
  'Normal    Scheduled                      Pod/web-5c94f75b5d-z45gl      Successfully assigned default/web-5c94f75b5d-z45gl to node1',
  'Normal    Scheduled                      Pod/web-5c94f75b5d-zw86s      Successfully assigned default/web-5c94f75b5d-zw86s to node3',
  'Normal    Pulled                         Pod/web-5c94f75b5d-z45gl      Successfully pulled image "nginx:1.27" in 3.247s (3.247s including waiting). Image size: 72090413 bytes.',
  'Normal    Started                        Pod/web-5c94f75b5d-z45gl      Started container nginx',
  'Normal    Created                        Pod/web-5c94f75b5d-z45gl      Created container nginx',
  'Normal    Pulled                         Pod/web-5c94f75b5d-zw86s      Successfully pulled image "nginx:1.27" in 3.656s (3.656s including waiting). Image size: 72090413 bytes.',
  'Normal    Created                        Pod/web-5c94f75b5d-zw86s      Created container nginx',
  'Normal    Started                        Pod/web-5c94f75b5d-zw86s      Started container nginx',
  'Normal    ScalingReplicaSet              Deployment/web                Scaled up replica set web-57dcc5cffb from 0 to 1',
  'Normal    SuccessfulCreate               ReplicaSet/web-57dcc5cffb     Created pod: web-57dcc5cffb-cqpbv',
];

describe('kubectl events: ties in the real order', () => {
  it('lists events seen in the same second as kubectl 1.32.5 does', () => {
    const { run } = engineSession(1);
    for (const line of SCENARIO) run(line);
    const rows = run('kubectl events')
      .out.split('\n')
      .slice(0, FIRST_ROWS.length)
      .map((l) => l.slice(25).trimEnd());
    expect(rows).toEqual(FIRST_ROWS);
  });
});
