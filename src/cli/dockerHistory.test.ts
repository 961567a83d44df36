/**
 * `docker history` on the laptop: the classic builder's step images (their IDs, `/bin/sh -c
 * #(nop) …` as moby's builder commits them), then the pulled base's own history (Docker Hub's
 * nginx, built with BuildKit), `<missing>` below the base's top row (a pulled image has no
 * parent), as docker 28.2.2 prints the daemon's answer.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, replay } from '../engine/index.ts';
import { hex64, STARTER_INDEX_HTML } from '../engine/registry/index.ts';
import { createWorkspace, HOME_DIR } from '../kubectl/workspace.ts';
import { runDocker } from './docker.ts';

const MINUTE = 60_000;

function lab() {
  const cluster = createCluster();
  const fs = createWorkspace();
  const docker = (...args: string[]) => runDocker(cluster, args, { fs });
  return { cluster, fs, docker };
}

/** What `docker history nginx` shows below its top row: Docker Hub's nginx:latest (modelled). */
const NGINX_ROWS = [
  'CMD ["nginx" "-g" "daemon off;"]                0B        buildkit.dockerfile.v0',
  'STOPSIGNAL SIGQUIT                              0B        buildkit.dockerfile.v0',
  'EXPOSE map[80/tcp:{}]                           0B        buildkit.dockerfile.v0',
  'ENTRYPOINT ["/docker-entrypoint.sh"]            0B        buildkit.dockerfile.v0',
  'COPY 30-tune-worker-processes.sh /docker-ent…   4.62kB    buildkit.dockerfile.v0',
  'COPY 20-envsubst-on-templates.sh /docker-ent…   3.02kB    buildkit.dockerfile.v0',
  'COPY 15-local-resolvers.envsh /docker-entryp…   389B      buildkit.dockerfile.v0',
  'COPY 10-listen-on-ipv6-by-default.sh /docker…   2.12kB    buildkit.dockerfile.v0',
  'COPY docker-entrypoint.sh / # buildkit          1.62kB    buildkit.dockerfile.v0',
  'RUN /bin/sh -c set -x     && groupadd --syst…   113MB     buildkit.dockerfile.v0',
  'ENV DYNPKG_RELEASE=1~trixie                     0B        buildkit.dockerfile.v0',
  'ENV PKG_RELEASE=1~trixie                        0B        buildkit.dockerfile.v0',
  'ENV NJS_RELEASE=1~trixie                        0B        buildkit.dockerfile.v0',
  'ENV NJS_VERSION=0.9.4                           0B        buildkit.dockerfile.v0',
  'ENV NGINX_VERSION=1.29.3                        0B        buildkit.dockerfile.v0',
  'LABEL maintainer=NGINX Docker Maintainers <d…   0B        buildkit.dockerfile.v0',
];

describe('docker history', () => {
  it('lists the build’s step over nginx’s own history, newest first', () => {
    const { cluster, docker } = lab();
    const built = docker('build', '-t', 'learner/myweb', '.').stdout;
    const id = /Successfully built (\w+)/.exec(built)?.[1] as string;
    const nginx = /Step 1\/2 : FROM nginx\n(?:.*\n)*? ---> (\w+)\n/.exec(built)?.[1] as string;
    cluster.advance(5 * MINUTE);
    const res = docker('history', 'learner/myweb');
    expect(res.stderr).toBe('');
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe(
      'IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT',
    );
    // COPY: the legacy builder's one-word #(nop) comment, the file's hash, cut at 45 characters.
    const hash = hex64(STARTER_INDEX_HTML);
    expect(lines[1]).toBe(
      `${id}   5 minutes ago   /bin/sh -c #(nop) COPY file:${hash.slice(0, 16)}…   184B      `,
    );
    expect(lines[2]).toBe(`${nginx}   6 weeks ago     ${NGINX_ROWS[0]}`);
    expect(lines.slice(3, 18)).toEqual(
      NGINX_ROWS.slice(1).map((r) => `<missing>      6 weeks ago     ${r}`),
    );
    expect(lines[18]).toBe(
      "<missing>      7 weeks ago     # debian.sh --arch 'amd64' out/ 'trixie' '@1…   78.6MB    debuerreotype 0.16",
    );
    expect(lines.slice(19)).toEqual(['']);
  });

  it('writes each Dockerfile step as the classic builder commits it (--no-trunc)', () => {
    const { cluster, fs, docker } = lab();
    fs.write(
      `${HOME_DIR}/app/Dockerfile`,
      [
        'FROM nginx',
        'ARG VERSION=1.0',
        'ENV APP_HOME=/srv/app MODE=prod',
        'WORKDIR $APP_HOME',
        'RUN echo building $VERSION',
        'COPY index.html .',
        'EXPOSE 8080',
        'USER nginx',
        'ENTRYPOINT ["/docker-entrypoint.sh"]',
        'CMD ["nginx", "-g", "daemon off;"]',
        '',
      ].join('\n'),
    );
    fs.write(`${HOME_DIR}/app/index.html`, '<h1>app</h1>\n');
    const built = docker('build', '--label', 'team=web', '-t', 'learner/app', 'app');
    expect(built.exitCode).toBe(0);
    const res = docker(
      'history',
      '--no-trunc',
      '--format',
      '{{.CreatedBy}}|{{.Size}}',
      'learner/app',
    );
    expect(res.stdout.split('\n').slice(0, 10)).toEqual([
      '/bin/sh -c #(nop)  LABEL team=web|0B',
      '/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]|0B',
      '/bin/sh -c #(nop)  ENTRYPOINT ["/docker-entrypoint.sh"]|0B',
      '/bin/sh -c #(nop)  USER nginx|0B',
      '/bin/sh -c #(nop)  EXPOSE 8080|0B',
      `/bin/sh -c #(nop) COPY file:${hex64('<h1>app</h1>\n')} in . |13B`,
      // A RUN shows the stage's ARG values first, as moby's prependEnvOnCmd.
      expect.stringMatching(
        /^\|1 VERSION=1\.0 \/bin\/sh -c echo building \$VERSION\|\d+(\.\d+)?kB$/,
      ),
      '/bin/sh -c #(nop) WORKDIR /srv/app|0B',
      '/bin/sh -c #(nop)  ENV APP_HOME=/srv/app MODE=prod|0B',
      '/bin/sh -c #(nop)  ARG VERSION=1.0|0B',
    ]);
    // Then nginx's own rows, the first with nginx's ID.
    const ids = docker('history', '-q', 'learner/app').stdout.split('\n');
    const nginx = cluster.registry.localImage('nginx')?.id;
    expect(ids.slice(0, 11).every((i) => /^[0-9a-f]{12}$/.test(i))).toBe(true);
    expect(ids[10]).toBe(nginx);
    expect(ids.slice(11, -1).every((i) => i === '<missing>')).toBe(true);
    expect(ids).toHaveLength(11 + 16 + 1);
  });

  it('keeps when a cached step was made; -H=false prints RFC 3339 and bytes; -q and --no-trunc IDs', () => {
    const { cluster, fs, docker } = lab();
    docker('build', '-t', 'web', '.');
    cluster.advance(60 * MINUTE);
    fs.write(
      `${HOME_DIR}/Dockerfile`,
      'FROM nginx\nCOPY index.html /usr/share/nginx/html/index.html\nEXPOSE 80\n',
    );
    docker('build', '-t', 'web', '.');
    cluster.advance(2 * MINUTE);
    const rows = docker(
      'history',
      '--format',
      '{{.CreatedSince}} {{.CreatedBy}}',
      'web',
    ).stdout.split('\n');
    expect(rows.slice(0, 2)).toEqual([
      '2 minutes ago /bin/sh -c #(nop)  EXPOSE 80',
      // The COPY step came from the cache: made by the first build, an hour earlier.
      expect.stringMatching(/^About an hour ago \/bin\/sh -c #\(nop\) COPY file:/),
    ]);
    const raw = docker('history', '-H=false', 'web').stdout.split('\n');
    expect(raw[0]).toBe(
      'IMAGE          CREATED AT             CREATED BY                                      SIZE        COMMENT',
    );
    expect(raw[3]).toMatch(
      /^[0-9a-f]{12} {3}2025-\d\d-\d\dT\d\d:\d\d:\d\dZ {3}CMD \["nginx" "-g" "daemon off;"\] {16}0 {11}buildkit\.dockerfile\.v0$/,
    );
    expect(raw[12]).toMatch(/ 113\d{6} +buildkit/);
    // A step image of the build, by the ID its output printed: its own history.
    const step = /Step 2\/3 : COPY .*\n ---> Using cache\n ---> (\w+)/.exec(
      docker('build', '-t', 'web', '.').stdout,
    )?.[1] as string;
    expect(docker('history', '-q', step).stdout.split('\n').slice(0, 2)).toEqual([
      step,
      cluster.registry.localImage('nginx')?.id,
    ]);
    // A replay of the lab's inputs rebuilds the same steps, made at the same times.
    const again = replay(cluster.inputs);
    expect(runDocker(again, ['history', '-H=false', 'web']).stdout).toBe(raw.join('\n'));
    // -q picks among the table formats; a template of one's own wins.
    expect(docker('history', '-q', '--format', '{{.Size}}', 'web').stdout.split('\n')[0]).toBe(
      '0B',
    );
    const full = docker('history', '-q', '--no-trunc', 'web').stdout.split('\n');
    expect(full[0]).toBe(`sha256:${cluster.registry.localImage('web')?.fullId}`);
    expect(docker('image', 'history', '--format', 'json', 'web').stdout.split('\n')[0]).toMatch(
      /^\{"Comment":"","CreatedAt":"2026-\d\d-\d\dT[\d:]+Z","CreatedBy":"\/bin\/sh -c #\(nop\) {2}EXPOSE 80","CreatedSince":"2 minutes ago","ID":"[0-9a-f]{12}","Size":"0B"\}$/,
    );
  });

  it('answers as the daemon and the client do for what it cannot show', () => {
    const { docker } = lab();
    expect(docker('history', 'nope')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such image: nope:latest\n',
      exitCode: 1,
    });
    docker('pull', 'busybox');
    const busybox = docker('history', 'busybox:latest').stdout;
    expect(busybox).toBe(
      [
        'IMAGE          CREATED       CREATED BY                        SIZE      COMMENT',
        `${docker('images', '-q', 'busybox').stdout.trim()}   6 weeks ago   CMD ["sh"]                        0B        buildkit.dockerfile.v0`,
        '<missing>      6 weeks ago   ADD busybox.tar.xz / # buildkit   5.76MB    buildkit.dockerfile.v0',
        '',
      ].join('\n'),
    );
    expect(docker('history', '--format', '{{.Nope}}', 'busybox')).toEqual({
      stdout: '',
      stderr:
        'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.historyContext\n',
      exitCode: 1,
    });
    expect(docker('history', '-H=maybe', 'busybox').stderr).toBe(
      'invalid argument "maybe" for "-H, --human" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n\nUsage:  docker history [OPTIONS] IMAGE\n\nRun \'docker history --help\' for more information\n',
    );
  });

  it('shows an image built from a plan recorded before steps were kept as one row', () => {
    const cluster = createCluster();
    const plan = cluster.registry.starterPlan();
    if (!plan) throw new Error('no starter plan');
    // A lab saved before this session: its build input has no history.
    cluster.docker.build('old', { ...plan, history: undefined, steps: [] });
    const res = runDocker(cluster, ['history', 'old']);
    expect(res.stdout).toBe(
      `IMAGE          CREATED                  CREATED BY   SIZE      COMMENT\n${plan.id.slice(0, 12)}   Less than a second ago                192MB     \n`,
    );
  });
});
