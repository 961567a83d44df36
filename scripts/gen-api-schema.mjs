#!/usr/bin/env node
/**
 * Writes src/engine/apiserver/apiSchema.generated.ts: the fields of every API type the simulated
 * API server serves, read from the `kubernetes-types` declarations, so the server can decode a
 * request body the way the real one does (unknown fields, wrong JSON types).
 *
 *   node scripts/gen-api-schema.mjs          # rewrite the file
 *   node scripts/gen-api-schema.mjs --check  # exit 1 when the file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules', 'kubernetes-types');
const out = join(root, 'src', 'engine', 'apiserver', 'apiSchema.generated.ts');

/** The kinds the simulated API server stores. */
const ROOTS = [
  'core/v1:Namespace',
  'core/v1:Node',
  'core/v1:Pod',
  'core/v1:Service',
  'core/v1:Endpoints',
  'core/v1:Event',
  'core/v1:ConfigMap',
  'core/v1:Secret',
  'core/v1:ServiceAccount',
  'core/v1:ResourceQuota',
  'core/v1:LimitRange',
  'core/v1:PersistentVolume',
  'core/v1:PersistentVolumeClaim',
  'apps/v1:Deployment',
  'apps/v1:ReplicaSet',
  'apps/v1:DaemonSet',
  'apps/v1:StatefulSet',
  'apps/v1:ControllerRevision',
  'batch/v1:Job',
  'batch/v1:CronJob',
  'autoscaling/v2:HorizontalPodAutoscaler',
  'coordination/v1:Lease',
  'discovery/v1:EndpointSlice',
  'policy/v1:PodDisruptionBudget',
  'scheduling/v1:PriorityClass',
  'storage/v1:StorageClass',
  'networking/v1:Ingress',
  'networking/v1:IngressClass',
  'networking/v1:NetworkPolicy',
  'rbac/v1:Role',
  'rbac/v1:ClusterRole',
  'rbac/v1:RoleBinding',
  'rbac/v1:ClusterRoleBinding',
  'certificates/v1:CertificateSigningRequest',
];

/**
 * Integer fields that are int64 in Go (the rest of the integers are int32): the type name is part
 * of the decoder's error text.
 */
const INT64 = new Set([
  'activeDeadlineSeconds',
  'deletionGracePeriodSeconds',
  'expirationSeconds',
  'fsGroup',
  'generation',
  'observedGeneration',
  'revision',
  'runAsGroup',
  'runAsUser',
  'sizeBytes',
  'supplementalGroups',
  'terminationGracePeriodSeconds',
  'tolerationSeconds',
]);

/**
 * Fields of 1.31 and 1.32 a learner may write that the declarations (API 1.30) lack, so the server
 * does not refuse them as unknown.
 */
const ADDED = {
  PodSpec: { resources: 'ResourceRequirements' },
  PodSecurityContext: { seLinuxChangePolicy: 's', supplementalGroupsPolicy: 's' },
  Volume: { image: 'ImageVolumeSource' },
  ResourceClaim: { request: 's' },
  ContainerStatus: { user: '*', allocatedResourcesStatus: '[*' },
  NodeStatus: { features: '*' },
};

/** Parsed declaration files: interface name → field → declared type text; aliases. */
const files = new Map();
function load(mod) {
  if (files.has(mod)) return files.get(mod);
  const text = readFileSync(join(typesDir, `${mod}.d.ts`), 'utf8');
  const imports = new Map();
  for (const m of text.matchAll(/^import \{([^}]*)\} from "([^"]+)";$/gm)) {
    const from = join(dirname(mod), m[2]).replaceAll('\\', '/');
    for (const name of m[1].split(',').map((s) => s.trim())) imports.set(name, from);
  }
  const interfaces = new Map();
  const aliases = new Map();
  for (const m of text.matchAll(/^export type (\w+) = ([^;]+);$/gm)) aliases.set(m[1], m[2].trim());
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^export interface (\w+) \{$/.exec(lines[i]);
    if (!head) continue;
    const fields = new Map();
    for (i++; i < lines.length && lines[i] !== '}'; i++) {
      const f = /^ {4}(?:readonly )?([A-Za-z_$][\w$]*)\??: (.+)$/.exec(lines[i]);
      if (!f) continue;
      let type = f[2];
      if (type === '{') {
        // `{ [name: string]: T; }` over three lines.
        const inner = /^ {8}\[name: string\]: (.+);$/.exec(lines[i + 1] ?? '');
        if (!inner) throw new Error(`${mod}: unexpected map at ${f[1]}`);
        type = `{${inner[1]}`;
        i += 2;
      } else type = type.replace(/;$/, '');
      fields.set(f[1], type);
    }
    interfaces.set(head[1], fields);
  }
  const file = { mod, imports, interfaces, aliases };
  files.set(mod, file);
  return file;
}

/** Structs of 1.31 and 1.32 that the declarations lack (fields already in codes). */
const NEW_STRUCTS = { ImageVolumeSource: { reference: 's', pullPolicy: 's' } };

const schema = new Map(Object.entries(NEW_STRUCTS));
const origin = new Map();

function code(mod, fieldName, type) {
  if (type.startsWith('{')) return `{${code(mod, fieldName, type.slice(1))}`;
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[${code(mod, fieldName, arr[1])}`;
  if (type === 'string' || /^"[^"]*"$/.test(type)) return 's';
  if (type === 'boolean') return 'b';
  if (type === 'number') return INT64.has(fieldName) ? 'l' : 'i';
  if (type === 'number | string' || type === 'string | number') return 'q';
  return named(mod, type);
}

function named(mod, name) {
  const file = load(mod);
  if (file.interfaces.has(name)) return visit(file, name);
  if (file.aliases.has(name)) {
    const alias = file.aliases.get(name);
    return name === 'Quantity' ? 'q' : code(mod, '', alias);
  }
  const from = file.imports.get(name);
  if (!from) throw new Error(`${mod}: unknown type ${name}`);
  if (from === 'runtime') return '*';
  return named(from, name);
}

/** Structs whose name another group's struct already has, under a name of their own. */
const RENAMED = { 'discovery/v1:EndpointPort': 'DiscoveryEndpointPort' };

function visit(file, declared) {
  if (declared === 'FieldsV1') return '*';
  const name = RENAMED[`${file.mod}:${declared}`] ?? declared;
  const seen = origin.get(name);
  if (seen && seen !== file.mod) throw new Error(`${name} is declared in ${seen} and ${file.mod}`);
  if (seen) return name;
  origin.set(name, file.mod);
  const fields = {};
  schema.set(name, fields);
  for (const [field, type] of file.interfaces.get(declared))
    fields[field] = code(file.mod, field, type);
  for (const [field, type] of Object.entries(ADDED[name] ?? {})) {
    const struct = type.length > 1 && /^\w+$/.test(type);
    fields[field] = struct && !(type in NEW_STRUCTS) ? named(file.mod, type) : type;
  }
  return name;
}

const kinds = {};
for (const r of ROOTS) {
  const [mod, kind] = r.split(':');
  const file = load(mod);
  visit(file, kind);
  const apiVersion = /^"(.+)"$/.exec(file.interfaces.get(kind).get('apiVersion'))[1];
  kinds[`${apiVersion}/${kind}`] = kind;
}

const version = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')).version;
const names = [...schema.keys()].sort();
const body = names
  .map((n) => {
    const f = schema.get(n);
    const entries = Object.keys(f)
      .map((k) => `${k}:${JSON.stringify(f[k])}`)
      .join(',');
    return `  ${n}: {${entries}},`;
  })
  .join('\n');
const text = `// Generated by scripts/gen-api-schema.mjs from kubernetes-types ${version}; do not edit.
// Field codes: s string, b bool, i int32, l int64, q int-or-string or quantity, * anything,
// [X a list of X, {X a map of X, any other name a struct below.

/** The struct each served apiVersion/kind decodes into. */
export const API_KINDS: Readonly<Record<string, string>> = ${JSON.stringify(kinds)};

/** Every struct's JSON fields and their codes. */
export const API_STRUCTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
${body}
};
`;

if (process.argv.includes('--check')) {
  const now = readFileSync(out, 'utf8');
  if (now !== text) {
    console.error(`${out} is out of date: run node scripts/gen-api-schema.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${names.length} structs`);
}
