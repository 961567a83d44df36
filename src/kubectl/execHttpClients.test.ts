/**
 * curl and busybox wget in `kubectl exec` beyond a plain GET: response headers (-I, -i, -S),
 * curl's progress meter on stderr without a terminal, its -v trace, wget --spider, and the API
 * server behind the `kubernetes` Service (anonymous, a service account's token, TLS checks).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DATE = /Date: Tue, 06 Jan 2026 \d\d:\d\d:\d\d GMT/g;
const anyDate = (text: string) => text.replace(DATE, 'Date: D');

/** nginx's headers for its default page (nginx 1.29.3, 615 bytes, the release's mtime). */
const NGINX_200 = [
  'HTTP/1.1 200 OK',
  'Server: nginx/1.29.3',
  'Date: D',
  'Content-Type: text/html',
  'Content-Length: 615',
  'Last-Modified: Tue, 28 Oct 2025 12:00:00 GMT',
  'Connection: keep-alive',
  'ETag: "6900b040-267"',
  'Accept-Ranges: bytes',
];

const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

function webAndClients() {
  const s = engineSession(3);
  s.run('kubectl run web --image=nginx --labels=app=web');
  s.run('kubectl expose pod web --port=80');
  s.run('kubectl run c --image=busybox --labels=app=c -- sleep 3600');
  s.run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
  s.cluster.advance(30_000);
  return s;
}

describe('curl and wget in a container', () => {
  it('curl -I prints the headers nginx sends (CRLF lines); -i puts them before the body; nginx logs a HEAD', () => {
    const { run } = webAndClients();
    const head = run('kubectl exec web -- curl -sI web');
    expect(head.code).toBe(0);
    expect(head.out).toMatch(/\r\nDate: Tue, 06 Jan 2026 \d\d:\d\d:\d\d GMT\r\n/);
    expect(anyDate(head.out)).toBe(`${NGINX_200.map((l) => `${l}\r\n`).join('')}\r\n`);
    const page = run('kubectl exec web -- curl -si web/x');
    expect(anyDate(page.out)).toBe(
      'HTTP/1.1 404 Not Found\r\nServer: nginx/1.29.3\r\nDate: D\r\nContent-Type: text/html\r\nContent-Length: 153\r\nConnection: keep-alive\r\n\r\n' +
        '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.29.3</center>\r\n</body>\r\n</html>\r\n',
    );
    run('kubectl exec web -- curl -sI web');
    expect(run('kubectl logs web --tail=1').out).toMatch(
      /^10\.244\.\d+\.\d+ - - \[06\/Jan\/2026:[\d:]+ \+0000\] "HEAD \/ HTTP\/1\.1" 200 0 "-" "curl\/7\.88\.1" "-"\n$/,
    );
  });

  it('without a terminal curl draws its progress meter on stderr; -s hides it, -sS keeps the errors, -t the body', () => {
    const { run } = webAndClients();
    const plain = run('kubectl exec web -- curl web');
    expect(plain.out).toContain('<title>Welcome to nginx!</title>');
    expect(plain.err).toBe(
      `${METER_HEAD}100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`,
    );
    expect(run('kubectl exec web -- curl -s web').err).toBe('');
    // A failure: the meter's line is left without its newline, curl's error follows on it.
    expect(run('kubectl exec web -- curl -m 2 nosuch')).toEqual({
      out: '',
      err: `${METER_HEAD}  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (6) Could not resolve host: nosuch\ncommand terminated with exit code 6\n`,
      code: 6,
    });
    expect(run('kubectl exec web -- curl -sS -m 2 nosuch').err).toBe(
      'curl: (6) Could not resolve host: nosuch\ncommand terminated with exit code 6\n',
    );
    expect(run('kubectl exec web -- curl -s -m 2 nosuch').err).toBe(
      'command terminated with exit code 6\n',
    );
    // A terminal shows the body, not the meter; -o sends the body elsewhere, so the meter shows.
    const tty = run('kubectl exec -t web -- curl web');
    expect(tty.out).not.toContain('% Total');
    expect(run('kubectl exec -t web -- curl -o /dev/null web').out).toBe(
      `${METER_HEAD}100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`,
    );
    // -f: an HTTP error fails (22) once the head is in: its size is known, its code written.
    expect(run(`kubectl exec web -- curl -f -w '%{http_code}' web/x`)).toEqual({
      out: '404',
      err: `${METER_HEAD}  0   153    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n`,
      code: 22,
    });
    // A timeout says how long it has waited.
    expect(run('kubectl exec web -- curl -m 2 web:81').err).toBe(
      `${METER_HEAD}  0     0    0     0    0     0      0      0 --:--:--  0:00:02 --:--:--     0curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n`,
    );
  });

  it('curl -o FILE saves the page in the container', () => {
    const { run } = webAndClients();
    expect(run('kubectl exec web -- curl -s -o /tmp/page.html web')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl exec web -- head -4 /tmp/page.html').out).toBe(
      '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n',
    );
  });

  it('curl -v traces the connection, the request and the response: Debian 7.88.1 and curl 8', () => {
    const { run } = webAndClients();
    const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    const response = `${NGINX_200.map((l) => `< ${l}\r\n`).join('')}< \r\n`;
    expect(anyDate(run('kubectl exec web -- curl -sv -o /dev/null web').err)).toBe(
      `*   Trying ${ip}:80...\n* Connected to web (${ip}) port 80 (#0)\n> GET / HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n${response}{ [615 bytes data]\n* Connection #0 to host web left intact\n`,
    );
    expect(
      anyDate(run('kubectl exec cu -- curl -sv -o /dev/null -H "Accept: text/html" web').err),
    ).toBe(
      `* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n*   Trying ${ip}:80...\n* Connected to web (${ip}) port 80\n* using HTTP/1.x\n> GET / HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/8.12.1\r\n> Accept: text/html\r\n> \r\n* Request completely sent off\n${response}{ [615 bytes data]\n* Connection #0 to host web left intact\n`,
    );
    // Without -s the meter opens before the trace (its first line left unended) and ends after the data.
    expect(anyDate(run('kubectl exec web -- curl -v -o /dev/null web').err)).toBe(
      `${METER_HEAD}  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0*   Trying ${ip}:80...\n* Connected to web (${ip}) port 80 (#0)\n> GET / HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n${response}{ [615 bytes data]\n100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n* Connection #0 to host web left intact\n`,
    );
    const refused = run('kubectl exec web -- curl -sv 127.0.0.1:81').err;
    expect(refused).toMatch(
      /^\* {3}Trying 127\.0\.0\.1:81\.\.\.\n\* connect to 127\.0\.0\.1 port 81 from 10\.244\.\d+\.\d+ port \d+ failed: Connection refused\n\* Failed to connect to 127\.0\.0\.1 port 81 after 0 ms: Could not connect to server\n\* Closing connection 0\ncommand terminated with exit code 7\n$/,
    );
  });

  it('busybox wget --spider asks without saving; -S prints the server response on stderr', () => {
    const { run } = webAndClients();
    const ip = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec c -- wget --spider web')).toEqual({
      out: '',
      err: `Connecting to web (${ip}:80)\nremote file exists\n`,
      code: 0,
    });
    expect(run('kubectl exec c -- wget -q --spider web')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec c -- wget --spider web/nope')).toEqual({
      out: '',
      err: `Connecting to web (${ip}:80)\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n`,
      code: 1,
    });
    const shown = run('kubectl exec c -- wget -S -q --spider web');
    expect(anyDate(shown.err)).toBe(
      `${NGINX_200.map((l) => `  ${l.replace('keep-alive', 'close')}\n`).join('')}  \n`,
    );
    expect(run('kubectl exec c -- wget -S -qO- web/nope').err).toBe(
      '  HTTP/1.1 404 Not Found\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
    );
  });
});

describe('the API server from a pod (the kubernetes Service)', () => {
  const TOKEN =
    '"Authorization: Bearer $(cat /var/run/secrets/kubernetes.io/serviceaccount/token)"';
  const CA = '--cacert /var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

  it('answers /version to anyone and refuses anything else to system:anonymous (403 Status)', () => {
    const { run } = webAndClients();
    expect(run('kubectl exec web -- curl -sk https://kubernetes.default/version').out).toBe(
      '{\n  "major": "1",\n  "minor": "32",\n  "gitVersion": "v1.32.2",\n  "gitCommit": "67a30c0adcf52bd3f56ff0893ce19966be12991f",\n  "gitTreeState": "clean",\n  "buildDate": "2025-02-12T21:19:47Z",\n  "goVersion": "go1.23.6",\n  "compiler": "gc",\n  "platform": "linux/amd64"\n}',
    );
    expect(run('kubectl exec web -- curl -sk https://kubernetes.default/api').out).toBe(
      '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/api\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}',
    );
    expect(
      run('kubectl exec web -- curl -sk https://10.96.0.1/api/v1/namespaces/default/pods').out,
    ).toContain(
      '"message": "pods is forbidden: User \\"system:anonymous\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",\n  "reason": "Forbidden",\n  "details": {\n    "kind": "pods"\n  },\n  "code": 403\n}',
    );
    expect(
      run("kubectl exec web -- curl -sk -o /dev/null -w '%{http_code}' https://kubernetes/healthz")
        .out,
    ).toBe('200');
    // Its own address (the Service's endpoint, the control-plane node's 6443) answers the same.
    const ep = run(
      "kubectl get ep kubernetes -o jsonpath='{.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}'",
    ).out;
    expect(run(`kubectl exec web -- curl -sk https://${ep}/version`).out).toBe(
      run('kubectl exec web -- curl -sk https://kubernetes.default/version').out,
    );
    // Plain HTTP to its TLS port: Go's server answers 400.
    expect(run('kubectl exec web -- curl -s http://kubernetes.default:443/').out).toBe(
      'Client sent an HTTP request to an HTTPS server.\n',
    );
    expect(run('kubectl exec c -- wget -qO- http://10.96.0.1:443').err).toBe(
      'wget: server returned error: HTTP/1.0 400 Bad Request\ncommand terminated with exit code 1\n',
    );
  });

  it('checks its certificate: curl 60 without the cluster CA, 77 for a missing CA file', () => {
    const { run } = webAndClients();
    expect(run('kubectl exec web -- curl -sS https://kubernetes.default/version')).toEqual({
      out: '',
      err:
        'curl: (60) SSL certificate problem: unable to get local issuer certificate\n' +
        'More details here: https://curl.se/docs/sslcerts.html\n\n' +
        'curl failed to verify the legitimacy of the server and therefore could not\n' +
        'establish a secure connection to it. To learn more about this situation and\n' +
        'how to fix it, please visit the web page mentioned above.\n' +
        'command terminated with exit code 60\n',
      code: 60,
    });
    expect(run(`kubectl exec web -- curl -s ${CA} https://kubernetes.default/version`).code).toBe(
      0,
    );
    expect(
      run('kubectl exec web -- curl -sS --cacert /tmp/ca.crt https://kubernetes.default/version'),
    ).toEqual({
      out: '',
      err: 'curl: (77) error setting certificate file: /tmp/ca.crt\ncommand terminated with exit code 77\n',
      code: 77,
    });
  });

  it("a service account's token: discovery, RBAC's refusals and, once bound, the objects", () => {
    const { run } = webAndClients();
    const api = run(
      `kubectl exec web -- sh -c 'curl -s ${CA} -H ${TOKEN} https://kubernetes.default/api'`,
    );
    expect(api.out).toBe(
      '{\n  "kind": "APIVersions",\n  "versions": [\n    "v1"\n  ],\n  "serverAddressByClientCIDRs": [\n    {\n      "clientCIDR": "0.0.0.0/0",\n      "serverAddress": "172.18.0.2:6443"\n    }\n  ]\n}',
    );
    const url = 'https://kubernetes.default/api/v1/namespaces/default/services';
    expect(run(`kubectl exec web -- sh -c 'curl -sk -H ${TOKEN} ${url}'`).out).toContain(
      '"message": "services is forbidden: User \\"system:serviceaccount:default:default\\" cannot list resource \\"services\\" in API group \\"\\" in the namespace \\"default\\"",',
    );
    expect(run(`kubectl exec web -- curl -sk -H "Authorization: Bearer nope" ${url}`).out).toBe(
      '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "Unauthorized",\n  "reason": "Unauthorized",\n  "code": 401\n}',
    );
    run('kubectl create rolebinding sa-view --clusterrole=view --serviceaccount=default:default');
    const list = JSON.parse(run(`kubectl exec web -- sh -c 'curl -sk -H ${TOKEN} ${url}'`).out);
    expect(Object.keys(list)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
    expect(list.kind).toBe('ServiceList');
    expect(list.items.map((s: { metadata: { name: string } }) => s.metadata.name)).toEqual([
      'kubernetes',
      'web',
    ]);
    const one = run(`kubectl exec web -- sh -c 'curl -sk -H ${TOKEN} ${url}/web'`).out;
    expect(Object.keys(JSON.parse(one))).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'spec',
      'status',
    ]);
    expect(one).toMatch(
      /^\{\n {2}"kind": "Service",\n {2}"apiVersion": "v1",\n {2}"metadata": \{\n {4}"name": "web",\n {4}"namespace": "default",/,
    );
  });

  it('NetworkPolicy egress still applies: a denied pod times out', () => {
    const { run, host } = webAndClients();
    host.fs.write(
      'deny.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Egress]\n',
    );
    run('kubectl apply -f deny.yaml');
    expect(run('kubectl exec web -- curl -sSk -m 2 https://10.96.0.1/version')).toEqual({
      out: '',
      err: 'curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n',
      code: 28,
    });
  });
});

describe('busybox ping', () => {
  it("a pod's IP answers (ttl 64 on the same node, 62 across); a Service's IP never does", () => {
    const { run, host } = webAndClients();
    const ip = (pod: string) => run(`kubectl get pod ${pod} -o jsonpath={.status.podIP}`).out;
    const web = ip('web');
    const c = ip('c');
    const ttl = web.split('.')[2] === c.split('.')[2] ? 64 : 62;
    const out = run(`kubectl exec c -- ping -c 2 ${web}`);
    expect(out.code).toBe(0);
    expect(out.out).toMatch(
      new RegExp(
        `^PING ${web} \\(${web}\\): 56 data bytes\\n64 bytes from ${web}: seq=0 ttl=${ttl} time=\\d\\.\\d{3} ms\\n64 bytes from ${web}: seq=1 ttl=${ttl} time=\\d\\.\\d{3} ms\\n\\n--- ${web} ping statistics ---\\n2 packets transmitted, 2 packets received, 0% packet loss\\nround-trip min/avg/max = [\\d.]+/[\\d.]+/[\\d.]+ ms\\n$`,
      ),
    );
    const svc = run('kubectl get svc web -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec c -- ping -c 1 -W 1 web')).toEqual({
      out: `PING web (${svc}): 56 data bytes\n\n--- web ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec c -- ping -c 1 nosuch')).toEqual({
      out: "ping: bad address 'nosuch'\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    // A node's address would answer from its own kernel, with a ttl that depends on the node.
    const nodeIP = run(
      `kubectl get node node1 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}'`,
    ).out;
    expect(run(`kubectl exec c -- ping -c 1 ${nodeIP}`).err).toMatch(
      /^error: this console cannot run "ping -c 1 [\d.]+" inside the container: the simulation does not know/,
    );
    // A policy that opens port 80 alone does not open ICMP.
    host.fs.write(
      'p.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: c\n    ports:\n    - port: 80\n',
    );
    run('kubectl apply -f p.yaml');
    expect(run(`kubectl exec c -- ping -c 1 -W 1 ${web}`).out).toBe(
      `PING ${web} (${web}): 56 data bytes\n\n--- ${web} ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n`,
    );
    expect(run(`kubectl exec c -- wget -qO- -T 1 ${web}`).code).toBe(0);
    run(`kubectl patch netpol p --type=json -p '[{"op":"remove","path":"/spec/ingress/0/ports"}]'`);
    expect(run(`kubectl exec c -- ping -c 1 -W 1 ${web}`).code).toBe(0);
  });
});
