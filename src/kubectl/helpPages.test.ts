/**
 * `--help` as kubectl 1.32 prints it in a terminal 120 columns or wider: the Long text and the
 * rest of the page word-wrapped at 120 (term.NewResponsiveWriter), each option as
 * `    -s, --name=default:` with its usage on tab-indented lines wrapped at 110, options sorted by
 * name with a blank line after each.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const CREATE_DEPLOYMENT_HELP = `Create a deployment with the specified name.

Aliases:
deployment, deploy

Examples:
  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox
  
  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date
  
  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3
  
  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701
  
  # Create a deployment named my-dep that runs multiple containers
  kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx

Options:
    --allow-missing-template-keys=true:
\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to
\tgolang and jsonpath output formats.

    --dry-run='none':
\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without
\tsending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
\tName of the manager used to track field ownership.

    --image=[]:
\tImage names to run. A deployment can have multiple images set for multi-container pod.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath,
\tjsonpath-as-json, jsonpath-file).

    --port=-1:
\tThe containerPort that this deployment exposes.

    -r, --replicas=1:
\tNumber of replicas to create. Default is 1.

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

Usage:
  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

describe('help pages', () => {
  it('kubectl create deployment --help: the whole page', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create deployment --help')).toEqual({
      out: CREATE_DEPLOYMENT_HELP,
      err: '',
      code: 0,
    });
    // -h and the alias print the same page.
    expect(run('kubectl create deploy -h').out).toBe(CREATE_DEPLOYMENT_HELP);
  });

  it('kubectl get -h: Long wrapped at 120, then options with defaults and wrapped usages', () => {
    const { run } = engineSession(3);
    const help = run('kubectl get -h').out;
    expect(help).toMatch(
      /^Display one or many resources\.\n\n Prints a table of the most important information about the specified resources\. You can filter the list using a label\nselector and the --selector flag\./,
    );
    const options = help.slice(help.indexOf('Options:\n'));
    expect(
      options.startsWith(`Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even
\tif specified with --namespace.

    --allow-missing-template-keys=true:
\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to
\tgolang and jsonpath output formats.

    --chunk-size=500:
\tReturn large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in
\tthe future.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector
\tkey1=value1,key2=value2). The server only supports a limited number of field queries per type.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

`),
    ).toBe(true);
    // A usage over several lines: each continuation line starts with a tab.
    expect(options).toContain(`    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath,
\tjsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns
\t[https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template
\t[http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template
\t[https://kubernetes.io/docs/reference/kubectl/jsonpath/].

`);
    // The usage line is longer than the terminal, so it wraps too.
    expect(options).toContain(`Usage:
  kubectl get
[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide]
(TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]
`);
  });

  it('kubectl --help: the command groups of kubectl 1.32', () => {
    const { run } = engineSession(3);
    const help = run('kubectl --help');
    expect(help.code).toBe(0);
    expect(
      help.out.startsWith(`kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
`),
    ).toBe(true);
    expect(help.out).toContain(`Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
    // A listed command this console lacks says so when run.
    expect(run('kubectl edit deployment web').err).toBe(
      'error: "kubectl edit" is not available in this simulated cluster\n',
    );
  });

  it('kubectl options: the global flags; its -h prints nothing', () => {
    const { run } = engineSession(3);
    const out = run('kubectl options').out;
    expect(out).toMatch(
      /^The following options can be passed to any command:\n\n {4}--as='':\n\tUsername to impersonate/,
    );
    expect(out).toContain(
      "    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n\n",
    );
    expect(out).toMatch(/ {4}--warnings-as-errors=false:\n\tTreat warnings [^\n]*\n\n$/);
    expect(run('kubectl options -h')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl options --bogus')).toEqual({
      out: '',
      err: "error: unknown flag: --bogus\nRun 'kubectl options' without flags.\n",
      code: 1,
    });
  });

  it("kubectl help COMMAND: that command's help; an unknown topic gets the root usage on stderr", () => {
    const { run } = engineSession(3);
    expect(run('kubectl help create deployment')).toEqual(run('kubectl create deployment --help'));
    expect(run('kubectl help').out).toBe(run('kubectl --help').out);
    const unknown = run('kubectl help foo');
    expect(unknown.out).toBe('');
    expect(unknown.code).toBe(0);
    expect(unknown.err).toMatch(
      /^Unknown help topic \[`foo`\]\n\n\nBasic Commands \(Beginner\):\n/,
    );
  });

  it('run, logs and events open with their Long text', () => {
    const { run } = engineSession(3);
    const help = run('kubectl run --help');
    expect(help.out).toMatch(
      /^Create and run a particular image in a pod\.\n\nExamples:\n {2}# Start a nginx pod\n {2}kubectl run nginx --image=nginx\n {2}\n {2}# Start a hazelcast pod and let the container expose port 5701\n/,
    );
    expect(help.out).toContain(
      '  # Start the nginx pod using a different command and custom arguments\n  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>\n\nOptions:\n',
    );
    // 129 characters: the terminal wraps it at 120.
    expect(run('kubectl logs -h').out).toMatch(
      /^Print the logs for a container in a pod or specified resource\. If the pod has only one container, the container name is\noptional\.\n\n/,
    );
    expect(run('kubectl events --help').out).toMatch(
      /^Display events\.\n\n Prints a table of the most important information about events\. You can request events for a namespace, for all\nnamespace, or filtered to only those pertaining to a specified resource\.\n\nExamples:\n {2}# List recent events in the default namespace\n {2}kubectl events\n/,
    );
  });

  it('patch: its Long text, the YAML example with its escaped newline, --type and its default', () => {
    const { run } = engineSession(3);
    const help = run('kubectl patch --help').out;
    expect(help).toMatch(
      /^Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch\.\n\n JSON and YAML formats are accepted\.\n/,
    );
    expect(help).toContain("  kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'\n");
    expect(help).toContain(
      "    --type='strategic':\n\tThe type of patch being provided; one of [json merge strategic]\n",
    );
    expect(help).toContain(
      'Usage:\n  kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]\n',
    );
  });
});
