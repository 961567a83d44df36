/**
 * `/proc/1/root` from an ephemeral container that targets another (`kubectl debug -it POD
 * --image=busybox --target=app`): the two share a PID namespace in which the target's program
 * is PID 1, and `/proc/1/root` is that process's root, the target's own filesystem. Worked out
 * when first read.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import type { ProcRoot } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';
import { surroundingsOf } from './logs.ts';
import { containerFiles } from './podFiles.ts';

/** PID 1's root for an exec in container `name` of `pod`, when PID 1 is its target's program. */
export function targetProcRoot(
  ctx: Ctx,
  pod: Pod,
  name: string,
  node: KubeObject | undefined,
  nowMs: number,
): (() => ProcRoot | undefined) | undefined {
  const target = pod.spec?.ephemeralContainers?.find((c) => c.name === name)?.targetContainerName;
  if (!target) return undefined;
  return () => {
    const container = pod.spec?.containers?.find((c) => c.name === target);
    const startedAt = pod.status?.containerStatuses?.find((s) => s.name === target)?.state?.running
      ?.startedAt;
    if (!container || !startedAt) return undefined;
    const startMs = Date.parse(startedAt);
    const { where } = surroundingsOf(ctx, pod, container, node);
    return {
      image: container.image ?? '',
      files: containerFiles(ctx, pod, container, node, startMs, nowMs),
      elapsedMs: nowMs - startMs,
      where,
    };
  };
}
