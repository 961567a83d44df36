import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import { type MessageKey, translate } from '../i18n/index.ts';
import { selectLang, type ViewState, type ViewStore } from '../store/viewStore.ts';

const ViewStoreContext = createContext<ViewStore | null>(null);

export function ViewStoreProvider({ store, children }: { store: ViewStore; children: ReactNode }) {
  return <ViewStoreContext.Provider value={store}>{children}</ViewStoreContext.Provider>;
}

/** Read the view store with a module-level selector. Throws outside the provider. */
export function useView<T>(selector: (s: ViewState) => T): T {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('useView must be used inside <ViewStoreProvider>');
  return useStore(store, selector);
}

/** The store itself, for event handlers that act on it without subscribing. */
export function useViewStore(): ViewStore {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('useViewStore must be used inside <ViewStoreProvider>');
  return store;
}

/** The translation function for the current language. */
export function useT() {
  const lang = useView(selectLang);
  return (key: MessageKey, params?: Record<string, string | number>) =>
    translate(lang, key, params);
}
