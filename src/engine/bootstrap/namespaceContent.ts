/**
 * What every namespace of a kubeadm cluster holds besides workloads: the `default`
 * ServiceAccount (made by the service-account controller) and the `kube-root-ca.crt` ConfigMap
 * (made by the root-ca-cert-publisher), plus the accounts and settings kubeadm puts into
 * kube-system and kube-public. The bootstrap seeds them; controllers/accounts.ts makes them for
 * new namespaces.
 */
import type { KubeObject } from '../api/types.ts';
import { createRng } from '../util/rng.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The root-ca-cert-publisher's description annotation on every kube-root-ca.crt. */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

let caCertificate: string | undefined;

/**
 * The cluster CA as a PEM block shaped like the one kubeadm makes: a 777-byte DER certificate
 * (its header `MIIDBTCC` says so: a SEQUENCE of 0x305 bytes) as 1036 base64 characters in
 * 64-column lines, 1107 bytes in all (the size of kubeadm's ca.crt, and what `kubectl describe`
 * of a token Secret shows). The bytes are fixed noise, the same for every simulated cluster
 * (the bootstrap, the root-ca-cert-publisher and the token controller must agree; nothing
 * verifies them).
 */
export function clusterCaCertificate(): string {
  if (caCertificate !== undefined) return caCertificate;
  const rng = createRng(0x6b756265);
  let body = 'MIIDBTCCAe2gAwIBAgII';
  while (body.length < 1036) body += B64[rng.int(64)];
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  caCertificate = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  return caCertificate;
}

/** The `kube-root-ca.crt` ConfigMap of a namespace (metadata without uid and timestamps). */
export function rootCaConfigMap(namespace: string, cert: string): KubeObject {
  return {
    metadata: {
      name: ROOT_CA_CONFIGMAP,
      namespace,
      annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION },
    },
    data: { 'ca.crt': cert },
  };
}

/** The `default` ServiceAccount of a namespace. */
export function defaultServiceAccount(namespace: string): KubeObject {
  return { metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } };
}

/** The controllers' and add-ons' service accounts kubeadm's kube-system has (besides default). */
export const KUBE_SYSTEM_SERVICE_ACCOUNTS = [
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'coredns',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'kube-proxy',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'service-account-controller',
  'statefulset-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
] as const;

/** kubeadm's Corefile (the `coredns` ConfigMap in kube-system). */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/**
 * kubeadm's ConfigMaps in kube-system and kube-public (besides kube-root-ca.crt), with their data
 * keys; the values are short but of the right shape.
 */
export function kubeadmConfigMaps(cert: string, apiServer: string, since: string): KubeObject[] {
  const kubeconfig = `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${cert.split('\n')[1] ?? ''}\n    server: https://${apiServer}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`;
  const cm = (namespace: string, name: string, data: Record<string, string>): KubeObject => ({
    metadata: { name, namespace },
    data,
  });
  return [
    cm('kube-public', 'cluster-info', { kubeconfig }),
    cm('kube-system', 'coredns', { Corefile: COREFILE }),
    cm('kube-system', 'extension-apiserver-authentication', {
      'client-ca-file': cert,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': cert,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    cm('kube-system', 'kube-apiserver-legacy-service-account-token-tracking', { since }),
    cm('kube-system', 'kube-proxy', {
      'config.conf':
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclusterCIDR: 10.244.0.0/16\nkind: KubeProxyConfiguration\nmode: iptables\n',
      'kubeconfig.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/lib/kube-proxy/ca.crt\n    server: https://${apiServer}:6443\n  name: default\n`,
    }),
    cm('kube-system', 'kubeadm-config', {
      ClusterConfiguration: `apiServer: {}\napiVersion: kubeadm.k8s.io/v1beta4\nclusterName: kubernetes\ncontrolPlaneEndpoint: ${apiServer}:6443\nkind: ClusterConfiguration\nkubernetesVersion: v1.32.2\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n`,
    }),
    cm('kube-system', 'kubelet-config', {
      kubelet:
        'apiVersion: kubelet.config.k8s.io/v1beta1\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nkind: KubeletConfiguration\nserializeImagePulls: true\n',
    }),
  ];
}
