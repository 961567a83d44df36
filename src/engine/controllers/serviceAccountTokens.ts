/**
 * kube-controller-manager's `serviceaccount-token-controller` (pkg/controller/serviceaccount/
 * tokens_controller.go) as it runs in 1.32, where it no longer makes token Secrets itself (since
 * 1.24) but still serves the ones a user creates:
 * - a Secret of type `kubernetes.io/service-account-token` naming an existing ServiceAccount
 *   (annotation `kubernetes.io/service-account.name`, and `…uid` if set) is filled in: data
 *   `ca.crt` (the root CA, `--root-ca-file`), `namespace` and `token` (a legacy JWT signed with
 *   `--service-account-private-key-file`), and the `kubernetes.io/service-account.uid`
 *   annotation; only what is missing or stale is written (secretUpdateNeeded);
 * - such a Secret whose ServiceAccount does not exist (or has another UID) is deleted
 *   (syncSecret: "service account does not exist, deleting token"), so a token Secret created
 *   before its ServiceAccount is gone at once;
 * - when a ServiceAccount is deleted, its token Secrets are deleted (syncServiceAccount).
 */
import type { KubeObject } from '../api/types.ts';
import { legacyToken } from '../apiserver/serviceAccountToken.ts';
import { clusterCaCertificate } from '../bootstrap/namespaceContent.ts';
import type { Cache, Reconciler, Write } from '../runtime/controller.ts';
import { isDeleting, keyName, keyNamespace, nameOf, namespaceOf, uidOf } from './objects.ts';

export const COMPONENT_TOKENS = 'serviceaccount-token-controller';
export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';
export const SERVICE_ACCOUNT_UID_KEY = 'kubernetes.io/service-account.uid';

const isTokenSecret = (o: KubeObject) =>
  (o as { type?: string }).type === SERVICE_ACCOUNT_TOKEN_TYPE;

/** base64 of a string's UTF-8 bytes (Secret data as stored). */
function b64(s: string): string {
  let bin = '';
  for (const byte of new TextEncoder().encode(s)) bin += String.fromCharCode(byte);
  return btoa(bin);
}

let rootCaB64: string | undefined;
const rootCa = () => {
  rootCaB64 ??= b64(clusterCaCertificate());
  return rootCaB64;
};

/** The ServiceAccount a token Secret names, if it exists with the UID the Secret names. */
function serviceAccountOf(cache: Cache, secret: KubeObject): KubeObject | undefined {
  const a = secret.metadata?.annotations ?? {};
  const sa = cache.get('serviceaccounts', namespaceOf(secret), a[SERVICE_ACCOUNT_NAME_KEY] ?? '');
  const uid = a[SERVICE_ACCOUNT_UID_KEY] ?? '';
  return sa && (uid === '' || uid === uidOf(sa)) ? sa : undefined;
}

function syncSecret(cache: Cache, ns: string, name: string): Write[] {
  const secret = cache.get('secrets', ns, name);
  if (!secret || !isTokenSecret(secret) || isDeleting(secret)) return [];
  const sa = serviceAccountOf(cache, secret);
  if (!sa) return [{ verb: 'delete', resource: 'secrets', namespace: ns, name }];
  const data = (secret.data ?? {}) as Record<string, string>;
  const next: Record<string, string> = { ...data };
  if (data['ca.crt'] !== rootCa()) next['ca.crt'] = rootCa();
  if (!data.namespace) next.namespace = b64(ns);
  if (!data.token) next.token = b64(legacyToken(ns, { name: nameOf(sa), uid: uidOf(sa) }, name));
  const annotations = {
    ...(secret.metadata?.annotations ?? {}),
    [SERVICE_ACCOUNT_NAME_KEY]: nameOf(sa),
    [SERVICE_ACCOUNT_UID_KEY]: uidOf(sa),
  };
  const same =
    next['ca.crt'] === data['ca.crt'] &&
    next.namespace === data.namespace &&
    next.token === data.token;
  if (same) return [];
  return [
    {
      verb: 'update',
      resource: 'secrets',
      namespace: ns,
      obj: { ...secret, metadata: { ...secret.metadata, annotations }, data: next },
    },
  ];
}

/** The token Secrets of a ServiceAccount that is gone: deleted. */
function syncServiceAccount(cache: Cache, ns: string, name: string): Write[] {
  if (cache.get('serviceaccounts', ns, name)) return [];
  const writes: Write[] = [];
  for (const s of cache.list('secrets', ns)) {
    if (!isTokenSecret(s) || isDeleting(s)) continue;
    if (s.metadata?.annotations?.[SERVICE_ACCOUNT_NAME_KEY] !== name) continue;
    writes.push({ verb: 'delete', resource: 'secrets', namespace: ns, name: nameOf(s) });
  }
  return writes;
}

export function createServiceAccountTokensController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_TOKENS,
    watches: ['serviceaccounts', 'secrets'],
    // Its secret informer lists only the token Secrets (a field selector on `type`).
    accepts: (resource, obj) => resource !== 'secrets' || isTokenSecret(obj),
    keysFor(resource, obj) {
      const key = `${namespaceOf(obj)}/${nameOf(obj)}`;
      return [resource === 'secrets' ? `secret:${key}` : `sa:${key}`];
    },
    reconcile(key, cache) {
      const sep = key.indexOf(':');
      const rest = key.slice(sep + 1);
      const ns = keyNamespace(rest);
      const name = keyName(rest);
      const writes = key.startsWith('secret:')
        ? syncSecret(cache, ns, name)
        : syncServiceAccount(cache, ns, name);
      return { writes };
    },
  };
}
