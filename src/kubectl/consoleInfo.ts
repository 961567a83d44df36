/**
 * What the learner's shell says about its commands and environment: `type [-t] NAME…`,
 * `which NAME…`, `command -v NAME…`, `env` and `printenv [NAME…]`, and the answers for what a
 * terminal does that this console cannot (`watch`, `history`), as bash and the Ubuntu machine of
 * a kubeadm course (kubectl from the Kubernetes apt repository in /usr/bin) would.
 */
import type { RunResult } from './host.ts';

/** bash's reserved words. */
const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  '{',
  '}',
  '!',
  '[[',
  ']]',
]);

/** The builtins the console's shell has. */
const BUILTINS = new Set([
  'cd',
  'pwd',
  'export',
  'unset',
  'alias',
  'unalias',
  'echo',
  'printf',
  'test',
  '[',
  'true',
  'false',
  ':',
  'read',
  'let',
  'exit',
  'logout',
  'break',
  'continue',
  'type',
  'command',
  'history',
  'source',
  '.',
  'complete',
  'set',
]);

/** Programs of the machine, and where they are. */
const PROGRAMS: Readonly<Record<string, string>> = {
  kubectl: '/usr/bin/kubectl',
  kubeadm: '/usr/bin/kubeadm',
  kubelet: '/usr/bin/kubelet',
  ssh: '/usr/bin/ssh',
  cat: '/usr/bin/cat',
  ls: '/usr/bin/ls',
  mkdir: '/usr/bin/mkdir',
  rmdir: '/usr/bin/rmdir',
  touch: '/usr/bin/touch',
  cp: '/usr/bin/cp',
  mv: '/usr/bin/mv',
  rm: '/usr/bin/rm',
  date: '/usr/bin/date',
  sleep: '/usr/bin/sleep',
  xargs: '/usr/bin/xargs',
  grep: '/usr/bin/grep',
  wc: '/usr/bin/wc',
  head: '/usr/bin/head',
  tail: '/usr/bin/tail',
  sort: '/usr/bin/sort',
  uniq: '/usr/bin/uniq',
  cut: '/usr/bin/cut',
  tr: '/usr/bin/tr',
  sed: '/usr/bin/sed',
  awk: '/usr/bin/awk',
  seq: '/usr/bin/seq',
  base64: '/usr/bin/base64',
  env: '/usr/bin/env',
  printenv: '/usr/bin/printenv',
  watch: '/usr/bin/watch',
  clear: '/usr/bin/clear',
  which: '/usr/bin/which',
  tee: '/usr/bin/tee',
  echo: '/usr/bin/echo',
  printf: '/usr/bin/printf',
  test: '/usr/bin/test',
  '[': '/usr/bin/[',
  true: '/usr/bin/true',
  false: '/usr/bin/false',
};

/** Programs only some machines have: the laptop's docker (the docker-ce-cli package's path). */
export const DOCKER_PROGRAM: Readonly<Record<string, string>> = { docker: '/usr/bin/docker' };
/** The simulation's own `sim` command, where the console has it (the host's `sim` hook). */
export const SIM_PROGRAM: Readonly<Record<string, string>> = { sim: '/usr/local/bin/sim' };

/** Where program `n` is: the machine's, or one of `extra` (DOCKER_PROGRAM on the laptop). */
function programPath(
  n: string,
  extra: Readonly<Record<string, string>> | undefined,
): string | undefined {
  return Object.hasOwn(PROGRAMS, n)
    ? PROGRAMS[n]
    : extra && Object.hasOwn(extra, n)
      ? extra[n]
      : undefined;
}

const ok = (stdout: string, stderr = '', exitCode = 0): RunResult => ({ stdout, stderr, exitCode });

/** `type [-t] NAME…`: alias, keyword, builtin or file, in bash's words. */
export function typeBuiltin(
  args: readonly string[],
  aliases: ReadonlyMap<string, string>,
  extra?: Readonly<Record<string, string>>,
): RunResult {
  const terse = args.includes('-t');
  const names = args.filter((a) => a !== '-t' && a !== '--');
  let stdout = '';
  let stderr = '';
  for (const n of names) {
    const alias = aliases.get(n);
    if (alias !== undefined) stdout += terse ? 'alias\n' : `${n} is aliased to \`${alias}'\n`;
    else if (KEYWORDS.has(n)) stdout += terse ? 'keyword\n' : `${n} is a shell keyword\n`;
    else if (BUILTINS.has(n)) stdout += terse ? 'builtin\n' : `${n} is a shell builtin\n`;
    else if (programPath(n, extra) !== undefined)
      stdout += terse ? 'file\n' : `${n} is ${programPath(n, extra)}\n`;
    else if (!terse) stderr += `bash: type: ${n}: not found\n`;
  }
  const missing = names.some(
    (n) =>
      !aliases.has(n) &&
      !KEYWORDS.has(n) &&
      !BUILTINS.has(n) &&
      programPath(n, extra) === undefined,
  );
  return ok(stdout, stderr, missing ? 1 : 0);
}

/** `which NAME…`: the path of each program found; status 1 when one is not. */
export function whichCommand(
  args: readonly string[],
  extra?: Readonly<Record<string, string>>,
): RunResult {
  const names = args.filter((a) => !a.startsWith('-'));
  const found = names.filter((n) => programPath(n, extra) !== undefined);
  return ok(
    found.map((n) => `${programPath(n, extra)}\n`).join(''),
    '',
    found.length === names.length && names.length > 0 ? 0 : 1,
  );
}

/** `command -v NAME…`: how bash would run each (an alias as its definition). */
export function commandV(
  args: readonly string[],
  aliases: ReadonlyMap<string, string>,
  extra?: Readonly<Record<string, string>>,
): RunResult {
  let stdout = '';
  let status = 0;
  for (const n of args) {
    const alias = aliases.get(n);
    if (alias !== undefined) stdout += `alias ${n}='${alias.replace(/'/g, "'\\''")}'\n`;
    else if (KEYWORDS.has(n) || BUILTINS.has(n)) stdout += `${n}\n`;
    else if (programPath(n, extra) !== undefined) stdout += `${programPath(n, extra)}\n`;
    else status = 1;
  }
  return ok(stdout, '', status);
}

/** `env` (no arguments) and `printenv [NAME…]` over the exported variables. */
export function envCommand(
  name: 'env' | 'printenv',
  args: readonly string[],
  exported: ReadonlyMap<string, string>,
): RunResult | undefined {
  if (args.length === 0) return ok([...exported].map(([k, v]) => `${k}=${v}\n`).join(''));
  if (name === 'env') return undefined;
  const set = args.filter((a) => exported.has(a));
  return ok(
    set.map((a) => `${exported.get(a)}\n`).join(''),
    '',
    set.length === args.length ? 0 : 1,
  );
}

/** `watch …`: a full-screen program the console cannot draw. */
export function watchCommand(): RunResult {
  return ok(
    '',
    'watch: this console cannot redraw a full screen: use kubectl get … --watch (-w), or a loop such as for i in 1 2 3; do kubectl get pods; sleep 2; done\n',
    1,
  );
}

/** `history`: the console keeps it in its input line. */
export function historyBuiltin(): RunResult {
  return ok(
    '',
    'bash: history: this console keeps its history in the input line: press ↑ and ↓\n',
    0,
  );
}
