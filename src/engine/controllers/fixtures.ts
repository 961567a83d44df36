/** Builders of API objects for the tests of controllers/ and node/ (not used by the engine). */
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../util/clock.ts';

export function deployment(
  name: string,
  image: string,
  replicas = 1,
  opts: { ns?: string; uid?: string; generation?: number } = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      uid: opts.uid ?? `uid-deploy-${name}`,
      generation: opts.generation ?? 1,
      labels: { app: name },
      creationTimestamp: rfc3339(0),
      resourceVersion: '1',
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: image.split(':')[0]?.split('/').pop(), image }] },
      },
    },
  };
}

export interface PodOpts {
  ns?: string;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  ready?: boolean;
  readySince?: number;
  created?: number;
  owner?: KubeObject;
  ownerKind?: string;
  labels?: Record<string, string>;
  deleting?: boolean;
  ip?: string;
  uid?: string;
  image?: string;
  restarts?: number;
  tolerations?: unknown[];
}

export function pod(name: string, o: PodOpts = {}): KubeObject {
  const conditions: unknown[] = [];
  if (o.node) {
    conditions.push({ type: 'PodScheduled', status: 'True', lastTransitionTime: rfc3339(0) });
  }
  if (o.ready !== undefined) {
    conditions.push({
      type: 'Ready',
      status: o.ready ? 'True' : 'False',
      lastTransitionTime: rfc3339(o.readySince ?? 0),
    });
  }
  const meta: Record<string, unknown> = {
    name,
    namespace: o.ns ?? 'default',
    uid: o.uid ?? `uid-pod-${name}`,
    labels: o.labels ?? { app: 'web' },
    creationTimestamp: rfc3339(o.created ?? 0),
    resourceVersion: '1',
  };
  if (o.owner) {
    meta.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: o.ownerKind ?? 'ReplicaSet',
        name: o.owner.metadata?.name,
        uid: o.owner.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  if (o.deleting) {
    meta.deletionTimestamp = rfc3339(o.created ?? 0);
    meta.deletionGracePeriodSeconds = 30;
  }
  const spec: Record<string, unknown> = {
    containers: [{ name: 'nginx', image: o.image ?? 'nginx' }],
    terminationGracePeriodSeconds: 30,
  };
  if (o.node) spec.nodeName = o.node;
  if (o.tolerations) spec.tolerations = o.tolerations;
  const status: Record<string, unknown> = { phase: o.phase ?? 'Pending', conditions };
  if (o.ip) status.podIP = o.ip;
  if (o.restarts !== undefined) {
    status.containerStatuses = [
      { name: 'nginx', restartCount: o.restarts, ready: o.ready === true },
    ];
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec, status };
}

export function namespace(name: string, deleting = false): KubeObject {
  const meta: Record<string, unknown> = {
    name,
    uid: `uid-ns-${name}`,
    labels: { 'kubernetes.io/metadata.name': name },
    creationTimestamp: rfc3339(0),
  };
  if (deleting) meta.deletionTimestamp = rfc3339(0);
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta,
    spec: { finalizers: ['kubernetes'] },
    status: { phase: deleting ? 'Terminating' : 'Active' },
  };
}
