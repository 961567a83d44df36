import { createStore } from 'zustand/vanilla';
import type { Lang } from '../i18n/index.ts';
import type { StoryLevel } from '../story/types.ts';
import type { GroupBy } from '../ui/stage/model.ts';

/** View settings that are not part of the cluster's timeline. */
export interface ViewState {
  lang: Lang;
  /** How much of the truth the story tells: the study note's beats, or every message. */
  level: StoryLevel;
  /** Where the stage puts pods: inside their nodes, or one box per namespace. */
  groupBy: GroupBy;
  /** Namespaces whose pods the stage hides. A new set on every change, never mutated. */
  hiddenNamespaces: ReadonlySet<string>;
  setLang: (lang: Lang) => void;
  /** Set the level alone; use `switchLevel` (storyLevel.ts) to keep the player in step. */
  setLevel: (level: StoryLevel) => void;
  setGroupBy: (groupBy: GroupBy) => void;
  /** Show (`visible`) or hide one namespace's pods. */
  setNamespaceVisible: (namespace: string, visible: boolean) => void;
}

export type ViewStore = ReturnType<typeof createViewStore>;

const NONE: ReadonlySet<string> = new Set();

/** One store per provider, so tests and embedded copies never share state. */
export function createViewStore(initial: { lang: Lang; level?: StoryLevel; groupBy?: GroupBy }) {
  return createStore<ViewState>()((set) => ({
    lang: initial.lang,
    level: initial.level ?? 'simple',
    groupBy: initial.groupBy ?? 'node',
    hiddenNamespaces: NONE,
    setLang: (lang) => set({ lang }),
    setLevel: (level) => set({ level }),
    setGroupBy: (groupBy) => set({ groupBy }),
    setNamespaceVisible: (namespace, visible) =>
      set((s) => {
        // Same state when nothing changes, so subscribers (the stage) do not re-render.
        if (s.hiddenNamespaces.has(namespace) !== visible) return s;
        const next = new Set(s.hiddenNamespaces);
        if (visible) next.delete(namespace);
        else next.add(namespace);
        return { hiddenNamespaces: next };
      }),
  }));
}

export const selectLang = (s: ViewState) => s.lang;
export const selectSetLang = (s: ViewState) => s.setLang;
export const selectLevel = (s: ViewState) => s.level;
export const selectGroupBy = (s: ViewState) => s.groupBy;
export const selectHiddenNamespaces = (s: ViewState) => s.hiddenNamespaces;
