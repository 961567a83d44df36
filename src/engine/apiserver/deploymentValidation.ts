/**
 * The tail of ValidateDeploymentSpec (pkg/apis/apps/validation, 1.32): the strategy
 * (ValidateDeploymentStrategy, ValidateRollingUpdateDeployment), minReadySeconds,
 * revisionHistoryLimit and progressDeadlineSeconds, with the real messages.
 */
import type { FieldError } from './errors.ts';

type Obj = Record<string, unknown>;

const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** `%#v` of an intstr.IntOrString (its String() has a pointer receiver, so %#v prints it). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string')
    return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** getPercentValue: the number of a valid percent string. */
function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && PERCENT.test(v) ? Number(v.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue (IntValue() of a string that is no number is 0). */
function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  const n = Number.parseInt(String(v ?? ''), 10);
  return Number.isNaN(n) || String(n) !== String(v) ? 0 : n;
}

/** ValidatePositiveIntOrPercent. */
export function positiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string')
    return PERCENT.test(v)
      ? []
      : [{ field, type: 'Invalid value', valueText: goIntOrString(v), detail: PERCENT_MESSAGE }];
  if (typeof v === 'number' && v < 0)
    return [
      { field, type: 'Invalid value', value: v, detail: 'must be greater than or equal to 0' },
    ];
  return [];
}

function rollingUpdate(ru: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...positiveIntOrPercent(ru.maxUnavailable, `${field}.maxUnavailable`));
  errs.push(...positiveIntOrPercent(ru.maxSurge, `${field}.maxSurge`));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
    errs.push({
      field: `${field}.maxUnavailable`,
      type: 'Invalid value',
      valueText: goIntOrString(ru.maxUnavailable),
      detail: 'may not be 0 when `maxSurge` is 0',
    });
  const pct = percentValue(ru.maxUnavailable);
  if (pct !== undefined && pct > 100)
    errs.push({
      field: `${field}.maxUnavailable`,
      type: 'Invalid value',
      valueText: goIntOrString(ru.maxUnavailable),
      detail: 'must not be greater than 100%',
    });
  return errs;
}

function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }]
    : [];
}

/** ValidateDeploymentSpec's checks after the pod template, for a defaulted Deployment spec. */
export function validateDeploymentTail(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const strategy = (spec.strategy ?? {}) as Obj;
  const ru = strategy.rollingUpdate;
  const hasRu = ru !== undefined && ru !== null;
  if (strategy.type === 'Recreate') {
    if (hasRu)
      errs.push({
        field: 'spec.strategy.rollingUpdate',
        type: 'Forbidden',
        detail: "may not be specified when strategy `type` is 'Recreate'",
      });
  } else if (strategy.type === 'RollingUpdate') {
    if (!hasRu)
      errs.push({
        field: 'spec.strategy.rollingUpdate',
        type: 'Required value',
        detail: 'this should be defaulted and never be nil',
      });
    else errs.push(...rollingUpdate(ru as Obj, 'spec.strategy.rollingUpdate'));
  } else {
    errs.push({
      field: 'spec.strategy',
      type: 'Unsupported value',
      valueText: `apps.DeploymentStrategy{Type:${JSON.stringify(String(strategy.type ?? ''))}, RollingUpdate:${hasRu ? '(*apps.RollingUpdateDeployment)(0xc000…)' : '(*apps.RollingUpdateDeployment)(nil)'}}`,
      detail: 'supported values: "Recreate", "RollingUpdate"',
    });
  }
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    if (pds <= minReady)
      errs.push({
        field: 'spec.progressDeadlineSeconds',
        type: 'Invalid value',
        value: pds,
        detail: 'must be greater than minReadySeconds',
      });
  }
  return errs;
}
