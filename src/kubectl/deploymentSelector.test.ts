/**
 * A Deployment (or ReplicaSet) without `spec.selector` (audit 9 #18): ValidateDeploymentSpec
 * reports the Required selector and then the template check against labels.Nothing(); an
 * empty selector is refused for itself.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const manifest = (kind: string, selector: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web2
spec:
${selector}  template:
    metadata:
      labels:
        app: x
    spec:
      containers:
      - name: nginx
        image: nginx
`;

describe('apps/v1 manifests without a selector', () => {
  it('a Deployment gets both errors', () => {
    const { run, host } = engineSession(14);
    host.fs.write('d.yaml', manifest('Deployment', ''));
    expect(run('kubectl apply -f d.yaml')).toEqual({
      out: '',
      err: 'The Deployment "web2" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`\n',
      code: 1,
    });
    host.fs.write('rs.yaml', manifest('ReplicaSet', ''));
    expect(run('kubectl create -f rs.yaml').err).toBe(
      'The ReplicaSet "web2" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`\n',
    );
  });

  it('an empty selector is invalid for itself', () => {
    const { run, host } = engineSession(14);
    host.fs.write('d.yaml', manifest('Deployment', '  selector: {}\n'));
    expect(run('kubectl apply -f d.yaml').err).toBe(
      'The Deployment "web2" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment\n',
    );
  });
});
