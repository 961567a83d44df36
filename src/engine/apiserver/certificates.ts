/**
 * CertificateSigningRequests (certificates.k8s.io/v1): the request's PEM/DER read as
 * x509.ParseCertificateRequest reads it (subject and public key), the API server's validation
 * and PrepareForCreate (the requester's identity), and the cluster CA's signer: a DER
 * certificate whose subject and key are the request's, signed by a stand-in for the CA's key.
 * The API server's x509 authenticator reads the same certificates back (CN = user, O = groups)
 * and refuses those the cluster CA did not sign or that have expired.
 */
import type { KubeObject } from '../api/types.ts';
import { hex64 } from '../registry/digest.ts';
import type { FieldError } from './errors.ts';
import type { UserInfo } from './rbac.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The signers kube-controller-manager's csrsigning controller issues for. */
export const KUBE_APISERVER_CLIENT = 'kubernetes.io/kube-apiserver-client';
const KNOWN_SIGNERS = new Set([
  KUBE_APISERVER_CLIENT,
  'kubernetes.io/kube-apiserver-client-kubelet',
  'kubernetes.io/kubelet-serving',
  'kubernetes.io/legacy-unknown',
]);

/** certificates.KeyUsage values (v1 validation's allowed set, in Go's declaration order). */
const KEY_USAGES = [
  'signing',
  'digital signature',
  'content commitment',
  'key encipherment',
  'key agreement',
  'data encipherment',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
  'any',
  'server auth',
  'client auth',
  'code signing',
  'email protection',
  's/mime',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'timestamping',
  'ocsp signing',
  'microsoft sgc',
  'netscape sgc',
];

// ---------------------------------------------------------------------------------------------
// base64 and PEM

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of `bytes`. */
export function base64Encode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    s += B64[a >> 2];
    s += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    s += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    s += c === undefined ? '=' : B64[c & 63];
  }
  return s;
}

/** Standard base64 decoded (whitespace ignored); undefined when malformed. */
export function base64Decode(text: string): Uint8Array | undefined {
  const s = text.replace(/\s+/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const n =
      (B64.indexOf(s[i] as string) << 18) |
      (B64.indexOf(s[i + 1] as string) << 12) |
      ((s[i + 2] === '=' ? 0 : B64.indexOf(s[i + 2] as string)) << 6) |
      (s[i + 3] === '=' ? 0 : B64.indexOf(s[i + 3] as string));
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

const fromLatin1 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 255;
  return out;
};

/** The first PEM block of `text` (pem.Decode): its type and DER bytes. */
export function pemDecode(text: string): { type: string; der: Uint8Array } | undefined {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const der = base64Decode(m[2] as string);
  return der ? { type: m[1] as string, der } : undefined;
}

/** A PEM block of `der` in 64-column lines. */
export function pemEncode(type: string, der: Uint8Array): string {
  const b = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 64) lines.push(b.slice(i, i + 64));
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

// ---------------------------------------------------------------------------------------------
// DER

interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the contents. */
  body: number;
  /** Offset after the contents. */
  end: number;
}

function readTlv(b: Uint8Array, pos: number, limit = b.length): Tlv | undefined {
  if (pos + 2 > limit) return undefined;
  const tag = b[pos] as number;
  let len = b[pos + 1] as number;
  let body = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || body + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[body + i] as number);
    body += n;
  }
  if (body + len > limit) return undefined;
  return { tag, start: pos, body, end: body + len };
}

function children(b: Uint8Array, t: Tlv): Tlv[] | undefined {
  const out: Tlv[] = [];
  let p = t.body;
  while (p < t.end) {
    const c = readTlv(b, p, t.end);
    if (!c) return undefined;
    out.push(c);
    p = c.end;
  }
  return out;
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, ...parts: (Uint8Array | number[])[]): number[] {
  const body: number[] = [];
  for (const p of parts) for (const x of p) body.push(x);
  return [tag, ...derLength(body.length), ...body];
}

const OID_CN = [0x55, 0x04, 0x03];
const OID_O = [0x55, 0x04, 0x0a];
const OID_OU = [0x55, 0x04, 0x0b];
const OID_SERIAL = [0x55, 0x04, 0x05];

/** The subject fields describe prints, from a DER Name. */
export interface Subject {
  commonName: string;
  serialNumber: string;
  organization: string[];
  organizationalUnit: string[];
}

function parseName(b: Uint8Array, name: Tlv): Subject | undefined {
  const s: Subject = { commonName: '', serialNumber: '', organization: [], organizationalUnit: [] };
  const sets = children(b, name);
  if (!sets) return undefined;
  for (const set of sets) {
    for (const atv of children(b, set) ?? []) {
      const [oid, value] = children(b, atv) ?? [];
      if (!oid || !value) return undefined;
      const o = [...b.subarray(oid.body, oid.end)].join(',');
      const v = new TextDecoder().decode(b.subarray(value.body, value.end));
      if (o === OID_CN.join(',')) s.commonName = v;
      else if (o === OID_O.join(',')) s.organization.push(v);
      else if (o === OID_OU.join(',')) s.organizationalUnit.push(v);
      else if (o === OID_SERIAL.join(',')) s.serialNumber = v;
    }
  }
  return s;
}

/** What a certificate request holds: its subject (raw and read) and its public key's DER. */
export interface CertificateRequest {
  subject: Subject;
  subjectDer: Uint8Array;
  publicKeyDer: Uint8Array;
}

/**
 * certificates.ParseCSR: the first PEM block must be a CERTIFICATE REQUEST holding a DER
 * PKCS#10 request. Returns the request or Go's error text.
 */
export function parseCsr(pem: Uint8Array): CertificateRequest | string {
  const block = pemDecode(latin1(pem));
  if (block?.type !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  const b = block.der;
  const top = readTlv(b, 0);
  const info = top?.tag === 0x30 ? children(b, top)?.[0] : undefined;
  const fields = info?.tag === 0x30 ? children(b, info) : undefined;
  const [version, name, spki] = fields ?? [];
  if (version?.tag !== 0x02 || name?.tag !== 0x30 || spki?.tag !== 0x30 || !name || !spki)
    return 'x509: malformed certificate request';
  const subject = parseName(b, name);
  if (!subject) return 'x509: invalid subject';
  return {
    subject,
    subjectDer: b.slice(name.start, name.end),
    publicKeyDer: b.slice(spki.start, spki.end),
  };
}

/** Go's %#v of a []byte: `[]byte{0x2d, 0x2d, …}`. */
function goBytes(bytes: Uint8Array): string {
  return `[]byte{${[...bytes].map((x) => `0x${x.toString(16)}`).join(', ')}}`;
}

/** The request bytes of a stored CSR (spec.request is base64 in JSON). */
export function csrRequestBytes(obj: KubeObject): Uint8Array | undefined {
  const spec = isObj(obj.spec) ? obj.spec : {};
  return typeof spec.request === 'string' ? base64Decode(spec.request) : undefined;
}

/** The subject of a stored CSR's request, if it parses. */
export function csrSubject(obj: KubeObject): Subject | undefined {
  const bytes = csrRequestBytes(obj);
  if (!bytes) return undefined;
  const r = parseCsr(bytes);
  return typeof r === 'string' ? undefined : r.subject;
}

// ---------------------------------------------------------------------------------------------
// Validation and PrepareForCreate

/** A qualified signer name: `domain/path` (validateSignerName). */
function signerNameErrors(name: string): FieldError[] {
  const field = 'spec.signerName';
  const parts = name.split('/');
  const domain = parts[0] ?? '';
  const path = parts.slice(1).join('/');
  const detail = (d: string): FieldError => ({
    field,
    type: 'Invalid value',
    value: name,
    detail: d,
  });
  if (parts.length < 2 || path === '')
    return [
      detail("must be a fully qualified domain and path of the form 'example.com/signer-name'"),
    ];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(domain))
    return [detail('should be a domain with at least two segments separated by dots')];
  return [];
}

/** ValidateCertificateSigningRequestCreate (v1 rules). */
export function validateCertificateSigningRequest(obj: KubeObject): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const errs: FieldError[] = [];
  const request = typeof spec.request === 'string' ? spec.request : '';
  const bytes = base64Decode(request) ?? fromLatin1(request);
  const parsed = parseCsr(bytes);
  if (typeof parsed === 'string')
    errs.push({
      field: 'spec.request',
      type: 'Invalid value',
      valueText: goBytes(bytes),
      detail: parsed,
    });
  const signer = typeof spec.signerName === 'string' ? spec.signerName : '';
  if (signer === '') errs.push({ field: 'spec.signerName', type: 'Required value' });
  else errs.push(...signerNameErrors(signer));
  const exp = spec.expirationSeconds;
  if (typeof exp === 'number' && exp < 600)
    errs.push({
      field: 'spec.expirationSeconds',
      type: 'Invalid value',
      value: exp,
      detail: 'may not specify a duration less than 600 seconds (10 minutes)',
    });
  const usages = Array.isArray(spec.usages) ? spec.usages : [];
  if (usages.length === 0) errs.push({ field: 'spec.usages', type: 'Required value' });
  const seen = new Set<string>();
  usages.forEach((u, i) => {
    const v = String(u);
    if (!KEY_USAGES.includes(v))
      errs.push({
        field: `spec.usages[${i}]`,
        type: 'Unsupported value',
        value: v,
        detail: `supported values: ${KEY_USAGES.map((k) => JSON.stringify(k)).join(', ')}`,
      });
    else if (seen.has(v))
      errs.push({ field: `spec.usages[${i}]`, type: 'Duplicate value', value: v });
    seen.add(v);
  });
  return errs;
}

/**
 * The strategy's PrepareForCreate: the requester's identity from the request's user info (not
 * the body), and an empty status.
 */
export function prepareCsrCreate(obj: KubeObject, user: UserInfo): void {
  const spec: Obj = isObj(obj.spec) ? { ...obj.spec } : {};
  delete spec.uid;
  delete spec.extra;
  spec.username = user.name;
  spec.groups = [...user.groups];
  if (user.uid) spec.uid = user.uid;
  if (user.extra && Object.keys(user.extra).length > 0) spec.extra = { ...user.extra };
  obj.spec = spec;
  obj.status = {};
}

/** The CONDITION column (and describe's Status): Denied/Approved/Pending, Failed, Issued. */
export function csrCondition(obj: KubeObject): string {
  const status = isObj(obj.status) ? obj.status : {};
  const conds = Array.isArray(status.conditions) ? (status.conditions as Obj[]) : [];
  const has = (t: string) => conds.some((c) => c.type === t);
  let s = has('Denied') ? 'Denied' : has('Approved') ? 'Approved' : 'Pending';
  if (has('Failed')) s += ',Failed';
  if (typeof status.certificate === 'string' && status.certificate !== '') s += ',Issued';
  return s;
}

// ---------------------------------------------------------------------------------------------
// The signer (the cluster CA) and the x509 authenticator

/** The CA's private key, as far as this simulation needs one: what its signatures derive from. */
const CA_KEY = 'kubernetes-ca/simulated-signing-key';

/** A 256-byte RSA-sized signature of `tbs` by the cluster CA. */
function caSignature(tbs: Uint8Array): Uint8Array {
  const text = latin1(tbs);
  const out = new Uint8Array(256);
  for (let i = 0; i < 8; i++) {
    const h = hex64(`${CA_KEY}/${i}/${text}`);
    for (let j = 0; j < 32; j++) out[i * 32 + j] = Number.parseInt(h.slice(j * 2, j * 2 + 2), 16);
  }
  return out;
}

function utcTime(ms: number): number[] {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return der(0x17, fromLatin1(s));
}

function parseUtcTime(b: Uint8Array, t: Tlv): number | undefined {
  const s = latin1(b.subarray(t.body, t.end));
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  return Date.UTC(
    y < 50 ? 2000 + y : 1900 + y,
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
}

const SHA256_RSA = der(
  0x30,
  der(0x06, [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]),
  [0x05, 0x00],
);
const CA_NAME = der(
  0x30,
  der(0x31, der(0x30, der(0x06, OID_CN), der(0x0c, fromLatin1('kubernetes')))),
);

/** Extended key usage OIDs (after 1.3.6.1.5.5.7.3.) of the usages that have one. */
const EXT_USAGES: Record<string, number> = {
  'server auth': 1,
  'client auth': 2,
  'code signing': 3,
  'email protection': 4,
  timestamping: 8,
  'ocsp signing': 9,
};

/** Key usage bits (bit 0 = digitalSignature … ) of the usages that are key usages. */
const KEY_USAGE_BITS: Record<string, number> = {
  'digital signature': 0,
  'content commitment': 1,
  'key encipherment': 2,
  'data encipherment': 3,
  'key agreement': 4,
  'cert sign': 5,
  'crl sign': 6,
};

function extensions(usages: string[]): number[] {
  const exts: number[][] = [];
  let bits = 0;
  for (const u of usages) if (KEY_USAGE_BITS[u] !== undefined) bits |= 0x80 >> KEY_USAGE_BITS[u];
  if (bits) {
    const ku = der(0x03, [0x05, bits]);
    exts.push(der(0x30, der(0x06, [0x55, 0x1d, 0x0f]), [0x01, 0x01, 0xff], der(0x04, ku)));
  }
  const ext = usages.filter((u) => EXT_USAGES[u] !== undefined);
  if (ext.length > 0) {
    const seq = der(
      0x30,
      ...ext.map((u) =>
        der(0x06, [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, EXT_USAGES[u] as number]),
      ),
    );
    exts.push(der(0x30, der(0x06, [0x55, 0x1d, 0x25]), der(0x04, seq)));
  }
  // basicConstraints, critical, CA:FALSE.
  exts.push(der(0x30, der(0x06, [0x55, 0x1d, 0x13]), [0x01, 0x01, 0xff], der(0x04, [0x30, 0x00])));
  return der(0xa3, der(0x30, ...exts));
}

/** The most a kubeadm cluster's signer issues for (--cluster-signing-duration, 8760h). */
const MAX_DURATION_S = 365 * 24 * 3600;
/** The signer backdates certificates by five minutes (clock skew). */
const BACKDATE_MS = 5 * 60 * 1000;

/**
 * The csrsigning controller's certificate for an approved request: the request's subject and
 * public key, issued by CN=kubernetes, valid for expirationSeconds (at most a year), as the
 * base64 of its PEM (how status.certificate reads in JSON). Undefined when the request does
 * not parse.
 */
export function issueCertificate(csr: KubeObject, nowMs: number): string | undefined {
  const bytes = csrRequestBytes(csr);
  const req = bytes ? parseCsr(bytes) : 'none';
  if (typeof req === 'string') return undefined;
  const spec = isObj(csr.spec) ? csr.spec : {};
  const exp = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : MAX_DURATION_S;
  const ttlMs = Math.min(exp, MAX_DURATION_S) * 1000;
  const usages = Array.isArray(spec.usages) ? spec.usages.map(String) : [];
  const serialHex = hex64(`${csr.metadata?.uid ?? ''}/${nowMs}`).slice(0, 32);
  const serial = [...Array(16)].map((_, i) =>
    Number.parseInt(serialHex.slice(i * 2, i * 2 + 2), 16),
  );
  serial[0] = (serial[0] as number) & 0x7f;
  const tbs = new Uint8Array(
    der(
      0x30,
      [0xa0, 0x03, 0x02, 0x01, 0x02],
      der(0x02, serial),
      SHA256_RSA,
      CA_NAME,
      der(0x30, utcTime(nowMs - BACKDATE_MS), utcTime(nowMs - BACKDATE_MS + ttlMs)),
      req.subjectDer,
      req.publicKeyDer,
      extensions(usages),
    ),
  );
  const sig = caSignature(tbs);
  const cert = new Uint8Array(der(0x30, tbs, SHA256_RSA, der(0x03, [0x00], sig)));
  return base64Encode(fromLatin1(pemEncode('CERTIFICATE', cert)));
}

/**
 * The API server's x509 authenticator on a client certificate (PEM text): CN is the user, each
 * O a group (plus system:authenticated). Undefined when the cluster CA did not sign it or it is
 * not valid at `nowMs` (the server answers 401 Unauthorized).
 */
export function certificateUser(pem: string, nowMs: number): UserInfo | undefined {
  const block = pemDecode(pem);
  if (block?.type !== 'CERTIFICATE') return undefined;
  const b = block.der;
  const top = readTlv(b, 0);
  const parts = top?.tag === 0x30 ? children(b, top) : undefined;
  const [tbs, , sig] = parts ?? [];
  if (!tbs || !sig || sig.tag !== 0x03) return undefined;
  const tbsBytes = b.subarray(tbs.start, tbs.end);
  const expected = caSignature(tbsBytes);
  const got = b.subarray(sig.body + 1, sig.end);
  if (got.length !== expected.length || got.some((x, i) => x !== expected[i])) return undefined;
  const fields = children(b, tbs) ?? [];
  const off = fields[0]?.tag === 0xa0 ? 1 : 0;
  const validity = fields[off + 3];
  const subject = fields[off + 4];
  if (!validity || !subject) return undefined;
  const [nb, na] = children(b, validity) ?? [];
  const notBefore = nb ? parseUtcTime(b, nb) : undefined;
  const notAfter = na ? parseUtcTime(b, na) : undefined;
  if (notBefore === undefined || notAfter === undefined) return undefined;
  if (nowMs < notBefore || nowMs > notAfter) return undefined;
  const s = parseName(b, subject);
  if (!s) return undefined;
  return {
    name: s.commonName,
    groups: [...s.organization, 'system:authenticated'],
    extra: {
      'authentication.kubernetes.io/credential-id': [`X509SHA256=${hex64(latin1(b))}`],
    },
  };
}

/** Whether the csrsigning controller issues for this signer. */
export function knownSigner(name: string): boolean {
  return KNOWN_SIGNERS.has(name);
}

/**
 * kubeadm's admin.conf identity: the user of kubectl's requests that go through no clientAs
 * (the console's own kubeconfig user).
 */
export const KUBEADM_ADMIN_USER: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
};

/** The strategy's defaulting of new conditions: lastTransitionTime now, when unset. */
export function defaultCsrConditions(conditions: unknown, now: string): Obj[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.map((c) => {
    const o: Obj = isObj(c) ? { ...c } : {};
    if (o.lastTransitionTime == null || o.lastTransitionTime === '') o.lastTransitionTime = now;
    return o;
  });
}

/** validateConditions of an approval update: True only, no duplicates, none removed. */
export function validateCsrApproval(old: KubeObject, conditions: Obj[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  conditions.forEach((c, i) => {
    const type = typeof c.type === 'string' ? c.type : '';
    const field = `status.conditions[${i}]`;
    if (type === '') errs.push({ field: `${field}.type`, type: 'Required value' });
    else if (seen.has(type))
      errs.push({ field: `${field}.type`, type: 'Duplicate value', value: type });
    seen.add(type);
    const status = typeof c.status === 'string' ? c.status : '';
    if (status === '') errs.push({ field: `${field}.status`, type: 'Required value' });
    else if (['Approved', 'Denied', 'Failed'].includes(type) && status !== 'True')
      errs.push({
        field: `${field}.status`,
        type: 'Unsupported value',
        value: status,
        detail: 'supported values: "True"',
      });
    if (type === 'Denied' && seen.has('Approved'))
      errs.push({
        field: `${field}.type`,
        type: 'Invalid value',
        value: type,
        detail: 'Approved and Denied conditions are mutually exclusive',
      });
    if (type === 'Approved' && seen.has('Denied'))
      errs.push({
        field: `${field}.type`,
        type: 'Invalid value',
        value: type,
        detail: 'Approved and Denied conditions are mutually exclusive',
      });
  });
  const oldStatus = isObj(old.status) ? old.status : {};
  const oldConds = Array.isArray(oldStatus.conditions) ? (oldStatus.conditions as Obj[]) : [];
  for (const t of ['Approved', 'Denied', 'Failed']) {
    if (oldConds.some((c) => c.type === t) && !seen.has(t))
      errs.push({
        field: 'status.conditions',
        type: 'Forbidden',
        detail: `updates may not remove a condition of type "${t}"`,
      });
  }
  return errs;
}
