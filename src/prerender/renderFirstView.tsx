/**
 * The first view as HTML, rendered in Node at build time by `vitePlugin.ts` (never shipped to
 * the browser: react-dom/server stays out of the bundle).
 */

import containerFlow from 'virtual:story/container-flow';
import { renderToString } from 'react-dom/server';
import { createPlayerStore } from '../store/player.ts';
import { createViewStore } from '../store/viewStore.ts';
import type { Story } from '../story/types.ts';
import { App } from '../ui/App.tsx';
import { createLab } from '../ui/lab/LabContext.tsx';
import { FIRST_VIEW } from './firstView.ts';
import { Page } from './Page.tsx';

/**
 * Render `story`'s first view (`FIRST_VIEW`) to the markup `#root` gets, with the same stores
 * `main.tsx` creates for a visitor who starts there, so the browser can hydrate it. Waits for
 * the lazily loaded parts (the panels), so the markup is the whole page.
 */
export async function renderFirstView(story: Story = containerFlow): Promise<string> {
  const view = createViewStore({
    lang: FIRST_VIEW.lang,
    level: FIRST_VIEW.level,
    groupBy: FIRST_VIEW.groupBy,
  });
  const player = createPlayerStore({
    stepCount: story.levels[FIRST_VIEW.level].length,
    cursor: FIRST_VIEW.cursor,
  });
  // The URL of a first view has no `?mode=lab`: the guided tour.
  const lab = createLab('');
  const page = (
    <Page view={view} player={player}>
      <App story={story} lab={lab} />
    </Page>
  );
  // The panels are a lazy component. The first render starts loading them (and draws their
  // Suspense fallback); once their module is in, the second render draws them in place.
  // (Streaming them in later would take an inline script, which the page's CSP forbids.)
  renderToString(page);
  await import('../ui/panels/StepPanels.tsx');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return renderToString(page);
}
