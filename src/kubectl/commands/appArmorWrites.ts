/**
 * The writes a container's AppArmor profile denies: a Localhost profile loaded on its node
 * with `deny PATH w,` rules (the tutorial's k8s-apparmor-example-deny-write: `deny /** w,`)
 * makes the kernel refuse those writes, `Permission denied` (EACCES), to every process in it.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import { containerAppArmorProfile } from '../../engine/apiserver/appArmor.ts';
import { deniedWrites, loadedProfiles } from '../../engine/node/appArmorProfiles.ts';
import type { Surroundings } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';

/** `where` with the writes the container's Localhost profile denies; `where` itself without. */
export function withAppArmorRules(
  ctx: Ctx,
  pod: Pod,
  container: Container | undefined,
  where: Surroundings,
): Surroundings {
  const node = pod.spec?.nodeName;
  if (!node || !container) return where;
  const profile = containerAppArmorProfile(
    pod as KubeObject,
    container.name,
    container.securityContext,
  );
  if (profile?.type !== 'Localhost' || !profile.localhostProfile) return where;
  const text = loadedProfiles(ctx.host.storedFiles, node).get(profile.localhostProfile)?.text;
  const denied = text ? deniedWrites(text) : undefined;
  return denied ? { ...where, writeDenied: denied } : where;
}
