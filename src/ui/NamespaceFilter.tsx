import type { CSSProperties } from 'react';
import { namespaceStyle, type StagePod } from './stage/model.ts';
import { useT } from './ViewStoreContext.tsx';

/** A namespace as the filter lists it: its name, and `Terminating` while it is deleted. */
export interface FilterNamespace {
  name: string;
  phase?: 'Active' | 'Terminating';
}

/** How many pods each namespace has in `pods`. */
export function podCounts(pods: readonly Pick<StagePod, 'namespace'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pod of pods) counts.set(pod.namespace, (counts.get(pod.namespace) ?? 0) + 1);
  return counts;
}

/**
 * The stage's one namespace control, in the guided tour and in the lab: one checkbox per
 * namespace, labelled with exactly its name (automation contract), with the namespace's hue as
 * a swatch; checked = its pods are shown. With `counts` (the lab: the live cluster) each row
 * also shows how many pods the namespace has, and a namespace being deleted says
 * `Terminating`; both describe the checkbox for screen readers without changing its name.
 * Rows come and go with the `namespaces` given. Controlled: the caller keeps the hidden set and
 * decides what a toggle does.
 */
export function NamespaceFilter({
  namespaces,
  hidden,
  onToggle,
  counts,
}: {
  /** In the order to list them: names, or namespaces with their phase. */
  namespaces: readonly (string | FilterNamespace)[];
  hidden: ReadonlySet<string>;
  onToggle: (namespace: string, visible: boolean) => void;
  /** Pods per namespace, shown beside each name (absent: no counts). */
  counts?: ReadonlyMap<string, number>;
}) {
  const t = useT();
  return (
    <fieldset className="ns-filter" data-testid="namespace-filter">
      <legend className="ns-filter-legend">{t('view.namespaces')}</legend>
      {namespaces.length === 0 ? (
        <span className="ns-filter-empty">{t('labui.ns.none')}</span>
      ) : null}
      {namespaces.map((entry) => {
        const ns = typeof entry === 'string' ? { name: entry } : entry;
        const terminating = ns.phase === 'Terminating';
        const count = counts?.get(ns.name) ?? 0;
        const infoId = `ns-filter-${ns.name}-info`;
        const described = counts !== undefined || terminating;
        return (
          <span
            key={ns.name}
            className={`ns-filter-item${terminating ? ' ns-filter-item--terminating' : ''}`}
            data-ns-row={ns.name}
            style={namespaceStyle(ns.name) as CSSProperties}
          >
            <label className="ns-filter-option">
              <input
                type="checkbox"
                checked={!hidden.has(ns.name)}
                aria-describedby={described ? infoId : undefined}
                onChange={(event) => onToggle(ns.name, event.target.checked)}
              />
              <span className="ns-filter-swatch" aria-hidden="true" />
              {ns.name}
            </label>
            {described ? (
              <span className="ns-filter-info" id={infoId}>
                {terminating ? (
                  <span className="ns-filter-phase">{t('stage.ns.terminating')}</span>
                ) : null}
                {counts !== undefined ? (
                  <span className="ns-filter-count" title={t('labui.ns.pods', { count })}>
                    <span aria-hidden="true">{count}</span>
                    <span className="visually-hidden">{t('labui.ns.pods', { count })}</span>
                  </span>
                ) : null}
              </span>
            ) : null}
          </span>
        );
      })}
    </fieldset>
  );
}
