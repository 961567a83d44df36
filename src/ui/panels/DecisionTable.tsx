import type { ReactNode } from 'react';
import type { DecisionView } from '../../story/types.ts';
import { useT } from '../ViewStoreContext.tsx';

/** A CamelCase plugin name with line-break chances between its words (Taint·Toleration). */
function wordBreaks(name: string): ReactNode[] {
  return name.split(/(?=[A-Z])/).flatMap((word, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the words of one fixed name never reorder.
    i === 0 ? [word] : [<wbr key={i} />, word],
  );
}

/**
 * Did several feasible nodes share the best total? Then kube-scheduler's `selectHost` picked
 * one of them at random, and the table should say so (otherwise "chosen" looks arbitrary).
 */
export function sharedTopScore(decision: Pick<DecisionView, 'rows'>): boolean {
  const totals = decision.rows.flatMap((row) =>
    row.feasible && row.total !== undefined ? [row.total] : [],
  );
  const best = Math.max(...totals);
  return totals.filter((total) => total === best).length > 1;
}

/**
 * The scheduler's decision for one pod: one row per node with the filter's verdict (or its
 * reason for rejecting the node), each score plugin's weighted score and the total. The chosen
 * node is marked with a word and a check mark, never by colour alone.
 */
export function DecisionTable({ decision }: { decision: DecisionView }) {
  const t = useT();
  const span = decision.plugins.length + 1;
  const tie = sharedTopScore(decision);
  return (
    <div className="decision" data-testid="decision">
      {/* The title stays put while a wide table scrolls sideways under it. */}
      <h3 className="decision-title" id="decision-caption">
        {t('decision.caption', { pod: `${decision.namespace}/${decision.pod}` })}
      </h3>
      <section
        className="decision-scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1).
        tabIndex={0}
        data-scroll-keys
        aria-labelledby="decision-caption"
      >
        <table className="decision-table" aria-labelledby="decision-caption">
          <thead>
            <tr>
              <th scope="col">{t('decision.node')}</th>
              <th scope="col">{t('decision.filter')}</th>
              {decision.plugins.map((plugin) => (
                <th scope="col" key={plugin} className="decision-plugin">
                  {wordBreaks(plugin)}
                </th>
              ))}
              <th scope="col">{t('decision.total')}</th>
            </tr>
          </thead>
          <tbody>
            {decision.rows.map((row) => (
              <tr
                key={row.node}
                data-decision-node={row.node}
                data-feasible={row.feasible ? 'true' : 'false'}
                data-chosen={row.chosen ? 'true' : 'false'}
                className={row.chosen ? 'decision-chosen' : row.feasible ? '' : 'decision-rejected'}
              >
                <th scope="row">
                  <span className="decision-node">{row.node}</span>
                  {row.chosen ? (
                    <span className="decision-verdict">✓ {t('decision.chosen')}</span>
                  ) : null}
                </th>
                {row.feasible ? (
                  <>
                    <td className="decision-verdict-cell">{t('decision.passed')}</td>
                    {decision.plugins.map((plugin) => (
                      <td key={plugin} className="decision-num" data-label={plugin}>
                        {row.scores?.[plugin] ?? '–'}
                      </td>
                    ))}
                    <td className="decision-num decision-total" data-label={t('decision.total')}>
                      {row.total ?? '–'}
                    </td>
                  </>
                ) : (
                  <>
                    <td className="decision-verdict-cell">✗ {t('decision.filtered')}</td>
                    <td colSpan={span} className="decision-reason">
                      <code>{row.reason ?? ''}</code>
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {tie ? <p className="decision-note">{t('decision.tie')}</p> : null}
      {decision.failure ? (
        <p className="decision-failure">
          <code>{decision.failure}</code>
        </p>
      ) : null}
    </div>
  );
}
