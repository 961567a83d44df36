import { useMemo } from 'react';
import { selectCursor, selectSpeed } from '../store/player.ts';
import { switchLevel } from '../store/storyLevel.ts';
import {
  selectGroupBy,
  selectHiddenNamespaces,
  selectLang,
  selectLevel,
  type ViewStore,
} from '../store/viewStore.ts';
import type { Story, StoryStep, Text } from '../story/types.ts';
import { GroupBySwitch } from './GroupBySwitch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LevelSwitch } from './LevelSwitch.tsx';
import { NamespaceFilter } from './NamespaceFilter.tsx';
import { usePlayer, usePlayerStore } from './PlayerStoreContext.tsx';
import { messageText } from './panels/messageText.ts';
import { StepPanels } from './panels/StepPanels.tsx';
import { Narration } from './player/Narration.tsx';
import { PlayerControls } from './player/PlayerControls.tsx';
import { useKeyboardShortcuts } from './player/useKeyboardShortcuts.ts';
import { type StageNamespace, stageNamespaces } from './stage/model.ts';
import { Stage } from './stage/Stage.tsx';
import { useT, useView, useViewStore } from './ViewStoreContext.tsx';

/** The step the player's cursor points at, clamped to the level's steps. */
export function stepAt(steps: readonly StoryStep[], cursor: number): StoryStep | undefined {
  return steps[Math.min(Math.max(0, cursor), steps.length - 1)];
}

/**
 * Every namespace any step of the story shows a pod in, so the namespace filter and the
 * namespace boxes stay the same from step to step (`default` is there before its first pod).
 */
export function storyNamespaces(story: Story): StageNamespace[] {
  const pods = Object.values(story.levels).flatMap((steps) => steps.flatMap((s) => s.model.pods));
  return stageNamespaces({ nodes: [], pods, active: [], packets: [] });
}

/**
 * The grouping switch and the namespace filter, reading and writing the view store. Exported
 * for the benchmark page; H5's lab feeds the same two components its live namespaces.
 */
export function StageControls({
  namespaces,
  view,
}: {
  namespaces: readonly string[];
  view: ViewStore;
}) {
  const groupBy = useView(selectGroupBy);
  const hidden = useView(selectHiddenNamespaces);
  return (
    <div className="stage-controls">
      <GroupBySwitch value={groupBy} onChange={(next) => view.getState().setGroupBy(next)} />
      <NamespaceFilter
        namespaces={namespaces}
        hidden={hidden}
        onToggle={(ns, visible) => view.getState().setNamespaceVisible(ns, visible)}
      />
    </div>
  );
}

/**
 * The explainer: the story's steps at the chosen level, one at a time. The picture, the
 * narration and the panels are a pure function of (level, cursor), so however fast the learner
 * clicks, all three show the step the player says is current.
 */
export function App({ story }: { story: Story }) {
  const t = useT();
  const player = usePlayerStore();
  const view = useViewStore();
  useKeyboardShortcuts(player);
  const lang = useView(selectLang);
  const level = useView(selectLevel);
  const cursor = usePlayer(selectCursor);
  const speed = usePlayer(selectSpeed);
  const groupBy = useView(selectGroupBy);
  const hidden = useView(selectHiddenNamespaces);
  const namespaces = useMemo(() => storyNamespaces(story), [story]);
  const namespaceNames = useMemo(() => namespaces.map((ns) => ns.name), [namespaces]);
  const step = stepAt(story.levels[level], cursor);
  const stepModel = step?.model;
  const model = useMemo(
    () => (stepModel ? { ...stepModel, namespaces } : undefined),
    [stepModel, namespaces],
  );
  const say = (text: Text) => t(text.key, text.params);
  const title = step ? say(step.title) : '';
  return (
    <div className="app">
      {/* The diagram has many focusable cards; let keyboard users jump past them. */}
      <a className="skip-link" href="#player">
        {t('player.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <img className="brand-logo" src="./favicon.svg" alt="" width="32" height="32" />
          <div>
            <h1>{t('app.title')}</h1>
            <p className="tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <LanguageSwitch />
      </header>
      <main className="app-main">
        <div className="main-col">
          {model ? (
            <Stage
              model={model}
              speed={speed}
              groupBy={groupBy}
              hiddenNamespaces={hidden}
              controls={<StageControls namespaces={namespaceNames} view={view} />}
            />
          ) : null}
          {step ? (
            <StepPanels
              step={step}
              summaries={step.messages.map((message) => messageText(lang, message.summary))}
            />
          ) : null}
        </div>
        <aside className="side">
          <LevelSwitch level={level} onChange={(next) => switchLevel(story, view, player, next)} />
          <Narration title={title} text={step ? say(step.text) : ''} />
          <PlayerControls stepTitle={title} />
          <footer className="app-footer">
            <p>{t('footer.note')}</p>
          </footer>
        </aside>
      </main>
    </div>
  );
}
