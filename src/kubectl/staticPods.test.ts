/**
 * The control-plane static pods as kubeadm 1.32 writes them (audit 10 #28): the flags a CKA
 * learner reads (service CIDR, etcd certificate paths, admission plugins), hostPath volumes, the
 * kubeadm annotations, and no service account (mirror pods skip that admission).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubeadm static pods', () => {
  it('kube-apiserver: sorted flags, CA mounts, advertise-address annotation, no service account', () => {
    const { run } = engineSession(1);
    const out = run('kubectl describe pod kube-apiserver-control-plane -n kube-system').out;
    expect(out).toContain(
      '    Command:\n      kube-apiserver\n      --advertise-address=172.18.0.2\n      --allow-privileged=true\n      --authorization-mode=Node,RBAC\n',
    );
    expect(out).toContain('      --enable-admission-plugins=NodeRestriction\n');
    expect(out).toContain('      --service-cluster-ip-range=10.96.0.0/12\n');
    expect(out).toContain(
      '      --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n    State:          Running\n',
    );
    expect(out).toContain(
      'Annotations:          kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 172.18.0.2:6443\n',
    );
    expect(out).toContain('      /etc/kubernetes/pki from k8s-certs (ro)\n');
    expect(out).not.toContain('Service Account:');
  });

  it('etcd: the certificate flags an etcdctl backup needs, read with jsonpath', () => {
    const { run } = engineSession(1);
    const command = run(
      "kubectl get pod etcd-control-plane -n kube-system -o jsonpath='{.spec.containers[0].command}'",
    ).out;
    const flags = JSON.parse(command) as string[];
    expect(flags.filter((f) => /^--(cert|key|trusted-ca)-file=/.test(f))).toEqual([
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--key-file=/etc/kubernetes/pki/etcd/server.key',
      '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    ]);
    expect(
      run(
        "kubectl get pod etcd-control-plane -n kube-system -o jsonpath='{range .spec.volumes[*]}{.name}={.hostPath.path} {end}'",
      ).out,
    ).toBe('etcd-certs=/etc/kubernetes/pki/etcd etcd-data=/var/lib/etcd ');
  });

  it('controller manager and scheduler: cluster CIDR, kubeconfig files', () => {
    const { run } = engineSession(1);
    const cm = run(
      "kubectl get pod kube-controller-manager-control-plane -n kube-system -o jsonpath='{.spec.containers[0].command}'",
    ).out;
    expect(JSON.parse(cm)).toContain('--cluster-cidr=10.244.0.0/16');
    expect(JSON.parse(cm)).toContain('--controllers=*,bootstrapsigner,tokencleaner');
    const scheduler = run(
      "kubectl get pod kube-scheduler-control-plane -n kube-system -o jsonpath='{.spec.containers[0].command}'",
    ).out;
    expect(JSON.parse(scheduler)).toEqual([
      'kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1',
      '--kubeconfig=/etc/kubernetes/scheduler.conf',
      '--leader-elect=true',
    ]);
  });
});
