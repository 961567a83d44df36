import { LayoutGroup, LazyMotion, MotionConfig } from 'framer-motion';
import { useCallback, useMemo, useRef } from 'react';
import { useT } from '../ViewStoreContext.tsx';
import { ComponentCard } from './ComponentCard.tsx';
import { EdgeLayer } from './EdgeLayer.tsx';
import { type ComponentId, groupPods, type NodePods, type StageModel } from './model.ts';
import { NodeBox } from './NodeBox.tsx';
import { PacketLayer } from './PacketLayer.tsx';
import { PodChip } from './PodChip.tsx';
import { useMeasuredBoxes } from './useMeasuredBoxes.ts';
import './stage.css';

// framer-motion's features arrive in their own chunk after the first paint.
const loadFeatures = () => import('./motionFeatures.ts').then((mod) => mod.default);

const NO_PODS: NodePods = { workload: [], system: [] };

/** Seconds a change takes to animate at 1× (divided by the player's speed). */
const BASE_ANIMATION_S = 0.6;

/**
 * The architecture diagram. It draws `model` and nothing else: the developer's laptop, the
 * registry, the control plane (API server, etcd, scheduler, controller manager and the
 * scheduler's waiting tray), every node with its kubelet, kube-proxy, container runtime and
 * pods, the wires between them and this step's packets. framer-motion animates what changed.
 */
export function Stage({ model, speed = 1 }: { model: StageModel; speed?: number }) {
  const t = useT();
  const canvas = useRef<HTMLDivElement>(null);
  const boxes = useMeasuredBoxes(canvas, model);
  const active = useMemo(() => new Set<string>(model.active), [model.active]);
  const isActive = useCallback((id: ComponentId) => active.has(id), [active]);
  const { byNode, unscheduled, orphans } = useMemo(() => groupPods(model), [model]);
  const controlPlaneNode = model.nodes.find((n) => n.role === 'control-plane');
  const otherNodes = model.nodes.filter((n) => n !== controlPlaneNode);

  const controlPlane = (
    <div className="control-plane-core">
      <h2 className="control-plane-title">{t('stage.controlPlane')}</h2>
      <div className="cp-grid">
        <div className="cp-etcd">
          <ComponentCard id="etcd" active={isActive('etcd')} />
        </div>
        <div className="cp-api">
          <ComponentCard id="api-server" active={isActive('api-server')} />
        </div>
        <div className="cp-scheduler">
          <ComponentCard id="scheduler" active={isActive('scheduler')} />
        </div>
        <div className="cp-cm">
          <ComponentCard id="controller-manager" active={isActive('controller-manager')} />
        </div>
        <section className="tray" aria-labelledby="tray-heading" data-testid="scheduler-queue">
          <h3 className="tray-title" id="tray-heading">
            {t('stage.tray')}
          </h3>
          {unscheduled.length > 0 ? (
            <ul className="pod-list">
              {unscheduled.map((pod) => (
                <PodChip key={pod.uid} pod={pod} />
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
    <LazyMotion features={loadFeatures} strict>
      <MotionConfig reducedMotion="user" transition={{ duration: BASE_ANIMATION_S / speed }}>
        <section
          className="stage"
          data-testid="stage"
          data-step={model.stepId ?? ''}
          aria-label={t('stage.label')}
        >
          <p className="stage-hint">{t('stage.hint')}</p>
          <div className="stage-canvas" ref={canvas}>
            <EdgeLayer model={model} boxes={boxes} />
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
                    <ul className="pod-list pod-list--orphans">
                      {orphans.map((pod) => (
                        <PodChip key={pod.uid} pod={pod} />
                      ))}
                    </ul>
                  ) : null}
                </div>
              </div>
            </LayoutGroup>
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
