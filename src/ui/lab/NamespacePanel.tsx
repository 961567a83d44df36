import { useMemo } from 'react';
import { selectGroupBy, selectHiddenNamespaces } from '../../store/viewStore.ts';
import { GroupBySwitch } from '../GroupBySwitch.tsx';
import { NamespaceFilter, podCounts } from '../NamespaceFilter.tsx';
import type { StageNamespace, StagePod } from '../stage/model.ts';
import { useView, useViewStore } from '../ViewStoreContext.tsx';

export { podCounts } from '../NamespaceFilter.tsx';

/**
 * The stage's controls in lab mode: the same group-by switch and namespace filter as the
 * guided tour's (`StageControls` in App.tsx), fed with the live cluster: every namespace the
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
  const hidden = useView(selectHiddenNamespaces);
  const groupBy = useView(selectGroupBy);
  const counts = useMemo(() => podCounts(pods), [pods]);
  return (
    <div className="stage-controls">
      <GroupBySwitch value={groupBy} onChange={(next) => view.getState().setGroupBy(next)} />
      <NamespaceFilter
        namespaces={namespaces}
        hidden={hidden}
        counts={counts}
        onToggle={(ns, visible) => view.getState().setNamespaceVisible(ns, visible)}
      />
    </div>
  );
}
