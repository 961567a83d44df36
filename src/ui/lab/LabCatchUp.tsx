import { useStore } from 'zustand';
import { selectSkipped } from '../../store/labStore.ts';
import { selectCursor } from '../../store/player.ts';
import { useT } from '../ViewStoreContext.tsx';
import { useLab, useLabPlayer, useLabStore } from './LabContext.tsx';

/**
 * When a new command's steps started at once (labController.ts), earlier steps that had not
 * played yet were skipped: say how many, and offer to play them from the first. Shown while the
 * player is on the new command's steps or later.
 */
export function LabCatchUp() {
  const t = useT();
  const store = useLabStore();
  const player = useLabPlayer();
  const skipped = useLab(selectSkipped);
  const cursor = useStore(player, selectCursor);
  if (!skipped || cursor < skipped.from + skipped.count) return null;
  return (
    <div className="lab-catchup" role="status" data-testid="lab-skipped">
      <p>
        {skipped.count === 1
          ? t('labui.skipped.one')
          : t('labui.skipped', { count: skipped.count })}
      </p>
      <button
        type="button"
        className="console-button"
        onClick={() => {
          player.getState().seek(skipped.from);
          player.getState().play();
          store.getState().dispatch({ type: 'skipped', from: 0, count: 0 });
        }}
      >
        {skipped.count === 1 ? t('labui.skipped.play.one') : t('labui.skipped.play')}
      </button>
    </div>
  );
}
