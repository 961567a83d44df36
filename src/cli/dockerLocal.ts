/**
 * The developer's local docker commands that only read or rename images on the laptop:
 * `docker images` (`docker image ls`) and `docker tag`. Nothing here reaches a registry, so
 * nothing is drawn; a tag is still recorded as an input, so a replay can push the new name.
 */
import type { Cluster } from '../engine/index.ts';
import type { LocalImage } from '../engine/registry/index.ts';
import type { RunResult } from '../kubectl/index.ts';
import { humanDuration, humanSize } from '../kubectl/nodeShell/crictl.ts';

/** go-units' formats, shared with crictl on the nodes. */
export { humanDuration, humanSize };

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

/**
 * Uncompressed size from a compressed one. The registry keeps what a pull transfers; `docker
 * images` shows the unpacked size, about 2.66 times larger for nginx's Debian layers (72 MB
 * pulled, 192 MB unpacked), and this model uses that ratio for every built image.
 */
const UNPACKED_RATIO = 2.66;

/** `docker.io/library/nginx` → `nginx`, `docker.io/learner/web` → `learner/web`. */
function familiar(repository: string): string {
  return repository.replace(/^docker\.io\/(library\/)?/, '');
}

/** docker's table writer: tabwriter(minwidth 10, padding 3), the last column unpadded. */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 10, cell.length + 3);
    });
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

const IMAGES_USAGE = 'Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n';

/** `docker images [-q] [-a] [REPOSITORY[:TAG]]` */
export function dockerImages(cluster: Cluster, args: string[], cmd: string): RunResult {
  let quiet = false;
  let noTrunc = false;
  const filters: string[] = [];
  for (const a of args) {
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-a' || a === '--all') continue;
    else if (a === '--no-trunc') noTrunc = true;
    else if (/^-[aq]+$/.test(a)) quiet ||= a.includes('q');
    else if (a.startsWith('-')) return fail(`unknown flag: ${a}\nSee '${cmd} --help'.\n`, 125);
    else filters.push(a);
  }
  if (filters.length > 1) {
    return fail(
      `"${cmd}" requires at most 1 argument.\nSee '${cmd} --help'.\n\n${IMAGES_USAGE.replace('docker images', cmd)}`,
    );
  }
  const now = cluster.now();
  const { registry } = cluster;
  const named = registry.localImages();
  const filter = filters[0];
  let shown: { repo: string; tag: string; img: LocalImage }[] = named.map((img) => ({
    repo: familiar(img.repository),
    tag: img.tag,
    img,
  }));
  if (filter === undefined) {
    for (const img of registry.danglingImages()) shown.push({ repo: '<none>', tag: '<none>', img });
  } else {
    const [repo, tag] = splitFilter(filter);
    shown = shown.filter((r) => r.repo === repo && (tag === undefined || r.tag === tag));
  }
  // Newest first, as docker sorts them; names in order within one image.
  shown.sort(
    (a, b) =>
      b.img.createdMs - a.img.createdMs ||
      (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
  const id = (img: LocalImage) => (noTrunc ? `sha256:${img.id.padEnd(64, '0')}` : img.id);
  if (quiet) return ok(shown.map((r) => `${id(r.img)}\n`).join(''));
  const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
  for (const r of shown) {
    rows.push([
      r.repo,
      r.tag,
      id(r.img),
      `${humanDuration(now - r.img.createdMs)} ago`,
      humanSize(Math.round(r.img.sizeBytes * UNPACKED_RATIO)),
    ]);
  }
  return ok(table(rows));
}

/** `nginx:1.29` → [nginx, 1.29]; `localhost:5000/web` → [localhost:5000/web]. */
function splitFilter(filter: string): [string, string | undefined] {
  const slash = filter.lastIndexOf('/');
  const colon = filter.lastIndexOf(':');
  if (colon > slash) return [familiar(filter.slice(0, colon)), filter.slice(colon + 1)];
  return [familiar(filter), undefined];
}

const TAG_USAGE =
  'Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n';

/** `docker tag SOURCE TARGET` */
export function dockerTag(cluster: Cluster, args: string[], cmd: string): RunResult {
  const flag = args.find((a) => a.startsWith('-'));
  if (flag !== undefined) return fail(`unknown flag: ${flag}\nSee '${cmd} --help'.\n`, 125);
  if (args.length !== 2) {
    return fail(
      `"${cmd}" requires exactly 2 arguments.\nSee '${cmd} --help'.\n\n${TAG_USAGE.replace('docker tag', cmd)}`,
    );
  }
  const [source, target] = args as [string, string];
  const res = cluster.docker.tag(source, target);
  if (res.ok) return ok();
  if (res.reason === 'NoSuchImage') {
    const shown =
      /^[0-9a-f]{4,64}$/.test(source) || source.includes(':') ? source : `${source}:latest`;
    return fail(`Error response from daemon: No such image: ${shown}\n`);
  }
  // distribution/reference's ParseNormalizedNamed: the path after the registry host must be
  // lowercase (Docker Hub's names without an account are under library/).
  const slash = target.indexOf('/');
  const first = slash < 0 ? '' : target.slice(0, slash);
  const hasDomain = /[.:]/.test(first) || first === 'localhost';
  let path = hasDomain ? target.slice(slash + 1) : target;
  path = path.replace(/(:[\w][\w.-]*)?(@.*)?$/, '');
  if (!hasDomain && !path.includes('/')) path = `library/${path}`;
  const why =
    path !== path.toLowerCase()
      ? `invalid reference format: repository name (${path}) must be lowercase`
      : 'invalid reference format';
  return fail(`Error parsing reference: "${target}" is not a valid repository/tag: ${why}\n`);
}
