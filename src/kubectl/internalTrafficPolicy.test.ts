/**
 * internalTrafficPolicy Local (kube-proxy 1.32, iptables mode): a cluster IP reaches only the
 * endpoints on the client's own node, through KUBE-SVL-; a node without one DROPs the traffic.
 */
import { expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

it('sends cluster IP traffic to the node-local endpoint, and drops it on a node without one', () => {
  const { run } = engineSession(3);
  run('kubectl create deployment web --image=nginx --replicas=2');
  run('kubectl expose deployment web --port=80');
  run(`kubectl patch svc web -p '{"spec":{"internalTrafficPolicy":"Local"}}'`);
  const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
  const where = run(
    'kubectl get pods -l app=web -o jsonpath="{range .items[*]}{.spec.nodeName} {.status.podIP}{\\"\\\\n\\"}{end}"',
  )
    .out.trim()
    .split('\n')
    .map((l) => l.split(' '));
  const busy = new Set(where.map(([n]) => n));
  const empty = ['node1', 'node2', 'node3'].find((n) => !busy.has(n))!;
  const [home, podIP] = where[0]!;
  const nat = run(`ssh ${home} iptables-save -t nat | grep default/web`).out;
  const svl = /KUBE-SVL-\w{16}/.exec(nat)?.[0] ?? '';
  const sep = /KUBE-SEP-\w{16}/.exec(nat)?.[0] ?? '';
  // A ClusterIP Service with a Local policy has no cluster chain (KUBE-SVC-): KUBE-SVL- alone.
  expect(nat).toBe(
    `-A ${sep} -s ${podIP}/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ\n` +
      `-A ${sep} -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination ${podIP}:80\n` +
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${svl}\n` +
      `-A ${svl} ! -s 10.244.0.0/16 -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ\n` +
      `-A ${svl} -m comment --comment "default/web -> ${podIP}:80" -j ${sep}\n`,
  );
  expect(run(`ssh ${empty} iptables-save | grep default/web`).out).toBe(
    `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web has no local endpoints" -m tcp --dport 80 -j DROP\n`,
  );
  run(
    `kubectl run here --image=busybox --overrides='{"spec":{"nodeName":"${home}"}}' -- sleep 3600`,
  );
  run(
    `kubectl run away --image=busybox --overrides='{"spec":{"nodeName":"${empty}"}}' -- sleep 3600`,
  );
  expect(run('kubectl exec here -- wget -qO- -T 2 http://web').out).toContain(
    '<title>Welcome to nginx!</title>',
  );
  expect(run('kubectl exec away -- wget -qO- -T 2 http://web').err).toBe(
    'wget: download timed out\ncommand terminated with exit code 1\n',
  );
});
