/** Every kubectl command this console knows, with its flags (names as kubectl 1.32 has them). */

import { parseFieldSelector, parseLabelSelector } from '../../engine/apiserver/selectors.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import type { FlagDef } from '../flags.ts';
import { ROOT_GROUPS } from '../helpText.ts';
import { runAttach } from './attach.ts';
import { runAuthCanI, runAuthWhoami } from './auth.ts';
import { runAuthReconcile } from './authReconcile.ts';
import { runAutoscale } from './autoscale.ts';
import { runCertificateApprove, runCertificateDeny } from './certificate.ts';
import { runClusterInfoDump } from './clusterInfoDump.ts';
import { fieldValidation } from './common.ts';
import { runConfig } from './config.ts';
import {
  runConfigDeleteCluster,
  runConfigDeleteUser,
  runConfigSet,
  runConfigUnset,
} from './configSet.ts';
import { runCp } from './cp.ts';
import {
  runCreateCronJob,
  runCreateDeployment,
  runCreateFromFiles,
  runCreateJob,
  runCreateNamespace,
  runCreatePriorityClass,
  runCreateQuota,
  runCreateService,
  runReplace,
  runRun,
} from './create.ts';
import {
  runCreateConfigMap,
  runCreateSecretDockerRegistry,
  runCreateSecretGeneric,
  runCreateSecretTls,
  runCreateServiceAccount,
} from './createData.ts';
import { runCreateIngress } from './createIngress.ts';
import { runCreatePodDisruptionBudget } from './createPdb.ts';
import {
  runCreateClusterRole,
  runCreateClusterRoleBinding,
  runCreateRole,
  runCreateRoleBinding,
} from './createRbac.ts';
import { runCreateToken } from './createToken.ts';
import { DEBUG_FLAGS, runDebug } from './debug.ts';
import { runDelete } from './delete.ts';
import { runDescribe } from './describe.ts';
import { runDiff } from './diff.ts';
import { runEdit, runEditLastApplied } from './edit.ts';
import { runExec } from './exec.ts';
import { runExplain } from './explain.ts';
import { runGet } from './get.ts';
import { runKustomize } from './kustomize.ts';
import { runLogs } from './logs.ts';
import {
  runApiResources,
  runApiVersions,
  runClusterInfo,
  runCordon,
  runDrain,
  runEvents,
  runExpose,
  runMetaChange,
  runRolloutHistory,
  runRolloutPause,
  runRolloutRestart,
  runRolloutStatus,
  runRolloutUndo,
  runScale,
  runSetImage,
  runVersion,
} from './misc.ts';
import { runPatch } from './patch.ts';
import { runPortForward } from './portForward.ts';
import { runSetEnv, runSetResources } from './setEnvResources.ts';
import { runSetLastApplied } from './setLastApplied.ts';
import {
  runSetSelector,
  runSetServiceAccount,
  runSetSubject,
} from './setSelectorServiceAccount.ts';
import { runTaint } from './taint.ts';
import { runViewLastApplied } from './viewLastApplied.ts';
import { runWait } from './wait.ts';

export interface Command {
  name: string;
  aliases?: string[];
  short?: string;
  use?: string;
  flags?: FlagDef[];
  children?: Command[];
  /**
   * Take any flags without parsing them (for commands this console does not have: `exec -it`
   * must answer "not available", not "unknown shorthand flag").
   */
  looseFlags?: boolean;
  /** The Long description as kubectl's templates render it (LongDesc: markdown, trimmed). */
  long?: string;
  /** The Example lines, unindented (templates.Examples indents them by two spaces). */
  example?: string;
  /**
   * For a command that only groups others: the stream cmdutil.DefaultSubCommandRun prints its
   * help to when it is run bare (then exit 1). Most give ErrOut; `rollout` gives Out.
   * `help`: a command with no Run at all (cobra prints the help to stdout and exits 0).
   */
  helpTo?: 'out' | 'err' | 'help';
  run?: (ctx: Ctx, args: string[]) => void;
}

const s = (name: string, short?: string): FlagDef => ({
  name,
  type: 'string',
  ...(short ? { short } : {}),
});
const b = (name: string, short?: string): FlagDef => ({
  name,
  type: 'bool',
  ...(short ? { short } : {}),
});
const arr = (name: string): FlagDef => ({ name, type: 'stringArray' });
const list = (name: string, short?: string): FlagDef => ({
  name,
  type: 'stringSlice',
  ...(short ? { short } : {}),
});

/** kubectl's persistent flags, accepted by every command. */
export const GLOBAL_FLAGS: FlagDef[] = [
  s('namespace', 'n'),
  s('context'),
  s('cluster'),
  s('user'),
  s('kubeconfig'),
  s('server', 's'),
  s('token'),
  { name: 'v', short: 'v', type: 'int32' },
  s('request-timeout'),
  b('insecure-skip-tls-verify'),
  s('as'),
  { name: 'as-group', type: 'stringArray' },
  s('as-uid'),
  s('cache-dir'),
  s('certificate-authority'),
  s('client-certificate'),
  s('client-key'),
  s('tls-server-name'),
  s('username'),
  s('password'),
  b('match-server-version'),
  b('warnings-as-errors'),
  b('disable-compression'),
  s('profile'),
  s('profile-output'),
  { name: 'log-flush-frequency', type: 'duration' },
];

const output = s('output', 'o');
const dryRun: FlagDef = { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' };
const filename = list('filename', 'f');
const selector = s('selector', 'l');
const allNamespaces = b('all-namespaces', 'A');
const validate: FlagDef = { name: 'validate', type: 'string', noOptDefVal: 'strict' };
/** PrintFlags.AddFlags: -o with --template, --show-managed-fields, --allow-missing-template-keys. */
const printFlags = [
  output,
  s('template'),
  b('show-managed-fields'),
  b('allow-missing-template-keys'),
];
const createCommon = [
  output,
  dryRun,
  b('save-config'),
  validate,
  s('field-manager'),
  s('template'),
  b('show-managed-fields'),
  b('allow-missing-template-keys'),
];

/** run and expose: createCommon without --validate (neither command adds it in 1.32). */
const createCommonNoValidate = createCommon.filter((f) => f !== validate);

/** RecordFlags.AddFlags: the deprecated `--record` of create -f, apply, replace, run, expose, scale, label, annotate, patch and set. */
const record: FlagDef = {
  name: 'record',
  type: 'bool',
  deprecated: '--record will be removed in the future',
};

/** A kubectl command the simulated cluster does not offer (`as`: its name under a parent). */
function notHere(name: string, as = name): Command {
  return {
    name: as,
    looseFlags: true,
    run: (ctx) => ctx.fail(`"kubectl ${name}" is not available in this simulated cluster`),
  };
}

export const COMMANDS: Command[] = [
  {
    name: 'create',
    short: 'Create a resource from a file or from stdin',
    long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
    example: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -

# Edit the data in registry.yaml in JSON then create the resource using the edited data
kubectl create -f registry.yaml --edit -o json`,
    use: 'kubectl create -f FILENAME [options]',
    flags: [
      record,
      filename,
      b('edit'),
      s('raw'),
      b('recursive', 'R'),
      selector,
      b('windows-line-endings'),
      s('kustomize', 'k'),
      ...createCommon,
    ],
    run: (ctx) => runCreateFromFiles(ctx, 'create'),
    children: [
      {
        name: 'namespace',
        aliases: ['ns'],
        short: 'Create a namespace with the specified name',
        use: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
        flags: createCommon,
        run: runCreateNamespace,
      },
      {
        name: 'configmap',
        aliases: ['cm'],
        short: 'Create a config map from a local file, directory or literal value',
        use: 'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
        flags: [
          list('from-file'),
          list('from-literal'),
          list('from-env-file'),
          b('append-hash'),
          ...createCommon,
        ],
        run: runCreateConfigMap,
      },
      {
        name: 'secret',
        short: 'Create a secret using a specified subcommand',
        long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
        use: 'kubectl create secret (docker-registry | generic | tls) [options]',
        helpTo: 'err',
        children: [
          {
            name: 'generic',
            short: 'Create a secret from a local file, directory, or literal value',
            use: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
            flags: [
              list('from-file'),
              list('from-literal'),
              list('from-env-file'),
              s('type'),
              b('append-hash'),
              ...createCommon,
            ],
            run: runCreateSecretGeneric,
          },
          {
            name: 'docker-registry',
            short: 'Create a secret for use with a Docker registry',
            use: 'kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
            flags: [
              s('docker-username'),
              s('docker-password'),
              s('docker-email'),
              s('docker-server'),
              list('from-file'),
              b('append-hash'),
              ...createCommon,
            ],
            run: runCreateSecretDockerRegistry,
          },
          {
            name: 'tls',
            short: 'Create a TLS secret',
            use: 'kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
            flags: [s('cert'), s('key'), b('append-hash'), ...createCommon],
            run: runCreateSecretTls,
          },
        ],
      },
      {
        name: 'serviceaccount',
        aliases: ['sa'],
        short: 'Create a service account with the specified name',
        use: 'kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]',
        flags: createCommon,
        run: runCreateServiceAccount,
      },
      {
        name: 'deployment',
        aliases: ['deploy'],
        short: 'Create a deployment with the specified name',
        use: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
        flags: [
          list('image'),
          { name: 'replicas', short: 'r', type: 'int32' },
          { name: 'port', type: 'int32' },
          ...createCommon,
        ],
        run: runCreateDeployment,
      },
      {
        name: 'job',
        short: 'Create a job with the specified name',
        use: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
        flags: [s('image'), s('from'), ...createCommon],
        run: runCreateJob,
      },
      {
        name: 'cronjob',
        aliases: ['cj'],
        short: 'Create a cron job with the specified name',
        use: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
        flags: [s('image'), s('schedule'), s('restart'), ...createCommon],
        run: runCreateCronJob,
      },
      {
        name: 'service',
        aliases: ['svc'],
        short: 'Create a service using a specified subcommand',
        long: 'Create a service using a specified subcommand.',
        use: 'kubectl create service [flags] [options]',
        helpTo: 'err',
        children: [
          {
            name: 'clusterip',
            short: 'Create a ClusterIP service',
            use: 'kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
            flags: [list('tcp'), s('clusterip'), ...createCommon],
            run: (ctx, args) => runCreateService(ctx, args, 'ClusterIP'),
          },
          {
            name: 'nodeport',
            short: 'Create a NodePort service',
            use: 'kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
            flags: [list('tcp'), { name: 'node-port', type: 'int' }, ...createCommon],
            run: (ctx, args) => runCreateService(ctx, args, 'NodePort'),
          },
          {
            name: 'loadbalancer',
            short: 'Create a LoadBalancer service',
            use: 'kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
            flags: [list('tcp'), ...createCommon],
            run: (ctx, args) => runCreateService(ctx, args, 'LoadBalancer'),
          },
          {
            name: 'externalname',
            short: 'Create an ExternalName service',
            use: 'kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]',
            flags: [list('tcp'), s('external-name'), ...createCommon],
            run: (ctx, args) => runCreateService(ctx, args, 'ExternalName'),
          },
        ],
      },
      {
        name: 'ingress',
        aliases: ['ing'],
        short: 'Create an ingress with the specified name',
        use: 'kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
        flags: [
          s('class'),
          { name: 'rule', type: 'stringArray' },
          s('default-backend'),
          { name: 'annotation', type: 'stringArray' },
          ...createCommon,
        ],
        run: runCreateIngress,
      },
      {
        name: 'poddisruptionbudget',
        aliases: ['pdb'],
        short: 'Create a pod disruption budget with the specified name',
        use: 'kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
        flags: [s('min-available'), s('max-unavailable'), s('selector'), ...createCommon],
        run: runCreatePodDisruptionBudget,
      },
      {
        name: 'priorityclass',
        aliases: ['pc'],
        short: 'Create a priority class with the specified name',
        use: 'kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
        flags: [
          { name: 'value', type: 'int32' },
          b('global-default'),
          s('description'),
          s('preemption-policy'),
          ...createCommon,
        ],
        run: runCreatePriorityClass,
      },
      {
        name: 'quota',
        aliases: ['resourcequota'],
        short: 'Create a quota with the specified name',
        use: 'kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
        flags: [s('hard'), s('scopes'), ...createCommon],
        run: runCreateQuota,
      },
      {
        name: 'role',
        short: 'Create a role with single rule',
        use: 'kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
        flags: [list('verb'), list('resource'), arr('resource-name'), ...createCommon],
        run: runCreateRole,
      },
      {
        name: 'clusterrole',
        short: 'Create a cluster role',
        use: 'kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
        flags: [
          list('verb'),
          list('resource'),
          arr('resource-name'),
          list('non-resource-url'),
          arr('aggregation-rule'),
          ...createCommon,
        ],
        run: runCreateClusterRole,
      },
      {
        name: 'rolebinding',
        short: 'Create a role binding for a particular role or cluster role',
        use: 'kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
        flags: [
          s('role'),
          s('clusterrole'),
          arr('user'),
          arr('group'),
          arr('serviceaccount'),
          ...createCommon,
        ],
        run: runCreateRoleBinding,
      },
      {
        name: 'clusterrolebinding',
        short: 'Create a cluster role binding for a particular cluster role',
        use: 'kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
        flags: [
          s('clusterrole'),
          arr('user'),
          arr('group'),
          arr('serviceaccount'),
          ...createCommon,
        ],
        run: runCreateClusterRoleBinding,
      },
      {
        name: 'token',
        short: 'Request a service account token',
        use: 'kubectl create token SERVICE_ACCOUNT_NAME [options]',
        flags: [
          arr('audience'),
          { name: 'duration', type: 'duration' },
          s('bound-object-kind'),
          s('bound-object-name'),
          s('bound-object-uid'),
          output,
          s('template'),
          b('show-managed-fields'),
          b('allow-missing-template-keys'),
        ],
        run: runCreateToken,
      },
    ],
  },
  {
    name: 'run',
    short: 'Run a particular image on the cluster',
    long: 'Create and run a particular image in a pod.',
    example: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
kubectl run nginx --image=nginx --dry-run=client

# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
    use: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
    flags: [
      record,
      s('image'),
      s('port'),
      s('labels', 'l'),
      s('restart'),
      { name: 'env', type: 'stringArray' },
      b('command'),
      b('rm'),
      b('stdin', 'i'),
      b('tty', 't'),
      b('attach'),
      s('image-pull-policy'),
      s('overrides'),
      s('override-type'),
      { name: 'pod-running-timeout', type: 'duration' },
      { name: 'annotations', type: 'stringArray' },
      b('privileged'),
      b('expose'),
      b('leave-stdin-open'),
      b('quiet', 'q'),
      // DeleteFlags (for --rm): accepted whether or not the pod is removed.
      filename,
      b('force'),
      { name: 'grace-period', type: 'int' },
      { name: 'cascade', type: 'string', noOptDefVal: 'background' },
      b('recursive', 'R'),
      s('kustomize', 'k'),
      b('wait'),
      { name: 'timeout', type: 'duration' },
      ...createCommonNoValidate,
    ],
    run: runRun,
  },
  {
    name: 'apply',
    short: 'Apply a configuration to a resource by file name or stdin',
    use: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
    flags: [
      record,
      filename,
      ...printFlags,
      dryRun,
      b('server-side'),
      b('force-conflicts'),
      s('field-manager'),
      b('force'),
      { name: 'grace-period', type: 'int' },
      { name: 'cascade', type: 'string', noOptDefVal: 'background' },
      b('prune'),
      list('prune-allowlist'),
      b('all'),
      selector,
      b('recursive', 'R'),
      validate,
      s('kustomize', 'k'),
      b('overwrite'),
      // The patch of a built-in type comes from its Go struct either way: nothing to change.
      b('openapi-patch'),
      b('wait'),
      { name: 'timeout', type: 'duration' },
    ],
    run: (ctx) => runCreateFromFiles(ctx, 'apply'),
    children: [
      {
        name: 'view-last-applied',
        short: 'View the latest last-applied-configuration annotations of a resource/object',
        use: 'kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]',
        flags: [output, filename, selector, b('all'), b('recursive', 'R'), s('kustomize', 'k')],
        run: runViewLastApplied,
      },
      {
        name: 'edit-last-applied',
        short: 'Edit latest last-applied-configuration annotations of a resource/object',
        use: 'kubectl apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]',
        flags: [
          output,
          filename,
          b('recursive', 'R'),
          s('kustomize', 'k'),
          s('field-manager'),
          validate,
          b('windows-line-endings'),
          b('show-managed-fields'),
          s('template'),
          b('allow-missing-template-keys'),
        ],
        run: runEditLastApplied,
      },
      {
        name: 'set-last-applied',
        short:
          'Set the last-applied-configuration annotation on a live object to match the contents of a file',
        use: 'kubectl apply set-last-applied -f FILENAME [options]',
        flags: [
          output,
          filename,
          dryRun,
          b('create-annotation'),
          s('template'),
          b('show-managed-fields'),
          b('allow-missing-template-keys'),
        ],
        run: runSetLastApplied,
      },
    ],
  },
  {
    name: 'replace',
    short: 'Replace a resource by file name or stdin',
    use: 'kubectl replace -f FILENAME [options]',
    flags: [
      record,
      filename,
      ...printFlags,
      dryRun,
      b('force'),
      { name: 'grace-period', type: 'int' },
      { name: 'cascade', type: 'string', noOptDefVal: 'background' },
      validate,
      s('field-manager'),
      b('recursive', 'R'),
      s('kustomize', 'k'),
      b('save-config'),
      s('raw'),
      b('wait'),
      { name: 'timeout', type: 'duration' },
    ],
    run: (ctx) => runReplace(ctx),
  },
  {
    name: 'get',
    short: 'Display one or many resources',
    use: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|custom-columns|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
    flags: [
      output,
      allNamespaces,
      selector,
      s('field-selector'),
      b('show-labels'),
      b('no-headers'),
      b('watch', 'w'),
      b('watch-only'),
      filename,
      b('ignore-not-found'),
      b('show-kind'),
      list('label-columns', 'L'),
      s('sort-by'),
      { name: 'chunk-size', type: 'int' },
      b('recursive', 'R'),
      s('kustomize', 'k'),
      b('output-watch-events'),
      s('raw'),
      s('subresource'),
      s('template'),
      b('show-managed-fields'),
      b('allow-missing-template-keys'),
    ],
    run: runGet,
  },
  {
    name: 'describe',
    short: 'Show details of a specific resource or group of resources',
    use: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
    flags: [
      selector,
      allNamespaces,
      filename,
      { name: 'show-events', type: 'bool' },
      { name: 'chunk-size', type: 'int' },
      b('recursive', 'R'),
      s('kustomize', 'k'),
    ],
    run: runDescribe,
  },
  {
    name: 'delete',
    short:
      'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    use: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
    flags: [
      filename,
      b('all'),
      allNamespaces,
      selector,
      s('field-selector'),
      b('force'),
      { name: 'grace-period', type: 'int' },
      b('now'),
      b('wait'),
      { name: 'timeout', type: 'duration' },
      b('ignore-not-found'),
      output,
      dryRun,
      { name: 'cascade', type: 'string', noOptDefVal: 'background' },
      s('raw'),
      b('recursive', 'R'),
      s('kustomize', 'k'),
      b('interactive', 'i'),
    ],
    run: runDelete,
  },
  {
    name: 'scale',
    short: 'Set a new size for a deployment, replica set, replication controller, or stateful set',
    use: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
    flags: [
      record,
      { name: 'replicas', type: 'int32' },
      { name: 'current-replicas', type: 'int32' },
      s('resource-version'),
      selector,
      b('all'),
      filename,
      ...printFlags,
      dryRun,
      { name: 'timeout', type: 'duration' },
      b('recursive', 'R'),
      s('kustomize', 'k'),
    ],
    run: runScale,
  },
  {
    name: 'autoscale',
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    use: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
    flags: [
      record,
      { name: 'min', type: 'int32' },
      { name: 'max', type: 'int32' },
      { name: 'cpu-percent', type: 'int32' },
      s('name'),
      filename,
      b('recursive', 'R'),
      s('kustomize', 'k'),
      ...createCommon.filter((fl) => fl !== validate),
    ],
    run: runAutoscale,
  },
  {
    name: 'expose',
    short:
      'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    use: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
    flags: [
      record,
      s('port'),
      s('target-port'),
      s('type'),
      s('name'),
      s('protocol'),
      s('selector'),
      s('labels', 'l'),
      s('cluster-ip'),
      s('external-ip'),
      s('session-affinity'),
      s('load-balancer-ip'),
      s('overrides'),
      s('override-type'),
      filename,
      ...createCommonNoValidate,
      b('recursive', 'R'),
      s('kustomize', 'k'),
    ],
    run: runExpose,
  },
  {
    name: 'set',
    short: 'Set specific features on objects',
    long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
    use: 'kubectl set SUBCOMMAND [options]',
    helpTo: 'err',
    children: [
      {
        name: 'image',
        short: 'Update the image of a pod template',
        use: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
        flags: [
          b('all'),
          selector,
          filename,
          b('local'),
          ...printFlags,
          dryRun,
          record,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runSetImage,
      },
      {
        name: 'env',
        short: 'Update environment variables on a pod template',
        use: 'kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
        flags: [
          { name: 'env', short: 'e', type: 'stringArray' },
          b('list'),
          s('containers', 'c'),
          { name: 'overwrite', type: 'bool' },
          s('prefix'),
          s('from'),
          list('keys'),
          b('resolve'),
          b('all'),
          selector,
          filename,
          b('local'),
          ...printFlags,
          dryRun,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runSetEnv,
      },
      {
        name: 'resources',
        short: 'Update resource requests/limits on objects with pod templates',
        use: 'kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
        flags: [
          s('containers', 'c'),
          s('limits'),
          s('requests'),
          b('all'),
          selector,
          filename,
          b('local'),
          ...printFlags,
          dryRun,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runSetResources,
      },
      {
        name: 'selector',
        short: 'Set the selector on a resource',
        use: 'kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]',
        flags: [
          b('all'),
          filename,
          b('local'),
          s('resource-version'),
          ...printFlags,
          dryRun,
          record,
          s('field-manager'),
          b('recursive', 'R'),
        ],
        run: runSetSelector,
      },
      {
        name: 'serviceaccount',
        aliases: ['sa'],
        short: 'Update the service account of a resource',
        use: 'kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]',
        flags: [
          b('all'),
          filename,
          b('local'),
          ...printFlags,
          dryRun,
          record,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runSetServiceAccount,
      },
      {
        name: 'subject',
        short:
          'Update the user, group, or service account in a role binding or cluster role binding',
        use: 'kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
        flags: [
          b('all'),
          selector,
          filename,
          b('local'),
          { name: 'user', type: 'stringArray' },
          { name: 'group', type: 'stringArray' },
          { name: 'serviceaccount', type: 'stringArray' },
          ...printFlags,
          dryRun,
          s('field-manager'),
        ],
        run: runSetSubject,
      },
    ],
  },
  {
    name: 'rollout',
    short: 'Manage the rollout of a resource',
    // LongDesc renders the tab-indented first line as a code block: hence the 8-space line.
    long: 'Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
    example: `# Rollback to the previous deployment
kubectl rollout undo deployment/abc

# Check the rollout status of a daemonset
kubectl rollout status daemonset/foo

# Restart a deployment
kubectl rollout restart deployment/abc

# Restart deployments with the 'app=nginx' label
kubectl rollout restart deployment --selector=app=nginx`,
    use: 'kubectl rollout SUBCOMMAND [options]',
    helpTo: 'out',
    children: [
      {
        name: 'status',
        short: 'Show the status of the rollout',
        use: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
        flags: [
          { name: 'watch', short: 'w', type: 'bool' },
          { name: 'timeout', type: 'duration' },
          { name: 'revision', type: 'int' },
          filename,
          selector,
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runRolloutStatus,
      },
      {
        name: 'history',
        short: 'View rollout history',
        use: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
        flags: [
          { name: 'revision', type: 'int' },
          filename,
          selector,
          ...printFlags,
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runRolloutHistory,
      },
      {
        name: 'restart',
        short: 'Restart a resource',
        use: 'kubectl rollout restart RESOURCE [options]',
        flags: [
          selector,
          filename,
          ...printFlags,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runRolloutRestart,
      },
      {
        name: 'undo',
        short: 'Undo a previous rollout',
        use: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
        flags: [
          { name: 'to-revision', type: 'int' },
          filename,
          selector,
          ...printFlags,
          dryRun,
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: runRolloutUndo,
      },
      {
        name: 'pause',
        short: 'Mark the provided resource as paused',
        use: 'kubectl rollout pause RESOURCE [options]',
        flags: [
          selector,
          filename,
          ...printFlags,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: (ctx, args) => runRolloutPause(ctx, args, true),
      },
      {
        name: 'resume',
        short: 'Resume a paused resource',
        use: 'kubectl rollout resume RESOURCE [options]',
        flags: [
          selector,
          filename,
          ...printFlags,
          s('field-manager'),
          b('recursive', 'R'),
          s('kustomize', 'k'),
        ],
        run: (ctx, args) => runRolloutPause(ctx, args, false),
      },
    ],
  },
  {
    name: 'label',
    short: 'Update the labels on a resource',
    use: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    flags: [
      record,
      b('overwrite'),
      b('all'),
      selector,
      filename,
      ...printFlags,
      dryRun,
      b('list'),
      b('local'),
      s('resource-version'),
      s('field-manager'),
      s('field-selector'),
      b('recursive', 'R'),
      s('kustomize', 'k'),
      allNamespaces,
    ],
    run: (ctx, args) => runMetaChange(ctx, args, 'labels'),
  },
  {
    name: 'annotate',
    short: 'Update the annotations on a resource',
    use: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    flags: [
      record,
      b('overwrite'),
      b('all'),
      selector,
      filename,
      ...printFlags,
      dryRun,
      b('list'),
      b('local'),
      s('resource-version'),
      s('field-manager'),
      s('field-selector'),
      b('recursive', 'R'),
      s('kustomize', 'k'),
      allNamespaces,
    ],
    run: (ctx, args) => runMetaChange(ctx, args, 'annotations'),
  },
  {
    name: 'cordon',
    short: 'Mark node as unschedulable',
    use: 'kubectl cordon NODE [options]',
    flags: [selector, dryRun],
    run: (ctx, args) => runCordon(ctx, args, true),
  },
  {
    name: 'uncordon',
    short: 'Mark node as schedulable',
    use: 'kubectl uncordon NODE [options]',
    flags: [selector, dryRun],
    run: (ctx, args) => runCordon(ctx, args, false),
  },
  {
    name: 'drain',
    short: 'Drain node in preparation for maintenance',
    use: 'kubectl drain NODE [options]',
    flags: [
      b('ignore-daemonsets'),
      b('delete-emptydir-data'),
      b('force'),
      { name: 'grace-period', type: 'int' },
      { name: 'timeout', type: 'duration' },
      selector,
      s('pod-selector'),
      b('disable-eviction'),
      { name: 'skip-wait-for-delete-timeout', type: 'int' },
      dryRun,
      { name: 'chunk-size', type: 'int' },
    ],
    run: runDrain,
  },
  {
    name: 'logs',
    short: 'Print the logs for a container in a pod',
    long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    use: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
    flags: [
      s('container', 'c'),
      b('follow', 'f'),
      b('previous', 'p'),
      { name: 'tail', type: 'int' },
      b('timestamps'),
      { name: 'since', type: 'duration' },
      s('since-time'),
      b('all-containers'),
      b('all-pods'),
      b('prefix'),
      selector,
      { name: 'max-log-requests', type: 'int' },
      { name: 'limit-bytes', type: 'int' },
      { name: 'pod-running-timeout', type: 'duration' },
      b('ignore-errors'),
      b('insecure-skip-tls-verify-backend'),
    ],
    run: runLogs,
  },
  {
    name: 'events',
    short: 'List events',
    long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
    example: `# List recent events in the default namespace
kubectl events

# List recent events in all namespaces
kubectl events --all-namespaces

# List recent events for the specified pod, then wait for more events and list them as they arrive
kubectl events --for pod/web-pod-13je7 --watch

# List recent events in YAML format
kubectl events -oyaml

# List recent only events of type 'Warning' or 'Normal'
kubectl events --types=Warning,Normal`,
    use: 'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
    flags: [
      allNamespaces,
      s('for'),
      list('types'),
      b('watch', 'w'),
      output,
      // PrintFlags: the template and managed-fields flags come with -o.
      s('template'),
      b('show-managed-fields'),
      b('allow-missing-template-keys'),
      b('no-headers'),
      { name: 'chunk-size', type: 'int' },
    ],
    run: runEvents,
  },
  {
    name: 'explain',
    flags: [s('api-version'), s('output', 'o'), b('recursive')],
    run: runExplain,
  },
  {
    name: 'api-resources',
    short: 'Print the supported API resources on the server',
    use: 'kubectl api-resources [flags] [options]',
    flags: [
      { name: 'namespaced', type: 'bool' },
      s('api-group'),
      output,
      b('no-headers'),
      list('verbs'),
      s('sort-by'),
      b('cached'),
      list('categories'),
    ],
    run: runApiResources,
  },
  {
    name: 'api-versions',
    short: 'Print the supported API versions on the server, in the form of "group/version"',
    run: runApiVersions,
  },
  {
    name: 'cluster-info',
    short: 'Display cluster information',
    run: runClusterInfo,
    children: [
      {
        name: 'dump',
        short: 'Dump relevant information for debugging and diagnosis',
        flags: [
          allNamespaces,
          list('namespaces'),
          output,
          s('output-directory'),
          s('pod-running-timeout'),
          b('show-managed-fields'),
          b('allow-missing-template-keys'),
          s('template'),
        ],
        run: runClusterInfoDump,
      },
    ],
  },
  {
    name: 'version',
    short: 'Print the client and server version information',
    use: 'kubectl version [flags] [options]',
    flags: [b('client'), output],
    run: runVersion,
  },
  {
    name: 'config',
    short: 'Modify kubeconfig files',
    long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
    use: 'kubectl config SUBCOMMAND [options]',
    helpTo: 'err',
    children: [
      {
        name: 'current-context',
        short: 'Display the current-context',
        run: (c, a) => runConfig(c, 'current-context', a),
      },
      {
        name: 'get-contexts',
        short: 'Describe one or many contexts',
        flags: [output, b('no-headers')],
        run: (c, a) => runConfig(c, 'get-contexts', a),
      },
      {
        name: 'get-clusters',
        short: 'Display clusters defined in the kubeconfig',
        run: (c, a) => runConfig(c, 'get-clusters', a),
      },
      {
        name: 'get-users',
        short: 'Display users defined in the kubeconfig',
        run: (c, a) => runConfig(c, 'get-users', a),
      },
      {
        name: 'set-context',
        short: 'Set a context entry in kubeconfig',
        // --cluster and --user are the global flags; --namespace is its own, without -n.
        flags: [b('current'), s('namespace')],
        run: (c, a) => runConfig(c, 'set-context', a),
      },
      {
        name: 'set-cluster',
        short: 'Set a cluster entry in kubeconfig',
        // --server, --certificate-authority, --insecure-skip-tls-verify and --tls-server-name
        // are the global flags' names.
        flags: [b('embed-certs'), s('proxy-url')],
        run: (c, a) => runConfig(c, 'set-cluster', a),
      },
      {
        name: 'set-credentials',
        short: 'Set a user entry in kubeconfig',
        flags: [
          s('client-certificate'),
          s('client-key'),
          s('token'),
          s('username'),
          s('password'),
          b('embed-certs'),
          s('auth-provider'),
          list('auth-provider-arg'),
          s('exec-command'),
          s('exec-api-version'),
          list('exec-arg'),
          arr('exec-env'),
          s('exec-interactive-mode'),
          b('exec-provide-cluster-info'),
        ],
        run: (c, a) => runConfig(c, 'set-credentials', a),
      },
      {
        name: 'use-context',
        aliases: ['use'],
        short: 'Set the current-context in a kubeconfig file',
        run: (c, a) => runConfig(c, 'use-context', a),
      },
      {
        name: 'rename-context',
        short: 'Rename a context from the kubeconfig file',
        run: (c, a) => runConfig(c, 'rename-context', a),
      },
      {
        name: 'delete-context',
        short: 'Delete the specified context from the kubeconfig',
        run: (c, a) => runConfig(c, 'delete-context', a),
      },
      {
        name: 'delete-cluster',
        short: 'Delete the specified cluster from the kubeconfig',
        run: runConfigDeleteCluster,
      },
      {
        name: 'delete-user',
        short: 'Delete the specified user from the kubeconfig',
        run: runConfigDeleteUser,
      },
      {
        name: 'set',
        short: 'Set an individual value in a kubeconfig file',
        flags: [{ name: 'set-raw-bytes', type: 'bool' }],
        run: runConfigSet,
      },
      {
        name: 'unset',
        short: 'Unset an individual value in a kubeconfig file',
        run: runConfigUnset,
      },
      {
        name: 'view',
        short: 'Display merged kubeconfig settings or a specified kubeconfig file',
        flags: [
          b('minify'),
          b('raw'),
          b('flatten'),
          b('merge'),
          output,
          s('template'),
          b('allow-missing-template-keys'),
          b('show-managed-fields'),
        ],
        run: (c, a) => runConfig(c, 'view', a),
      },
    ],
  },
  {
    name: 'certificate',
    short: 'Modify certificate resources',
    use: 'kubectl certificate SUBCOMMAND [options]',
    helpTo: 'help',
    children: ['approve', 'deny'].map((verb) => ({
      name: verb,
      short: `${verb === 'approve' ? 'Approve' : 'Deny'} a certificate signing request`,
      use: `kubectl certificate ${verb} (-f FILENAME | NAME) [options]`,
      flags: [
        filename,
        b('force'),
        s('kustomize', 'k'),
        output,
        b('recursive', 'R'),
        b('allow-missing-template-keys'),
        s('template'),
        b('show-managed-fields'),
      ],
      run: verb === 'approve' ? runCertificateApprove : runCertificateDeny,
    })),
  },
  {
    name: 'edit',
    short: 'Edit a resource on the server',
    use: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
    flags: [
      output,
      filename,
      b('recursive', 'R'),
      s('kustomize', 'k'),
      s('field-manager'),
      b('output-patch'),
      b('save-config'),
      s('subresource'),
      validate,
      b('windows-line-endings'),
      b('show-managed-fields'),
      s('template'),
      b('allow-missing-template-keys'),
    ],
    run: runEdit,
  },
  {
    // completion.go's argument checks; the scripts themselves are not simulated.
    name: 'completion',
    run: (ctx, args) => {
      if (args.length === 0) ctx.usageError('Shell not specified.');
      if (args.length > 1) {
        // (This one reads "Error:" in the real kubectl 1.32.)
        ctx.err(
          "Error: Too many arguments. Expected only the shell type.\nSee 'kubectl completion -h' for help and examples\n",
        );
        throw new ExitError(1);
      }
      if (!['bash', 'zsh', 'fish', 'powershell'].includes(args[0] as string))
        ctx.usageError(`Unsupported shell type ${JSON.stringify(args[0])}.`);
      ctx.fail('"kubectl completion" is not available in this simulated cluster');
    },
  },
  ...['options', 'plugin', 'proxy'].map((name) => notHere(name)),
  {
    name: 'debug',
    short: 'Create debugging sessions for troubleshooting workloads and nodes',
    use: 'kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]',
    flags: DEBUG_FLAGS,
    run: runDebug,
  },
  {
    name: 'kustomize',
    short: 'Build a kustomization target from a directory or URL',
    use: 'kubectl kustomize DIR [flags] [options]',
    flags: [
      output,
      b('as-current-user'),
      b('enable-alpha-plugins'),
      b('enable-helm'),
      { name: 'env', short: 'e', type: 'stringArray' },
      list('helm-api-versions'),
      s('helm-command'),
      b('helm-debug'),
      s('helm-kube-version'),
      s('load-restrictor'),
      arr('mount'),
      b('network'),
      s('network-name'),
      {
        name: 'reorder',
        type: 'string',
        deprecated: "use the new 'sortOptions' field in kustomization.yaml instead.",
      },
    ],
    run: runKustomize,
  },
  {
    name: 'cp',
    short: 'Copy files and directories to and from containers',
    use: 'kubectl cp <file-spec-src> <file-spec-dest> [options]',
    flags: [s('container', 'c'), b('no-preserve'), { name: 'retries', type: 'int' }],
    run: runCp,
  },
  {
    name: 'attach',
    short: 'Attach to a running container',
    use: 'kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]',
    flags: [
      s('container', 'c'),
      b('stdin', 'i'),
      b('tty', 't'),
      b('quiet', 'q'),
      { name: 'pod-running-timeout', type: 'duration' },
    ],
    run: runAttach,
  },
  {
    name: 'port-forward',
    short: 'Forward one or more local ports to a pod',
    use: 'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
    flags: [list('address'), { name: 'pod-running-timeout', type: 'duration' }],
    run: runPortForward,
  },
  {
    name: 'auth',
    short: 'Inspect authorization',
    use: 'kubectl auth [flags] [options]',
    children: [
      {
        name: 'can-i',
        short: 'Check whether an action is allowed',
        use: 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
        flags: [allNamespaces, b('list'), b('no-headers'), b('quiet', 'q'), s('subresource')],
        run: runAuthCanI,
      },
      {
        name: 'whoami',
        short: 'Experimental: Check self subject attributes',
        use: 'kubectl auth whoami [options]',
        flags: [output, b('allow-missing-template-keys'), s('template'), b('show-managed-fields')],
        run: runAuthWhoami,
      },
      {
        name: 'reconcile',
        short:
          'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
        use: 'kubectl auth reconcile -f FILENAME [options]',
        flags: [
          filename,
          b('recursive', 'R'),
          s('kustomize', 'k'),
          output,
          dryRun,
          b('remove-extra-permissions'),
          b('remove-extra-subjects'),
          b('allow-missing-template-keys'),
          s('template'),
          b('show-managed-fields'),
        ],
        run: runAuthReconcile,
      },
    ],
  },
  {
    name: 'diff',
    short: 'Diff the live version against a would-be applied version',
    use: 'kubectl diff -f FILENAME [options]',
    flags: [
      filename,
      b('recursive', 'R'),
      s('kustomize', 'k'),
      selector,
      b('server-side'),
      s('field-manager'),
      b('force-conflicts'),
      b('show-managed-fields'),
      { name: 'concurrency', type: 'int' },
      b('prune'),
      { name: 'prune-allowlist', type: 'stringArray' },
    ],
    run: runDiff,
  },
  {
    name: 'exec',
    short: 'Execute a command in a container',
    long: 'Execute a command in a container.',
    use: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
    example: `# Get output from running the 'date' command from pod mypod, using the first container by default
kubectl exec mypod -- date

# Get output from running the 'date' command in ruby-container from pod mypod
kubectl exec mypod -c ruby-container -- date

# Get output from running the 'date' command from the first pod of the deployment mydeployment, using the first container by default
kubectl exec deploy/mydeployment -- date`,
    flags: [
      s('container', 'c'),
      b('stdin', 'i'),
      b('tty', 't'),
      b('quiet', 'q'),
      filename,
      { name: 'pod-running-timeout', type: 'duration' },
    ],
    run: runExec,
  },
  {
    name: 'patch',
    short: 'Update field(s) of a resource',
    use: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
    flags: [
      s('patch', 'p'),
      s('patch-file'),
      { name: 'type', type: 'string' },
      b('local'),
      s('subresource'),
      filename,
      b('recursive', 'R'),
      s('kustomize', 'k'),
      output,
      dryRun,
      s('field-manager'),
      record,
      s('template'),
      b('show-managed-fields'),
      b('allow-missing-template-keys'),
    ],
    run: runPatch,
  },
  {
    name: 'taint',
    short: 'Update the taints on one or more nodes',
    use: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
    flags: [
      selector,
      b('overwrite'),
      b('all'),
      ...printFlags,
      dryRun,
      validate,
      s('field-manager'),
    ],
    run: runTaint,
  },
  {
    name: 'wait',
    short: 'Experimental: Wait for a specific condition on one or many resources',
    use: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
    flags: [
      s('for'),
      { name: 'timeout', type: 'duration' },
      b('all'),
      allNamespaces,
      selector,
      filename,
      ...printFlags,
      b('recursive', 'R'),
    ],
    run: runWait,
  },
  {
    name: 'top',
    short: 'Display resource (CPU/memory) usage',
    long: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`,
    use: 'kubectl top [flags] [options]',
    helpTo: 'err',
    // No metrics-server add-on is installed, so kubectl answers as it does on such a cluster.
    children: [
      {
        name: 'node',
        aliases: ['nodes', 'no'],
        short: 'Display resource (CPU/memory) usage of nodes',
        use: 'kubectl top node [NAME | -l label] [options]',
        flags: [
          selector,
          s('sort-by'),
          b('no-headers'),
          b('use-protocol-buffers'),
          b('show-capacity'),
        ],
        run: (ctx, args) => runTop(ctx, args, 'node'),
      },
      {
        name: 'pod',
        aliases: ['pods', 'po'],
        short: 'Display resource (CPU/memory) usage of pods',
        use: 'kubectl top pod [NAME | -l label] [options]',
        flags: [
          selector,
          s('field-selector'),
          s('sort-by'),
          b('containers'),
          allNamespaces,
          b('no-headers'),
          b('use-protocol-buffers'),
          b('sum'),
        ],
        run: (ctx, args) => runTop(ctx, args, 'pod'),
      },
    ],
  },
  {
    name: 'help',
    run: (ctx) => ctx.out('Use "kubectl --help" to list the commands of this console.\n'),
  },
];

/**
 * `kubectl top node|pod`: the checks of Complete and Validate, then the discovery of the
 * metrics API, which this cluster (no metrics-server) does not serve.
 */
function runTop(ctx: Ctx, args: string[], what: 'node' | 'pod'): void {
  if (args.length > 1) ctx.usageError(`${what} [NAME | -l label]`);
  const sortBy = ctx.str('sort-by');
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') {
    ctx.fail('--sort-by accepts only cpu or memory');
  }
  const selected =
    ctx.str('selector') !== '' || (what === 'pod' && ctx.str('field-selector') !== '');
  if (args.length === 1 && selected) {
    ctx.fail(
      what === 'pod'
        ? 'only one of NAME or selector can be provided'
        : 'only one of NAME or --selector can be provided',
    );
  }
  // Run: the selectors are parsed before the metrics API is looked for.
  try {
    if (ctx.str('selector') !== '') parseLabelSelector(ctx.str('selector'));
    if (what === 'pod' && ctx.str('field-selector') !== '')
      parseFieldSelector(ctx.str('field-selector'));
  } catch (e) {
    ctx.fail((e as Error).message);
  }
  // top looks for metrics.k8s.io in discovery read afresh (-v=6 shows the two requests).
  ctx.requestLog?.discovery(false);
  ctx.fail('Metrics API not available');
}

/**
 * Root command names in the order cmd.go adds them (the groups, then alpha, config, plugin,
 * version, api-versions, api-resources, options; cobra's help last): cobra's SuggestionsFor
 * walks the commands as added, not sorted, so `kubectl gt` suggests set, get, cp.
 */
const ROOT_ADD_ORDER: readonly string[] = [
  ...ROOT_GROUPS.flatMap((g) => g.commands),
  'alpha',
  'config',
  'plugin',
  'version',
  'api-versions',
  'api-resources',
  'options',
  'help',
];
export const ROOT_COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name)
  // (cobra's own help command is not among the suggestions kubectl 1.32 makes.)
  .filter((n) => n !== 'help')
  .sort((a, b) => {
    const ia = ROOT_ADD_ORDER.indexOf(a);
    const ib = ROOT_ADD_ORDER.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });

/**
 * The generators of `kubectl create` (deployment, configmap, secret…) read --validate in their
 * Complete (cmdutil.GetValidationDirective), so a value that is none of the modes is refused
 * before anything is built or sent.
 */
function validatingGenerators(commands: readonly Command[]): void {
  for (const child of commands) {
    validatingGenerators(child.children ?? []);
    const run = child.run;
    if (!run || !child.flags?.includes(validate)) continue;
    // NameFromCommandArgs comes first in their Complete: with no NAME, that is the error.
    child.run = (ctx, args) => {
      if (args.length > 0) fieldValidation(ctx);
      run(ctx, args);
    };
  }
}
validatingGenerators(COMMANDS.find((c) => c.name === 'create')?.children ?? []);
