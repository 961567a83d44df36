/**
 * kube-controller-manager's csrsigning controller: an approved CertificateSigningRequest for a
 * signer it serves (kubernetes.io/kube-apiserver-client and the kubelet signers) gets its
 * status.certificate, signed with the cluster CA (the CONDITION column then reads
 * `Approved,Issued`). Denied and failed requests are left alone.
 */

import type { KubeObject } from '../api/types.ts';
import { issueCertificate, KUBE_APISERVER_CLIENT, knownSigner } from '../apiserver/certificates.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';

export const COMPONENT_CSR_SIGNING = 'csrsigning';

type Obj = Record<string, unknown>;

/** Whether the request waits for its certificate: approved, not denied or failed, none yet. */
function awaitingCertificate(csr: KubeObject): boolean {
  const status = (csr.status ?? {}) as Obj;
  if (typeof status.certificate === 'string' && status.certificate !== '') return false;
  const conds = Array.isArray(status.conditions) ? (status.conditions as Obj[]) : [];
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  return has('Approved') && !has('Denied') && !has('Failed');
}

export function createCertificateSigningController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_CSR_SIGNING,
    watches: ['certificatesigningrequests'],
    keysFor: (_r, obj) => (awaitingCertificate(obj) ? [obj.metadata?.name ?? ''] : []),
    reconcile(key, cache, ctx) {
      const csr = cache.get('certificatesigningrequests', undefined, key);
      if (!csr || !awaitingCertificate(csr)) return { writes: [] };
      const signer = String(((csr.spec ?? {}) as Obj).signerName ?? '');
      if (!knownSigner(signer)) return { writes: [] };
      const nowMs = Date.parse(ctx.timestamp());
      const certificate = issueCertificate(csr, nowMs);
      const status = { ...((csr.status ?? {}) as Obj) };
      const writes: Write[] = [];
      const usageError = signer === KUBE_APISERVER_CLIENT ? clientUsageError(csr) : undefined;
      if (certificate === undefined || usageError !== undefined) {
        // The signer refuses what it may not issue with a Failed condition.
        const conds = Array.isArray(status.conditions) ? [...(status.conditions as Obj[])] : [];
        conds.push({
          type: 'Failed',
          status: 'True',
          reason: 'SignerValidationFailure',
          message:
            usageError ?? 'unable to parse csr: the request is not a valid certificate request',
          lastUpdateTime: ctx.timestamp(),
          lastTransitionTime: ctx.timestamp(),
        });
        status.conditions = conds;
      } else status.certificate = certificate;
      writes.push({
        verb: 'updateStatus',
        resource: 'certificatesigningrequests',
        obj: { ...csr, status },
      });
      return { writes };
    },
  };
}

/** kube-apiserver-client certificates: client auth, with digital signature/key encipherment. */
function clientUsageError(csr: KubeObject): string | undefined {
  const usages = ((csr.spec ?? {}) as Obj).usages;
  const list = Array.isArray(usages) ? usages.map(String) : [];
  const allowed = new Set(['client auth', 'digital signature', 'key encipherment']);
  const bad = list.find((u) => !allowed.has(u));
  if (bad !== undefined) return `invalid usage for client certificate: ${bad}`;
  if (!list.includes('client auth'))
    return 'missing required usage for client certificate: client auth';
  return undefined;
}
