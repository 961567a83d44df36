/**
 * Directories in the console's own files: mkdir, ls of one level, rm -r, bash refusing to
 * write into a missing directory, `kubectl apply|create|delete -f DIR` (and -R), and `< FILE`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('mkdir, ls and rm over directories', () => {
  it('mkdir makes a directory ls lists one level of', () => {
    const { run } = engineSession();
    expect(run('mkdir app')).toEqual({ out: '', err: '', code: 0 });
    expect(run('ls')).toEqual({
      out: 'Dockerfile  app  index.html  nginx.yaml\n',
      err: '',
      code: 0,
    });
    expect(run('ls app')).toEqual({ out: '', err: '', code: 0 });
    run('echo a > app/a.yaml');
    run('mkdir app/base');
    run('echo b > app/base/b.yaml');
    expect(run('ls app').out).toBe('a.yaml  base\n');
    expect(run('ls app/base/').out).toBe('b.yaml\n');
    expect(run('ls nginx.yaml app/base').out).toBe('nginx.yaml\n\napp/base:\nb.yaml\n');
    expect(run('ls -l app').out).toBe(
      'total 8\n-rw-r--r-- 1 learner learner    2 Jan  6 00:00 a.yaml\ndrwxr-xr-x 2 learner learner 4096 Jan  6 00:01 base\n',
    );
  });

  it('a glob matches directories too', () => {
    const { run } = engineSession();
    run('mkdir -p app/base && echo x > app/x.yaml && echo y > web.yaml');
    expect(run('echo *').out).toBe('Dockerfile app index.html nginx.yaml web.yaml\n');
    expect(run('echo app/*').out).toBe('app/base app/x.yaml\n');
    expect(run('ls *').out).toBe(
      'Dockerfile  index.html  nginx.yaml  web.yaml\n\napp:\nbase  x.yaml\n',
    );
  });

  it('what ls and mkdir refuse, as GNU coreutils words it', () => {
    const { run } = engineSession();
    expect(run('ls x')).toEqual({
      out: '',
      err: "ls: cannot access 'x': No such file or directory\n",
      code: 2,
    });
    expect(run('mkdir a/b')).toEqual({
      out: '',
      err: 'mkdir: cannot create directory ‘a/b’: No such file or directory\n',
      code: 1,
    });
    expect(run('mkdir -p a/b && ls a')).toEqual({ out: 'b\n', err: '', code: 0 });
    expect(run('mkdir a').err).toBe('mkdir: cannot create directory ‘a’: File exists\n');
    expect(run('mkdir -p a').code).toBe(0);
    expect(run('mkdir nginx.yaml').err).toBe(
      'mkdir: cannot create directory ‘nginx.yaml’: File exists\n',
    );
    expect(run('mkdir')).toEqual({
      out: '',
      err: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
      code: 1,
    });
  });

  it('bash cannot write into a missing directory; /tmp is there', () => {
    const { run, host } = engineSession();
    expect(run('kubectl get ns -o name > /opt/x/f')).toEqual({
      out: '',
      err: 'bash: /opt/x/f: No such file or directory\n',
      code: 1,
    });
    expect(host.fs.isDirectory('opt')).toBe(false);
    expect(run('echo hi > out/f.txt').err).toBe('bash: out/f.txt: No such file or directory\n');
    expect(run('mkdir out && echo hi > out/f.txt && cat out/f.txt').out).toBe('hi\n');
    expect(run('echo t > /tmp/t.txt && cat /tmp/t.txt').out).toBe('t\n');
  });

  it('rmdir removes an empty directory only', () => {
    const { run } = engineSession();
    run('mkdir -p a/b && echo x > f');
    expect(run('rmdir a').err).toBe("rmdir: failed to remove 'a': Directory not empty\n");
    expect(run('rmdir f').err).toBe("rmdir: failed to remove 'f': Not a directory\n");
    expect(run('rmdir x').err).toBe("rmdir: failed to remove 'x': No such file or directory\n");
    expect(run('rmdir a/b && rmdir a')).toEqual({ out: '', err: '', code: 0 });
    expect(run('ls').out).toBe('Dockerfile  f  index.html  nginx.yaml\n');
  });

  it('rm needs -r for a directory', () => {
    const { run } = engineSession();
    run('mkdir -p d/e && echo x > d/e/f');
    expect(run('rm d')).toEqual({
      out: '',
      err: "rm: cannot remove 'd': Is a directory\n",
      code: 1,
    });
    expect(run('rm -r d')).toEqual({ out: '', err: '', code: 0 });
    expect(run('ls d').code).toBe(2);
    expect(run('rm -f nope').code).toBe(0);
    expect(run('rm nope').err).toBe("rm: cannot remove 'nope': No such file or directory\n");
  });
});

describe('kubectl -f DIR', () => {
  it('reads every .json/.yaml/.yml of the directory in name order; -R walks into subdirectories', () => {
    const { run, host } = engineSession();
    host.fs.mkdir('m');
    host.fs.write('m/b.yaml', ns('b'));
    host.fs.write('m/a.yml', ns('a'));
    host.fs.write(
      'm/c.json',
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'c' } }),
    );
    host.fs.write('m/notes.txt', 'not a manifest');
    host.fs.write('m/sub/d.yaml', ns('d'));
    host.fs.write('m/a-z.yaml', ns('az'));
    expect(run('kubectl apply -f m/')).toEqual({
      out: 'namespace/az created\nnamespace/a created\nnamespace/b created\nnamespace/c created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get ns d').code).toBe(1);
    // filepath.Walk: `sub` sorts after `c.json`; `a-z.yaml` before `a.yml` ('-' < '.').
    expect(run('kubectl apply -f m -R').out).toBe(
      'namespace/az unchanged\nnamespace/a unchanged\nnamespace/b unchanged\nnamespace/c unchanged\nnamespace/d created\n',
    );
    expect(run('kubectl delete -f ./m --recursive').out).toBe(
      'namespace "az" deleted\nnamespace "a" deleted\nnamespace "b" deleted\nnamespace "c" deleted\nnamespace "d" deleted\n',
    );
  });

  it('a manifest error names the file inside the directory', () => {
    const { run, host } = engineSession();
    host.fs.write('bad/x.yaml', 'kind: Namespace\nmetadata:\n  name: x\n');
    expect(run('kubectl create -f bad')).toEqual({
      out: '',
      err: 'error: error validating "bad/x.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      code: 1,
    });
    host.fs.write('/tmp/m/x.yaml', 'kind: Namespace\nmetadata:\n  name: x\n');
    expect(run('kubectl apply -f /tmp/m').err).toBe(
      'error: error validating "/tmp/m/x.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    // Builder.Path: a directory with no manifest at all (the real kubectl 1.32.5, through the
    // oracle).
    expect(run('mkdir empty && kubectl create -f empty')).toEqual({
      out: '',
      err: 'error: error reading [empty]: recognized file extensions are [.json .yaml .yml]\n',
      code: 1,
    });
    expect(run('kubectl apply -f empty').err).toBe(
      'error: error reading [empty]: recognized file extensions are [.json .yaml .yml]\n',
    );
    // A manifest without objects: apply.go names its own verb.
    expect(run('touch empty/none.yaml && kubectl apply -f empty')).toEqual({
      out: '',
      err: 'error: no objects passed to apply\n',
      code: 1,
    });
  });
});

describe('< FILE', () => {
  it('feeds the file to the command as its stdin', () => {
    const { run, host } = engineSession();
    host.fs.write('blue.yaml', ns('blue'));
    expect(run('kubectl apply -f - < blue.yaml')).toEqual({
      out: 'namespace/blue created\n',
      err: '',
      code: 0,
    });
    expect(run('grep -c kind < blue.yaml').out).toBe('1\n');
    expect(run('cat < blue.yaml | head -1').out).toBe('apiVersion: v1\n');
    expect(run('kubectl apply -f - < nope.yaml')).toEqual({
      out: '',
      err: 'bash: nope.yaml: No such file or directory\n',
      code: 1,
    });
    expect(run('cat <')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `newline'\n",
      code: 2,
    });
  });
});

describe('cp, mv, touch', () => {
  it('copy and move files and directories as GNU coreutils does, with its messages', () => {
    const { run, host } = engineSession();
    host.fs.write('pod.yaml', ns('copied'));
    expect(run('cp pod.yaml pod2.yaml')).toEqual({ out: '', err: '', code: 0 });
    expect(run('cat pod2.yaml').out).toBe(ns('copied'));
    run('mkdir d');
    expect(run('cp pod.yaml pod2.yaml d').code).toBe(0);
    expect(run('ls d').out).toBe('pod.yaml  pod2.yaml\n');
    expect(run('mv pod2.yaml p3.yaml').code).toBe(0);
    expect(run('ls p3.yaml pod2.yaml').err).toBe(
      "ls: cannot access 'pod2.yaml': No such file or directory\n",
    );
    expect(run('cp nope x')).toEqual({
      out: '',
      err: "cp: cannot stat 'nope': No such file or directory\n",
      code: 1,
    });
    expect(run('cp d e').err).toBe("cp: -r not specified; omitting directory 'd'\n");
    expect(run('cp -r d e').code).toBe(0);
    expect(run('mv e f').code).toBe(0);
    expect(run('ls f').out).toBe('pod.yaml  pod2.yaml\n');
    expect(run('ls e').code).toBe(2);
    expect(run('cp pod.yaml q/x.yaml').err).toBe(
      "cp: cannot create regular file 'q/x.yaml': No such file or directory\n",
    );
    expect(run('cp a').err).toBe(
      "cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n",
    );
    expect(run('touch t.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(run('cat t.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(run('touch q/t.txt').err).toBe(
      "touch: cannot touch 'q/t.txt': No such file or directory\n",
    );
    expect(run('kubectl apply -f f').out).toBe(
      'namespace/copied created\nnamespace/copied unchanged\n',
    );
  });
});
