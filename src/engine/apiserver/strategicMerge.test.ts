/**
 * Strategic merge patch as strategicpatch applies it on the API server: merge keys and patch
 * strategies of the built-in types, `null` deletes, the directives, list order, and the errors.
 */
import { describe, expect, it } from 'vitest';
import { POD_SCHEMA, schemaOf } from './patchMeta.ts';
import { StrategicMergeError, strategicMergePatch } from './strategicMerge.ts';

const pod = () => ({
  metadata: { name: 'p', labels: { app: 'web', tier: 'front' }, finalizers: ['a/x', 'b/y'] },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
      { name: 'log', image: 'busybox' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'a', operator: 'Exists' }],
    imagePullSecrets: [{ name: 'reg' }],
  },
});

const smp = (patch: Record<string, unknown>, original: Record<string, unknown> = pod()) =>
  strategicMergePatch(original, patch, POD_SCHEMA) as ReturnType<typeof pod>;

describe('strategic merge patch', () => {
  it('merges containers by name and leaves the input alone', () => {
    const original = pod();
    const out = smp({ spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }, original);
    expect(out.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['web', 'nginx:1.27'],
      ['log', 'busybox'],
    ]);
    expect(out.spec.containers[0]?.env).toHaveLength(2);
    expect(original.spec.containers[0]?.image).toBe('nginx');
  });

  it('puts a new list item first, patch items in the patch order', () => {
    const out = smp({ spec: { containers: [{ name: 'side', image: 'envoy' }] } });
    expect(out.spec.containers.map((c) => c.name)).toEqual(['side', 'web', 'log']);
    const env = smp({
      spec: {
        containers: [
          {
            name: 'web',
            env: [
              { name: 'C', value: '3' },
              { name: 'A', value: '9' },
            ],
          },
        ],
      },
    }).spec.containers[0]?.env;
    expect(env).toEqual([
      { name: 'C', value: '3' },
      { name: 'A', value: '9' },
      { name: 'B', value: '2' },
    ]);
  });

  it('uses each field’s merge key: ports by containerPort, mounts by mountPath', () => {
    const out = smp({
      spec: {
        containers: [
          {
            name: 'web',
            ports: [{ containerPort: 80, name: 'http' }],
            volumeMounts: [{ mountPath: '/data', readOnly: true }],
          },
        ],
      },
    });
    const web = out.spec.containers[0] as Record<string, unknown>;
    expect(web.ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }]);
    expect(web.volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true }]);
  });

  it('replaces lists without a patch strategy (tolerations, node taints)', () => {
    const out = smp({ spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } });
    expect(out.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    const node = { spec: { taints: [{ key: 'x', effect: 'NoSchedule' }] } };
    const patched = strategicMergePatch(
      node,
      { spec: { taints: [{ key: 'y', effect: 'NoExecute' }] } },
      schemaOf('nodes'),
    );
    expect(patched).toEqual({ spec: { taints: [{ key: 'y', effect: 'NoExecute' }] } });
  });

  it('merges a primitive list with a merge strategy as a set (finalizers)', () => {
    expect(smp({ metadata: { finalizers: ['b/y', 'c/z'] } }).metadata.finalizers).toEqual([
      'a/x',
      'b/y',
      'c/z',
    ]);
    // An empty list merges nothing in: finalizers stay (the well-known surprise).
    expect(smp({ metadata: { finalizers: [] } }).metadata.finalizers).toEqual(['a/x', 'b/y']);
    expect(smp({ metadata: { finalizers: null } }).metadata).not.toHaveProperty('finalizers');
    expect(
      smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a/x'] } }).metadata.finalizers,
    ).toEqual(['b/y']);
  });

  it('null deletes a key; maps merge', () => {
    const out = smp({ metadata: { labels: { tier: null, new: 'yes' } } });
    expect(out.metadata.labels).toEqual({ app: 'web', new: 'yes' });
  });

  it('$patch: replace and delete, in maps and in lists', () => {
    expect(smp({ metadata: { labels: { $patch: 'replace', only: '1' } } }).metadata.labels).toEqual(
      { only: '1' },
    );
    expect(smp({ metadata: { labels: { $patch: 'delete' } } }).metadata.labels).toEqual({});
    expect(
      smp({ spec: { containers: [{ name: 'log', $patch: 'delete' }] } }).spec.containers.map(
        (c) => c.name,
      ),
    ).toEqual(['web']);
    expect(
      smp({ spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } }).spec
        .containers,
    ).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('$retainKeys clears the keys not listed', () => {
    const d = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const out = strategicMergePatch(
      d,
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      schemaOf('deployments'),
    );
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
  });

  it('$setElementOrder sets the order of a merged list', () => {
    const out = smp({
      spec: {
        '$setElementOrder/containers': [{ name: 'log' }, { name: 'web' }],
        containers: [{ name: 'web', image: 'nginx:2' }],
      },
    });
    expect(out.spec.containers.map((c) => c.name)).toEqual(['log', 'web']);
  });

  it('refuses what strategicpatch refuses, with its words', () => {
    const err = (patch: Record<string, unknown>) => {
      try {
        smp(patch);
      } catch (e) {
        if (e instanceof StrategicMergeError) return [e.kind, e.message];
      }
      return undefined;
    };
    expect(err({ spec: { containers: [{ image: 'httpd' }] } })).toEqual([
      'Unknown',
      'map: map[image:httpd] does not contain declared merge key: name',
    ]);
    expect(err({ metadata: { labels: { $patch: 'bogus' } } })).toEqual([
      'Unknown',
      'unknown patch type: bogus in map: map[$patch:bogus]',
    ]);
    expect(err({ metadata: { $retainKeys: 'x' } })).toEqual([
      'BadRequest',
      'invalid patch format of retainKeys',
    ]);
    expect(err({ spec: { containers: [{ name: 'web', env: [['x']] }] } })).toEqual([
      'Unknown',
      'list element types are not identical: [[map[name:A value:1] map[name:B value:2]] [[x]]]',
    ]);
    expect(() =>
      strategicMergePatch(
        { spec: { containers: [{ name: 'web', env: [] }] } },
        { spec: { containers: [{ name: 'web', env: [['x']] }] } },
        POD_SCHEMA,
      ),
    ).toThrow('lists of lists are not supported');
  });
});
