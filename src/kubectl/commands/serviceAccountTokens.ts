/**
 * The `Tokens` of `kubectl describe serviceaccount` (describe.go's ServiceAccountDescriber):
 * the Secrets of the namespace of type `kubernetes.io/service-account-token` annotated with
 * the account's name and UID (so only once the token controller has filled them in).
 */
import type { KubeObject } from '../../engine/api/types.ts';

/** `secrets`: the account's namespace's Secrets (the describer lists them once). */
export function serviceAccountTokens(sa: KubeObject, secrets: readonly KubeObject[]): string[] {
  const out: string[] = [];
  for (const s of secrets) {
    if ((s as { type?: string }).type !== 'kubernetes.io/service-account-token') continue;
    const a = s.metadata?.annotations ?? {};
    if (
      a['kubernetes.io/service-account.name'] === sa.metadata?.name &&
      a['kubernetes.io/service-account.uid'] === sa.metadata?.uid
    ) {
      out.push(s.metadata?.name ?? '');
    }
  }
  return out;
}
