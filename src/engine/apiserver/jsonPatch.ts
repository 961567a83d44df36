/**
 * JSON patch (RFC 6902, application/json-patch+json) as gopkg.in/evanphx/json-patch.v4 (4.12)
 * applies one for the API server and kubectl: add / remove / replace / move / copy / test, with
 * its quirks (negative array indices count from the end; `replace` of a missing object key
 * adds it; a missing `value` is null) and its error texts, which wrap a cause with
 * github.com/pkg/errors (`<context>: <cause>`).
 */

type Obj = Record<string, unknown>;

/** A failed operation, in json-patch's words. */
export class JsonPatchError extends Error {}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

function isMap(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An own, enumerable property (so a key like `__proto__` stays a plain key). */
function own(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

function copyJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyJson) as T;
  if (isMap(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, own(copyJson(v[k])));
    return out as T;
  }
  return v;
}

/** strconv.Atoi, or its error text. */
function atoi(s: string): number | string {
  if (/^[+-]?\d+$/.test(s) && Math.abs(Number(s)) <= Number.MAX_SAFE_INTEGER) return Number(s);
  return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
}

function decodeKey(k: string): string {
  return k.replaceAll('~1', '/').replaceAll('~0', '~');
}

type Container = Obj | unknown[];

/** The index an array access means (negative from the end), or the error. */
function arrayIndex(list: unknown[], key: string, size: number): number | string {
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  if (idx < 0) {
    if (idx < -size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
    return idx + size;
  }
  if (idx >= size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
  void list;
  return idx;
}

/** container.get: the value (undefined when an object lacks the key), or an error text. */
function get(c: Container, key: string): { value: unknown } | { error: string } {
  if (!Array.isArray(c)) return { value: Object.hasOwn(c, key) ? c[key] : undefined };
  const i = arrayIndex(c, key, c.length);
  return typeof i === 'string' ? { error: i } : { value: c[i] };
}

/** findObject: the container holding the path's last token, and that token. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let c: Container = doc;
  for (const part of split.slice(1, -1)) {
    const next = get(c, decodeKey(part));
    if ('error' in next) return undefined;
    const v = next.value;
    if (Array.isArray(v) || isMap(v)) c = v;
    else return undefined;
  }
  return [c, decodeKey(split[split.length - 1] as string)];
}

function add(c: Container, key: string, value: unknown): string | undefined {
  if (!Array.isArray(c)) {
    Object.defineProperty(c, key, own(value));
    return undefined;
  }
  if (key === '-') {
    c.push(value);
    return undefined;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return `value was not a proper array index: '${key}': ${idx}`;
  const size = c.length + 1;
  if (idx >= size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
  let i = idx;
  if (i < 0) {
    if (i < -size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
    i += size;
  }
  c.splice(i, 0, value);
  return undefined;
}

function remove(c: Container, key: string): string | undefined {
  if (!Array.isArray(c)) {
    if (!Object.hasOwn(c, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete c[key];
    return undefined;
  }
  const i = arrayIndex(c, key, c.length);
  if (typeof i === 'string') return i;
  c.splice(i, 1);
  return undefined;
}

/** JSON equality as lazyNode.equal sees it (null and absent alike at the top). */
function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => equal(v, b[i]));
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return a === b;
}

/** A string field of an operation: its value, undefined when absent or null, or a type error. */
function stringField(op: Obj, field: string): string | undefined | { error: string } {
  const v = op[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  const t = Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
  return { error: `json: cannot unmarshal ${t} into Go value of type string` };
}

/**
 * `DecodePatch`: the body must be a JSON array of objects; else encoding/json's error, which
 * the API server returns as a BadRequest.
 */
export function decodeJsonPatch(body: unknown): Obj[] {
  if (!Array.isArray(body)) {
    const t = isMap(body) ? 'object' : typeof body;
    throw new JsonPatchError(`json: cannot unmarshal ${t} into Go value of type jsonpatch.Patch`);
  }
  for (const op of body) {
    if (op !== null && !isMap(op)) {
      const t = Array.isArray(op) ? 'array' : typeof op;
      throw new JsonPatchError(
        `json: cannot unmarshal ${t} into Go value of type jsonpatch.Operation`,
      );
    }
  }
  return body.map((op) => (op ?? {}) as Obj);
}

/** Apply the operations to a copy of `doc`; throws JsonPatchError with json-patch's text. */
export function applyJsonPatch(doc: unknown, ops: Obj[]): unknown {
  let root = copyJson(doc) as Container;
  const fail = (msg: string): never => {
    throw new JsonPatchError(msg);
  };
  for (const op of ops) {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    const hasValue = Object.hasOwn(op, 'value');
    const value = copyJson(op.value ?? null);
    const pathOf = (verb: string, wrapMissing: boolean): string => {
      const p = stringField(op, 'path');
      if (p === undefined) return fail(`${verb} operation failed to decode path: ${MISSING}`);
      if (typeof p !== 'string')
        return fail(`${verb} operation failed to decode path: ${wrapMissing ? MISSING : p.error}`);
      return p;
    };
    const fromOf = (verb: string): string => {
      const f = stringField(op, 'from');
      if (f === undefined)
        return fail(
          `${verb} operation failed to decode from: operation, missing from field: ${MISSING}`,
        );
      if (typeof f !== 'string') return fail(`${verb} operation failed to decode from: ${f.error}`);
      return f;
    };
    switch (kind) {
      case 'add': {
        const path = pathOf('add', true);
        const found = findObject(root, path);
        if (!found)
          fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        const [c, key] = found as [Container, string];
        const err = add(c, key, value);
        if (err) fail(`error in add for path: '${path}': ${err}`);
        break;
      }
      case 'remove': {
        const path = pathOf('remove', true);
        const found = findObject(root, path);
        if (!found)
          fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        const [c, key] = found as [Container, string];
        const err = remove(c, key);
        if (err) fail(`error in remove for path: '${path}': ${err}`);
        break;
      }
      case 'replace': {
        const path = pathOf('replace', false);
        if (path === '') {
          if (!Array.isArray(value) && !isMap(value))
            fail('replace operation value must be object or array');
          root = value as Container;
          break;
        }
        const found = findObject(root, path);
        if (!found)
          fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
        const [c, key] = found as [Container, string];
        const cur = get(c, key);
        if ('error' in cur)
          fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
        if (Array.isArray(c)) c[arrayIndex(c, key, c.length) as number] = value;
        else Object.defineProperty(c, key, own(value));
        break;
      }
      case 'move': {
        const from = fromOf('move');
        const src = findObject(root, from);
        if (!src)
          fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const [sc, skey] = src as [Container, string];
        const got = get(sc, skey);
        if ('error' in got) fail(`error in move for path: '${skey}': ${got.error}`);
        const err = remove(sc, skey);
        if (err) fail(`error in move for path: '${skey}': ${err}`);
        const path = pathOf('move', false);
        const dst = findObject(root, path);
        if (!dst)
          fail(
            `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`,
          );
        const [dc, dkey] = dst as [Container, string];
        const err2 = add(dc, dkey, (got as { value: unknown }).value ?? null);
        if (err2) fail(`error in move for path: '${path}': ${err2}`);
        break;
      }
      case 'copy': {
        const from = fromOf('copy');
        const src = findObject(root, from);
        if (!src)
          fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const [sc, skey] = src as [Container, string];
        const got = get(sc, skey);
        if ('error' in got) fail(`error in copy for from: '${from}': ${got.error}`);
        const path = pathOf('copy', true);
        const dst = findObject(root, path);
        if (!dst)
          fail(
            `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`,
          );
        const [dc, dkey] = dst as [Container, string];
        const err = add(dc, dkey, copyJson((got as { value: unknown }).value ?? null));
        if (err) fail(`error while adding value during copy: ${err}`);
        break;
      }
      case 'test': {
        const path = pathOf('test', false);
        const failed = `testing value ${path} failed: test failed`;
        if (path === '') {
          if (!equal(root, value)) fail(failed);
          break;
        }
        const found = findObject(root, path);
        if (!found) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
        const [c, key] = found as [Container, string];
        const got = get(c, key);
        if ('error' in got) fail(`error in test for path: '${path}': ${got.error}`);
        const v = (got as { value: unknown }).value;
        if (v === undefined || v === null) {
          if (op.value === null || op.value === undefined) break;
          fail(failed);
        }
        if (!hasValue || !equal(v, value)) fail(failed);
        break;
      }
      default:
        fail(`Unexpected kind: ${kind}`);
    }
  }
  return root;
}
