import { selectMode } from '../../store/labStore.ts';
import { useT } from '../ViewStoreContext.tsx';
import { useLab, useLabController } from './LabContext.tsx';

/**
 * The way between the guided tour and the live cluster: one button that says where it goes.
 * Entering the lab loads the session (if the console has not already).
 */
export function ModeSwitch() {
  const t = useT();
  const controller = useLabController();
  const mode = useLab(selectMode);
  return (
    <button
      type="button"
      className={`mode-switch mode-switch--${mode}`}
      data-testid="mode-switch"
      onClick={() => controller.setMode(mode === 'lab' ? 'guided' : 'lab')}
    >
      {t(mode === 'lab' ? 'labui.back' : 'labui.enter')}
    </button>
  );
}
