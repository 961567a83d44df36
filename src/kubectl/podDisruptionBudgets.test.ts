/**
 * PodDisruptionBudgets end to end, as a 1.32 cluster shows them: `kubectl create pdb`, `get
 * pdb`, `describe pdb`, the disruption controller's status as pods come and go, and the
 * eviction subresource refusing (429) or counting an eviction.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/** A session with `kubectl create deployment web --replicas=N` running. */
function withWeb(replicas: number, seed = 3) {
  const s = engineSession(seed);
  s.run(`kubectl create deployment web --image=nginx --replicas=${replicas}`);
  const figures = (name: string, ns = 'default') =>
    s.run(
      `kubectl get pdb ${name} -n ${ns} -o jsonpath='{.status.currentHealthy} {.status.desiredHealthy} {.status.expectedPods} {.status.disruptionsAllowed}'`,
    ).out;
  return { ...s, figures };
}

describe('kubectl create pdb', () => {
  it('creates a policy/v1 budget and get/describe show it (50% unavailable of 3 rounds up to 2)', () => {
    const { run } = withWeb(3);
    expect(run('kubectl create pdb web-pdb --selector=app=web --min-available=2')).toEqual({
      out: 'poddisruptionbudget.policy/web-pdb created\n',
      err: '',
      code: 0,
    });
    expect(
      run('kubectl create poddisruptionbudget half --selector=app=web --max-unavailable=50%').out,
    ).toBe('poddisruptionbudget.policy/half created\n');
    expect(run('kubectl get pdb').out).toBe(
      'NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n' +
        'half      N/A             50%               2                     15s\n' +
        'web-pdb   2               N/A               1                     30s\n',
    );
    expect(run('kubectl describe pdb web-pdb').out).toBe(
      [
        'Name:           web-pdb',
        'Namespace:      default',
        'Min available:  2',
        'Selector:       app=web',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
    const yaml = run('kubectl get pdb half -o yaml').out;
    // The controller's first sync follows the create at once.
    const created = run(`kubectl get pdb half -o jsonpath='{.metadata.creationTimestamp}'`).out;
    expect(yaml).toContain(
      [
        'spec:',
        '  maxUnavailable: 50%',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        'status:',
        '  conditions:',
        `  - lastTransitionTime: "${created}"`,
        '    message: ""',
        '    observedGeneration: 1',
        '    reason: SufficientPods',
        '    status: "True"',
        '    type: DisruptionAllowed',
        '  currentHealthy: 3',
        '  desiredHealthy: 1',
        '  disruptionsAllowed: 2',
        '  expectedPods: 3',
        '  observedGeneration: 1',
        '',
      ].join('\n'),
    );
  });

  it("refuses what create_pdb.go's Validate refuses, and the server's validation", () => {
    const { run } = engineSession(1);
    expect(run('kubectl create pdb a --min-available=1')).toEqual({
      out: '',
      err: 'error: a selector must be specified\n',
      code: 1,
    });
    expect(run('kubectl create pdb a --selector=x=y').err).toBe(
      'error: one of min-available or max-unavailable must be specified\n',
    );
    expect(
      run('kubectl create pdb a --selector=x=y --min-available=1 --max-unavailable=1').err,
    ).toBe('error: min-available and max-unavailable cannot be both specified\n');
    expect(run('kubectl create pdb a --selector=x=y --min-available=10GB').err).toBe(
      'error: invalid format specified for min-available\n',
    );
    expect(run('kubectl create pdb a --selector=x=y --max-unavailable=101%').err).toBe(
      'error: failed to create poddisruptionbudgets: PodDisruptionBudget.policy "a" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%\n',
    );
    expect(run('kubectl get pdb').err).toBe('No resources found in default namespace.\n');
  });

  it('a manifest: both figures, a bad percent, an unknown policy', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'pdb.yaml',
      `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: p
spec:
  minAvailable: 1
  maxUnavailable: 2x
  unhealthyPodEvictionPolicy: Sometimes
  selector:
    matchLabels:
      app: web
`,
    );
    expect(run('kubectl create -f pdb.yaml').err).toBe(
      'The PodDisruptionBudget "p" is invalid: \n' +
        '* spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000b4e020), Selector:(*v1.LabelSelector)(0xc000d61a40), MaxUnavailable:(*intstr.IntOrString)(0xc000b4e040), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(0xc000a3c5d0)}: minAvailable and maxUnavailable cannot be both set\n' +
        "* spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"2x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')\n" +
        '* spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"\n',
    );
  });
});

describe('the disruption controller', () => {
  it('follows the pods as they come and go, and a new spec', () => {
    const { run, figures } = withWeb(3);
    run('kubectl create pdb web --selector=app=web --min-available=2');
    expect(figures('web')).toBe('3 2 3 1');
    run('kubectl scale deployment web --replicas=5');
    expect(figures('web')).toBe('5 2 5 3');
    run('kubectl scale deployment web --replicas=1');
    expect(figures('web')).toBe('1 2 1 0');
    expect(run(`kubectl get pdb web -o jsonpath='{.status.conditions[0].reason}'`).out).toBe(
      'InsufficientPods',
    );
    // A percentage is taken of the Deployment's scale and rounded up: 50% of 3 is 2.
    run(`kubectl patch pdb web --type=merge -p '{"spec":{"minAvailable":"50%"}}'`);
    run('kubectl scale deployment web --replicas=3');
    expect(figures('web')).toBe('3 2 3 1');
    expect(
      run(`kubectl get pdb web -o jsonpath='{.metadata.generation} {.status.observedGeneration}'`)
        .out,
    ).toBe('2 2');
  });

  it('maxUnavailable counts from the scale, not from the pods that exist', () => {
    const { run, figures } = withWeb(4);
    run('kubectl create pdb web --selector=app=web --max-unavailable=25%');
    expect(figures('web')).toBe('4 3 4 1');
  });

  it('warns about pods with no controller, fails over a DaemonSet, and says when nothing matches', () => {
    const { run } = engineSession(3);
    run('kubectl run solo --image=nginx --labels=app=solo');
    run('kubectl create pdb solo --selector=app=solo --max-unavailable=1');
    expect(run('kubectl describe pdb solo').out).toContain(
      '  Warning  UnmanagedPods  15s (x2 over 15s)  controllermanager  Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: solo,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.\n',
    );
    run(
      'kubectl create pdb proxy -n kube-system --selector=k8s-app=kube-proxy --min-available=50%',
    );
    expect(run('kubectl describe pdb proxy -n kube-system').out).toContain(
      'Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource\n',
    );
    expect(
      run(
        `kubectl get pdb proxy -n kube-system -o jsonpath='{.status.conditions[0].reason}: {.status.conditions[0].message}'`,
      ).out,
    ).toBe('SyncFailed: daemonsets.apps does not implement the scale subresource');
    run('kubectl create pdb none --selector=app=none --min-available=1');
    expect(run('kubectl describe pdb none').out).toContain(
      '  Normal  NoPods  15s (x2 over 15s)  controllermanager  No matching pods found\n',
    );
  });
});

describe('the eviction subresource', () => {
  it('refuses with 429 when no disruption is allowed, else counts the eviction', () => {
    const { run, cluster, figures } = withWeb(2);
    run('kubectl create pdb web --selector=app=web --min-available=1');
    const api = cluster.client('kubectl');
    const pods = run(`kubectl get pods -o jsonpath='{.items[*].metadata.name}'`).out.split(' ');
    const [first, second] = pods as [string, string];
    const r = api.delete('pods', 'default', first, { eviction: true });
    expect(r.ok).toBe(true);
    const pdb = cluster.peek('poddisruptionbudgets', 'default', 'web');
    expect(pdb?.status).toMatchObject({
      disruptionsAllowed: 0,
      disruptedPods: { [first]: expect.any(String) },
      conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }],
    });
    const evicted = cluster.peek('pods', 'default', first);
    expect(evicted?.metadata?.deletionTimestamp).toBeDefined();
    expect((evicted?.status as { conditions?: unknown[] } | undefined)?.conditions).toContainEqual(
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      }),
    );
    const refused = api.delete('pods', 'default', second, { eviction: true });
    expect(refused).toEqual({
      ok: false,
      status: expect.objectContaining({
        code: 429,
        reason: 'TooManyRequests',
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: {
          causes: [
            {
              type: 'DisruptionBudget',
              // The stored status, before the controller has counted the eviction.
              message: 'The disruption budget web needs 1 healthy pods and has 2 currently',
            },
          ],
          retryAfterSeconds: 0,
        },
      }),
    });
    // Once the replacement is Ready the budget allows one again, and the record is gone.
    run('kubectl get pods');
    expect(figures('web')).toBe('2 1 2 1');
    expect(cluster.peek('poddisruptionbudgets', 'default', 'web')?.status).not.toHaveProperty(
      'disruptedPods',
    );
  });

  it('an unready pod: evicted while the budget is healthy, or always with AlwaysAllow', () => {
    const { run, host, cluster } = engineSession(3);
    const deployment = (tier: string, replicas: number, probe: string) =>
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${tier}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: db, tier: ${tier}}}
  template:
    metadata: {labels: {app: db, tier: ${tier}}}
    spec: {containers: [{name: c, image: nginx${probe}}]}
---
`;
    host.fs.write(
      'db.yaml',
      deployment('good', 2, '') +
        deployment('bad', 1, ', readinessProbe: {httpGet: {path: /healthz, port: 80}}'),
    );
    run('kubectl apply -f db.yaml');
    run('kubectl create pdb db --selector=app=db --min-available=3');
    const unready = () =>
      run(`kubectl get pods -l tier=bad -o jsonpath='{.items[0].metadata.name}'`).out;
    const evict = (name: string) =>
      cluster.client('kubectl').delete('pods', 'default', name, { eviction: true });
    const first = unready();
    // Two healthy of three desired: the budget is not healthy, the unready pod is protected.
    const refused = evict(first);
    expect(!refused.ok && refused.status.details?.causes?.[0]?.message).toBe(
      'The disruption budget db needs 3 healthy pods and has 2 currently',
    );
    run(
      `kubectl patch pdb db --type=merge -p '{"spec":{"unhealthyPodEvictionPolicy":"AlwaysAllow"}}'`,
    );
    expect(evict(first).ok).toBe(true);
    // IfHealthyBudget (the default) lets an unready pod go once the budget is met.
    run(
      `kubectl patch pdb db --type=merge -p '{"spec":{"unhealthyPodEvictionPolicy":null,"minAvailable":2}}'`,
    );
    const second = unready();
    expect(second).not.toBe(first);
    // Running but not Ready: the budget, not the Pending exemption, decides.
    expect(
      run(
        `kubectl get pod ${second} -o jsonpath='{.status.phase} {.status.containerStatuses[0].ready}'`,
      ).out,
    ).toBe('Running false');
    expect(run(`kubectl get pdb db -o jsonpath='{.status.disruptionsAllowed}'`).out).toBe('0');
    expect(evict(second).ok).toBe(true);
  });

  it('a budget whose new spec the controller has not seen yet refuses, retry in 10s', () => {
    const { run, cluster } = withWeb(2);
    run('kubectl create pdb web --selector=app=web --min-available=0');
    const pod = run(`kubectl get pods -o jsonpath='{.items[0].metadata.name}'`).out;
    const api = cluster.client('kubectl');
    // The spec change bumps the generation; evict before the controller syncs it.
    api.patch('poddisruptionbudgets', 'default', 'web', { spec: { minAvailable: 1 } });
    expect(api.delete('pods', 'default', pod, { eviction: true })).toEqual({
      ok: false,
      status: expect.objectContaining({
        code: 429,
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        details: {
          causes: [
            {
              type: 'DisruptionBudget',
              message: 'The disruption budget web is still being processed by the server.',
            },
          ],
          retryAfterSeconds: 10,
        },
      }),
    });
  });

  it('a pod two budgets select cannot be evicted', () => {
    const { run, cluster } = withWeb(2);
    run('kubectl create pdb a --selector=app=web --min-available=0');
    run('kubectl create pdb b --selector=app=web --max-unavailable=1');
    const pod = run(`kubectl get pods -o jsonpath='{.items[0].metadata.name}'`).out;
    const r = cluster.client('kubectl').delete('pods', 'default', pod, { eviction: true });
    expect(!r.ok && [r.status.code, r.status.message]).toEqual([
      500,
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    ]);
    // The disruption controller warns on the pod at its next change (it reads its lister in
    // no fixed order).
    run(`kubectl label pod ${pod} touched=yes`);
    expect(
      run(
        `kubectl get events --field-selector involvedObject.name=${pod},reason=MultiplePodDisruptionBudgets -o jsonpath='{.items[*].message}'`,
      ).out,
    ).toBe(`Pod "default"/"${pod}" matches multiple PodDisruptionBudgets.  Chose "a" arbitrarily.`);
  });
});

describe('kubectl drain with a PodDisruptionBudget', () => {
  /** web with 2 replicas, a budget needing both, and the node of one of them. */
  function blocked() {
    const s = withWeb(2);
    s.run('kubectl create pdb web --selector=app=web --min-available=2');
    const node = s.run(`kubectl get pods -o jsonpath='{.items[0].spec.nodeName}'`).out;
    const pod = s.run(
      `kubectl get pods -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
    ).out;
    const proxy = s.run(
      `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
    ).out;
    return { ...s, node, pod, proxy };
  }

  it('retries every 5s while the budget refuses, then --timeout ends it', () => {
    const { run, node, pod, proxy } = blocked();
    const evicting = `evicting pod default/${pod}\n`;
    const refused = `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    const why = `error when evicting pods/"${pod}" -n "default": global timeout reached: 12s`;
    // Tries at 0, 5 and 10 s; the try at 15 s is past the deadline.
    expect(run(`kubectl drain ${node} --ignore-daemonsets --timeout=12s`)).toEqual({
      out: `node/${node} cordoned\n${evicting.repeat(4)}`,
      err: `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}\n${refused.repeat(3)}There are pending pods in node "${node}" when an error occurred: ${why}\npod/${pod}\nerror: unable to drain node "${node}" due to error: ${why}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${why}\n`,
      code: 1,
    });
  });

  it('without --timeout the console stops retrying after a minute, with a note', () => {
    const { run, node, pod } = blocked();
    const r = run(`kubectl drain ${node} --ignore-daemonsets`);
    expect(r.code).toBe(1);
    expect(r.out.split(`evicting pod default/${pod}\n`).length - 1).toBe(12);
    expect(r.err).toMatch(
      new RegExp(
        `\\(this console stopped after 1m0s: kubectl drain retries every 5s, for as long as a disruption budget refuses, the eviction of pod "${pod}"; use --timeout\\)\\n$`,
      ),
    );
  });

  it('goes through once the budget allows it, and the budget recovers', () => {
    const { run, node, pod, figures } = blocked();
    run(`kubectl patch pdb web --type=merge -p '{"spec":{"minAvailable":1}}'`);
    expect(run(`kubectl drain ${node} --ignore-daemonsets`).out).toBe(
      `node/${node} cordoned\nevicting pod default/${pod}\npod/${pod} evicted\nnode/${node} drained\n`,
    );
    expect(figures('web')).toBe('2 1 2 1');
  });

  it('a refused eviction is retried until the replacement is Ready and the budget allows it', () => {
    const { run } = withWeb(4);
    run('kubectl create pdb web --selector=app=web --min-available=3');
    // Seed 3 places two of the four pods on node2.
    const [a, b] = run(
      `kubectl get pods -o jsonpath='{range .items[?(@.spec.nodeName=="node2")]}{.metadata.name} {end}'`,
    )
      .out.trim()
      .split(' ') as [string, string];
    expect(b).toMatch(/^web-/);
    const proxy = run(
      `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="node2")]}{.metadata.name}{end}'`,
    ).out;
    // The pod listed last is tried first (its goroutine runs first, as with a real kubectl).
    expect(run('kubectl drain node2 --ignore-daemonsets')).toEqual({
      out: `node/node2 cordoned\nevicting pod default/${b}\nevicting pod default/${a}\npod/${b} evicted\nevicting pod default/${a}\npod/${a} evicted\nnode/node2 drained\n`,
      err: `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}\nerror when evicting pods/"${a}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
      code: 0,
    });
  });

  it("an eviction refused for another reason ends that pod's loop with the error", () => {
    const { run, node, pod } = blocked();
    run('kubectl create pdb web2 --selector=app=web --max-unavailable=1');
    const why = `error when evicting pods/"${pod}" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`;
    const r = run(`kubectl drain ${node} --ignore-daemonsets`);
    expect(r.out).toBe(`node/${node} cordoned\nevicting pod default/${pod}\n`);
    expect(r.err).toContain(
      `There are pending pods in node "${node}" when an error occurred: ${why}\npod/${pod}\nerror: unable to drain node "${node}" due to error: ${why}, continuing command...\n`,
    );
  });

  it('--disable-eviction deletes past the budget: no evicting line, pod/X deleted', () => {
    const { run, node, pod } = blocked();
    expect(run(`kubectl drain ${node} --ignore-daemonsets --disable-eviction`).out).toBe(
      `node/${node} cordoned\npod/${pod} deleted\nnode/${node} drained\n`,
    );
  });
});
