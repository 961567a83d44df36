/** A certificate request (and its key) as the docs' openssl commands make them, for tests. */

/** `openssl req -new -newkey ec … -subj "/CN=john/O=devs/O=qa"`, base64 as `base64 -w0` prints it. */
export const JOHN_CSR =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIbU1JR05BZ0VBTUNzeERUQUxCZ05WQkFNTUJHcHZhRzR4RFRBTEJnTlZCQW9NQkdSbGRuTXhDekFKQmdOVgpCQW9NQW5GaE1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRXNwZ1p0RGd1cmVNUWY3M0twYXhlCjdhOGJhVkFHaXZ3djlHRDZlK3VaakdkV1J5Y2VTM1U0REwwV0JJVXVaOFhpOWxEYWZDMDRMbHE4cjBmQjhHd0wKNktBQU1Bb0dDQ3FHU000OUJBTUNBMGdBTUVVQ0lRQzN0OFlqK2tlWUMrcTBTQjRaMks5ZUlxdGhDWURnS1VQQgpFN3pnOTRKempRSWdJYURyd2xIT3p2Z0Q4UmlQSVZwbW9EY0Vod3RIWEsyZCttZFMyS21YcHRnPQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K';

export const JOHN_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgr1USNYEqMZxDYdxi
r+BvuXkE6VcY41IeWra+PmHLe2ShRANCAASymBm0OC6t4xB/vcqlrF7trxtpUAaK
/C/0YPp765mMZ1ZHJx5LdTgMvRYEhS5nxeL2UNp8LTguWryvR8HwbAvo
-----END PRIVATE KEY-----
`;

export function csrManifest(name: string, request = JOHN_CSR, extra = ''): string {
  return `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${request}
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
  - client auth
${extra}`;
}
