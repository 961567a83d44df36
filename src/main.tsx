import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translate } from './i18n/index.ts';
import { initialLang, writeUrlState } from './store/url.ts';
import { createViewStore } from './store/viewStore.ts';
import { App } from './ui/App.tsx';
import { ViewStoreProvider } from './ui/ViewStoreContext.tsx';
import './ui/app.css';

const store = createViewStore({
  lang: initialLang(window.location.search, navigator.languages ?? [navigator.language]),
});

// The document follows the store: <html lang>, the title, and `?lang=` in the URL
// (replaceState, so switching language does not add history entries).
function syncDocument() {
  const { lang } = store.getState();
  document.documentElement.lang = lang;
  document.title = translate(lang, 'app.title');
  const search = writeUrlState(window.location.search, { lang });
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
  }
}
syncDocument();
store.subscribe(syncDocument);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ViewStoreProvider store={store}>
        <App />
      </ViewStoreProvider>
    </StrictMode>,
  );
}
