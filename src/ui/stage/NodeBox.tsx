import { type CSSProperties, type ReactNode, useContext } from 'react';
import { useT } from '../ViewStoreContext.tsx';
import { ComponentCard } from './ComponentCard.tsx';
import { NodeIcon } from './icons.tsx';
import { type ComponentId, type NodePods, nodeStatusText, type StageNode } from './model.ts';
import { InspectableContext, PodSlot } from './PodChip.tsx';

/**
 * A node: its name, role and STATUS (as `kubectl get nodes` shows it), the three components
 * every node runs, and the slots of the pods bound to it (the pod layer flies the chips onto
 * them; pass no pods when grouping by namespace). kube-system pods are folded into a
 * disclosure so the learner's own pods stay in view; their chips fold into its summary and are
 * still in the page (as `data-pod` elements).
 */
export function NodeBox({
  node,
  pods,
  isActive,
  children,
  showWorkloadEmpty = true,
}: {
  node: StageNode;
  pods: NodePods;
  isActive: (id: ComponentId) => boolean;
  /** Extra content between the header and the node's own components (the control plane). */
  children?: ReactNode;
  showWorkloadEmpty?: boolean;
}) {
  const t = useT();
  const status = nodeStatusText(node);
  const role = t(node.role === 'control-plane' ? 'stage.node.control-plane' : 'stage.node.worker');
  const headingId = `node-${node.name}-heading`;
  const inspectable = useContext(InspectableContext);
  return (
    <section
      className={`node node--${node.role}${node.ready ? '' : ' node--not-ready'}${
        node.stopped ? ' node--stopped' : ''
      }`}
      data-stopped={node.stopped ? 'true' : undefined}
      data-node-box={node.name}
      aria-labelledby={headingId}
    >
      {children}
      {/* Packets keep off the header, and an SSH session from the laptop lands on it (`node/…`). */}
      <h3 className="node-header" id={headingId} data-cid={`node/${node.name}`}>
        <NodeIcon />
        <span className="node-name">{node.name}</span>
        <span className="node-role">{role}</span>
        <span className={`node-status${node.ready ? '' : ' node-status--bad'}`}>{status}</span>
        {/* The machine itself, which the Node's status reports only once the lease runs out. */}
        {node.stopped ? <span className="node-stopped">{t('stage.node.stopped')}</span> : null}
        {/* A lab step where no node fits a pod: why the scheduler ruled this node out. */}
        {node.ruledOut ? <span className="node-ruled-out">✗ {node.ruledOut}</span> : null}
        {/* In the lab the header opens what `kubectl describe node` says (laid over it). */}
        {inspectable ? (
          <button
            type="button"
            className="node-open"
            aria-label={t('labui.node.open', { node: node.name, status })}
          />
        ) : null}
      </h3>
      <div className="node-components">
        <ComponentCard
          id={`kubelet/${node.name}`}
          active={isActive(`kubelet/${node.name}`)}
          compact
          detail={false}
          down={node.kubeletDown === true}
        />
        <ComponentCard
          id={`kube-proxy/${node.name}`}
          active={isActive(`kube-proxy/${node.name}`)}
          compact
          detail={false}
        />
        <ComponentCard
          id={`container-runtime/${node.name}`}
          active={isActive(`container-runtime/${node.name}`)}
          compact
        />
      </div>
      <div className="node-pods">
        {pods.workload.length > 0 ? (
          <ul
            className="pod-list"
            aria-hidden="true"
            data-avoid={`pods/${node.name}`}
            // Its equal columns are as wide as the longest pod name (stage.css).
            style={
              {
                '--pod-name-ch': Math.max(...pods.workload.map((pod) => pod.name.length)),
              } as CSSProperties
            }
          >
            {pods.workload.map((pod) => (
              <PodSlot key={pod.uid} pod={pod} showNode={false} />
            ))}
          </ul>
        ) : showWorkloadEmpty ? (
          <p className="node-empty">{t('stage.pods.none')}</p>
        ) : null}
        {pods.system.length > 0 ? (
          // Its summary and, open, its chips are text packets keep off.
          <details className="system-pods" data-avoid={`system-pods/${node.name}`}>
            <summary>
              {t('stage.systemPods', { count: pods.system.length })}
              <span className="visually-hidden"> ({node.name})</span>
            </summary>
            <ul className="pod-list pod-list--system" aria-hidden="true">
              {pods.system.map((pod) => (
                <PodSlot key={pod.uid} pod={pod} showNode={false} />
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </section>
  );
}
