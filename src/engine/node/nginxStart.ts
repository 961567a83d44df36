/**
 * How the nginx image's start goes under what its container is given: its user, a read-only
 * root filesystem, dropped capabilities, and another container of the pod already on port 80.
 *
 * The image's entrypoint first lets 10-listen-on-ipv6-by-default.sh add `listen [::]:80` to
 * /etc/nginx/conf.d/default.conf, which it can only do as root on a writable root (else it says
 * it "can not modify" the file and goes on). Then nginx (ngx_init_cycle, main) in this order:
 * - as a non-root user, warns that the `user` directive is ignored;
 * - creates /var/cache/nginx/client_temp (mkdir: EROFS on a read-only root, EACCES as non-root,
 *   unless a volume is mounted there) and, as root, chowns it to the `nginx` user (101): EPERM
 *   without CAP_CHOWN;
 * - binds its listening sockets (0.0.0.0:80, and [::]:80 when the entrypoint added it): below
 *   1024 it needs root with CAP_NET_BIND_SERVICE (containerd 1.7 leaves
 *   ip_unprivileged_port_start at 1024), and a port another container of the pod holds
 *   (they share one network namespace) fails with EADDRINUSE five times, 500 ms apart;
 * - logs its status and writes /var/run/nginx.pid (/run: EROFS, or EACCES as non-root).
 * Each failure is an `[emerg]`: written to the error log (the image links it to stderr) and, as
 * a level up to `warn`, again to stderr as `nginx: [emerg] …`; nginx exits 1.
 */
import { catalogueVersion } from '../registry/registry.ts';
import { type Program, repository } from './program.ts';
import { imageUser, processUser, type UserContext } from './securityContext.ts';

/** What decides nginx's start (see nginxSetting). */
export interface NginxSetting {
  /** The process's uid (0: root). */
  uid: number;
  readOnlyRoot: boolean;
  /** Where writable volumes (emptyDir, hostPath) are mounted. */
  writable: readonly string[];
  /** Capabilities taken away (names without CAP_; `ALL`), minus those added back. */
  dropped: ReadonlySet<string>;
  /** Another container of the pod already listens on port 80. */
  portTaken: boolean;
}

type Obj = Record<string, unknown>;

interface ContainerLike {
  image?: string;
  command?: readonly string[];
  args?: readonly string[];
  securityContext?: unknown;
  volumeMounts?: readonly { name: string; mountPath: string; readOnly?: boolean }[];
}

/** Whether a container runs the nginx image's own program (no command or args of its own). */
export function runsNginx(c: ContainerLike | undefined, repo: string): boolean {
  return repo === 'nginx' && !c?.command?.length && !c?.args?.length;
}

/**
 * The setting of an nginx container, or undefined when nothing changes the image's plain
 * start (the common case, decided without looking further: no securityContext, no port taken).
 * `uid` is the process's user as the securityContext makes it (securityContext.ts).
 */
export function nginxSetting(
  podSpec: unknown,
  c: ContainerLike | undefined,
  uid: number,
  portTaken: boolean,
): NginxSetting | undefined {
  const sc = (c?.securityContext ?? undefined) as Obj | undefined;
  if (!sc && uid === 0 && !portTaken) return undefined;
  const caps = (sc?.capabilities ?? {}) as { add?: unknown; drop?: unknown };
  const names = (v: unknown) =>
    (Array.isArray(v) ? v : []).map((x) => String(x).toUpperCase().replace(/^CAP_/, ''));
  const dropped = new Set(names(caps.drop));
  for (const a of names(caps.add)) dropped.delete(a);
  const added = new Set(names(caps.add));
  if (dropped.has('ALL')) {
    // drop ALL, add some back: what matters here is whether CHOWN and NET_BIND_SERVICE remain.
    for (const cap of ['CHOWN', 'NET_BIND_SERVICE']) if (!added.has(cap)) dropped.add(cap);
  }
  const volumes = ((podSpec as { volumes?: Obj[] } | undefined)?.volumes ?? []) as {
    name?: string;
    emptyDir?: unknown;
    hostPath?: unknown;
  }[];
  const writable: string[] = [];
  for (const m of c?.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    if (v && (v.emptyDir !== undefined || v.hostPath !== undefined) && !m.readOnly) {
      writable.push(m.mountPath.replace(/\/+$/, '') || '/');
    }
  }
  const setting: NginxSetting = {
    uid,
    readOnlyRoot: sc?.readOnlyRootFilesystem === true,
    writable,
    dropped,
    portTaken,
  };
  return setting;
}

/** `/var/run` is a link to `/run` in the image: a volume at either holds the pid file. */
function resolved(path: string): string {
  return path === '/var/run' || path.startsWith('/var/run/') ? path.slice(4) : path;
}

/** The errno text of writing `path` (a new entry of its directory), or undefined when it works. */
function writeError(s: NginxSetting, path: string): string | undefined {
  const target = resolved(path);
  const dir = target.slice(0, target.lastIndexOf('/')) || '/';
  const inVolume = s.writable.some((w) => {
    const m = resolved(w);
    return dir === m || dir.startsWith(`${m}/`);
  });
  if (inVolume) return undefined;
  if (s.readOnlyRoot) return '30: Read-only file system';
  return s.uid === 0 ? undefined : '13: Permission denied';
}

/** Whether the entrypoint could add the IPv6 listen line to default.conf. */
export function nginxIpv6(s: NginxSetting | undefined): boolean {
  return !s || (s.uid === 0 && !s.readOnlyRoot);
}

/** The entrypoint's lines (stdout), before nginx itself starts. */
export function nginxEntrypoint(s: NginxSetting | undefined): string {
  const ipv6 = nginxIpv6(s)
    ? `10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
`
    : '10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n';
  return `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
${ipv6}/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
`;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** nginx's error-log time: `2026/01/06 00:00:04`. */
function stamp(startedAt: string, ms: number): string {
  const t = new Date((Date.parse(startedAt) || 0) + ms);
  return `${t.getUTCFullYear()}/${p2(t.getUTCMonth() + 1)}/${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}`;
}

/**
 * The program of an nginx container whose start fails under `s` (exit 1, its log), or
 * undefined when nginx runs. `status` gives the lines nginx logs once its cycle is up (the
 * version, the OS), for a failure that comes after them; `kernel` and `version` fill them.
 */
export function nginxFailure(
  s: NginxSetting | undefined,
  startedAt: string,
  kernel: string,
  version: string,
): Extract<Program, { runs: 'exits' }> | undefined {
  if (!s) return undefined;
  let ms = 0;
  let log = '';
  const line = (level: string, text: string) => {
    log += `${stamp(startedAt, ms)} [${level}] 1#1: ${text}\n`;
    if (level !== 'notice') log += `nginx: [${level}] ${text}\n`;
  };
  const fail = () => ({
    runs: 'exits' as const,
    afterMs: ms,
    exitCode: 1,
    output: nginxEntrypoint(s) + log,
  });
  if (s.uid !== 0) {
    line(
      'warn',
      'the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2',
    );
  }
  const temp = '/var/cache/nginx/client_temp';
  const mkdir = writeError(s, temp);
  if (mkdir) {
    line('emerg', `mkdir() "${temp}" failed (${mkdir})`);
    return fail();
  }
  if (s.uid === 0 && s.dropped.has('CHOWN')) {
    line('emerg', `chown("${temp}", 101) failed (1: Operation not permitted)`);
    return fail();
  }
  const sockets = nginxIpv6(s) ? ['0.0.0.0:80', '[::]:80'] : ['0.0.0.0:80'];
  if (s.uid !== 0 || s.dropped.has('NET_BIND_SERVICE')) {
    line('emerg', `bind() to ${sockets[0]} failed (13: Permission denied)`);
    return fail();
  }
  if (s.portTaken) {
    for (let tries = 0; tries < 5; tries++) {
      for (const addr of sockets)
        line('emerg', `bind() to ${addr} failed (98: Address already in use)`);
      line('notice', 'try again to bind() after 500ms');
      ms += 500;
    }
    line('emerg', 'still could not bind()');
    return fail();
  }
  const pid = writeError(s, '/var/run/nginx.pid');
  if (pid) {
    line('notice', 'using the "epoll" event method');
    line('notice', `nginx/${version}`);
    log += `${stamp(startedAt, ms)} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n`;
    line('notice', `OS: Linux ${kernel}`);
    line('notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
    line('emerg', `open() "/var/run/nginx.pid" failed (${pid})`);
    return fail();
  }
  return undefined;
}

/**
 * The setting of a container that runs the nginx image's own start in a pod of spec `podSpec`
 * (see nginxSetting), or undefined when it is not one or nothing changes its start.
 * `portTaken`: another container of the pod listens on port 80 already.
 */
export function nginxSettingOf(
  podSpec: unknown,
  c: ContainerLike | undefined,
  portTaken: boolean,
): NginxSetting | undefined {
  const image = c?.image ?? '';
  if (!runsNginx(c, repository(image))) return undefined;
  const podSc = (podSpec as { securityContext?: UserContext } | undefined)?.securityContext;
  const own = c?.securityContext as UserContext | undefined;
  const uid = processUser(image, podSc, own)?.uid ?? imageUser(image).uid;
  return nginxSetting(podSpec, c, uid, portTaken);
}

/** The failing program of such a container (nginxFailure), or undefined when it starts. */
export function nginxStartFailure(
  podSpec: unknown,
  c: ContainerLike | undefined,
  portTaken: boolean,
  startedAt: string,
  kernel: string,
): Extract<Program, { runs: 'exits' }> | undefined {
  const s = nginxSettingOf(podSpec, c, portTaken);
  if (!s) return undefined;
  const image = c?.image ?? '';
  const version = catalogueVersion(image) ?? catalogueVersion('nginx') ?? '';
  return nginxFailure(s, startedAt, kernel, version);
}
