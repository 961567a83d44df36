import { describe, expect, it } from 'vitest';
import { answerPrompt, readsAsProse, stderrParts, transcriptText } from './Console.tsx';
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

describe('console transcript after kubectl edit', () => {
  it('what closing the editor printed follows the `kubectl edit` line, without a prompt', () => {
    expect(
      transcriptText([
        { id: 1, line: 'kubectl edit deploy web', stdout: '', stderr: '', exitCode: 0 },
        { id: 2, line: '', stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 },
      ]),
    ).toBe('$ kubectl edit deploy web\ndeployment.apps/web edited\n');
  });
});

describe('console transcript in print order', () => {
  it('shows a warning printed before the line it warns about before that line', () => {
    expect(
      transcriptText([
        {
          id: 1,
          line: 'kubectl apply -f web.yaml',
          stdout: 'deployment.apps/web configured\n',
          stderr: 'Warning: resource deployments/web is missing …\n',
          exitCode: 0,
          output: [
            { err: true, text: 'Warning: resource deployments/web is missing …\n' },
            { err: false, text: 'deployment.apps/web configured\n' },
          ],
        },
      ]),
    ).toBe(
      '$ kubectl apply -f web.yaml\nWarning: resource deployments/web is missing …\n' +
        'deployment.apps/web configured\n',
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

describe('the input prompt while kubectl waits for an answer', () => {
  it('is the question’s choices, the rest being the output line above', () => {
    expect(answerPrompt('Do you want to continue? (y/n): ')).toBe('(y/n):');
    expect(answerPrompt('Proceed? ')).toBe('?');
  });
});

describe('which standard output wraps at the box edge', () => {
  it('wraps prose: questions, result lines, YAML', () => {
    expect(
      readsAsProse(
        'You are about to delete the following 1 resource(s):\nnamespace/default\nDo you want to continue? (y/n): ',
      ),
    ).toBe(true);
    expect(readsAsProse('deployment.apps/web created\n')).toBe(true);
    expect(readsAsProse('apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: web\n')).toBe(
      true,
    );
  });
  it('keeps columns whole: tables, describe, explain', () => {
    expect(
      readsAsProse(
        'NAME                   READY   STATUS    RESTARTS   AGE\nweb-7d4b9c8f6-x2k4p    1/1     Running   0          5s\n',
      ),
    ).toBe(false);
    expect(readsAsProse('Name:             web-7d4b9c8f6-x2k4p\nNamespace:        default\n')).toBe(
      false,
    );
    expect(readsAsProse('FIELDS:\n  apiVersion\t<string>\n')).toBe(false);
  });
});

describe('stderrParts: kubectl -v=N log lines apart from errors', () => {
  it('cuts klog lines (and a dumped Status under one) from the warnings and errors around them', () => {
    const text = [
      'I0106 00:00:25.001219    3102 round_trippers.go:560] GET https://172.18.0.2:6443/api/v1/namespaces/default/pods/nope 404 Not Found in 7 milliseconds',
      'I0106 00:00:25.001547    3102 helpers.go:246] server response object: %s[{',
      '  "kind": "Status",',
      '  "code": 404',
      '}]',
      'Error from server (NotFound): pods "nope" not found',
      '',
    ].join('\n');
    const parts = stderrParts(text);
    expect(parts.map((p) => p.log)).toEqual([true, false]);
    expect(parts[0]?.text.endsWith('}]\n')).toBe(true);
    expect(parts[1]?.text).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('stderr without klog lines is one part', () => {
    expect(stderrParts('Warning: x\nerror: y\n')).toEqual([
      { text: 'Warning: x\nerror: y\n', log: false },
    ]);
  });
});
