/**
 * RBAC in the API server (rbac.authorization.k8s.io/v1): validation and defaults of Roles,
 * ClusterRoles and their bindings (pkg/apis/rbac/validation, v1 defaults), the authorizer
 * (plugin/pkg/auth/authorizer/rbac: which bindings apply to a user, which rules allow a
 * request, the reason a refusal carries), the rules a user holds in a namespace (what a
 * SelfSubjectRulesReview answers) and ClusterRole aggregation.
 */
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Who a request comes from (user.Info): the name and groups the authenticator gave it. */
export interface UserInfo {
  name: string;
  groups: string[];
  /** user.Info's UID and Extra (a certificate's credential id), when the authenticator sets them. */
  uid?: string;
  extra?: Record<string, string[]>;
}

/** The authorization attributes of one request (authorizer.Attributes). */
export interface Attributes {
  verb: string;
  /** Resource requests. */
  resource?: string;
  subresource?: string;
  apiGroup?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (`/healthz`): the path, no resource. */
  path?: string;
  /** A list's or watch's field selector (the Node authorizer reads it). */
  fieldSelector?: string;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

/** What the authorizer reads: the stored roles and bindings. */
export interface RbacStore {
  clusterRoleBindings(): readonly KubeObject[];
  roleBindings(namespace: string): readonly KubeObject[];
  clusterRole(name: string): KubeObject | undefined;
  role(namespace: string, name: string): KubeObject | undefined;
}

// ---------------------------------------------------------------- validation and defaults

/** path.IsValidPathSegmentName: what ValidateRBACName allows (colons included). */
export function validatePathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
}

const goStrings = (v: unknown): string =>
  `[]string{${(Array.isArray(v) ? v : []).map((x) => JSON.stringify(String(x))).join(', ')}}`;

function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) {
    errs.push({
      field: `${path}.verbs`,
      type: 'Required value',
      detail: 'verbs must contain at least one value',
    });
  }
  if (rule.nonResourceURLs?.length) {
    const valueText = goStrings(rule.nonResourceURLs);
    if (namespaced) {
      errs.push({
        field: `${path}.nonResourceURLs`,
        type: 'Invalid value',
        valueText,
        detail: 'namespaced rules cannot apply to non-resource URLs',
      });
    }
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push({
        field: `${path}.nonResourceURLs`,
        type: 'Invalid value',
        valueText,
        detail: 'rules cannot apply to both regular resources and non-resource URLs',
      });
    }
    return errs;
  }
  if (!rule.apiGroups?.length) {
    errs.push({
      field: `${path}.apiGroups`,
      type: 'Required value',
      detail: 'resource rules must supply at least one api group',
    });
  }
  if (!rule.resources?.length) {
    errs.push({
      field: `${path}.resources`,
      type: 'Required value',
      detail: 'resource rules must supply at least one resource',
    });
  }
  return errs;
}

function rulesOf(obj: KubeObject): PolicyRule[] {
  return Array.isArray(obj.rules) ? (obj.rules as PolicyRule[]) : [];
}

/** ValidateRole / ValidateClusterRole beyond the name: every rule, the aggregation rule. */
export function validateRoleObject(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  rulesOf(obj).forEach((rule, i) => {
    errs.push(...validatePolicyRule(rule ?? {}, namespaced, `rules[${i}]`));
  });
  const agg = obj.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined | null;
  if (!namespaced && agg && !agg.clusterRoleSelectors?.length) {
    errs.push({
      field: 'aggregationRule.clusterRoleSelectors',
      type: 'Required value',
      detail: 'at least one clusterRoleSelector required if aggregationRule is non-nil',
    });
  }
  return errs;
}

const supported = (values: string[]) =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/** ValidateRoleBinding / ValidateClusterRoleBinding beyond the name. */
export function validateBindingObject(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = (obj.roleRef ?? {}) as RoleRef;
  if ((ref.apiGroup ?? '') !== RBAC_GROUP) {
    errs.push({
      field: 'roleRef.apiGroup',
      type: 'Unsupported value',
      value: ref.apiGroup ?? '',
      detail: supported([RBAC_GROUP]),
    });
  }
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) {
    errs.push({
      field: 'roleRef.kind',
      type: 'Unsupported value',
      value: ref.kind ?? '',
      detail: supported(kinds),
    });
  }
  if (!ref.name) errs.push({ field: 'roleRef.name', type: 'Required value' });
  else {
    for (const msg of validatePathSegmentName(ref.name))
      errs.push({ field: 'roleRef.name', type: 'Invalid value', value: ref.name, detail: msg });
  }
  const subjects = Array.isArray(obj.subjects) ? (obj.subjects as Subject[]) : [];
  subjects.forEach((s0, i) => {
    const s = s0 ?? {};
    const path = `subjects[${i}]`;
    if (!s.name) errs.push({ field: `${path}.name`, type: 'Required value' });
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.name) {
          // ValidateServiceAccountName: a DNS-1123 subdomain.
          if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s.name)) {
            errs.push({
              field: `${path}.name`,
              type: 'Invalid value',
              value: s.name,
              detail:
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            });
          }
        }
        if (s.apiGroup) {
          errs.push({
            field: `${path}.apiGroup`,
            type: 'Unsupported value',
            value: s.apiGroup,
            detail: supported(['']),
          });
        }
        if (!namespaced && !s.namespace)
          errs.push({ field: `${path}.namespace`, type: 'Required value' });
        break;
      case 'User':
      case 'Group':
        if ((s.apiGroup ?? '') !== RBAC_GROUP) {
          errs.push({
            field: `${path}.apiGroup`,
            type: 'Unsupported value',
            value: s.apiGroup ?? '',
            detail: supported([RBAC_GROUP]),
          });
        }
        break;
      default:
        errs.push({
          field: `${path}.kind`,
          type: 'Unsupported value',
          value: s.kind ?? '',
          detail: supported(['ServiceAccount', 'User', 'Group']),
        });
    }
  });
  return errs;
}

/** ValidateRoleBindingUpdate's own check: the roleRef never changes. */
export function validateBindingUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const a = (next.roleRef ?? {}) as RoleRef;
  const b = (old.roleRef ?? {}) as RoleRef;
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  return [
    {
      field: 'roleRef',
      type: 'Invalid value',
      valueText: `rbac.RoleRef{APIGroup:${JSON.stringify(a.apiGroup ?? '')}, Kind:${JSON.stringify(a.kind ?? '')}, Name:${JSON.stringify(a.name ?? '')}}`,
      detail: 'cannot change roleRef',
    },
  ];
}

/** SetDefaults_RoleBinding/ClusterRoleBinding and SetDefaults_Subject. */
export function defaultBinding(obj: Record<string, unknown>): void {
  const ref = obj.roleRef as RoleRef | undefined;
  if (ref && typeof ref === 'object' && !ref.apiGroup) ref.apiGroup = RBAC_GROUP;
  if (!Array.isArray(obj.subjects)) return;
  for (const s of obj.subjects as Subject[]) {
    if (!s || typeof s !== 'object' || s.apiGroup) continue;
    if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}

// ---------------------------------------------------------------- authorizer

const SA_PREFIX = 'system:serviceaccount:';

/** serviceaccount.SplitUsername: the namespace and name of a service account's user name. */
export function splitServiceAccountUser(name: string): [string, string] | undefined {
  if (!name.startsWith(SA_PREFIX)) return undefined;
  const parts = name.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

function appliesTo(user: UserInfo, subjects: unknown, namespace: string): Subject | undefined {
  if (!Array.isArray(subjects)) return undefined;
  for (const s of subjects as Subject[]) {
    if (!s) continue;
    if (s.kind === 'User' && s.name === user.name) return s;
    if (s.kind === 'Group' && user.groups.includes(s.name ?? '')) return s;
    if (s.kind === 'ServiceAccount') {
      const ns = s.namespace || namespace;
      if (ns && user.name === `${SA_PREFIX}${ns}:${s.name ?? ''}`) return s;
    }
  }
  return undefined;
}

/** One source of rules the visitor saw: the binding, its role and the subject it matched. */
interface RuleSource {
  binding: KubeObject;
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding';
  subject: Subject;
}

/**
 * VisitRulesFor: the rules of every binding that applies to `user` (cluster role bindings, then
 * the role bindings of `namespace`); `visit` returns false to stop. Missing roles are errors,
 * in the lister's words (`clusterrole.rbac.authorization.k8s.io "x" not found`).
 */
function visitRulesFor(
  store: RbacStore,
  user: UserInfo,
  namespace: string,
  visit: (source: RuleSource, rule: PolicyRule) => boolean,
  errors: string[],
): void {
  for (const binding of store.clusterRoleBindings()) {
    const subject = appliesTo(user, binding.subjects, '');
    if (!subject) continue;
    const ref = (binding.roleRef ?? {}) as RoleRef;
    const role = ref.kind === 'ClusterRole' ? store.clusterRole(ref.name ?? '') : undefined;
    if (!role) {
      errors.push(`clusterrole.${RBAC_GROUP} ${JSON.stringify(ref.name ?? '')} not found`);
      continue;
    }
    for (const rule of rulesOf(role)) {
      if (!visit({ binding, bindingKind: 'ClusterRoleBinding', subject }, rule)) return;
    }
  }
  if (!namespace) return;
  for (const binding of store.roleBindings(namespace)) {
    const subject = appliesTo(user, binding.subjects, namespace);
    if (!subject) continue;
    const ref = (binding.roleRef ?? {}) as RoleRef;
    const name = ref.name ?? '';
    const role =
      ref.kind === 'Role'
        ? store.role(namespace, name)
        : ref.kind === 'ClusterRole'
          ? store.clusterRole(name)
          : undefined;
    if (!role) {
      const kind = ref.kind === 'Role' ? 'role' : 'clusterrole';
      errors.push(`${kind}.${RBAC_GROUP} ${JSON.stringify(name)} not found`);
      continue;
    }
    for (const rule of rulesOf(role)) {
      if (!visit({ binding, bindingKind: 'RoleBinding', subject }, rule)) return;
    }
  }
}

const has = (list: string[] | undefined, v: string) =>
  !!list && (list.includes('*') || list.includes(v));

/** rbac.RuleAllows. */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some(
      (u) =>
        u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.replace(/\*+$/, ''))),
    );
  }
  if (!has(rule.apiGroups, a.apiGroup ?? '')) return false;
  const sub = a.subresource ?? '';
  const combined = sub ? `${a.resource}/${sub}` : (a.resource ?? '');
  const resourceOk = (rule.resources ?? []).some(
    (r) =>
      r === '*' ||
      r === combined ||
      (sub !== '' && r.length === sub.length + 2 && r.startsWith('*/') && r.endsWith(sub)),
  );
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(a.name ?? '');
}

export interface Decision {
  allowed: boolean;
  /** The authorizer's reason (empty when it has none). */
  reason: string;
}

/**
 * The RBAC authorizer's decision for `user`, system:masters always allowed (the
 * privileged-group authorizer); the API server puts the Node authorizer before it
 * (nodeAuthorizer.ts).
 */
export function authorize(store: RbacStore, user: UserInfo, a: Attributes): Decision {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  const errors: string[] = [];
  let allowedBy: RuleSource | undefined;
  visitRulesFor(
    store,
    user,
    a.namespace ?? '',
    (source, rule) => {
      if (!ruleAllows(a, rule)) return true;
      allowedBy = source;
      return false;
    },
    errors,
  );
  if (allowedBy) {
    const ref = (allowedBy.binding.roleRef ?? {}) as RoleRef;
    const where =
      allowedBy.bindingKind === 'RoleBinding'
        ? `RoleBinding "${allowedBy.binding.metadata?.name ?? ''}/${allowedBy.binding.metadata?.namespace ?? ''}"`
        : `ClusterRoleBinding "${allowedBy.binding.metadata?.name ?? ''}"`;
    const s = allowedBy.subject;
    const who = s.kind === 'ServiceAccount' ? `${s.namespace || a.namespace}/${s.name}` : s.name;
    return {
      allowed: true,
      reason: `RBAC: allowed by ${where} of ${ref.kind} "${ref.name}" to ${s.kind} "${who}"`,
    };
  }
  if (errors.length === 0) return { allowed: false, reason: '' };
  const agg = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return { allowed: false, reason: `RBAC: ${agg}` };
}

/**
 * The forbidden message the API server's authorization filter writes (responsewriters
 * forbiddenMessage), the reason appended after a colon.
 */
export function forbiddenMessage(user: UserInfo, a: Attributes, reason: string): string {
  let msg: string;
  if (a.path !== undefined) msg = `User "${user.name}" cannot ${a.verb} path "${a.path}"`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : (a.resource ?? '');
    msg = a.namespace
      ? `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" in the namespace "${a.namespace}"`
      : `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" at the cluster scope`;
  }
  return reason ? `${msg}: ${reason}` : msg;
}

/** What a SelfSubjectRulesReview answers: the user's rules in `namespace`. */
export interface RulesReview {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
  incomplete: boolean;
  evaluationError: string;
}

export function rulesFor(store: RbacStore, user: UserInfo, namespace: string): RulesReview {
  const resourceRules: PolicyRule[] = [];
  const nonResourceRules: PolicyRule[] = [];
  if (user.groups.includes('system:masters')) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  const errors: string[] = [];
  visitRulesFor(
    store,
    user,
    namespace,
    (_source, rule) => {
      if (rule.nonResourceURLs?.length)
        nonResourceRules.push({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs });
      if (rule.resources?.length) {
        resourceRules.push({
          verbs: rule.verbs ?? [],
          apiGroups: rule.apiGroups ?? [],
          resources: rule.resources,
          ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
        });
      }
      return true;
    },
    errors,
  );
  return {
    resourceRules,
    nonResourceRules,
    incomplete: errors.length > 0,
    evaluationError:
      errors.length === 0 ? '' : errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`,
  };
}

// ---------------------------------------------------------------- aggregation

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function selectorMatches(sel: Selector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const present = Object.hasOwn(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' && !(present && values.includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && present && values.includes(labels[e.key]!)) return false;
    if (e.operator === 'Exists' && !present) return false;
    if (e.operator === 'DoesNotExist' && present) return false;
  }
  return true;
}

const sameRule = (a: PolicyRule, b: PolicyRule) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The clusterrole-aggregation-controller's answer for one aggregated ClusterRole: the rules of
 * every other ClusterRole a selector matches, by name, each distinct rule once. Undefined when
 * `role` aggregates nothing.
 */
export function aggregatedRules(
  role: KubeObject,
  all: readonly KubeObject[],
): PolicyRule[] | undefined {
  const agg = role.aggregationRule as { clusterRoleSelectors?: Selector[] } | undefined;
  if (!agg || !Array.isArray(agg.clusterRoleSelectors)) return undefined;
  const selectors = agg.clusterRoleSelectors.filter((s) => s && typeof s === 'object');
  const name = role.metadata?.name;
  const sources = all
    .filter((c) => c.metadata?.name !== name)
    .filter((c) => selectors.some((s) => selectorMatches(s, c.metadata?.labels ?? {})))
    .sort((x, y) => ((x.metadata?.name ?? '') < (y.metadata?.name ?? '') ? -1 : 1));
  const rules: PolicyRule[] = [];
  for (const c of sources) {
    for (const rule of rulesOf(c)) if (!rules.some((r) => sameRule(r, rule))) rules.push(rule);
  }
  return rules;
}

// ---------------------------------------------------------------- escalation prevention

const goQuoted = (v: string[]) => `[${v.map((x) => JSON.stringify(x)).join(' ')}]`;

/** validation.BreakdownRule: one rule per group, resource, verb and name (URLs: per URL, verb). */
function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const apiGroup of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) {
          for (const n of rule.resourceNames)
            out.push({
              apiGroups: [apiGroup],
              resources: [resource],
              verbs: [verb],
              resourceNames: [n],
            });
        } else out.push({ apiGroups: [apiGroup], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

const hasAll = (owner: string[] | undefined, wanted: string[] | undefined) =>
  (wanted ?? []).every((w) => (owner ?? []).includes(w));

/** validation.ruleCovers: whether `owner` grants everything `req` (one broken-down rule) asks. */
function ruleCovers(owner: PolicyRule, req: PolicyRule): boolean {
  const verbs = (owner.verbs ?? []).includes('*') || hasAll(owner.verbs, req.verbs);
  const groups = (owner.apiGroups ?? []).includes('*') || hasAll(owner.apiGroups, req.apiGroups);
  const resources = (req.resources ?? []).every((r) => {
    const own = owner.resources ?? [];
    if (own.includes('*') || own.includes(r)) return true;
    const slash = r.indexOf('/');
    return slash >= 0 && own.includes(`*/${r.slice(slash + 1)}`);
  });
  const names = !owner.resourceNames?.length || hasAll(owner.resourceNames, req.resourceNames);
  const urls = (req.nonResourceURLs ?? []).every((u) =>
    (owner.nonResourceURLs ?? []).some(
      (o) => o === u || (o.endsWith('*') && u.startsWith(o.replace(/\*+$/, ''))),
    ),
  );
  return verbs && groups && resources && names && urls;
}

/**
 * validation.Covers: the broken-down rules of `requested` that no rule of `owner` grants
 * (empty when `owner` covers them all).
 */
export function uncoveredRules(
  owner: readonly PolicyRule[],
  requested: readonly PolicyRule[],
): PolicyRule[] {
  return requested.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

/** rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get"]}`. */
function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoted(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoted(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoted(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoted(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuoted(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** validation.CompactRules: simple rules of one group/resource/name merged, verbs appended. */
function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      !r.nonResourceURLs?.length &&
      (r.resourceNames?.length ?? 0) <= 1 &&
      r.apiGroups?.length === 1 &&
      r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? null]);
    const have = simple.get(key);
    if (!have) simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
    else for (const v of r.verbs ?? []) if (!have.verbs?.includes(v)) have.verbs?.push(v);
  }
  return [...out, ...simple.values()];
}

/**
 * ConfirmNoEscalation: the refusal text when `user` (holding the rules RBAC gives them in
 * `namespace`) grants rules it does not hold, or undefined when it holds them all.
 */
export function escalationError(
  store: RbacStore,
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
): string | undefined {
  const own = rulesFor(store, user, namespace);
  const owner = [...own.resourceRules, ...own.nonResourceRules];
  const missing = rules
    .flatMap(breakdownRule)
    .filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.name)} (groups=${goQuoted(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (own.incomplete) msg += `; resolution errors: [${own.evaluationError}]`;
  return msg;
}

/** The rules a binding's roleRef names, or the lister's not-found text. */
export function roleRefRules(
  store: RbacStore,
  binding: KubeObject,
  namespace: string,
): PolicyRule[] | string {
  const ref = (binding.roleRef ?? {}) as RoleRef;
  const role =
    ref.kind === 'Role' ? store.role(namespace, ref.name ?? '') : store.clusterRole(ref.name ?? '');
  if (!role) {
    const kind = ref.kind === 'Role' ? 'role' : 'clusterrole';
    return `${kind}.${RBAC_GROUP} ${JSON.stringify(ref.name ?? '')} not found`;
  }
  return rulesOf(role);
}
