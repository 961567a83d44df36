/**
 * What kubeadm 1.32 writes into /etc/kubernetes/manifests for the control-plane components, as
 * far as their mirror pods show it: each container's command (the component and its flags,
 * sorted by name as kubeadm's ArgumentsToCommand sorts them), its hostPath volumes and mounts
 * (by volume name, as VolumeMapToSlice sorts them) and the annotations kubeadm adds.
 * After cmd/kubeadm/app/phases/controlplane/manifests.go and phases/etcd/local.go, for a
 * control-plane node advertising `advertiseAddress`, the default service subnet 10.96.0.0/12 and
 * the pod subnet 10.244.0.0/16 this cluster uses.
 *
 * Not included: the liveness, readiness and startup probes (the simulated prober does not know
 * what these components serve, so they would fail).
 */

type Volume = { name: string; path: string; type: 'DirectoryOrCreate' | 'FileOrCreate' };

/** The parts of a static pod kubeadm's manifest sets. */
export interface ControlPlaneManifest {
  command: string[];
  annotations: Record<string, string>;
  volumes: { name: string; hostPath: { path: string; type: string } }[];
  volumeMounts: { mountPath: string; name: string; readOnly?: boolean }[];
}

/** The CA certificate directories kubeadm mounts into the API server and controller manager. */
const CA_CERTS: Volume[] = [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate' },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate' },
  {
    name: 'usr-local-share-ca-certificates',
    path: '/usr/local/share/ca-certificates',
    type: 'DirectoryOrCreate',
  },
  {
    name: 'usr-share-ca-certificates',
    path: '/usr/share/ca-certificates',
    type: 'DirectoryOrCreate',
  },
];
const K8S_CERTS: Volume = {
  name: 'k8s-certs',
  path: '/etc/kubernetes/pki',
  type: 'DirectoryOrCreate',
};

function manifest(
  component: string,
  flags: Record<string, string>,
  volumes: Volume[],
  annotations: Record<string, string> = {},
  writable: ReadonlySet<string> = new Set(),
): ControlPlaneManifest {
  const sorted = [...volumes].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    command: [
      component,
      ...Object.keys(flags)
        .sort()
        .map((k) => `--${k}=${flags[k]}`),
    ],
    annotations,
    volumes: sorted.map((v) => ({ name: v.name, hostPath: { path: v.path, type: v.type } })),
    volumeMounts: sorted.map((v) => ({
      mountPath: v.path,
      name: v.name,
      ...(writable.has(v.name) ? {} : { readOnly: true }),
    })),
  };
}

/** The four control-plane manifests, by component name. */
export function controlPlaneManifests(
  node: string,
  advertiseAddress: string,
): Record<string, ControlPlaneManifest> {
  const pki = '/etc/kubernetes/pki';
  const ip = advertiseAddress;
  return {
    etcd: manifest(
      'etcd',
      {
        'advertise-client-urls': `https://${ip}:2379`,
        'cert-file': `${pki}/etcd/server.crt`,
        'client-cert-auth': 'true',
        'data-dir': '/var/lib/etcd',
        'experimental-initial-corrupt-check': 'true',
        'experimental-watch-progress-notify-interval': '5s',
        'initial-advertise-peer-urls': `https://${ip}:2380`,
        'initial-cluster': `${node}=https://${ip}:2380`,
        'key-file': `${pki}/etcd/server.key`,
        'listen-client-urls': `https://127.0.0.1:2379,https://${ip}:2379`,
        'listen-metrics-urls': 'http://127.0.0.1:2381',
        'listen-peer-urls': `https://${ip}:2380`,
        name: node,
        'peer-cert-file': `${pki}/etcd/peer.crt`,
        'peer-client-cert-auth': 'true',
        'peer-key-file': `${pki}/etcd/peer.key`,
        'peer-trusted-ca-file': `${pki}/etcd/ca.crt`,
        'snapshot-count': '10000',
        'trusted-ca-file': `${pki}/etcd/ca.crt`,
      },
      [
        { name: 'etcd-certs', path: `${pki}/etcd`, type: 'DirectoryOrCreate' },
        { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate' },
      ],
      { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      new Set(['etcd-certs', 'etcd-data']),
    ),
    'kube-apiserver': manifest(
      'kube-apiserver',
      {
        'advertise-address': ip,
        'allow-privileged': 'true',
        'authorization-mode': 'Node,RBAC',
        'client-ca-file': `${pki}/ca.crt`,
        'enable-admission-plugins': 'NodeRestriction',
        'enable-bootstrap-token-auth': 'true',
        'etcd-cafile': `${pki}/etcd/ca.crt`,
        'etcd-certfile': `${pki}/apiserver-etcd-client.crt`,
        'etcd-keyfile': `${pki}/apiserver-etcd-client.key`,
        'etcd-servers': 'https://127.0.0.1:2379',
        'kubelet-client-certificate': `${pki}/apiserver-kubelet-client.crt`,
        'kubelet-client-key': `${pki}/apiserver-kubelet-client.key`,
        'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
        'proxy-client-cert-file': `${pki}/front-proxy-client.crt`,
        'proxy-client-key-file': `${pki}/front-proxy-client.key`,
        'requestheader-allowed-names': 'front-proxy-client',
        'requestheader-client-ca-file': `${pki}/front-proxy-ca.crt`,
        'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
        'requestheader-group-headers': 'X-Remote-Group',
        'requestheader-username-headers': 'X-Remote-User',
        'secure-port': '6443',
        'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
        'service-account-key-file': `${pki}/sa.pub`,
        'service-account-signing-key-file': `${pki}/sa.key`,
        'service-cluster-ip-range': '10.96.0.0/12',
        'tls-cert-file': `${pki}/apiserver.crt`,
        'tls-private-key-file': `${pki}/apiserver.key`,
      },
      [...CA_CERTS, K8S_CERTS],
      { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    ),
    'kube-controller-manager': manifest(
      'kube-controller-manager',
      {
        'allocate-node-cidrs': 'true',
        'authentication-kubeconfig': '/etc/kubernetes/controller-manager.conf',
        'authorization-kubeconfig': '/etc/kubernetes/controller-manager.conf',
        'bind-address': '127.0.0.1',
        'client-ca-file': `${pki}/ca.crt`,
        'cluster-cidr': '10.244.0.0/16',
        'cluster-name': 'kubernetes',
        'cluster-signing-cert-file': `${pki}/ca.crt`,
        'cluster-signing-key-file': `${pki}/ca.key`,
        controllers: '*,bootstrapsigner,tokencleaner',
        kubeconfig: '/etc/kubernetes/controller-manager.conf',
        'leader-elect': 'true',
        'requestheader-client-ca-file': `${pki}/front-proxy-ca.crt`,
        'root-ca-file': `${pki}/ca.crt`,
        'service-account-private-key-file': `${pki}/sa.key`,
        'service-cluster-ip-range': '10.96.0.0/12',
        'use-service-account-credentials': 'true',
      },
      [
        ...CA_CERTS,
        K8S_CERTS,
        {
          name: 'flexvolume-dir',
          path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec',
          type: 'DirectoryOrCreate',
        },
        {
          name: 'kubeconfig',
          path: '/etc/kubernetes/controller-manager.conf',
          type: 'FileOrCreate',
        },
      ],
      {},
      new Set(['flexvolume-dir']),
    ),
    'kube-scheduler': manifest(
      'kube-scheduler',
      {
        'authentication-kubeconfig': '/etc/kubernetes/scheduler.conf',
        'authorization-kubeconfig': '/etc/kubernetes/scheduler.conf',
        'bind-address': '127.0.0.1',
        kubeconfig: '/etc/kubernetes/scheduler.conf',
        'leader-elect': 'true',
      },
      [{ name: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate' }],
    ),
  };
}
