/**
 * `kubectl auth can-i` (a SelfSubjectAccessReview, or with --list a SelfSubjectRulesReview)
 * and `kubectl auth whoami` (a SelfSubjectReview), answered by the API server's authorizer for
 * the requesting identity (kubeconfig's user, or the `--as` user).
 */
import type { Attributes } from '../../engine/apiserver/rbac.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { KUBERNETES_ADMIN, requestUser } from '../impersonation.ts';
import { adminCertificateCredentialId } from '../kubeconfig.ts';
import { outputFormat, printObject } from '../output.ts';
import { displayRules, ruleRows } from '../printers/policyRules.ts';
import { resolveType, servedOnlyType } from '../resources.ts';
import { formatTabbed, GET_TABWRITER } from '../tabwriter.ts';
import { shortNameWarning } from './common.ts';

const RESOURCE_VERBS = new Set([
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'impersonate',
  '*',
  'approve',
  'sign',
  'escalate',
  'attest',
]);
const NON_RESOURCE_VERBS = new Set([
  'get',
  'put',
  'post',
  'head',
  'options',
  'delete',
  'patch',
  '*',
]);

/** Resource words the authorizer knows though discovery does not (impersonation targets). */
const NON_STANDARD = new Set(['users', 'groups']);

/**
 * can-i's warnings about the request (a resource or verb it does not know): each followed by an
 * empty line, as kubectl 1.32 prints them (their messages end in a newline of their own).
 */
function warn(ctx: Ctx, message: string): void {
  ctx.err(`Warning: ${message}\n\n`);
}

interface Target {
  resource: string;
  group: string;
  namespaced?: boolean;
}

/** CanIOptions.resourceFor: the mapped resource, or the word itself after a warning. */
function resourceFor(ctx: Ctx, arg: string): Target {
  if (arg === '*') return { resource: arg, group: '' };
  const lower = arg.toLowerCase();
  // resourceFor lower-cases the word before the mapper (and its shortcut expander) sees it.
  shortNameWarning(ctx, lower);
  const t = resolveType(lower) ?? servedOnlyType(lower);
  if (t) {
    // The mapper reads the type's group version's resources (no timeout: a plain request).
    ctx.requestLog?.request(
      'GET',
      t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`,
      200,
    );
    return { resource: t.resource, group: t.group, namespaced: t.namespaced };
  }
  const dot = lower.indexOf('.');
  const resource = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : '';
  if (!NON_STANDARD.has(group ? `${resource}.${group}` : resource)) {
    warn(
      ctx,
      group
        ? `the server doesn't have a resource type '${resource}' in group '${group}'`
        : `the server doesn't have a resource type '${resource}'`,
    );
  }
  return { resource: arg, group: '' };
}

export function runAuthCanI(ctx: Ctx, args: string[]): void {
  const user = requestUser(ctx.flags, ctx.host);
  const namespace = ctx.bool('all-namespaces') ? '' : ctx.namespace;
  if (ctx.bool('list')) {
    if (args.length !== 0) ctx.fail('list option must be specified with no arguments');
    listRules(ctx, namespace);
    return;
  }
  if (args.length !== 2) {
    ctx.fail(
      "you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
    );
  }
  const verb = args[0] as string;
  const what = args[1] as string;
  const subresource = ctx.str('subresource');
  let attrs: Attributes;
  if (what.startsWith('/')) {
    if (subresource) ctx.fail('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(ctx, `verb '${verb}' is not a known verb`);
    attrs = { verb, path: what };
  } else {
    const slash = what.indexOf('/');
    const target = resourceFor(ctx, slash >= 0 ? what.slice(0, slash) : what);
    const name = slash >= 0 ? what.slice(slash + 1) : '';
    if (!ctx.bool('all-namespaces') && target.namespaced === false) {
      warn(
        ctx,
        target.group
          ? `resource '${target.resource}' is not namespace scoped in group '${target.group}'`
          : `resource '${target.resource}' is not namespace scoped`,
      );
    }
    if (!RESOURCE_VERBS.has(verb)) warn(ctx, `verb '${verb}' is not a known verb`);
    attrs = {
      verb,
      resource: target.resource,
      apiGroup: target.group,
      ...(subresource ? { subresource } : {}),
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    };
  }
  if (ctx.bool('no-headers')) ctx.fail('--no-headers cannot be set without --list specified');
  const decision = ctx.host.authorize?.(user, attrs) ?? { allowed: true, reason: '' };
  ctx.requestLog?.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 201);
  const quiet = ctx.bool('quiet');
  if (decision.allowed) {
    if (!quiet) ctx.out('yes\n');
    return;
  }
  if (!quiet) ctx.out(decision.reason ? `no - ${decision.reason}\n` : 'no\n');
  throw new ExitError(1);
}

/** `can-i --list`: the SelfSubjectRulesReview's rules as a table. */
function listRules(ctx: Ctx, namespace: string): void {
  if (ctx.bool('quiet') || ctx.bool('all-namespaces') || ctx.str('subresource') !== '') {
    ctx.fail(
      "list option can't be specified with neither quiet, all-namespaces nor subresource options",
    );
  }
  const review = ctx.host.rulesReview?.(requestUser(ctx.flags, ctx.host), namespace);
  if (!review) return;
  ctx.requestLog?.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', 201);
  // The list's own warning has no empty line after it (checked against kubectl 1.32.5).
  if (review.incomplete)
    ctx.err(`Warning: the list may be incomplete: ${review.evaluationError}\n`);
  const rules = displayRules([...review.resourceRules, ...review.nonResourceRules]);
  const lines = ruleRows(rules);
  if (!ctx.bool('no-headers')) lines.unshift('Resources\tNon-Resource URLs\tResource Names\tVerbs');
  ctx.out(formatTabbed(lines.map((l) => `${l}\n`).join(''), GET_TABWRITER));
}

/** `auth whoami`: the SelfSubjectReview's user info as ATTRIBUTE/VALUE rows, or the object. */
export function runAuthWhoami(ctx: Ctx, _args: string[]): void {
  // whoami.go declares no Args check: cobra lets extra words through, and they are ignored.
  const user = requestUser(ctx.flags, ctx.host);
  const format = outputFormat(ctx, false);
  ctx.requestLog?.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', 201);
  // The kubeconfig's own user authenticates with admin.conf's client certificate, which 1.32
  // identifies by its hash; an impersonated user's info replaces it (no extra).
  const extra =
    user === KUBERNETES_ADMIN
      ? { 'authentication.kubernetes.io/credential-id': [adminCertificateCredentialId()] }
      : user === ctx.host.identity
        ? user.extra
        : undefined;
  if (format !== '' && format !== 'wide') {
    const at = new Date(ctx.host.nowEpochMs()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    printObject(
      ctx,
      {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: at },
        status: {
          userInfo: { username: user.name, groups: user.groups, ...(extra ? { extra } : {}) },
        },
      },
      format,
      { verb: '', dryRun: 'none', typed: true },
    );
    return;
  }
  const rows = ['ATTRIBUTE\tVALUE', `Username\t${user.name}`];
  if (user.groups.length) rows.push(`Groups\t[${user.groups.join(' ')}]`);
  // whoami.go: one `Extra: <key>` row per key, sorted, the values as Go prints a []string.
  for (const k of Object.keys(extra ?? {}).sort())
    rows.push(`Extra: ${k}\t[${(extra?.[k as keyof typeof extra] ?? []).join(' ')}]`);
  ctx.out(formatTabbed(rows.map((r) => `${r}\n`).join(''), GET_TABWRITER));
}
