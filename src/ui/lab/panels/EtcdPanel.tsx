/**
 * etcd as the API server keeps it: keys grouped by resource prefix, each with the revision of
 * its last write, the keys the latest step wrote marked (a word and a bar, not colour alone),
 * and a live summary for screen readers ("3 keys written.").
 */
import type { CSSProperties } from 'react';
import { useId, useMemo } from 'react';
import { namespaceStyle } from '../../stage/model.ts';
import { useT } from '../../ViewStoreContext.tsx';
import { groupEtcdKeys } from './etcdGroups.ts';
import './panels.css';

export interface EtcdPanelProps {
  /** `LabState.etcd.keys`: the most recently written keys, sorted by key. */
  keys: readonly { key: string; modRevision: number }[];
  /** `LabState.etcd.revision`: the global revision. */
  revision: number;
  /** `LabState.etcd.total`: how many keys etcd holds. */
  total: number;
  /** Keys the latest step wrote (created, updated or deleted). */
  changed: ReadonlySet<string>;
}

export function EtcdPanel({ keys, revision, total, changed }: EtcdPanelProps) {
  const t = useT();
  const id = useId();
  const groups = useMemo(() => groupEtcdKeys(keys, changed), [keys, changed]);
  const written =
    changed.size === 0
      ? t('labPanel.etcd.written.none')
      : changed.size === 1
        ? t('labPanel.etcd.written.one')
        : t('labPanel.etcd.written.many', { count: changed.size });
  return (
    <section className="lp-card etcd" aria-labelledby={`${id}-title`} data-testid="lab-etcd">
      <div className="lp-head">
        <h2 className="lp-title" id={`${id}-title`}>
          {t('labPanel.etcd.title')}
        </h2>
        <span className="etcd-revision" data-testid="etcd-revision">
          {t('labPanel.etcd.revision', { revision })}
        </span>
      </div>
      <p className="etcd-written" aria-live="polite" data-testid="etcd-written">
        {written}
      </p>
      <p className="lp-note">{t('labPanel.etcd.hint')}</p>
      {keys.length === 0 ? (
        <p className="lp-empty">{t('labPanel.etcd.empty')}</p>
      ) : (
        <>
          <p className="lp-note" id={`${id}-shown`}>
            {t('labPanel.etcd.shown', { shown: keys.length, total })}
          </p>
          <section
            className="etcd-scroll"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1).
            tabIndex={0}
            data-scroll-keys
            aria-labelledby={`${id}-shown`}
          >
            {groups.map((g) => (
              <div key={g.prefix} className="etcd-group" data-prefix={g.prefix}>
                <h3 className="etcd-group-title">
                  <code>{g.prefix}/</code>
                  {g.kind ? <span className="etcd-kind">{g.kind}</span> : null}
                  <span className="etcd-count">
                    {t('labPanel.etcd.keyCount', { count: g.keys.length })}
                  </span>
                </h3>
                <table className="etcd-table">
                  <thead className="visually-hidden">
                    <tr>
                      <th scope="col">{t('labPanel.etcd.key')}</th>
                      <th scope="col">{t('labPanel.etcd.modRevision')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.keys.map((k) => (
                      <tr
                        key={k.key}
                        data-etcd-key={k.key}
                        data-changed={k.changed ? 'true' : undefined}
                        className={k.changed ? 'etcd-row etcd-row--changed' : 'etcd-row'}
                      >
                        <th scope="row" className="etcd-key">
                          {k.namespace !== undefined ? (
                            <span
                              className="etcd-ns"
                              style={namespaceStyle(k.namespace) as CSSProperties}
                            >
                              {k.namespace}/
                            </span>
                          ) : null}
                          <span className="etcd-name">{k.name}</span>
                          {k.changed ? (
                            <span className="etcd-badge">{t('labPanel.etcd.writtenBadge')}</span>
                          ) : null}
                        </th>
                        <td className="etcd-rev">{k.modRevision}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </section>
        </>
      )}
    </section>
  );
}
