import { selectTypedIn } from '../../store/labStore.ts';
import { useT } from '../ViewStoreContext.tsx';
import { useLab, useLabStore } from './LabContext.tsx';

/**
 * Typing in the console during the guided tour runs the command in the live lab, whose cluster
 * is the one the tour ends with, not the tour's current step: say so once, with the way back.
 */
export function TypedInNote({ tourStep }: { tourStep: number }) {
  const t = useT();
  const store = useLabStore();
  const typedIn = useLab(selectTypedIn);
  if (!typedIn) return null;
  return (
    <div className="lab-notice lab-typed-in" role="status" data-testid="lab-typed-in">
      <p>{t('labui.typedIn', { step: tourStep })}</p>
      <button
        type="button"
        className="console-button"
        onClick={() => store.getState().dispatch({ type: 'typedInDismissed' })}
      >
        {t('labui.notice.dismiss')}
      </button>
    </div>
  );
}
