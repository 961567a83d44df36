/**
 * busybox `netstat` (the busybox image's applet) listing the sockets of the pod's network
 * namespace, which all its containers share: what their programs listen on. nginx listens on
 * 0.0.0.0 and, since its image's entrypoint enables it, on [::] too. With -p a socket is named
 * by the process holding it, `PID/argv0` cut to 19 characters (`1/nginx: master pro`), when
 * that process is in the exec's PID namespace (its own container's, the pod's shared one, an
 * ephemeral container's target); else `-`. The sockets are read from /proc/net/tcp and tcp6
 * (IPv4 first); no connection is established between exec's, so only listening sockets exist.
 */

/** A socket a program of the pod listens on. */
export interface ListeningSocket {
  port: number;
  /** Also on [::] (a second line, from /proc/net/tcp6). */
  ipv6: boolean;
  /** `PID/argv0` of its process when the exec's PID namespace shows it. */
  program?: string;
}

/** `netstat ARGS`: -l, -a, -t, -u, -n, -p, -e (bundled: `-tlnp`); undefined otherwise. */
export function netstatCommand(
  args: readonly string[],
  sockets: readonly ListeningSocket[],
): { exitCode: number; output: string } | undefined {
  const opts = new Set<string>();
  for (const a of args) {
    if (!/^-[laentuwxpW]+$/.test(a)) return undefined;
    for (const c of a.slice(1)) opts.add(c);
  }
  const picked = ['t', 'u', 'w', 'x'].filter((c) => opts.has(c));
  const protos = picked.length > 0 ? picked : ['t', 'u', 'w', 'x'];
  // UNIX domain sockets (nginx has none of its own, but the runtime's are not modelled).
  if (protos.includes('x')) return undefined;
  const listening = opts.has('l') || opts.has('a');
  const connected = !opts.has('l') || opts.has('a');
  const wide = opts.has('W') ? 51 : 23;
  const banner = opts.has('p') ? 'PID/Program name    ' : '';
  const which =
    listening && connected
      ? '(servers and established)'
      : listening
        ? '(only servers)'
        : '(w/o servers)';
  let out = `Active Internet connections ${which}\nProto Recv-Q Send-Q ${'Local Address'.padEnd(wide)} ${'Foreign Address'.padEnd(wide)} State       ${banner}\n`;
  if (!listening || !protos.includes('t')) return { exitCode: 0, output: out };
  const line = (local: string, remote: string, s: ListeningSocket) =>
    `tcp   ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(wide)} ${remote.padEnd(wide)} ${'LISTEN'.padEnd(12)}${opts.has('p') ? (s.program ?? '-').slice(0, 19) : ''}\n`;
  for (const s of sockets) out += line(`0.0.0.0:${s.port}`, '0.0.0.0:*', s);
  for (const s of sockets) if (s.ipv6) out += line(`:::${s.port}`, ':::*', s);
  return { exitCode: 0, output: out };
}
