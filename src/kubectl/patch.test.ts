/**
 * `kubectl patch` as 1.32 answers it: strategic merge by default, `--type merge|json`, the
 * cluster reacting to the patched object, `(no change)`, and the client's and the server's
 * errors in their own words.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const withWeb = () => {
  const s = engineSession();
  s.run('kubectl create deployment web --image=nginx');
  return s;
};

const rv = (run: ReturnType<typeof engineSession>['run'], what: string) =>
  run(`kubectl get ${what} -o jsonpath='{.metadata.resourceVersion}'`).out;

describe('kubectl patch', () => {
  it('patches replicas: the Deployment scales, and the same patch again is "(no change)"', () => {
    const { run } = withWeb();
    expect(run(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).toEqual({
      out: 'deployment.apps/web patched\n',
      err: '',
      code: 0,
    });
    const pods = run('kubectl get pods -o name').out.trim().split('\n');
    expect(pods).toHaveLength(3);
    const before = rv(run, 'deploy web');
    expect(run(`kubectl patch deploy web -p '{"spec":{"replicas":3}}'`).out).toBe(
      'deployment.apps/web patched (no change)\n',
    );
    // Nothing was written: the resourceVersion stays.
    expect(rv(run, 'deploy web')).toBe(before);
  });

  it('strategic merge of containers by name changes the image: a rollout follows', () => {
    const { run } = withWeb();
    expect(
      run(
        `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'`,
      ).out,
    ).toBe('deployment.apps/web patched\n');
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].image}'").out,
    ).toBe('nginx:1.27');
    expect(run('kubectl get rs -o name').out.trim().split('\n')).toHaveLength(2);
    expect(run('kubectl rollout status deploy web').out).toContain('successfully rolled out');
    // Without the merge key the server refuses the list item.
    expect(
      run(
        `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"image":"httpd"}]}}}}'`,
      ),
    ).toEqual({
      out: '',
      err: 'Error from server: map: map[image:httpd] does not contain declared merge key: name\n',
      code: 1,
    });
  });

  it('--type merge replaces the container list', () => {
    const { run } = withWeb();
    run(
      `kubectl patch deploy web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"httpd"}]}}}}'`,
    );
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].name}'").out,
    ).toBe('app');
    // A merge patch that leaves out a required field is the server's Invalid.
    expect(
      run(
        `kubectl patch deploy web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"x"}]}}}}'`,
      ).err,
    ).toBe(
      'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value\n',
    );
  });

  it('--type json: operations, a failing test, a bad path', () => {
    const { run } = withWeb();
    expect(
      run(
        `kubectl patch deploy web --type json -p '[{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":2}]'`,
      ).out,
    ).toBe('deployment.apps/web patched\n');
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('2');
    const refused = {
      out: '',
      err: 'The request is invalid: the server rejected our request due to an error in our request\n',
      code: 1,
    };
    expect(
      run(
        `kubectl patch deploy web --type=json -p '[{"op":"test","path":"/spec/replicas","value":5}]'`,
      ),
    ).toEqual(refused);
    expect(
      run(
        `kubectl patch deploy web --type=json -p '[{"op":"add","path":"/spec/nope/x","value":1}]'`,
      ),
    ).toEqual(refused);
    expect(run(`kubectl patch deploy web --type=json -p '{"op":"add"}'`).err).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    );
    // Applied by kubectl itself (client dry run), json-patch's own words.
    expect(
      run(
        `kubectl patch deploy web --type=json --dry-run=client -p '[{"op":"remove","path":"/metadata/labels/nope"}]'`,
      ).err,
    ).toBe(
      "error: error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value\n",
    );
  });

  it('cordons a node and replaces its taints', () => {
    const { run } = engineSession();
    expect(run(`kubectl patch node node1 -p '{"spec":{"unschedulable":true}}'`).out).toBe(
      'node/node1 patched\n',
    );
    expect(run('kubectl get node node1').out).toContain('Ready,SchedulingDisabled');
    run(
      `kubectl patch node node2 -p '{"spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]}}'`,
    );
    expect(run("kubectl get node node2 -o jsonpath='{.spec.taints}'").out).toBe(
      '[{"effect":"NoSchedule","key":"dedicated","value":"gpu"}]',
    );
  });

  it('removing the finalizer of a stuck object lets it go', () => {
    const { run } = engineSession();
    run(
      `echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"stuck","finalizers":["example.com/hold"]}}' > cm.json`,
    );
    run('kubectl apply -f cm.json');
    run('kubectl delete configmap stuck --wait=false');
    expect(run('kubectl get cm stuck -o name').out).toBe('configmap/stuck\n');
    // A strategic merge of an empty list merges nothing in: the finalizer stays.
    expect(run(`kubectl patch cm stuck -p '{"metadata":{"finalizers":[]}}'`).out).toBe(
      'configmap/stuck patched (no change)\n',
    );
    expect(
      run(`kubectl patch cm stuck --type=merge -p '{"metadata":{"finalizers":null}}'`).out,
    ).toBe('configmap/stuck patched\n');
    expect(run('kubectl get cm stuck').err).toBe(
      'Error from server (NotFound): configmaps "stuck" not found\n',
    );
  });

  it('a Terminating namespace held by a finalizer goes once the finalizer is removed', () => {
    const { run } = engineSession();
    run('kubectl create ns stuck');
    run(`kubectl patch ns stuck -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    run('kubectl delete ns stuck --wait=false');
    expect(run('kubectl get ns stuck').out).toContain('Terminating');
    expect(
      run(`kubectl patch ns stuck --type json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`)
        .out,
    ).toBe('namespace/stuck patched\n');
    expect(run('kubectl get ns stuck').err).toBe(
      'Error from server (NotFound): namespaces "stuck" not found\n',
    );
  });

  it('the PATCH message carries its Content-Type and the patch', () => {
    const { run, cluster } = withWeb();
    run(`kubectl patch deploy web --type merge -p '{"spec":{"replicas":2}}'`);
    const sent = cluster.messages.filter((m) => m.from === 'kubectl' && m.kind === 'api.patch');
    expect(sent.at(-1)).toMatchObject({
      label: 'PATCH /apis/apps/v1/namespaces/default/deployments/web',
      summary: {
        params: {
          contentType: 'application/merge-patch+json',
          patch: '{"spec":{"replicas":2}}',
        },
      },
    });
  });

  it('reads YAML, the context namespace and -n', () => {
    const { run } = engineSession();
    run('kubectl create ns blue');
    run('kubectl config set-context --current --namespace=blue');
    run('kubectl create deployment api --image=nginx');
    expect(run(`kubectl patch deploy api -p $'spec:\\n  minReadySeconds: 10'`).out).toBe(
      'deployment.apps/api patched\n',
    );
    expect(run("kubectl get deploy api -o jsonpath='{.spec.minReadySeconds}'").out).toBe('10');
    expect(run(`kubectl patch deploy api -n default -p '{"spec":{"replicas":2}}'`).err).toBe(
      'Error from server (NotFound): deployments.apps "api" not found\n',
    );
  });

  it('refuses bad flags and patches in kubectl’s and the server’s words', () => {
    const { run } = withWeb();
    expect(run('kubectl patch deploy web').err).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
    expect(run(`kubectl patch deploy web -p '{}' --type x`).err).toBe(
      'error: --type must be one of [json merge strategic], not "x"\n',
    );
    expect(run(`kubectl patch deploy web -p '{"spec":{"replicas":}}'`).err).toBe(
      "Error from server (BadRequest): invalid character '}' looking for beginning of value\n",
    );
    expect(run(`kubectl patch deploy web --type merge -p '{"spec":}'`).err).toBe(
      "Error from server (BadRequest): error decoding patch: invalid character '}' looking for beginning of value\n",
    );
    expect(run(`kubectl patch deploy web -p 'spec: [a'`).err).toBe(
      `error: unable to parse "spec: [a": yaml: line 1: did not find expected ',' or ']'\n`,
    );
    expect(run(`kubectl patch deploy nope -p '{"spec":{"replicas":1}}'`).err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(run(`kubectl patch deploy web -p '{"spec":{"replicas":-1}}'`).err).toBe(
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
    expect(run(`kubectl patch deploy web -p '{"metadata":{"resourceVersion":"1"}}'`).err).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    expect(run(`kubectl patch deploy web -p '{"spec":{"foo":1}}'`)).toEqual({
      out: 'deployment.apps/web patched (no change)\n',
      err: 'Warning: unknown field "spec.foo"\n',
      code: 0,
    });
  });

  it('a Service patched to NodePort gets a node port, and back to ClusterIP loses it', () => {
    const { run } = withWeb();
    run('kubectl expose deploy web --port=80');
    expect(run(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'`).out).toBe(
      'service/web patched\n',
    );
    const port = run("kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'").out;
    expect(Number(port)).toBeGreaterThanOrEqual(30000);
    expect(run('kubectl get svc web').out).toContain(`80:${port}/TCP`);
    run(`kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}'`);
    expect(run("kubectl get svc web -o jsonpath='{.spec.ports[0]}'").out).not.toContain('nodePort');
  });

  it('dry runs, -o, and the scale subresource', () => {
    const { run } = withWeb();
    // patch.go never hands its printer the dry-run strategy: no "(dry run)" suffix, either way
    // (kubectl 1.32.5).
    expect(run(`kubectl patch deploy web --dry-run=server -p '{"spec":{"replicas":4}}'`).out).toBe(
      'deployment.apps/web patched\n',
    );
    expect(run(`kubectl patch deploy web --dry-run=client -p '{"spec":{"replicas":4}}'`).out).toBe(
      'deployment.apps/web patched\n',
    );
    expect(run(`kubectl patch deploy web --dry-run=client -p '{}'`).out).toBe(
      'deployment.apps/web patched (no change)\n',
    );
    // A client dry run of the scale subresource patches the Scale it reads.
    expect(
      run(
        `kubectl patch deploy web --subresource=scale --dry-run=client -p '{"spec":{"replicas":3}}'`,
      ).out,
    ).toBe('scale.autoscaling/web patched\n');
    expect(
      run(
        `kubectl patch deploy web --subresource=scale --dry-run=server -p '{"spec":{"replicas":1}}'`,
      ).out,
    ).toBe('scale.autoscaling/web patched (no change)\n');
    expect(
      run(
        `kubectl patch deploy web --dry-run=client -p '{"spec":{"replicas":4}}' -o jsonpath='{.spec.replicas}'`,
      ).out,
    ).toBe('4');
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('1');
    expect(
      run(`kubectl patch deploy web --subresource=scale -p '{"spec":{"replicas":2}}'`).out,
    ).toBe('scale.autoscaling/web patched\n');
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('2');
    expect(
      run(`kubectl patch deploy web -p '{"metadata":{"labels":{"team":"a"}}}' -o name`).out,
    ).toBe('deployment.apps/web\n');
  });
});
