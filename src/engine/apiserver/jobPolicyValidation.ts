/**
 * The parts of ValidateJob (pkg/apis/batch/validation, Kubernetes 1.32) for a Job's pod failure
 * policy and per-index back-off: each rule's action, exactly one of onExitCodes (an operator, a
 * container of the template, ordered distinct exit codes, no 0 for In) and onPodConditions
 * (qualified condition types, status True/False/Unknown); backoffLimitPerIndex only for Indexed
 * Jobs, maxFailedIndexes only with it and not above completions.
 */
import type { FieldError } from './errors.ts';
import { isQualifiedName } from './validation.ts';

type Obj = Record<string, unknown>;

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];
/** `maxPodFailurePolicyRules`, `maxPodFailurePolicyOnExitCodesValues`. */
const MAX_RULES = 20;
const MAX_VALUES = 255;

/** Go's `%q` of a string list: `["a" "b"]`. */
const goList = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
const supported = (values: readonly string[]) =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

function containerNames(spec: Obj): Set<string> {
  const pod = ((spec.template as Obj | undefined)?.spec ?? {}) as Obj;
  const names = new Set<string>();
  for (const key of ['containers', 'initContainers']) {
    const list = pod[key];
    if (!Array.isArray(list)) continue;
    for (const c of list)
      if (typeof (c as Obj)?.name === 'string') names.add((c as Obj).name as string);
  }
  return names;
}

function validateOnExitCodes(req: Obj, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = req.operator;
  if (op === undefined || op === '') {
    errs.push({
      field: `${path}.operator`,
      type: 'Required value',
      detail: `valid values: ${goList(OPERATORS)}`,
    });
  } else if (typeof op !== 'string' || !OPERATORS.includes(op)) {
    errs.push({
      field: `${path}.operator`,
      type: 'Unsupported value',
      value: op,
      detail: supported(OPERATORS),
    });
  }
  const name = req.containerName;
  if (name != null && !names.has(String(name))) {
    errs.push({
      field: `${path}.containerName`,
      type: 'Invalid value',
      value: name,
      detail: 'must be one of the container or initContainer names in the pod template',
    });
  }
  const values = Array.isArray(req.values) ? (req.values as unknown[]) : [];
  if (values.length === 0) {
    errs.push({
      field: `${path}.values`,
      type: 'Invalid value',
      valueText: '[]int32(nil)',
      detail: 'at least one value is required',
    });
  } else if (values.length > MAX_VALUES) {
    errs.push({
      field: `${path}.values`,
      type: 'Invalid value',
      value: values.length,
      detail: `must have at most ${MAX_VALUES} items`,
    });
  }
  const seen = new Set<unknown>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) {
      errs.push({
        field: `${path}.values[${j}]`,
        type: 'Invalid value',
        value: v,
        detail: 'must not be 0 for the In operator',
      });
    }
    if (seen.has(v))
      errs.push({ field: `${path}.values[${j}]`, type: 'Duplicate value', value: v });
    else seen.add(v);
    if (j > 0 && Number(values[j - 1]) > Number(v)) ordered = false;
  });
  if (!ordered) {
    errs.push({
      field: `${path}.values`,
      type: 'Invalid value',
      valueText: `[]int32{${values.join(', ')}}`,
      detail: 'must be ordered',
    });
  }
  return errs;
}

function validateOnPodConditions(patterns: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  patterns.forEach((p, j) => {
    const pattern = (p ?? {}) as Obj;
    const type = String(pattern.type ?? '');
    for (const detail of isQualifiedName(type)) {
      errs.push({ field: `${path}[${j}].type`, type: 'Invalid value', value: type, detail });
    }
    const status = pattern.status;
    if (status === undefined || status === '') {
      errs.push({
        field: `${path}[${j}].status`,
        type: 'Required value',
        detail: `valid values: ${goList(STATUSES)}`,
      });
    } else if (typeof status !== 'string' || !STATUSES.includes(status)) {
      errs.push({
        field: `${path}[${j}].status`,
        type: 'Unsupported value',
        value: status,
        detail: supported(STATUSES),
      });
    }
  });
  return errs;
}

/** validatePodFailurePolicy and the backoffLimitPerIndex / maxFailedIndexes rules. */
export function validateJobPolicies(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const perIndex = spec.backoffLimitPerIndex;
  const maxFailed = spec.maxFailedIndexes;
  if (perIndex != null) {
    if (typeof perIndex === 'number' && perIndex < 0) {
      errs.push({
        field: 'spec.backoffLimitPerIndex',
        type: 'Invalid value',
        value: perIndex,
        detail: 'must be greater than or equal to 0',
      });
    }
    if (spec.completionMode !== 'Indexed') {
      errs.push({
        field: 'spec.backoffLimitPerIndex',
        type: 'Invalid value',
        value: perIndex,
        detail: 'requires indexed completion mode',
      });
    }
  }
  if (maxFailed != null) {
    if (typeof maxFailed === 'number' && maxFailed < 0) {
      errs.push({
        field: 'spec.maxFailedIndexes',
        type: 'Invalid value',
        value: maxFailed,
        detail: 'must be greater than or equal to 0',
      });
    }
    if (perIndex == null) {
      errs.push({
        field: 'spec.backoffLimitPerIndex',
        type: 'Required value',
        detail: 'when maxFailedIndexes is specified',
      });
    }
    if (
      typeof spec.completions === 'number' &&
      typeof maxFailed === 'number' &&
      maxFailed > spec.completions
    ) {
      errs.push({
        field: 'spec.maxFailedIndexes',
        type: 'Invalid value',
        value: maxFailed,
        detail: 'must be less than or equal to completions',
      });
    }
  }
  const pfp = spec.podFailurePolicy as Obj | null | undefined;
  if (pfp == null || typeof pfp !== 'object') return errs;
  const rules = Array.isArray(pfp.rules) ? (pfp.rules as unknown[]) : [];
  if (rules.length > MAX_RULES) {
    errs.push({
      field: 'spec.podFailurePolicy.rules',
      type: 'Invalid value',
      value: rules.length,
      detail: `must have at most ${MAX_RULES} items`,
    });
  }
  const names = containerNames(spec);
  rules.forEach((r, i) => {
    const rule = (r ?? {}) as Obj;
    const path = `spec.podFailurePolicy.rules[${i}]`;
    const action = rule.action;
    if (action === undefined || action === '') {
      errs.push({
        field: `${path}.action`,
        type: 'Required value',
        detail: `valid values: ${goList(ACTIONS)}`,
      });
    } else if (action === 'FailIndex') {
      if (perIndex == null) {
        errs.push({
          field: `${path}.action`,
          type: 'Invalid value',
          value: action,
          detail: 'requires the backoffLimitPerIndex to be set',
        });
      }
    } else if (typeof action !== 'string' || !ACTIONS.includes(action)) {
      errs.push({
        field: `${path}.action`,
        type: 'Unsupported value',
        value: action,
        detail: supported(ACTIONS),
      });
    }
    const onExit = rule.onExitCodes as Obj | null | undefined;
    const onCond = Array.isArray(rule.onPodConditions) ? (rule.onPodConditions as unknown[]) : [];
    if (onExit != null && typeof onExit === 'object')
      errs.push(...validateOnExitCodes(onExit, `${path}.onExitCodes`, names));
    if (onCond.length > 0) errs.push(...validateOnPodConditions(onCond, `${path}.onPodConditions`));
    // field.Invalid with OmitValueType: "Invalid value: <detail>".
    if (onExit != null && onCond.length > 0) {
      errs.push({
        field: path,
        type: 'Invalid value',
        valueText: 'specifying both OnExitCodes and OnPodConditions is not supported',
      });
    }
    if (onExit == null && onCond.length === 0) {
      errs.push({
        field: path,
        type: 'Invalid value',
        valueText: 'specifying one of OnExitCodes and OnPodConditions is required',
      });
    }
  });
  return errs;
}

/** The restartPolicy rule these policies add: only Never. */
export function policyRestartPolicyError(spec: Obj, restart: string): FieldError | undefined {
  const field = 'spec.template.spec.restartPolicy';
  if (restart === 'Never') return undefined;
  if (spec.podFailurePolicy != null) {
    return {
      field,
      type: 'Invalid value',
      value: restart,
      detail: 'only "Never" is supported when podFailurePolicy is specified',
    };
  }
  if (spec.backoffLimitPerIndex != null) {
    return {
      field,
      type: 'Invalid value',
      value: restart,
      detail: 'only "Never" is supported when backoffLimitPerIndex is specified',
    };
  }
  return undefined;
}
