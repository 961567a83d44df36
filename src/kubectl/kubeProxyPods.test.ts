/**
 * kube-proxy is the kube-system DaemonSet's pods (audit 15 F31): with them gone nobody programs
 * the nodes' rules. Services made before keep their rules; a new one resolves in cluster DNS
 * (CoreDNS watches the API itself) but its cluster IP leads nowhere until kube-proxy runs again,
 * which then starts afresh (a `Starting` event on each Node) and programs it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kube-proxy as its pods', () => {
  it('stops programming new Services without its DaemonSet, and resumes with it', () => {
    const { run } = engineSession(3);
    run('kubectl run c --image=busybox -- sleep 3600');
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deploy web --port=80');
    run('kubectl get ds kube-proxy -n kube-system -o json > ds.json');
    expect(run('kubectl delete ds kube-proxy -n kube-system').out).toBe(
      'daemonset.apps "kube-proxy" deleted\n',
    );
    run('sleep 30');
    expect(run('kubectl get pods -n kube-system -l k8s-app=kube-proxy').err).toBe(
      'No resources found in kube-system namespace.\n',
    );
    run('kubectl create deployment api --image=nginx');
    run('kubectl expose deploy api --port=80');
    run('sleep 10');
    // The old Service's rules stay.
    expect(run('kubectl exec c -- wget -qO- -T 2 web').out).toContain('Welcome to nginx!');
    expect(run('kubectl exec c -- wget -qO- -T 2 api')).toEqual({
      out: '',
      err: 'wget: download timed out\ncommand terminated with exit code 1\n',
      code: 1,
    });
    const ip = run("kubectl get svc api -o jsonpath='{.spec.clusterIP}'").out;
    expect(run('kubectl exec c -- nslookup api').out).toContain(
      `Name:\tapi.default.svc.cluster.local\nAddress: ${ip}\n`,
    );
    expect(run('kubectl get events -A --field-selector reason=Starting').err).toBe(
      'No resources found\n',
    );
    run('kubectl create -f ds.json');
    run('sleep 30');
    expect(run('kubectl exec c -- wget -qO- -T 2 api').out).toContain('Welcome to nginx!');
    expect(
      run('kubectl get events -A --field-selector reason=Starting -o name').out.split('\n'),
    ).toHaveLength(5);
  });
});
