import { createStore } from 'zustand/vanilla';
import type { Lang } from '../i18n/index.ts';
import type { StoryLevel } from '../story/types.ts';

/** View settings that are not part of the cluster's timeline. */
export interface ViewState {
  lang: Lang;
  /** How much of the truth the story tells: the study note's beats, or every message. */
  level: StoryLevel;
  setLang: (lang: Lang) => void;
  /** Set the level alone; use `switchLevel` (storyLevel.ts) to keep the player in step. */
  setLevel: (level: StoryLevel) => void;
}

export type ViewStore = ReturnType<typeof createViewStore>;

/** One store per provider, so tests and embedded copies never share state. */
export function createViewStore(initial: { lang: Lang; level?: StoryLevel }) {
  return createStore<ViewState>()((set) => ({
    lang: initial.lang,
    level: initial.level ?? 'simple',
    setLang: (lang) => set({ lang }),
    setLevel: (level) => set({ level }),
  }));
}

export const selectLang = (s: ViewState) => s.lang;
export const selectSetLang = (s: ViewState) => s.setLang;
export const selectLevel = (s: ViewState) => s.level;
