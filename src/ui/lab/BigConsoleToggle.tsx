import { selectBigConsole } from '../../store/labStore.ts';
import { useT } from '../ViewStoreContext.tsx';
import { useLab, useLabController } from './LabContext.tsx';

/**
 * "Bigger console": on the one-screen desktop layout the console takes most of the side column
 * and the narration folds to its title (lab.css, app.css). A toggle (aria-pressed), kept for the
 * next visit. Left out where the page scrolls (phones, small windows): the console has its
 * full height there already.
 */
export function BigConsoleToggle() {
  const t = useT();
  const controller = useLabController();
  const on = useLab(selectBigConsole);
  return (
    <button
      type="button"
      className="console-button console-room"
      data-testid="lab-console-room"
      aria-pressed={on}
      title={t('labui.bigConsole.hint')}
      onClick={() => controller.setBigConsole(!on)}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        {/* Two arrows pulling the box's top and bottom edges apart. */}
        <path
          d="M2 2.5h12M2 13.5h12M8 4.5v7M5.5 7 8 4.5 10.5 7M5.5 9 8 11.5 10.5 9"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {t('labui.bigConsole')}
    </button>
  );
}
