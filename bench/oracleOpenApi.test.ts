/**
 * The oracle bridge's OpenAPI v3 documents have the shapes kube-apiserver publishes and that
 * kubectl 1.32 reads: the `/openapi/v3` index of group-version paths with a content hash, each
 * kind's schema tagged with x-kubernetes-group-version-kind, fields naming types through
 * `allOf: [{$ref}]`, and PATCH operations listing the fieldValidation query parameter.
 */
import { describe, expect, it } from 'vitest';
import { discoveryEntries } from '../src/kubectl/commands/misc.ts';
import explainSchema from '../src/kubectl/explain/explainSchema.generated.ts';
import { openApiV3Document, openApiV3Index } from './oracleOpenApi.ts';

describe('the bridge OpenAPI v3 documents', () => {
  const entries = discoveryEntries();
  const core = openApiV3Document(explainSchema, entries, 'v1', 'v1.32.2') as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };

  it('serves each kind’s operations with its group version kind, PATCH with fieldValidation', () => {
    const pod = core.paths['/api/v1/namespaces/{namespace}/pods/{name}'];
    expect(pod?.patch?.['x-kubernetes-group-version-kind']).toEqual({
      group: '',
      kind: 'Pod',
      version: 'v1',
    });
    expect(pod?.patch?.parameters).toContainEqual({
      name: 'fieldValidation',
      in: 'query',
      schema: { type: 'string' },
    });
    // Cluster-scoped paths have no namespace; create-only kinds only a POST.
    expect(core.paths['/api/v1/nodes']?.get).toBeDefined();
    expect(Object.keys(core.paths['/api/v1/namespaces/{namespace}/bindings'] ?? {})).toEqual([
      'post',
    ]);
  });

  it('describes the kinds from the explain data: refs, lists, maps and required fields', () => {
    const pod = core.components.schemas.Pod;
    expect(pod?.['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
    const spec = core.components.schemas.PodSpec as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(spec.required).toContain('containers');
    expect(spec.properties.containers).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/Container' },
    });
    expect(spec.properties.nodeSelector).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(spec.properties.securityContext?.allOf).toEqual([
      { $ref: '#/components/schemas/PodSecurityContext' },
    ]);
    // Every type a kind reaches is in the document.
    for (const s of Object.values(core.components.schemas)) {
      for (const ref of JSON.stringify(s).match(/#\/components\/schemas\/[^"]+/g) ?? [])
        expect(core.components.schemas[ref.split('/').pop() as string]).toBeDefined();
    }
  });

  it('indexes each group version’s document under its path with a hash of its content', () => {
    const index = openApiV3Index(new Map([['v1', core]])) as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    expect(index.paths['api/v1']?.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/,
    );
  });
});
