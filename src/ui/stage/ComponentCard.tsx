import { memo, useState } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../ViewStoreContext.tsx';
import { ComponentIcon } from './icons.tsx';
import { type ComponentId, parseComponentId } from './model.ts';

/** A DOM id for a component id (`kubelet/node1` → `cmp-kubelet--node1`). */
export const domIdFor = (id: ComponentId) => `cmp-${id.replace('/', '--')}`;

/**
 * One component of the architecture: icon, name, an optional detail line, and its one-line
 * role shown on hover or keyboard focus. Focusable so the role is reachable without a mouse.
 */
export const ComponentCard = memo(function ComponentCard({
  id,
  active,
  compact = false,
  detail = true,
  down = false,
}: {
  id: ComponentId;
  active: boolean;
  /** Smaller card, for the components every node runs. */
  compact?: boolean;
  /** Show the detail line under the name. */
  detail?: boolean;
  /** The component's service is not running on a machine that is (a stopped kubelet). */
  down?: boolean;
}) {
  const t = useT();
  // Escape hides the role line until the pointer or focus leaves (WCAG 1.4.13, dismissible).
  const [dismissed, setDismissed] = useState(false);
  const parsed = parseComponentId(id);
  if (!parsed) return null;
  const { kind, node } = parsed;
  const domId = domIdFor(id);
  const name = t(`component.${kind}` as MessageKey);
  return (
    <article
      className={`component component--${kind}${compact ? ' component--compact' : ''}${
        down ? ' component--down' : ''
      }`}
      data-component={kind}
      data-node={node}
      data-cid={id}
      data-active={active ? 'true' : 'false'}
      data-down={down ? 'true' : undefined}
      data-dismissed={dismissed ? 'true' : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setDismissed(true);
      }}
      onBlur={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
      aria-labelledby={`${domId}-name`}
      aria-describedby={`${domId}-role`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focus is how keyboard users reach the role line.
      tabIndex={0}
    >
      <ComponentIcon kind={kind} />
      <span className="component-text">
        <span className="component-name" id={`${domId}-name`}>
          {name}
          {active ? <span className="visually-hidden"> ({t('stage.acting')})</span> : null}
          {down ? <span className="visually-hidden"> ({t('stage.component.down')})</span> : null}
        </span>
        {down ? (
          <span className="component-down" aria-hidden="true">
            {t('stage.component.down')}
          </span>
        ) : null}
        {detail ? (
          <span className="component-detail">{t(`component.${kind}.detail` as MessageKey)}</span>
        ) : null}
      </span>
      {active ? (
        // `data-avoid`: packets and their labels keep off the badge (it pokes out above the card).
        <span className="component-badge" aria-hidden="true" data-avoid={`badge/${id}`}>
          <span className="component-badge-dot" />
          {t('stage.acting')}
        </span>
      ) : null}
      <span className="component-role" role="tooltip" id={`${domId}-role`}>
        {t(`component.${kind}.role` as MessageKey)}
      </span>
    </article>
  );
});
