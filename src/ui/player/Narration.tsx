import { Fragment, type ReactNode, useEffect, useId, useState } from 'react';
import { useT } from '../ViewStoreContext.tsx';

/**
 * A name with hyphens (`kube-system`, `kube-node-lease`, `web-6dc5cd68db-z45gl`, `--dry-run`):
 * letters and digits joined by `-` (and `.`), with its leading dashes.
 */
const HYPHENATED = /-{0,2}[A-Za-z0-9][A-Za-z0-9.]*(?:-[A-Za-z0-9.]*[A-Za-z0-9])+/g;
/** Longer names may still wrap at their hyphens: kept whole they could overflow a phone. */
const WHOLE_MAX = 28;

/**
 * `text` with each hyphenated name up to 28 characters in a `nowrap` span, so a line never ends
 * in the middle of one (`kube-` | `system`); the text itself (what is copied) is unchanged.
 */
export function keepNamesWhole(text: string): ReactNode {
  const out: ReactNode[] = [];
  let at = 0;
  for (const match of text.matchAll(HYPHENATED)) {
    if (match[0].length > WHOLE_MAX) continue;
    if (match.index > at) out.push(text.slice(at, match.index));
    out.push(
      <span className="name-whole" key={match.index}>
        {match[0]}
      </span>,
    );
    at = match.index + match[0].length;
  }
  if (at === 0) return text;
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * `text` with a line-break opportunity (`<wbr>`) after each `/`, so a long API path or etcd key
 * wraps between its segments (`…/default/` | `deployments`), never in the middle of a word;
 * hyphenated names stay whole (`keepNamesWhole`).
 */
export function breakAfterSlashes(text: string): ReactNode {
  if (!text.includes('/')) return keepNamesWhole(text);
  const parts = text.split('/');
  const whole = (part: string, i: number) => {
    const kept = keepNamesWhole(part);
    return typeof kept === 'string' ? kept : <Fragment key={`p${i}`}>{kept}</Fragment>;
  };
  return parts.flatMap((part, i) =>
    i === parts.length - 1
      ? [whole(part, i)]
      : // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
        [whole(`${part}/`, i), <wbr key={i} />],
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
 *
 * `foldable` (the lab's "Bigger console" on a desktop screen): the box shows only the title and
 * a "Read more" button that unfolds the text in place. Folded, the text is hidden from the eye
 * only (app.css): the live region still reads it out. Where the page scrolls (phones) the CSS
 * does not fold anything and the button is left out.
 */
export function Narration({
  title,
  text,
  children,
  scrollable,
  foldable,
}: {
  title: string;
  text: string;
  /** An action under the text (the lab's "Type a command" before its first command). */
  children?: ReactNode;
  /** The box may scroll (the lab caps its height for the console): keyboard users can focus it. */
  scrollable?: boolean;
  /** The text may fold away under the title, one click from view. */
  foldable?: boolean;
}) {
  const t = useT();
  const textId = useId();
  const [unfolded, setUnfolded] = useState(false);
  // Turning "Bigger console" on (again) starts folded: that is what the learner asked for.
  useEffect(() => {
    if (!foldable) setUnfolded(false);
  }, [foldable]);
  const folded = foldable === true && !unfolded;
  const className = foldable
    ? `narration narration--foldable${folded ? ' narration--folded' : ''}`
    : 'narration';
  return (
    <section
      className={className}
      aria-label={t('narration.label')}
      // A region that scrolls must be focusable (folded, it does not scroll).
      tabIndex={scrollable && !folded ? 0 : undefined}
    >
      <div data-testid="narration" aria-live="polite" aria-atomic="true">
        <h2 className="narration-title">{title}</h2>
        <p className="narration-text" id={foldable ? textId : undefined}>
          {withCode(text)}
        </p>
      </div>
      {foldable ? (
        <button
          type="button"
          className="narration-fold"
          data-testid="narration-fold"
          aria-expanded={!folded}
          aria-controls={textId}
          onClick={() => setUnfolded(folded)}
        >
          {t(folded ? 'narration.more' : 'narration.less')}
        </button>
      ) : null}
      {children}
    </section>
  );
}
