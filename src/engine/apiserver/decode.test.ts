import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { decodeFindings, structFor, withoutFields } from './decode.ts';
import { RESOURCE_NAMES, RESOURCES } from './resources.ts';

const deployment = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...meta },
    spec,
  }) as KubeObject;

describe('decoding a body as its Go struct', () => {
  it('lists unknown fields with their paths, in JSON key order', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namspace: 'x' },
      spec: { foo: 1, containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always' }] },
    } as unknown as KubeObject;
    expect(decodeFindings(pod, 'Pod')).toEqual({
      unknown: ['metadata.namspace', 'spec.containers[0].imagePullPolicyy', 'spec.foo'],
    });
  });

  it('names the first wrong JSON type as encoding/json does: struct, field path, Go type', () => {
    const cases: [KubeObject, string][] = [
      [
        deployment({ replicas: '3' }),
        'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      ],
      [
        deployment({ replicas: 1.5 }),
        'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
      ],
      [
        deployment({}, { labels: { version: 1 } }),
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
      ],
      [
        deployment({ template: { spec: { containers: { name: 'c' } } } }),
        'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
      ],
      [
        deployment({ template: { spec: { containers: [{ name: 'c', command: 'sleep 5' }] } } }),
        'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string',
      ],
      [
        deployment({ template: { spec: { terminationGracePeriodSeconds: 'x' } } }),
        'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
      ],
      [
        deployment({ paused: 'true' }),
        'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
      ],
      [
        { ...deployment({}), metadata: 'web' } as unknown as KubeObject,
        'json: cannot unmarshal string into Go struct field Deployment.metadata of type v1.ObjectMeta',
      ],
    ];
    for (const [obj, error] of cases)
      expect(decodeFindings(obj, 'Deployment').typeError).toBe(error);
  });

  it('takes quantities and int-or-strings as strings or numbers, and nulls anywhere', () => {
    const d = deployment({
      replicas: null,
      strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
      template: {
        spec: {
          containers: [
            { name: 'c', image: 'nginx', resources: { limits: { cpu: 1, memory: '128Mi' } } },
          ],
        },
      },
    });
    expect(decodeFindings(d, 'Deployment')).toEqual({ unknown: [] });
  });

  it('drops unknown fields from a copy, leaving the rest', () => {
    const obj = { spec: { foo: 1, containers: [{ name: 'c', x: 2 }] } };
    expect(withoutFields(obj, ['spec.foo', 'spec.containers[0].x'])).toEqual({
      spec: { containers: [{ name: 'c' }] },
    });
    expect(obj.spec.foo).toBe(1);
  });

  it('every object a running cluster stores decodes cleanly (the engine writes only real fields)', () => {
    const cluster = createCluster({ seed: 3 });
    const kubectl = cluster.client('kubectl');
    kubectl.create(
      'deployments',
      'default',
      deployment({
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx',
                ports: [{ containerPort: 80 }],
                readinessProbe: { httpGet: { path: '/', port: 80 } },
              },
            ],
          },
        },
      }),
    );
    kubectl.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as KubeObject);
    kubectl.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bad' },
      spec: { containers: [{ name: 'c', image: 'nginx:nope' }] },
    } as KubeObject);
    cluster.settle();
    let checked = 0;
    for (const resource of RESOURCE_NAMES) {
      const r = RESOURCES[resource];
      const struct = structFor(r.apiVersion, r.kind);
      expect(struct, resource).toBeDefined();
      const list = kubectl.list(resource, undefined);
      if (!list.ok) continue;
      for (const obj of list.value.items) {
        const found = decodeFindings(
          { ...obj, apiVersion: r.apiVersion, kind: r.kind },
          struct as string,
        );
        expect(found, `${resource}/${obj.metadata?.name}`).toEqual({ unknown: [] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('the generated schema', () => {
  it('is what scripts/gen-api-schema.mjs makes of the installed kubernetes-types', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/gen-api-schema.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
