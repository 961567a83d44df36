/**
 * kubectl's generic describer (pkg/describe `genericDescriber`), used for a type without a
 * describer of its own such as ControllerRevision: name, namespace, labels and annotations,
 * then every other field of the object as the API server sent it (`printUnstructuredContent`),
 * keys sorted and turned into labels by `smartLabelFor` (`apiVersion` → `API Version`), then
 * the events.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { goSprint } from '../../engine/util/gofmt.ts';
import {
  describeEvents,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './describe.ts';

/** Fields the header already printed (or that are never shown). */
const SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** fatih/camelcase `Split`: runs of lower, upper, digit and other characters; `PDFLoader` → PDF Loader. */
export function camelcaseSplit(src: string): string[] {
  const classOf = (c: string): number =>
    /\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4;
  const runs: string[][] = [];
  let last = 0;
  for (const c of src) {
    const cls = classOf(c);
    if (cls === last) runs[runs.length - 1]?.push(c);
    else runs.push([c]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i] as string[];
    const next = runs[i + 1] as string[];
    if (/\p{Lu}/u.test(cur[0] ?? '') && /\p{Ll}/u.test(next[0] ?? '')) {
      next.unshift(cur.pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/**
 * `smartLabelFor`: a field name made of letters and `-` becomes title-cased words (common
 * acronyms upper-cased); any other name (`k8s-app`, `$patch`, `kubernetes.io/os`) stays as is.
 */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => c !== '-' && !/\p{L}/u.test(c))) return field;
  return camelcaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) =>
      ACRONYMS.has(part.toUpperCase())
        ? part.toUpperCase()
        : part.charAt(0).toUpperCase() + part.slice(1),
    )
    .join(' ');
}

/** `printUnstructuredContent`: maps nest a level, lists print their items, the rest `%v`. */
function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    if (value === undefined) continue;
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
          printContent(w, level + 1, child as Record<string, unknown>, path);
        } else {
          w.write(level + 1, `${goSprint(child)}\n`);
        }
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goSprint(value)}\n`);
    }
  }
}

/** `kubectl describe` of an object through the generic describer. */
export function describeGeneric(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  printContent(w, 0, obj as Record<string, unknown>, '');
  if (events) describeEvents(w, events, now);
  return w.toString();
}
