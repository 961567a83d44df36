import { m } from 'framer-motion';
import {
  type CSSProperties,
  createContext,
  memo,
  type ReactNode,
  useCallback,
  useContext,
} from 'react';
import { useT } from '../ViewStoreContext.tsx';
import { namespaceStyle, type StagePod, statusTone } from './model.ts';

/**
 * Whether the stage's pods and nodes open an inspector (what `kubectl describe` says): true in
 * the hands-on lab, which provides it; the guided tour's stage is a picture, so its chips are
 * not buttons there. When true, every shown pod chip carries a `.pod-open` button and every
 * node header a `.node-open` button; a click (or Enter/Space, which click a button) bubbles
 * to whoever opens the inspector.
 */
export const InspectableContext = createContext(false);

/** Where a flying pod sits, relative to the stage canvas (a measured slot). */
export interface PodPlace {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * kubectl's STATUS word with one place it may wrap, between its camel-case words nearest the
 * middle (Container·Creating, CrashLoop·BackOff, Init:CrashLoop·BackOff): a chip in a narrow
 * column (a node box on a 1280 px screen) wraps the word there instead of growing, so a pod
 * whose status changes keeps its width and its place. Where there is room, the word stays whole.
 */
export function breakableStatus(status: string): ReactNode {
  // The middle of the word after an init container's `Init:`.
  const middle = status.lastIndexOf(':') + 1 + status.length;
  let at = 0;
  for (const m of status.matchAll(/[a-z](?=[A-Z])/g)) {
    const cut = m.index + 1;
    if (!at || Math.abs(2 * cut - middle) < Math.abs(2 * at - middle)) at = cut;
  }
  if (!at) return status;
  return (
    <>
      {status.slice(0, at)}
      <wbr />
      {status.slice(at)}
    </>
  );
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
  const tone = statusTone(pod.status, pod.restarting, pod.unready);
  return (
    <>
      <span className="pod-name">{pod.name}</span>
      <span className="pod-status">
        <span className={`pod-mark pod-mark--${tone}`} aria-hidden="true" />
        {breakableStatus(pod.status)}
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

/**
 * The button laid over a chip in the lab: the pod's accessible name says what a sighted learner
 * reads on the chip (name, namespace, node, status) and what pressing it does. The focus ring
 * is drawn by the chip around it (`.pod:has(.pod-open:focus-visible)` in lab.css), because the
 * flying chip clips what overflows it.
 */
function PodOpen({ pod, tabbable }: { pod: StagePod; tabbable: boolean }) {
  const t = useT();
  return (
    <button
      type="button"
      className="pod-open"
      data-pod-open={pod.uid}
      tabIndex={tabbable ? 0 : -1}
      aria-label={t(pod.node ? 'labui.pod.open' : 'labui.pod.openPending', {
        name: pod.name,
        namespace: pod.namespace,
        node: pod.node ?? '',
        status: pod.status,
      })}
    />
  );
}

function podStyle(pod: StagePod): CSSProperties {
  return namespaceStyle(pod.namespace) as CSSProperties;
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
      className={`pod pod--${statusTone(pod.status, pod.restarting, pod.unready)} pod-slot`}
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
  // In the lab a button opens the inspector; the tray holds few pods, so each is a tab stop.
  const inspectable = useContext(InspectableContext);
  return (
    <m.li
      layout="position"
      className={`pod pod--${statusTone(pod.status, pod.restarting, pod.unready)} pod-fade`}
      {...podHooks(pod)}
      data-slot={pod.uid}
      data-shown={shown}
      aria-hidden={shown ? undefined : true}
      style={podStyle(pod)}
      title={podTitle(t, pod)}
    >
      <PodChipBody pod={pod} showNode={false} />
      {inspectable && shown ? <PodOpen pod={pod} tabbable /> : null}
    </m.li>
  );
});

/**
 * A pod bound to a node, in the stage's pod layer: always the same element whatever the
 * grouping. It is drawn, never moved, by React: the pod layer sets its size and its transform
 * and flies it from its old slot to its new one (`podFlights.ts`), so a regroup re-renders no
 * chip. `shown` false (never measured yet, namespace hidden, or kube-system folded): faded out
 * where it last was.
 */
export const FlyingPod = memo(function FlyingPod({
  pod,
  shown,
  register,
  inspectable = false,
  tabbable = false,
}: {
  pod: StagePod;
  shown: boolean;
  /** Tells the pod layer which element draws this pod (null when it leaves the page). */
  register: (uid: string, element: HTMLLIElement | null) => void;
  /** In the lab: the chip is a button that opens the inspector (only while shown). */
  inspectable?: boolean;
  /** The pod layer's one tab stop (roving tabindex: the arrow keys move it between chips). */
  tabbable?: boolean;
}) {
  const t = useT();
  const uid = pod.uid;
  // Stable, so React hands the element over once (mount) and takes it back once (unmount).
  const ref = useCallback(
    (element: HTMLLIElement | null) => register(uid, element),
    [register, uid],
  );
  return (
    // Two elements: the pod layer moves and sizes the outer one (transform, width and height set
    // by hand), which has almost no style of its own, so restyling 300 of them per regroup is
    // cheap; the chip's look (borders, hue, tone: custom properties and color-mix) is on the
    // inner one, which a move does not restyle. Writing the transform on the styled chip itself
    // cost ~10× more style work per regroup.
    <li
      ref={ref}
      className="pod-flyer pod-fade"
      {...podHooks(pod)}
      data-shown={shown}
      aria-hidden={shown ? undefined : true}
      title={podTitle(t, pod)}
    >
      <div
        className={`pod pod--${statusTone(pod.status, pod.restarting, pod.unready)} pod--flying`}
        style={podStyle(pod)}
      >
        {/* The node tag is always there; CSS shows it only when grouped by namespace, so a
            regroup does not re-render the chips before they are measured. */}
        <PodChipBody pod={pod} showNode />
        {inspectable && shown ? <PodOpen pod={pod} tabbable={tabbable} /> : null}
      </div>
    </li>
  );
});
