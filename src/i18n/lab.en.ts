/**
 * English text of the hands-on lab (`src/lab/`): step narration, storage notices, the what-if
 * buttons and the namespace lesson. Merged into `en`, so these keys are `MessageKey`s too.
 * Owned by the lab layer.
 *
 * Step parameters: {node}, {pod}, {pods} (a comma-separated list, "…" after five), {count},
 * {image}, {namespace}, {request} (method and path), {code} (HTTP status), {seconds},
 * {bindings} ("pod → node, …"), {reason} (the scheduler's FailedScheduling message), {actor},
 * {registry} (the host an image is pulled from; "Docker Hub" for docker.io).
 */
export const labEn = {
  'lab.step.kubectl.write.title': 'kubectl → API server',
  'lab.step.kubectl.write.text':
    'kubectl sends {request}. The API server checks it, stores the object in etcd and answers {code}.',
  'lab.step.kubectl.read.title': 'kubectl reads',
  'lab.step.kubectl.read.text':
    'kubectl asks the API server: {request}. The API server reads the answer from etcd and answers {code}; nothing changes. kubectl asks without a resourceVersion (kubectl get adds limit=500 to a list; get --raw sends the path as typed), and in Kubernetes 1.32 such a read goes to etcd itself, not to the API server\u2019s watch cache, which serves the components\u2019 watches.',
  'lab.step.kubectl.error.title': 'The API server refuses',
  'lab.step.kubectl.error.text':
    'kubectl sends {request}. The API server answers {code} and stores nothing.',
  'lab.step.kubectl.create.title': 'kubectl creates {kind} {name}',
  'lab.step.kubectl.create.text':
    'kubectl sends {request}. The API server checks the {kind}, writes it to etcd at {key} (revision {revision}) and answers {status}; components watching {kind} objects hear of it at once.',
  'lab.step.kubectl.change.title': 'kubectl changes {kind} {name}',
  'lab.step.kubectl.change.text':
    'kubectl sends {request}. The API server stores the new version of the {kind} in etcd at {key} (revision {revision}) and answers {status}; whoever watches {kind} objects sees the change.',
  'lab.step.kubectl.scale.title': 'kubectl scales {name} to {to}',
  'lab.step.kubectl.scale.text':
    'kubectl sends {request}: the Deployment {name}\u2019s replicas go from {from} to {to}. The API server stores it in etcd (revision {revision}) and answers {status}. kubectl does not start or stop pods itself: the controllers that watch Deployments do.',
  'lab.step.kubectl.cordon.title': '{name} cordoned',
  'lab.step.kubectl.cordon.text':
    'kubectl sends {request} setting spec.unschedulable: true on {name}. The scheduler now filters {name} out for new pods; the pods already running there stay.',
  'lab.step.kubectl.uncordon.title': '{name} uncordoned',
  'lab.step.kubectl.uncordon.text':
    'kubectl sends {request} clearing spec.unschedulable on {name}: the scheduler may place new pods there again. Nothing moves back by itself.',
  'lab.step.kubectl.deletePod.title': 'kubectl deletes Pod {name}',
  'lab.step.kubectl.deletePod.text':
    'kubectl sends {request}. The API server does not remove the pod at once: it marks it Terminating (deletionTimestamp, a {grace} s grace period) and answers {status}. The kubelet on {node} stops its containers, then the pod leaves etcd.',
  'lab.step.kubectl.deletePodNow.title': 'kubectl deletes Pod {name} at once',
  'lab.step.kubectl.deletePodNow.text':
    'kubectl sends {request} with a grace period of 0 (--force): the API server removes the pod from etcd at once and answers {status} without waiting for the kubelet. The kubelet on {node} stops the containers when it notices; until then they may still run.',
  'lab.step.kubectl.deleteForeground.title': 'kubectl deletes {kind} {name} (foreground)',
  'lab.step.kubectl.deleteForeground.text':
    'kubectl sends {request} (propagationPolicy Foreground). The API server does not remove the {kind} yet: it sets deletionTimestamp and the foregroundDeletion finalizer and answers {status}. The garbage collector deletes what the {kind} owns first, then removes the finalizer, and the API server deletes {key} from etcd.',
  'lab.step.kubectl.exec.title': 'kubectl exec into {pod}',
  'lab.step.kubectl.exec.text':
    'kubectl sends {request}. The API server reads the pod from etcd to learn its node, then hands the request on to the kubelet of {node} (port 10250), which asks the container runtime to run the command in the container {container}. Nothing is stored: the command\u2019s output streams back to kubectl.',
  'lab.step.kubectl.attach.title': 'kubectl attaches to {pod}',
  'lab.step.kubectl.attach.text':
    'kubectl sends {request}. The API server reads the pod from etcd to learn its node, then hands the request on to the kubelet of {node} (port 10250), which asks the container runtime for the streams of the process already running in the container {container}: what it prints from now on flows back to kubectl.',
  'lab.step.kubectl.portforward.title': 'kubectl forwards a port to {pod}',
  'lab.step.kubectl.portforward.text':
    'kubectl sends {request}. The API server reads the pod from etcd to learn its node, then hands the request on to the kubelet of {node} (port 10250), which asks the container runtime to connect to the port inside the pod\u2019s network. Each connection to the local port travels this path (laptop, API server, kubelet, pod), not through a Service or kube-proxy.',
  'lab.step.kubectl.logs.title': 'kubectl reads the log of {pod}',
  'lab.step.kubectl.logs.text':
    'kubectl sends {request}. Logs are not in etcd: the API server asks the kubelet of {node}, which reads the container {container}\u2019s log file on the node and sends it back.',
  'lab.step.kubectl.evict.title': 'kubectl evicts Pod {name}',
  'lab.step.kubectl.evict.text':
    'kubectl asks the API server to evict {name}: {request}. No PodDisruptionBudget stands in the way, so the API server deletes the pod gracefully (Terminating, a {grace} s grace period) and answers {status}. The kubelet on {node} stops its containers; a controller that owns the pod makes a replacement elsewhere.',
  'lab.step.kubectl.evictBudget.title': 'kubectl evicts Pod {name}',
  'lab.step.kubectl.evictBudget.text':
    'kubectl asks the API server to evict {name}: {request}. Its PodDisruptionBudget {budget} still allows a disruption, so the API server counts this one in the budget’s status (one fewer allowed until the disruption controller recounts), then deletes the pod gracefully (Terminating, a {grace} s grace period) and answers {status}. The kubelet on {node} stops its containers; a controller that owns the pod makes a replacement elsewhere.',
  'lab.step.kubectl.delete.title': 'kubectl deletes {kind} {name}',
  'lab.step.kubectl.delete.text':
    'kubectl sends {request}. The API server removes {key} from etcd and answers {status}; the garbage collector deletes whatever the {kind} owned.',
  'lab.step.kubectl.errorReason.title': 'The API server refuses',
  'lab.step.kubectl.errorReason.text':
    'kubectl sends {request}. The API server answers {code} ({reason}) and stores nothing: the console shows its message.',
  'lab.step.kubectl.notFound.title': 'Not found',
  'lab.step.kubectl.notFound.text':
    'kubectl sends {request}. The API server finds no such object there and answers {code} ({reason}). Check the name, and the namespace in the path.',
  'lab.step.scheduledOne.title': 'Scheduler: {pod} → {node}',
  'lab.step.scheduledOne.text':
    '{pod} has no node yet. The scheduler filters: {feasible} of {evaluated} nodes fit ({rejected} ruled out; the Scheduler tab says why). Scores: {scores}. It binds {pod} to {node}, the highest.',
  'lab.step.scheduledAll.title': 'Scheduler: {pod} → {node}',
  'lab.step.scheduledAll.text':
    '{pod} has no node yet. The scheduler filters: all {evaluated} nodes fit. Scores: {scores}. It binds {pod} to {node}, the highest.',
  'lab.step.scheduledOnly.title': 'Scheduler: {pod} → {node}',
  'lab.step.scheduledOnly.text':
    '{pod} has no node yet. The scheduler filters: only {node} fits ({rejected} ruled out; the Scheduler tab says why), so nothing to score. It binds {pod} to {node}.',
  'lab.step.scheduledTie.title': 'Scheduler: {pod} → {node}',
  'lab.step.scheduledTie.text':
    '{pod} has no node yet. The scheduler filters: {feasible} of {evaluated} nodes fit ({rejected} ruled out; the Scheduler tab says why). Scores: {scores}. {tied} tie for the highest, so it picks at random and binds {pod} to {node}.',
  'lab.step.kubeconfig.title': 'Only your kubeconfig changes',
  'lab.step.kubeconfig.text':
    'kubectl config edits the kubeconfig file on your laptop; nothing is sent to the cluster. The context {context} now uses the namespace {namespace}, so kubectl adds it to every request that has no -n.',
  'lab.step.kubeconfigRead.title': 'kubectl reads your kubeconfig',
  'lab.step.kubeconfigRead.text':
    'kubectl config reads the kubeconfig file on your laptop (clusters, users, contexts); the cluster is not asked. Current context: {context}, namespace {namespace}.',
  'lab.step.dryRun.title': 'Dry run: nothing sent',
  'lab.step.dryRun.text':
    '--dry-run=client: kubectl builds the object and prints it without sending it. The API server, etcd and the cluster never hear of it.',
  'lab.msg.dryRun':
    'kubectl builds {object} on the laptop and prints it. No request leaves the laptop: the API server hears nothing.',
  'lab.msg.dryRun.any':
    'kubectl builds the object on the laptop and prints it. No request leaves the laptop: the API server hears nothing.',
  'lab.msg.kubeconfig.write':
    'kubectl writes the kubeconfig file on the laptop. No request goes to the cluster.',
  'lab.msg.kubeconfig.read':
    'kubectl reads the kubeconfig file on the laptop. No request goes to the cluster.',
  'lab.step.docker.build.title': 'docker build',
  'lab.step.docker.build.text': 'Docker builds the image {image} on the laptop.',
  'lab.step.docker.buildPull.title': 'docker build',
  'lab.step.docker.buildPull.text':
    'Docker builds the image {image} on the laptop. The Dockerfile starts FROM {base}, which the laptop does not have yet: the builder first downloads it from {registry}, as docker pull would (docker images lists it too), then runs the Dockerfile\u2019s other steps on top of it.',
  'lab.step.docker.buildCheck.title': 'docker build',
  'lab.step.docker.buildCheck.text':
    'Docker builds the image {image} on the laptop. With --pull the builder asks {registry} for {base} although the laptop has it: the registry\u2019s digest is the laptop\u2019s, so nothing is downloaded (Status: Image is up to date), and the Dockerfile\u2019s other steps run on the laptop\u2019s copy.',
  'lab.step.docker.push.title': 'docker push',
  'lab.step.docker.push.text':
    'Docker pushes {image} to Docker Hub, where the nodes\u2019 container runtimes can pull it.',
  'lab.step.docker.pushDenied.title': 'docker push denied',
  'lab.step.docker.pushDenied.text':
    'Docker Hub refuses the push of {image}: a name without an account lives under library/, which only Docker’s official images may use. Tag it under your account and push that: docker build -t learner/NAME . then docker push learner/NAME.',
  'lab.step.docker.pushMissing.title': 'docker push: no such image here',
  'lab.step.docker.pushMissing.text':
    'Nothing was sent: this laptop has no image tagged {image}. docker push uploads an image you built or tagged earlier: first docker build -t {image} . then docker push {image}.',
  'lab.step.docker.pushOtherAccount.title': 'docker push denied: another account',
  'lab.step.docker.pushOtherAccount.text':
    'Docker Hub refuses the push of {image}: the namespace {account}/ belongs to another Docker Hub account, and this laptop is signed in as {user}. Tag the image under your own account and push that: docker tag {image} {user}/NAME then docker push {user}/NAME.',
  'lab.step.docker.pushSignedOut.title': 'docker push denied: signed out',
  'lab.step.docker.pushSignedOut.text':
    'Docker Hub refuses the push of {image}: the laptop is signed out (docker logout). Sign in again with docker login, then push.',
  'lab.msg.image.download': 'docker pull asks {registry} for {image}.',
  'lab.msg.image.buildCheck':
    'docker build --pull asks {registry} whether {image} changed, though the laptop has it.',
  'lab.msg.image.buildChecked':
    '{registry} answers with the digest of {image}: the laptop\u2019s copy is up to date.',
  'lab.msg.image.downloaded': '{registry} sends {image} to the laptop.',
  'lab.msg.image.downloadFailed': '{registry} has no {image}: the pull fails.',
  'lab.msg.registry.login': 'docker login sends the credentials of {user} to Docker Hub.',
  'lab.msg.registry.loginResult': 'Docker Hub accepts them: the laptop is signed in as {user}.',
  'lab.msg.registry.loginRefused':
    'Docker Hub refuses them: incorrect username or password (the laptop knows only {user}\u2019s).',
  'lab.step.docker.login.title': 'docker login',
  'lab.step.docker.login.text':
    'Docker sends the credentials of {user} to Docker Hub, which accepts them: pushes to {user}/NAME go through.',
  'lab.step.docker.loginRefused.title': 'docker login refused',
  'lab.step.docker.loginRefused.text':
    'Docker Hub refuses the credentials. The laptop\u2019s account is {user}: docker login (or docker login -u {user}).',
  'lab.step.docker.logout.title': 'docker logout',
  'lab.step.docker.logout.text':
    'Docker forgets the laptop\u2019s Docker Hub credentials (nothing is sent). Until the next docker login, Docker Hub refuses pushes to {user}/NAME.',
  'lab.msg.docker.logout':
    'docker logout removes the Docker Hub credentials from ~/.docker/config.json.',
  'lab.step.docker.pull.title': 'docker pull',
  'lab.step.docker.pull.text':
    'Docker downloads {image} from {registry} into the laptop\u2019s images (docker images lists it). The nodes do not use it: each node\u2019s container runtime pulls its own copy when a pod needs it.',
  'lab.step.docker.pullFailed.title': 'docker pull failed',
  'lab.step.docker.pullFailed.text':
    '{registry} has no image {image}, so nothing was downloaded. Check the name and the tag.',
  'lab.step.replicaset.title': 'Deployment controller',
  'lab.step.replicaset.text':
    'The deployment controller in the controller manager sees the Deployment and creates the ReplicaSet {replicaset}.',
  'lab.step.serviceEndpoints.title': 'The pods behind Service {service}',
  'lab.step.serviceEndpoints.text':
    "The controller manager looks for the pods matching Service {service}'s selector: the endpoints controller writes them into Endpoints {service} and the endpointslice controller into EndpointSlice {slice} (pods listed: {count}, each with its IP and whether it is ready). kube-proxy on each node sends the Service's traffic to those addresses.",
  'lab.step.serviceEndpointsGone.title': 'Service {service} is gone, and its endpoints with it',
  'lab.step.serviceEndpointsGone.text':
    'The endpoints controller deletes Endpoints {service}, and the garbage collector deletes EndpointSlice {slice}, which the Service owned.',
  'lab.step.namespaceBasics.title': 'Namespace basics',
  'lab.step.namespaceBasics.text':
    'The controller manager fills the new namespace {namespace}: the service-account controller creates its `default` ServiceAccount (the identity pods get unless they name another), and the root-CA publisher creates the ConfigMap kube-root-ca.crt (the certificate pods use to trust the API server).',
  'lab.step.kubectl.taint.title': `{name}'s taints changed`,
  'lab.step.kubectl.taint.text':
    "kubectl sends {request}: {name}'s taints are now {taints}. The scheduler keeps new pods that do not tolerate a NoSchedule or NoExecute taint off {name} (PreferNoSchedule only lowers its score); a NoExecute taint also makes the taint-eviction controller remove running pods that do not tolerate it.",
  'lab.step.daemonPodsCreated.title': 'DaemonSet controller',
  'lab.step.daemonPodsCreated.text':
    'The DaemonSet controller (controller manager) keeps one {daemonset} pod on every node that should run one. Nodes without one get one: it creates {pods}, each pinned to its node by a node affinity on the node’s name; the scheduler then binds each pod there.',
  'lab.step.daemonPodsDeleted.title': 'DaemonSet controller',
  'lab.step.daemonPodsDeleted.text':
    'The DaemonSet controller removes {pods}: the node no longer qualifies for {daemonset} (its node selector, node affinity or tolerations).',
  'lab.step.daemonPodsRolled.title': 'DaemonSet rolling update',
  'lab.step.daemonPodsRolled.text':
    'Rolling update of {daemonset}: the DaemonSet controller deletes {pods}, which runs an old revision. Once the old pod is gone, it creates a pod of the new revision on the same node, then moves on to the next node (maxUnavailable {maxUnavailable}).',
  'lab.step.daemonRevision.title': 'DaemonSet controller',
  'lab.step.daemonRevision.text':
    "{daemonset}'s pod template changed. The DaemonSet controller (controller manager) makes ControllerRevision {revision} its revision {number}: a copy of the template kept as history for rollout undo, whose hash new pods carry as their controller-revision-hash label. Then it replaces the pods of older revisions: one node at a time with RollingUpdate (maxUnavailable 1), only as you delete them with OnDelete.",
  'lab.step.cronJobCreated.title': 'CronJob controller',
  'lab.step.cronJobCreated.text':
    'The CronJob controller (controller manager) sees that a time in {cronjob}’s schedule has come and creates the Job {job}, named after that minute; the Job controller then creates its pod.',
  'lab.step.jobPodsCreated.title': 'Job controller',
  'lab.step.jobPodsCreated.text':
    'The Job controller (controller manager) runs {job} to completion and creates {pods}, each with the batch.kubernetes.io/job-tracking finalizer so that it is counted before it can go. They stay Pending until the scheduler picks a node; a pod that fails is replaced after a back-off.',
  'lab.step.statefulPodsCreated.title': 'StatefulSet controller',
  'lab.step.statefulPodsCreated.text':
    'The StatefulSet controller (controller manager) creates {pods} for {statefulset}: each pod has a fixed name, <statefulset>-<ordinal>, and with the default OrderedReady policy the next ordinal waits until the previous pod is Running and Ready.',
  'lab.step.statefulPodsDeleted.title': 'StatefulSet controller',
  'lab.step.statefulPodsDeleted.text':
    'The StatefulSet controller deletes {pods} of {statefulset}: scaling down or a rolling update goes from the highest ordinal down, one pod at a time. A pod it replaces comes back under the same name.',
  'lab.step.podsCreated.title': 'ReplicaSet controller',
  'lab.step.podsCreated.text':
    'The ReplicaSet controller (controller manager) counts fewer pods than wanted and creates {count}: {pods}. They stay Pending until the scheduler picks a node.',
  'lab.step.gcPodsDeleted.title': 'Garbage collector',
  'lab.step.gcPodsDeleted.text':
    'The garbage collector (controller manager) deletes {pods}: the ReplicaSet that owned them is gone or being deleted. Their kubelets stop the containers.',
  'lab.step.podsDeleted.title': 'ReplicaSet controller',
  'lab.step.podsDeleted.text':
    'The ReplicaSet controller counts more pods than wanted and deletes {count}: {pods}. Their kubelets stop the containers.',
  'lab.step.nodeNotReady.title': '{node} NotReady',
  'lab.step.nodeNotReady.text':
    'No heartbeat from {node} for {seconds} s: the node lifecycle controller (controller manager) sets its conditions to Unknown (kubectl shows NotReady) and taints it node.kubernetes.io/unreachable. Its pods stay where they are for now.',
  'lab.step.podGC.title': 'Pod garbage collector',
  'lab.step.podGC.text':
    'The pod garbage collector (controller manager) finds {pods} bound to {node}, a node that no longer exists. After a 40 s quarantine it marks them Failed (DeletionByPodGC) and deletes them; their controllers make replacements on the nodes that are left.',
  'lab.step.evicted.title': 'Pods evicted from {node}',
  'lab.step.evicted.text':
    '{seconds} s after {node} went NotReady, the pods’ toleration of the unreachable taint (tolerationSeconds, 300 by default) runs out: the taint-eviction controller (controller manager) deletes {pods}. With no kubelet to confirm, they stay Terminating until {node} returns or is removed. A ReplicaSet makes replacements elsewhere at once; a StatefulSet waits until the old pod is really gone.',
  'lab.step.namespaceTerminating.title': 'Namespace {namespace} Terminating',
  'lab.step.namespaceTerminating.text':
    'kubectl\u2019s DELETE made the API server mark {namespace} Terminating (deletionTimestamp, status.phase Terminating). The namespace controller (controller manager) now deletes everything in it; the kubelets stop its pods.',
  'lab.step.namespaceEmptying.title': 'Namespace controller empties {namespace}',
  'lab.step.namespaceEmptying.text':
    'The namespace controller (controller manager) deletes everything in {namespace}, kind by kind, with one DELETE per collection: {kinds}. Most objects go from etcd at once; the pods are deleted gracefully: {pods} turn Terminating, and their kubelets must stop them first.',
  'lab.step.namespaceEmptyingNoPods.title': 'Namespace controller empties {namespace}',
  'lab.step.namespaceEmptyingNoPods.text':
    'The namespace controller (controller manager) deletes everything in {namespace}, kind by kind, with one DELETE per collection: {kinds}. No pod runs there, so nothing has to wait for a kubelet.',
  'lab.step.namespaceEmptiedGone.title': 'Namespace {namespace} emptied and removed',
  'lab.step.namespaceEmptiedGone.text':
    'The namespace controller (controller manager) deletes everything in {namespace}, kind by kind, with one DELETE per collection: {kinds}. No pod has to wait for a kubelet, so it removes the finalizer kubernetes at once (PUT /api/v1/namespaces/{namespace}/finalize) and the API server deletes the namespace from etcd.',
  'lab.step.namespacePodsStopping.title': 'Pods of {namespace} stopped on {node}',
  'lab.step.namespacePodsStopping.text':
    'The kubelets on {node} see {pods} Terminating, stop the containers and delete the pods from the API server. The namespace controller checks {namespace} again and writes in its status what is left ({left} pods); the namespace stays Terminating until it is empty.',
  'lab.step.namespacePodsStopped.title': 'Pods of {namespace} stopped on {node}',
  'lab.step.namespacePodsStopped.text':
    'The kubelets on {node} see {pods} Terminating, stop the containers and delete the pods from the API server. The namespace controller checks {namespace} again and finds nothing left.',
  'lab.step.namespaceWaiting.title': 'Namespace {namespace} still Terminating',
  'lab.step.namespaceWaiting.text':
    'The namespace controller looks into {namespace} again and writes in its status what is still there (conditions such as NamespaceContentRemaining). It removes the finalizer only once the namespace is empty.',
  'lab.step.namespaceGone.title': 'Namespace {namespace} removed',
  'lab.step.namespaceGone.text':
    'Nothing is left in {namespace}: the namespace controller removes the finalizer kubernetes (PUT /api/v1/namespaces/{namespace}/finalize), and with no finalizer left the API server deletes the namespace from etcd.',
  'lab.step.scheduled.title': 'Scheduler',
  'lab.step.scheduled.text': 'The scheduler filters and scores the nodes and binds {bindings}.',
  'lab.step.unschedulable.title': 'No node fits {pod}',
  'lab.step.unschedulable.text':
    '{pod} requests {request}. The scheduler’s filters rule out all {count} nodes: {verdicts} (for a resource: what {pod} requests > what the node has left). With no node left, {pod} stays Pending (FailedScheduling) and the scheduler tries again when the cluster changes; the Scheduler tab shows each filter.',
  'lab.step.unschedulableOther.title': 'No node fits {pod}',
  'lab.step.unschedulableOther.text':
    'The scheduler’s filters rule out all {count} nodes for {pod}: {verdicts}. With no node left, {pod} stays Pending (FailedScheduling) and the scheduler tries again when the cluster changes; the Scheduler tab shows each filter.',
  'lab.step.podStarting.title': 'kubelet on {node}',
  'lab.step.podStarting.text':
    'The kubelet on {node} sees {pods} bound to its node and asks the container runtime (containerd) for a pod sandbox: ContainerCreating.',
  'lab.step.podStartingStatic.title': 'kubelet on {node}: static pods',
  'lab.step.podStartingStatic.text':
    'The kubelet on {node} starts the static pods from its files in /etc/kubernetes/manifests ({static}) without asking the API server; for each it asks the container runtime (containerd) for a new pod sandbox: ContainerCreating. The API server shows them as mirror pods.',
  'lab.step.podStartingMixed.title': 'kubelet on {node}: static pods and bound pods',
  'lab.step.podStartingMixed.text':
    'The kubelet on {node} starts the static pods from its files in /etc/kubernetes/manifests ({static}) without asking anyone, and, once the API server answers, the pods bound to its node ({pods}); for each it asks the container runtime (containerd) for a new pod sandbox: ContainerCreating.',
  'lab.step.pulling.title': 'Pulling {image}',
  'lab.step.pulling.text': 'The container runtime on {node} pulls {image} from {registry}.',
  'lab.step.started.title': 'Running on {node}',
  'lab.step.started.text':
    'The container runtime on {node} starts the containers; the kubelet reports {pods} Running to the API server, which stores it in etcd.',
  'lab.step.startedSome.title': 'Running on {node}',
  'lab.step.startedSome.text':
    'The container runtime on {node} starts the containers; the kubelet reports {pods} Running to the API server, which stores it in etcd. Not Running yet: {others}.',
  'lab.step.pullFailed.title': 'ErrImagePull',
  'lab.step.pullFailed.text':
    '{registry} has no {image} that this node may pull (it does not exist, or it is private): the pull fails and the kubelet on {node} reports ErrImagePull for {pod}.',
  'lab.step.pullRetryFailed.title': 'Pull attempt {attempt} fails: ErrImagePull',
  'lab.step.pullRetryFailed.text':
    'The back-off has run out, so the kubelet on {node} asks the container runtime to pull {image} again (attempt {attempt}). {registry} still has no such image: the pull fails and the kubelet reports ErrImagePull for {pod}. The next try waits {backoff} s: the wait doubles after each failure (10 s, 20 s, 40 s … up to 5 minutes).',
  'lab.step.backOff.title': 'ImagePullBackOff: waiting {backoff} s',
  'lab.step.backOff.text':
    'No pull now: after pull number {attempt} of {image} failed, the kubelet on {node} waits out its back-off of {backoff} s and reports {pod} as ImagePullBackOff. The next pull comes in about {left} s, at the first sync after the back-off.',
  'lab.step.backOffAgain.title': 'Still backing off: next pull in about {left} s',
  'lab.step.backOffAgain.text':
    'The kubelet on {node} syncs {pod} again (every 10–15 s) and finds the {backoff} s back-off still running: it pulls nothing and only repeats the events BackOff and \u201cError: ImagePullBackOff\u201d (their count goes up). Nothing else changes.',
  'lab.step.exitedRestart.title': '{container} exited ({code})',
  'lab.step.exitedRestart.text':
    "In the pod {pod} on {node}, the process of the container {container} ended with exit code {code}. The pod's restartPolicy is {policy}, so the kubelet starts it again: at once the first time, then after a back-off that doubles from 10 s up to 5 minutes (CrashLoopBackOff).",
  'lab.step.exitedDone.title': '{pod}: {phase}',
  'lab.step.exitedDone.text':
    'In the pod {pod} on {node}, the process of the container {container} ended with exit code {code}. With restartPolicy {policy} the kubelet does not restart it: the pod is {phase} and stays, READY 0/1, until someone deletes it.',
  'lab.step.exitedJob.title': '{pod}: {phase}',
  'lab.step.exitedJob.text':
    'In the pod {pod} on {node}, the process of the container {container} ended with exit code {code}. With restartPolicy {policy} the kubelet does not restart it: the pod is {phase} and stays, READY 0/1, as a record of the Job {job}; deleting the Job deletes it too.',
  'lab.step.exitedCronJob.title': '{pod}: {phase}',
  'lab.step.exitedCronJob.text':
    'In the pod {pod} on {node}, the process of the container {container} ended with exit code {code}. With restartPolicy {policy} the kubelet does not restart it: the pod is {phase} and stays, READY 0/1, as a record of the Job {job}. The CronJob {cronjob} keeps only its last {successful} successful Jobs (and {failed} failed); older ones are deleted with their pods.',
  'lab.step.crashBackOff.title': 'CrashLoopBackOff',
  'lab.step.crashBackOff.text':
    'The kubelet on {node} waits {period} before restarting the container of {pod} (CrashLoopBackOff). A container that keeps ending is restarted ever more slowly, up to every 5 minutes; kubectl describe pod shows the last exit under Last State.',
  'lab.step.probeFailed.title': 'Probe failed',
  'lab.step.probeFailed.text':
    'The kubelet on {node} probes {pod}: {message}. A failing readiness probe keeps the pod out of its Services (READY 0/1); a liveness probe that fails three times in a row gets the container restarted.',
  'lab.step.livenessKilled.title': 'Restart: {probe} probe failed',
  'lab.step.livenessKilled.text':
    'The {probe} probe of {container} in {pod} failed {threshold} times in a row (failureThreshold), so the kubelet on {node} kills the container (Killing) and, with restartPolicy {policy}, starts it again. RESTARTS counts it; repeated kills back off like a crash loop.',
  'lab.step.stopped.title': 'Containers stopped on {node}',
  'lab.step.stopped.text':
    'The kubelet on {node} stops the containers of {pods} and removes the pods from the API server.',
  'lab.step.stoppedApiAway.title': 'Containers stopped on {node}',
  'lab.step.stoppedApiAway.text':
    'The kubelet on {node} stops the containers of {pods}. The API server does not answer, so their pods stay in it until it is back and the kubelet can remove them.',
  'lab.step.stoppedEtcd.title': 'Containers stopped on {node}',
  'lab.step.stoppedEtcd.text':
    'The kubelet on {node} stops the containers of {pods}. kube-apiserver runs on, but without etcd it can store nothing: the pods stay in it until etcd is back, and every request that reads or writes objects now waits until it times out.',
  'lab.step.stoppedGone.title': 'Containers stopped on {node}',
  'lab.step.stoppedGone.text':
    'The kubelet on {node} notices that {pods} no longer exists in the API server and stops its containers.',
  'lab.step.nodeStopped.title': '{node} stopped',
  'lab.step.nodeStopped.text':
    'The kubelet, kube-proxy and container runtime of {node} are down. Nobody tells the control plane: it notices only when the heartbeats have been missing for 50 s (node-monitor-grace-period). Fast-forward to see it.',
  'lab.step.controlPlaneStopped.title': '{node} stopped: the control plane is down',
  'lab.step.controlPlaneStopped.text':
    'The kubelet, kube-proxy and container runtime of {node} are down, and with them the static pods they ran: kube-apiserver, etcd, kube-scheduler and kube-controller-manager. Nothing answers at the API server address any more, so every kubectl command that needs the server fails to connect. The pods on the workers keep running, but nothing is scheduled or reconciled, and the kubelets cannot report. Start {node} again to bring the control plane back.',
  'lab.step.apiServerBack.title': 'The API server answers again',
  'lab.step.apiServerBack.text':
    '{node} boots again and its kubelet starts the static pods (kube-apiserver, etcd, kube-scheduler, kube-controller-manager). Every watch broke when the API server went down, so each kubelet and kube-proxy first lists again what it watches, then watches from there. Nothing changed meanwhile: no request got through.',
  'lab.step.controlPlaneStarted.title': 'Scheduler and controllers start afresh',
  'lab.step.controlPlaneStarted.text':
    'The scheduler and the controller manager start with empty caches and list everything they watch. The node controller gives every node a fresh grace period from now, so no worker is taken for dead because its last heartbeat looks old, and it registers every node again (RegisteredNode).',
  'lab.step.apiServerDown.title': 'The API server does not answer',
  'lab.step.apiServerDown.text':
    'kubectl could not connect: the API server ran on {node}, which is stopped. Nothing reached the cluster and nothing changed. Start {node} again to bring the control plane back.',
  'lab.step.apiServerRestarted.title': 'The API server answers again',
  'lab.step.apiServerRestarted.text':
    'kube-apiserver runs again on {node} (the machine stayed up). Every watch broke while it was away, so each kubelet, kube-proxy and control-plane component first lists again what it watches, then watches from there. The scheduler and the controller manager, restarted after losing their leader leases, take them again. Nothing changed meanwhile: no request got through.',
  'lab.step.apiServerStopped.title': 'The API server does not answer',
  'lab.step.apiServerStopped.text':
    'kubectl could not connect: {node} is up, but no kube-apiserver listens on its port 6443, so the connection is refused. Nothing reached the cluster and nothing changed; the containers on every node keep running. The API server answers again once its static pod runs again: its manifest back in /etc/kubernetes/manifests, or etcd restarted.',
  'lab.step.apiServerNoEtcd.title': 'The API server has no etcd',
  'lab.step.apiServerNoEtcd.text':
    'kubectl waited a minute for nothing: kube-apiserver on {node} accepts the request, but etcd, where it keeps every object, is not running, so it can neither read nor write and answers Timeout when the request’s time is up. The containers on every node keep running. Its liveness probe (/livez includes an etcd check) fails too: after 8 failures, 10 s apart, the kubelet restarts kube-apiserver, which cannot start without etcd, so from then on connections are refused until etcd’s manifest is back.',
  'lab.step.nodeShell.title': 'A root shell on {node}',
  'lab.step.nodeShell.text':
    'You are logged in to the machine {node} as root, not talking to the API server: its files (/etc/kubernetes/manifests, the kubelet configuration), its kubelet service (systemctl, journalctl) and its container runtime (crictl). kubectl here has no kubeconfig unless you name one. exit returns to your own terminal.',
  'lab.step.nodeShellLine.title': 'Run on {node}, over SSH',
  'lab.step.nodeShellLine.text':
    'The line went over the SSH session to the machine {node} and ran there as root. It did not go through the API server: whatever it changes on the node, the cluster learns of only from the kubelet. exit returns to your own terminal.',
  'lab.msg.ssh.login':
    'The laptop opens an SSH session to {node} and logs in as root. Nothing is sent to the API server.',
  'lab.msg.ssh.line':
    'The line travels over SSH to {node} and runs in its root shell. Nothing is sent to the API server.',
  'lab.step.kubeletStopped.title': 'The kubelet on {node} is stopped',
  'lab.step.kubeletStopped.text':
    'systemd stopped the kubelet service. The containers on {node} keep running (containerd runs them), but nothing renews the node lease or posts the node status: after 50 s without a heartbeat (node-monitor-grace-period) the node controller marks {node} NotReady, and 5 minutes later its pods are evicted. systemctl start kubelet brings it back.',
  'lab.step.kubeletFailing.title': 'The kubelet on {node} keeps failing',
  'lab.step.kubeletFailing.text':
    'systemd started the kubelet, but it exited at once with status 1: it could not load its configuration (journalctl -u kubelet shows the "command failed" line and the file it could not read). systemd tries again every 10 s (Restart=always). Until one start succeeds nothing reports for {node}: its containers keep running, and after 50 s the node controller marks it NotReady. Fix the file, then systemctl restart kubelet.',
  'lab.step.nodeStarted.title': '{node} is back',
  'lab.step.nodeStarted.text':
    'The kubelet on {node} starts again, reports the node Ready and syncs its pods; kube-proxy reloads its rules.',
  'lab.step.cordonTaint.title': '{node} tainted unschedulable',
  'lab.step.cordonTaint.text':
    'The node lifecycle controller (controller manager) sees spec.unschedulable on {node} and adds the taint node.kubernetes.io/unschedulable:NoSchedule. From now on only pods that tolerate it, such as DaemonSet pods, can land on {node}.',
  'lab.step.uncordonTaint.title': '{node} taint removed',
  'lab.step.uncordonTaint.text':
    'The node lifecycle controller sees that {node} is schedulable again and removes the taint node.kubernetes.io/unschedulable:NoSchedule.',
  'lab.step.nodeSchedulable.title': 'kubelet on {node}: {reason}',
  'lab.step.nodeSchedulable.text':
    'At its next status update (every 10 s) the kubelet on {node} notices the change of spec.unschedulable and records the event {reason}: “Node {node} status is now: {reason}”.',
  'lab.step.nodeStatus.title': 'kubelet on {node} reports',
  'lab.step.nodeStatus.text':
    'The kubelet on {node} reports its node\u2019s status to the API server (capacity from cAdvisor, its conditions, and the images the container runtime now holds); the API server stores it in etcd.',
  'lab.step.kubernetesService.title': 'The API server restores the kubernetes Service',
  'lab.step.kubernetesService.text':
    'The API server looks after the kubernetes Service in default (10.96.0.1, the address pods use to reach it) and its Endpoints itself: every 10 seconds it checks them and writes what is missing back to etcd. Deleting them does not last.',
  'lab.step.other.title': '{actor}',
  'lab.step.other.text': '{actor} works with the API server ({count} messages).',
  'lab.step.quiet.title': 'Time passes',
  'lab.step.quiet.text': '{seconds} s pass; nothing in the cluster changes.',

  'sim.stopped': 'node "{node}" stopped: its kubelet, kube-proxy and container runtime are down',
  'sim.stoppedControlPlane':
    'node "{node}" stopped: its kubelet, kube-proxy and container runtime are down, and with them the control plane\'s static pods (kube-apiserver, etcd, kube-scheduler, kube-controller-manager): the API server no longer answers',
  'sim.started': 'node "{node}" started: its kubelet registers again',
  'sim.startedControlPlane':
    'node "{node}" started: its kubelet restarts the control plane\'s static pods and the API server answers again',
  'sim.alreadyStopped': 'sim stop-node: node "{node}" is already stopped',
  'sim.alreadyRunning': 'sim start-node: node "{node}" is already running',
  'sim.noNode': 'sim {action}: no node named "{node}"',
  'sim.expectNode': 'sim {action}: expected a node name',
  'sim.expectDuration': 'sim advance: expected one duration, e.g. sim advance 5m',
  'sim.badDuration': "sim advance: invalid time interval '{value}'",
  'sim.tooLong': 'sim advance: at most 30m of virtual time at once in the lab',
  'sim.unknown':
    'sim: unknown action (try: sim stop-node NODE, sim start-node NODE, sim advance DURATION)',
  'sim.advanced': 'virtual clock: +{duration} ({clock} since you arrived)',
  'sim.help': `The lab console understands:
  kubectl …                 kubectl 1.32 against the lab cluster (get, describe, create, apply,
                            delete, scale, logs, exec …); kubectl help lists every command
  docker build -t NAME .    build an image on your laptop
  docker push NAME          upload it to Docker Hub
  sim stop-node NODE        switch a node off (sim start-node NODE switches it on again)
  sim advance DURATION      let virtual time pass, e.g. sim advance 5m (at most 30m)
  ssh NODE                  a root shell on a node (crictl, systemctl, journalctl); exit returns
  ls, cat, echo, mkdir, rm  your files; vi FILE opens the editor
  grep, head, tail, wc …    after a pipe: kubectl get pods | grep web
  clear                     empty the console
Nodes: {nodes}`,

  'lab.notice.restored': 'Your lab is back: {count} commands replayed.',
  'lab.notice.corrupt': 'The saved lab could not be read, so the lab starts fresh.',
  'lab.notice.replayFailed':
    'Your files and history are back, but replaying “{line}” did not give the same result, so the cluster starts fresh.',
  'lab.notice.tooLong':
    'Your lab was too long to replay: files and history are back, the cluster starts fresh.',
  'lab.notice.unavailable':
    'This browser does not let the page save anything: the lab works, but a reload will start it fresh.',
  'lab.notice.saveFailed':
    'Saving the lab failed (storage full?). It keeps working, but a reload would lose the latest changes.',
  'lab.notice.tooLarge':
    'The lab is too large to save completely: files and history are kept, the cluster will start fresh after a reload.',

  'lab.whatif.stop-node': 'Stop {node}',
  'lab.whatif.start-node': 'Start {node}',
  'lab.whatif.fast-forward': 'Fast-forward {seconds} s',
  'lab.whatif.cordon': 'Cordon {node}',
  'lab.whatif.uncordon': 'Uncordon {node}',
  'lab.whatif.drain': 'Drain {node}',
  'lab.whatif.bad-image': 'Use an image that does not exist',
  'lab.whatif.crash-loop': 'Run a container that exits at once',
  'lab.whatif.huge-cpu': 'Ask for more CPU than any node has',
  'lab.whatif.delete-namespace': 'Delete namespace {namespace}',
  'lab.whatif.scale': 'Scale {deployment} to {replicas}',

  'lab.lesson.title': 'Namespaces: one cluster, many rooms',
  'lab.lesson.create-blue':
    'Create the namespace blue. A namespace divides objects, not machines: the nodes stay the same.',
  'lab.lesson.get-namespaces':
    'List the namespaces: default, kube-system, kube-public and kube-node-lease come with the cluster; blue is new.',
  'lab.lesson.create-orange': 'Create orange the same way.',
  'lab.lesson.dry-run':
    'Now green as a YAML file: --dry-run=client prints what kubectl would send without sending it, and > saves it in green-ns.yaml.',
  'lab.lesson.open-file':
    'Open the file and look: a Namespace is just a name. (In vi, :se nu shows line numbers.)',
  'lab.lesson.create-green': 'Create green from the file with -f.',
  'lab.lesson.create-nginx-blue':
    'Create the pod in nginx.yaml inside blue: -n picks the namespace, the file does not say one.',
  'lab.lesson.get-pods-default':
    'kubectl get pods looks only in the context\u2019s namespace, default: the nginx pod is not there.',
  'lab.lesson.get-pods-blue': 'Ask blue: there it is, on one of the same nodes as every other pod.',
  'lab.lesson.set-context': 'Tired of adding -n? Make blue the namespace of the current context.',
  'lab.lesson.get-pods-again': 'The very same kubectl get pods now lists blue\u2019s pods.',
} as const;
