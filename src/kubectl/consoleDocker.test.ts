/**
 * `docker` is a command of the console's shell, as on the developer's laptop: it runs in
 * pipelines, lists and loops, its output can be redirected or substituted, its exit code is `$?`
 * (usage errors 1, an unknown flag 125, as docker 28's client), and it runs in the shell's
 * working directory. A node's shell (containerd, no docker) and a host without docker say
 * `bash: docker: command not found`.
 */
import { describe, expect, it } from 'vitest';
import { laptopDocker } from '../cli/actions.ts';
import { createCluster } from '../engine/index.ts';
import { completions } from './completions.ts';
import { hostForCluster } from './engineHost.ts';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';
import type { Workspace } from './workspace.ts';

/** What docker 28.2.2's client prints first for every `docker build` (no buildx here). */
const LEGACY_NOTICE =
  'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n' +
  '            Install the buildx component to build images with BuildKit:\n' +
  '            https://docs.docker.com/go/buildx/\n\n';

/** A session where `myweb` has been built on the laptop. */
function withMyweb() {
  const s = engineSession();
  expect(s.run('docker build -t myweb .').code).toBe(0);
  return s;
}

describe('docker in the console shell', () => {
  it('feeds a pipeline: docker images | grep, awk, wc', () => {
    const { run } = withMyweb();
    expect(run("docker images | grep myweb | awk '{print $1, $2}'")).toEqual({
      out: 'myweb latest\n',
      err: '',
      code: 0,
    });
    expect(run('docker images | grep -c myweb').out).toBe('1\n');
    // The header and one row.
    expect(run('docker images myweb | wc -l').out).toBe('2\n');
    // Nothing matches: grep's status is the pipeline's.
    expect(run('docker images | grep nosuchimage')).toEqual({ out: '', err: '', code: 1 });
  });

  it('gives && and || its exit codes: usage errors 1, an unknown flag 125', () => {
    const { run } = withMyweb();
    // As docker 28.2.2: the client's default tag and the daemon's repository line on stdout.
    expect(run('docker push nope || echo "push failed: $?"')).toEqual({
      out: 'Using default tag: latest\nThe push refers to repository [docker.io/library/nope]\npush failed: 1\n',
      err: 'An image does not exist locally with the tag: nope\n',
      code: 0,
    });
    const unknownFlag = run('docker images --bogus && echo listed || echo "status $?"');
    expect(unknownFlag.out).toBe('status 125\n');
    expect(unknownFlag.err).toContain('unknown flag: --bogus\n');
    expect(run('docker push; echo $?').out).toBe('1\n');
    expect(run('docker tag myweb learner/myweb && echo tagged')).toEqual({
      out: 'tagged\n',
      err: '',
      code: 0,
    });
    // A push Docker Hub denies (library/ is for official images) fails the list.
    const denied = run('docker push myweb && echo pushed');
    expect(denied.out).not.toContain('pushed\n');
    // The progress on stdout, the daemon's refusal alone on stderr (docker 28.2.2's push).
    expect(denied.out).toMatch(
      /^Using default tag: latest\nThe push refers to repository \[docker\.io\/library\/myweb\]\n(\w{12}: Preparing\n)+$/,
    );
    expect(denied.err).toBe('denied: requested access to the resource is denied\n');
    expect(denied.code).toBe(1);
  });

  it('sets $? on a whole docker line, as any command of the shell', () => {
    const { run } = withMyweb();
    expect(run('docker push nope').code).toBe(1);
    expect(run('echo $?').out).toBe('1\n');
    expect(run('docker images -q myweb').code).toBe(0);
    expect(run('echo $?').out).toBe('0\n');
  });

  it('writes to files with > and 2>, which cat and awk then read', () => {
    const { run } = withMyweb();
    expect(run('docker images > imgs.txt')).toEqual({ out: '', err: '', code: 0 });
    // nginx too: the build pulled its FROM image onto the laptop.
    expect(run("awk '{print $1}' imgs.txt").out).toBe('REPOSITORY\nmyweb\nnginx\n');
    expect(run('docker push nope 2> err.txt; echo "exit $?"')).toEqual({
      out: 'Using default tag: latest\nThe push refers to repository [docker.io/library/nope]\nexit 1\n',
      err: '',
      code: 0,
    });
    expect(run('cat err.txt').out).toBe('An image does not exist locally with the tag: nope\n');
    expect(run('docker push nope 2>&1 | tail -1').out).toBe(
      'An image does not exist locally with the tag: nope\n',
    );
  });

  it('runs in command substitutions, with variables, aliases, functions, loops and xargs', () => {
    const { run } = withMyweb();
    expect(run('docker tag $(docker images -q myweb) myweb:v2').code).toBe(0);
    expect(run("docker images myweb | awk 'NR>1 {print $2}' | sort").out).toBe('latest\nv2\n');
    expect(
      run("IMG=learner/web; docker tag myweb $IMG && docker images $IMG | awk 'NR>1 {print $1}'")
        .out,
    ).toBe('learner/web\n');
    expect(run('alias d=docker; d images -q myweb | wc -l').out).toBe('2\n');
    expect(
      run('img() { docker build -t "$1" . > /dev/null && echo "built $1"; }; img one; img Two'),
    ).toEqual({
      out: 'built one\n',
      err: `${LEGACY_NOTICE}${LEGACY_NOTICE}invalid argument "Two" for "-t, --tag" flag: invalid reference format: repository name (library/Two) must be lowercase\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n`,
      code: 125,
    });
    expect(
      run('for t in a b; do docker tag myweb myweb:$t; done; docker images myweb | wc -l').out,
    ).toBe('5\n');
    expect(
      run('echo learner/myweb | xargs docker tag myweb && docker images -q learner/myweb | wc -l')
        .out,
    ).toBe('1\n');
  });

  it('is /usr/bin/docker for type, which and command -v', () => {
    const { run } = engineSession();
    expect(run('type docker')).toEqual({ out: 'docker is /usr/bin/docker\n', err: '', code: 0 });
    expect(run('type -t docker').out).toBe('file\n');
    expect(run('which docker kubectl')).toEqual({
      out: '/usr/bin/docker\n/usr/bin/kubectl\n',
      err: '',
      code: 0,
    });
    expect(run('command -v docker').out).toBe('/usr/bin/docker\n');
  });

  it('runs in the working directory, and is given what a pipe or a redirection feeds it', () => {
    const cluster = createCluster({ seed: 1 });
    const calls: { args: string[]; cwd: string; stdin?: string; fs: Workspace }[] = [];
    const docker = laptopDocker(cluster);
    const host = hostForCluster(cluster, {
      docker: (args, env) => {
        calls.push({ args, ...env });
        return docker(args, env);
      },
    });
    expect(
      runLine(host, 'mkdir app; cp Dockerfile index.html app; cd app; docker build -t x .')
        .exitCode,
    ).toBe(0);
    expect(calls).toEqual([
      { args: ['build', '-t', 'x', '.'], cwd: '/home/learner/app', fs: host.fs },
    ]);
    calls.length = 0;
    runLine(host, "printf 'FROM nginx\\n' | docker build -t y -");
    runLine(
      host,
      'echo "COPY . /usr/share/nginx/html" > Dockerfile; docker build -t z - < Dockerfile',
    );
    runLine(host, 'docker build -t h - <<EOF\nFROM nginx\nEOF');
    runLine(host, 'cd; docker images -q');
    expect(calls.map(({ args, cwd, stdin }) => ({ args, cwd, stdin }))).toEqual([
      { args: ['build', '-t', 'y', '-'], cwd: '/home/learner/app', stdin: 'FROM nginx\n' },
      {
        args: ['build', '-t', 'z', '-'],
        cwd: '/home/learner/app',
        stdin: 'COPY . /usr/share/nginx/html\n',
      },
      { args: ['build', '-t', 'h', '-'], cwd: '/home/learner/app', stdin: 'FROM nginx\n' },
      { args: ['images', '-q'], cwd: '/home/learner', stdin: undefined },
    ]);
  });

  it('completes docker, its commands, and the directories docker build takes', () => {
    const { host, run } = engineSession();
    run('mkdir app apps; touch app/Dockerfile');
    expect(completions(host, 'do')).toEqual({ from: 0, items: ['docker'] });
    expect(completions(host, 'docker ').items).toEqual(['build', 'image', 'images', 'push', 'tag']);
    expect(completions(host, 'docker i').items).toEqual(['image', 'images']);
    expect(completions(host, 'docker build -t web a')).toEqual({
      from: 20,
      items: ['app/', 'apps/'],
    });
    expect(completions(host, 'docker build -f app/').items).toEqual(['app/Dockerfile']);
    expect(completions(host, 'docker build -t ').items).toEqual([]);
    // Without docker, nothing to complete.
    const plain = hostForCluster(createCluster({ seed: 1 }));
    expect(completions(plain, 'do').items).toEqual([]);
    expect(completions(plain, 'docker ').items).toEqual([]);
  });

  it('is not found without a docker (a host made without it, a node of the cluster)', () => {
    const host = hostForCluster(createCluster({ seed: 1 }));
    expect(runLine(host, 'echo hi; docker images')).toEqual({
      stdout: 'hi\n',
      stderr: 'bash: docker: command not found\n',
      exitCode: 127,
    });
    expect(runLine(host, 'which docker').exitCode).toBe(1);
    expect(runLine(host, 'type docker')).toEqual({
      stdout: '',
      stderr: 'bash: type: docker: not found\n',
      exitCode: 1,
    });
    expect(runLine(host, 'command -v docker')).toEqual({ stdout: '', stderr: '', exitCode: 1 });

    // The nodes run containerd: docker is the laptop's only.
    const { run } = withMyweb();
    expect(run('ssh node1').code).toBe(0);
    expect(run('docker images')).toEqual({
      out: '',
      err: 'bash: docker: command not found\n',
      code: 127,
    });
    expect(run('exit').code).toBe(0);
    expect(run('docker images | grep -c myweb').out).toBe('1\n');
  });
});
