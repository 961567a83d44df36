/**
 * The RBAC types' server-side table printers (pkg/printers/internalversion printRole,
 * printClusterRole, printRoleBinding, printClusterRoleBinding).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { translateTimestampSince } from '../duration.ts';
import type { Columns, RowOptions } from './columns.ts';

/** Roles and ClusterRoles: NAME and CREATED AT (the creation timestamp, RFC 3339). */
export const ROLE_COLUMNS: Columns = { columns: ['Name', 'Created At'], wide: [] };

/** Bindings: NAME, ROLE (`Kind/name`), AGE; wide adds USERS, GROUPS, SERVICEACCOUNTS. */
export const BINDING_COLUMNS: Columns = {
  columns: ['Name', 'Role', 'Age'],
  wide: ['Users', 'Groups', 'ServiceAccounts'],
};

export function roleRow(obj: KubeObject): string[] {
  return [obj.metadata?.name ?? '', String(obj.metadata?.creationTimestamp ?? '')];
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * rbac.SubjectsStrings: the users, groups and service accounts (`namespace/name`) a binding
 * names, each in subject order.
 */
export function subjectsStrings(subjects: unknown): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of (Array.isArray(subjects) ? subjects : []) as Subject[]) {
    if (s.kind === 'User') users.push(s.name ?? '');
    else if (s.kind === 'Group') groups.push(s.name ?? '');
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
  }
  return [users, groups, sas];
}

export function bindingRow(obj: KubeObject, o: RowOptions): string[] {
  const ref = (obj.roleRef ?? {}) as { kind?: string; name?: string };
  const row = [
    obj.metadata?.name ?? '',
    `${ref.kind ?? ''}/${ref.name ?? ''}`,
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
  ];
  if (o.wide) {
    const [users, groups, sas] = subjectsStrings(obj.subjects);
    row.push(users.join(', '), groups.join(', '), sas.join(', '));
  }
  return row;
}
