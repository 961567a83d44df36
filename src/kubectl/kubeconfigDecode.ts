/**
 * clientcmd's Load of a kubeconfig file, up to its errors: the text goes through
 * sigs.k8s.io/yaml (go-yaml v2: its syntax errors, YAML 1.1's `yes`/`on`/`y` booleans, the
 * first document only, a repeated key's last value), then apimachinery reads its apiVersion and
 * kind (v1 Config, either may be left out), then encoding/json decodes the JSON into
 * clientcmd/api/v1.Config. Go marshals a map with its keys sorted, so the decoder meets them in
 * that order and reports the first value of the wrong JSON type:
 *
 *   json: cannot unmarshal number into Go struct field Config.clusters of type []v1.NamedCluster
 *
 * (`Struct.path.of.json.names`, the struct that holds the field, the Go type wanted), or the first
 * []byte field that is not base64 (`illegal base64 data at input byte N`). The texts are the
 * real kubectl 1.32.5's, after `error loading config file "PATH": `.
 */
import { parseAllDocuments } from 'yaml';
import { base64ErrorOffset } from '../engine/apiserver/secretConversion.ts';
import { goYamlError } from './yamlErrors.ts';

type Obj = Record<string, unknown>;

/** A Go type of clientcmd/api/v1: a scalar, a struct, a slice, a map, or anything. */
type GoType =
  | { kind: 'string'; name: string }
  | { kind: 'bool' }
  | { kind: 'bytes' }
  | { kind: 'raw' }
  | { kind: 'struct'; name: string; fields: () => Record<string, GoType> }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; elem: GoType };

const STRING: GoType = { kind: 'string', name: 'string' };
const BOOL: GoType = { kind: 'bool' };
const BYTES: GoType = { kind: 'bytes' };
const slice = (elem: GoType): GoType => ({ kind: 'slice', elem });
const struct = (name: string, fields: () => Record<string, GoType>): GoType => ({
  kind: 'struct',
  name,
  fields,
});

const NAMED_EXTENSION = struct('NamedExtension', () => ({
  name: STRING,
  extension: { kind: 'raw' },
}));
const EXTENSIONS = slice(NAMED_EXTENSION);

const CLUSTER = struct('Cluster', () => ({
  server: STRING,
  'tls-server-name': STRING,
  'insecure-skip-tls-verify': BOOL,
  'certificate-authority': STRING,
  'certificate-authority-data': BYTES,
  'proxy-url': STRING,
  'disable-compression': BOOL,
  extensions: EXTENSIONS,
}));

const AUTH_INFO = struct('AuthInfo', () => ({
  'client-certificate': STRING,
  'client-certificate-data': BYTES,
  'client-key': STRING,
  'client-key-data': BYTES,
  token: STRING,
  tokenFile: STRING,
  as: STRING,
  'as-uid': STRING,
  'as-groups': slice(STRING),
  'as-user-extra': { kind: 'map', elem: slice(STRING) },
  username: STRING,
  password: STRING,
  'auth-provider': struct('AuthProviderConfig', () => ({
    name: STRING,
    config: { kind: 'map', elem: STRING },
  })),
  exec: struct('ExecConfig', () => ({
    command: STRING,
    args: slice(STRING),
    env: slice(struct('ExecEnvVar', () => ({ name: STRING, value: STRING }))),
    apiVersion: STRING,
    installHint: STRING,
    provideClusterInfo: BOOL,
    interactiveMode: { kind: 'string', name: 'v1.ExecInteractiveMode' },
  })),
  extensions: EXTENSIONS,
}));

const CONFIG = struct('Config', () => ({
  kind: STRING,
  apiVersion: STRING,
  preferences: struct('Preferences', () => ({ colors: BOOL, extensions: EXTENSIONS })),
  clusters: slice(struct('NamedCluster', () => ({ name: STRING, cluster: CLUSTER }))),
  users: slice(struct('NamedAuthInfo', () => ({ name: STRING, user: AUTH_INFO }))),
  contexts: slice(
    struct('NamedContext', () => ({
      name: STRING,
      context: struct('Context', () => ({
        cluster: STRING,
        user: STRING,
        namespace: STRING,
        extensions: EXTENSIONS,
      })),
    })),
  ),
  'current-context': STRING,
  extensions: EXTENSIONS,
}));

/** reflect.Type.String() of a clientcmd/api/v1 type. */
function typeName(t: GoType): string {
  switch (t.kind) {
    case 'string':
      return t.name;
    case 'bool':
      return 'bool';
    case 'bytes':
      return '[]uint8';
    case 'raw':
      return 'runtime.RawExtension';
    case 'struct':
      return `v1.${t.name}`;
    case 'slice':
      return `[]${typeName(t.elem)}`;
    case 'map':
      return `map[string]${typeName(t.elem)}`;
  }
}

/** The JSON kind encoding/json names in an UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string' || v instanceof Date) return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

/**
 * Go's base64.StdEncoding.DecodeString: the CorruptInputError offset of `s`, or undefined when it
 * decodes (line breaks are skipped; padding is required). The API server's own (Secret data).
 */
export const goBase64Error = base64ErrorOffset;

/** The first decoding error of `v` into `t`, fields met in sorted order; undefined if none. */
function decodeError(v: unknown, t: GoType, holder: string, path: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  const mismatch = () =>
    `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${holder}.${path} of type ${typeName(t)}`;
  switch (t.kind) {
    case 'raw':
      return undefined;
    case 'string':
      return typeof v === 'string' || v instanceof Date ? undefined : mismatch();
    case 'bool':
      return typeof v === 'boolean' ? undefined : mismatch();
    case 'bytes': {
      if (typeof v !== 'string') return mismatch();
      const at = goBase64Error(v);
      return at === undefined ? undefined : `illegal base64 data at input byte ${at}`;
    }
    case 'slice': {
      if (!Array.isArray(v)) return mismatch();
      for (const x of v) {
        const e = decodeError(x, t.elem, holder, path);
        if (e) return e;
      }
      return undefined;
    }
    case 'map': {
      if (jsonKind(v) !== 'object') return mismatch();
      const o = v as Obj;
      for (const k of Object.keys(o).sort()) {
        const e = decodeError(o[k], t.elem, holder, path);
        if (e) return e;
      }
      return undefined;
    }
    case 'struct': {
      if (jsonKind(v) !== 'object') return mismatch();
      const o = v as Obj;
      const fields = t.fields();
      for (const k of Object.keys(o).sort()) {
        const ft = fields[k];
        if (!ft) continue;
        const e = decodeError(o[k], ft, t.name, path === '' ? k : `${path}.${k}`);
        if (e) return e;
      }
      return undefined;
    }
  }
}

const VERSION_KIND =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/**
 * A kubeconfig file's text decoded as clientcmd decodes it: the document as a plain object (its
 * values checked against v1.Config's types), or the error text after
 * `error loading config file "PATH": `.
 */
export function decodeKubeconfig(text: string): { doc: Obj } | { error: string } {
  const syntax = goYamlError(text);
  if (syntax !== undefined) return { error: syntax };
  let doc: unknown;
  try {
    const first = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, merge: true });
    const docs = Array.isArray(first) ? first : [];
    doc = docs.length === 0 ? null : docs[0]?.toJS({ maxAliasCount: -1 });
  } catch (e) {
    // Something go-yaml accepts and the yaml library does not: read as nothing.
    doc = null;
    void e;
  }
  if (doc === null || doc === undefined) return { doc: {} };
  const kind = jsonKind(doc);
  if (kind !== 'object')
    return {
      error: `couldn't get version/kind; json parse error: json: cannot unmarshal ${kind} into Go value of type ${VERSION_KIND}`,
    };
  const o = doc as Obj;
  for (const field of ['apiVersion', 'kind']) {
    const v = o[field];
    if (v !== null && v !== undefined && typeof v !== 'string' && !(v instanceof Date))
      return {
        error: `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(v)} into Go struct field .${field} of type string`,
      };
  }
  const version = typeof o.apiVersion === 'string' && o.apiVersion !== '' ? o.apiVersion : 'v1';
  const kindName = typeof o.kind === 'string' && o.kind !== '' ? o.kind : 'Config';
  if (version !== 'v1' || kindName !== 'Config')
    return {
      error: `no kind "${kindName}" is registered for version "${version}" in scheme "k8s.io/client-go/tools/clientcmd/api/latest/latest.go:50"`,
    };
  const typeError = decodeError(o, CONFIG, 'Config', '');
  return typeError === undefined ? { doc: o } : { error: typeError };
}
