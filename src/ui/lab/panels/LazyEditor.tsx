/**
 * The editor, loaded on first use: it carries the YAML parser and the highlighter, which the
 * guided story never needs. Render `<LazyEditor …/>` like `Editor`; call `preloadEditor()`
 * early (for example when the lab opens) to have it ready before the learner clicks a file.
 * If the chunk cannot be fetched (offline), the panel says so and offers a retry instead of
 * taking the page down.
 */
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import { useT } from '../../ViewStoreContext.tsx';
import type { EditorProps } from './editorTypes.ts';
import './panels.css';

const load = () => import('./Editor.tsx');

/** Start downloading the editor's chunk now (idempotent: the browser caches the module). */
export function preloadEditor(): void {
  // A failed preload is retried when the editor is shown.
  load().catch(() => {});
}

function EditorLoading() {
  const t = useT();
  return (
    <section className="lp-card ed" aria-busy="true" data-testid="lab-editor-loading">
      <p className="lp-empty" role="status">
        {t('labPanel.editor.loading')}
      </p>
    </section>
  );
}

function EditorLoadFailed({ retry }: { retry(): void }) {
  const t = useT();
  return (
    <section className="lp-card ed" data-testid="lab-editor-failed">
      <p className="lp-error" role="alert">
        {t('labPanel.editor.loadFailed')}
      </p>
      <p>
        <button type="button" className="lp-button" onClick={retry}>
          {t('labPanel.editor.retry')}
        </button>
      </p>
    </section>
  );
}

/** Catches the failed import (React has no hook for this). */
class LoadBoundary extends Component<
  { fallback: (reset: () => void) => ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed
      ? this.props.fallback(() => this.setState({ failed: false }))
      : this.props.children;
  }
}

/** The lazy component; replaced after a failure, as React.lazy remembers a rejected import. */
let EditorChunk = lazy(load);

/** `Editor`, loaded lazily, with a "Loading the editor…" placeholder meanwhile. */
export function LazyEditor(props: EditorProps) {
  const [, setAttempts] = useState(0);
  return (
    <LoadBoundary
      fallback={(reset) => (
        <EditorLoadFailed
          retry={() => {
            EditorChunk = lazy(load);
            setAttempts((n) => n + 1);
            reset();
          }}
        />
      )}
    >
      <Suspense fallback={<EditorLoading />}>
        <EditorChunk {...props} />
      </Suspense>
    </LoadBoundary>
  );
}
