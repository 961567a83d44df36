/**
 * The Node authorizer, first in kubeadm's `--authorization-mode=Node,RBAC`: a kubelet's
 * credential (user `system:node:<name>` in group `system:nodes`) may read the secrets,
 * configmaps, claims and volumes of the pods bound to its node, its own Node object and Lease,
 * list pods only with a `spec.nodeName` field selector (AuthorizeNodeWithSelectors, on by
 * default in 1.32), and otherwise what the static NodeRules grant. It has no opinion on anyone
 * else; its reasons join the chain's when RBAC refuses too
 * (plugin/pkg/auth/authorizer/node/node_authorizer.go).
 */
import type { KubeObject } from '../api/types.ts';
import type { Attributes, PolicyRule, UserInfo } from './rbac.ts';
import { ruleAllows } from './rbac.ts';

/** What the authorizer's graph is built from: the objects as the API server stores them. */
export interface NodeGraphSource {
  pods(): readonly KubeObject[];
  persistentVolumeClaim(namespace: string, name: string): KubeObject | undefined;
  persistentVolume(name: string): KubeObject | undefined;
}

export interface NodeDecision {
  allowed: boolean;
  reason: string;
}

const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
});
const READ = ['get', 'list', 'watch'];

/** bootstrappolicy.NodeRules (1.32, without the feature-gated DRA rules). */
export const NODE_RULES: readonly PolicyRule[] = [
  rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews', 'localsubjectaccessreviews']),
  rule(READ, [''], ['services']),
  rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
  rule(['update', 'patch'], [''], ['nodes/status']),
  rule(['update', 'patch'], [''], ['nodes']),
  rule(['create', 'update', 'patch'], [''], ['events']),
  rule(READ, [''], ['pods']),
  rule(['create', 'delete'], [''], ['pods']),
  rule(['update', 'patch'], [''], ['pods/status']),
  rule(['create'], [''], ['pods/eviction']),
  rule(['get', 'list', 'watch'], [''], ['secrets', 'configmaps']),
  rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
  rule(['get'], [''], ['endpoints']),
  rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
  rule(['get', 'create', 'update', 'patch', 'delete'], ['coordination.k8s.io'], ['leases']),
  rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(['get', 'update', 'patch'], [''], ['persistentvolumeclaims/status']),
  rule(['get', 'watch', 'list'], ['storage.k8s.io'], ['csidrivers']),
  rule(['get', 'create', 'update', 'patch', 'delete'], ['storage.k8s.io'], ['csinodes']),
  rule(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
];

/**
 * NodeIdentity: the node a user is, '' for a node credential without a name, undefined for
 * anyone who is not a node.
 */
export function nodeIdentity(user: UserInfo): string | undefined {
  if (!user.name.startsWith('system:node:')) return undefined;
  if (!user.groups.includes('system:nodes')) return undefined;
  return user.name.slice('system:node:'.length);
}

/** `field=value` or `field==value` terms of a field selector equal to `value`. */
function selects(fieldSelector: string | undefined, field: string, value: string): boolean {
  if (!fieldSelector) return false;
  return fieldSelector.split(',').some((term) => {
    const m = /^\s*([^=!\s]+)\s*==?\s*(.*?)\s*$/.exec(term);
    return !!m && m[1] === field && m[2] === value;
  });
}

type Kind = 'secret' | 'configmap' | 'pvc' | 'pv' | 'serviceaccount';

const noOpinion = (reason: string): NodeDecision => ({ allowed: false, reason });
const ALLOW: NodeDecision = { allowed: true, reason: '' };

/**
 * The Node authorizer's decision for `user`, or undefined when it has no opinion and no reason
 * (the user is not a node).
 */
export function authorizeNodeUser(
  user: UserInfo,
  a: Attributes,
  graph: NodeGraphSource,
): NodeDecision | undefined {
  const node = nodeIdentity(user);
  if (node === undefined) return undefined;
  if (node === '') return noOpinion(`unknown node for user ${JSON.stringify(user.name)}`);
  if (a.path === undefined) {
    const group = a.apiGroup ?? '';
    const sub = a.subresource ?? '';
    if (group === '') {
      switch (a.resource) {
        case 'secrets':
          return readNamespaced(node, 'secret', a, graph);
        case 'configmaps':
          return readNamespaced(node, 'configmap', a, graph);
        case 'persistentvolumeclaims':
          if (sub === 'status') return statusUpdate(node, a, graph);
          return getOnly(node, 'pvc', a, graph);
        case 'persistentvolumes':
          return getOnly(node, 'pv', a, graph);
        case 'serviceaccounts':
          if (a.verb !== 'create' || !a.name)
            return noOpinion('can only create tokens for individual service accounts');
          if (sub !== 'token')
            return noOpinion('can only create token subresource of serviceaccount');
          return related(node, 'serviceaccount', a, graph);
        case 'nodes':
          return nodeObject(node, a);
        case 'pods': {
          const d = podRequest(node, a);
          if (d) return d;
          break;
        }
      }
    } else if (group === 'coordination.k8s.io' && a.resource === 'leases') {
      return lease(node, a);
    }
  }
  return NODE_RULES.some((r) => ruleAllows(a, r)) ? ALLOW : noOpinion('');
}

function readNamespaced(
  node: string,
  kind: Kind,
  a: Attributes,
  graph: NodeGraphSource,
): NodeDecision {
  if (!['get', 'list', 'watch'].includes(a.verb))
    return noOpinion('can only read resources of this type');
  if (a.subresource) return noOpinion('cannot read subresource');
  if (!a.namespace) return noOpinion('can only read namespaced object of this type');
  return related(node, kind, a, graph);
}

function getOnly(node: string, kind: Kind, a: Attributes, graph: NodeGraphSource): NodeDecision {
  if (a.verb !== 'get') return noOpinion('can only get individual resources of this type');
  if (a.subresource) return noOpinion('cannot get subresource');
  return related(node, kind, a, graph);
}

function statusUpdate(node: string, a: Attributes, graph: NodeGraphSource): NodeDecision {
  if (!['update', 'patch'].includes(a.verb))
    return noOpinion('can only get/update/patch this type');
  return related(node, 'pvc', a, graph);
}

/** NodeAuthorizer.authorize: a path in the graph from the object to the node. */
function related(node: string, kind: Kind, a: Attributes, graph: NodeGraphSource): NodeDecision {
  if (!a.name) return noOpinion('No Object name found');
  return referencedBy(graph, node, kind, a.namespace ?? '', a.name)
    ? ALLOW
    : noOpinion(`no relationship found between node '${node}' and this object`);
}

/** Whether a pod bound to `node` (or a volume of one) refers to the object. */
function referencedBy(
  graph: NodeGraphSource,
  node: string,
  kind: Kind,
  namespace: string,
  name: string,
): boolean {
  for (const pod of graph.pods()) {
    const spec = (pod.spec ?? {}) as PodSpec;
    if (spec.nodeName !== node) continue;
    const podNs = pod.metadata?.namespace ?? '';
    if (kind === 'pv') {
      for (const claim of claimsOf(spec)) {
        const pvc = graph.persistentVolumeClaim(podNs, claim);
        const volume = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
        if (volume === name) return true;
      }
      continue;
    }
    if (podNs !== namespace) continue;
    if (kind === 'serviceaccount') {
      if ((spec.serviceAccountName ?? 'default') === name) return true;
    } else if (kind === 'pvc') {
      if (claimsOf(spec).includes(name)) return true;
    } else if (namesOf(spec, kind).has(name)) return true;
  }
  if (kind === 'secret') {
    // A secret a bound persistent volume names (CSI, RBD…) in its own namespace.
    for (const pod of graph.pods()) {
      const spec = (pod.spec ?? {}) as PodSpec;
      if (spec.nodeName !== node) continue;
      for (const claim of claimsOf(spec)) {
        const pvc = graph.persistentVolumeClaim(pod.metadata?.namespace ?? '', claim);
        const volume = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
        const pv = volume ? graph.persistentVolume(volume) : undefined;
        if (pv && pvSecrets(pv).some(([ns, n]) => ns === namespace && n === name)) return true;
      }
    }
  }
  return false;
}

interface PodSpec {
  nodeName?: string;
  serviceAccountName?: string;
  volumes?: Record<string, unknown>[];
  imagePullSecrets?: { name?: string }[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
}

interface Container {
  env?: { valueFrom?: Record<string, { name?: string } | undefined> }[];
  envFrom?: { configMapRef?: { name?: string }; secretRef?: { name?: string } }[];
}

/** The claims a pod's volumes use (an ephemeral volume's claim is `<pod>-<volume>`). */
function claimsOf(spec: PodSpec): string[] {
  const out: string[] = [];
  for (const v of spec.volumes ?? []) {
    const c = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (c?.claimName) out.push(c.claimName);
  }
  return out;
}

/** The secrets or configmaps a pod spec names anywhere (volumes, env, envFrom, pull secrets). */
function namesOf(spec: PodSpec, kind: 'secret' | 'configmap'): Set<string> {
  const out = new Set<string>();
  for (const v of spec.volumes ?? []) {
    if (kind === 'secret') {
      const s = v.secret as { secretName?: string } | undefined;
      if (s?.secretName) out.add(s.secretName);
    } else {
      const c = v.configMap as { name?: string } | undefined;
      if (c?.name) out.add(c.name);
    }
    const projected = v.projected as { sources?: Record<string, { name?: string }>[] } | undefined;
    for (const src of projected?.sources ?? []) {
      const ref = kind === 'secret' ? src.secret : src.configMap;
      if (ref?.name) out.add(ref.name);
    }
  }
  if (kind === 'secret') for (const s of spec.imagePullSecrets ?? []) if (s.name) out.add(s.name);
  for (const c of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ]) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.[kind === 'secret' ? 'secretKeyRef' : 'configMapKeyRef'];
      if (ref?.name) out.add(ref.name);
    }
    for (const e of c.envFrom ?? []) {
      const ref = kind === 'secret' ? e.secretRef : e.configMapRef;
      if (ref?.name) out.add(ref.name);
    }
  }
  return out;
}

/** The secrets a persistent volume's source names, as [namespace, name]. */
function pvSecrets(pv: KubeObject): [string, string][] {
  const out: [string, string][] = [];
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (/secretRef$/i.test(k) && x && typeof x === 'object') {
        const ref = x as { name?: string; namespace?: string };
        if (ref.name) out.push([ref.namespace ?? '', ref.name]);
      } else visit(x);
    }
  };
  visit(pv.spec);
  return out;
}

/** authorizeNode (AuthorizeNodeWithSelectors): its own Node object only. */
function nodeObject(node: string, a: Attributes): NodeDecision {
  switch (a.verb) {
    case 'create':
    case 'update':
    case 'patch':
      // The NodeRestriction admission plugin limits a node to its own object.
      return ALLOW;
    case 'get':
    case 'list':
    case 'watch':
      if (a.name === node) return ALLOW;
      if (selects(a.fieldSelector, 'metadata.name', node)) return ALLOW;
      return a.name
        ? noOpinion(`node '${node}' cannot read '${a.name}', only its own Node object`)
        : noOpinion(`node '${node}' cannot read all nodes, only its own Node object`);
  }
  return NODE_RULES.some((r) => ruleAllows(a, r)) ? ALLOW : noOpinion('');
}

/** authorizePod (AuthorizeNodeWithSelectors); undefined: the static rules decide. */
function podRequest(node: string, a: Attributes): NodeDecision | undefined {
  if (a.subresource) return undefined;
  if (a.verb === 'get') return ALLOW;
  if (a.verb === 'list' || a.verb === 'watch') {
    if (selects(a.fieldSelector, 'spec.nodeName', node)) return ALLOW;
    return noOpinion('can only list/watch pods with spec.nodeName field selector');
  }
  return undefined;
}

/** authorizeLease: its own Lease in kube-node-lease. */
function lease(node: string, a: Attributes): NodeDecision {
  if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb))
    return noOpinion('can only get, create, update, patch, or delete a node lease');
  if (a.namespace !== 'kube-node-lease')
    return noOpinion('can only access leases in the "kube-node-lease" system namespace');
  if (a.verb !== 'create' && a.name !== node)
    return noOpinion('can only access node lease with the same name as the requesting node');
  return ALLOW;
}
