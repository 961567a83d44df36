import type { CSSProperties } from 'react';
import { namespaceHue } from './stage/model.ts';
import { useT } from './ViewStoreContext.tsx';

/**
 * One checkbox per namespace, labelled with exactly its name (automation contract), with the
 * namespace's hue as a swatch; checked = its pods are shown. Controlled: the caller keeps the
 * hidden set and decides what a toggle does.
 */
export function NamespaceFilter({
  namespaces,
  hidden,
  onToggle,
}: {
  /** Names, in the order to list them. */
  namespaces: readonly string[];
  hidden: ReadonlySet<string>;
  onToggle: (namespace: string, visible: boolean) => void;
}) {
  const t = useT();
  return (
    <fieldset className="ns-filter">
      <legend className="ns-filter-legend">{t('view.namespaces')}</legend>
      {namespaces.map((ns) => (
        <label
          key={ns}
          className="ns-filter-option"
          style={{ '--ns-hue': namespaceHue(ns) } as CSSProperties}
        >
          <input
            type="checkbox"
            checked={!hidden.has(ns)}
            onChange={(event) => onToggle(ns, event.target.checked)}
          />
          <span className="ns-filter-swatch" aria-hidden="true" />
          {ns}
        </label>
      ))}
    </fieldset>
  );
}
