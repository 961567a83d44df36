import type { ReactNode } from 'react';
import { useT } from '../ViewStoreContext.tsx';

/**
 * `text` with a line-break opportunity (`<wbr>`) after each `/`, so a long API path or etcd key
 * wraps between its segments (`…/default/` | `deployments`), never in the middle of a word.
 */
export function breakAfterSlashes(text: string): ReactNode {
  if (!text.includes('/')) return text;
  const parts = text.split('/');
  return parts.flatMap((part, i) =>
    i === parts.length - 1
      ? [part]
      : // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
        [`${part}/`, <wbr key={i} />],
  );
}

/** Render `text`, turning `backticked` spans into code (commands, paths, STATUS values). */
export function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
      <code key={i}>{breakAfterSlashes(part)}</code>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
      <span key={i}>{breakAfterSlashes(part)}</span>
    ),
  );
}

/**
 * What is happening in this step, in words. A polite live region: when the step changes,
 * screen readers read the new title and text once the learner is idle.
 */
export function Narration({
  title,
  text,
  children,
  scrollable,
}: {
  title: string;
  text: string;
  /** An action under the text (the lab's "Type a command" before its first command). */
  children?: ReactNode;
  /** The box may scroll (the lab caps its height for the console): keyboard users can focus it. */
  scrollable?: boolean;
}) {
  const t = useT();
  return (
    <section
      className="narration"
      aria-label={t('narration.label')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be focusable.
      tabIndex={scrollable ? 0 : undefined}
    >
      <div data-testid="narration" aria-live="polite" aria-atomic="true">
        <h2 className="narration-title">{title}</h2>
        <p className="narration-text">{withCode(text)}</p>
      </div>
      {children}
    </section>
  );
}
