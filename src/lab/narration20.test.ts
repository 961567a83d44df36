/**
 * Narration that says what happened in each step, as audit 20 found it wanting: a bad image's
 * retries and back-off waits told apart, "Running on node1" naming only what runs there, the
 * namespace controller's work, why no node fits, and where a read is answered from.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabResult, type LabStep } from './session.ts';
import { runWhatIf } from './whatIfs.ts';

const say = (t: LabStep['title'] | undefined, lang: 'en' | 'ko' = 'en') =>
  t ? translate(lang, t.key, t.params) : '';
const all = (results: LabResult | LabResult[]) =>
  (Array.isArray(results) ? results : [results]).flatMap((r) => r.steps);
const keyOf = (s: LabStep) => s.text.key.replace(/\.text$/, '');

describe('a bad image: each step says what happened in it (audit 20, U8)', () => {
  const lab = createLabSession({ seed: 1 });
  const steps = all([
    lab.run('kubectl create deployment bad --image=nginx:doesnotexist'),
    lab.run('sim advance 2m'),
  ]);
  const pullSteps = steps.filter((s) =>
    [
      'lab.step.pullFailed',
      'lab.step.pullRetryFailed',
      'lab.step.backOff',
      'lab.step.backOffAgain',
    ].includes(keyOf(s)),
  );

  it('tells a new pull that fails apart from the kubelet waiting out the back-off', () => {
    expect(pullSteps.length).toBeGreaterThan(8);
    for (const s of pullSteps) {
      const pulled = s.messages.some((m) => m.kind === 'cri.pullImage');
      // A step with a pull is a (failed) attempt; a step without one is the wait.
      expect([keyOf(s), pulled]).toEqual([
        keyOf(s),
        keyOf(s) === 'lab.step.pullFailed' || keyOf(s) === 'lab.step.pullRetryFailed',
      ]);
    }
    expect(pullSteps.slice(0, 6).map((s) => say(s.title))).toEqual([
      'ErrImagePull',
      'ImagePullBackOff: waiting 10 s',
      'Pull attempt 2 fails: ErrImagePull',
      'ImagePullBackOff: waiting 20 s',
      'Still backing off: next pull in about 7 s',
      'Pull attempt 3 fails: ErrImagePull',
    ]);
  });

  it('shows the back-off doubling from attempt to attempt, up to 5 minutes', () => {
    const retries = pullSteps.filter((s) => keyOf(s) === 'lab.step.pullRetryFailed');
    expect(retries.map((s) => [s.text.params?.attempt, s.text.params?.backoff])).toEqual([
      [2, 20],
      [3, 40],
      [4, 80],
      [5, 160],
    ]);
    expect(say(retries[1]?.text)).toBe(
      `The back-off has run out, so the kubelet on node3 asks the container runtime to pull nginx:doesnotexist again (attempt 3). Docker Hub still has no such image: the pull fails and the kubelet reports ErrImagePull for ${retries[1]?.text.params?.pod}. The next try waits 40 s: the wait doubles after each failure (10 s, 20 s, 40 s … up to 5 minutes).`,
    );
    const pod = String(retries[0]?.text.params?.pod);
    expect(say(retries[0]?.title, 'ko')).toBe('2번째 이미지 풀 시도 실패: ErrImagePull');
    const wait = pullSteps.find((s) => keyOf(s) === 'lab.step.backOff');
    expect(say(wait?.text)).toBe(
      `No pull now: after pull number 1 of nginx:doesnotexist failed, the kubelet on node3 waits out its back-off of 10 s and reports ${pod} as ImagePullBackOff. The next pull comes in about 9 s, at the first sync after the back-off.`,
    );
    expect(say(wait?.text, 'ko')).toBe(
      `지금은 이미지를 받지 않습니다. nginx:doesnotexist 이미지 풀(pull)에 1번 실패해서 node3 노드의 kubelet은 10초 백오프를 기다리며 ${pod} 파드를 ImagePullBackOff로 알립니다. 다음 풀 시도는 약 9초 뒤, 백오프가 끝난 다음 첫 동기화 때 이루어집니다.`,
    );
  });

  it('marks only the kubelet’s side acting: the scheduler and controller manager just watch', () => {
    for (const s of pullSteps) {
      // (The first failure's step also holds the Deployment's status update: that one acts.)
      const sent = new Set(s.messages.map((m) => m.from));
      for (const watcher of ['scheduler', 'controller-manager'] as const) {
        if (!sent.has(watcher)) expect(s.model.active).not.toContain(watcher);
      }
      expect(s.model.active).toContain('kubelet/node3');
    }
    expect(pullSteps.filter((s) => s.model.active.includes('controller-manager'))).toHaveLength(1);
    const retry = pullSteps.find((s) => keyOf(s) === 'lab.step.pullRetryFailed');
    expect(retry?.model.active).toEqual(
      expect.arrayContaining(['container-runtime/node3', 'registry', 'api-server']),
    );
  });

  it('counts the time left down across the syncs of one back-off', () => {
    // The 40 s back-off after the third failure: the syncs in it count down.
    const lefts = pullSteps
      .filter((s) => s.text.params?.backoff === 40 && keyOf(s) !== 'lab.step.pullRetryFailed')
      .map((s) => Number(s.text.params?.left));
    expect(lefts.length).toBeGreaterThan(2);
    expect([...lefts].sort((a, b) => b - a)).toEqual(lefts);
    expect(lefts.every((left) => left > 0 && left <= 40)).toBe(true);
  });
});

describe('"Running on node1" names only what runs there (audit 20, U10)', () => {
  it('names the pods Running in the step on their nodes, the others by their real status', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run('kubectl create namespace blue');
    const steps = all(lab.run('kubectl create deployment b --image=nginx -n blue --replicas=3'));
    const running = steps.filter(
      (s) =>
        s.title.key === 'lab.step.started.title' || s.title.key === 'lab.step.startedSome.title',
    );
    const chip = (s: LabStep, name: string) => s.model.pods.find((p) => p.name === name);
    for (const s of running) {
      // Every pod the narration calls Running is drawn Running, on a node the title names.
      const named = String(s.text.params?.pods)
        .split(', ')
        .map((p) => p.replace(/ \(.*\)$/, ''));
      for (const name of named) {
        expect(chip(s, name)?.status).toBe('Running');
        expect(String(s.title.params?.node).split(', ')).toContain(chip(s, name)?.node);
      }
    }
    const [first, second] = running;
    const pod = (s: LabStep | undefined, node: string) =>
      s?.model.pods.find((p) => p.namespace === 'blue' && p.node === node)?.name ?? '';
    expect(say(first?.title)).toBe('Running on node1');
    expect(say(first?.text)).toBe(
      `The container runtime on node1 starts the containers; the kubelet reports ${pod(first, 'node1')} Running to the API server, which stores it in etcd. Not Running yet: ${pod(first, 'node3')} (node3: ContainerCreating), ${pod(first, 'node2')} (node2: ContainerCreating).`,
    );
    expect(say(first?.text, 'ko')).toBe(
      `node1 노드의 컨테이너 런타임이 컨테이너를 시작하고, kubelet이 ${pod(first, 'node1')} 파드가 Running이라고 API 서버에 알립니다. API 서버는 이를 etcd에 저장합니다. 아직 Running이 아닌 파드: ${pod(first, 'node3')} (node3: ContainerCreating), ${pod(first, 'node2')} (node2: ContainerCreating).`,
    );
    expect(say(second?.title)).toBe('Running on node2, node3');
    expect(second?.text.params?.pods).toBe(
      `${pod(second, 'node2')} (node2), ${pod(second, 'node3')} (node3)`,
    );
  });

  it('says how many more pods started when there are many', () => {
    const lab = createLabSession({ seed: 1 });
    const steps = all(lab.run('kubectl create deployment many --image=nginx --replicas=30'));
    const counts = steps
      .filter((s) => s.title.key.startsWith('lab.step.started'))
      .map((s) => Number(s.text.params?.count));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    expect(steps.some((s) => /, … \(\+\d+\)$/.test(String(s.text.params?.pods)))).toBe(true);
  });
});

describe('deleting a namespace: what the namespace controller does, step by step (audit 20, U11)', () => {
  it('tells Terminating, the content deleted kind by kind, the pods stopped, the finalizer removed', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run('kubectl create namespace blue');
    lab.run('kubectl create deployment b --image=nginx -n blue --replicas=3');
    const pods = lab
      .state()
      .pods.filter((p) => p.namespace === 'blue')
      .map((p) => p.name)
      .sort();
    const steps = all(lab.run('kubectl delete namespace blue'));
    expect(steps.map((s) => say(s.title))).toEqual([
      'Namespace blue Terminating',
      'Namespace controller empties blue',
      'Pods of blue stopped on node1, node2, node3',
      'Namespace blue removed',
    ]);
    // Never the generic "works with the API server", never the same narration twice in a row.
    const texts = steps.map((s) => say(s.text));
    expect(texts.some((t) => t.includes('messages'))).toBe(false);
    expect(texts.filter((t, i) => t === texts[i - 1])).toEqual([]);
    expect(texts[1]).toBe(
      `The namespace controller (controller manager) deletes everything in blue, kind by kind, with one DELETE per collection: Deployment, ReplicaSet, Pod, ConfigMap, ServiceAccount, Event. Most objects go from etcd at once; the pods are deleted gracefully: ${pods.join(', ')} turn Terminating, and their kubelets must stop them first.`,
    );
    expect(steps[1]?.model.pods.filter((p) => p.namespace === 'blue').map((p) => p.status)).toEqual(
      ['Terminating', 'Terminating', 'Terminating'],
    );
    expect(say(steps[3]?.text, 'ko')).toBe(
      'blue 네임스페이스에 남은 것이 없습니다. 네임스페이스 컨트롤러가 kubernetes 파이널라이저를 떼고(PUT /api/v1/namespaces/blue/finalize), 파이널라이저가 하나도 남지 않았으므로 API 서버가 etcd에서 네임스페이스를 지웁니다.',
    );
  });

  it('an empty namespace is emptied and removed in one go', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run('kubectl create namespace e');
    const steps = all(lab.run('kubectl delete namespace e'));
    expect(steps.map((s) => say(s.title))).toEqual([
      'Namespace e Terminating',
      'Namespace e emptied and removed',
    ]);
    expect(steps[1]?.text.params?.kinds).toBe('ConfigMap, ServiceAccount, Event');
  });
});

describe('no node fits: which filter ruled each node out, and why (audit 20, U12)', () => {
  it('says what the pod asks for and what each node has left, in the lab’s words', () => {
    const lab = createLabSession({ seed: 1 });
    const steps = all(runWhatIf(lab, { id: 'huge-cpu' }));
    const step = steps.find((s) => s.text.key === 'lab.step.unschedulable.text');
    expect(say(step?.text)).toBe(
      'huge requests cpu 4. The scheduler’s filters rule out all 4 nodes: control-plane ✗ taint node-role.kubernetes.io/control-plane:NoSchedule; node1, node2, node3 ✗ cpu 4 > 2 (for a resource: what huge requests > what the node has left). With no node left, huge stays Pending (FailedScheduling) and the scheduler tries again when the cluster changes; the Scheduler tab shows each filter.',
    );
    expect(say(step?.text, 'ko')).toBe(
      'huge 파드의 요청량은 cpu 4입니다. 스케줄러의 필터가 노드 4개를 모두 걸러 냅니다: control-plane ✗ taint node-role.kubernetes.io/control-plane:NoSchedule; node1, node2, node3 ✗ cpu 4 > 2 (리소스 항목은 ‘huge 파드의 요청량 > 노드에 남은 양’이라는 뜻입니다). 남는 노드가 없어 huge 파드는 Pending으로 남고(FailedScheduling), 스케줄러는 클러스터가 바뀌면 다시 시도합니다. 필터마다의 결과는 스케줄러 탭에서 볼 수 있습니다.',
    );
    // The raw event text is not the narration.
    expect(say(step?.text)).not.toContain('0/4 nodes are available');
    // Each node's box on the stage says why it was ruled out, in this step only.
    expect(step?.model.nodes.map((n) => [n.name, n.ruledOut])).toEqual([
      ['control-plane', 'taint node-role.kubernetes.io/control-plane:NoSchedule'],
      ['node1', 'cpu 4 > 2'],
      ['node2', 'cpu 4 > 2'],
      ['node3', 'cpu 4 > 2'],
    ]);
    expect(steps.filter((s) => s !== step).some((s) => s.model.nodes.some((n) => n.ruledOut))).toBe(
      false,
    );
    // A bare pod: the controller manager only watches it, the scheduler acts.
    expect(step?.model.active).toContain('scheduler');
    expect(step?.model.active).not.toContain('controller-manager');
  });

  it('counts what other pods on a node already requested', () => {
    const lab = createLabSession({ seed: 1 });
    lab.writeFile(
      'half.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: half\nspec:\n  nodeName: node1\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 1500m\n',
    );
    lab.run('kubectl create -f half.yaml');
    lab.writeFile(
      'one.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  tolerations:\n  - key: node-role.kubernetes.io/control-plane\n    effect: NoSchedule\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "1"\n        memory: 50Gi\n',
    );
    const step = all(lab.run('kubectl create -f one.yaml')).find((s) =>
      s.text.key.startsWith('lab.step.unschedulable'),
    );
    expect(step?.text.params?.request).toBe('cpu 1, memory 50Gi');
    expect(String(step?.text.params?.verdicts)).toMatch(
      /node1 ✗ cpu 1 > 500m, memory 50Gi > \d+(Mi|Gi)/,
    );
  });

  it('names a filter that is not about resources by its own reason', () => {
    const lab = createLabSession({ seed: 1 });
    lab.writeFile(
      'sel.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sel\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: c\n    image: nginx\n',
    );
    const step = all(lab.run('kubectl create -f sel.yaml')).find((s) =>
      s.text.key.startsWith('lab.step.unschedulable'),
    );
    expect(step?.text.key).toBe('lab.step.unschedulableOther.text');
    expect(say(step?.text)).toBe(
      "The scheduler’s filters rule out all 4 nodes for sel: control-plane ✗ taint node-role.kubernetes.io/control-plane:NoSchedule; node1, node2, node3 ✗ node(s) didn't match Pod's node affinity/selector. With no node left, sel stays Pending (FailedScheduling) and the scheduler tries again when the cluster changes; the Scheduler tab shows each filter.",
    );
  });
});

describe('kubectl get: the narration and the drawing agree on etcd (audit 20, U14)', () => {
  it('says the API server reads etcd, and the step draws that read', () => {
    const lab = createLabSession({ seed: 1 });
    for (const line of ['kubectl get pods', 'kubectl get pods -A', 'kubectl get ns default']) {
      const [step] = all(lab.run(line));
      expect(step?.text.key).toBe('lab.step.kubectl.read.text');
      expect(say(step?.text)).toContain('The API server reads the answer from etcd');
      expect(say(step?.text, 'ko')).toContain('API 서버는 etcd에서 읽어');
      expect(step?.messages.some((m) => m.from === 'api-server' && m.to === 'etcd')).toBe(true);
      expect(step?.model.active).toContain('etcd');
    }
  });
});

describe('the lab’s own commands in the page’s language (audit 20, U20)', () => {
  it('prints sim’s messages in Korean when the page is Korean, in English otherwise', () => {
    let lang: 'en' | 'ko' = 'ko';
    const lab = createLabSession({ seed: 1, lang: () => lang });
    expect(lab.run('sim stop-node node3').stdout).toBe(
      '노드 "node3" 정지: kubelet, kube-proxy, 컨테이너 런타임이 멈췄습니다\n',
    );
    expect(lab.run('sim stop-node node3').stderr).toBe(
      'sim stop-node: 이미 멈춘 노드입니다: "node3"\n',
    );
    expect(lab.run('sim start-node node9').stderr).toBe(
      'sim start-node: 그런 이름의 노드가 없습니다: "node9"\n',
    );
    expect(lab.run('sim advance 45m').stderr).toBe(
      'sim advance: 실습에서는 한 번에 가상 시간을 최대 30m까지 흘려보낼 수 있습니다\n',
    );
    lang = 'en';
    expect(lab.run('sim start-node node3').stdout).toBe(
      'node "node3" started: its kubelet registers again\n',
    );
    expect(lab.run('sim jump').stderr).toBe(
      'sim: unknown action (try: sim stop-node NODE, sim start-node NODE, sim advance DURATION)\n',
    );
  });

  it('sim advance says how much virtual time passed and what the clock reads', () => {
    const lab = createLabSession({ seed: 1, lang: () => 'en' });
    const since = lab.state().now;
    const res = lab.run('sim advance 90s');
    const clock = lab.state().now;
    expect(clock - since).toBeGreaterThanOrEqual(90_000);
    expect(res.stdout).toMatch(/^virtual clock: \+1m 30s \((\d+m )?\d+s since you arrived\)\n$/);
    const ko = createLabSession({ seed: 1, lang: () => 'ko' });
    expect(ko.run('sim advance 2m').stdout).toMatch(
      /^가상 시계: \+2m \(실습 시작 뒤 2m( \d+s)?\)\n$/,
    );
    // sleep is bash's: silent, as in a real terminal.
    expect(ko.run('sleep 5').stdout).toBe('');
  });

  it('help lists what the lab understands, in the page’s language; a node’s shell keeps bash’s', () => {
    const lab = createLabSession({ seed: 1, lang: () => 'ko' });
    const help = lab.run('help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^실습 콘솔에서 쓸 수 있는 명령:\n/);
    expect(help.stdout).toContain('sim advance DURATION      가상 시간 흘려보내기');
    expect(help.stdout).toContain('노드: control-plane, node1, node2, node3\n');
    expect(help.steps).toEqual([]);
    const en = createLabSession({ seed: 1 }).run('help');
    expect(en.stdout).toMatch(/^The lab console understands:\n {2}kubectl …/);
    lab.run('ssh node1');
    expect(lab.run('help').stdout).not.toContain('실습 콘솔');
  });
});
