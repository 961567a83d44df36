/**
 * The node's own files in a container's hostPath mounts: a hostPath volume is a directory of the
 * node, so what the node has there from the start (the kubelet's configuration, kubeadm's
 * manifests, kubeconfigs and PKI: nodeShell/nodeFiles.ts) is what the container sees under its
 * mount, beside what was written there since (podFiles.ts keeps writes in the node's file
 * system). `kubectl debug node/NAME` mounts the node's `/` at `/host`: `ls /host/etc/kubernetes`
 * lists the node's files as `ssh NODE ls /etc/kubernetes` does.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { normalPath, type Surroundings } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';
import { BASE_DIRS, baseFiles } from '../nodeShell/nodeFiles.ts';
import { NodeFs } from '../nodeShell/nodeFs.ts';
import { nodePathOf } from './podFiles.ts';

/** `path` (the node's) seen under a mount of the node's `root` at `mount`, if it is under it. */
function under(path: string, root: string, mount: string): string | undefined {
  if (root !== '/' && path !== root && !path.startsWith(`${root}/`)) return undefined;
  return normalPath(`${mount}/${root === '/' ? path : path.slice(root.length)}`);
}

/**
 * `where` with the node's files and directories under the container's hostPath mounts (not a
 * subPath one); `where` itself when it mounts none.
 */
export function withNodeFiles(
  ctx: Ctx,
  pod: Pod,
  container: Container | undefined,
  where: Surroundings,
): Surroundings {
  const node = pod.spec?.nodeName;
  if (!node || !container?.volumeMounts?.length) return where;
  const volumes = pod.spec?.volumes ?? [];
  let files: Map<string, string> | undefined;
  let dirs: string[] | undefined;
  let base: Map<string, () => string> | undefined;
  for (const m of container.volumeMounts) {
    const path = volumes.find((v) => v.name === m.name)?.hostPath?.path;
    if (!path || m.subPath) continue;
    const root = normalPath(path);
    const mount = normalPath(m.mountPath);
    base ??= baseFiles(ctx.host, node, ctx.host.machines?.controlPlane === node);
    files ??= new Map(where.files ?? []);
    dirs ??= [...(where.dirs ?? [])];
    for (const [p, read] of base) {
      const seen = under(p, root, mount);
      if (seen) files.set(seen, read());
    }
    // Its own directory, and the node's (even empty, as /etc/kubernetes/manifests on a worker).
    if (BASE_DIRS.includes(root) || [...base.keys()].some((p) => p.startsWith(`${root}/`))) {
      for (const d of BASE_DIRS) {
        const seen = under(d, root, mount);
        if (seen && !dirs.includes(seen)) dirs.push(seen);
      }
    }
  }
  if (!files || !dirs) return where;
  return { ...where, files, dirs };
}

/**
 * Why the console refuses a write (null content: a removal) at container path `path` when it
 * lands on the node's own file system: the control plane's manifests change only as the node's
 * shell lets them (NodeFs.refused).
 */
export function refusedOnNode(
  ctx: Ctx,
  pod: Pod,
  container: Container,
  path: string,
  content: string | null,
): string | undefined {
  const at = nodePathOf(ctx, pod, container, path);
  if (!at || at.node !== ctx.host.machines?.controlPlane) return undefined;
  if (!at.path.startsWith('/etc/kubernetes/manifests/')) return undefined;
  const why = new NodeFs(ctx.host, at.node, true).refused(at.path, content ?? undefined);
  return why ? why.replace(at.path, path) : undefined;
}
