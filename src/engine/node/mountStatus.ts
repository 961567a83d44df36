/**
 * The mounts as a container's status reports them (1.31+, RecursiveReadOnlyMounts on by
 * default): name, path, read-only, and for a read-only mount whether it is recursively so.
 * Built once per container and shared by every status written for it.
 */
export function mountStatuses(c: {
  volumeMounts?: {
    name: string;
    mountPath: string;
    readOnly?: boolean;
    recursiveReadOnly?: string;
  }[];
}): readonly Record<string, unknown>[] | undefined {
  if (!c.volumeMounts?.length) return undefined;
  return c.volumeMounts.map((m) => ({
    mountPath: m.mountPath,
    name: m.name,
    ...(m.readOnly
      ? {
          readOnly: true,
          recursiveReadOnly: m.recursiveReadOnly === 'Enabled' ? 'Enabled' : 'Disabled',
        }
      : {}),
  }));
}
