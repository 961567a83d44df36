/**
 * kube-proxy runs as the pods of the kube-system DaemonSet `kube-proxy` (kubeadm): a node's
 * rules are programmed only while its kube-proxy pod's container runs. Without it (DaemonSet
 * deleted, pod deleted, crash-looping on a broken ConfigMap or image) nobody syncs: the rules
 * the last one wrote stay in the node's iptables as they were, and new Services get none.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';

/** Whether `obj` is a kube-proxy pod (kubeadm's DaemonSet label). */
export function isKubeProxyPod(resource: ResourceName, obj: KubeObject | undefined): boolean {
  return (
    resource === 'pods' &&
    obj?.metadata?.namespace === 'kube-system' &&
    obj.metadata.labels?.['k8s-app'] === 'kube-proxy'
  );
}

/** Whether the kube-proxy container of `pod` is running (not terminating, not crash-looping). */
function proxyRunning(pod: KubeObject): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  const statuses = (
    pod.status as
      | { containerStatuses?: { name?: string; state?: { running?: unknown } }[] }
      | undefined
  )?.containerStatuses;
  return statuses?.some((s) => s.name === 'kube-proxy' && s.state?.running !== undefined) ?? false;
}

/**
 * Whether some kube-proxy pod of `pods` (this node's, as the watch offers them) runs its
 * container. Undefined when there is none at all.
 */
export function kubeProxyPodRunning(pods: readonly KubeObject[]): boolean | undefined {
  let any = false;
  for (const p of pods) {
    if (!isKubeProxyPod('pods', p)) continue;
    any = true;
    if (proxyRunning(p)) return true;
  }
  return any ? false : undefined;
}
