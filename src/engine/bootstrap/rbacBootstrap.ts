/**
 * Seeds the RBAC objects of a fresh kubeadm 1.32 cluster (see rbacPolicy.ts): the API
 * server's bootstrap roles and bindings, labelled `kubernetes.io/bootstrapping: rbac-defaults`
 * and annotated for auto-update, and kubeadm's own, which carry neither. The aggregated roles
 * (admin, edit, view) hold the rules the aggregation controller gave them.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { aggregatedRules, RBAC_GROUP } from '../apiserver/rbac.ts';
import {
  type BootstrapBinding,
  type BootstrapClusterRole,
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  CONTROLLER_ROLES,
  KUBEADM_CLUSTER_ROLES,
  ROLE_BINDINGS,
  ROLES,
} from './rbacPolicy.ts';

type Put = (resource: ResourceName, obj: KubeObject) => void;
type Meta = (name: string, namespace?: string) => Record<string, unknown>;

const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const BOOTSTRAPPING = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

function metadata(
  meta: Meta,
  name: string,
  namespace: string | undefined,
  kubeadm: boolean | undefined,
  extraLabels: Record<string, string> = {},
): Record<string, unknown> {
  const m = meta(name, namespace);
  if (kubeadm) return m;
  return { annotations: { ...AUTOUPDATE }, ...m, labels: { ...BOOTSTRAPPING, ...extraLabels } };
}

function clusterRole(meta: Meta, c: BootstrapClusterRole): KubeObject {
  const labels = c.aggregateTo
    ? { [`rbac.authorization.k8s.io/aggregate-to-${c.aggregateTo}`]: 'true' }
    : {};
  return {
    ...(c.aggregateFrom
      ? {
          aggregationRule: {
            clusterRoleSelectors: [
              {
                matchLabels: {
                  [`rbac.authorization.k8s.io/aggregate-to-${c.aggregateFrom}`]: 'true',
                },
              },
            ],
          },
        }
      : {}),
    metadata: metadata(meta, c.name, undefined, c.kubeadm, labels),
    rules: c.rules ?? [],
  };
}

function binding(meta: Meta, b: BootstrapBinding): KubeObject {
  return {
    metadata: metadata(meta, b.name, b.namespace, b.kubeadm),
    roleRef: { apiGroup: RBAC_GROUP, kind: b.roleKind, name: b.role },
    ...(b.subjects.length
      ? {
          subjects: b.subjects.map((s) =>
            s.kind === 'ServiceAccount'
              ? { kind: s.kind, name: s.name, namespace: s.namespace }
              : { apiGroup: RBAC_GROUP, kind: s.kind, name: s.name },
          ),
        }
      : {}),
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);

/** Puts every bootstrap RBAC object, cluster roles first (as the API server's hook does). */
export function seedRbac(put: Put, meta: Meta): void {
  const roles = [
    ...CLUSTER_ROLES,
    ...CONTROLLER_ROLES.map(([name, rules]) => ({ name: `system:controller:${name}`, rules })),
    ...KUBEADM_CLUSTER_ROLES,
  ].sort(byName);
  const objects = roles.map((c) => clusterRole(meta, c));
  // The aggregation controller's work, done ahead: view, then edit (which gathers view), then admin.
  for (let pass = 0; pass < 3; pass++) {
    for (const o of objects) {
      const rules = aggregatedRules(o, objects);
      if (rules) o.rules = rules;
    }
  }
  for (const o of objects) put('clusterroles', o);
  for (const b of [...CLUSTER_ROLE_BINDINGS].sort(byName))
    put('clusterrolebindings', binding(meta, b));
  for (const r of ROLES) {
    put('roles', { metadata: metadata(meta, r.name, r.namespace, r.kubeadm), rules: r.rules });
  }
  for (const b of ROLE_BINDINGS) put('rolebindings', binding(meta, b));
}
