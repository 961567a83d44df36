import { describe, expect, it } from 'vitest';
import { transcriptText } from './Console.tsx';
import { podCounts } from './NamespacePanel.tsx';

describe('console transcript (what Copy puts on the clipboard)', () => {
  it('reads like the headless runner: `$ line`, stdout, then stderr', () => {
    expect(
      transcriptText([
        {
          id: 1,
          line: 'kubectl create namespace blue',
          stdout: 'namespace/blue created\n',
          stderr: '',
          exitCode: 0,
        },
        {
          id: 2,
          line: 'kubectl get pdos',
          stdout: '',
          stderr: 'error: the server doesn\'t have a resource type "pdos"\n',
          exitCode: 1,
        },
      ]),
    ).toBe(
      '$ kubectl create namespace blue\nnamespace/blue created\n' +
        '$ kubectl get pdos\nerror: the server doesn\'t have a resource type "pdos"\n',
    );
  });
});

describe('namespace pod counts', () => {
  it('counts pods per namespace, namespaces without pods absent', () => {
    const counts = podCounts([
      { namespace: 'kube-system' },
      { namespace: 'blue' },
      { namespace: 'kube-system' },
    ]);
    expect([...counts]).toEqual([
      ['kube-system', 2],
      ['blue', 1],
    ]);
    expect(counts.get('default')).toBeUndefined();
  });
});
