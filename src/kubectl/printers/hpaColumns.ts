/**
 * `kubectl get hpa` (printHorizontalPodAutoscaler, 1.32): NAME REFERENCE TARGETS MINPODS MAXPODS
 * REPLICAS AGE, TARGETS as formatHPAMetrics writes it (`cpu: <unknown>/50%`, at most two metrics
 * then `+ N more...`).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { canonicalQuantity } from '../../engine/apiserver/quantity.ts';
import { translateTimestampSince } from '../duration.ts';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const has = (v: unknown): boolean => v !== undefined && v !== null;

/** A Quantity's String(): its canonical form. */
export function quantityText(q: unknown): string {
  return canonicalQuantity(q) ?? String(q);
}

/** The `current` of the metric status at `i` under `source` (`resource`, `pods`…), if any. */
export function metricCurrent(status: KubeObject, i: number, source: string): Obj | undefined {
  const list = obj(status.status).currentMetrics;
  if (!Array.isArray(list) || list.length <= i) return undefined;
  const s = obj(list[i])[source];
  return has(s) ? obj(obj(s).current) : undefined;
}

/** formatHPAMetrics. */
export function formatHpaMetrics(hpa: KubeObject): string {
  const specs = obj(hpa.spec).metrics;
  if (!Array.isArray(specs) || specs.length === 0) return '<none>';
  const list: string[] = [];
  specs.forEach((raw, i) => {
    const m = obj(raw);
    const type = m.type;
    if (type === 'Resource' || type === 'ContainerResource') {
      const key = type === 'Resource' ? 'resource' : 'containerResource';
      const src = obj(m[key]);
      const target = obj(src.target);
      const cur = metricCurrent(hpa, i, key);
      const name = String(src.name ?? '');
      if (has(target.averageValue)) {
        const current = has(cur?.averageValue) ? quantityText(cur?.averageValue) : '<unknown>';
        list.push(`${name}: ${current}/${quantityText(target.averageValue)}`);
      } else {
        const current = has(cur?.averageUtilization) ? `${cur?.averageUtilization}%` : '<unknown>';
        const goal = has(target.averageUtilization) ? `${target.averageUtilization}%` : '<auto>';
        list.push(`${name}: ${current}/${goal}`);
      }
    } else if (type === 'Pods') {
      const cur = metricCurrent(hpa, i, 'pods');
      const current = cur ? quantityText(cur.averageValue ?? 0) : '<unknown>';
      list.push(`${current}/${quantityText(obj(obj(m.pods).target).averageValue ?? 0)}`);
    } else if (type === 'Object' || type === 'External') {
      const key = type === 'Object' ? 'object' : 'external';
      const target = obj(obj(m[key]).target);
      const cur = metricCurrent(hpa, i, key);
      if (has(target.averageValue)) {
        const current = has(cur?.averageValue) ? quantityText(cur?.averageValue) : '<unknown>';
        list.push(`${current}/${quantityText(target.averageValue)} (avg)`);
      } else {
        const current = cur ? quantityText(cur.value ?? 0) : '<unknown>';
        list.push(`${current}/${quantityText(target.value ?? 0)}`);
      }
    } else list.push('<unknown type>');
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

/** printHorizontalPodAutoscaler's cells. */
export function hpaRow(hpa: KubeObject, o: { now: number }): string[] {
  const spec = obj(hpa.spec);
  const ref = obj(spec.scaleTargetRef);
  const status = obj(hpa.status);
  return [
    hpa.metadata?.name ?? '',
    `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`,
    formatHpaMetrics(hpa),
    typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>',
    String(typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0),
    String(typeof status.currentReplicas === 'number' ? status.currentReplicas : 0),
    translateTimestampSince(hpa.metadata?.creationTimestamp, o.now),
  ];
}
