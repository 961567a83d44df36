import { describe, expect, it } from 'vitest';
import { completions } from './completions.ts';
import { runLine } from './shell.ts';
import { createFakeHost } from './testing/fakeApi.ts';

describe('completions', () => {
  const host = createFakeHost();
  runLine(host, 'kubectl create ns blue');
  runLine(host, 'kubectl run nginx --image=nginx -n blue');
  runLine(host, 'kubectl run web --image=nginx');

  it('completes programs, subcommands and sub-subcommands', () => {
    expect(completions(host, 'ku')).toEqual({ from: 0, items: ['kubectl'] });
    expect(completions(host, 'kubectl de')).toEqual({
      from: 8,
      items: ['debug', 'delete', 'describe'],
    });
    expect(completions(host, 'kubectl create n').items).toEqual(['namespace']);
    expect(completions(host, 'kubectl config use').items).toEqual(['use-context']);
  });

  it('completes the kubeconfig entries config delete-* take', () => {
    expect(completions(host, 'kubectl config delete-cluster ').items).toEqual(['kubernetes']);
    expect(completions(host, 'kubectl config delete-user k').items).toEqual(['kubernetes-admin']);
  });

  it('completes resource types, then names in the right namespace', () => {
    expect(completions(host, 'kubectl get po').items).toEqual([
      'po',
      'poddisruptionbudgets',
      'pods',
      'podtemplates',
    ]);
    expect(completions(host, 'kubectl get pods ').items).toEqual(['web']);
    // A name already on the line is not offered again.
    expect(completions(host, 'kubectl get pods web ').items).toEqual([]);
    expect(completions(host, 'kubectl delete ns blue ').items).not.toContain('blue');
    expect(completions(host, 'kubectl get pods -n blue ').items).toEqual(['nginx']);
    expect(completions(host, 'kubectl delete ns b').items).toEqual(['blue']);
  });

  it('completes namespaces after -n, files after -f, flags after -', () => {
    expect(completions(host, 'kubectl get pods -n ').items).toEqual([
      'blue',
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(completions(host, 'kubectl create -f ng').items).toEqual(['nginx.yaml']);
    expect(completions(host, 'kubectl get pods --show-').items).toEqual([
      '--show-kind',
      '--show-labels',
      '--show-managed-fields',
    ]);
    expect(completions(host, 'cat ').items).toEqual(['Dockerfile', 'index.html', 'nginx.yaml']);
  });

  it('completes pods for attach and port-forward, POD: and files for cp', () => {
    expect(completions(host, 'kubectl attach ').items).toEqual(['web']);
    expect(completions(host, 'kubectl port-forward -n blue ').items).toEqual(['pod/nginx']);
    expect(completions(host, 'kubectl cp ').items).toEqual([
      'Dockerfile',
      'index.html',
      'nginx.yaml',
      'web:',
    ]);
    expect(completions(host, 'kubectl cp web:/etc/hosts ').items).toEqual([
      'Dockerfile',
      'index.html',
      'nginx.yaml',
      'web:',
    ]);
  });

  it('completes at the cursor, not the end of the line', () => {
    expect(completions(host, 'kubectl ge pods', 10)).toEqual({ from: 8, items: ['get'] });
  });
});
