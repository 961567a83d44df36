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

describe('kubernetes.io/change-cause and rollbacks in rollout history', () => {
  const table = (...rows: string[]) => ({
    out: ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', ...rows, '', ''].join('\n'),
    err: '',
    code: 0,
  });
  const revisions = `kubectl get rs -l app=web -o 'custom-columns=IMAGE:.spec.template.spec.containers[0].image,REV:.metadata.annotations.deployment\\.kubernetes\\.io/revision,HISTORY:.metadata.annotations.deployment\\.kubernetes\\.io/revision-history,CAUSE:.metadata.annotations.kubernetes\\.io/change-cause' --sort-by=.spec.template.spec.containers[0].image`;

  it('an annotation made after the rollout reaches its ReplicaSet; undo moves revisions and causes', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    run('kubectl set image deployment/web nginx=nginx:1.26');
    // The documented replacement for --record: annotate the Deployment after the change.
    run('kubectl annotate deployment web kubernetes.io/change-cause="image 1.26"');
    expect(run('kubectl rollout history deployment/web')).toEqual(
      table('1         <none>', '2         image 1.26'),
    );
    // Undo restores revision 1's template and annotations (it had no change-cause); its
    // ReplicaSet becomes revision 3 and remembers it was 1.
    run('kubectl rollout undo deployment/web');
    expect(run('kubectl rollout history deployment/web')).toEqual(
      table('2         image 1.26', '3         <none>'),
    );
    expect(run(revisions).out).toBe(
      [
        'IMAGE        REV   HISTORY   CAUSE',
        'nginx:1.25   3     1         <none>',
        'nginx:1.26   2     <none>    image 1.26',
        '',
      ].join('\n'),
    );
    run('kubectl rollout undo deployment/web');
    expect(run('kubectl rollout history deployment/web')).toEqual(
      table('3         <none>', '4         image 1.26'),
    );
    expect(run(revisions).out).toBe(
      [
        'IMAGE        REV   HISTORY   CAUSE',
        'nginx:1.25   3     1         <none>',
        'nginx:1.26   4     2         image 1.26',
        '',
      ].join('\n'),
    );
  });
});
