/**
 * `kubectl expose` with several objects, as a real kubectl 1.32.5 answers: the builder goes on
 * past errors, so every object is exposed in turn and the errors come after, one as `error: …`,
 * several one a line (client errors then without `error: `); the selector, port(s) and labels
 * derived from the first object stay for the objects after it (expose.go keeps them in its
 * options); -o json writes a ServicePort's and a ServiceSpec's fields in their struct order.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(1);
  s.run('kubectl create deployment web --image=nginx --replicas=2 --port=80');
  s.run('kubectl create deployment api --image=nginx');
  s.run('kubectl run noport --image=nginx');
  s.run('kubectl create configmap cfg --from-literal=a=1');
  return s;
}

describe('kubectl expose with several objects', () => {
  it('exposes each object named, then reports the missing ones', () => {
    const { run } = cluster();
    expect(
      run('kubectl expose deployment web nosuch api --port=80 --dry-run=client -o name'),
    ).toMatchObject({
      out: 'service/web\nservice/api\n',
      err: 'Error from server (NotFound): deployments.apps "nosuch" not found\n',
      code: 1,
    });
    expect(
      run('kubectl expose deploy/nosuch deploy/nosuch2 --dry-run=client -o name'),
    ).toMatchObject({
      out: '',
      err:
        'Error from server (NotFound): deployments.apps "nosuch" not found\n' +
        'Error from server (NotFound): deployments.apps "nosuch2" not found\n',
      code: 1,
    });
  });

  it('an object that cannot be exposed does not stop the others', () => {
    const { run } = cluster();
    expect(
      run('kubectl expose deploy/web cm/cfg deploy/api --port=80 --dry-run=client -o name'),
    ).toMatchObject({
      out: 'service/web\nservice/api\n',
      err: 'error: cannot expose a ConfigMap\n',
      code: 1,
    });
    // Two errors are an aggregate: the client error loses its `error: `.
    expect(run('kubectl expose deploy/nosuch pod/noport --dry-run=client -o name').err).toBe(
      'Error from server (NotFound): deployments.apps "nosuch" not found\n' +
        "couldn't find port via --port flag or introspection\n",
    );
  });

  it("the first object's port, selector and labels serve the ones after it", () => {
    const { run } = cluster();
    // noport declares no port: the one found on web is used.
    expect(run('kubectl expose deploy/web pod/noport --dry-run=client -o name').out).toBe(
      'service/web\nservice/noport\n',
    );
    const yaml = run('kubectl expose deploy/web pod/noport --dry-run=client -o yaml').out;
    const second = yaml.split('---\n')[1] ?? '';
    expect(second).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n' +
        '  name: noport\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n' +
        '  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n',
    );
    // --name names every service.
    expect(
      run('kubectl expose deployment web api --name=same --port=80 --dry-run=client -o name').out,
    ).toBe('service/same\nservice/same\n');
  });

  it('-o json: a ServicePort as protocol, port, targetPort', () => {
    const { run } = cluster();
    expect(run('kubectl expose deploy/web --dry-run=client -o json').out).toContain(
      '        "ports": [\n' +
        '            {\n' +
        '                "protocol": "TCP",\n' +
        '                "port": 80,\n' +
        '                "targetPort": 80\n' +
        '            }\n' +
        '        ],\n',
    );
    // The server's answer (a typed Service) too: ServiceSpec's fields in their struct order.
    const server = JSON.parse(
      run('kubectl expose deployment web --port=80 --dry-run=server -o json').out,
    ) as { spec: Record<string, unknown> };
    expect(Object.keys(server.spec)).toEqual([
      'ports',
      'selector',
      'clusterIP',
      'clusterIPs',
      'type',
      'sessionAffinity',
      'ipFamilies',
      'ipFamilyPolicy',
      'internalTrafficPolicy',
    ]);
  });
});
