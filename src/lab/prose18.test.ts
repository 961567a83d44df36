/**
 * Narration that depends on what happened, as review 18 found it told wrong: the node a
 * NodeNotSchedulable event is about, a push refused on the laptop or by Docker Hub, why a
 * DaemonSet pod goes, and more below.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabResult, type LabStep } from './session.ts';
import { runWhatIf } from './whatIfs.ts';

const say = (t: LabStep['text'] | undefined, lang: 'en' | 'ko' = 'en') =>
  t ? translate(lang, t.key, t.params) : '';
const all = (results: LabResult | LabResult[]) =>
  (Array.isArray(results) ? results : [results]).flatMap((r) => r.steps);
const find = (results: LabResult | LabResult[], key: string) =>
  all(results).filter((s) => s.text.key === `${key}.text`);

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: a
        image: nginx
`;

describe('lab narration that depends on what happened (review 18)', () => {
  it('names the drained node in its NodeNotSchedulable event, not the kubelet that acted first', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run('kubectl cordon node3');
    const drained = runWhatIf(lab, { id: 'drain', node: 'node1' });
    const events = find(drained, 'lab.step.nodeSchedulable');
    expect(events.map((s) => `${say(s.title)} :: ${say(s.text)}`)).toEqual([
      'kubelet on node1: NodeNotSchedulable :: At its next status update (every 10 s) the kubelet on node1 notices the change of spec.unschedulable and records the event NodeNotSchedulable: \u201cNode node1 status is now: NodeNotSchedulable\u201d.',
    ]);
    // The replacement went to node2, whose kubelet acted in the same step.
    expect(all(drained).some((s) => say(s.text).includes('only node2 fits'))).toBe(true);
  });

  it('tells a push of an image the laptop does not have apart from one Docker Hub denies', () => {
    const lab = createLabSession({ seed: 1 });
    const missing = lab.run('docker push learner/notbuilt');
    expect(missing.stderr + missing.stdout).toContain(
      'An image does not exist locally with the tag: learner/notbuilt',
    );
    const [step] = find(missing, 'lab.step.docker.pushMissing');
    expect(say(step?.title)).toBe('docker push: no such image here');
    expect(say(step?.text)).toBe(
      'Nothing was sent: this laptop has no image tagged learner/notbuilt. docker push uploads an image you built or tagged earlier: first docker build -t learner/notbuilt . then docker push learner/notbuilt.',
    );
    expect(say(step?.text, 'ko')).toBe(
      '아무것도 보내지 않았습니다. 이 노트북에는 learner/notbuilt 태그가 붙은 이미지가 없습니다. docker push는 먼저 빌드하거나 태그해 둔 이미지만 올립니다. docker build -t learner/notbuilt . 을 먼저 실행한 뒤 docker push learner/notbuilt 명령을 실행하세요.',
    );
    lab.run('docker build -t myweb .');
    const denied = find(lab.run('docker push myweb'), 'lab.step.docker.pushDenied');
    expect(say(denied[0]?.text)).toBe(
      'Docker Hub refuses the push of myweb: a name without an account lives under library/, which only Docker\u2019s official images may use. Tag it under your account and push that: docker build -t learner/NAME . then docker push learner/NAME.',
    );
  });

  it('narrates a DaemonSet rolling update as old-revision pods replaced, not nodes that stopped qualifying', () => {
    const lab = createLabSession({ seed: 1 });
    lab.writeFile('ds.yaml', DS);
    lab.run('kubectl create -f ds.yaml');
    const r = lab.run('kubectl set image ds/agent a=nginx:1.27');
    const rolled = find(r, 'lab.step.daemonPodsRolled');
    expect(rolled.length).toBeGreaterThan(0);
    expect(say(rolled[0]?.title)).toBe('DaemonSet rolling update');
    expect(say(rolled[0]?.text)).toMatch(
      /^Rolling update of agent: the DaemonSet controller deletes agent-[a-z0-9]{5}, which runs an old revision\. Once the old pod is gone, it creates a pod of the new revision on the same node, then moves on to the next node \(maxUnavailable 1\)\.$/,
    );
    expect(say(rolled[0]?.text, 'ko')).toMatch(
      /^agent 롤링 업데이트: 데몬셋 컨트롤러가 이전 리비전으로 실행 중인 agent-[a-z0-9]{5} 파드를 지웁니다\./,
    );
    expect(find(r, 'lab.step.daemonPodsDeleted')).toEqual([]);
  });

  it('still says a node stopped qualifying when a DaemonSet pod goes for that reason', () => {
    const lab = createLabSession({ seed: 1 });
    lab.writeFile(
      'ds.yaml',
      DS.replace('    spec:\n', '    spec:\n      nodeSelector: {agent: "yes"}\n'),
    );
    lab.run('kubectl create -f ds.yaml');
    lab.run('kubectl label node node2 agent=yes');
    const r = lab.run('kubectl label node node2 agent-');
    const gone = find(r, 'lab.step.daemonPodsDeleted');
    expect(say(gone[0]?.text)).toMatch(
      /^The DaemonSet controller removes agent-[a-z0-9]{5}: the node no longer qualifies for agent \(its node selector, node affinity or tolerations\)\.$/,
    );
    expect(find(r, 'lab.step.daemonPodsRolled')).toEqual([]);
  });

  it('gives the 1.32 grace period (50 s) when the kubelet is stopped', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run('ssh node2');
    const [step] = find(lab.run('systemctl stop kubelet'), 'lab.step.kubeletStopped');
    expect(say(step?.text)).toContain(
      'after 50 s without a heartbeat (node-monitor-grace-period) the node controller marks node2 NotReady',
    );
    expect(say(step?.text, 'ko')).toContain('노드 컨트롤러가 node2 노드를 NotReady로 표시하고');
  });
});
