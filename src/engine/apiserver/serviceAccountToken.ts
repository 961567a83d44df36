/**
 * Service account tokens as kube-apiserver and kube-controller-manager 1.32 sign them: compact
 * JWS (`header.payload.signature`, base64url without padding) with an RS256 header naming the
 * key (`{"alg":"RS256","kid":"…"}`) and the claims go-jose serialises from Go maps, so with their
 * keys sorted at every level.
 *
 * - Bound tokens (the TokenRequest API: `kubectl create token`, the kubelet's projected
 *   `token` file): `aud`, `exp`, `iat`, `iss`, `jti`, `kubernetes.io` {namespace, node, pod,
 *   secret, serviceaccount, warnafter}, `nbf`, `sub` (pkg/serviceaccount/claims.go Claims).
 * - Legacy tokens (the token controller's `kubernetes.io/service-account-token` Secrets):
 *   `iss` "kubernetes/serviceaccount" and the `kubernetes.io/serviceaccount/…` claims
 *   (LegacyClaims), with no expiry.
 *
 * Nothing verifies these tokens in the simulation: the key id and the 256-byte signature are
 * stand-ins derived from the content (deterministic, shaped like the real ones).
 */
import { hex64 } from '../registry/digest.ts';

/** kubeadm's `--service-account-issuer`, also the API server's default audience. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The issuer of legacy (Secret-based) tokens. */
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';
/** The API server's audiences (`--api-audiences` defaults to the issuer). */
export const API_AUDIENCES: readonly string[] = [SERVICE_ACCOUNT_ISSUER];
/** What the kubelet asks for in kube-api-access volumes (token.WarnOnlyBoundTokenExpirationSeconds). */
export const WARN_ONLY_EXPIRATION_SECONDS = 3607;
/** `--service-account-extend-token-expiration`'s lifetime for such tokens (one year). */
export const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 60 * 60;
/** TokenRequest's default `expirationSeconds` (and a projected source's). */
export const DEFAULT_EXPIRATION_SECONDS = 3600;

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const encoder = new TextEncoder();

/** base64url without padding (RawURLEncoding). */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[n >>> 18]! + B64URL[(n >>> 12) & 63]! + B64URL[(n >>> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64URL[n >>> 18]! + B64URL[(n >>> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[n >>> 18]! + B64URL[(n >>> 12) & 63]! + B64URL[(n >>> 6) & 63]!;
  }
  return out;
}

/** `n` bytes derived from `seed` (hex64 words, chained). */
function derivedBytes(seed: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let hex = '';
  for (let i = 0; hex.length < n * 2; i++) hex += hex64(`${seed}#${i}`);
  for (let i = 0; i < n; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The signing key's id: base64url of a SHA-256 of its public key (43 characters). */
export const SIGNING_KEY_ID = base64url(derivedBytes('kubeadm sa.pub', 32));

/**
 * JSON as Go's encoding/json writes a map[string]interface{}: keys sorted at every level, no
 * spaces, `<`, `>` and `&` escaped (HTMLEscape) as are U+2028 and U+2029.
 */
export function goMapJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    return JSON.stringify(v)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
  }
  if (Array.isArray(v)) return `[${v.map(goMapJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${goMapJson(k)}:${goMapJson(o[k])}`).join(',')}}`;
}

/** A compact RS256 JWS of `claims`, signed (in stand-in) with the cluster's service-account key. */
export function signJwt(claims: Record<string, unknown>): string {
  const header = base64url(encoder.encode(goMapJson({ alg: 'RS256', kid: SIGNING_KEY_ID })));
  const payload = base64url(encoder.encode(goMapJson(claims)));
  const signature = base64url(derivedBytes(`${header}.${payload}`, 256));
  return `${header}.${payload}.${signature}`;
}

/** The decoded claims of a JWT's payload, or undefined when it is not one. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An object a token names: `{name, uid}`. */
export interface TokenRef {
  name: string;
  uid: string;
}

/** What a bound token says (token.Claims's inputs). */
export interface BoundTokenInput {
  namespace: string;
  serviceAccount: TokenRef;
  pod?: TokenRef;
  /** The pod's node (ServiceAccountTokenPodNodeInfo, on in 1.32); `uid` empty when unknown. */
  node?: { name: string; uid?: string };
  secret?: TokenRef;
  audiences: readonly string[];
  /** Issued at, Unix seconds. */
  iat: number;
  /** Lifetime in seconds (after any extension). */
  expirationSeconds: number;
  /** Seconds after iat when an extended token starts to warn (0: not extended). */
  warnAfterSeconds?: number;
  /** The token's id (a UUID). */
  jti: string;
}

/** The signed bound token. */
export function boundToken(t: BoundTokenInput): string {
  const k8s: Record<string, unknown> = {
    namespace: t.namespace,
    serviceaccount: { name: t.serviceAccount.name, uid: t.serviceAccount.uid },
  };
  if (t.pod) {
    k8s.pod = { name: t.pod.name, uid: t.pod.uid };
    if (t.node)
      k8s.node = t.node.uid ? { name: t.node.name, uid: t.node.uid } : { name: t.node.name };
  } else if (t.secret) {
    k8s.secret = { name: t.secret.name, uid: t.secret.uid };
  } else if (t.node) {
    // A token bound to a Node itself (ServiceAccountTokenNodeBinding).
    k8s.node = t.node.uid ? { name: t.node.name, uid: t.node.uid } : { name: t.node.name };
  }
  if (t.warnAfterSeconds) k8s.warnafter = t.iat + t.warnAfterSeconds;
  return signJwt({
    aud: [...t.audiences],
    exp: t.iat + t.expirationSeconds,
    iat: t.iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: t.jti,
    'kubernetes.io': k8s,
    nbf: t.iat,
    sub: `system:serviceaccount:${t.namespace}:${t.serviceAccount.name}`,
  });
}

/** The token the token controller puts into a `kubernetes.io/service-account-token` Secret. */
export function legacyToken(
  namespace: string,
  serviceAccount: TokenRef,
  secretName: string,
): string {
  return signJwt({
    iss: LEGACY_ISSUER,
    'kubernetes.io/serviceaccount/namespace': namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': serviceAccount.name,
    'kubernetes.io/serviceaccount/service-account.uid': serviceAccount.uid,
    sub: `system:serviceaccount:${namespace}:${serviceAccount.name}`,
  });
}

/** A version-4-shaped UUID derived from `seed` (a token id that must be the same on every read). */
export function derivedUuid(seed: string): string {
  const h = hex64(seed);
  const variant = '89ab'[Number.parseInt(h[16]!, 16) & 3]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The lifetime the API server gives a pod-bound request of `expirationSeconds` for `audiences`:
 * the kubelet's 3607 s for the API server's own audiences is extended to a year and warns after
 * 3607 s (`--service-account-extend-token-expiration`, on by default).
 */
export function podBoundLifetime(
  expirationSeconds: number,
  audiences: readonly string[],
): { expirationSeconds: number; warnAfterSeconds: number } {
  if (
    expirationSeconds === WARN_ONLY_EXPIRATION_SECONDS &&
    audiences.every((a) => API_AUDIENCES.includes(a))
  ) {
    return { expirationSeconds: EXTENDED_EXPIRATION_SECONDS, warnAfterSeconds: expirationSeconds };
  }
  return { expirationSeconds, warnAfterSeconds: 0 };
}

/** The kubelet token manager's maxTTL: a token older than this is always renewed. */
const MAX_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** What the kubelet's token for a pod's projected source depends on. */
export interface ProjectedTokenInput {
  namespace: string;
  serviceAccount: TokenRef;
  pod: TokenRef;
  node?: { name: string; uid?: string };
  source: { audience?: string; expirationSeconds?: number; path: string };
  /** When the pod started (epoch ms): the first request. */
  startedMs: number;
  /** When the kubelet last wrote the volume (epoch ms). */
  atMs: number;
  /** The kubelet's pod sync period (epoch ms): renewals happen at syncs. */
  syncMs: number;
}

/**
 * The token in a pod's projected `serviceAccountToken` file as the kubelet's token manager keeps
 * it: a TokenRequest bound to the pod (and naming its node) for the source's audience and
 * lifetime (kube-api-access's 3607 s extended to a year), asked for at the pod's start and again
 * at the first sync after 80 % of the requested lifetime (or 24 h). Its id is derived from the
 * pod and the issue time, so every read of one token gives the same text.
 */
export function projectedToken(t: ProjectedTokenInput): string {
  const requested = t.source.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const audiences = t.source.audience ? [t.source.audience] : [...API_AUDIENCES];
  const due = Math.min(requested * 800, MAX_TOKEN_TTL_MS);
  const period = Math.ceil(due / t.syncMs) * t.syncMs;
  const issuedMs = t.startedMs + Math.floor(Math.max(0, t.atMs - t.startedMs) / period) * period;
  const iat = Math.floor(issuedMs / 1000);
  const life = podBoundLifetime(requested, audiences);
  return boundToken({
    namespace: t.namespace,
    serviceAccount: t.serviceAccount,
    pod: t.pod,
    ...(t.node ? { node: t.node } : {}),
    audiences,
    iat,
    expirationSeconds: life.expirationSeconds,
    warnAfterSeconds: life.warnAfterSeconds,
    jti: derivedUuid(`${t.pod.uid}/${t.source.path}/${iat}`),
  });
}

/**
 * ValidateSecret's rule for `kubernetes.io/service-account-token` Secrets: the ServiceAccount
 * name annotation is required (the UID and the data come later, from the token controller).
 */
export function validateServiceAccountTokenSecret(obj: {
  type?: unknown;
  metadata?: { annotations?: Record<string, string> | null };
}): { field: string; type: 'Required value' }[] {
  if (obj.type !== 'kubernetes.io/service-account-token') return [];
  if (obj.metadata?.annotations?.['kubernetes.io/service-account.name']) return [];
  return [
    { field: 'metadata.annotations[kubernetes.io/service-account.name]', type: 'Required value' },
  ];
}
