/**
 * kube-proxy of one node (actor `kube-proxy/<node>`, iptables mode): watches Services and
 * EndpointSlices (as 1.32 does: proxyEndpoints.ts reads their conditions) and keeps the rules
 * it would program, in a readable form for the UI. It writes
 * nothing to the API server. Chain names are kube-proxy's: `KUBE-SVC-` plus the first 16
 * base32 characters of the SHA-256 of the service port name (`<ns>/<svc>`, `:<port name>` when
 * the port has one) and the lower-case protocol (`KUBE-SVC-NPX46M4PTMTKRN6Y` for
 * default/kubernetes:https); `KUBE-SEP-` hashes the endpoint (`ip:port`) too.
 */
import type { KubeObject } from '../api/types.ts';
import { nameOf, namespaceOf, specOf } from '../controllers/objects.ts';
import type { Reconciler } from '../runtime/controller.ts';
import { base32, sha256 } from '../util/sha256.ts';
import type { ServiceView } from './program.ts';
import {
  clusterTargets,
  localTargets,
  portTargets,
  type SliceTarget,
  slicesByService,
} from './proxyEndpoints.ts';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  /** `KUBE-SEP-…` */
  chain: string;
  /** Share of new connections, as the `--probability` ladder works out (1/n each). */
  share: number;
  /**
   * Set on an endpoint that is not ready but still serving while its pod terminates: kube-proxy
   * uses it only when no ready endpoint is there (proxyEndpoints.ts).
   */
  ready?: false;
  serving?: true;
  terminating?: true;
}

export interface ProxyRule {
  /** `<namespace>/<service>:<port name>` (port name may be empty). */
  servicePort: string;
  /** kube-proxy's name of the port: `<namespace>/<service>`, plus `:<port name>` if it has one. */
  name: string;
  /** `KUBE-SVC-…` */
  chain: string;
  /** `KUBE-EXT-…` (same hash): where a NodePort's traffic goes first. */
  externalChain: string;
  /** sessionAffinity ClientIP: how long a client sticks to its endpoint, in seconds. */
  affinitySeconds?: number;
  /** externalTrafficPolicy Local (a NodePort or LoadBalancer): outside traffic stays on the node. */
  externalLocal?: true;
  /** internalTrafficPolicy Local: traffic from the cluster to the cluster IP stays on the node. */
  internalLocal?: true;
  /** The LoadBalancer's health check node port (externalTrafficPolicy Local). */
  healthCheckNodePort?: number;
  clusterIP: string;
  port: number;
  protocol: string;
  nodePort?: number;
  /** Where cluster traffic goes: the ready endpoints, else the serving terminating ones. */
  endpoints: ProxyEndpoint[];
  /**
   * A Local traffic policy: every usable endpoint (ready, or serving while terminating), from
   * which each node picks its own (`localEndpoints`).
   */
  reachable?: ProxyEndpoint[];
}

/** The endpoints local traffic of `rule` goes to on `node` (a Local traffic policy). */
export function localEndpoints(rule: ProxyRule, node: string): ProxyEndpoint[] {
  return localTargets(rule.reachable ?? rule.endpoints, node);
}

export interface KubeProxy extends Reconciler {
  readonly node: string;
  /** The rules as last synced, sorted by service port. */
  rules(): readonly ProxyRule[];
  /** One readable line per rule hop, e.g. `KUBE-SVC-… 10.96.0.10:53/UDP → 10.244.0.2:53 (50%)`. */
  lines(): string[];
  /** Whether it has rules for the Service `namespace/name` (one with a cluster IP). */
  hasService(namespace: string, name: string): boolean;
  /**
   * The Service `name` in `namespace` (or the one whose cluster IP is `host`) as its rules
   * route it: cluster IP, and which ports have endpoints.
   */
  service(namespace: string, host: string): ServiceView | undefined;
  /**
   * The names cluster DNS gives `ip` in its reverse zone (PTR records): the Service whose
   * cluster IP it is, else each Service endpoint with that IP; none for other addresses.
   */
  ptr(ip: string): string[];
  /** The Service whose nodePort is `port`, as its rules route it (that port alone), if any. */
  nodePortService(port: number): ServiceView | undefined;
  /**
   * Whether the node's rules are left over from a kube-proxy that no longer runs (its pod is
   * gone): they no longer follow the Services and Endpoints.
   */
  stale(): boolean;
}

/**
 * Chain names by input: every kube-proxy hashes the same service ports and endpoints on each
 * sync. A pure function's answers, bounded.
 */
const CHAINS = new Map<string, string>();
const CHAINS_LIMIT = 8192;

/** 16 base32 characters of the SHA-256 of `s`, as kube-proxy's `portProtoHash`. */
export function chainHash(s: string): string {
  let chain = CHAINS.get(s);
  if (chain === undefined) {
    chain = computeChainHash(s);
    if (CHAINS.size >= CHAINS_LIMIT) CHAINS.clear();
    CHAINS.set(s, chain);
  }
  return chain;
}

function computeChainHash(s: string): string {
  return base32(sha256(s)).slice(0, 16);
}

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
}

/**
 * The rules of a Service as built from its EndpointSlices, by the (frozen, immutable) Service
 * object: a pure function of the two, so every node's kube-proxy reuses what the first one built
 * for the same slices, and a sync rebuilds only the Services whose slices changed.
 */
const SERVICE_RULES = new WeakMap<
  KubeObject,
  { slices: readonly KubeObject[] | undefined; rules: readonly ProxyRule[] }
>();

function sameSlices(
  a: readonly KubeObject[] | undefined,
  b: readonly KubeObject[] | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function buildRules(
  services: readonly KubeObject[],
  bySlices: ReadonlyMap<string, KubeObject[]>,
): ProxyRule[] {
  const rules: ProxyRule[] = [];
  for (const svc of services) {
    const spec = specOf<ServiceSpec>(svc);
    if (!spec.clusterIP || spec.clusterIP === 'None') continue;
    const id = `${namespaceOf(svc)}/${nameOf(svc)}`;
    const slices = bySlices.get(id);
    const cached = SERVICE_RULES.get(svc);
    if (cached !== undefined && sameSlices(cached.slices, slices)) {
      for (const rule of cached.rules) rules.push(rule);
      continue;
    }
    const built = serviceRules(id, spec, slices);
    SERVICE_RULES.set(svc, { slices, rules: built });
    for (const rule of built) rules.push(rule);
  }
  return rules.sort((a, b) => (a.servicePort < b.servicePort ? -1 : 1));
}

/** The rules of one Service (`id` = `<namespace>/<name>`), one per port, given its Endpoints. */
interface ServiceSpec {
  clusterIP?: string;
  ports?: ServicePort[];
  type?: string;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort?: number;
}

function serviceRules(
  id: string,
  spec: ServiceSpec,
  slices: readonly KubeObject[] | undefined,
): ProxyRule[] {
  const rules: ProxyRule[] = [];
  const clusterIP = spec.clusterIP ?? '';
  for (const p of spec.ports ?? []) {
    const protocol = p.protocol ?? 'TCP';
    const servicePort = `${id}:${p.name ?? ''}`;
    const name = p.name ? `${id}:${p.name}` : id;
    const hash = chainHash(name + protocol.toLowerCase());
    const all = portTargets(slices, p.name ?? '', protocol);
    const targets = clusterTargets(all);
    const proxyEndpoint = (t: SliceTarget, share: number): ProxyEndpoint => {
      const e: ProxyEndpoint = {
        ip: t.ip,
        port: t.port,
        chain: `KUBE-SEP-${chainHash(`${name}${protocol.toLowerCase()}${t.ip}:${t.port}`)}`,
        share,
      };
      if (t.nodeName) e.nodeName = t.nodeName;
      if (!t.ready) {
        e.ready = false;
        e.serving = true;
        e.terminating = true;
      }
      return e;
    };
    const rule: ProxyRule = {
      servicePort,
      name,
      chain: `KUBE-SVC-${hash}`,
      externalChain: `KUBE-EXT-${hash}`,
      clusterIP,
      port: p.port,
      protocol,
      endpoints: targets.map((t) => proxyEndpoint(t, 1 / targets.length)),
    };
    if (p.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
      rule.nodePort = p.nodePort;
      if (spec.externalTrafficPolicy === 'Local') rule.externalLocal = true;
      if (spec.healthCheckNodePort) rule.healthCheckNodePort = spec.healthCheckNodePort;
    }
    if (spec.internalTrafficPolicy === 'Local') rule.internalLocal = true;
    if (rule.externalLocal || rule.internalLocal) {
      const usable = all.filter((t) => t.ready || (t.serving && t.terminating));
      const byIp = new Map(rule.endpoints.map((e) => [`${e.ip}:${e.port}`, e]));
      // Each node's share is worked out where it is used (localEndpoints).
      rule.reachable = usable.map((t) => byIp.get(`${t.ip}:${t.port}`) ?? proxyEndpoint(t, 0));
    }
    if (spec.sessionAffinity === 'ClientIP') {
      rule.affinitySeconds = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800;
    }
    rules.push(rule);
  }
  return rules;
}

/** A headless Service's ready addresses (sorted) and the hostnames its endpoints carry, by IP. */
interface Headless {
  ips: string[];
  hostnames: Map<string, string>;
}

/**
 * The ready addresses of each headless Service (`<ns>/<name>`): kube-proxy makes no rules for
 * them, but cluster DNS answers their names with the pods' IPs (and an endpoint's own name,
 * `web-0.nginx…`, with its pod's).
 */
function headlessAddresses(
  services: readonly KubeObject[],
  bySlices: ReadonlyMap<string, KubeObject[]>,
): Map<string, Headless> {
  const out = new Map<string, Headless>();
  for (const svc of services) {
    if (specOf<{ clusterIP?: string }>(svc).clusterIP !== 'None') continue;
    const id = `${namespaceOf(svc)}/${nameOf(svc)}`;
    const h: Headless = { ips: [], hostnames: new Map() };
    out.set(id, h);
    // CoreDNS (1.11, as kubeadm 1.32 installs it) reads the EndpointSlices too: an endpoint
    // answers once it is ready (or its Service publishes not-ready addresses).
    for (const slice of bySlices.get(id) ?? []) {
      for (const e of (slice.endpoints as HeadlessEndpoint[] | null | undefined) ?? []) {
        const ip = e.addresses?.[0];
        if (!ip || e.conditions?.ready === false) continue;
        if (!h.ips.includes(ip)) h.ips.push(ip);
        if (e.hostname) h.hostnames.set(ip, e.hostname);
      }
    }
    h.ips.sort();
  }
  return out;
}

interface HeadlessEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean | null };
  hostname?: string;
}

/** A rule's port as a container sees it: whether it has endpoints, and the one it goes to. */
function portView(r: ProxyRule): ServiceView['ports'][number] {
  const e = r.endpoints[0];
  return e
    ? { port: r.port, ready: true, endpoint: { ip: e.ip, port: e.port } }
    : { port: r.port, ready: false };
}

/**
 * A rule's cluster IP port as a container on `node` reaches it: with internalTrafficPolicy
 * Local, the node's own endpoints; none here while others exist elsewhere: kube-proxy DROPs
 * the packets (the connection times out), none anywhere: REJECT.
 */
export function internalPortView(r: ProxyRule, node: string): ServiceView['ports'][number] {
  if (!r.internalLocal || r.endpoints.length === 0) return portView(r);
  const e = localEndpoints(r, node)[0];
  return e
    ? { port: r.port, ready: true, endpoint: { ip: e.ip, port: e.port } }
    : { port: r.port, ready: false, dropped: true };
}

/**
 * The ExternalName Services (`<ns>/<name>` → external name): kube-proxy makes no rules for them,
 * cluster DNS answers their names with a CNAME.
 */
function externalNames(services: readonly KubeObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const svc of services) {
    const spec = specOf<{ type?: string; externalName?: string }>(svc);
    if (spec.type !== 'ExternalName') continue;
    out.set(`${namespaceOf(svc)}/${nameOf(svc)}`, spec.externalName ?? '');
  }
  return out;
}

export interface KubeProxyOptions {
  /**
   * Whether the node runs a kube-proxy pod now (the DaemonSet's pod, or none when it was
   * deleted). Without it the rules stay as they were when kube-proxy stopped: kube-proxy does
   * not flush them on exit, and nothing updates them until it runs again.
   */
  running?: () => boolean;
}

export function createKubeProxy(node: string, opts: KubeProxyOptions = {}): KubeProxy {
  /** The rules from the Services and Endpoints as they are now (what a sync would program). */
  let current: ProxyRule[] = [];
  /** The rules in the node's iptables: `current` while kube-proxy runs, else the last synced. */
  let programmed: ProxyRule[] = [];
  /** Whether a kube-proxy pod was seen running here (before that, the rules follow the cache). */
  let seen = false;
  /** The rules as the node's iptables hold them. */
  const synced = (): ProxyRule[] => {
    if (!opts.running) return current;
    if (opts.running()) {
      seen = true;
      programmed = current;
      return current;
    }
    return seen ? programmed : current;
  };
  let headless = new Map<string, Headless>();
  let external = new Map<string, string>();
  let starts = 0;
  let announce = false;
  return {
    actor: `kube-proxy/${node}`,
    name: 'kube-proxy',
    node,
    watches: ['services', 'endpointslices'],
    keysFor() {
      return ['sync'];
    },
    initialKeys() {
      return ['sync'];
    },
    onStart() {
      current = [];
      programmed = [];
      headless = new Map();
      external = new Map();
      starts++;
      // The first start happened when the cluster was built; a restart is worth an event.
      announce = starts > 1;
    },
    rules() {
      return synced();
    },
    stale() {
      return synced() !== current;
    },
    hasService(namespace, name) {
      if ((headless.get(`${namespace}/${name}`)?.ips.length ?? 0) > 0) return true;
      const prefix = `${namespace}/${name}:`;
      return current.some((r) => r.servicePort.startsWith(prefix));
    },
    service(namespace, host) {
      const externalName = external.get(`${namespace}/${host}`);
      if (externalName !== undefined) {
        return { namespace, name: host, clusterIP: '', ports: [], externalName };
      }
      const h = headless.get(`${namespace}/${host}`);
      if (h) {
        const view: ServiceView = {
          namespace,
          name: host,
          clusterIP: 'None',
          ports: [],
          addresses: h.ips,
        };
        if (h.hostnames.size > 0) view.hostnames = h.hostnames;
        return view;
      }
      const byIP = /^\d+\.\d+\.\d+\.\d+$/.test(host);
      const prefix = `${namespace}/${host}:`;
      // Cluster DNS (CoreDNS watches the API) names the Service as it is now; the connection
      // goes through the node's rules, which may be older when kube-proxy is not running.
      const rules = synced();
      const named = byIP ? undefined : current.find((r) => r.servicePort.startsWith(prefix));
      if (!byIP && !named) return undefined;
      const ip = named ? named.clusterIP : host;
      const routed = rules.filter((r) => r.clusterIP === ip);
      const first = routed[0] ?? named ?? current.find((r) => r.clusterIP === ip);
      if (!first) return undefined;
      const [ns = '', rest = ''] = first.servicePort.split('/');
      return {
        namespace: ns,
        name: rest.slice(0, rest.lastIndexOf(':')),
        clusterIP: first.clusterIP,
        // No rule for the cluster IP (a Service kube-proxy never synced): nothing answers.
        ports: routed.map((r) => internalPortView(r, node)),
      };
    },
    ptr(ip) {
      // CoreDNS's reverse zone: a cluster IP names its Service; else each endpoint with the
      // IP names itself under its Service (its hostname, or its dashed IP).
      const rule = current.find((r) => r.clusterIP === ip);
      if (rule) {
        const [ns = '', rest = ''] = rule.servicePort.split('/');
        return [`${rest.slice(0, rest.lastIndexOf(':'))}.${ns}.svc.cluster.local`];
      }
      const names: string[] = [];
      const dashed = ip.replace(/\./g, '-');
      for (const [id, h] of headless) {
        if (!h.ips.includes(ip)) continue;
        const [ns = '', name = ''] = id.split('/');
        names.push(`${h.hostnames.get(ip) ?? dashed}.${name}.${ns}.svc.cluster.local`);
      }
      for (const r of current) {
        if (!r.endpoints.some((e) => e.ip === ip)) continue;
        const [ns = '', rest = ''] = r.servicePort.split('/');
        const fqdn = `${dashed}.${rest.slice(0, rest.lastIndexOf(':'))}.${ns}.svc.cluster.local`;
        if (!names.includes(fqdn)) names.push(fqdn);
      }
      return names;
    },
    nodePortService(port) {
      const rule = synced().find((r) => r.nodePort === port);
      if (!rule) return undefined;
      const [ns = '', rest = ''] = rule.servicePort.split('/');
      return {
        namespace: ns,
        name: rest.slice(0, rest.lastIndexOf(':')),
        clusterIP: rule.clusterIP,
        ports: [{ ...portView(rule), port }],
        direct: true,
      };
    },
    lines() {
      const out: string[] = [];
      for (const r of synced()) {
        const front = `${r.chain} ${r.clusterIP}:${r.port}/${r.protocol}`;
        if (r.nodePort) out.push(`KUBE-NODEPORTS :${r.nodePort}/${r.protocol} → ${r.chain}`);
        if (r.endpoints.length === 0) {
          out.push(`${front} → REJECT (${r.servicePort} has no endpoints)`);
          continue;
        }
        for (const e of r.endpoints) {
          out.push(`${front} → ${e.chain} ${e.ip}:${e.port} (${Math.round(e.share * 100)}%)`);
        }
      }
      return out;
    },
    reconcile(_key, cache, ctx) {
      if (announce) {
        announce = false;
        // kube-proxy refers to its Node with the node name as uid, like the kubelet.
        ctx.recordEvent({
          ref: { resource: 'nodes', name: node, kind: 'Node', apiVersion: 'v1', uid: node },
          type: 'Normal',
          reason: 'Starting',
          message: '',
          component: 'kube-proxy',
          host: node,
          action: 'StartKubeProxy',
        });
      }
      const services = cache.list('services');
      const slices = slicesByService(cache.list('endpointslices'));
      current = buildRules(services, slices);
      synced();
      headless = headlessAddresses(services, slices);
      external = externalNames(cache.list('services'));
      return { writes: [] };
    },
  };
}
