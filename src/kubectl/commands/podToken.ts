/**
 * The token in a pod's projected `serviceAccountToken` file (the kube-api-access volume's
 * `token`), as the kubelet keeps it (serviceAccountToken.ts projectedToken), worked out when
 * read: no request per pod on the engine's paths.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import { projectedToken } from '../../engine/apiserver/serviceAccountToken.ts';
import type { ProjectedTokenSource } from '../../engine/node/containerEnv.ts';
import type { Ctx } from '../context.ts';
import { peekObject } from './common.ts';
import { POD_SYNC_MS } from './volumeSync.ts';

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
    const startedMs = Date.parse(pod.status?.startTime ?? '');
    if (!sa || Number.isNaN(startedMs)) return undefined;
    const nodeName = pod.spec?.nodeName;
    return projectedToken({
      namespace,
      serviceAccount: { name: saName, uid: sa.metadata?.uid ?? '' },
      pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
      ...(nodeName ? { node: { name: nodeName, uid: node?.metadata?.uid ?? '' } } : {}),
      source,
      startedMs,
      atMs: atMs ?? ctx.host.nowEpochMs(),
      syncMs: POD_SYNC_MS,
    });
  };
}
