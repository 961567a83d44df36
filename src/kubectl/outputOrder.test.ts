import { describe, expect, it } from 'vitest';
import { outputChunks } from './host.ts';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

/** What a terminal shows: both streams in the order kubectl wrote them. */
function shown(host: Parameters<typeof runLine>[0], line: string): string {
  return outputChunks(runLine(host, line))
    .map((c) => (c.err ? `[err]${c.text}` : c.text))
    .join('');
}

describe('stdout and stderr in the order kubectl prints them', () => {
  it('drain prints its DaemonSet warning between cordoned and the evictions', () => {
    const { host, run } = engineSession();
    run('kubectl create deployment web --image=nginx --replicas=3');
    expect(shown(host, 'kubectl drain node1 --ignore-daemonsets')).toMatch(
      /^node\/node1 cordoned\n\[err\]Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\nevicting pod default\/web-\S+\npod\/web-\S+ evicted\nnode\/node1 drained\n$/,
    );
  });

  it('apply warns about the missing last-applied annotation before it says configured', () => {
    const { host, run } = engineSession();
    run('kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml');
    run('kubectl create -f web.yaml');
    const r = runLine(host, 'kubectl apply -f web.yaml');
    expect(r.stdout).toBe('deployment.apps/web configured\n');
    expect(outputChunks(r).map((c) => c.err)).toEqual([true, false]);
    expect(outputChunks(r)[0]?.text).toMatch(
      /^Warning: resource deployments\/web is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/,
    );
  });

  it('a forced delete warns first, then says force deleted', () => {
    const { host, run } = engineSession();
    run('kubectl run tmp --image=nginx');
    expect(shown(host, 'kubectl delete pod tmp --force --grace-period=0')).toBe(
      '[err]Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n' +
        'pod "tmp" force deleted\n',
    );
  });

  it('the error of the first of two commands comes before the output of the second', () => {
    const { host } = engineSession();
    const r = runLine(host, 'kubectl get pods nope; kubectl get ns default --no-headers');
    expect(r.output).toEqual([
      { err: true, text: 'Error from server (NotFound): pods "nope" not found\n' },
      { err: false, text: 'default   Active   5d\n' },
    ]);
  });

  it('keeps no order when there is none to keep, and a redirect leaves only stderr on screen', () => {
    const { host, run } = engineSession();
    expect(runLine(host, 'kubectl get ns default --no-headers').output).toBeUndefined();
    run('kubectl run tmp --image=nginx');
    const r = runLine(host, 'kubectl delete pod tmp --force --grace-period=0 > out.txt');
    expect(r.output).toBeUndefined();
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Warning: Immediate deletion/);
    expect(host.fs.read('out.txt')).toBe('pod "tmp" force deleted\n');
  });
});
