import type { CSSProperties } from 'react';
import { selectGroupBy, selectHiddenNamespaces } from '../../store/viewStore.ts';
import { GroupBySwitch } from '../GroupBySwitch.tsx';
import { namespaceHue, type StageNamespace, type StagePod } from '../stage/model.ts';
import { useT, useView, useViewStore } from '../ViewStoreContext.tsx';

/** How many pods each namespace has in `pods`. */
export function podCounts(pods: readonly Pick<StagePod, 'namespace'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pod of pods) counts.set(pod.namespace, (counts.get(pod.namespace) ?? 0) + 1);
  return counts;
}

/**
 * The live cluster's namespaces, one checkbox each (its accessible name is exactly the
 * namespace's name; the pod count and a Terminating phase describe it), and the group-by
 * switch. The lab's counterpart of the tour's `NamespaceFilter`: rows come and go as
 * namespaces are created and deleted, and a namespace being deleted says so. Unchecking a
 * namespace fades its pods out on the stage; the choice survives the namespace disappearing
 * and coming back.
 */
export function NamespacePanel({
  namespaces,
  pods,
}: {
  namespaces: readonly StageNamespace[];
  pods: readonly Pick<StagePod, 'namespace'>[];
}) {
  const t = useT();
  const view = useViewStore();
  const hidden = useView(selectHiddenNamespaces);
  const groupBy = useView(selectGroupBy);
  const counts = podCounts(pods);
  return (
    <section className="nsp" aria-labelledby="nsp-heading">
      <GroupBySwitch value={groupBy} onChange={(next) => view.getState().setGroupBy(next)} />
      <h2 className="nsp-title" id="nsp-heading">
        {t('view.namespaces')}
      </h2>
      <p className="visually-hidden" id="nsp-hint">
        {t('labui.ns.hint')}
      </p>
      {namespaces.length === 0 ? (
        <p className="nsp-empty">{t('labui.ns.none')}</p>
      ) : (
        <ul className="nsp-list" aria-describedby="nsp-hint">
          {namespaces.map((ns) => {
            const id = `nsp-row-${ns.name}`;
            const visible = !hidden.has(ns.name);
            return (
              <li
                key={ns.name}
                className={`nsp-row${ns.phase === 'Terminating' ? ' nsp-row--terminating' : ''}`}
                data-ns-row={ns.name}
                style={{ '--ns-hue': namespaceHue(ns.name) } as CSSProperties}
              >
                <label className="nsp-label">
                  <input
                    type="checkbox"
                    checked={visible}
                    aria-describedby={`${id}-info`}
                    onChange={(event) =>
                      view.getState().setNamespaceVisible(ns.name, event.currentTarget.checked)
                    }
                  />
                  <span className="nsp-swatch" aria-hidden="true" />
                  <span className="nsp-name">{ns.name}</span>
                </label>
                <span className="nsp-info" id={`${id}-info`}>
                  {ns.phase === 'Terminating' ? (
                    <span className="nsp-phase">{t('stage.ns.terminating')}</span>
                  ) : null}
                  <span className="nsp-count">
                    {t('labui.ns.pods', { count: counts.get(ns.name) ?? 0 })}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
