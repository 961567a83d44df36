/**
 * The scheduler's latest decision in the lab: one sentence saying what happened (bound, or
 * Pending with the FailedScheduling message), then the decision table of the guided story.
 */
import { useId } from 'react';
import type { DecisionView } from '../../../story/types.ts';
import { DecisionTable } from '../../panels/DecisionTable.tsx';
import { useT } from '../../ViewStoreContext.tsx';
import './panels.css';

export interface SchedulerPanelProps {
  /** `LabState.decision`: the most recent decision about a pod that still exists. */
  decision: DecisionView | undefined;
}

/** The node a decision bound its pod to, if any. */
export function chosenNode(decision: DecisionView): string | undefined {
  return decision.rows.find((r) => r.chosen)?.node;
}

export function SchedulerPanel({ decision }: SchedulerPanelProps) {
  const t = useT();
  const id = useId();
  const pod = decision ? `${decision.namespace}/${decision.pod}` : '';
  const node = decision ? chosenNode(decision) : undefined;
  return (
    <section
      className="lp-card sched"
      aria-labelledby={`${id}-title`}
      data-testid="lab-scheduler"
      data-outcome={decision ? (decision.failure ? 'pending' : node ? 'bound' : 'none') : 'none'}
    >
      <h2 className="lp-title" id={`${id}-title`}>
        {t('labPanel.scheduler.title')}
      </h2>
      {!decision ? (
        <p className="lp-empty">{t('labPanel.scheduler.none')}</p>
      ) : decision.failure ? (
        <>
          <p className="sched-summary sched-summary--pending">
            <span className="sched-status">Pending</span> {t('labPanel.scheduler.pending', { pod })}
          </p>
          <p className="sched-failure">
            <code>{decision.failure}</code>
          </p>
          {/* The message is shown above, next to the sentence that explains it. */}
          <DecisionTable decision={{ ...decision, failure: undefined }} />
        </>
      ) : (
        <>
          {node ? (
            <p className="sched-summary">
              <span aria-hidden="true">✓ </span>
              {t('labPanel.scheduler.bound', { pod, node })}
            </p>
          ) : null}
          <DecisionTable decision={decision} />
        </>
      )}
    </section>
  );
}
