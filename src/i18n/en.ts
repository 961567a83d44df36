import { storyEn } from './story.en.ts';

/** English text. Keys are the source of truth for the `Messages` type. */
export const en = {
  'app.title': 'Kubernetes in Motion',
  'app.tagline': 'Watch a cluster think: every request, watch and decision, step by step.',
  'lang.label': 'Language',
  'lang.ko': '한국어',
  'lang.en': 'English',
  'stage.label': 'Cluster stage',
  'stage.hint': 'This is the cluster diagram. Hover over or focus a component to see what it does.',
  'stage.controlPlane': 'Control plane',
  'stage.workers': 'Worker nodes',
  'stage.node.control-plane': 'control-plane node',
  'stage.node.worker': 'worker node',
  'stage.node.label': 'Node {name}, {role}, {status}',
  'stage.tray': 'Waiting for the scheduler',
  'stage.tray.empty': 'No pod is waiting.',
  'stage.systemPods': '+{count} kube-system',
  'stage.pods.label': 'Pods on {node}',
  'stage.pods.none': 'No pods of yours yet.',
  'stage.acting': 'acting',
  'stage.messages': 'Messages in this step',
  'stage.message': '{from} → {to}: {label}',
  'stage.pod.label': 'Pod {namespace}/{name}, {status}',
  'component.developer': 'Developer',
  'component.developer.detail': 'laptop with Docker',
  'component.developer.role':
    'Builds container images with Docker, pushes them to a registry and sends kubectl commands to the API server.',
  'component.registry': 'Docker Hub',
  'component.registry.detail': 'container registry',
  'component.registry.role': 'Stores container images; the nodes pull them from here.',
  'component.api-server': 'API server',
  'component.api-server.detail': 'kube-apiserver',
  'component.api-server.role':
    'The front door: every request and every component goes through it, and only it reads and writes etcd.',
  'component.etcd': 'etcd',
  'component.etcd.detail': 'key-value store',
  'component.etcd.role':
    "Holds the cluster's whole state, what you asked for and what the nodes report, as keys like /registry/pods/default/web-….",
  'component.scheduler': 'Scheduler',
  'component.scheduler.detail': 'kube-scheduler',
  'component.scheduler.role':
    'Watches for pods without a node, filters and scores the nodes, and binds each pod to the best one.',
  'component.controller-manager': 'Controller manager',
  'component.controller-manager.detail': 'kube-controller-manager',
  'component.controller-manager.role':
    'Runs the control loops: it keeps the number of pods you asked for, even when a node fails.',
  'component.kubelet': 'kubelet',
  'component.kubelet.detail': 'node agent',
  'component.kubelet.role':
    "The node's agent: watches its pods, asks the container runtime to run them, and reports pod and node status (with cAdvisor's monitoring) to the API server.",
  'component.kube-proxy': 'kube-proxy',
  'component.kube-proxy.detail': 'network rules',
  'component.kube-proxy.role':
    "Programs the node's network rules so that Services reach their pods.",
  'component.container-runtime': 'container runtime',
  'component.container-runtime.detail': '(containerd; Docker in older clusters)',
  'component.container-runtime.role':
    'Pulls images and runs containers for the kubelet, through the Container Runtime Interface (CRI).',
  'player.label': 'Player',
  'player.skip': 'Skip to the player controls',
  'player.next': 'Next step',
  'player.previous': 'Previous step',
  'player.play': 'Play',
  'player.pause': 'Pause',
  'player.restart': 'Restart',
  'player.progress': 'Step {current} of {total}',
  'player.timeline': 'Timeline',
  'player.timeline.value': 'Step {current} of {total}: {title}',
  'player.speed': 'Speed',
  'player.keys': 'Keys: → next, ← previous, Space play or pause.',
  'narration.label': 'Narration',
  'demo.note': 'Demo sequence: the live simulation will drive these steps.',
  'demo.image-push.title': 'Build and push the image',
  'demo.image-push.text':
    'The developer builds a container image with Docker and pushes it to a registry, here Docker Hub. The cluster will fetch it from there later. (This walk-through uses the public nginx image.)',
  'demo.api-request.title': 'Ask the API server',
  'demo.api-request.text':
    '`kubectl create deployment web --image=nginx --replicas=3` sends a Deployment to the API server, which checks it and stores it in etcd. The controller manager, watching the API server, creates a ReplicaSet and three Pods. They have no node yet: STATUS Pending.',
  'demo.scheduler-choice.title': 'The scheduler chooses nodes',
  'demo.scheduler-choice.text':
    'The scheduler watches for pods without a node. It filters out nodes that cannot run them (the control-plane node is tainted), scores the rest and binds each pod to a node through the API server. The pods stay Pending until a kubelet acts.',
  'demo.kubelet.title': 'The kubelet sees its pod',
  'demo.kubelet.text':
    "Each node's kubelet watches the API server for pods bound to its node. It sees the new pod and starts preparing it: STATUS becomes ContainerCreating.",
  'demo.image-pull.title': 'The runtime pulls the image',
  'demo.image-pull.text':
    'The kubelet asks the container runtime (containerd, through the CRI) to pull nginx, and the runtime downloads it from Docker Hub. Older clusters had Docker in this place, as the study note says.',
  'demo.pod-running.title': 'The pods are Running',
  'demo.pod-running.text':
    'The runtime starts the nginx containers. Each kubelet reports to the API server, which stores the new status in etcd: STATUS Running, READY 1/1. A pod is the unit Kubernetes runs.',
  'footer.note':
    'A simulation of Kubernetes 1.32 that runs entirely in your browser. Nothing is sent anywhere.',
  ...storyEn,
} as const;
