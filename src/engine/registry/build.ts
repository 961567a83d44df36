/**
 * What `docker build` makes of a Dockerfile and its build context, as the classic (legacy)
 * builder does it: step by step, each instruction committing an intermediate image on top of
 * the previous one, the build cache answering a step it has made before (same parent, same
 * instruction, same files), FROM pulling its image to the laptop when it is not there.
 *
 * Pure and deterministic: image ids are digests of what went into them (never of the time),
 * so the same project builds to the same image and a replay rebuilds it exactly. The planner
 * only reads the registry; `Registry.build` applies the plan it returns.
 */
import { hex64 } from './digest.ts';
import { expand, type Instruction, keyValues, parseDockerfile } from './dockerfile.ts';
import { familiarName, parseImageName } from './imageName.ts';
import type { ImageManifest, Layer, Registry } from './registry.ts';

/** The image's configuration as the Dockerfile leaves it (what `docker inspect` shows under Config). */
export interface ImageConfig {
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  ExposedPorts?: string[];
  WorkingDir?: string;
  Labels?: Record<string, string>;
  User?: string;
  Volumes?: string[];
  StopSignal?: string;
  Healthcheck?: string[];
  Shell?: string[];
  OnBuild?: string[];
}

/** What a successful build leaves on the laptop: enough to store and to replay it. */
export interface BuildPlan {
  /** Images the build pulled to the laptop first (normalized references). */
  pulls: string[];
  /** The image's layers, its base's first. */
  layers: Layer[];
  /** The image ID, 64 hex characters (`Successfully built` shows the first 12). */
  id: string;
  /** Every step's image ID: the build cache a later build finds. */
  steps: string[];
  config: ImageConfig;
  /**
   * Each committed step as the classic builder records it (its image's parent and history
   * entry): what `docker history` lists. Absent in plans recorded before it existed.
   */
  history?: HistoryStep[];
  /**
   * Images `--pull` asked the registry about and found up to date on the laptop (normalized
   * references): asked like a `docker pull`, nothing downloaded.
   */
  checks?: string[];
  /**
   * A build that failed at a step: what it pulled and the steps it committed stay on the
   * laptop (the next build finds them in the cache), but no image is made.
   */
  partial?: true;
}

/** One step image of a build: its parent image and the history entry it added. */
export interface HistoryStep {
  /** The step's image ID (64 hex). */
  id: string;
  /** The image it was committed on (64 hex; '' on scratch). */
  parent: string;
  /** `CREATED BY` as the classic builder writes it (`/bin/sh -c #(nop)  CMD […]`). */
  createdBy: string;
  /** Unpacked bytes the step's layer adds (0 for a metadata step). */
  size: number;
  /** A metadata step (no layer). */
  empty?: true;
}

/** What the build reads: the Dockerfile, the build context, the command's options. */
export interface BuildInput {
  dockerfile: string;
  /** The build context's files by path inside it (`index.html`, `src/app.js`). */
  files: ReadonlyMap<string, string>;
  buildArgs?: ReadonlyMap<string, string>;
  noCache?: boolean;
  pull?: boolean;
  /** `--target`: the stage to stop after. */
  target?: string;
  /** `--label`s, applied after the Dockerfile's. */
  labels?: readonly [string, string][];
}

export interface BuildOutcome {
  /** What the builder printed (the daemon's stream), line by line. */
  lines: string[];
  plan?: BuildPlan;
  /**
   * Why the build failed. `early`: the daemon refused the request before streaming anything
   * (a Dockerfile it cannot parse), which the client prints as `Error response from daemon: …`.
   */
  error?: {
    message: string;
    early: boolean /** The exit code docker ends with (1 unless a RUN's). */;
    code?: number;
  };
}

/** The build args docker predefines (proxies): passing them is never "not consumed". */
const PREDEFINED_ARGS = new Set([
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
]);

/** A stage's running state. */
interface Stage {
  name?: string;
  /** The current image ID (64 hex). */
  id: string;
  layers: Layer[];
  config: ImageConfig;
  vars: Map<string, string>;
  /** The names ARG declared in this stage (a RUN's history shows their values). */
  args?: Set<string>;
}

/** The size of `files` as a tar stream: a 512-byte header per file, contents in 512-byte blocks, 1 KiB of end marker. */
export function tarSize(contents: Iterable<string>, dirs = 0): number {
  let size = 1024 + dirs * 512;
  for (const c of contents) size += 512 + Math.ceil(utf8Length(c) / 512) * 512;
  return size;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The laptop's ID of a pulled image: its config digest's hex, from the manifest. */
export function pulledImageId(manifest: Pick<ImageManifest, 'digest'>): string {
  return hex64(`config:${manifest.digest}`);
}

/** A shell-form command as the image stores it. */
function shellForm(ins: Instruction, shell: readonly string[]): string[] {
  return ins.json ? ins.args : [...shell, ins.rest];
}

/** `dir/*.html` patterns: `*` and `?` within one path segment. */
function globRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** Context paths as the builder cleans them: `./a//b/` → `a/b`, `.` → ``. */
function cleanRel(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The context files a COPY source names: a file, a directory's files, or a pattern's matches. */
function sourceFiles(files: ReadonlyMap<string, string>, src: string): string[] | undefined {
  const clean = cleanRel(src);
  if (/[*?]/.test(clean)) {
    const re = globRegExp(clean);
    const out: string[] = [];
    for (const path of files.keys()) {
      const segs = path.split('/');
      // A pattern matches a file or a directory the file is in.
      for (let i = 1; i <= segs.length; i++) {
        if (re.test(segs.slice(0, i).join('/'))) {
          out.push(path);
          break;
        }
      }
    }
    return out;
  }
  if (clean === '') return [...files.keys()];
  if (files.has(clean)) return [clean];
  const under = [...files.keys()].filter((p) => p.startsWith(`${clean}/`));
  return under.length > 0 ? under : undefined;
}

/** A plausible compressed size for what a RUN adds: package installs are tens of MB, the rest small. */
function runLayerSize(command: string): number {
  const h = Number.parseInt(hex64(`run:${command}`).slice(0, 8), 16);
  if (
    /\b(apt-get|apt|apk|yum|dnf|pip3?|npm|yarn|go|mvn|gradle)\b.*\b(install|add|build|ci)\b/.test(
      command,
    )
  ) {
    return 8_000_000 + (h % 40_000_000);
  }
  return 128 + (h % 16_384);
}

/**
 * Plan the build of `input` against what the laptop (`registry`) holds. Never throws: a bad
 * Dockerfile or a missing file is an outcome with the builder's error.
 */
export function planBuild(registry: Registry, input: BuildInput): BuildOutcome {
  const lines: string[] = [];
  const parsed = parseDockerfile(input.dockerfile);
  if (!parsed.ok) return { lines, error: { message: parsed.message, early: true } };
  const all = parsed.instructions;
  if (all.length === 0) {
    return { lines, error: { message: 'file with no instructions', early: true } };
  }
  // ARGs before the first FROM are the meta args: FROM may use them, nothing else. Anything
  // else before it has no stage to go in (BuildKit's CurrentStage, an error without the
  // `dockerfile parse error` prefix).
  const firstFrom = all.findIndex((i) => i.name === 'FROM');
  const head = firstFrom < 0 ? all : all.slice(0, firstFrom);
  if (firstFrom < 0 || head.some((i) => i.name !== 'ARG')) {
    return { lines, error: { message: 'no build stage in current context', early: true } };
  }
  const buildArgs = input.buildArgs ?? new Map<string, string>();
  const consumed = new Set<string>();
  const metaVars = new Map<string, string>();
  // `--target`: the steps stop after that stage.
  let steps = all;
  if (input.target !== undefined) {
    const target = input.target.toLowerCase();
    let end = -1;
    for (let i = 0; i < all.length; i++) {
      const ins = all[i] as Instruction;
      if (ins.name === 'FROM' && ins.args[2]?.toLowerCase() === target) {
        end = all.findIndex((n, j) => j > i && n.name === 'FROM');
        if (end < 0) end = all.length;
      }
    }
    if (end < 0) {
      return {
        lines,
        error: {
          message: `failed to reach build target ${input.target} in Dockerfile`,
          early: true,
        },
      };
    }
    steps = all.slice(0, end);
  }
  const total = steps.length;
  const pulls: string[] = [];
  const allSteps: string[] = [];
  const history: HistoryStep[] = [];
  const checks: string[] = [];
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  const salt = input.noCache ? `nocache#${registry.buildCount()}` : '';
  // Layers already on the laptop (a pull says `Already exists` for those).
  const localLayers = registry.heldLayers();

  const failStep = (message: string, code?: number): BuildOutcome => {
    const plan: BuildPlan = {
      pulls,
      layers: [],
      id: '',
      steps: allSteps,
      config: {},
      partial: true,
      ...(checks.length > 0 ? { checks } : {}),
    };
    return { lines, error: { message, early: false, ...(code ? { code } : {}) }, plan };
  };

  /** An image FROM or COPY --from names: on the laptop, or pulled (its lines printed). */
  const imageFor = (
    ref: string,
  ): { id: string; layers: Layer[]; config: ImageConfig } | { error: string } => {
    const name = parseImageName(ref);
    if (!name) return { error: `invalid reference format` };
    const local = registry.localImage(name.full);
    if (local && !input.pull) {
      return {
        id: local.fullId ?? pulledImageId(local),
        layers: local.layers,
        config: local.config ?? {},
      };
    }
    // Pulled by an earlier stage of this build: on the laptop by now.
    const earlier = pulls.includes(name.full) ? registry.resolve(name.full) : undefined;
    if (earlier?.ok) {
      return { id: pulledImageId(earlier.image), layers: earlier.image.layers, config: {} };
    }
    // The laptop's one pull (`docker pull` prints the same lines, then the reference).
    const pulled = registry.previewPull(name.full, localLayers);
    if (!pulled.ok) return { error: pulled.error };
    lines.push(...pulled.lines);
    const m = pulled.manifest;
    if (pulled.upToDate && local) {
      if (!checks.includes(name.full)) checks.push(name.full);
      return {
        id: local.fullId ?? pulledImageId(local),
        layers: local.layers,
        config: local.config ?? {},
      };
    }
    for (const l of m.layers) localLayers.add(l.digest);
    pulls.push(name.full);
    return { id: pulledImageId(m), layers: m.layers, config: {} };
  };

  /** Commit a step: the cache answers, or a container runs (metadata and RUN) or not (COPY). */
  const commit = (
    st: Stage,
    key: string,
    container: boolean,
    output: string | undefined,
    entry: { createdBy: string; size: number; empty?: true },
  ): void => {
    const id = hex64(`step|${st.id}|${key}|${salt}`);
    history.push({ id, parent: st.id === SCRATCH_ID ? '' : st.id, ...entry });
    if (!input.noCache && registry.hasCachedStep(id)) {
      lines.push(' ---> Using cache');
    } else if (container) {
      const c = hex64(`container|${id}`).slice(0, 12);
      lines.push(` ---> Running in ${c}`);
      if (output !== undefined) lines.push(output);
      lines.push(` ---> Removed intermediate container ${c}`);
    }
    lines.push(` ---> ${id.slice(0, 12)}`);
    st.id = id;
    allSteps.push(id);
  };

  let n = 0;
  for (const ins of steps) {
    n++;
    lines.push(`Step ${n}/${total} : ${ins.original}`);
    if (stage === undefined && ins.name === 'ARG') {
      for (const [k, v] of keyValues(ins.rest)) {
        consumed.add(k);
        const value = buildArgs.get(k) ?? (ins.rest.includes('=') ? v : undefined);
        if (value !== undefined) metaVars.set(k, value);
      }
      continue;
    }
    if (ins.name === 'FROM') {
      const ref = expand(ins.args[0] as string, metaVars);
      const named = ins.args.length === 3 ? (ins.args[2] as string).toLowerCase() : undefined;
      const previous = stages.find((s) => s.name !== undefined && s.name === ref.toLowerCase());
      let next: Stage;
      if (previous) {
        next = {
          ...previous,
          name: named,
          layers: [...previous.layers],
          config: structuredClone(previous.config),
          vars: new Map(),
        };
      } else if (ref === 'scratch') {
        next = { name: named, id: SCRATCH_ID, layers: [], config: {}, vars: new Map() };
      } else {
        const img = imageFor(ref);
        if ('error' in img) return failStep(img.error);
        next = {
          name: named,
          id: img.id,
          layers: [...img.layers],
          config: structuredClone(img.config),
          vars: new Map(),
        };
      }
      if (ref !== 'scratch') lines.push(` ---> ${next.id.slice(0, 12)}`);
      stage = next;
      stages.push(next);
      continue;
    }
    const st = stage as Stage;
    const cfg = st.config;
    const env = new Map(st.vars);
    const expandArg = (s: string) => expand(s, env);
    const shell = cfg.Shell ?? ['/bin/sh', '-c'];
    switch (ins.name) {
      case 'RUN': {
        const cmd = shellForm(ins, shell);
        // `RUN false`, `RUN exit N`: the command fails in its container, which is kept.
        const script = cmd.length === 3 && cmd[1] === '-c' ? cmd[2]?.trim() : undefined;
        const failing = script === undefined ? undefined : /^(?:false|exit\s+(\d+))$/.exec(script);
        const code = failing ? Number(failing[1] ?? 1) : 0;
        if (failing && code !== 0) {
          const id = hex64(
            `step|${st.id}|RUN ${JSON.stringify(cmd)}|${salt}|failed${allSteps.length}`,
          );
          lines.push(` ---> Running in ${hex64(`container|${id}`).slice(0, 12)}`);
          return failStep(`The command '${cmd.join(' ')}' returned a non-zero code: ${code}`, code);
        }
        const sizeBytes = runLayerSize(cmd.join(' '));
        commit(
          st,
          `RUN ${JSON.stringify(cmd)} ${JSON.stringify([...st.vars])}`,
          true,
          echoed(cmd, env),
          { createdBy: runCreatedBy(cmd, st, cfg), size: Math.round(sizeBytes * UNPACKED) },
        );
        const layer: Layer = { digest: `sha256:${hex64(`layer|${st.id}`)}`, sizeBytes };
        st.layers.push(layer);
        break;
      }
      case 'COPY':
      case 'ADD': {
        const srcs = ins.args.slice(0, -1).map(expandArg);
        const dest = expandArg(ins.args[ins.args.length - 1] as string);
        const from = ins.flags.from;
        const contents: string[] = [];
        /** The classic builder's source hashes (`file:…`, `dir:…`) for the history. */
        const hashes: string[] = [];
        let key = `${ins.name} ${JSON.stringify(ins.flags)} ${dest}`;
        if (from !== undefined) {
          const source = /^\d+$/.test(from)
            ? stages[Number(from)]
            : stages.find((s) => s.name === from.toLowerCase());
          let sourceId: string;
          if (source) sourceId = source.id;
          else {
            const img = imageFor(from);
            if ('error' in img) return failStep(img.error);
            sourceId = img.id;
          }
          key += `|from ${sourceId} ${JSON.stringify(srcs)}`;
          contents.push(hex64(`${sourceId}|${srcs.join(',')}`).repeat(8));
          hashes.push(`file:${hex64(`${sourceId}|${srcs.join(',')}`)}`);
        } else {
          for (const src of srcs) {
            if (ins.name === 'ADD' && /^https?:\/\//.test(src)) {
              key += `|url ${src}`;
              contents.push(hex64(`url:${src}`).repeat(16));
              hashes.push(`file:${hex64(`url:${src}`)}`);
              continue;
            }
            const found = sourceFiles(input.files, src);
            if (found === undefined) {
              return failStep(
                `${ins.name} failed: file not found in build context or excluded by .dockerignore: stat ${src}: file does not exist`,
              );
            }
            if (found.length === 0)
              return failStep(`${ins.name} failed: no source files were specified`);
            const hashed: string[] = [];
            for (const f of found) {
              const text = input.files.get(f) ?? '';
              key += `|${f}:${hex64(text)}`;
              contents.push(text);
              hashed.push(hex64(text));
            }
            // A named file is `file:`, a directory or a pattern's matches `dir:`.
            const single = found.length === 1 && found[0] === cleanRel(src);
            hashes.push(
              `${single ? 'file' : 'dir'}:${single ? hashed[0] : hex64(hashed.join(','))}`,
            );
          }
        }
        const srcHash = hashes.length === 1 ? hashes[0] : `multi:${hex64(hashes.join(','))}`;
        const chown = ins.flags.chown !== undefined ? `--chown=${ins.flags.chown}` : '';
        commit(st, key, false, undefined, {
          // withCmdCommentString: one argument after the shell, a space at the end (moby's copy).
          createdBy: `${shell.join(' ')} #(nop) ${ins.name} ${chown}${srcHash} in ${dest} `,
          size: contents.reduce((a, c) => a + utf8Length(c), 0),
        });
        st.layers.push({
          digest: `sha256:${hex64(`layer|${st.id}`)}`,
          sizeBytes: tarSize(contents),
        });
        break;
      }
      default: {
        const why = configure(ins, cfg, st.vars, env, buildArgs, consumed, expandArg, shell);
        if (why) return failStep(why);
        if (ins.name === 'ARG') {
          st.args ??= new Set();
          for (const [k] of keyValues(ins.rest)) st.args.add(k);
        }
        commit(
          st,
          `${ins.original} ${JSON.stringify(cfg)} ${JSON.stringify([...st.vars])}`,
          true,
          undefined,
          { createdBy: metaCreatedBy(ins, cfg, expandArg), size: 0, empty: true },
        );
      }
    }
  }
  const last = stage as Stage;
  if (input.labels && input.labels.length > 0) {
    last.config.Labels = { ...last.config.Labels };
    for (const [k, v] of input.labels) last.config.Labels[k] = v;
    // The client's labels are one more step, unprinted, as the classic builder adds them.
    const parent = last.id;
    last.id = hex64(`labels|${last.id}|${JSON.stringify(input.labels)}`);
    const pairs = [...new Map(input.labels)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    history.push({
      id: last.id,
      parent,
      createdBy: `${(last.config.Shell ?? ['/bin/sh', '-c']).join(' ')} #(nop)  LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`,
      size: 0,
      empty: true,
    });
  }
  const unused = [...buildArgs.keys()].filter((k) => !consumed.has(k) && !PREDEFINED_ARGS.has(k));
  if (unused.length > 0) {
    lines.push(`[Warning] One or more build-args [${unused.sort().join(' ')}] were not consumed`);
  }
  return {
    lines,
    plan: {
      pulls,
      layers: last.layers,
      id: last.id,
      steps: allSteps,
      config: last.config,
      history,
      ...(checks.length > 0 ? { checks } : {}),
    },
  };
}

/** The parent of a `FROM scratch` stage's first step. */
const SCRATCH_ID = hex64('scratch');

/** Unpacked bytes per compressed byte (the ratio `docker images` uses). */
const UNPACKED = 2.66;

/**
 * A RUN's `CREATED BY`: its command's words, after `|N K=V…` when the stage's ARGs have values
 * (moby's prependEnvOnCmd; an ENV of the same name wins over the ARG).
 */
function runCreatedBy(cmd: readonly string[], st: Stage, cfg: ImageConfig): string {
  const envKeys = new Set((cfg.Env ?? []).map((e) => e.slice(0, e.indexOf('='))));
  const args = [...(st.args ?? [])]
    .filter((k) => st.vars.has(k) && !envKeys.has(k))
    .sort()
    .map((k) => `${k}=${st.vars.get(k)}`);
  const prefix = args.length > 0 ? `|${args.length} ${args.join(' ')} ` : '';
  return `${prefix}${cmd.join(' ')}`;
}

/** Go's %q of a string slice: `["nginx" "-g" "daemon off;"]`. */
function goQuoteList(list: readonly string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

/**
 * A metadata step's `CREATED BY`, the classic builder's commit message after the shell and
 * `#(nop) ` (moby builder/dockerfile dispatchers.go: withCmdComment puts two words, so two
 * spaces; WORKDIR's older withCmdCommentString one).
 */
function metaCreatedBy(
  ins: Instruction,
  cfg: ImageConfig,
  expandArg: (s: string) => string,
): string {
  const shell = (cfg.Shell ?? ['/bin/sh', '-c']).join(' ');
  const nop = (comment: string) => `${shell} #(nop)  ${comment}`;
  switch (ins.name) {
    case 'ENV':
      return nop(
        `ENV ${keyValues(ins.rest)
          .map(
            ([k]) =>
              `${k}=${(cfg.Env ?? []).find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1) ?? ''}`,
          )
          .join(' ')}`,
      );
    case 'LABEL':
      return nop(
        `LABEL ${keyValues(ins.rest)
          .map(([k, v]) => `${expandArg(k)}=${expandArg(v)}`)
          .join(' ')}`,
      );
    case 'ARG':
      return nop(`ARG ${ins.rest}`);
    case 'EXPOSE':
      return nop(`EXPOSE ${ins.args.map(expandArg).join(' ')}`);
    case 'CMD':
      return nop(`CMD ${goQuoteList(cfg.Cmd ?? [])}`);
    case 'ENTRYPOINT':
      return nop(`ENTRYPOINT ${goQuoteList(cfg.Entrypoint ?? [])}`);
    case 'WORKDIR':
      return `${shell} #(nop) WORKDIR ${cfg.WorkingDir ?? '/'}`;
    case 'VOLUME':
      return nop(`VOLUME [${ins.args.map(expandArg).join(' ')}]`);
    case 'SHELL':
      return nop(`SHELL [${(cfg.Shell ?? []).join(' ')}]`);
    case 'HEALTHCHECK':
      return nop(
        (cfg.Healthcheck ?? [])[0] === 'NONE'
          ? 'HEALTHCHECK &{["NONE"] "0s" "0s" "0s" "0s" \'\\x00\'}'
          : `HEALTHCHECK &{${goQuoteList(cfg.Healthcheck ?? [])} "0s" "0s" "0s" "0s" '\\x00'}`,
      );
    default:
      // USER, STOPSIGNAL, MAINTAINER, ONBUILD: the instruction and its words.
      return nop(`${ins.name} ${expandArg(ins.rest)}`);
  }
}

function jsonStrings(text: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a RUN of a plain `echo` prints in its container (the one command whose output the
 * simulation knows): `RUN echo hello $NAME` prints `hello` and NAME's value. Undefined for
 * anything else (a redirection, a pipe, a second command, another program).
 */
function echoed(cmd: readonly string[], env: ReadonlyMap<string, string>): string | undefined {
  const script = cmd.length === 3 && cmd[1] === '-c' ? (cmd[2] as string) : undefined;
  if (script !== undefined) {
    if (!/^echo(\s|$)/.test(script) || /[|;&><`()\\]|\$\(/.test(script)) return undefined;
    const words = script.slice(4).match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    return words
      .map((w) =>
        w.startsWith("'") ? w.slice(1, -1) : expand(w.startsWith('"') ? w.slice(1, -1) : w, env),
      )
      .join(' ');
  }
  return cmd[0] === 'echo' ? cmd.slice(1).join(' ') : undefined;
}

/** Apply a metadata instruction to the config; the builder's error when it refuses one. */
function configure(
  ins: Instruction,
  cfg: ImageConfig,
  vars: Map<string, string>,
  env: Map<string, string>,
  buildArgs: ReadonlyMap<string, string>,
  consumed: Set<string>,
  expandArg: (s: string) => string,
  shell: readonly string[],
): string | undefined {
  switch (ins.name) {
    case 'ENV': {
      const list = [...(cfg.Env ?? [])];
      for (const [k, raw] of keyValues(ins.rest)) {
        const v = expand(raw, env);
        vars.set(k, v);
        env.set(k, v);
        const at = list.findIndex((e) => e.startsWith(`${k}=`));
        if (at >= 0) list[at] = `${k}=${v}`;
        else list.push(`${k}=${v}`);
      }
      cfg.Env = list;
      return undefined;
    }
    case 'ARG':
      for (const [k, v] of keyValues(ins.rest)) {
        consumed.add(k);
        const value = buildArgs.get(k) ?? (ins.rest.includes('=') ? v : undefined);
        if (value !== undefined && !vars.has(k)) vars.set(k, value);
      }
      return undefined;
    case 'LABEL':
      cfg.Labels = { ...cfg.Labels };
      for (const [k, v] of keyValues(ins.rest)) cfg.Labels[expandArg(k)] = expandArg(v);
      return undefined;
    case 'EXPOSE': {
      const ports = new Set(cfg.ExposedPorts ?? []);
      for (const p of ins.args.map(expandArg)) {
        if (!/^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(p))
          return `invalid containerPort: ${p.split('/')[0]}`;
        ports.add(p.includes('/') ? p.toLowerCase() : `${p}/tcp`);
      }
      cfg.ExposedPorts = [...ports].sort();
      return undefined;
    }
    case 'CMD':
      cfg.Cmd = shellForm(ins, shell);
      return undefined;
    case 'ENTRYPOINT':
      cfg.Entrypoint = shellForm(ins, shell);
      return undefined;
    case 'WORKDIR': {
      const dir = expandArg(ins.args.join(' '));
      const base = cfg.WorkingDir ?? '/';
      cfg.WorkingDir = dir.startsWith('/') ? dir : `${base.replace(/\/$/, '')}/${dir}`;
      return undefined;
    }
    case 'USER':
      cfg.User = expandArg(ins.rest);
      return undefined;
    case 'VOLUME':
      cfg.Volumes = [...new Set([...(cfg.Volumes ?? []), ...ins.args.map(expandArg)])].sort();
      return undefined;
    case 'STOPSIGNAL':
      cfg.StopSignal = expandArg(ins.rest);
      return undefined;
    case 'HEALTHCHECK': {
      const [kind, ...rest] = ins.args;
      if (kind?.toUpperCase() === 'NONE') cfg.Healthcheck = ['NONE'];
      else if (kind?.toUpperCase() === 'CMD') {
        const cmd = ins.rest.replace(/^\S+\s*/, '');
        const json = ins.json || cmd.startsWith('[') ? jsonStrings(cmd) : undefined;
        cfg.Healthcheck = json ? ['CMD', ...json] : ['CMD-SHELL', rest.join(' ')];
      } else return `Unknown type "${kind?.toUpperCase()}" in HEALTHCHECK (try CMD)`;
      return undefined;
    }
    case 'SHELL':
      cfg.Shell = ins.args;
      return undefined;
    case 'ONBUILD':
      cfg.OnBuild = [...(cfg.OnBuild ?? []), ins.rest];
      return undefined;
    case 'MAINTAINER':
      // Kept as the image's author; nothing the config shows.
      return undefined;
    default:
      return undefined;
  }
}
