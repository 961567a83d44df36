/**
 * kubectl's RoleDescriber, ClusterRoleDescriber, RoleBindingDescriber and
 * ClusterRoleBindingDescriber: the rules as the PolicyRule table (broken down, compacted,
 * sorted), a binding's role reference and subjects. None of them lists events.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { PolicyRule } from '../../engine/apiserver/rbac.ts';
import { PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './describe.ts';
import { displayRules, ruleRows } from './policyRules.ts';

export function describeRole(obj: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  const rules = Array.isArray(obj.rules) ? (obj.rules as PolicyRule[]) : [];
  for (const row of ruleRows(displayRules(rules))) w.write(1, `${row}\n`);
  return w.toString();
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

export function describeBinding(obj: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  const ref = (obj.roleRef ?? {}) as { kind?: string; name?: string };
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${ref.kind ?? ''}\n`);
  w.write(1, `Name:\t${ref.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of (Array.isArray(obj.subjects) ? obj.subjects : []) as Subject[]) {
    w.write(1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  }
  return w.toString();
}
