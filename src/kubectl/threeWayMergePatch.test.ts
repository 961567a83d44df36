/**
 * Client-side `kubectl apply` sends a three-way strategic merge patch (audit 11 A10, A11):
 * fields dropped from the file are deleted inside merge-keyed list items too, and retainKeys
 * fields (Deployment spec.strategy, volumes) carry `$retainKeys`.
 */
import { describe, expect, it } from 'vitest';
import { schemaOf } from '../engine/apiserver/patchMeta.ts';
import { engineSession } from './testing/engineSession.ts';
import { threeWayMergePatch } from './threeWayMergePatch.ts';

const deployment = (container: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
${extra}  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
      - name: c
        image: nginx
${container}`;

describe('the patch CreateThreeWayMergePatch builds', () => {
  it('deletes inside list items by merge key, with $setElementOrder', () => {
    const c = (extra: object) => ({ name: 'c', image: 'nginx', ...extra });
    const before = {
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      resources: { limits: { cpu: '500m' }, requests: { cpu: '100m' } },
      ports: [{ containerPort: 80 }, { containerPort: 443 }],
    };
    const after = {
      env: [{ name: 'A', value: '1' }],
      resources: { requests: { cpu: '100m' } },
      ports: [{ containerPort: 80 }],
    };
    const tmpl = (x: object) => ({ spec: { template: { spec: { containers: [x] } } } });
    const live = tmpl(
      c({
        ...before,
        imagePullPolicy: 'Always',
        ports: [
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 443, protocol: 'TCP' },
        ],
      }),
    );
    const patch = threeWayMergePatch(
      tmpl(c(before)),
      tmpl(c(after)),
      live,
      schemaOf('deployments'),
    );
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }],
            containers: [
              {
                name: 'c',
                env: [{ name: 'B', $patch: 'delete' }],
                '$setElementOrder/env': [{ name: 'A' }],
                resources: { limits: null },
                ports: [{ containerPort: 443, $patch: 'delete' }],
                '$setElementOrder/ports': [{ containerPort: 80 }],
              },
            ],
          },
        },
      },
    });
  });

  it('lists the kept keys of a retainKeys field', () => {
    const live = {
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } },
    };
    expect(
      threeWayMergePatch(
        { spec: {} },
        { spec: { strategy: { type: 'Recreate' } } },
        live,
        schemaOf('deployments'),
      ),
    ).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    const vol = (v: object) => ({ spec: { volumes: [{ name: 'v', ...v }] } });
    expect(
      threeWayMergePatch(
        vol({ emptyDir: {} }),
        vol({ configMap: { name: 'cm' } }),
        vol({ emptyDir: {} }),
        schemaOf('pods'),
      ),
    ).toEqual({
      spec: {
        '$setElementOrder/volumes': [{ name: 'v' }],
        volumes: [
          {
            name: 'v',
            $retainKeys: ['configMap', 'name'],
            configMap: { name: 'cm' },
            emptyDir: null,
          },
        ],
      },
    });
  });

  it('deletes from a primitive merge list with a parallel list', () => {
    expect(
      threeWayMergePatch(
        { metadata: { finalizers: ['a', 'b'] } },
        { metadata: { finalizers: ['a'] } },
        { metadata: { finalizers: ['a', 'b'] } },
        schemaOf('pods'),
      ),
    ).toEqual({
      metadata: {
        '$deleteFromPrimitiveList/finalizers': ['b'],
        '$setElementOrder/finalizers': ['a'],
      },
    });
  });
});

describe('kubectl apply of a changed file', () => {
  it('removes what the file dropped inside a container, and undoes set image', () => {
    const { run, host } = engineSession(2);
    host.fs.write(
      'dep.yaml',
      deployment(`        env: [{name: A, value: "1"}, {name: B, value: "2"}]
        resources: {limits: {cpu: 500m}, requests: {cpu: 100m}}
        ports: [{containerPort: 80}, {containerPort: 443}]
`),
    );
    expect(run('kubectl apply -f dep.yaml').out).toBe('deployment.apps/d created\n');
    expect(run('kubectl set image deploy/d c=nginx:1.26').out).toBe(
      'deployment.apps/d image updated\n',
    );
    // The file did not change, but the live object did: the delta puts the image back.
    expect(run('kubectl apply -f dep.yaml')).toEqual({
      out: 'deployment.apps/d configured\n',
      err: '',
      code: 0,
    });
    host.fs.write(
      'dep.yaml',
      deployment(`        env: [{name: A, value: "1"}]
        resources: {requests: {cpu: 100m}}
        ports: [{containerPort: 80}]
`),
    );
    expect(run('kubectl apply -f dep.yaml').out).toBe('deployment.apps/d configured\n');
    expect(run("kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0]}'").out).toBe(
      '{"env":[{"name":"A","value":"1"}],"image":"nginx","imagePullPolicy":"Always","name":"c","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"requests":{"cpu":"100m"}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}',
    );
    expect(run('kubectl apply -f dep.yaml').out).toBe('deployment.apps/d unchanged\n');
  });

  it('adds a container after one that lost a field: the combined list keeps the file order', () => {
    const { run, host } = engineSession(2);
    host.fs.write('dep.yaml', deployment('        ports: [{containerPort: 80}]\n'));
    run('kubectl apply -f dep.yaml');
    host.fs.write('dep.yaml', deployment('      - name: side\n        image: busybox\n'));
    expect(run('kubectl apply -f dep.yaml')).toEqual({
      out: 'deployment.apps/d configured\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        'kubectl get deploy d -o jsonpath=\'{range .spec.template.spec.containers[*]}{.name}:{.ports}{"\\n"}{end}\'',
      ).out,
    ).toBe('c:\nside:\n');
  });

  it('switches a Deployment to Recreate and back', () => {
    const { run, host } = engineSession(2);
    host.fs.write('dep.yaml', deployment(''));
    run('kubectl apply -f dep.yaml');
    host.fs.write('dep.yaml', deployment('', '  strategy: {type: Recreate}\n'));
    expect(run('kubectl apply -f dep.yaml')).toEqual({
      out: 'deployment.apps/d configured\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl get deploy d -o jsonpath='{.spec.strategy}'").out).toBe(
      '{"type":"Recreate"}',
    );
    expect(run('kubectl apply -f dep.yaml --dry-run=server').out).toBe(
      'deployment.apps/d unchanged (server dry run)\n',
    );
    // Dropping strategy from the file deletes it; the server defaults RollingUpdate again.
    host.fs.write('dep.yaml', deployment(''));
    expect(run('kubectl apply -f dep.yaml').out).toBe('deployment.apps/d configured\n');
    expect(run("kubectl get deploy d -o jsonpath='{.spec.strategy}'").out).toBe(
      '{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"}',
    );
  });

  it('changes a volume from emptyDir to configMap', () => {
    const { run, host } = engineSession(2);
    run('kubectl create configmap cm --from-literal=k=v');
    const withVolume = (volume: string) =>
      `${deployment('')}      volumes: [{name: v, ${volume}}]\n`;
    host.fs.write('dep.yaml', withVolume('emptyDir: {}'));
    expect(run('kubectl apply -f dep.yaml').out).toBe('deployment.apps/d created\n');
    host.fs.write('dep.yaml', withVolume('configMap: {name: cm}'));
    // retainKeys drops emptyDir: one volume source, not two.
    expect(run('kubectl apply -f dep.yaml')).toEqual({
      out: 'deployment.apps/d configured\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        "kubectl get deploy d -o jsonpath='{.spec.template.spec.volumes[0].name} {.spec.template.spec.volumes[0].configMap.name} [{.spec.template.spec.volumes[0].emptyDir}]'",
      ).out,
    ).toBe('v cm []');
  });

  it('with --dry-run=client calls an existing object configured, without a warning', () => {
    const { run, host } = engineSession(2);
    run('kubectl create deployment d --image=nginx');
    host.fs.write('dep.yaml', deployment(''));
    expect(run('kubectl apply -f dep.yaml --dry-run=client')).toEqual({
      out: 'deployment.apps/d configured (dry run)\n',
      err: '',
      code: 0,
    });
  });
});
