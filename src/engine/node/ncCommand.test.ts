/**
 * busybox nc (netcat 1.10's applet) as a port check: what it prints on stderr and its exit
 * code for an open port, a refusal, silence and an unreachable host.
 */
import { describe, expect, it } from 'vitest';
import { ncCommand, telnetCommand } from './ncCommand.ts';
import type { Connection } from './netConnect.ts';
import type { ServiceView } from './program.ts';

const web: ServiceView = {
  namespace: 'default',
  name: 'web',
  clusterIP: '10.96.12.34',
  ports: [{ port: 80, ready: true }],
};

/** `web` resolves to the Service; an IP is itself (nothing has it); other names do not resolve. */
function nc(line: string, conn: Connection['kind'] = 'answered') {
  return ncCommand(
    line.split(' ').slice(1),
    (host) => (host === 'web' ? web : /^\d/.test(host) ? host : null),
    () => (conn === 'answered' ? { kind: 'answered', server: web } : { kind: conn }),
  );
}

describe('busybox nc -z', () => {
  it('an open port: "HOST (IP:PORT) open" with -v, nothing without; exit 0', () => {
    const open = { exitCode: 0, output: '', error: 'web (10.96.12.34:80) open\n', ms: 0 };
    expect(nc('nc -zv web 80')).toEqual(open);
    expect(nc('nc -z -v -w 2 web 80')).toEqual(open);
    expect(nc('nc -zvw2 web 80')).toEqual(open);
    expect(nc('nc -vzw 2 web 80')).toEqual(open);
    expect(nc('nc -z web 80')).toEqual({ exitCode: 0, output: '', error: '', ms: 0 });
    expect(nc('nc -zvv web 80')?.error).toBe('web (10.96.12.34:80) open\nsent 0, rcvd 0\n');
  });

  it('a refusal is printed only with -vv', () => {
    expect(nc('nc -zv -w 2 web 81', 'refused')).toEqual({
      exitCode: 1,
      output: '',
      error: '',
      ms: 0,
    });
    expect(nc('nc -zvv -w 2 web 81', 'refused')?.error).toBe(
      'nc: web (10.96.12.34:81): Connection refused\nsent 0, rcvd 0\n',
    );
  });

  it('silence: -w ends the connect (ETIMEDOUT), else the kernel gives up after 127 s', () => {
    expect(nc('nc -zv -w 2 web 80', 'silent')).toEqual({
      exitCode: 1,
      output: '',
      error: 'nc: web (10.96.12.34:80): Connection timed out\n',
      ms: 2000,
    });
    expect(nc('nc -zv web 80', 'silent')?.ms).toBe(127_000);
  });

  it('an address of the pod network nobody has: No route to host after ARP gives up', () => {
    expect(nc('nc -zv 10.244.9.9 80')).toEqual({
      exitCode: 1,
      output: '',
      error: 'nc: 10.244.9.9 (10.244.9.9:80): No route to host\n',
      ms: 3000,
    });
    expect(nc('nc -zv -w 2 10.244.9.9 80')?.error).toBe(
      'nc: 10.244.9.9 (10.244.9.9:80): Connection timed out\n',
    );
  });

  it('a name that does not resolve', () => {
    expect(nc('nc -zv -w 2 nosuch 80')).toEqual({
      exitCode: 1,
      output: '',
      error: "nc: bad address 'nosuch'\n",
      ms: 0,
    });
  });

  it('what is not simulated: no -z on an open port, -l, -u, a port by service name', () => {
    expect(nc('nc web 80')).toBeUndefined();
    expect(nc('nc -lp 80')).toBeUndefined();
    expect(nc('nc -zu web 53')).toBeUndefined();
    expect(nc('nc -zv web http')).toBeUndefined();
  });
});

describe('busybox telnet without a terminal', () => {
  const telnet = (line: string, conn: Connection['kind'] = 'answered') =>
    telnetCommand(
      line.split(' ').slice(1),
      (host) => (host === 'web' ? web : null),
      () => (conn === 'answered' ? { kind: 'answered', server: web } : { kind: conn }),
    );

  it('connects, reads end-of-file from the empty stdin and exits 0 silently', () => {
    expect(telnet('telnet web 80')).toEqual({ exitCode: 0, output: '', error: '', ms: 0 });
  });

  it('a failed connect: "can\'t connect to remote host", after the kernel gives up when dropped', () => {
    expect(telnet('telnet web', 'refused')).toEqual({
      exitCode: 1,
      output: '',
      error: "telnet: can't connect to remote host (10.96.12.34): Connection refused\n",
      ms: 0,
    });
    expect(telnet('telnet web 80', 'silent')).toEqual({
      exitCode: 1,
      output: '',
      error: "telnet: can't connect to remote host (10.96.12.34): Connection timed out\n",
      ms: 127_000,
    });
    expect(telnet('telnet nosuch 80')?.error).toBe("telnet: bad address 'nosuch'\n");
  });
});
