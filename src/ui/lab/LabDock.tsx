import type { ReactNode } from 'react';
import { selectMode, selectNotice } from '../../store/labStore.ts';
import { useT } from '../ViewStoreContext.tsx';
import { Console } from './Console.tsx';
import { useLab, useLabController, useLabStore } from './LabContext.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';
import { TypedInNote } from './TypedInNote.tsx';
import './lab.css';

/** What the session had to say about saving or restoring the lab, with a way to dismiss it. */
function Notice() {
  const t = useT();
  const notice = useLab(selectNotice);
  const store = useLabStore();
  const controller = useLabController();
  if (!notice) return null;
  return (
    <div className="lab-notice" role="status" data-testid="lab-notice">
      <p>{t(notice.key, notice.params)}</p>
      <button
        type="button"
        className="console-button"
        onClick={() => {
          controller.session()?.dismissNotice();
          store.getState().dispatch({ type: 'dismissNotice' });
        }}
      >
        {t('labui.notice.dismiss')}
      </button>
    </div>
  );
}

/**
 * The hands-on lab's dock beside the stage, in both modes: what it is, the way in and out, the
 * session's notice, the note after typing in the tour (`tourStep`: where the tour is) and the
 * kubectl console. It stays in one place whichever mode is on, so the
 * console keeps focus when the first command switches the stage to the live cluster.
 */
export function LabDock({ children, tourStep }: { children?: ReactNode; tourStep?: number }) {
  const t = useT();
  const mode = useLab(selectMode);
  return (
    <section className={`lab lab--${mode}`} aria-labelledby="lab-heading" id="lab">
      <div className="lab-head">
        <h2 className="lab-title" id="lab-heading">
          {t('labui.title')}
        </h2>
        <ModeSwitch />
      </div>
      {mode === 'guided' ? <p className="lab-intro">{t('labui.intro')}</p> : null}
      <Notice />
      {tourStep === undefined ? null : <TypedInNote tourStep={tourStep} />}
      <Console />
      {children}
    </section>
  );
}
