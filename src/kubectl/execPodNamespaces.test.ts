/**
 * What an exec sees of the namespaces a pod's containers share: busybox netstat lists the
 * sockets of the pod's network namespace (named by process when the PID namespace shows it),
 * and a debug container that targets another reads that container's files through
 * /proc/1/root. What cannot be simulated is refused in words that say why.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const HEAD_P =
  'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n';

function webWithDebuggers() {
  const s = engineSession(2);
  s.run('kubectl run web --image=nginx');
  s.run('kubectl run c --image=busybox -- sleep 3600');
  s.cluster.advance(20_000);
  s.run('kubectl debug web --image=busybox --target=web --container=dbg -- sleep 3600');
  s.run('kubectl debug web --image=busybox --container=side -- sleep 3600');
  s.cluster.advance(20_000);
  return s;
}

describe('busybox netstat in a pod', () => {
  it("lists nginx's listening sockets (IPv4 and IPv6), named by PID 1 only from its target's PID namespace", () => {
    const { run } = webWithDebuggers();
    expect(run('kubectl exec web -c dbg -- netstat -tlnp')).toEqual({
      out:
        HEAD_P +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/nginx: master pro\n' +
        'tcp        0      0 :::80                   :::*                    LISTEN      1/nginx: master pro\n',
      err: '',
      code: 0,
    });
    // Same network namespace, its own PID namespace: the sockets, not their process.
    expect(run('kubectl exec web -c side -- netstat -tlnp').out).toBe(
      HEAD_P +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -\n' +
        'tcp        0      0 :::80                   :::*                    LISTEN      -\n',
    );
    expect(run('kubectl exec web -c side -- netstat -tln').out).toBe(
      'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \n' +
        'tcp        0      0 :::80                   :::*                    LISTEN      \n',
    );
    // A pod whose program listens on nothing; without -l, only established connections.
    expect(run('kubectl exec c -- netstat -tlnp').out).toBe(HEAD_P);
    expect(run('kubectl exec c -- netstat -tn').out).toBe(
      'Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n',
    );
    // busybox has no ss.
    expect(run('kubectl exec c -- ss -tlnp').err).toMatch(
      /exec: "ss": executable file not found in \$PATH: unknown\n$/,
    );
  });
});

describe('/proc/1/root', () => {
  it("from a debug container with --target: the target's files; from any other, the container's own", () => {
    const { run } = webWithDebuggers();
    expect(run('kubectl exec web -c dbg -- ls /proc/1/root/usr/share/nginx/html').out).toBe(
      '50x.html\nindex.html\n',
    );
    expect(
      run('kubectl exec web -c dbg -- head -2 /proc/1/root/etc/nginx/conf.d/default.conf').out,
    ).toBe('server {\n    listen       80;\n');
    expect(run('kubectl exec web -c dbg -- cat /proc/1/root/nope')).toEqual({
      out: '',
      err: "cat: can't open '/proc/1/root/nope': No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
    // Its own root: busybox's, without nginx's files.
    expect(run('kubectl exec web -c side -- ls /proc/1/root/usr/share/nginx').code).toBe(1);
    expect(run('kubectl exec web -c dbg -- cat /proc/self/root/etc/hostname').out).toBe('web\n');
  });
});

describe("exec's refusals", () => {
  it('say what is missing: signals, and commands that run until interrupted', () => {
    const { run } = webWithDebuggers();
    expect(run('kubectl exec c -- kill 1')).toEqual({
      out: '',
      err: `error: this console cannot run "kill 1" inside the container: signals to the container's processes are not simulated (ending PID 1 would end the container, and the kubelet would restart it as the pod's restartPolicy says)\n`,
      code: 1,
    });
    expect(run('kubectl exec c -- ping 10.96.0.1').err).toBe(
      'error: this console cannot run "ping 10.96.0.1" inside the container: ping without -c runs until interrupted, and this console cannot interrupt it: give a count (ping -c 3 HOST)\n',
    );
    expect(run('kubectl exec c -- sleep infinity').err).toBe(
      'error: this console cannot run "sleep infinity" inside the container: it runs until interrupted, and this console cannot interrupt it\n',
    );
    expect(run('kubectl exec c -- tail -f /etc/hostname').err).toBe(
      'error: this console cannot run "tail -f /etc/hostname" inside the container: it runs until interrupted, and this console cannot interrupt it\n',
    );
  });
});
