/**
 * Tab completion for `kubectl explain`: resource types, then (once the explain data is loaded)
 * the fields under the path typed so far (`pod.spec.con` → `pod.spec.containers`).
 */
import { RESOURCE_TYPES, resolveType } from '../resources.ts';
import { explainSchemaIfLoaded } from './load.ts';

/** Candidates for the TYPE[.FIELD…] word being typed. */
export function explainCandidates(current: string): string[] {
  const types = [
    ...RESOURCE_TYPES.map((t) => t.resource),
    ...RESOURCE_TYPES.flatMap((t) => t.shortNames),
  ];
  const dot = current.lastIndexOf('.');
  if (dot < 0) return types;
  const schema = explainSchemaIfLoaded();
  const [resource = '', ...path] = current.slice(0, dot).split('.');
  const t = resolveType(resource);
  if (!schema || !t) return [];
  let key: string | undefined = schema.kinds[`${t.group}/${t.version}/${t.kind}`];
  for (const name of path) {
    const fields = key === undefined ? undefined : schema.types[key]?.f;
    const field = fields && Object.hasOwn(fields, name) ? fields[name] : undefined;
    // Through lists and maps to the named type they hold.
    const code = field?.[0].replace(/^[[{]+/, '');
    key = code?.startsWith('@') ? code.slice(1) : undefined;
  }
  const fields = key === undefined ? undefined : schema.types[key]?.f;
  const prefix = current.slice(0, dot + 1);
  return Object.keys(fields ?? {}).map((f) => prefix + f);
}
