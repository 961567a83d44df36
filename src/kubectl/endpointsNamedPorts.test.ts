/**
 * A Service whose targetPort is a name: the endpoints controller resolves it in each pod's
 * container ports (podutil.FindPort, name and protocol); a pod without that port is left out.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('Endpoints of a named target port', () => {
  it('lists only the pods that name the port, with its number', () => {
    const { run, host } = engineSession(3);
    run('kubectl create deployment plain --image=nginx');
    run('kubectl expose deployment plain --port=80 --target-port=http');
    expect(run('kubectl get endpoints plain').out).toMatch(
      /^NAME +ENDPOINTS +AGE\nplain +<none> +\S+\n$/,
    );
    expect(run('kubectl exec deploy/plain -- curl -sS plain').err).toBe(
      'curl: (7) Failed to connect to plain port 80 after 0 ms: Could not connect to server\ncommand terminated with exit code 7\n',
    );
    host.fs.write(
      'named.yaml',
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: named',
        '  labels:',
        '    app: plain',
        'spec:',
        '  containers:',
        '  - name: nginx',
        '    image: nginx',
        '    ports:',
        '    - name: http',
        '      containerPort: 80',
        '',
      ].join('\n'),
    );
    run('kubectl apply -f named.yaml');
    const ip = run('kubectl get pod named -o jsonpath={.status.podIP}').out;
    expect(run('kubectl get endpoints plain -o jsonpath={.subsets}').out).toBe(
      JSON.stringify([
        {
          addresses: [
            {
              ip,
              nodeName: run('kubectl get pod named -o jsonpath={.spec.nodeName}').out,
              targetRef: {
                kind: 'Pod',
                name: 'named',
                namespace: 'default',
                uid: run('kubectl get pod named -o jsonpath={.metadata.uid}').out,
              },
            },
          ],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      ]),
    );
  });
});
