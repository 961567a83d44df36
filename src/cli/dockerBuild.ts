/**
 * `docker build` on the developer's laptop, as docker 28's client does it without the buildx
 * plugin (the legacy builder): it reads the build context (PATH) and the Dockerfile from the
 * laptop's files, prints its deprecation notice and `Sending build context to Docker daemon`,
 * and the daemon's classic builder runs the Dockerfile step by step (the engine's `planBuild`).
 * The image is then stored by the engine's registry (cluster.docker.build), which records it
 * for a replay.
 */
import type { Cluster } from '../engine/index.ts';
import { familiarName, parseImageName, planBuild, tarSize } from '../engine/registry/index.ts';
import type { OutputChunk, RunResult } from '../kubectl/index.ts';
import { createWorkspace, HOME_DIR, type Workspace } from '../kubectl/workspace.ts';
import type { DockerEnv } from './docker.ts';
import { LEGACY_BUILDER_NOTICE } from './dockerHelp.ts';
import { humanSize } from './dockerLocal.ts';

export { LEGACY_BUILDER_NOTICE };

/** How the command was called: `build` or `image build` (its usage and errors name it). */
export interface BuildCall {
  path?: 'build' | 'image build';
  /**
   * The help's text (stdout) for `--help` or the deprecated `-h` (`short`), printed once every
   * flag parsed (cobra: an unknown flag wins over help) and after the notice.
   */
  help?: (short: boolean) => string;
}

/** The end of a flag or argument error of the client: usage, then where to look. */
const usageTail = (path: string) =>
  `\nUsage:  docker ${path} [OPTIONS] PATH | URL | -\n\nRun 'docker ${path} --help' for more information\n`;

/** Flags that take a value (long names; `-t` and `-f` are their short forms). */
const VALUE_FLAGS = new Set([
  'tag',
  'file',
  'build-arg',
  'label',
  'target',
  'network',
  'platform',
  'iidfile',
  'add-host',
  'cache-from',
  'cgroup-parent',
  'cpu-shares',
  'cpuset-cpus',
  'memory',
  'shm-size',
  'ulimit',
  'isolation',
  'security-opt',
]);
const BOOL_FLAGS = new Set([
  'quiet',
  'no-cache',
  'pull',
  'rm',
  'force-rm',
  'compress',
  'disable-content-trust',
]);
const SHORT: Readonly<Record<string, string>> = {
  t: 'tag',
  f: 'file',
  q: 'quiet',
  m: 'memory',
  h: 'help',
};

interface Options {
  tags: string[];
  file?: string;
  quiet: boolean;
  noCache: boolean;
  pull: boolean;
  buildArgs: Map<string, string>;
  labels: [string, string][];
  target?: string;
  context?: string;
  /** `--help` (false) or the deprecated `-h` (true) was given. */
  help?: boolean;
}

/**
 * Why a `-t` value is refused, as distribution/reference's ParseNormalizedNamed words it
 * (the name in upper case: `repository name (library/Web) must be lowercase`).
 */
function tagError(tag: string): string | undefined {
  const name = parseImageName(tag);
  if (name && !name.digest) return undefined;
  if (!name && parseImageName(tag.toLowerCase())) {
    const slash = tag.indexOf('/');
    const first = slash < 0 ? '' : tag.slice(0, slash);
    const hasDomain = /[.:]/.test(first) || first === 'localhost';
    let path = (hasDomain ? tag.slice(slash + 1) : tag).replace(/:[^/:]*$/, '');
    if (!hasDomain && !path.includes('/')) path = `library/${path}`;
    if (path !== path.toLowerCase())
      return `invalid reference format: repository name (${path}) must be lowercase`;
  }
  return 'invalid reference format';
}

/** The client's flag parsing (cobra/pflag): the options, or the error it prints (exit 125). */
function parseOptions(rest: string[], path: string): Options | { error: string; exit: number } {
  const o: Options = {
    tags: [],
    quiet: false,
    noCache: false,
    pull: false,
    buildArgs: new Map(),
    labels: [],
  };
  const positional: string[] = [];
  const flagError = (text: string) => ({ error: `${text}\n${usageTail(path)}`, exit: 125 });
  const set = (name: string, value: string): { error: string; exit: number } | undefined => {
    if (name === 'tag') {
      const why = tagError(value);
      if (why) return flagError(`invalid argument "${value}" for "-t, --tag" flag: ${why}`);
      o.tags.push(value);
    } else if (name === 'file') o.file = value;
    else if (name === 'build-arg') {
      const eq = value.indexOf('=');
      // `--build-arg KEY` takes KEY from the client's environment, which is empty here.
      if (eq >= 0) o.buildArgs.set(value.slice(0, eq), value.slice(eq + 1));
    } else if (name === 'label') {
      const eq = value.indexOf('=');
      o.labels.push(eq < 0 ? [value, ''] : [value.slice(0, eq), value.slice(eq + 1)]);
    } else if (name === 'target') o.target = value;
    return undefined;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (name === 'help' && eq < 0) {
        o.help ??= false;
        continue;
      }
      if (BOOL_FLAGS.has(name)) {
        const value = eq < 0 ? 'true' : a.slice(eq + 1);
        if (value !== 'true' && value !== 'false') {
          return flagError(
            `invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
          );
        }
        const on = value === 'true';
        if (name === 'quiet') o.quiet = on;
        else if (name === 'no-cache') o.noCache = on;
        else if (name === 'pull') o.pull = on;
        continue;
      }
      if (!VALUE_FLAGS.has(name)) return flagError(`unknown flag: --${name}`);
      let value: string;
      if (eq >= 0) value = a.slice(eq + 1);
      else if (i + 1 < rest.length) value = rest[++i] as string;
      else return flagError(`flag needs an argument: --${name}`);
      const err = set(name, value);
      if (err) return err;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      // Short flags, possibly grouped (`-qt web`); a value flag takes the rest or the next word.
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const name = SHORT[c];
        if (!name) return flagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (name === 'quiet') {
          o.quiet = true;
          continue;
        }
        if (name === 'help') {
          o.help = true;
          continue;
        }
        let value = a.slice(j + 1).replace(/^=/, '');
        if (value === '') {
          if (i + 1 >= rest.length) return flagError(`flag needs an argument: '${c}' in -${c}`);
          value = rest[++i] as string;
        }
        const err = set(name, value);
        if (err) return err;
        break;
      }
      continue;
    }
    positional.push(a);
  }
  // Help comes before the argument count (cobra), after every flag parsed.
  if (o.help !== undefined) return o;
  if (positional.length !== 1) {
    return { error: `docker: 'docker ${path}' requires 1 argument\n${usageTail(path)}`, exit: 1 };
  }
  o.context = positional[0];
  return o;
}

/** `.dockerignore` patterns (`*`, `?`, `**`; `!` exceptions; comments) as a matcher. */
function ignoreMatcher(text: string | undefined): (path: string) => boolean {
  if (text === undefined) return () => false;
  const rules: { re: RegExp; keep: boolean }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const keep = line.startsWith('!');
    if (keep) line = line.slice(1).trim();
    line = line.replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
    if (line === '') continue;
    const body = line
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\/?/g, '@@')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')
      .replace(/@@/g, '(?:.*/)?');
    rules.push({ re: new RegExp(`^${body}(?:/.*)?$`), keep });
  }
  return (path) => {
    let ignored = false;
    for (const r of rules) if (r.re.test(path)) ignored = !r.keep;
    return ignored;
  };
}

/** The build context: the files under `dir` by their path inside it, and its subdirectories. */
function contextOf(fs: Workspace, dir: string): { files: Map<string, string>; dirs: number } {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const ignored = ignoreMatcher(fs.read(`${prefix}.dockerignore`));
  const files = new Map<string, string>();
  const dirs = new Set<string>();
  for (const abs of fs.list()) {
    if (!abs.startsWith(prefix)) continue;
    const rel = abs.slice(prefix.length);
    // The Dockerfile and .dockerignore are always sent, whatever .dockerignore says.
    if (rel !== 'Dockerfile' && rel !== '.dockerignore' && ignored(rel)) continue;
    files.set(rel, fs.read(abs) ?? '');
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return { files, dirs: dirs.size };
}

/**
 * `docker build [OPTIONS] PATH` (`rest`: the words after `build`). `call`: `image build`'s path,
 * and the help docker.ts prints for `--help` / `-h`.
 */
export function dockerBuild(
  cluster: Cluster,
  rest: string[],
  env: DockerEnv = {},
  call: BuildCall = {},
): RunResult {
  const chunks: OutputChunk[] = [{ err: true, text: LEGACY_BUILDER_NOTICE }];
  const done = (exitCode: number): RunResult => {
    const stdout = chunks
      .filter((c) => !c.err)
      .map((c) => c.text)
      .join('');
    const stderr = chunks
      .filter((c) => c.err)
      .map((c) => c.text)
      .join('');
    return { stdout, stderr, exitCode, output: chunks };
  };
  const fail = (text: string, exitCode = 1): RunResult => {
    chunks.push({ err: true, text });
    return done(exitCode);
  };
  const parsed = parseOptions(rest, call.path ?? 'build');
  if ('error' in parsed) return fail(parsed.error, parsed.exit);
  const o = parsed;
  if (o.help !== undefined) {
    // The help, after the notice (the client prints the notice before it parses).
    const path = call.path ?? 'build';
    chunks.push({
      err: false,
      text: call.help?.(o.help) ?? `Usage:  docker ${path} [OPTIONS] PATH | URL | -\n`,
    });
    return done(0);
  }
  // Without the laptop's files (the guided story, scenarios): the home directory's starter project.
  const fs = env.fs ?? createWorkspace();
  const cwd = env.cwd ?? HOME_DIR;
  const prepare = (why: string) => fail(`unable to prepare context: ${why}\n`);

  let dockerfile: string;
  let files: Map<string, string>;
  let dirs = 0;
  let extra: string | undefined;
  if (o.context === '-' && o.file === '-') {
    return fail("invalid argument: can't use stdin for both build context and dockerfile\n");
  }
  if (o.context === '-') {
    // The Dockerfile on stdin, no context.
    dockerfile = env.stdin ?? '';
    files = new Map();
    extra = dockerfile;
  } else {
    const contextPath = o.context as string;
    if (/^(https?|git):\/\/|^git@/.test(contextPath)) {
      // Remote contexts (a Git repository, a tarball's URL) are not simulated: the laptop builds
      // from its own files.
      return prepare(
        `unable to download remote context ${contextPath}: the simulated laptop builds from its own files only`,
      );
    }
    const dir = fs.resolve(contextPath, cwd) ?? cwd;
    if (!fs.isDirectory(dir)) {
      return fs.has(dir)
        ? prepare(`context must be a directory: ${dir}`)
        : prepare(`path "${contextPath}" not found`);
    }
    ({ files, dirs } = contextOf(fs, dir));
    let text: string | undefined;
    if (o.file === '-') text = env.stdin ?? '';
    else {
      const dfPath =
        o.file === undefined
          ? `${dir === '/' ? '' : dir}/Dockerfile`
          : (fs.resolve(o.file, cwd) ?? dir);
      text = fs.read(dfPath);
      if (text === undefined) {
        return prepare(
          `unable to evaluate symlinks in Dockerfile path: lstat ${dfPath}: no such file or directory`,
        );
      }
      // A Dockerfile outside the context is sent along with it.
      const inside = dfPath.startsWith(dir === '/' ? '/' : `${dir}/`);
      if (!inside) extra = text;
    }
    dockerfile = text;
  }
  const sizes = [...files.values()];
  if (extra !== undefined) sizes.push(extra);
  // The upload's progress: on stdout, or (quiet) kept, and printed to stderr if the build fails.
  const progress = `Sending build context to Docker daemon ${humanSize(tarSize(sizes, dirs), 4).padStart(8)}\n`;
  if (!o.quiet) chunks.push({ err: false, text: progress });
  const kept = (text: string) => {
    if (o.quiet) chunks.push({ err: true, text });
  };

  if (dockerfile === '') {
    // The daemon's check before it parses (remotecontext's readAndParseDockerfile).
    const name =
      o.file === undefined || o.file === '-' ? 'Dockerfile' : o.file.replace(/^.*\//, '');
    kept(progress);
    return fail(`Error response from daemon: the Dockerfile (${name}) cannot be empty\n`);
  }
  const outcome = planBuild(cluster.registry, {
    dockerfile,
    files,
    buildArgs: o.buildArgs,
    noCache: o.noCache,
    pull: o.pull,
    ...(o.target !== undefined ? { target: o.target } : {}),
    labels: o.labels,
  });
  const stream = outcome.lines.map((l) => `${l}\n`).join('');
  if (!o.quiet && stream) chunks.push({ err: false, text: stream });
  if (outcome.error || !outcome.plan) {
    const message = outcome.error?.message ?? 'build failed';
    // A refusal before the daemon streamed anything is an error response (HTTP 400); once
    // steps have run the error comes in the stream and the client prints it bare (a quiet build
    // too: the daemon then sends the steps it kept, and the client prints them to stderr).
    const response = outcome.error?.early !== false;
    kept(progress + (response ? '' : stream));
    // What the failed build pulled and committed stays on the laptop.
    if (outcome.plan?.partial) cluster.docker.build('', outcome.plan);
    return fail(
      `${response ? 'Error response from daemon: ' : ''}${message}\n`,
      outcome.error?.code ?? 1,
    );
  }
  const [first, ...others] = o.tags;
  const img = cluster.docker.build(first ?? '', outcome.plan);
  if (!img) return fail(`invalid reference format\n`);
  for (const tag of others) cluster.docker.tag(first as string, tag);
  if (o.quiet) {
    chunks.push({ err: false, text: `sha256:${outcome.plan.id}\n` });
    return done(0);
  }
  const tagged = o.tags.map(
    (t) => `Successfully tagged ${familiarName(parseImageName(t)?.full ?? t)}\n`,
  );
  chunks.push({ err: false, text: `Successfully built ${img.id}\n${tagged.join('')}` });
  return done(0);
}
