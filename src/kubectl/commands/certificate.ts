/**
 * `kubectl certificate approve|deny (-f FILENAME | NAME)`: adds the Approved (or Denied)
 * condition to CertificateSigningRequests through their approval subresource, as
 * kubectl's certificates command does (KubectlApprove / KubectlDeny).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { outputFormat, printObject } from '../output.ts';
import { readFilenames } from './common.ts';

type Obj = Record<string, unknown>;

interface Verb {
  condition: 'Approved' | 'Denied';
  mustNotHave: 'Approved' | 'Denied';
  reason: string;
  message: string;
  done: string;
}

const APPROVE: Verb = {
  condition: 'Approved',
  mustNotHave: 'Denied',
  reason: 'KubectlApprove',
  message: 'This CSR was approved by kubectl certificate approve.',
  done: 'approved',
};

const DENY: Verb = {
  condition: 'Denied',
  mustNotHave: 'Approved',
  reason: 'KubectlDeny',
  message: 'This CSR was denied by kubectl certificate deny.',
  done: 'denied',
};

export const runCertificateApprove = (ctx: Ctx, args: string[]) => run(ctx, args, APPROVE);
export const runCertificateDeny = (ctx: Ctx, args: string[]) => run(ctx, args, DENY);

function run(ctx: Ctx, args: string[], verb: Verb): void {
  // Complete makes the printer (a bad -o fails first), then Validate wants names or files.
  const format = outputFormat(ctx, false);
  const files = ctx.list('filename');
  if (args.length === 0 && files.length === 0)
    ctx.fail('one or more CSRs must be specified as <name> or -f <filename>');
  const names: string[] = [...args];
  for (const m of files.length > 0 ? readFilenames(ctx, files) : []) {
    if (m.type.resource === 'certificatesigningrequests')
      names.push(String(m.obj.metadata?.name ?? ''));
  }
  for (const name of names) {
    const got = ctx.host.api.get('certificatesigningrequests', undefined, name);
    if (!got.ok) {
      ctx.reportStatus(got.status);
      continue;
    }
    const csr = got.value;
    const status = (csr.status ?? {}) as Obj;
    const conds = Array.isArray(status.conditions) ? (status.conditions as Obj[]) : [];
    const blocking = conds.find((c) => c.type === verb.mustNotHave);
    if (blocking) ctx.fail(`certificate signing request "${name}" is already ${verb.mustNotHave}`);
    const has = conds.some((c) => c.type === verb.condition);
    let result: KubeObject = csr;
    if (!has || ctx.bool('force')) {
      const next = has
        ? conds
        : [
            ...conds,
            {
              type: verb.condition,
              status: 'True',
              reason: verb.reason,
              message: verb.message,
              lastUpdateTime: new Date(ctx.host.nowEpochMs())
                .toISOString()
                .replace(/\.\d{3}Z$/, 'Z'),
            },
          ];
      const r = ctx.host.api.patch(
        'certificatesigningrequests',
        undefined,
        name,
        { status: { conditions: next } },
        { subresource: 'approval', patchType: 'merge' },
      );
      if (!r.ok) ctx.failStatus(r.status);
      result = r.value;
    }
    printObject(ctx, result, format, { verb: verb.done, dryRun: 'none' });
  }
}
