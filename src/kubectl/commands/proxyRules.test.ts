/**
 * A node whose kube-proxy is gone (`kubectl delete ds -n kube-system kube-proxy`): the iptables
 * rules it programmed stay, nothing updates them. Old Services keep working, a new Service
 * resolves but its cluster IP answers nothing, and endpoints of replaced pods stay stale.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const ON_NODE1 = `--overrides='{"spec":{"nodeName":"node1"}}'`;

function session() {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('kubectl expose deployment web --port=80');
  s.run(`kubectl run cc --image=curlimages/curl ${ON_NODE1} -- sleep 3600`);
  s.run(`kubectl run bb --image=busybox ${ON_NODE1} -- sleep 3600`);
  return s;
}

const code = "-o /dev/null -w '%{http_code}\\n'";

describe("a node's rules after kube-proxy is gone", () => {
  it('keeps the old rules: web still answers, a new Service resolves but times out', () => {
    const { run } = session();
    expect(run('kubectl delete ds -n kube-system kube-proxy').out).toBe(
      'daemonset.apps "kube-proxy" deleted\n',
    );
    expect(run(`kubectl exec cc -- curl -sS ${code} web`).out).toBe('200\n');
    run('kubectl create deployment api --image=nginx');
    run('kubectl expose deployment api --port=80');
    const ip = run('kubectl get svc api -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec bb -- nslookup api.default.svc.cluster.local').out).toContain(
      `Name:\tapi.default.svc.cluster.local\nAddress: ${ip}\n`,
    );
    expect(run('kubectl exec cc -- curl -sS -m 5 api')).toEqual({
      out: '',
      err: 'curl: (28) Connection timed out after 5001 milliseconds\ncommand terminated with exit code 28\n',
      code: 28,
    });
    expect(run('kubectl exec bb -- wget -T 5 -qO- api')).toEqual({
      out: '',
      err: 'wget: download timed out\ncommand terminated with exit code 1\n',
      code: 1,
    });
    // The node's nat table has no rule for it either.
    run('ssh node1');
    expect(run('iptables-save -t nat').out).not.toContain('default/api');
    run('exit');
    // On another node the same stale rules: kube-proxy is gone everywhere.
    run('ssh node2');
    expect(run('iptables -t nat -S').out).not.toContain('default/api');
  });

  it('keeps stale endpoints: after a rollout the old pod IPs have no route', () => {
    const { run } = session();
    run('kubectl delete ds -n kube-system kube-proxy');
    run('kubectl rollout restart deployment web');
    const r = run('kubectl exec bb -- wget -qO- web');
    expect(r.err).toMatch(
      /^wget: can't connect to remote host \([\d.]+\): No route to host\ncommand terminated with exit code 1\n$/,
    );
  });

  it('a deleted kube-proxy pod is replaced by its DaemonSet, which syncs the rules again', () => {
    const { run } = session();
    const pod = run(
      'kubectl get pods -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=node1 -o name',
    ).out.trim();
    run(`kubectl delete -n kube-system ${pod}`);
    run('kubectl create deployment api --image=nginx');
    run('kubectl expose deployment api --port=80');
    expect(run(`kubectl exec cc -- curl -sS ${code} api`).out).toBe('200\n');
    run('ssh node1');
    expect(run('iptables-save -t nat').out).toContain('"default/api cluster IP"');
  });
});
