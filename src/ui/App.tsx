import { lazy, memo, Suspense, useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Lang } from '../i18n/index.ts';
import {
  selectBigConsole,
  selectLive,
  selectMode,
  selectStatus,
  selectSteps,
} from '../store/labStore.ts';
import { selectCursor, selectSpeed } from '../store/player.ts';
import { switchLevel } from '../store/storyLevel.ts';
import {
  selectGroupBy,
  selectHiddenNamespaces,
  selectLang,
  selectLevel,
} from '../store/viewStore.ts';
import type { Story, StoryStep, Text } from '../story/types.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LevelSwitch } from './LevelSwitch.tsx';
import { LabCatchUp } from './lab/LabCatchUp.tsx';
import { type LabContextValue, LabProvider, useLab, useLabPlayer } from './lab/LabContext.tsx';
import { LabDock } from './lab/LabDock.tsx';
import { LazyLabPanels } from './lab/LazyLabPanels.tsx';
import { NamespacePanel } from './lab/NamespacePanel.tsx';
import { ToConsole } from './lab/ToConsole.tsx';
import { PlayerStoreProvider, usePlayer, usePlayerStore } from './PlayerStoreContext.tsx';
import { messageText } from './panels/messageText.ts';
import { Narration } from './player/Narration.tsx';
import { PlayerControls } from './player/PlayerControls.tsx';
import { useFollowStep } from './player/useFollowStep.ts';
import { useKeyboardShortcuts } from './player/useKeyboardShortcuts.ts';
import { StageControls } from './StageControls.tsx';
import { type StageModel, type StageNamespace, stageNamespaces } from './stage/model.ts';
import { Stage } from './stage/Stage.tsx';
import { useT, useView, useViewStore } from './ViewStoreContext.tsx';

// The panels under the stage arrive in their own file, fetched as soon as the page starts
// (`main.tsx` calls `loadStepPanels`): on the pre-rendered page React adopts the stage and the
// player first and the panels' markup when their code is there (one more, smaller task), and the
// first view's script is smaller.
/** Fetch the panels' code (the lazy component below asks for the same module). */
export const loadStepPanels = () => import('./panels/StepPanels.tsx');
const StepPanels = lazy(() => loadStepPanels().then((module) => ({ default: module.StepPanels })));

/**
 * The panels in their Suspense boundary, memoized on what they show. Until their file arrives
 * the boundary keeps the pre-rendered markup; a re-render of the page with new props for it
 * would make React give that markup up and draw the fallback (nothing) meanwhile, which moves
 * what lies below. Memoized, it re-renders only when the step or the language changes.
 */
const PanelsSlot = memo(function PanelsSlot({ step, lang }: { step: StoryStep; lang: Lang }) {
  return (
    <Suspense fallback={null}>
      <StepPanels
        step={step}
        summaries={step.messages.map((message) => messageText(lang, message.summary))}
      />
    </Suspense>
  );
});

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
 * The explainer: the story's steps at the chosen level, one at a time, and the hands-on lab on
 * the same stage. In the tour the picture, the narration and the panels are a pure function of
 * (level, cursor). In the lab (`?mode=lab`, see `src/ui/lab/README.md`) they follow the lab's
 * own player over the steps the learner's commands produced, starting from the live cluster
 * where the tour ends; Next, Previous, Play and the keys drive that player.
 *
 * `lab` is for rendering without a browser (the build's pre-render): left out, the lab is made
 * from the page's URL.
 */
export function App({ story, lab }: { story: Story; lab?: LabContextValue }) {
  return (
    <LabProvider value={lab}>
      <Explainer story={story} />
    </LabProvider>
  );
}

/** What the stage, the narration and the namespace controls show in lab mode. */
function useLabPicture(story: Story, level: keyof Story['levels']) {
  const labPlayer = useLabPlayer();
  const cursor = useStore(labPlayer, selectCursor);
  const steps = useLab(selectSteps);
  const live = useLab(selectLive);
  const step = steps[Math.min(cursor, steps.length - 1)];
  return useMemo(() => {
    if (step) {
      const model: StageModel = { ...step.model, namespaces: step.namespaces };
      return { model, title: step.title, text: step.text };
    }
    // Before any command, the live cluster; while it starts, the tour's last picture (the lab
    // begins exactly there).
    const last = story.levels[level][story.levels[level].length - 1]?.model;
    const model: StageModel | undefined = live
      ? { ...live.model, namespaces: live.namespaces }
      : last && { ...last, stepId: 'lab' };
    return {
      model,
      title: { key: 'labui.start.title' as const },
      text: { key: 'labui.start.text' as const },
    };
  }, [step, live, story, level]);
}

function Explainer({ story }: { story: Story }) {
  const t = useT();
  const tourPlayer = usePlayerStore();
  const labPlayer = useLabPlayer();
  const view = useViewStore();
  const lab = useLab(selectMode) === 'lab';
  const labStatus = useLab(selectStatus);
  // "Bigger console" (LabDock): the lab's console takes the side column; the tour ignores it.
  const bigConsole = useLab(selectBigConsole) && lab;
  const player = lab ? labPlayer : tourPlayer;
  useKeyboardShortcuts(player);
  // Only the shown timeline plays: switching modes pauses the other one.
  useEffect(() => {
    (lab ? tourPlayer : labPlayer).getState().pause();
  }, [lab, tourPlayer, labPlayer]);
  const lang = useView(selectLang);
  const level = useView(selectLevel);
  const cursor = usePlayer(selectCursor);
  const tourSpeed = usePlayer(selectSpeed);
  const labSpeed = useStore(labPlayer, selectSpeed);
  const groupBy = useView(selectGroupBy);
  const hidden = useView(selectHiddenNamespaces);
  const namespaces = useMemo(() => storyNamespaces(story), [story]);
  const namespaceNames = useMemo(() => namespaces.map((ns) => ns.name), [namespaces]);
  const step = stepAt(story.levels[level], cursor);
  const stepModel = step?.model;
  const tourModel = useMemo(
    () => (stepModel ? { ...stepModel, namespaces } : undefined),
    [stepModel, namespaces],
  );
  const labPicture = useLabPicture(story, level);
  const labCursor = useStore(labPlayer, selectCursor);
  useFollowStep(lab ? `lab:${labCursor}` : `${level}:${cursor}`);
  const say = (text: Text) => t(text.key, text.params);
  const model = lab ? labPicture.model : tourModel;
  const starting = lab && labStatus === 'loading';
  const title = starting
    ? t('labui.status.loading')
    : lab
      ? messageText(lang, labPicture.title)
      : step
        ? say(step.title)
        : '';
  // Lab narration may name a component by id (`{actor}`): say it as its card does.
  const text = lab ? messageText(lang, labPicture.text) : step ? say(step.text) : '';
  const controls =
    lab && model ? (
      <NamespacePanel namespaces={stageNamespaces(model)} pods={model.pods} />
    ) : (
      <StageControls namespaces={namespaceNames} view={view} />
    );
  return (
    <div className={`app app--${lab ? 'lab' : 'tour'}${bigConsole ? ' app--big-console' : ''}`}>
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
        {/* Below here the player is the one of the current mode: the tour's or the lab's. */}
        <PlayerStoreProvider store={player}>
          <div className="main-col">
            {model ? (
              <Stage
                model={model}
                speed={lab ? labSpeed : tourSpeed}
                groupBy={groupBy}
                hiddenNamespaces={hidden}
                controls={controls}
              />
            ) : null}
            {lab ? <LazyLabPanels /> : step ? <PanelsSlot step={step} lang={lang} /> : null}
          </div>
          <aside className="side">
            {lab ? null : (
              <LevelSwitch
                level={level}
                onChange={(next) => switchLevel(story, view, tourPlayer, next)}
              />
            )}
            {/* The player above the narration: its buttons never move when a step's text is
                longer or shorter, so clicking Next twice goes forward twice. */}
            <PlayerControls stepTitle={title} />
            {lab ? <LabCatchUp /> : null}
            <Narration title={title} text={text} scrollable={lab} foldable={bigConsole}>
              {lab && model?.stepId === 'lab' ? <ToConsole /> : null}
            </Narration>
            <LabDock tourStep={cursor + 1} />
            <footer className="app-footer">
              <p>{t('footer.note')}</p>
            </footer>
          </aside>
        </PlayerStoreProvider>
      </main>
    </div>
  );
}
