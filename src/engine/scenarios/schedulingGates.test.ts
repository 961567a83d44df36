/**
 * Pod scheduling readiness (`spec.schedulingGates`, GA in 1.30): a gated pod is created with
 * PodScheduled=False/SchedulingGated, the scheduler leaves it alone until the last gate is
 * removed, and gates can only be removed.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { rfc3339 } from '../util/clock.ts';
import { eventRows, nodeOf, phaseOf } from './helpers.ts';

/** `echo '<pod gate with these gates>' > gate.json`. */
function gatedPod(gates: string[]): string {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'gate' },
    spec: {
      schedulingGates: gates.map((name) => ({ name })),
      containers: [{ name: 'nginx', image: 'nginx' }],
    },
  };
  return `echo '${JSON.stringify(pod)}' > gate.json`;
}

describe('a pod with scheduling gates', () => {
  it('waits SchedulingGated with no attempt until its last gate is removed, then runs', () => {
    const { cluster: c, run } = engineSession(1);
    run(gatedPod(['example.com/quota', 'example.com/arch']));
    const t0 = c.now();
    expect(run('kubectl apply -f gate.json')).toEqual({
      out: 'pod/gate created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pods').out).toBe(
      'NAME   READY   STATUS            RESTARTS   AGE\ngate   0/1     SchedulingGated   0          15s\n',
    );
    const pod = c.snapshot().get('pods', 'default', 'gate')!;
    expect((pod.status as { conditions?: unknown[] }).conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(t0),
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ]);
    // The scheduler never tried: no decision, no request from it, no event at all.
    c.advance(120_000);
    expect(c.snapshot().decision('default/gate')).toBeUndefined();
    expect(c.messages.some((m) => m.from === 'scheduler' && m.ref?.name === 'gate')).toBe(false);
    expect(eventRows(c)).toEqual([]);

    // Gates can be removed one by one; one left still holds the pod.
    run(gatedPod(['example.com/arch']));
    expect(run('kubectl apply -f gate.json').out).toBe('pod/gate configured\n');
    c.advance(60_000);
    expect(c.snapshot().decision('default/gate')).toBeUndefined();
    expect(run('kubectl get pods').out).toContain('gate   0/1     SchedulingGated   0');

    // The last one removed: the scheduler places it at once and it starts.
    run(gatedPod([]));
    expect(run('kubectl apply -f gate.json').out).toBe('pod/gate configured\n');
    const released = c.messages.filter(
      (m) => m.from === 'kubectl' && m.kind === 'api.patch' && m.ref?.name === 'gate',
    );
    const decision = c.snapshot().decision('default/gate')!;
    expect(decision.attempt).toBe(1);
    expect(decision.at - released[released.length - 1]!.at).toBeLessThan(100);
    const running = c.snapshot().get('pods', 'default', 'gate')!;
    expect(phaseOf(running)).toBe('Running');
    expect(nodeOf(running)).toBe(decision.selectedNode);
    const scheduled = (running.status as { conditions: { type: string }[] }).conditions.find(
      (x) => x.type === 'PodScheduled',
    );
    expect(scheduled).toEqual({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(decision.at),
    });
    expect(eventRows(c).map((r) => r.slice(0, 2))).toEqual([
      ['Normal', 'Scheduled'],
      ['Normal', 'Pulling'],
      ['Normal', 'Pulled'],
      ['Normal', 'Created'],
      ['Normal', 'Started'],
    ]);
  });

  it('refuses an update that adds a gate', () => {
    const { cluster: c, run } = engineSession(1);
    run(gatedPod(['example.com/a']));
    run('kubectl apply -f gate.json');
    run(gatedPod(['example.com/a', 'example.com/b']));
    expect(run('kubectl apply -f gate.json')).toEqual({
      out: '',
      err: 'The Pod "gate" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate \'example.com/b\'\n',
      code: 1,
    });
    const spec = c.snapshot().get('pods', 'default', 'gate')!.spec as {
      schedulingGates: { name: string }[];
    };
    expect(spec.schedulingGates).toEqual([{ name: 'example.com/a' }]);
  });

  it('cannot be created bound to a node, nor with a bad or repeated gate name', () => {
    const { run } = engineSession(1);
    expect(
      run(
        `kubectl run x --image=nginx --overrides='{"spec":{"nodeName":"node1","schedulingGates":[{"name":"a"}]}}'`,
      ),
    ).toEqual({
      out: '',
      err: 'The Pod "x" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared\n',
      code: 1,
    });
    expect(
      run(
        `kubectl run y --image=nginx --overrides='{"spec":{"schedulingGates":[{"name":"a"},{"name":"a"}]}}'`,
      ).err,
    ).toBe('The Pod "y" is invalid: spec.schedulingGates[1]: Duplicate value: "a"\n');
  });
});
