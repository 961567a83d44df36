/**
 * GNU ls in the learner's terminal (audit 16 G6, G7): -R walks the tree in `DIR:` blocks, -l
 * has the date column, -a shows . and .., names fill columns on the terminal and go one a line
 * into a pipe.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('ls -R', () => {
  it('lists every directory under the operand in its own block, depth first', () => {
    const { run } = engineSession(3);
    run('mkdir -p manifests/sub/deeper manifests/z');
    run('echo a > manifests/a.yaml; echo b > manifests/sub/b.yaml; echo c > manifests/z/c.yaml');
    expect(run('ls -R manifests')).toEqual({
      out: 'manifests:\na.yaml  sub  z\n\nmanifests/sub:\nb.yaml  deeper\n\nmanifests/sub/deeper:\n\nmanifests/z:\nc.yaml\n',
      err: '',
      code: 0,
    });
    // No operand: the working directory is `.`, its subdirectories `./sub`.
    run('cd manifests/sub');
    expect(run('ls -R').out).toBe('.:\nb.yaml  deeper\n\n./deeper:\n');
    expect(run('ls -R ../z nope')).toEqual({
      out: '../z:\nc.yaml\n',
      err: "ls: cannot access 'nope': No such file or directory\n",
      code: 2,
    });
  });
});

describe('ls -l', () => {
  it('prints the modification time, columns aligned as GNU aligns them', () => {
    const { run } = engineSession(3);
    run('mkdir app');
    run('kubectl create deploy a --image=nginx --dry-run=client -o yaml > app/a.yaml');
    run('sleep 90m');
    run('echo hi > app/b.txt');
    expect(run('ls -l app').out).toBe(
      'total 8\n' +
        '-rw-r--r-- 1 learner learner 368 Jan  6 00:00 a.yaml\n' +
        '-rw-r--r-- 1 learner learner   3 Jan  6 01:30 b.txt\n',
    );
    // -t: newest first; -h: sizes as ls -h prints them.
    expect(
      run('ls -lt app')
        .out.split('\n')
        .slice(1, 3)
        .map((l) => l.split(' ').pop()),
    ).toEqual(['b.txt', 'a.yaml']);
    expect(run('ls -lh app/a.yaml').out).toBe(
      '-rw-r--r-- 1 learner learner 368 Jan  6 00:00 app/a.yaml\n',
    );
  });

  it('-la shows . and .., and directories with their link counts and owners', () => {
    const { run } = engineSession(3);
    run('mkdir -p d/one d/two');
    run('sleep 1m');
    run('echo x > d/f');
    expect(run('ls -la d').out).toBe(
      'total 20\n' +
        'drwxr-xr-x 4 learner learner 4096 Jan  6 00:01 .\n' +
        'drwxr-xr-x 3 learner learner 4096 Jan  6 00:00 ..\n' +
        '-rw-r--r-- 1 learner learner    2 Jan  6 00:01 f\n' +
        'drwxr-xr-x 2 learner learner 4096 Jan  6 00:00 one\n' +
        'drwxr-xr-x 2 learner learner 4096 Jan  6 00:00 two\n',
    );
    // The machine's own directories: root's, but /root (left to the learner); /tmp is sticky.
    expect(run('ls -ld /tmp /root /etc').out).toBe(
      'drwxr-xr-x 2 root    root    4096 Jan  6 00:00 /etc\n' +
        'drwx------ 2 learner learner 4096 Jan  6 00:00 /root\n' +
        'drwxrwxrwt 2 root    root    4096 Jan  6 00:00 /tmp\n',
    );
  });
});

describe('ls output', () => {
  it('fills 80 columns on the terminal, one name a line into a pipe or a file', () => {
    const { run } = engineSession(3);
    run('mkdir many && cd many');
    for (let i = 1; i <= 12; i++) run(`touch deployment-${String(i).padStart(2, '0')}.yaml`);
    expect(run('ls').out).toBe(
      'deployment-01.yaml  deployment-04.yaml  deployment-07.yaml  deployment-10.yaml\n' +
        'deployment-02.yaml  deployment-05.yaml  deployment-08.yaml  deployment-11.yaml\n' +
        'deployment-03.yaml  deployment-06.yaml  deployment-09.yaml  deployment-12.yaml\n',
    );
    expect(run('ls | wc -l').out).toBe('12\n');
    run('ls > ../list.txt');
    expect(run('head -2 ../list.txt').out).toBe('deployment-01.yaml\ndeployment-02.yaml\n');
  });

  it('hides dotfiles unless -a or -A; an unknown option is refused as GNU words it', () => {
    const { run } = engineSession(3);
    run('echo x > .hidden');
    expect(run('ls').out).toBe('Dockerfile  index.html  nginx.yaml\n');
    expect(run('ls -A').out).toBe('.hidden  Dockerfile  index.html  nginx.yaml\n');
    expect(run('ls -a').out).toBe('.  ..  .hidden  Dockerfile  index.html  nginx.yaml\n');
    expect(run('echo *').out).toBe('Dockerfile index.html nginx.yaml\n');
    expect(run('ls -z')).toEqual({
      out: '',
      err: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n",
      code: 2,
    });
  });
});
