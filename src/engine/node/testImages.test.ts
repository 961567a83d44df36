/**
 * The everyday test pods (audit 9 #6): busybox `wget`/`nslookup` and curl against a Service end
 * Completed with what the Service's backend serves, or Error as busybox words the failure; the
 * popular images pull and their default commands behave as on Docker Hub.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { NGINX_INDEX } from './program.ts';

const status = (run: (l: string) => { out: string }, pod: string) =>
  run(`kubectl get pod ${pod} --no-headers`).out.split(/\s+/).slice(1, 4).join(' ');

function withWeb() {
  const s = engineSession(5);
  s.run('kubectl create deployment web --image=nginx');
  s.run('kubectl expose deploy web --port=80');
  s.run('kubectl rollout status deployment/web');
  const ip = s.run(`kubectl get svc web -o jsonpath='{.spec.clusterIP}'`).out;
  return { ...s, ip };
}

describe('a Service works: one-shot test pods', () => {
  it('wget -qO- http://web prints the nginx welcome page and completes', () => {
    const { run, cluster } = withWeb();
    run('kubectl run tmp --image=busybox --restart=Never -- wget -qO- http://web');
    cluster.advance(10_000);
    expect(status(run, 'tmp')).toBe('0/1 Completed 0');
    const logs = run('kubectl logs tmp');
    expect(logs.out).toBe(NGINX_INDEX);
    expect(new TextEncoder().encode(NGINX_INDEX).length).toBe(615);
    expect(logs.out.split('\n')[3]).toBe('<title>Welcome to nginx!</title>');
  });

  it('wget -O- web:80 prints busybox progress around the page', () => {
    const { run, ip, cluster } = withWeb();
    run('kubectl run tmp --image=busybox --restart=Never -- wget -O- web:80');
    cluster.advance(10_000);
    const out = run('kubectl logs tmp').out;
    expect(out).toBe(
      `Connecting to web:80 (${ip}:80)\nwriting to stdout\n${NGINX_INDEX}` +
        '-                    100% |********************************|   615  0:00:00 ETA\n' +
        'written to stdout\n',
    );
  });

  it('nslookup web answers with the cluster IP from kube-dns', () => {
    const { run, ip, cluster } = withWeb();
    run('kubectl run dns --image=busybox:1.28 --restart=Never -- nslookup web');
    // busybox's newer applet asks every search domain: two of them answer NXDOMAIN (exit 1).
    run('kubectl run new --image=busybox --restart=Never -- nslookup web');
    cluster.advance(10_000);
    expect(status(run, 'dns')).toBe('0/1 Completed 0');
    expect(run('kubectl logs dns').out).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: ${ip} web.default.svc.cluster.local\n`,
    );
    expect(status(run, 'new')).toBe('0/1 Error 0');
    const nx = (name: string) => `** server can't find ${name}: NXDOMAIN\n\n`;
    expect(run('kubectl logs new').out).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n${nx('web.svc.cluster.local')}${nx('web.cluster.local')}\n${nx('web.svc.cluster.local')}${nx('web.cluster.local')}`,
    );
  });

  it('no such Service: wget fails with bad address, nslookup with NXDOMAIN (Error)', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl run w --image=busybox --restart=Never -- wget -qO- http://nosvc');
    run('kubectl run n --image=busybox --restart=Never -- nslookup nosvc');
    cluster.advance(10_000);
    expect(status(run, 'w')).toBe('0/1 Error 0');
    expect(status(run, 'n')).toBe('0/1 Error 0');
    expect(run('kubectl logs w').out).toBe("wget: bad address 'nosvc'\n");
    const nx = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']
      .map((d) => `** server can't find nosvc.${d}: NXDOMAIN\n\n`)
      .join('');
    expect(run('kubectl logs n').out).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${nx}${nx}`,
    );
  });

  it('a Service without endpoints refuses the connection', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl create service clusterip empty --tcp=80:80');
    const ip = run(`kubectl get svc empty -o jsonpath='{.spec.clusterIP}'`).out;
    run('kubectl run w --image=busybox --restart=Never -- wget -qO- http://empty');
    cluster.advance(10_000);
    expect(status(run, 'w')).toBe('0/1 Error 0');
    expect(run('kubectl logs w').out).toBe(
      `wget: can't connect to remote host (${ip}): Connection refused\n`,
    );
    expect(
      run(
        `kubectl get pod w -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'`,
      ).out,
    ).toBe('1');
  });

  it('curlimages/curl -s http://web pulls and prints the page', () => {
    const { run, cluster } = withWeb();
    run('kubectl run c --image=curlimages/curl --restart=Never -- curl -s http://web');
    cluster.advance(20_000);
    expect(status(run, 'c')).toBe('0/1 Completed 0');
    expect(run('kubectl logs c').out).toBe(NGINX_INDEX);
  });
});

describe('popular images and their default commands', () => {
  it('postgres and mysql without a password exit 1 with their entrypoint error', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl run pg --image=postgres --restart=Never');
    run('kubectl run my --image=mysql --restart=Never');
    run('kubectl run ok --image=postgres --env=POSTGRES_PASSWORD=secret');
    cluster.advance(60_000);
    expect(status(run, 'pg')).toBe('0/1 Error 0');
    expect(status(run, 'my')).toBe('0/1 Error 0');
    expect(status(run, 'ok')).toBe('1/1 Running 0');
    expect(run('kubectl logs pg').out.split('\n').slice(0, 2)).toEqual([
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
    ]);
    const my = run('kubectl logs my').out.split('\n');
    expect(my[0]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00 \[Note\] \[Entrypoint\]: Entrypoint script for MySQL Server 9\.2\.0-1\.el9 started\.$/,
    );
    expect(my.slice(3).map((l) => l.replace(/^\S+ \S+ /, ''))).toEqual([
      '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
      '',
    ]);
  });

  it('python, node and netshoot (no terminal) exit 0 at once: CrashLoopBackOff', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl run py --image=python:3.12');
    run('kubectl run nd --image=node');
    run('kubectl run ns --image=nicolaka/netshoot');
    cluster.advance(180_000);
    for (const p of ['py', 'nd', 'ns']) expect(status(run, p)).toMatch(/^0\/1 CrashLoopBackOff \d/);
    expect(run('kubectl describe pod py').out).toMatch(
      /Last State:\s+Terminated\n\s+Reason:\s+Completed\n\s+Exit Code:\s+0/,
    );
  });
});

describe('curl -o /dev/null -w', () => {
  it('prints the status code: 200 from nginx, 000 when the name does not resolve', () => {
    const { run, cluster } = withWeb();
    run(
      `kubectl run c --image=curlimages/curl --restart=Never -- curl -s -o /dev/null -w '%{http_code}' http://web`,
    );
    run(
      `kubectl run d --image=curlimages/curl --restart=Never -- curl -s -o /dev/null -w '%{http_code}' http://nosvc`,
    );
    cluster.advance(20_000);
    expect(run('kubectl logs c').out).toBe('200');
    expect(status(run, 'c')).toBe('0/1 Completed 0');
    expect(run('kubectl logs d').out).toBe('000');
    expect(status(run, 'd')).toBe('0/1 Error 0');
    expect(
      run(
        `kubectl get pod d -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'`,
      ).out,
    ).toBe('6');
  });
});

describe('names outside the cluster', () => {
  it('google.com is not taken for a missing Service: the offline cluster cannot resolve it', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl run g --image=busybox --restart=Never -- wget -qO- google.com');
    run('kubectl create namespace blue');
    run('kubectl create deployment web --image=nginx -n blue');
    run('kubectl expose deploy web --port=80 -n blue');
    run('kubectl run n --image=busybox --restart=Never -- nslookup web.blue.svc.cluster.local');
    cluster.advance(20_000);
    // CoreDNS forwards google.com to the node's resolver, which finds no server to answer.
    expect(status(run, 'g')).toBe('0/1 Error 0');
    expect(run('kubectl logs g').out).toBe("wget: bad address 'google.com'\n");
    expect(status(run, 'n')).toBe('0/1 Completed 0');
    expect(run('kubectl logs n').out).toMatch(/\nName:\tweb\.blue\.svc\.cluster\.local\n/);
  });
});

describe('what other backends serve', () => {
  it('hello-app greets with its version and the backend pod name', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl create deployment hello --image=gcr.io/google-samples/hello-app:1.0');
    run('kubectl expose deploy hello --port=80 --target-port=8080');
    run('kubectl rollout status deployment/hello');
    const pod = run(`kubectl get pods -l app=hello -o jsonpath='{.items[0].metadata.name}'`).out;
    run('kubectl run w --image=busybox --restart=Never -- wget -qO- hello');
    cluster.advance(10_000);
    expect(run('kubectl logs w').out).toBe(`Hello, world!\nVersion: 1.0.0\nHostname: ${pod}\n`);
  });
});

describe('a headless Service', () => {
  it('nslookup answers with each ready pod IP', () => {
    const { run, cluster } = engineSession(5);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl create service clusterip web --clusterip=None --tcp=80:80');
    run('kubectl rollout status deployment/web');
    const ips = run(`kubectl get pods -l app=web -o jsonpath='{.items[*].status.podIP}'`)
      .out.split(' ')
      .sort();
    run(
      'kubectl run dns --image=busybox --restart=Never -- nslookup web.default.svc.cluster.local',
    );
    cluster.advance(10_000);
    expect(status(run, 'dns')).toBe('0/1 Completed 0');
    expect(run('kubectl logs dns').out).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${ips
        .map((ip) => `Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n`)
        .join('')}\n\n`,
    );
  });
});
