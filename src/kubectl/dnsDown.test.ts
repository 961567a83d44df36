/**
 * Cluster DNS is CoreDNS behind the kube-dns Service: with CoreDNS scaled to zero nothing
 * answers at 10.96.0.10 and every lookup fails (audit 15 F30, the CKA "DNS is broken" drill).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('cluster DNS without CoreDNS', () => {
  it('fails nslookup, wget and curl by name, and works again once CoreDNS is back', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    run('kubectl run c --image=busybox -- sleep 3600');
    run('kubectl run old --image=busybox:1.28 -- sleep 3600');
    expect(run('kubectl exec c -- wget -qO- -T 2 web').out).toContain('Welcome to nginx!');
    run('kubectl scale deploy coredns -n kube-system --replicas=0');
    expect(run('kubectl get ep kube-dns -n kube-system --no-headers').out).toMatch(
      /^kube-dns +<none> /,
    );
    expect(run('kubectl exec c -- nslookup web')).toEqual({
      out: ';; connection timed out; no servers could be reached\n\n',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec old -- nslookup web').out).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nnslookup: can't resolve 'web'\n",
    );
    expect(run('kubectl exec c -- wget -qO- -T 2 web')).toEqual({
      out: '',
      err: "wget: bad address 'web'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    run('kubectl scale deploy coredns -n kube-system --replicas=2');
    expect(run('kubectl exec c -- wget -qO- -T 2 web').out).toContain('Welcome to nginx!');
  });
});
