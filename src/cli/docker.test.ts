/**
 * The laptop's `docker`: its help and errors against what the real docker 28.2.2 client printed
 * (testdata/docker-client.json, captured by bench/dockerClient.ts), and the simulated daemon's
 * answers (version, pull, rmi, login, logout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster, replay } from '../engine/index.ts';
import { createWorkspace, HOME_DIR } from '../kubectl/workspace.ts';
import { runAction } from './actions.ts';
import { runDocker } from './docker.ts';

interface Captured {
  args: string[];
  stdout: string;
  stderr: string;
  exit: number;
}

const CAPTURED: Captured[] = JSON.parse(
  readFileSync(join(__dirname, 'testdata', 'docker-client.json'), 'utf8'),
);

/**
 * Cases the laptop answers differently on purpose. docker build's client-side cases (its
 * argument count, flags, context and Dockerfile checks, captured in /home/learner holding the
 * starter project) are all compared; only this one needs a daemon.
 */
const NOT_COMPARED: Record<string, string> = {
  // The real client sent the context and found no daemon; the laptop's daemon builds (see
  // dockerBuild.test.ts for its output).
  'build .': 'daemon',
  // The real client could not reach a daemon; the laptop's daemon answers (compared below).
  version: 'daemon',
  info: 'daemon',
};

/**
 * `docker build -t TAG .` of the starter project with index.html holding `page`: a build is
 * content-addressed, so only a changed page makes a new image (and leaves the old one `<none>`).
 */
const buildPage = (c: ReturnType<typeof createCluster>, tag: string, page: string) => {
  const fs = createWorkspace();
  fs.write(`${HOME_DIR}/index.html`, page);
  return runDocker(c, ['build', '-t', tag, '.'], { fs });
};

/** `docker build -t learner/from .` of a directory whose Dockerfile is `dockerfile`. */
const buildFrom = (c: ReturnType<typeof createCluster>, dockerfile: string) => {
  const fs = createWorkspace();
  fs.write(`${HOME_DIR}/Dockerfile`, dockerfile);
  return runDocker(c, ['build', '-t', 'learner/from', '.'], { fs }).stdout;
};

const run = (c: ReturnType<typeof createCluster>, line: string) => {
  const r = runAction(c, line);
  if (!r) throw new Error(`not an action: ${line}`);
  return r;
};

describe('docker help and client errors, as the real docker 28.2.2 client prints them', () => {
  const compared = CAPTURED.filter((r) => !NOT_COMPARED[r.args.join(' ')]);

  it('covers most of the captured cases', () => {
    expect(compared.length).toBeGreaterThan(110);
  });

  it.each(compared.map((r) => [r.args.join(' '), r] as const))('docker %s', (_line, r) => {
    const got = runDocker(createCluster(), r.args);
    expect({ stdout: got.stdout, stderr: got.stderr, exit: got.exitCode }).toEqual({
      stdout: r.stdout,
      stderr: r.stderr,
      exit: r.exit,
    });
  });

  it('prints the legacy builder’s notice before the build’s help, as a terminal shows it', () => {
    const real = CAPTURED.find((r) => r.args.join(' ') === 'build --help') as Captured;
    const got = runDocker(createCluster(), ['build', '--help']);
    expect(got.output).toEqual([
      { err: true, text: real.stderr },
      { err: false, text: real.stdout },
    ]);
    expect(got.stderr).toMatch(/^DEPRECATED: The legacy builder is deprecated/);
  });

  it('says plainly which real commands the laptop does not model', () => {
    const c = createCluster();
    for (const line of [
      'docker run -d nginx',
      'docker ps',
      'docker help exec',
      'docker image save x',
    ]) {
      const res = run(c, line);
      expect(res.exitCode).toBe(1);
      expect(res.stderr).toMatch(/^docker: 'docker [a-z ]+' is not modelled on this laptop: /);
      expect(res.stderr).toMatch(/\n\nRun 'docker --help' for more information\n$/);
    }
  });
});

describe('docker version and info', () => {
  it('prints this client as the real binary does, then the laptop’s engine', () => {
    const real = CAPTURED.find((r) => r.args.join(' ') === 'version') as Captured;
    const got = run(createCluster(), 'docker version');
    expect(got.exitCode).toBe(0);
    expect(got.stdout.startsWith(real.stdout)).toBe(true);
    expect(got.stdout.slice(real.stdout.length)).toBe(
      [
        '',
        'Server: Docker Engine - Community',
        ' Engine:',
        '  Version:          28.2.2',
        '  API version:      1.50 (minimum version 1.24)',
        '  Go version:       go1.24.3',
        '  Git commit:       45873be',
        '  Built:            Fri May 30 12:07:14 2025',
        '  OS/Arch:          linux/amd64',
        '  Experimental:     false',
        ' containerd:',
        '  Version:          1.7.27',
        '  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da',
        ' runc:',
        '  Version:          1.2.5',
        '  GitCommit:        v1.2.5-0-g59923ef',
        ' docker-init:',
        '  Version:          0.19.0',
        '  GitCommit:        de40ad0',
        '',
      ].join('\n'),
    );
  });

  it('docker info starts with the real client section and counts the laptop’s images', () => {
    const real = CAPTURED.find((r) => r.args.join(' ') === 'info') as Captured;
    const c = createCluster();
    expect(run(c, 'docker info').stdout.startsWith(real.stdout)).toBe(true);
    expect(run(c, 'docker info').stdout).toContain('\n Images: 0\n');
    run(c, 'docker pull nginx');
    run(c, 'docker tag nginx learner/web');
    // Two names, one image.
    expect(run(c, 'docker info').stdout).toContain('\n Images: 1\n');
  });
});

describe('docker pull', () => {
  it('is the same pull as a build’s FROM: the same lines, the same laptop image', () => {
    const built = createCluster();
    const build = run(built, 'docker build -t learner/web .').stdout;
    const pulled = createCluster();
    const pull = run(pulled, 'docker pull nginx').stdout.split('\n');
    // The build prints the daemon's pull lines between its FROM step and the base's ID; docker
    // pull adds its client line before and the reference after.
    const daemonLines = pull.slice(1, -2).join('\n');
    expect(build).toContain(`Step 1/2 : FROM nginx\n${daemonLines}\n ---> `);
    expect(built.registry.localImage('nginx')).toEqual(pulled.registry.localImage('nginx'));
    // After the build's pull, docker pull finds nginx up to date, and a rebuild pulls nothing.
    expect(run(built, 'docker pull nginx').stdout).toMatch(
      /\nStatus: Image is up to date for nginx:latest\ndocker\.io\/library\/nginx:latest\n$/,
    );
    expect(run(built, 'docker build -t learner/web .').stdout).not.toContain('Pulling from');
    // Layers a pulled image holds are not downloaded again by a build's FROM either.
    const c = createCluster();
    run(c, 'docker pull nginx:1');
    const fromAlias = buildFrom(c, 'FROM nginx:mainline\n');
    expect(fromAlias).toMatch(
      /\nmainline: Pulling from library\/nginx\n([0-9a-f]{12}: Already exists\n){7}Digest: /,
    );
  });

  it('downloads an image into the laptop, then finds it up to date', () => {
    const c = createCluster();
    const first = run(c, 'docker pull nginx');
    expect(first.exitCode).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Using default tag: latest',
      'latest: Pulling from library/nginx',
    ]);
    // nginx:latest has 7 layers, none on the laptop yet.
    expect(lines.slice(2, 9).every((l) => /^[0-9a-f]{12}: Pull complete$/.test(l))).toBe(true);
    const digest = c.registry.resolve('nginx').ok
      ? (c.registry.resolve('nginx') as { image: { digest: string } }).image.digest
      : '';
    expect(lines.slice(9)).toEqual([
      `Digest: ${digest}`,
      'Status: Downloaded newer image for nginx:latest',
      'docker.io/library/nginx:latest',
      '',
    ]);
    expect(run(c, 'docker images').stdout).toMatch(
      /\nnginx {8}latest {4}[0-9a-f]{12} {3}\d+ (days|weeks) ago +192MB\n$/,
    );

    expect(run(c, 'docker pull nginx').stdout).toBe(
      [
        'Using default tag: latest',
        'latest: Pulling from library/nginx',
        `Digest: ${digest}`,
        'Status: Image is up to date for nginx:latest',
        'docker.io/library/nginx:latest',
        '',
      ].join('\n'),
    );
    // Another tag of the same manifest: the layers are already there, and it is the same image.
    const alias = run(c, 'docker pull nginx:1.29');
    expect(alias.stdout).not.toContain('Using default tag');
    expect(alias.stdout).toMatch(
      /^1\.29: Pulling from library\/nginx\n([0-9a-f]{12}: Already exists\n){7}Digest: /,
    );
    expect(alias.stdout).toMatch(
      /Status: Downloaded newer image for nginx:1\.29\ndocker\.io\/library\/nginx:1\.29\n$/,
    );
    const ids = run(c, 'docker images -q').stdout.split('\n').filter(Boolean);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    // -q: only the reference.
    expect(run(c, 'docker pull -q registry.k8s.io/pause:3.10').stdout).toBe(
      'registry.k8s.io/pause:3.10\n',
    );
  });

  it('answers for names and tags the registry does not have as the daemon does', () => {
    const c = createCluster();
    expect(run(c, 'docker pull nope')).toEqual({
      stdout: 'Using default tag: latest\n',
      stderr:
        "Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
      exitCode: 1,
    });
    expect(run(c, 'docker pull nginx:nope')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown\n',
      exitCode: 1,
    });
    expect(c.registry.localImages()).toEqual([]);
  });

  it('is a request from the laptop to the registry and back, and replays', () => {
    const c = createCluster();
    const from = c.messages.length;
    run(c, 'docker pull learner/none');
    run(c, 'docker pull busybox:1.36');
    const sent = c.messages
      .slice(from)
      .filter((m) => m.kind.startsWith('image.download'))
      .map((m) => `${m.from}>${m.to} ${m.kind} ${m.label}`);
    expect(sent).toEqual([
      'developer>registry image.download GET /v2/learner/none/manifests/latest',
      'registry>developer image.downloaded error',
      'developer>registry image.download GET /v2/library/busybox/manifests/1.36',
      `registry>developer image.downloaded ${c.registry.localImage('busybox:1.36')?.digest}`,
    ]);
    const again = replay(c.inputs);
    expect(again.registry.localImages()).toEqual(c.registry.localImages());
  });
});

describe('docker images --filter', () => {
  it('keeps the dangling images, or the names a reference pattern matches', () => {
    const c = createCluster();
    const old = run(c, 'docker build -t learner/web:1 .').stdout.match(/built (\w+)/)?.[1];
    const now = buildPage(c, 'learner/web:1', '<h1>v2</h1>\n').stdout.match(/built (\w+)/)?.[1];
    expect(now).not.toBe(old);
    run(c, 'docker pull busybox');
    const busybox = run(c, 'docker images -q busybox').stdout.trim();
    const nginx = run(c, 'docker images -q nginx').stdout.trim();
    expect(run(c, 'docker images -q -f dangling=true').stdout).toBe(`${old}\n`);
    // Newest first: the build, then nginx (its FROM pulled it), published after busybox.
    expect(run(c, 'docker images -q --filter=dangling=false').stdout).toBe(
      `${now}\n${nginx}\n${busybox}\n`,
    );
    expect(run(c, "docker images -q -f 'reference=learner/*'").stdout).toBe(`${now}\n`);
    expect(run(c, "docker images -q -f 'reference=busy*:latest' -f reference=nope").stdout).toBe(
      `${busybox}\n`,
    );
    expect(run(c, 'docker images -f dangling=maybe').stderr).toBe(
      "Error response from daemon: invalid filter 'dangling=maybe'\n",
    );
    expect(run(c, 'docker images -f color=red').stderr).toBe(
      "Error response from daemon: invalid filter 'color'\n",
    );
  });
});

describe('docker images --format', () => {
  it('prints a Go template per image, a table with its headers, or JSON', () => {
    const c = createCluster();
    run(c, 'docker pull busybox');
    run(c, 'docker tag busybox learner/box:1');
    const id = run(c, 'docker images -q busybox').stdout.trim();
    expect(run(c, "docker images --format '{{.Repository}}:{{.Tag}}'").stdout).toBe(
      'busybox:latest\nlearner/box:1\n',
    );
    expect(run(c, "docker images --format 'table {{.Repository}}\\t{{.ID}}'").stdout).toBe(
      `REPOSITORY    IMAGE ID\nbusybox       ${id}\nlearner/box   ${id}\n`,
    );
    expect(run(c, 'docker images --format table').stdout).toBe(run(c, 'docker images').stdout);
    const json = run(c, 'docker images --format json learner/box').stdout;
    expect(JSON.parse(json)).toMatchObject({ Repository: 'learner/box', Tag: '1', ID: id });
    expect(json).toContain('"Digest":"\\u003cnone\\u003e"');
    expect(run(c, "docker images --format '{{json .}}' learner/box").stdout).toBe(json);
    expect(run(c, "docker images --format '{{.Name}}'")).toEqual({
      stdout: '',
      stderr:
        'template: :1:2: executing "" at <.Name>: can\'t evaluate field Name in type *formatter.imageContext\n',
      exitCode: 1,
    });
    expect(run(c, "docker images --format '{{.ID'").stderr).toBe(
      'template parsing error: template: :1: unclosed action\n',
    );
  });
});

describe('docker push', () => {
  it('names the repository before refusing an image the laptop does not have; -q prints less', () => {
    const c = createCluster();
    expect(run(c, 'docker push learner/ghost:2')).toEqual({
      stdout: 'The push refers to repository [docker.io/learner/ghost]\n',
      stderr: 'An image does not exist locally with the tag: learner/ghost\n',
      exitCode: 1,
    });
    run(c, 'docker pull alpine');
    run(c, 'docker tag alpine learner/ghost:1');
    expect(run(c, 'docker push learner/ghost:2').stderr).toBe(
      'tag does not exist: learner/ghost:2\n',
    );
    expect(run(c, 'docker push -q learner/nothing')).toEqual({
      stdout: '',
      stderr: 'An image does not exist locally with the tag: learner/nothing\n',
      exitCode: 1,
    });
    run(c, 'docker pull busybox');
    run(c, 'docker tag busybox learner/box');
    expect(run(c, 'docker push -q learner/box')).toEqual({
      stdout: 'docker.io/learner/box:latest\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(c, 'docker push --quiet busybox').stderr).toBe(
      'denied: requested access to the resource is denied\n',
    );
    expect(run(c, 'docker push -a learner/box:1').stderr).toBe(
      "tag can't be used with --all-tags/-a\n",
    );
    // -a: every tag of the repository, in order, under one header.
    run(c, 'docker tag busybox learner/box:1.37');
    const all = run(c, 'docker push -a learner/box');
    expect(all.exitCode).toBe(0);
    expect(all.stdout).toMatch(
      /^The push refers to repository \[docker\.io\/learner\/box\]\n[0-9a-f]{12}: [A-Z][a-z ]+.*\n1\.37: digest: sha256:[0-9a-f]{64} size: \d+\n[0-9a-f]{12}: .*\nlatest: digest: sha256:[0-9a-f]{64} size: \d+\n$/,
    );
    expect(run(c, 'docker push -a -q learner/box').stdout).toBe('docker.io/learner/box\n');
    expect(c.registry.resolve('learner/box:1.37').ok).toBe(true);
  });
});

describe('docker rmi', () => {
  it('untags a name that shares its image, deletes the image with its last name', () => {
    const c = createCluster();
    run(c, 'docker pull busybox');
    run(c, 'docker tag busybox learner/box');
    const id = run(c, 'docker images -q busybox').stdout.trim();
    expect(run(c, 'docker rmi busybox')).toEqual({
      stdout: 'Untagged: busybox:latest\n',
      stderr: '',
      exitCode: 0,
    });
    const gone = run(c, 'docker image rm learner/box');
    expect(gone.exitCode).toBe(0);
    expect(gone.stdout).toMatch(
      new RegExp(
        `^Untagged: learner/box:latest\\nDeleted: sha256:${id}[0-9a-f]{52}\\nDeleted: sha256:[0-9a-f]{64}\\n$`,
      ),
    );
    expect(run(c, 'docker images -q').stdout).toBe('');
    // The whole ID is the one docker images --no-trunc shows.
    run(c, 'docker pull busybox');
    const full = run(c, 'docker images --no-trunc -q').stdout.trim();
    expect(run(c, 'docker rmi busybox').stdout).toContain(`\nDeleted: ${full}\n`);
  });

  it('keeps the base of an image built on the laptop: untagged by name, refused by ID', () => {
    const c = createCluster();
    run(c, 'docker build -t learner/web .');
    const nginx = run(c, 'docker images -q nginx').stdout.trim();
    // learner/web was built FROM nginx: its name goes, the image stays under the build.
    const untagged = run(c, 'docker rmi nginx');
    expect(untagged.stdout).toMatch(
      /^Untagged: nginx:latest\nUntagged: nginx@sha256:[0-9a-f]{64}\n$/,
    );
    expect(run(c, 'docker images --format {{.Repository}}').stdout).toBe('learner/web\n');
    expect(run(c, 'docker images -q -f dangling=true').stdout).toBe('');
    run(c, 'docker pull nginx');
    expect(run(c, `docker rmi ${nginx}`)).toEqual({
      stdout: '',
      stderr: `Error response from daemon: conflict: unable to delete ${nginx} (cannot be forced) - image has dependent child images\n`,
      exitCode: 1,
    });
    // With the build gone, nothing depends on nginx: it is deleted with its last name.
    run(c, 'docker rmi learner/web');
    expect(run(c, 'docker rmi nginx').stdout).toContain(`\nDeleted: sha256:${nginx}`);
  });

  it('refuses a missing image and an ID named in several repositories unless forced', () => {
    const c = createCluster();
    run(c, 'docker pull busybox');
    run(c, 'docker tag busybox learner/box:1');
    const id = run(c, 'docker images -q busybox').stdout.trim();
    expect(run(c, `docker rmi ghost ${id}`)).toEqual({
      stdout: '',
      stderr: `Error response from daemon: No such image: ghost:latest\nError response from daemon: conflict: unable to delete ${id} (must be forced) - image is referenced in multiple repositories\n`,
      exitCode: 1,
    });
    const forced = run(c, `docker rmi -f ${id}`);
    expect(forced.stdout).toMatch(
      /^Untagged: busybox:latest\nUntagged: learner\/box:1\nUntagged: busybox@sha256:[0-9a-f]{64}\nDeleted: sha256:/,
    );
    expect(c.registry.localImages()).toEqual([]);
    expect(replay(c.inputs).registry.localImages()).toEqual([]);
  });
});

describe('docker image prune', () => {
  it('asks first, then removes the dangling images (with -a every image)', () => {
    const c = createCluster();
    const old = run(c, 'docker build -t learner/web .').stdout.match(/built (\w+)/)?.[1];
    buildPage(c, 'learner/web', '<h1>v2</h1>\n');
    const warning =
      'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ';
    // No answer (Enter): nothing happens.
    expect(run(c, 'docker image prune')).toEqual({
      stdout: `${warning}\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(runDocker(c, ['image', 'prune'], { stdin: 'n\n' }).stdout).toBe(warning);
    expect(c.registry.danglingImages()).toHaveLength(1);
    // y: the old build goes, with its own layer (the nginx layers are still used).
    const pruned = runDocker(c, ['image', 'prune'], { stdin: 'y\n' });
    expect(pruned.stdout).toMatch(
      new RegExp(
        `^${warning.replace(/[?[\]]/g, '\\$&')}Deleted Images:\ndeleted: sha256:${old}[0-9a-f]{52}\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: \\d+(\\.\\d+)?kB\n$`,
      ),
    );
    expect(run(c, 'docker image prune -f').stdout).toBe('Total reclaimed space: 0B\n');
    run(c, 'docker pull busybox');
    const all = run(c, 'docker image prune -a -f').stdout;
    // Children first, as the daemon deletes them: the image built on nginx, then nginx with
    // its seven layers, then busybox; each image's names just before it.
    const id = '[0-9a-f]{64}';
    expect(all).toMatch(
      new RegExp(
        `^Deleted Images:\nuntagged: learner/web:latest\ndeleted: sha256:${id}\ndeleted: sha256:${id}\nuntagged: nginx:latest\nuntagged: nginx@sha256:${id}\n(deleted: sha256:${id}\n){8}untagged: busybox:latest\nuntagged: busybox@sha256:${id}\n(deleted: sha256:${id}\n){2}\n`,
      ),
    );
    expect(all).toMatch(/\n\nTotal reclaimed space: 197\.\dMB\n$/);
    expect(c.registry.localImages()).toEqual([]);
    expect(replay(c.inputs).registry.localImages()).toEqual([]);
  });
});

describe('docker login and logout', () => {
  it('is signed in to Docker Hub as learner; signed out, Docker Hub refuses the learner’s push', () => {
    const c = createCluster();
    const login = run(c, 'docker login');
    expect(login.output).toEqual([
      {
        err: true,
        text: "Authenticating with existing credentials... [Username: learner]\n\ni Info → To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n",
      },
      { err: false, text: 'Login Succeeded\n' },
    ]);
    run(c, 'docker build -t learner/web .');
    expect(run(c, 'docker logout')).toEqual({
      stdout: 'Removing login credentials for https://index.docker.io/v1/\n',
      stderr: '',
      exitCode: 0,
    });
    const denied = run(c, 'docker push learner/web');
    expect(denied.exitCode).toBe(1);
    expect(denied.stdout).toMatch(
      /^Using default tag: latest\nThe push refers to repository \[docker\.io\/learner\/web\]\n([0-9a-f]{12}: Preparing\n)+$/,
    );
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    expect(c.registry.resolve('learner/web').ok).toBe(false);
    // A replay of the inputs is signed out too.
    expect(replay(c.inputs).registry.signedIn).toBe(false);

    // Another account's password is not known here; the learner's is.
    expect(run(c, 'docker login -u bob -p secret')).toEqual({
      stdout: '',
      stderr:
        'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n',
      exitCode: 1,
    });
    expect(runDocker(c, ['login', '-u', 'learner', '--password-stdin'], { stdin: 'pw\n' })).toEqual(
      {
        stdout: 'Login Succeeded\n',
        stderr: '',
        exitCode: 0,
        output: [{ err: false, text: 'Login Succeeded\n' }],
      },
    );
    expect(run(c, 'docker push learner/web').exitCode).toBe(0);
    expect(c.registry.resolve('learner/web').ok).toBe(true);
  });

  it('checks its flags as the client does', () => {
    const c = createCluster();
    expect(run(c, 'docker login -u learner -p x --password-stdin').stderr).toBe(
      'conflicting options: cannot specify both --password and --password-stdin\n',
    );
    expect(run(c, "docker login -u ''").stderr).toBe('username is empty\n');
    expect(run(c, 'docker login quay.io').stderr).toBe(
      'docker: this laptop signs in to Docker Hub only; quay.io is not modelled\n',
    );
    expect(run(c, 'docker logout quay.io').stdout).toBe('Removing login credentials for quay.io\n');
    expect(c.registry.signedIn).toBe(true);
  });
});
