import { describe, expect, it } from 'vitest';
import { scriptLoopLines } from './loopRounds.ts';
import { containerProgram, LOOP_LOG_ROUNDS, loopLines, piDigits } from './program.ts';

describe('containerProgram: what a started container does', () => {
  it('servers run on; shell base images with nothing to do exit at once with 0', () => {
    for (const image of ['nginx', 'nginx:1.27', 'httpd:2.4', 'redis', 'myuser/web:v2']) {
      expect(containerProgram(image, undefined, undefined).runs).toBe('forever');
    }
    for (const image of ['busybox', 'busybox:1.37', 'alpine:3.20', 'docker.io/library/ubuntu']) {
      expect(containerProgram(image, undefined, undefined)).toEqual({
        runs: 'exits',
        afterMs: 0,
        exitCode: 0,
        output: '',
      });
    }
    expect(containerProgram('hello-world', undefined, undefined)).toMatchObject({
      runs: 'exits',
      output: 'Hello from Docker!\n',
    });
  });

  it('reads sleep durations as sleep does', () => {
    const sleepFor = (arg: string) => {
      const p = containerProgram('busybox', undefined, ['sleep', arg]);
      return p.runs === 'exits' ? p.afterMs : p.runs;
    };
    expect([
      sleepFor('5'),
      sleepFor('1.5'),
      sleepFor('30s'),
      sleepFor('2m'),
      sleepFor('1h'),
    ]).toEqual([5000, 1500, 30_000, 120_000, 3_600_000]);
    expect(sleepFor('infinity')).toBe('forever');
    // Not a duration sleep understands: the simulation leaves it running rather than guess.
    expect(sleepFor('soon')).toBe('forever');
  });

  it('command replaces the entrypoint and args follow it; the image does not matter then', () => {
    expect(containerProgram('nginx', ['sleep'], ['3'])).toMatchObject({
      runs: 'exits',
      afterMs: 3000,
    });
    expect(containerProgram('busybox', ['/bin/sleep', '3'], undefined)).toMatchObject({
      afterMs: 3000,
    });
    expect(containerProgram('busybox', ['tail', '-f', '/dev/null'], undefined).runs).toBe(
      'forever',
    );
  });

  it('echo, date, true, false and exit codes', () => {
    expect(containerProgram('busybox', undefined, ['echo', 'hello', 'world'])).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 0,
      output: 'hello world\n',
    });
    expect(containerProgram('busybox', undefined, ['false'])).toMatchObject({ exitCode: 1 });
    expect(containerProgram('busybox', undefined, ['true'])).toMatchObject({ exitCode: 0 });
    expect(containerProgram('busybox', undefined, ['date'], '2026-01-06T00:00:04Z').output).toBe(
      'Tue Jan  6 00:00:04 UTC 2026\n',
    );
  });

  it('sh -c scripts of known steps: output, total sleep, first failing exit code', () => {
    expect(
      containerProgram(
        'busybox',
        ['sh', '-c', 'echo one; sleep 2 && echo "two three"; exit 3'],
        undefined,
      ),
    ).toEqual({
      runs: 'exits',
      afterMs: 2000,
      exitCode: 3,
      output: 'one\ntwo three\n',
      // Printed over time: each part with its moment.
      timed: [
        { atMs: 0, text: 'one\n' },
        { atMs: 2000, text: 'two three\n' },
      ],
    });
    // As sh reads them: `;` runs on after a failure, `&&` does not, `set -e` stops the script.
    expect(containerProgram('busybox', ['sh', '-c', 'false; echo after'], undefined)).toMatchObject(
      { exitCode: 0, output: 'after\n' },
    );
    expect(
      containerProgram('busybox', ['sh', '-c', 'false && echo never'], undefined),
    ).toMatchObject({ exitCode: 1, output: '' });
    expect(
      containerProgram('busybox', ['sh', '-c', 'false || echo rescued'], undefined),
    ).toMatchObject({ exitCode: 0, output: 'rescued\n' });
    expect(
      containerProgram('busybox', ['sh', '-c', 'set -e; false; echo never'], undefined),
    ).toMatchObject({ exitCode: 1, output: '' });
    expect(
      containerProgram(
        'busybox',
        ['/bin/sh', '-c', 'while true; do date; sleep 5; done'],
        undefined,
      ).runs,
    ).toBe('forever');
    expect(containerProgram('busybox', ['sh', '-c', 'echo hi; sleep infinity'], undefined)).toEqual(
      {
        runs: 'forever',
        output: 'hi\n',
      },
    );
    // A program the image does not have: busybox sh says so and exits 127. In an image whose
    // contents are unknown (the developer's own), it is taken to run.
    expect(containerProgram('busybox', ['sh', '-c', 'python3 app.py'], undefined)).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 127,
      output: 'sh: python3: not found\n',
    });
    expect(containerProgram('myorg/app:1', ['sh', '-c', 'python3 app.py'], undefined).runs).toBe(
      'forever',
    );
  });

  it("the docs' init container loop: until nslookup NAME waits for the Service NAME", () => {
    const docs =
      'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done';
    expect(containerProgram('busybox:1.28', ['sh', '-c', docs], undefined)).toEqual({
      runs: 'until',
      service: 'myservice',
      pollMs: 2000,
      output: 'waiting for myservice\n',
      lookup:
        'myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local',
      nslookup: 'busybox-old',
    });
    // A namespace in the name is read; without a sleep the loop retries every second.
    expect(
      containerProgram(
        'busybox:1.28',
        ['sh', '-c', 'until nslookup mydb.prod; do echo no; done'],
        [],
      ),
    ).toEqual({
      runs: 'until',
      service: 'mydb',
      namespace: 'prod',
      pollMs: 1000,
      output: 'no\n',
      lookup: 'mydb.prod',
      nslookup: 'busybox-old',
    });
    // busybox's newer nslookup fails on anything but a full name: the loop never ends.
    expect(
      containerProgram(
        'busybox:1.36',
        ['sh', '-c', 'until nslookup mydb.prod; do echo waiting; sleep 2; done'],
        [],
      ),
    ).toEqual({
      runs: 'forever',
      output: '',
      loop: {
        startMs: 0,
        periodMs: 2000,
        vars: {},
        steps: [
          { kind: 'echo', text: 'waiting', newline: true },
          { kind: 'sleep', ms: 2000 },
        ],
      },
    });
    expect(
      containerProgram('busybox:1.36', ['sh', '-c', `${docs.replace('myservice', 'mysvc')}`], []),
    ).toMatchObject({ runs: 'until', service: 'mysvc' });
    // Other loops are still taken to run for good.
    expect(
      containerProgram('busybox', ['sh', '-c', 'until curl web; do sleep 1; done'], undefined).runs,
    ).toBe('forever');
  });
});

describe('an endless `while true` loop prints one round at a time', () => {
  const start = Date.parse('2026-01-06T00:00:10Z');
  const counter = containerProgram(
    'busybox',
    ['/bin/sh', '-c'],
    ['i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'],
  );

  it('the logging docs counter: a line a second, its counter and the date moving on', () => {
    expect(counter.runs).toBe('forever');
    if (counter.runs !== 'forever' || !counter.loop) throw new Error('no loop');
    expect(loopLines(counter.loop, start, start + 2_500)).toEqual([
      { at: start, text: '0: Tue Jan  6 00:00:10 UTC 2026\n' },
      { at: start + 1000, text: '1: Tue Jan  6 00:00:11 UTC 2026\n' },
      { at: start + 2000, text: '2: Tue Jan  6 00:00:12 UTC 2026\n' },
    ]);
    // A day later: the rounds are computed directly, only the last ones are kept.
    const day = loopLines(counter.loop, start, start + 86_400_000);
    expect(day).toHaveLength(LOOP_LOG_ROUNDS);
    expect(day.at(-1)).toEqual({
      at: start + 86_400_000,
      text: '86400: Wed Jan  7 00:00:10 UTC 2026\n',
    });
  });

  it('set-up output and sleeps come first; braces, counting down, `date` alone, newlines for ;', () => {
    const p = containerProgram(
      'busybox',
      [
        'sh',
        '-c',
        `echo start; sleep 2; n=10\nwhile :\ndo\n  echo "left \${n}"; n=$((n - 2)); date; sleep 5\ndone`,
      ],
      undefined,
    );
    if (p.runs !== 'forever' || !p.loop) throw new Error('no loop');
    expect(p.output).toBe('start\n');
    expect(loopLines(p.loop, start, start + 7_000).map((l) => [l.at - start, l.text])).toEqual([
      [2000, 'left 10\n'],
      [2000, 'Tue Jan  6 00:00:12 UTC 2026\n'],
      [7000, 'left 8\n'],
      [7000, 'Tue Jan  6 00:00:17 UTC 2026\n'],
    ]);
  });

  it('loops it cannot follow log nothing: a command not simulated, no sleep', () => {
    for (const script of [
      'while true; do read line; sleep 1; done',
      'while true; do echo busy; done',
    ]) {
      const p = containerProgram('busybox', ['sh', '-c', script], undefined);
      if (p.runs !== 'forever') throw new Error(`not forever: ${script}`);
      expect(p.output).toBe('');
      expect(p.loop).toBeUndefined();
      expect(p.rounds && scriptLoopLines(p.rounds, 0, 60_000)).toEqual([]);
    }
  });
});

describe('a command the image does not have', () => {
  it('exec of a missing binary: the runtime cannot start the process (StartError)', () => {
    expect(containerProgram('busybox', undefined, ['slep', '10'])).toEqual({
      runs: 'fails',
      output: '',
      message:
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "slep": executable file not found in $PATH: unknown',
    });
    expect(containerProgram('nginx', ['nginxx'], undefined)).toMatchObject({ runs: 'fails' });
    // busybox has no bash: `bash -c` fails the same way; an absolute path is stat'ed.
    expect(containerProgram('busybox', ['bash', '-c', 'echo hi'], undefined).runs).toBe('fails');
    expect(containerProgram('busybox', ['/bin/slep'], undefined)).toMatchObject({
      message: expect.stringContaining(
        'exec: "/bin/slep": stat /bin/slep: no such file or directory: unknown',
      ),
    });
    // Real programs of the image start; an unknown image may hold anything.
    expect(containerProgram('nginx', ['nginx', '-g', 'daemon off;'], undefined).runs).toBe(
      'forever',
    );
    expect(containerProgram('busybox', undefined, ['top']).runs).toBe('forever');
    expect(containerProgram('myorg/app', ['./server'], undefined).runs).toBe('forever');
  });

  it('inside a shell script: "not found" and exit 127, worded as the image\'s shell words it', () => {
    const busybox = containerProgram('busybox', ['sh', '-c', 'slep 10'], undefined);
    expect(busybox).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 127,
      output: 'sh: slep: not found\n',
    });
    expect(containerProgram('nginx', ['sh', '-c', 'echo a; curlx web; echo b'], undefined)).toEqual(
      {
        runs: 'exits',
        afterMs: 0,
        exitCode: 0,
        output: 'a\nsh: 1: curlx: not found\nb\n',
      },
    );
    expect(containerProgram('ubuntu', ['bash', '-c', 'wget web'], undefined)).toMatchObject({
      exitCode: 127,
      output: 'bash: line 1: wget: command not found\n',
    });
  });
});

describe('one-shot commands end with their output', () => {
  const vars = new Map([['HOSTNAME', 's5']]);
  const run = (args: string[], image = 'busybox') =>
    containerProgram(image, undefined, args, '2026-01-06T00:00:04Z', {
      vars,
      namespace: 'dev',
      podIP: '10.244.1.5',
    });

  it('for loops, ls /, cat of the kubelet-written files, uname, hostname, id, whoami', () => {
    expect(run(['sh', '-c', 'for i in 1 2 3; do echo $i; done'])).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 0,
      output: '1\n2\n3\n',
    });
    expect(run(['sh', '-c', 'for f in a b; do echo "item $f"; sleep 1; done; echo end'])).toEqual({
      runs: 'exits',
      afterMs: 2000,
      exitCode: 0,
      output: 'item a\nitem b\nend\n',
      timed: [
        { atMs: 0, text: 'item a\n' },
        { atMs: 1000, text: 'item b\n' },
        { atMs: 2000, text: 'end\n' },
      ],
    });
    // A command substitution the simulation cannot run leaves the loop running, not wrong.
    expect(
      run([
        'sh',
        '-c',
        "for i in $(awk 'BEGIN{for (i = 1; i < 3; i++) print i}'); do echo $i; done",
      ]).runs,
    ).toBe('forever');
    expect(run(['sh', '-c', 'for i in $(seq 1 3); do echo $i; done'])).toMatchObject({
      runs: 'exits',
      output: '1\n2\n3\n',
    });
    expect(run(['ls', '/'])).toMatchObject({
      runs: 'exits',
      exitCode: 0,
      output: 'bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n',
    });
    expect(run(['cat', '/etc/resolv.conf']).output).toBe(
      'search dev.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(run(['cat', '/etc/hostname']).output).toBe('s5\n');
    expect(run(['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).output).toBe(
      'dev',
    );
    expect(run(['cat', '/etc/hosts']).output).toContain('# Kubernetes-managed hosts file.\n');
    expect(run(['cat', '/etc/hosts']).output).toContain('\n10.244.1.5\ts5\n');
    // busybox has no /etc/os-release; Debian-based images do.
    expect(run(['cat', '/etc/os-release'])).toMatchObject({
      exitCode: 1,
      output: "cat: can't open '/etc/os-release': No such file or directory\n",
    });
    expect(run(['cat', '/etc/os-release'], 'nginx:1.27').output).toContain(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    );
    expect(run(['uname', '-a']).output).toBe(
      'Linux s5 6.8.0-51-generic #52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024 x86_64 GNU/Linux\n',
    );
    expect(run(['uname', '-r']).output).toBe('6.8.0-51-generic\n');
    expect(run(['hostname']).output).toBe('s5\n');
    expect(run(['whoami']).output).toBe('root\n');
    expect(run(['id']).output).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  });

  it('env prints the whole environment: HOSTNAME, PATH, HOME and the kubernetes Service links', () => {
    const env = run(['env']);
    expect(env.runs).toBe('exits');
    const lines = env.output.trimEnd().split('\n').sort();
    expect(lines).toEqual(
      [
        'HOSTNAME=s5',
        'HOME=/root',
        'KUBERNETES_PORT=tcp://10.96.0.1:443',
        'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
        'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
        'KUBERNETES_PORT_443_TCP_PORT=443',
        'KUBERNETES_PORT_443_TCP_PROTO=tcp',
        'KUBERNETES_SERVICE_HOST=10.96.0.1',
        'KUBERNETES_SERVICE_PORT=443',
        'KUBERNETES_SERVICE_PORT_HTTPS=443',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ].sort(),
    );
    expect(run(['printenv']).output).toBe(env.output);
    expect(run(['sh', '-c', 'echo $KUBERNETES_SERVICE_HOST']).output).toBe('10.96.0.1\n');
  });

  it('ping -c N to a cluster IP: no ICMP answer, N seconds, exit 1', () => {
    const network = (_ns: string, host: string) =>
      host === '10.96.0.1' || host === 'kubernetes'
        ? { namespace: 'default', name: 'kubernetes', clusterIP: '10.96.0.1', ports: [] }
        : undefined;
    expect(
      containerProgram('busybox', undefined, ['ping', '-c', '3', '10.96.0.1'], '', { network }),
    ).toEqual({
      runs: 'exits',
      afterMs: 3000,
      exitCode: 1,
      output:
        'PING 10.96.0.1 (10.96.0.1): 56 data bytes\n\n--- 10.96.0.1 ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n',
    });
  });

  it('redirections write files, not the log; the file history is kept for exec probes', () => {
    const p = run([
      'sh',
      '-c',
      'echo one > /tmp/x; echo two >> /tmp/x; cat /tmp/x; ls /tmp/nope 2>/dev/null; echo err 2>&1 >/dev/null',
    ]);
    expect(p).toMatchObject({ runs: 'exits', output: 'one\ntwo\n' });
    const docs = run([
      '/bin/sh',
      '-c',
      'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    ]);
    expect(docs).toEqual({
      runs: 'exits',
      afterMs: 630_000,
      exitCode: 0,
      output: '',
      files: [
        { atMs: 0, path: '/tmp/healthy', content: '' },
        { atMs: 30_000, path: '/tmp/healthy', content: null },
      ],
    });
  });
});

describe("the docs' pi Job: perl -Mbignum=bpi -wle 'print bpi(2000)'", () => {
  it('prints π to 2000 significant digits (computed), then exits 0', () => {
    const p = containerProgram(
      'perl:5.34.0',
      ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
      undefined,
    );
    expect(p.runs).toBe('exits');
    if (p.runs !== 'exits') return;
    expect(p.exitCode).toBe(0);
    expect(p.output).toHaveLength(2002);
    expect(p.output.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    // The docs' Job output ends so (bpi rounds the last digit).
    expect(p.output.endsWith('3904780275901\n')).toBe(true);
    expect(piDigits(10)).toBe('3.141592654');
  });
});

describe('server images log their start-up', () => {
  const started = '2026-01-06T00:00:03Z';
  it('redis, httpd, postgres, mysql and mongo end their start-up as the images do', () => {
    const log = (image: string, env?: { name: string; value: string }[]) =>
      containerProgram(image, undefined, undefined, started, {
        podIP: '10.244.1.2',
        ...(env ? { env } : {}),
      })
        .output.trimEnd()
        .split('\n');
    expect(log('redis').slice(-3)).toEqual([
      '1:M 06 Jan 2026 00:00:03.022 * Running mode=standalone, port=6379.',
      '1:M 06 Jan 2026 00:00:03.022 * Server initialized',
      '1:M 06 Jan 2026 00:00:03.022 * Ready to accept connections tcp',
    ]);
    expect(log('httpd:2.4').slice(-3)).toEqual([
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.2. Set the 'ServerName' directive globally to suppress this message",
      '[Tue Jan 06 00:00:03.030000 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations',
      "[Tue Jan 06 00:00:03.030000 2026] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
    ]);
    expect(log('postgres', [{ name: 'POSTGRES_PASSWORD', value: 'x' }]).at(-1)).toBe(
      '2026-01-06 00:00:04.113 UTC [1] LOG:  database system is ready to accept connections',
    );
    expect(log('mysql', [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }]).at(-1)).toBe(
      "2026-01-06T00:00:12.900000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.2.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
    );
    expect(log('mongo').at(-1)).toContain('"msg":"Waiting for connections"');
  });
});

describe('a path the web server does not have', () => {
  const network = (_ns: string, host: string) =>
    host === 'pr'
      ? {
          namespace: 'default',
          name: 'pr',
          clusterIP: '10.96.12.7',
          ports: [{ port: 80, ready: true }],
          backendImage: 'nginx',
        }
      : host === 'kube-dns'
        ? {
            namespace: 'kube-system',
            name: 'kube-dns',
            clusterIP: '10.96.0.10',
            ports: [{ port: 53, ready: true }],
          }
        : undefined;
  const run = (argv: string[]) => containerProgram('busybox', undefined, argv, '', { network });

  it('wget fails with the 404 (exit 1); curl prints the 404 page, or fails with -f (22)', () => {
    expect(run(['wget', '-qO-', 'http://pr/missing'])).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 1,
      output: 'wget: server returned error: HTTP/1.1 404 Not Found\n',
    });
    expect(run(['wget', '-qO-', 'http://pr/index.html'])).toMatchObject({ exitCode: 0 });
    const page = run(['curl', '-s', 'pr/missing']);
    expect(page).toMatchObject({ runs: 'exits', exitCode: 0 });
    expect(page.output).toContain('<center><h1>404 Not Found</h1></center>');
    expect(new TextEncoder().encode(page.output).length).toBe(153);
    expect(run(['curl', '-sSf', 'http://pr/missing'])).toMatchObject({
      exitCode: 22,
      output: 'curl: (22) The requested URL returned error: 404\n',
    });
    expect(run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'pr/x']).output).toBe('404');
  });
});

describe('pod DNS names', () => {
  it('nslookup of a dashed-IP pod name answers that IP (CoreDNS pods insecure)', () => {
    expect(
      containerProgram('busybox', undefined, ['nslookup', '10-244-1-2.default.pod.cluster.local']),
    ).toEqual({
      runs: 'exits',
      afterMs: 0,
      exitCode: 0,
      output:
        // The A reply, then the AAAA reply's empty answer (a blank line of its own).
        'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\t10-244-1-2.default.pod.cluster.local\nAddress: 10.244.1.2\n\n\n',
    });
  });
});
