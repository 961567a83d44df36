/**
 * How kubectl shows a list of PolicyRules (describe role/clusterrole, `auth can-i --list`):
 * rbac.BreakdownRule splits each rule into one per group, resource, verb and name (URLs: per
 * URL and verb), rbac.CompactRules merges the simple ones back per group/resource/name, and
 * SortableRuleSlice orders them by the rule's generated String().
 */
import type { PolicyRule } from '../../engine/apiserver/rbac.ts';

function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const verbs = rule.verbs ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of verbs) {
        if (rule.resourceNames?.length) {
          for (const name of rule.resourceNames) {
            out.push({
              apiGroups: [group],
              resources: [resource],
              verbs: [verb],
              resourceNames: [name],
            });
          }
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

/** Go's %v of a []string. */
const goList = (v: string[] | undefined) => `[${(v ?? []).join(' ')}]`;

/** The generated PolicyRule.String(): the sort key. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** Broken down, compacted and sorted, as describe and can-i print them. */
export function displayRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules.flatMap(breakdown)) {
    const isSimple =
      !rule.nonResourceURLs?.length &&
      (rule.resourceNames?.length ?? 0) <= 1 &&
      rule.apiGroups?.length === 1 &&
      rule.resources?.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? null]);
    const have = simple.get(key);
    if (!have) simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] });
    else for (const v of rule.verbs ?? []) if (!have.verbs?.includes(v)) have.verbs?.push(v);
  }
  const all = [...compacted, ...simple.values()];
  const keyed = all.map((r, i) => ({ r, k: ruleString(r), i }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return keyed.map((x) => x.r);
}

/** describe.CombineResourceGroup: `deployments.apps/scale`. */
export function combineResourceGroup(resources?: string[], groups?: string[]): string {
  if (!resources?.length) return '';
  const first = resources[0] as string;
  const slash = first.indexOf('/');
  let out = slash >= 0 ? first.slice(0, slash) : first;
  if (groups?.length && groups[0] !== '') out += `.${groups[0]}`;
  if (slash >= 0) out += `/${first.slice(slash + 1)}`;
  return out;
}

/** One `Resources\tNon-Resource URLs\tResource Names\tVerbs` row per rule. */
export function ruleRows(rules: readonly PolicyRule[]): string[] {
  return rules.map(
    (r) =>
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`,
  );
}
