/**
 * `kubectl get --subresource` (beta in 1.32): the scale subresource is an autoscaling/v1 Scale
 * with the server's own table (NAME DESIRED AVAILABLE AGE), status is the object as ever, and
 * the builder refuses either on a list.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get --subresource', () => {
  it('scale: the Scale of a deployment, as a table, YAML or a name', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('kubectl get deploy web --subresource=scale').out).toMatch(
      /^NAME {3}DESIRED {3}AVAILABLE {3}AGE\nweb {4}2 {9}2 {11}\d+s\n$/,
    );
    const yaml = run('kubectl get deploy web --subresource=scale -o yaml').out;
    expect(yaml).toMatch(/^apiVersion: autoscaling\/v1\nkind: Scale\nmetadata:\n/);
    expect(yaml).toContain('spec:\n  replicas: 2\nstatus:\n  replicas: 2\n  selector: app=web\n');
    expect(run('kubectl get deploy web --subresource=scale -o name').out).toBe(
      'scale.autoscaling/web\n',
    );
    run('kubectl run solo --image=nginx');
    expect(run('kubectl get pod solo --subresource=scale')).toEqual({
      out: '',
      err: 'Error from server (NotFound): the server could not find the requested resource\n',
      code: 1,
    });
    // Pods have no scale subresource: no such path on the server, whether or not the pod exists.
    expect(run('kubectl get pod nope --subresource=scale')).toEqual({
      out: '',
      err: 'Error from server (NotFound): the server could not find the requested resource\n',
      code: 1,
    });
    expect(run('kubectl get pod nope --subresource=scale --ignore-not-found')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pod solo --subresource=status -o name').out).toBe('pod/solo\n');
  });

  it("scale: status.selector is the whole selector, sorted by key, as the server's String() prints it", () => {
    const { run } = engineSession(3);
    const manifest = [
      "kubectl apply -f - <<'EOF'",
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: tiered',
      'spec:',
      '  replicas: 1',
      '  selector:',
      '    matchLabels:',
      '      tier: web',
      '      app: shop',
      '    matchExpressions:',
      '    - {key: env, operator: In, values: [prod, dev]}',
      '    - {key: canary, operator: DoesNotExist}',
      '  template:',
      '    metadata:',
      '      labels: {tier: web, app: shop, env: dev}',
      '    spec:',
      '      containers:',
      '      - {name: web, image: nginx}',
      'EOF',
    ].join('\n');
    expect(run(manifest).out).toBe('deployment.apps/tiered created\n');
    const want = 'selector: app=shop,!canary,env in (dev,prod),tier=web\n';
    expect(run('kubectl get deploy tiered --subresource=scale -o yaml').out).toContain(want);
    // The scale subresource's PATCH answers with the same Scale.
    expect(
      run(`kubectl patch deploy tiered --subresource=scale -p '{"spec":{"replicas":2}}' -o yaml`)
        .out,
    ).toContain(`spec:\n  replicas: 2\nstatus:\n  replicas: 1\n  ${want}`);
  });

  it('scale: more than one name prints a List of Scales; custom columns read the Scale', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    const yaml = run('kubectl get deploy web web --subresource=scale -o yaml').out;
    expect(yaml).toMatch(
      /^apiVersion: v1\nitems:\n- apiVersion: autoscaling\/v1\n {2}kind: Scale\n/,
    );
    expect(yaml).toMatch(/\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
    // One of two names missing: its error, and the List of the other.
    const json = run('kubectl get deploy nope web --subresource=scale -o json');
    expect(json.err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(JSON.parse(json.out).items.map((s: { kind: string }) => s.kind)).toEqual(['Scale']);
    expect(
      run(
        'kubectl get deploy web web --subresource=scale -o custom-columns=N:.metadata.name,R:.spec.replicas,S:.status.selector',
      ).out,
    ).toBe('N     R     S\nweb   2     app=web\nweb   2     app=web\n');
  });

  it('refuses lists; any subresource name is sent, and one the server lacks is its plain 404', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get deploy --subresource=scale')).toEqual({
      out: '',
      err: 'error: subresource cannot be used when bulk resources are specified\n',
      code: 1,
    });
    expect(run('kubectl get nodes --subresource=status').err).toBe(
      'error: subresource cannot be used when bulk resources are specified\n',
    );
    // kubectl 1.32.5 checks no name: GET …/deployments/web/log, which the server does not route
    // (the same whether the object exists or not).
    const noPath =
      'Error from server (NotFound): the server could not find the requested resource\n';
    expect(run('kubectl get deploy web --subresource=log')).toEqual({
      out: '',
      err: noPath,
      code: 1,
    });
    expect(run('kubectl get deploy nope --subresource=log').err).toBe(noPath);
    expect(run('kubectl get deploy web --subresource=log --ignore-not-found')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    // A ConfigMap has no status subresource; a Deployment's is the object.
    run('kubectl create configmap cfg --from-literal=a=b');
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl get cm cfg --subresource=status').err).toBe(noPath);
    expect(run('kubectl get deploy web --subresource=status -o name').out).toBe(
      'deployment.apps/web\n',
    );
    // The builder's errors come first, as in the real kubectl.
    expect(run('kubectl get cm --subresource=bogus').err).toBe(
      'error: subresource cannot be used when bulk resources are specified\n',
    );
    expect(run('kubectl get deploy/web,cm/x --subresource=bogus').err).toBe(
      'error: arguments in resource/name form may not have more than one slash\n',
    );
    // patch too sends it: the object is read first (NotFound by name), then the PATCH is a 404.
    expect(run(`kubectl patch deploy web --subresource=bogus -p '{}'`)).toEqual({
      out: '',
      err: noPath,
      code: 1,
    });
    expect(run(`kubectl patch deploy nope --subresource=bogus -p '{}'`).err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });
});
