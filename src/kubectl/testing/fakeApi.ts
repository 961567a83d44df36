/**
 * TEST DOUBLE — a small in-memory stand-in for the engine's ApiClient, used only by kubectl's
 * unit tests while the real engine is built. It stores objects and answers create/get/list/
 * update/patch/delete with the API server's Status errors (NotFound, AlreadyExists, Invalid
 * names, NamespaceLifecycle Forbidden). No controllers, scheduler or kubelets.
 */
import {
  type ApiClient,
  type KubeObject,
  type ObjectList,
  type ResourceName,
  type Result,
  STATUS_CODES,
  type Status,
  type StatusReason,
} from '../../engine/api/types.ts';
import { rfc3339 } from '../duration.ts';
import type { KubectlHost } from '../host.ts';
import { createKubeconfig } from '../kubeconfig.ts';
import { qualifiedResource, typeByResource } from '../resources.ts';
import { createWorkspace } from '../workspace.ts';

function fail(
  reason: StatusReason,
  message: string,
  details?: Status['details'],
): { ok: false; status: Status } {
  return {
    ok: false,
    status: {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code: STATUS_CODES[reason],
    },
  };
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export interface FakeCall {
  verb: string;
  resource: ResourceName;
  namespace?: string;
  name?: string;
}

/** The fake server: objects keyed by `resource/namespace/name`. */
export class FakeApi implements ApiClient {
  readonly objects = new Map<string, KubeObject>();
  readonly calls: FakeCall[] = [];
  private rv = 100;
  private uid = 0;
  now: number;

  constructor(nowMs: number) {
    this.now = nowMs;
  }

  private key(resource: ResourceName, ns: string | undefined, name: string): string {
    return `${resource}/${typeByResource(resource).namespaced ? (ns ?? '') : ''}/${name}`;
  }

  /** Puts an object into storage as-is (fixtures). */
  seed(resource: ResourceName, obj: KubeObject): void {
    const t = typeByResource(resource);
    this.objects.set(this.key(resource, obj.metadata?.namespace, obj.metadata?.name ?? ''), {
      apiVersion: t.group ? `${t.group}/${t.version}` : t.version,
      kind: t.kind,
      ...JSON.parse(JSON.stringify(obj)),
    });
  }

  create(
    resource: ResourceName,
    namespace: string | undefined,
    obj0: KubeObject,
    opts?: { dryRun?: boolean },
  ): Result<KubeObject> {
    this.calls.push({
      verb: 'create',
      resource,
      ...(namespace ? { namespace } : {}),
      name: obj0.metadata?.name ?? '',
    });
    const t = typeByResource(resource);
    const obj = JSON.parse(JSON.stringify(obj0)) as KubeObject;
    const meta = { ...(obj.metadata ?? {}) };
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}x6j7v`;
    const name = meta.name ?? '';
    const ns = t.namespaced ? (meta.namespace ?? namespace ?? 'default') : undefined;
    const qualifiedKind = t.group ? `${t.kind}.${t.group}` : t.kind;
    if (name === '') {
      return fail(
        'Invalid',
        `${qualifiedKind} "" is invalid: metadata.name: Required value: name or generateName is required`,
        {
          kind: qualifiedKind,
          causes: [
            {
              type: 'FieldValueRequired',
              message: 'Required value: name or generateName is required',
              field: 'metadata.name',
            },
          ],
        },
      );
    }
    const nameOk =
      resource === 'namespaces'
        ? LABEL.test(name) && name.length <= 63
        : SUBDOMAIN.test(name) && name.length <= 253;
    if (!nameOk) {
      const detail = `Invalid value: ${JSON.stringify(name)}: ${resource === 'namespaces' ? LABEL_MSG : SUBDOMAIN_MSG}`;
      return fail(
        'Invalid',
        `${qualifiedKind} ${JSON.stringify(name)} is invalid: metadata.name: ${detail}`,
        {
          name,
          kind: qualifiedKind,
          causes: [{ type: 'FieldValueInvalid', message: detail, field: 'metadata.name' }],
        },
      );
    }
    if (t.namespaced) {
      const nsObj = this.objects.get(this.key('namespaces', undefined, ns ?? ''));
      if (!nsObj)
        return fail('NotFound', `namespaces ${JSON.stringify(ns)} not found`, {
          name: ns ?? '',
          kind: 'namespaces',
        });
      if ((nsObj.status as { phase?: string } | undefined)?.phase === 'Terminating') {
        return fail(
          'Forbidden',
          `${qualifiedResource(t)} ${JSON.stringify(name)} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
          {
            name,
            kind: resource,
            causes: [
              {
                type: 'NamespaceTerminating',
                message: `namespace ${ns} is being terminated`,
                field: 'metadata.namespace',
              },
            ],
          },
        );
      }
    }
    const key = this.key(resource, ns, name);
    if (this.objects.has(key)) {
      return fail(
        'AlreadyExists',
        `${qualifiedResource(t)} ${JSON.stringify(name)} already exists`,
        {
          name,
          kind: resource,
          ...(t.group ? { group: t.group } : {}),
        },
      );
    }
    this.rv++;
    this.uid++;
    const stored: KubeObject = {
      ...obj,
      apiVersion: t.group ? `${t.group}/${t.version}` : t.version,
      kind: t.kind,
      metadata: {
        ...meta,
        name,
        ...(ns ? { namespace: ns } : {}),
        uid: `00000000-0000-4000-8000-${String(this.uid).padStart(12, '0')}`,
        resourceVersion: String(this.rv),
        creationTimestamp: rfc3339(this.now),
        ...(resource === 'namespaces'
          ? { labels: { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': name } }
          : {}),
      },
    };
    if (resource === 'namespaces') {
      stored.spec = { finalizers: ['kubernetes'] };
      stored.status = { phase: 'Active' };
    }
    if (resource === 'pods') stored.status = { phase: 'Pending', qosClass: 'BestEffort' };
    if (resource === 'deployments') stored.status = {};
    if (!opts?.dryRun) this.objects.set(key, stored);
    return { ok: true, value: JSON.parse(JSON.stringify(stored)) as KubeObject };
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): Result<KubeObject> {
    this.calls.push({ verb: 'get', resource, ...(namespace ? { namespace } : {}), name });
    const t = typeByResource(resource);
    const obj = this.objects.get(this.key(resource, namespace, name));
    if (!obj) {
      return fail('NotFound', `${qualifiedResource(t)} ${JSON.stringify(name)} not found`, {
        name,
        kind: resource,
        ...(t.group ? { group: t.group } : {}),
      });
    }
    return { ok: true, value: JSON.parse(JSON.stringify(obj)) as KubeObject };
  }

  list(
    resource: ResourceName,
    namespace: string | undefined,
    opts?: { labelSelector?: string },
  ): Result<ObjectList> {
    this.calls.push({ verb: 'list', resource, ...(namespace ? { namespace } : {}) });
    const t = typeByResource(resource);
    const reqs = (opts?.labelSelector ?? '')
      .split(',')
      .filter((s) => s !== '')
      .map((s) => s.split('='));
    const items = [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${resource}/`))
      .map(([, v]) => v)
      .filter(
        (o) => !t.namespaced || namespace === undefined || o.metadata?.namespace === namespace,
      )
      .filter((o) => reqs.every(([k, v]) => o.metadata?.labels?.[k ?? ''] === v))
      .sort((a, b) => {
        const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
        const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      })
      .map((o) => JSON.parse(JSON.stringify(o)) as KubeObject);
    return {
      ok: true,
      value: {
        apiVersion: t.group ? `${t.group}/${t.version}` : t.version,
        kind: `${t.kind}List`,
        metadata: { resourceVersion: String(this.rv) },
        items,
      },
    };
  }

  update(
    resource: ResourceName,
    namespace: string | undefined,
    obj: KubeObject,
  ): Result<KubeObject> {
    this.calls.push({
      verb: 'update',
      resource,
      ...(namespace ? { namespace } : {}),
      name: obj.metadata?.name ?? '',
    });
    const cur = this.get(resource, namespace, obj.metadata?.name ?? '');
    if (!cur.ok) return cur;
    const rv = obj.metadata?.resourceVersion;
    if (rv && rv !== cur.value.metadata?.resourceVersion) {
      const t = typeByResource(resource);
      return fail(
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedResource(t)} ${JSON.stringify(obj.metadata?.name ?? '')}: the object has been modified; please apply your changes to the latest version and try again`,
        { name: obj.metadata?.name ?? '', kind: resource },
      );
    }
    this.rv++;
    const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.rv) } };
    this.objects.set(this.key(resource, namespace, obj.metadata?.name ?? ''), next);
    return { ok: true, value: next };
  }

  patch(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    opts?: { dryRun?: boolean },
  ): Result<KubeObject> {
    this.calls.push({ verb: 'patch', resource, ...(namespace ? { namespace } : {}), name });
    const cur = this.objects.get(this.key(resource, namespace, name));
    if (!cur) return this.get(resource, namespace, name);
    this.rv++;
    const merged = mergePatch(cur, patch) as KubeObject;
    const next: KubeObject = {
      ...merged,
      metadata: { ...merged.metadata, resourceVersion: String(this.rv) },
    };
    if (!opts?.dryRun) this.objects.set(this.key(resource, namespace, name), next);
    return { ok: true, value: JSON.parse(JSON.stringify(next)) as KubeObject };
  }

  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    opts?: { dryRun?: boolean },
  ): Result<KubeObject> {
    this.calls.push({ verb: 'delete', resource, ...(namespace ? { namespace } : {}), name });
    const key = this.key(resource, namespace, name);
    const cur = this.objects.get(key);
    if (!cur) return this.get(resource, namespace, name);
    if (resource === 'namespaces' && ['default', 'kube-system', 'kube-public'].includes(name)) {
      return fail(
        'Forbidden',
        `namespaces ${JSON.stringify(name)} is forbidden: this namespace may not be deleted`,
        { name, kind: 'namespaces' },
      );
    }
    if (opts?.dryRun) return { ok: true, value: cur };
    if (resource === 'namespaces') {
      // Terminating until the (fake) namespace controller runs in settle().
      const next = {
        ...cur,
        metadata: { ...cur.metadata, deletionTimestamp: rfc3339(this.now) },
        status: { phase: 'Terminating' },
      };
      this.objects.set(key, next);
      return { ok: true, value: next };
    }
    this.objects.delete(key);
    return { ok: true, value: cur };
  }

  /** What the namespace controller would finish: remove terminating namespaces and their content. */
  finalizeNamespaces(): void {
    for (const [key, obj] of [...this.objects]) {
      if (
        !key.startsWith('namespaces/') ||
        (obj.status as { phase?: string }).phase !== 'Terminating'
      )
        continue;
      const ns = obj.metadata?.name ?? '';
      for (const k of [...this.objects.keys()]) if (k.split('/')[1] === ns) this.objects.delete(k);
      this.objects.delete(key);
    }
  }
}

export const FAKE_EPOCH = Date.UTC(2026, 0, 15, 10, 0, 0);

/** A host over the fake API with a hand-driven clock; `settle` finalizes namespaces. */
export function createFakeHost(): KubectlHost & { fake: FakeApi; advance(ms: number): void } {
  const fake = new FakeApi(FAKE_EPOCH);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    fake.seed('namespaces', {
      metadata: {
        name: ns,
        creationTimestamp: rfc3339(FAKE_EPOCH - 3 * 86_400_000),
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const host = {
    fake,
    api: fake,
    fs: createWorkspace(),
    kubeconfig: createKubeconfig(),
    nowEpochMs: () => fake.now,
    advance(ms: number) {
      fake.now += ms;
    },
    settle() {
      fake.now += 1000;
      fake.finalizeNamespaces();
    },
    runUntil(pred: () => boolean, maxVirtualMs: number) {
      const end = fake.now + maxVirtualMs;
      while (fake.now < end) {
        if (pred()) return true;
        fake.now += 1000;
        fake.finalizeNamespaces();
      }
      return pred();
    },
  };
  return host;
}
