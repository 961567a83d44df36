/**
 * ControllerRevisions and the rollout of DaemonSets on the real simulated cluster: kube-proxy's
 * revision after bootstrap, a template change rolled out node by node (maxUnavailable 1) with
 * kubectl's status lines, `rollout history` (and `--revision`), `rollout undo` (renumbering the
 * revision it returns to, or skipping when the template already matches), history pruned to
 * revisionHistoryLimit, and the revisions going with their DaemonSet.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';
import { agentDaemonSetYaml } from './testing/manifests.ts';

const AGENT = agentDaemonSetYaml();

/** A session with the agent DaemonSet (one pod on each of the three workers) rolled out. */
function withAgent(manifest = AGENT) {
  const s = engineSession(1);
  s.host.fs.write('agent.yaml', manifest);
  expect(s.run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent created\n');
  expect(s.run('kubectl rollout status ds/agent').out).toBe(
    'daemon set "agent" successfully rolled out\n',
  );
  return s;
}

/** `name revision hash-label` of each revision in the default namespace. */
function revisions(run: ReturnType<typeof engineSession>['run']): string[] {
  return run(
    `kubectl get controllerrevisions -o jsonpath='{range .items[*]}{.metadata.name} {.revision} {.metadata.labels.controller-revision-hash}{"\\n"}{end}'`,
  )
    .out.trim()
    .split('\n')
    .filter((l) => l !== '');
}

describe('ControllerRevisions after bootstrap', () => {
  it('kube-proxy has revision 1, named by the hash its pods carry, controlled by the DaemonSet', () => {
    const { run } = engineSession(1);
    expect(run('kubectl get controllerrevisions -A')).toEqual({
      out: `NAMESPACE     NAME                    CONTROLLER                  REVISION   AGE
kube-system   kube-proxy-7bb84c4984   daemonset.apps/kube-proxy   1          5d
`,
      err: '',
      code: 0,
    });
    expect(
      run(
        `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{.items[*].metadata.labels.controller-revision-hash}'`,
      ).out,
    ).toBe('7bb84c4984 7bb84c4984 7bb84c4984 7bb84c4984');
    expect(run('kubectl rollout history ds/kube-proxy -n kube-system').out).toBe(
      'daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n1         <none>\n\n',
    );
    expect(run('kubectl rollout undo ds/kube-proxy -n kube-system')).toEqual({
      out: '',
      err: 'error: no last revision to roll back to\n',
      code: 1,
    });
    // No short name; the default namespace has none.
    expect(run('kubectl get crev').err).toBe(
      'error: the server doesn\'t have a resource type "crev"\n',
    );
    expect(run('kubectl get controllerrevisions').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('stores the getPatch data: the template under spec.template with $patch: replace', () => {
    const { run } = engineSession(1);
    const yaml = run('kubectl get controllerrevision kube-proxy-7bb84c4984 -n kube-system -o yaml');
    expect(yaml.out).toMatch(
      /^apiVersion: apps\/v1\ndata:\n {2}spec:\n {4}template:\n {6}\$patch: replace\n {6}metadata:\n {8}creationTimestamp: null\n {8}labels:\n {10}k8s-app: kube-proxy\n {6}spec:\n {8}containers:\n/,
    );
    expect(yaml.out).toContain(
      'kind: ControllerRevision\nmetadata:\n  annotations:\n    deprecated.daemonset.template.generation: "1"\n',
    );
    expect(yaml.out).toContain(
      '  labels:\n    controller-revision-hash: 7bb84c4984\n    k8s-app: kube-proxy\n  name: kube-proxy-7bb84c4984\n  namespace: kube-system\n  ownerReferences:\n  - apiVersion: apps/v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: DaemonSet\n    name: kube-proxy\n',
    );
    expect(yaml.out).toMatch(/\nrevision: 1\n$/);
  });

  it('describe goes through the generic describer', () => {
    const { run } = engineSession(1);
    const out = run('kubectl describe controllerrevision kube-proxy-7bb84c4984 -n kube-system').out;
    expect(out).toMatch(
      /^Name: {9}kube-proxy-7bb84c4984\nNamespace: {4}kube-system\nLabels: {7}controller-revision-hash=7bb84c4984\n {14}k8s-app=kube-proxy\nAnnotations: {2}deprecated.daemonset.template.generation: 1\nAPI Version: {2}apps\/v1\nData:\n {2}Spec:\n {4}Template:\n {6}\$patch: {2}replace\n {6}Metadata:\n {8}Creation Timestamp: {2}<nil>\n {8}Labels:\n {10}k8s-app: {2}kube-proxy\n/,
    );
    expect(out).toContain('        Termination Grace Period Seconds:  30\n');
    expect(out).toMatch(
      /\nKind: +ControllerRevision\nMetadata:\n {2}Creation Timestamp: {2}2026-01-01T00:00:00Z\n {2}Owner References:\n {4}API Version: {11}apps\/v1\n/,
    );
    expect(out).toMatch(/\nRevision: +1\nEvents: +<none>\n$/);
  });
});

describe('a DaemonSet rollout, its history and undo', () => {
  it('set image: a new revision, pods replaced one node at a time, kubectl rollout status lines', () => {
    const { cluster, run } = withAgent();
    const [first] = revisions(run);
    expect(first).toMatch(/^agent-([a-z0-9]{6,10}) 1 \1$/);
    const before = cluster.messages.length;
    expect(run('kubectl set image ds/agent agent=busybox:1.37').out).toBe(
      'daemonset.apps/agent image updated\n',
    );
    expect(run('kubectl rollout status ds/agent')).toEqual({
      out: [
        'Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 2 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
        'daemon set "agent" successfully rolled out',
        '',
      ].join('\n'),
      err: '',
      code: 0,
    });
    const revs = revisions(run);
    expect(revs).toHaveLength(2);
    const second = revs.find((r) => r.split(' ')[1] === '2') ?? '';
    expect(second).toMatch(/^agent-([a-z0-9]{6,10}) 2 \1$/);
    const newHash = second.split(' ')[2];
    expect(newHash).not.toBe(first?.split(' ')[2]);
    // Every pod now carries the new revision's hash and the new image.
    expect(
      run(
        `kubectl get pods -l app=agent -o jsonpath='{range .items[*]}{.metadata.labels.controller-revision-hash} {.spec.containers[0].image}{"\\n"}{end}'`,
      ).out,
    ).toBe(`${newHash} busybox:1.37\n`.repeat(3));
    // Node by node: the controller's pod deletes and creates alternate, one old pod at a time.
    const steps = cluster.messages
      .slice(before)
      .filter(
        (m) =>
          m.from === 'controller-manager' &&
          m.to === 'api-server' &&
          m.ref?.resource === 'pods' &&
          (m.kind === 'api.create' || m.kind === 'api.delete'),
      )
      .map((m) => m.kind);
    expect(steps).toEqual([
      'api.delete',
      'api.create',
      'api.delete',
      'api.create',
      'api.delete',
      'api.create',
    ]);
    expect(run('kubectl get ds agent').out).toMatch(/^NAME .*\nagent +3 +3 +3 +3 +3 +<none> /);
    expect(run('kubectl get ds agent -o jsonpath={.status.observedGeneration}').out).toBe('2');
  });

  it('history lists both revisions; --revision shows the pod template the revision restores', () => {
    const { run } = withAgent();
    run('kubectl set image ds/agent agent=busybox:1.37');
    run('kubectl rollout status ds/agent');
    expect(run('kubectl rollout history daemonset/agent')).toEqual({
      out: 'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout history ds/agent --revision=1').out).toBe(
      [
        'daemonset.apps/agent with revision #1',
        'Pod Template:',
        '  Labels:\tapp=agent',
        '  Containers:',
        '   agent:',
        '    Image:\tbusybox:1.36',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Command:',
        '      sleep',
        '      infinity',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    );
    expect(run('kubectl rollout history ds/agent --revision=5')).toEqual({
      out: '',
      err: 'error: unable to find the specified revision\n',
      code: 1,
    });
  });

  it('undo returns to the previous template, whose revision becomes the newest; undo to it again is skipped', () => {
    const { run } = withAgent();
    const [first] = revisions(run);
    run('kubectl set image ds/agent agent=busybox:1.37');
    run('kubectl rollout status ds/agent');
    expect(run('kubectl rollout undo ds/agent --dry-run=client').out).toBe(
      'daemonset.apps/agent will roll back to Pod Template:\n  Labels:\tapp=agent\n  Containers:\n   agent:\n    Image:\tbusybox:1.36\n    Port:\t<none>\n    Host Port:\t<none>\n    Command:\n      sleep\n      infinity\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n (dry run)\n',
    );
    expect(run('kubectl rollout undo ds/agent')).toEqual({
      out: 'daemonset.apps/agent rolled back\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout status ds/agent').out).toMatch(
      /daemon set "agent" successfully rolled out\n$/,
    );
    // The first revision, renumbered 3: no new revision for a template seen before.
    const [name, , hash] = (first ?? '').split(' ');
    expect(revisions(run)).toContain(`${name} 3 ${hash}`);
    expect(revisions(run)).toHaveLength(2);
    expect(run('kubectl rollout history ds/agent').out).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(
      run(
        `kubectl get pods -l app=agent -o jsonpath='{.items[*].metadata.labels.controller-revision-hash}'`,
      ).out,
    ).toBe(`${hash} ${hash} ${hash}`);
    expect(run('kubectl rollout undo ds/agent --to-revision=3')).toEqual({
      out: 'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout undo ds/agent --to-revision=7')).toEqual({
      out: '',
      err: 'error: unable to find specified revision 7 in history\n',
      code: 1,
    });
    expect(run('kubectl rollout undo ds/agent --to-revision=-1').err).toBe(
      'error: unable to find specified revision -1 in history\n',
    );
  });

  it('the change-cause annotation of the DaemonSet is copied into the revision it makes', () => {
    const { run } = withAgent();
    run('kubectl annotate ds agent kubernetes.io/change-cause="to 1.37"');
    run('kubectl set image ds/agent agent=busybox:1.37');
    run('kubectl rollout status ds/agent');
    expect(run('kubectl rollout history ds/agent').out).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to 1.37\n\n',
    );
  });

  it('keeps revisionHistoryLimit old revisions, dropping the oldest first', () => {
    const { run } = withAgent(
      AGENT.replace('spec:\n  selector:', 'spec:\n  revisionHistoryLimit: 1\n  selector:'),
    );
    for (const tag of ['1.37', '1.35', '1.34']) {
      run(`kubectl set image ds/agent agent=busybox:${tag}`);
      expect(run('kubectl rollout status ds/agent').code).toBe(0);
    }
    // Four templates, revisions 1..4: the current one and one old one stay.
    expect(revisions(run).map((r) => r.split(' ')[1])).toEqual(expect.arrayContaining(['3', '4']));
    expect(revisions(run)).toHaveLength(2);
    expect(run('kubectl rollout history ds/agent').out).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n',
    );
    expect(run('kubectl rollout history ds/agent --revision=3').out).toContain(
      '    Image:\tbusybox:1.35\n',
    );
  });

  it('deleting the DaemonSet takes its revisions (garbage collector, controller ownerReference)', () => {
    const { run } = withAgent();
    run('kubectl set image ds/agent agent=busybox:1.37');
    run('kubectl rollout status ds/agent');
    expect(revisions(run)).toHaveLength(2);
    expect(run('kubectl delete ds agent').out).toBe('daemonset.apps "agent" deleted\n');
    expect(run('kubectl get controllerrevisions').err).toBe(
      'No resources found in default namespace.\n',
    );
    expect(run('kubectl get controllerrevisions -n kube-system --no-headers').out).toMatch(
      /^kube-proxy-7bb84c4984 /,
    );
  });
});
