/**
 * What a published image says about how it was made (`docker history`, `docker inspect` of an
 * image pulled to the laptop). Modelled, not fetched:
 * - nginx's Debian images (7 layers): the docker-library Dockerfile's steps as Docker Hub's
 *   nginx shows them (built with BuildKit: `CREATED BY` without `/bin/sh -c #(nop)`, COMMENT
 *   `buildkit.dockerfile.v0`, the Debian layer `# debian.sh …` by debuerreotype). The long RUN
 *   is cut short; NJS and package release numbers are plausible, not checked per tag.
 * - busybox (1 layer): `ADD busybox.tar.xz /` and `CMD ["sh"]`.
 * - any other image: a row per layer whose command is marked as not modelled, PATH only in Env.
 * Sizes are unpacked bytes; they add up to what `docker images` shows for the image.
 */
import type { ImageConfig } from './build.ts';
import { hex64 } from './digest.ts';
import type { ImageManifest } from './registry.ts';

export interface BaseHistoryEntry {
  createdBy: string;
  comment: string;
  /** Unpacked bytes (0 for a metadata step). */
  size: number;
  empty?: true;
  /** How long before the image's publication the step was made. */
  beforeMs: number;
}

export interface BaseImageModel {
  /** Oldest first, as the image's config lists them. */
  history: BaseHistoryEntry[];
  config: ImageConfig;
}

const BK = 'buildkit.dockerfile.v0';
const DAY_MS = 24 * 60 * 60 * 1000;
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `version`: the release (`1.29.3`); `unpacked`: the image's unpacked size in bytes. */
export function baseImageModel(
  manifest: Pick<ImageManifest, 'repository' | 'layers' | 'digest'>,
  version: string | undefined,
  unpacked: number,
): BaseImageModel {
  const repo = manifest.repository;
  const n = manifest.layers.length;
  if (repo === 'docker.io/library/nginx' && n === 7) return nginx(version ?? '1.29.3', unpacked);
  if (repo === 'docker.io/library/busybox' && n === 1) {
    return {
      history: [
        { createdBy: 'ADD busybox.tar.xz / # buildkit', comment: BK, size: unpacked, beforeMs: 0 },
        { createdBy: 'CMD ["sh"]', comment: BK, size: 0, empty: true, beforeMs: 0 },
      ],
      config: { Env: [PATH_ENV], Cmd: ['sh'] },
    };
  }
  const sizes = split(unpacked, n);
  return {
    history: sizes.map((size, i) => ({
      createdBy:
        i === 0
          ? `ADD rootfs.tar.gz / # buildkit`
          : `RUN /bin/sh -c # layer ${i + 1} of ${n}: its command is not modelled # buildkit`,
      comment: BK,
      size,
      beforeMs: i === 0 ? 7 * DAY_MS : 0,
    })),
    config: { Env: [PATH_ENV] },
  };
}

/** `total` in `n` parts, the first (the OS) the largest; deterministic. */
function split(total: number, n: number): number[] {
  if (n <= 0) return [];
  const weights = Array.from({ length: n }, (_, i) => (i === 0 ? n * 3 : 1 + ((i * 7) % 5)));
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = total;
  return weights.map((w, i) => {
    const size = i === n - 1 ? left : Math.floor((total * w) / sum);
    left -= size;
    return size;
  });
}

function nginx(version: string, unpacked: number): BaseImageModel {
  const minor = version.split('.').slice(0, 2).join('.');
  const debian = minor === '1.29' ? 'trixie' : 'bookworm';
  const njs = minor === '1.29' ? '0.9.4' : minor === '1.28' ? '0.8.10' : '0.8.9';
  const scripts: [string, string, number][] = [
    ['docker-entrypoint.sh', '/', 1620],
    ['10-listen-on-ipv6-by-default.sh', '/docker-entrypoint.d', 2120],
    ['15-local-resolvers.envsh', '/docker-entrypoint.d', 389],
    ['20-envsubst-on-templates.sh', '/docker-entrypoint.d', 3018],
    ['30-tune-worker-processes.sh', '/docker-entrypoint.d', 4620],
  ];
  const small = scripts.reduce((a, [, , s]) => a + s, 0);
  const os = Math.round(unpacked * 0.41);
  const env: [string, string][] = [
    ['NGINX_VERSION', version],
    ['NJS_VERSION', njs],
    ['NJS_RELEASE', `1~${debian}`],
    ['PKG_RELEASE', `1~${debian}`],
    ['DYNPKG_RELEASE', `1~${debian}`],
  ];
  const meta = (createdBy: string): BaseHistoryEntry => ({
    createdBy,
    comment: BK,
    size: 0,
    empty: true,
    beforeMs: 0,
  });
  const debianDate = Math.floor(Number.parseInt(hex64(`debian:${debian}`).slice(0, 4), 16) % 20);
  return {
    history: [
      {
        createdBy: `# debian.sh --arch 'amd64' out/ '${debian}' '@${1_762_732_800 - debianDate * 86_400}'`,
        comment: 'debuerreotype 0.16',
        size: os,
        beforeMs: (8 + (debianDate % 5)) * DAY_MS,
      },
      meta('LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>'),
      ...env.map(([k, v]) => meta(`ENV ${k}=${v}`)),
      {
        // Cut short: the real step goes on to fetch nginx's signing key and install its packages.
        createdBy:
          'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates # buildkit',
        comment: BK,
        size: unpacked - os - small,
        beforeMs: 0,
      },
      ...scripts.map(([file, dest, size]) => ({
        createdBy: `COPY ${file} ${dest} # buildkit`,
        comment: BK,
        size,
        beforeMs: 0,
      })),
      meta('ENTRYPOINT ["/docker-entrypoint.sh"]'),
      meta('EXPOSE map[80/tcp:{}]'),
      meta('STOPSIGNAL SIGQUIT'),
      meta('CMD ["nginx" "-g" "daemon off;"]'),
    ],
    config: {
      Env: [PATH_ENV, ...env.map(([k, v]) => `${k}=${v}`)],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      ExposedPorts: ['80/tcp'],
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      StopSignal: 'SIGQUIT',
    },
  };
}
