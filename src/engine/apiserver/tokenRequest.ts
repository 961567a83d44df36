/**
 * The `serviceaccounts/<name>/token` subresource (POST a TokenRequest, authentication.k8s.io/v1)
 * as kube-apiserver 1.32's TokenREST.Create answers it: the service account must exist; an
 * unset audience list becomes the API server's audiences; `expirationSeconds` (defaulted to
 * 3600 when decoded) must lie between 10 minutes and 2^32 seconds; a bound object (a Pod of that
 * service account, a Node, or a Secret) must exist and match a given UID; a pod-bound token names the
 * pod's node. The answer is the request with name, namespace, creationTimestamp and a status of
 * the token and its expiration (the *requested* one: an extended token lives longer).
 */
import type { KubeObject, ResourceName, Result, Status } from '../api/types.ts';
import { rfc3339 } from '../util/clock.ts';
import { badRequest, conflict, invalid, notFound } from './errors.ts';
import { RESOURCES, type ResourceDef } from './resources.ts';
import {
  API_AUDIENCES,
  boundToken,
  DEFAULT_EXPIRATION_SECONDS,
  EXTENDED_EXPIRATION_SECONDS,
  WARN_ONLY_EXPIRATION_SECONDS,
} from './serviceAccountToken.ts';

/** The kind named by TokenRequest validation errors. */
const TOKEN_REQUEST = {
  ...RESOURCES.serviceaccounts,
  kind: 'TokenRequest',
  group: 'authentication.k8s.io',
} as ResourceDef;

interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: BoundObjectRef | null;
}

/** What the handler reads and when it runs. */
export interface TokenRequestEnv {
  /** An object from storage (the API server's own read; undefined when absent). */
  read(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Virtual ms now (the cluster's clock). */
  now: number;
  /** A fresh token id (uuid.NewUUID). */
  newUuid(): string;
}

const uidOf = (o: KubeObject | undefined): string => o?.metadata?.uid ?? '';

/** TokenREST.Create for service account `name` in `namespace`. */
export function createTokenRequest(
  namespace: string,
  name: string,
  request: KubeObject,
  env: TokenRequestEnv,
): Result<KubeObject> {
  const fail = (status: Status): Result<never> => ({ ok: false, status });
  const meta = request.metadata ?? {};
  if (meta.name && meta.name !== name) {
    return fail(
      invalid(TOKEN_REQUEST, name, [
        {
          field: 'metadata.name',
          type: 'Invalid value',
          value: meta.name,
          detail: 'must match the service account name if specified',
        },
      ]),
    );
  }
  if (meta.namespace && meta.namespace !== namespace) {
    return fail(
      invalid(TOKEN_REQUEST, name, [
        {
          field: 'metadata.namespace',
          type: 'Invalid value',
          value: meta.namespace,
          detail: 'must match the service account namespace if specified',
        },
      ]),
    );
  }
  const sa = env.read('serviceaccounts', namespace, name);
  if (!sa) return fail(notFound(RESOURCES.serviceaccounts, name));
  const given = (request.spec ?? {}) as TokenRequestSpec;
  const audiences = given.audiences?.length ? [...given.audiences] : [...API_AUDIENCES];
  const expirationSeconds = given.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (expirationSeconds < 600 || expirationSeconds > 2 ** 32) {
    return fail(
      invalid(TOKEN_REQUEST, '', [
        {
          field: 'spec.expirationSeconds',
          type: 'Invalid value',
          value: expirationSeconds,
          detail:
            expirationSeconds < 600
              ? 'may not specify a duration less than 10 minutes'
              : 'may not specify a duration larger than 2^32 seconds',
        },
      ]),
    );
  }
  const ref = given.boundObjectRef ?? undefined;
  let pod: KubeObject | undefined;
  let node: { name: string; uid?: string } | undefined;
  let secret: KubeObject | undefined;
  if (ref) {
    const group = (ref.apiVersion ?? '').includes('/') ? (ref.apiVersion ?? '').split('/')[0] : '';
    const refName = ref.name ?? '';
    let uid = '';
    if (group === '' && ref.kind === 'Pod') {
      pod = env.read('pods', namespace, refName);
      if (!pod) return fail(notFound(RESOURCES.pods, refName));
      const podSa = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName;
      if (podSa !== name) {
        return fail(
          badRequest(
            `cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`,
          ),
        );
      }
      uid = uidOf(pod);
      const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
      if (nodeName) {
        const n = env.read('nodes', undefined, nodeName);
        node = n ? { name: nodeName, uid: uidOf(n) } : { name: nodeName };
      }
    } else if (group === '' && ref.kind === 'Node') {
      // ServiceAccountTokenNodeBinding (beta since 1.31, on by default): the token names the node.
      const n = env.read('nodes', undefined, refName);
      if (!n) return fail(notFound(RESOURCES.nodes, refName));
      uid = uidOf(n);
      node = { name: refName, uid };
    } else if (group === '' && ref.kind === 'Secret') {
      secret = env.read('secrets', namespace, refName);
      if (!secret) return fail(notFound(RESOURCES.secrets, refName));
      uid = uidOf(secret);
    } else {
      const gvk = `${group ? `${group}/` : '/'}${(ref.apiVersion ?? '').split('/').pop() ?? ''}, Kind=${ref.kind ?? ''}`;
      return fail(badRequest(`cannot bind token to object of type ${gvk}`));
    }
    if (ref.uid && ref.uid !== uid) {
      return fail(
        conflict(
          { resource: ref.kind ?? '', group } as unknown as ResourceDef,
          refName,
          `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
        ),
      );
    }
  }
  let exp = expirationSeconds;
  let warnAfter = 0;
  if (
    pod &&
    expirationSeconds === WARN_ONLY_EXPIRATION_SECONDS &&
    audiences.every((a) => API_AUDIENCES.includes(a))
  ) {
    warnAfter = expirationSeconds;
    exp = EXTENDED_EXPIRATION_SECONDS;
  }
  const nowIso = rfc3339(env.now);
  const iat = Math.floor(Date.parse(nowIso) / 1000);
  const token = boundToken({
    namespace,
    serviceAccount: { name, uid: uidOf(sa) },
    ...(pod ? { pod: { name: pod.metadata?.name ?? '', uid: uidOf(pod) } } : {}),
    ...(node ? { node } : {}),
    ...(secret ? { secret: { name: secret.metadata?.name ?? '', uid: uidOf(secret) } } : {}),
    audiences,
    iat,
    expirationSeconds: exp,
    warnAfterSeconds: warnAfter,
    jti: env.newUuid(),
  });
  const spec: Record<string, unknown> = {
    audiences,
    boundObjectRef: ref
      ? {
          kind: ref.kind,
          apiVersion: ref.apiVersion,
          name: ref.name,
          ...(ref.uid ? { uid: ref.uid } : {}),
        }
      : null,
    expirationSeconds,
  };
  return {
    ok: true,
    value: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { creationTimestamp: nowIso, name, namespace },
      spec,
      status: {
        expirationTimestamp: rfc3339(env.now + expirationSeconds * 1000),
        token,
      },
    },
  };
}
