/**
 * The editor, loaded on first use: it carries the YAML parser and the highlighter, which the
 * guided story never needs. Render `<LazyEditor …/>` like `Editor`; call `preloadEditor()`
 * early (for example when the lab opens) to have it ready before the learner clicks a file.
 */
import { lazy, Suspense } from 'react';
import { useT } from '../../ViewStoreContext.tsx';
import type { EditorProps } from './editorTypes.ts';
import './panels.css';

const load = () => import('./Editor.tsx');
const EditorChunk = lazy(load);

/** Start downloading the editor's chunk now (idempotent: the browser caches the module). */
export function preloadEditor(): void {
  void load();
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

/** `Editor`, loaded lazily, with a "Loading the editor…" placeholder meanwhile. */
export function LazyEditor(props: EditorProps) {
  return (
    <Suspense fallback={<EditorLoading />}>
      <EditorChunk {...props} />
    </Suspense>
  );
}
