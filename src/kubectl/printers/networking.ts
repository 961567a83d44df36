/**
 * Table rows and describers of Ingresses, IngressClasses and NetworkPolicies, after 1.32's
 * pkg/printers/internalversion (printIngress, printIngressClass, printNetworkPolicy) and
 * kubectl's pkg/describe (IngressDescriber, IngressClassDescriber, NetworkPolicyDescriber).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject, Result } from '../../engine/api/types.ts';
import { translateTimestampSince } from '../duration.ts';
import { formatEndpointSlices, type RowOptions, selectorString } from './columns.ts';
import {
  describeEvents,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './describe.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function specOf(obj: KubeObject): Obj {
  return isObj(obj.spec) ? obj.spec : {};
}

/** metav1.FormatLabelSelector: `<none>` for an empty (or missing) selector. */
function formatSelector(sel: unknown): string {
  return selectorString(isObj(sel) ? (sel as LabelSelector) : undefined) || '<none>';
}

/** The load balancer's IPs (else hostnames), sorted and deduplicated; cut at 16 unless wide. */
function loadBalancerStatus(obj: KubeObject, wide: boolean): string {
  const status = isObj(obj.status) ? obj.status : {};
  const lb = isObj(status.loadBalancer) ? status.loadBalancer : {};
  const set = new Set<string>();
  for (const i of objs(lb.ingress)) {
    if (str(i.ip) !== '') set.add(str(i.ip));
    else if (str(i.hostname) !== '') set.add(str(i.hostname));
  }
  const r = [...set].sort().join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

/** formatHosts: the first three hosts, `* ` when none has one. */
function formatHosts(rules: Obj[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && str(rule.host) !== '') list.push(str(rule.host));
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

/** printIngress: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export function ingressRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = specOf(obj);
  const cls = spec.ingressClassName != null ? str(spec.ingressClassName) : '<none>';
  return [
    obj.metadata?.name ?? '',
    cls,
    formatHosts(objs(spec.rules)),
    loadBalancerStatus(obj, o.wide),
    objs(spec.tls).length > 0 ? '80, 443' : '80',
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

/** `Kind.apiGroup/name` of an IngressClass's parameters, `<none>` without them. */
function parametersString(spec: Obj): string {
  if (!isObj(spec.parameters)) return '<none>';
  const p = spec.parameters;
  let s = str(p.kind);
  if (p.apiGroup != null) s += `.${str(p.apiGroup)}`;
  return `${s}/${str(p.name)}`;
}

/** printIngressClass: NAME CONTROLLER PARAMETERS AGE. */
export function ingressClassRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = specOf(obj);
  return [
    obj.metadata?.name ?? '',
    str(spec.controller),
    parametersString(spec),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

/** printNetworkPolicy: NAME POD-SELECTOR AGE. */
export function networkPolicyRow(obj: KubeObject, o: RowOptions): string[] {
  return [
    obj.metadata?.name ?? '',
    formatSelector(specOf(obj).podSelector),
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
}

// ---------------------------------------------------------------------------------------------
// Describers

/** How the Ingress describer reads a backend's Service and its EndpointSlices (namespaced). */
export interface BackendLookup {
  endpointSlices(serviceName: string): KubeObject[];
  service(name: string): Result<KubeObject>;
}

/** serviceBackendStringer: `name:port`, the port by number, else by name. */
function serviceBackendString(svc: Obj): string {
  const port = isObj(svc.port) ? svc.port : {};
  const number = typeof port.number === 'number' ? port.number : 0;
  return `${str(svc.name)}:${number !== 0 ? String(number) : str(port.name)}`;
}

/**
 * describeBackendV1: a service backend with the endpoints of the matching service port
 * (`svc:80 (10.244.1.5:80)`), or the lookup's error; a resource backend as its reference.
 */
function describeBackend(backend: unknown, lookup: BackendLookup): string {
  if (!isObj(backend)) return '';
  if (isObj(backend.service)) {
    const svc = backend.service;
    const sb = serviceBackendString(svc);
    const slices = lookup.endpointSlices(str(svc.name));
    const service = lookup.service(str(svc.name));
    if (!service.ok) return `${sb} (<error: ${service.status.message}>)`;
    const port = isObj(svc.port) ? svc.port : {};
    const portName = str(port.name);
    const portNumber = typeof port.number === 'number' ? port.number : 0;
    // The name of the Service port the backend names ("" when none matches, which then shows
    // the endpoints of an unnamed port).
    let spName = '';
    for (const sp of objs(specOf(service.value).ports)) {
      const name = str(sp.name);
      if (portNumber !== 0 && portNumber === sp.port) spName = name;
      else if (portName !== '' && portName === name) spName = name;
    }
    return `${sb} (${formatEndpointSlices(slices, new Set([spName]))})`;
  }
  if (isObj(backend.resource)) {
    const r = backend.resource;
    const group = r.apiGroup != null ? str(r.apiGroup) : '<none>';
    return `APIGroup: ${group}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
  }
  return '';
}

/** `kubectl describe ingress` (describeIngressV1). */
export function describeIngress(
  obj: KubeObject,
  lookup: BackendLookup,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = specOf(obj);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  w.write(0, `Address:\t${loadBalancerStatus(obj, true)}\n`);
  const cls = spec.ingressClassName != null ? str(spec.ingressClassName) : '<none>';
  w.write(0, `Ingress Class:\t${cls}\n`);
  const def = spec.defaultBackend;
  const defaultBackend = def != null ? describeBackend(def, lookup) : '<default>';
  w.write(0, `Default backend:\t${defaultBackend}\n`);
  const tls = objs(spec.tls);
  if (tls.length > 0) {
    w.write(0, 'TLS:\n');
    for (const t of tls) {
      const hosts = Array.isArray(t.hosts) ? t.hosts.map(str).join(',') : '';
      if (str(t.secretName) === '') w.write(1, `SNI routes ${hosts}\n`);
      else w.write(1, `${str(t.secretName)} terminates ${hosts}\n`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of objs(spec.rules)) {
    if (!isObj(rule.http)) continue;
    count++;
    w.write(1, `${str(rule.host) || '*'}\t\n`);
    for (const p of objs(rule.http.paths))
      w.write(2, `\t${str(p.path)} \t${describeBackend(p.backend, lookup)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** `kubectl describe ingressclass` (describeIngressClassV1). */
export function describeIngressClass(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = specOf(obj);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  w.write(0, `Controller:\t${str(spec.controller)}\n`);
  if (isObj(spec.parameters)) {
    const p = spec.parameters;
    w.write(0, 'Parameters:\n');
    if (p.apiGroup != null) w.write(1, `APIGroup:\t${str(p.apiGroup)}\n`);
    w.write(1, `Kind:\t${str(p.kind)}\n`);
    w.write(1, `Name:\t${str(p.name)}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}

/** Go's time.Time String() of an RFC 3339 timestamp: `2024-05-06 07:08:09 +0000 UTC`. */
function goTimeString(ts: unknown): string {
  const s = str(ts);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(s);
  return m ? `${m[1]} ${m[2]} +0000 UTC` : '0001-01-01 00:00:00 +0000 UTC';
}

/** The ports of one rule: `To Port: 80/TCP` lines, or the `<any>` line. */
function writePolicyPorts(w: PrefixWriter, rule: Obj, indent: string, dir: 'To Port'): void {
  const ports = objs(rule.ports);
  if (ports.length === 0) {
    w.write(0, `${indent}${dir}: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const p of ports) {
    const proto = p.protocol != null ? str(p.protocol) : 'TCP';
    const port = p.port != null ? str(p.port) : '<nil>';
    if (typeof p.endPort === 'number')
      w.write(0, `${indent}${dir} Range: ${port}-${p.endPort}/${proto}\n`);
    else w.write(0, `${indent}${dir}: ${port}/${proto}\n`);
  }
}

/** The peers of one rule (`From:` or `To:` blocks), or the unrestricted line. */
function writePeers(w: PrefixWriter, peers: Obj[], indent: string, ingress: boolean): void {
  const title = ingress ? 'From' : 'To';
  if (peers.length === 0) {
    w.write(
      0,
      `${indent}${title}: <any> (traffic not restricted by ${ingress ? 'source' : 'destination'})\n`,
    );
    return;
  }
  for (const peer of peers) {
    w.write(0, `${indent}${title}:\n`);
    if (peer.podSelector != null && peer.namespaceSelector != null) {
      w.write(1, `${indent}NamespaceSelector: ${formatSelector(peer.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector != null) {
      w.write(1, `${indent}PodSelector: ${formatSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector != null) {
      w.write(1, `${indent}NamespaceSelector: ${formatSelector(peer.namespaceSelector)}\n`);
    } else if (isObj(peer.ipBlock)) {
      const except = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except.map(str) : [];
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${str(peer.ipBlock.cidr)}\n`);
      w.write(2, `${indent}Except: ${except.join(', ')}\n`);
    }
  }
}

/** printNetworkPolicySpecIngressFrom / EgressTo: the rules, separated by `----------`. */
function writePolicyRules(w: PrefixWriter, rules: Obj[], ingress: boolean): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(
      0,
      `${indent}<none> (Selected pods are isolated for ${ingress ? 'ingress' : 'egress'} connectivity)\n`,
    );
    return;
  }
  rules.forEach((rule, i) => {
    writePolicyPorts(w, rule, indent, 'To Port');
    writePeers(w, objs(ingress ? rule.from : rule.to), indent, ingress);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

/** `kubectl describe networkpolicy` (describeNetworkPolicy): no Events section. */
export function describeNetworkPolicy(obj: KubeObject): string {
  const spec = specOf(obj);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  w.write(0, `Created on:\t${goTimeString(obj.metadata?.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = isObj(spec.podSelector) ? spec.podSelector : {};
  const empty =
    Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length === 0 &&
    objs(sel.matchExpressions).length === 0;
  if (empty) w.write(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(2, `${formatSelector(sel)}\n`);
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(str) : [];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    writePolicyRules(w, objs(spec.ingress), true);
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    writePolicyRules(w, objs(spec.egress), false);
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.join(', ') || '<none>'}\n`);
  return w.toString();
}
