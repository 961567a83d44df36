/** CertificateSigningRequests: the `get csr` row and kubectl describe's describer. */

import type { KubeObject } from '../../engine/api/types.ts';
import { csrCondition, csrSubject } from '../../engine/apiserver/certificates.ts';
import { formatRFC1123Z, humanDuration, translateTimestampSince } from '../duration.ts';
import { formatLabels, type RowOptions } from './columns.ts';
import { describeEvents, PrefixWriter } from './describe.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const specOf = (obj: KubeObject): Obj => (isObj(obj.spec) ? obj.spec : {});

/** REQUESTEDDURATION: duration.HumanDuration of expirationSeconds, `<none>` when unset. */
function requestedDuration(spec: Obj): string | undefined {
  return typeof spec.expirationSeconds === 'number'
    ? humanDuration(spec.expirationSeconds * 1000)
    : undefined;
}

/** printCertificateSigningRequest: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION. */
export function certificateSigningRequestRow(obj: KubeObject, o: RowOptions): string[] {
  const spec = specOf(obj);
  return [
    obj.metadata?.name ?? '',
    translateTimestampSince(obj.metadata?.creationTimestamp, o.now),
    typeof spec.signerName === 'string' && spec.signerName !== '' ? spec.signerName : '<none>',
    typeof spec.username === 'string' ? spec.username : '',
    requestedDuration(spec) ?? '<none>',
    csrCondition(obj),
  ];
}

/** describeCertificateSigningRequest (labels and annotations as FormatLabels prints them). */
export function describeCertificateSigningRequest(
  obj: KubeObject,
  events: KubeObject[] | undefined,
  now: number,
): string {
  const spec = specOf(obj);
  const meta = obj.metadata ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Labels:\t${formatLabels(meta.labels)}\n`);
  w.write(0, `Annotations:\t${formatLabels(meta.annotations)}\n`);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
  w.write(0, `Requesting User:\t${typeof spec.username === 'string' ? spec.username : ''}\n`);
  if (typeof spec.signerName === 'string' && spec.signerName !== '')
    w.write(0, `Signer:\t${spec.signerName}\n`);
  const d = requestedDuration(spec);
  if (d !== undefined) w.write(0, `Requested Duration:\t${d}\n`);
  w.write(0, `Status:\t${csrCondition(obj)}\n`);
  const s = csrSubject(obj);
  if (s) {
    w.write(0, 'Subject:\n');
    w.write(0, `\tCommon Name:\t${s.commonName}\n`);
    w.write(0, `\tSerial Number:\t${s.serialNumber}\n`);
    const list = (title: string, values: string[]) => {
      if (values.length > 0) w.write(0, `\t${title}:\t${values.join('\n\t\t')}\n`);
    };
    list('Organization', s.organization);
    list('Organizational Unit', s.organizationalUnit);
  }
  if (events) describeEvents(w, events, now);
  return w.toString();
}
