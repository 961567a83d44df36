/**
 * English narration of the stories (`src/story/`): step titles and texts, message summaries.
 * Merged into `en`, so these keys are `MessageKey`s too. Owned by the story layer.
 *
 * Parameters the container flow supplies to every step: {pod}, {replicaset}, {deployment},
 * {node} (the node the scheduler chose), {image}, {score} (the winner's total), {feasible}
 * (how many nodes passed the filters), {tied} (the nodes that share the top score; a `.tie` text
 * is told when more than one does).
 */
export const storyEn = {
  'story.container-flow.simple.image-push.title': 'Build and push the image',
  'story.container-flow.simple.image-push.text':
    'The developer builds a container image with Docker and pushes it to a hub, Docker Hub. The cluster will fetch it from there later.',
  'story.container-flow.simple.api-request.title': 'kubectl asks the API server',
  'story.container-flow.simple.api-request.text':
    '`kubectl create deployment web --image=nginx` goes to the control plane (older notes call it the master). Its API server receives the request and stores it. The controller manager turns it into a ReplicaSet and the pod {pod}. The pod has no node yet: STATUS Pending.',
  'story.container-flow.simple.scheduler-choice.title': 'Which node is best?',
  'story.container-flow.simple.scheduler-choice.text':
    'The control plane asks the scheduler which node is best right now. The scheduler rules out the control-plane node, scores the other nodes and answers: {node}. (In truth the scheduler watches the API server and writes its answer back as a binding. The detailed level shows it.)',
  'story.container-flow.simple.scheduler-choice.tie.text':
    'The control plane asks the scheduler which node is best right now. The scheduler rules out the control-plane node, scores the other nodes (here the best ones tie, so it picks one of them at random) and answers: {node}. (In truth the scheduler watches the API server and writes its answer back as a binding. The detailed level shows it.)',
  'story.container-flow.simple.kubelet.title': 'kubelet on {node}, make nginx',
  'story.container-flow.simple.kubelet.text':
    'The kubelet on {node} gets the job: run the pod {pod} with nginx. (In truth it watches the API server for pods bound to its node.) It asks the container runtime to prepare the pod: STATUS ContainerCreating.',
  'story.container-flow.simple.image-pull.title': 'The runtime pulls the image',
  'story.container-flow.simple.image-pull.text':
    'The kubelet asks the container runtime (Docker in the study note; containerd today) for nginx. The runtime pulls the image the developer pushed from Docker Hub.',
  'story.container-flow.simple.pod-running.title': 'The pod is Running',
  'story.container-flow.simple.pod-running.text':
    'The runtime starts the nginx container. The kubelet reports to the API server, which stores the status in etcd: STATUS Running on {node}. This unit that runs is a pod.',

  'story.container-flow.detailed.image-build.title': 'docker build',
  'story.container-flow.detailed.image-build.text':
    "On the developer's laptop, `docker build -t nginx .` turns the Dockerfile into an image called nginx:latest. The cluster knows nothing about it yet: the image exists only on this machine.",
  'story.container-flow.detailed.image-push.title': 'docker push to Docker Hub',
  'story.container-flow.detailed.image-push.text':
    '`docker push nginx` uploads the layers and the manifest to Docker Hub (docker.io/library/nginx). Layers the registry already has are skipped. From now on every node can pull the image. (In real life you would tag it yourname/nginx: only Docker\u2019s official images live under library/, and Docker Hub denies anyone else\u2019s push there, as the lab\u2019s console does. The study note keeps the name nginx.)',
  'story.container-flow.detailed.api-request.title': 'kubectl sends a Deployment',
  'story.container-flow.detailed.api-request.text':
    '`kubectl create deployment web --image=nginx` builds a Deployment object (1 replica, one nginx container) and sends it to the API server: POST /apis/apps/v1/namespaces/default/deployments. kubectl only ever talks to the API server, never to a node. The YAML tab under the diagram shows the request body.',
  'story.container-flow.detailed.etcd-write.title': 'The API server stores it in etcd',
  'story.container-flow.detailed.etcd-write.text':
    'The API server fills in defaults (strategy RollingUpdate, revisionHistoryLimit 10 …), validates the object and writes it to etcd under /registry/deployments/default/web. Then it answers 201 Created; that is all "deployment.apps/web created" means. No pod exists yet.',
  'story.container-flow.detailed.deployment-controller.title':
    'Deployment controller: a ReplicaSet',
  'story.container-flow.detailed.deployment-controller.text':
    "Nobody calls the controller manager. It watches the API server, and the watch tells its deployment controller: Deployment web ADDED. It finds no ReplicaSet for web and asks the API server to create {replicaset}. It also records an Event and updates the Deployment's status. The study note's story leaves these watches out; this level shows every one.",
  'story.container-flow.detailed.replicaset-controller.title': 'ReplicaSet controller: the Pod',
  'story.container-flow.detailed.replicaset-controller.text':
    'The new ReplicaSet comes back over the watch. The replicaset controller counts 0 pods where 1 is wanted and creates the pod {pod} from the template. The pod is stored without a node: STATUS Pending.',
  'story.container-flow.detailed.scheduler-choice.title': 'The scheduler chooses {node}',
  'story.container-flow.detailed.scheduler-choice.text':
    "The scheduler watches for pods without a node and is told about {pod}. It filters: the control-plane node has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the pod does not tolerate. It scores the {feasible} nodes left (the table shows each plugin's weighted score). {node} scores highest, {score}. The scheduler posts a Binding to the API server, which sets the pod's spec.nodeName. It never contacts the node itself.",
  'story.container-flow.detailed.scheduler-choice.tie.text':
    "The scheduler watches for pods without a node and is told about {pod}. It filters: the control-plane node has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the pod does not tolerate. It scores the {feasible} nodes left (the table shows each plugin's weighted score). {tied} tie at {score}, so the scheduler picks one of them at random: {node}. It posts a Binding to the API server, which sets the pod's spec.nodeName. It never contacts the node itself.",
  'story.container-flow.detailed.kubelet.title': 'The kubelet on {node} notices',
  'story.container-flow.detailed.kubelet.text':
    'The binding changed the pod, so the API server tells every watcher. The scheduler and the controller manager see it MODIFIED; the kubelet on {node} watches only pods bound to its node, so for it this is a new pod: ADDED. The kubelet asks the container runtime, through the CRI, for a pod sandbox (network namespace and IP) and reports the pod status: STATUS ContainerCreating.',
  'story.container-flow.detailed.image-pull.title': 'The runtime pulls nginx',
  'story.container-flow.detailed.image-pull.text':
    'The kubelet asks the container runtime to pull nginx, records a Pulling event and reports the pod IP the sandbox got. The runtime (containerd today; Docker in the study note) fetches the manifest and layers from Docker Hub. When the download is done, it tells the kubelet.',
  'story.container-flow.detailed.container-start.title': 'The container starts',
  'story.container-flow.detailed.container-start.text':
    'With the image on {node}, the kubelet asks the runtime to create the nginx container inside the sandbox, then to start it. The API server does not know yet: kubectl still shows ContainerCreating.',
  'story.container-flow.detailed.pod-running.title': 'Running, and the status flows back',
  'story.container-flow.detailed.pod-running.text':
    "The kubelet patches the pod's status (phase Running, condition Ready True). It also sends the Pulled, Created and Started events it recorded along the way, at the pull, the create and the start. The API server stores the status in etcd: kubectl now shows Running on {node}. Watches carry the change on: the controllers update the ReplicaSet's and the Deployment's status to 1 ready, and the kubelet's next node status lists the nginx image now on {node}. Only the API server ever touched etcd.",

  'story.msg.image.build': 'docker build makes the image {image} on the laptop.',
  'story.msg.image.buildPull':
    'The build starts FROM {image}, which the laptop does not have: it asks {registry} for it.',
  'story.msg.image.buildPulled': '{registry} sends {image} to the laptop for the build.',
  'story.msg.image.push': 'docker push sends {image} to Docker Hub.',
  'story.msg.image.pushDenied':
    'Docker Hub refuses {image}: requested access to the resource is denied (the push never landed).',
  'story.msg.image.pushMissing':
    'Nothing reaches Docker Hub: the laptop has no image tagged {image}, so docker stops before uploading anything.',
  'story.msg.image.pushed': 'Docker Hub stores {image} and answers with its digest.',
  'story.msg.api.create': '{actor} asks the API server to create {kind} {name}.',
  'story.msg.api.evict': '{actor} asks the API server to evict the pod {name}.',
  'story.msg.api.exec':
    '{actor} asks the API server to run a command in {container} of the pod {name}.',
  'story.msg.api.log': '{actor} asks the API server for the log of {container} in the pod {name}.',
  'story.msg.kubelet.exec':
    'The API server hands the exec to the kubelet of {node}, where the pod {name} runs.',
  'story.msg.kubelet.log':
    'The API server asks the kubelet of {node} for the log; the kubelet reads it from the node.',
  'story.msg.cri.exec': 'The kubelet asks the runtime to run the command in {container}.',
  'story.msg.api.attach':
    '{actor} asks the API server to attach to the process of {container} in the pod {name}.',
  'story.msg.api.portforward': '{actor} asks the API server to forward a port of the pod {name}.',
  'story.msg.kubelet.attach':
    'The API server hands the attach to the kubelet of {node}, where the pod {name} runs.',
  'story.msg.kubelet.portforward':
    'The API server hands the port forward to the kubelet of {node}, where the pod {name} runs.',
  'story.msg.cri.attach':
    "The kubelet asks the runtime for the streams of {container}'s running process.",
  'story.msg.cri.portforward':
    "The kubelet asks the runtime to connect to the port inside the pod's network.",
  'story.msg.api.update': '{actor} asks the API server to update {kind} {name}.',
  'story.msg.api.status': '{actor} reports the status of {kind} {name}.',
  'story.msg.api.bind': 'The scheduler binds the pod {name} to {node}.',
  'story.msg.api.response': 'The API server answers {actor}: {code}.',
  'story.msg.etcd.put': 'The API server writes {key} to etcd.',
  'story.msg.watch.event': 'Watch: the API server tells {actor}: {kind} {name} {type}.',
  'story.msg.cri.runPodSandbox': 'The kubelet asks the runtime for the sandbox of the pod {name}.',
  'story.msg.cri.pullImage': 'The kubelet asks the runtime to pull {image}.',
  'story.msg.image.pull': 'The runtime fetches {image} from Docker Hub.',
  'story.msg.image.pulled': 'Docker Hub sends {image} ({mb} MB).',
  'story.msg.cri.imagePulled': 'The runtime tells the kubelet that {image} is pulled.',
  'story.msg.cri.createContainer':
    'The kubelet asks the runtime to create the container {container}.',
  'story.msg.cri.startContainer':
    'The kubelet asks the runtime to start the container {container}.',
  'story.msg.cri.containerExited':
    'The runtime tells the kubelet that the container {container} exited with code {code}.',
  'story.msg.other': '{from} → {to}: {label}',
} as const;
