/**
 * HorizontalPodAutoscalers on a kubeadm 1.32 cluster without metrics-server: `kubectl autoscale`,
 * `get`/`describe`/`delete hpa`, the API server's defaulting and validation, and what the
 * horizontal-pod-autoscaler controller does every 15 s when the resource metrics API is missing.
 */
import { describe, expect, it } from 'vitest';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

const NO_METRICS =
  'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const FAILED_GET = `failed to get cpu utilization: ${NO_METRICS}`;
const FAILED_COMPUTE = `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${FAILED_GET}`;

/** A session with `web` (nginx, `replicas` pods) ready. */
function withDeployment(replicas = 1) {
  const s = engineSession(3);
  expect(s.run(`kubectl create deployment web --image=nginx --replicas=${replicas}`).code).toBe(0);
  return s;
}

/** `TYPE REASON MESSAGE` of every event about autoscaler `name`, oldest first. */
function hpaEvents(s: ReturnType<typeof engineSession>, name: string): string[] {
  // runLine: no settling, so the clock stays where the test put it.
  const r = runLine(
    s.host,
    `kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=${name} --sort-by=.firstTimestamp -o custom-columns=TYPE:.type,REASON:.reason,COUNT:.count,MESSAGE:.message --no-headers`,
  );
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/ {2,}/g, ' | '));
}

describe('kubectl autoscale', () => {
  it('creates an autoscaling/v1 autoscaler named after the target', () => {
    const { run } = withDeployment();
    expect(run('kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=50')).toEqual({
      out: 'horizontalpodautoscaler.autoscaling/web autoscaled\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get hpa web -o jsonpath={.spec}').out).toBe(
      '{"maxReplicas":5,"metrics":[{"resource":{"name":"cpu","target":{"averageUtilization":50,"type":"Utilization"}},"type":"Resource"}],"minReplicas":2,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}}',
    );
  });

  it('prints the v1 object with --dry-run=client -o yaml, and "created (dry run)" without -o', () => {
    const { run } = withDeployment();
    expect(run('kubectl autoscale deploy/web --max=3 --dry-run=client -o yaml').out).toBe(
      `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: web
spec:
  maxReplicas: 3
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
status:
  currentReplicas: 0
  desiredReplicas: 0
`,
    );
    expect(run('kubectl autoscale deploy web --max=3 --dry-run=client').out).toBe(
      'horizontalpodautoscaler.autoscaling/web created (dry run)\n',
    );
    expect(run('kubectl autoscale deploy web --max=3 --dry-run=server').out).toBe(
      'horizontalpodautoscaler.autoscaling/web autoscaled (server dry run)\n',
    );
    expect(run('kubectl get hpa').err).toBe('No resources found in default namespace.\n');
  });

  it("writes the client dry run as the typed v1 object: -o json keeps the structs' field order", () => {
    // As kubectl 1.32.5 printed it: CrossVersionObjectReference is kind, name, apiVersion.
    const { run } = withDeployment();
    expect(
      run(
        'kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=50 --dry-run=client -o json',
      ),
    ).toEqual({
      out: `{
    "kind": "HorizontalPodAutoscaler",
    "apiVersion": "autoscaling/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null
    },
    "spec": {
        "scaleTargetRef": {
            "kind": "Deployment",
            "name": "web",
            "apiVersion": "apps/v1"
        },
        "minReplicas": 2,
        "maxReplicas": 5,
        "targetCPUUtilizationPercentage": 50
    },
    "status": {
        "currentReplicas": 0,
        "desiredReplicas": 0
    }
}
`,
      err: '',
      code: 0,
    });
  });

  it('answers -o yaml in autoscaling/v1, the server-defaulted cpu target as targetCPUUtilizationPercentage', () => {
    const { run } = withDeployment();
    const out = run('kubectl autoscale deploy web --max=4 --name=web-hpa -o yaml').out;
    expect(out).toMatch(/^apiVersion: autoscaling\/v1\nkind: HorizontalPodAutoscaler\n/);
    expect(out).toContain(`spec:
  maxReplicas: 4
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  targetCPUUtilizationPercentage: 80
status:
  currentReplicas: 0
  desiredReplicas: 0
`);
  });

  it("refuses bad flags with Validate's errors, before looking the target up", () => {
    const { run } = withDeployment();
    const noMax = run('kubectl autoscale deployment nope');
    expect(noMax.code).toBe(1);
    // kubectl's main prints cobra's error through util.CheckErr, as for any other flag error.
    expect(noMax.err).toBe('error: required flag(s) "max" not set\n');
    expect(run('kubectl autoscale deployment nope --max=-1').err).toBe(
      'error: --max=MAXPODS is required and must be at least 1, max: -1\n',
    );
    expect(run('kubectl autoscale deployment web --min=4 --max=2').err).toBe(
      'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 4\n',
    );
    expect(run('kubectl autoscale deployment web --max=0').err).toBe(
      'error: --max=MAXPODS is required and must be at least 1, max: 0\n',
    );
  });

  it('reports a missing target as the server does, and a kind without a scale subresource', () => {
    const { run } = withDeployment();
    expect(run('kubectl autoscale deployment nope --max=2')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl autoscale daemonset kube-proxy -n kube-system --max=2').err).toBe(
      'error: cannot autoscale a DaemonSet: could not find scale subresource for apps/v1, Resource=daemonsets in discovery information\n',
    );
    expect(run('kubectl autoscale deployment --max=2').err).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(run('kubectl autoscale deployment web --max=2').code).toBe(0);
    expect(run('kubectl autoscale deployment web --max=2').err).toBe(
      'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n',
    );
  });

  it('has the 1.32 help page', () => {
    const { run } = engineSession(3);
    const out = run('kubectl autoscale --help').out;
    expect(out).toMatch(
      /^Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster\.\n\n Looks up a deployment, replica set, stateful set, or replication controller by name/,
    );
    expect(out).toContain(`    --cpu-percent=-1:
\tThe target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not
\tspecified or negative, a default autoscaling policy will be used.
`);
    expect(out).toContain(
      `Usage:
  kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]
`,
    );
  });
});

describe('the horizontal-pod-autoscaler controller without metrics-server', () => {
  it('first looks 15 s after the autoscaler appears, then every 15 s: the metric warnings and conditions', () => {
    const s = withDeployment();
    // No settling: the clock is moved by hand.
    expect(
      runLine(s.host, 'kubectl autoscale deployment web --max=5 --cpu-percent=50').stdout,
    ).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    s.cluster.advance(14_900);
    expect(hpaEvents(s, 'web')).toEqual([]);
    expect(runLine(s.host, 'kubectl get hpa web -o jsonpath={.status}').stdout).toBe(
      '{"desiredReplicas":0}',
    );
    s.cluster.advance(200);
    expect(hpaEvents(s, 'web')).toEqual([
      `Warning | FailedGetResourceMetric | 1 | ${FAILED_GET}`,
      `Warning | FailedComputeMetricsReplicas | 1 | ${FAILED_COMPUTE}`,
    ]);
    s.cluster.advance(15_000);
    expect(hpaEvents(s, 'web')).toEqual([
      `Warning | FailedGetResourceMetric | 2 | ${FAILED_GET}`,
      `Warning | FailedComputeMetricsReplicas | 2 | ${FAILED_COMPUTE}`,
    ]);
    const status = runLine(s.host, 'kubectl get hpa web -o yaml').stdout;
    expect(status.slice(status.indexOf('status:'))).toMatch(
      /^status:\n {2}conditions:\n {2}- lastTransitionTime: "[^"]+"\n {4}message: the HPA controller was able to get the target's current scale\n {4}reason: SucceededGetScale\n {4}status: "True"\n {4}type: AbleToScale\n {2}- lastTransitionTime: "[^"]+"\n {4}message: 'the HPA was unable to compute the replica count: failed to get cpu utilization:\n {6}unable to get metrics for resource cpu: unable to fetch metrics from resource\n {6}metrics API: the server could not find the requested resource \(get pods.metrics.k8s.io\)'\n {4}reason: FailedGetResourceMetric\n {4}status: "False"\n {4}type: ScalingActive\n {2}currentMetrics:\n {2}- type: ""\n {2}currentReplicas: 1\n {2}desiredReplicas: 0\n$/,
    );
  });

  it('get hpa shows cpu: <unknown>/TARGET, and describe the metrics, conditions and events', () => {
    const s = withDeployment();
    runLine(s.host, 'kubectl autoscale deployment web --max=5 --cpu-percent=50');
    expect(s.run('kubectl get hpa').out).toMatch(
      /^NAME {3}REFERENCE {8}TARGETS {14}MINPODS {3}MAXPODS {3}REPLICAS {3}AGE\nweb {4}Deployment\/web {3}cpu: <unknown>\/50% {3}1 {9}5 {9}0 {10}0s\n$/,
    );
    // get's settling saw the first pass; this is the second.
    s.cluster.advance(15_100);
    const out = s.run('kubectl describe hpa web').out;
    expect(
      out.replace(/CreationTimestamp:.*\n/, ''),
    ).toBe(`Name:                                                  web
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
Reference:                                             Deployment/web
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 50%
Min replicas:                                          1
Max replicas:                                          5
Deployment pods:                                       1 current / 0 desired
Conditions:
  Type           Status  Reason                   Message
  ----           ------  ------                   -------
  AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale
  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: ${FAILED_GET}
Events:
  Type     Reason                        Age               From                       Message
  ----     ------                        ----              ----                       -------
  Warning  FailedGetResourceMetric       0s (x2 over 15s)  horizontal-pod-autoscaler  ${FAILED_GET}
  Warning  FailedComputeMetricsReplicas  0s (x2 over 15s)  horizontal-pod-autoscaler  ${FAILED_COMPUTE}
`);
    expect(out).toMatch(/\nCreationTimestamp: {37}\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\n/);
  });

  it('pods without CPU requests still end at the missing metrics API (the requests are read after the metrics)', () => {
    const s = withDeployment();
    runLine(s.host, 'kubectl autoscale deployment web --max=5');
    s.cluster.advance(15_100);
    expect(hpaEvents(s, 'web').map((e) => e.split(' | ')[1])).toEqual([
      'FailedGetResourceMetric',
      'FailedComputeMetricsReplicas',
    ]);
    expect(hpaEvents(s, 'web').join('\n')).not.toContain('missing request');
  });

  it('scales a target below minReplicas up to it: SuccessfulRescale, then the metric warnings', () => {
    const s = withDeployment(1);
    runLine(s.host, 'kubectl autoscale deployment web --min=3 --max=5');
    s.cluster.advance(15_100);
    expect(hpaEvents(s, 'web')).toEqual([
      'Normal | SuccessfulRescale | 1 | New size: 3; reason: Current number of replicas below Spec.MinReplicas',
    ]);
    expect(
      runLine(s.host, 'kubectl get hpa web -o jsonpath={.status.conditions[0].reason}').stdout,
    ).toBe('SucceededRescale');
    expect(
      runLine(s.host, 'kubectl get hpa web -o jsonpath={.status.conditions[0].message}').stdout,
    ).toBe('the HPA controller was able to update the target scale to 3');
    expect(
      runLine(
        s.host,
        'kubectl get hpa web -o jsonpath={.status.currentReplicas}/{.status.desiredReplicas}',
      ).stdout,
    ).toBe('1/3');
    s.run('kubectl rollout status deployment web');
    expect(s.run('kubectl get deployment web -o jsonpath={.spec.replicas}').out).toBe('3');
    const deployEvents = s.run(
      'kubectl get events --field-selector involvedObject.kind=Deployment -o custom-columns=MSG:.message --no-headers',
    ).out;
    expect(deployEvents).toContain('Scaled up replica set web-');
    expect(deployEvents).toMatch(/from 1 to 3\n/);
  });

  it('refuses to act when two autoscalers select the same pods: AmbiguousSelector', () => {
    const s = withDeployment();
    runLine(s.host, 'kubectl autoscale deployment web --max=3');
    s.cluster.advance(5_000);
    runLine(s.host, 'kubectl autoscale deployment web --max=4 --name=second');
    s.cluster.advance(10_100);
    // web's first pass came before second was seen: the missing metrics API.
    expect(hpaEvents(s, 'web').map((e) => e.split(' | ')[1])).toEqual([
      'FailedGetResourceMetric',
      'FailedComputeMetricsReplicas',
    ]);
    s.cluster.advance(5_000);
    const ambiguous =
      'pods by selector app=web are controlled by multiple HPAs: [default/second default/web]';
    expect(hpaEvents(s, 'second')).toEqual([
      `Warning | AmbiguousSelector | 1 | ${ambiguous}`,
      `Warning | FailedComputeMetricsReplicas | 1 | ${ambiguous}`,
    ]);
    expect(
      runLine(
        s.host,
        `kubectl get hpa second -o 'jsonpath={.status.conditions[1].reason}: {.status.conditions[1].message}'`,
      ).stdout,
    ).toBe(`AmbiguousSelector: ${ambiguous}`);
    // Once second is gone, web is alone again.
    runLine(s.host, 'kubectl delete hpa second');
    s.cluster.advance(15_000);
    expect(hpaEvents(s, 'web').map((e) => e.split(' | ').slice(1, 3).join(' '))).toEqual([
      'FailedGetResourceMetric 2',
      'FailedComputeMetricsReplicas 2',
    ]);
  });

  it('reports each kind of metric with its own reason when no metrics API answers', () => {
    const s = withDeployment();
    s.host.fs.write(
      'multi.yaml',
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: multi
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: memory
      target: {type: AverageValue, averageValue: 100Mi}
  - type: Pods
    pods:
      metric: {name: packets-per-second}
      target: {type: AverageValue, averageValue: 1k}
  - type: ContainerResource
    containerResource:
      name: cpu
      container: application
      target: {type: Utilization, averageUtilization: 60}
`,
    );
    runLine(s.host, 'kubectl create -f multi.yaml');
    expect(runLine(s.host, 'kubectl get hpa multi --no-headers').stdout).toMatch(
      /^multi {3}Deployment\/web {3}memory: <unknown>\/100Mi, <unknown>\/1k \+ 1 more\.\.\. +1 +5 +0 +0s\n$/,
    );
    s.cluster.advance(15_100);
    const memory =
      'failed to get memory usage: unable to get metrics for resource memory: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(hpaEvents(s, 'multi')).toEqual([
      `Warning | FailedGetResourceMetric | 1 | ${memory}`,
      'Warning | FailedGetPodsMetric | 1 | unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered',
      `Warning | FailedGetContainerResourceMetric | 1 | ${FAILED_GET}`,
      `Warning | FailedComputeMetricsReplicas | 1 | invalid metrics (3 invalid out of 3), first error is: failed to get memory resource metric value: ${memory}`,
    ]);
    expect(
      s.run('kubectl describe hpa multi').out,
    ).toContain(`Metrics:                                                                          ( current / target )
  resource memory on pods:                                                        <unknown> / 100Mi
  "packets-per-second" on pods:                                                   <unknown> / 1k
  resource cpu of container "application" on pods  (as a percentage of request):  <unknown> / 60%
`);
  });

  it('scales a target above maxReplicas down to it', () => {
    const s = withDeployment(4);
    runLine(s.host, 'kubectl autoscale deployment web --max=2');
    s.cluster.advance(15_100);
    expect(hpaEvents(s, 'web')).toEqual([
      'Normal | SuccessfulRescale | 1 | New size: 2; reason: Current number of replicas above Spec.MaxReplicas',
    ]);
    expect(s.run('kubectl get deployment web -o jsonpath={.spec.replicas}').out).toBe('2');
  });

  it('leaves a target at zero replicas alone: ScalingActive False ScalingDisabled, no events', () => {
    const s = withDeployment(0);
    runLine(s.host, 'kubectl autoscale deployment web --max=3');
    s.cluster.advance(15_100);
    expect(hpaEvents(s, 'web')).toEqual([]);
    expect(
      runLine(
        s.host,
        `kubectl get hpa web -o 'jsonpath={range .status.conditions[*]}{.type} {.status} {.reason}: {.message}{"\\n"}{end}'`,
      ).stdout,
    ).toBe(
      "AbleToScale True SucceededGetScale: the HPA controller was able to get the target's current scale\nScalingActive False ScalingDisabled: scaling is disabled since the replica count of the target is zero\n",
    );
    expect(s.run('kubectl get deployment web -o jsonpath={.spec.replicas}').out).toBe('0');
  });

  it('reports a missing target with FailedGetScale, and stops when the autoscaler is deleted', () => {
    const s = withDeployment();
    s.host.fs.write(
      'hpa.yaml',
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: other
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: StatefulSet
    name: db
  maxReplicas: 3
`,
    );
    expect(runLine(s.host, 'kubectl create -f hpa.yaml').stdout).toBe(
      'horizontalpodautoscaler.autoscaling/other created\n',
    );
    s.cluster.advance(15_100);
    expect(hpaEvents(s, 'other')).toEqual([
      'Warning | FailedGetScale | 1 | statefulsets.apps "db" not found',
    ]);
    expect(
      runLine(
        s.host,
        `kubectl get hpa other -o 'jsonpath={.status.conditions[0].status} {.status.conditions[0].reason}: {.status.conditions[0].message}'`,
      ).stdout,
    ).toBe(
      'False FailedGetScale: the HPA controller was unable to get the target\'s current scale: statefulsets.apps "db" not found',
    );
    expect(runLine(s.host, 'kubectl delete hpa other').stdout).toBe(
      'horizontalpodautoscaler.autoscaling "other" deleted\n',
    );
    s.cluster.advance(60_000);
    expect(hpaEvents(s, 'other')).toEqual([
      'Warning | FailedGetScale | 1 | statefulsets.apps "db" not found',
    ]);
  });
});

describe('autoscalers among the other objects', () => {
  it('get all lists them; the namespace controller deletes them with their namespace', () => {
    const { run } = engineSession(3);
    run('kubectl create namespace blue');
    run('kubectl create deployment web --image=nginx -n blue');
    run('kubectl autoscale deployment web --max=3 -n blue');
    expect(run('kubectl get all -n blue').out).toMatch(
      /\n\nNAME {38}REFERENCE {8}TARGETS {14}MINPODS {3}MAXPODS {3}REPLICAS {3}AGE\nhorizontalpodautoscaler\.autoscaling\/web {3}Deployment\/web {3}cpu: <unknown>\/80% {3}1 {9}3 {9}\d {10}\d+s\n$/,
    );
    expect(run('kubectl delete namespace blue').code).toBe(0);
    expect(run('kubectl get hpa -A').err).toBe('No resources found\n');
  });
});

describe('HorizontalPodAutoscaler on the API server', () => {
  const hpa = (spec: string, apiVersion = 'autoscaling/v2') => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
${spec}`;

  it('defaults minReplicas, a cpu metric at 80%, and a given behavior to the 1.32 rules', () => {
    const { run, host } = withDeployment();
    host.fs.write(
      'hpa.yaml',
      hpa(`  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 60
`),
    );
    expect(run('kubectl create -f hpa.yaml').out).toBe(
      'horizontalpodautoscaler.autoscaling/web created\n',
    );
    const out = run('kubectl get hpa web -o yaml').out;
    expect(out.slice(out.indexOf('spec:'), out.indexOf('status:'))).toBe(`spec:
  behavior:
    scaleDown:
      policies:
      - periodSeconds: 15
        type: Percent
        value: 100
      selectPolicy: Max
      stabilizationWindowSeconds: 60
    scaleUp:
      policies:
      - periodSeconds: 15
        type: Pods
        value: 4
      - periodSeconds: 15
        type: Percent
        value: 100
      selectPolicy: Max
      stabilizationWindowSeconds: 0
  maxReplicas: 3
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 80
        type: Utilization
    type: Resource
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
`);
    expect(run('kubectl describe hpa web').out).toContain(`Behavior:
  Scale Up:
    Stabilization Window: 0 seconds
    Select Policy: Max
    Policies:
      - Type: Pods     Value: 4    Period: 15 seconds
      - Type: Percent  Value: 100  Period: 15 seconds
  Scale Down:
    Stabilization Window: 60 seconds
    Select Policy: Max
    Policies:
      - Type: Percent  Value: 100  Period: 15 seconds
`);
  });

  it('converts an autoscaling/v1 body: targetCPUUtilizationPercentage becomes a Resource metric', () => {
    const { run, host } = withDeployment();
    host.fs.write(
      'v1.yaml',
      hpa(
        `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 40
`,
        'autoscaling/v1',
      ),
    );
    expect(run('kubectl create -f v1.yaml').out).toBe(
      'horizontalpodautoscaler.autoscaling/web created\n',
    );
    expect(run(`kubectl get hpa web -o 'jsonpath={.apiVersion} {.spec.metrics}'`).out).toBe(
      'autoscaling/v2 [{"resource":{"name":"cpu","target":{"averageUtilization":40,"type":"Utilization"}},"type":"Resource"}]',
    );
  });

  it('applies an autoscaling/v1 manifest again against the v1 form of the object', () => {
    const { run, host } = withDeployment();
    const v1 = (max: number, pct: number) =>
      hpa(
        `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: ${max}
  targetCPUUtilizationPercentage: ${pct}
`,
        'autoscaling/v1',
      );
    host.fs.write('a.yaml', v1(3, 40));
    host.fs.write('b.yaml', v1(5, 60));
    expect(run('kubectl apply -f a.yaml').out).toBe(
      'horizontalpodautoscaler.autoscaling/web created\n',
    );
    expect(run('kubectl apply -f b.yaml').out).toBe(
      'horizontalpodautoscaler.autoscaling/web configured\n',
    );
    expect(run('kubectl apply -f b.yaml').out).toBe(
      'horizontalpodautoscaler.autoscaling/web unchanged\n',
    );
    expect(run('kubectl get hpa web -o jsonpath={.spec.maxReplicas}{.spec.metrics}').out).toBe(
      '5[{"resource":{"name":"cpu","target":{"averageUtilization":60,"type":"Utilization"}},"type":"Resource"}]',
    );
  });

  it('validates as ValidateHorizontalPodAutoscaler does, in its order', () => {
    const { run, host } = engineSession(3);
    const cases: [string, string][] = [
      [
        `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 0
  maxReplicas: 0
`,
        `The HorizontalPodAutoscaler "web" is invalid: 
* spec.minReplicas: Invalid value: 0: must be greater than or equal to 1
* spec.maxReplicas: Invalid value: 0: must be greater than 0
* spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas
`,
      ],
      [
        `  minReplicas: 3
  maxReplicas: 2
`,
        `The HorizontalPodAutoscaler "web" is invalid: 
* spec.maxReplicas: Invalid value: 2: must be greater than or equal to \`minReplicas\`
* spec.scaleTargetRef.kind: Required value
* spec.scaleTargetRef.name: Required value
`,
      ],
      [
        `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 2
  metrics:
  - type: Resource
    resource:
      name: memory
      target: {type: AverageValue, averageValue: "-1"}
`,
        'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageValue: Invalid value: -1: must be positive\n',
      ],
      [
        `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 2
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization}
`,
        'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization\n',
      ],
      [
        `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 2
  behavior:
    scaleUp:
      stabilizationWindowSeconds: 4000
      policies:
      - {type: Nodes, value: 0, periodSeconds: 2000}
`,
        `The HorizontalPodAutoscaler "web" is invalid: 
* spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be greater than or equal to zero and less than or equal to 3600
* spec.behavior.scaleUp.policies[0].type: Unsupported value: "Nodes": supported values: "Percent", "Pods"
* spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero
* spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 2000: must be less than or equal to 1800
`,
      ],
    ];
    cases.forEach(([spec, err], i) => {
      host.fs.write(`c${i}.yaml`, hpa(spec));
      expect(run(`kubectl create -f c${i}.yaml`)).toEqual({ out: '', err, code: 1 });
    });
    expect(run('kubectl get hpa').err).toBe('No resources found in default namespace.\n');
  });
});
