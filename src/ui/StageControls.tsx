import { selectGroupBy, selectHiddenNamespaces, type ViewStore } from '../store/viewStore.ts';
import { GroupBySwitch } from './GroupBySwitch.tsx';
import { type FilterNamespace, NamespaceFilter } from './NamespaceFilter.tsx';
import { useView } from './ViewStoreContext.tsx';

/**
 * The controls drawn above the diagram: the group-by switch and the namespace filter, reading
 * and writing the view store. The guided tour passes the story's namespaces, the lab the live
 * cluster's (with their phase) and each one's pod count; the benchmark page uses it too.
 */
export function StageControls({
  namespaces,
  counts,
  view,
}: {
  namespaces: readonly (string | FilterNamespace)[];
  /** Pods per namespace, shown beside each name (the lab); absent in the tour. */
  counts?: ReadonlyMap<string, number>;
  view: ViewStore;
}) {
  const groupBy = useView(selectGroupBy);
  const hidden = useView(selectHiddenNamespaces);
  return (
    <div className="stage-controls">
      <GroupBySwitch value={groupBy} onChange={(next) => view.getState().setGroupBy(next)} />
      <NamespaceFilter
        namespaces={namespaces}
        hidden={hidden}
        {...(counts ? { counts } : {})}
        onToggle={(ns, visible) => view.getState().setNamespaceVisible(ns, visible)}
      />
    </div>
  );
}
