/**
 * The lab session as a learner meets it: it starts where the guided flow ends, the study
 * note's namespace commands print what kubectl 1.32 prints, and the what-ifs end where a real
 * cluster would, after the real timings.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { buildContainerFlow } from '../story/containerFlow.ts';
import { createLabSession, type LabResult, type LabStep } from './session.ts';
import { runWhatIf } from './whatIfs.ts';

const keyOf = (s: LabStep) => s.text.key;
/** A step's title or text as the learner reads it. */
const say = (t: LabStep['text'] | undefined, lang: 'en' | 'ko' = 'en') =>
  t ? translate(lang, t.key, t.params) : '';
const steps = (results: LabResult | LabResult[]) =>
  (Array.isArray(results) ? results : [results]).flatMap((r) => r.steps);

describe('a lab session', () => {
  it('starts with the guided flow’s final pods (same seed, same names and node)', () => {
    const story = buildContainerFlow(1);
    const last = story.levels.detailed[story.levels.detailed.length - 1];
    const lab = createLabSession({ seed: 1 });
    const pick = (p: { namespace: string; name: string; node: string | null; status: string }) =>
      `${p.namespace}/${p.name} ${p.node} ${p.status}`;
    expect(lab.state().pods.map(pick)).toEqual(last?.model.pods.map(pick));
    expect(lab.state().pods.map(pick)).toContain('default/web-6dc5cd68db-z45gl node1 Running');
    expect(lab.state().nodes.map((n) => `${n.name} ${n.ready}`)).toEqual([
      'control-plane true',
      'node1 true',
      'node2 true',
      'node3 true',
    ]);
    expect(lab.history()).toEqual([]);
    // kubectl's config (kubeadm's admin.conf, copied to ~/.kube/config), the study note's
    // manifest and the starter project docker build builds.
    expect(lab.files()).toEqual([
      { name: '.kube/config', size: 6230 },
      { name: 'Dockerfile', size: 123 },
      { name: 'index.html', size: 184 },
      { name: 'nginx.yaml', size: 162 },
    ]);
  });

  it('answers the study note’s namespace commands verbatim, like kubectl 1.32', () => {
    const lab = createLabSession();
    const out = (line: string) => {
      const r = lab.run(line);
      return r.stdout + r.stderr;
    };
    expect(out('kubectl create namespace blue')).toBe('namespace/blue created\n');
    expect(out('kubectl get namespaces')).toBe(
      [
        'NAME              STATUS   AGE',
        'blue              Active   15s',
        'default           Active   5d',
        'kube-node-lease   Active   5d',
        'kube-public       Active   5d',
        'kube-system       Active   5d',
        '',
      ].join('\n'),
    );
    expect(out('kubectl create namespace orange')).toBe('namespace/orange created\n');
    expect(out('kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml')).toBe('');
    expect(lab.readFile('green-ns.yaml')).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: green\nspec: {}\nstatus: {}\n',
    );
    expect(lab.files().map((f) => f.name)).toEqual([
      '.kube/config',
      'Dockerfile',
      'green-ns.yaml',
      'index.html',
      'nginx.yaml',
    ]);
    expect(lab.state().namespaces.map((n) => n.name)).not.toContain('green');
    expect(lab.run('vim green-ns.yaml').intent).toEqual({ type: 'edit', path: 'green-ns.yaml' });
    expect(out('kubectl create -f green-ns.yaml')).toBe('namespace/green created\n');
    expect(out('kubectl create -f nginx.yaml -n blue')).toBe('pod/nginx created\n');
    expect(out('kubectl get pods')).toMatch(
      /^NAME {19}READY {3}STATUS {4}RESTARTS {3}AGE\nweb-6dc5cd68db-z45gl {3}1\/1 {5}Running {3}0 {10}\S+\n$/,
    );
    expect(out('kubectl get pods -n blue')).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          40s\n',
    );
    expect(out('kubectl config set-context --current --namespace=blue')).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    expect(lab.state().context).toEqual({ name: 'kubernetes-admin@kubernetes', namespace: 'blue' });
    expect(out('kubectl get pods')).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          70s\n',
    );
    expect(out('kubectl delete namespace')).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    // Namespaces divide objects, not machines: blue's pod sits on one of the same workers.
    const nginx = lab.state().pods.find((p) => p.namespace === 'blue');
    expect(['node1', 'node2', 'node3']).toContain(nginx?.node);
  });

  it('narrates a docker push Docker Hub denies, and one it takes', () => {
    const lab = createLabSession();
    lab.run('docker build -t myweb .');
    const denied = lab.run('docker push myweb');
    // The layers prepared (stdout), then Docker Hub's refusal (stderr).
    expect(denied.stdout).toMatch(/: Preparing\n$/);
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    expect(denied.steps.map(keyOf)).toEqual(['lab.step.docker.pushDenied.text']);
    expect(say(denied.steps[0]?.text)).toContain('Docker Hub refuses the push of myweb:');
    lab.run('docker build -t learner/myweb .');
    const pushed = lab.run('docker push learner/myweb');
    expect(pushed.exitCode).toBe(0);
    expect(pushed.steps.map(keyOf)).toEqual(['lab.step.docker.push.text']);
  });

  it('narrates a create as kubectl → API server → etcd, then the scheduler and the kubelet', () => {
    const lab = createLabSession();
    lab.run('kubectl create namespace blue');
    const r = lab.run('kubectl create -f nginx.yaml -n blue');
    expect(r.steps.map(keyOf)).toEqual([
      'lab.step.kubectl.create.text',
      'lab.step.scheduledTie.text',
      'lab.step.pulling.text',
      'lab.step.started.text',
      'lab.step.nodeStatus.text',
    ]);
    const [request, scheduled, , started] = r.steps;
    expect(say(request?.title)).toBe('kubectl creates Pod nginx');
    expect(say(request?.text)).toBe(
      'kubectl sends POST /api/v1/namespaces/blue/pods. The API server checks the Pod, writes it to etcd at /registry/pods/blue/nginx (revision 289) and answers 201 Created; components watching Pod objects hear of it at once.',
    );
    // What the scheduler did and why: the filters, the scores, the tie it broke at random.
    expect(say(scheduled?.title)).toBe('Scheduler: nginx → node2');
    expect(say(scheduled?.text)).toBe(
      'nginx has no node yet. The scheduler filters: 3 of 4 nodes fit (control-plane ruled out; the Scheduler tab says why). Scores: node2 492, node3 492, node1 488. node2, node3 tie for the highest, so it picks at random and binds nginx to node2.',
    );
    expect(say(scheduled?.text, 'ko')).toContain(
      'node2, node3 노드의 점수가 똑같이 가장 높아서, 그중 하나를 무작위로 골라 node2 노드에 nginx 파드를 바인딩합니다.',
    );
    expect(request?.messages.map((m) => `${m.from}→${m.to} ${m.kind}`).slice(0, 3)).toEqual([
      'developer→api-server api.create',
      'api-server→etcd etcd.put',
      'api-server→developer api.response',
    ]);
    const node = lab.state().pods.find((p) => p.name === 'nginx')?.node;
    expect(scheduled?.text.params?.node).toBe(node);
    expect(scheduled?.model.pods.find((p) => p.name === 'nginx')?.status).toBe('Pending');
    expect(started?.model.pods.find((p) => p.name === 'nginx')?.status).toBe('Running');
    expect(started?.model.active).toContain(`container-runtime/${node}`);
    // Steps are contiguous and ordered; ids are unique.
    for (let i = 1; i < r.steps.length; i++) {
      expect(r.steps[i]?.seqFrom).toBeGreaterThan(r.steps[i - 1]?.seqTo ?? 0);
      expect(r.steps[i]?.at).toBeGreaterThanOrEqual(r.steps[i - 1]?.at ?? 0);
    }
    expect(new Set(r.steps.map((s) => s.id)).size).toBe(r.steps.length);
  });

  it('stop a node: NotReady after 50 s without heartbeat, evicted after 300 s, a replacement Running elsewhere', () => {
    const lab = createLabSession();
    const stop = runWhatIf(lab, { id: 'stop-node', node: 'node1' });
    expect(stop[0]?.stdout).toBe(
      'node "node1" stopped: its kubelet, kube-proxy and container runtime are down\n',
    );
    expect(steps(stop).map(keyOf)).toEqual(['lab.step.nodeStopped.text']);
    // Nothing is noticed right away: the pod still shows Running on node1.
    expect(lab.state().pods.find((p) => p.name.startsWith('web-'))?.status).toBe('Running');

    const minute = lab.fastForward(60_000);
    expect(minute.line).toBe('sim advance 60s');
    const notReady = minute.steps.find((s) => keyOf(s) === 'lab.step.nodeNotReady.text');
    // node-monitor-grace-period is 50 s in 1.32, counted from when the node controller saw the
    // last lease renewal (it looks every 5 s): 50 to 60 s after the renewal itself.
    expect(notReady?.text.params?.node).toBe('node1');
    expect(notReady?.text.params?.seconds).toBeGreaterThanOrEqual(50);
    expect(notReady?.text.params?.seconds).toBeLessThanOrEqual(60);
    expect(notReady?.model.nodes.find((n) => n.name === 'node1')?.ready).toBe(false);
    expect(lab.state().nodes.find((n) => n.name === 'node1')?.ready).toBe(false);
    expect(minute.steps.some((s) => keyOf(s) === 'lab.step.evicted.text')).toBe(false);

    const later = lab.fastForward(300_000);
    const keys = later.steps.map(keyOf);
    const evicted = later.steps.find((s) => keyOf(s) === 'lab.step.evicted.text');
    expect(evicted?.text.params?.node).toBe('node1');
    expect(evicted?.text.params?.seconds).toBe(300);
    expect(String(evicted?.text.params?.pods)).toContain('web-6dc5cd68db-z45gl');
    // The eviction and the replacement are separate pictures, in that order.
    const scheduledAt = keys.findIndex((k) => k.startsWith('lab.step.scheduled'));
    expect(keys.indexOf('lab.step.evicted.text')).toBeLessThan(scheduledAt);
    expect(scheduledAt).toBeLessThan(keys.lastIndexOf('lab.step.started.text'));
    // NotReady and the eviction are 300 s apart in virtual time.
    expect(Math.round(((evicted?.at ?? 0) - (notReady?.at ?? 0)) / 1000)).toBe(300);

    const web = lab.state().pods.filter((p) => p.name.startsWith('web-'));
    const running = web.filter((p) => p.status === 'Running');
    expect(running).toHaveLength(1);
    expect(running[0]?.node).not.toBe('node1');
    // The old pod stays Terminating: its kubelet is down and cannot confirm the kill.
    expect(web.find((p) => p.name === 'web-6dc5cd68db-z45gl')?.status).toBe('Terminating');
  });

  it('bad image: ErrImagePull, then ImagePullBackOff in state()', () => {
    const lab = createLabSession();
    const [r] = runWhatIf(lab, { id: 'bad-image' });
    expect(r?.stdout).toBe('deployment.apps/bad created\n');
    const pull = r?.steps.find((s) => keyOf(s) === 'lab.step.pullFailed.text');
    const podName = String(pull?.text.params?.pod);
    expect(podName).toMatch(/^bad-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(pull?.text.params?.image).toBe('nginx:doesnotexist');
    expect(pull?.model.pods.find((p) => p.name === podName)?.status).toBe('ErrImagePull');
    expect(lab.state().pods.find((p) => p.name === podName)?.status).toBe('ImagePullBackOff');
    expect(r?.steps.some((s) => keyOf(s) === 'lab.step.backOff.text')).toBe(true);
  });

  it('the kubernetes Service, deleted, is restored by the API server, and the lab says so', () => {
    const lab = createLabSession();
    const r = lab.run('kubectl delete service kubernetes');
    expect(r.stdout).toBe('service "kubernetes" deleted\n');
    const later = lab.fastForward(20_000);
    const keys = [...r.steps, ...later.steps].map(keyOf);
    expect(keys).toContain('lab.step.kubernetesService.text');
    expect(keys).not.toContain('lab.step.other.text');
    expect(lab.run('kubectl get service kubernetes -o name').stdout).toBe('service/kubernetes\n');
  });

  it('a container that ends: busybox crash-loops, a finished command completes the pod', () => {
    const lab = createLabSession();
    const r = lab.run('kubectl run bb --image=busybox');
    expect(r.stdout).toBe('pod/bb created\n');
    const later = lab.fastForward(60_000);
    const keys = [...r.steps, ...later.steps].map(keyOf);
    expect(keys).not.toContain('lab.step.other.text');
    const exited = [...r.steps, ...later.steps].find(
      (s) => keyOf(s) === 'lab.step.exitedRestart.text',
    );
    expect(exited?.text.params).toMatchObject({
      pod: 'bb',
      container: 'bb',
      code: 0,
      policy: 'Always',
    });
    // The waits named in the narration double: 10s, 20s, 40s…
    const periods = [...r.steps, ...later.steps]
      .filter((s) => keyOf(s) === 'lab.step.crashBackOff.text')
      .map((s) => String(s.text.params?.period));
    expect([...new Set(periods)].slice(0, 3)).toEqual(['10s', '20s', '40s']);
    expect(lab.state().pods.find((p) => p.name === 'bb')?.status).toMatch(
      /^(CrashLoopBackOff|Completed)$/,
    );

    const once = lab.run('kubectl run once --image=busybox --restart=Never -- echo hi');
    const all = [...once.steps, ...lab.fastForward(30_000).steps];
    const done = all.find((s) => keyOf(s) === 'lab.step.exitedDone.text');
    expect(done?.text.params).toMatchObject({ pod: 'once', policy: 'Never', phase: 'Succeeded' });
    expect(lab.state().pods.find((p) => p.name === 'once')?.status).toBe('Completed');
    expect(lab.run('kubectl logs once').stdout).toBe('hi\n');
  });

  it('probes: a failing readiness probe and a liveness probe that gets the container restarted', () => {
    const lab = createLabSession();
    const overrides = JSON.stringify({
      spec: {
        containers: [
          {
            name: 'p',
            image: 'nginx',
            readinessProbe: { httpGet: { path: '/healthz', port: 80 } },
            livenessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
      },
    });
    const r = lab.run(`kubectl run p --image=nginx --overrides='${overrides}'`);
    const all = [...r.steps, ...lab.fastForward(60_000).steps];
    const keys = all.map(keyOf);
    expect(keys).not.toContain('lab.step.other.text');
    expect(keys).toContain('lab.step.started.text');
    const failed = all.find((s) => keyOf(s) === 'lab.step.probeFailed.text');
    expect(failed?.text.params).toMatchObject({
      pod: 'p',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 404',
    });
    const killed = all.find((s) => keyOf(s) === 'lab.step.livenessKilled.text');
    expect(killed?.text.params).toMatchObject({
      pod: 'p',
      container: 'p',
      policy: 'Always',
      probe: 'liveness',
    });
  });

  it('impossible CPU request: Pending, with the FailedScheduling reason in the decision', () => {
    const lab = createLabSession();
    const [r] = runWhatIf(lab, { id: 'huge-cpu' });
    expect(lab.readFile('huge-cpu.yaml')).toContain('cpu: "4"');
    expect(r?.line).toBe('kubectl create -f huge-cpu.yaml');
    expect(r?.stdout).toBe('pod/huge created\n');
    expect(lab.state().pods.find((p) => p.name === 'huge')).toMatchObject({
      node: null,
      status: 'Pending',
    });
    const decision = lab.state().decision;
    expect(decision?.pod).toBe('huge');
    expect(decision?.failure).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 3 Insufficient cpu\./,
    );
    expect(decision?.rows.map((row) => row.reason)).toEqual([
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      'Insufficient cpu',
      'Insufficient cpu',
      'Insufficient cpu',
    ]);
    const un = r?.steps.find((s) => keyOf(s) === 'lab.step.unschedulable.text');
    expect(un?.text.params?.pod).toBe('huge');
    expect(String(un?.text.params?.reason)).toContain('3 Insufficient cpu');
  });

  it('delete a namespace: Terminating while its pods go, then gone', () => {
    const lab = createLabSession();
    lab.run('kubectl create namespace blue');
    lab.run('kubectl create -f nginx.yaml -n blue');
    const [r] = runWhatIf(lab, { id: 'delete-namespace', namespace: 'blue' });
    expect(r?.stdout).toBe('namespace "blue" deleted\n');
    const phases = r?.steps.map(
      (s) => s.namespaces.find((n) => n.name === 'blue')?.phase ?? 'gone',
    );
    expect(phases?.[0]).toBe('Terminating');
    expect(phases?.[phases.length - 1]).toBe('gone');
    const terminating = r?.steps.find((s) => keyOf(s) === 'lab.step.namespaceTerminating.text');
    expect(terminating?.title.params).toEqual({ namespace: 'blue' });
    expect(r?.steps.some((s) => keyOf(s) === 'lab.step.namespaceGone.text')).toBe(true);
    expect(lab.state().namespaces.map((n) => n.name)).not.toContain('blue');
    expect(lab.state().pods.some((p) => p.namespace === 'blue')).toBe(false);
  });

  it('scale up and down, cordon and drain reach their end states', () => {
    const lab = createLabSession();
    const up = runWhatIf(lab, { id: 'scale', deployment: 'web', replicas: 3 });
    expect(steps(up).map(keyOf)).toContain('lab.step.podsCreated.text');
    const web = () => lab.state().pods.filter((p) => p.name.startsWith('web-'));
    expect(web().map((p) => p.status)).toEqual(['Running', 'Running', 'Running']);
    const cordon = runWhatIf(lab, { id: 'cordon', node: 'node2' });
    expect(cordon[0]?.stdout).toBe('node/node2 cordoned\n');
    expect(lab.state().nodes.find((n) => n.name === 'node2')?.schedulable).toBe(false);
    const drain = runWhatIf(lab, { id: 'drain', node: 'node2' });
    expect(drain[0]?.exitCode).toBe(0);
    expect(web().filter((p) => p.status === 'Running' && p.node === 'node2')).toEqual([]);
    expect(web().filter((p) => p.status === 'Running')).toHaveLength(3);
    const down = runWhatIf(lab, { id: 'scale', deployment: 'web', replicas: 1 });
    expect(steps(down).map(keyOf)).toContain('lab.step.podsDeleted.text');
    expect(web()).toHaveLength(1);
  });

  it('draws work kubectl does on the laptop alone as the laptop acting on itself, no wire', () => {
    const lab = createLabSession();
    const drawn = (line: string) =>
      lab.run(line).steps.map((s) => ({
        active: s.model.active,
        packets: s.model.packets.map((p) => `${p.from}>${p.to} ${p.label}`),
        messages: s.messages.map((m) => say(m.summary)),
        engine: s.seqTo - s.seqFrom + 1,
      }));
    expect(drawn('kubectl create deployment api --image=nginx --dry-run=client -o yaml')).toEqual([
      {
        active: ['developer'],
        packets: ['developer>developer --dry-run=client'],
        messages: [
          'kubectl builds Deployment/api on the laptop and prints it. No request leaves the laptop: the API server hears nothing.',
        ],
        engine: 0,
      },
    ]);
    expect(drawn('kubectl create namespace green --dry-run=client -o name')[0]?.messages).toEqual([
      'kubectl builds namespace/green on the laptop and prints it. No request leaves the laptop: the API server hears nothing.',
    ]);
    // Redirected to a file, nothing is printed: the object goes unnamed.
    expect(drawn('kubectl create namespace green --dry-run=client -o yaml > g.yaml')[0]).toEqual({
      active: ['developer'],
      packets: ['developer>developer --dry-run=client'],
      messages: [
        'kubectl builds the object on the laptop and prints it. No request leaves the laptop: the API server hears nothing.',
      ],
      engine: 0,
    });
    expect(drawn('kubectl config set-context --current --namespace=blue')[0]?.packets).toEqual([
      'developer>developer ~/.kube/config',
    ]);
    expect(drawn('kubectl config view --minify')[0]?.messages).toEqual([
      'kubectl reads the kubeconfig file on the laptop. No request goes to the cluster.',
    ]);
    // The API server never saw the Deployment (nor a namespace blue, which the context now names:
    // kubectl 1.32 then says so).
    expect(lab.run('kubectl get deployment api -n default').stderr).toBe(
      'Error from server (NotFound): deployments.apps "api" not found\n',
    );
    expect(lab.run('kubectl get deployment api').stderr).toBe(
      'Error from server (NotFound): namespaces "blue" not found\n',
    );
  });

  it('narrates each step specifically: what acted, what it sent, and why', () => {
    const lab = createLabSession();
    const said = (line: string) =>
      lab.run(line).steps.map((s) => `${say(s.title)} :: ${say(s.text)}`);
    expect(said('kubectl create namespace blue')).toEqual([
      'kubectl creates Namespace blue :: kubectl sends POST /api/v1/namespaces. The API server checks the Namespace, writes it to etcd at /registry/namespaces/blue (revision 278) and answers 201 Created; components watching Namespace objects hear of it at once.',
      'Namespace basics :: The controller manager fills the new namespace blue: the service-account controller creates its `default` ServiceAccount (the identity pods get unless they name another), and the root-CA publisher creates the ConfigMap kube-root-ca.crt (the certificate pods use to trust the API server).',
    ]);
    // Reads and kubeconfig edits: nothing happens in the cluster, and the narration says so.
    expect(said('kubectl config set-context --current --namespace=blue')).toEqual([
      'Only your kubeconfig changes :: kubectl config edits the kubeconfig file on your laptop; nothing is sent to the cluster. The context kubernetes-admin@kubernetes now uses the namespace blue, so kubectl adds it to every request that has no -n.',
    ]);
    expect(said('kubectl config get-contexts')[0]).toMatch(
      /^kubectl reads your kubeconfig :: .*namespace blue\.$/,
    );
    expect(said('kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml')).toEqual(
      [
        'Dry run: nothing sent :: --dry-run=client: kubectl builds the object and prints it without sending it. The API server, etcd and the cluster never hear of it.',
      ],
    );
    lab.run('kubectl config set-context --current --namespace=default');
    // A refusal names the API server's reason.
    expect(said('kubectl delete deployment nope')).toEqual([
      'The API server refuses :: kubectl sends DELETE /apis/apps/v1/namespaces/default/deployments/nope. The API server answers 404 (NotFound) and stores nothing: the console shows its message.',
    ]);
    // Scaling: kubectl changes one number; the controllers do the rest.
    const [scale] = said('kubectl scale deployment web --replicas=3');
    expect(scale).toMatch(
      /^kubectl scales web to 3 :: kubectl sends PATCH \/apis\/apps\/v1\/namespaces\/default\/deployments\/web\/scale: the Deployment web’s replicas go from 1 to 3\. The API server stores it in etcd \(revision \d+\) and answers 200 OK\. kubectl does not start or stop pods itself/,
    );
    // Cordon and uncordon say what the flag means for the scheduler.
    expect(said('kubectl cordon node2')[0]).toBe(
      'node2 cordoned :: kubectl sends PATCH /api/v1/nodes/node2 setting spec.unschedulable: true on node2. The scheduler now filters node2 out for new pods; the pods already running there stay.',
    );
    expect(said('kubectl uncordon node2')[0]).toMatch(/^node2 uncordoned :: /);
    // Deleting a pod is graceful: Terminating first, then the kubelet.
    const web = lab.state().pods.find((p) => p.name.startsWith('web-') && p.node === 'node1');
    const deleted = said(`kubectl delete pod ${web?.name}`);
    expect(deleted[0]).toBe(
      `kubectl deletes Pod ${web?.name} :: kubectl sends DELETE /api/v1/namespaces/default/pods/${web?.name}. The API server does not remove the pod at once: it marks it Terminating (deletionTimestamp, a 30 s grace period) and answers 200 OK. The kubelet on node1 stops its containers, then the pod leaves etcd.`,
    );
    // A drain's stop step names the pod it stopped, and only the node that stopped it.
    const drained = lab.run('kubectl drain node3 --ignore-daemonsets').steps;
    // drain evicts through the eviction subresource, not a plain DELETE.
    expect(say(drained[0]?.text)).toMatch(
      /^kubectl asks the API server to evict web-[a-z0-9]+-[a-z0-9]{5}: POST \/api\/v1\/namespaces\/default\/pods\/web-[a-z0-9]+-[a-z0-9]{5}\/eviction\. No PodDisruptionBudget stands in the way, so the API server deletes the pod gracefully \(Terminating, a 30 s grace period\) and answers 201 Created\./,
    );
    const stopped = drained.find((s) => keyOf(s) === 'lab.step.stopped.text');
    expect(stopped?.text.params?.node).toBe('node3');
    expect(String(stopped?.text.params?.pods)).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    // Several nodes' kubelets in one step: the title names each node that started a pod.
    lab.run('kubectl uncordon node3');
    const up = lab.run('kubectl create deployment shop --image=nginx --replicas=3').steps;
    const started = up.filter((s) => keyOf(s) === 'lab.step.started.text');
    const nodes = started.flatMap((s) => String(s.text.params?.node).split(', '));
    const shops = lab.state().pods.filter((p) => p.name.startsWith('shop-'));
    expect(new Set(nodes)).toEqual(new Set(shops.map((p) => p.node)));
    // The back-off's quiet status reports are named, never "kubelet works with the API server".
    const bad = runWhatIf(lab, { id: 'bad-image' });
    const more = lab.fastForward(60_000);
    const keys = [...steps(bad), ...more.steps].map(keyOf);
    expect(keys).not.toContain('lab.step.other.text');
    expect(keys).toContain('lab.step.backOff.text');
  });

  it('narrates an eviction a PodDisruptionBudget allows, naming the budget', () => {
    const lab = createLabSession();
    lab.run('kubectl scale deployment web --replicas=2');
    lab.run('kubectl create pdb web --selector=app=web --min-available=1');
    const node = lab.state().pods.find((p) => p.name.startsWith('web-'))?.node;
    const drained = lab.run(`kubectl drain ${node} --ignore-daemonsets`).steps;
    expect(keyOf(drained[0]!)).toBe('lab.step.kubectl.evictBudget.text');
    expect(say(drained[0]?.text)).toMatch(
      /^kubectl asks the API server to evict web-[a-z0-9]+-[a-z0-9]{5}: POST \/api\/v1\/namespaces\/default\/pods\/web-[a-z0-9]+-[a-z0-9]{5}\/eviction\. Its PodDisruptionBudget web still allows a disruption, so the API server counts this one in the budget’s status .* \(Terminating, a 30 s grace period\) and answers 201 Created\./,
    );
    expect(say(drained[0]?.text, 'ko')).toContain('PodDisruptionBudget web');
  });

  it('handles clear, blank lines, editors and bad input without changing the cluster', () => {
    const lab = createLabSession();
    const before = lab.cluster.messages.length;
    expect(lab.run('')).toMatchObject({ stdout: '', stderr: '', exitCode: 0, steps: [] });
    expect(lab.run('clear').intent).toEqual({ type: 'clear' });
    expect(lab.run('vi ./notes/a.yaml').intent).toEqual({ type: 'edit', path: 'notes/a.yaml' });
    expect(lab.run('vim')).toMatchObject({
      exitCode: 1,
      stderr: 'vim: give the file to open, e.g. vim nginx.yaml\n',
    });
    const bad = lab.run('kubectl get pods |& grep web');
    expect(bad.stderr).toBe(
      "bash: '|&' is not supported in this console; pipe stdout with | (add 2>&1 before it)\n",
    );
    expect(lab.run('kubectl crate ns x').stderr).toContain('Did you mean this?');
    // Only housekeeping (lease renewals, heartbeats) happened meanwhile.
    expect(lab.cluster.messages.slice(before).filter((m) => !m.housekeeping)).toEqual([]);
    expect(lab.history()).toEqual([
      'clear',
      'vi ./notes/a.yaml',
      'vim',
      'kubectl get pods |& grep web',
      'kubectl crate ns x',
    ]);
  });

  it('refuses to fast-forward more than 30 minutes at once (the page must stay responsive)', () => {
    const lab = createLabSession();
    const before = lab.state().now;
    expect(lab.run('sim advance 2h')).toMatchObject({
      exitCode: 1,
      stderr: 'sim advance: at most 30m of virtual time at once in the lab\n',
      steps: [],
    });
    expect(lab.run('sleep 3600').stderr).toBe(
      'sleep: at most 30m of virtual time at once in the lab\n',
    );
    expect(lab.state().now).toBe(before);
    expect(lab.fastForward(10 * 3_600_000).line).toBe('sim advance 1800s');
  });

  it('completes commands, resource types, names and namespaces from the live cluster', () => {
    const lab = createLabSession();
    lab.run('kubectl create namespace blue');
    expect(lab.completions('kubectl get po').items).toEqual([
      'po',
      'poddisruptionbudgets',
      'pods',
      'podtemplates',
    ]);
    expect(lab.completions('kubectl get pods -n b').items).toEqual(['blue']);
    expect(lab.completions('kubectl get pods web').items).toEqual(['web-6dc5cd68db-z45gl']);
    expect(lab.completions('kubectl create -f ').items).toEqual(['nginx.yaml']);
  });

  it('describes pods and nodes without recording a request; etcd keys carry revisions', () => {
    const lab = createLabSession();
    const before = lab.cluster.messages.length;
    const text = lab.describe('pod', 'default', 'web-6dc5cd68db-z45gl');
    expect(text).toMatch(/^Name: {13}web-6dc5cd68db-z45gl\nNamespace: {8}default\n/);
    expect(text).toContain('Node:             node1/');
    expect(lab.describe('node', undefined, 'node1')).toMatch(
      /^Name: {15}node1\nRoles: {14}<none>\n/,
    );
    expect(lab.describe('pod', 'default', 'x; rm -rf')).toBe(
      'error: invalid resource name "x; rm -rf"\n',
    );
    expect(lab.cluster.messages.length).toBe(before);

    lab.run('kubectl create namespace blue');
    const etcd = lab.state().etcd;
    const blue = etcd.keys.find((k) => k.key === '/registry/namespaces/blue');
    expect(blue?.modRevision).toBe(
      Number(lab.cluster.peek('namespaces', undefined, 'blue')?.metadata?.resourceVersion),
    );
    expect(etcd.keys.length).toBeLessThanOrEqual(150);
    expect(etcd.total).toBeGreaterThanOrEqual(etcd.keys.length);
    expect(etcd.keys.map((k) => k.key)).toEqual([...etcd.keys.map((k) => k.key)].sort());
  });

  it('narrates a taint, and a daemon pod replaced by the DaemonSet controller', () => {
    const lab = createLabSession();
    const said = (line: string) =>
      lab.run(line).steps.map((st) => `${say(st.title)} :: ${say(st.text)}`);
    const taint = said('kubectl taint nodes node1 dedicated=special:NoSchedule');
    expect(taint[0]).toMatch(
      /^node1's taints changed :: kubectl sends PATCH \/api\/v1\/nodes\/node1: node1's taints are now dedicated=special:NoSchedule\. The scheduler keeps new pods/,
    );
    const proxy = lab
      .state()
      .pods.find(
        (p) =>
          p.namespace === 'kube-system' && p.node === 'node2' && p.name.startsWith('kube-proxy-'),
      );
    expect(proxy).toBeDefined();
    const replaced = lab.run(`kubectl delete pod ${proxy?.name} -n kube-system`).steps;
    const daemon = replaced.find((st) => st.text.key === 'lab.step.daemonPodsCreated.text');
    expect(say(daemon?.title)).toBe('DaemonSet controller');
    expect(say(daemon?.text)).toMatch(
      /^The DaemonSet controller \(controller manager\) keeps one kube-proxy pod on every node that should run one\. Nodes without one get one: it creates kube-proxy-[a-z0-9]{5}, each pinned to its node by a node affinity on the node’s name; the scheduler then binds each pod there\.$/,
    );
    expect(say(daemon?.text, 'ko')).toContain('데몬셋 컨트롤러');
    // Nothing in the replacement is put down to the ReplicaSet controller.
    expect(replaced.map(keyOf)).not.toContain('lab.step.podsCreated.text');
  });

  it('narrates a Job: its pod is the Job controller’s, and the stage shows it Completed', () => {
    const lab = createLabSession();
    const r = lab.run('kubectl create job hello --image=busybox -- echo hi');
    expect(r.stdout).toBe('job.batch/hello created\n');
    const made = r.steps.find((st) => st.text.key === 'lab.step.jobPodsCreated.text');
    expect(say(made?.title)).toBe('Job controller');
    expect(say(made?.text)).toMatch(
      /^The Job controller \(controller manager\) runs hello to completion and creates hello-[a-z0-9]{5}, each with the batch\.kubernetes\.io\/job-tracking finalizer/,
    );
    expect(say(made?.text, 'ko')).toContain('잡 컨트롤러');
    expect(r.steps.map(keyOf)).not.toContain('lab.step.podsCreated.text');
    const pod = lab.state().pods.find((p) => p.name.startsWith('hello-'));
    expect(pod?.status).toBe('Completed');
    // Deleting the Job: the garbage collector takes its pod.
    const gone = lab.run('kubectl delete job hello');
    expect(gone.steps.map(keyOf)).toContain('lab.step.gcPodsDeleted.text');
    expect(lab.state().pods.some((p) => p.name.startsWith('hello-'))).toBe(false);
  });

  it('narrates a CronJob’s scheduled Job as the CronJob controller’s', () => {
    const lab = createLabSession();
    lab.run('kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date');
    const r = lab.run('sleep 70');
    const made = r.steps.find((st) => st.text.key === 'lab.step.cronJobCreated.text');
    expect(say(made?.title)).toBe('CronJob controller');
    expect(say(made?.text)).toMatch(
      /^The CronJob controller \(controller manager\) sees that a time in tick’s schedule has come and creates the Job tick-\d{8}, named after that minute;/,
    );
    expect(say(made?.text, 'ko')).toContain('크론잡 컨트롤러');
  });

  it('narrates a cordon: the node lifecycle controller taints the node, the kubelet records it', () => {
    const lab = createLabSession();
    const said = (line: string) =>
      lab.run(line).steps.map((st) => `${say(st.title)} :: ${say(st.text)}`);
    const cordon = said('kubectl cordon node1');
    expect(cordon.slice(1)).toEqual([
      'node1 tainted unschedulable :: The node lifecycle controller (controller manager) sees spec.unschedulable on node1 and adds the taint node.kubernetes.io/unschedulable:NoSchedule. From now on only pods that tolerate it, such as DaemonSet pods, can land on node1.',
      'kubelet on node1: NodeNotSchedulable :: At its next status update (every 10 s) the kubelet on node1 notices the change of spec.unschedulable and records the event NodeNotSchedulable: \u201cNode node1 status is now: NodeNotSchedulable\u201d.',
    ]);
    const uncordon = lab.run('kubectl uncordon node1').steps;
    expect(uncordon.map(keyOf)).toEqual([
      'lab.step.kubectl.uncordon.text',
      'lab.step.uncordonTaint.text',
      'lab.step.nodeSchedulable.text',
    ]);
    expect(say(uncordon[1]?.title, 'ko')).toBe('node1 테인트 제거');
  });

  it('narrates deletes as they happen: grace periods, forced deletes, foreground, the garbage collector', () => {
    const lab = createLabSession();
    const said = (line: string) =>
      lab.run(line).steps.map((st) => `${keyOf(st)} :: ${say(st.text)}`);
    lab.run('kubectl run tmp --image=nginx');
    expect(said('kubectl delete pod tmp --grace-period=5')[0]).toContain(
      'marks it Terminating (deletionTimestamp, a 5 s grace period)',
    );
    lab.run('kubectl run t2 --image=nginx');
    const forced = said('kubectl delete pod t2 --force --grace-period=0');
    expect(forced[0]).toMatch(
      /^lab\.step\.kubectl\.deletePodNow\.text :: kubectl sends DELETE \/api\/v1\/namespaces\/default\/pods\/t2 with a grace period of 0 \(--force\): the API server removes the pod from etcd at once/,
    );
    expect(forced.some((l) => l.startsWith('lab.step.stoppedGone.text :: The kubelet on '))).toBe(
      true,
    );
    // The tour's web Deployment: its ReplicaSet goes first, then the garbage collector's pods.
    const gone = said('kubectl delete deploy web');
    expect(gone[0]).toMatch(/^lab\.step\.kubectl\.delete\.text :: /);
    expect(gone[1]).toMatch(
      /^lab\.step\.gcPodsDeleted\.text :: The garbage collector \(controller manager\) deletes web-[a-z0-9]+-[a-z0-9]{5}: the ReplicaSet that owned them is gone or being deleted\./,
    );
    lab.run('kubectl create deploy w2 --image=nginx --replicas=2');
    const fg = said('kubectl delete deploy w2 --cascade=foreground');
    expect(fg[0]).toMatch(
      /^lab\.step\.kubectl\.deleteForeground\.text :: kubectl sends DELETE \/apis\/apps\/v1\/namespaces\/default\/deployments\/w2 \(propagationPolicy Foreground\)\. The API server does not remove the Deployment yet/,
    );
    expect(fg.map((l) => l.split(' :: ')[0])).toContain('lab.step.gcPodsDeleted.text');
  });

  it('narrates the pod garbage collector removing a pod bound to a node that does not exist', () => {
    const lab = createLabSession();
    lab.run(`kubectl run orphan --image=nginx --overrides='{"spec":{"nodeName":"node9"}}'`);
    const later = lab.run('sleep 1m').steps;
    expect(later.map((st) => say(st.text))).toContain(
      'The pod garbage collector (controller manager) finds orphan bound to node9, a node that no longer exists. After a 40 s quarantine it marks them Failed (DeletionByPodGC) and deletes them; their controllers make replacements on the nodes that are left.',
    );
    expect(lab.run('kubectl get pod orphan').stderr).toBe(
      'Error from server (NotFound): pods "orphan" not found\n',
    );
  });

  it('reset() goes back to the start', () => {
    const lab = createLabSession();
    lab.run('kubectl create namespace blue');
    lab.writeFile('a.yaml', 'x: 1\n');
    lab.reset();
    expect(lab.state().namespaces.map((n) => n.name)).not.toContain('blue');
    expect(lab.files().map((f) => f.name)).toEqual([
      '.kube/config',
      'Dockerfile',
      'index.html',
      'nginx.yaml',
    ]);
    expect(lab.history()).toEqual([]);
  });

  it('measures: createLabSession and a typical run() (printed, not asserted)', () => {
    let t = performance.now();
    const lab = createLabSession();
    const create = performance.now() - t;
    t = performance.now();
    lab.run('kubectl create -f nginx.yaml');
    const create1 = performance.now() - t;
    t = performance.now();
    lab.run('kubectl get pods');
    const get = performance.now() - t;
    t = performance.now();
    lab.run('kubectl scale deployment web --replicas=5');
    const scale = performance.now() - t;
    console.log(
      `lab timings: createLabSession ${create.toFixed(0)} ms, run(create -f nginx.yaml) ${create1.toFixed(0)} ms, run(get pods) ${get.toFixed(0)} ms, run(scale 5) ${scale.toFixed(0)} ms`,
    );
    expect(create).toBeGreaterThan(0);
  });
});
