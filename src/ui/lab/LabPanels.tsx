/**
 * The live cluster in detail, under the stage in lab mode: the current step's messages, the
 * namespace lesson, the what-if buttons, the workspace files (editor), the scheduler's latest
 * decision and etcd's keys. Loaded lazily with the lab (`LazyLabPanels`), so none of it weighs
 * on the guided tour's first view. The panels themselves (`./panels/`) take plain props; this
 * module wires them to the session.
 */
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import '../../i18n/lab.ts';
import { lessonProgress } from '../../lab/lesson.ts';
import type { LabSession, LabState } from '../../lab/session.ts';
import { runWhatIf, type WhatIf } from '../../lab/whatIfs.ts';
import { selectLive, selectOpenFile } from '../../store/labStore.ts';
import { selectCursor } from '../../store/player.ts';
import { selectLang } from '../../store/viewStore.ts';
import { usePlayer } from '../PlayerStoreContext.tsx';
import { messageText } from '../panels/messageText.ts';
import { MessageList } from '../stage/PacketLayer.tsx';
import { useT, useView } from '../ViewStoreContext.tsx';
import { useLab, useLabController, useLabStore } from './LabContext.tsx';
import {
  EtcdPanel,
  Inspector,
  type InspectTarget,
  LazyEditor,
  LessonPanel,
  preloadEditor,
  SchedulerPanel,
  WhatIfPanel,
} from './panels/index.ts';
import { KubectlEditBar } from './panels/KubectlEditBar.tsx';

type TabId = 'messages' | 'lesson' | 'whatif' | 'files' | 'scheduler' | 'etcd';
const TABS: readonly TabId[] = ['messages', 'lesson', 'whatif', 'files', 'scheduler', 'etcd'];
const TAB_LABEL: Record<TabId, MessageKey> = {
  messages: 'labui.tab.messages',
  lesson: 'labui.tab.lesson',
  whatif: 'labui.tab.whatif',
  files: 'labui.tab.files',
  scheduler: 'labui.tab.scheduler',
  etcd: 'labui.tab.etcd',
};

/** Deployments in `namespace` with their wanted replicas (for the scale what-if). */
function deploymentsIn(session: LabSession, namespace: string) {
  return session.cluster
    .snapshot()
    .list('deployments', namespace)
    .map((d) => ({
      name: d.metadata?.name ?? '',
      replicas: Number((d.spec as { replicas?: number } | undefined)?.replicas ?? 1),
    }));
}

/**
 * What the learner clicked on the stage: a pod chip, or a node's header. Found by delegation, so
 * the stage needs no lab-specific handlers.
 */
export function inspectTargetOf(el: Element | null): InspectTarget | undefined {
  if (!el?.closest('[data-testid="stage"]')) return undefined;
  const pod = el.closest<HTMLElement>('[data-pod]');
  if (pod?.dataset.pod) {
    const slash = pod.dataset.pod.indexOf('/');
    return {
      kind: 'pod',
      namespace: pod.dataset.pod.slice(0, slash),
      name: pod.dataset.pod.slice(slash + 1),
    };
  }
  const header = el.closest('.node-header');
  const node = header?.closest<HTMLElement>('[data-node-box]')?.dataset.nodeBox;
  return node ? { kind: 'node', name: node } : undefined;
}

/** The current lab step's messages, each with its sentence. */
function StepMessages() {
  const t = useT();
  const lang = useView(selectLang);
  const cursor = usePlayer(selectCursor);
  const steps = useLab((s) => s.steps);
  const step = steps[cursor];
  if (!step || step.messages.length === 0) {
    return <p className="panel-empty">{t('labui.messages.none')}</p>;
  }
  return (
    <MessageList
      packets={step.model.packets}
      summaries={step.messages.map((m) => messageText(lang, m.summary))}
    />
  );
}

/** The lab's detail panels as tabs (WAI-ARIA tabs: ← → move between tabs). */
export default function LabPanels() {
  const t = useT();
  const controller = useLabController();
  const store = useLabStore();
  const live = useLab(selectLive);
  const openFile = useLab(selectOpenFile);
  const [tab, setTab] = useState<TabId>('messages');
  const [running, setRunning] = useState<WhatIf | undefined>(undefined);
  const [path, setPath] = useState<string | undefined>(undefined);
  // Unsaved editor text survives switching tabs (the editor unmounts when another tab shows).
  const drafts = useRef<Record<string, { text: string; base: string }>>({});
  const [inspect, setInspect] = useState<InspectTarget | undefined>(undefined);
  /** Bumped after the editor changes files, so their list and content are read again. */
  const [filesVersion, setFilesVersion] = useState(0);
  /** Bumped when a `kubectl edit` finishes: the editor remounts without the temp file's draft. */
  const [editorEpoch, setEditorEpoch] = useState(0);
  /** Bumped when the console opens a file: the editor is scrolled into view once it is there. */
  const [reveal, setReveal] = useState(0);
  const sectionRef = useRef<HTMLElement>(null);
  const previous = useRef<{ revision: number; keys: Map<string, number> } | undefined>(undefined);
  const tabs = useRef(new Map<TabId, HTMLButtonElement>());
  const session = controller.session();

  useEffect(() => preloadEditor(), []);

  // A click on a pod or a node header opens what `kubectl describe` says about it.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const target = inspectTargetOf(event.target instanceof Element ? event.target : null);
      if (target) setInspect(target);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);

  // `vim FILE` (or `kubectl edit`) in the console opens the file here.
  useEffect(() => {
    if (openFile === undefined) return;
    setPath(openFile);
    setTab('files');
    setReveal((n) => n + 1);
    store.getState().dispatch({ type: 'fileOpened' });
  }, [openFile, store]);

  // …and brings the editor into view: below the console on a phone, and under kubectl edit's
  // bar on a laptop screen, it would otherwise open out of sight. The editor loads lazily, so
  // wait (a few frames at most) until its text area is there.
  useEffect(() => {
    if (reveal === 0) return;
    let frame = 0;
    let tries = 0;
    const look = () => {
      const section = sectionRef.current;
      const area = section?.querySelector('[data-testid="lab-editor-input"]');
      if (!section || !area) {
        if (++tries < 120) frame = requestAnimationFrame(look);
        return;
      }
      const box = area.getBoundingClientRect();
      const tabsBox = section.getBoundingClientRect();
      // Seen already when the panel's top and the editor's first dozen lines are on screen
      // (on a phone the player pinned to the bottom covers the last 8rem or so).
      if (tabsBox.top >= 0 && box.top + 360 <= window.innerHeight) return;
      const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      section.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [reveal]);

  // Re-read the session whenever a line ran (`live` is new after every line).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `live` and `filesVersion` are the triggers.
  const state: LabState | undefined = useMemo(
    () => session?.state(),
    [session, live, filesVersion],
  );

  // Keys written since the state before: created or rewritten (higher revision) or deleted.
  const changed = useMemo(() => {
    const out = new Set<string>();
    if (!state) return out;
    const before = previous.current;
    const now = new Map(state.etcd.keys.map((k) => [k.key, k.modRevision]));
    if (before && before.revision !== state.etcd.revision) {
      for (const [key, rev] of now) if (rev > before.revision) out.add(key);
      for (const key of before.keys.keys()) if (!now.has(key)) out.add(key);
    }
    previous.current = { revision: state.etcd.revision, keys: now };
    return out;
  }, [state]);

  const done = useMemo(() => {
    if (!session || !state) return [];
    return lessonProgress({
      state,
      history: session.history(),
      readFile: (p) => session.readFile(p),
    }).done;
  }, [session, state]);

  if (!session || !state) {
    return (
      <p className="panel-empty" role="status">
        {t('labui.status.loading')}
      </p>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabs.current.get(next)?.focus();
  };

  const onWhatIf = (w: WhatIf) => {
    setRunning(w);
    // Let the "running" state paint before the (synchronous) simulation runs.
    window.setTimeout(() => {
      try {
        controller.applyResults(runWhatIf(session, w));
      } finally {
        setRunning(undefined);
      }
    }, 30);
  };

  // Read on every render: the console may have rewritten the file (`… > green-ns.yaml`).
  const content = path === undefined ? undefined : session.readFile(path);

  // Closing kubectl edit's editor: its draft (or, on cancel, nothing) goes to kubectl.
  const finishEdit = (apply: boolean) => {
    const waiting = state.kubectlEdit?.path;
    if (waiting === undefined) return;
    const text = apply ? (drafts.current[waiting]?.text ?? session.readFile(waiting)) : undefined;
    const { [waiting]: _draft, ...others } = drafts.current;
    drafts.current = others;
    controller.finishEdit(text);
    // Applied or cancelled unchanged: kubectl removed its file (a reopened one opens by itself).
    if (session.readFile(waiting) === undefined) setPath(undefined);
    setEditorEpoch((n) => n + 1);
    setFilesVersion((v) => v + 1);
  };

  return (
    <section
      className={`panels lab-panels${tab === 'files' ? ' lab-panels--files' : ''}`}
      aria-label={t('labui.panels.label')}
      data-testid="lab-panels"
      ref={sectionRef}
    >
      {inspect ? (
        <Inspector
          key={`${inspect.kind}/${inspect.namespace ?? ''}/${inspect.name}`}
          target={inspect}
          text={session.describe(inspect.kind, inspect.namespace, inspect.name)}
          onClose={() => setInspect(undefined)}
        />
      ) : null}
      <div className="panel-tabs" role="tablist" aria-label={t('labui.panels.label')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`lab-tab-${id}`}
            className="panel-tab"
            aria-selected={tab === id}
            aria-controls="lab-tabpanel"
            tabIndex={tab === id ? 0 : -1}
            ref={(el) => {
              if (el) tabs.current.set(id, el);
              else tabs.current.delete(id);
            }}
            onClick={() => setTab(id)}
            onKeyDown={onKeyDown}
          >
            {t(TAB_LABEL[id])}
          </button>
        ))}
      </div>
      <div
        className="panel-body"
        role="tabpanel"
        id="lab-tabpanel"
        aria-labelledby={`lab-tab-${tab}`}
        // The panel scrolls: keyboard users focus it to scroll (← → scroll it, not the player).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: APG tabs pattern, scrollable tabpanel.
        tabIndex={0}
        data-scroll-keys=""
      >
        {tab === 'messages' ? <StepMessages /> : null}
        {tab === 'lesson' ? (
          <LessonPanel done={done} onRun={(command) => controller.run(command)} />
        ) : null}
        {tab === 'whatif' ? (
          <WhatIfPanel
            nodes={state.nodes}
            namespaces={state.namespaces}
            deployments={deploymentsIn(session, state.context.namespace)}
            running={running}
            onRun={onWhatIf}
          />
        ) : null}
        {tab === 'files' && state.kubectlEdit ? (
          <KubectlEditBar
            path={state.kubectlEdit.path}
            open={path === state.kubectlEdit.path}
            onOpen={() => setPath(state.kubectlEdit?.path)}
            onApply={() => finishEdit(true)}
            onCancel={() => finishEdit(false)}
          />
        ) : null}
        {tab === 'files' ? (
          <LazyEditor
            key={editorEpoch}
            keepDrafts={drafts}
            files={state.files}
            path={path}
            content={content}
            open={(p) => setPath(p)}
            save={(p, text) => {
              const result = session.writeFile(p, text);
              if (result.ok) setFilesVersion((v) => v + 1);
              return result;
            }}
            remove={(p) => {
              session.removeFile(p);
              if (p === path) setPath(undefined);
              setFilesVersion((v) => v + 1);
            }}
            newFile={(name) => {
              session.writeFile(name, '');
              setPath(name);
              setFilesVersion((v) => v + 1);
            }}
          />
        ) : null}
        {tab === 'scheduler' ? <SchedulerPanel decision={state.decision} /> : null}
        {tab === 'etcd' ? (
          <EtcdPanel
            keys={state.etcd.keys}
            revision={state.etcd.revision}
            total={state.etcd.total}
            changed={changed}
          />
        ) : null}
      </div>
    </section>
  );
}
