/**
 * nginx's error log in `kubectl logs`: a request for a file the server does not have is logged
 * at error level (stderr) before its access line (stdout), numbered by connection.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe("nginx's error log", () => {
  it('a 404 is an open() error line, then the access line with 404', () => {
    const { run, cluster } = engineSession(2);
    run('kubectl run web --image=nginx');
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    cluster.advance(10_000);
    const webIP = run('kubectl get pod web -o jsonpath={.status.podIP}').out;
    const cIP = run('kubectl get pod c -o jsonpath={.status.podIP}').out;
    expect(run(`kubectl exec c -- wget -qO- http://${webIP}/`).code).toBe(0);
    expect(run(`kubectl exec c -- wget -qO- http://${webIP}/x`)).toEqual({
      out: '',
      err: 'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
      code: 1,
    });
    run(`kubectl exec web -- curl -s localhost:80/missing.html`);
    const log = run('kubectl logs web --tail=5').out.split('\n');
    const time = (l: string | undefined) =>
      /(\d\d:\d\d:\d\d)(?: \+0000\]| \[error\])/.exec(l ?? '')?.[1] ?? '';
    expect(log.slice(0, 5)).toEqual([
      `${cIP} - - [06/Jan/2026:${time(log[0])} +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"`,
      `2026/01/06 ${time(log[1])} [error] 29#29: *2 open() "/usr/share/nginx/html/x" failed (2: No such file or directory), client: ${cIP}, server: localhost, request: "GET /x HTTP/1.1", host: "${webIP}"`,
      `${cIP} - - [06/Jan/2026:${time(log[2])} +0000] "GET /x HTTP/1.1" 404 153 "-" "Wget" "-"`,
      `2026/01/06 ${time(log[3])} [error] 29#29: *3 open() "/usr/share/nginx/html/missing.html" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /missing.html HTTP/1.1", host: "localhost"`,
      `127.0.0.1 - - [06/Jan/2026:${time(log[4])} +0000] "GET /missing.html HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"`,
    ]);
    expect(time(log[1])).toBe(time(log[2]));
  });

  it('the Host header is the name the client used (a Service name)', () => {
    const { run, cluster } = engineSession(2);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
    cluster.advance(10_000);
    run('kubectl exec cu -- curl -s http://web/a/b.txt');
    expect(run(`kubectl exec cu -- curl -s -w ' %{http_code}' -o /dev/null web/nothere/`).out).toBe(
      ' 404',
    );
    const log = run('kubectl logs deploy/web --tail=4').out;
    // A directory's index.html is looked for by the index module.
    expect(log.split('\n')[2]).toMatch(
      /\[error\] 29#29: \*2 "\/usr\/share\/nginx\/html\/nothere\/index\.html" is not found \(2: No such file or directory\), client: [\d.]+, server: localhost, request: "GET \/nothere\/ HTTP\/1\.1", host: "web"$/,
    );
    expect(log.split('\n').slice(0, 2).join('\n')).toMatch(
      /^2026\/01\/06 \d\d:\d\d:\d\d \[error\] 29#29: \*1 open\(\) "\/usr\/share\/nginx\/html\/a\/b\.txt" failed \(2: No such file or directory\), client: [\d.]+, server: localhost, request: "GET \/a\/b\.txt HTTP\/1\.1", host: "web"\n[\d.]+ - - \[[^\]]+\] "GET \/a\/b\.txt HTTP\/1\.1" 404 153 "-" "curl\/8\.12\.1" "-"$/,
    );
  });
});
