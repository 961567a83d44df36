/**
 * Every command this console runs has kubectl 1.32's help page: its Long text, examples and an
 * Options list with defaults and usages (a command without an entry in helpText.ts would print
 * its flags bare, as `--hard='':` with nothing under it).
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, type Command } from './commands/registry.ts';
import { COMMAND_HELP } from './helpText.ts';
import { engineSession } from './testing/engineSession.ts';

/** [path without `kubectl`, command] of every command with a `run` that parses its flags. */
function runnable(cmds: readonly Command[], parent = ''): [string, Command][] {
  return cmds.flatMap((c) => {
    const path = parent ? `${parent} ${c.name}` : c.name;
    const here: [string, Command][] = c.run && !c.looseFlags ? [[path, c]] : [];
    return [...here, ...runnable(c.children ?? [], path)];
  });
}

const CREATE_PRIORITYCLASS_HELP = `Create a priority class with the specified name, value, globalDefault and description.

Aliases:
priorityclass, pc

Examples:
  # Create a priority class named high-priority
  kubectl create priorityclass high-priority --value=1000 --description="high priority"
  
  # Create a priority class named default-priority that is considered as the global default priority
  kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"
  
  # Create a priority class named high-priority that cannot preempt pods with lower priority
  kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"

Options:
    --allow-missing-template-keys=true:
\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to
\tgolang and jsonpath output formats.

    --description='':
\tdescription is an arbitrary string that usually provides guidelines on when this priority class should be
\tused.

    --dry-run='none':
\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without
\tsending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
\tName of the manager used to track field ownership.

    --global-default=false:
\tglobal-default specifies whether this PriorityClass should be considered as the default priority.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath,
\tjsonpath-as-json, jsonpath-file).

    --preemption-policy='PreemptLowerPriority':
\tpreemption-policy is the policy for preempting pods with lower priority.

    --save-config=false:
\tIf true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will
\tbe unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --show-managed-fields=false:
\tIf true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format
\tis golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
\tMust be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate
\tthe input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation
\tis enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will
\twarn about unknown or duplicate fields without blocking the request if server-side field validation is enabled
\ton the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema
\tvalidation, silently dropping any unknown or duplicate fields.

    --value=0:
\tthe value of this priority class.

Usage:
  kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const VIEW_LAST_APPLIED_HELP = `View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.

Examples:
  # View the last-applied-configuration annotations by type/name in YAML
  kubectl apply view-last-applied deployment/nginx
  
  # View the last-applied-configuration annotations by file in JSON
  kubectl apply view-last-applied -f deploy.yaml -o json

Options:
    --all=false:
\tSelect all resources in the namespace of the specified resource types

    -f, --filename=[]:
\tFilename, directory, or URL to files that contains the last-applied-configuration annotations

    -k, --kustomize='':
\tProcess the kustomization directory. This flag can't be used together with -f or -R.

    -o, --output='yaml':
\tOutput format. Must be one of (yaml, json)

    -R, --recursive=false:
\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests
\torganized within the same directory.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching
\tobjects must satisfy all of the specified label constraints.

Usage:
  kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

describe('help text coverage', () => {
  it('every runnable command has its Long text, and its options with usages', () => {
    const missing: string[] = [];
    const commands = runnable(COMMANDS);
    expect(commands.map(([p]) => p)).toEqual(
      expect.arrayContaining(['create quota', 'set env', 'apply view-last-applied', 'exec']),
    );
    for (const [path, cmd] of commands) {
      const help = COMMAND_HELP[path];
      if (!(help?.long ?? cmd.long)) missing.push(`${path}: no Long text`);
      const flags = (cmd.flags ?? []).filter((f) => f.deprecated === undefined);
      if (flags.length > 0 && !help?.flags) {
        missing.push(`${path}: no option usages`);
        continue;
      }
      for (const f of flags) {
        const h = help?.flags?.find((x) => x.name === f.name);
        if (!h) missing.push(`${path}: --${f.name} missing from its help`);
        else if (h.usage === '') missing.push(`${path}: --${f.name} has no usage`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('run and expose have no --validate, rollout restart no --dry-run: unknown flags, as in 1.32', () => {
    const { run } = engineSession(1);
    expect(run('kubectl run x --image=nginx --validate=false')).toEqual({
      out: '',
      err: "error: unknown flag: --validate\nSee 'kubectl run --help' for usage.\n",
      code: 1,
    });
    expect(run('kubectl expose deploy x --port=80 --validate=false').err).toBe(
      "error: unknown flag: --validate\nSee 'kubectl expose --help' for usage.\n",
    );
    expect(run('kubectl rollout restart deploy/x --dry-run=client').err).toBe(
      "error: unknown flag: --dry-run\nSee 'kubectl rollout restart --help' for usage.\n",
    );
  });

  it('kubectl create priorityclass --help: the whole page', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create priorityclass --help')).toEqual({
      out: CREATE_PRIORITYCLASS_HELP,
      err: '',
      code: 0,
    });
  });

  it('kubectl apply view-last-applied -h: the whole page, -o defaulting to yaml', () => {
    const { run } = engineSession(1);
    expect(run('kubectl apply view-last-applied -h')).toEqual({
      out: VIEW_LAST_APPLIED_HELP,
      err: '',
      code: 0,
    });
  });

  it("kubectl help -h: the help command's own page, not the root help", () => {
    const { run } = engineSession(1);
    expect(run('kubectl help -h').out).toBe(`Help provides help for any command in the application.
Simply type kubectl help [path to command] for full details.

Usage:
  kubectl help [command] [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
  });
});
