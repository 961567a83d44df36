/**
 * The container flow of the study note, built from a real run of the engine:
 * `docker build -t nginx .`, `docker push nginx`, `kubectl create deployment web --image=nginx`,
 * then the cluster settles. The recorded messages are cut into steps at both levels; each step
 * carries the stage at its last message, what `kubectl get pods -o wide` prints there, the YAML
 * of the object it touches and, where the scheduler decides, the decision table.
 *
 * Steps are found by what happens (the first message of a kind), not by sequence numbers, so
 * the story follows the engine when its timing changes; a missing beat throws at build time.
 */
import { runAction } from '../cli/actions.ts';
import type { Cluster, Decision, Message, Snapshot } from '../engine/index.ts';
import { createCluster } from '../engine/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { hostForCluster, runLine, toGoYaml } from '../kubectl/index.ts';
import { kubectlAt } from './snapshotHost.ts';
import { stageModel, storyMessage } from './stage.ts';
import type { DecisionRow, DecisionView, Story, StoryLevel, StoryStep, Text } from './types.ts';

/** The scenario's id (`?scenario=container-flow`). */
export const CONTAINER_FLOW_ID = 'container-flow';

/** The story's push: the study note's, to the official name (see `run`). */
const STORY_PUSH = 'docker push nginx';

/** The commands the learner's developer runs, in order. */
export const CONTAINER_FLOW_COMMANDS: readonly string[] = [
  'docker build -t nginx .',
  STORY_PUSH,
  'kubectl create deployment web --image=nginx',
];

/** Which object a step's YAML panel shows. */
type Touches = 'deployment' | 'replicaset' | 'pod';

/** What the step finder sees: the non-housekeeping messages and the names in play. */
interface Flow {
  msgs: readonly Message[];
  deployment: string;
  replicaset: string;
  pod: string;
}

/** A step of a level: its id, where it starts (index into `flow.msgs`, searched after `from`), what it shows. */
interface StepDef {
  id: string;
  /** Index of the step's first message in `flow.msgs`, searching from `from`; -1 if absent. */
  start: (flow: Flow, from: number) => number;
  touches?: Touches;
  request?: boolean;
  decision?: boolean;
  /**
   * Simple level: the narration says the API server stores what it was sent, so the step also
   * shows that etcd write (the first one after the step's first shown request to the API server).
   */
  stores?: boolean;
}

const isWeb = (m: Message, flow: Flow, resource: string): boolean =>
  m.ref?.resource === resource &&
  m.ref.namespace === 'default' &&
  m.ref.name ===
    (resource === 'pods'
      ? flow.pod
      : resource === 'replicasets'
        ? flow.replicaset
        : flow.deployment);

/** First index ≥ from where `pred` holds. */
const first =
  (pred: (m: Message, flow: Flow) => boolean) =>
  (flow: Flow, from: number): number => {
    for (let i = from; i < flow.msgs.length; i++) if (pred(flow.msgs[i] as Message, flow)) return i;
    return -1;
  };

/** First index where `pred` holds, after the first where `after` holds. */
const firstAfter =
  (after: (m: Message, flow: Flow) => boolean, pred: (m: Message, flow: Flow) => boolean) =>
  (flow: Flow, from: number): number => {
    const a = first(after)(flow, from);
    return a < 0 ? -1 : first(pred)(flow, a + 1);
  };

const imageBuild = first((m) => m.kind === 'image.build');
const imagePush = first((m) => m.kind === 'image.push');
const kubectlCreate = first(
  (m, f) => m.from === 'kubectl' && m.kind === 'api.create' && isWeb(m, f, 'deployments'),
);
const deploymentStored = first((m, f) => m.kind === 'etcd.put' && isWeb(m, f, 'deployments'));
const deploymentWatched = first(
  (m, f) => m.kind === 'watch.event' && m.to === 'controller-manager' && isWeb(m, f, 'deployments'),
);
/** The watches fanning out after the deployment controller created the ReplicaSet. */
const replicasetWatched = firstAfter(
  (m, f) => m.kind === 'api.create' && isWeb(m, f, 'replicasets'),
  (m) => m.kind === 'watch.event',
);
const podWatchedByScheduler = first(
  (m, f) => m.kind === 'watch.event' && m.to === 'scheduler' && isWeb(m, f, 'pods'),
);
/** The binding fanning out to every watcher (the scheduler, the controller manager, the kubelet). */
const bindingWatched = firstAfter(
  (m, f) => m.kind === 'api.bind' && isWeb(m, f, 'pods'),
  (m, f) => m.kind === 'watch.event' && isWeb(m, f, 'pods'),
);
const pullImage = first((m, f) => m.kind === 'cri.pullImage' && isWeb(m, f, 'pods'));
const createContainer = first((m, f) => m.kind === 'cri.createContainer' && isWeb(m, f, 'pods'));
/** The kubelet's status PATCH after the container started. */
const runningReported = firstAfter(
  (m, f) => m.kind === 'cri.startContainer' && isWeb(m, f, 'pods'),
  (m, f) => m.from.startsWith('kubelet/') && m.kind.startsWith('api.') && isWeb(m, f, 'pods'),
);

/** The detailed level: every message, watches included. */
const DETAILED: readonly StepDef[] = [
  { id: 'image-build', start: imageBuild },
  { id: 'image-push', start: imagePush },
  { id: 'api-request', start: kubectlCreate, request: true },
  { id: 'etcd-write', start: deploymentStored, touches: 'deployment' },
  { id: 'deployment-controller', start: deploymentWatched, touches: 'replicaset' },
  { id: 'replicaset-controller', start: replicasetWatched, touches: 'pod' },
  { id: 'scheduler-choice', start: podWatchedByScheduler, touches: 'pod', decision: true },
  { id: 'kubelet', start: bindingWatched, touches: 'pod' },
  { id: 'image-pull', start: pullImage, touches: 'pod' },
  { id: 'container-start', start: createContainer, touches: 'pod' },
  { id: 'pod-running', start: runningReported, touches: 'pod' },
];

/** The simple level: the study note's six beats (the contract's ids, in order). */
const SIMPLE: readonly StepDef[] = [
  { id: 'image-push', start: imageBuild },
  { id: 'api-request', start: kubectlCreate, touches: 'deployment', request: true, stores: true },
  { id: 'scheduler-choice', start: podWatchedByScheduler, touches: 'pod', decision: true },
  { id: 'kubelet', start: bindingWatched, touches: 'pod' },
  { id: 'image-pull', start: pullImage, touches: 'pod' },
  { id: 'pod-running', start: createContainer, touches: 'pod', stores: true },
];

/**
 * The main hops the simple level shows: the image's trips, the create requests (not Events),
 * the binding, the CRI calls and the kubelet's pod status reports. Watch deliveries, etcd
 * writes, Events and the controllers' status bookkeeping happen too, but the study note's
 * story leaves them out; the detailed level shows them.
 */
function simpleShows(m: Message): boolean {
  if (m.kind.startsWith('image.') || m.kind.startsWith('cri.')) return true;
  if (m.kind === 'api.create') return m.ref?.resource !== 'events';
  if (m.kind === 'api.response') return m.to === 'kubectl';
  if (m.kind === 'api.bind') return true;
  return m.from.startsWith('kubelet/') && m.kind === 'api.patch' && m.ref?.resource === 'pods';
}

/**
 * The simple level's messages of one step: its main hops and, when the step says the API server
 * stores something (`stores`), the etcd write that follows the step's first request to the API
 * server, so etcd lights up where the narration says "stores it in etcd".
 */
function simpleShown(inRange: readonly Message[], stores: boolean): Message[] {
  const shown = inRange.filter(simpleShows);
  if (!stores) return shown;
  const request = shown.find((m) => m.to === 'api-server' && m.kind.startsWith('api.'));
  if (!request) return shown;
  const write = inRange.find((m) => m.seq > request.seq && m.kind === 'etcd.put');
  return write ? inRange.filter((m) => m === write || shown.includes(m)) : shown;
}

/** Run a command line the way the transcript runner does; a failure means the story is wrong. */
function run(cluster: Cluster, line: string): void {
  if (line === STORY_PUSH) {
    // The study note pushes its image to Docker Hub as `nginx`, a name only Docker's official
    // images may use (a learner's own push of it is denied); the story lets it, and its
    // narration says so.
    const pushed = cluster.docker.push('nginx', { official: true });
    if (!pushed.ok) throw new Error(`story: "${line}" failed: ${pushed.lines.join('\n')}`);
    return;
  }
  const res = runAction(cluster, line) ?? runLine(hostForCluster(cluster), line);
  if (res.exitCode !== 0) throw new Error(`story: "${line}" failed: ${res.stderr}`);
}

/** The decision table for `pod` from the scheduler's recorded decision, rows in node order. */
export function decisionView(decision: Decision, nodes: readonly string[]): DecisionView {
  const [namespace = '', pod = ''] = decision.pod.split('/');
  const plugins: string[] = [];
  for (const s of decision.scores) {
    for (const p of s.plugins) if (!plugins.includes(p.plugin)) plugins.push(p.plugin);
  }
  const rows: DecisionRow[] = nodes.map((node) => {
    const verdict = decision.verdicts.find((v) => v.node === node);
    const score = decision.scores.find((s) => s.node === node);
    const row: DecisionRow = {
      node,
      feasible: verdict?.passed === true,
      chosen: decision.selectedNode === node,
    };
    if (verdict && !verdict.passed) row.reason = verdict.reasons.map((r) => r.reason).join(', ');
    // Why: with 100 nodes or more the scheduler stops filtering once it has enough feasible
    // ones; a node it never looked at gets no verdict, and the table says so instead of guessing.
    if (!verdict) row.reason = 'not evaluated';
    if (score) {
      row.scores = Object.fromEntries(score.plugins.map((p) => [p.plugin, p.score * p.weight]));
      row.total = score.total;
    }
    return row;
  });
  const view: DecisionView = { pod, namespace, rows, plugins };
  if (!decision.feasible && decision.message) view.failure = decision.message;
  return view;
}

/**
 * Run the scenario on a fresh cluster (every frame kept) and let it settle: the run the story
 * is cut from. Exported so tests can check the story against the full message log.
 */
export function runContainerFlow(seed = 1): Cluster {
  const cluster = createCluster({ seed, keepSnapshots: true });
  for (const line of CONTAINER_FLOW_COMMANDS) run(cluster, line);
  const settled = cluster.settle();
  if (!settled.settled) throw new Error('story: the cluster did not settle');
  if (cluster.errors.length) throw new Error(`story: reconcile errors: ${cluster.errors.length}`);
  return cluster;
}

/** The Deployment kubectl sent, as YAML (kubectl sends JSON; YAML is how learners write it). */
function requestBody(cluster: Cluster): { title: string; text: string } {
  const input = cluster.inputs.find(
    (i) => i.op === 'api' && i.actor === 'kubectl' && i.method === 'create',
  );
  if (!input) throw new Error('story: kubectl sent no create request');
  return {
    title: 'POST /apis/apps/v1/namespaces/default/deployments',
    text: toGoYaml(input.args[2]),
  };
}

/** Cut `flow` into the steps of one level and dress each with its pictures and panels. */
function buildLevel(
  level: StoryLevel,
  defs: readonly StepDef[],
  flow: Flow,
  cluster: Cluster,
  decision: DecisionView,
  request: { title: string; text: string },
): StoryStep[] {
  const starts: number[] = [];
  let from = 0;
  for (const def of defs) {
    const at = def.start(flow, from);
    if (at < 0) throw new Error(`story: no beginning found for ${level} step ${def.id}`);
    starts.push(at);
    from = at + 1;
  }
  const last = flow.msgs[flow.msgs.length - 1] as Message;
  const node = decision.rows.find((r) => r.chosen)?.node ?? '';
  const winner = decision.rows.find((r) => r.chosen);
  // kube-scheduler picks at random among the nodes that share the highest score.
  const tied = decision.rows.filter((r) => r.feasible && r.total === winner?.total);
  const params = {
    tied: tied.map((r) => r.node).join(', '),
    pod: flow.pod,
    replicaset: flow.replicaset,
    deployment: flow.deployment,
    node,
    image: 'nginx',
    score: winner?.total ?? 0,
    feasible: decision.rows.filter((r) => r.feasible).length,
  };
  return defs.map((def, i) => {
    const firstMsg = flow.msgs[starts[i] as number] as Message;
    const next = flow.msgs[starts[i + 1] ?? -1];
    // Contiguous ranges: housekeeping between two steps belongs to the earlier one; the first
    // step starts at the first message, the last ends at the last message that was not upkeep.
    const seqFrom = i === 0 ? 0 : firstMsg.seq;
    const seqTo = next ? next.seq - 1 : last.seq;
    const inRange = flow.msgs.filter((m) => m.seq >= seqFrom && m.seq <= seqTo);
    const shown = level === 'simple' ? simpleShown(inRange, def.stores === true) : inRange;
    const frame = cluster.frame(seqTo) as Snapshot;
    const step: StoryStep = {
      id: def.id,
      title: text(`story.container-flow.${level}.${def.id}.title`, params),
      // A tie for the top score is said as one: the choice among the tied nodes was random.
      text: text(
        `story.container-flow.${level}.${def.id}${def.decision && tied.length > 1 ? '.tie' : ''}.text`,
        params,
      ),
      model: stageModel(frame, cluster.nodes(), shown, def.id),
      seqFrom,
      seqTo,
      messages: shown.map((m) => storyMessage(m, cluster.frame(m.seq + 1) ?? cluster.frame(m.seq))),
      getPods: kubectlAt(frame, 'kubectl get pods -o wide'),
    };
    if (def.touches) {
      const name = { deployment: flow.deployment, replicaset: flow.replicaset, pod: flow.pod }[
        def.touches
      ];
      const line = `kubectl get ${def.touches} ${name} -o yaml`;
      step.yaml = { title: line, text: kubectlAt(frame, line) };
    }
    if (def.request) step.request = request;
    if (def.decision) step.decision = decision;
    return step;
  });
}

/** A Text whose key is built from a step id (checked against the catalogue by the tests). */
function text(key: string, params: Record<string, string | number>): Text {
  return { key: key as MessageKey, params };
}

/**
 * Build the container-flow story from a fresh simulated cluster with `seed`. Deterministic:
 * the same seed gives a deep-equal story. Throws if the engine's run no longer contains one
 * of the beats (the story would otherwise silently lie).
 */
export function buildContainerFlow(seed = 1): Story {
  const cluster = runContainerFlow(seed);
  const final = cluster.snapshot();
  const pods = final.list('pods', 'default');
  const rss = final.list('replicasets', 'default');
  if (pods.length !== 1 || rss.length !== 1) {
    throw new Error(`story: expected one pod and one ReplicaSet, got ${pods.length}/${rss.length}`);
  }
  const flow: Flow = {
    msgs: cluster.messages.filter((m) => !m.housekeeping),
    deployment: 'web',
    replicaset: rss[0]?.metadata?.name ?? '',
    pod: pods[0]?.metadata?.name ?? '',
  };
  const recorded = final.decision(`default/${flow.pod}`);
  if (!recorded) throw new Error('story: the scheduler left no decision');
  const decision = decisionView(recorded, cluster.nodes());
  const request = requestBody(cluster);
  return {
    id: CONTAINER_FLOW_ID,
    commands: [...CONTAINER_FLOW_COMMANDS],
    levels: {
      simple: buildLevel('simple', SIMPLE, flow, cluster, decision, request),
      detailed: buildLevel('detailed', DETAILED, flow, cluster, decision, request),
    },
  };
}
