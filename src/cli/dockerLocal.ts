/**
 * The developer's local docker commands that only read or rename images on the laptop:
 * `docker images` (`docker image ls`) and `docker tag`. Nothing here reaches a registry, so
 * nothing is drawn; a tag is still recorded as an input, so a replay can push the new name.
 */
import { type Cluster, epochMs } from '../engine/index.ts';
import {
  familiarName,
  fullImageId,
  type LocalImage,
  parseImageName,
} from '../engine/registry/index.ts';
import type { RunResult } from '../kubectl/index.ts';
import { humanDuration, humanSize } from '../kubectl/nodeShell/crictl.ts';
import {
  executeTemplate,
  parseTemplate,
  TemplateParseError,
} from '../kubectl/printers/goTemplate.ts';

/** go-units' formats, shared with crictl on the nodes. */
export { humanDuration, humanSize };

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

/**
 * Uncompressed size from a compressed one. The registry keeps what a pull transfers; `docker
 * images` shows the unpacked size, about 2.66 times larger for nginx's Debian layers (72 MB
 * pulled, 192 MB unpacked), and this model uses that ratio for every built image.
 */
export const UNPACKED_RATIO = 2.66;

/** docker's table writer: tabwriter(minwidth 10, padding 3), the last column unpadded. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 10, [...cell].length + 3);
    });
  return rows
    .map(
      (row) =>
        `${row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))).join('')}\n`,
    )
    .join('');
}

/** A glob of `--filter reference=…` (`*` within a path component, `?` one character). */
function globMatch(pattern: string, text: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${re}$`).test(text);
}

/**
 * `docker images [-q] [--no-trunc] [-f dangling=…|reference=…] [REPOSITORY[:TAG]]` (docker.ts
 * has parsed the flags and counted the arguments; `filters` are the `name=value` pairs).
 */
export function dockerImages(
  cluster: Cluster,
  filter: string | undefined,
  opts: {
    quiet?: boolean;
    noTrunc?: boolean;
    filters?: readonly string[];
    /** `--format`: `table`, `table TEMPLATE`, `json` or a Go template. */
    format?: string;
  } = {},
): RunResult {
  const { quiet = false, noTrunc = false, filters = [], format } = opts;
  let dangling: boolean | undefined;
  const references: string[] = [];
  for (const f of filters) {
    const eq = f.indexOf('=');
    const name = f.slice(0, eq).toLowerCase();
    const value = f.slice(eq + 1);
    if (name === 'dangling') {
      if (/^(true|1)$/i.test(value)) dangling = true;
      else if (/^(false|0)$/i.test(value)) dangling = false;
      else return fail(`Error response from daemon: invalid filter '${f}'\n`);
    } else if (name === 'reference') references.push(value);
    else if (['label', 'before', 'since', 'until'].includes(name)) {
      return fail(
        `docker: the filter '${name}' of 'docker images' is not modelled on this laptop\n`,
      );
    } else return fail(`Error response from daemon: invalid filter '${name}'\n`);
  }
  const now = cluster.now();
  const { registry } = cluster;
  const named = registry.localImages();
  let shown: { repo: string; tag: string; img: LocalImage }[] = named.map((img) => ({
    repo: familiarName(img.repository),
    tag: img.tag,
    img,
  }));
  if (dangling === true) shown = [];
  if (filter === undefined && references.length === 0 && dangling !== false) {
    for (const img of registry.danglingImages()) shown.push({ repo: '<none>', tag: '<none>', img });
  } else if (filter !== undefined) {
    const [repo, tag] = splitFilter(filter);
    shown = shown.filter((r) => r.repo === repo && (tag === undefined || r.tag === tag));
  }
  if (references.length > 0) {
    shown = shown.filter((r) =>
      references.some((p) => globMatch(p, r.repo) || globMatch(p, `${r.repo}:${r.tag}`)),
    );
  }
  // Newest first, as docker sorts them; names in order within one image.
  shown.sort(
    (a, b) =>
      b.img.createdMs - a.img.createdMs ||
      (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
  const id = (img: LocalImage) => (noTrunc ? fullImageId(img) : img.id);
  if (quiet) return ok(shown.map((r) => `${id(r.img)}\n`).join(''));
  if (format !== undefined && format !== 'table') {
    return formatted(
      format,
      shown.map((r) => {
        const size = humanSize(Math.round(r.img.sizeBytes * UNPACKED_RATIO));
        return {
          Containers: 'N/A',
          CreatedAt: goTimeString(epochMs(r.img.createdMs)),
          CreatedSince: `${humanDuration(now - r.img.createdMs)} ago`,
          Digest: '<none>',
          ID: id(r.img),
          Repository: r.repo,
          SharedSize: 'N/A',
          Size: size,
          Tag: r.tag,
          UniqueSize: 'N/A',
          VirtualSize: size,
        };
      }),
      IMAGE_HEADERS,
      '*formatter.imageContext',
    );
  }
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

/** The headers docker's image formatter prints for each field in a `table` format. */
const IMAGE_HEADERS: Record<string, string> = {
  Containers: 'CONTAINERS',
  CreatedAt: 'CREATED AT',
  CreatedSince: 'CREATED',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  SharedSize: 'SHARED SIZE',
  Size: 'SIZE',
  Tag: 'TAG',
  UniqueSize: 'UNIQUE SIZE',
  VirtualSize: 'VIRTUAL SIZE',
};

/** Go's time.Time.String() in UTC, whole seconds: `2025-11-20 10:11:12 +0000 UTC`. */
function goTimeString(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

/** encoding/json's text: `<`, `>` and `&` escaped as Go does. */
export function goJson(value: unknown, indent?: string): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/**
 * docker's formatter (cli/command/formatter), for images and history: `table …` writes a header
 * from the same template and aligns the columns; `json` is one JSON object per row (keys sorted,
 * as encoding/json writes docker's map); anything else is the template once per row. `\t` and
 * `\n` in the text are a tab and a newline. `context` names Go's type in a missing field's error.
 */
export function formatted(
  format: string,
  rows: Record<string, string>[],
  headers: Record<string, string>,
  context: string,
): RunResult {
  if (format === 'json' || /^\{\{\s*json\s+\.\s*\}\}$/.test(format.trim())) {
    // The context's fields by name, sorted (encoding/json of docker's map).
    const sorted = (r: Record<string, string>) =>
      Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return ok(rows.map((r) => `${goJson(sorted(r))}\n`).join(''));
  }
  const isTable = format.startsWith('table');
  const text = (isTable ? format.slice('table'.length) : format)
    .trim()
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n');
  let tmpl: ReturnType<typeof parseTemplate>;
  try {
    tmpl = parseTemplate('', text);
  } catch (e) {
    if (!(e instanceof TemplateParseError)) throw e;
    return fail(`template parsing error: ${e.message}\n`);
  }
  const run = (data: Record<string, string>) => {
    const r = executeTemplate(tmpl, data, { missingKeyError: true });
    const error = r.error?.replace(
      /map has no entry for key "([^"]*)"/,
      `can't evaluate field $1 in type ${context}`,
    );
    return { out: r.out, error };
  };
  let out = '';
  for (const row of rows) {
    const r = run(row);
    if (r.error !== undefined) return { stdout: out, stderr: `${r.error}\n`, exitCode: 1 };
    out += `${r.out}\n`;
  }
  if (!isTable) return ok(out);
  const header = run(headers);
  if (header.error !== undefined) return fail(`${header.error}\n`);
  const lines = `${header.out}\n${out}`.split('\n').slice(0, -1);
  return ok(table(lines.map((l) => l.split('\t'))));
}

/** `nginx:1.29` → [nginx, 1.29]; `localhost:5000/web` → [localhost:5000/web]. */
function splitFilter(filter: string): [string, string | undefined] {
  const slash = filter.lastIndexOf('/');
  const colon = filter.lastIndexOf(':');
  if (colon > slash) return [familiarName(filter.slice(0, colon)), filter.slice(colon + 1)];
  return [familiarName(filter), undefined];
}

/** `docker tag SOURCE TARGET` (docker.ts has parsed the flags and counted the arguments). */
export function dockerTag(cluster: Cluster, source: string, target: string): RunResult {
  // The client parses the new name before it asks the daemon.
  const bad = invalidReference(target);
  if (bad)
    return fail(`Error parsing reference: "${target}" is not a valid repository/tag: ${bad}\n`);
  const res = cluster.docker.tag(source, target);
  if (res.ok) return ok();
  if (res.reason === 'NoSuchImage') {
    const shown =
      /^[0-9a-f]{4,64}$/.test(source) || source.includes(':') ? source : `${source}:latest`;
    return fail(`Error response from daemon: No such image: ${shown}\n`);
  }
  return fail(
    `Error parsing reference: "${target}" is not a valid repository/tag: invalid reference format\n`,
  );
}

/**
 * Why the client refuses a reference before asking the daemon (distribution/reference's
 * ParseNormalizedNamed: the path after the registry host must be lowercase, Docker Hub's names
 * without an account are under library/); undefined for a valid one.
 */
export function invalidReference(ref: string): string | undefined {
  if (parseImageName(ref)) return undefined;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasDomain = /[.:]/.test(first) || first === 'localhost';
  let path = hasDomain ? ref.slice(slash + 1) : ref;
  path = path.replace(/(:[\w][\w.-]*)?(@.*)?$/, '');
  if (!hasDomain && !path.includes('/')) path = `library/${path}`;
  return path !== path.toLowerCase() && parseImageName(ref.toLowerCase())
    ? `invalid reference format: repository name (${path}) must be lowercase`
    : 'invalid reference format';
}
