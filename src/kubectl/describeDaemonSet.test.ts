/** `kubectl describe daemonset` and env vars taken from the pod, on the real simulated cluster. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl describe daemonset', () => {
  it("prints kubeadm's kube-proxy as kubectl does: counts, pods status and the pod template", () => {
    const { run } = engineSession(1);
    const out = run('kubectl describe ds kube-proxy -n kube-system');
    expect(out.err).toBe('');
    // describeDaemonSet has no Namespace line (as the real kubectl 1.32 prints it).
    expect(out.out).toBe(`Name:           kube-proxy
Selector:       k8s-app=kube-proxy
Node-Selector:  kubernetes.io/os=linux
Labels:         k8s-app=kube-proxy
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 4
Current Number of Nodes Scheduled: 4
Number of Nodes Scheduled with Up-to-date Pods: 4
Number of Nodes Scheduled with Available Pods: 4
Number of Nodes Misscheduled: 0
Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:           k8s-app=kube-proxy
  Service Account:  kube-proxy
  Containers:
   kube-proxy:
    Image:      registry.k8s.io/kube-proxy:v1.32.2
    Port:       <none>
    Host Port:  <none>
    Command:
      /usr/local/bin/kube-proxy
      --config=/var/lib/kube-proxy/config.conf
      --hostname-override=$(NODE_NAME)
    Environment:
      NODE_NAME:   (v1:spec.nodeName)
    Mounts:
      /lib/modules from lib-modules (ro)
      /run/xtables.lock from xtables-lock (rw)
      /var/lib/kube-proxy from kube-proxy (rw)
  Volumes:
   kube-proxy:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      kube-proxy
    Optional:  false
   xtables-lock:
    Type:          HostPath (bare host directory volume)
    Path:          /run/xtables.lock
    HostPathType:  FileOrCreate
   lib-modules:
    Type:               HostPath (bare host directory volume)
    Path:               /lib/modules
    HostPathType:       
  Priority Class Name:  system-node-critical
  Node-Selectors:       kubernetes.io/os=linux
  Tolerations:          op=Exists
Events:                 <none>
`);
  });

  it('a deleted kube-proxy pod is replaced, and the events name the DaemonSet controller', () => {
    const { run, cluster } = engineSession(1);
    const name = run('kubectl get pods -n kube-system -l k8s-app=kube-proxy -o name')
      .out.split('\n')[0]!
      .replace('pod/', '');
    run(`kubectl delete pod ${name} -n kube-system`);
    cluster.settle();
    const out = run('kubectl describe daemonset kube-proxy -n kube-system').out;
    expect(out).toContain('Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed\n');
    expect(out.slice(out.indexOf('Events:'))).toMatch(
      /^Events:\n {2}Type {4}Reason {12}Age {3}From {18}Message\n {2}-{4} {4}-{6} {12}-{4} {2}-{4} {18}-{7}\n {2}Normal {2}SuccessfulCreate {2}\d+s +daemonset-controller {2}Created pod: kube-proxy-[a-z0-9]{5}\n$/,
    );
  });

  it("a pod's env var from spec.nodeName shows no value: kubectl's scheme cannot convert that field path", () => {
    const { run } = engineSession(1);
    const pod = run('kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide').out.split(
      '\n',
    )[1]!;
    const [name] = pod.split(/\s+/);
    // The real kubectl 1.32 prints the same blank for the same object.
    expect(run(`kubectl describe pod ${name} -n kube-system`).out).toContain(
      '      NODE_NAME:   (v1:spec.nodeName)\n',
    );
  });
});
