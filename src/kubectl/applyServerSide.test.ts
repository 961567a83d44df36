/**
 * `kubectl apply --server-side`: `serverside-applied` for a new and an existing object, no
 * last-applied annotation, and apply.go's flag checks.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DEPLOY = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

describe('apply --server-side', () => {
  it('creates and updates with serverside-applied, writing no last-applied annotation', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', DEPLOY('nginx:1.25'));
    expect(run('kubectl apply --server-side -f d.yaml')).toEqual({
      out: 'deployment.apps/web serverside-applied\n',
      err: '',
      code: 0,
    });
    expect(
      run(
        "kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
      ).out,
    ).toBe('');
    host.fs.write('d.yaml', DEPLOY('nginx:1.26'));
    expect(run('kubectl apply --server-side -f d.yaml').out).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('nginx:1.26');
    expect(run('kubectl apply --server-side -f d.yaml --dry-run=server').out).toBe(
      'deployment.apps/web serverside-applied (server dry run)\n',
    );
  });

  it('refuses a client dry run and --force-conflicts without --server-side', () => {
    const { run, host } = engineSession();
    host.fs.write('d.yaml', DEPLOY('nginx'));
    expect(run('kubectl apply --server-side -f d.yaml --dry-run=client').err).toBe(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n",
    );
    expect(run('kubectl apply -f d.yaml --force-conflicts').err).toBe(
      'error: --force-conflicts only works with --server-side\n',
    );
  });
});
