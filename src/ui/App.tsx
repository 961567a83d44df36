import { selectCursor, selectSpeed } from '../store/player.ts';
import { switchLevel } from '../store/storyLevel.ts';
import { selectLevel } from '../store/viewStore.ts';
import type { Story, StoryStep, Text } from '../story/types.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LevelSwitch } from './LevelSwitch.tsx';
import { usePlayer, usePlayerStore } from './PlayerStoreContext.tsx';
import { StepPanels } from './panels/StepPanels.tsx';
import { Narration } from './player/Narration.tsx';
import { PlayerControls } from './player/PlayerControls.tsx';
import { useKeyboardShortcuts } from './player/useKeyboardShortcuts.ts';
import { Stage } from './stage/Stage.tsx';
import { useT, useView, useViewStore } from './ViewStoreContext.tsx';

/** The step the player's cursor points at, clamped to the level's steps. */
export function stepAt(steps: readonly StoryStep[], cursor: number): StoryStep | undefined {
  return steps[Math.min(Math.max(0, cursor), steps.length - 1)];
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
  const level = useView(selectLevel);
  const cursor = usePlayer(selectCursor);
  const speed = usePlayer(selectSpeed);
  const step = stepAt(story.levels[level], cursor);
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
          {step ? <Stage model={step.model} speed={speed} /> : null}
          {step ? (
            <StepPanels
              step={step}
              summaries={step.messages.map((message) => say(message.summary))}
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
