import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createLabStore, type LabState, type LabStore, selectMode } from '../../store/labStore.ts';
import { startPlaybackDriver } from '../../store/playbackDriver.ts';
import { createPlayerStore, type PlayerStore } from '../../store/player.ts';
import { InspectableContext } from '../stage/PodChip.tsx';
import { browserStorage, createLabController, type LabController } from './labController.ts';
import { readLabPrefs } from './labPrefs.ts';
import { readLabMode, writeLabMode } from './labUrl.ts';

/**
 * How long one lab step stays on screen at 1×. Shorter than a tour step (6 s): a command's
 * steps are a short replay of what the learner just did, and the next command should not wait.
 */
export const LAB_STEP_MS = 2500;

/** Everything the lab's components share: its store, its player and the controller. */
export interface LabContextValue {
  store: LabStore;
  player: PlayerStore;
  controller: LabController;
}

const LabContext = createContext<LabContextValue | null>(null);

/**
 * A lab for a page at `search` (`?mode=lab` opens it in the live cluster), with the learner's
 * saved layout preference.
 */
export function createLab(search: string): LabContextValue {
  const storage = browserStorage();
  const store = createLabStore({
    mode: readLabMode(search),
    bigConsole: readLabPrefs(storage).bigConsole,
  });
  const player = createPlayerStore({ stepCount: 0 });
  const controller = createLabController({
    store,
    player,
    storage,
    // The page keeps <html lang> in step with its language switch.
    lang: () => (document.documentElement.lang === 'ko' ? 'ko' : 'en'),
  });
  return { store, player, controller };
}

/**
 * Provide one lab to the tree below (and, in lab mode, `InspectableContext` to the stage). Without `value` it makes its own from the page's URL,
 * drives the lab player, loads the session at once when the page opens in lab mode, and keeps
 * `?mode=` in the URL in step (replaceState, like the tour's parameters).
 */
export function LabProvider({ value, children }: { value?: LabContextValue; children: ReactNode }) {
  const [lab] = useState<LabContextValue>(() => value ?? createLab(window.location.search));

  useEffect(
    () =>
      startPlaybackDriver(
        lab.player,
        {
          setTimeout: (callback, ms) => window.setTimeout(callback, ms),
          clearTimeout: (handle) => window.clearTimeout(handle as number),
        },
        LAB_STEP_MS,
      ),
    [lab],
  );

  useEffect(() => {
    if (lab.store.getState().mode === 'lab') void lab.controller.ensureLoaded();
    const sync = () => {
      const search = writeLabMode(window.location.search, lab.store.getState().mode);
      if (search !== window.location.search) {
        window.history.replaceState(
          window.history.state,
          '',
          `${window.location.pathname}${search}`,
        );
      }
    };
    sync();
    return lab.store.subscribe(sync);
  }, [lab]);

  // In the live cluster the stage's pods and nodes open the inspector (LabPanels listens for
  // their clicks); in the tour they are a picture.
  const inspectable = useStore(lab.store, selectMode) === 'lab';
  return (
    <LabContext.Provider value={lab}>
      <InspectableContext.Provider value={inspectable}>{children}</InspectableContext.Provider>
    </LabContext.Provider>
  );
}

function useLabContext(): LabContextValue {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('lab hooks must be used inside <LabProvider>');
  return lab;
}

/** Read the lab store with a module-level selector. Throws outside the provider. */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabContext().store, selector);
}

/** The lab store itself, for event handlers. */
export function useLabStore(): LabStore {
  return useLabContext().store;
}

/** The lab's controller (run lines, complete, switch mode, the session for panels). */
export function useLabController(): LabController {
  return useLabContext().controller;
}

/** The lab timeline's player store. */
export function useLabPlayer(): PlayerStore {
  return useLabContext().player;
}
