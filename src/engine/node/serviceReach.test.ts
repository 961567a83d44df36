/**
 * What wget and curl in a pod find behind a Service, a pod address or an address nothing has
 * (audit 14b E3, audit 13 C22). kube-proxy DNATs a Service connection to an endpoint; what
 * answers there is what the client gets. Nothing listening: refused at once; a pod-network
 * address without a pod: no route to host after ARP gives up (3 s); an address outside the
 * offline cluster: silence until the tool's timeout, or the kernel's 127 s.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

/** The Kubernetes docs' Service without a selector and its hand-written Endpoints. */
const MY_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  ports:
  - name: http
    protocol: TCP
    port: 80
    targetPort: 9376
---
apiVersion: v1
kind: Endpoints
metadata:
  name: my-service
subsets:
  - addresses:
      - ip: IP
    ports:
      - name: http
        port: PORT
        protocol: TCP
`;

function session(endpoint = '192.0.2.42', port = 9376) {
  const s = engineSession(4);
  s.host.fs.write('s.yaml', MY_SERVICE.replace('IP', endpoint).replace('PORT', String(port)));
  s.run('kubectl apply -f s.yaml');
  s.run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
  s.run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
  s.cluster.advance(10_000);
  const ip = s.run('kubectl get svc my-service -o jsonpath={.spec.clusterIP}').out;
  return { ...s, ip };
}

/** What busybox wget and curl write on stderr, then kubectl's line for the exit code. */
const failed = (err: string, code: number, out = '') => ({
  out,
  err: `${err}command terminated with exit code ${code}\n`,
  code,
});

describe('a Service whose endpoint is an address where nothing answers', () => {
  it('busybox wget: its -T timeout, else the kernel gives up after 127 s', () => {
    const { run, ip } = session();
    expect(run('kubectl exec c -- wget -qO- -T 2 my-service')).toEqual(
      failed('wget: download timed out\n', 1),
    );
    expect(run('kubectl exec c -- wget -T 2 my-service')).toEqual(
      failed(`Connecting to my-service (${ip}:80)\nwget: download timed out\n`, 1),
    );
    // wget's own default (900 s) is longer than the kernel's SYN retries.
    expect(run('kubectl exec c -- wget -qO- my-service:80')).toEqual(
      failed(`wget: can't connect to remote host (${ip}): Connection timed out\n`, 1),
    );
    expect(run(`kubectl exec c -- sh -c 'wget -qO- -T 2 my-service; echo rc=$?'`)).toEqual({
      out: 'rc=1\n',
      err: 'wget: download timed out\n',
      code: 0,
    });
    // The message is wget's stderr.
    expect(
      run(`kubectl exec c -- sh -c 'wget -qO- -T 2 my-service 2>/dev/null || echo failed'`).out,
    ).toBe('failed\n');
    // The address itself, directly.
    expect(run('kubectl exec c -- wget -O- -T 2 http://192.0.2.42:9376')).toEqual(
      failed('Connecting to 192.0.2.42:9376 (192.0.2.42:9376)\nwget: download timed out\n', 1),
    );
  });

  it('curl: -m ends the transfer, --connect-timeout the attempt, else ETIMEDOUT (28)', () => {
    const { run } = session();
    expect(run('kubectl exec cu -- curl -sS -m 2 http://my-service')).toEqual(
      failed('curl: (28) Connection timed out after 2001 milliseconds\n', 28),
    );
    expect(run('kubectl exec cu -- curl -sS --connect-timeout 2 my-service')).toEqual(
      failed(
        'curl: (28) Failed to connect to my-service port 80 after 2001 ms: Timeout was reached\n',
        28,
      ),
    );
    expect(run('kubectl exec cu -- curl -sS my-service')).toEqual(
      failed(
        'curl: (28) Failed to connect to my-service port 80 after 127001 ms: Could not connect to server\n',
        28,
      ),
    );
    // -s alone keeps quiet; -w still writes.
    expect(run(`kubectl exec cu -- curl -s -m 2 -w '%{http_code}' my-service`)).toEqual(
      failed('', 28, '000'),
    );
  });

  it('a pod running wget ends when its timeout does', () => {
    const { run, cluster } = session();
    run('kubectl run w --image=busybox --restart=Never -- wget -qO- -T 5 my-service');
    const phase = () => run('kubectl get pod w -o jsonpath={.status.phase}').out;
    const started = Date.parse(
      run('kubectl get pod w -o jsonpath={.status.containerStatuses[0].state.*.startedAt}').out,
    );
    cluster.advance(10_000);
    expect(phase()).toBe('Failed');
    const finished = Date.parse(
      run(
        'kubectl get pod w -o jsonpath={.status.containerStatuses[0].state.terminated.finishedAt}',
      ).out,
    );
    expect(finished - started).toBe(5000);
    expect(run('kubectl logs w').out).toBe('wget: download timed out\n');
  });
});

describe('what else a connection finds', () => {
  it("Endpoints at a pod's IP: its program answers on its port, other ports are refused", () => {
    const s = engineSession(4);
    s.run('kubectl run web --image=nginx');
    s.run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    s.cluster.advance(10_000);
    const podIP = s.run('kubectl get pod web -o jsonpath={.status.podIP}').out;
    s.host.fs.write('s.yaml', MY_SERVICE.replace('IP', podIP).replace('PORT', '80'));
    s.run('kubectl apply -f s.yaml');
    expect(s.run('kubectl exec c -- wget -qO- -T 2 my-service').out).toContain(
      '<title>Welcome to nginx!</title>',
    );
    s.host.fs.write('s.yaml', MY_SERVICE.replace('IP', podIP).replace('PORT', '9376'));
    s.run('kubectl apply -f s.yaml');
    const ip = s.run('kubectl get svc my-service -o jsonpath={.spec.clusterIP}').out;
    expect(s.run('kubectl exec c -- wget -qO- -T 2 my-service')).toEqual(
      failed(`wget: can't connect to remote host (${ip}): Connection refused\n`, 1),
    );
  });

  it('a targetPort the pods do not listen on: refused (the pod resets the connection)', () => {
    const { run, cluster } = engineSession(4);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80 --target-port=8080');
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    cluster.advance(10_000);
    const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec c -- wget -qO- -T 2 web')).toEqual(
      failed(`wget: can't connect to remote host (${ip}): Connection refused\n`, 1),
    );
  });

  it("a selector that matches no ready pod: kube-proxy's REJECT refuses at once", () => {
    const { run, cluster } = engineSession(4);
    run('kubectl create service clusterip nobody --tcp=80:80');
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
    cluster.advance(10_000);
    const ip = run('kubectl get svc nobody -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec c -- wget -T 2 nobody')).toEqual(
      failed(
        `Connecting to nobody (${ip}:80)\nwget: can't connect to remote host (${ip}): Connection refused\n`,
        1,
      ),
    );
    expect(run('kubectl exec cu -- curl -sS -m 2 nobody')).toEqual(
      failed(
        'curl: (7) Failed to connect to nobody port 80 after 0 ms: Could not connect to server\n',
        7,
      ),
    );
  });

  it('a port the Service does not define: no iptables rule, so nothing answers (a timeout)', () => {
    const { run, cluster } = engineSession(4);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
    cluster.advance(30_000);
    const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec c -- wget -qO- -T 2 web:80').code).toBe(0);
    expect(run('kubectl exec c -- wget -T 2 web:8080')).toEqual(
      failed(`Connecting to web:8080 (${ip}:8080)\nwget: download timed out\n`, 1),
    );
    expect(run('kubectl exec cu -- curl -sS --connect-timeout 2 web:81')).toEqual(
      failed(
        'curl: (28) Failed to connect to web port 81 after 2001 ms: Timeout was reached\n',
        28,
      ),
    );
  });

  it('a pod-network address without a pod: no route to host once ARP gives up (3 s)', () => {
    const { run, cluster } = engineSession(4);
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
    cluster.advance(10_000);
    expect(run('kubectl exec c -- wget -qO- 10.244.2.99')).toEqual(
      failed("wget: can't connect to remote host (10.244.2.99): No route to host\n", 1),
    );
    expect(run('kubectl exec c -- wget -qO- -T 2 10.244.2.99')).toEqual(
      failed('wget: download timed out\n', 1),
    );
    // A node's address is a host that answers: a port nothing listens on is refused.
    const nodeIP = run(
      `kubectl get node node1 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}'`,
    ).out;
    expect(run(`kubectl exec c -- wget -qO- -T 2 ${nodeIP}:8080`)).toEqual(
      failed(`wget: can't connect to remote host (${nodeIP}): Connection refused\n`, 1),
    );
    expect(run('kubectl exec cu -- curl -sS http://10.244.2.99:8080/')).toEqual(
      failed(
        'curl: (7) Failed to connect to 10.244.2.99 port 8080 after 3001 ms: Could not connect to server\n',
        7,
      ),
    );
  });
});
