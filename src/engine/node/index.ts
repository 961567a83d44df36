/**
 * One worker (or control-plane) node's components: kubelet, kube-proxy and the container
 * runtime they drive.
 */
import type { Registry } from '../registry/registry.ts';
import { KUBE_SYSTEM_IMAGES, WORKER_IMAGES } from '../registry/registry.ts';
import { ContainerRuntime, type ContainerRuntimeOptions } from './containerRuntime.ts';
import { createKubelet, type Kubelet, type NodeResources, type Taint } from './kubelet.ts';
import { createKubeProxy, type KubeProxy } from './kubeProxy.ts';
import type { PolicyCluster } from './policyNetwork.ts';
import type { ServiceView } from './program.ts';

export interface NodeOptions {
  /** The shared registry the runtime pulls from. */
  registry: Registry;
  /** Node number (pod CIDR 10.244.<index>.0/24, InternalIP 172.18.0.<index + 2>). */
  index: number;
  internalIP?: string;
  capacity?: NodeResources;
  allocatable?: NodeResources;
  controlPlane?: boolean;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Images already on the node (default: every kube-system image on the control plane, pause and kube-proxy on a worker). */
  preloadedImages?: readonly string[];
  runtime?: Omit<ContainerRuntimeOptions, 'preloaded'>;
  /** The pod network across nodes (see KubeletOptions.podNetwork). */
  podNetwork?: (ip: string) => ServiceView | undefined;
  /** Every node's InternalIP. */
  nodeAddresses?: readonly string[];
  /** The NetworkPolicies the CNI enforces (see KubeletOptions.policies). */
  policies?: () => PolicyCluster;
  /** Files execs wrote (see KubeletOptions.storedFiles). */
  storedFiles?: Parameters<typeof createKubelet>[0]['storedFiles'];
  /** Told what a starting container's env and subPath mounts read (see KubeletOptions). */
  containerStarted?: Parameters<typeof createKubelet>[0]['containerStarted'];
}

export interface SimNode {
  name: string;
  kubelet: Kubelet;
  kubeProxy: KubeProxy;
  runtime: ContainerRuntime;
}

/** Creates a node's kubelet, kube-proxy and container runtime. */
export function createNode(name: string, opts: NodeOptions): SimNode {
  const runtime = new ContainerRuntime(name, opts.registry, {
    ...opts.runtime,
    preloaded: opts.preloadedImages ?? (opts.controlPlane ? KUBE_SYSTEM_IMAGES : WORKER_IMAGES),
  });
  const kubeletOpts: Parameters<typeof createKubelet>[0] = {
    node: name,
    index: opts.index,
    runtime,
  };
  if (opts.internalIP) kubeletOpts.internalIP = opts.internalIP;
  if (opts.capacity) kubeletOpts.capacity = opts.capacity;
  if (opts.allocatable) kubeletOpts.allocatable = opts.allocatable;
  if (opts.controlPlane) kubeletOpts.controlPlane = true;
  if (opts.labels) kubeletOpts.labels = opts.labels;
  if (opts.taints) kubeletOpts.taints = opts.taints;
  if (opts.podNetwork) kubeletOpts.podNetwork = opts.podNetwork;
  if (opts.nodeAddresses) kubeletOpts.nodeAddresses = opts.nodeAddresses;
  if (opts.policies) kubeletOpts.policies = opts.policies;
  if (opts.storedFiles) kubeletOpts.storedFiles = opts.storedFiles;
  if (opts.containerStarted) kubeletOpts.containerStarted = opts.containerStarted;
  // kube-proxy programs the rules only while its pod (the kube-proxy DaemonSet's) runs here.
  let kubelet: Kubelet | undefined;
  const kubeProxy = createKubeProxy(name, {
    running: () => kubelet?.pods().some((k) => k.startsWith('kube-system/kube-proxy-')) ?? true,
  });
  // Cluster DNS answers for a Service with a cluster IP; the node's kube-proxy holds the same
  // view of the Services, so a container's `nslookup` asks it.
  kubeletOpts.resolves = (namespace, service) => kubeProxy.hasService(namespace, service);
  // `wget`/`curl` to a Service connect through the same rules: no endpoints, no answer.
  kubeletOpts.network = (namespace, host) => kubeProxy.service(namespace, host);
  kubeletOpts.nodePort = (port) => kubeProxy.nodePortService(port);
  kubeletOpts.ptr = (ip) => kubeProxy.ptr(ip);
  kubelet = createKubelet(kubeletOpts);
  return { name, kubelet, kubeProxy, runtime };
}

export {
  CONTAINERD_VERSION,
  ContainerRuntime,
  type ContainerRuntimeOptions,
  type PullPlan,
  RUNTIME_LABEL,
} from './containerRuntime.ts';
export { formatGoDuration, formatMillis } from './goDuration.ts';
export {
  createKubelet,
  DEFAULT_ALLOCATABLE,
  DEFAULT_CAPACITY,
  KUBELET_VERSION,
  type Kubelet,
  type KubeletOptions,
  LEASE_DURATION_SECONDS,
  LEASE_NAMESPACE,
  LEASE_RENEW_INTERVAL_MS,
  type NodeResources,
  type Taint,
} from './kubelet.ts';
export { chainHash, createKubeProxy, type KubeProxy, type ProxyRule } from './kubeProxy.ts';
