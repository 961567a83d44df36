/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding` (create_role.go,
 * create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { PolicyRule } from '../../engine/apiserver/rbac.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { goQuote } from '../printers/goValue.ts';
import { resolveType, servedOnlyType } from '../resources.ts';
import { shortNameWarning } from './common.ts';
import { oneName, submitTyped } from './create.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

const VALID_RESOURCE_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** Verbs that only make sense on some resources (create_role.go's specialVerbs). */
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    [RBAC_GROUP, 'roles'],
    [RBAC_GROUP, 'clusterroles'],
  ],
  escalate: [
    [RBAC_GROUP, 'roles'],
    [RBAC_GROUP, 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
    ['authentication.k8s.io', 'uids'],
  ],
};

interface ResourceOption {
  resource: string;
  group: string;
  subResource: string;
}

/**
 * The REST mapper's ResourceFor (with kubectl's short-name expansion): the plural and group
 * a resource word names, or undefined.
 */
export function mapResource(
  resource: string,
  group: string,
  ctx?: Ctx,
): [string, string] | undefined {
  const arg = group ? `${resource}.${group}` : resource;
  // Each mapping runs the shortcut expander, warning again (validateResource, then the rules).
  if (ctx && !group) shortNameWarning(ctx, resource, { everyTime: true });
  const t = resolveType(arg) ?? servedOnlyType(arg);
  if (!t || (group && t.group !== group)) return undefined;
  return [t.resource, t.group];
}

/**
 * The RESTMapper's NoResourceMatchError for a resource it cannot map, as cmdutil.CheckErr
 * words it (no `error: ` prefix): `the server doesn't have a resource type "foo"`, with
 * ` in group "g"` when one was given.
 */
function noMatch(resource: string, group: string): string {
  const base = `the server doesn't have a resource type ${JSON.stringify(resource)}`;
  return group ? `${base} in group ${JSON.stringify(group)}` : base;
}

function uniq(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

/** Complete(): verbs deduplicated (`*` alone wins), resources parsed as resource.group/sub. */
function ruleOptions(ctx: Ctx): { verbs: string[]; resources: ResourceOption[]; names: string[] } {
  const rawVerbs = ctx.list('verb');
  const verbs = rawVerbs.includes('*') ? ['*'] : uniq(rawVerbs);
  const resources: ResourceOption[] = [];
  for (const r of ctx.list('resource')) {
    const slash = r.indexOf('/');
    const main = slash >= 0 ? r.slice(0, slash) : r;
    const subResource = slash >= 0 ? r.slice(slash + 1) : '';
    const dot = main.indexOf('.');
    const resource = dot >= 0 ? main.slice(0, dot) : main;
    const group = dot >= 0 ? main.slice(dot + 1) : '';
    const opt = { resource, group, subResource };
    if (resource === '*' && dot < 0 && slash < 0) {
      resources.splice(0, resources.length, opt);
      break;
    }
    resources.push(opt);
  }
  return { verbs, resources, names: uniq(ctx.list('resource-name')) };
}

function warnVerbs(ctx: Ctx, verbs: string[]): void {
  for (const v of verbs) {
    if (!VALID_RESOURCE_VERBS.includes(v))
      ctx.err(`Warning: '${v}' is not a standard resource verb\n`);
  }
}

/** validateResource(): every resource named, mapped, and fit for the special verbs. */
function validateResources(ctx: Ctx, verbs: string[], resources: ResourceOption[]): void {
  for (const r of resources) {
    if (r.resource === '') ctx.fail('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = mapResource(r.resource, r.group, ctx);
    // The RESTMapper: discovery when the cache is cold; a miss invalidates it and reads again.
    if (mapped) ctx.requestLog?.mapperUsed();
    else ctx.requestLog?.rediscover();
    let err = mapped ? '' : noMatch(r.resource, r.group);
    const [resource, group] = mapped ?? [r.resource, r.group];
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.some(([g, res]) => res === resource && g === group)) {
        ctx.fail(`can not perform '${v}' on '${resource}' in group '${group}'`);
      }
      err = '';
    }
    if (err) {
      ctx.err(`${err}\n`);
      throw new ExitError(1);
    }
  }
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then the URLs. */
function policyRules(
  ctx: Ctx,
  verbs: string[],
  resources: ResourceOption[],
  names: string[],
  urls: string[],
): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const mapped = mapResource(r.resource, r.group, ctx);
    // The RESTMapper: discovery when the cache is cold; a miss invalidates it and reads again.
    if (mapped) ctx.requestLog?.mapperReady();
    else ctx.requestLog?.rediscover();
    let [resource, group] = mapped ?? [r.resource, r.group];
    if (r.subResource) resource = `${resource}/${r.subResource}`;
    const list = byGroup.get(group) ?? [];
    if (!list.includes(resource)) list.push(resource);
    byGroup.set(group, list);
  }
  const rules: PolicyRule[] = [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g) ?? [],
    ...(names.length ? { resourceNames: names } : {}),
  }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

export function runCreateRole(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const { verbs, resources, names } = ruleOptions(ctx);
  if (verbs.length === 0) ctx.fail('at least one verb must be specified');
  warnVerbs(ctx, verbs);
  if (resources.length === 0) ctx.fail('at least one resource must be specified');
  validateResources(ctx, verbs, resources);
  const obj: KubeObject = {
    kind: 'Role',
    apiVersion: RBAC_V1,
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    rules: policyRules(ctx, verbs, resources, names, []),
  };
  submitTyped(ctx, obj, ctx.namespace);
}

/**
 * `--aggregation-rule=key=value,…` (cliflag's MapStringString): each occurrence split at commas,
 * each pair trimmed and cut at its first `=`; a pair without one fails that occurrence's Set.
 */
function aggregationLabels(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of ctx.list('aggregation-rule')) {
    for (const raw of value.split(',')) {
      const pair = raw.trim();
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq < 0) {
        ctx.err(
          `error: invalid argument ${goQuote(value)} for "--aggregation-rule" flag: malformed pair, expect string=string\nSee '${ctx.commandPath} --help' for usage.\n`,
        );
        throw new ExitError(1);
      }
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return out;
}

export function runCreateClusterRole(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const { verbs, resources, names } = ruleOptions(ctx);
  const urls = ctx.list('non-resource-url');
  const aggregation = aggregationLabels(ctx);
  let rules: PolicyRule[] | undefined;
  if (Object.keys(aggregation).length > 0) {
    if (urls.length || verbs.length || resources.length || names.length) {
      ctx.fail(
        'aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames',
      );
    }
  } else {
    if (verbs.length === 0) ctx.fail('at least one verb must be specified');
    if (resources.length === 0 && urls.length === 0)
      ctx.fail('one of resource or nonResourceURL must be specified');
    if (resources.length > 0) {
      warnVerbs(ctx, verbs);
      validateResources(ctx, verbs, resources);
    }
    if (urls.length > 0) {
      for (const v of verbs) {
        if (!VALID_NON_RESOURCE_VERBS.includes(v))
          ctx.fail(`invalid verb: '${v}' for nonResourceURL`);
      }
      for (const u of urls) {
        if (u === '*') continue;
        if (u === '' || !u.startsWith('/')) ctx.fail('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*'))
          ctx.fail("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
    rules = policyRules(ctx, verbs, resources, names, urls);
  }
  const obj: KubeObject = {
    kind: 'ClusterRole',
    apiVersion: RBAC_V1,
    metadata: { name, creationTimestamp: null as unknown as string },
    ...(rules ? { rules } : { rules: null }),
    ...(rules ? {} : { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } }),
  };
  submitTyped(ctx, obj, undefined);
}

/** The subjects of `--user`, `--group` and `--serviceaccount ns:name`, in that order. */
function subjects(ctx: Ctx): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const name of ctx.list('user')) out.push({ kind: 'User', apiGroup: RBAC_GROUP, name });
  for (const name of ctx.list('group')) out.push({ kind: 'Group', apiGroup: RBAC_GROUP, name });
  for (const sa of ctx.list('serviceaccount')) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1])
      ctx.fail('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: tokens[1] as string, namespace: tokens[0] as string });
  }
  return out;
}

export function runCreateRoleBinding(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const role = ctx.str('role');
  const clusterRole = ctx.str('clusterrole');
  if ((role === '') === (clusterRole === ''))
    ctx.fail('exactly one of clusterrole or role must be specified');
  const subs = subjects(ctx);
  const obj: KubeObject = {
    kind: 'RoleBinding',
    apiVersion: RBAC_V1,
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    // RoleBinding's Go field order: subjects, then roleRef (what -o json and --save-config show).
    ...(subs.length ? { subjects: subs } : {}),
    roleRef: {
      apiGroup: RBAC_GROUP,
      kind: role ? 'Role' : 'ClusterRole',
      name: role || clusterRole,
    },
  };
  submitTyped(ctx, obj, ctx.namespace);
}

export function runCreateClusterRoleBinding(ctx: Ctx, args: string[]): void {
  const clusterRole = ctx.str('clusterrole');
  if (!ctx.changed('clusterrole')) ctx.fail('required flag(s) "clusterrole" not set');
  const name = oneName(ctx, args);
  const subs = subjects(ctx);
  const obj: KubeObject = {
    kind: 'ClusterRoleBinding',
    apiVersion: RBAC_V1,
    metadata: { name, creationTimestamp: null as unknown as string },
    ...(subs.length ? { subjects: subs } : {}),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRole },
  };
  submitTyped(ctx, obj, undefined);
}
