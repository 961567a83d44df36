import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../i18n/index.ts';
import { createLabStore } from '../../store/labStore.ts';
import { createPlayerStore } from '../../store/player.ts';
import { createViewStore } from '../../store/viewStore.ts';
import { ViewStoreProvider } from '../ViewStoreContext.tsx';
import { LabCatchUp } from './LabCatchUp.tsx';
import { type LabContextValue, LabProvider } from './LabContext.tsx';
import type { LabController } from './labController.ts';

/** The note after a new command jumped past `count` unplayed steps, the player on its first. */
function note(lang: Lang, count: number): string {
  const store = createLabStore({ mode: 'lab' });
  const player = createPlayerStore({ stepCount: 10 });
  player.getState().seek(2 + count);
  store.getState().dispatch({ type: 'skipped', from: 2, count });
  // Rendered on the "server", zustand reads a store's initial state: make it the current one.
  store.getInitialState = store.getState;
  player.getInitialState = player.getState;
  // LabCatchUp reads only the store and the player.
  const lab: LabContextValue = { store, player, controller: {} as LabController };
  return renderToString(
    <ViewStoreProvider store={createViewStore({ lang })}>
      <LabProvider value={lab}>
        <LabCatchUp />
      </LabProvider>
    </ViewStoreProvider>,
  ).replace(/<!-- -->/g, '');
}

describe('LabCatchUp', () => {
  it('says "1 earlier step was" for one skipped step, and "steps were" for more (en)', () => {
    expect(note('en', 1)).toContain(
      'Jumped to your latest command: 1 earlier step was not played yet.',
    );
    expect(note('en', 1)).toContain('Play it');
    expect(note('en', 3)).toContain(
      'Jumped to your latest command: 3 earlier steps were not played yet.',
    );
    expect(note('en', 3)).toContain('Play them');
  });

  it('counts one step naturally in Korean', () => {
    expect(note('ko', 1)).toContain('재생하지 않은 이전 단계가 하나 있습니다.');
    expect(note('ko', 3)).toContain('재생하지 않은 이전 단계가 3개 있습니다.');
  });
});
