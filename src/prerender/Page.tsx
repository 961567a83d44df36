import { type ReactNode, StrictMode, useEffect } from 'react';
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
  onLive,
  children,
}: {
  view: ViewStore;
  player: PlayerStore;
  /** Called once the page's first render is committed and every effect below has run. */
  onLive?: () => void;
  children: ReactNode;
}) {
  return (
    <StrictMode>
      <ViewStoreProvider store={view}>
        <PlayerStoreProvider store={player}>
          {children}
          {onLive ? <Live onLive={onLive} /> : null}
        </PlayerStoreProvider>
      </ViewStoreProvider>
    </StrictMode>
  );
}

/**
 * Renders nothing. Its effect runs after those of the siblings before it (React runs a parent's
 * children's effects in order), so when it fires the page's own listeners are in place.
 */
function Live({ onLive }: { onLive: () => void }) {
  useEffect(() => {
    onLive();
  }, [onLive]);
  return null;
}
