/** Container sections of `kubectl describe pod`, on the real simulated cluster. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/** The lines of one container's block, from its State line to its Restart Count. */
function stateBlock(out: string): string {
  const from = out.indexOf('    State:');
  const to = out.indexOf('\n', out.indexOf('    Restart Count:'));
  return out.slice(from, to + 1);
}

describe('kubectl describe pod: container state', () => {
  it('prints only the reason of a Waiting container (ImagePullBackOff), not its message', () => {
    const { run } = engineSession(1);
    run('kubectl run bad --image=nginx:doesnotexist');
    expect(stateBlock(run('kubectl describe pod bad').out)).toBe(
      [
        '    State:          Waiting',
        '      Reason:       ImagePullBackOff',
        '    Ready:          False',
        '    Restart Count:  0',
        '',
      ].join('\n'),
    );
  });

  it('prints CrashLoopBackOff with its reason only, then the Terminated last state in full', () => {
    const { run } = engineSession(1);
    run('kubectl run bb --image=busybox');
    const block = stateBlock(run('kubectl describe pod bb').out);
    expect(block).toMatch(
      new RegExp(
        [
          '^ {4}State: {10}Waiting',
          ' {6}Reason: {7}CrashLoopBackOff',
          ' {4}Last State: {5}Terminated',
          ' {6}Reason: {7}Completed',
          ' {6}Exit Code: {4}0',
          ' {6}Started: {6}\\w{3}, \\d\\d \\w{3} \\d{4} [\\d:]{8} \\+0000',
          ' {6}Finished: {5}\\w{3}, \\d\\d \\w{3} \\d{4} [\\d:]{8} \\+0000',
          ' {4}Ready: {10}False',
          ' {4}Restart Count: {2}\\d+\\n$',
        ].join('\\n'),
      ),
    );
  });
});

describe('kubectl describe pod: envFrom', () => {
  it('prints Environment Variables from: before Environment, with kind, prefix and Optional', () => {
    const { run } = engineSession(1);
    run('kubectl create configmap cfg --from-literal=A=1');
    run('kubectl create secret generic creds --from-literal=B=2');
    const overrides = JSON.stringify({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx',
            envFrom: [
              { configMapRef: { name: 'cfg' } },
              { secretRef: { name: 'creds', optional: true }, prefix: 'DB_' },
            ],
            env: [{ name: 'MODE', value: 'prod' }],
          },
        ],
      },
    });
    expect(run(`kubectl run app --image=nginx --overrides='${overrides}'`).out).toBe(
      'pod/app created\n',
    );
    expect(run('kubectl describe pod app').out).toContain(
      [
        '    Restart Count:  0',
        '    Environment Variables from:',
        '      cfg    ConfigMap                 Optional: false',
        "      creds  Secret with prefix 'DB_'  Optional: true",
        '    Environment:',
        '      MODE:  prod',
        '    Mounts:',
      ].join('\n'),
    );
  });
});

describe('kubectl describe pod: event order', () => {
  it('sorts by lastTimestamp alone, so the scheduler’s events.k8s.io events come first', () => {
    const { run } = engineSession(2);
    run('kubectl run web --image=nginx');
    run('kubectl wait --for=condition=Ready pod/web');
    const events = run('kubectl describe pod web').out.split('Events:\n')[1] ?? '';
    const reasons = events
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
      .map((l) => l.trim().split(/\s+/)[1]);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });
});
