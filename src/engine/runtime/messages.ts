/**
 * The message kinds the engine core records, with their summary keys and parameters, for the
 * i18n and story layers. Components add their own kinds (`cri.*`, `image.pull`…) through
 * `ctx.send`; those are documented where they are sent.
 */
export interface MessageKindInfo {
  /** `Message.kind`. */
  kind: string;
  /** `Message.summary.key`. */
  summaryKey: string;
  /** Parameter names in `summary.params`. */
  params: readonly string[];
  /** Who sends it → who receives it. */
  hop: string;
  /** What it means, in one line (English, for developers; learners get the i18n text). */
  meaning: string;
}

const api = (verb: string, meaning: string): MessageKindInfo => ({
  kind: `api.${verb}`,
  summaryKey: `msg.api.${verb}`,
  params: ['actor', 'resource', 'name', 'namespace'],
  hop: '<actor> → api-server',
  meaning,
});

export const CORE_MESSAGE_KINDS: readonly MessageKindInfo[] = [
  api('create', 'POST: create an object (generateName objects carry the prefix as name)'),
  api('get', 'GET one object'),
  api('list', 'GET a collection (name is empty)'),
  api('update', 'PUT: replace spec and metadata'),
  api('updateStatus', 'PUT …/status: replace the status'),
  api('patch', 'PATCH (JSON merge patch), …/status when the label ends so'),
  api('delete', 'DELETE one object (pods: graceful, sets deletionTimestamp)'),
  api('deleteCollection', 'DELETE a collection in a namespace'),
  api('bind', 'POST pods/<name>/binding: the scheduler assigns a node'),
  api('exec', 'POST pods/<name>/exec: kubectl exec (the API server forwards it to the kubelet)'),
  api('log', 'GET pods/<name>/log: kubectl logs (the API server forwards it to the kubelet)'),
  api('attach', 'POST pods/<name>/attach: kubectl attach (forwarded to the kubelet)'),
  api('portforward', 'POST pods/<name>/portforward: kubectl port-forward (to the kubelet)'),
  {
    kind: 'kubelet.exec',
    summaryKey: 'msg.kubelet.exec',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'api-server → kubelet/<node>',
    meaning: "the API server proxies an exec to the pod's kubelet (port 10250)",
  },
  {
    kind: 'kubelet.log',
    summaryKey: 'msg.kubelet.log',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'api-server → kubelet/<node>',
    meaning: "the API server proxies a log request to the pod's kubelet, which reads the log file",
  },
  {
    kind: 'kubelet.attach',
    summaryKey: 'msg.kubelet.attach',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'api-server → kubelet/<node>',
    meaning: "the API server proxies an attach to the pod's kubelet (port 10250)",
  },
  {
    kind: 'kubelet.portforward',
    summaryKey: 'msg.kubelet.portforward',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'api-server → kubelet/<node>',
    meaning: "the API server proxies a port forward to the pod's kubelet (port 10250)",
  },
  {
    kind: 'cri.attach',
    summaryKey: 'msg.cri.attach',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'kubelet/<node> → container-runtime/<node>',
    meaning: "the kubelet asks the runtime for the streams of the container's process (CRI Attach)",
  },
  {
    kind: 'cri.portforward',
    summaryKey: 'msg.cri.portforward',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'kubelet/<node> → container-runtime/<node>',
    meaning:
      "the kubelet asks the runtime to connect to a port in the pod's network (CRI PortForward)",
  },
  {
    kind: 'cri.exec',
    summaryKey: 'msg.cri.exec',
    params: ['pod', 'namespace', 'container', 'node'],
    hop: 'kubelet/<node> → container-runtime/<node>',
    meaning: 'the kubelet asks the runtime to run a command in the container (CRI Exec)',
  },
  {
    kind: 'api.response',
    summaryKey: 'msg.api.response',
    params: ['code', 'reason'],
    hop: 'api-server → kubectl (external clients only)',
    meaning: 'the HTTP status of the request; reason only on failure',
  },
  ...(['put', 'delete', 'get', 'range'] as const).map((v) => ({
    kind: `etcd.${v}`,
    summaryKey: `msg.etcd.${v}`,
    params: ['key'],
    hop: 'api-server → etcd',
    meaning: `etcd ${v} of the key (label) — only the API server talks to etcd`,
  })),
  {
    kind: 'etcd.leaseExpired',
    summaryKey: 'msg.etcd.leaseExpired',
    params: ['lease', 'keys'],
    hop: 'etcd → api-server',
    meaning:
      'an etcd lease expired and etcd deleted its keys itself (Events: --event-ttl 1h); the API ' +
      'server sees the deletes on its etcd watch. keys is how many; housekeeping',
  },
  {
    kind: 'watch.event',
    summaryKey: 'msg.watch.event',
    params: ['type', 'resource', 'name', 'namespace'],
    hop: 'api-server → watcher',
    meaning: 'a watch delivery (type ADDED, MODIFIED or DELETED), label `watch: Pod added`',
  },
  {
    kind: 'image.build',
    summaryKey: 'msg.image.build',
    params: ['image'],
    hop: 'developer → developer',
    meaning: '`docker build -t IMAGE .` on the laptop',
  },
  {
    kind: 'image.push',
    summaryKey: 'msg.image.push',
    params: ['image'],
    hop: 'developer → registry',
    meaning: '`docker push IMAGE`',
  },
  {
    kind: 'image.pushed',
    summaryKey: 'msg.image.pushed',
    params: ['image', 'ok'],
    hop: 'registry → developer',
    meaning: 'the registry accepted (ok=true) or refused the push; label is the digest',
  },
  {
    kind: 'image.download',
    summaryKey: 'msg.image.download',
    params: ['image'],
    hop: 'developer → registry',
    meaning: '`docker pull IMAGE` on the laptop; label is the manifest request',
  },
  {
    kind: 'image.downloaded',
    summaryKey: 'msg.image.downloaded',
    params: ['image', 'ok'],
    hop: 'registry → developer',
    meaning: 'the registry sent the image (ok=true) or refused the pull; label is the digest',
  },
  {
    kind: 'registry.login',
    summaryKey: 'msg.registry.login',
    params: ['user'],
    hop: 'developer → registry',
    meaning: '`docker login`: the credentials of Docker Hub account `user` go to the Hub',
  },
  {
    kind: 'registry.loginResult',
    summaryKey: 'msg.registry.loginResult',
    params: ['user', 'ok'],
    hop: 'registry → developer',
    meaning: 'Docker Hub accepted (ok=true) or refused the credentials',
  },
];
