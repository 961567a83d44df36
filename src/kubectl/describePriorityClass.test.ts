/**
 * `kubectl describe priorityclass` prints its annotations with labels.FormatLabels on one line
 * (kubectl's last-applied-configuration included, whose trailing newline leaves a blank line
 * before Events), as kubectl 1.32.5 does.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('describe priorityclass', () => {
  it('shows an applied class with its last-applied annotation on the Annotations line', () => {
    const { run } = engineSession(3);
    run(
      "kubectl create priorityclass high --value=100000 --description='for critical apps' --preemption-policy=Never --dry-run=client -o yaml > gen.yaml && kubectl apply -f gen.yaml",
    );
    expect(run('kubectl describe priorityclass high')).toEqual({
      out: `Name:              high
Value:             100000
GlobalDefault:     false
PreemptionPolicy:  Never
Description:       for critical apps
Annotations:       kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"scheduling.k8s.io/v1","description":"for critical apps","kind":"PriorityClass","metadata":{"annotations":{},"creationTimestamp":null,"name":"high"},"preemptionPolicy":"Never","value":100000}

Events:  <none>
`,
      err: '',
      code: 0,
    });
  });

  it('joins several annotations with commas, sorted', () => {
    const { run } = engineSession(3);
    run('kubectl create priorityclass low --value=10');
    run('kubectl annotate pc low b=2 a=1');
    expect(run('kubectl describe pc low').out).toContain(
      'Annotations:       a=1,b=2\nEvents:            <none>\n',
    );
  });
});
