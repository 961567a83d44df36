import { useMemo } from 'react';
import { podCounts } from '../NamespaceFilter.tsx';
import { StageControls } from '../StageControls.tsx';
import type { StageNamespace, StagePod } from '../stage/model.ts';
import { useViewStore } from '../ViewStoreContext.tsx';

export { podCounts } from '../NamespaceFilter.tsx';

/**
 * The stage's controls in lab mode: the same group-by switch and namespace filter as the
 * guided tour's (`StageControls`), fed with the live cluster: every namespace the
 * cluster has (rows come and go as namespaces are created and deleted, `Terminating` while one
 * is deleted) with its pod count. Grouping and hidden namespaces live in the view store, shared
 * with the tour; a namespace's hidden state survives it disappearing and coming back.
 */
export function NamespacePanel({
  namespaces,
  pods,
}: {
  namespaces: readonly StageNamespace[];
  pods: readonly Pick<StagePod, 'namespace'>[];
}) {
  const view = useViewStore();
  const counts = useMemo(() => podCounts(pods), [pods]);
  return <StageControls namespaces={namespaces} counts={counts} view={view} />;
}
