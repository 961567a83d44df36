/**
 * ValidateSecurityContext's cross-field rules of a container's securityContext: with
 * `allowPrivilegeEscalation: false`, neither `privileged: true` nor the CAP_SYS_ADMIN
 * capability (both give the process what the flag would withhold). The error's value is the
 * internal struct as Go's `%#v` prints it (pointers as addresses).
 */
import type { FieldError } from './errors.ts';

type Obj = Record<string, unknown>;

/** The internal type's fields in declaration order, with their Go pointer types. */
const FIELDS: readonly (readonly [string, string, string])[] = [
  ['Capabilities', 'capabilities', 'core.Capabilities'],
  ['Privileged', 'privileged', 'bool'],
  ['SELinuxOptions', 'seLinuxOptions', 'core.SELinuxOptions'],
  ['WindowsOptions', 'windowsOptions', 'core.WindowsSecurityContextOptions'],
  ['RunAsUser', 'runAsUser', 'int64'],
  ['RunAsGroup', 'runAsGroup', 'int64'],
  ['RunAsNonRoot', 'runAsNonRoot', 'bool'],
  ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', 'bool'],
  ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', 'bool'],
  ['ProcMount', 'procMount', 'core.ProcMountType'],
  ['SeccompProfile', 'seccompProfile', 'core.SeccompProfile'],
  ['AppArmorProfile', 'appArmorProfile', 'core.AppArmorProfile'],
];

/** `%#v` of a core.SecurityContext: nil pointers, and set ones as heap addresses. */
function goSecurityContext(sc: Obj): string {
  const parts = FIELDS.map(([go, json, type], i) => {
    const v = sc[json];
    const addr = `0xc000${(0x5a1c00 + i * 8).toString(16)}`;
    return `${go}:(*${type})(${v === undefined || v === null ? 'nil' : addr})`;
  });
  return `core.SecurityContext{${parts.join(', ')}}`;
}

/** The privilege-escalation rules of ValidateSecurityContext for `sc` at `field`. */
export function validateEscalation(sc: unknown, field: string): FieldError[] {
  if (sc === null || typeof sc !== 'object' || Array.isArray(sc)) return [];
  const o = sc as Obj;
  if (o.allowPrivilegeEscalation !== false) return [];
  const errs: FieldError[] = [];
  const invalid = (detail: string) =>
    errs.push({ field, type: 'Invalid value', valueText: goSecurityContext(o), detail });
  if (o.privileged === true) {
    invalid('cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
  }
  const add = (o.capabilities as { add?: unknown } | undefined)?.add;
  for (const cap of Array.isArray(add) ? add : []) {
    if (cap === 'CAP_SYS_ADMIN') {
      invalid(
        'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
      );
    }
  }
  return errs;
}
