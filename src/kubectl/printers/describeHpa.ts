/**
 * `kubectl describe hpa` (describeHorizontalPodAutoscalerV2, 1.32): reference, one line per
 * metric under `Metrics: ( current / target )`, min and max replicas, the behavior when the
 * autoscaler has one, `<Kind> pods: N current / M desired`, the conditions table and the events.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { formatRFC1123Z } from '../duration.ts';
import {
  describeEvents,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './describe.ts';
import { metricCurrent, quantityText } from './hpaColumns.ts';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const has = (v: unknown): boolean => v !== undefined && v !== null;

/** The ` (current) / (target)` text of a Resource or ContainerResource metric. */
function resourceMetric(w: PrefixWriter, hpa: KubeObject, i: number, key: string, src: Obj): void {
  const target = obj(src.target);
  const cur = metricCurrent(hpa, i, key);
  if (has(target.averageValue)) {
    const current = has(cur?.averageValue) ? quantityText(cur?.averageValue) : '<unknown>';
    w.write(0, `:\t${current} / ${quantityText(target.averageValue)}\n`);
    return;
  }
  const current =
    has(cur?.averageUtilization) && cur
      ? `${cur.averageUtilization}% (${quantityText(cur.averageValue ?? 0)})`
      : '<unknown>';
  const goal = has(target.averageUtilization) ? `${target.averageUtilization}%` : '<auto>';
  w.write(1, `(as a percentage of request):\t${current} / ${goal}\n`);
}

function describeMetric(w: PrefixWriter, hpa: KubeObject, i: number, m: Obj): void {
  switch (m.type) {
    case 'Resource': {
      const src = obj(m.resource);
      w.write(1, `resource ${String(src.name ?? '')} on pods`);
      resourceMetric(w, hpa, i, 'resource', src);
      return;
    }
    case 'ContainerResource': {
      const src = obj(m.containerResource);
      w.write(
        1,
        `resource ${String(src.name ?? '')} of container "${String(src.container ?? '')}" on pods`,
      );
      resourceMetric(w, hpa, i, 'containerResource', src);
      return;
    }
    case 'Pods': {
      const src = obj(m.pods);
      const cur = metricCurrent(hpa, i, 'pods');
      const current = cur ? quantityText(cur.averageValue ?? 0) : '<unknown>';
      const name = JSON.stringify(String(obj(src.metric).name ?? ''));
      w.write(
        1,
        `${name} on pods:\t${current} / ${quantityText(obj(src.target).averageValue ?? 0)}\n`,
      );
      return;
    }
    case 'Object': {
      const src = obj(m.object);
      const described = obj(src.describedObject);
      const target = obj(src.target);
      const cur = metricCurrent(hpa, i, 'object');
      w.write(
        1,
        `"${String(obj(src.metric).name ?? '')}" on ${String(described.kind ?? '')}/${String(described.name ?? '')} `,
      );
      if (target.type === 'AverageValue') {
        const current = has(cur?.averageValue) ? quantityText(cur?.averageValue) : '<unknown>';
        w.write(
          0,
          `(target average value):\t${current} / ${quantityText(target.averageValue ?? 0)}\n`,
        );
      } else {
        const current = cur ? quantityText(cur.value ?? 0) : '<unknown>';
        w.write(0, `(target value):\t${current} / ${quantityText(target.value ?? 0)}\n`);
      }
      return;
    }
    case 'External': {
      const src = obj(m.external);
      const target = obj(src.target);
      const cur = metricCurrent(hpa, i, 'external');
      const name = JSON.stringify(String(obj(src.metric).name ?? ''));
      if (has(target.averageValue)) {
        const current = has(cur?.averageValue) ? quantityText(cur?.averageValue) : '<unknown>';
        w.write(
          1,
          `${name} (target average value):\t${current} / ${quantityText(target.averageValue)}\n`,
        );
      } else {
        const current = cur ? quantityText(cur.value ?? 0) : '<unknown>';
        w.write(1, `${name} (target value):\t${current} / ${quantityText(target.value ?? 0)}\n`);
      }
      return;
    }
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(String(m.type ?? ''))}>\n`);
  }
}

/** printDirectionBehavior. */
function describeDirection(w: PrefixWriter, direction: string, rules: unknown): void {
  if (!has(rules)) return;
  const r = obj(rules);
  w.write(1, `${direction}:\n`);
  if (typeof r.stabilizationWindowSeconds === 'number')
    w.write(2, `Stabilization Window: ${r.stabilizationWindowSeconds} seconds\n`);
  const policies = Array.isArray(r.policies) ? r.policies.map(obj) : [];
  if (policies.length === 0) return;
  w.write(2, `Select Policy: ${typeof r.selectPolicy === 'string' ? r.selectPolicy : 'Max'}\n`);
  w.write(2, 'Policies:\n');
  for (const p of policies) {
    w.write(
      3,
      `- Type: ${String(p.type ?? '')}\tValue: ${Number(p.value ?? 0)}\tPeriod: ${Number(p.periodSeconds ?? 0)} seconds\n`,
    );
  }
}

export function describeHorizontalPodAutoscaler(
  hpa: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = obj(hpa.spec);
  const status = obj(hpa.status);
  const ref = obj(spec.scaleTargetRef);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${hpa.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${hpa.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(hpa.metadata?.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${String(ref.kind ?? '')}/${String(ref.name ?? '')}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
  metrics.forEach((m, i) => {
    describeMetric(w, hpa, i, obj(m));
  });
  w.write(
    0,
    `Min replicas:\t${typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>'}\n`,
  );
  w.write(0, `Max replicas:\t${Number(spec.maxReplicas ?? 0)}\n`);
  if (has(spec.behavior)) {
    const b = obj(spec.behavior);
    w.write(0, 'Behavior:\n');
    describeDirection(w, 'Scale Up', b.scaleUp);
    describeDirection(w, 'Scale Down', b.scaleDown);
  }
  w.write(
    0,
    `${String(ref.kind ?? '')} pods:\t${Number(status.currentReplicas ?? 0)} current / ${Number(status.desiredReplicas ?? 0)} desired\n`,
  );
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(obj) : [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${String(c.type ?? '')}\t${String(c.status ?? '')}\t${String(c.reason ?? '')}\t${String(c.message ?? '')}\n`,
      );
    }
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}
