import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { lateDelivery, seededFraction } from './eventRetry.ts';

describe('lateDelivery (client-go recordToSink: 12 tries, 10 s apart, the first wait random)', () => {
  const q = (...at: number[]) => at.map((a) => ({ event: a, at: a }));

  it('the first Event goes at its next try after the server is back, the rest right after', () => {
    // Tries at 0, 5 s, 15 s, 25 s…: the server back at 20 s finds the try at 25 s.
    expect(lateDelivery(q(0, 3_000), 20_000, () => 0.5)).toEqual({ at: 25_000, from: 0 });
  });

  it('an Event out of tries (the 12th ~105 s later) is lost; the next one starts its own then', () => {
    // First: tries 0, 5 s … 105 s. Second: from 105 s, tries 105, 110 … 210 s.
    expect(lateDelivery(q(0, 1_000), 150_000, () => 0.5)).toEqual({ at: 150_000, from: 1 });
    expect(lateDelivery(q(0, 1_000), 211_000, () => 0.5)).toBeUndefined();
  });

  it('seeded fractions are in [0, 1)', () => {
    for (const s of ['a', 'kubelet/node1/12345/0', '']) {
      const f = seededFraction(s);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });
});

describe('Events recorded while the API server is away', () => {
  it('are posted once it is back, with the time they were recorded', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    run('mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/');
    run('sleep 40');
    run('mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/');
    run('exit');
    run('sleep 20');
    const out = run(
      'kubectl get events -n kube-system --field-selector reason=Killing -o custom-columns=OBJ:.involvedObject.name,MSG:.message,FIRST:.firstTimestamp,LAST:.lastTimestamp',
    ).out;
    const m =
      /\nkube-apiserver-control-plane +Stopping container kube-apiserver +(\S+) +(\S+)\n$/.exec(
        out,
      );
    expect(m).not.toBeNull();
    expect(m?.[1]).toBe(m?.[2]);
    // Recorded when the kubelet killed the container, at least 40 s before the API server was back.
    const killedAt = Date.parse(m?.[1] ?? '');
    const started = run(
      "kubectl get pod -n kube-system kube-apiserver-control-plane -o jsonpath='{.status.containerStatuses[0].state.running.startedAt}'",
    ).out;
    expect(Date.parse(started) - killedAt).toBeGreaterThanOrEqual(40_000);
  });
});
