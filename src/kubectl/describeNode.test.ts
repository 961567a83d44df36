/** `kubectl describe node` taints, on the real simulated cluster. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl describe node: Taints', () => {
  it('prints taints sorted by effect, then key, one a line', () => {
    const { run } = engineSession(1);
    run('kubectl taint nodes node1 zone=a:NoSchedule');
    run('kubectl taint nodes node1 gpu:PreferNoSchedule');
    run('kubectl taint nodes node1 dedicated=db:NoSchedule');
    run('kubectl taint nodes node1 maint=yes:NoExecute');
    const out = run('kubectl describe node node1').out;
    const from = out.indexOf('Taints:');
    expect(out.slice(from, out.indexOf('Unschedulable:'))).toBe(
      [
        'Taints:             maint=yes:NoExecute',
        '                    dedicated=db:NoSchedule',
        '                    zone=a:NoSchedule',
        '                    gpu:PreferNoSchedule',
        '',
      ].join('\n'),
    );
  });
});
