/**
 * Kustomization.Unmarshal's strict decoding: the YAML becomes JSON (sigs.k8s.io/yaml, so keys
 * come sorted) and encoding/json decodes it into types.Kustomization with unknown fields
 * disallowed. The first problem in that order is the error, in encoding/json's words
 * (`json: unknown field "x"`, `json: cannot unmarshal string into Go struct field
 * Kustomization.resources of type []string`).
 */

type Obj = Record<string, unknown>;

/** A Go type as this decoder needs it. */
type GoType =
  | { t: 'string' }
  | { t: 'bool' }
  | { t: 'int64' }
  | { t: 'slice'; of: GoType; name: string }
  | { t: 'map'; of: GoType; name: string }
  | { t: 'struct'; name: string; fields: Record<string, GoType> }
  | { t: 'any' };

const STRING: GoType = { t: 'string' };
const BOOL: GoType = { t: 'bool' };
const INT: GoType = { t: 'int64' };
const ANY: GoType = { t: 'any' };
const strings = (name = '[]string'): GoType => ({ t: 'slice', of: STRING, name });
const strMap: GoType = { t: 'map', of: STRING, name: 'map[string]string' };
const struct = (name: string, fields: Record<string, GoType>): GoType => ({
  t: 'struct',
  name,
  fields,
});
const slice = (of: GoType & { name?: string }): GoType => ({
  t: 'slice',
  of,
  name: `[]types.${'name' in of ? of.name : ''}`,
});

const SELECTOR = struct('Selector', {
  group: STRING,
  version: STRING,
  kind: STRING,
  name: STRING,
  namespace: STRING,
  labelSelector: STRING,
  annotationSelector: STRING,
});
const GENERATOR_OPTIONS = struct('GeneratorOptions', {
  labels: strMap,
  annotations: strMap,
  disableNameSuffixHash: BOOL,
  immutable: BOOL,
});
const generatorArgs = (name: string, extra: Record<string, GoType>): GoType =>
  struct(name, {
    namespace: STRING,
    name: STRING,
    behavior: STRING,
    literals: strings(),
    files: strings(),
    envs: strings(),
    env: STRING,
    options: GENERATOR_OPTIONS,
    ...extra,
  });

const FIELD_OPTIONS = struct('FieldOptions', {
  delimiter: STRING,
  index: INT,
  encoding: STRING,
  create: BOOL,
});
const named = (of: GoType, name: string): GoType => ({ t: 'slice', of, name });
const IMAGE = struct('Image', {
  name: STRING,
  newName: STRING,
  tagSuffix: STRING,
  newTag: STRING,
  digest: STRING,
});
const REPLACEMENT = struct('ReplacementField', {
  source: struct('SourceSelector', {
    group: STRING,
    version: STRING,
    kind: STRING,
    name: STRING,
    namespace: STRING,
    fieldPath: STRING,
    options: FIELD_OPTIONS,
  }),
  targets: named(
    struct('TargetSelector', {
      select: SELECTOR,
      reject: named(SELECTOR, '[]*types.Selector'),
      fieldPaths: strings(),
      options: FIELD_OPTIONS,
    }),
    '[]*types.TargetSelector',
  ),
  path: STRING,
});
const VAR = struct('Var', {
  name: STRING,
  objref: struct('Target', {
    group: STRING,
    version: STRING,
    kind: STRING,
    name: STRING,
    namespace: STRING,
    apiVersion: STRING,
  }),
  fieldref: struct('FieldSelector', { fieldPath: STRING }),
});
const HELM_CHART = struct('HelmChart', {
  name: STRING,
  version: STRING,
  repo: STRING,
  releaseName: STRING,
  namespace: STRING,
  additionalValuesFiles: strings(),
  valuesFile: STRING,
  valuesInline: ANY,
  valuesMerge: STRING,
  includeCRDs: BOOL,
  skipHooks: BOOL,
  apiVersions: strings(),
  kubeVersion: STRING,
  nameTemplate: STRING,
  skipTests: BOOL,
  debug: BOOL,
});

const KUSTOMIZATION = struct('Kustomization', {
  apiVersion: STRING,
  kind: STRING,
  metadata: ANY,
  openapi: strMap,
  namePrefix: STRING,
  nameSuffix: STRING,
  namespace: STRING,
  commonLabels: strMap,
  labels: slice(
    struct('Label', {
      pairs: strMap,
      includeSelectors: BOOL,
      includeTemplates: BOOL,
      fields: ANY,
    }),
  ),
  commonAnnotations: strMap,
  patchesStrategicMerge: strings('[]types.PatchStrategicMerge'),
  patchesJson6902: slice(
    struct('Patch', { path: STRING, patch: STRING, target: SELECTOR, options: ANY }),
  ),
  patches: slice(struct('Patch', { path: STRING, patch: STRING, target: SELECTOR, options: ANY })),
  images: slice(IMAGE),
  imageTags: slice(IMAGE),
  replacements: slice(REPLACEMENT),
  replicas: slice(struct('Replica', { name: STRING, count: INT })),
  vars: slice(VAR),
  sortOptions: struct('SortOptions', {
    order: STRING,
    legacySortOptions: struct('LegacySortOptions', {
      orderFirst: strings(),
      orderLast: strings(),
    }),
  }),
  resources: strings(),
  components: strings(),
  crds: strings(),
  bases: strings(),
  configMapGenerator: slice(generatorArgs('ConfigMapArgs', {})),
  secretGenerator: slice(generatorArgs('SecretArgs', { type: STRING })),
  helmGlobals: struct('HelmGlobals', { chartHome: STRING, configHome: STRING }),
  helmCharts: slice(HELM_CHART),
  helmChartInflationGenerator: ANY,
  generatorOptions: GENERATOR_OPTIONS,
  configurations: strings(),
  generators: strings(),
  transformers: strings(),
  validators: strings(),
  buildMetadata: strings(),
});

/** encoding/json's name for a JSON value in UnmarshalTypeError. */
function jsonKind(v: unknown, into: GoType): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return into.t === 'int64' ? `number ${v}` : 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function typeName(t: GoType): string {
  switch (t.t) {
    case 'slice':
    case 'map':
      return t.name;
    case 'struct':
      return `types.${t.name}`;
    default:
      return t.t;
  }
}

/** Go's json key order: sigs.k8s.io/yaml marshals maps with sorted keys. */
const sortedKeys = (o: Obj): string[] =>
  Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The struct field a JSON key sets: encoding/json takes an exact match, else one that differs
 * only in case (`namePrefix` for `nameprefix`, `configMapGenerator` for `configmapgenerator`).
 */
function fieldName(fields: Record<string, GoType>, key: string): string | undefined {
  if (Object.hasOwn(fields, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(fields).find((f) => f.toLowerCase() === lower);
}

/**
 * The kustomization as encoding/json fills types.Kustomization: every key that differs from its
 * field only in case under the field's own name (keys in sorted order, the last one winning).
 */
export function canonicalKustomization(k: Obj): Obj {
  const walk = (v: unknown, t: GoType): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (t.t === 'slice' && Array.isArray(v)) return v.map((x) => walk(x, t.of));
    if (t.t === 'map' && !Array.isArray(v)) {
      const out: Obj = {};
      for (const [key, x] of Object.entries(v as Obj)) out[key] = walk(x, t.of);
      return out;
    }
    if (t.t === 'struct' && !Array.isArray(v)) {
      const out: Obj = {};
      for (const key of sortedKeys(v as Obj)) {
        const name = fieldName(t.fields, key) ?? key;
        out[name] = walk((v as Obj)[key], t.fields[name] ?? ANY);
      }
      return out;
    }
    return v;
  };
  return walk(k, KUSTOMIZATION) as Obj;
}

/**
 * The first decoding error of a kustomization, or undefined. `struct` and `path` name where a
 * value sits as encoding/json reports it (innermost struct, then the JSON field path).
 */
export function kustomizationDecodeError(k: Obj): string | undefined {
  let first: string | undefined;
  const walk = (v: unknown, t: GoType, struct: string, path: string[]): void => {
    if (first !== undefined || v === null || v === undefined || t.t === 'any') return;
    const mismatch = (): void => {
      first = `json: cannot unmarshal ${jsonKind(v, t)} into Go struct field ${struct}.${path.join('.')} of type ${typeName(t)}`;
    };
    switch (t.t) {
      case 'string':
        if (typeof v !== 'string') mismatch();
        return;
      case 'bool':
        if (typeof v !== 'boolean') mismatch();
        return;
      case 'int64':
        if (typeof v !== 'number' || !Number.isInteger(v)) mismatch();
        return;
      case 'slice':
        if (!Array.isArray(v)) {
          mismatch();
          return;
        }
        for (const item of v) walk(item, t.of, struct, path);
        return;
      case 'map':
        if (typeof v !== 'object' || Array.isArray(v)) {
          mismatch();
          return;
        }
        for (const key of sortedKeys(v as Obj)) walk((v as Obj)[key], t.of, struct, path);
        return;
      case 'struct': {
        if (typeof v !== 'object' || Array.isArray(v)) {
          mismatch();
          return;
        }
        for (const key of sortedKeys(v as Obj)) {
          const name = fieldName(t.fields, key);
          if (name === undefined) {
            first = `json: unknown field "${key}"`;
            return;
          }
          walk((v as Obj)[key], t.fields[name] as GoType, t.name, [...path, name]);
          if (first !== undefined) return;
        }
      }
    }
  };
  walk(k, KUSTOMIZATION, 'Kustomization', []);
  return first;
}
