/**
 * The image update loop of the container flow, on a whole simulated cluster: build, push,
 * deploy, change the page, build and push again, roll out. What runs is what the registry's
 * tag named when each container was pulled (Always) or what the node already had under that
 * tag (IfNotPresent), as with the kubelet and containerd.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

type Run = ReturnType<typeof engineSession>['run'];

/** The manifest digest `docker push` printed (`latest: digest: sha256:… size: N`). */
function pushedDigest(run: Run, image: string): string {
  const out = run(`docker push ${image}`).out;
  const m = /: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(out);
  if (!m?.[1]) throw new Error(`no digest in:\n${out}`);
  return m[1];
}

/** Pod name → node, image ID and waiting reason. */
function pods(run: Run): Map<string, { node: string; imageID: string; waiting: string }> {
  const out = run(
    `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}|{.spec.nodeName}|{.status.containerStatuses[0].imageID}|{.status.containerStatuses[0].state.waiting.reason}{"\\n"}{end}'`,
  ).out;
  const map = new Map<string, { node: string; imageID: string; waiting: string }>();
  for (const line of out.trim().split('\n')) {
    const [name = '', node = '', imageID = '', waiting = ''] = line.split('|');
    map.set(name, { node, imageID, waiting });
  }
  return map;
}

function podEvents(run: Run, pod: string): string[] {
  return run(
    `kubectl get events --field-selector involvedObject.name=${pod} -o jsonpath='{range .items[*]}{.reason}: {.message}{"\\n"}{end}'`,
  )
    .out.trim()
    .split('\n');
}

describe('image update loop', () => {
  it(':latest re-pushed: running pods keep their digest, pods made afterwards run the new one', () => {
    const { run, cluster } = engineSession(1);
    run('docker build -t learner/web .');
    const v1 = pushedDigest(run, 'learner/web');
    run('kubectl create deployment web --image=learner/web --replicas=3');
    cluster.advance(30_000);
    const first = pods(run);
    expect([...first.values()].map((p) => p.imageID)).toEqual(
      Array(3).fill(`docker.io/learner/web@${v1}`),
    );
    expect(
      run(`kubectl get pods -o jsonpath='{.items[0].spec.containers[0].imagePullPolicy}'`).out,
    ).toBe('Always');

    run(`echo '<h1>version 2</h1>' > index.html`);
    run('docker build -t learner/web .');
    const v2 = pushedDigest(run, 'learner/web');
    expect(v2).not.toBe(v1);
    cluster.advance(30_000);
    // Nothing restarts by itself: same template, and the running containers keep their image.
    for (const [name, p] of pods(run)) {
      expect(first.has(name)).toBe(true);
      expect(p.imageID).toBe(`docker.io/learner/web@${v1}`);
    }

    run('kubectl scale deployment web --replicas=4');
    cluster.advance(30_000);
    const scaled = [...pods(run)].filter(([name]) => !first.has(name));
    expect(scaled).toHaveLength(1);
    const [newPod, info] = scaled[0]!;
    expect(info.imageID).toBe(`docker.io/learner/web@${v2}`);
    // Always: the kubelet pulls (and reports it) although the base layers are on the node; only
    // the small new layer is fetched, well under the seconds the first pull took.
    const ev = podEvents(run, newPod);
    expect(ev).toContain('Pulling: Pulling image "learner/web"');
    const pulled = ev.find((e) => e.startsWith('Pulled: '));
    expect(pulled).toMatch(
      /^Pulled: Successfully pulled image "learner\/web" in (\d+)ms \(\1ms including waiting\)\. Image size: \d+ bytes\.$/,
    );

    run('kubectl rollout restart deployment/web');
    cluster.advance(120_000);
    expect(run('kubectl rollout status deployment/web').out).toBe(
      'deployment "web" successfully rolled out\n',
    );
    const restarted = pods(run);
    expect(restarted.size).toBe(4);
    for (const [name, p] of restarted) {
      expect(first.has(name) || name === newPod).toBe(false);
      expect(p.imageID).toBe(`docker.io/learner/web@${v2}`);
    }
  });

  it('IfNotPresent: a re-pushed :v1 is not fetched where the node has v1, only on a fresh node', () => {
    const { run, cluster } = engineSession(1);
    run('docker build -t learner/web:v1 .');
    const v1 = pushedDigest(run, 'learner/web:v1');
    // One pod, so two nodes have never seen learner/web.
    run('kubectl create deployment web --image=learner/web:v1 --replicas=1');
    cluster.advance(30_000);
    const initial = [...pods(run)];
    expect(initial).toHaveLength(1);
    const [firstPod, first] = initial[0]!;
    run(`echo '<h1>v1, fixed</h1>' > index.html`);
    run('docker build -t learner/web:v1 .');
    const v1b = pushedDigest(run, 'learner/web:v1');
    expect(v1b).not.toBe(v1);
    run('kubectl scale deployment web --replicas=6');
    cluster.advance(60_000);
    const byNode = new Map<string, Set<string>>();
    for (const [name, p] of pods(run)) {
      if (name === firstPod) continue;
      const seen = byNode.get(p.node) ?? new Set<string>();
      seen.add(p.imageID);
      byNode.set(p.node, seen);
      const ev = podEvents(run, name);
      if (p.node === first.node) {
        expect(ev).toContain('Pulled: Container image "learner/web:v1" already present on machine');
        expect(ev.some((e) => e.startsWith('Pulling: '))).toBe(false);
      } else {
        expect(ev).toContain('Pulling: Pulling image "learner/web:v1"');
      }
    }
    expect(byNode.size).toBe(3);
    for (const [node, ids] of byNode) {
      expect([...ids]).toEqual([`docker.io/learner/web@${node === first.node ? v1 : v1b}`]);
    }
  });

  it('set image before the push: NotFound and back-off, old pods kept; the retry after the push rolls out', () => {
    const { run, cluster } = engineSession(1);
    run('docker build -t learner/web:v1 .');
    const v1 = pushedDigest(run, 'learner/web:v1');
    run('kubectl create deployment web --image=learner/web:v1 --replicas=4');
    cluster.advance(30_000);
    run(`echo '<h1>version 2</h1>' > index.html`);
    run('docker build -t learner/web:v2 .');
    run('kubectl set image deployment/web web=learner/web:v2');
    cluster.advance(60_000);
    const stalled = [...pods(run).values()];
    // maxSurge 1 + maxUnavailable 1 of 4: two new pods that cannot pull, three old ones serving.
    expect(
      stalled.filter((p) => p.waiting === 'ImagePullBackOff' || p.waiting === 'ErrImagePull'),
    ).toHaveLength(2);
    expect(stalled.filter((p) => p.imageID === `docker.io/learner/web@${v1}`)).toHaveLength(3);
    const failing = [...pods(run)].find(([, p]) => p.waiting !== '')![0];
    expect(podEvents(run, failing)).toContain(
      'Failed: Failed to pull image "learner/web:v2": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/learner/web:v2": failed to resolve reference "docker.io/learner/web:v2": docker.io/learner/web:v2: not found',
    );
    expect(run('kubectl rollout status deployment/web --timeout=1s')).toEqual({
      out: 'Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...\n',
      err: 'error: timed out waiting for the condition\n',
      code: 1,
    });

    const v2 = pushedDigest(run, 'learner/web:v2');
    // The image back-off doubles from 10 s to 5 min: a pod waits at most that long (plus the
    // pod worker's jittered resync) before its next pull finds v2.
    cluster.advance(5 * 60_000 + 20_000);
    cluster.advance(120_000);
    expect(run('kubectl rollout status deployment/web').out).toBe(
      'deployment "web" successfully rolled out\n',
    );
    const done = [...pods(run).values()];
    expect(done).toHaveLength(4);
    for (const p of done) expect(p.imageID).toBe(`docker.io/learner/web@${v2}`);
  });
});
