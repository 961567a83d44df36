import { useEffect } from 'react';
import type { PlayerStore } from '../../store/player.ts';

/** Elements whose own keyboard behaviour must win over the player's shortcuts. */
const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
/**
 * Boxes that scroll sideways with the arrow keys (`kubectl get pods`, YAML, the decision table):
 * while one has focus, ← → and Space scroll it, as a keyboard user expects.
 */
const SCROLLS = '[data-scroll-keys]';
/** Elements that Space activates natively (handling Space too would act twice). */
const SPACE_ACTIVATES = 'button, summary, a[href], [role="button"], [role="checkbox"]';

/** What a key does to the player, or null when the player should leave it alone. */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
  target: Element | null,
): 'next' | 'previous' | 'togglePlay' | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (target?.closest(TYPING)) return null;
  if (target?.closest(SCROLLS)) return null;
  if (event.key === 'ArrowRight') return 'next';
  if (event.key === 'ArrowLeft') return 'previous';
  if ((event.key === ' ' || event.key === 'Spacebar') && !event.shiftKey) {
    return target?.closest(SPACE_ACTIVATES) ? null : 'togglePlay';
  }
  return null;
}

/**
 * → next step, ← previous step, Space play/pause, anywhere on the page except while typing or
 * scrolling a focused code box.
 */
export function useKeyboardShortcuts(store: PlayerStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event, event.target instanceof Element ? event.target : null);
      if (!action) return;
      event.preventDefault();
      store.getState()[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
