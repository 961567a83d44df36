import type { CSSProperties } from 'react';
import { useT } from '../ViewStoreContext.tsx';
import { namespaceStyle, type StageNamespace, type StagePod } from './model.ts';
import { PodSlot } from './PodChip.tsx';

/** From this many pods on, a namespace's chips sit in equal columns, so they can be counted. */
const BUSY = 12;

/**
 * One namespace when pods are grouped by namespace: its name in its hue, `Terminating` while it
 * is being deleted, and the slots of its pods that are bound to a node (each chip names its
 * node). The chips themselves live in the pod layer and fly here.
 */
export function NamespaceBox({ namespace, pods }: { namespace: StageNamespace; pods: StagePod[] }) {
  const t = useT();
  const headingId = `ns-${namespace.name}-heading`;
  const terminating = namespace.phase === 'Terminating';
  return (
    <section
      className={`ns-box${terminating ? ' ns-box--terminating' : ''}${
        pods.length === 0 ? ' ns-box--empty' : pods.length >= BUSY ? ' ns-box--busy' : ''
      }`}
      data-namespace-box={namespace.name}
      data-phase={namespace.phase}
      aria-labelledby={headingId}
      // A box asks for room for up to four chips and grows with its pods, so a crowded namespace
      // takes the width (a whole row when it needs it), not the height; an empty one is one line.
      style={
        {
          ...namespaceStyle(namespace.name),
          ...(pods.length > 0
            ? { flex: `${pods.length} 1 calc(${Math.min(pods.length, 4)} * var(--ns-chip))` }
            : {}),
        } as CSSProperties
      }
    >
      <h3 className="ns-header" id={headingId}>
        <span className="ns-swatch" aria-hidden="true" />
        <span className="visually-hidden">{t('stage.ns.label', { namespace: '' })}</span>
        <span className="ns-name">{namespace.name}</span>
        {terminating ? <span className="ns-phase">{t('stage.ns.terminating')}</span> : null}
      </h3>
      {pods.length > 0 ? (
        <ul className="pod-list" aria-hidden="true" data-avoid={`ns-pods/${namespace.name}`}>
          {pods.map((pod) => (
            <PodSlot key={pod.uid} pod={pod} showNode />
          ))}
        </ul>
      ) : (
        <p className="ns-empty">{t('stage.ns.empty')}</p>
      )}
    </section>
  );
}
