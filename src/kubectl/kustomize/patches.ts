/**
 * kustomize's patch transformers: `patchesStrategicMerge` and `patches` (a strategic merge
 * patch, or a JSON 6902 patch when the text is a list of operations) run first; then
 * `patchesJson6902`. A patch without a target applies to the resource its own kind and name
 * (current or earlier) pick; one with a target to every resource the target selects.
 */
import { applyJsonPatch, decodeJsonPatch } from '../../engine/apiserver/jsonPatch.ts';
import { schemaOf } from '../../engine/apiserver/patchMeta.ts';
import { strategicMergePatch } from '../../engine/apiserver/strategicMerge.ts';
import { parseManifests } from '../manifest.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { sortedDeep } from '../printers/structOrder.ts';
import { typeByKind } from '../resources.ts';
import type { KustResource } from './build.ts';

type Obj = Record<string, unknown>;

/** A patch that cannot be applied: kustomize's words. */
export class PatchError extends Error {}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const nameOf = (o: Obj): string => str(isObj(o.metadata) ? o.metadata.name : '');

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function parseText(text: string, source: string): unknown[] {
  const parsed = parseManifests(text, source, { yaml12: true });
  if (parsed.ok) return parsed.docs;
  // A JSON 6902 patch in YAML is a list, which parseManifests refuses: read it as one.
  const list = parseManifests(`ops:\n${text.replace(/^/gm, '  ')}`, source, { yaml12: true });
  if (list.ok) {
    const ops = (list.docs[0] as unknown as Obj | undefined)?.ops;
    if (Array.isArray(ops)) return [ops];
  }
  throw new PatchError(parsed.error);
}

function matchesSelector(labels: Obj, selector: string): boolean {
  for (const term of selector.split(',')) {
    const t = term.trim();
    if (t === '') continue;
    const neq = t.indexOf('!=');
    if (neq >= 0) {
      if (str(labels[t.slice(0, neq).trim()]) === t.slice(neq + 2).trim()) return false;
      continue;
    }
    const eq = t.indexOf('=');
    if (eq < 0) {
      if (labels[t] === undefined) return false;
      continue;
    }
    const key = t.slice(0, eq).trim();
    const value = t.slice(eq + (t[eq + 1] === '=' ? 2 : 1)).trim();
    if (str(labels[key]) !== value) return false;
  }
  return true;
}

/** Go's regexp.Compile error for a pattern JavaScript refuses too (the usual cases). */
function goRegexpError(pattern: string): string {
  const open = pattern.lastIndexOf('[');
  if (open >= 0 && pattern.indexOf(']', open) < 0) {
    return `error parsing regexp: missing closing ]: \`${pattern.slice(open)}\``;
  }
  const rep = /(?:^|[^\\])([*+?])/.exec(pattern.replace(/^\^\(\?:/, ''));
  if (rep && /^\^\(\?:[*+?]/.test(pattern)) {
    return `error parsing regexp: missing argument to repetition operator: \`${rep[1]}\``;
  }
  return `error parsing regexp: missing closing ): \`${pattern}\``;
}

export function selects(r: KustResource, t: Target): boolean {
  const o = r.obj;
  const av = str(o.apiVersion);
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  const m = isObj(o.metadata) ? o.metadata : {};
  const re = (pattern: string, value: string): boolean => {
    const anchored = `^(?:${pattern})$`;
    try {
      return new RegExp(anchored).test(value);
    } catch {
      throw new PatchError(goRegexpError(anchored));
    }
  };
  if (t.group !== undefined && t.group !== group) return false;
  if (t.version !== undefined && t.version !== version) return false;
  if (t.kind !== undefined && t.kind !== str(o.kind)) return false;
  if (t.name !== undefined && !r.names.some((n) => re(t.name as string, n))) return false;
  if (t.namespace !== undefined && !re(t.namespace, str(m.namespace))) return false;
  if (t.labelSelector !== undefined) {
    if (!matchesSelector(isObj(m.labels) ? m.labels : {}, t.labelSelector)) return false;
  }
  if (t.annotationSelector !== undefined) {
    const annotations = isObj(m.annotations) ? m.annotations : {};
    if (!matchesSelector(annotations, t.annotationSelector)) return false;
  }
  return true;
}

export function toTarget(v: unknown): Target | undefined {
  if (!isObj(v)) return undefined;
  const t: Target = {};
  const keys = [
    'group',
    'version',
    'kind',
    'name',
    'namespace',
    'labelSelector',
    'annotationSelector',
  ] as const;
  for (const k of keys) {
    if (v[k] !== undefined && str(v[k]) !== '') t[k] = str(v[k]);
  }
  return t;
}

function strategic(r: KustResource, patch: Obj): void {
  const type = typeByKind(r.obj.apiVersion, r.obj.kind);
  const body = { ...patch };
  // The patch's identity is not a change.
  delete body.apiVersion;
  delete body.kind;
  if (isObj(body.metadata)) {
    const m = { ...body.metadata };
    delete m.name;
    delete m.namespace;
    body.metadata = m;
  }
  let merged: unknown;
  try {
    merged = type
      ? strategicMergePatch(r.obj, body, schemaOf(type.resource))
      : mergeJson(r.obj, body);
  } catch (e) {
    throw new PatchError(e instanceof Error ? e.message : String(e));
  }
  for (const k of Object.keys(r.obj)) delete r.obj[k];
  Object.assign(r.obj, merged);
}

function mergeJson(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergeJson(out[k], v);
  }
  return out;
}

function json6902(r: KustResource, ops: unknown): void {
  try {
    const result = applyJsonPatch(r.obj, decodeJsonPatch(ops)) as Obj;
    for (const k of Object.keys(r.obj)) delete r.obj[k];
    Object.assign(r.obj, result);
  } catch (e) {
    throw new PatchError(e instanceof Error ? e.message : String(e));
  }
}

/** How a patch transformer reads its files: the text, or undefined and why not. */
export interface PatchFiles {
  read(path: string): string | undefined;
  /** The evalsymlink failure for a missing path. */
  missing(path: string): string;
}

/** Applies one phase's patches of kustomization `k` to `res`. */
export function applyPatches(
  res: KustResource[],
  k: Obj,
  files: PatchFiles,
  phase: 'strategic' | 'json6902',
): void {
  // kusttarget.configureBuiltinPlugin's words: the transformer and its config as YAML.
  const trouble = (plugin: string, config: unknown, why: string): never => {
    throw new PatchError(
      `trouble configuring builtin ${plugin} with config: \`\n${toGoYaml(sortedDeep(config))}\`: ${why}`,
    );
  };
  const entries: { text: string; source: string; target?: Target; json?: boolean }[] = [];
  if (phase === 'strategic') {
    const paths = list(k.patchesStrategicMerge)
      .map(str)
      .filter((s) => !s.includes('\n'));
    for (const p of list(k.patchesStrategicMerge)) {
      const s = str(p);
      const inline = s.includes('\n');
      const text = inline ? s : files.read(s);
      if (text === undefined)
        trouble('PatchStrategicMergeTransformer', { paths }, files.missing(s));
      entries.push({ text: text as string, source: inline ? 'patch' : s });
    }
    for (const p of list(k.patches)) {
      if (!isObj(p)) continue;
      const hasPatch = str(p.patch) !== '';
      const hasPath = str(p.path) !== '';
      const config = toGoYaml(sortedDeep(p)).replace(/\n$/, '');
      if (hasPatch && hasPath) {
        trouble('PatchTransformer', p, `patch and path can't be set at the same time\n${config}`);
      }
      if (!hasPatch && !hasPath) {
        trouble('PatchTransformer', p, `must specify one of patch and path in\n${config}`);
      }
      const path = str(p.path);
      const text = hasPatch ? str(p.patch) : files.read(path);
      if (text === undefined) {
        trouble(
          'PatchTransformer',
          p,
          `failed to get the patch file from path(${path}): ${files.missing(path)}`,
        );
      }
      entries.push({
        text: text as string,
        source: hasPatch ? `[patch: ${JSON.stringify(text)}]` : `[path: ${JSON.stringify(path)}]`,
        target: toTarget(p.target),
      });
    }
  } else {
    for (const p of list(k.patchesJson6902)) {
      if (!isObj(p)) continue;
      const path = str(p.path);
      const hasPatch = str(p.patch) !== '';
      if (!hasPatch && path === '') {
        trouble('PatchJson6902Transformer', p, 'empty file path and empty jsonOp');
      }
      const text = hasPatch ? str(p.patch) : files.read(path);
      if (text === undefined) trouble('PatchJson6902Transformer', p, files.missing(path));
      entries.push({
        text: text as string,
        source: hasPatch ? `[patch: ${JSON.stringify(text)}]` : `[path: ${JSON.stringify(path)}]`,
        target: toTarget(p.target),
        json: true,
      });
    }
  }
  for (const e of entries) {
    for (const doc of parseText(e.text, e.source)) {
      if (Array.isArray(doc)) {
        if (!e.target) throw new PatchError(`must specify a target for JSON patch ${e.source}`);
        for (const r of res) if (selects(r, e.target)) json6902(r, doc);
        continue;
      }
      if (!isObj(doc)) continue;
      if (e.json) {
        throw new PatchError('json patch must be a list of operations');
      }
      // `$patch: delete` at the top removes the resources the patch selects.
      const remove = doc.$patch === 'delete';
      const patchOne = (r: KustResource): void => {
        if (remove) res.splice(res.indexOf(r), 1);
        else strategic(r, doc);
      };
      if (e.target) {
        for (const r of res.filter((x) => selects(x, e.target as Target))) patchOne(r);
        continue;
      }
      const kind = str(doc.kind);
      const name = nameOf(doc);
      const found = res.filter((r) => str(r.obj.kind) === kind && r.names.includes(name));
      if (found.length === 0) {
        const av = str(doc.apiVersion);
        const slash = av.indexOf('/');
        const gv = slash >= 0 ? `${av.slice(slash + 1)}.${av.slice(0, slash)}` : `${av}.[noGrp]`;
        const ns = str(isObj(doc.metadata) ? doc.metadata.namespace : '') || '[noNs]';
        const id = `${kind}.${gv}/${name}.${ns}`;
        throw new PatchError(
          `no resource matches strategic merge patch "${id}": no matches for Id ${id}; failed to find unique target for patch ${id}`,
        );
      }
      for (const r of found) patchOne(r);
    }
  }
}
