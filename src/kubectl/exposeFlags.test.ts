/**
 * `kubectl expose` as expose.go's RunExpose/createService build the Service: every container
 * port (named port-1…, each with the protocol the object declares), `--cluster-ip=None`,
 * `--labels`, `--external-ip`, `-f FILE`, and the API server's protocol check.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    tier: be
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: c
        image: nginx
        ports:
        - name: http
          containerPort: 80
        - name: dns
          containerPort: 53
          protocol: UDP
`;

function session() {
  const s = engineSession();
  s.host.fs.write('d.yaml', APP);
  s.run('kubectl apply -f d.yaml');
  return s;
}

describe('kubectl expose', () => {
  it('exposes every container port, named port-N, with its own protocol', () => {
    const { run } = session();
    expect(run('kubectl expose deploy app --dry-run=client -o yaml').out).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    tier: be
  name: app
spec:
  ports:
  - name: port-1
    port: 80
    protocol: TCP
    targetPort: 80
  - name: port-2
    port: 53
    protocol: UDP
    targetPort: 53
  selector:
    app: app
status:
  loadBalancer: {}
`);
    // Protocols are derived even for a --port the object declares: 53 stays UDP.
    expect(
      run("kubectl expose deploy app --port=53 --dry-run=client -o jsonpath='{.spec.ports}'").out,
    ).toBe('[{"port":53,"protocol":"UDP","targetPort":53}]');
  });

  it('--cluster-ip=None makes a headless service (no port needed), --labels replaces the labels', () => {
    const { run } = session();
    expect(run('kubectl expose deploy app --name=h --cluster-ip=None --port=80').out).toBe(
      'service/h exposed\n',
    );
    expect(run('kubectl get svc h').out).toMatch(/^h +ClusterIP +None +<none> +80\/TCP /m);
    run('kubectl create deployment noport --image=nginx');
    expect(run('kubectl expose deploy noport').err).toBe(
      "error: couldn't find port via --port flag or introspection\n",
    );
    expect(run('kubectl expose deploy noport --cluster-ip=None').out).toBe(
      'service/noport exposed\n',
    );
    expect(run("kubectl get svc noport -o jsonpath='{.spec.clusterIP} {.spec.ports}'").out).toBe(
      'None ',
    );
    run('kubectl expose deploy app --port=80 --target-port=http --labels=x=y');
    expect(run('kubectl get svc app --show-labels').out).toMatch(/ x=y\n$/);
    expect(run('kubectl expose deploy app --port=80 --labels=a --name=l2')).toEqual({
      out: '',
      err: 'error: unexpected label spec: a\n',
      code: 1,
    });
  });

  it('-f FILE exposes the object the file describes', () => {
    const { run } = session();
    expect(run('kubectl expose -f d.yaml --port=80 --name=fromfile').out).toBe(
      'service/fromfile exposed\n',
    );
    expect(run("kubectl get svc fromfile -o jsonpath='{.spec.selector}'").out).toBe(
      '{"app":"app"}',
    );
  });

  it('--external-ip shows in EXTERNAL-IP of a LoadBalancer', () => {
    const { run } = session();
    run('kubectl run solo --image=nginx --port=80');
    run('kubectl expose pod solo --type=LoadBalancer --port=80 --external-ip=1.2.3.4');
    expect(run('kubectl get svc solo -o wide').out).toMatch(
      /^solo +LoadBalancer +10\.[\d.]+ +1\.2\.3\.4 +80:\d+\/TCP +\d+s +run=solo\n$/m,
    );
  });

  it('--session-affinity, --load-balancer-ip (LoadBalancer only) and --overrides', () => {
    const { run } = session();
    const spec = (line: string) => run(`${line} --dry-run=client -o jsonpath='{.spec}'`).out;
    expect(
      spec(
        'kubectl expose deploy app --port=80 --session-affinity=ClientIP --type=LoadBalancer --load-balancer-ip=1.2.3.4',
      ),
    ).toBe(
      '{"loadBalancerIP":"1.2.3.4","ports":[{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"app"},"sessionAffinity":"ClientIP","type":"LoadBalancer"}',
    );
    expect(spec('kubectl expose deploy app --port=80 --load-balancer-ip=1.2.3.4')).toBe(
      '{"ports":[{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"app"}}',
    );
    expect(run('kubectl expose deploy app --port=80 --session-affinity=Foo').err).toBe(
      'error: unknown session affinity: Foo\n',
    );
    expect(
      spec(`kubectl expose deploy app --port=80 --overrides='{"spec":{"type":"NodePort"}}'`),
    ).toBe(
      '{"ports":[{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"app"},"type":"NodePort"}',
    );
  });

  it('kinds it cannot expose, and a protocol the API server refuses', () => {
    const { run } = session();
    run('kubectl create job j --image=busybox -- sleep 5');
    expect(run('kubectl expose job j --port=80').err).toBe('error: cannot expose a Job.batch\n');
    expect(run('kubectl expose job nope --port=80').err).toBe(
      'Error from server (NotFound): jobs.batch "nope" not found\n',
    );
    expect(run('kubectl expose deploy app --port=80 --protocol=udp --name=bad')).toEqual({
      out: '',
      err: 'The Service "bad" is invalid: spec.ports[0].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"\n',
      code: 1,
    });
  });
});
