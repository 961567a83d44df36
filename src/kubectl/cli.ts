/**
 * The kubectl command tree (cobra's role): finds the subcommand, parses its flags with pflag
 * rules, and reports unknown commands and bad flags with cobra's texts.
 */

import { CLIENT_VERSION, KUSTOMIZE_VERSION } from './commands/misc.ts';
import { COMMANDS, type Command, GLOBAL_FLAGS, ROOT_COMMAND_NAMES } from './commands/registry.ts';
import { Ctx } from './context.ts';
import { ExitError } from './errors.ts';
import { type FlagDef, FlagError, parseFlags, takesValue } from './flags.ts';
import type { KubectlHost, RunResult } from './host.ts';

/** Levenshtein distance, case-insensitive like cobra's `ld(s, t, true)`. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i]);
  for (let j = 1; j <= t.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/** cobra's SuggestionsFor: distance ≤ 2 or a prefix, in command order. */
export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  return names.filter(
    (n) => levenshtein(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()),
  );
}

function allFlags(cmd: Command): FlagDef[] {
  return [...(cmd.flags ?? []), ...GLOBAL_FLAGS];
}

function findChild(cmd: Command, name: string): Command | undefined {
  return cmd.children?.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

/** Runs `kubectl <args>` (args without the leading `kubectl`). */
export function runKubectl(host: KubectlHost, args: string[]): RunResult {
  // Find the command path, skipping flags (and their values) as cobra's stripFlags does.
  let cmd: Command = { name: '', children: COMMANDS };
  const path: string[] = [];
  const rest: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (a.startsWith('-') && a.length > 1) {
      rest.push(a);
      if (takesValue(a, allFlags(cmd)) && i + 1 < args.length) rest.push(args[++i] as string);
      continue;
    }
    const child = cmd.children ? findChild(cmd, a) : undefined;
    if (child) {
      cmd = child;
      path.push(child.name);
      continue;
    }
    if (path.length === 0) {
      const sugg = suggestionsFor(a, ROOT_COMMAND_NAMES);
      let msg = `Error: unknown command "${a}" for "kubectl"`;
      if (sugg.length > 0) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
      // kubectl prints `Error: %v\n` for this one, hence the blank line after suggestions.
      return { stdout: '', stderr: `${msg}\n`, exitCode: 1 };
    }
    break;
  }
  rest.push(...args.slice(i));
  const commandPath = ['kubectl', ...path].join(' ');
  if (path.length === 0) {
    if (rest.length === 0 || rest.includes('-h') || rest.includes('--help')) {
      return { stdout: rootHelp(), stderr: '', exitCode: 0 };
    }
  }
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = cmd.looseFlags
      ? parseFlags(
          rest.filter((a) => a === '-h' || a === '--help'),
          allFlags(cmd),
        )
      : parseFlags(rest, allFlags(cmd));
  } catch (e) {
    if (e instanceof FlagError) {
      return {
        stdout: '',
        stderr: `Error: ${e.message}\nSee '${commandPath} --help' for usage.\n`,
        exitCode: 1,
      };
    }
    throw e;
  }
  const ctx = new Ctx(host, parsed, path);
  // pflag prints these while parsing, before the command runs (`--record`).
  for (const line of parsed.deprecations) ctx.err(line);
  ctx.helpText = () => commandHelp(cmd, commandPath);
  if (parsed.help) {
    return { stdout: commandHelp(cmd, commandPath), stderr: '', exitCode: 0 };
  }
  try {
    const ctxName = ctx.str('context');
    if (
      ctxName &&
      path[0] !== 'config' &&
      !host.kubeconfig.contexts.some((c) => c.name === ctxName)
    ) {
      ctx.fail(`context was not found for specified context: ${ctxName}`);
    }
    if (cmd.run && talksToServer(path, ctx) && !serverReachable(host, ctxName)) {
      // kubeconfig's defaults point a context without a (known) cluster at localhost:8080.
      if (path[0] === 'version')
        ctx.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      ctx.err(
        'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      );
      throw new ExitError(1);
    }
    if (!cmd.run) {
      // cmdutil.DefaultSubCommandRun: extra words are a usage error, else the help, exit 1.
      if (parsed.positional.length > 0) {
        ctx.usageError(`unknown command ${JSON.stringify(parsed.positional.join(' '))}`);
      }
      const help = commandHelp(cmd, commandPath);
      if (cmd.helpTo === 'out') ctx.out(help);
      else ctx.err(help);
      return ctx.result(1);
    }
    cmd.run(ctx, parsed.positional);
  } catch (e) {
    if (!(e instanceof ExitError)) throw e;
    ctx.exitCode = e.code;
  }
  return ctx.result(ctx.exitCode);
}

/** Commands that need the API server (config, help and `version --client` do not). */
function talksToServer(path: string[], ctx: Ctx): boolean {
  const first = path[0];
  if (first === 'config' || first === 'help') return false;
  if (first === 'version' && ctx.bool('client')) return false;
  return true;
}

/** Whether the selected context names a cluster the kubeconfig defines. */
function serverReachable(host: KubectlHost, contextFlag: string): boolean {
  const cfg = host.kubeconfig;
  const name = contextFlag || cfg.currentContext;
  const context = cfg.contexts.find((c) => c.name === name);
  if (!context) return false;
  return cfg.clusters.some((c) => c.name === context.cluster);
}

function rootHelp(): string {
  const lines = COMMANDS.filter((c) => c.short).map((c) => `  ${c.name.padEnd(15)}${c.short}`);
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands available in this console:
${lines.join('\n')}

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`;
}

/**
 * A command's help as kubectl's templates (MainHelpTemplate + MainUsageTemplate) lay it out:
 * the Long text (else Short), aliases, examples, subcommands, options, usage and the tips.
 */
function commandHelp(cmd: Command, path: string): string {
  let s = `${(cmd.long ?? cmd.short ?? '').trim()}\n\n`;
  if (cmd.aliases && cmd.aliases.length > 0) {
    s += `Aliases:\n${[cmd.name, ...cmd.aliases].join(', ')}\n\n`;
  }
  if (cmd.example) {
    // templates.Examples: every line trimmed and indented by two spaces, blank ones too.
    s += `Examples:\n${cmd.example
      .split('\n')
      .map((l) => `  ${l.trim()}`)
      .join('\n')}\n\n`;
  }
  const children = cmd.children ?? [];
  if (children.length > 0) {
    // cobra sorts by name and pads each to NamePadding (at least 11), then three spaces.
    const sorted = [...children].sort((a, b) => (a.name < b.name ? -1 : 1));
    const width = Math.max(11, ...sorted.map((c) => c.name.length));
    s += `Available Commands:\n${sorted.map((c) => `  ${c.name.padEnd(width)}   ${c.short ?? ''}`.trimEnd()).join('\n')}\n\n`;
  }
  // pflag hides deprecated flags from the usage text.
  const flags = (cmd.flags ?? []).filter((f) => f.deprecated === undefined);
  if (flags.length > 0) {
    s += `Options:\n${flags.map((f) => `    ${f.short ? `-${f.short}, ` : ''}--${f.name}`).join('\n')}\n\n`;
  }
  s += `Usage:\n  ${cmd.use ?? `${path} [options]`}\n\n`;
  if (children.length > 0) {
    s += `Use "${path} <command> --help" for more information about a given command.\n`;
  }
  s +=
    'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}
