/**
 * client-go clientcmd's checks of the kubeconfig before kubectl sends any request (audit 17 H3,
 * H11): the context, user and cluster a command selects (the current context, or the
 * `--context`, `--user` and `--cluster` overrides) must exist.
 *
 * - Most commands resolve their namespace first (DirectClientConfig.Namespace, skipped when
 *   `-n` is given): ConfirmUsable collects what is missing (a context that is not in the file,
 *   `--cluster` naming none, `--as-group`/`--as-uid` without `--as`) into an
 *   errConfigurationInvalid. kubectl's CheckErr first unwraps an aggregate of one error: a lone
 *   errContextNotFound still prints as `Error in configuration: …`, any other lone error as
 *   `error: …`; several print as `Error in configuration: ` and one `* …` line each.
 * - Then ClientConfig: an override naming nothing is `error: auth info "X" does not exist`,
 *   `error: context "X" does not exist`, `error: cluster "X" does not exist` (in that order),
 *   then ConfirmUsable again.
 *
 * A context that names no cluster is not an error: kubectl's ClusterDefaults (the server
 * http://localhost:8080) fill it in, and the request is refused there.
 */
import type { Kubeconfig } from './kubeconfig.ts';

export interface ConfigOverrides {
  context: string;
  cluster: string;
  user: string;
  /** `-n`: Namespace() returns it without looking at the kubeconfig. */
  namespace: string;
  /**
   * `--as-group` or `--as-uid` given without `--as`: validateAuthInfo refuses impersonation
   * details without a user to impersonate.
   */
  impersonationWithoutUser?: boolean;
}

const CONTEXT_NOT_FOUND = 'context was not found for specified context: ';

/** Commands that build their client without resolving a namespace first. */
const NO_NAMESPACE_FIRST = new Set(['version', 'api-resources', 'api-versions', 'explain']);

/** ConfirmUsable's errors for the selected context and cluster. */
function confirmUsable(cfg: Kubeconfig, o: ConfigOverrides): string[] {
  const errors: string[] = [];
  const contextName = o.context || cfg.currentContext;
  const context = cfg.contexts.find((c) => c.name === contextName);
  if (contextName !== '' && !context) errors.push(`${CONTEXT_NOT_FOUND}${contextName}`);
  // validateAuthInfo, named after the kubeconfig user the command selects (a `--user` naming
  // none leaves getAuthInfo's empty AuthInfo, without the overrides, to validate).
  if (o.impersonationWithoutUser && (o.user === '' || cfg.users.includes(o.user))) {
    const user = o.user || context?.user || '';
    errors.push(`requesting uid, groups or user-extra for ${user} without impersonating a user`);
  }
  // getCluster answers an empty Cluster for a --cluster that names none: it has no server.
  if (o.cluster !== '' && !cfg.clusters.some((c) => c.name === o.cluster))
    errors.push(`no server found for cluster "${o.cluster}"`);
  return errors;
}

/**
 * clientcmd's ErrConfigurationInvalid as kubectl's CheckErr prints it: a lone problem a plain
 * `error: ` (an aggregate of one is unwrapped), several a list.
 */
export function configurationInvalid(errors: string[]): string {
  const [only] = errors;
  if (errors.length === 1 && only !== undefined)
    return only.startsWith(CONTEXT_NOT_FOUND)
      ? `Error in configuration: ${only}\n`
      : `error: ${only}\n`;
  return `Error in configuration: \n${errors.map((e) => `* ${e}\n`).join('')}`;
}

/**
 * What kubectl prints (stderr, exit 1) when the kubeconfig cannot give the command a client,
 * else undefined. `command` is the first word of the command path.
 */
export function clientConfigProblem(
  cfg: Kubeconfig,
  o: ConfigOverrides,
  command: string,
): string | undefined {
  if (o.namespace === '' && !NO_NAMESPACE_FIRST.has(command)) {
    const errors = confirmUsable(cfg, o);
    if (errors.length > 0) return configurationInvalid(errors);
  }
  if (o.user !== '' && !cfg.users.includes(o.user))
    return `error: auth info "${o.user}" does not exist\n`;
  if (o.context !== '' && !cfg.contexts.some((c) => c.name === o.context))
    return `error: context "${o.context}" does not exist\n`;
  if (o.cluster !== '' && !cfg.clusters.some((c) => c.name === o.cluster))
    return `error: cluster "${o.cluster}" does not exist\n`;
  const errors = confirmUsable(cfg, o);
  return errors.length > 0 ? configurationInvalid(errors) : undefined;
}
