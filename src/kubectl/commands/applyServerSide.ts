/**
 * What `kubectl apply --server-side` adds to a failed apply (apply.go applyOneObject): a
 * Conflict — fields other managers own, or a stale resourceVersion — comes back as a plain
 * error (`error: …`) followed by the advice on resolving it.
 */
import type { Status } from '../../engine/api/types.ts';
import { clientError } from '../errors.ts';

const ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** The error a server-side apply prints for the API server's answer `status`. */
export function serverSideApplyError(status: Status): Status {
  if (status.reason !== 'Conflict') return status;
  return clientError(`${status.message}\n${ADVICE}`);
}
