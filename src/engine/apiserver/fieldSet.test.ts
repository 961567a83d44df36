/**
 * Field sets as structured-merge-diff builds them: what an Update owns (a comparison, `.` for
 * a map or list item it created), what an Apply owns (the configuration's fields, no `.` for
 * maps), and how a conflict prints a path.
 */
import { describe, expect, it } from 'vitest';
import { compare, type FieldType, pathString, toFieldSet, toFieldsV1, union } from './fieldSet.ts';

const DEPLOYMENT: FieldType = { k: 'struct', name: 'Deployment' };

describe('field sets', () => {
  it('an update owns what it added or changed; a new map or list item is a member too', () => {
    const before = {
      metadata: { labels: { app: 'web' } },
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    };
    const after = {
      metadata: { labels: { app: 'web' }, annotations: { note: 'x' } },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.28' },
              { name: 'side', image: 'busybox', ports: [{ containerPort: 80 }], resources: {} },
            ],
          },
        },
      },
    };
    const cmp = compare(before, after, DEPLOYMENT);
    expect(toFieldsV1(union(cmp.added, cmp.modified))).toEqual({
      'f:metadata': { 'f:annotations': { '.': {}, 'f:note': {} } },
      'f:spec': {
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': { 'f:image': {} },
              'k:{"name":"side"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                // A port's protocol defaults to TCP, and is one of its keys.
                'f:ports': {
                  '.': {},
                  'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                },
                // An empty map is a leaf.
                'f:resources': {},
              },
            },
          },
        },
      },
    });
    expect(toFieldsV1(cmp.removed)).toEqual({});
  });

  it("an apply owns its configuration's fields: maps have no member of their own, a selector is atomic", () => {
    const config = {
      metadata: { labels: { team: 'a' }, finalizers: ['example.com/keep'] },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'A', value: '1' }] }] } },
      },
    };
    expect(toFieldsV1(toFieldSet(config, DEPLOYMENT))).toEqual({
      'f:metadata': {
        'f:finalizers': { 'v:"example.com/keep"': {} },
        'f:labels': { 'f:team': {} },
      },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                'f:name': {},
              },
            },
          },
        },
      },
    });
  });

  it('prints paths as conflicts name them', () => {
    expect(
      pathString([
        'f:spec',
        'f:template',
        'f:spec',
        'f:containers',
        'k:{"name":"nginx"}',
        'f:image',
      ]),
    ).toBe('.spec.template.spec.containers[name="nginx"].image');
    expect(
      pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}', 'f:targetPort']),
    ).toBe('.spec.ports[port=80,protocol="TCP"].targetPort');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"example.com/keep"'])).toBe(
      '.metadata.finalizers[="example.com/keep"]',
    );
  });
});
