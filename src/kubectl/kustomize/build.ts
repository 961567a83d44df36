/**
 * `kubectl kustomize DIR` / `-k DIR` over the console's workspace: kustomize v5.5.0 (what
 * kubectl 1.32 embeds) for the fields learners use. A kustomization's resources (files and
 * sub-kustomizations), components and generated ConfigMaps/Secrets go through the built-in
 * transformers in kustomize's order (patches, namespace, prefix, suffix, labels, annotations,
 * JSON 6902 patches, replicas, images, replacements); at the top only, generated objects get
 * their content-hash suffix, references to renamed objects are fixed, vars are put in, and the
 * result is sorted (legacy order unless sortOptions says otherwise). Plugins, openapi, crds and
 * configurations are not implemented (kustomize's error when their file is missing, else the
 * console's). Never throws: every failure is kustomize's error text.
 */
import { kustomizeHash } from '../appendHash.ts';
import { parseManifests } from '../manifest.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { sortedDeep } from '../printers/structOrder.ts';
import { applyPatches, PatchError, type PatchFiles } from './patches.ts';
import { applyReplacements, ReplacementError } from './replacements.ts';
import { canonicalKustomization, kustomizationDecodeError } from './schema.ts';

/** What the build reads: the console's workspace. */
export interface KustFs {
  read(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** The shell's working directory, where relative paths start (absent: the home directory). */
  workingDir?(): string;
}

/** Whether a kind is namespaced (undefined when the cluster does not know it). */
export type NamespacedFn = (apiVersion: string, kind: string) => boolean | undefined;

type Obj = Record<string, unknown>;

/** One resource on its way through the build. */
export interface KustResource {
  obj: Obj;
  /** Every name it had, oldest first (the name reference fixer looks references up here). */
  names: string[];
  needsHash: boolean;
  /** The namespace it came with (before any `namespace` field). */
  origNs?: string;
}

/** The objects, or kustomize's error; `warnings` (deprecated fields) go to stderr either way. */
export type KustResult =
  | { ok: true; objects: Obj[]; warnings: string[]; unreplacedVars?: string[] }
  | { ok: false; error: string; warnings: string[] };

class KustError extends Error {}

/** The home directory the console's relative paths sit in. */
export const HOME = '/home/learner';

/** filepath.Abs for a console path, from the working directory `cwd`. */
export function absPath(path: string, cwd = HOME): string {
  const raw = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

function join(dir: string, path: string): string {
  if (path.startsWith('/')) return path;
  if (dir === '' || dir === '.') return path;
  return `${dir.replace(/\/+$/, '')}/${path}`;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[k] = str(x);
  return out;
};

function meta(obj: Obj): Obj {
  if (!isObj(obj.metadata)) obj.metadata = {};
  return obj.metadata as Obj;
}
const nameOf = (obj: Obj): string => str(isObj(obj.metadata) ? obj.metadata.name : '');
const kindOf = (obj: Obj): string => str(obj.kind);
const groupOf = (obj: Obj): string => {
  const av = str(obj.apiVersion);
  const i = av.indexOf('/');
  return i >= 0 ? av.slice(0, i) : '';
};
const versionOf = (obj: Obj): string => {
  const av = str(obj.apiVersion);
  const i = av.indexOf('/');
  return i >= 0 ? av.slice(i + 1) : av;
};

/** kubectl kustomize's flags that change the build. */
export interface KustOptions {
  /** --reorder (deprecated): `none` keeps the order the resources were read in. */
  reorder?: string;
  /** --load-restrictor LoadRestrictionsNone: files may come from outside the root. */
  loadRestrictionsNone?: boolean;
  /** --enable-helm. */
  enableHelm?: boolean;
}

/** Builds the kustomization in `dir`. */
export function kustomizeBuild(
  fs: KustFs,
  dir: string,
  namespaced: NamespacedFn,
  options: KustOptions = {},
): KustResult {
  const b = new Builder(fs, namespaced, options);
  try {
    const resources = b.target(dir, true);
    return {
      ok: true,
      objects: resources.map((r) => r.obj),
      warnings: b.warnings,
      ...(b.unreplacedVars.length > 0 ? { unreplacedVars: b.unreplacedVars } : {}),
    };
  } catch (e) {
    const error =
      e instanceof KustError || e instanceof PatchError
        ? e.message
        : `kustomize: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error, warnings: b.warnings };
  }
}

/** `kubectl kustomize`'s output: each object as YAML, `---` between them. */
export function kustomizeYaml(objects: readonly Obj[], toYaml: (v: unknown) => string): string {
  return objects.map((o) => toYaml(o)).join('---\n');
}

const EDIT_FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";

/** Kustomization.CheckDeprecatedFields: [field, replacement, how to fix]. */
const DEPRECATED: readonly (readonly [string, string, string])[] = [
  ['bases', 'resources', EDIT_FIX],
  ['commonLabels', 'labels', EDIT_FIX],
  ['imageTags', 'images', EDIT_FIX],
  ['patchesJson6902', 'patches', EDIT_FIX],
  ['patchesStrategicMerge', 'patches', EDIT_FIX],
  ['vars', 'replacements', `[EXPERIMENTAL] ${EDIT_FIX}`],
];

const isRemote = (path: string): boolean =>
  /^(?:https?|git|ssh|file):\/\//.test(path) ||
  /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(path) ||
  path.startsWith('git@');

/** A `vars` entry (types.Var), as read. */
interface KustVar {
  name: string;
  kind: string;
  group: string;
  version: string;
  objName: string;
  namespace: string;
  fieldPath: string;
}

/** Gvk.String(): `Kind.version.group`, `[noVer]`/`[noGrp]` when empty. */
const gvkText = (v: KustVar): string =>
  `${v.kind || '[noKind]'}.${v.version || '[noVer]'}.${v.group || '[noGrp]'}`;

class Builder {
  readonly warnings: string[] = [];
  /** The vars of every kustomization of the build. */
  private readonly vars: KustVar[] = [];
  /** The vars no `$(NAME)` used (log.go's info line). */
  readonly unreplacedVars: string[] = [];

  constructor(
    private readonly fs: KustFs,
    private readonly namespaced: NamespacedFn,
    private readonly options: KustOptions = {},
  ) {}

  /** filepath.Abs from the shell's working directory. */
  private abs(path: string): string {
    return absPath(path, this.fs.workingDir?.() ?? HOME);
  }

  /**
   * The directory must exist (loader.demandDirectoryRoot). `shown`: the path EvalSymlinks names
   * (the top directory as the command line gave it).
   */
  private demandDirectory(dir: string, shown?: string): void {
    if (isRemote(dir)) {
      throw new KustError(
        `'${dir}': remote kustomizations are not available in this console (it has no network): copy the files into the workspace`,
      );
    }
    const abs = this.abs(dir);
    if (this.fs.read(dir) !== undefined) {
      throw new KustError(`must build at directory: '${shown ?? abs}': file is not directory`);
    }
    if (!this.fs.isDirectory(dir)) {
      throw new KustError(
        `must build at directory: not a valid directory: ${this.evalSymlinkFailure(abs, shown)}`,
      );
    }
  }

  private loadKustomization(dir: string): Obj {
    const found = KUSTOMIZATION_FILES.filter((f) => this.fs.read(join(dir, f)) !== undefined);
    if (found.length > 1) {
      throw new KustError(`Found multiple kustomization files under: ${this.abs(dir)}`);
    }
    for (const f of KUSTOMIZATION_FILES) {
      const text = this.fs.read(join(dir, f));
      if (text === undefined) continue;
      const parsed = parseManifests(text, join(dir, f));
      if (!parsed.ok) throw new KustError(`invalid Kustomization: ${yamlMessage(parsed.error)}`);
      const raw = (parsed.docs[0] ?? {}) as unknown as Obj;
      const decodeError = kustomizationDecodeError(raw);
      if (decodeError !== undefined) throw new KustError(`invalid Kustomization: ${decodeError}`);
      const k = canonicalKustomization(raw);
      for (const [field, instead, fix] of DEPRECATED) {
        if (k[field] !== undefined && k[field] !== null) {
          this.warnings.push(
            `# Warning: '${field}' is deprecated. Please use '${instead}' instead. ${fix}`,
          );
        }
      }
      if (Object.keys(k).every((key) => ['apiVersion', 'kind', 'metadata'].includes(key))) {
        throw new KustError('kustomization.yaml is empty');
      }
      // Kustomization.Validate: the kind, then the apiVersion that goes with it.
      const kind = str(k.kind) || 'Kustomization';
      const unreadable = (why: string): never => {
        throw new KustError(`Failed to read kustomization file under ${this.abs(dir)}:\n${why}`);
      };
      if (kind !== 'Kustomization' && kind !== 'Component') {
        unreadable('kind should be Kustomization or Component');
      }
      const want =
        kind === 'Component'
          ? 'kustomize.config.k8s.io/v1alpha1'
          : 'kustomize.config.k8s.io/v1beta1';
      if (str(k.apiVersion) !== '' && str(k.apiVersion) !== want) {
        unreadable(`apiVersion for ${kind} should be ${want}`);
      }
      return k;
    }
    throw new KustError(
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${this.abs(dir)}'`,
    );
  }

  /** KustTarget.makeCustomizedResMap: the top kustomization, hashes, references, order. */
  target(dir: string, top: boolean): KustResource[] {
    this.demandDirectory(dir, top ? dir : undefined);
    const k = this.loadKustomization(dir);
    // Kustomizer.Run reads the openapi schema first.
    if (top && isObj(k.openapi)) {
      const path = str(k.openapi.path);
      if (path !== '') this.unavailable(dir, 'openapi', path, (e) => e);
    }
    const res = this.accumulateTarget(dir, k, [this.abs(dir)]);
    if (top) {
      for (const r of res) {
        if (!r.needsHash) continue;
        const m = meta(r.obj);
        const maps = (field: string) => (isObj(r.obj[field]) ? strMap(r.obj[field]) : undefined);
        const hash =
          kindOf(r.obj) === 'Secret'
            ? kustomizeHash(
                'Secret',
                { data: maps('data'), stringData: maps('stringData') },
                str(r.obj.type),
              )
            : kustomizeHash('ConfigMap', { data: maps('data'), binaryData: maps('binaryData') });
        m.name = `${nameOf(r.obj)}-${hash}`;
        r.names.push(str(m.name));
      }
      fixNameReferences(res);
      this.resolveVars(res);
      // sortOptions (the top kustomization's), else the --reorder flag, else legacy.
      const sort = isObj(k.sortOptions) ? k.sortOptions : undefined;
      if (sort && !['fifo', 'legacy'].includes(str(sort.order))) {
        throw new KustError("the field 'sortOptions.order' must be one of [fifo, legacy]");
      }
      const order = sort ? str(sort.order) : this.options.reorder === 'none' ? 'fifo' : 'legacy';
      if (order !== 'fifo') {
        const legacy = sort && isObj(sort.legacySortOptions) ? sort.legacySortOptions : undefined;
        legacySort(res, this.namespaced, legacy);
      }
    }
    return res;
  }

  /**
   * accumulateTarget: resources (then the deprecated bases), components, generators,
   * transformers. A component works on `res`, what its user has accumulated so far.
   */
  private accumulateTarget(
    dir: string,
    k: Obj,
    roots: string[],
    res: KustResource[] = [],
  ): KustResource[] {
    for (const p of [...list(k.resources), ...list(k.bases)]) {
      try {
        this.accumulate(res, dir, str(p), roots);
      } catch (e) {
        if (!(e instanceof KustError)) throw e;
        throw new KustError(`accumulating resources: ${e.message}`);
      }
    }
    for (const p of list(k.components)) this.accumulateComponent(res, dir, str(p), roots);
    for (const p of list(k.configurations)) {
      this.unavailable(dir, 'configurations', str(p), (e) => e);
    }
    const crds = list(k.crds).map(str);
    for (const p of crds) {
      this.unavailable(dir, 'crds', p, (e) => `loading CRDs [${crds.join(' ')}]: ${e}`);
    }
    this.mergeVars(k);
    this.generate(res, dir, k);
    // A plugin path that is not there fails as a resource would.
    const plugin = (p: string, e: string): string =>
      `accumulation err='accumulating resources from '${p}': ${e}': must build at directory: not a valid directory: ${e}`;
    for (const p of list(k.generators).map(str)) {
      this.unavailable(dir, 'generators', p, (e) => `loading generator plugins: ${plugin(p, e)}`);
    }
    this.transform(res, dir, k);
    for (const field of ['transformers', 'validators']) {
      for (const p of list(k[field]).map(str)) this.unavailable(dir, field, p, (e) => plugin(p, e));
    }
    return res;
  }

  /**
   * A field this console's kustomize does not implement: kustomize's error when its file is not
   * there (`wrap` words the evalsymlink failure), else the console's own.
   */
  private unavailable(dir: string, field: string, path: string, wrap: (e: string) => string) {
    const file = join(dir, path);
    if (this.fs.read(file) === undefined && !this.fs.isDirectory(file)) {
      throw new KustError(wrap(this.evalSymlinkFailure(this.abs(file))));
    }
    throw new KustError(
      `the kustomization field "${field}" is not available in this console's kustomize`,
    );
  }

  /** ResAccumulator.MergeVars: a kustomization's vars join the build's, each name once. */
  private mergeVars(k: Obj): void {
    const entries = list(k.vars).filter(isObj);
    const raw = entries.map((v) => {
      const ref = isObj(v.objref) ? v.objref : {};
      const field = isObj(v.fieldref) ? str(v.fieldref.fieldPath) : '';
      return { v, ref, field };
    });
    // %v of the list as written (before defaulting: no version, no field path).
    const shown = raw
      .map(
        ({ v, ref, field }) =>
          `{${str(v.name)} ${str(ref.kind)}.${str(ref.version) || '[noVer]'}.${str(ref.group) || '[noGrp]'} {${field}}}`,
      )
      .join(' ');
    for (const { v, ref, field } of raw) {
      const name = str(v.name);
      if (this.vars.some((x) => x.name === name)) {
        throw new KustError(`merging vars [${shown}]: var '${name}' already encountered`);
      }
      // Defaulting: apiVersion into group and version, the field path metadata.name.
      const av = str(ref.apiVersion);
      const slash = av.indexOf('/');
      this.vars.push({
        name,
        kind: str(ref.kind),
        group: str(ref.group) || (slash >= 0 ? av.slice(0, slash) : ''),
        version: str(ref.version) || (slash >= 0 ? av.slice(slash + 1) : av),
        objName: str(ref.name),
        namespace: str(ref.namespace),
        fieldPath: field || 'metadata.name',
      });
    }
  }

  /**
   * The var transformer: each var's value from the object it names (by any of its names), put
   * for `$(NAME)` in the containers' command, args and env values; the vars nothing used are
   * listed for kustomize's info line.
   */
  private resolveVars(res: KustResource[]): void {
    if (this.vars.length === 0) return;
    const values = new Map<string, string>();
    for (const v of this.vars) {
      const shown = `{${v.name} ${gvkText(v)} {${v.fieldPath}}}`;
      const target = res.find(
        (r) =>
          kindOf(r.obj) === v.kind &&
          (v.group === '' || groupOf(r.obj) === v.group) &&
          (v.version === '' || versionOf(r.obj) === v.version) &&
          r.names.includes(v.objName) &&
          (v.namespace === '' || str(meta(r.obj).namespace) === v.namespace),
      );
      if (!target) {
        throw new KustError(
          `var '${shown}' cannot be mapped to a field in the set of known resources`,
        );
      }
      const value = fieldAt(target.obj, v.fieldPath);
      if (value === undefined || value === null || typeof value === 'object') {
        throw new KustError(
          `field specified in var '${shown}' not found in corresponding resource`,
        );
      }
      values.set(v.name, String(value));
    }
    const used = new Set<string>();
    const expand = (text: unknown): unknown =>
      typeof text !== 'string'
        ? text
        : text.replace(/\$\(([A-Za-z0-9_.-]+)\)/g, (whole, name: string) => {
            const value = values.get(name);
            if (value === undefined) return whole;
            used.add(name);
            return value;
          });
    for (const { obj } of res) {
      for (const spec of podSpecs(obj)) {
        for (const field of ['containers', 'initContainers']) {
          for (const c of list(spec[field])) {
            if (!isObj(c)) continue;
            for (const key of ['command', 'args']) {
              if (Array.isArray(c[key])) c[key] = (c[key] as unknown[]).map(expand);
            }
            for (const e of list(c.env)) if (isObj(e) && 'value' in e) e.value = expand(e.value);
          }
        }
      }
    }
    for (const v of this.vars) if (!used.has(v.name)) this.unreplacedVars.push(v.name);
  }

  /** accumulateComponents for one path: its kustomization (kind Component) applied to `res`. */
  private accumulateComponent(res: KustResource[], dir: string, path: string, roots: string[]) {
    // Go's %q of the inner error.
    const fail = (step: string, msg: string): never => {
      throw new KustError(`accumulating components: ${step} ${JSON.stringify(msg)}`);
    };
    const file = join(dir, path);
    const abs = this.abs(file);
    if (this.fs.read(file) !== undefined) {
      fail('loader.New', `must build at directory: '${abs}': file is not directory`);
    }
    if (!this.fs.isDirectory(file)) {
      fail(
        'loader.New',
        `must build at directory: not a valid directory: ${this.evalSymlinkFailure(abs)}`,
      );
    }
    let k: Obj = {};
    try {
      k = this.loadKustomization(file);
    } catch (e) {
      if (!(e instanceof KustError)) throw e;
      fail('accumulateDirectory:', `couldn't make target for path '${abs}': ${e.message}`);
    }
    const kind = str(k.kind) || 'Kustomization';
    if (kind !== 'Component') {
      fail('accumulateDirectory:', `expected kind 'Component' for path '${abs}' but got '${kind}'`);
    }
    try {
      this.accumulateTarget(file, k, [abs, ...roots], res);
    } catch (e) {
      if (!(e instanceof KustError)) throw e;
      fail('accumulateDirectory:', `recursed accumulation of path '${abs}': ${e.message}`);
    }
  }

  /** accumulateResources for one path: a file of objects, else a directory (a base). */
  private accumulate(res: KustResource[], dir: string, path: string, roots: string[]): void {
    if (isRemote(path)) {
      throw new KustError(
        `'${path}': remote resources are not available in this console (it has no network): copy the files into the workspace`,
      );
    }
    const file = join(dir, path);
    const abs = this.abs(file);
    const root = this.abs(dir);
    const text = this.fs.read(file);
    if (text !== undefined) {
      if (!abs.startsWith(`${root}/`) && !this.options.loadRestrictionsNone) {
        throw new KustError(
          `accumulation err='accumulating resources from '${path}': security; file '${abs}' is not in or below '${root}'': must build at directory: '${abs}': file is not directory`,
        );
      }
      const parsed = parseManifests(text, path, { yaml12: true });
      if (!parsed.ok) {
        throw new KustError(
          `accumulating resources from '${path}': MalformedYAMLError: ${yamlMessage(parsed.error)} in File: ${path}`,
        );
      }
      // The file's own objects make a resource map first (a repeated id there is
      // `accumulating`), which then joins the others (`merging`).
      const own: KustResource[] = [];
      let step = 'accumulating';
      try {
        for (const doc of parsed.docs) this.add(own, doc as unknown as Obj);
        step = 'merging';
        for (const r of own) this.addResource(res, r);
      } catch (e) {
        if (!(e instanceof KustError)) throw e;
        throw new KustError(
          `accumulation err='${step} resources from '${path}': ${e.message}': must build at directory: '${abs}': file is not directory`,
        );
      }
      return;
    }
    if (!this.fs.isDirectory(file)) {
      const missing = this.evalSymlinkFailure(abs);
      throw new KustError(
        `accumulation err='accumulating resources from '${path}': ${missing}': must build at directory: not a valid directory: ${missing}`,
      );
    }
    const errF = `accumulation err='accumulating resources from '${path}': '${abs}' must resolve to a file'`;
    // loader.New of an empty path.
    if (path === '') throw new KustError(`${errF}: new root cannot be empty`);
    for (const visited of roots) {
      if (visited === abs || visited.startsWith(`${abs}/`)) {
        throw new KustError(
          `${errF}: cycle detected: candidate root '${abs}' contains visited root '${visited}'`,
        );
      }
    }
    let k: Obj;
    try {
      k = this.loadKustomization(file);
    } catch (e) {
      if (!(e instanceof KustError)) throw e;
      throw new KustError(`${errF}: couldn't make target for path '${abs}': ${e.message}`);
    }
    if (str(k.kind) === 'Component') {
      throw new KustError(`${errF}: expected kind != 'Component' for path '${abs}'`);
    }
    let sub: KustResource[];
    try {
      sub = this.accumulateTarget(file, k, [abs, ...roots]);
    } catch (e) {
      if (!(e instanceof KustError)) throw e;
      throw new KustError(`${errF}: recursed accumulation of path '${abs}': ${e.message}`);
    }
    try {
      for (const r of sub) this.addResource(res, r);
    } catch (e) {
      if (!(e instanceof KustError)) throw e;
      throw new KustError(`${errF}: recursed merging from path '${abs}': ${e.message}`);
    }
  }

  private add(res: KustResource[], obj: Obj): void {
    if (kindOf(obj).endsWith('List') && Array.isArray(obj.items)) {
      for (const item of obj.items) if (isObj(item)) this.add(res, item);
      return;
    }
    // resource.Factory's checks, the object as Go prints its TypeMeta and ObjectMeta parts.
    if (kindOf(obj) === '') throw new KustError(`missing kind in object ${goObjectText(obj)}`);
    if (nameOf(obj) === '') {
      throw new KustError(`missing metadata.name in object ${goObjectText(obj)}`);
    }
    this.addResource(res, {
      obj,
      names: [nameOf(obj)],
      needsHash: false,
      origNs: str(meta(obj).namespace),
    });
  }

  private addResource(res: KustResource[], r: KustResource): void {
    const id = resId(r.obj);
    if (res.some((x) => resId(x.obj) === id)) {
      throw new KustError(`may not add resource with an already registered id: ${id}`);
    }
    res.push(r);
  }

  private generate(res: KustResource[], dir: string, k: Obj): void {
    const options = isObj(k.generatorOptions) ? k.generatorOptions : {};
    // The Helm chart inflator needs --enable-helm (and a helm binary this console has not).
    // The deprecated helmChartInflationGenerator's entries as HelmChart fields.
    const renamed: Record<string, string> = {
      chartName: 'name',
      chartRepoUrl: 'repo',
      chartVersion: 'version',
      releaseNamespace: 'namespace',
    };
    const legacy = list(k.helmChartInflationGenerator).map((c) =>
      isObj(c) ? Object.fromEntries(Object.entries(c).map(([f, v]) => [renamed[f] ?? f, v])) : c,
    );
    const charts = [...list(k.helmCharts), ...legacy];
    if (charts.length > 0) {
      if (!this.options.enableHelm) {
        const chart = isObj(charts[0]) ? sortedDeep(charts[0]) : {};
        throw new KustError(
          `trouble configuring builtin HelmChartInflationGenerator with config: \`\n${toGoYaml(chart)}\`: must specify --enable-helm`,
        );
      }
      throw new KustError(
        'the kustomization field "helmCharts" is not available in this console\'s kustomize (it has no helm)',
      );
    }
    for (const [field, kind] of [
      ['configMapGenerator', 'ConfigMap'],
      ['secretGenerator', 'Secret'],
    ] as const) {
      for (const g of list(k[field])) {
        if (!isObj(g)) continue;
        const made = this.makeGenerated(dir, kind, g, options);
        // resWrangler.appendReplaceOrMerge, its errors wrapped as the kustomize target does
        // (the resource map's address in Go's %v is a pointer: one plausible value here).
        const fail = (why: string): never => {
          throw new KustError(
            `merging from generator &{0xc000a38750 <nil>}: id ${goResId(made.obj)} ${why}`,
          );
        };
        const behavior = str(g.behavior);
        const existing = res.find(
          (r) =>
            kindOf(r.obj) === kind &&
            r.names.includes(nameOf(made.obj)) &&
            str(meta(r.obj).namespace) === str(meta(made.obj).namespace),
        );
        const merging = behavior === 'merge' || behavior === 'replace';
        if (!existing) {
          if (merging) fail('does not exist; cannot merge or replace');
          // Any other value (a typo too) is kustomize's unspecified behaviour: create.
          this.addResource(res, made);
          continue;
        }
        if (!merging) fail('exists; behavior must be merge or replace');
        // The old object's name, namespace and labels/annotations (the new ones win), its
        // data too when merging (the new values win); a hash only if both want one.
        const old = existing.obj;
        const m = meta(made.obj);
        m.name = nameOf(old);
        if (str(meta(old).namespace) !== '') m.namespace = meta(old).namespace;
        else delete m.namespace;
        for (const f of ['labels', 'annotations'] as const) {
          const merged = { ...strMap(meta(old)[f]), ...strMap(m[f]) };
          if (Object.keys(merged).length > 0) m[f] = sortedObject(merged);
        }
        if (behavior === 'merge') {
          for (const f of ['data', 'binaryData', 'stringData']) {
            if (!isObj(old[f])) continue;
            made.obj[f] = sortedObject({ ...strMap(old[f]), ...strMap(made.obj[f]) });
          }
        }
        const metadata = made.obj.metadata;
        delete made.obj.metadata;
        const { apiVersion, kind: k2, ...rest } = made.obj;
        for (const key of Object.keys(old)) delete old[key];
        Object.assign(old, { apiVersion, kind: k2, metadata, ...rest });
        existing.needsHash = existing.needsHash && made.needsHash;
      }
    }
  }

  private makeGenerated(dir: string, kind: string, g: Obj, global: Obj): KustResource {
    const name = str(g.name);
    // makeBaseNode: the same words for a Secret.
    if (name === '') throw new KustError('a configmap must have a name');
    const data: Record<string, string> = {};
    const pairs: [string, string][] = [];
    // kv.loader.Load: env files, then literals, then files; each kind's first error wrapped.
    const envs = list(g.envs ?? (g.env !== undefined ? [g.env] : [])).map(str);
    const loading = (what: string, sources: string[], msg: string): never => {
      throw new KustError(`loading KV pairs: ${what}[${sources.join(' ')}]: ${msg}`);
    };
    for (const env of envs) {
      const text = this.readSource(dir, env, (msg) => loading('env source files: ', envs, msg));
      for (const raw of text.split('\n')) {
        const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
        if (line === '' || line.startsWith('#')) continue;
        const eq = line.indexOf('=');
        // A line without `=` is a key with an empty value.
        pairs.push(eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)]);
      }
    }
    const literals = list(g.literals).map(str);
    for (const spec of literals) {
      const eq = spec.indexOf('=');
      if (eq <= 0) {
        loading('literal sources ', literals, `invalid literal source ${spec}, expected key=value`);
      }
      let value = spec.slice(eq + 1);
      if (value.length >= 2) {
        const q = value[0];
        if ((q === '"' || q === "'") && value.endsWith(q)) value = value.slice(1, -1);
      }
      pairs.push([spec.slice(0, eq), value]);
    }
    const files = list(g.files).map(str);
    for (const spec of files) {
      const bad = (msg: string): never => loading('file sources: ', files, msg);
      const eq = spec.indexOf('=');
      let key = spec.split('/').pop() ?? spec;
      let path = spec;
      if (eq === 0) bad(`missing key name for file path "${spec.slice(1)}" in source "${spec}"`);
      if (eq > 0) {
        key = spec.slice(0, eq);
        path = spec.slice(eq + 1);
        if (path.includes('=')) bad(`source "${spec}" key name or file path contains '='`);
        if (path === '') bad(`missing file path for key name "${key}" in source "${spec}"`);
      }
      pairs.push([key, this.readSource(dir, path, bad)]);
    }
    for (const [key, value] of pairs) {
      if (Object.hasOwn(data, key)) {
        throw new KustError(`configmap ${name} illegally repeats the key \`${key}\``);
      }
      data[key] = value;
    }
    // MergeGlobalOptionsIntoLocal: the generator's labels and annotations win; the global
    // disableNameSuffixHash and immutable, when true, win.
    const opts = isObj(g.options) ? g.options : {};
    const labels = { ...strMap(global.labels), ...strMap(opts.labels) };
    const annotations = { ...strMap(global.annotations), ...strMap(opts.annotations) };
    const metadata: Obj = { name };
    if (str(g.namespace) !== '') metadata.namespace = str(g.namespace);
    if (Object.keys(labels).length > 0) metadata.labels = sortedObject(labels);
    if (Object.keys(annotations).length > 0) metadata.annotations = sortedObject(annotations);
    const obj: Obj = { apiVersion: 'v1', kind, metadata };
    const sorted = sortedObject(data);
    if (kind === 'Secret') {
      // A Secret always has its data map, empty or not; a ConfigMap only when it has keys.
      const encoded: Record<string, string> = {};
      for (const [key, v] of Object.entries(sorted)) encoded[key] = base64(v);
      obj.data = encoded;
      obj.type = str(g.type) || 'Opaque';
    } else if (Object.keys(sorted).length > 0) {
      obj.data = sorted;
    }
    if (opts.immutable === true || global.immutable === true) obj.immutable = true;
    const disable = opts.disableNameSuffixHash === true || global.disableNameSuffixHash === true;
    return { obj, names: [name], needsHash: !disable, origNs: str(g.namespace) };
  }

  /**
   * A generator's source file (kv.loader): existing, inside the kustomization's root; `fail`
   * wraps the error as its sources' kind does.
   */
  private readSource(dir: string, path: string, fail: (msg: string) => never): string {
    const abs = this.abs(join(dir, path));
    const root = this.abs(dir);
    const text = this.fs.read(join(dir, path));
    if (text === undefined && this.fs.isDirectory(join(dir, path))) {
      fail(`'${abs}' must resolve to a file`);
    }
    if (text === undefined) fail(this.evalSymlinkFailure(abs));
    if (!abs.startsWith(`${root}/`) && !this.options.loadRestrictionsNone) {
      fail(`security; file '${abs}' is not in or below '${root}'`);
    }
    return text as string;
  }

  /**
   * filepath.EvalSymlinks's failure on a missing path: lstat names the first part of the path
   * that does not exist.
   */
  evalSymlinkFailure(abs: string, shown = abs): string {
    const parts = abs.split('/').filter((p) => p !== '');
    let missing = abs;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = `/${parts.slice(0, i).join('/')}`;
      if (this.fs.read(prefix) === undefined && !this.fs.isDirectory(prefix)) {
        missing = prefix;
        break;
      }
    }
    return `evalsymlink failure on '${shown}' : lstat ${missing}: no such file or directory`;
  }

  private transform(res: KustResource[], dir: string, k: Obj): void {
    const files = this.patchFiles(dir);
    applyPatches(res, k, files, 'strategic');
    const ns = str(k.namespace);
    if (ns !== '') {
      // Each object's id before the change (StorePreviousId), for the conflict error.
      const before = new Map<KustResource, { name: string; ns: string }>();
      for (const r of res) {
        const scoped = !this.isNamespaced(r.obj);
        before.set(r, {
          name: nameOf(r.obj),
          ns: scoped ? '_non_namespaceable_' : str(meta(r.obj).namespace) || 'default',
        });
      }
      for (const r of res) {
        if (this.isNamespaced(r.obj)) meta(r.obj).namespace = ns;
        const kind = kindOf(r.obj);
        // namespace.go's field specs: a Namespace object takes the name.
        if (kind === 'Namespace' && nameOf(r.obj) !== ns) {
          meta(r.obj).name = ns;
          r.names.push(ns);
        }
        // roleBindingHack (DefaultSubjectsOnly): only subjects named `default`.
        if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
          for (const s of list(r.obj.subjects)) {
            if (isObj(s) && s.name === 'default') s.namespace = ns;
          }
        }
      }
      // Two objects that now share an id: each as JSON with its previous id's annotations.
      const seen = new Map<string, KustResource>();
      for (const r of res) {
        const id = resId(r.obj);
        const first = seen.get(id);
        if (!first) {
          seen.set(id, r);
          continue;
        }
        const shown = [first, r].map((x) => {
          const prev = before.get(x) ?? { name: nameOf(x.obj), ns: '' };
          const obj = JSON.parse(JSON.stringify(x.obj)) as Obj;
          const m = meta(obj);
          m.annotations = {
            ...strMap(m.annotations),
            'internal.config.kubernetes.io/previousKinds': kindOf(x.obj),
            'internal.config.kubernetes.io/previousNames': prev.name,
            'internal.config.kubernetes.io/previousNamespaces': prev.ns,
          };
          return JSON.stringify(sortedDeep(obj));
        });
        throw new KustError(`namespace transformation produces ID conflict: [${shown.join(' ')}]`);
      }
    }
    const prefix = str(k.namePrefix);
    const suffix = str(k.nameSuffix);
    if (prefix !== '' || suffix !== '') {
      for (const r of res) {
        const kind = kindOf(r.obj);
        if (kind === 'CustomResourceDefinition' || kind === 'Namespace' || kind === 'APIService')
          continue;
        const name = `${prefix}${nameOf(r.obj)}${suffix}`;
        meta(r.obj).name = name;
        r.names.push(name);
      }
    }
    if (isObj(k.commonLabels)) addLabels(res, strMap(k.commonLabels), true, true);
    for (const l of list(k.labels)) {
      if (!isObj(l)) continue;
      const selectors = l.includeSelectors === true;
      addLabels(res, strMap(l.pairs), selectors, selectors || l.includeTemplates === true);
    }
    if (isObj(k.commonAnnotations)) addAnnotations(res, strMap(k.commonAnnotations));
    applyPatches(res, k, files, 'json6902');
    for (const rep of list(k.replicas)) {
      if (!isObj(rep)) continue;
      const name = str(rep.name);
      // A missing count is Go's zero.
      const count = rep.count === undefined || rep.count === null ? 0 : Number(rep.count);
      let found = false;
      for (const r of res) {
        if (!REPLICA_KINDS.has(kindOf(r.obj)) || !r.names.includes(name)) continue;
        found = true;
        if (!isObj(r.obj.spec)) r.obj.spec = {};
        (r.obj.spec as Obj).replicas = count;
      }
      if (!found) {
        const gvks = [...REPLICA_KINDS].map((kind) => `${kind}.[noVer].[noGrp]`).join(' ');
        throw new KustError(
          `resource with name ${name} does not match a config with the following GVK [${gvks}]`,
        );
      }
    }
    // FixKustomization appends the deprecated imageTags to images.
    for (const img of [...list(k.images), ...list(k.imageTags)]) {
      if (isObj(img)) setImages(res, img);
    }
    try {
      applyReplacements(res, list(k.replacements), (path) => {
        const text = this.fs.read(join(dir, path));
        if (text === undefined)
          throw new KustError(this.evalSymlinkFailure(this.abs(join(dir, path))));
        return text;
      });
    } catch (e) {
      if (e instanceof ReplacementError) throw new KustError(e.message);
      throw e;
    }
  }

  /** A kustomization's patch files, relative to its directory. */
  private patchFiles(dir: string): PatchFiles {
    return {
      read: (path) => this.fs.read(join(dir, path)),
      missing: (path) => this.evalSymlinkFailure(this.abs(join(dir, path))),
    };
  }

  private isNamespaced(obj: Obj): boolean {
    return this.namespaced(str(obj.apiVersion), kindOf(obj)) ?? !CLUSTER_SCOPED.has(kindOf(obj));
  }
}

/**
 * Kinds kustomize's built-in schema knows as cluster-scoped, for those this cluster does not
 * serve (any other unknown kind is namespaced, as kustomize takes it).
 */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** The replicas transformer's field specs, in their order. */
const REPLICA_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function sortedObject(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k] as string;
  return out;
}

/** resid.ResId.String(): `Kind.version.group/name.namespace`. */
function resId(obj: Obj): string {
  const g = groupOf(obj) || '[noGrp]';
  const ns = str(isObj(obj.metadata) ? obj.metadata.namespace : '') || '[noNs]';
  return `${kindOf(obj)}.${versionOf(obj)}.${g}/${nameOf(obj)}.${ns}`;
}

/** A field path of a var (`spec.ports[0].port`, `metadata.name`): the value there. */
function fieldAt(obj: Obj, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1] !== '') cur = isObj(cur) ? cur[m[1] as string] : undefined;
    for (const idx of (m[2] ?? '').match(/\d+/g) ?? []) {
      cur = Array.isArray(cur) ? cur[Number(idx)] : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The go-yaml words of a manifest parse error, without kubectl's `error parsing X: …`. */
function yamlMessage(error: string): string {
  return error.replace(/^error parsing [^:]*: (?:error converting YAML to JSON: )?/, '');
}

/** Go's %v of an object's kind, apiVersion, name, namespace, labels and annotations. */
function goObjectText(obj: Obj): string {
  const m = isObj(obj.metadata) ? obj.metadata : {};
  const goMap = (v: unknown): string => {
    const entries = Object.entries(strMap(v)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, x]) => `${k}:${x}`).join(' ')}]`;
  };
  return `{{${str(obj.apiVersion)} ${kindOf(obj)}} {{${str(m.name)} ${str(m.namespace)}} ${goMap(m.labels)} ${goMap(m.annotations)}}}`;
}

/** A generated object's ResId as Go's %#v prints it. */
function goResId(obj: Obj): string {
  const q = (v: string) => JSON.stringify(v);
  const ns = str(isObj(obj.metadata) ? obj.metadata.namespace : '');
  return `resid.ResId{Gvk:resid.Gvk{Group:${q(groupOf(obj))}, Version:${q(versionOf(obj))}, Kind:${q(kindOf(obj))}, isClusterScoped:false}, Name:${q(nameOf(obj))}, Namespace:${q(ns)}}`;
}

/** Follows `path` (a/b/c) from obj; with create, makes the missing maps. */
function at(obj: Obj, path: readonly string[], create: boolean): Obj | undefined {
  let cur: Obj = obj;
  for (const p of path) {
    const next = cur[p];
    if (isObj(next)) cur = next;
    else if (create && (next === undefined || next === null)) {
      const made: Obj = {};
      cur[p] = made;
      cur = made;
    } else return undefined;
  }
  return cur;
}

function setAll(target: Obj | undefined, pairs: Record<string, string>): void {
  if (!target) return;
  for (const [k, v] of Object.entries(pairs)) target[k] = v;
}

const TEMPLATE_KINDS = new Set([
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
]);

/**
 * The label transformer with commonlabels.go's field specs: metadata always; with `templates`
 * every spec whose path holds a template (pod templates, a CronJob's job template, a
 * StatefulSet's volumeClaimTemplates); with `selectors` the selectors too.
 */
function addLabels(
  res: KustResource[],
  pairs: Record<string, string>,
  selectors: boolean,
  templates: boolean,
): void {
  if (Object.keys(pairs).length === 0) return;
  for (const r of res) {
    const o = r.obj;
    const kind = kindOf(o);
    setAll(at(o, ['metadata', 'labels'], true), pairs);
    if (templates) {
      if (TEMPLATE_KINDS.has(kind))
        setAll(at(o, ['spec', 'template', 'metadata', 'labels'], true), pairs);
      if (kind === 'CronJob') {
        setAll(at(o, ['spec', 'jobTemplate', 'metadata', 'labels'], true), pairs);
        setAll(
          at(o, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'], true),
          pairs,
        );
      }
      if (kind === 'StatefulSet') {
        for (const t of list((o.spec as Obj | undefined)?.volumeClaimTemplates)) {
          if (isObj(t)) setAll(at(t, ['metadata', 'labels'], true), pairs);
        }
      }
    }
    if (!selectors) continue;
    if (kind === 'Service' || kind === 'ReplicationController') {
      setAll(at(o, ['spec', 'selector'], true), pairs);
    } else if (
      kind === 'Deployment' ||
      kind === 'ReplicaSet' ||
      kind === 'DaemonSet' ||
      kind === 'StatefulSet'
    ) {
      setAll(at(o, ['spec', 'selector', 'matchLabels'], true), pairs);
    } else if (kind === 'Job' || kind === 'PodDisruptionBudget') {
      setAll(at(o, ['spec', 'selector', 'matchLabels'], false), pairs);
    } else if (kind === 'CronJob') {
      setAll(at(o, ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'], false), pairs);
    } else if (kind === 'NetworkPolicy') {
      setAll(at(o, ['spec', 'podSelector', 'matchLabels'], false), pairs);
      const spec = isObj(o.spec) ? o.spec : {};
      for (const [rules, peers] of [
        ['ingress', 'from'],
        ['egress', 'to'],
      ] as const) {
        for (const rule of list(spec[rules])) {
          if (!isObj(rule)) continue;
          for (const peer of list(rule[peers])) {
            if (isObj(peer)) setAll(at(peer, ['podSelector', 'matchLabels'], false), pairs);
          }
        }
      }
    }
  }
}

/** The annotations transformer with commonannotations.go's field specs. */
function addAnnotations(res: KustResource[], pairs: Record<string, string>): void {
  if (Object.keys(pairs).length === 0) return;
  for (const r of res) {
    const o = r.obj;
    const kind = kindOf(o);
    setAll(at(o, ['metadata', 'annotations'], true), pairs);
    if (TEMPLATE_KINDS.has(kind))
      setAll(at(o, ['spec', 'template', 'metadata', 'annotations'], true), pairs);
    if (kind === 'CronJob') {
      setAll(at(o, ['spec', 'jobTemplate', 'metadata', 'annotations'], true), pairs);
      setAll(
        at(o, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations'], true),
        pairs,
      );
    }
  }
}

/** The pod specs inside an object (a Pod's own, a template's, a CronJob's job template's). */
function podSpecs(o: Obj): Obj[] {
  const spec = isObj(o.spec) ? o.spec : undefined;
  if (!spec) return [];
  if (kindOf(o) === 'Pod') return [spec];
  const out: Obj[] = [];
  const t = at(spec, ['template', 'spec'], false);
  if (t) out.push(t);
  const j = at(spec, ['jobTemplate', 'spec', 'template', 'spec'], false);
  if (j) out.push(j);
  return out;
}

/** image.Split: name, tag, digest. */
function splitImage(image: string): [string, string, string] {
  let name = image;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag = '';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  return [name, tag, digest];
}

/**
 * image.IsImageMatched: the `name` of an images entry is a regular expression for the whole
 * image, an optional `@sha256` and `:tag` after it (so `nginx` matches `nginx:1.25`, and
 * `busybox:1.36` matches that very image).
 */
function imageMatched(image: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(@sha256)?(:[\\w.-]*)?$`).test(image);
  } catch {
    return false;
  }
}

/** The image tag transformer (imagetag.Updater). */
function setImages(res: KustResource[], img: Obj): void {
  const match = str(img.name);
  const newName = str(img.newName);
  const newTag = str(img.newTag);
  const digest = str(img.digest);
  for (const r of res) {
    for (const spec of podSpecs(r.obj)) {
      for (const field of ['containers', 'initContainers']) {
        for (const c of list(spec[field])) {
          if (!isObj(c) || typeof c.image !== 'string') continue;
          if (!imageMatched(c.image, match)) continue;
          let [name, tag, dig] = splitImage(c.image);
          if (newName !== '') name = newName;
          if (newTag !== '' && digest !== '') {
            tag = newTag;
            dig = digest;
          } else if (newTag !== '') {
            tag = newTag;
            dig = '';
          } else if (digest !== '') {
            dig = digest;
            tag = '';
          }
          c.image = `${name}${tag ? `:${tag}` : ''}${dig ? `@${dig}` : ''}`;
        }
      }
    }
  }
}

/**
 * ResMap.FixBackReferences for the references learners make: a pod spec's ConfigMaps, Secrets,
 * ServiceAccount and claims, an Ingress's Services, a binding's role and ServiceAccounts, an
 * HPA's target. A reference naming an earlier name of a resource of that kind in the same
 * namespace gets its current name.
 */
function fixNameReferences(res: KustResource[]): void {
  const nsOf = (o: Obj): string => str(isObj(o.metadata) ? o.metadata.namespace : '');
  // A binding's ServiceAccount subject names the account's name and namespace: it follows the
  // account's renames and takes its namespace (nameref's subjects case), when its own
  // namespace (none, or the one given) is the account's, first or current.
  for (const { obj: o } of res) {
    if (kindOf(o) !== 'RoleBinding' && kindOf(o) !== 'ClusterRoleBinding') continue;
    for (const s of list(o.subjects)) {
      if (!isObj(s) || s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
      // No namespace is `default`, on either side.
      const orDefault = (ns: string): string => ns || 'default';
      const subjectNs = orDefault(str(s.namespace));
      const sa = res.find(
        (r) =>
          kindOf(r.obj) === 'ServiceAccount' &&
          r.names.includes(s.name as string) &&
          (subjectNs === orDefault(r.origNs ?? '') || subjectNs === orDefault(nsOf(r.obj))),
      );
      if (!sa) continue;
      s.name = nameOf(sa.obj);
      if (nsOf(sa.obj) !== '') s.namespace = nsOf(sa.obj);
    }
  }
  const renamed = res.filter((r) => r.names.length > 1);
  if (renamed.length === 0) return;
  const fix = (referrer: Obj, kinds: readonly string[], value: unknown, anyNs = false): unknown => {
    if (typeof value !== 'string') return value;
    for (const r of renamed) {
      if (!kinds.includes(kindOf(r.obj))) continue;
      if (!anyNs && nsOf(r.obj) !== nsOf(referrer)) continue;
      if (nameOf(r.obj) === value) return value;
      if (r.names.includes(value)) return nameOf(r.obj);
    }
    return value;
  };
  for (const { obj: o } of res) {
    const kind = kindOf(o);
    for (const spec of podSpecs(o)) {
      if (typeof spec.serviceAccountName === 'string')
        spec.serviceAccountName = fix(o, ['ServiceAccount'], spec.serviceAccountName);
      if (typeof spec.serviceAccount === 'string')
        spec.serviceAccount = fix(o, ['ServiceAccount'], spec.serviceAccount);
      for (const s of list(spec.imagePullSecrets))
        if (isObj(s)) s.name = fix(o, ['Secret'], s.name);
      for (const v of list(spec.volumes)) {
        if (!isObj(v)) continue;
        if (isObj(v.configMap)) v.configMap.name = fix(o, ['ConfigMap'], v.configMap.name);
        if (isObj(v.secret)) v.secret.secretName = fix(o, ['Secret'], v.secret.secretName);
        if (isObj(v.persistentVolumeClaim))
          v.persistentVolumeClaim.claimName = fix(
            o,
            ['PersistentVolumeClaim'],
            v.persistentVolumeClaim.claimName,
          );
        if (isObj(v.projected)) {
          for (const src of list(v.projected.sources)) {
            if (!isObj(src)) continue;
            if (isObj(src.configMap))
              src.configMap.name = fix(o, ['ConfigMap'], src.configMap.name);
            if (isObj(src.secret)) src.secret.name = fix(o, ['Secret'], src.secret.name);
          }
        }
      }
      for (const field of ['containers', 'initContainers']) {
        for (const c of list(spec[field])) {
          if (!isObj(c)) continue;
          for (const e of list(c.envFrom)) {
            if (!isObj(e)) continue;
            if (isObj(e.configMapRef))
              e.configMapRef.name = fix(o, ['ConfigMap'], e.configMapRef.name);
            if (isObj(e.secretRef)) e.secretRef.name = fix(o, ['Secret'], e.secretRef.name);
          }
          for (const e of list(c.env)) {
            if (!isObj(e) || !isObj(e.valueFrom)) continue;
            const vf = e.valueFrom;
            if (isObj(vf.configMapKeyRef))
              vf.configMapKeyRef.name = fix(o, ['ConfigMap'], vf.configMapKeyRef.name);
            if (isObj(vf.secretKeyRef))
              vf.secretKeyRef.name = fix(o, ['Secret'], vf.secretKeyRef.name);
          }
        }
      }
    }
    const spec = isObj(o.spec) ? o.spec : undefined;
    if (kind === 'Ingress' && spec) {
      const backends: unknown[] = [spec.defaultBackend];
      for (const rule of list(spec.rules)) {
        if (isObj(rule) && isObj(rule.http))
          for (const p of list(rule.http.paths)) if (isObj(p)) backends.push(p.backend);
      }
      for (const b of backends) {
        if (isObj(b) && isObj(b.service)) b.service.name = fix(o, ['Service'], b.service.name);
      }
      for (const t of list(spec.tls)) if (isObj(t)) t.secretName = fix(o, ['Secret'], t.secretName);
    }
    if (kind === 'StatefulSet' && spec) spec.serviceName = fix(o, ['Service'], spec.serviceName);
    if (kind === 'HorizontalPodAutoscaler' && spec && isObj(spec.scaleTargetRef)) {
      const t = spec.scaleTargetRef;
      t.name = fix(o, [str(t.kind)], t.name);
    }
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      if (isObj(o.roleRef)) o.roleRef.name = fix(o, [str(o.roleRef.kind)], o.roleRef.name, true);
    }
  }
}

/** The legacy order's first and last kinds (kustomize's gvk.go). */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrder(kind: string, first: readonly string[], last: readonly string[]): number {
  const f = first.indexOf(kind);
  if (f >= 0) return f - first.length;
  const l = last.indexOf(kind);
  return l >= 0 ? l + 1 : 0;
}

/** Gvk.String(): `group_version_kind`, `~G` for the core group. */
function gvkString(o: Obj): string {
  return `${groupOf(o) || '~G'}_${versionOf(o) || '~V'}_${kindOf(o) || '~K'}`;
}

/** The legacy sort: kind order, then GVK, then namespace (cluster-scoped apart) and name. */
function legacySort(res: KustResource[], namespaced: NamespacedFn, options?: Obj): void {
  // sortOptions.legacySortOptions replace the two lists.
  const first = options ? list(options.orderFirst).map(str) : ORDER_FIRST;
  const last = options ? list(options.orderLast).map(str) : ORDER_LAST;
  const key = (o: Obj): string => {
    const ns = str(isObj(o.metadata) ? o.metadata.namespace : '');
    const scoped =
      (namespaced(str(o.apiVersion), kindOf(o)) ?? !CLUSTER_SCOPED.has(kindOf(o))) === false;
    const eff = scoped ? '_non_namespaceable_' : ns || 'default';
    return `${gvkString(o)}|${eff}|${nameOf(o)}`;
  };
  res.sort((a, b) => {
    const ta = typeOrder(kindOf(a.obj), first, last);
    const tb = typeOrder(kindOf(b.obj), first, last);
    if (ta !== tb) return ta - tb;
    const ga = gvkString(a.obj);
    const gb = gvkString(b.obj);
    if (ga !== gb) return ga < gb ? -1 : 1;
    const ka = key(a.obj);
    const kb = key(b.obj);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
