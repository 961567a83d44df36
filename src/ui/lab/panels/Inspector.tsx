/**
 * What `kubectl describe` says about the pod or node the learner clicked. A non-modal dialog:
 * focus moves into it when it opens, Esc or the close button closes it, and focus goes back
 * to what had it before (the pod chip or node that was clicked).
 */
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import { useT } from '../../ViewStoreContext.tsx';
import './panels.css';

export interface InspectTarget {
  kind: 'pod' | 'node';
  name: string;
  /** Pods only. */
  namespace?: string;
}

export interface InspectorProps {
  target: InspectTarget;
  /** `session.describe(kind, namespace, name)`; undefined while it is being fetched. */
  text: string | undefined;
  onClose(): void;
}

/** The command whose output the inspector shows (so the learner can type it too). */
export function describeCommand(target: InspectTarget): string {
  const ns = target.kind === 'pod' && target.namespace ? ` -n ${target.namespace}` : '';
  return `kubectl describe ${target.kind} ${target.name}${ns}`;
}

/** The describe inspector. Mount it to open; unmount (after `onClose`) to close. */
export function Inspector({ target, text, onClose }: InspectorProps) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLElement>(null);

  // Once per opening: remember who had focus, move focus in, and give it back on close.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      const active = document.activeElement;
      const focusWasInside =
        active === null || active === document.body || ref.current?.contains(active);
      if (before?.isConnected && focusWasInside) before.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };

  const title =
    target.kind === 'pod'
      ? t('labPanel.inspector.pod', {
          name: target.namespace ? `${target.namespace}/${target.name}` : target.name,
        })
      : t('labPanel.inspector.node', { name: target.name });

  // The sentence around the command, in either language's word order.
  const [before = '', after = ''] = t('labPanel.inspector.command', { command: '\u0000' }).split(
    '\u0000',
  );

  return (
    <section
      ref={ref}
      className="lp-card insp"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="lab-inspector"
      data-kind={target.kind}
      data-name={target.name}
    >
      <div className="lp-head">
        <h2 className="lp-title" id={`${id}-title`}>
          {title}
        </h2>
        <button
          type="button"
          className="lp-button insp-close"
          onClick={onClose}
          aria-keyshortcuts="Escape"
        >
          <span aria-hidden="true">× </span>
          {t('labPanel.inspector.close')}
        </button>
      </div>
      <p className="lp-command">
        {before}
        <code>{describeCommand(target)}</code>
        {after}
      </p>
      {text === undefined ? (
        <p className="lp-empty" role="status">
          {t('labPanel.inspector.loading')}
        </p>
      ) : (
        <section
          className="lp-pre"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1).
          tabIndex={0}
          data-scroll-keys
          aria-label={describeCommand(target)}
          data-testid="lab-inspector-text"
        >
          <pre>{text}</pre>
        </section>
      )}
    </section>
  );
}
