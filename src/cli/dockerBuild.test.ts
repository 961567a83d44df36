/**
 * `docker build` as docker 28.2.2's client prints it without buildx (the legacy builder): the
 * deprecation notice, the context upload, the classic builder's steps and cache, its errors.
 * Client-side texts were checked against /usr/local/bin/docker 28.2.2; the daemon's against
 * moby's and BuildKit's sources and real build logs (see the findings of session 22, h2).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { tarSize } from '../engine/registry/index.ts';
import { createWorkspace, HOME_DIR } from '../kubectl/workspace.ts';
import { runAction } from './actions.ts';
import { runDocker } from './docker.ts';
import { LEGACY_BUILDER_NOTICE } from './dockerBuild.ts';

function lab() {
  const cluster = createCluster();
  const fs = createWorkspace();
  const docker = (line: string, cwd?: string, stdin?: string) =>
    runDocker(cluster, line.split(' ').slice(1), {
      fs,
      ...(cwd ? { cwd } : {}),
      ...(stdin !== undefined ? { stdin } : {}),
    });
  return { cluster, fs, docker };
}

/** The nginx:latest pull a first `FROM nginx` prints, from the registry's manifest. */
function nginxPull(cluster: ReturnType<typeof createCluster>): string {
  const res = cluster.registry.resolve('nginx');
  if (!res.ok) throw new Error('no nginx');
  return [
    'latest: Pulling from library/nginx',
    ...res.image.layers.map((l) => `${l.digest.slice(7, 19)}: Pull complete`),
    `Digest: ${res.image.digest}`,
    'Status: Downloaded newer image for nginx:latest',
  ].join('\n');
}

describe('docker build of the starter project', () => {
  it('prints the notice, the context, each step and the image, and stores the image', () => {
    const { cluster, docker } = lab();
    const res = docker('docker build -t learner/myweb .');
    const img = cluster.registry.localImage('learner/myweb');
    const base = cluster.registry.localImage('nginx');
    expect(img && base).toBeTruthy();
    if (!img || !base) return;
    expect(res.exitCode).toBe(0);
    expect(res.stderr).toBe(LEGACY_BUILDER_NOTICE);
    // Dockerfile, index.html and nginx.yaml: three 512-byte headers and blocks, 1 KiB end.
    expect(res.stdout).toBe(
      [
        'Sending build context to Docker daemon  4.096kB',
        'Step 1/2 : FROM nginx',
        nginxPull(cluster),
        ` ---> ${base.id}`,
        'Step 2/2 : COPY index.html /usr/share/nginx/html/index.html',
        ` ---> ${img.id}`,
        `Successfully built ${img.id}`,
        'Successfully tagged learner/myweb:latest',
        '',
      ].join('\n'),
    );
    // The notice comes first, on stderr.
    expect(res.output?.[0]).toEqual({ err: true, text: LEGACY_BUILDER_NOTICE });
    // The image: nginx's layers and one for the copied page (its tar), no config of its own.
    expect(img.layers.slice(0, -1)).toEqual(base.layers);
    expect(img.layers.at(-1)?.sizeBytes).toBe(2048);
    expect(img.sizeBytes).toBe(base.sizeBytes + 2048);
    expect(img.config).toEqual({});
  });

  it('builds from the cache the second time: the same steps, the same image', () => {
    const { cluster, docker } = lab();
    const first = docker('docker build -t learner/myweb .');
    const id = cluster.registry.localImage('learner/myweb')?.id;
    const base = cluster.registry.localImage('nginx')?.id;
    expect(first.stdout).toContain('Pull complete');
    expect(docker('docker build -t learner/myweb .').stdout).toBe(
      [
        'Sending build context to Docker daemon  4.096kB',
        'Step 1/2 : FROM nginx',
        ` ---> ${base}`,
        'Step 2/2 : COPY index.html /usr/share/nginx/html/index.html',
        ' ---> Using cache',
        ` ---> ${id}`,
        `Successfully built ${id}`,
        'Successfully tagged learner/myweb:latest',
        '',
      ].join('\n'),
    );
    expect(runAction(cluster, 'docker images -q')?.stdout).toBe(`${id}\n${base}\n`);
  });

  it('makes a new image when the page changes; the old one loses its name', () => {
    const { cluster, fs, docker } = lab();
    docker('docker build -t learner/myweb .');
    const old = cluster.registry.localImage('learner/myweb')?.id;
    fs.write(`${HOME_DIR}/index.html`, '<h1>Version 2</h1>\n');
    const out = docker('docker build -t learner/myweb .').stdout;
    const id = cluster.registry.localImage('learner/myweb')?.id;
    expect(id).not.toBe(old);
    expect(out).toMatch(
      new RegExp(`Step 2/2 : COPY index.html /usr/share/nginx/html/index.html\n ---> ${id}\n`),
    );
    expect(cluster.registry.danglingImages().map((i) => i.id)).toEqual([old]);
  });

  it('-q prints only the image ID, in full', () => {
    const { cluster, docker } = lab();
    const res = docker('docker build -q -t web .');
    const img = cluster.registry.localImage('web');
    expect(res.stdout).toBe(`sha256:${img?.fullId}\n`);
    expect(res.stdout).toMatch(new RegExp(`^sha256:${img?.id}[0-9a-f]{52}\n$`));
    expect(res.stderr).toBe(LEGACY_BUILDER_NOTICE);
  });

  it('without -t builds an image without a name, <none> in docker images', () => {
    const { cluster, docker } = lab();
    const res = docker('docker build .');
    const id = cluster.registry.danglingImages()[0]?.id;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(res.stdout).toMatch(new RegExp(`\n ---> ${id}\nSuccessfully built ${id}\n$`));
    expect(runAction(cluster, 'docker images')?.stdout.split('\n')[1]).toMatch(
      new RegExp(`^<none> +<none> +${id} `),
    );
    // Tagged later, the same build is that image, named.
    docker('docker build -t learner/web:1 -t learner/web:2 .');
    expect(cluster.registry.localImage('learner/web:2')?.id).toBe(id);
    expect(cluster.registry.danglingImages()).toEqual([]);
  });

  it('builds the starter project for the guided story, which has no files', () => {
    const cluster = createCluster();
    const res = runAction(cluster, 'docker build -t nginx .');
    expect(res?.stdout).toMatch(
      /\nStep 2\/2 : COPY index\.html \/usr\/share\/nginx\/html\/index\.html\n/,
    );
    expect(res?.stdout).toMatch(/\nSuccessfully tagged nginx:latest\n$/);
  });
});

describe('docker build of a Dockerfile the learner writes', () => {
  const DOCKERFILE = `# syntax=docker/dockerfile:1
ARG BASE=busybox:1.28
FROM \${BASE} AS build
run echo hello > /out.txt
FROM nginx:1.27
LABEL org.opencontainers.image.title="My web" \\
      version=2
ENV PORT=8080 GREETING="hi there"
WORKDIR /usr/share/nginx/html
COPY --from=build /out.txt ./
COPY ["index.html", "./"]
EXPOSE 8080 9090/udp
USER nginx
CMD ["nginx", "-g", "daemon off;"]
`;

  it('runs each instruction as a step, metadata ones in a container, and keeps the config', () => {
    const { cluster, fs, docker } = lab();
    fs.mkdir('app');
    fs.write('app/Dockerfile', DOCKERFILE);
    fs.write('app/index.html', '<h1>app</h1>\n');
    const res = docker('docker build -t learner/app:2 app');
    expect(res.exitCode).toBe(0);
    const lines = res.stdout.split('\n');
    // Meta ARGs are steps without output; continuation lines are joined as written.
    expect(lines.filter((l) => l.startsWith('Step '))).toEqual([
      'Step 1/12 : ARG BASE=busybox:1.28',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${BASE}
      'Step 2/12 : FROM ${BASE} AS build',
      'Step 3/12 : run echo hello > /out.txt',
      'Step 4/12 : FROM nginx:1.27',
      'Step 5/12 : LABEL org.opencontainers.image.title="My web"       version=2',
      'Step 6/12 : ENV PORT=8080 GREETING="hi there"',
      'Step 7/12 : WORKDIR /usr/share/nginx/html',
      'Step 8/12 : COPY --from=build /out.txt ./',
      'Step 9/12 : COPY ["index.html", "./"]',
      'Step 10/12 : EXPOSE 8080 9090/udp',
      'Step 11/12 : USER nginx',
      'Step 12/12 : CMD ["nginx", "-g", "daemon off;"]',
    ]);
    expect(lines[0]).toBe('Sending build context to Docker daemon  3.072kB');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${BASE}
    expect(lines[2]).toBe('Step 2/12 : FROM ${BASE} AS build');
    expect(lines[3]).toBe('1.28: Pulling from library/busybox');
    // A metadata step: a container runs, is removed, its commit is the step's image.
    const env = lines.indexOf('Step 6/12 : ENV PORT=8080 GREETING="hi there"');
    const container = lines[env + 1]?.slice(' ---> Running in '.length);
    expect(container).toMatch(/^[0-9a-f]{12}$/);
    expect(lines.slice(env + 1, env + 4)).toEqual([
      ` ---> Running in ${container}`,
      ` ---> Removed intermediate container ${container}`,
      expect.stringMatching(/^ ---> [0-9a-f]{12}$/),
    ]);
    // COPY commits without a container.
    const copy = lines.indexOf('Step 9/12 : COPY ["index.html", "./"]');
    expect(lines[copy + 1]).toMatch(/^ ---> [0-9a-f]{12}$/);
    expect(lines[copy + 2]).toBe('Step 10/12 : EXPOSE 8080 9090/udp');
    const img = cluster.registry.localImage('learner/app:2');
    const base = cluster.registry.localImage('nginx:1.27');
    expect(img?.config).toEqual({
      Labels: { 'org.opencontainers.image.title': 'My web', version: '2' },
      Env: ['PORT=8080', 'GREETING=hi there'],
      WorkingDir: '/usr/share/nginx/html',
      ExposedPorts: ['8080/tcp', '9090/udp'],
      User: 'nginx',
      Cmd: ['nginx', '-g', 'daemon off;'],
    });
    // The final stage's base and its two COPY layers; the build stage's RUN is not in it.
    expect(img?.layers.length).toBe((base?.layers.length ?? 0) + 2);
    expect(img?.layers.at(-1)?.sizeBytes).toBe(tarSize(['<h1>app</h1>\n']));
    expect(cluster.registry.localImage('busybox:1.28')).toBeTruthy();
  });

  it('takes --build-arg for ARG, warns of unused ones, and -f names the Dockerfile', () => {
    const { cluster, fs, docker } = lab();
    fs.write(
      '/tmp/web.Dockerfile',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${TAG}
      'ARG TAG=1.27\nFROM nginx:${TAG}\nCOPY index.html /usr/share/nginx/html/\n',
    );
    const res = docker(
      'docker build -f /tmp/web.Dockerfile --build-arg TAG=1.28 --build-arg X=1 -t web .',
    );
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(
      /\nStep 2\/3 : FROM nginx:\$\{TAG\}\n1\.28: Pulling from library\/nginx\n/,
    );
    expect(res.stdout).toMatch(
      /\n\[Warning\] One or more build-args \[X\] were not consumed\nSuccessfully built [0-9a-f]{12}\nSuccessfully tagged web:latest\n$/,
    );
    expect(cluster.registry.localImage('nginx:1.28')).toBeTruthy();
    // A Dockerfile outside the context is sent with it: four files now.
    expect(res.stdout.split('\n')[0]).toBe('Sending build context to Docker daemon   5.12kB');
  });

  it('--no-cache runs every step again: new containers, a new image', () => {
    const { cluster, docker } = lab();
    docker('docker build -t web .');
    const id = cluster.registry.localImage('web')?.id;
    const res = docker('docker build --no-cache -t web .');
    expect(res.stdout).not.toContain('Using cache');
    expect(cluster.registry.localImage('web')?.id).not.toBe(id);
  });

  it('reads a Dockerfile from stdin with -f -', () => {
    const { cluster, docker } = lab();
    const res = docker('docker build -t piped -f - .', undefined, 'FROM nginx\nEXPOSE 80\n');
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/\nStep 2\/2 : EXPOSE 80\n ---> Running in [0-9a-f]{12}\n/);
    expect(cluster.registry.localImage('piped')?.config).toEqual({ ExposedPorts: ['80/tcp'] });
    // `-` as the context: the Dockerfile alone (in a tar of its own), no files to COPY.
    const alone = docker('docker build -t alone -', undefined, 'FROM nginx\nCOPY index.html /\n');
    expect(alone.stdout).toMatch(/^Sending build context to Docker daemon {2}2\.048kB\n/);
    expect(alone.stderr).toMatch(
      /\nCOPY failed: file not found in build context or excluded by \.dockerignore: stat index\.html: file does not exist\n$/,
    );
    expect(docker('docker build -f - -', undefined, 'FROM nginx\n')).toMatchObject({
      stderr: `${LEGACY_BUILDER_NOTICE}invalid argument: can't use stdin for both build context and dockerfile\n`,
      exitCode: 1,
    });
  });
});

describe('docker build errors', () => {
  const notice = LEGACY_BUILDER_NOTICE;
  const context = 'Sending build context to Docker daemon  4.096kB\n';

  it('a missing or non-directory context, a missing Dockerfile (client, before any upload)', () => {
    const { docker } = lab();
    expect(docker('docker build -t x ./nope')).toMatchObject({
      stdout: '',
      stderr: `${notice}unable to prepare context: path "./nope" not found\n`,
      exitCode: 1,
    });
    expect(docker('docker build nginx.yaml').stderr).toBe(
      `${notice}unable to prepare context: context must be a directory: /home/learner/nginx.yaml\n`,
    );
    expect(docker('docker build -t x .', '/tmp').stderr).toBe(
      `${notice}unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /tmp/Dockerfile: no such file or directory\n`,
    );
    expect(docker('docker build -f other .').stderr).toBe(
      `${notice}unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /home/learner/other: no such file or directory\n`,
    );
  });

  it('flag and argument errors as the client prints them (exit 125 for flags)', () => {
    const { docker } = lab();
    const usage = `\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n`;
    expect(docker('docker build -t Web .')).toMatchObject({
      stderr: `${notice}invalid argument "Web" for "-t, --tag" flag: invalid reference format: repository name (library/Web) must be lowercase\n${usage}`,
      exitCode: 125,
    });
    expect(docker('docker build -t x:Y:z .').stderr).toBe(
      `${notice}invalid argument "x:Y:z" for "-t, --tag" flag: invalid reference format\n${usage}`,
    );
    expect(docker('docker build --foo .')).toMatchObject({
      stderr: `${notice}unknown flag: --foo\n${usage}`,
      exitCode: 125,
    });
    expect(docker('docker build -t').stderr).toBe(
      `${notice}flag needs an argument: 't' in -t\n${usage}`,
    );
    expect(docker('docker build --file').stderr).toBe(
      `${notice}flag needs an argument: --file\n${usage}`,
    );
    expect(docker('docker build')).toMatchObject({
      stderr: `${notice}docker: 'docker build' requires 1 argument\n${usage}`,
      exitCode: 1,
    });
  });

  it('an unknown instruction: the daemon refuses the Dockerfile before any step', () => {
    const { cluster, fs, docker } = lab();
    fs.write('Dockerfile', '# typo\nFORM nginx\n');
    expect(docker('docker build -t x .')).toMatchObject({
      stdout: context,
      stderr: `${notice}Error response from daemon: dockerfile parse error on line 2: unknown instruction: FORM (did you mean FROM?)\n`,
      exitCode: 1,
    });
    fs.write('Dockerfile', 'from nginx\ncopyy index.html /\n');
    expect(docker('docker build .').stderr).toBe(
      `${notice}Error response from daemon: dockerfile parse error on line 2: unknown instruction: copyy (did you mean copy?)\n`,
    );
    fs.write('Dockerfile', 'FROM nginx\nXYZZY\n');
    expect(docker('docker build .').stderr).toBe(
      `${notice}Error response from daemon: dockerfile parse error on line 2: unknown instruction: XYZZY\n`,
    );
    expect(cluster.registry.localImages()).toEqual([]);
  });

  it('no FROM, an empty Dockerfile, bad arguments', () => {
    const { fs, docker } = lab();
    fs.write('Dockerfile', 'RUN echo hi\n');
    expect(docker('docker build .').stderr).toBe(
      `${notice}Error response from daemon: no build stage in current context\n`,
    );
    fs.write('Dockerfile', '');
    expect(docker('docker build .').stderr).toBe(
      `${notice}Error response from daemon: the Dockerfile (Dockerfile) cannot be empty\n`,
    );
    fs.write('Dockerfile', 'FROM nginx AS\n');
    expect(docker('docker build .').stderr).toBe(
      `${notice}Error response from daemon: dockerfile parse error on line 1: FROM requires either one or three arguments\n`,
    );
    fs.write('Dockerfile', 'FROM nginx\nCOPY index.html\n');
    expect(docker('docker build .').stderr).toBe(
      `${notice}Error response from daemon: dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined\n`,
    );
  });

  it('a COPY source missing from the context: the steps before it ran', () => {
    const { cluster, fs, docker } = lab();
    fs.write('Dockerfile', 'FROM nginx\nCOPY index.htm /usr/share/nginx/html/\n');
    const res = docker('docker build -t x .');
    expect(res).toMatchObject({
      stderr: `${notice}COPY failed: file not found in build context or excluded by .dockerignore: stat index.htm: file does not exist\n`,
      exitCode: 1,
    });
    expect(res.stdout).toMatch(/\nStep 2\/2 : COPY index\.htm \/usr\/share\/nginx\/html\/\n$/);
    // Excluded by .dockerignore is the same error.
    fs.write('Dockerfile', 'FROM nginx\nCOPY index.html /usr/share/nginx/html/\n');
    fs.write('.dockerignore', '*.html\n');
    expect(docker('docker build -t x .').stderr).toBe(
      `${notice}COPY failed: file not found in build context or excluded by .dockerignore: stat index.html: file does not exist\n`,
    );
    expect(cluster.registry.localImage('x')).toBeUndefined();
  });

  it('FROM an image the registry lacks: pull access denied, or manifest unknown for a tag', () => {
    const { fs, docker } = lab();
    fs.write('Dockerfile', 'FROM nope\n');
    expect(docker('docker build .')).toMatchObject({
      stdout: `${context}Step 1/1 : FROM nope\n`,
      stderr: `${notice}pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`,
      exitCode: 1,
    });
    fs.write('Dockerfile', 'FROM nginx:nope\n');
    expect(docker('docker build .').stderr).toBe(
      `${notice}manifest for nginx:nope not found: manifest unknown: manifest unknown\n`,
    );
    // Quiet, the client keeps the upload's progress and the steps, and prints them to stderr
    // with the error (docker/cli's runBuild; the daemon flushes the steps it kept first).
    expect(docker('docker build -q .')).toMatchObject({
      stdout: '',
      stderr: `${notice}${context}Step 1/1 : FROM nginx:nope\nmanifest for nginx:nope not found: manifest unknown: manifest unknown\n`,
    });
    fs.write('Dockerfile', 'FORM nginx\n');
    expect(docker('docker build -q .').stderr).toBe(
      `${notice}${context}Error response from daemon: dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)\n`,
    );
  });
});

describe('a build that fails at a step', () => {
  it('keeps what it pulled and committed: the fixed build pulls nothing and uses the cache', () => {
    const { cluster, fs, docker } = lab();
    fs.write('Dockerfile', 'FROM nginx\nENV WHO=world\nRUN echo "hello $WHO"\nCOPY index.htm /\n');
    const failed = docker('docker build -t web .');
    expect(failed.exitCode).toBe(1);
    // A plain echo prints in its container, between Running in and Removed.
    expect(failed.stdout).toMatch(
      /\nStep 3\/4 : RUN echo "hello \$WHO"\n ---> Running in ([0-9a-f]{12})\nhello world\n ---> Removed intermediate container \1\n/,
    );
    // No image, no build on the laptop's drawing: only the pull and the cache stay.
    expect(cluster.registry.localImage('web')).toBeUndefined();
    expect(cluster.messages.filter((m) => m.kind === 'image.build')).toEqual([]);
    fs.write('Dockerfile', 'FROM nginx\nENV WHO=world\nRUN echo "hello $WHO"\nCOPY index.html /\n');
    const fixed = docker('docker build -t web .').stdout;
    expect(fixed).not.toContain('Pulling from');
    expect(fixed.match(/ ---> Using cache\n/g)?.length).toBe(2);
    expect(fixed).not.toContain('hello world');
  });

  it('a RUN that exits non-zero ends docker with its code, the container kept', () => {
    const { fs, docker } = lab();
    fs.write('Dockerfile', 'FROM nginx\nRUN exit 3\n');
    const res = docker('docker build .');
    expect(res.exitCode).toBe(3);
    expect(res.stdout).toMatch(/\nStep 2\/2 : RUN exit 3\n ---> Running in [0-9a-f]{12}\n$/);
    expect(res.stderr).toBe(
      `${LEGACY_BUILDER_NOTICE}The command '/bin/sh -c exit 3' returned a non-zero code: 3\n`,
    );
  });
});

describe('the built image in the cluster', () => {
  it('docker push uploads the new layers and a Deployment runs the image', () => {
    const { cluster, fs, docker } = lab();
    fs.write(
      'Dockerfile',
      'FROM nginx\nRUN apt-get update && apt-get install -y curl\nCOPY index.html /usr/share/nginx/html/\n',
    );
    expect(docker('docker build -t learner/web:1 .').exitCode).toBe(0);
    const img = cluster.registry.localImage('learner/web:1');
    const pushed = runAction(cluster, 'docker push learner/web:1');
    expect(pushed?.exitCode).toBe(0);
    const lines = pushed?.stdout.split('\n') ?? [];
    // Newest layer first: the COPY and the RUN are pushed, nginx's are mounted.
    expect(lines.slice(1, 3)).toEqual([
      `${img?.layers.at(-1)?.digest.slice(7, 19)}: Pushed`,
      `${img?.layers.at(-2)?.digest.slice(7, 19)}: Pushed`,
    ]);
    expect(lines[3]).toMatch(/: Mounted from library\/nginx$/);
    const remote = cluster.registry.resolve('learner/web:1');
    expect(remote.ok && remote.image.sizeBytes).toBe(img?.sizeBytes);
    const kubectl = cluster.client('kubectl');
    kubectl.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'learner/web:1' }] },
        },
      },
    });
    cluster.settle();
    const pods = cluster.snapshot().list('pods', 'default');
    expect(pods.map((p) => (p.status as { phase?: string } | undefined)?.phase)).toEqual([
      'Running',
    ]);
    const pulled = cluster
      .snapshot()
      .list('events', 'default')
      .map((e) => (e as { message?: string }).message ?? '')
      .find((m) => m.startsWith('Successfully pulled image "learner/web:1"'));
    expect(pulled).toMatch(new RegExp(`Image size: ${img?.sizeBytes} bytes\\.$`));
  });
});
