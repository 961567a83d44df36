/**
 * The developer's `docker` command on the laptop: its subcommands, help and errors, as the
 * docker 28.2.2 client prints them (cobra and pflag: flags anywhere after the command, `--`
 * ends them, `--help` wins once every flag parsed); the help texts are in dockerHelp.ts.
 * `docker build` is in dockerBuild.ts, `docker images` and `docker tag` in dockerLocal.ts.
 * push, pull and login reach the registry through the engine (cluster.docker), which records
 * them as messages; rmi, image prune and logout change only the laptop (recorded as inputs).
 * Real commands the laptop does not model (run, ps, exec…) say so in docker's error style.
 */
import type { Cluster } from '../engine/index.ts';
import { familiarName, parseImageName } from '../engine/registry/index.ts';
import type { RunResult } from '../kubectl/index.ts';
import type { Workspace } from '../kubectl/workspace.ts';
import { dockerBuild } from './dockerBuild.ts';
import { HELP_BODY, HELP_HELP, IMAGE_HELP, SYSTEM_HELP, TOP_HELP } from './dockerHelp.ts';
import { dockerHistory, dockerInspect } from './dockerInspect.ts';
import {
  dockerImages,
  dockerTag,
  humanSize,
  invalidReference,
  UNPACKED_RATIO,
} from './dockerLocal.ts';

/**
 * Where a docker command runs: the laptop's files and working directory (the console's), and
 * what is piped to it. Absent for the guided story and scenarios, which have no workspace.
 */
export interface DockerEnv {
  fs?: Workspace;
  /** Absolute working directory (the console's `cd`); the home directory when absent. */
  cwd?: string;
  stdin?: string;
}

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });
/** stderr printed before stdout (a warning, then the result). */
const errThenOut = (stderr: string, stdout: string, exitCode = 0): RunResult => ({
  stdout,
  stderr,
  exitCode,
  output: [
    { err: true, text: stderr },
    { err: false, text: stdout },
  ].filter((c) => c.text !== ''),
});

const VERSION_LINE = 'Docker version 28.2.2, build e6534b4\n';
const DEPRECATED_H = 'Flag shorthand -h has been deprecated, use --help\n';
const ROOT_USAGE = 'docker [OPTIONS] COMMAND [ARG...]';

interface Flag {
  long: string;
  short?: string;
  /** Takes a value (`--platform linux/amd64`, `-u NAME`). */
  value?: boolean;
}

type Args = readonly ['exact' | 'min' | 'max', number] | readonly ['none'];

interface Command {
  /** Key of HELP_BODY. */
  help: string;
  /** The usage after the command's path. */
  use: string;
  args: Args;
  flags: readonly Flag[];
  run: (cluster: Cluster, p: Parsed, env: DockerEnv, path: string) => RunResult;
}

interface Parsed {
  /** Flag values by long name (`''` for a boolean), the last one given wins. */
  flags: Map<string, string>;
  /** Every value of each flag that takes one, in order (`-f a=1 -f b=2`). */
  multi: Map<string, string[]>;
  args: string[];
}

const FORMAT: Flag = { long: 'format', short: 'f', value: true };
const FORMAT_LONG: Flag = { long: 'format', value: true };
const QUIET: Flag = { long: 'quiet', short: 'q' };
const TRUST: Flag = { long: 'disable-content-trust' };
const PLATFORM: Flag = { long: 'platform', value: true };

/** The flags a command knows but the laptop does not model: a plain refusal. */
function unmodelledFlag(p: Parsed, path: string, names: readonly string[]): RunResult | undefined {
  const name = names.find((n) => p.flags.has(n));
  if (name === undefined) return undefined;
  return fail(
    `docker: '--${name}' of 'docker ${path}' is not modelled on this laptop\n\nRun 'docker ${path} --help' for more information\n`,
  );
}

const PUSH: Command = {
  help: 'push',
  use: '[OPTIONS] NAME[:TAG]',
  args: ['exact', 1],
  flags: [{ long: 'all-tags', short: 'a' }, TRUST, PLATFORM, QUIET],
  run: (cluster, p, _env, path) => {
    const refused = unmodelledFlag(p, path, ['platform']);
    if (refused) return refused;
    const image = p.args[0] as string;
    const bad = invalidReference(image);
    if (bad) return fail(`${bad}\n`);
    const quiet = p.flags.has('quiet');
    if (p.flags.has('all-tags')) {
      if (!untagged(image)) return fail("tag can't be used with --all-tags/-a\n");
      return pushAllTags(cluster, image, quiet);
    }
    const defaultTag = untagged(image) && !quiet ? 'Using default tag: latest\n' : '';
    const res = cluster.docker.push(image);
    if (res.ok) {
      if (quiet) return ok(`${res.image?.ref ?? image}\n`);
      return ok(`${defaultTag}${res.lines.join('\n')}\n`);
    }
    // The progress on stdout, the daemon's error on stderr. An image the laptop does not have:
    // the daemon names the repository first, then refuses (moby's distribution.Push).
    const last = res.lines[res.lines.length - 1] ?? '';
    if (quiet && !last.startsWith('An image does not exist locally')) return fail(`${last}\n`);
    if (last.startsWith('An image does not exist locally')) {
      const name = parseImageName(image);
      const repo = name?.repository ?? image;
      const familiar = familiarName(repo);
      // Other tags of the repository are here: moby then refuses the one tag asked for.
      const otherTags = cluster.registry.localImages().some((i) => i.repository === repo);
      return {
        stdout: quiet ? '' : `${defaultTag}The push refers to repository [${repo}]\n`,
        stderr: otherTags
          ? `tag does not exist: ${familiar}:${name?.tag ?? 'latest'}\n`
          : `An image does not exist locally with the tag: ${familiar}\n`,
        exitCode: 1,
      };
    }
    const progress = res.lines.slice(0, -1);
    return {
      stdout: `${defaultTag}${progress.map((l) => `${l}\n`).join('')}`,
      stderr: `${res.lines[res.lines.length - 1] ?? ''}\n`,
      exitCode: 1,
    };
  },
};

/**
 * `docker push -a NAME`: every tag of the repository on the laptop, in order, under one
 * `The push refers to repository` line (moby pushes the tags one by one); the first refusal stops it.
 */
function pushAllTags(cluster: Cluster, image: string, quiet: boolean): RunResult {
  const repo = parseImageName(image)?.repository ?? image;
  const familiar = familiarName(repo);
  const tags = cluster.registry
    .localImages()
    .filter((i) => i.repository === repo)
    .map((i) => i.tag)
    .sort();
  const header = `The push refers to repository [${repo}]\n`;
  if (tags.length === 0) {
    return {
      stdout: quiet ? '' : header,
      stderr: `An image does not exist locally with the tag: ${familiar}\n`,
      exitCode: 1,
    };
  }
  let out = quiet ? '' : header;
  for (const tag of tags) {
    const res = cluster.docker.push(`${repo}:${tag}`);
    const lines = res.lines.slice(1);
    if (!res.ok) {
      const progress = quiet
        ? ''
        : lines
            .slice(0, -1)
            .map((l) => `${l}\n`)
            .join('');
      return {
        stdout: `${out}${progress}`,
        stderr: `${lines[lines.length - 1] ?? ''}\n`,
        exitCode: 1,
      };
    }
    if (!quiet) out += lines.map((l) => `${l}\n`).join('');
  }
  // -q: the reference as given, normalized (docker's push prints ref.String()).
  return ok(quiet ? `${repo}\n` : out);
}

const PULL: Command = {
  help: 'pull',
  use: '[OPTIONS] NAME[:TAG|@DIGEST]',
  args: ['exact', 1],
  flags: [{ long: 'all-tags', short: 'a' }, TRUST, PLATFORM, QUIET],
  run: (cluster, p, _env, path) => {
    const refused = unmodelledFlag(p, path, ['all-tags', 'platform']);
    if (refused) return refused;
    const image = p.args[0] as string;
    const bad = invalidReference(image);
    if (bad) return fail(`${bad}\n`);
    if (image.includes('@')) {
      return fail(
        `docker: pulling by digest is not modelled on this laptop: pull a tag (docker pull ${image.slice(0, image.indexOf('@'))}:TAG)\n`,
      );
    }
    const quiet = p.flags.has('quiet');
    const defaultTag = untagged(image) && !quiet ? 'Using default tag: latest\n' : '';
    const res = cluster.docker.pull(image);
    if (!res.ok) {
      return { stdout: defaultTag, stderr: `${res.lines.join('\n')}\n`, exitCode: 1 };
    }
    if (quiet) return ok(`${res.lines[res.lines.length - 1]}\n`);
    return ok(`${defaultTag}${res.lines.join('\n')}\n`);
  },
};

const IMAGES: Command = {
  help: 'images',
  use: '[OPTIONS] [REPOSITORY[:TAG]]',
  args: ['max', 1],
  flags: [
    { long: 'all', short: 'a' },
    { long: 'digests' },
    { long: 'filter', short: 'f', value: true },
    { long: 'format', value: true },
    { long: 'no-trunc' },
    QUIET,
    { long: 'tree' },
  ],
  run: (cluster, p, _env, path) => {
    const refused = unmodelledFlag(p, path, ['digests', 'tree']);
    if (refused) return refused;
    const filters = p.multi.get('filter') ?? [];
    const bad = filters.find((f) => !f.includes('='));
    if (bad !== undefined) {
      // pflag's error for a value its parser refuses (opts.FilterOpt.Set).
      return flagError(
        `invalid argument "${bad}" for "-f, --filter" flag: bad format of filter (expected name=value)`,
        usageOf(path, IMAGES),
        path,
      );
    }
    return dockerImages(cluster, p.args[0], {
      quiet: p.flags.has('quiet'),
      noTrunc: p.flags.has('no-trunc'),
      filters,
      format: p.flags.get('format'),
    });
  },
};

const TAG: Command = {
  help: 'tag',
  use: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  args: ['exact', 2],
  flags: [],
  run: (cluster, p) => dockerTag(cluster, p.args[0] as string, p.args[1] as string),
};

const RMI: Command = {
  help: 'rmi',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  args: ['min', 1],
  flags: [{ long: 'force', short: 'f' }, { long: 'no-prune' }, { long: 'platform', value: true }],
  run: (cluster, p, _env, path) => {
    const refused = unmodelledFlag(p, path, ['platform']);
    if (refused) return refused;
    const res = cluster.docker.remove(p.args, p.flags.has('force'));
    return {
      stdout: res.lines.map((l) => `${l}\n`).join(''),
      stderr: res.errors.map((l) => `${l}\n`).join(''),
      exitCode: res.errors.length > 0 ? 1 : 0,
    };
  },
};

const PRUNE_WARNING: Record<'all' | 'dangling', string> = {
  dangling: 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?',
  all: 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?',
};

const PRUNE: Command = {
  help: 'image prune',
  use: '[OPTIONS]',
  args: ['none'],
  flags: [
    { long: 'all', short: 'a' },
    { long: 'filter', value: true },
    { long: 'force', short: 'f' },
  ],
  run: (cluster, p, env, path) => {
    const refused = unmodelledFlag(p, path, ['filter']);
    if (refused) return refused;
    const all = p.flags.has('all');
    let prompt = '';
    if (!p.flags.has('force')) {
      // docker's PromptForConfirmation: only y or Y goes on. Piped input is not echoed; with
      // none, the console stands for a terminal where the learner pressed Enter.
      prompt = `${PRUNE_WARNING[all ? 'all' : 'dangling']} [y/N] `;
      const answer = env.stdin?.split('\n')[0]?.trim();
      if (answer !== 'y' && answer !== 'Y')
        return ok(env.stdin === undefined ? `${prompt}\n` : prompt);
    }
    const res = cluster.docker.prune(all);
    const deleted = res.lines.length > 0 ? `Deleted Images:\n${res.lines.join('\n')}\n\n` : '';
    // go-units HumanSize: four significant digits, of the unpacked size docker images shows.
    const bytes = Math.round(res.reclaimedBytes * UNPACKED_RATIO);
    return ok(`${prompt}${deleted}Total reclaimed space: ${humanSize(bytes, 4)}\n`);
  },
};

/** Docker Hub as `docker login` and `docker logout` accept it. */
const HUB_NAMES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'https://index.docker.io/v1/',
  'https://index.docker.io/v1',
]);
const HUB_DENIED =
  'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n';

const LOGIN: Command = {
  help: 'login',
  use: '[OPTIONS] [SERVER]',
  args: ['max', 1],
  flags: [
    { long: 'password', short: 'p', value: true },
    { long: 'password-stdin' },
    { long: 'username', short: 'u', value: true },
  ],
  run: (cluster, p, env) => {
    const user = p.flags.get('username');
    let password = p.flags.get('password');
    if (p.flags.has('password-stdin')) {
      if (password !== undefined) {
        return fail('conflicting options: cannot specify both --password and --password-stdin\n');
      }
      if (user === undefined) {
        return fail('the --password-stdin option requires --username to be set\n');
      }
    }
    if (user === '') return fail('username is empty\n');
    if (password === '') return fail('password is empty\n');
    const warning =
      password !== undefined
        ? 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n'
        : '';
    if (p.flags.has('password-stdin')) {
      password = (env.stdin ?? '').replace(/\n$/, '').replace(/\r$/, '');
    }
    const server = p.args[0];
    if (server !== undefined && !HUB_NAMES.has(server)) {
      return fail(
        `${warning}docker: this laptop signs in to Docker Hub only; ${server} is not modelled\n`,
      );
    }
    const { registry } = cluster;
    if (user === undefined && password === undefined && registry.signedIn) {
      // The stored credentials are tried first (docker's note, on stderr).
      cluster.docker.login(true);
      return errThenOut(
        `Authenticating with existing credentials... [Username: ${registry.hubUser}]\n\ni Info → To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n`,
        'Login Succeeded\n',
      );
    }
    // Any other way, the laptop knows one account: the learner's (its password is whatever the
    // learner types; the prompt and the browser's device code are left out).
    if ((user !== undefined && user !== registry.hubUser) || password === '') {
      cluster.docker.login(false);
      return fail(`${warning}${HUB_DENIED}`);
    }
    cluster.docker.login(true);
    return errThenOut(warning, 'Login Succeeded\n');
  },
};

const LOGOUT: Command = {
  help: 'logout',
  use: '[SERVER]',
  args: ['max', 1],
  flags: [],
  run: (cluster, p) => {
    const server = p.args[0];
    if (server === undefined || HUB_NAMES.has(server)) cluster.docker.logout();
    return ok(`Removing login credentials for ${server ?? 'https://index.docker.io/v1/'}\n`);
  },
};

/** `docker version`: this client (as the real binary prints it) and the laptop's engine. */
export function versionText(): string {
  const rows: [string, string][] = [
    [' Version:', '28.2.2'],
    [' API version:', '1.50'],
    [' Go version:', 'go1.24.3'],
    [' Git commit:', 'e6534b4'],
    [' Built:', 'Fri May 30 12:07:14 2025'],
    [' OS/Arch:', 'linux/amd64'],
    [' Context:', 'default'],
  ];
  const server: [string, string][] = [
    ['  Version:', '28.2.2'],
    ['  API version:', '1.50 (minimum version 1.24)'],
    ['  Go version:', 'go1.24.3'],
    ['  Git commit:', '45873be'],
    ['  Built:', 'Fri May 30 12:07:14 2025'],
    ['  OS/Arch:', 'linux/amd64'],
    ['  Experimental:', 'false'],
  ];
  // docker's tabwriter: cells at least 20 wide, one space of padding.
  const cell = ([k, v]: [string, string]) => `${k.padEnd(Math.max(20, k.length + 1))}${v}\n`;
  return [
    'Client:\n',
    ...rows.map(cell),
    '\nServer: Docker Engine - Community\n',
    ' Engine:\n',
    ...server.map(cell),
    ' containerd:\n',
    cell(['  Version:', '1.7.27']),
    cell(['  GitCommit:', '05044ec0a9a75232cad458027ca83437aae3f4da']),
    ' runc:\n',
    cell(['  Version:', '1.2.5']),
    cell(['  GitCommit:', 'v1.2.5-0-g59923ef']),
    ' docker-init:\n',
    cell(['  Version:', '0.19.0']),
    cell(['  GitCommit:', 'de40ad0']),
  ].join('');
}

const VERSION: Command = {
  help: 'version',
  use: '[OPTIONS]',
  args: ['none'],
  flags: [FORMAT],
  run: (_c, p, _env, path) => unmodelledFlag(p, path, ['format']) ?? ok(versionText()),
};

const INFO: Command = {
  help: 'info',
  use: '[OPTIONS]',
  args: ['none'],
  flags: [FORMAT],
  run: (cluster, p, _env, path) => {
    const refused = unmodelledFlag(p, path, ['format']);
    if (refused) return refused;
    const { registry } = cluster;
    const images = new Set(
      [...registry.localImages(), ...registry.danglingImages()].map((i) => i.id),
    ).size;
    const lines = [
      'Client:',
      ' Version:    28.2.2',
      ' Context:    default',
      ' Debug Mode: false',
      '',
      'Server:',
      ' Containers: 0',
      '  Running: 0',
      '  Paused: 0',
      '  Stopped: 0',
      ` Images: ${images}`,
      ' Server Version: 28.2.2',
      ' Storage Driver: overlay2',
      ' Cgroup Driver: systemd',
      ' Cgroup Version: 2',
      ' Default Runtime: runc',
      ' Operating System: Ubuntu 24.04.2 LTS',
      ' OSType: linux',
      ' Architecture: x86_64',
      ' Name: laptop',
      ' Docker Root Dir: /var/lib/docker',
      ...(registry.signedIn ? [` Username: ${registry.hubUser}`] : []),
      ' Registry: https://index.docker.io/v1/',
      '',
    ];
    return ok(lines.join('\n'));
  },
};

/** pflag's bool values (`-H=false`, `--human=0`); undefined for one it refuses. */
function boolValue(v: string | undefined, dflt: boolean): boolean | undefined {
  if (v === undefined) return dflt;
  if (v === '') return true;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return undefined;
}

const HISTORY: Command = {
  help: 'history',
  use: '[OPTIONS] IMAGE',
  args: ['exact', 1],
  flags: [FORMAT_LONG, { long: 'human', short: 'H' }, { long: 'no-trunc' }, PLATFORM, QUIET],
  run: (cluster, p, _env, path) => {
    const refused = unmodelledFlag(p, path, ['platform']);
    if (refused) return refused;
    const human = boolValue(p.flags.get('human'), true);
    if (human === undefined) {
      return flagError(
        `invalid argument "${p.flags.get('human')}" for "-H, --human" flag: strconv.ParseBool: parsing "${p.flags.get('human')}": invalid syntax`,
        usageOf(path, HISTORY),
        path,
      );
    }
    return dockerHistory(cluster, p.args[0] as string, {
      quiet: p.flags.has('quiet'),
      noTrunc: p.flags.has('no-trunc'),
      human,
      format: p.flags.get('format'),
    });
  },
};

const INSPECT: Command = {
  help: 'inspect',
  use: '[OPTIONS] NAME|ID [NAME|ID...]',
  args: ['min', 1],
  flags: [FORMAT, { long: 'size', short: 's' }, { long: 'type', value: true }],
  run: (cluster, p) => {
    const type = p.flags.get('type');
    const known = [
      'config',
      'container',
      'image',
      'network',
      'node',
      'plugin',
      'secret',
      'service',
      'task',
      'volume',
    ];
    if (type !== undefined && !known.includes(type)) {
      return fail(`"${type}" is not a valid value for --type\n`);
    }
    return dockerInspect(cluster, p.args, {
      image: false,
      format: p.flags.get('format'),
      type,
      size: p.flags.has('size'),
    });
  },
};

const IMAGE_INSPECT: Command = {
  help: 'image inspect',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  args: ['min', 1],
  flags: [FORMAT, PLATFORM],
  run: (cluster, p, _env, path) =>
    unmodelledFlag(p, path, ['platform']) ??
    dockerInspect(cluster, p.args, { image: true, format: p.flags.get('format') }),
};

/** `docker build`: H2's dockerBuild.ts, but for its help (the legacy builder's notice first). */
const BUILD: Command = {
  help: 'build',
  use: '[OPTIONS] PATH | URL | -',
  args: ['exact', 1],
  flags: [],
  // Never called: command() hands build to dockerBuild (this entry is for its help and usage).
  run: () => ok(),
};

/** Commands by their path, aliases included. */
const COMMANDS: Record<string, Command> = {
  build: BUILD,
  'image build': BUILD,
  push: PUSH,
  'image push': PUSH,
  pull: PULL,
  'image pull': PULL,
  images: IMAGES,
  'image ls': IMAGES,
  'image list': IMAGES,
  tag: TAG,
  'image tag': TAG,
  rmi: RMI,
  'image rm': RMI,
  'image remove': RMI,
  'image prune': PRUNE,
  history: HISTORY,
  'image history': HISTORY,
  inspect: INSPECT,
  'image inspect': IMAGE_INSPECT,
  login: LOGIN,
  logout: LOGOUT,
  version: VERSION,
  info: INFO,
  'system info': INFO,
};

/** The name cobra prints for an alias (`docker image list` is `docker image ls`). */
const CANONICAL_PATH: Record<string, string> = {
  'image list': 'image ls',
  'image remove': 'image rm',
};

/** The docker 28.2.2 client's other commands: real, but the laptop does not model them. */
const UNMODELLED = new Set(
  (
    'run exec ps search builder checkpoint container context manifest network plugin ' +
    'trust volume config node secret service stack swarm attach commit cp create diff events ' +
    'export import kill load logs pause port rename restart rm save start ' +
    'stats stop top unpause update wait'
  ).split(' '),
);
/** Management commands: their help, and their real subcommands the laptop does not model. */
const MANAGEMENT: Record<string, { help: string; unmodelled: ReadonlySet<string> }> = {
  image: {
    help: IMAGE_HELP,
    unmodelled: new Set(['import', 'load', 'save']),
  },
  system: { help: SYSTEM_HELP, unmodelled: new Set(['df', 'events', 'prune']) },
};

function usageOf(path: string, cmd: Command): string {
  return `docker ${CANONICAL_PATH[path] ?? path} ${cmd.use}`;
}

function helpOf(path: string, cmd: Command): string {
  return `Usage:  ${usageOf(path, cmd)}\n\n${HELP_BODY[cmd.help] ?? ''}`;
}

/** A flag error: the message, the command's usage and the hint, exit 125. */
function flagError(message: string, usage: string, helpPath: string): RunResult {
  return fail(
    `${message}\n\nUsage:  ${usage}\n\nRun 'docker${helpPath ? ` ${helpPath}` : ''} --help' for more information\n`,
    125,
  );
}

/** cli.ExactArgs, RequiresMinArgs, RequiresMaxArgs, NoArgs of docker 28.2.2, word for word. */
function argsError(path: string, cmd: Command, n: number): RunResult | undefined {
  const [kind, want = 0] = cmd.args;
  const name = `docker ${CANONICAL_PATH[path] ?? path}`;
  const noun = want === 1 ? 'argument' : 'arguments';
  const usage = `Usage:  ${usageOf(path, cmd)}`;
  if (kind === 'none' && n > 0) {
    return fail(
      `docker: '${name}' accepts no arguments\n\n${usage}\n\nRun '${name} --help' for more information\n`,
    );
  }
  if (kind === 'exact' && n !== want) {
    return fail(
      `docker: '${name}' requires ${want} ${noun}\n\n${usage}\n\nRun '${name} --help' for more information\n`,
    );
  }
  if (kind === 'min' && n < want) {
    return fail(
      `docker: '${name}' requires at least ${want} ${noun}\n\n${usage}\n\nSee '${name} --help' for more information\n`,
    );
  }
  if (kind === 'max' && n > want) {
    // "SRun": the real client's text has this stray S (cli/required.go).
    return fail(
      `docker: '${name}' requires at most ${want} ${noun}\n\n${usage}\n\nSRun '${name} --help' for more information\n`,
    );
  }
  return undefined;
}

interface FlagParse {
  parsed: Parsed;
  help: boolean;
  /** `-h` was used (docker's deprecation note). */
  shortHelp: boolean;
}

/** pflag: flags anywhere, `--` ends them; an error message for an unknown or valueless flag. */
function parseFlags(words: readonly string[], flags: readonly Flag[]): FlagParse | string {
  const out: FlagParse = {
    parsed: { flags: new Map(), multi: new Map(), args: [] },
    help: false,
    shortHelp: false,
  };
  const set = (name: string, value: string) => {
    out.parsed.flags.set(name, value);
    out.parsed.multi.set(name, [...(out.parsed.multi.get(name) ?? []), value]);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') {
      out.parsed.args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      if (name === 'help') {
        out.help = true;
        continue;
      }
      const flag = flags.find((f) => f.long === name);
      if (!flag) return `unknown flag: --${name}`;
      if (!flag.value) set(name, eq >= 0 ? w.slice(eq + 1) : '');
      else if (eq >= 0) set(name, w.slice(eq + 1));
      else if (i + 1 < words.length) set(name, words[++i] as string);
      else return `flag needs an argument: --${name}`;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const c = w[j] as string;
        if (c === 'h') {
          out.help = true;
          out.shortHelp = true;
          continue;
        }
        const flag = flags.find((f) => f.short === c);
        if (!flag) return `unknown shorthand flag: '${c}' in ${w}`;
        if (!flag.value) {
          // `-H=false`: a bool flag's value after `=`.
          if (w[j + 1] === '=') {
            set(flag.long, w.slice(j + 2));
            break;
          }
          set(flag.long, '');
          continue;
        }
        const rest = w.slice(j + 1);
        if (rest !== '') set(flag.long, rest.replace(/^=/, ''));
        else if (i + 1 < words.length) set(flag.long, words[++i] as string);
        else return `flag needs an argument: '${c}' in ${w}`;
        break;
      }
      continue;
    }
    out.parsed.args.push(w);
  }
  return out;
}

/** A reference without a tag or digest (`nginx`, `learner/web`; not `nginx:1.29`). */
function untagged(image: string): boolean {
  const slash = image.lastIndexOf('/');
  return !image.includes('@') && image.lastIndexOf(':') <= slash;
}

function notModelled(path: string): RunResult {
  return fail(
    `docker: 'docker ${path}' is not modelled on this laptop: its docker builds, pulls, tags and pushes images (build, pull, push, images, tag, rmi, history, inspect, login, logout, version, info); containers run in the cluster (kubectl run, kubectl create deployment)\n\nRun 'docker --help' for more information\n`,
  );
}

function unknownCommand(words: string): RunResult {
  return fail(
    `docker: unknown command: docker ${words}\n\nRun 'docker --help' for more information\n`,
  );
}

/** docker's global options (before the command). */
const ROOT_FLAGS: readonly Flag[] = [
  { long: 'config', value: true },
  { long: 'context', short: 'c', value: true },
  { long: 'debug', short: 'D' },
  { long: 'host', short: 'H', value: true },
  { long: 'log-level', short: 'l', value: true },
  { long: 'tls' },
  { long: 'tlscacert', value: true },
  { long: 'tlscert', value: true },
  { long: 'tlskey', value: true },
  { long: 'tlsverify' },
  { long: 'version', short: 'v' },
];

export function runDocker(cluster: Cluster, args: string[], env: DockerEnv = {}): RunResult {
  // The global options stop at the first word that is not one (the command).
  let first = 0;
  while (first < args.length && (args[first] as string).startsWith('-') && args[first] !== '-') {
    const w = args[first] as string;
    const takesValue =
      (w.startsWith('--') &&
        !w.includes('=') &&
        ROOT_FLAGS.some((f) => f.value && f.long === w.slice(2))) ||
      (!w.startsWith('--') && ROOT_FLAGS.some((f) => f.value && w.endsWith(f.short ?? '\0')));
    first += takesValue ? 2 : 1;
  }
  const globals = parseFlags(args.slice(0, Math.min(first, args.length)), ROOT_FLAGS);
  if (typeof globals === 'string') return flagError(globals, ROOT_USAGE, '');
  if (globals.parsed.flags.has('version')) return ok(VERSION_LINE);
  const words = args.slice(first);
  const [sub, ...rest] = words;
  if (sub === undefined) {
    if (globals.shortHelp) return { stdout: TOP_HELP, stderr: DEPRECATED_H, exitCode: 0 };
    return globals.help ? ok(TOP_HELP) : fail(TOP_HELP, 0);
  }
  if (globals.help) {
    const res = helpTopic(words, false);
    return globals.shortHelp ? { ...res, stderr: `${res.stderr}${DEPRECATED_H}` } : res;
  }
  if (sub === 'help') return helpCommand(rest);
  if (MANAGEMENT[sub]) return management(cluster, sub, rest, env);
  if (COMMANDS[sub]) return command(cluster, sub, rest, env);
  if (UNMODELLED.has(sub)) return notModelled(sub);
  return unknownCommand(sub);
}

/** `docker image …`, `docker system …`: a management command. */
function management(cluster: Cluster, name: string, rest: string[], env: DockerEnv): RunResult {
  const { help, unmodelled } = MANAGEMENT[name] as (typeof MANAGEMENT)[string];
  const [sub, ...more] = rest;
  if (sub === undefined) return fail(help, 0);
  if (sub.startsWith('-')) {
    // No flags of its own: only --help (-h) gets past the parse.
    const p = parseFlags(rest, []);
    if (typeof p === 'string') return flagError(p, `docker ${name}`, name);
    if (p.parsed.args.length > 0) return helpTopic([name, ...p.parsed.args], false);
    return ok(p.shortHelp ? `${DEPRECATED_H}${help}` : help);
  }
  const path = `${name} ${sub}`;
  if (COMMANDS[path]) return command(cluster, path, more, env);
  if (unmodelled.has(sub)) return notModelled(path);
  return fail(
    `docker: unknown command: docker ${path}\n\nUsage:  docker ${name}\n\nRun 'docker ${name} --help' for more information\n`,
  );
}

/** One command: its flags, then its help or its argument count, then the command itself. */
function command(cluster: Cluster, path: string, rest: string[], env: DockerEnv): RunResult {
  const cmd = COMMANDS[path] as Command;
  if (cmd === BUILD) {
    // The build's flags and arguments are dockerBuild's (the legacy builder's notice first, on
    // stderr); its help is answered here.
    return dockerBuild(cluster, rest, env, {
      path: path === 'image build' ? 'image build' : 'build',
      help: (short) => `${short ? DEPRECATED_H : ''}${helpOf(path, cmd)}`,
    });
  }
  const parse = parseFlags(rest, cmd.flags);
  if (typeof parse === 'string') return flagError(parse, usageOf(path, cmd), canonical(path));
  if (parse.help) return ok(`${parse.shortHelp ? DEPRECATED_H : ''}${helpOf(path, cmd)}`);
  return (
    argsError(path, cmd, parse.parsed.args.length) ??
    cmd.run(cluster, parse.parsed, env, canonical(path))
  );
}

function canonical(path: string): string {
  return CANONICAL_PATH[path] ?? path;
}

/** `docker help [COMMAND]`. */
function helpCommand(words: string[]): RunResult {
  const parse = parseFlags(words, []);
  if (typeof parse === 'string') return flagError(parse, 'docker help [command]', 'help');
  if (parse.help) return ok(HELP_HELP);
  return helpTopic(parse.parsed.args, true);
}

/** The help of the command `words` name (`docker help image ls`, `docker --help push`). */
function helpTopic(words: readonly string[], viaHelp: boolean): RunResult {
  const [a, b] = words;
  if (a === undefined) return ok(TOP_HELP);
  if (a === 'help') return ok(HELP_HELP);
  const group = MANAGEMENT[a];
  if (group) {
    if (b === undefined || b.startsWith('-')) return ok(group.help);
    const path = `${a} ${b}`;
    const cmd = COMMANDS[path];
    if (cmd) return ok(helpOf(path, cmd));
    if (group.unmodelled.has(b)) return notModelled(path);
    return viaHelp ? fail(`unknown help topic: ${words.slice(1).join(' ')}\n`) : ok(group.help);
  }
  const cmd = COMMANDS[a];
  if (cmd) return ok(helpOf(a, cmd));
  if (UNMODELLED.has(a)) return notModelled(a);
  return viaHelp ? fail(`unknown help topic: ${words.join(' ')}\n`) : unknownCommand(a);
}
