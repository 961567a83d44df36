/**
 * `kubectl logs` against the real simulated cluster: by label selector (last 10 lines of each
 * pod unless --tail, `--prefix`, the follow limit) and nginx's start-up lines naming the kernel
 * of the node the pod runs on.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('kubectl rollout status deployment/web');
  const pods = s.run(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`).out;
  return { ...s, pods: pods.split(' ') };
};

describe('kubectl logs -l', () => {
  it('prints the last 10 lines of every matching pod, in list order', () => {
    const { run, pods } = session();
    const one = run(`kubectl logs ${pods[0]}`).out.split('\n').slice(0, -1);
    expect(one).toHaveLength(17);
    const r = run('kubectl logs -l app=web');
    expect(r.err).toBe('');
    const lines = r.out.split('\n').slice(0, -1);
    expect(lines).toHaveLength(20);
    expect(lines.slice(0, 10)).toEqual(one.slice(-10));
    expect(lines[9]).toMatch(/\[notice\] 1#1: start worker process 30$/);
  });

  it('--prefix and --tail', () => {
    const { run, pods } = session();
    const r = run('kubectl logs -l app=web --tail=1 --prefix');
    expect(r.out).toMatch(
      new RegExp(
        `^\\[pod/${pods[0]}/nginx\\] \\S+ \\S+ \\[notice\\] 1#1: start worker process 30\\n\\[pod/${pods[1]}/nginx\\] \\S+ \\S+ \\[notice\\] 1#1: start worker process 30\\n$`,
      ),
    );
  });

  it('no matching pods, a selector with a pod name, no arguments', () => {
    const { run, pods } = session();
    expect(run('kubectl logs -l app=nope')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run(`kubectl logs ${pods[0]} -l app=web`)).toEqual({
      out: '',
      err: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl logs').err).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
  });

  it('--max-log-requests limits only followed streams', () => {
    const { run } = session();
    expect(run('kubectl logs -l app=web -f --max-log-requests=1')).toEqual({
      out: '',
      err: 'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
      code: 1,
    });
    expect(
      run('kubectl logs -l app=web --max-log-requests=1 --tail=1').out.split('\n'),
    ).toHaveLength(3);
  });
});

describe('nginx start-up log', () => {
  it('names the kernel of the node the pod runs on', () => {
    const { run, pods } = session();
    const node = run(`kubectl get pod ${pods[0]} -o jsonpath='{.spec.nodeName}'`).out;
    const kernel = run(
      `kubectl get node ${node} -o jsonpath='{.status.nodeInfo.kernelVersion}'`,
    ).out;
    expect(kernel).toBe('6.8.0-51-generic');
    expect(run(`kubectl logs ${pods[0]}`).out).toMatch(
      new RegExp(`\\[notice\\] 1#1: OS: Linux ${kernel.replaceAll('.', '\\.')}\\n`),
    );
  });
});
