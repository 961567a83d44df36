import { lazy, type ReactNode, Suspense } from 'react';
import { CrashPoint, ErrorBoundary } from '../ErrorBoundary.tsx';
import { useT } from '../ViewStoreContext.tsx';

// The panels (lesson, what-ifs, editor, scheduler, etcd) only matter in lab mode: their own chunk.
const LabPanelsChunk = lazy(() => import('./LabPanels.tsx'));

function Loading() {
  const t = useT();
  return (
    <section className="panels lab-panels" aria-busy="true">
      <p className="panel-empty" role="status">
        {t('labui.panels.loading')}
      </p>
    </section>
  );
}

/** The lab panels' box around the crash message, so it sits where the panels were. */
function CrashFrame(message: ReactNode) {
  return (
    <section className="panels lab-panels">
      <div className="panel-body">{message}</div>
    </section>
  );
}

/**
 * `LabPanels`, loaded on first use, with a short placeholder meanwhile. A crash inside them
 * shows a recovery message in their place; the session, its files and the console live above,
 * in `LabProvider` and the dock, so "Try again" loses none of them (only an unsaved editor
 * draft, which lives in the panels). A chunk that failed to load stays failed until a reload
 * (`lazy` keeps the rejection), so there "Try again" shows the message again.
 */
export function LazyLabPanels() {
  return (
    <ErrorBoundary name="lab-panels" frame={CrashFrame}>
      <Suspense fallback={<Loading />}>
        <CrashPoint name="lab-panels" />
        <LabPanelsChunk />
      </Suspense>
    </ErrorBoundary>
  );
}
