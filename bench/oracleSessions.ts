/**
 * Random learner sessions for the kubectl oracle (bench/kubectlOracle.ts): command lines nobody
 * wrote by hand, to check the rules rather than the examples.
 *
 *   npx tsx bench/oracleSessions.ts --seed N [--lines 60] [--setup SETUP_FILE] > CMDS
 *   npx tsx bench/kubectlOracle.ts --kubectl /path/to/kubectl-1.32 --setup SETUP_FILE CMDS REPORT
 *
 * The same seed always writes the same session. The session builds its state as it goes (it
 * creates before it reads, remembers what it created and deleted) so most lines act on
 * something; some lines name what does not exist, and about one in five is a deliberate
 * mistake (a typo'd flag, a missing argument, a wrong type, a bad value, conflicting flags).
 *
 * The bridge serves no Table responses, no watches and no protobuf bodies, so the session asks
 * for `-o name|yaml|json|jsonpath|custom-columns`, `describe` and the like rather than plain
 * tables, and the typed-client lines (`create deployment`, `scale`) go to the SETUP file, which
 * the oracle runs on our console for both clusters before the session.
 *
 * Session 27 widened the grammar (StatefulSet, DaemonSet, Job/CronJob, Ingress, PV/PVC, Secret
 * docker-registry/tls/--from-file, ClusterRole/bindings, PDB, quota, PriorityClass, HPA, events
 * and `kubectl events`, explain of these kinds, nested custom-columns, --sort-by, -L, --show-kind,
 * invalid manifests of these kinds): a seed now writes a different session than it did before.
 *
 * Session 28 widened it again (rollout history/undo with revisions and change causes, `set
 * image/env/resources/serviceaccount/selector` on right and wrong containers, label/annotate
 * overwrites, removals and --list, compound set-based selectors, pod field selectors, delete's
 * --grace-period/--force/--now/--cascade, patch of each --type with bad patches, multi-document
 * manifests with one bad document, `-n` on cluster-scoped kinds, `-o wide`'s columns as
 * custom-columns and jsonpath filters): again, a seed writes a different session than before.
 *
 * Session 29 widened it once more (namespaces as a learner uses them: `config set-context
 * --current --namespace=…` followed by reads and writes in that namespace until it is set back,
 * `--namespace=`/`-n` on every verb, `-A`, `config view --minify`, deleting a namespace that
 * holds objects and reading inside it; `kubectl run` with its flags and their mistakes, `--expose`;
 * `expose` of deployments and pods with `--type`, `--target-port`, `--name`, `--selector`,
 * `--protocol` and missing ports; `create configmap/secret` with `--from-literal` edge cases and
 * `--from-env-file`; go-templates, `--template`, `-o jsonpath-file`/`go-template-file`,
 * `--show-managed-fields`; label/annotate with `--all`, `-l`, `--resource-version`; `apply` twice
 * (configured/unchanged), `apply view-last-applied`/`set-last-applied`, `replace [--force]`,
 * `diff -f`, `apply --prune` mistakes; `explain --recursive`; `api-resources` filters and sorts):
 * a seed writes a different session than before.
 *
 * Not part of CI or `npm run bench`: CI has no kubectl.
 */
import { writeFileSync } from 'node:fs';

const argv = process.argv.slice(2);
let seed = 1;
let count = 60;
let setupOut: string | undefined;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--seed') seed = Number(argv[++i]);
  else if (a === '--lines') count = Number(argv[++i]);
  else if (a === '--setup') setupOut = argv[++i];
  else {
    console.error(
      'usage: npx tsx bench/oracleSessions.ts --seed N [--lines 60] [--setup SETUP_FILE] > CMDS',
    );
    process.exit(2);
  }
}

// mulberry32: small, seeded, the same on every machine.
let state = seed >>> 0 || 1;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const chance = (p: number) => rand() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const WORDS = ['web', 'api', 'shop', 'cart', 'db', 'cache', 'front', 'worker', 'auth', 'blog'];
const IMAGES = ['nginx', 'nginx:1.27', 'busybox', 'redis:7', 'httpd', 'nginx:1.25-alpine'];
const NODES = ['control-plane', 'node1', 'node2', 'node3'];
const LABEL_KEYS = ['app', 'tier', 'env', 'team', 'version'];
const LABEL_VALUES = ['web', 'backend', 'prod', 'dev', 'blue', 'v1', 'v2'];

interface Obj {
  name: string;
  ns: string;
  labels: Record<string, string>;
  /** A Deployment's (first) container name. */
  container?: string;
}
const objs: Record<string, Obj[]> = {
  deployment: [],
  pod: [],
  service: [],
  configmap: [],
  secret: [],
  namespace: [],
  serviceaccount: [],
  role: [],
  job: [],
};
const namespaces = ['default'];
const used = new Set<string>();
function fresh(base?: string): string {
  for (;;) {
    const n = `${base ?? pick(WORDS)}${chance(0.5) ? `-${int(1, 9)}` : ''}`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}
const ns = () => (chance(0.8) ? 'default' : pick(namespaces));
const nsFlag = (n: string) => (n === 'default' || n === '' ? '' : ` -n ${n}`);
const some = (kind: string): Obj | undefined => {
  const xs = objs[kind] ?? [];
  return xs.length ? pick(xs) : undefined;
};
const forget = (kind: string, o: Obj) => {
  objs[kind] = (objs[kind] ?? []).filter((x) => x !== o);
};
const missing = () => `${pick(WORDS)}-missing`;

// How a learner names a kind: full, plural, short, or group-qualified.
const SPELLINGS: Record<string, string[]> = {
  deployment: ['deployment', 'deployments', 'deploy', 'deployment.apps'],
  pod: ['pod', 'pods', 'po'],
  service: ['service', 'services', 'svc'],
  configmap: ['configmap', 'configmaps', 'cm'],
  secret: ['secret', 'secrets'],
  namespace: ['namespace', 'namespaces', 'ns'],
  serviceaccount: ['serviceaccount', 'sa'],
  role: ['role', 'roles', 'role.rbac.authorization.k8s.io'],
  job: ['job', 'jobs', 'job.batch'],
  node: ['node', 'nodes', 'no'],
  replicaset: ['replicaset', 'rs'],
  event: ['events', 'ev'],
  endpoints: ['endpoints', 'ep'],
};
const TYPOS = ['deploymnt', 'pdos', 'servics', 'confimap', 'secrte', 'nodess', 'deploymentss'];
const spell = (kind: string) => pick(SPELLINGS[kind] ?? [kind]);

const JSONPATHS: Record<string, string[]> = {
  deployment: [
    '{.spec.replicas}',
    '{.spec.template.spec.containers[0].image}',
    '{.status.readyReplicas}',
    '{.metadata.labels}',
    '{range .spec.template.spec.containers[*]}{.name}{"\\n"}{end}',
    '{.items[*].metadata.name}',
  ],
  pod: [
    '{.status.phase}',
    '{.spec.nodeName}',
    '{.spec.containers[*].image}',
    '{.items[*].metadata.name}',
    '{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}',
    '{.status.podIP',
  ],
  service: ['{.spec.clusterIP}', '{.spec.ports[0].port}', '{.spec.selector}', '{.spec.type}'],
  configmap: ['{.data}', '{.data.key1}', '{.items[*].metadata.name}'],
  secret: ['{.data}', '{.type}'],
  namespace: ['{.status.phase}', '{.items[*].metadata.name}'],
  node: [
    '{.items[*].metadata.name}',
    '{.spec.unschedulable}',
    '{.spec.taints}',
    '{.items[*].status.nodeInfo.kubeletVersion}',
  ],
};
const COLUMNS: Record<string, string[]> = {
  deployment: [
    'NAME:.metadata.name,REPLICAS:.spec.replicas',
    'NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image',
    'NAME:.metadata.name,READY:.status.readyReplicas,NS:.metadata.namespace',
  ],
  pod: [
    'NAME:.metadata.name,STATUS:.status.phase',
    'NAME:.metadata.name,NODE:.spec.nodeName',
    'POD:.metadata.name,IMAGES:.spec.containers[*].image',
  ],
  service: ['NAME:.metadata.name,TYPE:.spec.type,IP:.spec.clusterIP'],
  configmap: ['NAME:.metadata.name,DATA:.data'],
  node: ['NAME:.metadata.name,UNSCHED:.spec.unschedulable', 'NAME:.metadata.name,BAD'],
  namespace: ['NAME:.metadata.name,PHASE:.status.phase'],
};
const SORTS = [
  '.metadata.name',
  '.metadata.creationTimestamp',
  '{.metadata.name}',
  '.spec.replicas',
  '.nosuch',
  // Strings whose digit runs differ in length (uids, pod IPs): bytewise in kubectl 1.32.
  '.metadata.uid',
  '.status.podIP',
  '.metadata.resourceVersion',
];

function output(kind: string, one: boolean): string {
  const r = rand();
  if (r < 0.22) return ' -o name';
  if (r < 0.38) return ' -o yaml';
  if (r < 0.48) return ' -o json';
  if (r < 0.66) {
    const paths = JSONPATHS[kind] ?? ['{.metadata.name}'];
    let p = pick(paths);
    if (one && p.startsWith('{.items')) p = '{.metadata.name}';
    return chance(0.5) ? ` -o jsonpath='${p}'` : ` -o=jsonpath="${p.replaceAll('"', '\\"')}"`;
  }
  if (r < 0.8)
    return ` -o custom-columns=${pick(COLUMNS[kind] ?? ['NAME:.metadata.name'])}${chance(0.2) ? ' --no-headers' : ''}`;
  if (r < 0.85)
    return ` -o ${pick(['yml', 'jsn', 'names', 'jsonpath', 'custom-columns', 'wide,name', 'jsonpath-as-json={.metadata.name}', 'go-template={{.metadata.name}}', 'template={{.nosuch}'])}`;
  if (r < 0.9) return ` -o name --sort-by=${pick(SORTS)}`;
  if (r < 0.93) return ` -o jsonpath='{.items[*].metadata.name}' --sort-by=${pick(SORTS)}`;
  if (r < 0.96)
    return ` -o ${pick(['name', 'yaml', 'json'])} ${pick(['--show-labels', '-L app', '--no-headers', '--show-kind', '-w=false'])}`;
  return ` -o jsonpath='{.metadata.name}' -o name`;
}

function selector(): string {
  const k = pick(LABEL_KEYS);
  const v = pick(LABEL_VALUES);
  return pick([
    `-l ${k}=${v}`,
    `-l ${k}!=${v}`,
    `-l '${k} in (${v},${pick(LABEL_VALUES)})'`,
    `-l ${k}`,
    `-l '!${k}'`,
    `--selector=${k}=${v}`,
    `-l ${k}==${v}`,
    `-l '${k} notin (${v})'`,
    `-l ${k}=`,
    `-l =${v}`,
    `-l '${k} in ${v}'`,
    `-l ${k}=${v},`,
  ]);
}

function labelsYaml(labels: Record<string, string>, indent: string): string {
  return Object.entries(labels)
    .map(([k, v]) => `\\n${indent}  ${k}: ${v}`)
    .join('');
}

// --- Lines -----------------------------------------------------------------------------------

function get(): string {
  const kind = pick(Object.keys(JSONPATHS).concat(['configmap', 'deployment', 'pod', 'service']));
  const o = some(kind);
  const r = rand();
  if (kind === 'node') {
    return `kubectl get ${spell('node')}${r < 0.5 ? ` ${pick(NODES)}` : ''}${output('node', r < 0.5)}`;
  }
  if (r < 0.45 && o)
    return `kubectl get ${spell(kind)} ${o.name}${nsFlag(o.ns)}${output(kind, true)}`;
  if (r < 0.55) return `kubectl get ${spell(kind)} ${missing()}${output(kind, true)}`;
  if (r < 0.65) return `kubectl get ${spell(kind)} -A${output(kind, false)}`;
  if (r < 0.78) return `kubectl get ${spell(kind)} ${selector()}${output(kind, false)}`;
  if (r < 0.84 && o) return `kubectl get ${kind}/${o.name}${nsFlag(o.ns)}${output(kind, true)}`;
  if (r < 0.86)
    return `kubectl get ${spell('event')}${nsFlag(o?.ns ?? 'default')} --field-selector ${pick([`involvedObject.name=${o?.name ?? missing()}`, `involvedObject.kind=${kind === 'deployment' ? 'Deployment' : 'Pod'}`, 'type=Warning', 'reason=Scheduled'])} -o ${pick(['name', "jsonpath='{.items[*].reason}'", 'custom-columns=REASON:.reason,OBJ:.involvedObject.name'])}`;
  if (r < 0.9)
    return `kubectl get ${spell(kind)} --field-selector ${pick(['metadata.name=web', 'status.phase=Running', 'spec.nodeName=node1', 'metadata.namespace!=default', 'nosuch=1'])}${output(kind, false)}`;
  return `kubectl get ${spell(kind)}${nsFlag(ns())}${output(kind, false)}`;
}

function describe(): string {
  const kind = pick(['deployment', 'pod', 'service', 'configmap', 'secret', 'namespace', 'node']);
  if (kind === 'node') return `kubectl describe ${spell('node')} ${pick(NODES)}`;
  const o = some(kind);
  if (!o || chance(0.15)) return `kubectl describe ${spell(kind)} ${missing()}`;
  if (chance(0.1))
    return `kubectl describe ${spell(kind)} -l ${pick(LABEL_KEYS)}=${pick(LABEL_VALUES)}`;
  return `kubectl describe ${spell(kind)} ${o.name}${nsFlag(o.ns)}`;
}

// The typed clients of `create <generator>` send protobuf, which the bridge does not read: the
// session's imperative creates are client-side dry runs (what a learner does to write a manifest);
// objects come from `apply -f` manifests.
function create(): string {
  const r = rand();
  const n = ns();
  const out = pick([
    ' --dry-run=client -o yaml',
    ' --dry-run=client -o yaml',
    ' --dry-run=client -o json',
    ' --dry-run=client -o name',
    ' --dry-run=client',

    ' --dry-run -o yaml',
  ]);
  const name = fresh(
    pick(['cfg', 'settings', 'creds', 'team', 'reader', 'once', 'svc', 'sa', 'web']),
  );
  if (r < 0.2) {
    const lits = Array.from(
      { length: int(1, 3) },
      (_, i) => `--from-literal=key${i + 1}=${pick(LABEL_VALUES)}`,
    );
    return `kubectl create configmap ${name}${nsFlag(n)} ${lits.join(' ')}${out}`;
  }
  if (r < 0.32)
    return `kubectl create secret generic ${name}${nsFlag(n)} --from-literal=password=${pick(['s3cr3t', 'hunter2', 'p@ss'])}${out}`;
  if (r < 0.4) return `kubectl create ${pick(['namespace', 'ns'])} ${name}${out}`;
  if (r < 0.48) return `kubectl create serviceaccount ${name}${nsFlag(n)}${out}`;
  if (r < 0.58)
    return `kubectl create role ${name}${nsFlag(n)} --verb=${pick(['get,list', 'get,list,watch', "'*'", 'create'])} --resource=${pick(['pods', 'deployments', 'pods,services', 'configmaps', 'deploy.apps', 'foos'])}${out}`;
  if (r < 0.66)
    return `kubectl create job ${name}${nsFlag(n)} --image=busybox${out} -- ${pick(['date', 'echo hi', 'sleep 1'])}`;
  if (r < 0.74)
    return `kubectl create deployment ${name}${nsFlag(n)} --image=${pick(IMAGES)}${chance(0.5) ? ` --replicas=${int(1, 4)}` : ''}${chance(0.3) ? ' --port=80' : ''}${out}`;
  if (r < 0.8)
    return `kubectl create cronjob ${name}${nsFlag(n)} --image=busybox --schedule='${pick(['*/5 * * * *', '0 0 * * *', '@hourly', 'bad'])}'${out} -- date`;
  if (r < 0.88)
    return `kubectl create rolebinding ${name}${nsFlag(n)} --${pick(['role', 'clusterrole'])}=${pick(['view', 'edit', 'reader'])} --${pick(['user=jane', 'serviceaccount=default:default', 'group=ops'])}${out}`;
  return `kubectl create service ${pick(['clusterip', 'nodeport', 'loadbalancer'])} ${name}${nsFlag(n)} --tcp=${pick(['80:8080', '443', '8080:80'])}${out}`;
}

function apply(): string {
  const r = rand();
  const verb = chance(0.85) ? 'apply' : 'create';
  const applyFlags = pick([
    '',
    '',
    '',
    ' --dry-run=client -o yaml',
    ' --dry-run=server',
    ' -o name',
  ]);
  // A dry run creates nothing: what it would make is not remembered.
  const keep = !applyFlags.includes('dry-run');
  const remember = (kind: string, o: Obj) => {
    if (keep) objs[kind]?.push(o);
  };
  const n = ns();
  const file = `${pick(['app', 'm', 'obj', 'x'])}${int(1, 9)}.yaml`;
  let yaml: string;
  if (r < 0.4) {
    const existing = chance(0.3) ? some('deployment') : undefined;
    const name = existing?.name ?? fresh();
    const app = existing?.labels.app ?? name;
    const container = pick(['app', 'nginx', 'main']);
    if (!existing) remember('deployment', { name, ns: n, labels: { app }, container });
    else if (keep) existing.container = container;
    const nsOf = existing?.ns ?? n;
    yaml = `apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: ${name}${nsOf === 'default' ? '' : `\\n  namespace: ${nsOf}`}\\nspec:\\n  replicas: ${int(1, 3)}\\n  selector:\\n    matchLabels:\\n      app: ${app}\\n  template:\\n    metadata:\\n      labels:\\n        app: ${app}\\n    spec:\\n      containers:\\n      - name: ${container}\\n        image: ${pick(IMAGES)}`;
  } else if (r < 0.5) {
    const kind = pick(['Namespace', 'ServiceAccount', 'Secret', 'Role']);
    const name = fresh(
      pick(kind === 'Namespace' ? ['team', 'dev', 'staging', 'qa'] : ['creds', 'reader', 'sa']),
    );
    const key = {
      Namespace: 'namespace',
      ServiceAccount: 'serviceaccount',
      Secret: 'secret',
      Role: 'role',
    }[kind] as string;
    remember(key, { name, ns: kind === 'Namespace' ? '' : n, labels: {} });
    if (kind === 'Namespace' && keep) namespaces.push(name);
    const meta = `metadata:\\n  name: ${name}${kind !== 'Namespace' && n !== 'default' ? `\\n  namespace: ${n}` : ''}`;
    yaml = `apiVersion: ${kind === 'Role' ? 'rbac.authorization.k8s.io/v1' : 'v1'}\\nkind: ${kind}\\n${meta}${
      kind === 'Secret'
        ? `\\nstringData:\\n  password: ${pick(['s3cr3t', 'hunter2'])}`
        : kind === 'Role'
          ? `\\nrules:\\n- apiGroups: [""]\\n  resources: ["pods"]\\n  verbs: ["get", "list"]`
          : ''
    }`;
  } else if (r < 0.65) {
    const name = fresh(pick(['cfg', 'conf']));
    remember('configmap', { name, ns: n, labels: {} });
    yaml = `apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${name}${nsFlag(n) ? `\\n  namespace: ${n}` : ''}\\ndata:\\n  key1: ${pick(LABEL_VALUES)}\\n  mode: "${int(1, 5)}"`;
  } else if (r < 0.78) {
    const name = fresh(pick(['solo', 'tools', 'debug']));
    const labels = { app: name, [pick(LABEL_KEYS.slice(1))]: pick(LABEL_VALUES) };
    remember('pod', { name, ns: n, labels });
    yaml = `apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: ${name}${nsFlag(n) ? `\\n  namespace: ${n}` : ''}\\n  labels:${labelsYaml(labels, '  ')}\\nspec:\\n  containers:\\n  - name: c\\n    image: ${pick(IMAGES)}`;
  } else if (r < 0.9) {
    const target = some('deployment');
    const name = fresh('svc');
    remember('service', { name, ns: target?.ns ?? n, labels: {} });
    yaml = `apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: ${name}${target && target.ns !== 'default' ? `\\n  namespace: ${target.ns}` : ''}\\nspec:\\n  selector:\\n    app: ${target?.labels.app ?? 'none'}\\n  ports:\\n  - port: 80\\n    targetPort: ${pick(['80', '8080', 'http'])}`;
  } else {
    // A broken manifest: a misspelt field, a missing kind, or bad YAML.
    yaml = pick([
      `apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: broken\\ndatta:\\n  a: b`,
      `apiVersion: v1\\nmetadata:\\n  name: nokind`,
      `apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: nosel\\nspec:\\n  template:\\n    spec:\\n      containers:\\n      - name: c\\n        image: nginx`,
      `apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: badindent\\nspec:\\n containers:\\n  - name: c\\n   image: nginx`,
      `apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: Bad_Name\\ndata:\\n  a: b`,
    ]);
  }
  return `printf '${yaml}\\n' > ${file} && kubectl ${verb} -f ${file}${applyFlags}`;
}

function del(): string {
  const kind = pick([
    'configmap',
    'secret',
    'pod',
    'service',
    'deployment',
    'namespace',
    'job',
    'serviceaccount',
  ]);
  const o = some(kind);
  if (!o || chance(0.2))
    return `kubectl delete ${spell(kind)} ${missing()}${chance(0.3) ? ' --ignore-not-found' : ''}`;
  forget(kind, o);
  if (kind === 'namespace') {
    namespaces.splice(namespaces.indexOf(o.name), 1);
    for (const k of Object.keys(objs)) objs[k] = (objs[k] ?? []).filter((x) => x.ns !== o.name);
  }
  const flags = pick([
    '',
    '',
    ' --wait=false',
    ' --grace-period=0 --force',
    ' --dry-run=client',
    ' -o name',
  ]);
  if (flags === ' --dry-run=client') (objs[kind] ?? []).push(o);
  return `kubectl delete ${chance(0.3) ? `${kind}/${o.name}` : `${spell(kind)} ${o.name}`}${nsFlag(o.ns)}${flags}`;
}

function labelOrAnnotate(): string {
  const kind = pick(['deployment', 'pod', 'service', 'configmap', 'node', 'namespace']);
  const verb = chance(0.65) ? 'label' : 'annotate';
  const target =
    kind === 'node'
      ? { name: pick(NODES), ns: '', labels: {} as Record<string, string> }
      : some(kind);
  const name = target?.name ?? missing();
  const k =
    verb === 'label' ? pick(LABEL_KEYS) : pick(['note', 'owner', 'kubernetes.io/change-cause']);
  const v = verb === 'label' ? pick(LABEL_VALUES) : pick(['hello', 'team-a', '"scaled up"']);
  const r = rand();
  let change: string;
  if (r < 0.55) change = `${k}=${v}`;
  else if (r < 0.7) change = `${k}=${v} --overwrite`;
  else if (r < 0.82) change = `${k}-`;
  else if (r < 0.9) change = pick([`${k}`, `${k}=${v} ${k}-`, `-${k}=v`, `${k}=bad value!`]);
  else change = `${k}=${v} --dry-run=client -o yaml`;
  if (target && verb === 'label' && /=/.test(change) && !change.endsWith('-')) target.labels[k] = v;
  const sel = chance(0.1) ? ` ${selector()}` : ` ${name}`;
  return `kubectl ${verb} ${spell(kind)}${sel}${nsFlag(target?.ns ?? '')} ${change}`;
}

function workload(): string {
  const d = some('deployment');
  const name = d?.name ?? missing();
  const n = nsFlag(d?.ns ?? '');
  const r = rand();
  if (r < 0.25)
    return `kubectl set image deployment/${name}${n} '${pick(['app', 'nginx', 'main', '*', 'nosuch'])}=${pick(IMAGES)}'`;
  if (r < 0.45)
    return `kubectl rollout status deployment/${name}${n}${chance(0.3) ? ' --timeout=5s' : ''}`;
  if (r < 0.6)
    return `kubectl rollout history deployment/${name}${n}${chance(0.3) ? ` --revision=${int(1, 3)}` : ''}`;
  if (r < 0.7)
    return `kubectl rollout undo deployment/${name}${n}${chance(0.3) ? ` --to-revision=${int(1, 4)}` : ''}`;
  if (r < 0.78)
    return `kubectl rollout ${pick(['pause', 'resume', 'restart'])} deployment/${name}${n}`;
  if (r < 0.9) {
    const svc = fresh('svc');
    if (d) objs.service?.push({ name: svc, ns: d.ns, labels: {} });
    return `kubectl expose deployment ${name}${n} --name=${svc} --port=${pick(['80', '8080', 'abc'])}${chance(0.4) ? ` --target-port=${pick(['80', '8080', 'http'])}` : ''}${chance(0.2) ? ' --type=NodePort' : ''}`;
  }
  if (r < 0.95)
    return `kubectl set ${pick(['env', 'resources'])} deployment/${name}${n} ${pick(['FOO=bar', '--limits=cpu=200m', '--requests=memory=64Mi', 'A-', '--list', 'FOO=bar --dry-run=client -o yaml'])}`;
  return `kubectl patch deployment ${name}${n} ${pick([
    `-p '{"spec":{"replicas":${int(0, 3)}}}'`,
    `--type=merge -p '{"metadata":{"labels":{"team":"blue"}}}'`,
    `--type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`,
    `--type=json -p '[{"op":"remove","path":"/spec/nosuch"}]'`,
    `-p '{"spec":{"replicas":"two"}}'`,
    `--type=strategic -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}}'`,
  ])}`;
}

function pods(): string {
  const r = rand();
  if (r < 0.3) {
    const n = ns();
    const name = fresh(pick(['tmp', 'nginx', 'bb', 'probe']));
    const labels: Record<string, string> = { run: name };
    objs.pod?.push({ name, ns: n, labels });
    const extra = pick([
      '',
      '',
      ` --labels=app=${name}`,
      ' --port=80',
      ' --restart=Never',
      ' --dry-run=client -o yaml',
      ' --env=A=1',
      ` -- sleep 3600`,
    ]);
    if (extra.includes('dry-run')) objs.pod?.pop();
    if (extra.includes('--labels=')) delete labels.run;
    return `kubectl run ${name}${nsFlag(n)} --image=${pick(IMAGES)}${extra}`;
  }
  const p = some('pod');
  const d = some('deployment');
  const target = p ? `${p.name}${nsFlag(p.ns)}` : d ? `deploy/${d.name}${nsFlag(d.ns)}` : missing();
  if (r < 0.6)
    return `kubectl logs ${chance(0.8) ? target : missing()}${pick(['', '', ' --tail=5', ' -c nosuch', ' --previous', ' --since=1h', ' --all-containers'])}`;
  // (The bridge serves no exec streams: exec lines that fail before one.)
  if (r < 0.75) return `kubectl exec ${missing()} -- ${pick(['ls /', 'env'])}`;
  if (r < 0.85) return `kubectl exec ${target} ${pick(['ls', '--', '-c'])}`;
  return `kubectl top ${pick(['pods', 'nodes', 'pod --sort-by=cpu', 'node node1'])}`;
}

function nodes(): string {
  const node = pick(NODES.slice(1));
  return pick([
    `kubectl cordon ${node}`,
    `kubectl uncordon ${node}`,
    `kubectl cordon ${node} --dry-run=client`,
    `kubectl taint nodes ${node} ${pick(['dedicated=gpu:NoSchedule', 'key1=value1:NoExecute', 'key1:PreferNoSchedule', 'dedicated-', 'key1=v:Sometimes', 'key1=value1'])}`,
    // (A drain that evicts runs at the real pace on the bridged side: its order of evictions
    // is not repeatable. One that stops at the DaemonSet pods is.)
    `kubectl drain ${node}`,
    `kubectl uncordon nosuch-node`,
    `kubectl taint node ${node} dedicated=gpu:NoSchedule --overwrite`,
  ]);
}

function rbacConfig(): string {
  const sa = some('serviceaccount');
  return pick([
    `kubectl auth can-i ${pick(['get', 'list', 'create', 'delete', '*'])} ${pick(['pods', 'deployments', 'secrets', 'nodes', 'deploy.apps', 'foos'])}${chance(0.3) ? ' -A' : ''}`,
    `kubectl auth can-i list pods --as=system:serviceaccount:${sa?.ns ?? 'default'}:${sa?.name ?? 'default'}`,
    `kubectl auth can-i create deployments -n ${pick(namespaces)} --as=${pick(['jane', 'bob'])}`,
    `kubectl auth can-i --list${chance(0.5) ? ' -n kube-system' : ''}`,
    `kubectl auth whoami -o ${pick(['yaml', 'json', 'name'])}`,
    `kubectl config current-context`,
    `kubectl config get-contexts -o name`,
    `kubectl config set-context --current --namespace=${pick(namespaces)}`,
    `kubectl config view --minify -o jsonpath='{.contexts[0].context.namespace}'`,
    `kubectl api-resources --namespaced=false -o name`,
    `kubectl api-resources --api-group=apps -o name`,
    `kubectl explain ${pick(['pod.spec.containers.image', 'deployment.spec.strategy', 'svc.spec.type', 'pods.spec.nosuch'])}`,
  ]);
}

// Deliberate mistakes of the kinds learners make.
function mistake(): string {
  const d = some('deployment');
  const name = d?.name ?? 'web';
  return pick([
    `kubectl get ${pick(TYPOS)}`,
    `kubectl get ${pick(TYPOS)} ${name} -o name`,
    `kubectl get pods --namespace`,
    `kubectl get pods -o`,
    `kubectl get deploy ${name} --output=yaml --show-labels -o name`,
    `kubectl get pods -A -n default -o name`,
    `kubectl get pods --all-namespace -o name`,
    `kubectl get deployments ${name} --selectr app=web`,
    `kubectl describe`,
    `kubectl delete`,
    `kubectl delete pods`,
    `kubectl delete pods --all -l app=web`,
    `kubectl delete deployment ${name} --grace-period=-5 --dry-run=client`,
    `kubectl create configmap`,
    `kubectl create configmap x --from-literal=novalue`,
    `kubectl create secret generic x --from-literal=a=1 --from-literal=a=2`,
    `kubectl create namespace Bad_Name --dry-run=client -o name`,
    `kubectl create deploy x --image=nginx --replicas=abc`,
    `kubectl create deployment`,
    `kubectl run`,
    `kubectl run x`,
    `kubectl run x --image=nginx --restart=Sometimes`,
    `kubectl run x --image=nginx --port=http`,
    `kubectl expose deployment`,
    `kubectl expose deployment ${name} --port=80 --type=Foo`,
    `kubectl expose pod nosuch --port=80`,
    `kubectl scale deployment ${name}`,
    `kubectl scale deployment ${name} --replicas=-1`,
    `kubectl scale --replicas=2`,
    `kubectl set image deployment/${name}`,
    `kubectl set image deployment/${name} nginx`,
    `kubectl rollout status`,
    `kubectl rollout undo deployment/${name} --to-revision=99`,
    `kubectl rollout history deployment/${name} --revision=abc`,
    `kubectl rollout statuss deployment/${name}`,
    `kubectl label pods`,
    `kubectl label deployment ${name}`,
    `kubectl annotate deployment ${name}`,
    `kubectl logs`,
    `kubectl logs deploy/${name} --tail=abc`,
    `kubectl exec ${name}`,
    `kubectl cordon`,
    `kubectl taint nodes node1`,
    `kubectl auth can-i`,
    `kubectl auth can-i get`,
    `kubectl get pods -o jsonpath='{.items[*].metadata.name'`,
    `kubectl get pods --sort-by=.metadata.name -o name extra/args`,
    `kubectl get deploy ${name} -o custom-columns=`,
    `kubectl get deploy -l 'app in (web' -o name`,
    `kubectl get pods --field-selector=foo -o name`,
    `kubectl get pod,svc ${name} -o name`,
    `kubectl get deploy/${name} pods -o name`,
    `kubectl get deploy/ -o name`,
    `kubectl delete deploy/${name} pod/`,
    `kubectl apply -f nosuch.yaml`,
    `kubectl apply`,
    `kubectl apply -f`,
    `kubectl create -f nosuch.yaml`,
    `kubectl get --raw /api/v1/namespaces/default/pods/nosuch`,
    `kubectl --namespace=nosuch get configmaps -o name`,
    `kubectl -n get pods`,
    `kubectl get pods --v=abc`,
    `kubectl get pods --request-timeout=abc`,
    `kubectl get --watch-only pods -o name --chunk-size=x`,
    `kubectl delete ${pick(['pv', 'pc', 'clusterrole', 'ns', 'node'])} ${missing()} -n ${pick(namespaces)}${pick(['', ' --ignore-not-found', ' --dry-run=client'])}`,
    `kubectl get ${pick(['pv', 'pc', 'clusterroles', 'nodes'])} -n ${pick(namespaces)} -o name`,
  ]);
}

// Other kinds a learner meets: made by a manifest, then read back (describe, -o yaml, jsonpath).
const OTHER: Record<string, { spell: string[]; yaml: (name: string, app: string) => string }> = {
  statefulset: {
    spell: ['statefulset', 'sts', 'statefulsets.apps'],
    yaml: (n, app) =>
      `apiVersion: apps/v1\\nkind: StatefulSet\\nmetadata:\\n  name: ${n}\\nspec:\\n  serviceName: ${n}\\n  replicas: ${int(1, 2)}\\n  selector:\\n    matchLabels:\\n      app: ${app}\\n  template:\\n    metadata:\\n      labels:\\n        app: ${app}\\n    spec:\\n      containers:\\n      - name: c\\n        image: ${pick(IMAGES)}`,
  },
  daemonset: {
    spell: ['daemonset', 'ds'],
    yaml: (n, app) =>
      `apiVersion: apps/v1\\nkind: DaemonSet\\nmetadata:\\n  name: ${n}\\nspec:\\n  selector:\\n    matchLabels:\\n      app: ${app}\\n  template:\\n    metadata:\\n      labels:\\n        app: ${app}\\n    spec:\\n      containers:\\n      - name: agent\\n        image: busybox\\n        command: ["sleep", "3600"]`,
  },
  cronjob: {
    spell: ['cronjob', 'cj', 'cronjobs.batch'],
    yaml: (n) =>
      `apiVersion: batch/v1\\nkind: CronJob\\nmetadata:\\n  name: ${n}\\nspec:\\n  schedule: "${pick(['*/5 * * * *', '0 * * * *'])}"\\n  jobTemplate:\\n    spec:\\n      template:\\n        spec:\\n          restartPolicy: OnFailure\\n          containers:\\n          - name: c\\n            image: busybox\\n            command: ["date"]`,
  },
  ingress: {
    spell: ['ingress', 'ing'],
    yaml: (n) =>
      `apiVersion: networking.k8s.io/v1\\nkind: Ingress\\nmetadata:\\n  name: ${n}\\nspec:\\n  rules:\\n  - host: ${n}.example.com\\n    http:\\n      paths:\\n      - path: /\\n        pathType: Prefix\\n        backend:\\n          service:\\n            name: ${some('service')?.name ?? 'web'}\\n            port:\\n              number: 80`,
  },
  networkpolicy: {
    spell: ['networkpolicy', 'netpol'],
    yaml: (n, app) =>
      `apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata:\\n  name: ${n}\\nspec:\\n  podSelector:\\n    matchLabels:\\n      app: ${app}\\n  policyTypes:\\n  - Ingress\\n  ingress:\\n  - from:\\n    - podSelector:\\n        matchLabels:\\n          role: frontend\\n    ports:\\n    - protocol: TCP\\n      port: 80`,
  },
  persistentvolumeclaim: {
    spell: ['pvc', 'persistentvolumeclaim'],
    yaml: (n) =>
      `apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: ${n}\\nspec:\\n  accessModes:\\n  - ReadWriteOnce\\n  resources:\\n    requests:\\n      storage: ${pick(['1Gi', '500Mi'])}`,
  },
  horizontalpodautoscaler: {
    spell: ['hpa', 'horizontalpodautoscaler'],
    yaml: (n) =>
      `apiVersion: autoscaling/v2\\nkind: HorizontalPodAutoscaler\\nmetadata:\\n  name: ${n}\\nspec:\\n  scaleTargetRef:\\n    apiVersion: apps/v1\\n    kind: Deployment\\n    name: ${some('deployment')?.name ?? 'web'}\\n  minReplicas: 1\\n  maxReplicas: ${int(2, 5)}\\n  metrics:\\n  - type: Resource\\n    resource:\\n      name: cpu\\n      target:\\n        type: Utilization\\n        averageUtilization: 50`,
  },
  resourcequota: {
    spell: ['quota', 'resourcequota'],
    yaml: (n) =>
      `apiVersion: v1\\nkind: ResourceQuota\\nmetadata:\\n  name: ${n}\\nspec:\\n  hard:\\n    pods: "${int(5, 20)}"\\n    requests.cpu: "2"`,
  },
  limitrange: {
    spell: ['limitrange', 'limits'],
    yaml: (n) =>
      `apiVersion: v1\\nkind: LimitRange\\nmetadata:\\n  name: ${n}\\nspec:\\n  limits:\\n  - type: Container\\n    default:\\n      cpu: 500m\\n    defaultRequest:\\n      cpu: 100m`,
  },
  poddisruptionbudget: {
    spell: ['pdb', 'poddisruptionbudget'],
    yaml: (n, app) =>
      `apiVersion: policy/v1\\nkind: PodDisruptionBudget\\nmetadata:\\n  name: ${n}\\nspec:\\n  minAvailable: 1\\n  selector:\\n    matchLabels:\\n      app: ${app}`,
  },
};
const made: { kind: string; name: string }[] = [];
function other(): string {
  const kind = pick(Object.keys(OTHER));
  const def = OTHER[kind] as (typeof OTHER)[string];
  const known = made.filter((m) => m.kind === kind);
  if (known.length === 0 || chance(0.35)) {
    const name = fresh(pick(WORDS));
    made.push({ kind, name });
    return `printf '${def.yaml(name, name)}\\n' > ${kind}.yaml && kubectl apply -f ${kind}.yaml`;
  }
  const o = pick(known);
  const sp = pick(def.spell);
  return pick([
    `kubectl describe ${sp} ${o.name}`,
    `kubectl describe ${sp} ${o.name}`,
    `kubectl get ${sp} ${o.name} -o yaml`,
    `kubectl get ${sp} -o name`,
    `kubectl get ${sp} ${o.name} -o jsonpath='{.spec}'`,
    `kubectl delete ${sp} ${o.name}`,
    `kubectl label ${sp} ${o.name} ${pick(LABEL_KEYS)}=${pick(LABEL_VALUES)}`,
    `kubectl get ${sp} ${o.name} -o custom-columns=NAME:.metadata.name,KIND:.kind`,
  ]);
}

// --- Wider grammar (session 27): more kinds, their imperative creates, describe, explain,
// events, sorting and nested columns, and manifests of these kinds (some invalid). ---------------

const TLS_CERT =
  '-----BEGIN CERTIFICATE-----\\nMIIBjDCCATGgAwIBAgIUCMDo8KZ9JXvc7DOqsJWnM94DFWYwCgYIKoZIzj0EAwIw\\nGzEZMBcGA1UEAwwQc2hvcC5leGFtcGxlLmNvbTAeFw0yNjExMjgyMTExMTVaFw0z\\nNjExMjUyMTExMTVaMBsxGTAXBgNVBAMMEHNob3AuZXhhbXBsZS5jb20wWTATBgcq\\nhkjOPQIBBggqhkjOPQMBBwNCAASnpSpEKsYjrOG39yQ9VNJAWPh5x7/dcGxsTJbG\\naLJTg/LXJs4UoxX8lCKpmz6F5Z4VntgZZw6Nfc+b47gU0PDSo1MwUTAdBgNVHQ4E\\nFgQUbF0KiLlynPrjbBRVf9U0S6x/ooYwHwYDVR0jBBgwFoAUbF0KiLlynPrjbBRV\\nf9U0S6x/ooYwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAp/r/\\n2ffkzQRpWAklcCMqN3oTHZU3rnIUF5JKDZ5LKx0CIQCOPTlrm6FvETOwgP7xmQab\\nfsgDwmECRsB49cnPWT8DfA==\\n-----END CERTIFICATE-----\\n';
const TLS_KEY =
  '-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8K4TlS0ezYt04bFs\\n4op/iVw4vu9B1jAafYrqjnWzuOmhRANCAASnpSpEKsYjrOG39yQ9VNJAWPh5x7/d\\ncGxsTJbGaLJTg/LXJs4UoxX8lCKpmz6F5Z4VntgZZw6Nfc+b47gU0PDS\\n-----END PRIVATE KEY-----\\n';
const DRY = () =>
  pick([
    ' --dry-run=client -o yaml',
    ' --dry-run=client -o json',
    ' --dry-run=client -o name',
    ' --dry-run=client',
    ' --dry-run=client -o yaml',
  ]);

function createKinds(): string {
  const name = fresh(
    pick(['nightly', 'report', 'edge', 'reg', 'tls', 'guard', 'limits', 'high', 'viewer', 'files']),
  );
  const cj = made.find((m) => m.kind === 'cronjob');
  const svc = some('service')?.name ?? 'web';
  const d = some('deployment');
  return pick([
    `kubectl create cronjob ${name} --image=busybox --schedule='${pick(['*/1 * * * *', '0 3 * * 1-5', '@daily', '61 * * * *', '* * *'])}'${pick(['', ' --restart=Never', ' --restart=Always', ' --restart=OnFailure'])}${DRY()} -- ${pick(['date', 'echo hello', 'sh -c "echo hi"'])}`,
    `kubectl create cronjob ${name} --image=busybox${DRY()}`,
    `kubectl create cronjob ${name} --schedule='*/5 * * * *'${DRY()}`,
    `kubectl create job ${name} --from=cronjob/${cj?.name ?? missing()}${DRY()}`,
    `kubectl create job ${name} --from=${pick(['deployment/web', 'cronjob', 'cj/x', 'cronjob/'])}${DRY()}`,
    `kubectl create job ${name} --image=busybox --from=cronjob/${cj?.name ?? 'x'}${DRY()}`,
    `kubectl create ingress ${name} --rule='${pick([`${name}.example.com/=${svc}:80`, `foo.com/bar*=${svc}:http`, `/path=${svc}:8080`, `shop.io/*=${svc}:80,tls=shop-tls`, 'bad-rule', `x.com/=svc`])}'${pick(['', ' --class=nginx', ' --class=nginx --annotation=nginx.ingress.kubernetes.io/rewrite-target=/', ` --default-backend=${svc}:80`])}${DRY()}`,
    `kubectl create ingress ${name}${pick(['', ` --class=nginx`, ` --default-backend=${svc}:80`])}${DRY()}`,
    `kubectl create secret docker-registry ${name} --docker-server=${pick(['registry.example.com', 'https://index.docker.io/v1/'])} --docker-username=${pick(['jane', 'bot'])} --docker-password=${pick(['s3cr3t', 'p4ss'])}${chance(0.4) ? ' --docker-email=jane@example.com' : ''}${DRY()}`,
    `kubectl create secret docker-registry ${name} --docker-username=jane${DRY()}`,
    `printf -- '${TLS_CERT}' > tls.crt && printf -- '${TLS_KEY}' > tls.key && kubectl create secret tls ${name} --cert=tls.crt --key=tls.key${DRY()}`,
    `printf 'not a cert\\n' > bad.crt && kubectl create secret tls ${name} --cert=bad.crt --key=bad.crt${DRY()}`,
    `kubectl create secret tls ${name} --cert=${pick(['nosuch.crt', ''])}${DRY()}`,
    `printf 'user=admin\\npass=s3cr3t\\n' > app.env && kubectl create secret generic ${name} --from-env-file=app.env${DRY()}`,
    `printf 'hello\\n' > greeting.txt && kubectl create ${pick(['secret generic', 'configmap'])} ${name} --from-file=greeting.txt${chance(0.5) ? ' --from-file=msg=greeting.txt' : ''}${DRY()}`,
    `kubectl create ${pick(['secret generic', 'configmap'])} ${name} --from-file=${pick(['nosuch.txt', 'a=b=c'])}${DRY()}`,
    `kubectl create secret ${pick(['generic', 'opaque', 'tls', 'docker-registry'])} ${name} --type=${pick(['Opaque', 'kubernetes.io/basic-auth'])} --from-literal=username=admin${DRY()}`,
    `kubectl create clusterrole ${name} --verb=${pick(['get,list,watch', "'*'", 'get', 'fly'])} --resource=${pick(['pods', 'nodes', 'deployments.apps', 'pods/log', 'secrets --resource-name=db', 'foos.example.com'])}${DRY()}`,
    `kubectl create clusterrole ${name} --verb=get --non-resource-url=${pick(['/healthz', '/logs/*', 'healthz'])}${DRY()}`,
    `kubectl create clusterrole ${name} --aggregation-rule=${pick(['rbac.example.com/aggregate-to-monitoring=true', 'bad'])}${DRY()}`,
    `kubectl create clusterrolebinding ${name} --clusterrole=${pick(['view', 'cluster-admin', 'edit'])} --${pick(['user=jane', 'group=ops', 'serviceaccount=default:default', 'serviceaccount=nocolon'])}${DRY()}`,
    `kubectl create pdb ${name} --selector=app=${d?.labels.app ?? 'web'} --${pick(['min-available=1', 'max-unavailable=1', 'min-available=50%', 'max-unavailable=30%', 'min-available=1 --max-unavailable=1', 'min-available=abc'])}${DRY()}`,
    `kubectl create pdb ${name}${pick(['', ' --min-available=1', ' --selector=app=web'])}${DRY()}`,
    `kubectl create quota ${name} --hard=${pick(['pods=10,requests.cpu=2,limits.memory=2Gi', 'count/deployments.apps=5', 'services=3,secrets=x', 'pods'])}${chance(0.3) ? ` --scopes=${pick(['BestEffort', 'NotTerminating,NotBestEffort', 'Bogus'])}` : ''}${DRY()}`,
    `kubectl create priorityclass ${name} --value=${pick(['1000', '1000000', '-5', 'high', '2000000000'])}${pick(['', ' --global-default=true', ` --description='for ${name}'`, ' --preemption-policy=Never', ' --preemption-policy=Sometimes'])}${DRY()}`,
    `kubectl create serviceaccount ${name}${pick(['', ' -n kube-system'])}${DRY()}`,
    `kubectl create service externalname ${name} --external-name=${pick(['db.example.com', 'Bad_Host'])}${DRY()}`,
    `kubectl create service ${pick(['clusterip', 'nodeport'])} ${name} --tcp=${pick(['80:8080', '5678:8080', '80', 'abc'])}${pick(['', ' --node-port=30080', ' --clusterip=None'])}${DRY()}`,
    `kubectl create rolebinding ${name} --clusterrole=view --serviceaccount=${pick(['default:default', 'kube-system:builder'])}${DRY()}`,
    `kubectl create token ${some('serviceaccount')?.name ?? 'default'}${pick(['', ' --duration=1h', ' --duration=abc', ' --audience=api', ' -o yaml'])}`,
    `kubectl autoscale deployment ${d?.name ?? missing()}${nsFlag(d?.ns ?? '')} --min=${pick(['1', '2', '5'])} --max=${pick(['3', '5', '1'])}${chance(0.6) ? ` --cpu-percent=${pick(['50', '80', '-1'])}` : ''}${chance(0.3) ? ` --name=${name}` : ''}${DRY()}`,
    `kubectl autoscale deployment ${d?.name ?? 'web'} --max=${pick(['0', '3'])} --min=${pick(['0', '4'])}${DRY()}`,
    `kubectl autoscale deployment ${d?.name ?? 'web'}${DRY()}`,
  ]);
}

// The learner's way to a manifest: an imperative create as a client dry run, saved and applied
// (the typed clients' protobuf cannot cross the bridge; apply's JSON can). What it makes is
// remembered, so later lines describe and read it.
function createApply(): string {
  const name = fresh(
    pick(['nightly', 'edge', 'guard', 'quota', 'high', 'viewer', 'pull', 'scale']),
  );
  const svc = some('service')?.name ?? 'web';
  const d = some('deployment');
  const cj = made.find((m) => m.kind === 'cronjob');
  const app = d?.labels.app ?? 'web';
  const forms: [string, string][] = [
    [
      'cronjob',
      `kubectl create cronjob ${name} --image=busybox --schedule='${pick(['*/1 * * * *', '*/5 * * * *', '0 0 * * *'])}'${chance(0.3) ? ' --restart=Never' : ''}`,
    ],
    [
      'job',
      cj
        ? `kubectl create job ${name} --from=cronjob/${cj.name}`
        : `kubectl create job ${name} --image=busybox`,
    ],
    [
      'ingress',
      `kubectl create ingress ${name} --rule='${pick([`${name}.example.com/=${svc}:80`, `shop.example.com/api*=${svc}:80,tls=shop-tls`, `/=${svc}:80`])}'${pick(['', ' --class=nginx', ` --default-backend=${svc}:80`])}`,
    ],
    [
      'poddisruptionbudget',
      `kubectl create pdb ${name} --selector=app=${app} --${pick(['min-available=1', 'max-unavailable=1', 'min-available=50%'])}`,
    ],
    [
      'resourcequota',
      `kubectl create quota ${name} --hard=${pick(['pods=10,requests.cpu=2,limits.memory=2Gi', 'count/deployments.apps=5,services=3', 'pods=4'])}${chance(0.3) ? ' --scopes=NotBestEffort' : ''}`,
    ],
    [
      'priorityclass',
      `kubectl create priorityclass ${name} --value=${pick(['1000', '100000'])}${pick(['', ` --description='for ${name}'`, ' --preemption-policy=Never'])}`,
    ],
    [
      'clusterrole',
      `kubectl create clusterrole ${name} --verb=${pick(['get,list,watch', 'get'])} --resource=${pick(['pods', 'deployments.apps,statefulsets.apps', 'pods/log', 'secrets --resource-name=db'])}`,
    ],
    [
      'clusterrolebinding',
      `kubectl create clusterrolebinding ${name} --clusterrole=${pick(['view', 'edit'])} --${pick(['user=jane', 'group=ops', 'serviceaccount=default:default'])}`,
    ],
    [
      'rolebinding',
      `kubectl create rolebinding ${name} --clusterrole=view --${pick(['user=jane', 'serviceaccount=default:builder'])}`,
    ],
    ['serviceaccount', `kubectl create serviceaccount ${name}`],
    [
      'secret',
      `kubectl create secret docker-registry ${name} --docker-server=registry.example.com --docker-username=jane --docker-password=s3cr3t`,
    ],
    [
      'secret',
      `printf -- '${TLS_CERT}' > tls.crt && printf -- '${TLS_KEY}' > tls.key && kubectl create secret tls ${name} --cert=tls.crt --key=tls.key`,
    ],
    [
      'horizontalpodautoscaler',
      `kubectl autoscale deployment ${d?.name ?? 'web'} --name=${name} --min=1 --max=${int(2, 5)}${chance(0.6) ? ` --cpu-percent=${pick(['50', '80'])}` : ''}`,
    ],
  ];
  const [kind, line] = pick(forms);
  made.push({ kind, name });
  return `${line} --dry-run=client -o yaml > gen.yaml && kubectl apply -f gen.yaml`;
}

/** Manifests with the fields a describer prints in its less travelled branches. */
const RICH: ((name: string, app: string) => [string, string])[] = [
  (n) => [
    'persistentvolumeclaim',
    `apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: ${n}\\nspec:\\n  accessModes: [ReadWriteOnce]\\n  volumeMode: ${pick(['Block', 'Filesystem'])}\\n  dataSource:\\n    name: snap1\\n    kind: ${pick(['VolumeSnapshot\\n    apiGroup: snapshot.storage.k8s.io', 'PersistentVolumeClaim'])}\\n  resources:\\n    requests:\\n      storage: 1Gi`,
  ],
  (n) => [
    'serviceaccount',
    `apiVersion: v1\\nkind: ServiceAccount\\nmetadata:\\n  name: ${n}\\nimagePullSecrets:\\n- name: ${pick(['reg', 'creds'])}\\nsecrets:\\n- name: ${n}-token`,
  ],
  (n) => [
    'ingress',
    `apiVersion: networking.k8s.io/v1\\nkind: Ingress\\nmetadata:\\n  name: ${n}\\nspec:\\n  defaultBackend:\\n    resource:\\n      apiGroup: k8s.example.com\\n      kind: StorageBucket\\n      name: static\\n  tls:\\n  - hosts: [a.example.com, b.example.com]\\n    secretName: ab-tls\\n  rules:\\n  - host: a.example.com\\n    http:\\n      paths:\\n      - path: /api\\n        pathType: Exact\\n        backend:\\n          service:\\n            name: ${some('service')?.name ?? 'web'}\\n            port:\\n              name: http`,
  ],
  (n) => [
    'horizontalpodautoscaler',
    `apiVersion: autoscaling/v2\\nkind: HorizontalPodAutoscaler\\nmetadata:\\n  name: ${n}\\nspec:\\n  scaleTargetRef:\\n    apiVersion: apps/v1\\n    kind: Deployment\\n    name: ${some('deployment')?.name ?? 'web'}\\n  maxReplicas: 4\\n  metrics:\\n  - type: Resource\\n    resource:\\n      name: memory\\n      target:\\n        type: AverageValue\\n        averageValue: 100Mi\\n  - type: Pods\\n    pods:\\n      metric:\\n        name: packets\\n      target:\\n        type: AverageValue\\n        averageValue: 1k\\n  behavior:\\n    scaleDown:\\n      stabilizationWindowSeconds: 60\\n      policies:\\n      - type: Percent\\n        value: 10\\n        periodSeconds: 60`,
  ],
  (n, app) => [
    'networkpolicy',
    `apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata:\\n  name: ${n}\\nspec:\\n  podSelector:\\n    matchExpressions:\\n    - key: app\\n      operator: In\\n      values: [${app}]\\n  policyTypes: [Ingress, Egress]\\n  ingress:\\n  - {}\\n  egress:\\n  - to:\\n    - namespaceSelector:\\n        matchLabels:\\n          team: a\\n      podSelector:\\n        matchLabels:\\n          app: api\\n    - ipBlock:\\n        cidr: 10.0.0.0/8\\n        except: [10.1.0.0/16]\\n    ports:\\n    - protocol: TCP\\n      port: 32000\\n      endPort: 32768`,
  ],
  (n) => [
    'job',
    `apiVersion: batch/v1\\nkind: Job\\nmetadata:\\n  name: ${n}\\nspec:\\n  completions: 3\\n  parallelism: 2\\n  completionMode: Indexed\\n  suspend: ${pick(['true', 'false'])}\\n  activeDeadlineSeconds: 600\\n  template:\\n    spec:\\n      restartPolicy: Never\\n      containers:\\n      - name: c\\n        image: busybox\\n        command: ["sh", "-c", "echo $JOB_COMPLETION_INDEX"]`,
  ],
  (n) => [
    'cronjob',
    `apiVersion: batch/v1\\nkind: CronJob\\nmetadata:\\n  name: ${n}\\nspec:\\n  schedule: "30 2 * * *"\\n  timeZone: ${pick(['Europe/Paris', 'Etc/UTC'])}\\n  concurrencyPolicy: ${pick(['Forbid', 'Replace'])}\\n  startingDeadlineSeconds: 100\\n  suspend: true\\n  jobTemplate:\\n    spec:\\n      template:\\n        spec:\\n          restartPolicy: OnFailure\\n          containers:\\n          - name: c\\n            image: busybox`,
  ],
  (n) => [
    'statefulset',
    `apiVersion: apps/v1\\nkind: StatefulSet\\nmetadata:\\n  name: ${n}\\nspec:\\n  serviceName: ${n}\\n  replicas: ${int(0, 1)}\\n  podManagementPolicy: Parallel\\n  updateStrategy:\\n    rollingUpdate:\\n      partition: 1\\n  selector:\\n    matchLabels:\\n      app: ${n}\\n  template:\\n    metadata:\\n      labels:\\n        app: ${n}\\n    spec:\\n      containers:\\n      - name: c\\n        image: nginx\\n  volumeClaimTemplates:\\n  - metadata:\\n      name: data\\n    spec:\\n      accessModes: [ReadWriteOnce]\\n      resources:\\n        requests:\\n          storage: 1Gi`,
  ],
  (n) => [
    'daemonset',
    `apiVersion: apps/v1\\nkind: DaemonSet\\nmetadata:\\n  name: ${n}\\nspec:\\n  updateStrategy:\\n    type: OnDelete\\n  selector:\\n    matchLabels:\\n      app: ${n}\\n  template:\\n    metadata:\\n      labels:\\n        app: ${n}\\n    spec:\\n      nodeSelector:\\n        disk: ssd\\n      containers:\\n      - name: c\\n        image: busybox`,
  ],
  (n) => [
    'persistentvolume',
    `apiVersion: v1\\nkind: PersistentVolume\\nmetadata:\\n  name: ${n}\\nspec:\\n  capacity:\\n    storage: 2Gi\\n  accessModes: [ReadWriteMany]\\n  mountOptions: [hard]\\n  ${pick(['nfs:\\n    server: 10.0.0.5\\n    path: /exports\\n    readOnly: true', 'local:\\n    path: /mnt/ssd\\n  nodeAffinity:\\n    required:\\n      nodeSelectorTerms:\\n      - matchExpressions:\\n        - key: kubernetes.io/hostname\\n          operator: In\\n          values: [node1]'])}`,
  ],
  (n) => [
    'resourcequota',
    `apiVersion: v1\\nkind: ResourceQuota\\nmetadata:\\n  name: ${n}\\nspec:\\n  hard:\\n    pods: "5"\\n    requests.storage: 10Gi\\n  scopeSelector:\\n    matchExpressions:\\n    - operator: In\\n      scopeName: PriorityClass\\n      values: [high]`,
  ],
  (n) => [
    'clusterrole',
    `apiVersion: rbac.authorization.k8s.io/v1\\nkind: ClusterRole\\nmetadata:\\n  name: ${n}\\naggregationRule:\\n  clusterRoleSelectors:\\n  - matchLabels:\\n      rbac.example.com/aggregate: "true"\\nrules: []`,
  ],
  (n) => [
    'rolebinding',
    `apiVersion: rbac.authorization.k8s.io/v1\\nkind: RoleBinding\\nmetadata:\\n  name: ${n}\\nroleRef:\\n  apiGroup: rbac.authorization.k8s.io\\n  kind: ClusterRole\\n  name: view\\nsubjects:\\n- kind: Group\\n  name: system:serviceaccounts:default\\n  apiGroup: rbac.authorization.k8s.io\\n- kind: ServiceAccount\\n  name: bot\\n  namespace: default`,
  ],
];

// Manifests of the wider kinds, some invalid (server-side messages come from our API server on
// both sides, so those lines compare only the client's framing).
function applyKinds(): string {
  const name = fresh(pick(['store', 'batch', 'backup', 'gold', 'data', 'guard', 'admin']));
  const app = some('deployment')?.labels.app ?? name;
  const kinds: [string, string, boolean][] = [
    [
      'job',
      `apiVersion: batch/v1\\nkind: Job\\nmetadata:\\n  name: ${name}\\nspec:\\n  backoffLimit: ${int(0, 4)}\\n  template:\\n    spec:\\n      restartPolicy: ${pick(['Never', 'OnFailure'])}\\n      containers:\\n      - name: c\\n        image: busybox\\n        command: ["sh", "-c", "echo done"]`,
      true,
    ],
    [
      'job',
      `apiVersion: batch/v1\\nkind: Job\\nmetadata:\\n  name: ${name}\\nspec:\\n  template:\\n    spec:\\n      containers:\\n      - name: c\\n        image: busybox`,
      false,
    ],
    [
      'persistentvolume',
      `apiVersion: v1\\nkind: PersistentVolume\\nmetadata:\\n  name: ${name}\\nspec:\\n  capacity:\\n    storage: ${pick(['1Gi', '5Gi'])}\\n  accessModes:\\n  - ReadWriteOnce\\n  persistentVolumeReclaimPolicy: ${pick(['Retain', 'Delete'])}\\n  hostPath:\\n    path: /data/${name}`,
      true,
    ],
    [
      'persistentvolume',
      `apiVersion: v1\\nkind: PersistentVolume\\nmetadata:\\n  name: ${name}\\nspec:\\n  accessModes:\\n  - ReadWriteSometimes\\n  hostPath:\\n    path: /data`,
      false,
    ],
    [
      'persistentvolumeclaim',
      `apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: ${name}\\nspec:\\n  accessModes:\\n  - ReadWriteOnce\\n  storageClassName: ${pick(['standard', '""', 'fast'])}\\n  resources:\\n    requests:\\n      storage: 1Gi`,
      true,
    ],
    [
      'persistentvolumeclaim',
      `apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: ${name}\\nspec:\\n  accessModes:\\n  - ReadWriteOnce`,
      false,
    ],
    [
      'priorityclass',
      `apiVersion: scheduling.k8s.io/v1\\nkind: PriorityClass\\nmetadata:\\n  name: ${name}\\nvalue: ${int(1, 9)}000\\ndescription: "${name} workloads"`,
      true,
    ],
    [
      'priorityclass',
      `apiVersion: scheduling.k8s.io/v1\\nkind: PriorityClass\\nmetadata:\\n  name: ${name}\\ndescription: no value`,
      false,
    ],
    [
      'clusterrole',
      `apiVersion: rbac.authorization.k8s.io/v1\\nkind: ClusterRole\\nmetadata:\\n  name: ${name}\\nrules:\\n- apiGroups: ["apps"]\\n  resources: ["deployments", "statefulsets"]\\n  verbs: ["get", "list", "watch"]`,
      true,
    ],
    [
      'rolebinding',
      `apiVersion: rbac.authorization.k8s.io/v1\\nkind: RoleBinding\\nmetadata:\\n  name: ${name}\\nsubjects:\\n- kind: User\\n  name: jane\\n  apiGroup: rbac.authorization.k8s.io\\nroleRef:\\n  kind: ClusterRole\\n  name: view\\n  apiGroup: rbac.authorization.k8s.io`,
      true,
    ],
    [
      'rolebinding',
      `apiVersion: rbac.authorization.k8s.io/v1\\nkind: RoleBinding\\nmetadata:\\n  name: ${name}\\nsubjects:\\n- kind: User\\n  name: jane\\nroleRef:\\n  kind: Role\\n  name: ""`,
      false,
    ],
    [
      'cronjob',
      `apiVersion: batch/v1\\nkind: CronJob\\nmetadata:\\n  name: ${name}\\nspec:\\n  schedule: "${pick(['not a schedule', '99 * * * *'])}"\\n  jobTemplate:\\n    spec:\\n      template:\\n        spec:\\n          restartPolicy: Never\\n          containers:\\n          - name: c\\n            image: busybox`,
      false,
    ],
    [
      'ingress',
      `apiVersion: networking.k8s.io/v1\\nkind: Ingress\\nmetadata:\\n  name: ${name}\\nspec:\\n  ingressClassName: nginx\\n  rules:\\n  - http:\\n      paths:\\n      - path: /api\\n        pathType: ${pick(['Exact', 'ImplementationSpecific', 'Prefixx'])}\\n        backend:\\n          service:\\n            name: ${some('service')?.name ?? 'web'}\\n            port:\\n              name: http`,
      true,
    ],
    [
      'poddisruptionbudget',
      `apiVersion: policy/v1\\nkind: PodDisruptionBudget\\nmetadata:\\n  name: ${name}\\nspec:\\n  minAvailable: 1\\n  maxUnavailable: 1\\n  selector:\\n    matchLabels:\\n      app: ${app}`,
      false,
    ],
    [
      'statefulset',
      `apiVersion: apps/v1\\nkind: StatefulSet\\nmetadata:\\n  name: ${name}\\nspec:\\n  serviceName: ${name}\\n  replicas: 1\\n  selector:\\n    matchLabels:\\n      app: other\\n  template:\\n    metadata:\\n      labels:\\n        app: ${name}\\n    spec:\\n      containers:\\n      - name: c\\n        image: nginx`,
      false,
    ],
    [
      'resourcequota',
      `apiVersion: v1\\nkind: ResourceQuota\\nmetadata:\\n  name: ${name}\\nspec:\\n  hard:\\n    pods: lots`,
      false,
    ],
    [
      'limitrange',
      `apiVersion: v1\\nkind: LimitRange\\nmetadata:\\n  name: ${name}\\nspec:\\n  limits:\\n  - type: Container\\n    max:\\n      memory: 1Gi\\n    min:\\n      memory: 2Gi`,
      false,
    ],
    [
      'networkpolicy',
      `apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata:\\n  name: ${name}\\nspec:\\n  podSelector: {}\\n  policyTypes:\\n  - ${pick(['Ingress', 'Egress', 'Sideways'])}`,
      true,
    ],
    [
      'serviceaccount',
      `apiVersion: v1\\nkind: ServiceAccount\\nmetadata:\\n  name: ${name}\\nautomountServiceAccountToken: false`,
      true,
    ],
    // Richer specs, for the describers' less travelled branches.
    ...RICH.map((f): [string, string, boolean] => {
      const [k, y] = f(name, app);
      return [k, y, true];
    }),
  ];
  const [kind, yaml, ok] = pick(kinds);
  const flags = pick([
    '',
    '',
    '',
    ' --dry-run=server',
    ' -o name',
    ' --dry-run=client -o yaml',
    ' --validate=false',
  ]);
  if (
    ok &&
    !flags.includes('dry-run') &&
    !yaml.includes('Prefixx') &&
    !yaml.includes('Sideways') &&
    !yaml.includes('""')
  )
    made.push({ kind, name });
  return `printf '${yaml}\\n' > ${kind}.yaml && kubectl ${chance(0.85) ? 'apply' : 'create'} -f ${kind}.yaml${flags}`;
}

const MORE_SPELL: Record<string, string[]> = {
  clusterrolebinding: ['clusterrolebinding'],
  secret: ['secret', 'secrets'],
  job: ['job', 'jobs'],
  persistentvolume: ['pv', 'persistentvolume'],
  priorityclass: ['priorityclass', 'pc'],
  clusterrole: ['clusterrole', 'clusterroles.rbac.authorization.k8s.io'],
  rolebinding: ['rolebinding', 'rolebindings'],
  serviceaccount: ['sa', 'serviceaccount'],
  ingress: ['ingress', 'ing'],
  networkpolicy: ['netpol'],
  persistentvolumeclaim: ['pvc'],
};
const NESTED_COLUMNS: Record<string, string[]> = {
  statefulset: [
    'NAME:.metadata.name,SVC:.spec.serviceName,READY:.status.readyReplicas',
    'NAME:.metadata.name,IMG:.spec.template.spec.containers[*].image',
  ],
  daemonset: [
    'NAME:.metadata.name,DESIRED:.status.desiredNumberScheduled,READY:.status.numberReady',
  ],
  cronjob: [
    'NAME:.metadata.name,SCHEDULE:.spec.schedule,SUSPEND:.spec.suspend',
    'NAME:.metadata.name,CMD:.spec.jobTemplate.spec.template.spec.containers[0].command',
  ],
  job: [
    'NAME:.metadata.name,DONE:.status.succeeded,LIMIT:.spec.backoffLimit',
    'NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name',
  ],
  ingress: [
    'NAME:.metadata.name,HOST:.spec.rules[*].host,SVC:.spec.rules[0].http.paths[0].backend.service.name',
    'NAME:.metadata.name,CLASS:.spec.ingressClassName',
  ],
  persistentvolumeclaim: [
    'NAME:.metadata.name,PHASE:.status.phase,SIZE:.spec.resources.requests.storage,VOL:.spec.volumeName',
  ],
  persistentvolume: [
    'NAME:.metadata.name,CAP:.spec.capacity.storage,CLAIM:.spec.claimRef.name,POLICY:.spec.persistentVolumeReclaimPolicy',
  ],
  horizontalpodautoscaler: [
    'NAME:.metadata.name,TARGET:.spec.scaleTargetRef.name,MAX:.spec.maxReplicas,CPU:.spec.metrics[0].resource.target.averageUtilization',
  ],
  poddisruptionbudget: [
    'NAME:.metadata.name,MIN:.spec.minAvailable,ALLOWED:.status.disruptionsAllowed',
  ],
  resourcequota: ['NAME:.metadata.name,PODS:.spec.hard.pods,USED:.status.used.pods'],
  limitrange: ['NAME:.metadata.name,TYPE:.spec.limits[0].type,DEF:.spec.limits[0].default.cpu'],
  networkpolicy: ['NAME:.metadata.name,SEL:.spec.podSelector.matchLabels,TYPES:.spec.policyTypes'],
  priorityclass: ['NAME:.metadata.name,VALUE:.value,DEFAULT:.globalDefault'],
  clusterrole: ['NAME:.metadata.name,VERBS:.rules[0].verbs'],
  rolebinding: ['NAME:.metadata.name,ROLE:.roleRef.name,WHO:.subjects[*].name'],
  serviceaccount: ['NAME:.metadata.name,AUTOMOUNT:.automountServiceAccountToken'],
};
const spellOf = (kind: string) => pick(OTHER[kind]?.spell ?? MORE_SPELL[kind] ?? [kind]);

function readKinds(): string {
  const pool =
    made.length && chance(0.85)
      ? made
      : [{ kind: pick(Object.keys(NESTED_COLUMNS)), name: missing() }];
  const o = pick(pool);
  const sp = spellOf(o.kind);
  const cols = pick(NESTED_COLUMNS[o.kind] ?? ['NAME:.metadata.name']);
  const r = rand();
  if (r < 0.3)
    return `kubectl describe ${sp} ${o.name}${chance(0.15) ? ' --show-events=false' : ''}`;
  if (r < 0.36) return `kubectl describe ${sp}`;
  if (r < 0.5)
    return `kubectl get ${sp}${chance(0.5) ? ` ${o.name}` : ''} -o custom-columns=${cols}${chance(0.2) ? ' --no-headers' : ''}`;
  if (r < 0.58)
    return `kubectl get ${sp} -o ${pick(['name', `custom-columns=${cols}`, "jsonpath='{.items[*].metadata.name}'"])} --sort-by=${pick(['.metadata.name', '.metadata.creationTimestamp', '.spec.nosuch', '{.metadata.name}', 'metadata.name', '.metadata.labels', '.metadata.uid', '.metadata.resourceVersion'])}`;
  if (r < 0.64)
    return `kubectl get ${sp} -o name ${pick(['--show-kind', '-L app', '-L app,tier', '--label-columns=team', '--show-labels', '-L'])}`;
  if (r < 0.7) return `kubectl get ${sp},${spellOf(pick(made.length ? made : [o]).kind)} -o name`;
  if (r < 0.78)
    return `kubectl get ${sp} ${o.name} -o ${pick(['yaml', 'json', `jsonpath='{.metadata.name} {.kind}{"\\n"}'`, 'go-template={{.kind}}', "jsonpath='{.status}'"])}`;
  if (r < 0.84)
    return `kubectl label ${sp} ${o.name} ${pick(LABEL_KEYS)}=${pick(LABEL_VALUES)}${pick(['', ' --overwrite', ' -o name', ' --dry-run=client -o yaml'])}`;
  if (r < 0.9)
    return `kubectl annotate ${sp} ${o.name} ${pick(['note=hello', 'owner=team-a', 'note-'])}${pick(['', ' --overwrite', ' -o name'])}`;
  const gone = chance(0.8);
  if (gone) {
    const i = made.indexOf(o);
    if (i >= 0) made.splice(i, 1);
  }
  return `kubectl delete ${sp} ${o.name}${pick(['', '', ' -o name', ' --wait=false', ' --ignore-not-found'])}`;
}

function workloadKinds(): string {
  const pool = made.filter((m) => ['statefulset', 'daemonset', 'cronjob', 'job'].includes(m.kind));
  const o =
    pool.length && chance(0.85)
      ? pick(pool)
      : { kind: pick(['statefulset', 'daemonset', 'cronjob']), name: missing() };
  const sp = spellOf(o.kind);
  if (o.kind === 'cronjob')
    return pick([
      `kubectl patch ${sp} ${o.name} -p '{"spec":{"suspend":${pick(['true', 'false', '"yes"'])}}}'`,
      `kubectl patch ${sp} ${o.name} --type=merge -p '{"spec":{"schedule":"${pick(['*/10 * * * *', 'bad'])}"}}'`,
      `kubectl patch ${sp} ${o.name} --type=json -p '[{"op":"replace","path":"/spec/suspend","value":true}]'`,
      // (A client dry run: the typed client's create is protobuf, which the bridge does not read.)
      `kubectl create job ${fresh('manual')} --from=cronjob/${o.name}${pick([' --dry-run=client -o name', ' --dry-run=client -o yaml'])}`,
      `kubectl set image ${sp}/${o.name} c=busybox:1.36${pick(['', ' --dry-run=client -o yaml'])}`,
      `kubectl get ${sp} ${o.name} -o jsonpath='{.spec.suspend}'`,
    ]);
  if (o.kind === 'job')
    return pick([
      `kubectl logs job/${o.name}`,
      `kubectl wait --for=condition=complete job/${o.name} --timeout=${pick(['1s', '5s'])}`,
      `kubectl get pods -l job-name=${o.name} -o name`,
      `kubectl get ${sp} ${o.name} -o jsonpath='{.status.succeeded}'`,
      `kubectl set image job/${o.name} c=busybox:1.36`,
    ]);
  return pick([
    `kubectl rollout status ${sp}/${o.name}${chance(0.3) ? ' --timeout=5s' : ''}`,
    `kubectl rollout history ${sp}/${o.name}${chance(0.3) ? ` --revision=${int(1, 3)}` : ''}`,
    `kubectl rollout restart ${sp}/${o.name}`,
    `kubectl rollout undo ${sp}/${o.name}${chance(0.3) ? ` --to-revision=${int(1, 3)}` : ''}`,
    `kubectl rollout pause ${sp}/${o.name}`,
    `kubectl set image ${sp}/${o.name} ${pick(['c', 'agent', '*'])}=${pick(IMAGES)}`,
    `kubectl set env ${sp}/${o.name} MODE=${pick(['fast', 'slow'])}`,
    `kubectl get pods -l app=${o.name} -o name`,
    `kubectl patch ${sp} ${o.name} -p '{"spec":{"updateStrategy":{"type":"${pick(['OnDelete', 'RollingUpdate', 'Sometimes'])}"}}}'`,
    `kubectl delete pod ${o.name}-0`,
  ]);
}

function eventsExplain(): string {
  const o = made.length ? pick(made) : undefined;
  const d = some('deployment');
  const forRef = pick([
    o ? `${o.kind}/${o.name}` : `deployment/${d?.name ?? 'web'}`,
    `deployment/${d?.name ?? 'web'}`,
    `pod/${some('pod')?.name ?? missing()}`,
    d?.name ?? 'web',
    'deployments.apps/nosuch',
    'nosuchkind/x',
  ]);
  return pick([
    `kubectl events --for ${forRef}${pick(['', ' -o yaml', ' -o name', " -o jsonpath='{.items[*].reason}'", ' --types=Warning', ' --types=Normal,Warning', ' --types=Bad'])}`,
    `kubectl events${pick(['', ' -A', ' -n kube-system', ' --types=Warning', ' -o json', ' --no-headers', ' -w=false', ' -o wide'])}`,
    `kubectl events ${pick(['--for', '--for=', '--types', '-o bad', 'extra'])}`,
    `kubectl get events --field-selector ${pick([`involvedObject.kind=${pick(['StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'])}`, 'type=Normal,reason=Created', 'type!=Normal', `involvedObject.name=${o?.name ?? 'web'}`, 'reason=SuccessfulCreate', 'involvedObject.kind'])} -o ${pick(['name', 'custom-columns=KIND:.involvedObject.kind,REASON:.reason,MSG:.message', 'jsonpath=\'{range .items[*]}{.reason}{"\\n"}{end}\''])}`,
    `kubectl get events --sort-by=${pick(['.lastTimestamp', '.metadata.creationTimestamp', '.count'])} -o custom-columns=REASON:.reason,OBJ:.involvedObject.name`,
    // (Not --output=plaintext-openapiv2: it reads /openapi/v2, which the bridge does not serve.)
    `kubectl explain ${pick(['cronjob.spec.schedule', 'cronjob.spec.jobTemplate.spec', 'statefulset.spec.volumeClaimTemplates', 'sts.spec.serviceName', 'ds.spec.updateStrategy', 'job.spec.backoffLimit', 'jobs.spec.completions', 'ingress.spec.rules.http.paths.pathType', 'ing.spec.ingressClassName', 'pvc.spec.accessModes', 'pv.spec.persistentVolumeReclaimPolicy', 'hpa.spec.metrics', 'pdb.spec.minAvailable', 'quota.spec.hard', 'limitrange.spec.limits.type', 'priorityclass.value', 'pc.preemptionPolicy', 'netpol.spec.policyTypes', 'networkpolicy.spec.ingress.from', 'clusterrole.rules.verbs', 'rolebinding.roleRef', 'sa.automountServiceAccountToken', 'secret.type', 'cronjob.spec.nosuch', 'cronjobs.spec.schedule.foo'])}${pick(['', '', ' --recursive', ' --api-version=batch/v1', ' --output=plaintext', ' -o bad'])}`,
  ]);
}

// Flags thrown together: where rules meet (a flag's check before another's, two flags that
// exclude each other, a value of the wrong shape).
const FLAG_POOLS: Record<string, string[]> = {
  get: [
    '-o name',
    '-o yaml',
    '-o json',
    "-o jsonpath='{.items[*].metadata.name}'",
    "-o jsonpath='{.metadata.name}'",
    '-o custom-columns=N:.metadata.name',
    '--no-headers',
    '--show-kind',
    '-L app',
    '--sort-by=.metadata.name',
    '-l app',
    '-l app=web',
    '--field-selector=metadata.name=web',
    '-A',
    '--ignore-not-found',
    '--chunk-size=1',
    '--chunk-size=-3',
    '--show-managed-fields',
    "--template='{{.metadata.name}}'",
    '--allow-missing-template-keys=false',
    "-o jsonpath='{.nosuch}'",
    '--output-watch-events',
    '--raw=/nosuch',
    '--show-labels',
    '-o wide',
    '--subresource=status',
    '--subresource=scale',
    '--subresource=nosuch',
  ],
  delete: [
    '--all',
    '-l app=web',
    '--field-selector=metadata.name=web',
    '--now',
    '--cascade=orphan',
    '--cascade=foreground',
    '--cascade=bad',
    '--force',
    '--grace-period=0',
    '--grace-period=5',
    '--ignore-not-found',
    '-o name',
    '--wait=false',
    '--dry-run=client',
    '--dry-run=server',
    '-A',
    '--timeout=1s',
    '--all-namespaces',
  ],
  label: [
    '--all',
    '--list',
    '--overwrite',
    '--resource-version=1',
    '--local',
    '-o name',
    '-o yaml',
    '--dry-run=client',
    '-l app',
    '--field-selector=metadata.name=web',
    '-A',
    '--dry-run=server',
  ],
  describe: [
    '-l app',
    '-A',
    '--show-events=false',
    '--chunk-size=1',
    '--all-namespaces',
    '-o yaml',
  ],
  'rollout history': [
    '--revision=1',
    '--revision=0',
    '--revision=-1',
    '-o name',
    '-o yaml',
    '-l app',
    '--revision=5 -o json',
  ],
  'rollout undo': [
    '--to-revision=1',
    '--to-revision=0',
    '--dry-run=client',
    '-o name',
    '-o yaml',
    '-l app',
    '--dry-run=server',
  ],
  logs: [
    '--tail=1',
    '--tail=-1',
    '--since=1s',
    '--since=5m --since-time=2026-01-01T00:00:00Z',
    '-c c',
    '--all-containers',
    '-l app',
    '--prefix',
    '--timestamps',
    '--limit-bytes=10',
    '-p',
    '--max-log-requests=0',
    '--pod-running-timeout=1s',
  ],
};
function combo(): string {
  const verb = pick(Object.keys(FLAG_POOLS));
  const pool = FLAG_POOLS[verb] as string[];
  const flags = Array.from({ length: int(1, 3) }, () => pick(pool));
  const d = some('deployment');
  let target: string;
  if (verb.startsWith('rollout'))
    target = chance(0.8)
      ? `deployment/${d?.name ?? 'web'}`
      : pick(['deployment', `deploy ${d?.name ?? 'web'}`, `pod/${missing()}`]);
  else if (verb === 'logs')
    target = pick([`deploy/${d?.name ?? 'web'}`, some('pod')?.name ?? missing(), '']);
  else {
    const kind = pick(['pods', 'deployment', 'configmap', 'service', 'ns', 'nodes']);
    const o = some(kind === 'pods' ? 'pod' : kind === 'ns' ? 'namespace' : kind);
    target = pick([kind, `${kind} ${o?.name ?? missing()}`, `${kind}/${o?.name ?? missing()}`]);
  }
  // (No plain tables: the bridge serves none.)
  if (verb === 'get' && !flags.some((f) => /^(-o (?!wide)|--template|--raw)/.test(f)))
    flags.push('-o name');
  const change = verb === 'label' ? ` ${pick(LABEL_KEYS)}=${pick(LABEL_VALUES)}` : '';
  if (
    d &&
    verb === 'delete' &&
    target.includes(d.name) &&
    !flags.some((f) => f.includes('dry-run'))
  )
    forget('deployment', d);
  return `kubectl ${verb} ${target}${change} ${flags.join(' ')}`.replace(/ +/g, ' ').trim();
}

// --- Wider grammar (session 28): rollout history/undo with revisions and change causes, `set
// image/env/resources` on right and wrong containers, label/annotate overwrites and removals,
// compound and set-based selectors, pod field selectors, delete's grace flags on real objects,
// patch of every type (and bad patches), multi-document manifests with one bad document, `-n` on
// cluster-scoped kinds, and the `-o wide` columns as custom-columns. ----------------------------

/** A Deployment to act on, with its container name (a missing one when none is left). */
function deployment(): { name: string; n: string; c: string } {
  const d = some('deployment');
  return { name: d?.name ?? missing(), n: nsFlag(d?.ns ?? ''), c: d?.container ?? 'nginx' };
}

function rollouts(): string {
  const { name, n, c } = deployment();
  const rev = int(0, 4);
  return pick([
    `kubectl set image deployment/${name}${n} ${c}=${pick(IMAGES)}${pick(['', '', ' --record', ' -o name'])}`,
    `kubectl annotate deployment/${name}${n} kubernetes.io/change-cause='${pick(['image bump', 'rollback test', 'v2'])}'${pick(['', ' --overwrite'])}`,
    `kubectl rollout history deployment/${name}${n} --revision=${rev}${pick(['', ' -o yaml', " -o jsonpath='{.spec.template.spec.containers[0].image}'", ' -o name'])}`,
    `kubectl rollout history deploy ${name}${n}${pick(['', ' -o name', ' -o json'])}`,
    `kubectl rollout undo deployment/${name}${n} --to-revision=${rev}${pick(['', '', ' --dry-run=client', ' --dry-run=server', ' -o name'])}`,
    `kubectl rollout undo deployment/${name}${n}${pick(['', ' --dry-run=client -o yaml'])}`,
    `kubectl rollout status deployment/${name}${n} --revision=${rev}${pick(['', ' --timeout=3s', ' -w=false'])}`,
    `kubectl rollout ${pick(['pause', 'resume'])} deployment/${name}${n} && kubectl rollout ${pick(['undo', 'restart', 'pause', 'resume'])} deployment/${name}${n}`,
    `kubectl rollout history deployment/${name}${n} --to-revision=${rev}`,
    `kubectl rollout undo deployment/${name}${n} --revision=${rev}`,
    `kubectl get rs -l app=${some('deployment')?.labels.app ?? 'web'}${n} -o custom-columns=NAME:.metadata.name,REV:.metadata.annotations.deployment\\.kubernetes\\.io/revision,IMG:.spec.template.spec.containers[0].image --sort-by=.metadata.name`,
  ]);
}

function setMore(): string {
  const { name, n, c } = deployment();
  const cont = chance(0.7) ? c : pick(['nosuch', 'app', 'main']);
  const cm = some('configmap');
  const sec = some('secret');
  return pick([
    `kubectl set image deploy/${name}${n} ${cont}=${pick(IMAGES)}${pick(['', ' --dry-run=client -o name', ' --all'])}`,
    `kubectl set image deploy/${name}${n} ${cont}=${pick(['nginx:1.27', 'Bad Image', 'nginx:'])} ${pick(['', `${cont}=redis:7`, 'other=busybox'])}`,
    `kubectl set env deploy/${name}${n} -c ${cont} ${pick(['FOO=bar', 'A=1 B=2', 'FOO-', 'bad-name=1', '1X=2', 'FOO'])}`,
    `kubectl set env deploy/${name}${n} ${pick(['--list', '--list --resolve', '-c nosuch --list', 'FOO=bar --list', '--all FOO=bar'])}`,
    `kubectl set env deploy/${name}${n} --from=${pick([`configmap/${cm?.name ?? missing()}`, `secret/${sec?.name ?? missing()}`, 'configmap', 'pod/x'])}${pick(['', ' --prefix=APP_', ' --keys=key1', ' --dry-run=client -o yaml'])}`,
    `kubectl set resources deploy/${name}${n} -c=${cont} ${pick(['--limits=cpu=200m,memory=512Mi', '--requests=cpu=100m,memory=64Mi', '--limits=cpu=abc', '--requests=cpu=500m --limits=cpu=100m', '--limits=gpu=1', '--requests=memory=1Gi --limits=memory=1Gi', '--limits=cpu=200m -o yaml --dry-run=client'])}`,
    `kubectl set resources deploy/${name}${n}${pick(['', ' --limits=', ' --limits cpu=1 --requests memory'])}`,
    `kubectl set ${pick(['serviceaccount', 'sa'])} deploy/${name}${n} ${pick([some('serviceaccount')?.name ?? 'default', 'nosuch-sa', ''])}`,
    `kubectl set selector svc/${some('service')?.name ?? missing()} ${pick(['app=web', 'app=', 'bad key=1', 'app=web,tier=backend'])}${pick(['', ' --dry-run=client -o yaml'])}`,
    `kubectl set ${pick(['image', 'env', 'resources'])} ${pick([`pod/${some('pod')?.name ?? missing()}`, `cm/${cm?.name ?? missing()}`, `svc/${some('service')?.name ?? missing()}`])} ${pick(['c=nginx:1.27', 'A=1', '--limits=cpu=1'])}`,
  ]);
}

function labelsMore(): string {
  const kind = pick(['pod', 'deployment', 'service', 'configmap']);
  const o = some(kind);
  const name = o?.name ?? missing();
  const nf = nsFlag(o?.ns ?? '');
  const have = o ? Object.keys(o.labels) : [];
  const k = have.length && chance(0.6) ? pick(have) : pick(LABEL_KEYS);
  const v = pick(LABEL_VALUES);
  const r = rand();
  const forms = [
    `kubectl label ${spell(kind)} ${name}${nf} ${k}=${v}`,
    `kubectl label ${spell(kind)} ${name}${nf} ${k}=${v} --overwrite`,
    `kubectl label ${spell(kind)} ${name}${nf} ${k}-`,
    `kubectl label ${spell(kind)} ${name}${nf} ${k}- ${pick(LABEL_KEYS)}=${v}`,
    `kubectl label ${spell(kind)} ${name}${nf} --list`,
    `kubectl label ${spell(kind)} --all${nf} ${k}=${v} --overwrite${pick(['', ' -o name', ' --dry-run=client -o name'])}`,
    `kubectl label ${spell(kind)} ${name}${nf} ${pick(['app.kubernetes.io/name=x', 'example.com/team=a', "'Bad Key=v'", 'k=v=w', `k=${'x'.repeat(64)}`, 'kubernetes.io/', '-=v', 'a/b/c=d'])}`,
    `kubectl annotate ${spell(kind)} ${name}${nf} ${pick(['description="a long note"', 'owner=team-a --overwrite', 'owner-', 'a=1 b=2', "note='multi word'", 'note=x note=y'])}`,
    `kubectl annotate ${spell(kind)} ${name}${nf} --list${pick(['', ' -o json'])}`,
    `kubectl label ${spell(kind)} ${name}${nf} ${k}=${v} --resource-version=${pick(['1', '999999'])}`,
  ];
  const i = Math.floor(r * forms.length);
  // (Forms 0, 1 and 5 may set the label; the session keeps track only where it certainly does.)
  if (o && (i === 1 || i === 5)) o.labels[k] = v;
  return forms[i] as string;
}

function selectors(): string {
  const kind = pick(['pods', 'deployments', 'services', 'configmaps', 'rs']);
  const k = pick(LABEL_KEYS);
  const k2 = pick(LABEL_KEYS);
  const v = pick(LABEL_VALUES);
  const w = pick(LABEL_VALUES);
  const sel = pick([
    `'${k} in (${v}, ${w}),${k2} notin (${v})'`,
    `'${k},!${k2}'`,
    `${k}=${v},${k2}!=${w}`,
    `'${k} in (${v}),${k2}'`,
    `'${k} notin (${v},${w})'`,
    `'!${k}'`,
    `'${k} in ()'`,
    `'${k} = ${v}'`,
    `'${k}>1'`,
    `'${k} gt 1'`,
    `'${k} in (${v}'`,
    `'${k}=${v} ${k2}=${w}'`,
    `${k}=${'x'.repeat(64)}`,
    `'${k}!'`,
    `'app.kubernetes.io/name=${v}'`,
  ]);
  const flag = pick([`-l ${sel}`, `--selector ${sel}`, `--selector=${sel}`]);
  const verb = pick(['get', 'get', 'get', 'delete', 'describe']);
  const out = {
    get: pick([
      ' -o name',
      " -o jsonpath='{.items[*].metadata.name}'",
      ' -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels',
      ' -A -o name',
    ]),
    delete: pick([' --dry-run=client', ' --dry-run=server -o name', ' -A --dry-run=client']),
    describe: pick(['', ' -A']),
  }[verb];
  return `kubectl ${verb} ${kind} ${flag}${out}`;
}

function fieldSelectors(): string {
  const node = pick(NODES);
  const fs = pick([
    'status.phase=Running',
    'status.phase!=Running',
    'status.phase=Pending',
    'status.phase==Succeeded',
    `spec.nodeName=${node}`,
    `spec.nodeName!=${node}`,
    'spec.nodeName=',
    `status.phase=Running,spec.nodeName=${node}`,
    'spec.restartPolicy=Always',
    'spec.schedulerName=default-scheduler',
    'spec.serviceAccountName=default',
    'metadata.namespace=default',
    'metadata.name!=x',
    'status.podIP=10.244.1.2',
    'spec.containers.image=nginx',
    'status.phase in (Running)',
    'status.phase',
    'spec.nodeName=node1,',
  ]);
  const kind = chance(0.8)
    ? pick(['pods', 'po', 'pod'])
    : pick(['deployments', 'nodes', 'services', 'secrets', 'ns']);
  if (!kind.startsWith('po'))
    return `kubectl get ${kind} --field-selector ${pick(['status.replicas=1', 'spec.unschedulable=true', 'spec.type=ClusterIP', 'type=Opaque', 'status.phase=Active', 'metadata.name=default'])} -o name`;
  const flag = chance(0.5) ? `--field-selector '${fs}'` : `--field-selector='${fs}'`;
  const verb = pick(['get', 'get', 'get', 'delete', 'describe']);
  const out = {
    get: pick([
      ' -o name',
      ' -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase',
    ]),
    delete: pick([' --dry-run=client', ' --dry-run=server -o name']),
    describe: '',
  }[verb];
  return `kubectl ${verb} ${kind} ${flag}${pick([' -A', '', ' -n kube-system'])}${out}`;
}

function deletes(): string {
  const kind = pick(['pod', 'pod', 'configmap', 'service', 'deployment', 'secret']);
  const o = some(kind);
  const name = o?.name ?? missing();
  const flags = pick([
    ' --grace-period=0 --force',
    ' --force',
    ' --now',
    ' --grace-period=1',
    ' --grace-period=0',
    ' --now --grace-period=5',
    ' --force --grace-period=5',
    ' --grace-period=-1',
    ' --grace-period=abc',
    ' --cascade=orphan',
    ' --cascade=background --wait=false',
    ' --cascade=false',
    ' --cascade=true',
    ' --wait=false --now',
    ' --timeout=0s',
    ' --now -o name',
    ' --force --dry-run=server',
    ' --grace-period=0 --force --dry-run=client',
  ]);
  const dry = flags.includes('dry-run');
  if (o && !dry) forget(kind, o);
  return `kubectl delete ${chance(0.5) ? `${spell(kind)} ${name}` : `${kind}/${name}`}${nsFlag(o?.ns ?? '')}${flags}`;
}

function patches(): string {
  const kind = pick(['deployment', 'deployment', 'pod', 'service', 'configmap']);
  const o = some(kind);
  const name = o?.name ?? missing();
  const nf = nsFlag(o?.ns ?? '');
  const c = (o as Obj | undefined)?.container ?? 'c';
  const byKind: Record<string, string[]> = {
    deployment: [
      `-p '{"spec":{"replicas":${int(0, 3)}}}'`,
      `--type=strategic -p '{"spec":{"template":{"spec":{"containers":[{"name":"${c}","image":"nginx:1.27"}]}}}}'`,
      `--type=merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"${c}","image":"nginx:1.27"}]}}}}'`,
      `--type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"redis:7"}]'`,
      `--type=json -p '[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1part-of","value":"shop"}]'`,
      `--type=json -p '[{"op":"test","path":"/spec/replicas","value":99},{"op":"replace","path":"/spec/replicas","value":1}]'`,
      `--type=json -p '[{"op":"remove","path":"/spec/template/spec/containers/5"}]'`,
      `--type=json -p '[{"op":"copy","from":"/metadata/labels","path":"/metadata/annotations"}]'`,
      `--type=json -p '[{"op":"move","from":"/spec/nosuch","path":"/spec/other"}]'`,
      `--type=json -p '{"op":"replace","path":"/spec/replicas","value":1}'`,
      `--type=json -p '[{"op":"frobnicate","path":"/spec"}]'`,
      `-p '{"spec":{"replicas":-1}}'`,
      `-p '{"spec":{"template":{"spec":{"containers":[{"name":"${c}","$patch":"delete"}]}}}}'`,
      `-p '{"metadata":{"labels":{"app":null}}}'`,
      `--subresource=scale -p '{"spec":{"replicas":${int(1, 3)}}}'`,
      `--subresource=status -p '{"status":{"replicas":9}}'`,
      `-p '{"spec":{"strategy":{"type":"Recreate"}}}'`,
      `-p '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'`,
    ],
    pod: [
      `-p '{"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}'`,
      `-p '{"spec":{"restartPolicy":"Never"}}'`,
      `--type=merge -p '{"metadata":{"labels":{"tier":"backend"}}}'`,
      `--type=json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"busybox"}]'`,
      `-p '{"spec":{"activeDeadlineSeconds":30}}'`,
      `-p '{"metadata":{"annotations":{"note":"hi"}}}' -o name`,
    ],
    service: [
      `-p '{"spec":{"type":"NodePort"}}'`,
      `-p '{"spec":{"type":"LoadBalancer"}}'`,
      `--type=merge -p '{"spec":{"ports":[{"port":8080,"targetPort":80}]}}'`,
      `-p '{"spec":{"ports":[{"port":80,"nodePort":30080}]}}'`,
      `-p '{"spec":{"clusterIP":"10.96.0.99"}}'`,
      `--type=json -p '[{"op":"add","path":"/spec/selector/tier","value":"web"}]'`,
      `-p '{"spec":{"type":"ExternalName"}}'`,
    ],
    configmap: [
      `--type=merge -p '{"data":{"key1":"changed"}}'`,
      `-p '{"data":{"key2":"new"}}'`,
      `-p '{"data":{"key1":null}}'`,
      `--type=json -p '[{"op":"remove","path":"/data/key1"}]'`,
      `-p '{"data":{"n":1}}'`,
      `-p '{"immutable":true}' --dry-run=server -o yaml`,
    ],
  };
  const generic = [
    // (Not '{bad json': the bridge cannot parse what the API server would refuse.)
    `-p 'bad: [yaml'`,
    `-p ''`,
    `--type=foo -p '{}'`,
    `-p '{}'`,
    `--type merge -p '{"metadata":{"labels":{"team":"blue"}}}' --dry-run=${pick(['client', 'server'])} -o ${pick(['name', 'yaml', "jsonpath='{.metadata.labels}'"])}`,
    `--patch-file=${pick(['nosuch.json', 'patch.json'])}`,
    `-p '{"metadata":{"name":"renamed"}}'`,
    `--local -p '{}'`,
    ``,
    `-p '[1,2]'`,
  ];
  const p = chance(0.75) ? pick(byKind[kind] ?? generic) : pick(generic);
  const pre = p.includes('patch.json')
    ? `printf '{"metadata":{"annotations":{"from":"file"}}}\\n' > patch.json && `
    : '';
  return `${pre}kubectl patch ${chance(0.5) ? `${spell(kind)} ${name}` : `${kind}/${name}`}${nf} ${p}`.trimEnd();
}

function multiDoc(): string {
  const a = fresh(pick(['cfg', 'conf']));
  const b = fresh(pick(['cfg', 'conf']));
  const good = (n: string) =>
    `apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${n}\\ndata:\\n  k: v`;
  const bad = pick([
    'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: Bad_Name',
    'apiVersion: v1\\nmetadata:\\n  name: nokind',
    'apiVersion: v1\\nkind: Frobnicator\\nmetadata:\\n  name: f',
    'apiVersion: nosuch/v1\\nkind: ConfigMap\\nmetadata:\\n  name: g',
    'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: x\\n data: [',
    'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: noports\\nspec:\\n  selector:\\n    app: web',
    'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: typo\\ndata:\\n  k: v\\ndatta:\\n  k: v',
    'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: nosel\\nspec:\\n  template:\\n    spec:\\n      containers:\\n      - name: c\\n        image: nginx',
    '',
    'kind: ConfigMap\\nmetadata:\\n  name: noversion',
  ]);
  const order = pick([
    [good(a), bad, good(b)],
    [bad, good(a)],
    [good(a), good(b), bad],
  ]);
  const verb = pick(['apply', 'apply', 'create', 'delete', 'get']);
  let flags =
    verb === 'get'
      ? ' -o name'
      : verb === 'delete'
        ? pick(['', ' --ignore-not-found'])
        : pick([
            '',
            '',
            ' -o name',
            ' --dry-run=server',
            ' --dry-run=client -o name',
            ' --validate=false',
          ]);
  // (Validating a kind or group the server does not know, kubectl falls back to /openapi/v2,
  // which the bridge does not serve: those documents go without validation.)
  if (
    (verb === 'apply' || verb === 'create') &&
    /Frobnicator|nosuch\/v1/.test(bad) &&
    !flags.includes('validate')
  )
    flags += ' --validate=false';
  const mine = verb === 'apply' || verb === 'create';
  if (mine && !flags.includes('dry-run')) {
    for (const doc of order) {
      if (doc === good(a)) objs.configmap?.push({ name: a, ns: 'default', labels: {} });
      if (doc === good(b)) objs.configmap?.push({ name: b, ns: 'default', labels: {} });
    }
  }
  return `printf '${order.join('\\n---\\n')}\\n' > multi.yaml && kubectl ${verb} -f multi.yaml${flags}`;
}

function clusterScoped(): string {
  const n = pick([...namespaces, 'kube-system', 'nosuch']);
  const node = pick(NODES);
  return pick([
    `kubectl get nodes -n ${n} -o name`,
    `kubectl get node ${node} -n ${n} -o jsonpath='{.metadata.name}'`,
    `kubectl describe node ${node} -n ${n}`,
    `kubectl label node ${node} -n ${n} disk=ssd --overwrite`,
    `kubectl get ns default -n ${n} -o name`,
    `kubectl get clusterrole view -n ${n} -o name`,
    `kubectl get clusterrolebinding cluster-admin -n ${n} -o custom-columns=NAME:.metadata.name,ROLE:.roleRef.name`,
    `kubectl create clusterrole c28 --verb=get --resource=pods -n ${n} --dry-run=client -o yaml`,
    `kubectl create namespace n28 -n ${n} --dry-run=client -o yaml`,
    `kubectl get pv,nodes -n ${n} -o name`,
    `kubectl get storageclass -n ${n} -o name`,
    `kubectl get pc -n ${n} -o custom-columns=NAME:.metadata.name,VALUE:.value`,
    `kubectl -n ${n} get crd -o name`,
    `kubectl get nodes,pods -n ${n} -o name`,
    `printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: ns28\\n  namespace: ${n}\\n' > ns.yaml && kubectl apply -f ns.yaml --dry-run=server`,
    `printf 'apiVersion: scheduling.k8s.io/v1\\nkind: PriorityClass\\nmetadata:\\n  name: pc28\\nvalue: 10\\n' > pc.yaml && kubectl apply -f pc.yaml -n ${n} --dry-run=server -o name`,
    `kubectl auth can-i list nodes -n ${n}`,
    `kubectl delete node nosuch-node -n ${n}`,
  ]);
}

/** What `-o wide` adds, asked for as custom columns and jsonpath filters. */
function wideColumns(): string {
  const kind = pick(['pods', 'deploy', 'svc', 'nodes', 'rs', 'ep']);
  const cols: Record<string, string[]> = {
    pods: [
      'NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName',
      'NAME:.metadata.name,READY:.status.containerStatuses[*].ready,RESTARTS:.status.containerStatuses[0].restartCount',
      'NAME:.metadata.name,NOMINATED:.status.nominatedNodeName,GATES:.spec.readinessGates',
      'NAME:.metadata.name,QOS:.status.qosClass,START:.status.startTime',
      'NAME:.metadata.name,HOSTIP:.status.hostIP,IPS:.status.podIPs[*].ip',
    ],
    deploy: [
      'NAME:.metadata.name,CONTAINERS:.spec.template.spec.containers[*].name,IMAGES:.spec.template.spec.containers[*].image,SELECTOR:.spec.selector.matchLabels',
      'NAME:.metadata.name,UP-TO-DATE:.status.updatedReplicas,AVAILABLE:.status.availableReplicas',
    ],
    svc: [
      'NAME:.metadata.name,PORTS:.spec.ports[*].port,SELECTOR:.spec.selector',
      'NAME:.metadata.name,EXTERNAL:.status.loadBalancer.ingress[0].ip,NODEPORT:.spec.ports[0].nodePort',
    ],
    nodes: [
      'NAME:.metadata.name,INTERNAL-IP:.status.addresses[?(@.type=="InternalIP")].address,OS:.status.nodeInfo.osImage',
      'NAME:.metadata.name,KERNEL:.status.nodeInfo.kernelVersion,RUNTIME:.status.nodeInfo.containerRuntimeVersion',
      'NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status,TAINTS:.spec.taints[*].key',
    ],
    rs: [
      'NAME:.metadata.name,DESIRED:.spec.replicas,OWNER:.metadata.ownerReferences[0].name,HASH:.metadata.labels.pod-template-hash',
    ],
    ep: ['NAME:.metadata.name,ADDRS:.subsets[*].addresses[*].ip,PORTS:.subsets[*].ports[*].port'],
  };
  const paths: Record<string, string[]> = {
    pods: [
      '{.items[?(@.status.phase=="Running")].metadata.name}',
      '{range .items[*]}{.metadata.name}{":"}{.spec.nodeName}{"\\n"}{end}',
      '{.items[*].status.conditions[?(@.type=="Ready")].status}',
      '{.items[0].spec.containers[0].resources}',
      '{.items[*].status.containerStatuses[*].imageID}',
    ],
    nodes: [
      '{.items[*].status.addresses[?(@.type=="InternalIP")].address}',
      '{range .items[*]}{.metadata.name}{"\\t"}{.status.capacity.cpu}{"\\n"}{end}',
      '{.items[?(@.spec.unschedulable==true)].metadata.name}',
    ],
    deploy: [
      '{range .items[*]}{.metadata.name}{"="}{.status.availableReplicas}{"\\n"}{end}',
      '{.items[*].spec.template.spec.containers[*].image}',
    ],
    svc: [
      '{.items[?(@.spec.type=="ClusterIP")].metadata.name}',
      '{.items[*].spec.ports[*].targetPort}',
    ],
    rs: ['{.items[*].status.readyReplicas}'],
    ep: ['{.items[*].subsets[*].addresses[*].targetRef.name}'],
  };
  const ns = chance(0.25) ? ' -A' : chance(0.2) ? ' -n kube-system' : '';
  if (chance(0.55))
    return `kubectl get ${kind}${ns} -o custom-columns='${pick(cols[kind] ?? [])}'${pick(['', '', ' --sort-by=.metadata.name', ' --no-headers'])}`;
  return `kubectl get ${kind}${ns} -o jsonpath='${pick(paths[kind] ?? [])}'`;
}

// --- Wider grammar (session 29): namespaces as a learner uses them, `kubectl run`'s flags,
// `expose` of each kind, `create configmap/secret` data sources, go-templates and template files,
// label/annotate of many objects, apply/replace/diff sequences, explain --recursive and
// api-resources filters. Some of these write a short sequence: the lines after the first wait in
// `queue` and come out next. -------------------------------------------------------------------

/** Lines that must follow the one just written (a sequence), in order. */
const queue: (() => string)[] = [];
/** The namespace of the kubeconfig's context while a session line has switched it. */
let cur = 'default';

function enterNamespace(): string {
  const others = namespaces.filter((x) => x !== 'default');
  const target = others.length && chance(0.8) ? pick(others) : pick(['kube-system', 'nosuch-ns']);
  const exists = target !== 'nosuch-ns';
  cur = target;
  const inNs = (): string => {
    const pod = (objs.pod ?? []).filter((o) => o.ns === cur);
    const cm = (objs.configmap ?? []).filter((o) => o.ns === cur);
    const r = rand();
    if (r < 0.15 && exists && cur !== 'kube-system') {
      const name = fresh(pick(['tmp', 'nginx', 'probe']));
      objs.pod?.push({ name, ns: cur, labels: { run: name } });
      return `kubectl run ${name} --image=${pick(IMAGES)}${pick(['', ' --port=80', ' --restart=Never'])}`;
    }
    if (r < 0.27 && exists && cur !== 'kube-system') {
      const name = fresh(pick(['cfg', 'conf']));
      const other = chance(0.3);
      if (!other) objs.configmap?.push({ name, ns: cur, labels: {} });
      else objs.configmap?.push({ name, ns: 'default', labels: {} });
      return `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${name}${other ? '\\n  namespace: default' : ''}\\ndata:\\n  a: b\\n' > nscm.yaml && kubectl apply -f nscm.yaml${pick(['', '', ' -o name', ` -n ${pick(['default', cur])}`])}`;
    }
    if (r < 0.35)
      return `kubectl config view --minify -o jsonpath='${pick(['{..namespace}', '{.contexts[0].context.namespace}', '{.contexts[0].name}'])}'`;
    if (r < 0.4) return `kubectl config get-contexts${pick(['', ' -o name', ' --no-headers'])}`;
    if (r < 0.62)
      return `kubectl get ${pick(['pods', 'po', 'cm', 'all', 'deploy', 'svc', 'events', 'sa'])}${pick(['', '', ' -n default', ' --namespace=default', ' -A', ` --namespace ${cur}`])} -o ${pick(['name', "jsonpath='{.items[*].metadata.name}'", 'custom-columns=NAME:.metadata.name,NS:.metadata.namespace'])}`;
    if (r < 0.7 && pod.length) return `kubectl describe pod ${pick(pod).name}`;
    if (r < 0.76 && pod.length) {
      const p = pick(pod);
      return `kubectl ${pick(['logs', 'get pod', 'label pod', 'expose pod'])} ${p.name}${pick(['', ' -o name'])}`
        .replace(/(label pod \S+)(.*)$/, '$1 tier=backend$2')
        .replace(/(expose pod \S+)(.*)$/, '$1 --port=80$2');
    }
    if (r < 0.82 && cm.length) {
      const c = pick(cm);
      if (chance(0.5)) {
        forget('configmap', c);
        return `kubectl delete cm ${c.name}${pick(['', ' -o name', ' --wait=false'])}`;
      }
      return `kubectl get cm ${c.name} -o yaml`;
    }
    if (r < 0.9) return `kubectl get pods ${missing()} -o name`;
    return `kubectl auth can-i ${pick(['create pods', 'list secrets', 'get deployments'])}`;
  };
  for (let i = int(2, 4); i > 0; i--) queue.push(inNs);
  queue.push(() => {
    cur = 'default';
    return `kubectl config set-context --current --namespace=${pick(['default', 'default', ''])}`;
  });
  return pick([
    `kubectl config set-context --current --namespace=${target}`,
    `kubectl config set-context --current --namespace ${target}`,
  ]);
}

function deleteNamespace(): string {
  const others = namespaces.filter((x) => x !== 'default');
  if (!others.length || chance(0.3)) {
    const name = fresh(pick(['team', 'dev', 'staging', 'qa']));
    namespaces.push(name);
    objs.namespace?.push({ name, ns: '', labels: {} });
    queue.push(() => {
      const p = fresh(pick(['tmp', 'nginx']));
      objs.pod?.push({ name: p, ns: name, labels: { run: p } });
      return `kubectl run ${p} --image=nginx ${pick(['-n', '--namespace', '--namespace='])}${pick(['', ' '])}${name}`.replace(
        '= ',
        '=',
      );
    });
    return `printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: ${name}\\n' > ns.yaml && kubectl apply -f ns.yaml`;
  }
  const n = pick(others);
  namespaces.splice(namespaces.indexOf(n), 1);
  for (const k of Object.keys(objs))
    objs[k] = (objs[k] ?? []).filter((x) => x.ns !== n && x.name !== n);
  const wait = chance(0.4) ? ' --wait=false' : '';
  const reads = [
    () => `kubectl get ${pick(['pods', 'all', 'cm'])} -n ${n} -o name`,
    () => `kubectl get ns ${n} -o jsonpath='{.status.phase}'`,
    () => `kubectl run late --image=nginx -n ${n}`,
    () =>
      `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: late\\n  namespace: ${n}\\n' > late.yaml && kubectl apply -f late.yaml`,
    () => `kubectl delete ns ${n}${pick(['', ' --ignore-not-found'])}`,
    () => `kubectl describe ns ${n}`,
  ];
  for (let i = int(1, 3); i > 0; i--) queue.push(pick(reads));
  return `kubectl delete ${pick(['ns', 'namespace'])} ${n}${wait}`;
}

function runMore(): string {
  const name = chance(0.9)
    ? fresh(pick(['tmp', 'nginx', 'bb', 'probe', 'one']))
    : pick(['Bad_Name', some('pod')?.name ?? 'web']);
  const n = ns();
  const good = [
    '--port=80',
    '--port=8080',
    `--labels=app=${name},tier=${pick(LABEL_VALUES)}`,
    '--labels=env=dev',
    '--env=A=1 --env=B=2',
    '--env=GREETING=hello',
    '--restart=Never',
    '--restart=OnFailure',
    '--restart=Always',
    '--image-pull-policy=IfNotPresent',
    '--annotations=note=hi',
    `--overrides='{"spec":{"nodeName":"node2"}}'`,
    '--expose --port=80',
    '-l app=x',
    '--pod-running-timeout=1s',
  ];
  const bad = [
    '--image-pull-policy=Sometimes',
    '--labels=bad',
    '--labels=app=a,=b',
    '--env=A',
    '--env==1',
    '--restart=never',
    '--port=-1',
    '--port=70000',
    '--expose',
    '--rm',
    '--imgae=nginx',
    `--overrides='{bad'`,
    '--privileged',
    '--serviceaccount=default',
    '--requests=cpu=100m',
    '--limits=memory=64Mi',
    '--hostport=80',
    '--replicas=2',
    '--generator=run-pod/v1',
    '--dry-run=bad',
    // (Attached runs only as dry runs, which refuse them: an attached pod that is made runs
    // until the oracle kills the real kubectl, and the console refuses to attach it.)
    '-it --dry-run=client',
    '--attach --dry-run=server',
    '--image=',
    '--command',
    '--filename=x.yaml',
    '--port=80 --expose --type=NodePort',
    '--cascade=orphan',
  ];
  const flags = Array.from({ length: int(1, 3) }, () => (chance(0.7) ? pick(good) : pick(bad)));
  const out = pick([
    '',
    '',
    '',
    ' --dry-run=client -o yaml',
    ' --dry-run=client -o json',
    ' --dry-run=server -o name',
    ' -o name',
    ' --dry-run=client',
  ]);
  const tail = pick([
    '',
    '',
    '',
    ' -- sleep 3600',
    " --command -- sh -c 'echo hi; sleep 3600'",
    ' -- ',
    ' --command',
  ]);
  const image = flags.some((f) => /^--image(=|$)/.test(f)) ? '' : ` --image=${pick(IMAGES)}`;
  const line = `kubectl run ${name}${nsFlag(n)}${image} ${flags.join(' ')}${out}${tail}`;
  const ok = !flags.some((f) => bad.includes(f)) && !out.includes('dry-run') && /^[a-z]/.test(name);
  if (ok && !used.has(`pod:${name}`)) {
    used.add(`pod:${name}`);
    objs.pod?.push({ name, ns: n, labels: { run: name } });
    if (flags.includes('--expose --port=80')) objs.service?.push({ name, ns: n, labels: {} });
  }
  return line.replace(/ +/g, ' ').trimEnd();
}

function exposeMore(): string {
  const r = rand();
  const d = some('deployment');
  const p = some('pod');
  const s = some('service');
  let target: string;
  let tns = 'default';
  if (r < 0.45 && d) {
    target = `${pick(['deployment', 'deploy', 'deployments.apps'])} ${d.name}`;
    tns = d.ns;
  } else if (r < 0.75 && p) {
    target = `${pick(['pod', 'po', 'pod/'])}${p.name}`.replace(/^(pod|po)(?=[a-z])/, '$1 ');
    tns = p.ns;
  } else if (r < 0.85 && s) {
    target = `svc ${s.name}`;
    tns = s.ns;
  } else
    target = pick([
      `cm ${some('configmap')?.name ?? 'cfg'}`,
      'ns default',
      `deploy ${missing()}`,
      'rs nosuch',
      `node node1`,
    ]);
  const svc = fresh(pick(['svc', 'web-svc', 'front']));
  const flags: string[] = [];
  const portish = pick([
    '--port=80',
    '--port=80',
    '--port=8080',
    '--port=abc',
    '--port=80 --target-port=8080',
    '--port=80 --target-port=http',
    '--target-port=8080',
    '',
    '--port=0',
    '--port=80,443',
  ]);
  if (portish) flags.push(portish);
  if (chance(0.6)) flags.push(`--name=${chance(0.9) ? svc : 'Bad_Name'}`);
  if (chance(0.35))
    flags.push(
      `--type=${pick(['NodePort', 'LoadBalancer', 'ClusterIP', 'nodeport', 'ExternalName', 'Bogus'])}`,
    );
  if (chance(0.2))
    flags.push(
      `--selector=${pick(['app=web', `app=${d?.labels.app ?? 'web'}`, "'bad key'", "'app in (a,b)'"])}`,
    );
  if (chance(0.15)) flags.push(`--protocol=${pick(['UDP', 'SCTP', 'udp', 'ICMP'])}`);
  if (chance(0.12))
    flags.push(
      pick([
        '--cluster-ip=None',
        '--external-ip=1.2.3.4',
        '--session-affinity=ClientIP',
        '--session-affinity=Sticky',
        '--load-balancer-ip=10.0.0.9',
        '--labels=team=a',
        '--overrides=\'{"spec":{"type":"NodePort"}}\'',
      ]),
    );
  const out = pick([
    '',
    '',
    '',
    ' --dry-run=client -o yaml',
    ' -o name',
    ' --dry-run=server -o yaml',
    ' -o jsonpath={.spec.ports}',
  ]);
  if (!out.includes('dry-run') && flags.some((f) => f.startsWith('--name=') && !f.includes('Bad')))
    objs.service?.push({ name: svc, ns: tns, labels: {} });
  return `kubectl expose ${target}${nsFlag(tns)} ${flags.join(' ')}${out}`
    .replace(/ +/g, ' ')
    .trimEnd();
}

function createData(): string {
  const name = fresh(pick(['cfg', 'settings', 'creds', 'env']));
  const lits = [
    '--from-literal=a=',
    '--from-literal==b',
    '--from-literal=a',
    '--from-literal=a=1 --from-literal=a=2',
    '--from-literal=a=b=c',
    "--from-literal='greeting=hello world'",
    '--from-literal=.dot=1',
    '--from-literal=k_1=v',
    '--from-literal=key1=v1 --from-literal=key2=v2',
    "--from-literal='bad key=1'",
    '--from-literal=a=1 --from-file=a=app.env',
    '--from-env-file=app.env',
    '--from-env-file=app.env --from-literal=x=1',
    '--from-env-file=nosuch.env',
    '--from-env-file=app.env --from-env-file=more.env',
    '--from-file=app.env',
    '--from-file=cfg=app.env',
    '--from-file=nosuch.txt',
    '--from-literal=PASSWORD=s3cr3t --append-hash',
    '',
  ];
  const env = pick([
    'A=1\\nB=two words\\n',
    '# comment\\nA=1\\n\\nB=2\\n',
    'A=1\\nA=2\\n',
    '1BAD=x\\n',
    'export C=3\\n',
    ' D = spaced \\n',
    'E="quoted"\\n',
    '',
    'F=\\nG=g\\n',
    'bad-key.x_1=ok\\n',
  ]);
  const more = pick(['Z=26\\n', 'A=9\\n']);
  const src = pick(lits);
  const files = /app\.env|more\.env/.test(src)
    ? `printf '${env}' > app.env && ${src.includes('more.env') ? `printf '${more}' > more.env && ` : ''}`
    : '';
  const what = pick([
    'configmap',
    'cm',
    'secret generic',
    'secret generic',
    'secret generic --type=kubernetes.io/basic-auth',
  ]);
  const out = pick([
    ' --dry-run=client -o yaml',
    ' --dry-run=client -o yaml',
    ' --dry-run=client -o json',
    ' --dry-run=client -o name',
    ' --dry-run=client',
    " --dry-run=client -o jsonpath='{.data}'",
  ]);
  return `${files}kubectl create ${what} ${name} ${src}${out}`.replace(/ +/g, ' ');
}

function templates(): string {
  const kind = pick(['deployment', 'pod', 'configmap', 'secret', 'service']);
  const o = some(kind);
  const one = o ? `${spell(kind)} ${o.name}${nsFlag(o.ns)}` : `${spell(kind)} ${missing()}`;
  const list = `${spell(kind)}${chance(0.2) ? ' -A' : ''}`;
  const tOne = pick([
    '{{.metadata.name}}{{"\\n"}}',
    '{{index .metadata.labels "app"}}',
    '{{.metadata.labels.app}}',
    '{{.nosuch}}',
    '{{.metadata.name',
    '{{printf "%s/%s" .metadata.namespace .metadata.name}}',
    '{{if .metadata.labels}}labelled{{else}}bare{{end}}',
    '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}',
    '{{.metadata.name | printf "%q"}}',
    '{{ .metadata.name | upper }}',
    '{{len .metadata.name}}',
    '{{.spec.replicas}}',
    '{{range .spec.containers}}{{.image}} {{end}}',
    '{{range $k, $v := .data}}{{$k}}: {{base64decode $v}}{{"\\n"}}{{end}}',
    '{{.metadata.creationTimestamp}}',
    '{{.data}}',
    '{{.metadata.uid | len}}',
    '{{eq .kind "Pod"}}',
  ]);
  const tList = pick([
    '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}',
    '{{len .items}}',
    '{{range .items}}{{.metadata.namespace}}/{{.metadata.name}} {{end}}',
    '{{(index .items 0).metadata.name}}',
    '{{range .items}}{{.status.phase}}{{end}}',
    '{{.kind}}',
  ]);
  const r = rand();
  if (r < 0.35)
    return `kubectl get ${one} -o go-template='${tOne}'${pick(['', '', ' --allow-missing-template-keys=false'])}`;
  if (r < 0.5) return `kubectl get ${list} -o ${pick(['go-template', 'template'])}='${tList}'`;
  if (r < 0.6)
    return `kubectl get ${one} --template='${tOne}'${pick(['', ' -o go-template', ' -o template', ' -o yaml', ' -o jsonpath'])}`;
  if (r < 0.7) {
    const jp = pick([
      '{.metadata.name}',
      '{.metadata.labels}',
      '{.items[*].metadata.name}',
      '{.kind}{"\\n"}',
    ]);
    return `printf '${jp.replaceAll('"', '\\"')}' > t.jp && kubectl get ${chance(0.5) ? one : list} -o jsonpath-file=${pick(['t.jp', 't.jp', 'nosuch.jp'])}`;
  }
  if (r < 0.78)
    return `printf '${chance(0.5) ? tOne : tList}' > t.tpl && kubectl get ${chance(0.5) ? one : list} -o ${pick(['go-template-file=t.tpl', 'go-template-file=nosuch.tpl', 'templatefile=t.tpl'])}`;
  if (r < 0.86)
    return `kubectl get ${one} --show-managed-fields -o ${pick(['yaml', 'json', "jsonpath='{.metadata.managedFields[*].manager}'", 'name'])}`;
  if (r < 0.92)
    return `kubectl get ${list} ${pick(['--output-watch-events', '--output-watch-events -o name', '--watch-only=false -o name', '-o go-template', '--template=', '-o go-template= '])}`.trimEnd();
  return `kubectl get ${one} -o ${pick(['custom-columns-file=nosuch.txt', 'jsonpath-file', 'go-template-file', 'yaml --template={{.x}}'])}`;
}

function labelsAll(): string {
  const kind = pick(['pods', 'deployments', 'cm', 'svc']);
  const key = pick(LABEL_KEYS);
  const val = pick(LABEL_VALUES);
  const verb = chance(0.7) ? 'label' : 'annotate';
  const change = verb === 'label' ? `${key}=${val}` : `note=${pick(['hi', 'team-a'])}`;
  const o = some(
    kind === 'pods'
      ? 'pod'
      : kind === 'deployments'
        ? 'deployment'
        : kind === 'cm'
          ? 'configmap'
          : 'service',
  );
  return pick([
    `kubectl ${verb} ${kind} --all ${change}${pick(['', ' --overwrite', ' -o name', ' --dry-run=client -o name'])}`,
    `kubectl ${verb} ${kind} --all ${change} ${pick(['-A', '--all-namespaces', `-n ${pick(namespaces)}`])}${pick(['', ' --overwrite'])}`,
    `kubectl ${verb} ${kind} ${selector()} ${change}${pick(['', ' --overwrite', ' -o name'])}`,
    `kubectl ${verb} ${kind} ${o?.name ?? missing()}${nsFlag(o?.ns ?? '')} ${change} --resource-version=${pick(['1', '999999', 'abc'])}`,
    `kubectl ${verb} ${kind} --all`,
    `kubectl ${verb} --all ${change}`,
    `kubectl ${verb} ${kind} ${o?.name ?? missing()} --all ${change}`,
    `kubectl ${verb} ${kind} -l app --all ${change}`,
    `kubectl ${verb} ${kind} ${o?.name ?? missing()}${nsFlag(o?.ns ?? '')} ${change} --dry-run=server -o ${pick(['name', 'yaml'])}`,
    `kubectl ${verb} ${kind} --all ${verb === 'label' ? key : 'note'}-`,
  ]);
}

function applyAgain(): string {
  const name = fresh(pick(['cfg', 'app', 'conf']));
  const isDeploy = chance(0.4);
  const v1 = pick(LABEL_VALUES);
  const v2 = pick(LABEL_VALUES);
  const img1 = pick(IMAGES);
  const img2 = pick(IMAGES);
  const file = `${name}.yaml`;
  const doc = (v: string, img: string) =>
    isDeploy
      ? `apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: ${name}\\n  labels:\\n    tier: ${v}\\nspec:\\n  replicas: 1\\n  selector:\\n    matchLabels:\\n      app: ${name}\\n  template:\\n    metadata:\\n      labels:\\n        app: ${name}\\n    spec:\\n      containers:\\n      - name: app\\n        image: ${img}`
      : `apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${name}\\n  labels:\\n    tier: ${v}\\ndata:\\n  mode: ${v}`;
  const ref = isDeploy ? `deployment/${name}` : `configmap/${name}`;
  const viaCreate = chance(0.3);
  if (isDeploy)
    objs.deployment?.push({ name, ns: 'default', labels: { app: name }, container: 'app' });
  else objs.configmap?.push({ name, ns: 'default', labels: { tier: v1 } });
  const steps: (() => string)[] = [
    () => `kubectl apply -f ${file}${pick(['', ' -o name'])}`,
    () => `printf '${doc(v2, img2)}\\n' > ${file} && kubectl apply -f ${file}`,
    // (diff's first three lines name temporary files and their times: not comparable.)
    () => `kubectl diff -f ${file} | tail -n +4`,
    () =>
      `printf '${doc(pick(LABEL_VALUES), pick(IMAGES))}\\n' > ${file} && kubectl diff -f ${file} | tail -n +4`,
    () =>
      `kubectl apply view-last-applied ${pick([ref, ref.replace('/', ' ')])}${pick(['', ' -o json', ' -o yaml', ' -o name'])}`,
    () =>
      `kubectl apply set-last-applied -f ${file}${pick(['', ' --create-annotation', ' --dry-run=client -o yaml', ' -o name'])}`,
    () =>
      `kubectl replace -f ${file}${pick(['', ' -o name', ' --dry-run=client', ' --save-config'])}`,
    () => `kubectl replace --force -f ${file}${pick(['', ' --grace-period=0', ' -o name'])}`,
    () => `kubectl create -f ${file}${pick(['', ' --save-config', ' -o name'])}`,
    () =>
      `kubectl apply -f ${file} --prune${pick(['', ' -l tier=nosuch', ' --all --dry-run=client', ' --prune-allowlist=core/v1/ConfigMap', ' -l tier=x --prune-allowlist=bad'])}`,
    () =>
      `kubectl apply -f ${file} --server-side${pick(['', ' --force-conflicts', ' --field-manager=me'])}`,
    () => `kubectl apply edit-last-applied ${ref} --nosuch`,
  ];
  for (let i = int(1, 3); i > 0; i--) queue.push(pick(steps));
  return `printf '${doc(v1, img1)}\\n' > ${file} && kubectl ${viaCreate ? 'create' : 'apply'} -f ${file}`;
}

function explainApi(): string {
  return pick([
    `kubectl explain ${pick(['pod.spec.containers.resources', 'deploy.spec.strategy', 'pod.spec.securityContext.seccompProfile', 'svc.spec.ports', 'pods.spec.containers.livenessProbe.httpGet', 'deployment.spec.template.spec.tolerations', 'cm', 'pod.spec.containers.env.valueFrom', 'ingress.spec.rules', 'pod.spec.nosuch'])} --recursive${pick(['', '', ' --api-version=v1', ' --api-version=apps/v1', ' --output=plaintext'])}`,
    `kubectl api-resources ${pick(['--namespaced=false -o name --sort-by=name', '--verbs=list -o name', '--verbs=list,watch --namespaced=true -o name', '--api-group=apps -o wide', '--api-group= -o name', '--sort-by=kind -o name', '--sort-by=foo', '--no-headers --api-group=batch', '--categories=all -o name', '--namespaced=false --api-group=rbac.authorization.k8s.io -o name', '--verbs=nosuch -o name', '-o yaml', '--namespaced=maybe', '--cached -o name', '--api-group=apps'])}`,
    `kubectl api-versions${pick(['', ' extra'])}`,
  ]);
}

const GENERATORS: [number, () => string][] = [
  [14, combo],
  [12, other],
  [22, get],
  [8, describe],
  [10, create],
  [10, apply],
  [7, del],
  [9, labelOrAnnotate],
  [9, workload],
  [7, pods],
  [4, nodes],
  [5, rbacConfig],
  [14, mistake],
  [20, createKinds],
  [10, createApply],
  [18, applyKinds],
  [22, readKinds],
  [10, workloadKinds],
  [10, eventsExplain],
  [12, rollouts],
  [12, setMore],
  [10, labelsMore],
  [10, selectors],
  [10, fieldSelectors],
  [8, deletes],
  [14, patches],
  [8, multiDoc],
  [8, clusterScoped],
  [10, wideColumns],
  [12, enterNamespace],
  [6, deleteNamespace],
  [16, runMore],
  [14, exposeMore],
  [16, createData],
  [16, templates],
  [10, labelsAll],
  [16, applyAgain],
  [8, explainApi],
];
const TOTAL = GENERATORS.reduce((s, [w]) => s + w, 0);
function line(): string {
  const next = queue.shift();
  if (next) return next();
  let r = rand() * TOTAL;
  for (const [w, g] of GENERATORS) {
    r -= w;
    if (r < 0) return g();
  }
  return get();
}

// The setup: a namespace or two and a few deployments made by the typed clients.
const setup: string[] = [];
for (let i = int(1, 3); i > 0; i--) {
  const name = fresh();
  const app = name;
  const n = i === 1 || chance(0.7) ? 'default' : undefined;
  const nsName = n ?? fresh(pick(['team', 'dev', 'prod']));
  if (!n) {
    namespaces.push(nsName);
    objs.namespace?.push({ name: nsName, ns: '', labels: {} });
    setup.push(`kubectl create namespace ${nsName}`);
  }
  const image = pick(IMAGES);
  // `create deployment` names the container after the image's last path part, without its tag.
  const container = (image.split('/').pop() as string).split(':')[0];
  objs.deployment?.push({ name, ns: nsName, labels: { app }, container });
  setup.push(
    `kubectl create deployment ${name} --image=${image} --replicas=${int(1, 3)}${nsFlag(nsName)}`,
  );
  if (chance(0.4))
    setup.push(`kubectl scale deployment ${name} --replicas=${int(0, 4)}${nsFlag(nsName)}`);
}

const out = [`# oracleSessions --seed ${seed} --lines ${count}`];
for (let i = 0; i < count; i++) out.push(line());
if (setupOut) writeFileSync(setupOut, `${setup.join('\n')}\n`);
else out.unshift(...setup.map((l) => `# setup: ${l}`));
console.log(out.join('\n'));
