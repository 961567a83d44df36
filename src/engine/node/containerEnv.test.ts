import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import {
  containerEnvironment,
  expandReferences,
  type ObjectData,
  processInputs,
} from './containerEnv.ts';

const pod: KubeObject = {
  metadata: {
    name: 'dapi',
    namespace: 'team',
    uid: 'u-1',
    labels: { app: 'demo' },
    annotations: { 'batch.kubernetes.io/job-completion-index': '3' },
  },
  spec: { nodeName: 'node2', serviceAccountName: 'default' },
};

const data: ObjectData = (resource, name): Record<string, string> | undefined => {
  if (resource === 'configmaps' && name === 'cfg') return { 'special.how': 'very', mode: 'fast' };
  if (resource === 'secrets' && name === 'creds') return { password: btoa('s3cr3t') };
  return undefined;
};

describe('the container environment (makeEnvironmentVariables)', () => {
  it('expands $(NAME) as Kubernetes does: known names, unknown ones kept, $$ escaped', () => {
    const env = new Map([
      ['GREETING', 'Warm greetings to'],
      ['NAME', 'Kubernetes'],
    ]);
    expect(expandReferences('$(GREETING) $(NAME)', env)).toBe('Warm greetings to Kubernetes');
    expect(expandReferences('$(MISSING) and $$(NAME)', env)).toBe('$(MISSING) and $(NAME)');
    expect(expandReferences('cost $5, $(NAME', env)).toBe('cost $5, $(NAME');
    expect(expandReferences('trailing $', env)).toBe('trailing $');
  });

  it('reads envFrom first, then env in order; values see only variables defined before them', () => {
    const env = containerEnvironment(
      pod,
      {
        envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
        env: [
          { name: 'EARLY', value: '$(LATE)-$(CFG_mode)' },
          { name: 'LATE', value: 'late' },
          { name: 'CFG_mode', value: 'slow' },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
          { name: 'HOW', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'special.how' } } },
          {
            name: 'GONE',
            valueFrom: { configMapKeyRef: { name: 'nope', key: 'x', optional: true } },
          },
        ],
      },
      data,
    );
    // A ConfigMap key with a dot makes a valid variable name (IsEnvVarName allows dots).
    expect([...env]).toEqual([
      ['CFG_special.how', 'very'],
      ['CFG_mode', 'slow'],
      ['EARLY', '$(LATE)-fast'],
      ['LATE', 'late'],
      ['PASSWORD', 's3cr3t'],
      ['HOW', 'very'],
    ]);
  });

  it('gives the downward API fields, and HOSTNAME to the process only', () => {
    const spec = {
      env: [
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        {
          name: 'IX',
          valueFrom: {
            fieldRef: {
              fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
            },
          },
        },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      ],
      command: ['echo', '$(POD) on $(NODE)', '$(HOSTNAME)'],
    };
    const inputs = processInputs(pod, spec, data, { podIP: '10.244.2.7', hostIP: '172.18.0.4' });
    expect(inputs.command).toEqual(['echo', 'dapi on node2', '$(HOSTNAME)']);
    expect(Object.fromEntries(inputs.vars)).toEqual({
      NODE: 'node2',
      POD: 'dapi',
      NS: 'team',
      APP: 'demo',
      IX: '3',
      IP: '10.244.2.7',
      HOST_IP: '172.18.0.4',
      HOSTNAME: 'dapi',
    });
  });
});
