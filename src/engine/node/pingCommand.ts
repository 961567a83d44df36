/**
 * busybox `ping -c N HOST` (the busybox image's applet) from a pod.
 *
 * - A pod's IP answers ICMP echo: one line per reply, `64 bytes from IP: seq=N ttl=T time=X ms`.
 *   On the pod's own node the packet crosses the node's bridge only (ttl 64); to another node
 *   flannel routes it out of one node and into the other (ttl 62).
 * - A Service's cluster IP answers nothing: in kube-proxy's iptables mode it exists only as DNAT
 *   rules for its TCP/UDP ports, and no interface has it, so every echo request is lost.
 * - An address of the pod network where no pod is, or outside the cluster: lost as well (busybox
 *   prints only the echo replies it gets). A node's address: not simulated.
 * - NetworkPolicy: ICMP has no port, so only a rule without `ports` can allow it (what Calico and
 *   Cilium do; Kubernetes leaves protocols other than TCP, UDP and SCTP to the plugin). An
 *   isolated pod that no such rule opens to the client drops the echo requests.
 *
 * The statistics follow, and the exit code: 0 when a reply came, 1 when none did. Without -c
 * ping runs until interrupted: not simulated (undefined). The times are illustrative.
 */
import type { ServiceView } from './program.ts';

export interface PingResult {
  exitCode: number;
  output: string;
  ms: number;
}

/** A round-trip time for reply `seq` (ms, three decimals), steady for a pair of addresses. */
function rtt(ip: string, seq: number, sameNode: boolean): number {
  let h = seq * 7919;
  for (const c of ip) h = (h * 31 + c.charCodeAt(0)) % 100_003;
  const base = sameNode ? 0.05 : 0.35;
  const spread = sameNode ? 0.06 : 0.3;
  return Math.round((base + ((h % 1000) / 1000) * spread) * 1000) / 1000;
}

/**
 * `ping ARGS` from the pod at `podIP`, given where a host leads (`reach`: a Service or a pod, an
 * address nothing has, null when the name does not resolve, undefined when not simulated).
 */
export function pingCommand(
  args: readonly string[],
  podIP: string | undefined,
  reach: (host: string) => ServiceView | string | null | undefined,
): PingResult | undefined {
  let count: number | undefined;
  let waitS: number | undefined;
  let quiet = false;
  let host: string | undefined;
  const number = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const attached = /^-([cW])(\d+)$/.exec(a);
    if (attached) {
      if (attached[1] === 'c') count = Number(attached[2]);
      else waitS = Number(attached[2]);
    } else if (a === '-c') count = number(args[++i]);
    else if (a === '-W') waitS = number(args[++i]);
    else if (a === '-q') quiet = true;
    else if (a.startsWith('-')) return undefined;
    else if (host === undefined) host = a;
    else return undefined;
  }
  if (host === undefined || count === undefined || !Number.isInteger(count) || count < 1) {
    return undefined;
  }
  if (waitS !== undefined && !Number.isInteger(waitS)) return undefined;
  const target = reach(host);
  if (target === undefined) return undefined;
  if (target === null) return { exitCode: 1, output: `ping: bad address '${host}'\n`, ms: 0 };
  if (typeof target !== 'string' && target.addresses) return undefined;
  // A node's address answers too, from its own kernel: which node the pod is on is not known
  // here (the ttl says it), so not simulated.
  if (typeof target !== 'string' && target.direct && target.backendPod === undefined) {
    return undefined;
  }
  const ip = typeof target === 'string' ? target : target.clusterIP;
  const head = `PING ${host} (${ip}): 56 data bytes\n`;
  const stats = `\n--- ${host} ping statistics ---\n${count} packets transmitted,`;
  // Only a pod answers (its address reached directly), unless its policies drop ICMP from here.
  const answers =
    typeof target !== 'string' &&
    target.direct === true &&
    target.backendPod !== undefined &&
    !target.icmpDropped;
  if (!answers) {
    // The echo requests go a second apart; the last waits -W seconds (else a second) for nothing.
    const ms = (count - 1) * 1000 + (waitS ?? 1) * 1000;
    return {
      exitCode: 1,
      output: `${head}${stats} 0 packets received, 100% packet loss\n`,
      ms,
    };
  }
  const subnet = (a: string) => a.split('.').slice(0, 3).join('.');
  const sameNode = podIP !== undefined && subnet(podIP) === subnet(ip);
  const ttl = sameNode ? 64 : 62;
  const times = Array.from({ length: count }, (_, seq) => rtt(ip, seq, sameNode));
  const replies = quiet
    ? ''
    : times
        .map((t, seq) => `64 bytes from ${ip}: seq=${seq} ttl=${ttl} time=${t.toFixed(3)} ms\n`)
        .join('');
  const min = Math.min(...times);
  const max = Math.max(...times);
  const avg = times.reduce((a, b) => a + b, 0) / count;
  return {
    exitCode: 0,
    output: `${head}${replies}${stats} ${count} packets received, 0% packet loss\nround-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`,
    ms: (count - 1) * 1000,
  };
}
