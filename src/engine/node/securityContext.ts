/**
 * Who a container's processes run as: the pod's and the container's securityContext (the
 * container's fields win, as securitycontext.DetermineEffectiveSecurityContext merges them),
 * over the user the image names. The runtime (containerd) sets the uid, the primary gid
 * (runAsGroup, else the image user's, else 0), and the supplementary groups: the primary gid,
 * the image user's memberships in its /etc/group, the pod's supplementalGroups and fsGroup. The
 * kernel keeps the list sorted, which is how `id` prints it.
 */
import { repository } from './program.ts';

/** The securityContext fields that decide the process's user (pod and container level). */
export interface UserContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  /** Pod level only. */
  fsGroup?: number;
  supplementalGroups?: readonly number[];
}

/** The process's credentials. */
export interface ProcessUser {
  uid: number;
  gid: number;
  /** Supplementary groups, sorted (the primary gid among them). */
  groups: readonly number[];
}

/** A user of an image's /etc/passwd: its uid, primary gid and other groups. */
interface ImageUser {
  uid: number;
  gid: number;
  groups: readonly number[];
}

/** Images that name a non-root USER (most run as root): uid/gid as their Dockerfile sets them. */
const IMAGE_USERS: Readonly<Record<string, ImageUser>> = {
  'nginx-unprivileged': { uid: 101, gid: 101, groups: [] },
  pause: { uid: 65535, gid: 65535, groups: [] },
};

/** root's other groups in /etc/group: busybox's lists root in wheel. */
const ROOT_GROUPS: Readonly<Record<string, readonly number[]>> = {
  busybox: [10],
  alpine: [10],
};

/** User names of the base images' /etc/passwd (busybox's and Debian's agree on these). */
const USER_NAMES: Readonly<Record<number, string>> = {
  0: 'root',
  1: 'daemon',
  2: 'bin',
  3: 'sys',
  33: 'www-data',
  65534: 'nobody',
};

/** Group names of the base images' /etc/group. */
const GROUP_NAMES: Readonly<Record<number, string>> = {
  0: 'root',
  1: 'daemon',
  2: 'bin',
  3: 'sys',
  4: 'adm',
  5: 'tty',
  6: 'disk',
  10: 'wheel',
  33: 'www-data',
  100: 'users',
  65534: 'nogroup',
};

/** `id`'s `N(name)` for a uid (or, with `group`, a gid) the image names; plain `N` otherwise. */
export function idName(id: number, group = false): string {
  const name = (group ? GROUP_NAMES : USER_NAMES)[id];
  return name === undefined ? String(id) : `${id}(${name})`;
}

/** The group name of a gid, if the image's /etc/group has it. */
export function groupName(gid: number): string | undefined {
  return GROUP_NAMES[gid];
}

/** The user name of a uid, if the image's /etc/passwd has it. */
export function userName(uid: number): string | undefined {
  return USER_NAMES[uid];
}

/** The user an image runs as when nothing says otherwise. */
export function imageUser(image: string): ImageUser {
  const repo = repository(image);
  return IMAGE_USERS[repo] ?? { uid: 0, gid: 0, groups: ROOT_GROUPS[repo] ?? [] };
}

/** The effective securityContext of a container: its own fields over the pod's. */
export function effectiveContext(
  pod: UserContext | undefined,
  container: UserContext | undefined,
): UserContext {
  const out: UserContext = {};
  const runAsUser = container?.runAsUser ?? pod?.runAsUser;
  const runAsGroup = container?.runAsGroup ?? pod?.runAsGroup;
  const runAsNonRoot = container?.runAsNonRoot ?? pod?.runAsNonRoot;
  if (runAsUser !== undefined) out.runAsUser = runAsUser;
  if (runAsGroup !== undefined) out.runAsGroup = runAsGroup;
  if (runAsNonRoot !== undefined) out.runAsNonRoot = runAsNonRoot;
  if (pod?.fsGroup !== undefined) out.fsGroup = pod.fsGroup;
  if (pod?.supplementalGroups) out.supplementalGroups = pod.supplementalGroups;
  return out;
}

/**
 * The credentials of a container's processes, or undefined when nothing changes the image's
 * own user (the common case: no securityContext fields that matter).
 */
export function processUser(
  image: string,
  pod: UserContext | undefined,
  container: UserContext | undefined,
): ProcessUser | undefined {
  const sc = effectiveContext(pod, container);
  if (
    sc.runAsUser === undefined &&
    sc.runAsGroup === undefined &&
    sc.fsGroup === undefined &&
    !sc.supplementalGroups?.length
  ) {
    return undefined;
  }
  const own = imageUser(image);
  // A uid the image does not know has no entry in /etc/passwd: gid 0, no memberships.
  const known = sc.runAsUser === undefined || sc.runAsUser === own.uid;
  const uid = sc.runAsUser ?? own.uid;
  const gid = sc.runAsGroup ?? (known ? own.gid : 0);
  const groups = new Set<number>([gid, ...(known ? own.groups : [])]);
  for (const g of sc.supplementalGroups ?? []) groups.add(g);
  if (sc.fsGroup !== undefined) groups.add(sc.fsGroup);
  return { uid, gid, groups: [...groups].sort((a, b) => a - b) };
}

/**
 * The kubelet's verifyRunAsNonRoot: with runAsNonRoot, a container must run as a non-zero uid,
 * either its runAsUser or its image's numeric user. The error, else undefined. `formattedPod`
 * is the pod as the kubelet prints it (`name_namespace(uid)`).
 */
export function nonRootError(
  image: string,
  pod: UserContext | undefined,
  container: UserContext | undefined,
  formattedPod: string,
  name: string,
): string | undefined {
  const sc = effectiveContext(pod, container);
  if (!sc.runAsNonRoot) return undefined;
  const where = `(pod: ${JSON.stringify(formattedPod)}, container: ${name})`;
  if (sc.runAsUser !== undefined) {
    return sc.runAsUser === 0 ? `container's runAsUser breaks non-root policy ${where}` : undefined;
  }
  return imageUser(image).uid === 0
    ? `container has runAsNonRoot and image will run as root ${where}`
    : undefined;
}
