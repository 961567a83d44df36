/**
 * `kubectl rollout history --revision=N` against the real simulated cluster: kubectl's name
 * printer with `with revision #N` and DescribePodTemplate of that revision's ReplicaSet.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl rollout history --revision', () => {
  it("prints the revision's pod template, pod-template-hash included", () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=1');
    run('kubectl set image deployment/web nginx=nginx:1.27');
    // image → the ReplicaSet carrying it: { name, hash }
    const rs = new Map(
      run(
        `kubectl get rs -l app=web -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image} {.metadata.name} {.metadata.labels.pod-template-hash}{"\\n"}{end}'`,
      )
        .out.trim()
        .split('\n')
        .map((l) => l.split(' '))
        .map(([image, name, hash]) => [image, { name, hash }]),
    );
    run(`kubectl annotate rs ${rs.get('nginx')?.name} kubernetes.io/change-cause=first`);
    const hash = (image: string) => rs.get(image)?.hash;
    expect(hash('nginx')).toMatch(/^[a-z0-9]{6,10}$/);
    expect(run('kubectl rollout history deployment/web --revision=1')).toEqual({
      out: [
        'deployment.apps/web with revision #1',
        'Pod Template:',
        '  Labels:\tapp=web',
        `\tpod-template-hash=${hash('nginx')}`,
        '  Annotations:\tkubernetes.io/change-cause: first',
        '  Containers:',
        '   nginx:',
        '    Image:\tnginx',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout history deploy web --revision=2').out).toContain(
      `deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=${hash('nginx:1.27')}\n  Containers:\n   nginx:\n    Image:\tnginx:1.27\n`,
    );
  });

  it('a revision that does not exist, a negative one', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=1');
    expect(run('kubectl rollout history deployment/web --revision=3')).toEqual({
      out: '',
      err: 'error: unable to find the specified revision\n',
      code: 1,
    });
    expect(run('kubectl rollout history deployment/web --revision=-1').err).toBe(
      'error: revision must be a positive integer: -1\n',
    );
  });
});
