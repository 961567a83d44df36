import { selectCursor, selectSpeed } from '../store/player.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { usePlayer, usePlayerStore } from './PlayerStoreContext.tsx';
import { Narration } from './player/Narration.tsx';
import { PlayerControls } from './player/PlayerControls.tsx';
import { useKeyboardShortcuts } from './player/useKeyboardShortcuts.ts';
import { DEMO_STEPS } from './stage/demoSteps.ts';
import { Stage } from './stage/Stage.tsx';
import { useT } from './ViewStoreContext.tsx';

export function App() {
  const t = useT();
  const store = usePlayerStore();
  useKeyboardShortcuts(store);
  const cursor = usePlayer(selectCursor);
  const speed = usePlayer(selectSpeed);
  // The picture is a pure function of the cursor: however fast the learner clicks, the stage
  // draws exactly the step the player says is current.
  const step = DEMO_STEPS[Math.min(cursor, DEMO_STEPS.length - 1)] ?? DEMO_STEPS[0];
  const title = step ? t(step.title) : '';
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
        {step ? <Stage model={step.model} speed={speed} /> : null}
        <aside className="side">
          <Narration title={title} text={step ? t(step.text) : ''} />
          <PlayerControls stepTitle={title} />
          <p className="demo-note">{t('demo.note')}</p>
          <footer className="app-footer">
            <p>{t('footer.note')}</p>
          </footer>
        </aside>
      </main>
    </div>
  );
}
