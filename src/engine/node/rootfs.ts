/**
 * A container's root filesystem under `securityContext.readOnlyRootFilesystem: true`: runc
 * mounts the image's layers read-only, so a write anywhere fails with EROFS ("Read-only file
 * system") but on what is mounted over it: the pod's volumes (an emptyDir, a hostPath), the
 * kubelet's /etc/hosts, /etc/hostname and /etc/resolv.conf, and the runtime's /dev (a tmpfs:
 * `> /dev/null` works). The classic fix for a program that writes is an emptyDir where it writes.
 */

/** The runtime's and the kubelet's writable mounts of every container. */
const RUNTIME_MOUNTS = ['/dev', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];

/** Whether `path` (absolute, normalised) is writable on a read-only root with volumes at `dirs`. */
export function writableOnReadOnlyRoot(path: string, dirs: readonly string[] | undefined): boolean {
  const under = (d: string) => path === d || path.startsWith(`${d}/`);
  return RUNTIME_MOUNTS.some(under) || (dirs?.some(under) ?? false);
}

/** Whether a container asks for a read-only root filesystem (a container-level field only). */
export function readOnlyRoot(container: unknown): boolean {
  const sc = (container as { securityContext?: { readOnlyRootFilesystem?: unknown } } | undefined)
    ?.securityContext;
  return sc?.readOnlyRootFilesystem === true;
}
