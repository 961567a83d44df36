import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useT } from './ViewStoreContext.tsx';

export function App() {
  const t = useT();
  return (
    <div className="app">
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
        <section className="stage" data-testid="stage" aria-label={t('stage.label')}>
          <p className="stage-empty">{t('stage.empty')}</p>
        </section>
      </main>
      <footer className="app-footer">
        <p>{t('footer.note')}</p>
      </footer>
    </div>
  );
}
