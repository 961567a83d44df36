/**
 * The learner's terminal as bash on a Linux workstation (audit 16 G5, G25, G20): a home
 * directory at /home/learner, a working directory that cd changes and every relative path
 * starts from, bash's cd/pwd errors, a root file system with the usual directories, and the
 * places exam tasks write their answers to.
 */
import { describe, expect, it } from 'vitest';
import { completions } from './completions.ts';
import { restoreShell, shellSnapshot } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';
import { Workspace } from './workspace.ts';

describe('cd and pwd are bash builtins', () => {
  it('cd DIR, cd .., cd, cd ~, cd - and pwd, with $PWD and $OLDPWD', () => {
    const { run } = engineSession(3);
    expect(run('pwd')).toEqual({ out: '/home/learner\n', err: '', code: 0 });
    run('mkdir -p manifests/sub');
    expect(run('cd manifests')).toEqual({ out: '', err: '', code: 0 });
    expect(run('pwd').out).toBe('/home/learner/manifests\n');
    expect(run('echo $PWD $OLDPWD').out).toBe('/home/learner/manifests /home/learner\n');
    // `cd -` prints where it went.
    expect(run('cd -')).toEqual({ out: '/home/learner\n', err: '', code: 0 });
    expect(run('cd -').out).toBe('/home/learner/manifests\n');
    run('cd sub');
    run('cd ../..');
    expect(run('pwd').out).toBe('/home/learner\n');
    // `..` of / is / itself.
    expect(run('cd ../../../..; pwd').out).toBe('/\n');
    expect(run('cd; pwd').out).toBe('/home/learner\n');
    expect(run('cd /tmp && cd ~ && pwd').out).toBe('/home/learner\n');
    expect(run('cd ~/manifests/sub && pwd').out).toBe('/home/learner/manifests/sub\n');
  });

  it("bash's errors: no such directory, not a directory, too many arguments, bad options", () => {
    const { run } = engineSession(3);
    expect(run('cd -')).toEqual({ out: '', err: 'bash: cd: OLDPWD not set\n', code: 1 });
    expect(run('cd nope')).toEqual({
      out: '',
      err: 'bash: cd: nope: No such file or directory\n',
      code: 1,
    });
    run('kubectl create cm a --from-literal=x=1 --dry-run=client -o yaml > a.yaml');
    expect(run('cd a.yaml')).toEqual({
      out: '',
      err: 'bash: cd: a.yaml: Not a directory\n',
      code: 1,
    });
    expect(run('cd a.yaml/x').err).toBe('bash: cd: a.yaml/x: Not a directory\n');
    expect(run('cd /tmp /opt')).toEqual({
      out: '',
      err: 'bash: cd: too many arguments\n',
      code: 1,
    });
    expect(run('cd -x')).toEqual({
      out: '',
      err: 'bash: cd: -x: invalid option\ncd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n',
      code: 2,
    });
    expect(run('pwd -x')).toEqual({
      out: '',
      err: 'bash: pwd: -x: invalid option\npwd: usage: pwd [-LP]\n',
      code: 2,
    });
    expect(run('unset HOME; cd')).toEqual({ out: '', err: 'bash: cd: HOME not set\n', code: 1 });
    // A failed cd leaves the directory as it was.
    expect(run('pwd').out).toBe('/home/learner\n');
  });

  it('relative paths start at the working directory: kubectl -f, <, >, ls, cat, cp, mv, rm, globs', () => {
    const { run } = engineSession(3);
    run('mkdir -p manifests/sub');
    run('kubectl create deploy a --image=nginx --dry-run=client -o yaml > manifests/a.yaml');
    run('kubectl create cm b --from-literal=x=1 --dry-run=client -o yaml > manifests/sub/b.yaml');
    run('cd manifests');
    expect(run('ls').out).toBe('a.yaml  sub\n');
    expect(run('ls ..').out).toBe('Dockerfile  index.html  manifests  nginx.yaml\n');
    expect(run('kubectl apply -f sub')).toEqual({ out: 'configmap/b created\n', err: '', code: 0 });
    expect(run('kubectl apply -f - < ../manifests/a.yaml').out).toBe('deployment.apps/a created\n');
    expect(run('cat < a.yaml | head -2').out).toBe('apiVersion: apps/v1\nkind: Deployment\n');
    expect(run('kubectl delete -f ../nginx.yaml').err).toBe(
      'Error from server (NotFound): error when deleting "../nginx.yaml": pods "nginx" not found\n',
    );
    expect(run('echo *.yaml ../*.yaml sub/*').out).toBe('a.yaml ../nginx.yaml sub/b.yaml\n');
    run('kubectl get deploy a -o name > out.txt');
    expect(run('cat out.txt ~/manifests/out.txt').out).toBe(
      'deployment.apps/a\ndeployment.apps/a\n',
    );
    run('cp out.txt ../copy.txt');
    run('mv sub ../moved');
    run('rm out.txt');
    run('cd');
    expect(run('ls').out).toBe('Dockerfile  copy.txt  index.html  manifests  moved  nginx.yaml\n');
    expect(run('ls manifests moved').out).toBe('manifests:\na.yaml\n\nmoved:\nb.yaml\n');
  });
});

describe('one file system: home, root and the places exam tasks write to', () => {
  it('home is /home/learner for ~, $HOME and absolute paths alike', () => {
    const { run } = engineSession(3);
    expect(run('echo $HOME ~ ~/x "~"').out).toBe('/home/learner /home/learner /home/learner/x ~\n');
    expect(run('echo hi > /home/learner/x.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(run('ls /home/learner').out).toBe('Dockerfile  index.html  nginx.yaml  x.txt\n');
    expect(run('ls ~').out).toBe('Dockerfile  index.html  nginx.yaml  x.txt\n');
    expect(run('cat ~/x.txt x.txt').out).toBe('hi\nhi\n');
    expect(run('ls /home').out).toBe('learner\n');
  });

  it('ls / shows a root whose directories exist; /root, /tmp and /opt take answers, /etc does not', () => {
    const { run } = engineSession(3);
    expect(run('ls /').out).toBe(
      'bin   dev  home  media  opt   root  sbin  sys  usr\nboot  etc  lib   mnt    proc  run   srv   tmp  var\n',
    );
    expect(run('ls /usr').out).toBe('bin  lib  local  sbin  share\n');
    expect(run('kubectl get ns > /root/ns.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(run('head -1 /root/ns.txt').out).toBe('NAME              STATUS   AGE\n');
    expect(
      run('mkdir -p /opt/course/1 && kubectl get nodes -o name > /opt/course/1/nodes.txt').code,
    ).toBe(0);
    expect(run('cat /opt/course/1/nodes.txt').out).toContain('node/control-plane\n');
    expect(run('echo x > /tmp/x && cat /tmp/x').out).toBe('x\n');
    expect(run('echo x > /etc/x')).toEqual({
      out: '',
      err: 'bash: /etc/x: Permission denied\n',
      code: 1,
    });
    expect(run('mkdir /etc/kube')).toEqual({
      out: '',
      err: 'mkdir: cannot create directory ‘/etc/kube’: Permission denied\n',
      code: 1,
    });
    expect(run('touch /usr/x').err).toBe("touch: cannot touch '/usr/x': Permission denied\n");
    expect(run('rm -r /tmp')).toEqual({
      out: '',
      err: "rm: cannot remove '/tmp': Permission denied\n",
      code: 1,
    });
    // What the learner put in /tmp went; /tmp itself stays.
    expect(run('ls -d /tmp; ls /tmp')).toEqual({ out: '/tmp\n', err: '', code: 0 });
    expect(run('rmdir /mnt').err).toBe("rmdir: failed to remove '/mnt': Permission denied\n");
    expect(run('cd /root && pwd').out).toBe('/root\n');
    expect(run('ls').out).toBe('ns.txt\n');
  });

  it('a file is not a directory: a path through it or ending in / fails as bash says', () => {
    const { run } = engineSession(3);
    expect(run('cat nginx.yaml/').err).toBe('cat: nginx.yaml/: Not a directory\n');
    expect(run('echo x > nginx.yaml/x').err).toBe('bash: nginx.yaml/x: Not a directory\n');
    expect(run('ls nginx.yaml/').err).toBe("ls: cannot access 'nginx.yaml/': Not a directory\n");
  });
});

describe('the machine keeps its own directories', () => {
  it('mv of one is refused; tab completion offers the working directory’s entries', () => {
    const { run, host } = engineSession(3);
    expect(run('mv /tmp here')).toEqual({
      out: '',
      err: "mv: cannot move '/tmp' to 'here': Permission denied\n",
      code: 1,
    });
    run('mkdir -p manifests/sub && touch manifests/a.yaml');
    expect(completions(host, 'cd ma').items).toEqual(['manifests/']);
    expect(completions(host, 'cat manifests/').items).toEqual([
      'manifests/a.yaml',
      'manifests/sub/',
    ]);
    run('cd manifests');
    expect(completions(host, 'kubectl apply -f ').items).toEqual(['a.yaml', 'sub/']);
  });
});

describe('exit on the learner’s own terminal', () => {
  it('is a builtin that says the terminal stays open, not "command not found"', () => {
    const { run } = engineSession(3);
    expect(run('exit')).toEqual({
      out: '',
      err: "bash: exit: this console is your own terminal and stays open (after ssh NODE, exit leaves the node's shell)\n",
      code: 0,
    });
    expect(run('kubectl get ns default -o name').out).toBe('namespace/default\n');
  });
});

describe('the working directory is kept with the shell', () => {
  it('a snapshot carries it to a new host, as a lab reload does', () => {
    const a = engineSession(3);
    a.run('mkdir -p work/deep && cd work/deep');
    const b = engineSession(3);
    for (const p of a.host.fs.madeDirs()) b.host.fs.mkdir(p, true);
    restoreShell(b.host, shellSnapshot(a.host));
    expect(b.run('pwd').out).toBe('/home/learner/work/deep\n');
    expect(b.run('cd - >/dev/null; pwd').out).toBe('/home/learner\n');
  });

  it('a workspace saved with paths relative to home (before the working directory) keeps its files', () => {
    const fs = new Workspace({
      'nginx.yaml': 'a\n',
      'manifests/a.yaml': 'b\n',
      'empty/': '',
      'tmp/kubectl-edit-1.yaml': 'c\n',
      'opt/course/1/nodes.txt': 'd\n',
    });
    expect(fs.list()).toEqual([
      '/home/learner/manifests/a.yaml',
      '/home/learner/nginx.yaml',
      '/opt/course/1/nodes.txt',
      '/tmp/kubectl-edit-1.yaml',
    ]);
    expect(fs.madeDirs()).toEqual(['/home/learner/empty']);
    expect(fs.read('manifests/a.yaml')).toBe('b\n');
    expect(fs.read('/tmp/kubectl-edit-1.yaml')).toBe('c\n');
  });
});
