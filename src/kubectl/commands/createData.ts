/**
 * `kubectl create configmap | secret generic | secret docker-registry | serviceaccount`: objects
 * built from `--from-literal=key=value` and `--from-file=[key=]path` (files of the console's
 * workspace), with kubectl's checks and messages.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { configMapHash, secretHash } from '../appendHash.ts';
import type { Ctx } from '../context.ts';
import { dryRunStrategy } from '../output.ts';
import { oneName, submitCreated } from './create.ts';

const KEY_RE = /^[-._a-zA-Z0-9]+$/;
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/**
 * `create secret generic | docker-registry` wrap the server's error without a colon in 1.32
 * (`fmt.Errorf("failed to create secret %v", err)`; a colon came later).
 */
const SECRET_WRAP = 'failed to create secret ';

/** UTF-8 text as base64 (a Secret's `data`). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * util.ParseFileSource: `PATH` (its base name is the key) or `KEY=PATH`; a source with more
 * than one `=` is refused.
 */
function parseFileSource(ctx: Ctx, source: string): [key: string, path: string] {
  const separators = source.split('=').length - 1;
  if (separators === 0) {
    const trimmed = source.replace(/\/+$/, '');
    return [trimmed === '' ? '/' : (trimmed.split('/').pop() as string), source];
  }
  if (separators === 1 && source.startsWith('='))
    ctx.fail(`key name for file path ${source.slice(1)} missing`);
  if (separators === 1 && source.endsWith('='))
    ctx.fail(`file path for key name ${source.slice(0, -1)} missing`);
  if (separators > 1) ctx.fail("key names or file paths cannot contain '='");
  const [key, path] = source.split('=') as [string, string];
  return [key, path];
}

/**
 * validation.IsConfigMapKey (a key of a ConfigMap's or Secret's data): at most 253 characters,
 * the key regex, then hasChDirPrefix (not `.`, not `..`, not starting with `..`).
 */
function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!KEY_RE.test(key)) errs.push(KEY_MSG);
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/**
 * The key/value pairs of `--from-literal` and `--from-file` in kubectl's order: a config map
 * reads its files first, a secret its literals; each kind words a bad key its own way.
 */
function sources(
  ctx: Ctx,
  kind: 'ConfigMap' | 'Secret',
  name: string,
  fileSources: string[] = ctx.list('from-file'),
): [string, string][] {
  const out: [string, string][] = [];
  const add = (key: string, value: string) => {
    const errs = configMapKeyErrors(key);
    if (errs.length > 0) {
      ctx.fail(
        kind === 'ConfigMap'
          ? `"${key}" is not a valid key name for a ConfigMap: ${errs.join(',')}`
          : `"${key}" is not valid key name for a Secret ${errs.join(';')}`,
      );
    }
    if (out.some(([k]) => k === key)) {
      ctx.fail(
        kind === 'ConfigMap'
          ? `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`
          : `cannot add key ${key}, another key by that name already exists`,
      );
    }
    out.push([key, value]);
  };
  const files = (): void => {
    for (const source of fileSources) {
      const [key, path] = parseFileSource(ctx, source);
      if (ctx.host.fs.isDirectory(path)) {
        // A directory: one key per regular file in it, by name (os.ReadDir's order);
        // subdirectories are skipped.
        if (source.includes('=')) ctx.fail('cannot give a key name for a directory path');
        for (const e of ctx.host.fs.entries(path)) {
          if (e.dir) continue;
          add(e.name, ctx.host.fs.read(`${path.replace(/\/+$/, '')}/${e.name}`) ?? '');
        }
        continue;
      }
      const text = ctx.host.fs.read(path);
      if (text === undefined) {
        const why =
          /\/$/.test(path) && ctx.host.fs.has(path.replace(/\/+$/, ''))
            ? 'not a directory'
            : 'no such file or directory';
        ctx.fail(`error reading ${path}: ${why}`);
      }
      add(key, text);
    }
  };
  const literals = (): void => {
    for (const literal of ctx.list('from-literal')) {
      const eq = literal.indexOf('=');
      if (eq <= 0) ctx.fail(`invalid literal source ${literal}, expected key=value`);
      add(literal.slice(0, eq), literal.slice(eq + 1));
    }
  };
  const envFiles = (): void => {
    for (const path of ctx.list('from-env-file')) {
      if (ctx.host.fs.isDirectory(path)) ctx.fail('env config file cannot be a directory');
      const text = ctx.host.fs.read(path);
      if (text === undefined) ctx.fail(`error reading ${path}: no such file or directory`);
      for (const [key, value] of envFilePairs(ctx, text)) add(key, value);
    }
  };
  // Validate: env files stand alone.
  if (
    ctx.list('from-env-file').length > 0 &&
    (ctx.list('from-file').length > 0 || ctx.list('from-literal').length > 0)
  ) {
    ctx.fail('from-env-file cannot be combined with from-file or from-literal');
  }
  if (kind === 'ConfigMap') {
    files();
    literals();
  } else {
    literals();
    files();
  }
  envFiles();
  return out;
}

const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/**
 * cmdutil.AddFromEnvFile: one `KEY=value` a line (bufio lines, a trailing `\r` dropped, a BOM
 * on the first line dropped); leading blanks trimmed, empty and `#` lines skipped; the value is
 * everything after the first `=`, verbatim (quotes and trailing blanks included). A line with no
 * `=` takes the value from kubectl's own environment, which the console's kubectl has none of.
 */
function envFilePairs(ctx: Ctx, text: string): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    // validation.IsEnvVarName: the regex, then hasChDirPrefix.
    const errs: string[] = [];
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) errs.push(ENV_NAME_MSG);
    if (key === '.') errs.push("must not be '.'");
    else if (key === '..') errs.push("must not be '..'");
    else if (key.startsWith('..')) errs.push("must not start with '..'");
    if (errs.length > 0)
      ctx.fail(`${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`);
    out.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return out;
}

/** With `--append-hash`, `NAME-<hash>` (the hash of the object as built, its name unsuffixed). */
function withHash(ctx: Ctx, name: string, hash: () => string): string {
  return ctx.bool('append-hash') ? `${name}-${hash()}` : name;
}

/** Key-value pairs in the order Go's encoder writes a map's keys: sorted. */
function sortedPairs(pairs: [string, string][]): [string, string][] {
  return [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `kubectl create configmap NAME [--from-literal=k=v] [--from-file=[k=]path]`. */
export function runCreateConfigMap(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  dryRunStrategy(ctx);
  // data is a Go map: encoded with its keys sorted.
  const data = Object.fromEntries(sortedPairs(sources(ctx, 'ConfigMap', name)));
  const obj: KubeObject = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: {
      name: withHash(ctx, name, () => configMapHash(name, data)),
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
  submitCreated(ctx, obj, ctx.namespace, 'failed to create configmap: ');
}

/** `kubectl create secret generic NAME [--type=…] [--from-literal=k=v] [--from-file=[k=]path]`. */
export function runCreateSecretGeneric(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  dryRunStrategy(ctx);
  const pairs = sortedPairs(sources(ctx, 'Secret', name));
  const data = Object.fromEntries(pairs.map(([k, v]) => [k, base64(v)]));
  const type = ctx.str('type');
  const obj: KubeObject = {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: {
      name: withHash(ctx, name, () => secretHash(name, type, data)),
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
    },
    ...(pairs.length > 0 ? { data } : {}),
    ...(type ? { type } : {}),
  };
  submitCreated(ctx, obj, ctx.namespace, SECRET_WRAP);
}

/** `kubectl create serviceaccount NAME`. */
export function runCreateServiceAccount(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  dryRunStrategy(ctx);
  submitCreated(
    ctx,
    {
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: {
        name,
        ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
        creationTimestamp: null as unknown as string,
      },
    },
    ctx.namespace,
    'failed to create serviceaccount: ',
  );
}

/** Docker Hub's registry, `--docker-server`'s default. */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/**
 * `kubectl create secret docker-registry NAME --docker-username=… --docker-password=…
 * [--docker-email=…] [--docker-server=…]`: a `kubernetes.io/dockerconfigjson` Secret whose
 * `.dockerconfigjson` is `{"auths":{SERVER:{username,password,email,auth}}}` (empty fields
 * left out, `auth` = base64 of `user:password`), or one made from `--from-file`.
 */
export function runCreateSecretDockerRegistry(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  dryRunStrategy(ctx);
  const username = ctx.str('docker-username');
  const password = ctx.str('docker-password');
  const email = ctx.str('docker-email');
  const server = ctx.flags.values.has('docker-server')
    ? ctx.str('docker-server')
    : DOCKER_HUB_SERVER;
  const fromFiles = ctx.list('from-file').length > 0;
  if (!fromFiles && (!username || !password || !server)) {
    ctx.fail(
      'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
    );
  }
  let data: Record<string, string>;
  if (fromFiles) {
    // A source without a key name is given `.dockerconfigjson` (so a directory is refused, and
    // two unnamed files clash).
    const fileSources = ctx
      .list('from-file')
      .map((src) => (src.includes('=') ? src : `.dockerconfigjson=${src}`));
    data = Object.fromEntries(
      sortedPairs(sources(ctx, 'Secret', name, fileSources)).map(([k, v]) => [k, base64(v)]),
    );
  } else {
    // Go's json.Marshal of DockerConfigEntry: fields in struct order, omitempty.
    const entry: Record<string, string> = {};
    if (username) entry.username = username;
    if (password) entry.password = password;
    if (email) entry.email = email;
    entry.auth = base64(`${username}:${password}`);
    data = { '.dockerconfigjson': base64(JSON.stringify({ auths: { [server]: entry } })) };
  }
  const type = 'kubernetes.io/dockerconfigjson';
  submitCreated(
    ctx,
    {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: {
        name: withHash(ctx, name, () => secretHash(name, type, data)),
        ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
        creationTimestamp: null as unknown as string,
      },
      data,
      type,
    },
    ctx.namespace,
    SECRET_WRAP,
  );
}

/** A PEM block as encoding/pem.Decode finds it: its type and its bytes (undecodable ones skipped). */
function pemBlocks(text: string): { type: string; der: string }[] {
  const out: { type: string; der: string }[] = [];
  const re =
    /-----BEGIN ([^\n-]*)-----\r?\n((?:[A-Za-z0-9-]+:.*\r?\n)*\r?\n?)?([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    const body = (m[3] ?? '').replace(/\s+/g, '');
    try {
      out.push({ type: m[1] ?? '', der: atob(body) });
    } catch {
      // Not base64: pem.Decode skips it.
    }
  }
  return out;
}

/**
 * tls.X509KeyPair's checks, as far as the console can make them: a CERTIFICATE block in the
 * certificate input, a `PRIVATE KEY` block in the key input, each a DER SEQUENCE. (The real
 * function also parses the certificate and checks that the key matches it.)
 */
function x509KeyPairError(cert: string, key: string): string | undefined {
  const certBlocks = pemBlocks(cert);
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) return 'tls: failed to find any PEM data in certificate input';
    if (skipped.length === 1 && skipped[0]?.endsWith('PRIVATE KEY')) {
      return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    }
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  const skipped: string[] = [];
  let keyBlock: { type: string; der: string } | undefined;
  for (const b of pemBlocks(key)) {
    if (b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY')) {
      keyBlock = b;
      break;
    }
    skipped.push(b.type);
  }
  if (!keyBlock) {
    if (skipped.length === 0) return 'tls: failed to find any PEM data in key input';
    if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') {
      return 'tls: found a certificate rather than a key in the PEM for the private key';
    }
    return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
  }
  if (certs[0]?.der.charCodeAt(0) !== 0x30) return 'x509: malformed certificate';
  if (keyBlock.der.charCodeAt(0) !== 0x30) return 'tls: failed to parse private key';
  return undefined;
}

/** `kubectl create secret tls NAME --cert=FILE --key=FILE` (create_secret_tls.go). */
export function runCreateSecretTls(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  dryRunStrategy(ctx);
  const certPath = ctx.str('cert');
  const keyPath = ctx.str('key');
  if (certPath === '' || keyPath === '') ctx.fail('key and cert must be specified');
  const cert = ctx.host.fs.read(certPath);
  if (cert === undefined)
    ctx.fail(`Cannot read file ${certPath}, open ${certPath}: no such file or directory`);
  const key = ctx.host.fs.read(keyPath);
  if (key === undefined)
    ctx.fail(`Cannot read file ${keyPath}, open ${keyPath}: no such file or directory`);
  const problem = x509KeyPairError(cert, key);
  if (problem) ctx.fail(problem);
  const type = 'kubernetes.io/tls';
  const data = { 'tls.crt': base64(cert), 'tls.key': base64(key) };
  submitCreated(
    ctx,
    {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: {
        name: withHash(ctx, name, () => secretHash(name, type, data)),
        ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
        creationTimestamp: null as unknown as string,
      },
      data,
      type,
    },
    ctx.namespace,
    SECRET_WRAP,
  );
}
