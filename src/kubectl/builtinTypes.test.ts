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
    // describe names the namespace even for a cluster-scoped type (describe.go).
    expect(run('kubectl describe sc')).toEqual(emptyHere);
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
    // scale.go with nothing scaled: `no objects passed to scale %w` (kubectl 1.32.5).
    expect(run('kubectl scale sts web --replicas=2')).toEqual({
      out: '',
      err: 'error: no objects passed to scale statefulsets.apps "web" not found\n',
      code: 1,
    });
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

  it('prints api-resources as a kubeadm 1.32 server serves them: by group, then by name', () => {
    const { run } = engineSession(1);
    expect(run('kubectl api-resources').out).toBe(
      `NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND
bindings                                         v1                                true         Binding
componentstatuses                   cs           v1                                false        ComponentStatus
configmaps                          cm           v1                                true         ConfigMap
endpoints                           ep           v1                                true         Endpoints
events                              ev           v1                                true         Event
limitranges                         limits       v1                                true         LimitRange
namespaces                          ns           v1                                false        Namespace
nodes                               no           v1                                false        Node
persistentvolumeclaims              pvc          v1                                true         PersistentVolumeClaim
persistentvolumes                   pv           v1                                false        PersistentVolume
pods                                po           v1                                true         Pod
podtemplates                                     v1                                true         PodTemplate
replicationcontrollers              rc           v1                                true         ReplicationController
resourcequotas                      quota        v1                                true         ResourceQuota
secrets                                          v1                                true         Secret
serviceaccounts                     sa           v1                                true         ServiceAccount
services                            svc          v1                                true         Service
mutatingwebhookconfigurations                    admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration
validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy
validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding
validatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration
customresourcedefinitions           crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition
apiservices                                      apiregistration.k8s.io/v1         false        APIService
controllerrevisions                              apps/v1                           true         ControllerRevision
daemonsets                          ds           apps/v1                           true         DaemonSet
deployments                         deploy       apps/v1                           true         Deployment
replicasets                         rs           apps/v1                           true         ReplicaSet
statefulsets                        sts          apps/v1                           true         StatefulSet
selfsubjectreviews                               authentication.k8s.io/v1          false        SelfSubjectReview
tokenreviews                                     authentication.k8s.io/v1          false        TokenReview
localsubjectaccessreviews                        authorization.k8s.io/v1           true         LocalSubjectAccessReview
selfsubjectaccessreviews                         authorization.k8s.io/v1           false        SelfSubjectAccessReview
selfsubjectrulesreviews                          authorization.k8s.io/v1           false        SelfSubjectRulesReview
subjectaccessreviews                             authorization.k8s.io/v1           false        SubjectAccessReview
horizontalpodautoscalers            hpa          autoscaling/v2                    true         HorizontalPodAutoscaler
cronjobs                            cj           batch/v1                          true         CronJob
jobs                                             batch/v1                          true         Job
certificatesigningrequests          csr          certificates.k8s.io/v1            false        CertificateSigningRequest
leases                                           coordination.k8s.io/v1            true         Lease
endpointslices                                   discovery.k8s.io/v1               true         EndpointSlice
events                              ev           events.k8s.io/v1                  true         Event
flowschemas                                      flowcontrol.apiserver.k8s.io/v1   false        FlowSchema
prioritylevelconfigurations                      flowcontrol.apiserver.k8s.io/v1   false        PriorityLevelConfiguration
ingressclasses                                   networking.k8s.io/v1              false        IngressClass
ingresses                           ing          networking.k8s.io/v1              true         Ingress
networkpolicies                     netpol       networking.k8s.io/v1              true         NetworkPolicy
runtimeclasses                                   node.k8s.io/v1                    false        RuntimeClass
poddisruptionbudgets                pdb          policy/v1                         true         PodDisruptionBudget
clusterrolebindings                              rbac.authorization.k8s.io/v1      false        ClusterRoleBinding
clusterroles                                     rbac.authorization.k8s.io/v1      false        ClusterRole
rolebindings                                     rbac.authorization.k8s.io/v1      true         RoleBinding
roles                                            rbac.authorization.k8s.io/v1      true         Role
priorityclasses                     pc           scheduling.k8s.io/v1              false        PriorityClass
csidrivers                                       storage.k8s.io/v1                 false        CSIDriver
csinodes                                         storage.k8s.io/v1                 false        CSINode
csistoragecapacities                             storage.k8s.io/v1                 true         CSIStorageCapacity
storageclasses                      sc           storage.k8s.io/v1                 false        StorageClass
volumeattachments                                storage.k8s.io/v1                 false        VolumeAttachment
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

  it('prints api-versions: every served group version, sorted (no flowcontrol v1beta3 in 1.32)', () => {
    const { run } = engineSession(1);
    expect(run('kubectl api-versions').out).toBe(
      [
        'admissionregistration.k8s.io/v1',
        'apiextensions.k8s.io/v1',
        'apiregistration.k8s.io/v1',
        'apps/v1',
        'authentication.k8s.io/v1',
        'authorization.k8s.io/v1',
        'autoscaling/v1',
        'autoscaling/v2',
        'batch/v1',
        'certificates.k8s.io/v1',
        'coordination.k8s.io/v1',
        'discovery.k8s.io/v1',
        'events.k8s.io/v1',
        'flowcontrol.apiserver.k8s.io/v1',
        'networking.k8s.io/v1',
        'node.k8s.io/v1',
        'policy/v1',
        'rbac.authorization.k8s.io/v1',
        'scheduling.k8s.io/v1',
        'storage.k8s.io/v1',
        'v1',
        '',
      ].join('\n'),
    );
  });

  it('lists the other types a fresh kubeadm cluster holds none of as empty (csr, crd, rc…)', () => {
    const { run } = engineSession(1);
    const empty = { out: '', err: 'No resources found\n', code: 0 };
    for (const t of [
      'csr',
      'certificatesigningrequests',
      'crd',
      'crds',
      'customresourcedefinitions.apiextensions.k8s.io',
      'validatingwebhookconfigurations',
      'mutatingwebhookconfigurations',
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
      'runtimeclasses',
      'csidrivers',
      'volumeattachments',
    ]) {
      expect(run(`kubectl get ${t}`), t).toEqual(empty);
    }
    for (const t of ['rc', 'replicationcontrollers', 'podtemplates', 'csistoragecapacities']) {
      expect(run(`kubectl get ${t}`), t).toEqual({
        out: '',
        err: 'No resources found in default namespace.\n',
        code: 0,
      });
    }
  });

  it('says which served types the console does not hold, instead of denying they exist', () => {
    const { run } = engineSession(1);
    const missing = (name: string) => ({
      out: '',
      err: `error: ${name} are served by a real cluster but not available in this console\n`,
      code: 1,
    });
    expect(run('kubectl get prioritylevelconfigurations')).toEqual(
      missing('prioritylevelconfigurations.flowcontrol.apiserver.k8s.io'),
    );
    expect(run('kubectl get csinodes -A')).toEqual(missing('csinodes.storage.k8s.io'));
    expect(run('kubectl describe apiservice v1.apps')).toEqual(
      missing('apiservices.apiregistration.k8s.io'),
    );
    expect(run('kubectl get flowschemas')).toEqual(
      missing('flowschemas.flowcontrol.apiserver.k8s.io'),
    );
    expect(run('kubectl get events.events.k8s.io')).toEqual(missing('events.events.k8s.io'));
    expect(run('kubectl get nosuchthing')).toEqual({
      out: '',
      err: 'error: the server doesn\'t have a resource type "nosuchthing"\n',
      code: 1,
    });
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
