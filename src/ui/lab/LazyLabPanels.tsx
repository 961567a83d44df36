import { lazy, Suspense } from 'react';
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

/** `LabPanels`, loaded on first use, with a short placeholder meanwhile. */
export function LazyLabPanels() {
  return (
    <Suspense fallback={<Loading />}>
      <LabPanelsChunk />
    </Suspense>
  );
}
