/**
 * The API server as a container reaches it through the `kubernetes` Service (`curl -k -H
 * "Authorization: Bearer $TOKEN" https://kubernetes.default/api/v1/namespaces/default/pods`):
 * a resource request of the token's service account, authorized by RBAC as any other, and
 * answered with the object or the list as JSON (pretty-printed for curl, as the server does
 * for curl and wget user agents).
 */

import type { KubeObject, ObjectList, Status } from '../../engine/api/types.ts';
import {
  type ApiAnswer,
  type ApiUser,
  goIndent,
  type ResourcePath,
  resourceDefOf,
  statusJson,
} from '../../engine/node/httpClient.ts';
import type { Ctx } from '../context.ts';
import { META_ORDER } from '../printers/json.ts';

/**
 * An object's fields in the order the API server's Go structs write them: `kind` and
 * `apiVersion` (left out for a list's items), `metadata` in ObjectMeta's order, the type's own
 * fields, `status` last.
 */
export function goOrder(
  o: object,
  type?: { kind: string; apiVersion: string },
): Record<string, unknown> {
  const { kind: _k, apiVersion: _a, metadata, status, ...rest } = o as Record<string, unknown>;
  const meta: Record<string, unknown> = {};
  const m = (metadata ?? {}) as Record<string, unknown>;
  for (const key of META_ORDER) if (m[key] !== undefined) meta[key] = m[key];
  for (const [key, value] of Object.entries(m)) if (!(key in meta)) meta[key] = value;
  return {
    ...(type ? { kind: type.kind, apiVersion: type.apiVersion } : {}),
    metadata: meta,
    ...rest,
    ...(status !== undefined ? { status } : {}),
  };
}

/** A Status error as the server encodes it. */
function statusAnswer(s: Status): ApiAnswer {
  return {
    code: s.code,
    body: statusJson(s.code, s.reason, s.message, s.details ? { ...s.details } : undefined),
  };
}

/** The answer to `user`'s GET of `r`, or undefined for a resource the simulation does not serve. */
export function apiServerFor(
  ctx: Ctx,
): ((user: ApiUser, r: ResourcePath) => ApiAnswer | undefined) | undefined {
  const impersonate = ctx.host.impersonate;
  if (!impersonate) return undefined;
  return (user, r) => {
    const def = resourceDefOf(r);
    if (!def || (r.namespace !== undefined && !def.namespaced)) return undefined;
    const api = impersonate({ name: user.name, groups: [...user.groups] });
    if (r.name) {
      const got = api.get(def.resource, r.namespace, r.name);
      if (!got.ok) return statusAnswer(got.status);
      return { code: 200, body: goIndent(goOrder(got.value, def)) };
    }
    const listed = api.list(def.resource, r.namespace);
    if (!listed.ok) return statusAnswer(listed.status);
    const list: ObjectList = listed.value;
    // A typed list's items carry no kind or apiVersion.
    const items = list.items.map((o: KubeObject) => goOrder(o));
    return {
      code: 200,
      body: goIndent({
        kind: `${def.kind}List`,
        apiVersion: def.apiVersion,
        metadata: { resourceVersion: list.metadata.resourceVersion },
        items,
      }),
    };
  };
}
