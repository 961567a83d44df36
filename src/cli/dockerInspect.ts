/**
 * `docker history` and `docker inspect` / `docker image inspect` of an image on the laptop, as
 * the docker 28.2.2 client prints what the daemon (non-containerd image store) answers:
 * - history: moby's ImageHistory walks the image's history entries, newest first; the rows
 *   get image IDs along the Parent chain (each classic-builder step image, then the base the
 *   first step was committed on), the rest `<missing>`. A pulled image has no parent.
 * - inspect: the image's JSON (docker's IndentedInspector: the daemon's JSON indented by four
 *   spaces, `<`, `>`, `&` escaped as Go's encoder does) in an array.
 */
import { type Cluster, epochMs } from '../engine/index.ts';
import { baseImageModel } from '../engine/registry/baseHistory.ts';
import type { ImageConfig } from '../engine/registry/build.ts';
import { hex64 } from '../engine/registry/digest.ts';
import { familiarName } from '../engine/registry/imageName.ts';
import {
  catalogueVersion,
  fullImageId,
  type ImageManifest,
  type LocalImage,
  publishedMs,
  type Registry,
} from '../engine/registry/registry.ts';
import { rfc3339 } from '../engine/util/clock.ts';
import type { RunResult } from '../kubectl/index.ts';
import {
  executeTemplate,
  parseTemplate,
  TemplateParseError,
} from '../kubectl/printers/goTemplate.ts';
import { GO_EMPTY_STRUCT } from '../kubectl/printers/goValue.ts';
import { formatted, goJson, humanDuration, humanSize, UNPACKED_RATIO } from './dockerLocal.ts';

const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

/** One row of `docker history`, the daemon's HistoryResponseItem. */
export interface HistoryRow {
  /** `sha256:…`, or `<missing>`. */
  id: string;
  createdMs: number;
  createdBy: string;
  /** Unpacked bytes. */
  size: number;
  comment: string;
}

const unpacked = (compressed: number) => Math.round(compressed * UNPACKED_RATIO);

/** A base image's model: its config and history (by its manifest and name). */
function modelOf(img: LocalImage | ImageManifest) {
  return baseImageModel(
    img,
    catalogueVersion(`${img.repository}:${img.tag}`),
    unpacked(img.sizeBytes),
  );
}

/** The rows of a pulled image (top row `id` when it is on the laptop). */
function baseRows(base: LocalImage | ImageManifest, id: string): HistoryRow[] {
  const published = 'createdMs' in base ? base.createdMs : publishedMs(base.digest);
  const rows = modelOf(base)
    .history.map((h) => ({
      id: '<missing>',
      createdMs: published - h.beforeMs,
      createdBy: h.createdBy,
      size: h.size,
      comment: h.comment,
    }))
    .reverse();
  if (rows[0]) rows[0].id = id;
  return rows;
}

/**
 * The image's history, newest first, and the published image at its root (whose config a
 * built image starts from).
 */
function lineage(
  registry: Registry,
  img: LocalImage | undefined,
  /** Where to start: the image's ID, or a build's step image (64 hex). */
  start = img ? (img.fullId ?? fullImageId(img).slice(7)) : '',
): { rows: HistoryRow[]; base?: LocalImage | ImageManifest } {
  const rows: HistoryRow[] = [];
  let id = start;
  for (;;) {
    const step = registry.stepImage(id);
    if (!step) break;
    rows.push({
      id: `sha256:${id}`,
      createdMs: step.createdMs,
      createdBy: step.createdBy,
      size: step.size,
      comment: '',
    });
    id = step.parent;
    if (id === '') return { rows };
  }
  const base = registry.pulledImage(id);
  if (base && !(rows.length === 0 && img?.config)) {
    const onLaptop = 'createdMs' in base;
    rows.push(...baseRows(base, onLaptop ? `sha256:${id}` : '<missing>'));
    return { rows, base };
  }
  if (rows.length === 0 && img) {
    // A build recorded before the steps were kept: the image alone.
    rows.push({
      id: fullImageId(img),
      createdMs: img.createdMs,
      createdBy: '',
      size: unpacked(img.sizeBytes),
      comment: '',
    });
  }
  return { rows };
}

/** RFC 3339 with the fraction Go's RFC3339Nano keeps (trailing zeros dropped). */
function rfc3339Nano(ms: number): string {
  return new Date(epochMs(ms)).toISOString().replace(/\.?0+Z$/, 'Z');
}

/** go-units' Ellipsis: at most `max` characters, the last one `…` when cut. */
function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

export interface HistoryOptions {
  quiet?: boolean;
  noTrunc?: boolean;
  /** `-H` (default true): sizes and dates for people. */
  human?: boolean;
  format?: string;
}

/** `docker history IMAGE` (docker.ts has parsed the flags and counted the argument). */
export function dockerHistory(cluster: Cluster, ref: string, opts: HistoryOptions = {}): RunResult {
  const { quiet = false, noTrunc = false, human = true } = opts;
  const { registry } = cluster;
  const img = registry.findImage(ref);
  // A step image of a build (the ` ---> ID` lines of its output) has a history too.
  const step = img ? undefined : registry.stepImageId(ref.replace(/^sha256:/, ''));
  if (!img && !step) {
    return fail(`Error response from daemon: No such image: ${noSuchName(ref)}\n`);
  }
  const now = cluster.now();
  const { rows } = lineage(registry, img, step);
  const fields = (r: HistoryRow): Record<string, string> => ({
    ID: r.id === '<missing>' || noTrunc ? r.id : r.id.slice(7, 19),
    CreatedSince: human ? `${humanDuration(now - r.createdMs)} ago` : rfc3339(r.createdMs),
    CreatedAt: rfc3339(r.createdMs),
    CreatedBy: noTrunc
      ? r.createdBy.replace(/\t/g, ' ')
      : ellipsis(r.createdBy.replace(/\t/g, ' '), 45),
    Size: human ? humanSize(r.size, 3) : String(r.size),
    Comment: r.comment,
  });
  // NewHistoryFormat: -q and -H choose among the table formats only; a template of one's own wins.
  let format = opts.format;
  if (format === undefined || format === '' || format === 'table') {
    format = quiet
      ? '{{.ID}}'
      : human
        ? 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}'
        : 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
  }
  return formatted(format, rows.map(fields), HISTORY_HEADERS, '*formatter.historyContext');
}

/** The name as the daemon's `No such image` names it (a bare name gets `:latest`). */
function noSuchName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  return /^(sha256:)?[0-9a-f]{4,64}$/.test(ref) || ref.lastIndexOf(':') > slash || ref.includes('@')
    ? ref
    : `${ref}:latest`;
}

/** Go's JSON encoding of a string or a value (`<`, `>`, `&` as \u003c…). */

/** A built image's config on top of its base's (what the classic builder's commits leave). */
function mergeConfig(base: ImageConfig, own: ImageConfig): ImageConfig {
  const env = [...(base.Env ?? [])];
  for (const e of own.Env ?? []) {
    const key = e.slice(0, e.indexOf('='));
    const at = env.findIndex((x) => x.startsWith(`${key}=`));
    if (at >= 0) env[at] = e;
    else env.push(e);
  }
  const union = (a?: string[], b?: string[]) =>
    a || b ? [...new Set([...(a ?? []), ...(b ?? [])])].sort() : undefined;
  return {
    ...base,
    ...own,
    Env: env.length > 0 ? env : undefined,
    // An ENTRYPOINT of the Dockerfile drops the base's CMD unless the Dockerfile sets one too.
    Cmd: own.Cmd ?? (own.Entrypoint ? undefined : base.Cmd),
    ExposedPorts: union(base.ExposedPorts, own.ExposedPorts),
    Volumes: union(base.Volumes, own.Volumes),
    Labels: base.Labels || own.Labels ? { ...base.Labels, ...own.Labels } : undefined,
  };
}

const set = (list?: string[]) => (list ? Object.fromEntries(list.map((k) => [k, {}])) : null);

/** The daemon's InspectResponse of `img` (API 1.50, overlay2), keys in Go's struct order. */
export function imageJson(registry: Registry, img: LocalImage): Record<string, unknown> {
  const { rows, base } = lineage(registry, img);
  const built = img.config !== undefined;
  const baseModel = base ? modelOf(base) : undefined;
  const cfg = built
    ? mergeConfig(baseModel?.config ?? {}, img.config ?? {})
    : (modelOf(img).config ?? {});
  const parent = built && rows[1] && rows[1].id !== '<missing>' ? rows[1].id : '';
  const names = registry.namesOf(img.id);
  const repoDigests = [
    ...new Set(
      names
        .filter((n) => registry.holdsDigest(n.repository, n.digest))
        .map((n) => `${familiarName(n.repository)}@${n.digest}`),
    ),
  ];
  const dirs = img.layers.map((l) => hex64(`overlay2:${img.id}:${l.digest}`));
  const top = dirs[dirs.length - 1] ?? hex64(`overlay2:${img.id}`);
  const lower = dirs
    .slice(0, -1)
    .reverse()
    .map((d) => `/var/lib/docker/overlay2/${d}/diff`)
    .join(':');
  const healthcheck = cfg.Healthcheck ? { Healthcheck: { Test: cfg.Healthcheck } } : {};
  return {
    Id: fullImageId(img),
    RepoTags: names.map((n) => `${familiarName(n.repository)}:${n.tag}`),
    RepoDigests: repoDigests,
    Parent: parent,
    Comment: rows[0]?.comment ?? '',
    Created: rfc3339Nano(img.createdMs),
    // The classic builder stamps the daemon's version; Docker Hub's BuildKit images have none.
    DockerVersion: built ? '28.2.2' : '',
    Author: '',
    Config: {
      Hostname: '',
      Domainname: '',
      User: cfg.User ?? '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(cfg.ExposedPorts ? { ExposedPorts: set(cfg.ExposedPorts) } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: cfg.Env ?? null,
      Cmd: cfg.Cmd ?? null,
      ...healthcheck,
      Image: parent,
      Volumes: set(cfg.Volumes),
      WorkingDir: cfg.WorkingDir ?? '',
      Entrypoint: cfg.Entrypoint ?? null,
      OnBuild: cfg.OnBuild ?? null,
      Labels: cfg.Labels ?? null,
      ...(cfg.StopSignal ? { StopSignal: cfg.StopSignal } : {}),
      ...(cfg.Shell ? { Shell: cfg.Shell } : {}),
    },
    Architecture: 'amd64',
    Os: 'linux',
    Size: unpacked(img.sizeBytes),
    GraphDriver: {
      Data: {
        ...(lower ? { LowerDir: lower } : {}),
        MergedDir: `/var/lib/docker/overlay2/${top}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${top}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${top}/work`,
      },
      Name: 'overlay2',
    },
    RootFS: {
      Type: 'layers',
      Layers: img.layers.map((l) => `sha256:${hex64(`diff:${l.digest}`)}`),
    },
    Metadata: {
      LastTagTime: built && names.length > 0 ? rfc3339Nano(img.createdMs) : '0001-01-01T00:00:00Z',
    },
  };
}

/**
 * docker's `json` template function (Go's own builtins are the engine's): each
 * `{{json .Path}}` becomes the JSON text of that value, as a string constant.
 */
function withJson(format: string, obj: Record<string, unknown>): string {
  return format.replace(/\{\{-?\s*json\s+((?:\.[A-Za-z0-9_]+)+|\.)\s*-?\}\}/g, (_, path) => {
    let v: unknown = obj;
    for (const key of (path as string).split('.').filter((k) => k !== '')) {
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    }
    return `{{${JSON.stringify(v === undefined ? 'null' : goJson(v))}}}`;
  });
}

/** The template's parse error, if any. */
function parseError(text: string): string | undefined {
  try {
    parseTemplate('', text);
    return undefined;
  } catch (e) {
    if (!(e instanceof TemplateParseError)) throw e;
    return e.message;
  }
}

/**
 * The inspect JSON as a template sees docker's typed struct: Size an int64 (the engine's JSON
 * numbers are float64s: printed as text), a nil slice `[]`, a nil map `map[]`.
 */
function templateData(obj: Record<string, unknown>): Record<string, unknown> {
  const config = { ...(obj.Config as Record<string, unknown>) };
  for (const k of ['Env', 'Cmd', 'Entrypoint', 'OnBuild']) config[k] ??= [];
  for (const k of ['Volumes', 'Labels']) config[k] ??= {};
  // ExposedPorts and Volumes are sets, map[string]struct{}: their values print as `{}`.
  for (const k of ['ExposedPorts', 'Volumes']) {
    const set = config[k] as Record<string, unknown> | undefined;
    if (set) config[k] = Object.fromEntries(Object.keys(set).map((p) => [p, GO_EMPTY_STRUCT]));
  }
  return { ...obj, Size: String(obj.Size), Config: config };
}

/**
 * `docker inspect NAME|ID…` (`image` false: any object; the laptop has only images) and
 * `docker image inspect IMAGE…`, with `-f TEMPLATE`.
 */
export function dockerInspect(
  cluster: Cluster,
  refs: readonly string[],
  opts: { image: boolean; format?: string; type?: string; size?: boolean },
): RunResult {
  const { registry } = cluster;
  const found: Record<string, unknown>[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const ref of refs) {
    const img =
      opts.type === undefined || opts.type === 'image' ? registry.findImage(ref) : undefined;
    if (img) {
      found.push(imageJson(registry, img));
      // docker inspect -s: a size only containers have.
      if (opts.size) warnings.push('WARNING: --size ignored for image');
    } else if (opts.image || opts.type === 'image')
      errors.push(`Error response from daemon: No such image: ${noSuchName(ref)}`);
    else if (opts.type === undefined) errors.push(`Error: No such object: ${ref}`);
    // With --type the daemon's answer for that kind is relayed (the laptop runs none of them).
    else
      errors.push(
        `Error response from daemon: ${NOT_FOUND[opts.type]?.(ref) ?? `No such ${opts.type}: ${ref}`}`,
      );
  }
  let stdout = '';
  const format = opts.format ?? '';
  if (format === '' || format === 'json') {
    // IndentedInspector: `[]` when nothing was found.
    stdout = found.length === 0 ? '[]\n' : `${goJson(found, '    ')}\n`;
  } else {
    // The client parses the template before it asks for anything.
    const bad = parseError(withJson(format, {}));
    if (bad !== undefined) return fail(`template parsing error: ${bad}\n`);
    for (const obj of found) {
      const tmpl = parseTemplate('', withJson(format, obj));
      const data = templateData(obj);
      // docker runs the template on its typed struct (a missing map key prints `<no value>`),
      // then, when that fails, on the raw JSON with missingkey=error.
      let r = executeTemplate(tmpl, data, { missingKeyError: true });
      const at = /executing "" at <([^>]*)>: map has no entry/.exec(r.error ?? '')?.[1];
      if (at !== undefined && /^\.(Config\.Labels|GraphDriver\.Data)\./.test(at)) {
        r = executeTemplate(tmpl, data, { missingKeyError: false });
      }
      if (r.error !== undefined) {
        errors.push(`template parsing error: ${r.error}`);
        continue;
      }
      stdout += `${r.out}\n`;
    }
    // TemplateInspector.Flush: a newline when nothing was printed.
    if (stdout === '') stdout = '\n';
  }
  const warned = warnings.map((w) => `${w}\n`).join('');
  const failed = errors.map((e) => `${e}\n`).join('');
  return {
    stdout,
    stderr: `${warned}${failed}`,
    exitCode: errors.length > 0 ? 1 : 0,
    // The warnings as each object is fetched, the output when it is flushed, then the errors.
    output: [
      { err: true, text: warned },
      { err: false, text: stdout },
      { err: true, text: failed },
    ].filter((c) => c.text !== ''),
  };
}

/** The daemon's "not found" of the other object types `docker inspect --type` asks for. */
const NOT_FOUND: Record<string, (ref: string) => string> = {
  container: (ref) => `No such container: ${ref}`,
  network: (ref) => `network ${ref} not found`,
  volume: (ref) => `get ${ref}: no such volume`,
};
