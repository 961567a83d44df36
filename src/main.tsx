import story from 'virtual:story/container-flow';
import { type ReactNode, startTransition } from 'react';
import { translate } from './i18n/index.ts';
import {
  COLD_START_CLASS,
  isFirstView,
  LIVE_EVENT,
  PRERENDERED_ATTRIBUTE,
} from './prerender/firstView.ts';
import { restoreInlineStyles } from './prerender/inlineStyles.ts';
import { Page } from './prerender/Page.tsx';
import { createRoot, hydrateRoot } from './prerender/reactDom.ts';
import { startPlaybackDriver } from './store/playbackDriver.ts';
import { createPlayerStore } from './store/player.ts';
import { initialLang, readUrlState, writeUrlState } from './store/url.ts';
import { createViewStore } from './store/viewStore.ts';
import { App, loadStepPanels } from './ui/App.tsx';
import { readLabMode } from './ui/lab/labUrl.ts';
import './ui/app.css';

/**
 * Start the page: make the stores, keep the document in step with them and render (or hydrate)
 * the app. Called in a task of its own, after the module graph has been evaluated (see below).
 */
function start() {
  const url = readUrlState(window.location.search);
  // Simple first: the page starts from the study note's six beats; Detailed is one click away.
  const level = url.level ?? 'simple';
  const store = createViewStore({
    lang: initialLang(window.location.search, navigator.languages ?? [navigator.language]),
    level,
    groupBy: url.group,
  });
  // `?step=N` is 1-based and counts steps of `?level=`; the player's cursor is 0-based.
  const player = createPlayerStore({
    stepCount: story.levels[level].length,
    cursor: url.step ? url.step - 1 : 0,
  });
  startPlaybackDriver(player, {
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  });

  // The document follows the stores: <html lang>, the title, and `?lang=`, `?scenario=`, `?step=`
  // and `?level=` in the URL (replaceState, so neither switching nor stepping adds history
  // entries), so the address bar is always a deep link to what the learner sees.
  function syncDocument() {
    const { lang, level, groupBy } = store.getState();
    const { cursor, stepCount } = player.getState();
    // Only when it changes: setting <html lang>, even to the same value, makes the browser
    // recompute the style of the whole page (measured: 40-80 ms with 300 pods on the stage), and
    // this runs on every step and every view change.
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    const title = translate(lang, 'app.title');
    if (document.title !== title) document.title = title;
    const state = {
      lang,
      scenario: story.id,
      step: stepCount > 0 ? cursor + 1 : undefined,
      level,
      group: groupBy,
    };
    const search = writeUrlState(window.location.search, state);
    if (search === window.location.search) return;
    // A regroup alone writes the URL once the pods have landed: Chromium reloads the favicon on
    // every replaceState (measured 5-28 ms), which would fall inside the regroup's first frame.
    const groupOnly =
      writeUrlState(window.location.search, {
        ...state,
        group: readUrlState(window.location.search).group,
      }) === window.location.search;
    window.clearTimeout(urlTimer);
    if (groupOnly) urlTimer = window.setTimeout(writeUrl, GROUP_URL_DELAY_MS, search);
    else writeUrl(search);
  }
  const GROUP_URL_DELAY_MS = 800;
  let urlTimer = 0;
  function writeUrl(search: string) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
  }
  // Many changes in one task (a burst of clicks, or the input held before the page was live and
  // replayed at once) write the document once, at the end of the task: `replaceState` costs a
  // few milliseconds each time, which 1,000 rapid clicks turned into seconds.
  let syncQueued = false;
  const queueSync = () => {
    if (syncQueued) return;
    syncQueued = true;
    queueMicrotask(() => {
      syncQueued = false;
      syncDocument();
    });
  };
  syncDocument();
  store.subscribe(queueSync);
  player.subscribe(queueSync);

  void loadStepPanels();
  const root = document.getElementById('root');
  if (root) {
    // Input the boot script held while the pre-rendered page was not live yet is replayed now, in
    // a task of its own: React may run this effect while it handles an event, and replayed events
    // must not be dispatched inside React's own work.
    const onLive = () => {
      window.setTimeout(() => document.dispatchEvent(new Event(LIVE_EVENT)), 0);
    };
    const page = (content: ReactNode) => (
      <Page view={store} player={player} onLive={onLive}>
        {content}
      </Page>
    );
    const search = new URLSearchParams(window.location.search);
    // The build pre-renders the first view into #root (src/prerender/). When the page starts
    // there (the boot script agreed before the first paint, and the real start state is that view)
    // React hydrates it: it adopts the painted elements instead of building them. Otherwise the
    // markup (hidden by the boot script) goes, and the page renders from scratch.
    const prerendered = root.hasAttribute(PRERENDERED_ATTRIBUTE);
    const hydrate =
      prerendered &&
      !document.documentElement.classList.contains(COLD_START_CLASS) &&
      isFirstView({
        lang: store.getState().lang,
        level: store.getState().level,
        cursor: player.getState().cursor,
        groupBy: store.getState().groupBy,
        labMode: readLabMode(window.location.search),
        bench: search.has('bench'),
      });
    if (hydrate) {
      // In a task of its own again: restoring the styles and setting up the root (React adds
      // its listeners for every event type) would otherwise lengthen this one. Held input waits
      // for the page to be live, so nothing changes the stores in between.
      window.setTimeout(() => {
        restoreInlineStyles(root);
        // As a transition, hydration yields to the browser every few milliseconds (a plain
        // hydrateRoot would adopt the whole diagram in one task).
        startTransition(() => {
          hydrateRoot(root, page(<App story={story} />));
        });
      }, 0);
    } else {
      if (prerendered) {
        root.replaceChildren();
        root.removeAttribute(PRERENDERED_ATTRIBUTE);
      }
      const reactRoot = createRoot(root);
      // `?bench=regroup` (bench/frames.ts): 300 synthetic pods on 30 nodes instead of the story.
      // A dynamic import, so the first view of the real page does not carry it.
      if (search.get('bench') === 'regroup') {
        void import('./ui/stage/benchRegroup.tsx').then(({ BenchRegroup }) =>
          reactRoot.render(page(<BenchRegroup />)),
        );
      } else {
        // The first render as a transition: React yields to the browser every few milliseconds
        // while it builds the diagram, instead of one long task that blocks input on slow phones.
        startTransition(() => reactRoot.render(page(<App story={story} />)));
      }
    }
  }
}

// The start runs in a task of its own, not in the one that evaluates the app's modules: that
// task is long already (on a 4×-throttled phone, tens of milliseconds), and hydration set up in
// it would make it longer. The browser may paint and handle input in between.
window.setTimeout(start, 0);
