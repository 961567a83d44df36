/**
 * NetworkPolicy enforced as a policy-enforcing CNI (Calico, what CKA/CKAD clusters run) does
 * (audit 15 F15): what a learner checking a policy with `kubectl exec … -- wget -qO- -T 2 web`,
 * `nc -zv -w 2 web 80` or `nslookup web` sees. Dropped connections go unanswered: the client
 * times out (not refused); a pod whose egress does not allow DNS cannot resolve names.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

/** The audit's lab: nginx behind Service web, a `role=client` pod and another one. */
function lab() {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx');
  s.run('kubectl expose deployment web --port=80');
  s.run('kubectl run client --image=busybox --labels=role=client -- sleep 3600');
  s.run('kubectl run other --image=busybox -- sleep 3600');
  s.run('sleep 10');
  const apply = (file: string, yaml: string) => {
    s.host.fs.write(file, yaml);
    return s.run(`kubectl apply -f ${file}`);
  };
  const podIP = (pod: string, ns = 'default') =>
    s.run(`kubectl get pod ${pod} -n ${ns} -o jsonpath={.status.podIP}`).out;
  const clusterIP = (svc: string) =>
    s.run(`kubectl get svc ${svc} -o jsonpath={.spec.clusterIP}`).out;
  return { ...s, apply, podIP, clusterIP };
}

/** busybox wget -T 2 when nothing answers within 2 s. */
const TIMED_OUT = {
  out: '',
  err: 'wget: download timed out\ncommand terminated with exit code 1\n',
  code: 1,
};

/** Whether nginx's default page came back. */
function served(r: { out: string; err: string; code: number }): boolean {
  return r.code === 0 && r.err === '' && r.out.includes('<title>Welcome to nginx!</title>');
}

const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;

const ALLOW_CLIENT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    ports:
    - protocol: TCP
      port: 80
`;

/** A policy selecting app=web whose one ingress rule is `rule` (indented as a list item). */
function webIngress(name: string, rule: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Ingress
  ingress:
${rule}`;
}

describe('ingress policies', () => {
  it('default-deny-ingress drops every connection to the pods; deleting it lets traffic flow again', () => {
    const { run, apply } = lab();
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
    expect(apply('deny.yaml', DENY_INGRESS).out).toBe(
      'networkpolicy.networking.k8s.io/default-deny-ingress created\n',
    );
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    expect(run('kubectl exec other -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    // Without -q wget says where it connects first; without -T the kernel gives up (127 s).
    const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec client -- wget -T 2 web').err).toBe(
      `Connecting to web (${ip}:80)\nwget: download timed out\ncommand terminated with exit code 1\n`,
    );
    expect(run('kubectl exec client -- wget -qO- web').err).toBe(
      `wget: can't connect to remote host (${ip}): Connection timed out\ncommand terminated with exit code 1\n`,
    );
    // curl: -m bounds the transfer (exit 28); -sS keeps the error line.
    run('kubectl run curl --image=curlimages/curl -- sleep 3600');
    run('sleep 10');
    expect(run('kubectl exec curl -- curl -sS -m 2 web')).toEqual({
      out: '',
      err: 'curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n',
      code: 28,
    });
    expect(run('kubectl exec curl -- curl -sS --connect-timeout 2 web')).toEqual({
      out: '',
      err: 'curl: (28) Failed to connect to web port 80 after 2001 ms: Timeout was reached\ncommand terminated with exit code 28\n',
      code: 28,
    });
    expect(run('kubectl delete netpol default-deny-ingress').out).toBe(
      'networkpolicy.networking.k8s.io "default-deny-ingress" deleted\n',
    );
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
    expect(served(run('kubectl exec other -- wget -qO- -T 2 web'))).toBe(true);
  });

  it('an allow rule with a podSelector lets the selected pods through, on its port only', () => {
    const { run, apply, clusterIP } = lab();
    apply('deny.yaml', DENY_INGRESS);
    expect(apply('allow.yaml', ALLOW_CLIENT).out).toBe(
      'networkpolicy.networking.k8s.io/allow-client created\n',
    );
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
    expect(run('kubectl exec other -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    const ip = clusterIP('web');
    expect(run('kubectl exec client -- nc -zv -w 2 web 80')).toEqual({
      out: '',
      err: `web (${ip}:80) open\n`,
      code: 0,
    });
    expect(run('kubectl exec other -- nc -zv -w 2 web 80')).toEqual({
      out: '',
      err: `nc: web (${ip}:80): Connection timed out\ncommand terminated with exit code 1\n`,
      code: 1,
    });
    // telnet has no timeout of its own: the kernel's 127 s.
    expect(run('kubectl exec client -- telnet web 80')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec other -- telnet web 80').err).toBe(
      `telnet: can't connect to remote host (${ip}): Connection timed out\ncommand terminated with exit code 1\n`,
    );
  });

  it('a namespaceSelector on kubernetes.io/metadata.name admits every pod of that namespace only', () => {
    const { run, apply } = lab();
    run('kubectl create namespace qa');
    run('kubectl run probe -n qa --image=busybox -- sleep 3600');
    run('sleep 10');
    apply(
      'ns.yaml',
      webIngress(
        'from-qa',
        `  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: qa
`,
      ),
    );
    expect(served(run('kubectl exec probe -n qa -- wget -qO- -T 2 web.default'))).toBe(true);
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
  });

  it('namespaceSelector and podSelector in one peer are ANDed; as two peers, ORed', () => {
    const { run, apply } = lab();
    run('kubectl create namespace qa');
    run('kubectl label namespace qa team=ops');
    run('kubectl run probe -n qa --image=busybox --labels=role=client -- sleep 3600');
    run('kubectl run idle -n qa --image=busybox -- sleep 3600');
    run('sleep 10');
    const get = (pod: string, ns = 'default') =>
      served(run(`kubectl exec ${pod} -n ${ns} -- wget -qO- -T 2 web.default`));
    apply(
      'and.yaml',
      webIngress(
        'ops-clients',
        `  - from:
    - namespaceSelector:
        matchLabels:
          team: ops
      podSelector:
        matchLabels:
          role: client
`,
      ),
    );
    // The role=client pods of team=ops namespaces alone.
    expect([get('probe', 'qa'), get('idle', 'qa'), get('client'), get('other')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    apply(
      'and.yaml',
      webIngress(
        'ops-clients',
        `  - from:
    - namespaceSelector:
        matchLabels:
          team: ops
    - podSelector:
        matchLabels:
          role: client
`,
      ),
    );
    // Any pod of a team=ops namespace, or a role=client pod of the policy's own namespace.
    expect([get('probe', 'qa'), get('idle', 'qa'), get('client'), get('other')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('ports: a number, a range up to endPort, a named container port; judged after the DNAT', () => {
    const { run, apply, podIP } = lab();
    const rule = (ports: string) => `  - ports:\n${ports}`;
    apply('p.yaml', webIngress('ports', rule('    - port: 8080\n')));
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    apply('p.yaml', webIngress('ports', rule('    - port: 79\n      endPort: 81\n')));
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
    apply('p.yaml', webIngress('ports', rule('    - port: 81\n      endPort: 90\n')));
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    // UDP 80 is not TCP 80.
    apply('p.yaml', webIngress('ports', rule('    - protocol: UDP\n      port: 80\n')));
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    // A Service port 8080 to target port 80: the policy sees port 80 at the pod.
    run('kubectl expose deployment web --name=web8080 --port=8080 --target-port=80');
    apply('p.yaml', webIngress('ports', rule('    - port: 80\n')));
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web8080:8080'))).toBe(true);
    apply('p.yaml', webIngress('ports', rule('    - port: 8080\n')));
    expect(run('kubectl exec client -- wget -qO- -T 2 web8080:8080')).toEqual(TIMED_OUT);
    // A named port is the destination container's port of that name.
    run('kubectl delete netpol ports');
    apply(
      'named.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: named
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - name: http
      containerPort: 80
`,
    );
    run('sleep 10');
    const ip = podIP('named');
    apply('p.yaml', webIngress('ports', rule('    - port: http\n')));
    expect(served(run(`kubectl exec client -- wget -qO- -T 2 ${ip}`))).toBe(true);
    apply('p.yaml', webIngress('ports', rule('    - port: https\n')));
    expect(run(`kubectl exec client -- wget -qO- -T 2 ${ip}`)).toEqual(TIMED_OUT);
  });

  it('an ipBlock admits its CIDR less the except blocks', () => {
    const { run, apply, podIP } = lab();
    apply(
      'ip.yaml',
      webIngress(
        'pod-network',
        `  - from:
    - ipBlock:
        cidr: 10.244.0.0/16
        except:
        - ${podIP('client')}/32
`,
      ),
    );
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    expect(served(run('kubectl exec other -- wget -qO- -T 2 web'))).toBe(true);
  });

  it("a host-network pod is a node to policies: only an ipBlock admits it, unless it is the pod's own node", () => {
    const { run, apply, host } = lab();
    const webNode = run('kubectl get pods -l app=web -o jsonpath={.items[0].spec.nodeName}').out;
    const elsewhere = ['node1', 'node2', 'node3'].find((n) => n !== webNode) ?? '';
    const hostPod = (name: string, node: string) =>
      `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    role: client
spec:
  hostNetwork: true
  nodeName: ${node}
  containers:
  - name: sh
    image: busybox
    command: ['sleep', '3600']
`;
    host.fs.write('h.yaml', `${hostPod('far', elsewhere)}---\n${hostPod('near', webNode)}`);
    run('kubectl apply -f h.yaml');
    run('sleep 10');
    const all = `  - from:
    - podSelector: {}
`;
    apply('p.yaml', webIngress('from-pods', all));
    // On the host network, dnsPolicy ClusterFirst means the node's resolver: by the cluster IP.
    const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    expect(run(`kubectl exec far -- wget -qO- -T 2 ${ip}`)).toEqual(TIMED_OUT);
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
    // Traffic with the node a pod runs on is always allowed.
    expect(served(run(`kubectl exec near -- wget -qO- -T 2 ${ip}`))).toBe(true);
    apply('p.yaml', webIngress('from-pods', `${all}    - ipBlock:\n        cidr: 172.18.0.0/16\n`));
    expect(served(run(`kubectl exec far -- wget -qO- -T 2 ${ip}`))).toBe(true);
  });

  it('a refused port stays silent under a policy that drops it (no RST comes back)', () => {
    const { run, apply, podIP } = lab();
    const web = run('kubectl get pods -l app=web -o jsonpath={.items[0].status.podIP}').out;
    // Nothing listens on 81: refused at once (nc -v prints no refusal, -vv does).
    expect(run(`kubectl exec client -- nc -zv -w 2 ${web} 81`)).toEqual({
      out: '',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run(`kubectl exec client -- nc -zvv -w 2 ${web} 81`).err).toBe(
      `nc: ${web} (${web}:81): Connection refused\nsent 0, rcvd 0\ncommand terminated with exit code 1\n`,
    );
    apply('deny.yaml', DENY_INGRESS);
    expect(run(`kubectl exec client -- nc -zv -w 2 ${web} 81`).err).toBe(
      `nc: ${web} (${web}:81): Connection timed out\ncommand terminated with exit code 1\n`,
    );
    // A pod reaches itself whatever the policies say.
    const own = podIP('client');
    expect(run(`kubectl exec client -- nc -zv -w 2 ${own} 80`).err).toBe(
      'command terminated with exit code 1\n',
    );
  });
});

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
`;

/** Egress of role=client pods to CoreDNS only, on `ports`. */
function dnsOnly(ports: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: dns-only
spec:
  podSelector:
    matchLabels:
      role: client
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
${ports}`;
}

describe('egress policies', () => {
  it('deny-all egress breaks DNS too: nslookup times out, wget and nc find no address', () => {
    const { run, apply } = lab();
    apply('egress.yaml', DENY_EGRESS);
    expect(run('kubectl exec client -- nslookup web')).toEqual({
      out: ';; connection timed out; no servers could be reached\n\n',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual({
      out: '',
      err: "wget: bad address 'web'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec client -- nc -zv -w 2 web 80')).toEqual({
      out: '',
      err: "nc: bad address 'web'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    // An address no pod has: dropped before the node asks for it (no `No route to host`).
    expect(run('kubectl exec other -- wget -qO- -T 5 10.244.9.9').err).toBe(
      "wget: can't connect to remote host (10.244.9.9): No route to host\ncommand terminated with exit code 1\n",
    );
    expect(run('kubectl exec client -- wget -qO- -T 5 10.244.9.9')).toEqual(TIMED_OUT);
    // By address: the connection itself is dropped.
    const web = run('kubectl get pods -l app=web -o jsonpath={.items[0].status.podIP}').out;
    expect(run(`kubectl exec client -- wget -qO- -T 2 ${web}`)).toEqual(TIMED_OUT);
    // busybox 1.28's nslookup names the server by its address alone when it does not answer.
    run('kubectl run old --image=busybox:1.28 --labels=role=client -- sleep 3600');
    run('sleep 10');
    expect(run('kubectl exec old -- nslookup web').out).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nnslookup: can't resolve 'web'\n",
    );
    // The policy selects role=client: other pods are not isolated.
    expect(served(run('kubectl exec other -- wget -qO- -T 2 web'))).toBe(true);
  });

  it('egress allowing DNS (UDP and TCP 53 to CoreDNS) resolves names and drops the rest', () => {
    const { run, apply } = lab();
    // busybox's nslookup asks a dotted name as it is (a bare one under each search domain).
    const lookup = 'kubectl exec client -- nslookup web.default.svc.cluster.local';
    const answer = run(lookup);
    expect(answer.code).toBe(0);
    apply(
      'dns.yaml',
      dnsOnly('    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n'),
    );
    expect(run(lookup)).toEqual(answer);
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
    // Queries go over UDP: TCP 53 alone is not enough.
    apply('dns.yaml', dnsOnly('    - protocol: TCP\n      port: 53\n'));
    expect(run(lookup).out).toBe(';; connection timed out; no servers could be reached\n\n');
    // Deleted: traffic flows again.
    run('kubectl delete netpol dns-only');
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
  });

  it("the destination's ingress and the source's egress must both allow", () => {
    const { run, apply } = lab();
    apply(
      'egress-web.yaml',
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: to-web
spec:
  podSelector:
    matchLabels:
      role: client
  egress:
  - to:
    - podSelector:
        matchLabels:
          app: web
  - ports:
    - protocol: UDP
      port: 53
`,
    );
    // Egress rules and no policyTypes: the API server makes it Ingress and Egress.
    expect(run('kubectl get netpol to-web -o jsonpath={.spec.policyTypes}').out).toBe(
      '["Ingress","Egress"]',
    );
    expect(served(run('kubectl exec client -- wget -qO- -T 2 web'))).toBe(true);
    apply(
      'deny.yaml',
      DENY_INGRESS.replace('podSelector: {}', 'podSelector:\n    matchLabels:\n      app: web'),
    );
    expect(run('kubectl exec client -- wget -qO- -T 2 web')).toEqual(TIMED_OUT);
  });
});

describe("a pod's own program", () => {
  it('a one-shot wget that the policy drops fails the pod (Error), its log says why', () => {
    const { run, apply } = lab();
    apply('deny.yaml', DENY_INGRESS);
    expect(run('kubectl run t --image=busybox --restart=Never -- wget -qO- -T 2 web').out).toBe(
      'pod/t created\n',
    );
    run('sleep 10');
    expect(run('kubectl get pod t -o jsonpath={.status.phase}').out).toBe('Failed');
    expect(run('kubectl logs t').out).toBe('wget: download timed out\n');
    expect(
      run('kubectl run tmp --image=busybox --restart=Never --rm -i -- wget -qO- -T 2 web'),
    ).toEqual({
      out: 'wget: download timed out\npod "tmp" deleted\n',
      err: 'pod default/tmp terminated (Error)\n',
      code: 1,
    });
  });

  it("the docs' init container waiting for a Service never sees it resolve without DNS egress", () => {
    const { run, apply, host } = lab();
    host.fs.write(
      'init.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: myapp
  labels:
    role: client
spec:
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-web
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup web.default.svc.cluster.local; do echo waiting for web; sleep 2; done"]
`,
    );
    apply('egress.yaml', DENY_EGRESS);
    run('kubectl apply -f init.yaml');
    run('sleep 30');
    expect(run('kubectl get pod myapp').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nmyapp +0\/1 +Init:0\/1 +0 +/,
    );
    expect(run('kubectl logs myapp -c init-web --tail=5').out).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nnslookup: can't resolve 'web.default.svc.cluster.local'\nwaiting for web\n",
    );
    // The policy gone, the next round resolves the name and the app starts.
    run('kubectl delete netpol deny-egress');
    run('sleep 10');
    expect(run('kubectl get pod myapp -o jsonpath={.status.phase}').out).toBe('Running');
    expect(run('kubectl logs myapp').out).toBe('The app is running!\n');
  });
});
