/**
 * Names of pods in cluster DNS: a StatefulSet's pods under their headless Service
 * (`web-0.nginx`, the StatefulSet Basics tutorial), reverse (PTR) names, the newer busybox
 * nslookup that asks a dotted name as it is, and `localhost` shared by a pod's containers.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const WEB = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
`;

const OLD_HEAD =
  'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
const NEW_HEAD = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe("a StatefulSet's pods in cluster DNS", () => {
  it('web-0.nginx resolves through the search path; endpoints carry the hostnames', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', WEB);
    run('kubectl apply -f web.yaml');
    const ip0 = run('kubectl get pod web-0 -o jsonpath={.status.podIP}').out;
    const ip1 = run('kubectl get pod web-1 -o jsonpath={.status.podIP}').out;
    // ShouldSetHostname: the pods' hostname, as their subdomain is the Service.
    expect(
      run(
        'kubectl get endpointslices -l kubernetes.io/service-name=nginx -o jsonpath=\'{range .items[0].endpoints[*]}{.hostname} {.targetRef.name}{"\\n"}{end}\'',
      ).out,
    ).toBe(ip0 < ip1 ? 'web-0 web-0\nweb-1 web-1\n' : 'web-1 web-1\nweb-0 web-0\n');
    expect(
      run("kubectl get endpoints nginx -o jsonpath='{.subsets[0].addresses[*].hostname}'").out,
    ).toBe(ip0 < ip1 ? 'web-0 web-1' : 'web-1 web-0');

    run('kubectl run dns-test --image busybox:1.28 --restart=Never -- nslookup web-0.nginx');
    run('sleep 20');
    expect(run('kubectl logs dns-test').out).toBe(
      `${OLD_HEAD}Name:      web-0.nginx\nAddress 1: ${ip0} web-0.nginx.default.svc.cluster.local\n`,
    );
    expect(run('kubectl get pod dns-test -o jsonpath={.status.phase}').out).toBe('Succeeded');

    // The Service's name: every ready pod, each named by its hostname (not its dashed IP).
    run('kubectl run old --image busybox:1.28 -- sleep 3600');
    const [a, b] = [
      { ip: ip0, name: 'web-0' },
      { ip: ip1, name: 'web-1' },
    ].sort((x, y) => (x.ip < y.ip ? -1 : 1));
    expect(run('kubectl exec old -- nslookup nginx').out).toBe(
      `${OLD_HEAD}Name:      nginx\nAddress 1: ${a?.ip} ${a?.name}.nginx.default.svc.cluster.local\nAddress 2: ${b?.ip} ${b?.name}.nginx.default.svc.cluster.local\n`,
    );
    expect(run(`kubectl exec old -- nslookup ${ip1}`).out).toBe(
      `${OLD_HEAD}Name:      ${ip1}\nAddress 1: ${ip1} web-1.nginx.default.svc.cluster.local\n`,
    );

    // busybox 1.36: the full name, and the reverse name as a PTR record.
    run('kubectl run bb --image busybox:1.36 -- sleep 3600');
    expect(run('kubectl exec bb -- nslookup web-1.nginx.default.svc.cluster.local')).toEqual({
      out: `${NEW_HEAD}Name:\tweb-1.nginx.default.svc.cluster.local\nAddress: ${ip1}\n\n\n`,
      err: '',
      code: 0,
    });
    const arpa = `${ip0.split('.').reverse().join('.')}.in-addr.arpa`;
    expect(run(`kubectl exec bb -- nslookup ${ip0}`)).toEqual({
      out: `${NEW_HEAD}${arpa}\tname = web-0.nginx.default.svc.cluster.local\n\n`,
      err: '',
      code: 0,
    });
    // wget to a pod's DNS name reaches that pod.
    const got = run('kubectl exec bb -- wget -O- web-0.nginx.default.svc.cluster.local');
    expect(got.code).toBe(0);
    expect(got.out.split('\n')[0]).toBe(
      `Connecting to web-0.nginx.default.svc.cluster.local (${ip0}:80)`,
    );
  });
});

describe('busybox newer than 1.28: its own nslookup', () => {
  it('asks kubernetes.default as it is: NXDOMAIN from A and AAAA, exit 1 (the docs pin 1.28)', () => {
    const { run } = engineSession(3);
    run('kubectl run bb --image busybox:1.36 -- sleep 3600');
    expect(run('kubectl exec bb -- nslookup kubernetes.default')).toEqual({
      out: `${NEW_HEAD}** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    // A reverse lookup prints the PTR record; bind's adds the root's dot.
    expect(run('kubectl exec bb -- nslookup 10.96.0.1').out).toBe(
      `${NEW_HEAD}1.0.96.10.in-addr.arpa\tname = kubernetes.default.svc.cluster.local\n\n`,
    );
    run('kubectl apply -f https://k8s.io/examples/admin/dns/dnsutils.yaml');
    expect(run('kubectl exec dnsutils -- nslookup 10.96.0.10').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local.\n\n',
    );
  });
});

describe("a pod's containers share its network namespace", () => {
  it('the sidecar reaches the app on localhost and 127.0.0.1; a closed port refuses', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'two.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: app
    image: nginx
`,
    );
    run('kubectl apply -f two.yaml');
    run('sleep 20');
    const page = run('kubectl exec two -c side -- wget -qO- localhost');
    expect(page.code).toBe(0);
    expect(page.out).toContain('<h1>Welcome to nginx!</h1>');
    expect(run('kubectl exec two -c side -- wget -O- 127.0.0.1:80').out).toMatch(
      /^Connecting to 127\.0\.0\.1:80 \(127\.0\.0\.1:80\)\nwriting to stdout\n<!DOCTYPE html>/,
    );
    expect(run('kubectl exec two -c side -- wget -qO- localhost:8080')).toEqual({
      out: '',
      err: "wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });
});
