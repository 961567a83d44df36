/**
 * A read-only kubectl host over one engine frame (`Snapshot`), so the story can print exactly
 * what `kubectl get …` would show at any step without sending a request: a request would add
 * messages to the cluster's log and change the story it is describing.
 */
import { notFound } from '../engine/apiserver/errors.ts';
import type {
  ApiClient,
  KubeObject,
  ObjectList,
  ResourceName,
  Result,
  Snapshot,
  Status,
} from '../engine/index.ts';
import { epochMs, RESOURCES } from '../engine/index.ts';
import type { KubectlHost } from '../kubectl/index.ts';
import { createKubeconfig, createWorkspace, outputChunks, runLine } from '../kubectl/index.ts';

/** What a write against a frame answers: frames are history, they cannot change. */
function readOnly(): Status {
  return {
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message: 'the story replays a recorded frame; it cannot be changed',
    reason: 'MethodNotAllowed',
    code: 405,
  };
}

/**
 * An `ApiClient` that answers `get` and `list` from `frame`. Selectors are not supported
 * (the story's commands do not use them): a list with a selector fails loudly instead of
 * printing a wrong table.
 */
export function snapshotApi(frame: Snapshot): ApiClient {
  const fail = (): Result<never> => ({ ok: false, status: readOnly() });
  return {
    get(resource: ResourceName, namespace: string | undefined, name: string) {
      const obj = frame.get(resource, RESOURCES[resource].namespaced ? namespace : undefined, name);
      return obj
        ? { ok: true, value: obj }
        : { ok: false, status: notFound(RESOURCES[resource], name) };
    },
    list(resource: ResourceName, namespace: string | undefined, opts = {}) {
      if (opts.labelSelector || opts.fieldSelector) return fail();
      const r = RESOURCES[resource];
      const value: ObjectList = {
        apiVersion: r.apiVersion,
        kind: `${r.kind}List`,
        metadata: { resourceVersion: String(frame.revision) },
        items: [...frame.list(resource, r.namespaced ? namespace : undefined)] as KubeObject[],
      };
      return { ok: true, value };
    },
    create: fail,
    update: fail,
    patch: fail,
    delete: fail,
  };
}

/** A kubectl host whose cluster is frozen at `frame` (default kubeconfig: namespace default). */
export function snapshotHost(frame: Snapshot): KubectlHost {
  return {
    api: snapshotApi(frame),
    nowEpochMs: () => epochMs(frame.now),
    settle: () => {},
    runUntil: () => false,
    peek: (resource, namespace, name) =>
      frame.get(resource, RESOURCES[resource].namespaced ? namespace : undefined, name),
    fs: createWorkspace(),
    kubeconfig: createKubeconfig(),
  };
}

/**
 * What a terminal shows for `line` run against `frame`: both streams in the order printed
 * (kubectl prints "No resources found in default namespace." on stderr).
 */
export function kubectlAt(frame: Snapshot, line: string): string {
  return outputChunks(runLine(snapshotHost(frame), line))
    .map((c) => c.text)
    .join('');
}
