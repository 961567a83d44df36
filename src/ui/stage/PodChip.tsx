import { m } from 'framer-motion';
import { type CSSProperties, memo } from 'react';
import { useT } from '../ViewStoreContext.tsx';
import { namespaceHue, type StagePod, statusTone } from './model.ts';

/**
 * A pod: its name and kubectl's STATUS word, with a status colour and shape that repeat (never
 * replace) the word. `layoutId` is stable per pod, so when the pod moves (tray → node, or to
 * another group) framer-motion flies it to its new place.
 */
export const PodChip = memo(function PodChip({ pod }: { pod: StagePod }) {
  const t = useT();
  const tone = statusTone(pod.status);
  return (
    <m.li
      layoutId={`pod/${pod.uid}`}
      layout="position"
      className={`pod pod--${tone}`}
      data-pod={`${pod.namespace}/${pod.name}`}
      data-namespace={pod.namespace}
      data-node={pod.node ?? ''}
      data-status={pod.status}
      style={{ '--ns-hue': namespaceHue(pod.namespace) } as CSSProperties}
      title={t('stage.pod.label', {
        namespace: pod.namespace,
        name: pod.name,
        status: pod.status,
      })}
    >
      <span className="pod-name">{pod.name}</span>
      <span className="pod-status">
        <span className={`pod-mark pod-mark--${tone}`} aria-hidden="true" />
        {pod.status}
        {/* The namespace in words too, where it is not the obvious one. */}
        {pod.namespace === 'default' || pod.namespace === 'kube-system' ? null : (
          <span className="pod-namespace">{pod.namespace}</span>
        )}
      </span>
    </m.li>
  );
});
