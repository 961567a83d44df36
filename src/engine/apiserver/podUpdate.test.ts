/**
 * ValidatePodUpdate (audit 9 #3): a pod's spec may change only in its images, activeDeadlineSeconds,
 * tolerations and terminationGracePeriodSeconds; anything else is Forbidden with go-cmp's diff.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const FIRST_LINE =
  'The Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function session() {
  const s = engineSession(4);
  s.run(
    'kubectl run nginx --image=nginx --port=80 --labels=app=nginx --dry-run=client -o yaml > nginx.yaml',
  );
  s.run('kubectl apply -f nginx.yaml');
  return s;
}

describe('pod updates', () => {
  it('apply of a changed env is refused with the diff; the pod keeps its spec', () => {
    const { run } = session();
    run(
      'kubectl run nginx --image=nginx --port=80 --labels=app=nginx --env=A=1 --dry-run=client -o yaml > n2.yaml',
    );
    const r = run('kubectl apply -f n2.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines[0]).toBe(FIRST_LINE);
    expect(lines.slice(1, 3)).toEqual([
      '  core.PodSpec{',
      expect.stringMatching(
        /^ {2}\tVolumes: {8}\{\{Name: "kube-api-access-\w{5}", VolumeSource: \{Projected: &\{Sources: \{\{ServiceAccountToken: &\{ExpirationSeconds: 3607, Path: "token"\}\}, \{ConfigMap: &\{LocalObjectReference: \{Name: "kube-root-ca\.crt"\}, Items: \{\{Key: "ca\.crt", Path: "ca\.crt"\}\}\}\}, \{DownwardAPI: &\{Items: \{\{Path: "namespace", FieldRef: &\{APIVersion: "v1", FieldPath: "metadata\.namespace"\}\}\}\}\}\}, DefaultMode: &420\}\}\}\},$/,
      ),
    ]);
    expect(lines.slice(3)).toEqual([
      '  \tInitContainers: nil,',
      '  \tContainers: []core.Container{',
      '  \t\t{',
      '  \t\t\t... // 5 identical fields',
      '  \t\t\tPorts:        {{ContainerPort: 80, Protocol: "TCP"}},',
      '  \t\t\tEnvFrom:      nil,',
      '- \t\t\tEnv:          nil,',
      '+ \t\t\tEnv:          []core.EnvVar{{Name: "A", Value: "1"}},',
      '  \t\t\tResources:    {},',
      '  \t\t\tResizePolicy: nil,',
      '  \t\t\t...',
      '  \t\t},',
      '  \t},',
      '  \tEphemeralContainers: nil,',
      '  \tRestartPolicy:       "Always",',
      '  \t...',
      '  }',
      '',
    ]);
    expect(run(`kubectl get pod nginx -o jsonpath='{.spec.containers[0].env}'`).out).toBe('');
  });

  it('replace of the bare manifest differs in what the server added: refused', () => {
    const { run } = session();
    const r = run('kubectl replace -f nginx.yaml');
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(FIRST_LINE);
    expect(r.err).toMatch(/\n- \tServiceAccountName: +"default",\n\+ \tServiceAccountName: +"",\n/);
    expect(r.err).toMatch(/\n\+ \tNodeName: +"",\n/);
  });

  it('images, labels and an unchanged manifest still pass; containers cannot be added', () => {
    const { run } = session();
    expect(run('kubectl set image pod/nginx nginx=nginx:1.26').out).toBe(
      'pod/nginx image updated\n',
    );
    expect(run('kubectl label pod nginx tier=web').out).toBe('pod/nginx labeled\n');
    expect(run('kubectl apply -f nginx.yaml').code).toBe(0);
    run(
      `kubectl run nginx --image=nginx --dry-run=client -o json --overrides='{"spec":{"containers":[{"name":"nginx","image":"nginx"},{"name":"side","image":"busybox"}]}}' > two.json`,
    );
    const r = run('kubectl apply -f two.json');
    expect(r.err).toBe(
      'The Pod "nginx" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n',
    );
  });
});
