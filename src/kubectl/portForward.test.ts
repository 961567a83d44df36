/**
 * `kubectl port-forward`: the pod a target names (a workload's or Service's first), its ports
 * (named ones and a Service's target ports turned into numbers), the Running check, then one
 * `Forwarding from` line a listener (localhost is 127.0.0.1 and ::1). The console cannot keep
 * forwarding, and says so.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const keep = (port: number) =>
  `(this console cannot keep forwarding: kubectl would wait here, printing "Handling connection for ${port}" for each connection, until stopped)\n`;

const PORTS = `apiVersion: v1
kind: Pod
metadata:
  name: ports
  labels: {app: ports}
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - {name: http, containerPort: 80}
    - {name: dns, containerPort: 53, protocol: UDP}
`;

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: ports
spec:
  selector: {app: ports}
  ports:
  - {name: web, port: 8080, targetPort: http}
  - {name: plain, port: 9090}
`;

const PENDING = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: web
    image: nginx
    resources:
      requests: {cpu: '64'}
`;

function session() {
  const s = engineSession(3);
  s.host.fs.write('ports.yaml', PORTS);
  s.host.fs.write('svc.yaml', SVC);
  s.run('kubectl apply -f ports.yaml');
  s.run('kubectl apply -f svc.yaml');
  return s;
}

describe('kubectl port-forward', () => {
  it('LOCAL:REMOTE on localhost: one line for 127.0.0.1, one for ::1', () => {
    const { run } = session();
    expect(run('kubectl port-forward pod/ports 8080:80')).toEqual({
      out: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
      err: keep(8080),
      code: 0,
    });
    // One port is both; a named port is the container's; several ports in order.
    expect(run('kubectl port-forward ports 8080 http').out).toBe(
      'Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\nForwarding from 127.0.0.1:80 -> 80\nForwarding from [::1]:80 -> 80\n',
    );
  });

  it(':REMOTE: a port the system picks, the same on both addresses', () => {
    const { run } = session();
    const r = run('kubectl port-forward ports :80');
    const m =
      /^Forwarding from 127\.0\.0\.1:(\d+) -> 80\nForwarding from \[::1\]:(\d+) -> 80\n$/.exec(
        r.out,
      );
    expect(m?.[1]).toBe(m?.[2]);
    const port = Number(m?.[1]);
    expect(port).toBeGreaterThanOrEqual(32768);
    expect(port).toBeLessThanOrEqual(60999);
    expect(r.err).toBe(keep(port));
  });

  it('--address: the addresses given, sorted; not an IP is refused', () => {
    const { run } = session();
    expect(run('kubectl port-forward ports 8080:80 --address 0.0.0.0,localhost').out).toBe(
      'Forwarding from 0.0.0.0:8080 -> 80\nForwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
    );
    expect(run('kubectl port-forward ports 8080:80 --address example.com')).toEqual({
      out: '',
      err: 'error: example.com is not a valid IP\n',
      code: 1,
    });
  });

  it("a Service: its port becomes the target port of the pod it selects; a workload's pod", () => {
    const { run } = session();
    expect(run('kubectl port-forward svc/ports 8080').out).toBe(
      'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
    );
    expect(run('kubectl port-forward service/ports 7000:web 9090').out).toBe(
      'Forwarding from 127.0.0.1:7000 -> 80\nForwarding from [::1]:7000 -> 80\nForwarding from 127.0.0.1:9090 -> 9090\nForwarding from [::1]:9090 -> 9090\n',
    );
    expect(run('kubectl port-forward svc/ports 1234').err).toBe(
      'error: Service ports does not have a service port 1234\n',
    );
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl port-forward deployment/web 8080:80').code).toBe(0);
  });

  it('a pod that is not running', () => {
    const { run, host } = session();
    host.fs.write('huge.yaml', PENDING);
    run('kubectl apply -f huge.yaml');
    expect(run('kubectl port-forward huge 8080:80')).toEqual({
      out: '',
      err: 'error: unable to forward port because pod is not running. Current status=Pending\n',
      code: 1,
    });
  });

  it('bad ports, a missing pod, no ports', () => {
    const { run } = session();
    const cases: [string, string][] = [
      ['kubectl port-forward nope 80', 'Error from server (NotFound): pods "nope" not found\n'],
      [
        'kubectl port-forward ports abc:80',
        `error: error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax\n`,
      ],
      [
        'kubectl port-forward ports 70000',
        `error: error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range\n`,
      ],
      [
        'kubectl port-forward ports 8080:70000',
        `error: error parsing remote port '70000': strconv.ParseUint: parsing "70000": value out of range\n`,
      ],
      ['kubectl port-forward ports 8080:0', 'error: remote port must be > 0\n'],
      [
        'kubectl port-forward ports 8080:https',
        "error: Pod 'ports' does not have a named port 'https'\n",
      ],
      ['kubectl port-forward ports 53', 'error: UDP protocol is not supported for 53\n'],
      ['kubectl port-forward ports dns', 'error: UDP protocol is not supported for dns\n'],
      [
        'kubectl port-forward ports',
        "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
      ],
    ];
    for (const [line, err] of cases) expect(run(line)).toEqual({ out: '', err, code: 1 });
  });

  it('a stopped node: the stream cannot be upgraded, the kubelet is out of reach', () => {
    const { run } = session();
    const node = run("kubectl get pod ports -o jsonpath='{.spec.nodeName}'").out;
    const ip = run(
      `kubectl get node ${node} -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}'`,
    ).out;
    run(`sim stop-node ${node}`);
    expect(run('kubectl port-forward ports 8080:80')).toEqual({
      out: '',
      err: `error: error upgrading connection: error dialing backend: dial tcp ${ip}:10250: connect: no route to host\n`,
      code: 1,
    });
  });

  it('needs create on pods/portforward: the stream cannot be upgraded', () => {
    const { run } = session();
    run('kubectl create role viewer --verb=get,list --resource=pods');
    run('kubectl create rolebinding jane-viewer --role=viewer --user=jane');
    expect(run('kubectl port-forward ports 8080:80 --as=jane')).toEqual({
      out: '',
      err: 'error: error upgrading connection: pods "ports" is forbidden: User "jane" cannot create resource "pods/portforward" in API group "" in the namespace "default"\n',
      code: 1,
    });
  });
});
