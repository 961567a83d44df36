/**
 * The token in a pod's projected `serviceAccountToken` file (the kube-api-access volume's
 * `token`), as the kubelet's token manager keeps it: a TokenRequest bound to the pod (and naming
 * its node) for the source's audience and `expirationSeconds` (3607 for kube-api-access, which
 * the API server extends to a year, warning after 3607 s). The kubelet asks again when the token
 * is older than 80 % of the requested lifetime (or 24 h), at its next sync of the pod: so the
 * token is issued at the pod's start and again every such period, counted in sync ticks.
 * Worked out when read (no request per pod on the engine's paths): the token id is derived from
 * the pod and the issue time, so every read of one token gives the same text.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import {
  API_AUDIENCES,
  boundToken,
  DEFAULT_EXPIRATION_SECONDS,
  derivedUuid,
  podBoundLifetime,
} from '../../engine/apiserver/serviceAccountToken.ts';
import type { ProjectedTokenSource } from '../../engine/node/containerEnv.ts';
import type { Ctx } from '../context.ts';
import { peekObject } from './common.ts';
import { POD_SYNC_MS } from './volumeSync.ts';

/** The kubelet token manager's maxTTL: a token older than this is always renewed. */
const MAX_TTL_MS = 24 * 60 * 60 * 1000;

/** The pod's token at epoch ms `atMs` (the kubelet's last write of the volume), if known. */
export function podTokenOf(
  ctx: Ctx,
  pod: Pod,
  node: KubeObject | undefined,
): (source: ProjectedTokenSource, atMs?: number) => string | undefined {
  return (source, atMs) => {
    const namespace = pod.metadata?.namespace ?? ctx.namespace;
    const saName = pod.spec?.serviceAccountName || 'default';
    const sa = peekObject(ctx, 'serviceaccounts', namespace, saName);
    const started = Date.parse(pod.status?.startTime ?? '');
    if (!sa || Number.isNaN(started)) return undefined;
    const requested = source.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
    const audiences = source.audience ? [source.audience] : [...API_AUDIENCES];
    // Renewed at the first sync past 80 % of the requested lifetime (or 24 h).
    const due = Math.min(requested * 800, MAX_TTL_MS);
    const period = Math.ceil(due / POD_SYNC_MS) * POD_SYNC_MS;
    const at = atMs ?? ctx.host.nowEpochMs();
    const issuedMs = started + Math.floor(Math.max(0, at - started) / period) * period;
    const iat = Math.floor(issuedMs / 1000);
    const podUid = pod.metadata?.uid ?? '';
    const life = podBoundLifetime(requested, audiences);
    const nodeName = pod.spec?.nodeName;
    return boundToken({
      namespace,
      serviceAccount: { name: saName, uid: sa.metadata?.uid ?? '' },
      pod: { name: pod.metadata?.name ?? '', uid: podUid },
      ...(nodeName ? { node: { name: nodeName, uid: node?.metadata?.uid ?? '' } } : {}),
      audiences,
      iat,
      expirationSeconds: life.expirationSeconds,
      warnAfterSeconds: life.warnAfterSeconds,
      jti: derivedUuid(`${podUid}/${source.path}/${iat}`),
    });
  };
}
