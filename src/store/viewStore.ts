import { createStore } from 'zustand/vanilla';
import type { Lang } from '../i18n/index.ts';

/** View settings that are not part of the cluster's timeline. */
export interface ViewState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export type ViewStore = ReturnType<typeof createViewStore>;

/** One store per provider, so tests and embedded copies never share state. */
export function createViewStore(initial: { lang: Lang }) {
  return createStore<ViewState>()((set) => ({
    lang: initial.lang,
    setLang: (lang) => set({ lang }),
  }));
}

export const selectLang = (s: ViewState) => s.lang;
export const selectSetLang = (s: ViewState) => s.setLang;
