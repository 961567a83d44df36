/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...`: kubectl 1.32's
 * PortForwardOptions and client-go's PortForwarder. Complete finds the pod (a workload's or
 * Service's first) and turns named ports (a Service's ports into its target ports) into
 * numbers; Run reads the pod again (it must be Running), then the forwarder parses the
 * addresses and ports, opens the pods/NAME/portforward stream and listens locally, printing
 * one `Forwarding from` line a listener. kubectl then waits, forwarding connections until
 * stopped: the console cannot keep it running, and says so.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { forbiddenMessage } from '../../engine/apiserver/rbac.ts';
import { hex64 } from '../../engine/registry/digest.ts';
import type { Ctx } from '../context.ts';
import { KUBERNETES_ADMIN, requestUser } from '../impersonation.ts';
import { peekObject } from './common.ts';
import { logTarget } from './logs.ts';
import { singleTarget } from './misc.ts';
import { attachablePod, kubeletDialError } from './podContainer.ts';

/** splitPort: `[LOCAL:]REMOTE`; anything but two parts counts as one port (its first part). */
function splitPort(port: string): [string, string] {
  const parts = port.split(':');
  if (parts.length === 2) return [parts[0] as string, parts[1] as string];
  return [parts[0] as string, parts[0] as string];
}

/** strconv.Atoi's acceptance: an optional sign and decimal digits. */
function atoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** util.LookupContainerPortNumberByName. */
function containerPortByName(ctx: Ctx, pod: Pod, name: string): number {
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if ((p.name ?? '') === name) return p.containerPort;
  }
  return ctx.fail(`Pod '${pod.metadata?.name ?? ''}' does not have a named port '${name}'`);
}

/** util.LookupServicePortNumberByName. */
function servicePortByName(ctx: Ctx, svc: Service, name: string): number {
  for (const p of svc.spec?.ports ?? []) if ((p.name ?? '') === name) return p.port;
  return ctx.fail(`Service '${svc.metadata?.name ?? ''}' does not have a named port '${name}'`);
}

/** checkUDPPorts: a port served over UDP only cannot be forwarded. */
function checkUdp(
  ctx: Ctx,
  entries: readonly { port: number; protocol?: string }[],
  ports: readonly string[],
  lookup: (name: string) => number,
): void {
  const udp = new Set(entries.filter((e) => e.protocol === 'UDP').map((e) => e.port));
  for (const e of entries) if ((e.protocol ?? 'TCP') === 'TCP') udp.delete(e.port);
  for (const port of ports) {
    const [, remote] = splitPort(port);
    const n = atoi(remote) ?? lookup(remote);
    if (udp.has(n)) ctx.fail(`UDP protocol is not supported for ${remote}`);
  }
}

/** convertPodNamedPortToNumber. */
function podPorts(ctx: Ctx, pod: Pod, ports: readonly string[]): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    if (remote === '') ctx.fail('remote port cannot be empty');
    const number =
      atoi(remote) === undefined ? String(containerPortByName(ctx, pod, remote)) : remote;
    return local !== remote ? `${local}:${number}` : number;
  });
}

/**
 * translateServicePortToTargetPort: each Service port (by number or name) becomes its target
 * port in the pod (a named target port looked up in the pod; no target port: the port itself).
 */
function servicePorts(ctx: Ctx, svc: Service, pod: Pod, ports: readonly string[]): string[] {
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let number = atoi(remote);
    if (number === undefined) {
      number = servicePortByName(ctx, svc, remote);
      if (local === remote) local = String(number);
    }
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === number);
    if (!sp) ctx.fail(`Service ${svc.metadata?.name ?? ''} does not have a service port ${number}`);
    let target: number;
    if (svc.spec?.clusterIP === 'None') target = number;
    else if (typeof sp.targetPort === 'string')
      target = containerPortByName(ctx, pod, sp.targetPort);
    else target = sp.targetPort || sp.port;
    remote = String(target);
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** strconv.ParseUint(s, 10, 16), or Go's error text. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (n > 65535) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

/** Go's net.ParseIP acceptance, roughly: dotted IPv4 without leading zeros, or IPv6. */
function ipFamily(address: string): 4 | 6 | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const ok = v4.slice(1).every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
    return ok ? 4 : undefined;
  }
  if (!address.includes(':') || !/^[0-9a-fA-F:.]+$/.test(address)) return undefined;
  const doubles = address.split('::').length - 1;
  if (doubles > 1) return undefined;
  const groups = address.split(':').filter((g) => g !== '');
  if (groups.some((g) => g.length > 4 && !g.includes('.'))) return undefined;
  return doubles === 1 ? (groups.length <= 7 ? 6 : undefined) : groups.length === 8 ? 6 : undefined;
}

/** parseAddresses: `localhost` is 127.0.0.1 and ::1; each address once, sorted. */
function listenAddresses(ctx: Ctx, given: readonly string[]): string[] {
  const out = new Set<string>();
  for (const a of given) {
    if (a === 'localhost') {
      out.add('127.0.0.1');
      out.add('::1');
    } else if (ipFamily(a) !== undefined) out.add(a);
    else ctx.fail(`${a} is not a valid IP`);
  }
  return [...out].sort();
}

export function runPortForward(ctx: Ctx, args: string[]): void {
  // Complete.
  if (args.length < 2) {
    ctx.usageError('TYPE/NAME and list of ports are required for port-forward');
  }
  if (ctx.num('pod-running-timeout', 60_000) <= 0) {
    ctx.usageError('--pod-running-timeout must be higher than zero');
  }
  const resource = args[0] as string;
  const target = logTarget(ctx, resource, 'cannot attach to');
  const pod = attachablePod(ctx, target);
  const requested = args.slice(1);
  let ports: string[];
  // A Service's ports are its own: translated to the target ports of the pod it selects.
  const svc =
    'owner' in target && singleTarget(ctx, [resource]).type.resource === 'services'
      ? (peekObject(ctx, 'services', ctx.namespace, target.name) as Service | undefined)
      : undefined;
  if (svc) {
    const entries = (svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol }));
    checkUdp(ctx, entries, requested, (name) => servicePortByName(ctx, svc, name));
    ports = servicePorts(ctx, svc, pod, requested);
  } else {
    const entries = (pod.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol })),
    );
    checkUdp(ctx, entries, requested, (name) => containerPortByName(ctx, pod, name));
    ports = podPorts(ctx, pod, requested);
  }

  // Run: the pod as it is now must be running.
  const namespace = pod.metadata?.namespace ?? ctx.namespace;
  const podName = pod.metadata?.name ?? '';
  const got = ctx.host.api.get('pods', namespace, podName);
  if (!got.ok) ctx.failStatus(got.status);
  const phase = (got.value as Pod).status?.phase;
  if (phase !== 'Running') {
    ctx.fail(`unable to forward port because pod is not running. Current status=${phase ?? ''}`);
  }

  // The forwarder: addresses, then ports, then the stream (POST pods/NAME/portforward).
  const given = ctx.changed('address') ? ctx.list('address') : ['localhost'];
  if (given.length === 0) ctx.fail('you must specify at least 1 address');
  const addresses = listenAddresses(ctx, given);
  const forwards = ports.map((p) => {
    const parts = p.split(':');
    if (parts.length > 2) ctx.fail(`invalid port format '${p}'`);
    const localString = parts.length === 2 ? parts[0] || '0' : (parts[0] as string);
    const remoteString = parts.length === 2 ? (parts[1] as string) : (parts[0] as string);
    const local = parseUint16(localString);
    if (typeof local === 'string') ctx.fail(`error parsing local port '${localString}': ${local}`);
    const remote = parseUint16(remoteString);
    if (typeof remote === 'string') {
      ctx.fail(`error parsing remote port '${remoteString}': ${remote}`);
    }
    if (remote === 0) ctx.fail('remote port must be > 0');
    return { local, remote };
  });
  const user = requestUser(ctx.flags, ctx.host);
  if (user !== KUBERNETES_ADMIN && ctx.host.authorize) {
    const a = {
      verb: 'create',
      resource: 'pods',
      subresource: 'portforward',
      apiGroup: '',
      namespace,
      name: podName,
    };
    const d = ctx.host.authorize(user, a);
    if (!d.allowed) {
      ctx.fail(
        `error upgrading connection: pods "${podName}" is forbidden: ${forbiddenMessage(user, a, d.reason)}`,
      );
    }
  }
  const dial = kubeletDialError(ctx, got.value as Pod);
  if (dial) ctx.fail(`error upgrading connection: ${dial}`);
  ctx.host.api.connect?.('portforward', namespace, podName, '');
  // One listener an address a port; port 0 is a port the system picks from its ephemeral
  // range (the same for each address of that port).
  const locals = forwards.map((f, i) =>
    f.local === 0
      ? 32768 + (Number.parseInt(hex64(`${podName}/${ctx.now()}/${i}`).slice(0, 8), 16) % 28232)
      : f.local,
  );
  forwards.forEach((f, i) => {
    for (const a of addresses) {
      const host = a.includes(':') ? `[${a}]` : a;
      ctx.out(`Forwarding from ${host}:${locals[i]} -> ${f.remote}\n`);
    }
  });
  ctx.err(
    `(this console cannot keep forwarding: kubectl would wait here, printing "Handling connection for ${locals[0]}" for each connection, until stopped)\n`,
  );
}
