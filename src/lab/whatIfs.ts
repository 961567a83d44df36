/**
 * The lab's what-ifs: named actions for buttons, each made of console lines the learner could
 * type (the console shows them, history keeps them), so a button teaches the command too.
 */
import type { Text } from '../story/types.ts';
import type { LabResult, LabSession } from './session.ts';

export type WhatIf =
  | { id: 'stop-node'; node: string }
  | { id: 'start-node'; node: string }
  | { id: 'fast-forward'; seconds: number }
  | { id: 'cordon'; node: string }
  | { id: 'uncordon'; node: string }
  | { id: 'drain'; node: string }
  | { id: 'bad-image' }
  | { id: 'crash-loop' }
  | { id: 'huge-cpu' }
  | { id: 'delete-namespace'; namespace: string }
  | { id: 'scale'; deployment: string; replicas: number };

/** The manifest file the impossible-CPU what-if writes into the workspace. */
export const HUGE_CPU_FILE = 'huge-cpu.yaml';

/** A pod asking for `cpu` cores (more than any node has). */
export function hugeCpuManifest(cpu: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "${cpu}"
`;
}

/** The console lines a what-if runs, in order. */
export function whatIfLines(w: WhatIf): string[] {
  switch (w.id) {
    case 'stop-node':
      return [`sim stop-node ${w.node}`];
    case 'start-node':
      return [`sim start-node ${w.node}`];
    case 'fast-forward':
      return [`sim advance ${Math.max(1, Math.round(w.seconds))}s`];
    case 'cordon':
      return [`kubectl cordon ${w.node}`];
    case 'uncordon':
      return [`kubectl uncordon ${w.node}`];
    case 'drain':
      // kube-proxy is a DaemonSet pod and the study note's nginx pod has no controller:
      // without these flags kubectl refuses, as it would on a real cluster.
      return [`kubectl drain ${w.node} --ignore-daemonsets --force`];
    case 'bad-image':
      return ['kubectl create deployment bad --image=nginx:doesnotexist'];
    case 'crash-loop':
      // busybox's default command is a shell; with no terminal it exits at once.
      return ['kubectl create deployment crash --image=busybox'];
    case 'huge-cpu':
      return [`kubectl create -f ${HUGE_CPU_FILE}`];
    case 'delete-namespace':
      return [`kubectl delete namespace ${w.namespace}`];
    case 'scale':
      return [`kubectl scale deployment ${w.deployment} --replicas=${w.replicas}`];
  }
}

/** The button's label. */
export function whatIfLabel(w: WhatIf): Text {
  switch (w.id) {
    case 'stop-node':
    case 'start-node':
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return { key: `lab.whatif.${w.id}`, params: { node: w.node } };
    case 'fast-forward':
      return { key: 'lab.whatif.fast-forward', params: { seconds: w.seconds } };
    case 'bad-image':
    case 'crash-loop':
    case 'huge-cpu':
      return { key: `lab.whatif.${w.id}` };
    case 'delete-namespace':
      return { key: 'lab.whatif.delete-namespace', params: { namespace: w.namespace } };
    case 'scale':
      return {
        key: 'lab.whatif.scale',
        params: { deployment: w.deployment, replicas: w.replicas },
      };
  }
}

/** Whole cores of the largest node's allocatable CPU (`2`, `1500m` → 1). */
function maxNodeCpu(session: LabSession): number {
  let max = 0;
  for (const node of session.cluster.snapshot().list('nodes')) {
    const cpu = (node.status as { allocatable?: { cpu?: string } } | undefined)?.allocatable?.cpu;
    const m = /^(\d+)(m?)$/.exec(cpu ?? '');
    if (m) max = Math.max(max, m[2] ? Number(m[1]) / 1000 : Number(m[1]));
  }
  return Math.ceil(max);
}

/**
 * Run a what-if through the session's console: its lines, in order (files it needs are
 * written to the workspace first). Returns one result per line.
 */
export function runWhatIf(session: LabSession, w: WhatIf): LabResult[] {
  if (w.id === 'huge-cpu') {
    // Twice the largest node: no node can ever fit it, whatever else runs there.
    session.writeFile(HUGE_CPU_FILE, hugeCpuManifest(Math.max(1, maxNodeCpu(session)) * 2));
  }
  return whatIfLines(w).map((line) => session.run(line));
}
