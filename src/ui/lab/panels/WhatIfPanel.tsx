/**
 * The what-if buttons. Each one shows the console lines it will run (the learner reads the
 * command before pressing, and can type it next time); all wait while one is running.
 */
import { useId, useState } from 'react';
import type { LabNamespace } from '../../../lab/steps.ts';
import { type WhatIf, whatIfLabel, whatIfLines } from '../../../lab/whatIfs.ts';
import { nodeStatusText, type StageNode } from '../../stage/model.ts';
import { useT } from '../../ViewStoreContext.tsx';
import './panels.css';

export interface WhatIfPanelProps {
  /** `LabState.nodes`. Only worker nodes are offered. */
  nodes: readonly StageNode[];
  /** `LabState.namespaces`. The four built-in ones cannot be deleted and are not offered. */
  namespaces: readonly LabNamespace[];
  /** Deployments in the context's namespace (`kubectl scale` runs there), with their replicas. */
  deployments: readonly { name: string; replicas: number }[];
  /** The what-if running now, if any: every button waits until it is done. */
  running: WhatIf | undefined;
  onRun(w: WhatIf): void;
}

/** Namespaces the API server refuses to delete, or that hold the cluster itself. */
export const BUILT_IN_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Fast-forward choices, in seconds: past NotReady (50 s) and past eviction (5 min more). */
export const FAST_FORWARD_SECONDS: readonly number[] = [30, 60, 300, 600];

function WhatIfButton({
  w,
  disabled,
  onRun,
}: {
  w: WhatIf;
  disabled: boolean;
  onRun(w: WhatIf): void;
}) {
  const t = useT();
  const label = whatIfLabel(w);
  return (
    <div className="wi-item" data-whatif={w.id}>
      <button
        type="button"
        className="lp-button wi-button"
        disabled={disabled}
        onClick={() => onRun(w)}
      >
        {t(label.key, label.params)}
      </button>
      <p className="wi-lines">
        <span className="wi-runs">{t('labPanel.whatif.runs')}</span>{' '}
        {whatIfLines(w).map((line) => (
          <code key={line}>{line}</code>
        ))}
      </p>
      <p className="wi-hint">{t(`labPanel.whatif.hint.${w.id}`)}</p>
    </div>
  );
}

export function WhatIfPanel({ nodes, namespaces, deployments, running, onRun }: WhatIfPanelProps) {
  const t = useT();
  const id = useId();
  const workers = nodes.filter((n) => n.role === 'worker');
  const deletable = namespaces.filter(
    (n) => !BUILT_IN_NAMESPACES.includes(n.name) && n.phase === 'Active',
  );
  const [nodeChoice, setNode] = useState<string | undefined>(undefined);
  const [seconds, setSeconds] = useState(60);
  const [nsChoice, setNs] = useState<string | undefined>(undefined);
  const [depChoice, setDep] = useState<string | undefined>(undefined);
  const [replicas, setReplicas] = useState<number | undefined>(undefined);

  // A choice that no longer exists (node gone, namespace deleted) falls back to the first one.
  const node = workers.find((n) => n.name === nodeChoice)?.name ?? workers[0]?.name;
  const ns = deletable.find((n) => n.name === nsChoice)?.name ?? deletable[0]?.name;
  const dep = deployments.find((d) => d.name === depChoice) ?? deployments[0];
  const count = Math.max(0, Math.min(10, replicas ?? (dep ? dep.replicas + 1 : 1)));
  const busy = running !== undefined;
  const button = (w: WhatIf) => <WhatIfButton key={w.id} w={w} disabled={busy} onRun={onRun} />;
  const runningText = running
    ? t('labPanel.whatif.running', { command: whatIfLines(running)[0] ?? '' })
    : '';

  return (
    <section
      className="lp-card wi"
      aria-labelledby={`${id}-title`}
      aria-busy={busy ? true : undefined}
      data-testid="lab-whatifs"
    >
      <h2 className="lp-title" id={`${id}-title`}>
        {t('labPanel.whatif.title')}
      </h2>
      <p className="lp-note">{t('labPanel.whatif.intro')}</p>
      <p className="wi-status" role="status">
        {runningText}
      </p>

      <fieldset className="wi-group">
        <legend>{t('labPanel.whatif.nodes')}</legend>
        {node === undefined ? (
          <p className="lp-empty">{t('labPanel.whatif.noNodes')}</p>
        ) : (
          <>
            <label className="wi-field">
              <span>{t('labPanel.whatif.node')}</span>
              <select
                className="lp-input"
                value={node}
                onChange={(e) => setNode(e.target.value)}
                data-testid="whatif-node"
              >
                {workers.map((n) => (
                  <option key={n.name} value={n.name}>
                    {`${n.name} (${nodeStatusText(n)})`}
                  </option>
                ))}
              </select>
            </label>
            {button({ id: 'stop-node', node })}
            {button({ id: 'start-node', node })}
            {button({ id: 'cordon', node })}
            {button({ id: 'uncordon', node })}
            {button({ id: 'drain', node })}
          </>
        )}
      </fieldset>

      <fieldset className="wi-group">
        <legend>{t('labPanel.whatif.time')}</legend>
        <label className="wi-field">
          <span>{t('labPanel.whatif.seconds')}</span>
          <select
            className="lp-input"
            value={seconds}
            onChange={(e) => setSeconds(Number(e.target.value))}
            data-testid="whatif-seconds"
          >
            {FAST_FORWARD_SECONDS.map((s) => (
              <option key={s} value={s}>
                {`${s} s`}
              </option>
            ))}
          </select>
        </label>
        {button({ id: 'fast-forward', seconds })}
      </fieldset>

      <fieldset className="wi-group">
        <legend>{t('labPanel.whatif.workloads')}</legend>
        {button({ id: 'bad-image' })}
        {button({ id: 'crash-loop' })}
        {button({ id: 'huge-cpu' })}
        {dep ? (
          <>
            <div className="wi-fields">
              <label className="wi-field">
                <span>{t('labPanel.whatif.deployment')}</span>
                <select
                  className="lp-input"
                  value={dep.name}
                  onChange={(e) => {
                    setDep(e.target.value);
                    setReplicas(undefined);
                  }}
                  data-testid="whatif-deployment"
                >
                  {deployments.map((d) => (
                    <option key={d.name} value={d.name}>
                      {`${d.name} (${d.replicas})`}
                    </option>
                  ))}
                </select>
              </label>
              <label className="wi-field">
                <span>{t('labPanel.whatif.replicas')}</span>
                <input
                  className="lp-input wi-number"
                  type="number"
                  min={0}
                  max={10}
                  value={count}
                  onChange={(e) => setReplicas(Number(e.target.value) || 0)}
                  data-testid="whatif-replicas"
                />
              </label>
            </div>
            {button({ id: 'scale', deployment: dep.name, replicas: count })}
          </>
        ) : (
          <p className="lp-empty">{t('labPanel.whatif.noDeployment')}</p>
        )}
      </fieldset>

      <fieldset className="wi-group">
        <legend>{t('labPanel.whatif.namespaces')}</legend>
        {ns === undefined ? (
          <p className="lp-empty">{t('labPanel.whatif.noNamespace')}</p>
        ) : (
          <>
            <label className="wi-field">
              <span>{t('labPanel.whatif.namespace')}</span>
              <select
                className="lp-input"
                value={ns}
                onChange={(e) => setNs(e.target.value)}
                data-testid="whatif-namespace"
              >
                {deletable.map((n) => (
                  <option key={n.name} value={n.name}>
                    {n.name}
                  </option>
                ))}
              </select>
            </label>
            {button({ id: 'delete-namespace', namespace: ns })}
          </>
        )}
      </fieldset>
    </section>
  );
}
