/**
 * `kubectl -v=N`: what klog prints on stderr at verbosity 4 and above, so a learner can watch
 * the REST requests a command sends to the API server.
 *
 * - `-v=4` and above: a server error is first dumped as its Status object
 *   (`helpers.go:246] server response object: %s[{…}]`, the `%s` and brackets as 1.32 prints
 *   them: klog's Info given a format string and its argument list).
 * - `-v=6` and above: `loader.go` names the kubeconfig file; every command that builds a REST
 *   client logs client-go's four feature gates (`envvar.go`); every request is one
 *   `round_trippers.go:560] GET https://… 200 OK in 3 milliseconds` line when its answer comes.
 *   Discovery (`GET /api`, `GET /apis`, aggregated, as a 1.32 server serves it) shows when
 *   kubectl's discovery cache is empty or older than its 6 hours.
 * - `-v=7` and above add request and response headers and bodies, which this console does not
 *   simulate: it says so once and logs as at 6.
 *
 * The header is klog's `I1128 23:41:01.123456    3102 file:line] `; the time is the virtual
 * clock's (UTC, the laptop's zone here), the process id one per kubectl run. The milliseconds a
 * request takes are made up but steady (a hash of the request), as a fast local cluster answers.
 */
import type {
  ApiClient,
  DeleteOptions,
  KubeObject,
  ListOptions,
  ResourceName,
  Result,
  Status,
  WriteOptions,
} from '../engine/api/types.ts';
import { RESOURCES, type ResourceDef, restPath } from '../engine/apiserver/resources.ts';
import { goIndent } from '../engine/node/httpClient.ts';
import { encodeQuery } from './goUrl.ts';
import type { Workspace } from './workspace.ts';

/** Go's http.StatusText for the codes the API server answers with. */
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** kubectl's discovery cache lives 6 hours (`~/.kube/cache/discovery`). */
const DISCOVERY_TTL_MS = 6 * 60 * 60 * 1000;

/** When each console's kubectl last read discovery, per server (virtual epoch ms). */
const discoveredAt = new WeakMap<Workspace, Map<string, number>>();
/** The next process id each console hands a kubectl run. */
const nextPid = new WeakMap<Workspace, number>();

/** A small, steady duration for a request (ms), from its text: local clusters answer fast. */
function latencyMs(text: string, serial: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h = Math.imul(h ^ serial, 16777619) >>> 0;
  return 1 + (h % 7);
}

/** The klog writer of one kubectl run. */
export class RequestLog {
  /** Where lines go (the command's stderr, in print order). */
  sink: (text: string) => void = () => {};
  #serial = 0;
  #micros: number;
  readonly #pid: number;
  /**
   * Query parameters the next request to `resource` carries that the engine's call does not
   * (describe's events selector): kubectl filters on the server, the console after the call.
   */
  #nextQuery: { resource: ResourceName; query: Record<string, string> } | undefined;

  constructor(
    /** The command's first word (`get`, `create`…): what its writes send depends on it. */
    readonly command: string,
    readonly level: number,
    /** `https://172.18.0.2:6443`: the selected cluster's server, without a trailing slash. */
    readonly server: string,
    readonly nowEpochMs: () => number,
    readonly fs: Workspace,
    /** `--request-timeout`, as Go prints the duration (`1s`, `1m0s`), or '' when unset. */
    readonly requestTimeout = '',
  ) {
    const pid = nextPid.get(fs) ?? 3102;
    nextPid.set(fs, pid + 3);
    this.#pid = pid;
    // The run starts somewhere in the clock's second (kubectl's own start-up takes some ms).
    this.#micros =
      (nowEpochMs() % 1000) * 1000 + 9000 + ((Math.imul(pid, 2654435761) >>> 0) % 300_000);
  }

  /**
   * What the run logs before anything else, once it gets that far: the kubeconfig file loaded,
   * and the feature gates when the command builds its clients as it starts (Complete). cobra's
   * own checks (a required flag) come before both: a run that ends there logs neither.
   */
  #start: { loader: string | undefined; gates: boolean; loads: number } | undefined;

  /** `loads`: how often the command reads the file (a config command that writes it: more). */
  start(loader: string | undefined, gates: boolean, loads = 1): void {
    this.#start = { loader, gates, loads };
  }

  /** Logs the start (see #start) if it has not been yet. */
  started(): void {
    const s = this.#start;
    if (!s) return;
    this.#start = undefined;
    if (s.loader !== undefined) for (let i = 0; i < s.loads; i++) this.configLoaded(s.loader);
    if (s.gates) this.featureGates();
  }

  /**
   * Before the command prints `text`: the start first, unless the line is refused before the
   * kubeconfig is read (cobra's required flags, exec's old `exec POD COMMAND` form).
   */
  beforeOutput(text: string, err: boolean): void {
    // The log's own lines reach the command's stderr through here too.
    if (this.#writing) return;
    if (this.#mapped) this.mapperReady();
    // Refusals made once the clients are built (the builder maps the types before it finds
    // one without a name; label checks its names against a selector after its Complete).
    if (err && text.startsWith('error: resource(s) were provided, but no name was specified'))
      this.mapperReady();
    if (
      err &&
      (text.startsWith('error: name cannot be provided when a selector is specified') ||
        text.startsWith('error: a resource cannot be retrieved by name across all namespaces'))
    )
      this.featureGates();
    if (!this.#start) return;
    // delete's Complete reads --cascade (and warns of a boolean) before the kubeconfig.
    if (err && this.command === 'delete' && text.startsWith('warning: --cascade=')) return;
    if (err && refusedBeforeConfig(this.command, text)) {
      this.#start = undefined;
      return;
    }
    this.started();
  }

  /** One klog line at verbosity `v` (`I` severity); `tookMs`: the time it reports on. */
  info(v: number, fileLine: string, msg: string, tookMs = 0): void {
    this.started();
    if (this.level < v) return;
    if (!this.#noted && this.level >= 7) {
      this.#noted = true;
      this.#write(
        '(kubectl -v=7 and above also print request and response headers and bodies; this console shows the -v=6 log)\n',
      );
    }
    this.#micros += tookMs * 1000;
    this.#write(`${this.#header(fileLine)}${msg}\n`);
  }

  #writing = false;

  #write(text: string): void {
    this.#writing = true;
    try {
      this.sink(text);
    } finally {
      this.#writing = false;
    }
  }

  #noted = false;
  #gates = false;

  #header(fileLine: string): string {
    // The clock moves on a little between lines, as a real run's would.
    this.#micros += 29 + ((this.#micros * 7 + this.#serial * 53) % 187);
    const ms = this.nowEpochMs() - (this.nowEpochMs() % 1000) + Math.floor(this.#micros / 1000);
    const d = new Date(ms);
    const p2 = (n: number) => String(n).padStart(2, '0');
    const micros = String(this.#micros % 1_000_000).padStart(6, '0');
    return `I${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(this.#pid).padStart(7, ' ')} ${fileLine}] `;
  }

  /** The kubeconfig file loaded (clientcmd's loader, two spaces as it prints them). */
  configLoaded(path: string): void {
    this.info(6, 'loader.go:402', `Config loaded from file:  ${path}`);
  }

  /**
   * client-go's feature gates, logged once, when the run's first REST client is built: just
   * before its first request (a command refused before it sends one logs none).
   */
  featureGates(): void {
    if (this.#gates) return;
    this.#gates = true;
    for (const gate of [
      'ClientsAllowCBOR',
      'ClientsPreferCBOR',
      'InformerResourceVersion',
      'WatchListClient',
    ]) {
      this.info(1, 'envvar.go:172', `"Feature gate default state" feature="${gate}" enabled=false`);
    }
  }

  /**
   * Discovery's two requests (aggregated: every group and resource in two answers); the cached
   * client's carry `timeout=32s`, a plain discovery client's (top's) none.
   */
  discovery(timeout = true): void {
    this.#discoveredThisRun = true;
    const q = timeout ? '?timeout=32s' : '';
    this.request('GET', `/api${q}`, 200);
    this.request('GET', `/apis${q}`, 200);
  }

  /** A type the cached discovery did not know: kubectl invalidates the cache and asks again. */
  rediscover(): void {
    this.mapperUsed();
    // A cache read in this very run is fresh: DeferredDiscoveryRESTMapper does not reset it.
    if (this.#discoveredThisRun) return;
    this.info(6, 'discovery.go:214', 'Invalidating discovery information');
    markDiscovered(this.fs, this.server, this.nowEpochMs());
    this.discovery();
  }

  /**
   * Discovery the command's RESTMapper will read (when the cache is cold) at its first use:
   * before the first request, after the flag checks that may refuse the command first.
   */
  pendingDiscovery: { fresh: boolean } | undefined;

  /**
   * A type mapped (the builder's RESTMapper used): its client and discovery are logged when
   * the command next prints or sends anything, unless the builder refuses its arguments first
   * (see forgetMapping): the console resolves types earlier than the builder does.
   */
  mapped(invalidates = false): void {
    this.#mapped = true;
    if (invalidates) this.#invalidates = true;
  }

  /**
   * The mapping missed first (an argument read as resource.version.group that names nothing):
   * DeferredDiscoveryRESTMapper resets a cache it did not just read, and reads it again.
   */
  #invalidates = false;

  /** Discovery read from the server in this run (the RESTMapper's cache is fresh). */
  #discoveredThisRun = false;

  /** The builder refused its arguments before it mapped a type: nothing of that is logged. */
  forgetMapping(): void {
    this.#mapped = false;
    this.#invalidates = false;
  }

  #mapped = false;

  /**
   * A command that maps a type where most of its kind do not (events --for, create role's
   * rules): the RESTMapper reads discovery as the builder's does, once a run.
   */
  mapperUsed(): void {
    if (!this.#discoveryConsidered) this.pendingDiscovery ??= { fresh: false };
    this.mapperReady();
  }

  #discoveryConsidered = false;

  /** The RESTMapper's first use: the pending discovery, read now if the cache says so. */
  mapperReady(): void {
    this.#mapped = false;
    this.featureGates();
    const pending = this.pendingDiscovery;
    if (pending) {
      this.pendingDiscovery = undefined;
      this.#discoveryConsidered = true;
      if (readsDiscovery(this.fs, this.server, this.nowEpochMs(), pending.fresh)) this.discovery();
    }
    if (this.#invalidates) {
      this.#invalidates = false;
      this.rediscover();
    }
  }

  /** `round_trippers.go:560] GET https://…/path?query 200 OK in 3 milliseconds`. */
  request(method: string, pathAndQuery: string, code: number): void {
    this.mapperReady();
    this.#serial++;
    const ms = latencyMs(pathAndQuery, this.#serial);
    const text = STATUS_TEXT[code] ?? '';
    this.info(
      6,
      'round_trippers.go:560',
      `${method} ${this.server}${pathAndQuery} ${code}${text ? ` ${text}` : ''} in ${ms} milliseconds`,
      ms,
    );
  }

  /** A request to `path` with kubectl's query (and `--request-timeout`'s `timeout`). */
  requestTo(
    method: string,
    path: string,
    query: Record<string, string | undefined>,
    code: number,
  ): void {
    const q = encodeQuery({
      ...query,
      ...(this.requestTimeout ? { timeout: this.requestTimeout } : {}),
    });
    this.request(method, q ? `${path}?${q}` : path, code);
  }

  /**
   * A read kubectl sends that the console answers from what it already holds (a describer's or
   * the history viewer's second GET of the object it was given): logged, not sent.
   */
  reread(resource: ResourceName, namespace: string | undefined, name: string, code = 200): void {
    this.unsent('GET', resource, namespace, name, {}, code);
  }

  /**
   * A request kubectl sends that the console answers without a call (a read it already holds,
   * a patch that changes nothing, one the console refuses itself): `name` '' for the collection.
   */
  unsent(
    method: string,
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    query: Record<string, string | undefined>,
    code: number,
    subresource?: string,
  ): void {
    this.requestTo(
      method,
      pathOf(this, resource, namespace, name || undefined, subresource),
      query,
      code,
    );
  }

  /**
   * The informer kubectl's waits run on one object (delete's wait, rollout status, wait --for):
   * the reflector lists it by name, then watches from the list's resourceVersion with
   * client-go's random timeout (5 to 10 minutes). `list` makes the list request and returns its
   * resourceVersion. Returns what the reflector logs when it stops.
   */
  informer(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    list: () => string,
  ): () => void {
    const from = 'k8s.io/client-go/tools/watch/informerwatcher.go:146';
    this.info(
      3,
      'reflector.go:313',
      `Starting reflector *unstructured.Unstructured (0s) from ${from}`,
    );
    this.info(
      3,
      'reflector.go:349',
      `Listing and watching *unstructured.Unstructured from ${from}`,
    );
    this.nextQuery(resource, { limit: '500', resourceVersion: '0' });
    const rv = list();
    this.takeQuery(resource);
    this.info(
      2,
      'reflector.go:376',
      `Caches populated for *unstructured.Unstructured from ${from}`,
    );
    const timeoutSeconds = 300 + latencyMs(`${name}/${rv}`, this.#serial) * 41;
    this.requestTo(
      'GET',
      pathOf(this, resource, namespace),
      {
        allowWatchBookmarks: 'true',
        fieldSelector: `metadata.name=${name}`,
        resourceVersion: rv,
        timeoutSeconds: String(timeoutSeconds),
        watch: 'true',
      },
      200,
    );
    return () =>
      this.info(
        3,
        'reflector.go:319',
        `Stopping reflector *unstructured.Unstructured (0s) from ${from}`,
      );
  }

  /**
   * The command reads through typed clients (a builder with kubectl's scheme, or a clientset):
   * its Status dumps have no kind or apiVersion.
   */
  typedClient = false;

  /**
   * `get --raw PATH`: the one request kubectl sends is PATH as typed. The first request the
   * console makes to answer it is logged under that path (with its answer's code), the rest
   * not at all.
   */
  #raw: string | undefined;

  rawPath(path: string): void {
    this.#raw = path;
  }

  /** Logs the raw request (see #raw) with `code`, once; true when it did. */
  rawLine(code: number): boolean {
    const raw = this.#raw;
    if (raw === undefined) return false;
    this.#raw = undefined;
    this.request('GET', raw, code);
    this.#quiet++;
    return true;
  }

  /** Runs `fn` with its requests unlogged (a read kubectl does not send). */
  quiet<T>(fn: () => T): T {
    this.#quiet++;
    try {
      return fn();
    } finally {
      this.#quiet--;
    }
  }

  get muted(): boolean {
    return this.#quiet > 0;
  }

  #quiet = 0;
  /** The OpenAPI v3 documents this run has read (kubectl keeps them for the run). */
  #openApi = new Set<string>();

  /**
   * The OpenAPI v3 document of a group version, read once a run: the index, then the document
   * at the path the index names with its hash (what apply's patcher and the field-validation
   * verifier of create, replace and apply read). The hash stands for this simulated server's
   * document: a real server's differs with its exact text.
   */
  openApiV3(group: string, version: string): void {
    const gv = group ? `apis/${group}/${version}` : `api/${version}`;
    if (this.#openApi.has(gv)) return;
    if (this.#openApi.size === 0) this.request('GET', '/openapi/v3?timeout=32s', 200);
    this.#openApi.add(gv);
    this.request('GET', `/openapi/v3/${gv}?hash=${documentHash(gv)}&timeout=32s`, 200);
  }

  /**
   * The version this run's requests to `resource` use when it is not the one the console
   * stores (an `autoscaling/v1` manifest or `hpa.v1.autoscaling` argument).
   */
  requestVersion(resource: string, version: string): void {
    this.#versions.set(resource, version);
  }

  versionOf(resource: string): string | undefined {
    return this.#versions.get(resource);
  }

  #versions = new Map<string, string>();

  /** Extra query parameters for the next request to `resource` (see #nextQuery). */
  nextQuery(resource: ResourceName, query: Record<string, string>): void {
    this.#nextQuery = { resource, query };
  }

  #nextSubresource: { resource: ResourceName; subresource: string } | undefined;

  /** The next GET of `resource` reads its `subresource` (patch --subresource's builder). */
  nextSubresource(resource: ResourceName, subresource: string): void {
    this.#nextSubresource = subresource ? { resource, subresource } : undefined;
  }

  takeSubresource(resource: ResourceName): string | undefined {
    const s = this.#nextSubresource;
    if (!s || s.resource !== resource) return undefined;
    this.#nextSubresource = undefined;
    return s.subresource;
  }

  takeQuery(resource: ResourceName): Record<string, string> {
    const q = this.#nextQuery;
    if (!q || q.resource !== resource) return {};
    this.#nextQuery = undefined;
    return q.query;
  }

  /** The Status a failed request returned, as CheckErr dumps it at -v=4 and above. */
  statusDump(status: Status): void {
    // CheckErr words an Invalid error itself (its causes), without StandardErrorMessage's dump.
    if (this.level < 4 || status.code === 0 || status.reason === 'Invalid') return;
    const details = status.details
      ? {
          ...(status.details.name !== undefined ? { name: status.details.name } : {}),
          ...(status.details.group !== undefined ? { group: status.details.group } : {}),
          ...(status.details.kind !== undefined ? { kind: status.details.kind } : {}),
          ...(status.details.causes
            ? {
                causes: status.details.causes.map((c) => ({
                  reason: c.type,
                  message: c.message,
                  ...(c.field !== undefined ? { field: c.field } : {}),
                })),
              }
            : {}),
          ...(status.details.retryAfterSeconds !== undefined
            ? { retryAfterSeconds: status.details.retryAfterSeconds }
            : {}),
        }
      : undefined;
    // A typed client decodes the Status into its Go struct, whose type fields it clears.
    const typed = this.typedClient;
    const body = {
      ...(typed ? {} : { kind: 'Status', apiVersion: 'v1' }),
      metadata: {},
      status: 'Failure',
      message: status.message,
      reason: status.reason,
      ...(details ? { details } : {}),
      code: status.code,
    };
    this.info(4, 'helpers.go:246', `server response object: %s[${goIndent(body)}]`);
  }
}

/**
 * Whether a command that maps types through discovery reads it from the server now: kubectl's
 * disk cache is empty, older than its TTL, or `fresh` is asked (api-resources). Every such
 * command counts, logged or not: the cache is the same files either way.
 */
export function readsDiscovery(
  fs: Workspace,
  server: string,
  nowEpochMs: number,
  fresh: boolean,
): boolean {
  const at = discoveredAt.get(fs)?.get(server);
  if (!fresh && at !== undefined && nowEpochMs - at < DISCOVERY_TTL_MS) return false;
  markDiscovered(fs, server, nowEpochMs);
  return true;
}

/**
 * Empties a console's discovery cache (as `rm -rf ~/.kube/cache` would): the oracle's setup
 * lines run only on the console, so the real kubectl's cache is still cold after them.
 */
export function forgetDiscovery(fs: Workspace): void {
  discoveredAt.delete(fs);
}

function markDiscovered(fs: Workspace, server: string, nowEpochMs: number): void {
  let byServer = discoveredAt.get(fs);
  if (!byServer) {
    byServer = new Map();
    discoveredAt.set(fs, byServer);
  }
  byServer.set(server, nowEpochMs);
}

/** A steady 512-bit hex digest (upper case, as the server's index writes it) of `text`. */
function documentHash(text: string): string {
  let out = '';
  for (let round = 0; out.length < 128; round++) {
    let h = 2166136261 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    out += h.toString(16).toUpperCase().padStart(8, '0');
  }
  return out;
}

/** `-v` / `--v` as parsed (pflag int32); 0 when absent. */
export function verbosity(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : 0;
}

function codeOf<T>(r: Result<T>, success: number): number {
  return r.ok ? success : r.status.code;
}

function pathOf(
  log: RequestLog,
  resource: ResourceName,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  const def: ResourceDef | undefined = RESOURCES[resource];
  if (!def) return `/${resource}`;
  const version = log.versionOf(resource);
  const path = restPath(version ? { ...def, version } : def, namespace, name);
  return `${path}${subresource ? `/${subresource}` : ''}`;
}

/**
 * Commands that send `fieldValidation=Strict` though the console's call leaves validation to
 * the server's default (typed clients: `create deployment`, … and taint's patch).
 */
const SENDS_STRICT = new Set(['create', 'taint']);
/** Commands whose requests carry no fieldValidation (the console passes the server default). */
const SENDS_NO_VALIDATION = new Set(['patch']);

/**
 * The query of a write as kubectl sends it: `dryRun=All`, its field manager (none when it is the
 * server's default, `kubectl` from the User-Agent, but for server-side apply, which names it),
 * the field validation its command asks for, server-side apply's `force`.
 */
function writeQuery(
  command: string,
  opts: WriteOptions | undefined,
): Record<string, string | undefined> {
  const ssa = opts?.patchType === 'apply';
  const manager = opts?.fieldManager === 'kubectl' && !ssa ? undefined : opts?.fieldManager;
  const validation = SENDS_NO_VALIDATION.has(command)
    ? undefined
    : (opts?.fieldValidation ?? (SENDS_STRICT.has(command) ? 'Strict' : undefined));
  return {
    dryRun: opts?.dryRun ? 'All' : undefined,
    fieldManager: manager,
    fieldValidation: validation,
    ...(ssa ? { force: opts?.force ? 'true' : 'false' } : {}),
  };
}

/**
 * `api` with every request logged as it is answered. List options carry kubectl's `limit`
 * (500 for get and describe's lists) in `ListOptions.limit`.
 */
export function loggedClient(api: ApiClient, log: RequestLog): ApiClient {
  /**
   * A request answered: its line (the query taken when it is asked for), unless the run logs
   * none for it (`quiet`: the client is built all the same) or it is `get --raw`'s one request.
   */
  const answered = <T>(
    r: Result<T>,
    method: string,
    path: string,
    query: () => Record<string, string | undefined>,
    success: number,
  ): Result<T> => {
    if (log.muted) log.featureGates();
    else if (!log.rawLine(codeOf(r, success)))
      log.requestTo(method, path, query(), codeOf(r, success));
    return r;
  };
  const write = (opts: WriteOptions | undefined) => () => writeQuery(log.command, opts);
  const logged: ApiClient = {
    create: (resource, namespace, obj, opts) =>
      // Server-side apply creates with its PATCH of the object's path.
      opts?.patchType === 'apply'
        ? answered(
            api.create(resource, namespace, obj, opts),
            'PATCH',
            pathOf(log, resource, namespace, obj.metadata?.name),
            write(opts),
            201,
          )
        : answered(
            api.create(resource, namespace, obj, opts),
            'POST',
            pathOf(log, resource, namespace, undefined, opts?.subresource),
            write(opts),
            201,
          ),
    get: (resource, namespace, name) =>
      answered(
        api.get(resource, namespace, name),
        'GET',
        pathOf(log, resource, namespace, name, log.takeSubresource(resource)),
        () => log.takeQuery(resource),
        200,
      ),
    list: (resource, namespace, opts?: ListOptions) =>
      answered(
        api.list(resource, namespace, opts),
        'GET',
        pathOf(log, resource, namespace),
        () => ({
          labelSelector: opts?.labelSelector || undefined,
          fieldSelector: opts?.fieldSelector || undefined,
          limit: opts?.limit !== undefined ? String(opts.limit) : undefined,
          ...log.takeQuery(resource),
        }),
        200,
      ),
    update: (resource, namespace, obj, opts) =>
      answered(
        api.update(resource, namespace, obj, opts),
        'PUT',
        pathOf(log, resource, namespace, obj.metadata?.name, opts?.subresource),
        write(opts),
        200,
      ),
    patch: (resource, namespace, name, patch, opts) =>
      answered(
        api.patch(resource, namespace, name, patch, opts),
        'PATCH',
        pathOf(log, resource, namespace, name, opts?.subresource),
        write(opts),
        200,
      ),
    delete: (resource, namespace, name, opts?: DeleteOptions) =>
      // An eviction is a POST of an Eviction to the pod's subresource; dryRun rides in the
      // body's DeleteOptions, as a DELETE's does, not in the query.
      answered(
        api.delete(resource, namespace, name, opts),
        opts?.eviction ? 'POST' : 'DELETE',
        pathOf(log, resource, namespace, name, opts?.eviction ? 'eviction' : undefined),
        () => ({}),
        opts?.eviction ? 201 : 200,
      ),
  };
  if (api.connect) {
    const connect = api.connect.bind(api);
    logged.connect = (subresource, namespace, name, container) => {
      const r = connect(subresource, namespace, name, container);
      // exec, attach and port-forward upgrade the connection (101) and say nothing at 6.
      if (subresource !== 'log') return r;
      return answered(
        r,
        'GET',
        pathOf(log, 'pods', namespace, name, 'log'),
        () => ({ container: container || undefined, ...log.takeQuery('pods') }),
        200,
      );
    };
  }
  if (api.createToken) {
    const createToken = api.createToken.bind(api);
    logged.createToken = (namespace: string, name: string, request: KubeObject) =>
      answered(
        createToken(namespace, name, request),
        'POST',
        pathOf(log, 'serviceaccounts', namespace, name, 'token'),
        () => ({}),
        201,
      );
  }
  return logged;
}

/**
 * The informer of a wait on one object, logged at `-v=2` and above (see RequestLog.informer);
 * from `-v=6` its list is a request, made through `api`. Returns the reflector's stop.
 */
export function informerLog(
  log: RequestLog | undefined,
  api: ApiClient,
  resource: ResourceName,
  namespace: string | undefined,
  name: string,
): () => void {
  if (!log || log.level < 2) return () => {};
  return log.informer(resource, namespace, name, () => {
    if (log.level < 6) return '0';
    const r = api.list(resource, namespace, { fieldSelector: `metadata.name=${name}` });
    return r.ok ? r.value.metadata.resourceVersion : '0';
  });
}

/**
 * Refusals a command makes before it reads the kubeconfig (kubectl 1.32.5): cobra's required
 * flags and unknown subcommands, exec's old form, and the argument checks some commands run
 * first in Complete (their usage errors; label's parse of its arguments). Others (annotate's,
 * apply's) come after it.
 */
function refusedBeforeConfig(command: string, text: string): boolean {
  if (
    text.startsWith('error: required flag(s) ') ||
    text.startsWith('error: exec [POD] [COMMAND] is not supported anymore') ||
    // cmdutil.DefaultSubCommandRun: a group's unknown subcommand (`rollout statuss`).
    text.startsWith('error: unknown command "')
  )
    return true;
  const prefixes = PRE_CONFIG_REFUSALS[command];
  return prefixes?.some((p) => text.startsWith(`error: ${p}`)) ?? false;
}

const PRE_CONFIG_REFUSALS: Record<string, readonly string[]> = {
  label: ['can not both modify and remove a label', 'invalid label spec', 'invalid label value'],
  auth: ['you must specify two arguments', 'list option must be specified with no arguments'],
  cordon: ['USAGE: '],
  uncordon: ['USAGE: '],
  drain: ['USAGE: '],
  logs: ["expected 'logs ", 'only a selector (-l) or a POD name is allowed'],
  get: ['arguments may not be passed when --raw is specified'],
  'api-versions': ['unexpected arguments'],
  'api-resources': ['unexpected arguments'],
  delete: ['invalid cascade value'],
  create: ['exactly one NAME is required'],
  diff: ['must specify one of -f and -k'],
  'port-forward': ['TYPE/NAME and list of ports are required'],
};
