/** `getent hosts` in Debian (glibc) and Alpine (musl-utils) containers: /etc/hosts, then cluster DNS. */
import { expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

it('resolves Services, pods and localhost as glibc and musl getent print them', () => {
  const { run } = engineSession(3);
  run('kubectl create deployment web --image=nginx --replicas=2');
  run('kubectl expose deployment web --port=80');
  run('kubectl expose deployment web --port=80 --cluster-ip=None --name=hl');
  run('kubectl run deb --image=debian -- sleep 3600');
  run('kubectl run alp --image=alpine -- sleep 3600');
  const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
  const podIP = run('kubectl get pod deb -o jsonpath={.status.podIP}').out;
  const ends = run('kubectl get pods -l app=web -o jsonpath={.items[*].status.podIP}')
    .out.split(' ')
    .sort();
  // glibc: the search list finds the Service under its full name; every address of an answer;
  // localhost is /etc/hosts' ::1 line (AF_INET6 is asked first), the pod's name its own line.
  expect(run('kubectl exec deb -- getent hosts web localhost deb hl').out).toBe(
    `${ip.padEnd(15)} web.default.svc.cluster.local\n` +
      '::1             localhost ip6-localhost ip6-loopback\n' +
      `${podIP.padEnd(15)} deb\n` +
      ends.map((e) => `${e.padEnd(15)} hl.default.svc.cluster.local\n`).join(''),
  );
  expect(run('kubectl exec deb -- getent hosts 10.96.0.10').out).toBe(
    '10.96.0.10      kube-dns.kube-system.svc.cluster.local\n',
  );
  // A name nothing has: no output, exit 2 (glibc goes on with the other keys).
  expect(run('kubectl exec deb -- getent hosts nope web')).toEqual({
    out: `${ip.padEnd(15)} web.default.svc.cluster.local\n`,
    err: 'command terminated with exit code 2\n',
    code: 2,
  });
  // Without a key: /etc/hosts read as IPv4 entries (::1 as 127.0.0.1, other IPv6 lines skipped).
  expect(run('kubectl exec deb -- getent hosts').out).toBe(
    `127.0.0.1       localhost\n127.0.0.1       localhost ip6-localhost ip6-loopback\n${podIP.padEnd(15)} deb\n`,
  );
  // musl-utils (NetBSD's getent): the first address, %-16s and two spaces; stops at a miss.
  expect(run('kubectl exec alp -- getent hosts web localhost').out).toBe(
    `${ip.padEnd(16)}  web.default.svc.cluster.local\n::1               localhost  ip6-localhost ip6-loopback\n`,
  );
  expect(run('kubectl exec alp -- getent hosts nope web')).toEqual({
    out: '',
    err: 'command terminated with exit code 2\n',
    code: 2,
  });
  // busybox has no getent.
  run('kubectl run bb --image=busybox -- sleep 3600');
  expect(run('kubectl exec bb -- getent hosts web').err).toContain(
    'exec: "getent": executable file not found in $PATH: unknown',
  );
});
