/**
 * Where a kind keeps its pod spec, as kubectl's polymorphichelpers updatePodSpecForObject knows
 * it (used by `set image|env|resources|serviceaccount`): a Pod's own spec, a CronJob's job
 * template's pod template, the pod template of the other workload kinds; no other kind has one.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { ResourceType } from '../resources.ts';

type Obj = Record<string, unknown>;

/** The path to the kind's pod spec, or undefined for a kind without one. */
export function podSpecPath(type: ResourceType): string[] | undefined {
  switch (type.resource) {
    case 'pods':
      return ['spec'];
    case 'deployments':
    case 'replicasets':
    case 'daemonsets':
    case 'statefulsets':
    case 'jobs':
      return ['spec', 'template', 'spec'];
    case 'cronjobs':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    default:
      return undefined;
  }
}

/** updatePodSpecForObject's error for a kind without a pod spec, after `<resource>/<name> `. */
export function noPodSpecError(type: ResourceType, name: string): string {
  return `${type.resource}/${name} the object is not a pod or does not have a pod template: *${type.version}.${type.kind}`;
}

/** The pod spec at `path` in `obj` (an empty one where it is missing). */
export function podSpecAt(obj: KubeObject, path: string[]): Obj {
  let cur: unknown = obj;
  for (const key of path) cur = (cur as Obj | undefined)?.[key];
  return (cur ?? {}) as Obj;
}

/** `{a: {b: {c: leaf}}}` for the path a.b.c. */
export function nest(path: string[], leaf: Obj): Obj {
  return path.reduceRight<Obj>((inner, key) => ({ [key]: inner }), leaf);
}

/** A copy of `obj` with `leaf`'s fields set at `path`. */
export function withAt(obj: Obj, path: string[], leaf: Obj): Obj {
  const [head, ...rest] = path;
  if (head === undefined) return { ...obj, ...leaf };
  const inner = (obj[head] ?? {}) as Obj;
  return { ...obj, [head]: withAt(inner, rest, leaf) };
}
