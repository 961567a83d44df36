/**
 * kube-controller-manager's clusterrole-aggregation-controller: a ClusterRole with an
 * aggregationRule gets, as its rules, those of every ClusterRole its selectors match (admin,
 * edit and view are made this way, and so is a learner's `--aggregation-rule` role).
 */
import { aggregatedRules } from '../apiserver/rbac.ts';
import type { Reconciler } from '../runtime/controller.ts';
import { deepEqual } from './objects.ts';

export const COMPONENT_CLUSTERROLE_AGGREGATION = 'clusterrole-aggregation-controller';

/** Any ClusterRole change may change what an aggregated role gathers: one key for them all. */
const ALL = 'clusterroles';

export function createClusterRoleAggregationController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_CLUSTERROLE_AGGREGATION,
    watches: ['clusterroles'],
    keysFor: () => [ALL],
    reconcile(_key, cache) {
      const all = cache.list('clusterroles');
      const writes = [];
      for (const role of all) {
        const rules = aggregatedRules(role, all);
        if (!rules || deepEqual(rules, role.rules ?? [])) continue;
        writes.push({
          verb: 'update' as const,
          resource: 'clusterroles' as const,
          obj: { ...role, rules },
        });
      }
      return { writes };
    },
  };
}
