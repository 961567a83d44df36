/**
 * Narration that depends on what happened, as review 18 found it told wrong: the node a
 * NodeNotSchedulable event is about, a push refused on the laptop or by Docker Hub, why a
 * DaemonSet pod goes, and more below.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { buildContainerFlow } from '../story/containerFlow.ts';
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
    // The stage says so too: the request stays on the laptop, nothing reached Docker Hub.
    expect(step?.messages.some((m) => m.to === 'registry' || m.from === 'registry')).toBe(false);
    const answer = step?.messages.find((m) => m.kind === 'image.push');
    expect(answer?.to).toBe('developer');
    expect(say(answer?.summary)).toBe(
      'Nothing reaches Docker Hub: the laptop has no image tagged learner/notbuilt, so docker stops before uploading anything.',
    );
    lab.run('docker build -t myweb .');
    const denied = find(lab.run('docker push myweb'), 'lab.step.docker.pushDenied');
    expect(say(denied[0]?.messages.find((m) => m.kind === 'image.pushed')?.summary)).toMatch(
      /^Docker Hub refuses myweb: requested access to the resource is denied/,
    );
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
  it('tells a Job’s finished pod as the Job’s record, and a CronJob’s with its history limits', () => {
    const lab = createLabSession({ seed: 1 });
    const [job] = find(
      lab.run('kubectl create job hello --image=busybox -- echo hi'),
      'lab.step.exitedJob',
    );
    expect(say(job?.text)).toMatch(
      /^In the pod hello-[a-z0-9]{5} on node\d, the process of the container hello ended with exit code 0\. With restartPolicy Never the kubelet does not restart it: the pod is Succeeded and stays, READY 0\/1, as a record of the Job hello; deleting the Job deletes it too\.$/,
    );
    expect(say(job?.text, 'ko')).toMatch(
      /^node\d 노드에서 hello-[a-z0-9]{5} 파드의 hello 프로세스가 끝났습니다\(종료 코드 0\)\. restartPolicy가 Never이므로/,
    );
    lab.run('kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date');
    const [cron] = find(lab.run('sleep 70'), 'lab.step.exitedCronJob');
    expect(say(cron?.text)).toMatch(
      /the pod is Succeeded and stays, READY 0\/1, as a record of the Job tick-\d{8}\. The CronJob tick keeps only its last 3 successful Jobs \(and 1 failed\); older ones are deleted with their pods\.$/,
    );
    // A bare pod stays until someone deletes it.
    const once = lab.run('kubectl run once --image=busybox --restart=Never -- echo hi');
    const [done] = find([once, lab.run('sleep 30')], 'lab.step.exitedDone');
    expect(say(done?.text)).toMatch(
      /the pod is Succeeded and stays, READY 0\/1, until someone deletes it\.$/,
    );
  });

  it('says the kubelet starts the static pods from its manifest files when the control plane returns', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run('sim stop-node control-plane');
    const [step] = find(lab.run('sim start-node control-plane'), 'lab.step.podStartingMixed');
    expect(say(step?.title)).toBe('kubelet on control-plane: static pods and bound pods');
    expect(say(step?.text)).toMatch(
      /^The kubelet on control-plane starts the static pods from its files in \/etc\/kubernetes\/manifests \(etcd-control-plane, kube-apiserver-control-plane, kube-controller-manager-control-plane, kube-scheduler-control-plane\) without asking anyone, and, once the API server answers, the pods bound to its node \(coredns-[a-z0-9]+-[a-z0-9]{5}, coredns-[a-z0-9]+-[a-z0-9]{5}, kube-proxy-[a-z0-9]{5}\); for each it asks the container runtime \(containerd\) for a new pod sandbox: ContainerCreating\.$/,
    );
    expect(say(step?.text, 'ko')).toContain(
      'control-plane 노드의 kubelet은 /etc/kubernetes/manifests의 스태틱 파드(etcd-control-plane, kube-apiserver-control-plane, kube-controller-manager-control-plane, kube-scheduler-control-plane)를 누구에게도 묻지 않고 시작하고',
    );
  });

  it('reports the time asked for, not the settle window added after it', () => {
    const lab = createLabSession({ seed: 1 });
    expect(all(lab.run('sim advance 20s')).map((s) => say(s.text))).toEqual([
      '20 s pass; nothing in the cluster changes.',
    ]);
    expect(all(lab.run('sleep 45')).map((s) => say(s.text, 'ko'))).toEqual([
      '45초가 지났습니다. 클러스터에서 바뀐 것은 없습니다.',
    ]);
  });

  it('narrates a read that finds nothing as not found, with the namespace to check', () => {
    const lab = createLabSession({ seed: 1 });
    const [step] = all(lab.run('kubectl get pod nope'));
    expect(`${say(step?.title)} :: ${say(step?.text)}`).toBe(
      'Not found :: kubectl sends GET /api/v1/namespaces/default/pods/nope. The API server finds no such object there and answers 404 (NotFound). Check the name, and the namespace in the path.',
    );
    expect(say(step?.text, 'ko')).toBe(
      'kubectl이 GET /api/v1/namespaces/default/pods/nope 요청을 보냅니다. API 서버에 그런 오브젝트가 없어 404(NotFound) 응답을 돌려줍니다. 이름과, 경로에 있는 네임스페이스를 확인해 보세요.',
    );
    // A write that fails is still a refusal.
    const [del] = all(lab.run('kubectl delete deploy nope'));
    expect(del?.text.key).toBe('lab.step.kubectl.errorReason.text');
  });

  it('names the registry an image comes from', () => {
    const lab = createLabSession({ seed: 1 });
    const [failed] = find(
      lab.run('kubectl run a --image=registry.k8s.io/nope:1'),
      'lab.step.pullFailed',
    );
    const node = String(failed?.text.params?.node);
    expect(node).toMatch(/^node\d$/);
    expect(say(failed?.text)).toBe(
      `registry.k8s.io has no registry.k8s.io/nope:1 that this node may pull (it does not exist, or it is private): the pull fails and the kubelet on ${node} reports ErrImagePull for a.`,
    );
    expect(say(failed?.text, 'ko')).toBe(
      `registry.k8s.io에서 registry.k8s.io/nope:1 이미지를 받을 수 없습니다(없는 이미지이거나 비공개 이미지입니다). ${node} 노드의 kubelet이 a 파드를 ErrImagePull로 알립니다.`,
    );
    const [pulling] = find(lab.run('kubectl run b --image=nginx:1.27'), 'lab.step.pulling');
    expect(say(pulling?.text)).toMatch(
      /^The container runtime on node\d pulls nginx:1\.27 from Docker Hub\.$/,
    );
  });

  it('gives the probe’s failureThreshold as a number', () => {
    const lab = createLabSession({ seed: 1 });
    const overrides = JSON.stringify({
      spec: {
        containers: [
          {
            name: 'p',
            image: 'nginx',
            livenessProbe: { tcpSocket: { port: 8080 }, failureThreshold: 2 },
          },
        ],
      },
    });
    const r = lab.run(`kubectl run p --image=nginx --overrides='${overrides}'`);
    const [killed] = find([r, lab.run('sleep 60')], 'lab.step.livenessKilled');
    expect(say(killed?.text)).toMatch(
      /^The liveness probe of p in p failed 2 times in a row \(failureThreshold\), so the kubelet on node\d kills the container \(Killing\)/,
    );
    expect(say(killed?.text, 'ko')).toContain(
      'liveness 프로브에 2번 연속 실패해서(failureThreshold)',
    );
  });
});

describe('the tour’s scheduler step (review 18)', () => {
  it('says a tie for the top score is broken at random, at both levels', () => {
    const story = buildContainerFlow(1);
    const step = (level: 'simple' | 'detailed') =>
      story.levels[level].find((s) => s.id === 'scheduler-choice');
    const detailed = step('detailed');
    // seed 1: the three workers all score 692 and node1 is drawn.
    expect(detailed?.text.key).toBe('story.container-flow.detailed.scheduler-choice.tie.text');
    expect(say(detailed?.text)).toContain(
      "It scores the 3 nodes left (the table shows each plugin's weighted score). node1, node2, node3 tie at 692, so the scheduler picks one of them at random: node1.",
    );
    expect(say(detailed?.text, 'ko')).toContain(
      'node1, node2, node3 노드가 모두 692점으로 같아서 스케줄러가 그중 하나를 무작위로 고릅니다: node1.',
    );
    expect(say(step('simple')?.text)).toContain(
      'scores the other nodes (here the best ones tie, so it picks one of them at random) and answers: node1.',
    );
  });
});
