import { type KeyboardEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import type { StoryStep } from '../../story/types.ts';
import { CrashPoint, ErrorBoundary } from '../ErrorBoundary.tsx';
import { MessageList } from '../stage/PacketLayer.tsx';
import { useT } from '../ViewStoreContext.tsx';

// The scheduler's table is only shown from the scheduler's step on, so the first view does not
// carry it: it is fetched once the panels are on screen (below), well before that step.
const loadDecisionTable = () => import('./DecisionTable.tsx');
const DecisionTable = lazy(() =>
  loadDecisionTable().then((module) => ({ default: module.DecisionTable })),
);

/** The panels under the stage. */
export type PanelId = 'messages' | 'pods' | 'yaml' | 'decision';

const TAB_LABEL: Record<PanelId, MessageKey> = {
  messages: 'panels.messages',
  pods: 'panels.pods',
  yaml: 'panels.yaml',
  decision: 'panels.decision',
};

/** The command whose output the pods panel shows (what `StoryStep.getPods` is). */
export const GET_PODS_COMMAND = 'kubectl get pods -o wide';

/**
 * Which panel to show. The learner's choice holds while it makes sense; a step where the
 * scheduler decides opens its table once (the decision is the point of that step), and a
 * choice of the table falls back to the pods when the step has none.
 */
export function shownPanel(
  step: Pick<StoryStep, 'id' | 'decision'>,
  chosen: { panel: PanelId; atStep: string | null },
): PanelId {
  if (step.decision && chosen.atStep !== step.id) return 'decision';
  if (chosen.panel === 'decision' && !step.decision) return 'messages';
  return chosen.panel;
}

/** The object for the YAML panel: the request on the API request step, else the object touched. */
export function yamlFor(step: Pick<StoryStep, 'request' | 'yaml'>) {
  return step.request ?? step.yaml;
}

/**
 * This step in more detail, under the diagram: its messages in order (each with a sentence
 * saying what it means), what `kubectl get pods -o wide` prints now, the YAML of the object the
 * step touches (or what kubectl sent) and, when the scheduler decides, its decision table.
 * Tabs (WAI-ARIA tabs pattern: ← → move between tabs while one has focus).
 */
export function StepPanels({
  step,
  summaries,
}: {
  step: StoryStep;
  /** The step's message summaries, translated (one per packet). */
  summaries: readonly string[];
}) {
  const t = useT();
  const [chosen, setChosen] = useState<{ panel: PanelId; atStep: string | null }>({
    panel: 'messages',
    atStep: null,
  });
  const tabs = useRef(new Map<PanelId, HTMLButtonElement>());
  useEffect(() => {
    void loadDecisionTable();
  }, []);
  const shown = shownPanel(step, chosen);
  const panels: PanelId[] = step.decision
    ? ['messages', 'pods', 'yaml', 'decision']
    : ['messages', 'pods', 'yaml'];
  const choose = (panel: PanelId) => setChosen({ panel, atStep: step.id });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = panels.indexOf(shown);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (at + 1) % panels.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + panels.length) % panels.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = panels.length - 1;
    if (next === null) return;
    // Handled here: the player's → / ← shortcuts must not also step the story.
    event.preventDefault();
    const panel = panels[next] as PanelId;
    choose(panel);
    tabs.current.get(panel)?.focus();
  };

  const yaml = yamlFor(step);
  return (
    <section className="panels" aria-label={t('panels.label')} data-testid="panels">
      <div
        className="panel-tabs"
        role="tablist"
        aria-label={t('panels.label')}
        onKeyDown={onKeyDown}
      >
        {panels.map((panel) => (
          <button
            key={panel}
            ref={(el) => {
              if (el) tabs.current.set(panel, el);
              else tabs.current.delete(panel);
            }}
            type="button"
            role="tab"
            id={`tab-${panel}`}
            // Only the shown panel exists in the page, so only its tab may point at it.
            aria-controls={shown === panel ? `panel-${panel}` : undefined}
            aria-selected={shown === panel}
            tabIndex={shown === panel ? 0 : -1}
            className="panel-tab"
            onClick={() => choose(panel)}
          >
            {t(TAB_LABEL[panel])}
          </button>
        ))}
      </div>
      <div
        className="panel-body"
        role="tabpanel"
        id={`panel-${shown}`}
        aria-labelledby={`tab-${shown}`}
        data-panel={shown}
        // The panel scrolls when its content is long; focusable so keyboards can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: APG tabs pattern, scrollable tabpanel.
        tabIndex={0}
      >
        {/* A crash in a tab body stays there: the tabs, the stage and the player keep working. */}
        <ErrorBoundary name="step-panels" resetKey={`${step.id}/${shown}`}>
          <CrashPoint name="step-panels" />
          {shown === 'messages' ? (
            step.model.packets.length > 0 ? (
              <MessageList packets={step.model.packets} summaries={summaries} />
            ) : (
              <p className="panel-empty">{t('panels.messages.none')}</p>
            )
          ) : null}
          {shown === 'pods' ? (
            <>
              <p className="panel-command">
                <code>$ {GET_PODS_COMMAND}</code>
              </p>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1). */}
              <pre className="panel-pre" data-testid="get-pods" tabIndex={0} data-scroll-keys>
                {step.getPods}
              </pre>
            </>
          ) : null}
          {shown === 'yaml' ? (
            yaml ? (
              <>
                <p className="panel-command">{yaml.title}</p>
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1). */}
                <pre className="panel-pre" data-testid="yaml" tabIndex={0} data-scroll-keys>
                  {yaml.text}
                </pre>
              </>
            ) : (
              <p className="panel-empty">{t('panels.yaml.none')}</p>
            )
          ) : null}
          {shown === 'decision' && step.decision ? (
            <Suspense fallback={null}>
              <DecisionTable decision={step.decision} />
            </Suspense>
          ) : null}
        </ErrorBoundary>
      </div>
    </section>
  );
}
