/**
 * Shells inside the ssh session (audit 16 G20): `sudo -i` opens root's login shell, whose
 * `exit` says `logout` and returns to the session's shell; the next `exit` closes the
 * connection. `sudo -s` and `su` open shells that are not login shells.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const CLOSED = (node: string) => ({
  out: '',
  err: `logout\nConnection to ${node} closed.\n`,
  code: 0,
});

describe('a shell inside the ssh session', () => {
  it('sudo -i: the first exit leaves it (logout), the second closes the session', () => {
    const { run } = engineSession(3);
    run('ssh node2');
    run('cd /etc/kubernetes');
    expect(run('sudo -i')).toEqual({ out: '', err: '', code: 0 });
    // A login shell starts in root's home, with its own variables.
    expect(run('pwd').out).toBe('/root\n');
    run('export MARK=inner');
    expect(run('exit')).toEqual({ out: '', err: 'logout\n', code: 0 });
    expect(run('pwd').out).toBe('/etc/kubernetes\n');
    expect(run('echo "[$MARK]"').out).toBe('[]\n');
    expect(run('exit')).toEqual(CLOSED('node2'));
    expect(run('hostname').code).toBe(127);
  });

  it('sudo su - is a login shell too; sudo -s and su are not: exit says exit, logout is refused', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    run('cd /var/lib/kubelet');
    run('sudo su -');
    expect(run('pwd').out).toBe('/root\n');
    run('sudo -s');
    expect(run('pwd').out).toBe('/root\n');
    expect(run('logout')).toEqual({
      out: '',
      err: "bash: logout: not login shell: use `exit'\n",
      code: 1,
    });
    expect(run('exit')).toEqual({ out: '', err: 'exit\n', code: 0 });
    expect(run('logout')).toEqual({ out: '', err: 'logout\n', code: 0 });
    expect(run('pwd').out).toBe('/var/lib/kubelet\n');
    expect(run('su -c hostname')).toEqual({ out: 'node1\n', err: '', code: 0 });
    expect(run('exit')).toEqual(CLOSED('node1'));
  });

  it('ssh NODE sudo -i has no terminal: it ends at once and nothing stays open', () => {
    const { run } = engineSession(3);
    expect(run('ssh node1 sudo -i')).toEqual({ out: '', err: '', code: 0 });
    expect(run('hostname').code).toBe(127);
  });
});
