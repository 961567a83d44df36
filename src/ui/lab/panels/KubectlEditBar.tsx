/**
 * What stands in for closing the editor while `kubectl edit` waits: "Save and apply" (kubectl
 * then reads what the editor holds) and "Cancel edit" (quit without saving: kubectl reads the
 * file as it is). Shown above the editor in the Files tab.
 */
import { useT } from '../../ViewStoreContext.tsx';
import './panels.css';

export interface KubectlEditBarProps {
  /** The temp file kubectl wrote (`/tmp/kubectl-edit-….yaml`). */
  path: string;
  /** Whether that file is the one open in the editor. */
  open: boolean;
  onOpen(): void;
  onApply(): void;
  onCancel(): void;
}

export function KubectlEditBar({ path, open, onOpen, onApply, onCancel }: KubectlEditBarProps) {
  const t = useT();
  return (
    <section className="lp-card kubectl-edit-bar" data-testid="kubectl-edit-bar">
      <p className="lp-note">{t('labPanel.kubectlEdit.waiting', { file: path })}</p>
      <div className="lp-head">
        {open ? (
          <>
            <button type="button" className="lp-button lp-button--primary" onClick={onApply}>
              {t('labPanel.kubectlEdit.apply')}
            </button>
            <button type="button" className="lp-button" onClick={onCancel}>
              {t('labPanel.kubectlEdit.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="lp-button" onClick={onOpen}>
            {t('labPanel.kubectlEdit.open')}
          </button>
        )}
      </div>
    </section>
  );
}
