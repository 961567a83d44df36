/** `kubectl run --overrides` on the simulated cluster: the patched Pod is what the server gets. */
import { describe, expect, it } from 'vitest';
import { applyOverrides, OverrideError } from './overrides.ts';
import { engineSession } from './testing/engineSession.ts';

const session = () => engineSession(5);

describe('kubectl run --overrides', () => {
  it('merge (the default) replaces the container list: a 100-CPU request fits no node', () => {
    const { run } = session();
    expect(
      run(
        `kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"100"}}}]}}'`,
      ).out,
    ).toBe('pod/big created\n');
    expect(run('kubectl get pod big').out).toMatch(/^big +0\/1 +Pending +0 /m);
    expect(run('kubectl describe pod big').out).toContain('Warning  FailedScheduling  ');
    expect(run('kubectl describe pod big').out).toContain(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.',
    );
  });

  it('a nodeSelector override pins the pod to that node', () => {
    const { run } = session();
    run(
      `kubectl run sel --image=nginx --overrides='{"spec":{"nodeSelector":{"kubernetes.io/hostname":"node2"}}}'`,
    );
    expect(run("kubectl get pod sel -o jsonpath='{.spec.nodeName} {.status.phase}'").out).toBe(
      'node2 Running',
    );
  });

  it('strategic merges containers by name; json applies RFC 6902 operations', () => {
    const { run } = session();
    run(
      `kubectl run s --image=nginx --override-type=strategic --overrides='{"spec":{"containers":[{"name":"s","resources":{"limits":{"cpu":"100m","memory":"64Mi"}}}]}}'`,
    );
    expect(
      run(
        "kubectl get pod s -o jsonpath='{.spec.containers[0].image} {.spec.containers[0].resources.limits} {.status.qosClass}'",
      ).out,
    ).toBe('nginx {"cpu":"100m","memory":"64Mi"} Guaranteed');
    run(
      `kubectl run j --image=nginx --override-type=json --overrides='[{"op":"add","path":"/metadata/labels/tier","value":"web"}]'`,
    );
    expect(run("kubectl get pod j -o jsonpath='{.metadata.labels}'").out).toBe(
      '{"run":"j","tier":"web"}',
    );
  });

  it('bad overrides are refused with kubectl texts and create nothing', () => {
    const { run } = session();
    expect(run(`kubectl run bad --image=nginx --overrides='{not json'`)).toEqual({
      out: '',
      err: 'error: Invalid JSON Patch\n',
      code: 1,
    });
    // Overrider.Apply checks the type, first, only when there are overrides (real kubectl 1.32.5).
    expect(run(`kubectl run x --image=nginx --override-type=foo --overrides='{not json'`)).toEqual({
      out: '',
      err: 'error: invalid override type: foo\n',
      code: 1,
    });
    expect(
      run(
        `kubectl run j2 --image=nginx --override-type=json --overrides='[{"op":"replace","path":"/spec/nope/x","value":1}]'`,
      ).err,
      // json-patch v4 wraps its cause with pkg/errors: the message ends in ": missing value".
    ).toBe(
      'error: replace operation does not apply: doc is missing path: /spec/nope/x: missing value\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});

describe('applyOverrides', () => {
  const pod = {
    metadata: { name: 'p', labels: { run: 'p' } },
    spec: { containers: [{ name: 'p', image: 'nginx' }] },
  };

  it('merge: null deletes a key; the input is not changed', () => {
    const out = applyOverrides(pod, '{"metadata":{"labels":null}}', 'merge');
    expect(out.metadata).toEqual({ name: 'p' });
    expect(pod.metadata.labels).toEqual({ run: 'p' });
  });

  it('strategic: a container new to the list comes first (mergeSortedSlice)', () => {
    const out = applyOverrides(
      pod,
      '{"spec":{"containers":[{"name":"side","image":"busybox"}]}}',
      'strategic',
    );
    expect(out.spec.containers.map((c) => c.name)).toEqual(['side', 'p']);
  });

  it('json: remove and a bad op', () => {
    expect(
      applyOverrides(pod, '[{"op":"remove","path":"/metadata/labels"}]', 'json').metadata,
    ).toEqual({ name: 'p' });
    expect(() => applyOverrides(pod, '[{"op":"move","path":"/metadata"}]', 'json')).toThrow(
      OverrideError,
    );
    expect(() => applyOverrides(pod, '{"op":"add"}', 'json')).toThrow('Invalid JSON Patch');
  });
});

describe('kubectl run --overrides: the result decoded back into a typed Pod (real kubectl 1.32.5)', () => {
  const yaml = (name: string, spec: string) => `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: ${name}
  name: ${name}
spec:
${spec}  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;
  it('drops fields a Pod has no place for', () => {
    const { run } = engineSession(1);
    expect(
      run(`kubectl run u1 --image=nginx --overrides='{"spec":{"foo":1}}' --dry-run=client -o yaml`)
        .out,
    ).toBe(yaml('u1', '  containers:\n  - image: nginx\n    name: u1\n    resources: {}\n'));
    expect(
      run(
        `kubectl run u3 --image=nginx --overrides='{"spec":{"containers":[{"name":"u3","image":"nginx","bogus":true}]}}' --dry-run=client -o yaml`,
      ).out,
    ).toBe(yaml('u3', '  containers:\n  - image: nginx\n    name: u3\n    resources: {}\n'));
  });

  it('writes a removed containers list as null (PodSpec.containers has no omitempty)', () => {
    const { run } = engineSession(1);
    expect(
      run(
        `kubectl run u5 --image=nginx --overrides='{"spec":{"containers":null}}' --dry-run=client -o yaml`,
      ).out,
    ).toBe(yaml('u5', '  containers: null\n'));
  });

  it('refuses a kind the scheme does not have and a document that is no object', () => {
    const { run } = engineSession(1);
    expect(
      run(
        `kubectl run u4 --image=nginx --overrides='{"kind":"Deployment"}' --dry-run=client -o yaml`,
      ),
    ).toEqual({
      out: '',
      err: 'error: no kind "Deployment" is registered for version "v1" in scheme "pkg/scheme/scheme.go:28"\n',
      code: 1,
    });
    expect(run(`kubectl run u6 --image=nginx --overrides='[]' --dry-run=client -o yaml`)).toEqual({
      out: '',
      err: 'error: couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }\n',
      code: 1,
    });
  });
});
