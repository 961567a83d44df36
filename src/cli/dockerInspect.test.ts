/**
 * `docker inspect` / `docker image inspect` of the laptop's images: the daemon's JSON (API
 * 1.50, overlay2, the classic image store) as the 28.2.2 client indents it, `-f` templates,
 * and the two "not found" texts (`docker inspect` looks at every object type and says
 * `Error: No such object`, `docker image inspect` relays the daemon's `No such image`).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, epochMs } from '../engine/index.ts';
import { createWorkspace, HOME_DIR } from '../kubectl/workspace.ts';
import { runDocker } from './docker.ts';

function lab() {
  const cluster = createCluster();
  const fs = createWorkspace();
  const docker = (...args: string[]) => runDocker(cluster, args, { fs });
  return { cluster, fs, docker };
}

const NGINX_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'NGINX_VERSION=1.29.3',
  'NJS_VERSION=0.9.4',
  'NJS_RELEASE=1~trixie',
  'PKG_RELEASE=1~trixie',
  'DYNPKG_RELEASE=1~trixie',
];

describe('docker image inspect', () => {
  it('prints the built image: its config on nginx’s, its parent step, its layers', () => {
    const { cluster, docker } = lab();
    docker('build', '-t', 'learner/myweb', '.');
    const img = cluster.registry.localImage('learner/myweb');
    const nginx = cluster.registry.localImage('nginx');
    const res = docker('image', 'inspect', 'learner/myweb');
    expect(res.stderr).toBe('');
    // Four-space indent, Go's escapes of < and >.
    expect(res.stdout).toMatch(
      /^\[\n {4}\{\n {8}"Id": "sha256:[0-9a-f]{64}",\n {8}"RepoTags": \[\n {12}"learner\/myweb:latest"\n {8}\],\n {8}"RepoDigests": \[\],\n/,
    );
    expect(res.stdout).toContain(
      '"maintainer": "NGINX Docker Maintainers \\u003cdocker-maint@nginx.com\\u003e"',
    );
    const [json] = JSON.parse(res.stdout) as Record<string, unknown>[];
    const created = new Date(epochMs(cluster.now())).toISOString().replace('.000Z', 'Z');
    expect(Object.keys(json ?? {})).toEqual([
      'Id',
      'RepoTags',
      'RepoDigests',
      'Parent',
      'Comment',
      'Created',
      'DockerVersion',
      'Author',
      'Config',
      'Architecture',
      'Os',
      'Size',
      'GraphDriver',
      'RootFS',
      'Metadata',
    ]);
    expect(json).toMatchObject({
      Id: `sha256:${img?.fullId}`,
      // The classic builder's image: its parent is the step before (FROM's nginx here).
      Parent: `sha256:${nginx?.fullId}`,
      Comment: '',
      Created: created,
      DockerVersion: '28.2.2',
      Author: '',
      Architecture: 'amd64',
      Os: 'linux',
      Size: Math.round((img?.sizeBytes ?? 0) * 2.66),
      Metadata: { LastTagTime: created },
    });
    expect(json?.Config).toEqual({
      Hostname: '',
      Domainname: '',
      User: '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ExposedPorts: { '80/tcp': {} },
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: NGINX_ENV,
      Cmd: ['nginx', '-g', 'daemon off;'],
      Image: `sha256:${nginx?.fullId}`,
      Volumes: null,
      WorkingDir: '',
      Entrypoint: ['/docker-entrypoint.sh'],
      OnBuild: null,
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      StopSignal: 'SIGQUIT',
    });
    const rootfs = json?.RootFS as { Type: string; Layers: string[] };
    expect(rootfs.Type).toBe('layers');
    expect(rootfs.Layers).toHaveLength(8);
    // nginx's seven layers are the first seven of the built image.
    const [base] = JSON.parse(docker('inspect', 'nginx').stdout) as { RootFS: typeof rootfs }[];
    expect(rootfs.Layers.slice(0, 7)).toEqual(base?.RootFS.Layers);
  });

  it('shows the Dockerfile’s settings over the base’s, and RepoDigests once pushed', () => {
    const { fs, docker } = lab();
    fs.write(
      `${HOME_DIR}/Dockerfile`,
      'FROM nginx\nENV MODE=prod NGINX_VERSION=custom\nWORKDIR /srv\nEXPOSE 8080\nLABEL team=web\nENTRYPOINT ["/bin/app"]\n',
    );
    docker('build', '-t', 'learner/app:1', '.');
    const cfg = (f: string) => docker('inspect', '-f', f, 'learner/app:1').stdout;
    expect(cfg('{{json .Config.Env}}')).toBe(
      `${JSON.stringify([NGINX_ENV[0], 'NGINX_VERSION=custom', ...NGINX_ENV.slice(2), 'MODE=prod'])}\n`,
    );
    // An ENTRYPOINT in the Dockerfile drops the base's CMD (moby's dispatchEntrypoint).
    expect(cfg('{{.Config.Entrypoint}} {{.Config.Cmd}} {{.Config.WorkingDir}}')).toBe(
      '[/bin/app] [] /srv\n',
    );
    expect(cfg('{{json .Config.ExposedPorts}} {{.Config.Labels.team}}')).toBe(
      '{"80/tcp":{},"8080/tcp":{}} web\n',
    );
    // nat.PortSet is map[Port]struct{}: fmt prints each value as `{}`, not as a map.
    expect(cfg('{{.Config.ExposedPorts}} {{.Config.Volumes}} {{len .Config.ExposedPorts}}')).toBe(
      'map[80/tcp:{} 8080/tcp:{}] map[] 2\n',
    );
    expect(cfg('{{.RepoDigests}}')).toBe('[]\n');
    docker('push', 'learner/app:1');
    const digest = docker('inspect', '-f', '{{index .RepoDigests 0}}', 'learner/app:1').stdout;
    expect(digest).toMatch(/^learner\/app@sha256:[0-9a-f]{64}\n$/);
    expect(docker('image', 'inspect', '--format', '{{.Size}}', 'learner/app:1').stdout).toMatch(
      /^\d{9}\n$/,
    );
  });

  it('a pulled image: no parent, BuildKit’s comment, RepoDigests from the pull; by ID too', () => {
    const { cluster, docker } = lab();
    docker('pull', 'nginx');
    const nginx = cluster.registry.localImage('nginx');
    const res = docker('image', 'inspect', nginx?.id as string);
    const [json] = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(json).toMatchObject({
      RepoTags: ['nginx:latest'],
      RepoDigests: [`nginx@${nginx?.digest}`],
      Parent: '',
      Comment: 'buildkit.dockerfile.v0',
      DockerVersion: '',
      Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
    });
    expect(docker('inspect', '--format', '{{.Config.Cmd}}', 'nginx:latest').stdout).toBe(
      '[nginx -g daemon off;]\n',
    );
  });

  it('says what it did not find, as each command words it', () => {
    const { docker } = lab();
    docker('pull', 'busybox');
    const plain = (r: ReturnType<typeof docker>) => ({
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
    });
    expect(plain(docker('inspect', 'nope'))).toEqual({
      stdout: '[]\n',
      stderr: 'Error: No such object: nope\n',
      exitCode: 1,
    });
    expect(plain(docker('image', 'inspect', 'nope'))).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: No such image: nope:latest\n',
      exitCode: 1,
    });
    // The ones found are printed; the error follows, exit 1.
    const both = docker('image', 'inspect', '-f', '{{.RepoTags}}', 'busybox', 'nope:1');
    expect(both.output).toEqual([
      { err: false, text: '[busybox:latest]\n' },
      { err: true, text: 'Error response from daemon: No such image: nope:1\n' },
    ]);
    // A template with nothing found: TemplateInspector's lone newline.
    expect(plain(docker('inspect', '-f', '{{.Id}}', 'nope'))).toEqual({
      stdout: '\n',
      stderr: 'Error: No such object: nope\n',
      exitCode: 1,
    });
    // --type asks the daemon for that kind only.
    expect(docker('inspect', '--type', 'image', 'nope').stderr).toBe(
      'Error response from daemon: No such image: nope:latest\n',
    );
    expect(docker('inspect', '--type', 'container', 'busybox').stderr).toBe(
      'Error response from daemon: No such container: busybox\n',
    );
    expect(docker('inspect', '--type', 'box', 'busybox').stderr).toBe(
      '"box" is not a valid value for --type\n',
    );
    // -s is for containers: a warning first, then the image.
    const sized = docker('inspect', '-s', '-f', '{{.Os}}', 'busybox');
    expect(sized.output).toEqual([
      { err: true, text: 'WARNING: --size ignored for image\n' },
      { err: false, text: 'linux\n' },
    ]);
  });

  it('runs templates as docker does: a missing field fails on the raw JSON, a missing label prints <no value>', () => {
    const { docker } = lab();
    docker('pull', 'nginx');
    expect(docker('inspect', '-f', '{{.Nope}}', 'nginx')).toMatchObject({
      stdout: '\n',
      stderr:
        'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
      exitCode: 1,
    });
    expect(
      docker('inspect', '-f', '{{.Config.Labels.nope}}|{{.Config.Labels.maintainer}}', 'nginx')
        .stdout,
    ).toBe('<no value>|NGINX Docker Maintainers <docker-maint@nginx.com>\n');
    expect(docker('inspect', '-f', '{{.Id', 'nginx').stderr).toMatch(/^template parsing error: /);
    expect(
      docker('inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', 'nginx').stdout,
    ).toBe(`${NGINX_ENV.join('\n')}\n\n`);
  });
});
