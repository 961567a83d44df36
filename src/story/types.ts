/**
 * The story layer's output: a scenario as a list of steps the player walks through, each a
 * plain-data picture built from the engine's real messages and frames.
 *
 * Stories are computed by running the engine (at build time, through the Vite plugin in
 * `vitePlugin.ts`, so the first view ships data, not the simulator). Everything here must be
 * JSON-serialisable.
 */
import type { MessageKey } from '../i18n/index.ts';
import type { StageModel } from '../ui/stage/model.ts';

/** How much of the truth a step list tells. */
export type StoryLevel = 'simple' | 'detailed';
export const STORY_LEVELS: readonly StoryLevel[] = ['simple', 'detailed'];

/** A translatable text: an i18n key and its `{placeholder}` values. */
export interface Text {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** One node's row in the scheduler's decision table. */
export interface DecisionRow {
  node: string;
  /** True when every filter plugin accepted the node. */
  feasible: boolean;
  /** For rejected nodes: the filter's reason, as the scheduler words it (e.g. `node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`). */
  reason?: string;
  /** Weighted score per score plugin (only feasible nodes). */
  scores?: Record<string, number>;
  /** Sum of the weighted scores (only feasible nodes). */
  total?: number;
  /** The node the pod was bound to. */
  chosen: boolean;
}

/** The scheduler's decision for one pod, as the decision table shows it. */
export interface DecisionView {
  pod: string;
  namespace: string;
  rows: DecisionRow[];
  /** The score plugins in column order. */
  plugins: string[];
  /** Set when no node fit: the exact FailedScheduling message. */
  failure?: string;
}

/** A message of this step, for the list under the diagram and the packet labels. */
export interface StoryMessage {
  seq: number;
  /** Virtual ms since the learner arrived (0 = the start of the scenario). */
  at: number;
  from: string;
  to: string;
  kind: string;
  label: string;
  summary: Text;
}

/** One step of a scenario. */
export interface StoryStep {
  /** Unique within the level; the contract's ids (`image-push` …) are among them. */
  id: string;
  title: Text;
  /** Narration: short sentences, real component names. */
  text: Text;
  /** The stage at the end of the step; `packets` are this step's messages in order. */
  model: StageModel;
  /** The engine messages this step covers (inclusive seq range; empty steps repeat the previous `to`). */
  seqFrom: number;
  seqTo: number;
  messages: StoryMessage[];
  /** What `kubectl get pods -o wide` prints at the end of the step (the exact bytes). */
  getPods: string;
  /** The object the step touches, as `kubectl get … -o yaml` would print it at the end of the step. */
  yaml?: { title: string; text: string };
  /** The request body kubectl sent (only on the API request step). */
  request?: { title: string; text: string };
  /** The scheduler's decision (only on steps where the scheduler decides). */
  decision?: DecisionView;
}

/** A scenario at both levels. */
export interface Story {
  id: string;
  /** The commands the scenario runs, in order (shown to the learner). */
  commands: string[];
  levels: Record<StoryLevel, StoryStep[]>;
}
