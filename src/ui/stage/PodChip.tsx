import { m } from 'framer-motion';
import { type CSSProperties, memo } from 'react';
import { useT } from '../ViewStoreContext.tsx';
import { namespaceHue, type StagePod, statusTone } from './model.ts';

/** Where a flying pod sits, relative to the stage canvas (a measured slot). */
export interface PodPlace {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What a pod chip shows: its name, kubectl's STATUS word with a status mark (colour and shape
 * repeat, never replace, the word), the namespace where it is not the obvious one and, when
 * pods are grouped by namespace, the node it runs on. The same body is drawn in the chip and in
 * its invisible slot, so the slot is exactly the chip's size.
 */
function PodChipBody({
  pod,
  showNode,
  slot = false,
}: {
  pod: StagePod;
  showNode: boolean;
  /** In a slot, leave out what takes no room (the words for screen readers): fewer elements. */
  slot?: boolean;
}) {
  const t = useT();
  const tone = statusTone(pod.status);
  return (
    <>
      <span className="pod-name">{pod.name}</span>
      <span className="pod-status">
        <span className={`pod-mark pod-mark--${tone}`} aria-hidden="true" />
        {pod.status}
        {pod.namespace === 'default' || pod.namespace === 'kube-system' ? null : (
          <span className="pod-namespace">{pod.namespace}</span>
        )}
        {/* Grouped by namespace, the chip names its node: namespaces share the nodes. */}
        {showNode && pod.node ? (
          <span className="pod-node" aria-hidden="true">
            {pod.node}
          </span>
        ) : null}
      </span>
      {/* Pods are drawn in one layer over the diagram, not inside their node's box, so the node
          is said in words for screen readers in both groupings. */}
      {pod.node && !slot ? (
        <span className="visually-hidden"> {t('stage.pod.node', { node: pod.node })}</span>
      ) : null}
    </>
  );
}

function podStyle(pod: StagePod): CSSProperties {
  return { '--ns-hue': namespaceHue(pod.namespace) } as CSSProperties;
}

/** The automation contract's hooks on a pod element (DESIGN.md). */
function podHooks(pod: StagePod) {
  return {
    'data-pod': `${pod.namespace}/${pod.name}`,
    'data-namespace': pod.namespace,
    'data-node': pod.node ?? '',
    'data-status': pod.status,
  };
}

function podTitle(t: ReturnType<typeof useT>, pod: StagePod): string {
  return t('stage.pod.label', { namespace: pod.namespace, name: pod.name, status: pod.status });
}

/**
 * The invisible stand-in for a pod inside a node box or a namespace box: it takes the chip's
 * place in the flow, and the pod layer flies the real chip onto it.
 */
export const PodSlot = memo(function PodSlot({
  pod,
  showNode,
}: {
  pod: StagePod;
  showNode: boolean;
}) {
  return (
    <li
      className={`pod pod--${statusTone(pod.status)} pod-slot`}
      data-slot={pod.uid}
      aria-hidden="true"
    >
      <PodChipBody pod={pod} showNode={showNode} slot />
    </li>
  );
});

/**
 * A pod waiting for the scheduler, drawn in the scheduler's tray (it has no node, so it sits
 * there in both groupings). A hidden namespace fades it out. It is measured as a slot too, so
 * once bound the pod flies from the tray to its node.
 */
export const TrayPod = memo(function TrayPod({ pod, shown }: { pod: StagePod; shown: boolean }) {
  const t = useT();
  return (
    <m.li
      layout="position"
      className={`pod pod--${statusTone(pod.status)} pod-fade`}
      {...podHooks(pod)}
      data-slot={pod.uid}
      data-shown={shown}
      aria-hidden={shown ? undefined : true}
      style={podStyle(pod)}
      title={podTitle(t, pod)}
    >
      <PodChipBody pod={pod} showNode={false} />
    </m.li>
  );
});

/**
 * A pod bound to a node, in the stage's pod layer: always the same element whatever the
 * grouping, moved by a transform from its old slot to its new one (framer-motion animates the
 * transform; the browser can run it off the main thread). `place` null: never measured yet, not
 * drawn. `shown` false (namespace hidden, or kube-system folded): faded out where it last was.
 */
export const FlyingPod = memo(function FlyingPod({
  pod,
  place,
  shown,
  instant,
}: {
  pod: StagePod;
  place: PodPlace | null;
  shown: boolean;
  /** Jump instead of flying (the window was resized: the slots moved, not the pod). */
  instant: boolean;
}) {
  const t = useT();
  const visible = shown && place !== null;
  const transform = `translate(${Math.round(place?.x ?? 0)}px, ${Math.round(place?.y ?? 0)}px)`;
  return (
    <m.li
      className={`pod pod--${statusTone(pod.status)} pod-fade pod--flying`}
      {...podHooks(pod)}
      data-shown={visible}
      aria-hidden={visible ? undefined : true}
      initial={false}
      animate={{ transform }}
      transition={instant ? { duration: 0 } : undefined}
      style={{
        ...podStyle(pod),
        width: place ? `${place.width}px` : undefined,
        height: place ? `${place.height}px` : undefined,
      }}
      title={podTitle(t, pod)}
    >
      {/* The node tag is always there; CSS shows it only when grouped by namespace, so a
          regroup does not re-render the chips before they are measured. */}
      <PodChipBody pod={pod} showNode />
    </m.li>
  );
});
