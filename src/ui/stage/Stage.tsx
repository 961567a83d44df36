import { LayoutGroup, LazyMotion, MotionConfig } from 'framer-motion';
import { memo, type ReactNode, useCallback, useMemo, useRef } from 'react';
import { selectLang } from '../../store/viewStore.ts';
import { useT, useView } from '../ViewStoreContext.tsx';
import { ComponentCard } from './ComponentCard.tsx';
import { EdgeLayer } from './EdgeLayer.tsx';
import {
  type ComponentId,
  compareNames,
  type GroupBy,
  groupPods,
  type NodePods,
  podsByNamespace,
  type StageModel,
  type StagePod,
  stageNamespaces,
} from './model.ts';
import { NamespaceBox } from './NamespaceBox.tsx';
import { NodeBox } from './NodeBox.tsx';
import { PacketLayer } from './PacketLayer.tsx';
import { PodSlot, TrayPod } from './PodChip.tsx';
import { PodLayer } from './PodLayer.tsx';
import { useFrameAligned } from './useFrameAligned.ts';
import { useMeasuredBoxes } from './useMeasuredBoxes.ts';
import { usePodPlaces } from './usePodPlaces.ts';
import './stage.css';

// framer-motion's features arrive in their own chunk after the first paint.
const loadFeatures = () => import('./motionFeatures.ts').then((mod) => mod.default);

const NO_PODS: NodePods = { workload: [], system: [] };
const NO_NAMESPACES: ReadonlySet<string> = new Set();

/** Seconds a change takes to animate at 1× (divided by the player's speed). */
const BASE_ANIMATION_S = 0.6;

/**
 * The architecture diagram. It draws `model` and nothing else: the developer's laptop, the
 * registry, the control plane (API server, etcd, scheduler, controller manager and the
 * scheduler's waiting tray), every node with its kubelet, kube-proxy, container runtime and
 * pods, the wires between them and this step's packets. framer-motion animates the packets and
 * the tray; the pods fly with the Web Animations API (`podFlights.ts`).
 *
 * `groupBy` puts the pods inside their nodes or in one box per namespace (the nodes and their
 * components stay); pods of `hiddenNamespaces` fade out. Either way every pod bound to a node is
 * the same element in one pod layer, flown onto its slot, so regrouping moves pods, never
 * re-creates them. `controls` (the grouping switch, the namespace filter) sit above the diagram.
 */
export function Stage({
  model,
  speed = 1,
  groupBy = 'node',
  hiddenNamespaces = NO_NAMESPACES,
  controls,
}: {
  model: StageModel;
  speed?: number;
  groupBy?: GroupBy;
  hiddenNamespaces?: ReadonlySet<string>;
  controls?: ReactNode;
}) {
  const t = useT();
  const lang = useView(selectLang);
  const canvas = useRef<HTMLDivElement>(null);
  // A regroup or a namespace shown/hidden is drawn from the next frame's start, so its work and
  // the browser's rendering of it make one frame, not two (useFrameAligned.ts).
  const asked = useMemo(() => ({ groupBy, hiddenNamespaces }), [groupBy, hiddenNamespaces]);
  const shown = useFrameAligned(asked);
  const version = useMemo(
    () => ({ model, groupBy: shown.groupBy, hiddenNamespaces: shown.hiddenNamespaces, lang }),
    [model, shown, lang],
  );
  const boxes = useMeasuredBoxes(canvas, version);
  const bound = useMemo(() => boundPods(model.pods), [model.pods]);
  // Every pod's uid: the tray's pods are measured too, so a pod once bound flies from the tray.
  const uids = useMemo(() => model.pods.map((p) => p.uid), [model.pods]);
  const places = usePodPlaces(canvas, version, uids);

  return (
    <LazyMotion features={loadFeatures} strict>
      <MotionConfig reducedMotion="user" transition={{ duration: BASE_ANIMATION_S / speed }}>
        <section
          className="stage"
          data-testid="stage"
          data-step={model.stepId ?? ''}
          aria-label={t('stage.label')}
        >
          <div className="stage-top">
            {/* Grouped by namespace, the line above the diagram says what this view shows. */}
            <p className="stage-hint">
              {t(shown.groupBy === 'namespace' ? 'stage.byNamespace.caption' : 'stage.hint')}
            </p>
            {controls}
          </div>
          {/* The grouping is a class: both groupings' slots are always drawn (one of them
              not drawn), so a regroup creates no element and renders only the pod layer. */}
          <div className={`stage-canvas stage-canvas--by-${shown.groupBy}`} ref={canvas}>
            <EdgeLayer model={model} boxes={boxes} />
            <StageGrid model={model} hiddenNamespaces={shown.hiddenNamespaces} />
            <PodLayer
              pods={bound}
              places={places}
              hiddenNamespaces={shown.hiddenNamespaces}
              flightMs={(BASE_ANIMATION_S / speed) * 1000}
            />
            <PacketLayer
              packets={model.packets}
              boxes={boxes}
              travelSeconds={BASE_ANIMATION_S / speed}
            />
          </div>
        </section>
      </MotionConfig>
    </LazyMotion>
  );
}

/** Pods bound to a node, in a stable order (namespace, name): the pod layer's children. */
function boundPods(pods: readonly StagePod[]): StagePod[] {
  return pods
    .filter((p) => p.node !== null && p.node !== '')
    .sort((a, b) => compareNames(a.namespace, b.namespace) || compareNames(a.name, b.name));
}

/**
 * The diagram's boxes: developer, registry, the control plane with the scheduler's tray, the
 * nodes and, grouped by namespace, the namespace boxes, with the pods' slots. Memoized apart
 * from the stage, so a re-measurement (edges, packets) does not render all of it again.
 */
const StageGrid = memo(function StageGrid({
  model,
  hiddenNamespaces,
}: {
  model: StageModel;
  hiddenNamespaces: ReadonlySet<string>;
}) {
  const t = useT();
  const active = useMemo(() => new Set<string>(model.active), [model.active]);
  const isActive = useCallback((id: ComponentId) => active.has(id), [active]);
  // Slots are drawn for the pods on show; the tray and the pod layer hold every pod, so a
  // hidden namespace's pods fade out instead of vanishing.
  const shownModel = useMemo(
    () =>
      hiddenNamespaces.size === 0
        ? model
        : { ...model, pods: model.pods.filter((p) => !hiddenNamespaces.has(p.namespace)) },
    [model, hiddenNamespaces],
  );
  const { byNode, orphans } = useMemo(() => groupPods(shownModel), [shownModel]);
  const unscheduled = useMemo(() => groupPods(model).unscheduled, [model]);
  const byNamespace = useMemo(() => podsByNamespace(shownModel), [shownModel]);
  const namespaces = useMemo(
    () => stageNamespaces(model).filter((ns) => !hiddenNamespaces.has(ns.name)),
    [model, hiddenNamespaces],
  );
  const controlPlaneNode = model.nodes.find((n) => n.role === 'control-plane');
  const otherNodes = model.nodes.filter((n) => n !== controlPlaneNode);

  const controlPlaneDown = controlPlaneNode?.stopped === true;
  const controlPlane = (
    <div className={`control-plane-core${controlPlaneDown ? ' control-plane-core--down' : ''}`}>
      <h2 className="control-plane-title" data-avoid="control-plane-title">
        {t('stage.controlPlane')}
      </h2>
      {controlPlaneDown ? (
        <p className="control-plane-down" data-testid="control-plane-down">
          {t('stage.controlPlane.down')}
        </p>
      ) : null}
      <div className="cp-grid">
        <div className="cp-api">
          <ComponentCard id="api-server" active={isActive('api-server')} />
        </div>
        <div className="cp-etcd">
          <ComponentCard id="etcd" active={isActive('etcd')} />
        </div>
        <div className="cp-scheduler">
          <ComponentCard id="scheduler" active={isActive('scheduler')} />
        </div>
        <div className="cp-cm">
          <ComponentCard id="controller-manager" active={isActive('controller-manager')} />
        </div>
        <section
          className="tray"
          aria-labelledby="tray-heading"
          data-testid="scheduler-queue"
          data-avoid="tray"
        >
          <h3 className="tray-title" id="tray-heading">
            {t('stage.tray')}
          </h3>
          {unscheduled.length > 0 ? (
            <ul className="pod-list">
              {unscheduled.map((pod) => (
                <TrayPod key={pod.uid} pod={pod} shown={!hiddenNamespaces.has(pod.namespace)} />
              ))}
            </ul>
          ) : (
            <p className="tray-empty">{t('stage.tray.empty')}</p>
          )}
        </section>
      </div>
    </div>
  );

  return (
    <LayoutGroup>
      <div className="stage-grid">
        <div className="area-developer">
          <ComponentCard id="developer" active={isActive('developer')} />
        </div>
        <div className="area-registry">
          <ComponentCard id="registry" active={isActive('registry')} />
        </div>
        <div className="area-control-plane">
          {controlPlaneNode ? (
            <NodeBox
              node={controlPlaneNode}
              pods={byNode.get(controlPlaneNode.name) ?? NO_PODS}
              isActive={isActive}
              showWorkloadEmpty={false}
            >
              {controlPlane}
            </NodeBox>
          ) : (
            <section className="node node--control-plane">{controlPlane}</section>
          )}
        </div>
        <div className="area-workers">
          <h2 className="visually-hidden">{t('stage.workers')}</h2>
          {otherNodes.map((node) => (
            <NodeBox
              key={node.name}
              node={node}
              pods={byNode.get(node.name) ?? NO_PODS}
              isActive={isActive}
            />
          ))}
          {orphans.length > 0 ? (
            <ul className="pod-list pod-list--orphans" aria-hidden="true">
              {orphans.map((pod) => (
                <PodSlot key={pod.uid} pod={pod} showNode={false} />
              ))}
            </ul>
          ) : null}
        </div>
        <section className="stage-namespaces" aria-labelledby="by-namespace-heading">
          <h2 className="visually-hidden" id="by-namespace-heading">
            {t('stage.byNamespace')}
          </h2>
          <div className="ns-boxes">
            {namespaces.map((ns) => (
              <NamespaceBox key={ns.name} namespace={ns} pods={byNamespace.get(ns.name) ?? []} />
            ))}
          </div>
        </section>
      </div>
    </LayoutGroup>
  );
});
