/**
 * The hands-on lab: a live simulated cluster the learner types commands into, starting where
 * the guided container flow ends. Pure TypeScript (engine + kubectl, no React, no DOM except
 * the `Storage` passed in). It bundles the engine, so the UI must load it lazily.
 *
 * ```ts
 * const lab = createLabSession({ storage: localStorage });
 * const res = lab.run('kubectl create namespace blue');   // stdout "namespace/blue created\n"
 * res.steps;                                              // animatable steps with narration
 * lab.state().namespaces;                                 // … { name: 'blue', phase: 'Active' }
 * ```
 */
import {
  isWholeAction,
  laptopDocker,
  parseDuration,
  runAction,
  simCommand,
} from '../cli/actions.ts';
// The lab's text comes with its code (see src/i18n/lab.ts).
import '../i18n/lab.ts';
import type { Cluster } from '../engine/index.ts';
import { CONTROL_PLANE, etcdKey, RESOURCE_NAMES, RESOURCES, START_MS } from '../engine/index.ts';
import type { Lang } from '../i18n/index.ts';
import {
  carryKubectlEdit,
  enableKubectlEditor,
  finishKubectlEdit,
  pendingKubectlEdit,
} from '../kubectl/commands/edit.ts';
import { explainSchemaIfLoaded, loadExplainSchema } from '../kubectl/explain/load.ts';
import {
  type Completion,
  createKubeconfig,
  createWorkspace,
  currentContext,
  defaultNamespace,
  HOME_DIR,
  hostForCluster,
  type Kubeconfig,
  type KubectlHost,
  completions as kubectlCompletions,
  migrateLegacyPath,
  type OutputChunk,
  type RunResult,
  restoreShell,
  runLine,
  shellPrompt,
  shellSnapshot,
  Workspace,
} from '../kubectl/index.ts';
import { ownKubeconfigFile, refreshKubeconfig } from '../kubectl/kubeconfigFile.ts';
import {
  answerQuestion,
  carryQuestion,
  dropQuestion,
  enableTerminalQuestions,
  pendingQuestion,
} from '../kubectl/terminal.ts';
import { STARTER_PROJECT } from '../kubectl/workspace.ts';
import { decisionView, runContainerFlow } from '../story/containerFlow.ts';
import { kubectlAt } from '../story/snapshotHost.ts';
import { stageNodes, stagePods } from '../story/stage.ts';
import type { DecisionView, Text } from '../story/types.ts';
import type { StageNode, StagePod } from '../ui/stage/model.ts';
import { withAnswer } from './answerEcho.ts';
import {
  boundTranscript,
  clearLab,
  type JournalEntry,
  type LabStorage,
  loadLab,
  MAX_HISTORY,
  MAX_JOURNAL,
  type SavedLab,
  saveLab,
  type TranscriptEntry,
  withStarterProject,
} from './persist.ts';
import { labHelp, localizeSim } from './simText.ts';
import {
  dockerLogoutSummary,
  dryRunObject,
  dryRunSummary,
  kubeconfigSummary,
  type LabNamespace,
  type LabStep,
  laptopStep,
  namespacesAt,
  nodeShellStep,
  quietStep,
  stepsFrom,
} from './steps.ts';

export type { LabStorage, TranscriptEntry } from './persist.ts';
export type { LabNamespace, LabStep } from './steps.ts';

/** What the UI should do besides printing (the console handles these, not the terminal text). */
export type LabIntent =
  | { type: 'clear' }
  | { type: 'edit'; path: string }
  /** `kubectl edit` wrote its temp file (a workspace path) and waits for the editor to close. */
  | { type: 'kubectl-edit'; path: string }
  /**
   * A command asked on the terminal (`kubectl delete -i`) and waits: the next line the learner
   * enters is its answer (`LabSession.answer`). `prompt`: the question's line, as printed last.
   */
  | { type: 'question'; prompt: string };

/** One console line's outcome. */
export interface LabResult {
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Both streams in print order, when a warning or error came before some stdout. */
  output?: OutputChunk[];
  /** What the line caused, cut into animatable steps (empty: nothing happened in the cluster). */
  steps: LabStep[];
  intent?: LabIntent;
  /**
   * What the learner answered a waiting question (`LabSession.answer`; `^C` for Ctrl+C): the
   * terminal shows it after the question, then this result's output, all under the line that
   * asked (`line` is empty).
   */
  answer?: string;
  /** A new line ran while a question waited: that command was interrupted first (`^C`). */
  interrupted?: boolean;
}

/** A message for the learner about the session itself (storage), as an i18n key. */
export type LabNotice = Text;

/** A workspace file as the file list shows it. */
export interface LabFile {
  name: string;
  /** Bytes (UTF-8). */
  size: number;
}

/** One etcd key as the etcd panel lists it. */
export interface EtcdKeyView {
  key: string;
  /** The etcd revision of the key's last write (the object's `metadata.resourceVersion`). */
  modRevision: number;
}

/** What the panels need, live. */
export interface LabState {
  /** Virtual ms since the learner arrived. */
  now: number;
  namespaces: LabNamespace[];
  /** Every pod of every namespace, with node and kubectl's STATUS. */
  pods: StagePod[];
  nodes: StageNode[];
  context: { name: string; namespace: string };
  /** The shell's prompt: `$`, or `root@node1:~#` after `ssh node1`. */
  prompt: string;
  files: LabFile[];
  /** The scheduler's most recent decision about a pod that still exists. */
  decision?: DecisionView;
  /** A `kubectl edit` waiting for the editor: its temp file (a workspace path). */
  kubectlEdit?: { path: string };
  /** A command waiting for the learner's answer (`kubectl delete -i`): its question's line. */
  question?: { prompt: string };
  etcd: {
    /** The global revision. */
    revision: number;
    /** The most recently written keys (at most `MAX_ETCD_KEYS`), sorted by key. */
    keys: EtcdKeyView[];
    /** How many keys etcd holds in all. */
    total: number;
  };
}

export interface LabSessionOptions {
  /** The cluster's seed (default 1, the story's). A saved lab keeps the seed it was made with. */
  seed?: number;
  /** Where to keep the lab across reloads (`localStorage`); absent: nothing is kept. */
  storage?: LabStorage;
  /** The page's language now: what the lab's own commands (`sim`, `help`) print in. Default en. */
  lang?: () => Lang;
}

export interface LabSession {
  /** Run one console line, let the cluster settle, and say what happened. Never throws. */
  run(line: string): LabResult;
  /**
   * What `line` must wait for before it runs: the explain data, for a line that may run
   * `kubectl explain` (itself or through an alias or variable), and the lines made to wait before
   * it; undefined when it can run now. Run it when the promise resolves, in the order asked.
   */
  prepare?(line: string): Promise<void> | undefined;
  /** Let `ms` of virtual time pass (shown in the console as `sim advance Ns`). */
  fastForward(ms: number): LabResult;
  /** Tab completion for the word under `cursor`, against the live cluster. */
  completions(line: string, cursor?: number): Completion;
  /**
   * The editor of a waiting `kubectl edit` closed: "Save and apply" (`text`: what the editor
   * holds, written to the temp file first) or "Cancel edit" (no `text`: quit without saving).
   * Prints what kubectl prints then (a line of its own, `line` empty); `intent` reopens the file
   * when kubectl does (an invalid object). Never throws.
   */
  finishEdit(text?: string): LabResult;
  /**
   * The learner entered `text` while a command waits for an answer (`state().question`): it goes
   * on as kubectl does with the first word (`y` or `Y` deletes, anything else cancels; an empty
   * line leaves it waiting). The result's `answer` is `text`, shown after the question. Without a
   * waiting question, `text` runs as a line. Not kept in the history (bash keeps commands).
   */
  answer(text: string): LabResult;
  /** Ctrl+C while a command waits for an answer: it ends, nothing done (`answer` is `^C`). */
  interrupt(): LabResult;
  /** The question a command waits on, if any (cheap: no snapshot). */
  question(): string | undefined;
  /** The panels' data, now. */
  state(): LabState;
  /** What `kubectl describe KIND NAME -n NS` prints now (no request is recorded). */
  describe(kind: string, namespace: string | undefined, name: string): string;
  readFile(path: string): string | undefined;
  /** Save a file from the editor (kept across reloads). */
  writeFile(path: string, content: string): { ok: true } | { ok: false; error: string };
  removeFile(path: string): boolean;
  files(): LabFile[];
  /** Console lines typed, oldest first (the last `MAX_HISTORY`). */
  history(): readonly string[];
  /**
   * What the console showed, oldest first, restored after a reload: every line run (typed,
   * from a button or a what-if) with its output, emptied by `clear`; bounded by
   * `boundTranscript` (200 entries, 64 KB).
   */
  transcript(): readonly TranscriptEntry[];
  /** The console's Clear button: forget the transcript (history and cluster stay). */
  clearTranscript(): void;
  /** Back to the start: the guided flow's end, the starting files, no history. */
  reset(): void;
  /** What the learner should be told about saving and restoring, if anything. */
  readonly notice: LabNotice | undefined;
  dismissNotice(): void;
  /** The live cluster (tests, inspectors). Read it; change it only through `run`. */
  readonly cluster: Cluster;
}

/**
 * The longest `sim advance`/`sleep` the lab runs at once. The engine needs about a second per
 * virtual hour (every lease renewal is a recorded message), and the page must stay responsive.
 */
export const MAX_LAB_ADVANCE_MS = 30 * 60_000;
/** The etcd panel lists at most this many keys. */
export const MAX_ETCD_KEYS = 150;
/** History lines longer than this are run but not kept (they would crowd storage out). */
const MAX_HISTORY_LINE = 4096;
const EDITOR_LINE = /^(vi|vim|nano|edit|emacs)(?:\s+(\S+))?\s*$/;
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i;

interface Live {
  cluster: Cluster;
  fs: Workspace;
  kubeconfig: Kubeconfig;
  host: KubectlHost;
}

/**
 * The shell's `sim` in the lab (in a list or a loop): the simulation's, with the lab's own limit
 * on one `sim advance` (what a whole `sim advance` line says too).
 */
function labSim(cluster: Cluster, lang?: () => Lang): (args: string[]) => RunResult {
  const sim = simCommand(cluster);
  return (args) => {
    const ms =
      args[0] === 'advance' && args.length === 2 ? parseDuration(args[1] ?? '') : undefined;
    if (ms !== undefined && ms > MAX_LAB_ADVANCE_MS) {
      return {
        stdout: '',
        stderr: 'sim advance: at most 30m of virtual time at once in the lab\n',
        exitCode: 1,
      };
    }
    const res = sim(args);
    // In the page's language, with the clock after `sim advance`, as a whole `sim` line prints.
    if (!lang) return res;
    const clock = cluster.now() - START_MS;
    return localizeSim(res, lang(), ms === undefined ? undefined : { ms, clock });
  };
}

/**
 * A new cluster (the guided flow run) with `files` (a new lab's home directory when absent).
 * `legacyFiles`: the files are a lab's saved before ~/.kube/config was a file, so it is written
 * anew from the config; else the files hold it (or the learner removed it).
 */
function freshLive(
  seed: number,
  files?: Record<string, string>,
  kubeconfig?: Kubeconfig,
  lang?: () => Lang,
  legacyFiles = false,
): Live {
  const cluster = runContainerFlow(seed);
  const fs = files ? new Workspace(files) : createWorkspace();
  const cfg = kubeconfig ?? createKubeconfig();
  // The lab has an editor: `kubectl edit` opens its temp file there. Its terminal waits for
  // the answer to a question (`kubectl delete -i`). Its ~/.kube/config is a file.
  enableKubectlEditor(fs);
  enableTerminalQuestions(fs);
  ownKubeconfigFile(fs, cfg, files === undefined || legacyFiles);
  return { cluster, fs, kubeconfig: cfg, host: labHost(cluster, fs, cfg, lang) };
}

/** The console's host over the lab's cluster and files: kubectl, the laptop's docker and sim. */
function labHost(
  cluster: Cluster,
  fs: Workspace,
  kubeconfig: Kubeconfig,
  lang?: () => Lang,
): KubectlHost {
  return hostForCluster(cluster, {
    fs,
    kubeconfig,
    docker: laptopDocker(cluster),
    sim: labSim(cluster, lang),
  });
}

/** The files, and the directories made with mkdir as `DIR/` keys (what `new Workspace` reads). */
function filesOf(fs: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of fs.madeDirs()) out[`${d}/`] = '';
  for (const p of fs.list()) out[p] = fs.read(p) ?? '';
  return out;
}

const utf8 = new TextEncoder();

/**
 * The lab's name for a file (the editor's list, `vi FILE`, a `kubectl edit` temp file): its
 * path from the home directory when it is there, else its absolute path.
 */
function shownPath(fs: Workspace, path: string): string {
  return Workspace.displayPath(fs.resolve(path) ?? path);
}

/** The absolute path of a file the lab names (from the home directory, as `shownPath` gives). */
function fromHome(fs: Workspace, path: string): string {
  return fs.resolve(path, HOME_DIR) ?? path;
}

/** A journal's file path: absolute, or relative to the home directory in an older journal. */
function journalPath(path: string): string {
  return path.startsWith('/') ? path : migrateLegacyPath(path);
}

/**
 * Run `line` against `live` the way the transcript runner does (sim/sleep actions first, then
 * the small shell with kubectl and docker), then let the cluster settle. Throws only on engine bugs.
 */
function execute(live: Live, line: string): RunResult {
  // Several lines (a here-document's text) are the shell's: it runs them one by one. So are
  // docker lines: the shell's docker gives them pipes, redirections and the working directory.
  const res =
    (line.includes('\n') ? undefined : runAction(live.cluster, line, { shellDocker: true })) ??
    runLine(live.host, line);
  live.cluster.settle();
  // The config follows what the line did to ~/.kube/config (the console's header shows it).
  refreshKubeconfig(live.fs, live.kubeconfig);
  return res;
}

/** Whether the line changed something a replay must redo (cluster, kubeconfig or files). */
function changedSomething(
  live: Live,
  inputsBefore: number,
  cfgBefore: string,
  filesBefore: Record<string, string>,
): boolean {
  const inputs = live.cluster.inputs;
  for (let i = inputsBefore; i < inputs.length; i++) {
    const input = inputs[i];
    if (input && !(input.op === 'api' && (input.method === 'get' || input.method === 'list'))) {
      return true;
    }
  }
  if (JSON.stringify(live.kubeconfig) !== cfgBefore) return true;
  const after = filesOf(live.fs);
  const keys = Object.keys(after);
  if (keys.length !== Object.keys(filesBefore).length) return true;
  return keys.some((k) => after[k] !== filesBefore[k]);
}

/**
 * Whether a replayed line may have run `kubectl explain` before its data was loaded: it then
 * fails where it ran before, but explain changes nothing, so the replay goes on (the line was
 * kept for what else it did: a file it wrote comes back with the saved files). The data starts
 * loading for the explain lines to come.
 */
const noop = (): void => undefined;

function waitsForExplain(line: string): boolean {
  if (explainSchemaIfLoaded() || !line.includes('explain')) return false;
  loadExplainSchema().catch(() => undefined);
  return true;
}

/**
 * Rebuild a saved lab: the guided flow, then every journal entry at its virtual time.
 * Returns the failing line when an entry does not give the result it gave before.
 */
function replayLab(saved: SavedLab, lang: () => Lang): { live: Live } | { failed: string } {
  let live: Live;
  try {
    live = freshLive(saved.seed, saved.base, undefined, undefined, !saved.kubeconfigFile);
    for (const entry of saved.journal) {
      const c = live.cluster;
      if (entry.at > c.now()) c.advance(entry.at - c.now());
      if (entry.t === 'line') {
        // A question still waiting was interrupted by this line (Ctrl+C, as `run` does).
        dropQuestion(live.fs);
        const exit = execute(live, entry.line).exitCode;
        if (exit !== entry.exit && !waitsForExplain(entry.line)) return { failed: entry.line };
      } else if (entry.t === 'editDone') {
        const exit = finishKubectlEdit(live.host, entry.text).result.exitCode;
        live.cluster.settle();
        if (exit !== entry.exit) return { failed: 'kubectl edit' };
      } else if (entry.t === 'answer') {
        const exit = answerQuestion(live.host, entry.text).result.exitCode;
        live.cluster.settle();
        if (exit !== entry.exit) return { failed: entry.text };
      } else if (entry.t === 'interrupt') {
        dropQuestion(live.fs);
      } else if (entry.t === 'write') {
        if (!live.fs.write(journalPath(entry.path), entry.content).ok)
          return { failed: `vim ${entry.path}` };
      } else {
        live.fs.remove(journalPath(entry.path));
      }
    }
    if (saved.now > live.cluster.now()) live.cluster.advance(saved.now - live.cluster.now());
  } catch {
    const last = saved.journal[saved.journal.length - 1];
    return { failed: last?.t === 'line' ? last.line : '' };
  }
  // The files as the learner left them (the replay rebuilt them, this also covers edits made
  // after the journal was full).
  const fs = new Workspace(saved.files);
  ownKubeconfigFile(fs, live.kubeconfig, !saved.kubeconfigFile);
  carryKubectlEdit(live.fs, fs);
  // A question the replay left waiting is asked again: the console shows it, as it was left.
  carryQuestion(live.fs, fs);
  const host = labHost(live.cluster, fs, live.kubeconfig, lang);
  // The shell's variables and aliases (`export do=…`) the replayed lines set.
  restoreShell(host, shellSnapshot(live.host));
  return { live: { ...live, fs, host } };
}

/** Start a lab session: restored from `storage` when possible, else fresh. Never throws on bad storage. */
export function createLabSession(opts: LabSessionOptions = {}): LabSession {
  const storage = opts.storage;
  const lang = (): Lang => {
    try {
      return opts.lang?.() ?? 'en';
    } catch {
      return 'en';
    }
  };
  let seed = opts.seed ?? 1;
  let notice: LabNotice | undefined;
  let history: string[] = [];
  let transcript: TranscriptEntry[] = [];
  let journal: JournalEntry[] = [];
  /** The journal outgrew `MAX_JOURNAL`: stop recording; a reload restores files and history. */
  let journalFull = false;
  let runs = 0;
  let live: Live;
  /** The files the journal starts from. */
  let base: Record<string, string> | undefined;
  let lastSave: string | undefined;

  const loaded = loadLab(storage);
  if (!loaded.ok) {
    notice = {
      key: loaded.reason === 'corrupt' ? 'lab.notice.corrupt' : 'lab.notice.unavailable',
    };
    live = freshLive(seed, undefined, undefined, lang);
  } else if (!loaded.saved) {
    live = freshLive(seed, undefined, undefined, lang);
  } else {
    const saved = withStarterProject(loaded.saved, STARTER_PROJECT);
    seed = saved.seed;
    history = saved.history.slice(-MAX_HISTORY);
    // The console's output comes back whatever happens to the cluster: it is what was printed.
    transcript = boundTranscript(saved.transcript ?? []);
    // Whenever the cluster starts fresh, a new journal starts from the restored files.
    if (saved.partial) {
      notice = { key: 'lab.notice.tooLong' };
      live = freshLive(seed, saved.files, undefined, lang, !saved.kubeconfigFile);
      base = filesOf(live.fs);
    } else {
      const replayed = replayLab(saved, lang);
      if ('live' in replayed) {
        live = replayed.live;
        journal = [...saved.journal];
        base = saved.base;
        if (journal.length > 0) {
          notice = { key: 'lab.notice.restored', params: { count: journal.length } };
        }
      } else {
        notice = { key: 'lab.notice.replayFailed', params: { line: replayed.failed } };
        live = freshLive(seed, saved.files, undefined, lang, !saved.kubeconfigFile);
        base = filesOf(live.fs);
      }
    }
  }

  base ??= filesOf(live.fs);

  const save = (): void => {
    const result = saveLab(storage, {
      v: 1,
      seed,
      now: live.cluster.now(),
      files: filesOf(live.fs),
      base: base ?? {},
      history,
      transcript,
      journal: journalFull ? [] : journal,
      ...(journalFull ? { partial: 'tooLong' as const } : {}),
      starterProject: true,
      kubeconfigFile: true,
    });
    // Tell the learner once when saving starts to fail or to lose the cluster, not after every line.
    if (result !== lastSave) {
      if (result === 'failed') notice = { key: 'lab.notice.saveFailed' };
      else if (result === 'partial') notice = { key: 'lab.notice.tooLarge' };
    }
    lastSave = result;
  };

  const record = (entry: JournalEntry): void => {
    if (journalFull) return;
    journal.push(entry);
    if (journal.length > MAX_JOURNAL) {
      journal = [];
      journalFull = true;
    }
  };

  const remember = (line: string): void => {
    if (line.length > MAX_HISTORY_LINE) return;
    history.push(line);
    if (history.length > MAX_HISTORY) history = history.slice(-MAX_HISTORY);
  };

  /** Run `line` (not blank, already in history); the caller records it and saves. */
  const runOnce = (line: string): LabResult => {
    const base = { line, stdout: '', stderr: '', exitCode: 0, steps: [] as LabStep[] };
    runs++;
    const runId = `r${runs}`;
    if (line === 'clear') return { ...base, intent: { type: 'clear' } };
    const editor = EDITOR_LINE.exec(line);
    if (editor) {
      const abs = editor[2] === undefined ? undefined : live.fs.resolve(editor[2]);
      const path = abs === undefined ? undefined : Workspace.displayPath(abs);
      if (path === undefined) {
        return {
          ...base,
          stderr: `${editor[1]}: give the file to open, e.g. ${editor[1]} nginx.yaml\n`,
          exitCode: 1,
        };
      }
      return { ...base, intent: { type: 'edit', path } };
    }
    const advance = /^(?:sim\s+advance|sleep)\s+(\S+)\s*$/.exec(line);
    const ms = advance ? parseDuration(advance[1] as string) : undefined;
    if (ms !== undefined && ms > MAX_LAB_ADVANCE_MS) {
      return {
        ...base,
        stderr: `${line
          .split(/\s+/, 2)
          .join(' ')
          .replace(/^sleep .*/, 'sleep')}: at most 30m of virtual time at once in the lab\n`,
        exitCode: 1,
      };
    }
    const c = live.cluster;
    const fromSeq = c.messages.length;
    const at = c.now();
    const inputsBefore = c.inputs.length;
    const cfgBefore = JSON.stringify(live.kubeconfig);
    const filesBefore = filesOf(live.fs);
    const shellBefore = shellSnapshot(live.host);
    const promptBefore = shellPrompt(live.host);
    const editBefore = pendingKubectlEdit(live.fs)?.path;
    const stoppedBefore = c.stoppedNodes();
    const questionBefore = pendingQuestion(live.fs);
    let res: RunResult;
    try {
      res = execute(live, line);
    } catch (err) {
      // An engine bug must not take the console down; say so like a shell would.
      res = { stdout: '', stderr: `error: ${(err as Error).message}\n`, exitCode: 1 };
    }
    // A question left waiting: the replay asks it again, and its answer follows in the journal.
    const asked = questionBefore === undefined ? pendingQuestion(live.fs) : undefined;
    if (
      changedSomething(live, inputsBefore, cfgBefore, filesBefore) ||
      shellSnapshot(live.host) !== shellBefore ||
      asked !== undefined
    ) {
      record({ t: 'line', at, line, exit: res.exitCode });
    }
    let steps: LabStep[];
    try {
      steps = stepsFrom(c, fromSeq, runId);
      if (
        steps.length === 0 &&
        res.exitCode !== 0 &&
        !c.apiServerUp() &&
        (res.stderr.includes('The connection to the server') ||
          res.stderr.includes('Unable to connect to the server'))
      ) {
        // Refused before anything reached the cluster: say why, or the stage would still
        // narrate the last line.
        // Its machine off, or only the API server's process gone (the dial is refused).
        const key = c.stoppedNodes().includes(CONTROL_PLANE)
          ? 'lab.step.apiServerDown'
          : 'lab.step.apiServerStopped';
        steps = [quietStep(c, runId, key, { node: CONTROL_PLANE })];
      } else if (
        res.stderr.includes('Error from server (Timeout)') &&
        c.apiOutages().some((o) => o.cause === 'etcd' && (o.to === undefined || o.to >= at))
      ) {
        // The API server runs without etcd: the request waited out its minute.
        const noEtcd = quietStep(c, runId, 'lab.step.apiServerNoEtcd', { node: CONTROL_PLANE });
        steps = [...steps, { ...noEtcd, id: `${runId}-${steps.length + 1}` }];
      } else if (steps.length === 0 && res.exitCode === 0) {
        const sim = /^sim\s+(stop-node|start-node|advance)\s+(\S+)/.exec(line);
        if (sim?.[1] === 'stop-node') {
          // The control-plane node takes the API server, etcd and the controllers with it.
          const key =
            sim[2] === CONTROL_PLANE ? 'lab.step.controlPlaneStopped' : 'lab.step.nodeStopped';
          steps = [quietStep(c, runId, key, { node: sim[2] as string })];
        } else if (
          /^(?:sudo\s+)?systemctl\s+(?:re)?start\s+kubelet(?:\.service)?\s*$/.test(line) &&
          promptBefore.startsWith('root@') &&
          !c.kubeletRunning(/^root@([^:]+):/.exec(promptBefore)?.[1] ?? '')
        ) {
          // systemd started it, but it exited at once (a broken config file or kubeconfig):
          // nothing reached the API server, and systemd will try again every 10 s.
          const node = /^root@([^:]+):/.exec(promptBefore)?.[1] ?? '';
          steps = [nodeShellStep(c, runId, 'lab.step.kubeletFailing', node, line)];
        } else if (
          /^(?:sudo\s+)?systemctl\s+stop\s+kubelet(?:\.service)?\s*$/.test(line) &&
          promptBefore.startsWith('root@')
        ) {
          // Only the kubelet stops: no message yet, the node goes NotReady later.
          const node = /^root@([^:]+):/.exec(promptBefore)?.[1] ?? '';
          steps = [nodeShellStep(c, runId, 'lab.step.kubeletStopped', node, line)];
        } else if (/^ssh\s/.test(line) && shellPrompt(live.host) !== promptBefore) {
          const node = /^root@([^:]+):/.exec(shellPrompt(live.host))?.[1] ?? '';
          steps = [nodeShellStep(c, runId, 'lab.step.nodeShell', node, line)];
        } else if (sim?.[1] === 'start-node') {
          steps = [quietStep(c, runId, 'lab.step.nodeStarted', { node: sim[2] as string })];
        } else if (sim?.[1] === 'advance' || /^sleep\s/.test(line)) {
          steps = [
            // The time asked for (the lab then also waits for the cluster to be quiet).
            quietStep(c, runId, 'lab.step.quiet', {
              seconds: Math.round((ms ?? c.now() - at) / 1000),
            }),
          ];
        } else if (/^kubectl\s+config\b/.test(line)) {
          // Nothing reached the cluster: say so, or the stage would still narrate the last line.
          const ctx = currentContext(live.kubeconfig);
          const params = { context: ctx?.name ?? '', namespace: defaultNamespace(live.kubeconfig) };
          const changed = JSON.stringify(live.kubeconfig) !== cfgBefore;
          steps = [
            laptopStep(
              c,
              runId,
              changed ? 'lab.step.kubeconfig' : 'lab.step.kubeconfigRead',
              params,
              '~/.kube/config',
              kubeconfigSummary(changed),
            ),
          ];
        } else if (/^docker\s+logout\s*$/.test(line.trim())) {
          // The laptop forgets its credentials: nothing is sent to Docker Hub.
          steps = [
            laptopStep(
              c,
              runId,
              'lab.step.docker.logout',
              { user: c.registry.hubUser },
              '~/.docker/config.json',
              dockerLogoutSummary(),
            ),
          ];
        } else if (/^kubectl\s.*--dry-run(=client)?(\s|$)/.test(line)) {
          const object = dryRunObject(res.stdout);
          steps = [
            laptopStep(
              c,
              runId,
              'lab.step.dryRun',
              {},
              // Short, so it fits beside the laptop; the message's sentence names the object.
              '--dry-run=client',
              dryRunSummary(object),
            ),
          ];
        } else {
          // `sim stop-node`/`start-node` inside a list or a loop: the last node it stopped or
          // started, as that whole line would have said.
          const now = c.stoppedNodes();
          const stoppedNow = now.filter((n) => !stoppedBefore.includes(n));
          const startedNow = stoppedBefore.filter((n) => !now.includes(n));
          const node = stoppedNow.at(-1) ?? startedNow.at(-1);
          if (node !== undefined && stoppedNow.includes(node)) {
            const key =
              node === CONTROL_PLANE ? 'lab.step.controlPlaneStopped' : 'lab.step.nodeStopped';
            steps = [quietStep(c, runId, key, { node })];
          } else if (node !== undefined) {
            steps = [quietStep(c, runId, 'lab.step.nodeStarted', { node })];
          }
        }
      }
      const shellNode = /^root@([^:]+):/.exec(promptBefore)?.[1];
      if (steps.length === 0 && shellNode !== undefined && line.trim() !== '') {
        // A line typed into a node's root shell that reached no component: it still went over
        // SSH to that machine, and the stage shows that hop rather than the previous step.
        steps = [nodeShellStep(c, runId, 'lab.step.nodeShellLine', shellNode, line.trim())];
      }
    } catch {
      steps = [];
    }
    const edit = pendingKubectlEdit(live.fs)?.path;
    if (edit !== undefined && edit !== editBefore) {
      const path = shownPath(live.fs, edit);
      return { line, ...res, steps, intent: { type: 'kubectl-edit', path } };
    }
    if (asked) return { line, ...res, steps, intent: { type: 'question', prompt: asked.prompt } };
    return { line, ...res, steps };
  };

  /**
   * The console's last entry gets `answer` echoed and what followed it printed (the entry of
   * the line that asked; a new one when Clear emptied the console meanwhile).
   */
  const echoAnswer = (answer: string, next: RunResult): void => {
    const last = transcript[transcript.length - 1];
    const entry = last ?? { line: '', stdout: '', stderr: '', exit: 0 };
    const merged = { ...withAnswer(entry, answer, next), exit: next.exitCode };
    transcript = boundTranscript([...transcript.slice(0, last ? -1 : undefined), merged]);
  };

  /** Ctrl+C for a command waiting for an answer, if one waits: `^C`, exit 130, nothing done. */
  const interruptWaiting = (): boolean => {
    if (!dropQuestion(live.fs)) return false;
    record({ t: 'interrupt', at: live.cluster.now() });
    echoAnswer('^C', { stdout: '', stderr: '', exitCode: 130 });
    return true;
  };

  /** The learner's answer to the waiting question (see `LabSession.answer`). */
  const answer = (text: string): LabResult => {
    const waiting = pendingQuestion(live.fs);
    // One line of the terminal: what a line break would end.
    const typed = String(text).split(/\r?\n/, 1)[0] ?? '';
    if (!waiting) return run(typed);
    const c = live.cluster;
    const fromSeq = c.messages.length;
    const at = c.now();
    runs++;
    let res: RunResult;
    let still = false;
    try {
      const outcome = answerQuestion(live.host, typed);
      res = outcome.result;
      still = outcome.waiting;
      c.settle();
    } catch (err) {
      res = { stdout: '', stderr: `error: ${(err as Error).message}\n`, exitCode: 1 };
    }
    // An empty line is no answer yet (kubectl reads on): nothing to replay.
    if (!still) record({ t: 'answer', at, text: typed, exit: res.exitCode });
    let steps: LabStep[];
    try {
      steps = stepsFrom(c, fromSeq, `r${runs}`);
    } catch {
      steps = [];
    }
    echoAnswer(typed, res);
    save();
    return {
      line: '',
      ...res,
      steps,
      answer: typed,
      ...(still ? { intent: { type: 'question' as const, prompt: waiting.prompt } } : {}),
    };
  };

  /** The editor of a waiting `kubectl edit` closed (see `LabSession.finishEdit`). */
  const finishEdit = (text?: string): LabResult => {
    const c = live.cluster;
    const fromSeq = c.messages.length;
    const at = c.now();
    runs++;
    let res: RunResult;
    let reopened: string | undefined;
    const waiting = pendingKubectlEdit(live.fs) !== undefined;
    try {
      const outcome = finishKubectlEdit(live.host, text);
      res = outcome.result;
      reopened = outcome.reopened;
      c.settle();
    } catch (err) {
      res = { stdout: '', stderr: `error: ${(err as Error).message}\n`, exitCode: 1 };
    }
    if (waiting) {
      record({ t: 'editDone', at, exit: res.exitCode, ...(text !== undefined ? { text } : {}) });
    }
    let steps: LabStep[];
    try {
      steps = stepsFrom(c, fromSeq, `r${runs}`);
    } catch {
      steps = [];
    }
    const result: LabResult = { line: '', ...res, steps };
    if (reopened !== undefined) {
      result.intent = { type: 'kubectl-edit', path: shownPath(live.fs, reopened) };
    }
    transcript = boundTranscript([
      ...transcript,
      {
        line: '',
        stdout: result.stdout,
        stderr: result.stderr,
        exit: result.exitCode,
        ...(result.output ? { output: result.output } : {}),
      },
    ]);
    save();
    return result;
  };

  /**
   * The lab's own commands, in the page's language: `help` on the laptop's shell (a node's
   * root shell keeps bash's), and what `sim …` printed, with the clock after `sim advance`.
   */
  const ownCommand = (line: string): LabResult | undefined => {
    if (/^help\s*$/.test(line) && !shellPrompt(live.host).startsWith('root@')) {
      runs++;
      return { line, ...labHelp(lang(), live.cluster.nodes()), steps: [] };
    }
    // A whole `sim` line (runAction's); in a list the shell's `sim` says it in the page's
    // language itself (labSim).
    if (!/^sim(\s|$)/.test(line) || !isWholeAction(line, { shellDocker: true })) return undefined;
    const result = runOnce(line);
    const advance = /^sim\s+advance\s+(\S+)\s*$/.exec(line);
    const ms = advance ? parseDuration(advance[1] as string) : undefined;
    const clock = live.cluster.now() - START_MS;
    return {
      ...result,
      ...localizeSim(result, lang(), ms === undefined ? undefined : { ms, clock }),
    };
  };

  const run = (raw: string): LabResult => {
    const line = String(raw).trim();
    if (line === '') return { line, stdout: '', stderr: '', exitCode: 0, steps: [] };
    // A new command (a button's, a what-if's) ends one waiting for an answer, as Ctrl+C would.
    const interrupted = interruptWaiting();
    remember(line);
    const result = ownCommand(line) ?? runOnce(line);
    if (interrupted) result.interrupted = true;
    if (result.intent?.type === 'clear') transcript = [];
    else {
      transcript = boundTranscript([
        ...transcript,
        {
          line,
          stdout: result.stdout,
          stderr: result.stderr,
          exit: result.exitCode,
          ...(result.output ? { output: result.output } : {}),
        },
      ]);
    }
    save();
    return result;
  };

  /** The last line `prepare` made wait: the lines after it wait for it too. */
  let turn: Promise<void> | undefined;
  const session: LabSession = {
    run,
    finishEdit,
    answer,
    interrupt(): LabResult {
      runs++;
      const had = interruptWaiting();
      if (had) save();
      return had
        ? { line: '', stdout: '', stderr: '', exitCode: 130, steps: [], answer: '^C' }
        : { line: '', stdout: '', stderr: '', exitCode: 0, steps: [] };
    },
    question(): string | undefined {
      return pendingQuestion(live.fs)?.prompt;
    },
    prepare(line: string): Promise<void> | undefined {
      const needs =
        !explainSchemaIfLoaded() &&
        (line.includes('explain') || shellSnapshot(live.host).includes('explain'));
      if (!needs && !turn) return undefined;
      // A failed load lets the line run all the same: the command then says so.
      const loaded = needs ? loadExplainSchema().then(noop, noop) : undefined;
      const mine: Promise<void> = Promise.all([turn, loaded]).then(() => {
        if (turn === mine) turn = undefined;
      });
      turn = mine;
      return mine;
    },
    fastForward(ms: number): LabResult {
      const capped = Math.min(Number.isFinite(ms) ? ms : 1000, MAX_LAB_ADVANCE_MS);
      const seconds = Math.max(1, Math.round(capped / 1000));
      return run(`sim advance ${seconds}s`);
    },
    completions(line: string, cursor?: number): Completion {
      return kubectlCompletions(live.host, line, cursor);
    },
    state(): LabState {
      const c = live.cluster;
      const snap = c.snapshot();
      // ~/.kube/config may have changed outside a line (the Files panel's editor).
      refreshKubeconfig(live.fs, live.kubeconfig);
      const ctx = currentContext(live.kubeconfig);
      const decisions = snap.decisions();
      let latest = decisions[0];
      for (const d of decisions) {
        if (latest && (d.at > latest.at || (d.at === latest.at && d.pod > latest.pod))) latest = d;
      }
      const keys: EtcdKeyView[] = [];
      for (const resource of RESOURCE_NAMES) {
        const r = RESOURCES[resource];
        for (const obj of snap.list(resource)) {
          keys.push({
            key: etcdKey(r, obj.metadata?.namespace, obj.metadata?.name ?? ''),
            modRevision: Number(obj.metadata?.resourceVersion ?? 0),
          });
        }
      }
      const recent = [...keys]
        .sort((a, b) => b.modRevision - a.modRevision)
        .slice(0, MAX_ETCD_KEYS)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const state: LabState = {
        now: c.now() - START_MS,
        namespaces: namespacesAt(snap),
        pods: stagePods(snap),
        nodes: stageNodes(snap, c.nodes()),
        context: { name: ctx?.name ?? '', namespace: defaultNamespace(live.kubeconfig) },
        prompt: shellPrompt(live.host),
        files: session.files(),
        etcd: { revision: snap.revision, keys: recent, total: keys.length },
      };
      if (latest) state.decision = decisionView(latest, c.nodes());
      const edit = pendingKubectlEdit(live.fs);
      if (edit) state.kubectlEdit = { path: shownPath(live.fs, edit.path) };
      const question = pendingQuestion(live.fs);
      if (question) state.question = { prompt: question.prompt };
      return state;
    },
    describe(kind: string, namespace: string | undefined, name: string): string {
      if (!/^[a-z.]+$/i.test(kind) || !NAME.test(name) || (namespace && !NAME.test(namespace))) {
        return `error: invalid resource name "${name}"\n`;
      }
      const ns = namespace ? ` -n ${namespace}` : '';
      return kubectlAt(live.cluster.snapshot(), `kubectl describe ${kind} ${name}${ns}`);
    },
    readFile(path: string): string | undefined {
      return live.fs.read(fromHome(live.fs, path));
    },
    writeFile(path: string, content: string) {
      const abs = fromHome(live.fs, path);
      const w = live.fs.write(abs, content);
      if (!w.ok) return { ok: false, error: w.error.replace(abs, path) };
      record({ t: 'write', at: live.cluster.now(), path: abs, content });
      save();
      return { ok: true };
    },
    removeFile(path: string): boolean {
      const abs = fromHome(live.fs, path);
      const removed = live.fs.remove(abs);
      if (removed) {
        record({ t: 'rm', at: live.cluster.now(), path: abs });
        save();
      }
      return removed;
    },
    files(): LabFile[] {
      return live.fs.list().map((abs) => ({
        name: Workspace.displayPath(abs),
        size: utf8.encode(live.fs.read(abs) ?? '').length,
      }));
    },
    history(): readonly string[] {
      return history;
    },
    transcript(): readonly TranscriptEntry[] {
      return transcript;
    },
    clearTranscript(): void {
      if (transcript.length === 0) return;
      transcript = [];
      save();
    },
    reset(): void {
      seed = opts.seed ?? 1;
      live = freshLive(seed, undefined, undefined, lang);
      base = filesOf(live.fs);
      history = [];
      transcript = [];
      journal = [];
      lastSave = undefined;
      journalFull = false;
      notice = undefined;
      clearLab(storage);
      save();
    },
    get notice() {
      return notice;
    },
    dismissNotice(): void {
      notice = undefined;
    },
    get cluster() {
      return live.cluster;
    },
  };
  return session;
}
