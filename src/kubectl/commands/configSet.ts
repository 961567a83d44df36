/**
 * `kubectl config set`, `config unset`, `config delete-cluster` and `config delete-user`
 * (audit 17 H2), as kubectl 1.32's cmd/config does them.
 *
 * set/unset take a dotted PROPERTY_NAME walked through clientcmdapi.Config's JSON field names
 * (navigation_step_parser.go): a map key (a cluster, context or user name) runs up to the next
 * part that is a field of the map's value type, so names may hold dots
 * (`clusters.10.0.0.1.server`). modifyConfig then sets or clears what the path names: a missing
 * map entry is created by set and refused by unset (`current map key `x` is invalid`), a whole
 * entry (`contexts.foo`) is removed by unset, binary fields take base64 unless
 * `--set-raw-bytes`. Fields the console's kubeconfig does not model are refused by name.
 */
import type { Ctx } from '../context.ts';
import { adminClientCertificatePem, adminClientKeyPem, type Kubeconfig } from '../kubeconfig.ts';
import type { KubeAuthInfo } from '../kubeconfigAuth.ts';

/** A field's Go type, as far as the walk needs it. */
type GoType =
  | { kind: 'struct'; name: string; fields: Readonly<Record<string, GoType>> }
  | { kind: 'map'; name: string; value: GoType & { kind: 'struct' } }
  | { kind: 'string' | 'bool' | 'bytes' | 'other'; name: string };

const STRING: GoType = { kind: 'string', name: 'string' };
const BOOL: GoType = { kind: 'bool', name: 'bool' };
const BYTES: GoType = { kind: 'bytes', name: '[]uint8' };
const EXTENSIONS: GoType = { kind: 'other', name: 'map[string]runtime.Object' };

const CLUSTER: GoType & { kind: 'struct' } = {
  kind: 'struct',
  name: 'api.Cluster',
  fields: {
    '-': STRING,
    server: STRING,
    'tls-server-name': STRING,
    'insecure-skip-tls-verify': BOOL,
    'certificate-authority': STRING,
    'certificate-authority-data': BYTES,
    'proxy-url': STRING,
    'disable-compression': BOOL,
    extensions: EXTENSIONS,
  },
};

const AUTH_INFO: GoType & { kind: 'struct' } = {
  kind: 'struct',
  name: 'api.AuthInfo',
  fields: {
    '-': STRING,
    'client-certificate': STRING,
    'client-certificate-data': BYTES,
    'client-key': STRING,
    'client-key-data': BYTES,
    token: STRING,
    tokenFile: STRING,
    as: STRING,
    'as-uid': STRING,
    'as-groups': { kind: 'other', name: '[]string' },
    'as-user-extra': { kind: 'other', name: 'map[string][]string' },
    username: STRING,
    password: STRING,
    'auth-provider': { kind: 'other', name: '*api.AuthProviderConfig' },
    exec: { kind: 'other', name: '*api.ExecConfig' },
    extensions: EXTENSIONS,
  },
};

const CONTEXT: GoType & { kind: 'struct' } = {
  kind: 'struct',
  name: 'api.Context',
  fields: {
    '-': STRING,
    cluster: STRING,
    user: STRING,
    namespace: STRING,
    extensions: EXTENSIONS,
  },
};

const CONFIG: GoType = {
  kind: 'struct',
  name: 'api.Config',
  fields: {
    kind: STRING,
    apiVersion: STRING,
    preferences: {
      kind: 'struct',
      name: 'api.Preferences',
      fields: { colors: BOOL, extensions: EXTENSIONS },
    },
    clusters: { kind: 'map', name: 'map[string]*api.Cluster', value: CLUSTER },
    users: { kind: 'map', name: 'map[string]*api.AuthInfo', value: AUTH_INFO },
    contexts: { kind: 'map', name: 'map[string]*api.Context', value: CONTEXT },
    'current-context': STRING,
    extensions: EXTENSIONS,
  },
};

interface Step {
  value: string;
  type: GoType;
}

class ConfigPathError extends Error {}

/** newNavigationSteps: the steps of a dotted property name. */
function navigationSteps(path: string): Step[] {
  const parts = path.split('.');
  const steps: Step[] = [];
  let type: GoType = CONFIG;
  let i = 0;
  while (i < parts.length) {
    if (type.kind === 'map') {
      // The name runs up to the first later part that is a field of the value type.
      const rest = parts.slice(i);
      const known = rest
        .slice(1)
        .findIndex((p) => p in (type as { value: GoType & { kind: 'struct' } }).value.fields);
      const count = known < 0 ? rest.length : known + 1;
      const name = rest.slice(0, count).join('.');
      steps.push({ value: name, type: type.value });
      i += name.split('.').length;
      type = type.value;
    } else if (type.kind === 'other') {
      break; // what lies under it is not modeled: modify refuses it by name
    } else if (type.kind === 'struct') {
      const part = parts[i] as string;
      const field = type.fields[part];
      if (!field) {
        const shown = steps.map((s) => `{${s.value} ${s.type.name}}`).join(' ');
        throw new ConfigPathError(`unable to parse ${path} after [${shown}] at ${type.name}`);
      }
      steps.push({ value: part, type: field });
      i += 1;
      type = field;
    } else {
      throw new ConfigPathError(`unable to parse one or more field values of ${path}`);
    }
  }
  return steps;
}

/** Go's base64.StdEncoding.DecodeString, with its CorruptInputError offsets. */
function decodeBase64(s: string): string {
  const alphabet = /[A-Za-z0-9+/]/;
  const text = s.replace(/[\r\n]/g, '');
  for (let q = 0; q < text.length; q += 4) {
    const quantum = text.slice(q, q + 4);
    for (let j = 0; j < quantum.length; j++) {
      const c = quantum[j] as string;
      if (c === '=') {
        // Padding only in the last two places of the last quantum.
        if (j < 2 || q + 4 < text.length || (j === 2 && quantum[3] !== '='))
          throw new ConfigPathError(
            `error decoding input value: illegal base64 data at input byte ${q + j}`,
          );
        break;
      }
      if (!alphabet.test(c))
        throw new ConfigPathError(
          `error decoding input value: illegal base64 data at input byte ${q + j}`,
        );
    }
    if (quantum.length < 4)
      throw new ConfigPathError(
        `error decoding input value: illegal base64 data at input byte ${q}`,
      );
  }
  return atob(text);
}

/** strconv.ParseBool (an empty value is false). */
function parseBool(v: string): boolean {
  if (v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new ConfigPathError(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** The map's entries as Go's %v prints a map of pointers (the addresses are stand-ins). */
function mapText(names: string[]): string {
  return `map[${[...names]
    .sort()
    .map((n, i) => `${n}:0xc000${(0x4a2000 + i * 0x90).toString(16)}`)
    .join(' ')}]`;
}

type MapName = 'clusters' | 'users' | 'contexts';

function entryNames(cfg: Kubeconfig, map: MapName): string[] {
  if (map === 'clusters') return cfg.clusters.map((c) => c.name);
  if (map === 'contexts') return cfg.contexts.map((c) => c.name);
  return [...cfg.users];
}

function removeEntry(cfg: Kubeconfig, map: MapName, name: string): void {
  if (map === 'clusters') cfg.clusters = cfg.clusters.filter((c) => c.name !== name);
  else if (map === 'contexts') cfg.contexts = cfg.contexts.filter((c) => c.name !== name);
  else {
    cfg.users = cfg.users.filter((u) => u !== name);
    if (cfg.auth) cfg.auth = cfg.auth.filter((a) => a.name !== name);
  }
}

function addEntry(cfg: Kubeconfig, map: MapName, name: string): void {
  if (map === 'clusters') cfg.clusters.push({ name, server: '', caData: null });
  else if (map === 'contexts') cfg.contexts.push({ name, cluster: '', user: '', namespace: '' });
  else {
    cfg.users.push(name);
    cfg.auth ??= [];
    cfg.auth.push({ name });
  }
}

/** A user's credentials to change; admin.conf's user gets its certificate written out. */
export function authEntry(cfg: Kubeconfig, name: string): KubeAuthInfo {
  cfg.auth ??= [];
  let info = cfg.auth.find((a) => a.name === name);
  if (!info) {
    info = { name };
    if (name === 'kubernetes-admin' && cfg.users.includes(name)) {
      info.clientCertificateData = adminClientCertificatePem();
      info.clientKeyData = adminClientKeyPem();
    }
    cfg.auth.push(info);
  }
  return info;
}

/** What set/unset does to one field of an entry (value undefined: unset). */
function setField(
  cfg: Kubeconfig,
  map: MapName,
  name: string,
  field: string,
  value: string | undefined,
): void {
  if (field === '-') return;
  const text = value ?? '';
  if (map === 'contexts') {
    const c = cfg.contexts.find((x) => x.name === name);
    if (!c) return;
    if (field === 'cluster') c.cluster = text;
    else if (field === 'user') c.user = text;
    else c.namespace = text;
    return;
  }
  if (map === 'clusters') {
    const c = cfg.clusters.find((x) => x.name === name);
    if (!c) return;
    if (field === 'server') c.server = text;
    else c.caData = value === undefined ? null : btoa(text);
    return;
  }
  const info = authEntry(cfg, name);
  const key = (
    {
      'client-certificate': 'clientCertificate',
      'client-key': 'clientKey',
      'client-certificate-data': 'clientCertificateData',
      'client-key-data': 'clientKeyData',
      token: 'token',
      username: 'username',
      password: 'password',
    } as const
  )[field as 'token'];
  if (key !== undefined) assign(info, key, value);
}

function assign(
  info: KubeAuthInfo,
  key:
    | 'clientCertificate'
    | 'clientKey'
    | 'clientCertificateData'
    | 'clientKeyData'
    | 'token'
    | 'username'
    | 'password',
  v: string | undefined,
): void {
  if (v === undefined || (v === '' && !key.endsWith('Data'))) delete info[key];
  else info[key] = v;
}

function notModeled(ctx: Ctx, property: string): never {
  ctx.fail(`"${ctx.commandPath} ${property}" is not available in this simulated cluster`);
}

/** The fields of each entry the console's kubeconfig keeps (`-` is LocationOfOrigin, never written). */
const MODELED: Readonly<Record<MapName, readonly string[]>> = {
  contexts: ['-', 'cluster', 'user', 'namespace'],
  clusters: ['-', 'server', 'certificate-authority-data'],
  users: [
    '-',
    'client-certificate',
    'client-key',
    'client-certificate-data',
    'client-key-data',
    'token',
    'username',
    'password',
  ],
};

/** modifyConfig over the console's kubeconfig (value undefined: unset). */
function modify(ctx: Ctx, cfg: Kubeconfig, property: string, value: string | undefined): void {
  const steps = navigationSteps(property);
  const rawBytes = value === undefined || ctx.bool('set-raw-bytes');
  const [top, second, third] = steps as [Step, Step | undefined, Step | undefined];
  const field = top.value;
  if (field === 'clusters' || field === 'users' || field === 'contexts') {
    const names = entryNames(cfg, field);
    if (!second || !third) {
      // A map or one of its entries: unset removes it (`unset contexts`: all of them).
      if (value !== undefined)
        throw new ConfigPathError(`can't set a map to a value: ${mapText(names)}`);
      for (const n of second ? [second.value] : names) removeEntry(cfg, field, n);
      return;
    }
    if (!names.includes(second.value) && value === undefined)
      throw new ConfigPathError(`current map key \`${second.value}\` is invalid`);
    if (!MODELED[field].includes(third.value)) notModeled(ctx, property);
    let text = value ?? '';
    if (value !== undefined && third.type.kind === 'bytes' && !rawBytes) text = decodeBase64(value);
    if (!names.includes(second.value)) addEntry(cfg, field, second.value);
    setField(cfg, field, second.value, third.value, value === undefined ? undefined : text);
    return;
  }
  if (field === 'current-context') {
    cfg.currentContext = value ?? '';
    return;
  }
  // kind and apiVersion: the file is written as a v1 Config whatever they say.
  if (field === 'kind' || field === 'apiVersion') return;
  if (field === 'preferences' && steps.length === 1) {
    if (value === undefined) {
      delete cfg.colors;
      return;
    }
    throw new ConfigPathError(
      'unable to locate path config.navigationStep{stepValue:"", stepType:reflect.Type(nil)} under {false map[]}',
    );
  }
  if (field === 'preferences' && second?.value === 'colors' && steps.length === 2) {
    // A bool: false is not written (omitempty).
    if (value !== undefined && parseBool(value)) cfg.colors = true;
    else delete cfg.colors;
    return;
  }
  notModeled(ctx, property);
}

export function runConfigSet(ctx: Ctx, args: string[]): void {
  if (args.length !== 2) {
    ctx.out(ctx.helpText());
    ctx.fail(`Unexpected args: [${args.join(' ')}]`);
  }
  const [property, value] = args as [string, string];
  if (value === '') ctx.fail('you cannot use set to unset a property');
  if (property === '') ctx.fail('you must specify a property');
  try {
    modify(ctx, ctx.host.kubeconfig, property, value);
  } catch (e) {
    if (!(e instanceof ConfigPathError)) throw e;
    ctx.fail(e.message);
  }
  ctx.out(`Property ${JSON.stringify(property)} set.\n`);
}

export function runConfigUnset(ctx: Ctx, args: string[]): void {
  if (args.length !== 1) {
    ctx.out(ctx.helpText());
    ctx.fail(`Unexpected args: [${args.join(' ')}]`);
  }
  const property = args[0] as string;
  if (property === '') ctx.fail('you must specify a property');
  try {
    modify(ctx, ctx.host.kubeconfig, property, undefined);
  } catch (e) {
    if (!(e instanceof ConfigPathError)) throw e;
    ctx.fail(e.message);
  }
  ctx.out(`Property ${JSON.stringify(property)} unset.\n`);
}

/** delete-cluster: with other than one name, its help (exit 0). */
export function runConfigDeleteCluster(ctx: Ctx, args: string[]): void {
  const cfg = ctx.host.kubeconfig;
  if (args.length !== 1) {
    ctx.out(ctx.helpText());
    return;
  }
  const name = args[0] as string;
  if (!cfg.clusters.some((c) => c.name === name))
    ctx.fail(`cannot delete cluster ${name}, not in ${cfg.path}`);
  removeEntry(cfg, 'clusters', name);
  ctx.out(`deleted cluster ${name} from ${cfg.path}\n`);
}

export function runConfigDeleteUser(ctx: Ctx, args: string[]): void {
  const cfg = ctx.host.kubeconfig;
  if (args.length !== 1) ctx.usageError('user to delete is required');
  const name = args[0] as string;
  if (!cfg.users.includes(name)) ctx.fail(`cannot delete user ${name}, not in ${cfg.path}`);
  removeEntry(cfg, 'users', name);
  ctx.out(`deleted user ${name} from ${cfg.path}\n`);
}
