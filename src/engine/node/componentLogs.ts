/**
 * What the control-plane static pods and kube-proxy write as they start (kubeadm 1.32 images,
 * registry.k8s.io/<component>:v1.32.2 and etcd 3.5.16): klog lines for the Kubernetes
 * components (`I0101 00:00:05.512345       1 serving.go:386] …`: severity, month and day, time
 * with microseconds, the thread id padded to 7, the source file and line) and zap JSON lines
 * for etcd. A handful of each component's first lines as a default kubeadm configuration prints
 * them, stamped from the container's start; the source lines (file:line) are those of 1.32
 * builds as far as known, and move between patch releases.
 */

/** The components' version (their images' tag). */
const VERSION = 'v1.32.2';

/** A time `ms` after `startedAt` (RFC 3339), epoch 0 when it does not parse. */
function after(startedAt: string, ms: number): Date {
  const t = Date.parse(startedAt);
  return new Date((Number.isNaN(t) ? 0 : t) + ms);
}

const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * Microseconds of line `i`: its millisecond's, with a sub-millisecond part growing with `i` (so
 * lines of one millisecond stay in order).
 */
function micros(d: Date, i: number): string {
  return String(d.getUTCMilliseconds() * 1000 + ((113 + i * 31) % 1000)).padStart(6, '0');
}

/** One klog line (klog's text header, thread id 1). */
function klog(level: 'I' | 'W' | 'E', d: Date, i: number, where: string, msg: string): string {
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros(d, i)}`;
  return `${level}${stamp}       1 ${where}] ${msg}\n`;
}

/** Lines `[ms after start, where, message]` (level I unless the message starts with `W `/`E `). */
type Line = readonly [number, string, string];

function klogLines(startedAt: string, lines: readonly Line[]): string {
  return lines
    .map(([ms, where, msg], i) => {
      const level = msg.startsWith('W ') ? 'W' : msg.startsWith('E ') ? 'E' : 'I';
      return klog(level, after(startedAt, ms), i, where, level === 'I' ? msg : msg.slice(2));
    })
    .join('');
}

/** `--name=value` of a command line. */
function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const GOLANG = '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""';
const CLIENT_CA = 'client-ca::kube-system::extension-apiserver-authentication::client-ca-file';
const REQUEST_HEADER =
  'client-ca::kube-system::extension-apiserver-authentication::requestheader-client-ca-file';

function scheduler(startedAt: string): string {
  return klogLines(startedAt, [
    [1512, 'serving.go:386', 'Generated self-signed cert in-memory'],
    [2234, 'server.go:167', `"Starting Kubernetes Scheduler" version="${VERSION}"`],
    [2234, 'server.go:169', GOLANG],
    [2240, 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'],
    [2240, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"'],
    [2241, 'shared_informer.go:313', `Waiting for caches to sync for ${CLIENT_CA}`],
    [2241, 'shared_informer.go:313', `Waiting for caches to sync for ${REQUEST_HEADER}`],
    [2341, 'shared_informer.go:320', `Caches are synced for ${CLIENT_CA}`],
    [2341, 'shared_informer.go:320', `Caches are synced for ${REQUEST_HEADER}`],
    [
      2342,
      'leaderelection.go:257',
      'attempting to acquire leader lease kube-system/kube-scheduler...',
    ],
    [2350, 'leaderelection.go:271', 'successfully acquired lease kube-system/kube-scheduler'],
  ]);
}

function controllerManager(startedAt: string): string {
  const started = (ms: number, name: string): Line => [
    ms,
    'controllermanager.go:797',
    `"Started controller" controller="${name}"`,
  ];
  return klogLines(startedAt, [
    [1410, 'serving.go:386', 'Generated self-signed cert in-memory'],
    [1902, 'controllermanager.go:185', `"Starting" version="${VERSION}"`],
    [1902, 'controllermanager.go:187', GOLANG],
    [1905, 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'],
    [1905, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"'],
    [
      1906,
      'leaderelection.go:257',
      'attempting to acquire leader lease kube-system/kube-controller-manager...',
    ],
    [
      1920,
      'leaderelection.go:271',
      'successfully acquired lease kube-system/kube-controller-manager',
    ],
    [1951, 'shared_informer.go:313', 'Waiting for caches to sync for tokens'],
    started(1960, 'serviceaccount-token-controller'),
    started(1980, 'endpoints-controller'),
    started(1990, 'replicaset-controller'),
    started(2000, 'deployment-controller'),
    started(2010, 'daemonset-controller'),
    started(2020, 'job-controller'),
    started(2030, 'cronjob-controller'),
    started(2040, 'namespace-controller'),
    started(2050, 'garbage-collector-controller'),
    [2052, 'shared_informer.go:320', 'Caches are synced for tokens'],
    [2510, 'shared_informer.go:320', 'Caches are synced for garbage collector'],
    [
      2510,
      'garbagecollector.go:157',
      '"All resource monitors have synced. Proceeding to collect garbage"',
    ],
  ]);
}

function apiServer(argv: readonly string[], startedAt: string): string {
  const ip = flag(argv, 'advertise-address') ?? '127.0.0.1';
  const range = flag(argv, 'service-cluster-ip-range') ?? '10.96.0.0/12';
  const pki = '/etc/kubernetes/pki';
  return klogLines(startedAt, [
    [310, 'options.go:238', `external host was not specified, using ${ip}`],
    [315, 'server.go:143', `Version: ${VERSION}`],
    [315, 'server.go:145', GOLANG],
    [820, 'shared_informer.go:313', 'Waiting for caches to sync for node_authorizer'],
    [
      1904,
      'dynamic_cafile_content.go:161',
      `"Starting controller" name="client-ca-bundle::${pki}/ca.crt"`,
    ],
    [
      1905,
      'dynamic_serving_content.go:135',
      `"Starting controller" name="serving-cert::${pki}/apiserver.crt::${pki}/apiserver.key"`,
    ],
    [1906, 'secure_serving.go:213', 'Serving securely on [::]:6443'],
    [1906, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"'],
    [2011, 'shared_informer.go:320', 'Caches are synced for node_authorizer'],
    [2103, 'cidrallocator.go:301', `created ClusterIP allocator for Service CIDR ${range}`],
    [2210, 'controller.go:615', 'quota admission added evaluator for: serviceaccounts'],
    [
      2390,
      'storage_scheduling.go:111',
      'all system priority classes are created successfully or already exist.',
    ],
    [2401, 'controller.go:615', 'quota admission added evaluator for: leases.coordination.k8s.io'],
  ]);
}

function kubeProxy(startedAt: string, nodeIP: string | undefined): string {
  const ip = nodeIP ?? '127.0.0.1';
  // The proxies of the nodes do not start in the same millisecond: a fixed offset per node.
  let h = 0;
  for (const ch of ip) h = (h * 31 + ch.charCodeAt(0)) % 997;
  const start = after(startedAt, h % 400).toISOString();
  return klogLines(start, [
    [120, 'server_linux.go:66', '"Using iptables proxy"'],
    [151, 'server.go:698', `"Successfully retrieved node IP(s)" IPs=["${ip}"]`],
    [
      152,
      'server.go:234',
      'E "Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"',
    ],
    [170, 'server.go:243', '"kube-proxy running in single-stack mode" ipFamily="IPv4"'],
    [171, 'server_linux.go:170', '"Using iptables Proxier"'],
    [
      172,
      'proxier.go:255',
      '"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"',
    ],
    [173, 'server.go:497', `"Version info" version="${VERSION}"`],
    [173, 'server.go:499', GOLANG],
    [180, 'config.go:199', '"Starting service config controller"'],
    [180, 'shared_informer.go:313', 'Waiting for caches to sync for service config'],
    [181, 'config.go:105', '"Starting endpoint slice config controller"'],
    [181, 'shared_informer.go:313', 'Waiting for caches to sync for endpoint slice config'],
    [182, 'config.go:329', '"Starting node config controller"'],
    [182, 'shared_informer.go:313', 'Waiting for caches to sync for node config'],
    [281, 'shared_informer.go:320', 'Caches are synced for node config'],
    [281, 'shared_informer.go:320', 'Caches are synced for service config'],
    [282, 'shared_informer.go:320', 'Caches are synced for endpoint slice config'],
  ]);
}

/** etcd 3.5's zap JSON lines: level, ts (microseconds, UTC), caller, msg, then the fields. */
function etcd(argv: readonly string[], startedAt: string): string {
  const name = flag(argv, 'name') ?? 'default';
  const clientUrls = (flag(argv, 'listen-client-urls') ?? '').split(',').filter(Boolean);
  const peerUrls = (flag(argv, 'listen-peer-urls') ?? '').split(',').filter(Boolean);
  const advertised = flag(argv, 'advertise-client-urls') ?? '';
  const line = (ms: number, i: number, level: string, caller: string, msg: string, rest = '') => {
    const d = after(startedAt, ms);
    const ts = `${d.toISOString().slice(0, 19)}.${micros(d, i)}Z`;
    return `{"level":"${level}","ts":"${ts}","caller":"${caller}","msg":"${msg}"${rest}}\n`;
  };
  const hostPort = (u: string) => u.replace(/^https?:\/\//, '');
  const args = JSON.stringify(argv);
  return [
    line(20, 0, 'info', 'etcdmain/etcd.go:73', 'Running: ', `,"args":${args}`),
    line(
      22,
      2,
      'info',
      'embed/etcd.go:128',
      'configuring peer listeners',
      `,"listen-peer-urls":${JSON.stringify(peerUrls)}`,
    ),
    line(
      23,
      3,
      'info',
      'embed/etcd.go:136',
      'configuring client listeners',
      `,"listen-client-urls":${JSON.stringify(clientUrls)}`,
    ),
    line(
      24,
      4,
      'info',
      'embed/etcd.go:311',
      'starting an etcd server',
      `,"etcd-version":"3.5.16","git-sha":"f20bbad","go-version":"go1.22.7","go-os":"linux","go-arch":"amd64","name":"${name}","data-dir":"/var/lib/etcd","advertise-client-urls":["${advertised}"]`,
    ),
    line(
      610,
      5,
      'info',
      'etcdserver/server.go:2068',
      'published local member to cluster through raft',
      `,"local-member-attributes":"{Name:${name} ClientURLs:[${advertised}]}","publish-timeout":"7s"`,
    ),
    line(611, 6, 'info', 'embed/serve.go:103', 'ready to serve client requests'),
    line(612, 7, 'info', 'etcdmain/main.go:44', 'notifying init daemon'),
    line(612, 8, 'info', 'etcdmain/main.go:50', 'successfully notified init daemon'),
    ...clientUrls.map((u, i) =>
      line(
        613,
        9 + i,
        'info',
        'embed/serve.go:250',
        'serving client traffic securely',
        `,"traffic":"grpc+http","address":"${hostPort(u)}"`,
      ),
    ),
  ].join('');
}

/** The components this table knows, by the image repository's last part. */
const COMPONENTS = new Set([
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'etcd',
]);

/**
 * The start-up log of a control-plane component or kube-proxy run as its image's binary
 * (argv[0] the component, as kubeadm's manifests and DaemonSet run them); undefined for any
 * other image or command.
 */
export function componentStartup(
  repo: string,
  argv: readonly string[],
  startedAt: string,
  nodeIP: string | undefined,
): string | undefined {
  const component = repo.split('/').pop() ?? '';
  if (!COMPONENTS.has(component)) return undefined;
  const binary = (argv[0] ?? '').split('/').pop();
  if (binary !== component) return undefined;
  switch (component) {
    case 'kube-apiserver':
      return apiServer(argv, startedAt);
    case 'kube-controller-manager':
      return controllerManager(startedAt);
    case 'kube-scheduler':
      return scheduler(startedAt);
    case 'kube-proxy':
      return kubeProxy(startedAt, nodeIP);
    default:
      return etcd(argv, startedAt);
  }
}
