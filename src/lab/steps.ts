/**
 * Cut the messages one console line (or a fast-forward) caused into a few animatable steps,
 * each with the stage at its last message and a one-line narration.
 *
 * Cutting rules, in order:
 * 1. Housekeeping (lease renewals, heartbeats) is left out.
 * 2. A virtual-time gap of `GAP_MS` or more always starts a new step: a node failure spans
 *    minutes, and "NotReady after 50 s" and "evicted after 300 s" must be separate pictures.
 * 3. Within a burst, a new step starts when a different component takes the initiative
 *    (kubectl, the controller manager, the scheduler, a kubelet, the developer), and with each
 *    of the developer's docker commands (a build, a push). Replies, etcd writes and watch
 *    deliveries belong to the request that caused them; Events and status bookkeeping do not
 *    start a step of their own.
 * 4. Bursts with too many steps are merged (smallest neighbours first) down to
 *    `MAX_STEPS_PER_BURST`; gaps are never merged away.
 */

import type { Node, Pod } from 'kubernetes-types/core/v1';
import { pdbSelects } from '../engine/apiserver/disruption.ts';
import { REVISION_HASH_LABEL, revisionMatches } from '../engine/controllers/daemonSetHistory.ts';
import type { Cluster, KubeObject, Message, Snapshot } from '../engine/index.ts';
import { CONTROL_PLANE, etcdKey, parseTimestamp, RESOURCES, START_MS } from '../engine/index.ts';
import { parseImageName } from '../engine/registry/imageName.ts';
import { HUB_USER, hubNamespace } from '../engine/registry/registry.ts';
import { nodeAllocatable, podRequests } from '../engine/scheduler/framework/resources.ts';
import type { MessageKey } from '../i18n/index.ts';
import { taintString } from '../kubectl/commands/taint.ts';
import { stageModel, storyMessage } from '../story/stage.ts';
import type { StoryMessage, Text } from '../story/types.ts';
import type { StageModel } from '../ui/stage/model.ts';

/** A pause this long or longer (virtual ms) between two messages starts a new step. */
export const GAP_MS = 1000;
/** At most this many steps per burst of activity. */
export const MAX_STEPS_PER_BURST = 5;
/** Long lists of names in narration are cut after this many. */
const MAX_NAMES = 5;

/** A namespace as the namespace panel lists it. */
export interface LabNamespace {
  name: string;
  /** `status.phase`: Active, or Terminating while its contents are deleted. */
  phase: 'Active' | 'Terminating';
}

/** One animatable step of a console line's effect. */
export interface LabStep {
  /** Unique in the session: `<run>-<index>` (e.g. `r7-2`). */
  id: string;
  title: Text;
  /** One line of narration, real component names. */
  text: Text;
  /** The stage at the step's last message; `packets` are the step's messages in order. */
  model: StageModel;
  /** Namespaces at the step's last message (a deleted namespace is Terminating, then gone). */
  namespaces: LabNamespace[];
  /** The step's messages (housekeeping left out). */
  messages: StoryMessage[];
  /** Inclusive range of engine message seqs; `seqFrom > seqTo` for a step without messages. */
  seqFrom: number;
  seqTo: number;
  /** Virtual ms since the learner arrived, at the step's first message (or now, if none). */
  at: number;
}

/** The namespaces of a frame. */
export function namespacesAt(frame: Snapshot): LabNamespace[] {
  return frame.list('namespaces').map((ns) => ({
    name: ns.metadata?.name ?? '',
    phase:
      (ns.status as { phase?: string } | undefined)?.phase === 'Terminating'
        ? 'Terminating'
        : 'Active',
  }));
}

type Initiator = 'kubectl' | 'developer' | 'controller-manager' | 'scheduler' | 'kubelet' | 'other';

/** Which component took the initiative with `m`, or undefined if `m` follows from another. */
function initiatorOf(m: Message): Initiator | undefined {
  if (m.from === 'api-server' || m.from === 'etcd' || m.from === 'registry') return undefined;
  if (m.from.startsWith('container-runtime/')) return undefined;
  // The kubelet's CRI Exec (Attach, PortForward) call is part of the request the API server
  // handed it.
  if (m.kind === 'cri.exec' || m.kind === 'cri.attach' || m.kind === 'cri.portforward') {
    return undefined;
  }
  // Events and status bookkeeping accompany the work they report on: a controller posts its
  // Event after the request, the kubelet as its sync does the work (Pulling before the pull,
  // Killing before the stop), so the kubelet's starts its step.
  if (m.ref?.resource === 'events' && !m.from.startsWith('kubelet/')) return undefined;
  if (m.from === 'controller-manager' && m.kind === 'api.updateStatus') return undefined;
  if (m.from === 'kubectl') return 'kubectl';
  if (m.from === 'developer') return 'developer';
  if (m.from === 'controller-manager') return 'controller-manager';
  if (m.from === 'scheduler') return 'scheduler';
  if (m.from.startsWith('kubelet/') || m.from.startsWith('kube-proxy/')) return 'kubelet';
  return 'other';
}

interface Group {
  msgs: Message[];
  initiator: Initiator | undefined;
  /** True when a time gap precedes this group (never merged with the one before). */
  afterGap: boolean;
}

/**
 * The developer's messages that each docker command starts with: every command of a line
 * (`docker build -t web . && docker push web`, `docker pull busybox && docker push …`) is a
 * step of its own. A build's own pull of its FROM image stays in the build's step.
 */
const DOCKER_COMMANDS: ReadonlySet<string> = new Set([
  'image.build',
  'image.push',
  'image.download',
]);

function startsDockerCommand(m: Message): boolean {
  return DOCKER_COMMANDS.has(m.kind) && m.summary.params?.by !== 'build';
}

/** Cut non-housekeeping messages into groups (rules 2–4 above). */
export function cutMessages(msgs: readonly Message[]): Message[][] {
  const groups: Group[] = [];
  // Gaps are measured from the last message that was not an echo (a watch delivery or an etcd
  // operation a few ms after its request), so a status change one second later still splits.
  let prevAt: number | undefined;
  for (const m of msgs) {
    const who = initiatorOf(m);
    const gap = prevAt !== undefined && m.at - prevAt >= GAP_MS;
    const cur = groups[groups.length - 1];
    if (
      !cur ||
      gap ||
      (who !== undefined && cur.initiator !== undefined && who !== cur.initiator) ||
      (cur.initiator === 'developer' && startsDockerCommand(m))
    ) {
      groups.push({ msgs: [m], initiator: who, afterGap: gap || !cur });
    } else {
      cur.msgs.push(m);
      cur.initiator ??= who;
    }
    if (m.kind !== 'watch.event' && !m.kind.startsWith('etcd.')) prevAt = m.at;
    // An echo that opens a step after a pause (the API server's own loop writing to etcd, with
    // no request before it) counts from itself, so the deliveries it causes join its step.
    else if (gap) prevAt = m.at;
    else prevAt ??= m.at;
  }
  // Merge within bursts: the smallest neighbouring pair first.
  const bursts: Group[][] = [];
  for (const g of groups) {
    if (g.afterGap || bursts.length === 0) bursts.push([g]);
    else bursts[bursts.length - 1]?.push(g);
  }
  const out: Message[][] = [];
  for (const burst of bursts) {
    const parts = burst.map((g) => g.msgs);
    while (parts.length > MAX_STEPS_PER_BURST) {
      let best = 0;
      for (let i = 1; i < parts.length - 1; i++) {
        const size = (parts[i]?.length ?? 0) + (parts[i + 1]?.length ?? 0);
        const bestSize = (parts[best]?.length ?? 0) + (parts[best + 1]?.length ?? 0);
        if (size < bestSize) best = i;
      }
      parts.splice(best, 2, [...(parts[best] ?? []), ...(parts[best + 1] ?? [])]);
    }
    out.push(...parts);
  }
  return out;
}

const text = (key: MessageKey, params: Record<string, string | number>): Text => ({
  key,
  params,
});

/** `a, b, c, d, e, …` */
function names(list: readonly string[]): string {
  const uniq = [...new Set(list)];
  return uniq.length > MAX_NAMES ? `${uniq.slice(0, MAX_NAMES).join(', ')}, …` : uniq.join(', ');
}

const nodeOf = (actor: string): string => actor.slice(actor.indexOf('/') + 1);

function podNode(frame: Snapshot | undefined, ns: string | undefined, name: string): string {
  const pod = frame?.get('pods', ns, name);
  return (pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

function readyTransition(node: KubeObject | undefined): number | undefined {
  const conds = (node?.status as { conditions?: { type: string; lastTransitionTime?: string }[] })
    ?.conditions;
  const ready = conds?.find((c) => c.type === 'Ready');
  return ready?.lastTransitionTime ? parseTimestamp(ready.lastTransitionTime) : undefined;
}

function nodeReadyAt(frame: Snapshot | undefined, node: string): boolean {
  const obj = frame?.get('nodes', undefined, node);
  const conds = (obj?.status as { conditions?: { type: string; status: string }[] })?.conditions;
  return conds?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** The status word kubectl shows for the pod's first waiting container, if any. */
function waitingReason(frame: Snapshot | undefined, ns: string | undefined, name: string): string {
  const pod = frame?.get('pods', ns, name);
  const statuses = (
    pod?.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] }
  )?.containerStatuses;
  return statuses?.[0]?.state?.waiting?.reason ?? '';
}

/** Whether the control-plane node was started at virtual time `at` (its re-lists happen then). */
function controlPlaneStartedAt(cluster: Cluster, at: number | undefined): boolean {
  if (at === undefined) return false;
  const inputs = cluster.inputs;
  // Inputs are in time order: only the last few can be at `at`.
  for (let i = inputs.length - 1; i >= 0 && (inputs[i]?.at ?? 0) >= at; i--) {
    const input = inputs[i];
    if (input?.op === 'startNode' && input.at === at && input.args[0] === CONTROL_PLANE)
      return true;
  }
  return false;
}

/** The step told for a kubectl request the API server hands to a kubelet, by its kind. */
const CONNECT_STEPS: Readonly<Record<string, string>> = {
  'api.exec': 'lab.step.kubectl.exec',
  'api.log': 'lab.step.kubectl.logs',
  'api.attach': 'lab.step.kubectl.attach',
  'api.portforward': 'lab.step.kubectl.portforward',
};

/**
 * The title and narration for one step: the most telling thing that happened in it, in this
 * order: node lifecycle, evictions, namespace deletion, scheduling, the kubelet's work, the
 * controllers' pods, kubectl's request, docker.
 */
export function narrate(
  msgs: readonly Message[],
  cluster: Cluster,
  end: Snapshot,
): { title: Text; text: Text } {
  const pick = (key: string, params: Record<string, string | number>) => ({
    title: text(`${key}.title` as MessageKey, params),
    text: text(`${key}.text` as MessageKey, params),
  });
  const before = cluster.frame((msgs[0]?.seq ?? 0) - 1);
  const cm = msgs.filter((m) => m.from === 'controller-manager');

  // The control plane coming back: the components' informers re-list (their watches broke
  // with the API server), the scheduler and controllers with fresh caches.
  // A step of the node agents' lists is theirs even when the scheduler's first lists joined it
  // (the controller manager's many lists make the next step).
  const agentsList = msgs.some(
    (m) =>
      m.kind === 'api.list' && (m.from.startsWith('kubelet/') || m.from.startsWith('kube-proxy/')),
  );
  const schedulerList = msgs.some((m) => m.from === 'scheduler' && m.kind === 'api.list');
  if (controlPlaneStartedAt(cluster, msgs[0]?.at)) {
    const params = { node: CONTROL_PLANE };
    if (cm.some((m) => m.kind === 'api.list') || (schedulerList && !agentsList))
      return pick('lab.step.controlPlaneStarted', params);
    if (msgs.some((m) => m.kind === 'api.list' && m.from !== 'kubectl'))
      return pick('lab.step.apiServerBack', params);
  }
  // The API server's process back on a machine that stayed up (its manifest back, etcd
  // restarted): every informer lists again.
  const at = msgs[0]?.at;
  if (at !== undefined && cluster.apiOutages().some((o) => o.to === at && o.cause === 'process')) {
    const params = { node: CONTROL_PLANE };
    if (cm.some((m) => m.kind === 'api.list') || (schedulerList && !agentsList))
      return pick('lab.step.controlPlaneStarted', params);
    if (msgs.some((m) => m.kind === 'api.list' && m.from !== 'kubectl'))
      return pick('lab.step.apiServerRestarted', params);
  }

  const notReady = cm.find(
    (m) => m.kind === 'api.patch' && m.ref?.resource === 'nodes' && m.label?.endsWith('/status'),
  );
  // The frame after the etcd write that follows the request.
  if (notReady?.ref && !nodeReadyAt(cluster.frame(notReady.seq + 1) ?? end, notReady.ref.name)) {
    const node = notReady.ref.name;
    // Seconds since the node's last heartbeat: its Lease's renewTime.
    const lease = end.get('leases', 'kube-node-lease', node);
    const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
    const seconds = renew ? Math.round((notReady.at - parseTimestamp(renew)) / 1000) : 50;
    return pick('lab.step.nodeNotReady', { node, seconds });
  }

  // Cordon and uncordon as the node lifecycle controller follows them (TaintNodesByCondition).
  const nodeWrite = cm.find(
    (m) =>
      (m.kind === 'api.patch' || m.kind === 'api.update') &&
      m.ref?.resource === 'nodes' &&
      !m.label?.endsWith('/status'),
  );
  if (nodeWrite?.ref) {
    const node = nodeWrite.ref.name;
    const had = hasUnschedulableTaint(before?.get('nodes', undefined, node));
    const has = hasUnschedulableTaint(
      cluster.frame(nodeWrite.seq + 1)?.get('nodes', undefined, node),
    );
    if (had !== has) return pick(has ? 'lab.step.cordonTaint' : 'lab.step.uncordonTaint', { node });
  }

  // PodGC: pods bound to a node that no longer exists are marked Failed, then deleted.
  const orphaned = cm.filter((m) => {
    if (m.ref?.resource !== 'pods' || (m.kind !== 'api.delete' && m.kind !== 'api.patch'))
      return false;
    const node = podNode(before, m.ref.namespace, m.ref.name);
    return node !== '' && !before?.get('nodes', undefined, node);
  });
  const firstOrphan = orphaned[0];
  if (firstOrphan?.ref) {
    return pick('lab.step.podGC', {
      node: podNode(before, firstOrphan.ref.namespace, firstOrphan.ref.name),
      pods: names([...new Set(orphaned.map((m) => m.ref?.name ?? ''))]),
    });
  }

  const evictions = cm.filter(
    (m) =>
      m.kind === 'api.delete' &&
      m.ref?.resource === 'pods' &&
      !nodeReadyAt(before, podNode(before, m.ref.namespace, m.ref.name)) &&
      podNode(before, m.ref.namespace, m.ref.name) !== '',
  );
  const firstEviction = evictions[0];
  if (firstEviction?.ref) {
    const node = podNode(before, firstEviction.ref.namespace, firstEviction.ref.name);
    const since = readyTransition(before?.get('nodes', undefined, node));
    const seconds = since === undefined ? 300 : Math.round((firstEviction.at - since) / 1000);
    return pick('lab.step.evicted', {
      node,
      seconds,
      pods: names(evictions.map((m) => m.ref?.name ?? '')),
    });
  }

  // The namespace controller empties a Terminating namespace kind by kind (one DELETE of each
  // collection), then removes its finalizer.
  const emptying = cm.filter((m) => m.kind === 'api.deleteCollection' && m.ref?.namespace);
  const emptied = emptying[0]?.ref?.namespace;
  // In the same step the kubelets may stop its pods: that is the news (below).
  const stopsIn = (ns: string | undefined) =>
    msgs.filter(
      (m) =>
        (m.kind === 'cri.stopContainer' || m.kind === 'cri.stopPodSandbox') &&
        m.ref?.namespace === ns,
    );
  if (emptied && stopsIn(emptied).length === 0) {
    const kinds = emptying.map((m) => {
      const def = RESOURCES[m.ref?.resource as keyof typeof RESOURCES];
      return def?.kind ?? m.ref?.resource ?? '';
    });
    const terminating = end
      .list('pods', emptied)
      .filter((p) => p.metadata?.deletionTimestamp !== undefined)
      .map((p) => p.metadata?.name ?? '');
    const gone = !end.get('namespaces', undefined, emptied);
    return pick(
      terminating.length > 0
        ? 'lab.step.namespaceEmptying'
        : gone
          ? 'lab.step.namespaceEmptiedGone'
          : 'lab.step.namespaceEmptyingNoPods',
      {
        namespace: emptied,
        kinds: [...new Set(kinds)].join(', '),
        pods: namesCounted(terminating),
      },
    );
  }
  const nsStatus = cm.find((m) => m.ref?.resource === 'namespaces');
  const nsName = nsStatus?.ref?.name ?? emptied;
  if (nsName) {
    const namespace = nsName;
    const gone = !end.get('namespaces', undefined, namespace);
    if (gone) return pick('lab.step.namespaceGone', { namespace });
    // The kubelets stop the namespace's pods and delete them; the controller looks again.
    const stops = stopsIn(namespace);
    if (stops.length > 0) {
      const left = end.list('pods', namespace).length;
      return pick(left > 0 ? 'lab.step.namespacePodsStopping' : 'lab.step.namespacePodsStopped', {
        namespace,
        node: [...new Set(stops.map((m) => nodeOf(m.from)))].sort().join(', '),
        pods: namesCounted(stops.map((m) => m.ref?.name ?? '')),
        left,
      });
    }
    if (!msgs.some((m) => m.from === 'kubectl')) {
      return pick('lab.step.namespaceWaiting', { namespace });
    }
    return pick('lab.step.namespaceTerminating', { namespace });
  }

  // A DaemonSet's changed template (revision 2 on) is the news of its step, even when the
  // first replacement pod is made and bound within it (the old pod stops in well under a second).
  const daemonRevised = cm.find(
    (m) =>
      (m.kind === 'api.create' || m.kind === 'api.update') &&
      m.ref?.resource === 'controllerrevisions',
  )?.ref;
  const newRevision = daemonRevised
    ? end.get('controllerrevisions', daemonRevised.namespace, daemonRevised.name)
    : undefined;
  const newRevisionOwner = newRevision?.metadata?.ownerReferences?.find((r) => r.controller);
  if (
    newRevisionOwner?.kind === 'DaemonSet' &&
    typeof newRevision?.revision === 'number' &&
    newRevision.revision > 1
  ) {
    return pick('lab.step.daemonRevision', {
      daemonset: newRevisionOwner.name,
      revision: newRevision.metadata?.name ?? '',
      number: newRevision.revision,
    });
  }

  const binds = msgs.filter((m) => m.kind === 'api.bind' && m.ref);
  const one = binds.length === 1 ? binds[0] : undefined;
  if (one?.ref) {
    const why = schedulingWhy(one, cluster, end);
    if (why) return pick(why.key, why.params);
  }
  if (binds.length > 0) {
    const bindings = binds.map(
      // The binding is stored by the etcd write right after the request.
      (m) =>
        `${m.ref?.name} → ${podNode(cluster.frame(m.seq + 1) ?? end, m.ref?.namespace, m.ref?.name ?? '')}`,
    );
    return pick('lab.step.scheduled', { bindings: names(bindings) });
  }
  const unschedulable = msgs.find(
    (m) => m.from === 'scheduler' && m.kind === 'api.patch' && m.ref?.resource === 'pods',
  );
  if (unschedulable?.ref) {
    const { namespace = '', name } = unschedulable.ref;
    const why = noNodeFits(end, namespace, name);
    return pick(why.key, why.params);
  }

  const kubelet = msgs.filter((m) => m.from.startsWith('kubelet/'));
  const firstKubelet = kubelet[0];
  if (firstKubelet) {
    const node = nodeOf(firstKubelet.from);
    // One step may hold the work of several kubelets (pods of one command on several nodes):
    // name the nodes whose kubelet did the thing the step is named for.
    const nodesDoing = (kind: string) =>
      names(msgs.filter((m) => m.kind === kind).map((m) => nodeOf(m.from))) || node;
    const podsOf = (pred: (m: Message) => boolean) =>
      kubelet.filter((m) => pred(m) && m.ref?.resource === 'pods').map((m) => m.ref?.name ?? '');
    // The kubelet's next status update after a cordon or uncordon records it as an event.
    // Named by the event itself: its kubelet's own node (another kubelet may act first).
    const scheduling = kubelet
      .filter((m) => m.ref?.resource === 'events')
      .map((m) => ({ m, event: end.get('events', m.ref?.namespace, m.ref?.name ?? '') }))
      .find(
        ({ event }) =>
          event?.reason === 'NodeNotSchedulable' || event?.reason === 'NodeSchedulable',
      );
    if (scheduling) {
      const involved = scheduling.event?.involvedObject as { name?: string } | undefined;
      return pick('lab.step.nodeSchedulable', {
        node: involved?.name || nodeOf(scheduling.m.from),
        reason: String(scheduling.event?.reason ?? ''),
      });
    }
    // A container's process ended: what its restart policy makes of it.
    const exited = msgs.find((m) => m.kind === 'cri.containerExited');
    if (exited?.ref) {
      const { namespace, name } = exited.ref;
      const pod = end.get('pods', namespace, name);
      const policy =
        (pod?.spec as { restartPolicy?: string } | undefined)?.restartPolicy ?? 'Always';
      const code = Number(exited.summary.params?.code ?? 0);
      const phase = (pod?.status as { phase?: string } | undefined)?.phase ?? '';
      const params = {
        node: nodeOf(exited.to),
        pod: name,
        container: String(exited.summary.params?.container ?? ''),
        code,
        policy,
        phase,
      };
      // Stopped by the kubelet in the same step: killed for failing its liveness probe.
      const killed = msgs.some(
        (m) => m.kind === 'cri.stopContainer' && m.ref?.name === name && m.from === exited.to,
      );
      if (killed) {
        // Which probe: the Killing event says `failed liveness probe` or `failed startup probe`.
        const killing = kubelet
          .filter((m) => m.ref?.resource === 'events')
          .map((m) => end.get('events', m.ref?.namespace, m.ref?.name ?? ''))
          .find((e) => (e as { reason?: string } | undefined)?.reason === 'Killing');
        const text = String((killing as { message?: string } | undefined)?.message ?? '');
        const probe = text.includes('startup probe') ? 'startup' : 'liveness';
        const container = (
          pod?.spec as { containers?: { name?: string; [probe: string]: unknown }[] } | undefined
        )?.containers?.find((c) => c.name === params.container);
        const threshold =
          (container?.[`${probe}Probe`] as { failureThreshold?: number } | undefined)
            ?.failureThreshold ?? 3;
        return pick('lab.step.livenessKilled', { ...params, probe, threshold });
      }
      const restarts = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
      if (restarts) return pick('lab.step.exitedRestart', params);
      // A Job's pod stays as its record; a CronJob deletes Jobs beyond its history limits.
      const job = pod?.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
      const cron = job
        ? end
            .get('jobs', namespace, job.name)
            ?.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'CronJob')
        : undefined;
      if (job && cron) {
        const spec = specOf(end.get('cronjobs', namespace, cron.name)) as
          | { successfulJobsHistoryLimit?: number; failedJobsHistoryLimit?: number }
          | undefined;
        return pick('lab.step.exitedCronJob', {
          ...params,
          job: job.name,
          cronjob: cron.name,
          successful: spec?.successfulJobsHistoryLimit ?? 3,
          failed: spec?.failedJobsHistoryLimit ?? 1,
        });
      }
      if (job) return pick('lab.step.exitedJob', { ...params, job: job.name });
      return pick('lab.step.exitedDone', params);
    }
    // A failed probe: the kubelet's Unhealthy event (created, or its count patched).
    const probeEvent = kubelet
      .filter(
        (m) => m.ref?.resource === 'events' && (m.kind === 'api.create' || m.kind === 'api.patch'),
      )
      .map((m) => end.get('events', m.ref?.namespace, m.ref?.name ?? ''))
      .find((e) => (e as { reason?: string } | undefined)?.reason === 'Unhealthy');
    if (probeEvent && !msgs.some((m) => m.kind === 'cri.startContainer')) {
      const e = probeEvent as { message?: string; involvedObject?: { name?: string } };
      return pick('lab.step.probeFailed', {
        node,
        pod: e.involvedObject?.name ?? '',
        message: e.message ?? '',
      });
    }
    // The pod a kubelet message is about: the pod itself, or the pod of an Event about it
    // (`<pod>.<hex>`: the back-off's repeated BackOff event is a count update of that Event).
    const podNameOf = (m: Message) =>
      m.ref?.resource === 'pods'
        ? m.ref.name
        : m.ref?.resource === 'events'
          ? m.ref.name.slice(0, m.ref.name.lastIndexOf('.'))
          : undefined;
    const crashWait = kubelet.find((m) => {
      const pod = podNameOf(m);
      return (
        (m.kind === 'api.patch' || m.kind === 'api.create') &&
        pod !== undefined &&
        waitingReason(end, m.ref?.namespace, pod) === 'CrashLoopBackOff'
      );
    });
    if (crashWait?.ref && !msgs.some((m) => m.kind === 'cri.startContainer')) {
      const podName = podNameOf(crashWait) ?? '';
      const pod = end.get('pods', crashWait.ref.namespace, podName);
      const message =
        (
          pod?.status as
            | { containerStatuses?: { state?: { waiting?: { message?: string } } }[] }
            | undefined
        )?.containerStatuses?.[0]?.state?.waiting?.message ?? '';
      return pick('lab.step.crashBackOff', {
        node: nodeOf(crashWait.from),
        pod: podName,
        period: /^back-off (\S+)/.exec(message)?.[1] ?? '10s',
      });
    }
    const failed = msgs.find(
      (m) => m.kind === 'image.pullFailed' || m.kind === 'cri.imagePullFailed',
    );
    const patched = podsOf((m) => m.kind === 'api.patch');
    if (failed) {
      const pod = patched[0] ?? '';
      const image = String(failed.summary.params?.image ?? '');
      // A retry after an earlier failure: the back-off ran out, the kubelet pulled again and
      // failed again; the next wait is twice as long.
      const was = waitingReason(before, ownerNs(kubelet, pod), pod);
      if (was === 'ErrImagePull' || was === 'ImagePullBackOff') {
        const last = msgs[msgs.length - 1]?.seq ?? failed.seq;
        const backOff = pullBackOff(cluster, ownerNs(kubelet, pod), pod, last);
        return pick('lab.step.pullRetryFailed', {
          node,
          pod,
          image,
          registry: registryOf(image),
          attempt: backOff.failures,
          backoff: backOff.seconds,
        });
      }
      return pick('lab.step.pullFailed', { node, pod, image, registry: registryOf(image) });
    }
    const backOff = kubelet.find(
      (m) =>
        m.kind === 'api.patch' &&
        m.ref?.resource === 'pods' &&
        waitingReason(cluster.frame(m.seq), m.ref.namespace, m.ref.name) === 'ImagePullBackOff',
    );
    const pull = msgs.find((m) => m.kind === 'cri.pullImage');
    if (backOff?.ref && !msgs.some((m) => m.kind === 'cri.startContainer')) {
      const image = String(pull?.summary.params?.image ?? '') || imageOf(end, backOff);
      return backOffStep('lab.step.backOff', cluster, msgs, node, backOff.ref, image);
    }
    if (msgs.some((m) => m.kind === 'cri.startContainer')) {
      return startedStep(msgs, kubelet, end, pick);
    }
    if (pull) {
      const image = String(pull.summary.params?.image ?? '');
      return pick('lab.step.pulling', {
        node: nodeOf(pull.from),
        image,
        registry: registryOf(image),
      });
    }
    if (msgs.some((m) => m.kind === 'cri.stopContainer' || m.kind === 'cri.stopPodSandbox')) {
      // The kubelet removes a pod it stopped (api.delete); a drained pod is already gone from
      // the API server and only gets its status patched: name whichever pods it touched.
      const removed = podsOf((m) => m.kind === 'api.delete' || m.kind === 'api.create');
      const stoppers = msgs
        .filter((m) => m.kind === 'cri.stopContainer' || m.kind === 'cri.stopPodSandbox')
        .map((m) => nodeOf(m.from));
      const pods = removed.length > 0 ? removed : podsOf(() => true);
      // A pod deleted at once (a forced delete) is gone before its kubelet stops anything.
      const gone =
        removed.length === 0 &&
        stoppers.length > 0 &&
        msgs
          .filter((m) => m.kind === 'cri.stopContainer' || m.kind === 'cri.stopPodSandbox')
          .every((m) => !before?.get('pods', m.ref?.namespace, m.ref?.name ?? ''));
      // A static pod whose manifest went while the API server is away (or is the API server):
      // its mirror pod stays in the API server.
      const first = msgs[0]?.at ?? 0;
      const away = cluster
        .apiOutages()
        .find((o) => o.from <= first && (o.to === undefined || o.to > first));
      // etcd itself went: the API server runs on but can store nothing.
      const awayKey = away?.cause === 'etcd' ? 'lab.step.stoppedEtcd' : 'lab.step.stoppedApiAway';
      return pick(gone ? 'lab.step.stoppedGone' : away ? awayKey : 'lab.step.stopped', {
        node: names(stoppers) || node,
        pods: names(pods),
      });
    }
    if (msgs.some((m) => m.kind === 'cri.runPodSandbox')) {
      const starting = [...new Set(patched)];
      const isStatic = (name: string) => {
        const pod = end.get('pods', ownerNs(kubelet, name), name);
        return (
          pod?.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined ||
          !!pod?.metadata?.ownerReferences?.some((r) => r.kind === 'Node')
        );
      };
      const staticPods = starting.filter(isStatic);
      const bound = starting.filter((p) => !isStatic(p));
      const node = nodesDoing('cri.runPodSandbox');
      if (staticPods.length > 0) {
        return pick(bound.length > 0 ? 'lab.step.podStartingMixed' : 'lab.step.podStartingStatic', {
          node,
          static: names(staticPods),
          pods: names(bound),
        });
      }
      return pick('lab.step.podStarting', { node, pods: names(patched) });
    }
    // A sync during the pull back-off only reports (BackOff and "Error: ImagePullBackOff"
    // events, no status change): the kubelet says again that the pod still waits.
    const reported = kubelet.find((m) => m.ref?.resource === 'events');
    if (reported?.ref && kubelet.every((m) => m.ref?.resource === 'events')) {
      const involved = end.get('events', reported.ref.namespace, reported.ref.name)
        ?.involvedObject as { kind?: string; name?: string; namespace?: string } | undefined;
      if (
        involved?.kind === 'Pod' &&
        involved.name &&
        waitingReason(end, involved.namespace, involved.name) === 'ImagePullBackOff'
      ) {
        const pod = end.get('pods', involved.namespace, involved.name);
        const image =
          (pod?.spec as { containers?: { image?: string }[] } | undefined)?.containers?.[0]
            ?.image ?? '';
        // The pod worker's sync during the back-off: nothing pulled, the events repeated.
        return backOffStep(
          'lab.step.backOffAgain',
          cluster,
          msgs,
          nodeOf(reported.from),
          { namespace: involved.namespace, name: involved.name },
          image,
        );
      }
    }
    // Only a status report about a pod that cannot get its image (no pull in this step): the
    // kubelet tells the API server the pod now waits in back-off.
    const waiting = kubelet.find(
      (m) =>
        m.kind === 'api.patch' &&
        m.ref?.resource === 'pods' &&
        waitingReason(end, m.ref.namespace, m.ref.name) === 'ImagePullBackOff',
    );
    if (waiting?.ref) {
      return backOffStep(
        'lab.step.backOff',
        cluster,
        msgs,
        nodeOf(waiting.from),
        waiting.ref,
        imageOf(end, waiting),
      );
    }
    if (kubelet.some((m) => m.kind === 'api.list')) return pick('lab.step.nodeStarted', { node });
    if (kubelet.some((m) => m.ref?.resource === 'nodes' && m.label?.endsWith('/status'))) {
      return pick('lab.step.nodeStatus', { node });
    }
  }

  // Pods a DaemonSet made or removed: the DaemonSet controller, not the ReplicaSet controller.
  const daemonOf = (frame: Snapshot | undefined, m: Message) => {
    const pod = frame?.get('pods', m.ref?.namespace, m.ref?.name ?? '');
    const owner = pod?.metadata?.ownerReferences?.find((r) => r.controller);
    return owner?.kind === 'DaemonSet' ? owner.name : undefined;
  };
  const daemonMade = cm.filter(
    (m) => m.kind === 'api.create' && m.ref?.resource === 'pods' && daemonOf(end, m),
  );
  const daemonGone = cm.filter(
    (m) => m.kind === 'api.delete' && m.ref?.resource === 'pods' && daemonOf(before, m),
  );
  // A changed pod template: the controller records it as a ControllerRevision (a new one, or
  // an old one renumbered by an undo) and replaces the pods of older revisions.
  const revised = cm.find(
    (m) =>
      (m.kind === 'api.create' || m.kind === 'api.update') &&
      m.ref?.resource === 'controllerrevisions',
  );
  const revision = revised?.ref
    ? end.get('controllerrevisions', revised.ref.namespace, revised.ref.name)
    : undefined;
  const revisionOwner = revision?.metadata?.ownerReferences?.find((r) => r.controller);
  if (daemonMade.length === 0 && revision && revisionOwner?.kind === 'DaemonSet') {
    return pick('lab.step.daemonRevision', {
      daemonset: revisionOwner.name,
      revision: revision.metadata?.name ?? '',
      number: typeof revision.revision === 'number' ? revision.revision : 0,
    });
  }
  const daemonFirst = daemonMade[0] ?? daemonGone[0];
  if (daemonFirst) {
    const made = daemonMade.length > 0;
    const daemonset = (made ? daemonOf(end, daemonFirst) : daemonOf(before, daemonFirst)) ?? '';
    // Why a pod goes: it runs an old revision (a rolling update), or its node stopped qualifying.
    const rollout =
      !made &&
      daemonGone.some((m) =>
        oldDaemonRevision(end, before?.get('pods', m.ref?.namespace, m.ref?.name ?? ''), daemonset),
      );
    return pick(
      made
        ? 'lab.step.daemonPodsCreated'
        : rollout
          ? 'lab.step.daemonPodsRolled'
          : 'lab.step.daemonPodsDeleted',
      {
        daemonset,
        pods: names((made ? daemonMade : daemonGone).map((m) => m.ref?.name ?? '')),
        maxUnavailable: String(
          (
            specOf(end.get('daemonsets', daemonFirst.ref?.namespace, daemonset)) as
              | { updateStrategy?: { rollingUpdate?: { maxUnavailable?: string | number } } }
              | undefined
          )?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
        ),
      },
    );
  }

  // A Job the CronJob controller made at its scheduled time (its pod may come in the same step).
  const cronMade = cm.find((m) => m.kind === 'api.create' && m.ref?.resource === 'jobs');
  const cronJobOf = cronMade?.ref
    ? end
        ?.get('jobs', cronMade.ref.namespace, cronMade.ref.name)
        ?.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'CronJob')?.name
    : undefined;
  if (cronMade?.ref && cronJobOf) {
    return pick('lab.step.cronJobCreated', { cronjob: cronJobOf, job: cronMade.ref.name });
  }

  // Pods a Job made: the Job controller runs them to completion.
  const jobOf = (frame: Snapshot | undefined, m: Message) => {
    const pod = frame?.get('pods', m.ref?.namespace, m.ref?.name ?? '');
    const owner = pod?.metadata?.ownerReferences?.find((r) => r.controller);
    return owner?.kind === 'Job' ? owner.name : undefined;
  };
  const jobMade = cm.filter(
    (m) => m.kind === 'api.create' && m.ref?.resource === 'pods' && jobOf(end, m),
  );
  if (jobMade[0]) {
    return pick('lab.step.jobPodsCreated', {
      job: jobOf(end, jobMade[0]) ?? '',
      pods: names(jobMade.map((m) => m.ref?.name ?? '')),
    });
  }

  // Pods a StatefulSet made or removed: the StatefulSet controller, one ordinal after another.
  const statefulOf = (frame: Snapshot | undefined, m: Message) => {
    const pod = frame?.get('pods', m.ref?.namespace, m.ref?.name ?? '');
    const owner = pod?.metadata?.ownerReferences?.find((r) => r.controller);
    return owner?.kind === 'StatefulSet' ? owner.name : undefined;
  };
  const statefulMade = cm.filter(
    (m) => m.kind === 'api.create' && m.ref?.resource === 'pods' && statefulOf(end, m),
  );
  if (statefulMade[0]) {
    return pick('lab.step.statefulPodsCreated', {
      statefulset: statefulOf(end, statefulMade[0]) ?? '',
      pods: names(statefulMade.map((m) => m.ref?.name ?? '')),
    });
  }
  const statefulGone = cm.filter((m) => {
    if (m.kind !== 'api.delete' || m.ref?.resource !== 'pods') return false;
    const set = statefulOf(before, m);
    if (!set) return false;
    // Not the garbage collector's: the StatefulSet is still there.
    const owner = before?.get('statefulsets', m.ref.namespace, set);
    return !!owner && owner.metadata?.deletionTimestamp === undefined;
  });
  if (statefulGone[0]) {
    return pick('lab.step.statefulPodsDeleted', {
      statefulset: statefulOf(before, statefulGone[0]) ?? '',
      pods: names(statefulGone.map((m) => m.ref?.name ?? '')),
    });
  }

  const created = cm.filter((m) => m.kind === 'api.create' && m.ref?.resource === 'pods');
  if (created.length > 0) {
    return pick('lab.step.podsCreated', {
      count: created.length,
      pods: names(created.map((m) => m.ref?.name ?? '')),
    });
  }
  const deleted = cm.filter((m) => m.kind === 'api.delete' && m.ref?.resource === 'pods');
  // Pods whose ReplicaSet is gone (or going) are the garbage collector's, not its controller's.
  const ownerGone = (m: Message) => {
    // As things stood when the delete was sent (the ReplicaSet may go earlier in this step).
    const then = cluster.frame(m.seq - 1) ?? before;
    const pod = then?.get('pods', m.ref?.namespace, m.ref?.name ?? '');
    const owner = pod?.metadata?.ownerReferences?.find((r) => r.controller);
    const resource =
      owner?.kind === 'ReplicaSet'
        ? 'replicasets'
        : owner?.kind === 'Job'
          ? 'jobs'
          : owner?.kind === 'StatefulSet'
            ? 'statefulsets'
            : undefined;
    if (!owner || !resource) return false;
    const rs = then?.get(resource, m.ref?.namespace, owner.name);
    return !rs || rs.metadata?.deletionTimestamp !== undefined;
  };
  if (deleted.length > 0 && deleted.every(ownerGone)) {
    return pick('lab.step.gcPodsDeleted', { pods: names(deleted.map((m) => m.ref?.name ?? '')) });
  }
  if (deleted.length > 0) {
    return pick('lab.step.podsDeleted', {
      count: deleted.length,
      pods: names(deleted.map((m) => m.ref?.name ?? '')),
    });
  }
  const rs = cm.find((m) => m.kind === 'api.create' && m.ref?.resource === 'replicasets');
  if (rs?.ref) return pick('lab.step.replicaset', { replicaset: rs.ref.name });
  // A Service's pods listed (or listed again): its Endpoints and its EndpointSlice. The slice's
  // name is the one its etcd write carries (the request names only the generateName prefix).
  const sliceWritten = msgs.find(
    (m) => m.kind === 'etcd.put' && m.ref?.resource === 'endpointslices' && m.ref.name,
  );
  const sliceSet = cm.some(
    (m) =>
      (m.kind === 'api.create' || m.kind === 'api.update') && m.ref?.resource === 'endpointslices',
  );
  if (sliceSet && sliceWritten?.ref) {
    const slice = end.get('endpointslices', sliceWritten.ref.namespace, sliceWritten.ref.name);
    const endpoints = slice?.endpoints;
    return pick('lab.step.serviceEndpoints', {
      service: slice?.metadata?.labels?.['kubernetes.io/service-name'] ?? '',
      slice: sliceWritten.ref.name,
      count: Array.isArray(endpoints) ? endpoints.length : 0,
    });
  }
  const sliceGone = cm.find((m) => m.kind === 'api.delete' && m.ref?.resource === 'endpointslices');
  if (sliceGone?.ref) {
    const was = before?.get('endpointslices', sliceGone.ref.namespace, sliceGone.ref.name);
    return pick('lab.step.serviceEndpointsGone', {
      service: was?.metadata?.labels?.['kubernetes.io/service-name'] ?? '',
      slice: sliceGone.ref.name,
    });
  }
  // A new namespace gets its `default` ServiceAccount and its kube-root-ca.crt ConfigMap.
  const basics = cm.filter(
    (m) =>
      m.kind === 'api.create' &&
      (m.ref?.resource === 'serviceaccounts' || m.ref?.resource === 'configmaps'),
  );
  if (basics.length > 0 && basics[0]?.ref?.namespace) {
    return pick('lab.step.namespaceBasics', { namespace: basics[0].ref.namespace });
  }

  // kubectl exec / logs / attach / port-forward: the API server forwards the request to the
  // pod's kubelet.
  const connect = msgs.find((m) => m.from === 'kubectl' && m.kind in CONNECT_STEPS);
  const forwarded = msgs.find((m) => m.kind === `kubelet.${connect?.kind.slice(4)}`);
  if (connect && forwarded) {
    return pick(CONNECT_STEPS[connect.kind] ?? '', {
      request: connect.label ?? connect.kind,
      pod: connect.ref?.name ?? '',
      node: String(forwarded.summary.params?.node ?? ''),
      container: String(forwarded.summary.params?.container ?? ''),
    });
  }
  const request = msgs.find((m) => m.from === 'kubectl');
  if (request) {
    // The answer to the last request is what the learner reads in the console.
    const writes = msgs.filter(
      (m) => m.from === 'kubectl' && m.kind !== 'api.get' && m.kind !== 'api.list',
    );
    const shown = writes[writes.length - 1] ?? request;
    const answer = msgs.find(
      (m) => m.seq > shown.seq && m.kind === 'api.response' && m.to === 'kubectl',
    );
    const code = Number(answer?.summary.params?.code ?? 0);
    const requestText = shown.label ?? shown.kind;
    if (code >= 400) {
      const reason = String(answer?.summary.params?.reason ?? '');
      // A read that found nothing: nothing was refused, and reads never store anything.
      if (code === 404 && READS.has(shown.kind)) {
        return pick('lab.step.kubectl.notFound', { request: requestText, code, reason });
      }
      return pick(reason ? 'lab.step.kubectl.errorReason' : 'lab.step.kubectl.error', {
        request: requestText,
        code,
        reason,
      });
    }
    if (writes.length === 0) return pick('lab.step.kubectl.read', { request: requestText, code });
    const what = kubectlWrite(shown, code, cluster, end);
    return what
      ? pick(what.key, { request: requestText, code, ...what.params })
      : pick('lab.step.kubectl.write', { request: requestText, code });
  }

  const build = msgs.find((m) => m.kind === 'image.build');
  // The images the build's FROM pulled first (a failed build's pulls have no build message).
  const fromBuild = (upToDate: boolean) =>
    msgs
      .filter(
        (m) =>
          m.kind === 'image.downloaded' &&
          m.summary.params?.by === 'build' &&
          (m.summary.params?.upToDate === 'true') === upToDate,
      )
      .map((m) => String(m.summary.params?.image ?? ''));
  const basePulls = fromBuild(false);
  // `--pull` with the base already on the laptop: asked, found up to date.
  const checked = fromBuild(true);
  if (build) {
    const image = String(build.summary.params?.image ?? '');
    if (basePulls.length === 0 && checked.length > 0) {
      return pick('lab.step.docker.buildCheck', {
        image,
        base: checked.join(', '),
        registry: registryOf(checked[0] as string),
      });
    }
    if (basePulls.length === 0) return pick('lab.step.docker.build', { image });
    return pick('lab.step.docker.buildPull', {
      image,
      base: basePulls.join(', '),
      registry: registryOf(basePulls[0] as string),
    });
  }
  const push = msgs.find((m) => m.kind === 'image.push');
  if (push) {
    const image = String(push.summary.params?.image ?? '');
    // No image with that tag on the laptop: the local docker refuses, nothing reaches a
    // registry (the request stays on the laptop).
    if (push.to === 'developer') return pick('lab.step.docker.pushMissing', { image });
    // Docker Hub's answer: a push into library/ (a name without an account) is denied.
    const denied = msgs.some((m) => m.kind === 'image.pushed' && m.summary.params?.ok === 'false');
    if (!denied) return pick('lab.step.docker.push', { image });
    // Another account's namespace is refused too; in the learner's own, only a signed-out
    // laptop is (docker logout).
    const namespace = hubNamespace(parseImageName(image)?.repository ?? 'docker.io/library/x');
    if (namespace === 'library') return pick('lab.step.docker.pushDenied', { image });
    if (namespace !== HUB_USER)
      return pick('lab.step.docker.pushOtherAccount', {
        image,
        account: namespace,
        user: HUB_USER,
      });
    return pick('lab.step.docker.pushSignedOut', { image });
  }
  const login = msgs.find((m) => m.kind === 'registry.loginResult');
  if (login) {
    const refused = login.summary.params?.ok === 'false';
    return pick(refused ? 'lab.step.docker.loginRefused' : 'lab.step.docker.login', {
      user: String(login.summary.params?.user ?? ''),
    });
  }
  const pull = msgs.find((m) => m.kind === 'image.downloaded');
  if (pull) {
    const image = String(pull.summary.params?.image ?? '');
    const failed = pull.summary.params?.ok === 'false';
    return pick(failed ? 'lab.step.docker.pullFailed' : 'lab.step.docker.pull', {
      image,
      registry: registryOf(image),
    });
  }

  // The API server's own loop wrote the kubernetes Service, its Endpoints or its EndpointSlice
  // back (no request came in: the loop runs inside the API server).
  const restored = msgs.some(
    (m) =>
      m.from === 'api-server' &&
      m.to === 'etcd' &&
      m.ref?.namespace === 'default' &&
      m.ref.name === 'kubernetes' &&
      (m.ref.resource === 'services' ||
        m.ref.resource === 'endpoints' ||
        m.ref.resource === 'endpointslices'),
  );
  if (restored && !msgs.some((m) => m.to === 'api-server')) {
    return pick('lab.step.kubernetesService', {});
  }

  const first = msgs.find((m) => initiatorOf(m) !== undefined) ?? msgs[0];
  return pick('lab.step.other', { actor: first?.from ?? '', count: msgs.length });
}

/**
 * Steps that are one component's work (the kubelet's failing pulls and its back-off between
 * them, the scheduler finding no node), where the others only hear of it through their watches.
 */
const ONE_ACTOR_KEYS = new Set([
  'lab.step.pullFailed.text',
  'lab.step.pullRetryFailed.text',
  'lab.step.backOff.text',
  'lab.step.backOffAgain.text',
  'lab.step.unschedulable.text',
  'lab.step.unschedulableOther.text',
]);

/** The kubelet's image pull back-off: 10 s after the first failure, doubling up to 5 minutes. */
const IMAGE_BACKOFF_INITIAL_S = 10;
const IMAGE_BACKOFF_MAX_S = 300;
/** How far back `pullBackOff` looks for a pod's failed pulls (a bound on a long lab). */
const MAX_BACKOFF_SCAN = 200_000;

/**
 * Where the kubelet's pull back-off for `pod` stands at message `seq`: how many pulls have failed
 * since the pod was created, when the last one failed, and how long the kubelet waits after it
 * (10 s, 20 s, 40 s … 300 s, as kuberuntime's image back-off).
 */
function pullBackOff(
  cluster: Cluster,
  namespace: string | undefined,
  pod: string,
  seq: number,
): { failures: number; lastAt: number; seconds: number } {
  let failures = 0;
  let lastAt = 0;
  const all = cluster.messages;
  const stop = Math.max(0, seq - MAX_BACKOFF_SCAN);
  for (let i = Math.min(seq, all.length - 1); i >= stop; i--) {
    const m = all[i];
    if (!m || m.ref?.name !== pod || m.ref.namespace !== namespace) continue;
    if (m.kind === 'cri.imagePullFailed') {
      if (failures === 0) lastAt = m.at;
      failures++;
    } else if (m.kind === 'api.create' && m.ref.resource === 'pods') break;
  }
  const seconds =
    failures === 0
      ? IMAGE_BACKOFF_INITIAL_S
      : Math.min(IMAGE_BACKOFF_INITIAL_S * 2 ** (failures - 1), IMAGE_BACKOFF_MAX_S);
  return { failures: Math.max(failures, 1), lastAt, seconds };
}

/**
 * A step of the pull back-off without a pull: the status turning ImagePullBackOff
 * (`lab.step.backOff`) or a later sync repeating its events (`lab.step.backOffAgain`), with the
 * wait and how much of it is left at the step's end.
 */
function backOffStep(
  key: 'lab.step.backOff' | 'lab.step.backOffAgain',
  cluster: Cluster,
  msgs: readonly Message[],
  node: string,
  ref: { namespace?: string | undefined; name: string },
  image: string,
): { title: Text; text: Text } {
  const last = msgs[msgs.length - 1];
  const state = pullBackOff(cluster, ref.namespace, ref.name, last?.seq ?? 0);
  const left = Math.max(
    1,
    Math.round((state.lastAt + state.seconds * 1000 - (last?.at ?? state.lastAt)) / 1000),
  );
  const params = {
    node,
    pod: ref.name,
    image,
    attempt: state.failures,
    backoff: state.seconds,
    left,
  };
  return { title: text(`${key}.title`, params), text: text(`${key}.text`, params) };
}

/** `a, b, c, d, e, … (+25)`: the first few names and how many more there are. */
function namesCounted(list: readonly string[]): string {
  const uniq = [...new Set(list)];
  return uniq.length > MAX_NAMES
    ? `${uniq.slice(0, MAX_NAMES).join(', ')}, … (+${uniq.length - MAX_NAMES})`
    : uniq.join(', ');
}

/**
 * Containers started: name the pods that are Running at the step's end, on the nodes whose
 * runtime started them, and the other pods the kubelets reported in the step by their real
 * status (still ContainerCreating while their image is pulled).
 */
function startedStep(
  msgs: readonly Message[],
  kubelet: readonly Message[],
  end: Snapshot,
  pick: (key: string, params: Record<string, string | number>) => { title: Text; text: Text },
): { title: Text; text: Text } {
  const podKey = (m: Message) => `${m.ref?.namespace ?? ''}/${m.ref?.name ?? ''}`;
  const phaseOf = (key: string) => {
    const [ns, name = ''] = key.split('/');
    return (end.get('pods', ns, name)?.status as { phase?: string } | undefined)?.phase;
  };
  /** Running pods started in this step, with the node whose runtime started them. */
  const started = new Map<string, string>();
  for (const m of msgs) {
    if (m.kind === 'cri.startContainer' && m.ref?.resource === 'pods') {
      started.set(podKey(m), nodeOf(m.from));
    }
  }
  const running = [...started].filter(([key]) => phaseOf(key) === 'Running');
  // A pod of several containers may not be Running yet: then tell what was started.
  const shown = running.length > 0 ? running : [...started];
  const nodes = [...new Set(shown.map(([, node]) => node))].sort();
  const label = ([key, node]: [string, string]) => {
    const name = key.slice(key.indexOf('/') + 1);
    return nodes.length > 1 ? `${name} (${node})` : name;
  };
  const others = new Map<string, string>();
  for (const m of kubelet) {
    const key = podKey(m);
    if (m.ref?.resource !== 'pods' || started.has(key) || others.has(key)) continue;
    const [ns, name = ''] = key.split('/');
    const status = waitingReason(end, ns, name) || phaseOf(key);
    if (!status || status === 'Running' || !end.get('pods', ns, name)) continue;
    others.set(key, `${name} (${nodeOf(m.from)}: ${status})`);
  }
  const params = {
    node: nodes.join(', '),
    pods: namesCounted(shown.map(label)),
    count: shown.length,
    others: namesCounted([...others.values()]),
  };
  return pick(others.size > 0 ? 'lab.step.startedSome' : 'lab.step.started', params);
}

/** A CPU amount as kubectl writes it: whole cores, else millicores. */
const cpuText = (milli: number) => (milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`);
/** A memory amount in Gi when whole, else Mi. */
const memoryText = (bytes: number) =>
  bytes % 2 ** 30 === 0 ? `${bytes / 2 ** 30}Gi` : `${Math.round(bytes / 2 ** 20)}Mi`;

/**
 * Why no node fits a pod, in the lab's words: what it requests and, node by node, what ruled
 * the node out (a taint it does not tolerate; for a resource, what it requests > what the node
 * has left; else the filter's own reason). Nodes ruled out the same way are named together.
 */
function noNodeFits(
  end: Snapshot,
  namespace: string,
  name: string,
): {
  key: 'lab.step.unschedulable' | 'lab.step.unschedulableOther';
  params: Record<string, string | number>;
  /** Why each node was ruled out, as the node's box on the stage shows it. */
  byNode: Record<string, string>;
} {
  const decision = end.decision(`${namespace}/${name}`);
  const pod = end.get('pods', namespace, name);
  const asked = pod ? podRequests(pod as Pod).requested : { milliCPU: 0, memory: 0 };
  const requested = [
    ...(asked.milliCPU > 0 ? [`cpu ${cpuText(asked.milliCPU)}`] : []),
    ...(asked.memory > 0 ? [`memory ${memoryText(asked.memory)}`] : []),
  ];
  // What is left on a node: allocatable minus the requests of the pods bound to it.
  const left = (node: string) => {
    const obj = end.get('nodes', undefined, node);
    const alloc = obj ? nodeAllocatable(obj as Node) : { milliCPU: 0, memory: 0 };
    let cpu = alloc.milliCPU;
    let memory = alloc.memory;
    for (const p of end.list('pods')) {
      const spec = p.spec as { nodeName?: string } | undefined;
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      if (spec?.nodeName !== node || phase === 'Succeeded' || phase === 'Failed') continue;
      const r = podRequests(p as Pod).requested;
      cpu -= r.milliCPU;
      memory -= r.memory;
    }
    return { cpu: Math.max(0, cpu), memory: Math.max(0, memory) };
  };
  let resources = false;
  const why = (v: { node: string; reasons: { plugin: string; reason: string }[] }) =>
    v.reasons
      .map(({ plugin, reason }) => {
        const taint = /untolerated taint \{([^:}]*):\s*([^}]*)\}/.exec(reason);
        if (plugin === 'TaintToleration' && taint) {
          const t = end.get('nodes', undefined, v.node)?.spec as
            | { taints?: { key: string; value?: string; effect?: string }[] }
            | undefined;
          const found = t?.taints?.find((x) => x.key === taint[1]);
          return `taint ${found ? taintString(found) : taint[1]}`;
        }
        if (reason === 'Insufficient cpu') {
          resources = true;
          return `cpu ${cpuText(asked.milliCPU)} > ${cpuText(left(v.node).cpu)}`;
        }
        if (reason === 'Insufficient memory') {
          resources = true;
          return `memory ${memoryText(asked.memory)} > ${memoryText(left(v.node).memory)}`;
        }
        return reason;
      })
      .join(', ');
  const ruledOut = (decision?.verdicts ?? []).filter((v) => !v.passed);
  const groups = new Map<string, string[]>();
  const byNode: Record<string, string> = {};
  for (const v of [...ruledOut].sort((a, b) => a.node.localeCompare(b.node))) {
    const reason = why(v);
    byNode[v.node] = reason;
    groups.set(reason, [...(groups.get(reason) ?? []), v.node]);
  }
  const verdicts = [...groups]
    .map(([reason, nodes]) => `${nodes.join(', ')} ✗ ${reason}`)
    .join('; ');
  const params = {
    pod: name,
    request: requested.join(', '),
    count: ruledOut.length,
    verdicts,
    reason: decision?.message ?? '',
  };
  return {
    key:
      resources && requested.length > 0 ? 'lab.step.unschedulable' : 'lab.step.unschedulableOther',
    params,
    byNode,
  };
}

/** Requests that only read (or stream from) what is there. */
const READS = new Set([
  'api.get',
  'api.list',
  'api.log',
  'api.exec',
  'api.attach',
  'api.portforward',
]);

/** The registry an image comes from, as a learner knows it: `docker.io` is Docker Hub. */
function registryOf(image: string): string {
  const domain = parseImageName(image)?.domain ?? 'docker.io';
  return domain === 'docker.io' ? 'Docker Hub' : domain;
}

/** HTTP reason phrases for the codes the API server answers a write with. */
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

type NarrationKey =
  | 'lab.step.kubectl.create'
  | 'lab.step.kubectl.change'
  | 'lab.step.kubectl.scale'
  | 'lab.step.kubectl.cordon'
  | 'lab.step.kubectl.uncordon'
  | 'lab.step.kubectl.taint'
  | 'lab.step.kubectl.deletePod'
  | 'lab.step.kubectl.deletePodNow'
  | 'lab.step.kubectl.evict'
  | 'lab.step.kubectl.evictBudget'
  | 'lab.step.kubectl.delete'
  | 'lab.step.kubectl.deleteForeground'
  | 'lab.step.scheduledOne'
  | 'lab.step.scheduledAll'
  | 'lab.step.scheduledOnly'
  | 'lab.step.scheduledTie';

const specOf = (o: KubeObject | undefined) => o?.spec as Record<string, unknown> | undefined;

/**
 * What kubectl's write did, said specifically: which object, where etcd keeps it and at which
 * revision, and for the changes the lab's what-ifs make (scale, cordon, uncordon, deleting a
 * pod) what it means. Undefined when the request names no object (the generic text is used).
 */
function kubectlWrite(
  shown: Message,
  code: number,
  cluster: Cluster,
  end: Snapshot,
): { key: NarrationKey; params: Record<string, string | number> } | undefined {
  const ref = shown.ref;
  const def = ref ? RESOURCES[ref.resource as keyof typeof RESOURCES] : undefined;
  if (!ref || !def || !ref.name) return undefined;
  const before = cluster.frame(shown.seq - 1)?.get(ref.resource, ref.namespace, ref.name);
  const after = end.get(ref.resource, ref.namespace, ref.name);
  const params: Record<string, string | number> = {
    kind: def.kind,
    name: ref.name,
    key: etcdKey(def, ref.namespace, ref.name),
    revision: after?.metadata?.resourceVersion ?? '',
    status: `${code} ${STATUS_TEXT[code] ?? ''}`.trim(),
  };
  if (shown.kind === 'api.create') return { key: 'lab.step.kubectl.create', params };
  if (shown.kind === 'api.evict') {
    // A refused eviction (429: a PodDisruptionBudget allows no disruption) gets the generic text.
    if (code !== 201) return undefined;
    // The request's writes: the budget's count (when one covers the pod), the pod's
    // DisruptionTarget condition, then the graceful delete that marks it.
    let left: KubeObject | undefined;
    for (let seq = shown.seq + 1; seq <= shown.seq + 8; seq++) {
      left = cluster.frame(seq)?.get(ref.resource, ref.namespace, ref.name);
      if (!left || left.metadata?.deletionTimestamp) break;
    }
    const grace = left?.metadata?.deletionGracePeriodSeconds ?? 0;
    const node = String(specOf(before)?.nodeName ?? '');
    const budget = cluster
      .frame(shown.seq - 1)
      ?.list('poddisruptionbudgets', ref.namespace)
      .find((p) => pdbSelects(p, before?.metadata?.labels));
    if (budget)
      return {
        key: 'lab.step.kubectl.evictBudget',
        params: { ...params, node, grace, budget: budget.metadata?.name ?? '' },
      };
    return { key: 'lab.step.kubectl.evict', params: { ...params, node, grace } };
  }
  if (shown.kind === 'api.delete') {
    // What the request left in etcd: a graceful delete only marks the object.
    const left = cluster.frame(shown.seq + 1)?.get(ref.resource, ref.namespace, ref.name);
    if (ref.resource === 'pods') {
      const node = String(specOf(before)?.nodeName ?? '');
      if (node && !left) {
        return { key: 'lab.step.kubectl.deletePodNow', params: { ...params, node } };
      }
      if (node) {
        const grace = left?.metadata?.deletionGracePeriodSeconds ?? 30;
        return { key: 'lab.step.kubectl.deletePod', params: { ...params, node, grace } };
      }
    }
    if (left?.metadata?.finalizers?.includes('foregroundDeletion')) {
      return { key: 'lab.step.kubectl.deleteForeground', params };
    }
    return { key: 'lab.step.kubectl.delete', params };
  }
  if (shown.kind !== 'api.patch' && shown.kind !== 'api.update') return undefined;
  if (ref.resource === 'nodes') {
    const was = specOf(before)?.unschedulable === true;
    const is = specOf(after)?.unschedulable === true;
    if (!was && is) return { key: 'lab.step.kubectl.cordon', params };
    if (was && !is) return { key: 'lab.step.kubectl.uncordon', params };
    const taints = (node: KubeObject | undefined) =>
      (
        (specOf(node)?.taints as { key: string; value?: string; effect?: string }[] | undefined) ??
        []
      )
        .map(taintString)
        .join(', ');
    const nowTaints = taints(after);
    if (taints(before) !== nowTaints) {
      return { key: 'lab.step.kubectl.taint', params: { ...params, taints: nowTaints || '—' } };
    }
  }
  const from = specOf(before)?.replicas;
  const to = specOf(after)?.replicas;
  if (ref.resource === 'deployments' && typeof to === 'number' && from !== to) {
    return { key: 'lab.step.kubectl.scale', params: { ...params, from: Number(from ?? 1), to } };
  }
  return { key: 'lab.step.kubectl.change', params };
}

/**
 * Why the scheduler bound `bind`'s pod where it did, from its recorded decision: how many nodes
 * passed the filters, which were ruled out, the scores, a tie broken at random.
 */
function schedulingWhy(
  bind: Message,
  cluster: Cluster,
  end: Snapshot,
): { key: NarrationKey; params: Record<string, string | number> } | undefined {
  const { namespace = '', name: pod = '' } = bind.ref ?? {};
  const frame = cluster.frame(bind.seq + 1) ?? end;
  const node = podNode(frame, namespace, pod);
  const decision = frame.decision(`${namespace}/${pod}`) ?? end.decision(`${namespace}/${pod}`);
  if (!decision || !node || decision.selectedNode !== node) return undefined;
  // The nodes only: the reasons (long, in the scheduler's words) are in the Scheduler tab.
  const rejected = decision.verdicts
    .filter((v) => !v.passed)
    .map((v) => v.node)
    .join(', ');
  // Highest first; among equal totals the chosen node first.
  const ranked = [...decision.scores].sort(
    (a, b) =>
      b.total - a.total ||
      Number(b.node === node) - Number(a.node === node) ||
      a.node.localeCompare(b.node),
  );
  const scores = ranked.map((s) => `${s.node} ${s.total}`).join(', ');
  // kube-scheduler picks at random among the nodes that share the highest score.
  const tied = ranked.filter((s) => s.total === ranked[0]?.total).map((s) => s.node);
  const params = {
    pod,
    node,
    feasible: decision.feasibleNodes,
    evaluated: decision.evaluatedNodes,
    rejected,
    scores,
    tied: tied.join(', '),
  };
  if (decision.scores.length === 0) {
    return rejected ? { key: 'lab.step.scheduledOnly', params } : undefined;
  }
  if (tied.length > 1) return rejected ? { key: 'lab.step.scheduledTie', params } : undefined;
  return { key: rejected ? 'lab.step.scheduledOne' : 'lab.step.scheduledAll', params };
}

/** The namespace of the pod `name` as the kubelet's messages refer to it. */
function ownerNs(msgs: readonly Message[], name: string): string | undefined {
  return msgs.find((m) => m.ref?.resource === 'pods' && m.ref.name === name)?.ref?.namespace;
}

/**
 * Whether `pod` (a pod of the DaemonSet `daemonset`) runs an older revision than the one that
 * matches the DaemonSet's template now: the rolling update replaces it.
 */
function oldDaemonRevision(
  frame: Snapshot,
  pod: KubeObject | undefined,
  daemonset: string,
): boolean {
  const ns = pod?.metadata?.namespace;
  const ds = frame.get('daemonsets', ns, daemonset);
  const hash = pod?.metadata?.labels?.[REVISION_HASH_LABEL];
  if (!ds || !hash) return false;
  const current = frame
    .list('controllerrevisions', ns)
    .find(
      (r) =>
        r.metadata?.ownerReferences?.some((o) => o.controller && o.uid === ds.metadata?.uid) &&
        revisionMatches(ds, r),
    );
  const currentHash =
    current?.metadata?.labels?.[REVISION_HASH_LABEL] ??
    current?.metadata?.name?.slice(daemonset.length + 1);
  return currentHash !== undefined && currentHash !== hash;
}

/** Whether `node` carries the taint a cordon brings: node.kubernetes.io/unschedulable. */
function hasUnschedulableTaint(node: KubeObject | undefined): boolean {
  const taints = (node?.spec as { taints?: { key?: string }[] } | undefined)?.taints ?? [];
  return taints.some((t) => t.key === 'node.kubernetes.io/unschedulable');
}

function imageOf(frame: Snapshot, m: Message): string {
  const pod = m.ref ? frame.get('pods', m.ref.namespace, m.ref.name) : undefined;
  return (
    (pod?.spec as { containers?: { image?: string }[] } | undefined)?.containers?.[0]?.image ?? ''
  );
}

/**
 * The steps for the messages from `fromSeq` on (what one console line caused). Needs a
 * cluster with `keepSnapshots`. `runId` makes the step ids unique in the session.
 */
export function stepsFrom(cluster: Cluster, fromSeq: number, runId: string): LabStep[] {
  const msgs = cluster.messages.slice(fromSeq).filter((m) => !m.housekeeping);
  const groups = cutMessages(msgs);
  const nodes = cluster.nodes();
  return groups.map((group, i) => {
    const first = group[0] as Message;
    const last = group[group.length - 1] as Message;
    const frame = cluster.frame(last.seq) ?? cluster.snapshot();
    const id = `${runId}-${i + 1}`;
    const { title, text: narration } = narrate(group, cluster, frame);
    const model = stageModel(frame, nodes, group, id);
    // The kubelet's pull back-off is the kubelet's alone, and finding no node the scheduler's:
    // a watcher that only hears of the pod's status through its watch takes no part.
    if (ONE_ACTOR_KEYS.has(narration.key)) {
      const senders = new Set(group.map((m) => m.from));
      model.active = model.active.filter(
        (c) => (c !== 'scheduler' && c !== 'controller-manager') || senders.has(c),
      );
    }
    // No node fits: each node's box says which filter ruled it out.
    if (narration.key.startsWith('lab.step.unschedulable')) {
      const pod = group.find(
        (m) => m.from === 'scheduler' && m.kind === 'api.patch' && m.ref?.resource === 'pods',
      )?.ref;
      const why = pod ? noNodeFits(frame, pod.namespace ?? '', pod.name).byNode : {};
      model.nodes = model.nodes.map((n) => (why[n.name] ? { ...n, ruledOut: why[n.name] } : n));
    }
    return {
      id,
      title,
      text: narration,
      model,
      namespaces: namespacesAt(frame),
      messages: group.map((m) => storyMessage(m, cluster.frame(m.seq + 1) ?? cluster.frame(m.seq))),
      seqFrom: first.seq,
      seqTo: last.seq,
      at: first.at - START_MS,
    };
  });
}

/**
 * A step without messages (a node stopped, time passed, kubectl that only touched the
 * kubeconfig or ran a client-side dry run): the stage as it is now.
 */
export function quietStep(
  cluster: Cluster,
  runId: string,
  key:
    | 'lab.step.nodeStopped'
    | 'lab.step.controlPlaneStopped'
    | 'lab.step.apiServerDown'
    | 'lab.step.apiServerStopped'
    | 'lab.step.apiServerNoEtcd'
    | 'lab.step.nodeStarted'
    | 'lab.step.quiet'
    | 'lab.step.kubeconfig'
    | 'lab.step.kubeconfigRead'
    | 'lab.step.dryRun'
    | 'lab.step.docker.logout'
    | 'lab.step.nodeShell'
    | 'lab.step.nodeShellLine'
    | 'lab.step.kubeletStopped'
    | 'lab.step.kubeletFailing',
  params: Record<string, string | number>,
): LabStep {
  const frame = cluster.snapshot();
  const id = `${runId}-1`;
  return {
    id,
    title: text(`${key}.title`, params),
    text: text(`${key}.text`, params),
    model: stageModel(frame, cluster.nodes(), [], id),
    namespaces: namespacesAt(frame),
    messages: [],
    seqFrom: cluster.messages.length,
    seqTo: cluster.messages.length - 1,
    at: cluster.now() - START_MS,
  };
}

/**
 * A step for work kubectl does on the laptop alone (`--dry-run=client`, `kubectl config`): no
 * request leaves it, so the stage shows the laptop busy with itself, one message it sends itself
 * (drawn at its corner, like `docker build`), and nothing on any wire.
 */
export function laptopStep(
  cluster: Cluster,
  runId: string,
  key:
    | 'lab.step.kubeconfig'
    | 'lab.step.kubeconfigRead'
    | 'lab.step.dryRun'
    | 'lab.step.docker.logout',
  params: Record<string, string | number>,
  label: string,
  summary: Text,
): LabStep {
  const step = quietStep(cluster, runId, key, params);
  const message: StoryMessage = {
    seq: step.seqFrom,
    at: step.at,
    from: 'kubectl',
    to: 'kubectl',
    kind: 'kubectl.local',
    label,
    summary,
  };
  return {
    ...step,
    model: {
      ...step.model,
      active: ['developer'],
      packets: [{ id: `${step.id}-laptop`, from: 'developer', to: 'developer', label }],
    },
    messages: [message],
  };
}

/**
 * A step for a line typed into a node's root shell (`ssh node1`, then `crictl ps`): it goes from
 * the laptop over SSH to the machine, not to the API server. The stage shows that one hop, from
 * the laptop to the node's header, with the line as its label; its one message says so.
 */
export function nodeShellStep(
  cluster: Cluster,
  runId: string,
  key:
    | 'lab.step.nodeShell'
    | 'lab.step.nodeShellLine'
    | 'lab.step.kubeletStopped'
    | 'lab.step.kubeletFailing',
  node: string,
  line: string,
): LabStep {
  const step = quietStep(cluster, runId, key, { node });
  const login = key === 'lab.step.nodeShell';
  const message: StoryMessage = {
    seq: step.seqFrom,
    at: step.at,
    from: 'developer',
    to: `node/${node}`,
    kind: login ? 'ssh.login' : 'ssh.line',
    label: line,
    summary: text(login ? 'lab.msg.ssh.login' : 'lab.msg.ssh.line', { node }),
  };
  return {
    ...step,
    model: {
      ...step.model,
      active: ['developer'],
      packets: [{ id: `${step.id}-ssh`, from: 'developer', to: `node/${node}`, label: line }],
    },
    messages: [message],
  };
}

/**
 * What a `--dry-run=client` line printed the object as: `Deployment/web` from YAML or JSON,
 * `deployment.apps/web` from `-o name` or the `… created (dry run)` line; undefined otherwise.
 */
export function dryRunObject(stdout: string): string | undefined {
  const yaml = /^kind: (\S+)$/m.exec(stdout);
  const yamlName = /^metadata:\n(?:[ ]{2}.*\n)*?[ ]{2}name: (\S+)$/m.exec(stdout);
  if (yaml && yamlName) return `${yaml[1]}/${yamlName[1]}`;
  const json = /^[ ]{4}"kind": "([^"]+)"/m.exec(stdout);
  const jsonName = /^[ ]{8}"name": "([^"]+)"/m.exec(stdout);
  if (json && jsonName) return `${json[1]}/${jsonName[1]}`;
  const line = /^([a-z0-9.-]+\/[^\s/]+)(?: \S+ \(dry run\))?$/m.exec(stdout);
  return line?.[1];
}

/** The summary of a `--dry-run=client` step's one message (the object when kubectl printed it). */
export function dryRunSummary(object: string | undefined): Text {
  return object ? text('lab.msg.dryRun', { object }) : text('lab.msg.dryRun.any', {});
}

/** The summary of a `docker logout` step's one message. */
export function dockerLogoutSummary(): Text {
  return text('lab.msg.docker.logout', {});
}

/** The summary of a `kubectl config` step's one message. */
export function kubeconfigSummary(changed: boolean): Text {
  return text(changed ? 'lab.msg.kubeconfig.write' : 'lab.msg.kubeconfig.read', {});
}
