/**
 * `kubectl describe serviceaccount` marks an image pull secret or a mountable secret that does
 * not exist in the namespace `(not found)` (describeServiceAccount's missingSecrets), as
 * kubectl 1.32.5 prints it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('describe serviceaccount with secrets that are not there', () => {
  it('marks the missing ones (not found) and leaves existing ones plain', () => {
    const { run } = engineSession(3);
    run('kubectl create secret generic creds --from-literal=a=1');
    run(
      "printf 'apiVersion: v1\\nkind: ServiceAccount\\nmetadata:\\n  name: bot\\nimagePullSecrets:\\n- name: reg\\n- name: creds\\nsecrets:\\n- name: bot-token\\n- name: creds\\n' > sa.yaml && kubectl apply -f sa.yaml",
    );
    expect(run('kubectl describe sa bot')).toEqual({
      out: `Name:                bot
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  reg (not found)
                     creds
Mountable secrets:   bot-token (not found)
                     creds
Tokens:              <none>
Events:              <none>
`,
      err: '',
      code: 0,
    });
  });
});
