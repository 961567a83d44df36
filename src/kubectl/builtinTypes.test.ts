/**
 * Built-in types a fresh kubeadm 1.32 cluster serves with nothing in them (sts, pv, ingresses, …):
 * kubectl lists them empty, answers NotFound by name and shows them in api-resources. Jobs and
 * CronJobs are stored now, but a fresh cluster has none, so they still list empty here.
 */
import { describe, expect, it } from 'vitest';
import { completions } from './completions.ts';
import { RESOURCE_TYPES } from './resources.ts';
import { engineSession } from './testing/engineSession.ts';

describe('types a fresh kubeadm cluster serves empty', () => {
  it('lists them as empty, per namespace, with -n and -A, by every name form', () => {
    const { run } = engineSession(1);
    const emptyHere = { out: '', err: 'No resources found in default namespace.\n', code: 0 };
    const empty = { out: '', err: 'No resources found\n', code: 0 };
    for (const t of [
      'jobs',
      'job',
      'Job',
      'jobs.batch',
      'jobs.v1.batch',
      'cronjobs',
      'cj',
      'statefulsets',
      'sts',
      'statefulsets.apps',
      'ingresses',
      'ing',
      'ingresses.networking.k8s.io',
      'networkpolicies',
      'netpol',
      'persistentvolumeclaims',
      'pvc',
      'horizontalpodautoscalers',
      'hpa',
      'hpa.autoscaling',
      'poddisruptionbudgets',
      'pdb',
      'resourcequotas',
      'quota',
      'limitranges',
      'limits',
    ]) {
      expect(run(`kubectl get ${t}`), t).toEqual(emptyHere);
      expect(run(`kubectl get ${t} -A`), t).toEqual(empty);
    }
    for (const t of ['pv', 'persistentvolumes', 'sc', 'storageclasses', 'ingressclasses']) {
      expect(run(`kubectl get ${t}`), t).toEqual(empty);
    }
    expect(run('kubectl get cj -n kube-system')).toEqual({
      out: '',
      err: 'No resources found in kube-system namespace.\n',
      code: 0,
    });
    expect(run('kubectl get sts,jobs')).toEqual(emptyHere);
    expect(run('kubectl get jobs,pv')).toEqual(empty);
    expect(run('kubectl describe jobs')).toEqual(emptyHere);
    expect(run('kubectl describe sc')).toEqual(empty);
    expect(run('kubectl get jobs -o yaml')).toEqual({
      out: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
      err: '',
      code: 0,
    });
  });

  it('answers NotFound for a name, qualified by resource.group', () => {
    const { run } = engineSession(1);
    const nf = (msg: string) => ({
      out: '',
      err: `Error from server (NotFound): ${msg}\n`,
      code: 1,
    });
    expect(run('kubectl get jobs web')).toEqual(nf('jobs.batch "web" not found'));
    expect(run('kubectl get job/web')).toEqual(nf('jobs.batch "web" not found'));
    expect(run('kubectl get sts web -n kube-system')).toEqual(
      nf('statefulsets.apps "web" not found'),
    );
    expect(run('kubectl get ing web')).toEqual(nf('ingresses.networking.k8s.io "web" not found'));
    expect(run('kubectl get pv data')).toEqual(nf('persistentvolumes "data" not found'));
    expect(run('kubectl get sc standard')).toEqual(
      nf('storageclasses.storage.k8s.io "standard" not found'),
    );
    expect(run('kubectl describe jobs web')).toEqual(nf('jobs.batch "web" not found'));
    expect(run('kubectl get jobs web --ignore-not-found')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl delete jobs web')).toEqual(nf('jobs.batch "web" not found'));
    expect(run('kubectl scale sts web --replicas=2')).toEqual(
      nf('statefulsets.apps "web" not found'),
    );
  });

  it('finds nothing to delete with --all or a selector, and still deletes the other types asked for', () => {
    const { run } = engineSession(1);
    expect(run('kubectl delete jobs --all')).toEqual({
      out: 'No resources found\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl delete pv -l tier=db')).toEqual({
      out: 'No resources found\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl label sts --all tier=db')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl scale sts --all --replicas=2')).toEqual({
      out: '',
      err: 'error: no objects passed to scale\n',
      code: 1,
    });
    expect(run('kubectl run bb --image=busybox').code).toBe(0);
    const both = run('kubectl delete pods,jobs --all --wait=false');
    expect(both.out).toBe('pod "bb" deleted\n');
    expect(both.code).toBe(0);
  });

  it('leaves get all as it was: empty types print nothing', () => {
    const { run } = engineSession(1);
    expect(run('kubectl get all')).toEqual({
      out:
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5d\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get all -n kube-public')).toEqual({
      out: '',
      err: 'No resources found in kube-public namespace.\n',
      code: 0,
    });
  });

  it('creates a Job from a manifest now that the cluster stores Jobs', () => {
    const { host, run } = engineSession(1);
    host.fs.write(
      'job.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n      restartPolicy: Never\n',
    );
    expect(run('kubectl create -f job.yaml')).toEqual({
      out: 'job.batch/pi created\n',
      err: '',
      code: 0,
    });
  });

  it('prints api-resources in kubectl order: by group, then by name', () => {
    const { run } = engineSession(1);
    expect(run('kubectl api-resources').out).toBe(
      `NAME                       SHORTNAMES   APIVERSION               NAMESPACED   KIND
configmaps                 cm           v1                       true         ConfigMap
endpoints                  ep           v1                       true         Endpoints
events                     ev           v1                       true         Event
limitranges                limits       v1                       true         LimitRange
namespaces                 ns           v1                       false        Namespace
nodes                      no           v1                       false        Node
persistentvolumeclaims     pvc          v1                       true         PersistentVolumeClaim
persistentvolumes          pv           v1                       false        PersistentVolume
pods                       po           v1                       true         Pod
resourcequotas             quota        v1                       true         ResourceQuota
secrets                                 v1                       true         Secret
serviceaccounts            sa           v1                       true         ServiceAccount
services                   svc          v1                       true         Service
controllerrevisions                     apps/v1                  true         ControllerRevision
daemonsets                 ds           apps/v1                  true         DaemonSet
deployments                deploy       apps/v1                  true         Deployment
replicasets                rs           apps/v1                  true         ReplicaSet
statefulsets               sts          apps/v1                  true         StatefulSet
horizontalpodautoscalers   hpa          autoscaling/v2           true         HorizontalPodAutoscaler
cronjobs                   cj           batch/v1                 true         CronJob
jobs                                    batch/v1                 true         Job
leases                                  coordination.k8s.io/v1   true         Lease
endpointslices                          discovery.k8s.io/v1      true         EndpointSlice
ingressclasses                          networking.k8s.io/v1     false        IngressClass
ingresses                  ing          networking.k8s.io/v1     true         Ingress
networkpolicies            netpol       networking.k8s.io/v1     true         NetworkPolicy
poddisruptionbudgets       pdb          policy/v1                true         PodDisruptionBudget
storageclasses             sc           storage.k8s.io/v1        false        StorageClass
`,
    );
    expect(run('kubectl api-resources --api-group=batch -o name').out).toBe(
      'cronjobs.batch\njobs.batch\n',
    );
    const key = (t: (typeof RESOURCE_TYPES)[number]) => [t.group, t.resource] as const;
    const sorted = [...RESOURCE_TYPES].sort((a, b) => {
      const [ga, ra] = key(a);
      const [gb, rb] = key(b);
      return ga < gb ? -1 : ga > gb ? 1 : ra < rb ? -1 : ra > rb ? 1 : 0;
    });
    expect(RESOURCE_TYPES).toEqual(sorted);
  });

  it('offers the new type names in completion, and no object names for them', () => {
    const { host } = engineSession(1);
    expect(completions(host, 'kubectl get st').items).toEqual([
      'statefulsets',
      'storageclasses',
      'sts',
    ]);
    expect(completions(host, 'kubectl get jobs ').items).toEqual([]);
  });
});

describe('describe and get without a type', () => {
  it('end their usage errors as kubectl does', () => {
    const { run } = engineSession(1);
    expect(run('kubectl describe')).toEqual({
      out: '',
      err: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      code: 1,
    });
    expect(run('kubectl get')).toEqual({
      out: '',
      err: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
      code: 1,
    });
  });
});
