import { type ReactNode, StrictMode } from 'react';
import type { PlayerStore } from '../store/player.ts';
import type { ViewStore } from '../store/viewStore.ts';
import { PlayerStoreProvider } from '../ui/PlayerStoreContext.tsx';
import { ViewStoreProvider } from '../ui/ViewStoreContext.tsx';

/**
 * The page's React tree around its content: the view and player stores. One component for the
 * browser (`main.tsx`) and the build's pre-render (`renderFirstView.tsx`), so hydration sees
 * exactly the tree the HTML was rendered from.
 */
export function Page({
  view,
  player,
  children,
}: {
  view: ViewStore;
  player: PlayerStore;
  children: ReactNode;
}) {
  return (
    <StrictMode>
      <ViewStoreProvider store={view}>
        <PlayerStoreProvider store={player}>{children}</PlayerStoreProvider>
      </ViewStoreProvider>
    </StrictMode>
  );
}
