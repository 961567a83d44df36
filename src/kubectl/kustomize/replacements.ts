/**
 * kustomize's `replacements` (the ReplacementTransformer, last of a kustomization's
 * transformers): a field of one source object copied into fields of the objects each target
 * selects. Field paths as kyaml reads them: `a.b.c`, a list element by `[key=value]` or by its
 * index, a delimiter and index to take or set one part of a string.
 */
import { parseManifests } from '../manifest.ts';
import type { KustResource } from './build.ts';
import { selects, type Target, toTarget } from './patches.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A replacement that cannot be made: kustomize's words. */
export class ReplacementError extends Error {}

/** utils.SmarterPathSplitter: split on `.`, not inside `[…]`. */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((p) => p !== '');
}

/** The container (map or list) and key that `path` ends at, made on the way when `create`. */
function locate(
  obj: Obj,
  path: string,
  create: boolean,
): { parent: Obj | unknown[]; key: string | number } | undefined {
  const parts = splitPath(path);
  let cur: unknown = obj;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    const sel = /^\[([^=\]]+)=([^\]]*)\]$/.exec(part);
    if (sel) {
      if (!Array.isArray(cur)) return undefined;
      const idx = cur.findIndex((e) => isObj(e) && str(e[sel[1] as string]) === sel[2]);
      if (idx < 0) return undefined;
      if (last) return { parent: cur, key: idx };
      cur = cur[idx];
      continue;
    }
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(part)) return undefined;
      const idx = Number(part);
      if (idx >= cur.length) return undefined;
      if (last) return { parent: cur, key: idx };
      cur = cur[idx];
      continue;
    }
    if (!isObj(cur)) return undefined;
    if (last) return { parent: cur, key: part };
    if (cur[part] === undefined || cur[part] === null) {
      if (!create) return undefined;
      cur[part] = /^\[.*\]$|^\d+$/.test(parts[i + 1] as string) ? [] : {};
    }
    cur = cur[part];
  }
  return undefined;
}

const valueAt = (obj: Obj, path: string): unknown => {
  const at = locate(obj, path, false);
  if (!at) return undefined;
  return Array.isArray(at.parent) ? at.parent[at.key as number] : at.parent[at.key as string];
};

/** Selector.String() as resid prints it: `Kind.version.group/name.namespace`. */
function selectorText(t: Obj): string {
  const name = str(t.name) || '[noName]';
  const ns = str(t.namespace) || '[noNs]';
  return `${str(t.kind)}.${str(t.version) || '[noVer]'}.${str(t.group) || '[noGrp]'}/${name}.${ns}`;
}

/** Options.delimiter/index: one part of a string. */
function partOf(value: unknown, options: Obj): unknown {
  const delimiter = str(options.delimiter);
  if (delimiter === '') return value;
  const parts = str(value).split(delimiter);
  const index = Number(options.index ?? 0);
  return parts[index] ?? '';
}

function withPart(current: unknown, value: unknown, options: Obj): unknown {
  const delimiter = str(options.delimiter);
  if (delimiter === '') return value;
  const parts = str(current).split(delimiter);
  const index = Number(options.index ?? 0);
  if (index >= parts.length) parts.push(str(value));
  else if (index < 0) parts.unshift(str(value));
  else parts[index] = str(value);
  return parts.join(delimiter);
}

/** Applies a kustomization's replacements (`path` entries read with `read`). */
export function applyReplacements(
  res: KustResource[],
  entries: unknown[],
  read: (path: string) => string,
): void {
  for (const entry of entries) {
    if (!isObj(entry)) continue;
    let reps: unknown[] = [entry];
    if (str(entry.path) !== '') {
      const parsed = parseManifests(read(str(entry.path)), str(entry.path), { yaml12: true });
      if (!parsed.ok) throw new ReplacementError(parsed.error);
      reps = parsed.docs.flatMap((d) => (Array.isArray(d) ? d : [d]));
    }
    for (const r of reps) if (isObj(r)) replaceOne(res, r);
  }
}

function replaceOne(res: KustResource[], rep: Obj): void {
  const source = isObj(rep.source) ? rep.source : {};
  const sourceTarget = toTarget(source) ?? {};
  const found = res.filter((r) => selects(r, sourceTarget as Target));
  if (found.length === 0) throw new ReplacementError(`nothing selected by ${selectorText(source)}`);
  if (found.length > 1) {
    throw new ReplacementError(`multiple matches for selector ${selectorText(source)}`);
  }
  const fieldPath = str(source.fieldPath) || 'metadata.name';
  const raw = valueAt((found[0] as KustResource).obj, fieldPath);
  if (raw === undefined) {
    throw new ReplacementError(
      `fieldPath \`${fieldPath}\` is missing for replacement source ${selectorText(source)}`,
    );
  }
  const value = partOf(raw, isObj(source.options) ? source.options : {});
  for (const t of list(rep.targets)) {
    if (!isObj(t)) continue;
    if (!isObj(t.select)) throw new ReplacementError('target must specify resources to select');
    const select = toTarget(t.select) ?? {};
    const rejects = list(t.reject)
      .map(toTarget)
      .filter((x): x is Target => x !== undefined);
    const options = isObj(t.options) ? t.options : {};
    const create = options.create === true;
    for (const r of res) {
      if (!selects(r, select) || rejects.some((x) => selects(r, x))) continue;
      for (const p of list(t.fieldPaths).map(str)) {
        const at = locate(r.obj, p, create);
        const current = at
          ? Array.isArray(at.parent)
            ? at.parent[at.key as number]
            : at.parent[at.key as string]
          : undefined;
        if (!at || (current === undefined && !create)) {
          throw new ReplacementError(`unable to find field "${p}" in replacement target`);
        }
        // An existing string keeps its type; a new field takes the source's.
        let next = withPart(current, value, options);
        if (typeof current === 'string' && typeof next !== 'string' && !isObj(next)) {
          next = str(next);
        }
        if (Array.isArray(at.parent)) at.parent[at.key as number] = next;
        else at.parent[at.key as string] = next;
      }
    }
  }
}
