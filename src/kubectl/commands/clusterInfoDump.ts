/**
 * `kubectl cluster-info dump` (kubectl 1.32 clusterinfo_dump.go): the nodes, then for each
 * namespace (kube-system and the current one; `--namespaces`; `-A`: all) its events,
 * replication controllers, services, daemon sets, deployments, replica sets and pods, each list
 * printed whole by the JSON printer (typed objects: struct field order) or `-o yaml` (without
 * managedFields unless `--show-managed-fields`), then every
 * pod's init and app containers' logs between `==== START/END logs …` lines. With
 * `--output-directory` each goes to its own file (nodes.json, NS/pods.json, NS/POD/logs.txt)
 * and the command says where.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, ResourceName } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { GENERIC_FORMATS } from '../output.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { toGoJson } from '../printers/json.ts';
import { inStructOrder } from '../printers/structOrder.ts';
import { dumpedContainerLog } from './logs.ts';

/** Each namespace's lists in the dump's order: resource, file name, list kind, item kind, apiVersion. */
const NAMESPACED: readonly (readonly [
  ResourceName | 'replicationcontrollers',
  string,
  string,
  string,
])[] = [
  ['events', 'events', 'Event', 'v1'],
  ['replicationcontrollers', 'replication-controllers', 'ReplicationController', 'v1'],
  ['services', 'services', 'Service', 'v1'],
  ['daemonsets', 'daemonsets', 'DaemonSet', 'apps/v1'],
  ['deployments', 'deployments', 'Deployment', 'apps/v1'],
  ['replicasets', 'replicasets', 'ReplicaSet', 'apps/v1'],
  ['pods', 'pods', 'Pod', 'v1'],
];

/** An item as the printer writes it: its type set, managedFields omitted unless asked for. */
function typed(o: KubeObject, kind: string, apiVersion: string, keepManaged = false): KubeObject {
  const out: KubeObject = { ...o, kind, apiVersion };
  if (!keepManaged && o.metadata?.managedFields) {
    const { managedFields: _m, ...meta } = o.metadata;
    out.metadata = meta;
  }
  return out;
}

export function runClusterInfoDump(ctx: Ctx, args: string[]): void {
  // Arguments are ignored; the generic printers are offered, json and yaml kept here.
  void args;
  const format = ctx.str('output') || 'json';
  if (format !== 'json' && format !== 'yaml') {
    if (!GENERIC_FORMATS.split(',').includes(format.split('=')[0] as string))
      ctx.fail(
        `unable to match a printer suitable for the output format "${format}", allowed formats are: ${GENERIC_FORMATS}`,
      );
    ctx.fail(`"kubectl cluster-info dump -o ${format}" is not available in this simulated cluster`);
  }
  // `-` is stdout too.
  const dir = ctx.str('output-directory') === '-' ? '' : ctx.str('output-directory');
  const ext = format === 'json' ? '.json' : '.yaml';
  let printed = 0;
  const write = (name: string, text: string) => {
    if (dir === '') {
      ctx.out(text);
      return;
    }
    const path = ctx.host.fs.resolve(`${dir}/${name}`);
    if (path === undefined) ctx.fail(`open ${dir}/${name}: no such file or directory`);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const made = ctx.host.fs.mkdir(parent, true);
    if (!made.ok) ctx.fail(`mkdir ${parent}: ${made.error}`);
    const done = ctx.host.fs.write(path, text, true);
    if (!done.ok) ctx.fail(`open ${path}: ${done.error}`);
  };
  const print = (name: string, list: Record<string, unknown>, itemKind: string) => {
    printed++;
    const text =
      format === 'json'
        ? toGoJson(
            {
              kind: list.kind,
              apiVersion: list.apiVersion,
              metadata: list.metadata,
              items: (list.items as Record<string, unknown>[]).map((o) =>
                inStructOrder(o, itemKind),
              ),
            },
            { sortKeys: false },
          )
        : `${printed > 1 ? '---\n' : ''}${toGoYaml(list)}`;
    write(`${name}${ext}`, text);
  };
  let resourceVersion = '';
  const list = (
    resource: ResourceName | 'replicationcontrollers',
    ns: string | undefined,
    kind: string,
    version: string,
  ) => {
    // The simulated cluster has no replication controllers: an empty list at the same version.
    if (resource === 'replicationcontrollers')
      return { kind: `${kind}List`, apiVersion: version, metadata: { resourceVersion }, items: [] };
    const r = ctx.host.api.list(resource, ns);
    if (!r.ok) ctx.failStatus(r.status);
    resourceVersion = r.value.metadata.resourceVersion;
    return {
      kind: `${kind}List`,
      apiVersion: version,
      metadata: { resourceVersion: r.value.metadata.resourceVersion },
      items: r.value.items.map((o: KubeObject) =>
        typed(o, kind, version, ctx.bool('show-managed-fields')),
      ),
    };
  };

  print('nodes', list('nodes', undefined, 'Node', 'v1'), 'Node');
  let namespaces: string[];
  if (ctx.bool('all-namespaces')) {
    const r = ctx.host.api.list('namespaces', undefined);
    if (!r.ok) ctx.failStatus(r.status);
    namespaces = r.value.items.map((n) => n.metadata?.name ?? '');
  } else {
    const given = ctx.list('namespaces');
    namespaces = given.length > 0 ? given : ['kube-system', ctx.namespace];
  }
  for (const ns of namespaces) {
    let pods: Pod[] = [];
    for (const [resource, file, kind, version] of NAMESPACED) {
      const l = list(resource, ns, kind, version);
      print(`${ns}/${file}`, l, kind);
      if (resource === 'pods') pods = l.items as unknown as Pod[];
    }
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      let text = '';
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
        const what = `container ${c.name} of pod ${ns}/${name}`;
        text += `==== START logs for ${what} ====\n`;
        text += dumpedContainerLog(ctx, pod, c.name);
        text += `==== END logs for ${what} ====\n`;
      }
      write(`${ns}/${name}/logs.txt`, text);
    }
  }
  if (dir !== '') ctx.out(`Cluster info dumped to ${dir}\n`);
}
