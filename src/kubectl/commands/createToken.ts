/**
 * `kubectl create token SERVICE_ACCOUNT_NAME [--duration=…] [--audience=…]
 * [--bound-object-kind=Node|Pod|Secret --bound-object-name=… [--bound-object-uid=…]]`, as kubectl
 * 1.32's create_token.go: the flags are checked here (TokenOptions.Validate), then a TokenRequest
 * is POSTed to `serviceaccounts/NAME/token`; the token is printed (with a newline: the console is
 * a terminal), or the whole TokenRequest with `-o`. Server errors read
 * `error: failed to create token: <message>`.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { outputFormat, printObject } from '../output.ts';
import { oneName } from './create.ts';

/** boundObjectKindToAPIVersions: kubectl 1.32 binds to Nodes too (the real one lists them). */
const BOUND_KINDS: Readonly<Record<string, string>> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };
const SUPPORTED = Object.keys(BOUND_KINDS).sort().join(', ');

export function runCreateToken(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const format = ctx.str('output') === '' ? '' : outputFormat(ctx, false);
  // Milliseconds (the flag parser's unit for durations).
  const durationMs = ctx.num('duration', 0);
  const audiences = ctx.list('audience');
  const kind = ctx.str('bound-object-kind');
  const boundName = ctx.str('bound-object-name');
  const boundUid = ctx.str('bound-object-uid');
  if (durationMs < 0) ctx.fail('--duration must be greater than or equal to 0');
  if (durationMs % 1000 !== 0)
    ctx.fail('--duration cannot be expressed in units less than seconds');
  if (audiences.some((a) => a === '')) ctx.fail('--audience must not be an empty string');
  if (kind === '') {
    if (boundName)
      ctx.fail('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUid) ctx.fail('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!Object.hasOwn(BOUND_KINDS, kind)) {
      ctx.fail(`supported --bound-object-kind values are ${SUPPORTED}`);
    }
    if (!boundName) ctx.fail('--bound-object-name is required if --bound-object-kind is provided');
  }
  const spec: Record<string, unknown> = { audiences };
  if (durationMs > 0) spec.expirationSeconds = durationMs / 1000;
  if (kind) {
    spec.boundObjectRef = {
      kind,
      apiVersion: BOUND_KINDS[kind],
      name: boundName,
      ...(boundUid ? { uid: boundUid } : {}),
    };
  }
  const request: KubeObject = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: {},
    spec,
  };
  const create = ctx.host.api.createToken;
  if (!create) ctx.fail('failed to create token: the server could not find the requested resource');
  const r = create(ctx.namespace, name, request);
  if (!r.ok) ctx.fail(`failed to create token: ${r.status.message ?? ''}`);
  const token = (r.value.status as { token?: string } | undefined)?.token ?? '';
  if (token === '') ctx.fail('failed to create token: no token in server response');
  if (format === '') {
    ctx.out(`${token}\n`);
    return;
  }
  if (format === 'name') {
    ctx.out(`tokenrequest.authentication.k8s.io/${r.value.metadata?.name ?? ''}\n`);
    return;
  }
  printObject(ctx, r.value, format, { verb: 'created', dryRun: 'none' });
}
