/**
 * Ingresses, IngressClasses and NetworkPolicies (networking.k8s.io/v1) on the API server, after
 * 1.32's pkg/apis/networking/v1/defaults.go and pkg/apis/networking/validation: their defaults,
 * the validation rules with their texts, the IngressClass's immutable controller and the
 * DefaultIngressClass admission.
 *
 * Simplified: the update-time relaxations (an old Ingress's invalid secret name or wildcard
 * rule kept) are not modelled; an IPv6 ipBlock is checked for shape, not for `except` subsets.
 */
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';
import { validateLabelSelector } from './podSpecValidation.ts';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './validation.ts';

type Obj = Record<string, unknown>;

/** The annotation that makes an IngressClass the default one. */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The deprecated annotation naming an Ingress's class. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function portNumErrors(n: number): string[] {
  return Number.isInteger(n) && n >= 1 && n <= 65535
    ? []
    : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName (an IANA_SVC_NAME). */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const WILDCARD = new RegExp(`^${WILDCARD_FMT}$`);

/** IsWildcardDNS1123Subdomain. */
function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!WILDCARD.test(value))
    errs.push(
      `a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '${WILDCARD_FMT}')`,
    );
  return errs;
}

const PATH_SEGMENT_FORBIDDEN = ['/', '%'];

/** path.IsValidPathSegmentName: what a resource backend's kind and name may not be. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const c of PATH_SEGMENT_FORBIDDEN) if (name.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Defaults

/**
 * SetDefaults_NetworkPolicy(Port): ports without a protocol are TCP; without policyTypes a
 * policy is an Ingress one, and an Egress one too when it has egress rules.
 */
export function defaultNetworkPolicy(o: KubeObject): void {
  if (!isObj(o.spec)) o.spec = {};
  const spec = o.spec as Obj;
  for (const key of ['ingress', 'egress'])
    for (const rule of objs(spec[key]))
      for (const p of objs(rule.ports)) if (p.protocol == null) p.protocol = 'TCP';
  const types = spec.policyTypes;
  if (!Array.isArray(types) || types.length === 0) {
    const egress = Array.isArray(spec.egress) && spec.egress.length > 0;
    spec.policyTypes = egress ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

/** SetDefaults_IngressClass: a parameters reference without a scope is Cluster-scoped. */
export function defaultIngressClass(o: KubeObject): void {
  const params = isObj(o.spec) ? o.spec.parameters : undefined;
  if (isObj(params) && params.scope == null) params.scope = 'Cluster';
}

/** An Ingress's status is never missing: an empty load-balancer status. */
export function defaultIngress(o: KubeObject): void {
  if (!isObj(o.status)) o.status = {};
  const status = o.status as Obj;
  if (!isObj(status.loadBalancer)) status.loadBalancer = {};
}

/**
 * DefaultIngressClass admission: an Ingress naming no class (neither `ingressClassName` nor the
 * deprecated annotation) gets the default IngressClass; of several defaults, the newest.
 */
export function admitDefaultIngressClass(ing: KubeObject, classes: Iterable<KubeObject>): void {
  const spec = isObj(ing.spec) ? ing.spec : undefined;
  if (!spec || spec.ingressClassName != null) return;
  if (ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION] !== undefined) return;
  let best: KubeObject | undefined;
  for (const ic of classes) {
    if (ic.metadata?.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] !== 'true') continue;
    if (
      !best ||
      str(ic.metadata?.creationTimestamp) > str(best.metadata?.creationTimestamp) ||
      (str(ic.metadata?.creationTimestamp) === str(best.metadata?.creationTimestamp) &&
        str(ic.metadata?.name) < str(best.metadata?.name))
    )
      best = ic;
  }
  if (best?.metadata?.name) spec.ingressClassName = best.metadata.name;
}

// ---------------------------------------------------------------------------------------------
// Ingress

/** The ingress strategy's WarningsOnCreate: the deprecated class annotation. */
export function ingressCreateWarnings(ing: KubeObject): string[] {
  return ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION] !== undefined
    ? [
        `annotation "${INGRESS_CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`,
      ]
    : [];
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** validateIngressTypedLocalObjectReference. */
function typedLocalObjectReference(ref: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup != null) {
    const g = str(ref.apiGroup);
    for (const detail of isDNS1123Subdomain(g))
      errs.push({ field: `${field}.apiGroup`, type: 'Invalid value', value: g, detail });
  }
  for (const key of ['kind', 'name']) {
    const v = str(ref[key]);
    if (v === '')
      errs.push({ field: `${field}.${key}`, type: 'Required value', detail: `${key} is required` });
    else
      for (const detail of pathSegmentErrors(v))
        errs.push({ field: `${field}.${key}`, type: 'Invalid value', value: v, detail });
  }
  return errs;
}

/** validateIngressBackend: a service xor a resource; a service port by name xor number. */
function validateIngressBackend(backend: Obj, field: string): FieldError[] {
  const hasResource = backend.resource != null;
  const hasService = backend.service != null;
  if (hasResource && hasService)
    return [
      {
        field,
        type: 'Invalid value',
        value: '',
        detail: 'cannot set both resource and service backends',
      },
    ];
  if (hasResource)
    return typedLocalObjectReference(
      isObj(backend.resource) ? backend.resource : {},
      `${field}.resource`,
    );
  if (!hasService)
    return [
      {
        field,
        type: 'Invalid value',
        value: '',
        detail: 'resource or service backend is required',
      },
    ];
  const errs: FieldError[] = [];
  const svc = isObj(backend.service) ? backend.service : {};
  const name = str(svc.name);
  if (name === '') errs.push({ field: `${field}.service.name`, type: 'Required value' });
  else
    for (const detail of isDNS1035Label(name))
      errs.push({ field: `${field}.service.name`, type: 'Invalid value', value: name, detail });
  const port = isObj(svc.port) ? svc.port : {};
  const portName = str(port.name);
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName !== '' && portNumber !== 0)
    errs.push({
      field,
      type: 'Invalid value',
      value: '',
      detail: 'cannot set both port name & port number',
    });
  else if (portName !== '')
    for (const detail of portNameErrors(portName))
      errs.push({
        field: `${field}.service.port.name`,
        type: 'Invalid value',
        value: portName,
        detail,
      });
  else if (portNumber !== 0)
    for (const detail of portNumErrors(portNumber))
      errs.push({
        field: `${field}.service.port.number`,
        type: 'Invalid value',
        value: portNumber,
        detail,
      });
  else errs.push({ field, type: 'Required value', detail: 'port name or number is required' });
  return errs;
}

/** validateHTTPIngressPath: pathType is required; Exact and Prefix paths are clean and absolute. */
function validateHTTPIngressPath(p: Obj, field: string): FieldError[] {
  if (p.pathType == null)
    return [
      { field: `${field}.pathType`, type: 'Required value', detail: 'pathType must be specified' },
    ];
  const errs: FieldError[] = [];
  const pathType = str(p.pathType);
  const path = str(p.path);
  const pathField = `${field}.path`;
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!path.startsWith('/'))
      errs.push({
        field: pathField,
        type: 'Invalid value',
        value: path,
        detail: 'must be an absolute path',
      });
    if (path.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES)
        if (path.includes(seq))
          errs.push({
            field: pathField,
            type: 'Invalid value',
            value: path,
            detail: `must not contain '${seq}'`,
          });
      for (const suffix of INVALID_PATH_SUFFIXES)
        if (path.endsWith(suffix))
          errs.push({
            field: pathField,
            type: 'Invalid value',
            value: path,
            detail: `cannot end with '${suffix}'`,
          });
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (path.length > 0 && !path.startsWith('/'))
      errs.push({
        field: pathField,
        type: 'Invalid value',
        value: path,
        detail: 'must be an absolute path',
      });
  } else
    errs.push({
      field: `${field}.pathType`,
      type: 'Unsupported value',
      value: pathType,
      detail: 'supported values: "Exact", "ImplementationSpecific", "Prefix"',
    });
  errs.push(...validateIngressBackend(isObj(p.backend) ? p.backend : {}, `${field}.backend`));
  return errs;
}

function isIPAddress(host: string): boolean {
  return parseIPv4(host) !== undefined || (host.includes(':') && isIPv6(host));
}

/** validateIngressRules: hosts are DNS names (a leading `*.` allowed), paths as above. */
function validateIngressRules(rules: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = str(rule.host);
    const hostField = `${field}[${i}].host`;
    if (host.length > 0) {
      if (isIPAddress(host))
        errs.push({
          field: hostField,
          type: 'Invalid value',
          value: host,
          detail: 'must be a DNS name, not an IP address',
        });
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const detail of msgs)
        errs.push({ field: hostField, type: 'Invalid value', value: host, detail });
    }
    if (!isObj(rule.http)) return;
    const httpField = `${field}[${i}].http`;
    const paths = objs(rule.http.paths);
    if (paths.length === 0) errs.push({ field: `${httpField}.paths`, type: 'Required value' });
    paths.forEach((p, j) => {
      errs.push(...validateHTTPIngressPath(p, `${httpField}.paths[${j}]`));
    });
  });
  return errs;
}

/** ValidateIngressCreate (also run on update: the relaxations for old objects are not kept). */
export function validateIngress(obj: KubeObject, creating: boolean): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const rules = Array.isArray(spec.rules) ? objs(spec.rules) : undefined;
  if ((rules === undefined || rules.length === 0) && spec.defaultBackend == null)
    errs.push({
      field: 'spec',
      type: 'Invalid value',
      valueText:
        rules === undefined ? '[]networking.IngressRule(nil)' : '[]networking.IngressRule{}',
      detail: 'either `defaultBackend` or `rules` must be specified',
    });
  if (spec.defaultBackend != null)
    errs.push(
      ...validateIngressBackend(
        isObj(spec.defaultBackend) ? spec.defaultBackend : {},
        'spec.defaultBackend',
      ),
    );
  if (rules && rules.length > 0) errs.push(...validateIngressRules(rules, 'spec.rules'));
  objs(spec.tls).forEach((tls, i) => {
    const field = `spec.tls[${i}]`;
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((h: unknown, j: number) => {
      const host = str(h);
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const detail of msgs)
        errs.push({ field: `${field}.hosts[${j}]`, type: 'Invalid value', value: host, detail });
    });
    const secret = str(tls.secretName);
    if (secret !== '')
      for (const detail of isDNS1123Subdomain(secret))
        errs.push({ field: `${field}.secretName`, type: 'Invalid value', value: secret, detail });
  });
  if (spec.ingressClassName != null) {
    const cls = str(spec.ingressClassName);
    for (const detail of isDNS1123Subdomain(cls))
      errs.push({ field: 'spec.ingressClassName', type: 'Invalid value', value: cls, detail });
  }
  if (creating) {
    const annotation = obj.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
    if (
      annotation !== undefined &&
      spec.ingressClassName != null &&
      annotation !== str(spec.ingressClassName)
    )
      errs.push({
        field: `annotations.${INGRESS_CLASS_ANNOTATION}`,
        type: 'Invalid value',
        value: annotation,
        detail: 'must match `ingressClassName` when both are specified',
      });
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// IngressClass

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH = new RegExp(`^${HTTP_PATH_FMT}$`);

/** IsDomainPrefixedPath: `acme.io/foo`. */
function domainPrefixedPath(value: string, field: string): FieldError[] {
  if (value.length === 0) return [{ field, type: 'Required value' }];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const path = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host.length === 0 || path.length === 0)
    return [
      {
        field,
        type: 'Invalid value',
        value,
        detail: 'must be a domain-prefixed path (such as "acme.io/foo")',
      },
    ];
  const errs: FieldError[] = isDNS1123Subdomain(host).map((detail) => ({
    field,
    type: 'Invalid value',
    value: host,
    detail,
  }));
  if (!HTTP_PATH.test(path))
    errs.push({
      field,
      type: 'Invalid value',
      value: path,
      detail: `must be a valid path (regex used for validation is '${HTTP_PATH_FMT}')`,
    });
  return errs;
}

/** ValidateIngressClass: the controller is a domain-prefixed path; the parameters reference. */
export function validateIngressClass(obj: KubeObject): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const controller = str(spec.controller);
  if (controller.length > 250)
    errs.push({
      field: 'spec.controller',
      type: 'Invalid value',
      valueText: '"<value omitted>"',
      detail: 'must have at most 250 bytes',
    });
  errs.push(...domainPrefixedPath(controller, 'spec.controller'));
  if (isObj(spec.parameters)) {
    const p = spec.parameters;
    const field = 'spec.parameters';
    errs.push(...typedLocalObjectReference(p, field));
    if (p.scope == null) errs.push({ field: `${field}.scope`, type: 'Required value' });
    else {
      const scope = str(p.scope);
      if (scope !== 'Cluster' && scope !== 'Namespace')
        errs.push({
          field: `${field}.scope`,
          type: 'Unsupported value',
          value: scope,
          detail: 'supported values: "Cluster", "Namespace"',
        });
      else if (scope === 'Namespace') {
        if (p.namespace == null)
          errs.push({
            field: `${field}.namespace`,
            type: 'Required value',
            detail: "`parameters.scope` is set to 'Namespace'",
          });
        else
          for (const detail of isDNS1123Label(str(p.namespace)))
            errs.push({
              field: `${field}.namespace`,
              type: 'Invalid value',
              value: str(p.namespace),
              detail,
            });
      } else if (p.namespace != null)
        errs.push({
          field: `${field}.namespace`,
          type: 'Forbidden',
          detail: "`parameters.scope` is set to 'Cluster'",
        });
    }
  }
  return errs;
}

/** validateIngressClassSpecUpdate: the controller may not change. */
export function ingressClassUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const a = isObj(next.spec) ? str(next.spec.controller) : '';
  const b = isObj(old.spec) ? str(old.spec.controller) : '';
  return a === b
    ? []
    : [{ field: 'spec.controller', type: 'Invalid value', value: a, detail: 'field is immutable' }];
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

/** Parse a dotted IPv4 address (leading zeros allowed, as ParseIPSloppy does). */
function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return undefined;
    const b = Number(part);
    if (b > 255) return undefined;
    n = n * 256 + b;
  }
  return n;
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const double = s.split('::').length - 1;
  if (double > 1) return false;
  const groups = s.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1] ?? '';
  const v4 = last.includes('.');
  if (v4 && parseIPv4(last) === undefined) return false;
  const hex = v4 ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return double === 1 ? count < 8 : count === 8;
}

interface Cidr {
  v4: boolean;
  base: number;
  bits: number;
}

/** ParseCIDRSloppy; the network is the address with the host bits cleared. */
function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const v4 = parseIPv4(ip);
  if (v4 !== undefined) {
    if (bits > 32) return undefined;
    const size = 2 ** (32 - bits);
    return { v4: true, base: Math.floor(v4 / size) * size, bits };
  }
  if (!isIPv6(ip) || bits > 128) return undefined;
  return { v4: false, base: 0, bits };
}

/** validation.IsValidCIDR's text. */
const CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** ValidateIPBlock: a valid cidr; each `except` a valid CIDR and a strict subset of it. */
function validateIPBlock(block: Obj, field: string): FieldError[] {
  const cidrText = str(block.cidr);
  if (cidrText === '') return [{ field: `${field}.cidr`, type: 'Required value' }];
  const cidr = parseCidr(cidrText);
  if (!cidr)
    return [
      {
        field: `${field}.cidr`,
        type: 'Invalid value',
        value: cidrText,
        detail: CIDR_MESSAGE,
      },
    ];
  const errs: FieldError[] = [];
  const except = Array.isArray(block.except) ? block.except : [];
  for (let i = 0; i < except.length; i++) {
    const exField = `${field}.except[${i}]`;
    const text = str(except[i]);
    const ex = parseCidr(text);
    if (!ex) {
      errs.push({ field: exField, type: 'Invalid value', value: text, detail: CIDR_MESSAGE });
      continue;
    }
    const size = 2 ** ((cidr.v4 ? 32 : 128) - cidr.bits);
    const contained =
      ex.v4 === cidr.v4 && (!cidr.v4 || (ex.base >= cidr.base && ex.base < cidr.base + size));
    if (!contained || cidr.bits >= ex.bits)
      errs.push({
        field: exField,
        type: 'Invalid value',
        value: text,
        detail: 'must be a strict subset of `cidr`',
      });
  }
  return errs;
}

/** ValidateNetworkPolicyPort. */
function validatePolicyPort(p: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol != null) {
    const proto = str(p.protocol);
    if (proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP')
      errs.push({
        field: `${field}.protocol`,
        type: 'Unsupported value',
        value: proto,
        detail: 'supported values: "TCP", "UDP", "SCTP"',
      });
  }
  const endPort = typeof p.endPort === 'number' ? p.endPort : undefined;
  if (p.port != null) {
    if (typeof p.port === 'number') {
      for (const detail of portNumErrors(p.port))
        errs.push({ field: `${field}.port`, type: 'Invalid value', value: p.port, detail });
      if (endPort !== undefined) {
        if (endPort < p.port)
          errs.push({
            field: `${field}.endPort`,
            type: 'Invalid value',
            value: p.port,
            detail: 'must be greater than or equal to `port`',
          });
        for (const detail of portNumErrors(endPort))
          errs.push({ field: `${field}.endPort`, type: 'Invalid value', value: endPort, detail });
      }
    } else {
      if (endPort !== undefined)
        errs.push({
          field: `${field}.endPort`,
          type: 'Invalid value',
          value: endPort,
          detail: 'may not be specified when `port` is non-numeric',
        });
      const name = str(p.port);
      for (const detail of portNameErrors(name))
        errs.push({ field: `${field}.port`, type: 'Invalid value', value: name, detail });
    }
  } else if (endPort !== undefined)
    errs.push({
      field: `${field}.endPort`,
      type: 'Invalid value',
      value: endPort,
      detail: 'may not be specified when `port` is not specified',
    });
  return errs;
}

/** ValidateNetworkPolicyPeer: at least one peer; an ipBlock alone. */
function validatePeer(peer: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  if (peer.podSelector != null) {
    count++;
    errs.push(...validateLabelSelector(peer.podSelector, `${field}.podSelector`));
  }
  if (peer.namespaceSelector != null) {
    count++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${field}.namespaceSelector`));
  }
  if (peer.ipBlock != null) {
    count++;
    errs.push(...validateIPBlock(isObj(peer.ipBlock) ? peer.ipBlock : {}, `${field}.ipBlock`));
  }
  if (count === 0) errs.push({ field, type: 'Required value', detail: 'must specify a peer' });
  else if (count > 1 && peer.ipBlock != null)
    errs.push({
      field,
      type: 'Forbidden',
      detail: 'may not specify both ipBlock and another peer',
    });
  return errs;
}

/** ValidateNetworkPolicySpec. */
export function validateNetworkPolicy(obj: KubeObject): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [key, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    objs(spec[key]).forEach((rule, i) => {
      const field = `spec.${key}[${i}]`;
      objs(rule.ports).forEach((p, j) => {
        errs.push(...validatePolicyPort(p, `${field}.ports[${j}]`));
      });
      objs(rule[peers]).forEach((peer, j) => {
        errs.push(...validatePeer(peer, `${field}.${peers}[${j}]`));
      });
    });
  }
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(str) : [];
  if (types.length > 2) {
    errs.push({
      field: 'spec.policyTypes',
      type: 'Invalid value',
      valueText: `&[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`,
      detail: 'may not specify more than two policyTypes',
    });
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      errs.push({
        field: `spec.policyTypes[${i}]`,
        type: 'Unsupported value',
        value: t,
        detail: 'supported values: "Ingress", "Egress"',
      });
  });
  return errs;
}
