/**
 * The study note's namespace lesson as a checklist: each step's command (with a button that
 * runs it in the console), its explanation, and whether it is done — said with a word and an
 * icon, never colour alone.
 */
import { useId } from 'react';
import { type LessonStep, NAMESPACE_LESSON } from '../../../lab/lesson.ts';
import { keepNamesWhole } from '../../player/Narration.tsx';
import { useT } from '../../ViewStoreContext.tsx';
import './panels.css';

export interface LessonPanelProps {
  /** `lessonProgress(ctx).done`: ids of the steps done. */
  done: readonly string[];
  /** Run the command in the console, as if typed (`lab.run(command)` through the console). */
  onRun(command: string): void;
  /** True while a command runs: the buttons wait. */
  busy?: boolean;
  /** Default: `NAMESPACE_LESSON`. */
  steps?: readonly LessonStep[];
}

export type LessonStepState = 'done' | 'next' | 'todo';

/** Each step's state: done, the first step not done ("next"), or still to do. */
export function lessonStates(
  steps: readonly { id: string }[],
  done: readonly string[],
): LessonStepState[] {
  const next = steps.findIndex((s) => !done.includes(s.id));
  return steps.map((s, i) => (done.includes(s.id) ? 'done' : i === next ? 'next' : 'todo'));
}

const ICON: Record<LessonStepState, string> = { done: '✓', next: '→', todo: '○' };

export function LessonPanel({
  done,
  onRun,
  busy = false,
  steps = NAMESPACE_LESSON,
}: LessonPanelProps) {
  const t = useT();
  const id = useId();
  const states = lessonStates(steps, done);
  const doneCount = states.filter((s) => s === 'done').length;
  return (
    <section className="lp-card lesson" aria-labelledby={`${id}-title`} data-testid="lab-lesson">
      <div className="lp-head">
        <h2 className="lp-title" id={`${id}-title`}>
          {t('lab.lesson.title')}
        </h2>
        <span className="lesson-progress" role="status">
          {t('labPanel.lesson.progress', { done: doneCount, total: steps.length })}
        </span>
      </div>
      {doneCount === steps.length ? (
        <p className="lesson-complete">
          <span aria-hidden="true">✓ </span>
          {t('labPanel.lesson.complete')}
        </p>
      ) : null}
      <ol className="lesson-steps">
        {steps.map((step, i) => {
          const state = states[i] ?? 'todo';
          return (
            <li
              key={step.id}
              className={`lesson-step lesson-step--${state}`}
              data-lesson-step={step.id}
              data-state={state}
              aria-current={state === 'next' ? 'step' : undefined}
            >
              <span className="lesson-mark">
                <span className="lesson-icon" aria-hidden="true">
                  {ICON[state]}
                </span>
                <span className="lesson-word">{t(`labPanel.lesson.${state}`)}</span>
              </span>
              <div className="lesson-body">
                <p className="lesson-text">{keepNamesWhole(t(step.text))}</p>
                <div className="lesson-command">
                  <code>{keepNamesWhole(step.command)}</code>
                  <button
                    type="button"
                    className={`lp-button${state === 'next' ? ' lp-button--primary' : ''}`}
                    disabled={busy}
                    aria-label={t('labPanel.lesson.typeLabel', { command: step.command })}
                    onClick={() => onRun(step.command)}
                  >
                    {t('labPanel.lesson.type')}
                  </button>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
