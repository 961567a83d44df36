/**
 * The files a kubeadm 1.32 node has from the start, as its root shell reads them: the
 * control-plane's static pod manifests (made from the mirror pods the engine runs, so `cat
 * /etc/kubernetes/manifests/etcd.yaml` shows what `kubectl get pod etcd-control-plane -o yaml`
 * has in its spec), the kubelet's configuration, the kubeconfig files and the PKI listing.
 * Certificates and keys are fixed noise shaped like PEM (nothing here verifies them).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { controlPlaneManifests } from '../../engine/bootstrap/kubeadmManifests.ts';
import { clusterCaCertificate } from '../../engine/bootstrap/namespaceContent.ts';
import type { KubectlHost } from '../host.ts';
import { createKubeconfig, kubeconfigView } from '../kubeconfig.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { profilesFile } from './apparmor.ts';
import { KUBELET_UNIT, KUBELET_WANTS } from './kubeletUnit.ts';

/** The four control-plane components kubeadm writes manifests for. */
export const CONTROL_PLANE_COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
] as const;

/** The kubelet configuration kubeadm 1.32 writes (/var/lib/kubelet/config.yaml). */
export const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

/** /var/lib/kubelet/kubeadm-flags.env. */
export const KUBEADM_FLAGS =
  'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n';

/** The kubeadm drop-in of the kubelet service (10-kubeadm.conf). */
export const KUBEADM_DROP_IN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** kubeadm's PKI on the control-plane node. */
const CONTROL_PLANE_PKI = [
  'apiserver.crt',
  'apiserver.key',
  'apiserver-etcd-client.crt',
  'apiserver-etcd-client.key',
  'apiserver-kubelet-client.crt',
  'apiserver-kubelet-client.key',
  'ca.crt',
  'ca.key',
  'etcd/ca.crt',
  'etcd/ca.key',
  'etcd/healthcheck-client.crt',
  'etcd/healthcheck-client.key',
  'etcd/peer.crt',
  'etcd/peer.key',
  'etcd/server.crt',
  'etcd/server.key',
  'front-proxy-ca.crt',
  'front-proxy-ca.key',
  'front-proxy-client.crt',
  'front-proxy-client.key',
  'sa.key',
  'sa.pub',
];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A PEM block of noise, the same for the same name. */
function pem(name: string): string {
  const label = name.endsWith('.pub')
    ? 'PUBLIC KEY'
    : name.endsWith('.key')
      ? 'RSA PRIVATE KEY'
      : 'CERTIFICATE';
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const length = label === 'CERTIFICATE' ? 1500 : label === 'PUBLIC KEY' ? 392 : 1592;
  let body = label === 'CERTIFICATE' ? 'MIIDBTCCAe2gAwIBAgII' : 'MIIEowIBAAKCAQEA';
  while (body.length < length) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + 0x9e3779b9) >>> 0;
    body += B64[h & 63];
  }
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** admin.conf: the cluster's CA and the kubernetes-admin credentials (what `config view --raw` prints). */
function adminConf(): string {
  return toGoYaml(kubeconfigView(createKubeconfig(), false, true));
}

/** A component's kubeconfig (kubelet.conf, scheduler.conf, controller-manager.conf). */
function componentConf(user: string, clientCert: string | undefined): string {
  const ca = btoa(clusterCaCertificate());
  const cred = clientCert
    ? `    client-certificate: ${clientCert}\n    client-key: ${clientCert}\n`
    : `    client-certificate-data: ${btoa(pem(`${user}.crt`))}\n    client-key-data: ${btoa(pem(`${user}.key`))}\n`;
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${ca}
    server: https://172.18.0.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
${cred}`;
}

type Obj = Record<string, unknown>;

/** kubeadm's staticpodutil createHTTPProbe: keys as its YAML writes them (sorted). */
function httpProbe(
  host: string,
  path: string,
  port: number,
  scheme: 'HTTP' | 'HTTPS',
  initialDelaySeconds: number,
  failureThreshold: number,
  periodSeconds: number,
): Obj {
  return {
    failureThreshold,
    httpGet: { host, path, port, scheme },
    ...(initialDelaySeconds > 0 ? { initialDelaySeconds } : {}),
    periodSeconds,
    timeoutSeconds: 15,
  };
}

/**
 * The probes kubeadm 1.32 writes into a component's manifest (manifests.go, etcd.go): liveness
 * (delay 10 s, every 10 s, 8 failures), readiness (every second, 3 failures) and startup (the
 * 4-minute control-plane timeout in 10 s periods: 24 failures). The API server is probed on its
 * advertise address, the others on 127.0.0.1; etcd on its plain-HTTP metrics port.
 */
function kubeadmProbes(component: string, advertiseAddress: string): Obj {
  const probes = (host: string, port: number, scheme: 'HTTP' | 'HTTPS', paths: string[]) => {
    const [live, ready, startup] = paths as [string, string | undefined, string];
    return {
      livenessProbe: httpProbe(host, live, port, scheme, 10, 8, 10),
      ...(ready ? { readinessProbe: httpProbe(host, ready, port, scheme, 0, 3, 1) } : {}),
      startupProbe: httpProbe(host, startup, port, scheme, 10, 24, 10),
    };
  };
  switch (component) {
    case 'etcd':
      return probes('127.0.0.1', 2381, 'HTTP', ['/livez', '/readyz', '/readyz']);
    case 'kube-apiserver':
      return probes(advertiseAddress, 6443, 'HTTPS', ['/livez', '/readyz', '/livez']);
    case 'kube-controller-manager':
      return probes('127.0.0.1', 10257, 'HTTPS', ['/healthz', '', '/healthz']);
    case 'kube-scheduler':
      return probes('127.0.0.1', 10259, 'HTTPS', ['/healthz', '', '/healthz']);
    default:
      return {};
  }
}

/** The manifest kubeadm wrote for a control-plane component, from its mirror pod. */
export function manifestFromMirror(component: string, mirror: KubeObject): string {
  const spec = (mirror.spec ?? {}) as Obj;
  // The engine's mirror pods carry no probes (its prober cannot answer the components' health
  // endpoints): the file has the ones kubeadm wrote.
  const probes = kubeadmProbes(component, '172.18.0.2');
  const containers = ((spec.containers as Obj[] | undefined) ?? []).map((c) => {
    const out: Obj = {};
    const withProbes = { ...probes, ...c };
    for (const k of [
      'command',
      'image',
      'imagePullPolicy',
      'livenessProbe',
      'name',
      'readinessProbe',
      'resources',
      'startupProbe',
      'volumeMounts',
    ] as const) {
      if (withProbes[k] !== undefined) out[k] = withProbes[k];
    }
    return out;
  });
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(mirror.metadata?.annotations ?? {})) {
    if (!k.startsWith('kubernetes.io/config.')) annotations[k] = v;
  }
  const metadata: Obj = {};
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  metadata.creationTimestamp = null;
  if (mirror.metadata?.labels) metadata.labels = mirror.metadata.labels;
  metadata.name = component;
  metadata.namespace = 'kube-system';
  const podSpec: Obj = { containers };
  for (const k of ['hostNetwork', 'priority', 'priorityClassName', 'securityContext', 'volumes']) {
    if (spec[k] !== undefined) podSpec[k] = spec[k];
  }
  return toGoYaml({ apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec, status: {} });
}

/** The images and CPU requests kubeadm 1.32 gives the components (bootstrap.ts runs them). */
const COMPONENT_IMAGES: Record<string, [string, string]> = {
  etcd: ['registry.k8s.io/etcd:3.5.16-0', '100m'],
  'kube-apiserver': ['registry.k8s.io/kube-apiserver:v1.32.2', '250m'],
  'kube-controller-manager': ['registry.k8s.io/kube-controller-manager:v1.32.2', '200m'],
  'kube-scheduler': ['registry.k8s.io/kube-scheduler:v1.32.2', '100m'],
};

/** The manifest kubeadm wrote for `component`, as the cluster was set up. */
export function kubeadmManifest(component: string, node: string): string {
  const m = controlPlaneManifests(node, '172.18.0.2')[component];
  const [image, cpu] = COMPONENT_IMAGES[component] ?? ['', ''];
  if (!m) return '';
  const pod: KubeObject = {
    metadata: {
      annotations: m.annotations,
      labels: { component, tier: 'control-plane' },
    },
    spec: {
      containers: [
        {
          command: m.command,
          image,
          imagePullPolicy: 'IfNotPresent',
          name: component,
          resources: {
            requests: { cpu, ...(component === 'etcd' ? { memory: '100Mi' } : {}) },
          },
          volumeMounts: m.volumeMounts,
        },
      ],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: m.volumes,
    },
  };
  return manifestFromMirror(component, pod);
}

/** Reads one object of the cluster without a request (the node reads its own disk). */
function peek(host: KubectlHost, namespace: string, name: string): KubeObject | undefined {
  return host.peek?.('pods', namespace, name);
}

/**
 * The files node `node` has from the start, by absolute path: a function gives each one's
 * text (read when asked). Directories are what the paths imply, plus `dirs`.
 */
export function baseFiles(
  host: KubectlHost,
  node: string,
  controlPlane: boolean,
): Map<string, () => string> {
  const files = new Map<string, () => string>();
  files.set('/var/lib/kubelet/config.yaml', () => KUBELET_CONFIG);
  files.set('/var/lib/kubelet/kubeadm-flags.env', () => KUBEADM_FLAGS);
  files.set('/usr/lib/systemd/system/kubelet.service', () => KUBELET_UNIT);
  files.set('/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', () => KUBEADM_DROP_IN);
  // `systemctl enable kubelet`'s symlink (cat follows it to the unit file).
  files.set(KUBELET_WANTS, () => KUBELET_UNIT);
  files.set('/etc/kubernetes/kubelet.conf', () =>
    componentConf(`system:node:${node}`, '/var/lib/kubelet/pki/kubelet-client-current.pem'),
  );
  files.set('/etc/hostname', () => `${node}\n`);
  files.set('/etc/kubernetes/pki/ca.crt', () => clusterCaCertificate());
  files.set('/sys/kernel/security/apparmor/profiles', () => profilesFile(host, node));
  if (!controlPlane) return files;
  for (const c of CONTROL_PLANE_COMPONENTS) {
    files.set(`/etc/kubernetes/manifests/${c}.yaml`, () => {
      // As the engine runs it; while its mirror pod is away, as kubeadm wrote it.
      const mirror = peek(host, 'kube-system', `${c}-${node}`);
      return mirror ? manifestFromMirror(c, mirror) : kubeadmManifest(c, node);
    });
  }
  files.set('/etc/kubernetes/admin.conf', adminConf);
  files.set('/etc/kubernetes/super-admin.conf', () =>
    adminConf().replace(/kubernetes-admin/g, 'kubernetes-super-admin'),
  );
  files.set('/etc/kubernetes/controller-manager.conf', () =>
    componentConf('system:kube-controller-manager', undefined),
  );
  files.set('/etc/kubernetes/scheduler.conf', () =>
    componentConf('system:kube-scheduler', undefined),
  );
  for (const p of CONTROL_PLANE_PKI) {
    const path = `/etc/kubernetes/pki/${p}`;
    files.set(path, p === 'ca.crt' ? () => clusterCaCertificate() : () => pem(path));
  }
  return files;
}

/** Directories every node has even when empty. */
export const BASE_DIRS = [
  '/',
  '/etc',
  '/etc/apparmor.d',
  '/etc/default',
  '/etc/kubernetes',
  '/etc/kubernetes/manifests',
  '/etc/systemd',
  '/etc/systemd/system',
  '/etc/systemd/system/multi-user.target.wants',
  '/home',
  '/opt',
  '/root',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/lib',
  '/usr/lib/systemd',
  '/usr/lib/systemd/system',
  '/usr/lib/systemd/system/kubelet.service.d',
  '/var',
  '/var/lib',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/var/log',
  '/var/log/containers',
  '/var/log/pods',
];

/** The control plane's etcd data directory (the etcd pod's hostPath /var/lib/etcd). */
export const CONTROL_PLANE_DIRS = [
  '/var/lib/etcd',
  '/var/lib/etcd/member',
  '/var/lib/etcd/member/snap',
  '/var/lib/etcd/member/wal',
];
