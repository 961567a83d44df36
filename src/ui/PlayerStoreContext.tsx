import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { PlayerState, PlayerStore } from '../store/player.ts';

const PlayerStoreContext = createContext<PlayerStore | null>(null);

/** Provide one player store to the tree below (one store per provider). */
export function PlayerStoreProvider({
  store,
  children,
}: {
  store: PlayerStore;
  children: ReactNode;
}) {
  return <PlayerStoreContext.Provider value={store}>{children}</PlayerStoreContext.Provider>;
}

/** Read the player with a module-level selector. Throws outside the provider. */
export function usePlayer<T>(selector: (s: PlayerState) => T): T {
  const store = useContext(PlayerStoreContext);
  if (!store) throw new Error('usePlayer must be used inside <PlayerStoreProvider>');
  return useStore(store, selector);
}

/** The store itself, for event handlers that read the latest state without subscribing. */
export function usePlayerStore(): PlayerStore {
  const store = useContext(PlayerStoreContext);
  if (!store) throw new Error('usePlayerStore must be used inside <PlayerStoreProvider>');
  return store;
}
