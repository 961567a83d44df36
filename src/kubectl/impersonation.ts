/**
 * Who kubectl's requests come from: the kubeconfig user's certificate identity (kubeadm's
 * admin.conf: CN kubernetes-admin, O kubeadm:cluster-admins), or the user the global `--as`
 * and `--as-group` flags impersonate, as the API server's impersonation filter builds it.
 */

import type { Status } from '../engine/api/types.ts';
import { forbidden } from '../engine/apiserver/errors.ts';
import type { UserInfo } from '../engine/apiserver/rbac.ts';
import { forbiddenMessage, splitServiceAccountUser } from '../engine/apiserver/rbac.ts';
import { RESOURCES } from '../engine/apiserver/resources.ts';
import type { Ctx } from './context.ts';
import type { ParsedFlags } from './flags.ts';
import type { KubectlHost } from './host.ts';

/** kubeadm's admin.conf identity, with the group every authenticated request gets. */
export const KUBERNETES_ADMIN: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
};

/**
 * The impersonated user for `--as NAME` and `--as-group`s: a service account's user name
 * (`system:serviceaccount:ns:name`) without groups gets its fixed groups; system:authenticated
 * is added unless a group names it or system:unauthenticated.
 */
export function impersonatedUser(name: string, groups: string[]): UserInfo {
  let g = [...groups];
  const sa = splitServiceAccountUser(name);
  if (sa && g.length === 0) g = ['system:serviceaccounts', `system:serviceaccounts:${sa[0]}`];
  if (
    name !== 'system:anonymous' &&
    !g.includes('system:authenticated') &&
    !g.includes('system:unauthenticated')
  ) {
    g.push('system:authenticated');
  }
  return { name, groups: g };
}

/**
 * The identity of a command's requests: the `--as` user its global flags name, else the
 * kubeconfig user's (`host.identity`; kubernetes-admin when absent).
 */
export function requestUser(flags: ParsedFlags, host?: KubectlHost): UserInfo {
  const as = flags.values.get('as');
  if (typeof as !== 'string' || as === '') return host?.identity ?? KUBERNETES_ADMIN;
  const groups = flags.values.get('as-group');
  return impersonatedUser(as, Array.isArray(groups) ? groups : []);
}

/**
 * `host` with its API client acting as the `--as` user when one is given, else as `identity`
 * (the kubeconfig user's, when not kubernetes-admin).
 */
export function withImpersonation(
  host: KubectlHost,
  flags: ParsedFlags,
  identity?: UserInfo,
): KubectlHost {
  const h = identity ? { ...host, identity } : host;
  const user = requestUser(flags, h);
  if (user === KUBERNETES_ADMIN || !host.impersonate) return h;
  return { ...h, api: host.impersonate(user) };
}

/**
 * The API server's authorization of a pod subresource request that does not go through the
 * API client here (`pods/log` for logs, `pods/exec` for exec): refused as the server refuses.
 */
export function authorizePodSubresource(
  ctx: Ctx,
  verb: string,
  subresource: string,
  namespace: string,
  name: string,
): void {
  const user = requestUser(ctx.flags, ctx.host);
  if (user === KUBERNETES_ADMIN || !ctx.host.authorize) return;
  const a = { verb, resource: 'pods', subresource, apiGroup: '', namespace, name };
  const d = ctx.host.authorize(user, a);
  if (!d.allowed)
    ctx.failStatus(forbidden(RESOURCES.pods, name, forbiddenMessage(user, a, d.reason)));
}

/**
 * The authorizer's refusal of a request kubectl answers here without the API server (a type
 * the console serves but does not store, `get cs`): a real server authorizes it first, so an
 * impersonated user without the verb gets the Forbidden the server would send. Undefined when
 * the request is allowed.
 */
export function refusedUnstored(
  ctx: Ctx,
  type: { resource: string; group: string },
  verb: string,
  namespace: string | undefined,
  name: string,
): Status | undefined {
  const user = requestUser(ctx.flags, ctx.host);
  if (user === KUBERNETES_ADMIN || !ctx.host.authorize) return undefined;
  const a = {
    verb,
    resource: type.resource,
    apiGroup: type.group,
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
  const d = ctx.host.authorize(user, a);
  if (d.allowed) return undefined;
  return forbidden(type, name, forbiddenMessage(user, a, d.reason));
}
