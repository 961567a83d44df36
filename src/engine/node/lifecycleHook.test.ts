import { describe, expect, it } from 'vitest';
import { runHook, stopAfterPreStopMs } from './lifecycleHook.ts';

const target = {
  name: 'app',
  image: 'busybox',
  podFullName: 'p_default(u-1)',
  podIP: '10.244.1.2',
  elapsedMs: 0,
};

describe('runHook', () => {
  it('exec: its sleeps are its length, a non-zero exit its failure with the output quoted', () => {
    expect(runHook({ exec: { command: ['sh', '-c', 'sleep 2'] } }, target)).toEqual({ ms: 2000 });
    expect(runHook({ exec: { command: ['sh', '-c', 'echo no; exit 3'] } }, target)).toEqual({
      ms: 0,
      error:
        'Exec lifecycle hook ([sh -c echo no; exit 3]) for Container "app" in Pod "p_default(u-1)" failed - error: command \'sh -c echo no; exit 3\' exited with 3: , message: "no\\n"',
    });
  });

  it('sleep waits; tcpSocket is no handler the kubelet runs', () => {
    expect(runHook({ sleep: { seconds: 7 } }, target)).toEqual({ ms: 7000 });
    expect(runHook({ tcpSocket: { port: 80 } }, target).error).toBe(
      'Cannot run handler: invalid handler: &LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:{0 80 },Host:,},Sleep:nil,}',
    );
  });
});

describe('stopAfterPreStopMs', () => {
  it('the hook within the grace period, then what is left of it (whole seconds, at least 2)', () => {
    expect(stopAfterPreStopMs(30, undefined, false, 400)).toBe(400);
    expect(stopAfterPreStopMs(30, undefined, true, 400)).toBe(30_000);
    expect(stopAfterPreStopMs(30, 5500, false, 400)).toBe(5900);
    expect(stopAfterPreStopMs(30, 5500, true, 400)).toBe(5500 + 25_000);
    expect(stopAfterPreStopMs(10, 60_000, true, 400)).toBe(12_000);
    expect(stopAfterPreStopMs(10, 9000, true, 400)).toBe(11_000);
  });
});

describe('an exec hook whose command is not in the image', () => {
  it("fails with containerd's ExecSync error", () => {
    const r = runHook({ exec: { command: ['bash', '-c', 'echo hi'] } }, target);
    expect(r.error).toMatch(
      /^Exec lifecycle hook \(\[bash -c echo hi\]\) for Container "app" in Pod "p_default\(u-1\)" failed - error: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown, message: ""$/,
    );
    expect(
      runHook({ exec: { command: ['/bin/bash', '-c', 'echo hi'] } }, { ...target, image: 'nginx' }),
    ).toEqual({ ms: 0 });
  });
});
