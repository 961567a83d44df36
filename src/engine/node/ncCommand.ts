/**
 * busybox `nc` (its netcat 1.10 applet, the busybox image's) as a port check: `nc -zv -w 2 HOST
 * PORT`. It resolves HOST (`nc: bad address 'HOST'`), connects, and with -v says
 * `HOST (IP:PORT) open` on stderr (exit 0). A failed connect exits 1; -v reports it as
 * `nc: HOST (IP:PORT): ERROR`, except a refusal (ECONNREFUSED), which only -vv prints. `-w N`
 * bounds the connect (ETIMEDOUT, "Connection timed out"); without it the kernel's own timeout
 * ends a connection nothing answers. -vv adds the byte counts (`sent 0, rcvd 0`). Without -z an
 * open connection would shovel stdin and the network: not simulated (undefined), nor -u, -l, -e.
 * busybox `telnet` below.
 */
import { type Connection, connectError, failsAfterMs, unknownAddress } from './netConnect.ts';
import type { ServiceView } from './program.ts';

export interface NcResult {
  exitCode: number;
  output: string;
  error: string;
  ms: number;
}

/**
 * `nc ARGS`, given where a host and port lead (`reach`: a Service or a pod, an address nothing
 * has, null when the name does not resolve, undefined when not simulated) and what a connection
 * to a target finds.
 */
export function ncCommand(
  args: readonly string[],
  reach: (host: string, port: number) => ServiceView | string | null | undefined,
  connect: (target: ServiceView, port: number) => Connection,
): NcResult | undefined {
  let verbose = 0;
  let zero = false;
  let waitMs = 0;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    // Short options bundle (`-zvw2`, `-zv -w 2`); -w takes the rest of the word or the next.
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'v') verbose++;
      else if (c === 'z') zero = true;
      else if (c === 'n') continue;
      else if (c === 'w') {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined || !/^\d+$/.test(value)) return undefined;
        waitMs = Number(value) * 1000;
        break;
      } else return undefined;
    }
  }
  const [host, portText] = operands;
  if (operands.length !== 2 || host === undefined || !/^\d+$/.test(portText ?? '')) {
    return undefined;
  }
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  const target = reach(host, port);
  if (target === undefined) return undefined;
  const counts = verbose > 1 ? 'sent 0, rcvd 0\n' : '';
  if (target === null) {
    return { exitCode: 1, output: '', error: `nc: bad address '${host}'\n`, ms: 0 };
  }
  // A headless Service's name is its pods' addresses: not simulated here.
  if (typeof target !== 'string' && target.addresses) return undefined;
  const ip = typeof target === 'string' ? target : target.clusterIP;
  const dotted = `${ip}:${port}`;
  const conn = typeof target === 'string' ? unknownAddress(target) : connect(target, port);
  if (conn.kind === 'answered') {
    if (!zero) return undefined;
    const open = verbose > 0 ? `${host} (${dotted}) open\n` : '';
    return { exitCode: 0, output: '', error: open + counts, ms: 0 };
  }
  const failsAt = failsAfterMs(conn);
  const timedOut = waitMs > 0 && waitMs < failsAt;
  const why = timedOut ? 'Connection timed out' : connectError(conn);
  const shown = verbose > 1 || (verbose > 0 && conn.kind !== 'refused');
  return {
    exitCode: 1,
    output: '',
    error: (shown ? `nc: ${host} (${dotted}): ${why}\n` : '') + counts,
    ms: timedOut ? waitMs : failsAt,
  };
}

/**
 * busybox `telnet HOST [PORT]` (port 23 by default) without a terminal: it connects, reads
 * end-of-file from the exec's empty stdin and exits 0, saying nothing. A failed connect is
 * `telnet: can't connect to remote host (IP): ERROR` (exit 1); it has no timeout of its own, so a
 * dropped connection fails when the kernel gives up.
 */
export function telnetCommand(
  args: readonly string[],
  reach: (host: string, port: number) => ServiceView | string | null | undefined,
  connect: (target: ServiceView, port: number) => Connection,
): NcResult | undefined {
  const [host, portText = '23', ...extra] = args;
  if (host === undefined || host.startsWith('-') || extra.length > 0) return undefined;
  if (!/^\d+$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  const target = reach(host, port);
  if (target === undefined) return undefined;
  if (target === null) {
    return { exitCode: 1, output: '', error: `telnet: bad address '${host}'\n`, ms: 0 };
  }
  if (typeof target !== 'string' && target.addresses) return undefined;
  const ip = typeof target === 'string' ? target : target.clusterIP;
  const conn = typeof target === 'string' ? unknownAddress(target) : connect(target, port);
  if (conn.kind === 'answered') return { exitCode: 0, output: '', error: '', ms: 0 };
  return {
    exitCode: 1,
    output: '',
    error: `telnet: can't connect to remote host (${ip}): ${connectError(conn)}\n`,
    ms: failsAfterMs(conn),
  };
}
