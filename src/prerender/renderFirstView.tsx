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
 * `main.tsx` creates for a visitor who starts there, so the browser can hydrate it.
 */
export function renderFirstView(story: Story = containerFlow): string {
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
  return renderToString(
    <Page view={view} player={player}>
      <App story={story} lab={lab} />
    </Page>,
  );
}
