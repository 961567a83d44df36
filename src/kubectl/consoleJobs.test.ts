import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('background jobs in the console', () => {
  it('CMD & prints [N] PID; jobs lists them; wait moves the clock on to their end', () => {
    const { run, host } = engineSession(3);
    expect(run('sleep 5 & sleep 9 & jobs; echo "last $!"')).toEqual({
      out: '[1]-  Running                 sleep 5 &\n[2]+  Running                 sleep 9 &\nlast 2419\n',
      err: '[1] 2418\n[2] 2419\n',
      code: 0,
    });
    const before = host.nowEpochMs();
    expect(run('sleep 1 & wait; echo waited $?').out).toBe('waited 0\n');
    expect(host.nowEpochMs() - before).toBeGreaterThanOrEqual(1000);
    expect(run('jobs').out).toBe('');
  });

  it('says Done after the line during which a job finished, and kill ends one', () => {
    const { run } = engineSession(3);
    expect(run('sleep 2 & echo hi; sleep 3')).toEqual({
      out: 'hi\n',
      err: '[1] 2418\n[1]+  Done                    sleep 2\n',
      code: 0,
    });
    expect(run('sleep 100 & kill %1')).toEqual({
      out: '',
      err: '[1] 2419\n[1]+  Terminated              sleep 100\n',
      code: 0,
    });
    expect(run('wait %4')).toEqual({ out: '', err: 'bash: wait: %4: no such job\n', code: 127 });
    expect(run('echo a & & echo b').err).toBe("bash: syntax error near unexpected token `&'\n");
  });
});
