/**
 * The node's own files in hostPath mounts: a node-debugging pod (`kubectl debug node/NAME`,
 * the node's `/` at `/host`) reads the node's files as its shell (`ssh NODE`) does, `chroot
 * /host` makes them the command's, and writes land on the node (a static pod manifest runs);
 * a hostPath of another directory sees the node's files under it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function debugPod() {
  const s = engineSession(3);
  const r = s.run('kubectl debug node/node1 --image=busybox:1.36 -- sleep 3600');
  const name = /Creating debugging pod (node-debugger-node1-\w{5}) /.exec(r.out)?.[1] ?? '';
  expect(name).not.toBe('');
  s.run('sleep 20');
  return { ...s, pod: name };
}

const WEB =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n';

describe('a node-debugging pod sees the node at /host', () => {
  it('lists and reads the node’s files as ssh does', () => {
    const { run, pod } = debugPod();
    expect(run(`kubectl exec ${pod} -- ls /host/etc/kubernetes`)).toEqual({
      out: 'kubelet.conf\nmanifests\npki\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl exec ${pod} -- ls /host/etc/kubernetes/manifests`)).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    const config = run(`kubectl exec ${pod} -- cat /host/var/lib/kubelet/config.yaml`);
    expect(config.code).toBe(0);
    expect(config.out).toBe(run('ssh node1 cat /var/lib/kubelet/config.yaml').out);
    expect(config.out).toContain('staticPodPath: /etc/kubernetes/manifests\n');
    expect(run(`kubectl exec ${pod} -- cat /host/etc/kubernetes/admin.conf`)).toEqual({
      out: '',
      err: "cat: can't open '/host/etc/kubernetes/admin.conf': No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });

  it('chroot /host: the node’s files and tools; a bad root is chroot’s error', () => {
    const { run, pod } = debugPod();
    expect(run(`kubectl exec ${pod} -- chroot /host cat /etc/hostname`).out).toBe('node1\n');
    expect(run(`kubectl exec ${pod} -- chroot /host ls /etc/kubernetes`).out).toBe(
      'kubelet.conf\nmanifests\npki\n',
    );
    // GNU ls (the node's), not busybox's.
    expect(run(`kubectl exec ${pod} -- chroot /host ls /nothing`)).toEqual({
      out: '',
      err: "ls: cannot access '/nothing': No such file or directory\ncommand terminated with exit code 2\n",
      code: 2,
    });
    expect(run(`kubectl exec ${pod} -- chroot /nope ls`)).toEqual({
      out: '',
      err: "chroot: cannot change root directory to '/nope': No such file or directory\ncommand terminated with exit code 125\n",
      code: 125,
    });
  });

  it('a manifest written under /host runs as a static pod, and the node’s shell sees it', () => {
    const { run, pod } = debugPod();
    expect(
      run(
        `kubectl exec ${pod} -- chroot /host sh -c 'printf "${WEB.replace(/\n/g, '\\n')}" > /etc/kubernetes/manifests/web.yaml'`,
      ).code,
    ).toBe(0);
    expect(run(`kubectl exec ${pod} -- ls /host/etc/kubernetes/manifests`).out).toBe('web.yaml\n');
    expect(run('ssh node1 cat /etc/kubernetes/manifests/web.yaml').out).toBe(WEB);
    run('sleep 30');
    expect(run('kubectl get pod web-node1').out).toMatch(/^web-node1 +1\/1 +Running +0 /m);
    // And a file the node's shell writes is there for the pod.
    run('ssh node1 "echo from-node > /tmp/note"');
    expect(run(`kubectl exec ${pod} -- cat /host/tmp/note`).out).toBe('from-node\n');
  });
});

describe('a node-debugging pod on the control plane', () => {
  it('sees kubeadm’s manifests; the control plane’s own ones change only as the node’s shell allows', () => {
    const { run } = engineSession(3);
    const r = run('kubectl debug node/control-plane --image=busybox:1.36 -- sleep 3600');
    const pod = /Creating debugging pod (node-debugger-control-plane-\w{5}) /.exec(r.out)?.[1];
    run('sleep 20');
    expect(run(`kubectl exec ${pod} -- ls /host/etc/kubernetes/manifests`).out).toBe(
      'etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n',
    );
    expect(
      run(`kubectl exec ${pod} -- chroot /host head -2 /etc/kubernetes/manifests/etcd.yaml`).out,
    ).toBe('apiVersion: v1\nkind: Pod\n');
    expect(
      run(
        `kubectl exec ${pod} -- sh -c 'echo "# edited" > /host/etc/kubernetes/manifests/etcd.yaml'`,
      ),
    ).toEqual({
      out: '',
      err: "/host/etc/kubernetes/manifests/etcd.yaml: this console does not simulate emptying etcd's manifest (a redirection does that before it writes: copy the whole new file over it with cp, or edit it with sed -i)\n",
      code: 0,
    });
    expect(run('ssh control-plane tail -1 /etc/kubernetes/manifests/etcd.yaml').out).toBe(
      'status: {}\n',
    );
  });
});

describe('a hostPath volume is the node’s directory', () => {
  it('sees the node’s files under its path, and its writes are the node’s', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  nodeName: node2
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: kube
      mountPath: /k8s
  volumes:
  - name: kube
    hostPath:
      path: /etc/kubernetes
      type: Directory
`,
    );
    run('kubectl apply -f pod.yaml');
    run('sleep 20');
    expect(run('kubectl exec reader -- ls /k8s')).toEqual({
      out: 'kubelet.conf\nmanifests\npki\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl exec reader -- cat /k8s/pki/ca.crt').out).toBe(
      run('ssh node2 cat /etc/kubernetes/pki/ca.crt').out,
    );
    run("kubectl exec reader -- sh -c 'echo x > /k8s/extra.conf'");
    expect(run('ssh node2 cat /etc/kubernetes/extra.conf').out).toBe('x\n');
    // Another node's directory is its own.
    expect(run('ssh node1 ls /etc/kubernetes/extra.conf').code).toBe(2);
  });
});

describe('a host-network pod', () => {
  it("keeps the node's UTS namespace: hostname and /etc/hostname are the node's", () => {
    const { run } = engineSession(3);
    run(
      `kubectl run h --image=busybox --overrides='{"spec":{"hostNetwork":true,"nodeName":"node2"}}' -- sleep 3600`,
    );
    run('kubectl run p --image=busybox -- sleep 3600');
    run('sim advance 20s');
    expect(run('kubectl exec h -- hostname')).toEqual({ out: 'node2\n', err: '', code: 0 });
    expect(run('kubectl exec h -- cat /etc/hostname').out).toBe('node2\n');
    expect(run('kubectl exec p -- hostname').out).toBe('p\n');
  });
});
