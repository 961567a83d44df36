/**
 * Commands and expansions of the container shells through `kubectl exec`: busybox (ash and its
 * applets) and Debian (nginx: dash and coreutils), where the two differ, with their exact texts
 * and exit codes; stderr reaches kubectl's stderr.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => {
  const s = engineSession(3);
  s.run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
  s.run('kubectl run web --image=nginx');
  s.cluster.advance(20_000);
  return s;
};

describe('stderr of sh -c', () => {
  it('what a script writes to stderr reaches the console stderr, in both shells', () => {
    const { run } = session();
    expect(run(`kubectl exec web -- sh -c 'echo one; echo two >&2'`)).toEqual({
      out: 'one\n',
      err: 'two\n',
      code: 0,
    });
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope; echo rc=$?'`)).toEqual({
      out: 'rc=1\n',
      err: "cat: can't open '/tmp/nope': No such file or directory\n",
      code: 0,
    });
    // 2>&1 sends it down stdout; a command substitution takes stdout only.
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope 2>&1'`)).toEqual({
      out: "cat: can't open '/tmp/nope': No such file or directory\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run(`kubectl exec web -- sh -c 'x=$(cat /tmp/nope); echo "x=$x"'`)).toEqual({
      out: 'x=\n',
      err: 'cat: /tmp/nope: No such file or directory\n',
      code: 0,
    });
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope 2>&1 | wc -l'`).out).toBe('1\n');
    expect(run(`kubectl exec bb -- sh -c 'echo hi | tr a-z A-Z >&2'`)).toEqual({
      out: '',
      err: 'HI\n',
      code: 0,
    });
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope | wc -l'`)).toEqual({
      out: '0\n',
      err: "cat: can't open '/tmp/nope': No such file or directory\n",
      code: 0,
    });
  });
});

describe('ls', () => {
  it('a missing operand: busybox exits 1, GNU ls 2 with its own words; the others are listed', () => {
    const { run } = session();
    expect(run('kubectl exec bb -- ls /nope')).toEqual({
      out: '',
      err: 'ls: /nope: No such file or directory\ncommand terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec web -- ls /nope')).toEqual({
      out: '',
      err: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n",
      code: 2,
    });
    expect(run(`kubectl exec web -- sh -c 'ls /tmp/nope; echo rc=$?'`)).toEqual({
      out: 'rc=2\n',
      err: "ls: cannot access '/tmp/nope': No such file or directory\n",
      code: 0,
    });
    run(`kubectl exec bb -- sh -c 'echo hi > /tmp/f'`);
    expect(run('kubectl exec bb -- ls /tmp /nope /etc/hostname')).toEqual({
      out: '/etc/hostname\n\n/tmp:\nf\n',
      err: 'ls: /nope: No such file or directory\ncommand terminated with exit code 1\n',
      code: 1,
    });
  });

  it('-l, -a and -la: busybox fixed columns, GNU columns as wide as their values', () => {
    const { run } = session();
    run(`kubectl exec bb -- sh -c 'echo hello > /tmp/a; echo hi > /tmp/bb; touch /tmp/.hidden'`);
    run(`kubectl exec web -- sh -c 'echo hello > /tmp/a; echo hi > /tmp/bb; touch /tmp/.hidden'`);
    expect(run('kubectl exec bb -- ls /tmp').out).toBe('a\nbb\n');
    // The root: the image's, and what was written there.
    run(`kubectl exec bb -- sh -c 'echo x > /root-file'`);
    expect(run('kubectl exec bb -- ls /').out).toBe(
      'bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nroot-file\nsys\ntmp\nusr\nvar\n',
    );
    expect(run('kubectl exec bb -- ls -a /tmp').out).toBe('.\n..\n.hidden\na\nbb\n');
    expect(run('kubectl exec bb -- ls -A /tmp').out).toBe('.hidden\na\nbb\n');
    // The time column: the files were written a moment ago.
    const when = (text: string) => text.replace(/Jan {2}6 00:0\d/g, 'Jan  6 00:0x');
    expect(when(run('kubectl exec bb -- ls -l /tmp').out)).toBe(
      [
        'total 8',
        '-rw-r--r--    1 root     root             6 Jan  6 00:0x a',
        '-rw-r--r--    1 root     root             3 Jan  6 00:0x bb',
        '',
      ].join('\n'),
    );
    expect(when(run('kubectl exec web -- ls -la /tmp').out)).toBe(
      [
        'total 16',
        'drwxrwxrwt 2 root root 4096 Jan  6 00:0x .',
        'drwxr-xr-x 1 root root 4096 Jan  6 00:0x ..',
        '-rw-r--r-- 1 root root    0 Jan  6 00:0x .hidden',
        '-rw-r--r-- 1 root root    6 Jan  6 00:0x a',
        '-rw-r--r-- 1 root root    3 Jan  6 00:0x bb',
        '',
      ].join('\n'),
    );
  });

  it('the atomic writer: keys are symlinks into ..data, which links to a timestamped directory', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl create configmap app --from-literal=color=blue --from-literal=size=L');
    run('kubectl create secret generic s --from-literal=pw=x');
    run(
      `kubectl run bb --image=busybox --overrides='{"spec":{"volumes":[{"name":"c","configMap":{"name":"app"}},{"name":"s","secret":{"secretName":"s"}}],"containers":[{"name":"bb","image":"busybox","command":["sleep","3600"],"volumeMounts":[{"name":"c","mountPath":"/cfg"},{"name":"s","mountPath":"/sec"}]}]}}'`,
    );
    cluster.advance(20_000);
    expect(run('kubectl exec bb -- ls -l /cfg').out).toBe(
      [
        'total 0',
        'lrwxrwxrwx    1 root     root            12 Jan  6 00:00 color -> ..data/color',
        'lrwxrwxrwx    1 root     root            11 Jan  6 00:00 size -> ..data/size',
        '',
      ].join('\n'),
    );
    const sa = run('kubectl exec bb -- ls -l /var/run/secrets/kubernetes.io/serviceaccount').out;
    expect(sa).toBe(
      [
        'total 0',
        'lrwxrwxrwx    1 root     root            13 Jan  6 00:00 ca.crt -> ..data/ca.crt',
        'lrwxrwxrwx    1 root     root            16 Jan  6 00:00 namespace -> ..data/namespace',
        'lrwxrwxrwx    1 root     root            12 Jan  6 00:00 token -> ..data/token',
        '',
      ].join('\n'),
    );
    // -a: `..data` and the directory the kubelet wrote (`..` + its time + MkdirTemp's number).
    const all = run('kubectl exec bb -- ls -a /cfg').out.split('\n');
    expect(all.slice(0, 2)).toEqual(['.', '..']);
    expect(all[2]).toMatch(/^\.\.2026_01_06_00_00_\d\d\.\d+$/);
    expect(all.slice(3)).toEqual(['..data', 'color', 'size', '']);
    const la = run('kubectl exec bb -- ls -la /sec').out.split('\n');
    const stamp = (la[3] ?? '').split(' ').at(-1) ?? '';
    // A Secret volume is a tmpfs: directories sized by their entries (20 bytes each, and 2).
    expect(la).toEqual([
      'total 4',
      'drwxrwxrwt    3 root     root           100 Jan  6 00:00 .',
      'drwxr-xr-x    1 root     root          4096 Jan  6 00:00 ..',
      `drwxr-xr-x    2 root     root            60 Jan  6 00:00 ${stamp}`,
      `lrwxrwxrwx    1 root     root            ${stamp.length} Jan  6 00:00 ..data -> ${stamp}`,
      'lrwxrwxrwx    1 root     root             9 Jan  6 00:00 pw -> ..data/pw',
      '',
    ]);
    // The same name every time (the volume is written once here).
    expect(run('kubectl exec bb -- ls -a /cfg').out.split('\n')[2]).toBe(all[2]);
  });

  it('a projected item in a sub-directory: the top-level entry is a symlink to a directory', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl create configmap myconfigmap --from-literal=config=value');
    run('kubectl create secret generic mysecret --from-literal=username=admin');
    run(
      `kubectl run p --image=busybox --overrides='{"spec":{"volumes":[{"name":"all","projected":{"sources":[{"secret":{"name":"mysecret","items":[{"key":"username","path":"my-group/my-username"}]}},{"configMap":{"name":"myconfigmap","items":[{"key":"config","path":"my-group/my-config"}]}}]}}],"containers":[{"name":"p","image":"busybox","command":["sleep","3600"],"volumeMounts":[{"name":"all","mountPath":"/projected-volume"}]}]}}'`,
    );
    cluster.advance(20_000);
    expect(run('kubectl exec p -- ls -l /projected-volume').out).toBe(
      'total 0\nlrwxrwxrwx    1 root     root            15 Jan  6 00:00 my-group -> ..data/my-group\n',
    );
    expect(run('kubectl exec p -- ls /projected-volume/my-group').out).toBe(
      'my-config\nmy-username\n',
    );
    expect(run('kubectl exec p -- ls -l /projected-volume/my-group/').out).toBe(
      [
        'total 8',
        '-rw-r--r--    1 root     root             5 Jan  6 00:00 my-config',
        '-rw-r--r--    1 root     root             5 Jan  6 00:00 my-username',
        '',
      ].join('\n'),
    );
  });

  it('a hostPath directory is the node’s: empty on another node, shared on the same one', () => {
    const { run, cluster } = engineSession(3);
    const pod = (name: string, node: string, command: string) =>
      `kubectl run ${name} --image=busybox --overrides='{"spec":{"nodeName":"${node}","volumes":[{"name":"h","hostPath":{"path":"/tmp/hp","type":"DirectoryOrCreate"}}],"containers":[{"name":"${name}","image":"busybox","command":["sh","-c","${command}"],"volumeMounts":[{"name":"h","mountPath":"/h"}]}]}}'`;
    run(pod('a', 'node1', 'sleep 3600'));
    run(pod('b', 'node2', 'sleep 3600'));
    run(pod('w', 'node1', 'echo from-w > /h/w.txt; sleep 3600'));
    cluster.advance(20_000);
    run(`kubectl exec a -- sh -c 'echo from-a > /h/f'`);
    expect(run('kubectl exec b -- ls /h')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec b -- cat /h/f')).toEqual({
      out: '',
      err: "cat: can't open '/h/f': No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec a -- ls /h').out).toBe('f\nw.txt\n');
    expect(run('kubectl exec a -- cat /h/w.txt').out).toBe('from-w\n');
  });
});

describe('expansions', () => {
  it('$0, $$, ${#VAR}, positional parameters and ${VAR:-word}', () => {
    const { run } = session();
    expect(run(`kubectl exec bb -- sh -c 'echo $0'`).out).toBe('sh\n');
    expect(run(`kubectl exec bb -- /bin/sh -c 'echo $0'`).out).toBe('/bin/sh\n');
    // The exec'd shell is a later process than the container's PID 1.
    expect(run(`kubectl exec bb -- sh -c 'echo $$'`).out).toBe('7\n');
    expect(run(`kubectl exec web -- sh -c 'echo $0 $$'`).out).toBe('sh 7\n');
    expect(run(`kubectl exec bb -- sh -c 'echo \${#HOSTNAME}'`).out).toBe('2\n');
    expect(run(`kubectl exec bb -- sh -c 'echo $0 $1 $# $@' me a b`).out).toBe('me a 2 a b\n');
    expect(
      run(`kubectl exec bb -- sh -c 'echo \${NOPE:-none} \${HOSTNAME:+set} \${X:=7} $X'`).out,
    ).toBe('none set 7 7\n');
    expect(run(`kubectl exec bb -- sh -c 'echo $ "$"'`).out).toBe('$ $\n');
    // The shell's own variables: its directory; its parent is outside the PID namespace.
    expect(run(`kubectl exec bb -- sh -c 'cd /tmp; echo $PWD $PPID'`).out).toBe('/tmp 0\n');
    // dash has no RANDOM: it is an unset variable there.
    expect(run(`kubectl exec web -- sh -c 'echo x$RANDOM'`).out).toBe('x\n');
  });

  it('what the console cannot expand is refused, never printed as written', () => {
    const { run } = session();
    const refused = (script: string) =>
      `error: this console cannot run ${JSON.stringify(`sh -c ${script}`)} inside the container: the simulation does not know this program, these options, or what it would find there\n`;
    for (const script of [
      'echo $!',
      'echo ${HOSTNAME%b}',
      'echo "\\$HOME"',
      'echo a\\ b',
      'echo $RANDOM',
      'echo $LINENO',
    ]) {
      expect(run(`kubectl exec bb -- sh -c '${script}'`)).toEqual({
        out: '',
        err: refused(script),
        code: 1,
      });
    }
  });

  it("the container's own shell is PID 1", () => {
    const { run, cluster } = engineSession(3);
    // `$$` in a pod spec is the kubelet's escape of `$`: the shell sees `$$` written `$$$$`.
    run(`kubectl run p --image=busybox -- sh -c 'echo "pid $$$$ name $0"; sleep 3600'`);
    cluster.advance(20_000);
    expect(run('kubectl logs p').out).toBe('pid 1 name sh\n');
  });
});

describe('echo', () => {
  it("dash's echo (nginx's sh) has no -e and always reads escapes; busybox's and GNU's need -e", () => {
    const { run } = session();
    expect(run(`kubectl exec web -- sh -c 'echo -e "a\\nb" | sort -r'`).out).toBe('b\n-e a\n');
    expect(run(`kubectl exec web -- sh -c 'echo "a\\tb\\c"; echo x'`).out).toBe('a\tbx\n');
    expect(run(`kubectl exec web -- echo -e 'a\\nb'`).out).toBe('a\nb\n');
    expect(run(`kubectl exec web -- bash -c 'echo "a\\nb"'`).out).toBe('a\\nb\n');
    expect(run(`kubectl exec bb -- sh -c 'echo -e "a\\nb"; echo "a\\nb"'`).out).toBe(
      'a\nb\na\\nb\n',
    );
  });
});

describe('text tools', () => {
  it('printf: %s %d %b, widths, escapes, the format used again for the arguments left', () => {
    const { run } = session();
    expect(run(`kubectl exec web -- sh -c 'printf "b\\na\\nb\\nc\\n" | sort | uniq -c'`).out).toBe(
      '      1 a\n      2 b\n      1 c\n',
    );
    expect(
      run(`kubectl exec bb -- sh -c 'printf "%s=%d|%5s|%-3s|%03d\\n" a 1 x y 7 b 2'`).out,
    ).toBe('a=1|    x|y  |007\nb=2|     |   |000\n');
    expect(run(`kubectl exec bb -- printf '%b|%s\\n' 'a\\tb' 'a\\tb'`).out).toBe('a\tb|a\\tb\n');
    expect(run(`kubectl exec bb -- sh -c 'printf "%s\\n" a b'`).out).toBe('a\nb\n');
  });

  it('seq, cut, head -c, head -n N FILE, tail -n +N, and a loop piped into tail', () => {
    const { run } = session();
    expect(run('kubectl exec web -- seq 3').out).toBe('1\n2\n3\n');
    expect(run('kubectl exec bb -- seq -s , 1 2 9').out).toBe('1,3,5,7,9\n');
    expect(run(`kubectl exec bb -- sh -c 'echo one two | cut -d" " -f2'`).out).toBe('two\n');
    expect(run(`kubectl exec bb -- sh -c 'echo a:b:c:d | cut -d: -f1,3-'`).out).toBe('a:c:d\n');
    expect(run('kubectl exec web -- cut -d: -f1,7 /etc/passwd').out.split('\n')[0]).toBe(
      'root:/bin/bash',
    );
    expect(run(`kubectl exec bb -- sh -c 'echo abc | head -c 2'`).out).toBe('ab');
    expect(run('kubectl exec bb -- head -n 2 /etc/passwd').out).toBe(
      'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n',
    );
    expect(run(`kubectl exec bb -- sh -c 'seq 10 | tail -n +9'`).out).toBe('9\n10\n');
    expect(run(`kubectl exec web -- sh -c 'for i in 1 2 3; do echo $i; done | tail -1'`).out).toBe(
      '3\n',
    );
    // A command that does not read its input runs in a pipe as alone; the pipe's status is the last's.
    expect(run(`kubectl exec bb -- sh -c 'false | true; echo $?; true | false; echo $?'`).out).toBe(
      '0\n1\n',
    );
  });

  it('tr: escapes, ranges, classes, -d and -s', () => {
    const { run } = session();
    expect(run(`kubectl exec bb -- sh -c 'echo a,b | tr , "\\n"'`).out).toBe('a\nb\n');
    expect(run(`kubectl exec bb -- sh -c 'echo 3 1 2 | tr " " "\\n" | sort -n'`).out).toBe(
      '1\n2\n3\n',
    );
    expect(run(`kubectl exec bb -- sh -c "echo hello | tr '[:lower:]' '[:upper:]'"`).out).toBe(
      'HELLO\n',
    );
    expect(run(`kubectl exec web -- sh -c "echo 'a1 b2' | tr -d '[:digit:]'"`).out).toBe('a b\n');
    expect(run(`kubectl exec bb -- sh -c "printf 'a\\tb' | tr '\\t' :"`).out).toBe('a:b');
    expect(run(`kubectl exec bb -- sh -c 'echo hello world | tr -d o'`).out).toBe('hell wrld\n');
    expect(run(`kubectl exec bb -- sh -c "echo 'a   b' | tr -s ' '"`).out).toBe('a b\n');
    expect(run(`kubectl exec bb -- sh -c "echo 'x y' | tr '[:space:]' _"`).out).toBe('x_y_');
  });

  it('grep on files with -i -v -c -n; wc -l FILE in both layouts; missing files', () => {
    const { run } = session();
    expect(run('kubectl exec web -- grep root /etc/passwd').out).toBe(
      'root:x:0:0:root:/root:/bin/bash\n',
    );
    expect(run(`kubectl exec web -- sh -c 'cat /etc/passwd | grep -c nologin'`).out).toBe('16\n');
    expect(run('kubectl exec bb -- grep -n -i ROOT /etc/passwd').out).toBe(
      '1:root:x:0:0:root:/root:/bin/sh\n',
    );
    expect(run('kubectl exec bb -- grep -v -c false /etc/passwd').out).toBe('2\n');
    expect(run('kubectl exec bb -- grep nothing /etc/passwd')).toEqual({
      out: '',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec bb -- grep x /nope')).toEqual({
      out: '',
      err: 'grep: /nope: No such file or directory\ncommand terminated with exit code 2\n',
      code: 2,
    });
    expect(run('kubectl exec web -- wc -l /etc/passwd').out).toBe('19 /etc/passwd\n');
    expect(run('kubectl exec bb -- wc -l /etc/passwd').out).toBe('9 /etc/passwd\n');
    expect(run(`kubectl exec bb -- sh -c 'echo hi | wc'`).out).toBe(
      '        1         1         3\n',
    );
    expect(run(`kubectl exec web -- sh -c 'echo hi | wc'`).out).toBe('      1       1       3\n');
    expect(run('kubectl exec web -- head -n 1 /nope')).toEqual({
      out: '',
      err: "head: cannot open '/nope' for reading: No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec bb -- head -n 1 /nope').err).toBe(
      'head: /nope: No such file or directory\ncommand terminated with exit code 1\n',
    );
  });
});
