/**
 * kube-proxy's `Starting` event (events.k8s.io/v1, an empty note) read as core/v1: its message
 * is omitempty, so the API server's JSON has none, and `kubectl events -o yaml` (which
 * re-encodes typed v1 Events) prints none, as against a real 1.32 cluster (checked with
 * bench/kubectlOracle.ts after `sim start-node`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('the Starting event of kube-proxy on a node that came back', () => {
  it('has no message field at all', () => {
    const { run } = engineSession(1);
    run('sim stop-node node1');
    run('sim advance 2m');
    run('sim start-node node1');
    run('sim advance 1m');
    const json = run(
      'kubectl get events --field-selector involvedObject.name=node1,reason=Starting -o json',
    );
    const items = (JSON.parse(json.out) as { items: Record<string, unknown>[] }).items;
    const proxy = items.filter((e) => e.reportingComponent === 'kube-proxy');
    const kubelet = items.filter((e) => e.reportingComponent === 'kubelet');
    expect(proxy.length).toBeGreaterThan(0);
    for (const e of proxy) {
      expect(e.action).toBe('StartKubeProxy');
      expect(Object.hasOwn(e, 'message')).toBe(false);
    }
    expect(kubelet.map((e) => e.message)).toContain('Starting kubelet.');
    const yaml = run('kubectl events --for node/node1 -o yaml').out;
    const block = yaml.slice(yaml.lastIndexOf('- action: StartKubeProxy'));
    expect(block).toMatch(/^- action: StartKubeProxy\n {2}apiVersion: v1\n {2}eventTime: /);
    expect(block).not.toMatch(/message:/);
    // describe's Events table: an empty Message cell.
    expect(run('kubectl describe node node1').out).toMatch(
      /\n {2}Normal +Starting +\S+ +kube-proxy +\n/,
    );
  });
});
