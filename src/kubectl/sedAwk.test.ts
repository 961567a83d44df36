/**
 * sed and awk in the console's pipelines and on its files, and in containers through
 * `kubectl exec` (GNU sed and mawk on the host and Debian images, busybox's applets in busybox).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('sed in the console', () => {
  it('edits a manifest in place before kubectl apply -f', () => {
    const { run, host } = engineSession(3);
    run('kubectl create deploy web --image=nginx:1.25 --dry-run=client -o yaml > deploy.yaml');
    expect(run("sed -i 's/nginx:1.25/nginx:1.26/' deploy.yaml")).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(host.fs.read('deploy.yaml')).toContain('      - image: nginx:1.26\n');
    expect(run('kubectl apply -f deploy.yaml').out).toBe('deployment.apps/web created\n');
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('nginx:1.26');
  });

  it('filters kubectl output by line and rewrites it', () => {
    const { run } = engineSession(3);
    expect(run("kubectl get ns | sed -n '2p'")).toEqual({
      out: 'default           Active   5d\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl get ns | sed 1d | sed 's/ .*//'").out).toBe(
      'default\nkube-node-lease\nkube-public\nkube-system\n',
    );
    expect(run("kubectl get ns --no-headers | sed -n '/^kube-/!p;$='").out).toBe(
      'default           Active   5d\n4\n',
    );
  });

  it("prints GNU sed's errors", () => {
    const { run } = engineSession(3);
    run('echo x > a.txt');
    expect(run('sed p nothere.yaml')).toEqual({
      out: '',
      err: "sed: can't read nothere.yaml: No such file or directory\n",
      code: 2,
    });
    expect(run("sed 's/a/b' a.txt")).toEqual({
      out: '',
      err: "sed: -e expression #1, char 5: unterminated `s' command\n",
      code: 1,
    });
    expect(run("sed -e p -e 'k' a.txt").err).toBe(
      "sed: -e expression #2, char 1: unknown command: `k'\n",
    );
    expect(run('sed -n 1p').err).toBe(
      'sed: reading the terminal is not supported in this console: pipe a command into sed or name a file\n',
    );
    expect(run('cat a.txt').out).toBe('x\n');
  });
});

describe('sed in containers', () => {
  it("runs busybox's sed and GNU sed in exec, -i included", () => {
    const { run } = engineSession(3);
    run('kubectl run bb --image=busybox -- sleep 3600');
    run('kubectl run ng --image=nginx');
    expect(run('kubectl exec bb -- sed -n 1p /etc/hostname')).toEqual({
      out: 'bb\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl exec bb -- sed 's/a/b'")).toEqual({
      out: '',
      err: "sed: unmatched '/'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(
      run("kubectl exec bb -- sh -c 'echo hello > /tmp/x; sed -i s/hello/bye/ /tmp/x; cat /tmp/x'")
        .out,
    ).toBe('bye\n');
    expect(run("kubectl exec ng -- sed -n '/^root/p' /etc/passwd").out).toBe(
      'root:x:0:0:root:/root:/bin/bash\n',
    );
    expect(run('kubectl exec ng -- sed p /nope')).toEqual({
      out: '',
      err: "sed: can't read /nope: No such file or directory\ncommand terminated with exit code 2\n",
      code: 2,
    });
    expect(run(`kubectl exec bb -- sh -c 'hostname | sed "s/^/pod: /"'`).out).toBe('pod: bb\n');
  });
});

describe('awk in the console', () => {
  it('picks columns of kubectl output', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get nodes | awk \'NR>1 {print $1 ":" $2}\'')).toEqual({
      out: 'control-plane:Ready\nnode1:Ready\nnode2:Ready\nnode3:Ready\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl get ns | awk '{print $1}'").out).toBe(
      'NAME\ndefault\nkube-node-lease\nkube-public\nkube-system\n',
    );
    expect(
      run(
        `kubectl get pods -A --no-headers | awk '$1 == "kube-system" {n++} END {print n " in kube-system"}'`,
      ).out,
    ).toBe('10 in kube-system\n');
    expect(run("kubectl get ns --no-headers | awk '{print NR, $NF}' | tail -1").out).toBe('4 5d\n');
  });

  it('reads files with -F and says what mawk says of errors', () => {
    const { run } = engineSession(3);
    run("echo 'a:b:c' > x.txt");
    expect(run("awk -F: '{print $2}' x.txt").out).toBe('b\n');
    expect(run("awk -F: -v OFS=- '{$1=$1; print}' x.txt").out).toBe('a-b-c\n');
    expect(run(`awk 'BEGIN {printf "%-6s|%5.2f|%d\\n", "ab", 3.14159, 42}'`).out).toBe(
      'ab    | 3.14|42\n',
    );
    expect(run("awk '{print $1' x.txt")).toEqual({
      out: '',
      err: 'awk: line 1: missing } near end of file\n',
      code: 2,
    });
    expect(run("awk '{print $1}' nope.txt")).toEqual({
      out: '',
      err: 'awk: cannot open nope.txt (No such file or directory)\n',
      code: 2,
    });
    expect(run("awk '{print}'").err).toBe(
      'awk: reading the terminal is not supported in this console: pipe a command into awk or name a file\n',
    );
  });

  it("runs busybox's awk and mawk in containers", () => {
    const { run } = engineSession(3);
    run('kubectl run bb --image=busybox -- sleep 3600');
    run('kubectl run ng --image=nginx');
    expect(run(`kubectl exec bb -- awk -F: '$1=="root" {print $7}' /etc/passwd`).out).toBe(
      '/bin/sh\n',
    );
    expect(run(`kubectl exec bb -- sh -c "hostname | awk '{print toupper(\\$0)}'"`).out).toBe(
      'BB\n',
    );
    expect(run("kubectl exec bb -- awk '{print $1'")).toEqual({
      out: '',
      err: 'awk: cmd. line:1: Unexpected end of string\ncommand terminated with exit code 1\n',
      code: 1,
    });
    expect(run("kubectl exec ng -- awk -F: 'NR==1 {print $1, $NF}' /etc/passwd").out).toBe(
      'root /bin/bash\n',
    );
  });
});
