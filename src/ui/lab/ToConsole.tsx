import { scrollBehavior } from '../player/useFollowStep.ts';
import { useT } from '../ViewStoreContext.tsx';

/**
 * The lab before its first command has nothing to play: the narration offers the way to the
 * console instead (on a phone it is a long way down the page).
 */
export function ToConsole() {
  const t = useT();
  return (
    <button
      type="button"
      className="console-button to-console"
      onClick={() => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="kubectl-input"]');
        input?.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
        input?.focus({ preventScroll: true });
      }}
    >
      {t('labui.toConsole')}
    </button>
  );
}
