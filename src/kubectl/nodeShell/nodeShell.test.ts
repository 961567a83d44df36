/**
 * The CKA's node-level tasks in the console (audit 15 F27): `ssh node1` into a root shell,
 * static pods from /etc/kubernetes/manifests, the kubelet service (systemctl, journalctl),
 * crictl, an etcd backup with etcdctl, kubeadm tokens and certificates.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';
import { refusedPattern } from '../testing/refused.ts';

const REFUSED = expect.stringMatching(refusedPattern('localhost:8080'));
const ETCD_FLAGS =
  '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

describe('ssh to a node', () => {
  it('opens a root shell until exit, which says logout and closes the connection', () => {
    const { run } = engineSession(3);
    expect(run('ssh node1')).toEqual({
      out: 'Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-51-generic x86_64)\n\n',
      err: '',
      code: 0,
    });
    expect(run('hostname').out).toBe('node1\n');
    expect(run('whoami').out).toBe('root\n');
    expect(run('echo $HOME').out).toBe('/root\n');
    expect(run('sudo -i')).toEqual({ out: '', err: '', code: 0 });
    // The first exit leaves sudo's login shell, the second the ssh session's.
    expect(run('exit')).toEqual({ out: '', err: 'logout\n', code: 0 });
    expect(run('hostname').out).toBe('node1\n');
    expect(run('exit')).toEqual({
      out: '',
      err: 'logout\nConnection to node1 closed.\n',
      code: 0,
    });
    expect(run('hostname')).toEqual({
      out: '',
      err: 'bash: hostname: command not found\n',
      code: 127,
    });
    expect(run('ssh root@172.18.0.4 hostname').out).toBe('node2\n');
  });

  it('refuses an unknown host and a machine that is down, as ssh does', () => {
    const { run } = engineSession(3);
    expect(run('ssh node9')).toEqual({
      out: '',
      err: 'ssh: Could not resolve hostname node9: Temporary failure in name resolution\n',
      code: 255,
    });
    run('sim stop-node node2');
    expect(run('ssh node2')).toEqual({
      out: '',
      err: 'ssh: connect to host node2 port 22: No route to host\n',
      code: 255,
    });
  });

  it('kubectl on a node has no kubeconfig until admin.conf is named (control plane only)', () => {
    const { run } = engineSession(3);
    expect(run('ssh node1 kubectl get nodes')).toEqual({ out: '', err: REFUSED, code: 1 });
    expect(run('ssh node1 ls /etc/kubernetes/admin.conf').err).toBe(
      "ls: cannot access '/etc/kubernetes/admin.conf': No such file or directory\n",
    );
    run('ssh control-plane');
    expect(run('kubectl get pods').err).toEqual(REFUSED);
    run('export KUBECONFIG=/etc/kubernetes/admin.conf');
    expect(run('kubectl get nodes node1').out).toMatch(/^NAME {4}STATUS {3}ROLES {4}AGE/);
    run('unset KUBECONFIG');
    run('mkdir -p $HOME/.kube');
    run('cp -i /etc/kubernetes/admin.conf $HOME/.kube/config');
    expect(run('kubectl auth whoami -o jsonpath={.status.userInfo.username}').out).toBe(
      'kubernetes-admin',
    );
  });
});

describe("the control plane's files", () => {
  it('lists the kubeadm manifests, the PKI and the kubelet config with its staticPodPath', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    expect(run('ls /etc/kubernetes/manifests').out).toBe(
      'etcd.yaml  kube-apiserver.yaml  kube-controller-manager.yaml  kube-scheduler.yaml\n',
    );
    expect(run('ls /etc/kubernetes/pki/etcd').out).toBe(
      'ca.crt  ca.key  healthcheck-client.crt  healthcheck-client.key  peer.crt  peer.key  server.crt  server.key\n',
    );
    expect(run('grep staticPodPath /var/lib/kubelet/config.yaml').out).toBe(
      'staticPodPath: /etc/kubernetes/manifests\n',
    );
    expect(run('ssh node1 ls /etc/kubernetes/manifests')).toEqual({ out: '', err: '', code: 0 });
  });

  it("etcd.yaml holds the etcd pod's command and volumes", () => {
    const { run } = engineSession(3);
    const command = run(
      `kubectl get pod etcd-control-plane -n kube-system -o jsonpath='{range .spec.containers[0].command[*]}    - {@}{"\\n"}{end}'`,
    ).out;
    run('ssh control-plane');
    const yaml = run('cat /etc/kubernetes/manifests/etcd.yaml').out;
    expect(yaml).toMatch(
      /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}annotations:\n {4}kubeadm\.kubernetes\.io\/etcd\.advertise-client-urls: https:\/\/172\.18\.0\.2:2379\n {2}creationTimestamp: null\n {2}labels:\n {4}component: etcd\n {4}tier: control-plane\n {2}name: etcd\n {2}namespace: kube-system\nspec:\n {2}containers:\n {2}- command:\n/,
    );
    expect(yaml).toContain(command);
    expect(yaml).toContain('    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n');
    expect(yaml).toContain(
      '  - hostPath:\n      path: /var/lib/etcd\n      type: DirectoryOrCreate\n    name: etcd-data\n',
    );
    expect(yaml.endsWith('status: {}\n')).toBe(true);
    // etcd's manifest may move away (etcd stops: src/engine/etcdStop.test.ts), but not change.
    expect(
      run(
        "sed -i 's/--snapshot-count=10000/--snapshot-count=5000/' /etc/kubernetes/manifests/etcd.yaml",
      ).err,
    ).toContain("this console does not simulate changing etcd's manifest beyond where its data is");
    expect(run('mv /etc/kubernetes/manifests/etcd.yaml /tmp/')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('ls /tmp').out).toBe('etcd.yaml\n');
  });
});

describe('static pods', () => {
  it('a manifest copied into node1:/etc/kubernetes/manifests runs as static-web-node1', () => {
    const { run } = engineSession(3);
    run('kubectl run static-web --image=nginx --dry-run=client -o yaml > static-web.yaml');
    expect(run('scp static-web.yaml node1:/etc/kubernetes/manifests/')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pods -o wide').out).toMatch(
      /\nstatic-web-node1 {3}1\/1 {5}Running {3}0 {10}\d+s {3}10\.244\.1\.\d+ {3}node1 /,
    );
    expect(
      run(
        `kubectl get pod static-web-node1 -o jsonpath='{.metadata.annotations.kubernetes\\.io/config\\.source} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'`,
      ).out,
    ).toBe('file Node/node1');
    // The mirror pod comes back when deleted; the file's removal takes the pod away.
    run('kubectl delete pod static-web-node1');
    expect(run('kubectl get pod static-web-node1 -o name').out).toBe('pod/static-web-node1\n');
    run('ssh node1');
    expect(run('ls /etc/kubernetes/manifests').out).toBe('static-web.yaml\n');
    run('mv /etc/kubernetes/manifests/static-web.yaml /tmp/');
    run('exit');
    expect(run('kubectl get pod static-web-node1').err).toBe(
      'Error from server (NotFound): pods "static-web-node1" not found\n',
    );
  });

  it('kubectl … -o yaml > /etc/kubernetes/manifests/x.yaml on the control plane', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    run('export KUBECONFIG=/etc/kubernetes/admin.conf');
    run(
      'kubectl run my-static --image=busybox --dry-run=client -o yaml -- sleep 3600 > /etc/kubernetes/manifests/my-static.yaml',
    );
    expect(run('kubectl get pods').out).toMatch(
      /^NAME {22}READY {3}STATUS {4}RESTARTS {3}AGE\nmy-static-control-plane {3}1\/1 {5}Running {3}0 {10}/,
    );
  });

  it('kube-scheduler.yaml moved out of the manifests: no scheduler, new pods Pending; back: scheduled', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    expect(run('mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/').code).toBe(0);
    run('exit');
    expect(run('kubectl get pod kube-scheduler-control-plane -n kube-system').err).toBe(
      'Error from server (NotFound): pods "kube-scheduler-control-plane" not found\n',
    );
    run('kubectl run late --image=nginx');
    expect(run('kubectl get pod late').out).toMatch(/\nlate {3}0\/1 {5}Pending {3}0 {10}/);
    run('ssh control-plane');
    // With kubeadm's image and command only: other flags are not simulated.
    expect(
      run(
        "sed -i 's/--leader-elect=true/--leader-elect=false/' /tmp/kube-scheduler.yaml; cp /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/",
      ).err,
    ).toBe(
      'bash: this console cannot run "cp /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/": changing the image or command of kube-scheduler is not simulated\n',
    );
    run(
      "sed 's/--leader-elect=false/--leader-elect=true/' /tmp/kube-scheduler.yaml > /etc/kubernetes/manifests/kube-scheduler.yaml",
    );
    run('exit');
    expect(run('kubectl get pod late').out).toMatch(/\nlate {3}1\/1 {5}Running {3}0 {10}/);
    expect(run('kubectl get pod kube-scheduler-control-plane -n kube-system').out).toMatch(
      /\nkube-scheduler-control-plane {3}1\/1 {5}Running {3}0 {10}/,
    );
  });

  it('the kubelet logs a manifest it cannot read', () => {
    const { run } = engineSession(3);
    run('ssh node2');
    run("echo 'kind: Pod' > /etc/kubernetes/manifests/bad.yaml");
    expect(run('journalctl -u kubelet | tail -1').out).toMatch(
      /^Jan 06 \d\d:\d\d:\d\d node2 kubelet\[\d+\]: E0106 [\d:.]+ +\d+ file\.go:187\] "Could not process manifest file" err="invalid pod: apiVersion \\"\\" is not \\"v1\\"" path="\/etc\/kubernetes\/manifests\/bad\.yaml"\n$/,
    );
  });
});

describe('the kubelet service', () => {
  it('systemctl stop kubelet: inactive (dead), the node NotReady; start: Ready, no container restarted', () => {
    const { run } = engineSession(3);
    run(`kubectl run p --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    run('ssh node1');
    const active = run('systemctl status kubelet');
    expect(active.code).toBe(0);
    expect(active.out).toMatch(
      /^● kubelet\.service - kubelet: The Kubernetes Node Agent\n {5}Loaded: loaded \(\/usr\/lib\/systemd\/system\/kubelet\.service; enabled; preset: enabled\)\n {4}Drop-In: \/usr\/lib\/systemd\/system\/kubelet\.service\.d\n {13}└─10-kubeadm\.conf\n {5}Active: active \(running\) since Thu 2026-01-01 00:00:00 UTC; 5 days ago\n/,
    );
    expect(run('systemctl stop kubelet')).toEqual({ out: '', err: '', code: 0 });
    const inactive = run('systemctl status kubelet');
    expect(inactive.code).toBe(3);
    expect(inactive.out).toMatch(
      /^○ kubelet\.service[^\n]+\n[^\n]+\n[^\n]+\n[^\n]+\n {5}Active: inactive \(dead\) since Tue 2026-01-06 \d\d:\d\d:\d\d UTC; \d+s ago\n/,
    );
    expect(inactive.out).toMatch(
      /node1 systemd\[1\]: Stopping kubelet\.service - kubelet: The Kubernetes Node Agent\.\.\.\n.+ node1 systemd\[1\]: kubelet\.service: Deactivated successfully\.\n.+ node1 systemd\[1\]: Stopped kubelet\.service - kubelet: The Kubernetes Node Agent\.\n$/,
    );
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'inactive\n', err: '', code: 3 });
    run('exit');
    run('sleep 60');
    expect(run('kubectl get node node1').out).toMatch(/\nnode1 {3}NotReady {3}<none> /);
    expect(run('ssh node1 systemctl restart kubelet').code).toBe(0);
    expect(run('kubectl get node node1').out).toMatch(/\nnode1 {3}Ready {4}<none> /);
    expect(run('kubectl get pod p').out).toMatch(/\np {6}1\/1 {5}Running {3}0 {10}/);
  });

  it('disable/enable change is-enabled and the Loaded line; starting containerd again is a no-op; journalctl -f: the last 10', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    expect(run('systemctl disable kubelet')).toEqual({
      out: '',
      err: 'Removed "/etc/systemd/system/multi-user.target.wants/kubelet.service".\n',
      code: 0,
    });
    expect(run('systemctl disable kubelet')).toEqual({ out: '', err: '', code: 0 });
    expect(run('systemctl is-enabled kubelet')).toEqual({ out: 'disabled\n', err: '', code: 1 });
    expect(run('systemctl status kubelet').out).toContain(
      'Loaded: loaded (/usr/lib/systemd/system/kubelet.service; disabled; preset: enabled)',
    );
    expect(run('systemctl enable kubelet').err).toBe(
      'Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /usr/lib/systemd/system/kubelet.service.\n',
    );
    expect(run('systemctl is-enabled kubelet')).toEqual({ out: 'enabled\n', err: '', code: 0 });
    expect(run('systemctl start containerd')).toEqual({ out: '', err: '', code: 0 });
    for (let i = 0; i < 3; i++) run('systemctl restart kubelet');
    const all = run('journalctl -u kubelet').out.trimEnd().split('\n');
    expect(all.length).toBeGreaterThan(10);
    expect(run('journalctl -u kubelet -f').out).toBe(`${all.slice(-10).join('\n')}\n`);
    expect(run('crictl --version').out).toBe('crictl version v1.32.0\n');
  });

  it('a kubelet whose config file is gone exits at once: systemd retries every 10 s, the node goes NotReady; restoring the file brings it back', () => {
    const { run } = engineSession(3);
    run('ssh node2');
    run('mv /var/lib/kubelet/config.yaml /root/config.yaml');
    expect(run('systemctl restart kubelet')).toEqual({ out: '', err: '', code: 0 });
    const status = run('systemctl status kubelet');
    expect(status.code).toBe(3);
    expect(status.out).toMatch(
      /\n {5}Active: activating \(auto-restart\) \(Result: exit-code\) since [^;]+; \d+s ago\n/,
    );
    expect(status.out).toMatch(/\n {3}Main PID: \d+ \(code=exited, status=1\/FAILURE\)\n/);
    expect(status.out).toContain(
      'run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"\n',
    );
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'activating\n', err: '', code: 3 });
    run('exit');
    run('sim advance 60s');
    expect(run('kubectl get node node2').out).toMatch(/\nnode2 +NotReady /);
    run('ssh node2');
    run('mv /root/config.yaml /var/lib/kubelet/config.yaml');
    // systemd's next try (within 10 s) finds the file: no restart needed.
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'active\n', err: '', code: 0 });
    run('exit');
    run('sim advance 20s');
    expect(run('kubectl get node node2').out).toMatch(/\nnode2 +Ready /);
  });

  it("a duplicate key in the config, or no kubelet.conf, fail the start with the kubelet's reason", () => {
    const { run } = engineSession(3);
    run('ssh node1');
    run('echo "cgroupDriver: bogus" >> /var/lib/kubelet/config.yaml');
    run('systemctl restart kubelet');
    expect(run('journalctl -u kubelet -n 3').out).toMatch(
      /error failed to decode: yaml: unmarshal errors:\\n {2}line \d+: key \\"cgroupDriver\\" already set in map"\n/,
    );
    run('sed -i "/bogus/d" /var/lib/kubelet/config.yaml');
    run('rm /etc/kubernetes/kubelet.conf');
    run('systemctl restart kubelet');
    expect(run('journalctl -u kubelet -n 3').out).toContain(
      '"command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"\n',
    );
  });

  it("with the kubelet stopped, the API server's dial to its port 10250 is refused: no logs, no exec", () => {
    const { run } = engineSession(3);
    run(`kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    run('sim advance 20s');
    run('ssh node1 systemctl stop kubelet');
    expect(run('kubectl logs web --tail 1')).toEqual({
      out: '',
      err: 'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/web/web?tailLines=1": dial tcp 172.18.0.3:10250: connect: connection refused\n',
      code: 1,
    });
    expect(run('kubectl exec web -- hostname')).toEqual({
      out: '',
      err: 'Error from server: error dialing backend: dial tcp 172.18.0.3:10250: connect: connection refused\n',
      code: 1,
    });
    run('ssh node1 systemctl start kubelet');
    expect(run('kubectl exec web -- hostname')).toEqual({ out: 'web\n', err: '', code: 0 });
  });

  it('an unknown unit, as systemctl says it', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    expect(run('systemctl status kubelett')).toEqual({
      out: '',
      err: 'Unit kubelett.service could not be found.\n',
      code: 4,
    });
  });
});

describe('crictl', () => {
  it("lists a worker's containers, pod sandboxes and images in crictl's columns", () => {
    const { run } = engineSession(3);
    run('ssh node3');
    const ps = run('crictl ps').out.split('\n');
    expect(ps[0]).toBe(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE',
    );
    expect(ps).toContainEqual(
      expect.stringMatching(
        /^[0-9a-f]{13} {7}[0-9a-f]{13} {7}5 days ago {10}Running {13}kube-proxy {10}0 {19}[0-9a-f]{13} {7}kube-proxy-[a-z0-9]{5} {4}kube-system$/,
      ),
    );
    expect(run('crictl pods').out).toMatch(
      /^POD ID {14}CREATED {13}STATE {15}NAME {16}NAMESPACE {11}ATTEMPT {13}RUNTIME\n/,
    );
    expect(run('crictl images').out).toMatch(
      /^IMAGE {24}TAG {17}IMAGE ID {12}SIZE\nregistry\.k8s\.io\/kube-proxy {3}v1\.32\.2 {13}[0-9a-f]{13} {7}30\.9MB\nregistry\.k8s\.io\/pause {8}3\.10 {16}[0-9a-f]{13} {7}320kB\n$/,
    );
  });

  it('crictl logs ID prints the container log, like kubectl logs', () => {
    const { run } = engineSession(3);
    run(`kubectl run p --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    const id = run(
      `kubectl get pod p -o jsonpath='{.status.containerStatuses[0].containerID}'`,
    ).out.slice('containerd://'.length, 'containerd://'.length + 13);
    const logs = run('kubectl logs p').out;
    run('ssh node1');
    expect(run(`crictl ps --name '^p$' -q`).out.slice(0, 13)).toBe(id);
    expect(run(`crictl logs ${id}`).out).toBe(logs);
  });
  it('a crash-looping container is one row (its last run, Exited) whose logs crictl prints; --state filters', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run crash --image=busybox --overrides='{"spec":{"nodeName":"node1"}}' -- sh -c 'echo boom; exit 3'`,
    );
    run('sim advance 3m');
    expect(run('kubectl get pod crash').out).toMatch(/CrashLoopBackOff {3}[1-9]/);
    run('ssh node1');
    run('ssh node1');
    const rows = run('crictl ps -a --name crash').out.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/ Exited {14}crash {15}[1-9] +[0-9a-f]{13} /);
    const id = run('crictl ps -a --name crash -q').out;
    expect(id).toMatch(/^[0-9a-f]{64}\n$/);
    expect(run(`crictl logs ${id.slice(0, 13)}`)).toEqual({ out: 'boom\n', err: '', code: 0 });
    // --state looks at every container: the exited one without -a, never the running kube-proxy.
    const exited = run('crictl ps --state exited').out;
    expect(exited).toContain(' crash ');
    expect(exited).not.toContain('kube-proxy');
    expect(run('crictl ps -s Running').out).not.toContain(' crash ');
    expect(run('crictl ps --state gone')).toMatchObject({
      out: '',
      err: expect.stringMatching(
        /^time="[^"]+" level=fatal msg="--state should be one of created, running, exited or unknown"\n$/,
      ),
      code: 1,
    });
    expect(run("crictl ps --name '('").out.split('\n')).toHaveLength(2);
  });
});

describe('ssh NODE COMMAND', () => {
  it('reads options after the destination and `--`, then runs the command on the node', () => {
    const { run } = engineSession(3);
    const listing = run('ssh node1 ls /etc/kubernetes');
    expect(listing.code).toBe(0);
    expect(listing.out).toContain('kubelet.conf');
    expect(run('ssh node1 -- ls /etc/kubernetes')).toEqual(listing);
    expect(run('ssh node1 -t -- ls /etc/kubernetes')).toEqual(listing);
  });
});

describe("a node's programs", () => {
  it('kubelet --version, containerd --version, which; programs not simulated are named as such', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    expect(run('kubelet --version')).toEqual({ out: 'Kubernetes v1.32.2\n', err: '', code: 0 });
    expect(run('containerd --version').out).toMatch(
      /^containerd containerd\.io 1\.7\.24 [0-9a-f]{40}\n$/,
    );
    expect(run('which kubelet crictl')).toEqual({
      out: '/usr/bin/kubelet\n/usr/bin/crictl\n',
      err: '',
      code: 0,
    });
    expect(run('which nope').code).toBe(1);
    expect(run('openssl x509 -in /etc/kubernetes/pki/ca.crt -noout -enddate')).toEqual({
      out: '',
      err: 'bash: this console cannot run "openssl x509 -in /etc/kubernetes/pki/ca.crt -noout -enddate": openssl is not simulated on the nodes\n',
      code: 2,
    });
    expect(run('ls /var/lib').out).toBe('containerd  kubelet\n');
    run('exit');
    run('ssh control-plane');
    // etcd's data directory, the etcd pod's hostPath.
    expect(run('ls /var/lib').out).toBe('containerd  etcd  kubelet\n');
    expect(run('ls /var/lib/etcd/member').out).toBe('snap  wal\n');
    run('exit');
    // On the learner's own machine they stay unknown.
    expect(run('kubelet --version').err).toBe('bash: kubelet: command not found\n');
  });
});

describe('etcdctl snapshot', () => {
  it('saves a snapshot with the etcd certificates, and reads its status back', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const r = run(`ETCDCTL_API=3 etcdctl snapshot save /opt/snapshot.db ${ETCD_FLAGS}`);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Snapshot saved at /opt/snapshot.db\n');
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(
      /^\{"level":"info","ts":"2026-01-06T[\d:.]+Z","caller":"snapshot\/v3_snapshot\.go:65","msg":"created temporary db file","path":"\/opt\/snapshot\.db\.part"\}$/,
    );
    expect(lines[4]).toMatch(
      /"caller":"snapshot\/v3_snapshot\.go:88","msg":"fetched snapshot","endpoint":"https:\/\/127\.0\.0\.1:2379","size":"\d\.\d MB","took":"now"\}$/,
    );
    expect(lines[5]).toMatch(/"msg":"saved","path":"\/opt\/snapshot\.db"\}$/);
    const status = run('ETCDCTL_API=3 etcdctl snapshot status /opt/snapshot.db -w table').out;
    expect(status).toMatch(
      /^Deprecated: Use `etcdutl snapshot status` instead\.\n\n\+----------\+----------\+------------\+------------\+---------\+\n\| {3}HASH {3}\| REVISION \| TOTAL KEYS \| TOTAL SIZE \| VERSION \|\n\+-+\+-+\+-+\+-+\+-+\+\n\| [0-9a-f]{8} \| +\d+ \| +\d+ \| +\d\.\d MB \| {3}3\.5\.0 \|\n\+-+\+-+\+-+\+-+\+-+\+\n$/,
    );
    expect(run('etcdutl snapshot status /opt/snapshot.db').out).toMatch(
      /^[0-9a-f]{8}, \d+, \d+, \d\.\d MB, 3\.5\.0\n$/,
    );
  });

  it('without certificates, or with the wrong CA, etcd never answers; a missing file fails at once', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const plain = run('etcdctl snapshot save /opt/snapshot.db');
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(
      /"msg":"created temporary db file".*\nError: context deadline exceeded\n$/,
    );
    expect(
      run(
        'etcdctl snapshot save /opt/s.db --cacert=/etc/kubernetes/pki/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key',
      ).err,
    ).toMatch(/\nError: context deadline exceeded\n$/);
    expect(
      run(
        'etcdctl snapshot save /opt/s.db --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/server.key',
      ),
    ).toEqual({
      out: '',
      err: 'Error: open /etc/kubernetes/pki/server.key: no such file or directory\n',
      code: 1,
    });
    expect(run('ls /opt').out).toBe('');
    expect(run('ssh node1 etcdctl version').err).toBe('bash: etcdctl: command not found\n');
  });
});

describe('kubeadm', () => {
  it('token create --print-join-command makes a bootstrap token and prints the join command', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const join = run('kubeadm token create --print-join-command');
    expect(join.out).toMatch(
      /^kubeadm join 172\.18\.0\.2:6443 --token ([a-z0-9]{6})\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/,
    );
    const id = /--token ([a-z0-9]{6})\./.exec(join.out)?.[1];
    expect(run(`ssh node1 kubeadm token list`).err).toMatch(/^failed to load admin kubeconfig/);
    expect(
      run(
        `KUBECONFIG=/etc/kubernetes/admin.conf kubectl get secret -n kube-system bootstrap-token-${id} -o jsonpath='{.type}'`,
      ).out,
    ).toBe('bootstrap.kubernetes.io/token');
  });

  it('token create honours --ttl (0: never expires), --description and a given token', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const forever = run('kubeadm token create --ttl 0').out.trim();
    run('kubeadm token create abcdef.0123456789abcdef --ttl=2h --description "for node4"');
    const list = run('kubeadm token list').out.split('\n');
    expect(list[0]).toMatch(
      /^TOKEN {21}TTL {17}EXPIRES {16}USAGES {19}DESCRIPTION {9}EXTRA GROUPS$/,
    );
    expect(list).toContainEqual(
      expect.stringMatching(
        /^abcdef\.0123456789abcdef {3}1h {18}2026-01-06T\d\d:\d\d:\d\dZ {3}authentication,signing {3}for node4 {11}system:bootstrappers:kubeadm:default-node-token$/,
      ),
    );
    expect(list).toContainEqual(
      `${forever}   <forever>           <never>                authentication,signing   <none>              system:bootstrappers:kubeadm:default-node-token`,
    );
    expect(run('kubeadm token create --ttl 2x')).toEqual({
      out: '',
      err: 'invalid argument "2x" for "--ttl" flag: time: unknown unit "x" in duration "2x"\n',
      code: 1,
    });
    expect(run('kubeadm token create --ttl 2').err).toBe(
      'invalid argument "2" for "--ttl" flag: time: missing unit in duration "2"\n',
    );
  });

  it('certs check-expiration lists the certificates kubeadm made five days ago', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const out = run('kubeadm certs check-expiration').out;
    expect(out).toMatch(
      /^\[check-expiration\] Reading configuration from the cluster\.\.\.\n\[check-expiration\] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n\nCERTIFICATE {16}EXPIRES {18}RESIDUAL TIME {3}CERTIFICATE AUTHORITY {3}EXTERNALLY MANAGED {3}\nadmin\.conf {17}Jan 01, 2027 00:00 UTC {3}359d {12}ca {22}no {19}\n/,
    );
    expect(out).toContain(
      '\nca                      Dec 30, 2035 00:00 UTC   9y              no                   \n',
    );
  });
});

describe('processes on a node', () => {
  it('ps -ef shows the kubelet with its flags and the containers; ps aux | grep finds the API server', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    expect(run('ps aux | grep kube-apiserver').out).toMatch(
      /^root {8}\d{4} {2}0\.1 {2}0\.5 +\d+ +\d+ \? {8}Ssl {2}Jan01 {3}0:05 kube-apiserver --advertise-address=172\.18\.0\.2 --allow-privileged=true .* --tls-private-key-file=\/etc\/kubernetes\/pki\/apiserver\.key\n$/,
    );
    run('exit');
    run('ssh node1');
    const ef = run('ps -ef').out.split('\n');
    expect(ef[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(ef[1]).toBe('root           1       0  0 Jan01 ?        00:00:05 /sbin/init');
    expect(ef).toContainEqual(
      expect.stringMatching(
        / \/usr\/bin\/kubelet --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet\.conf --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --config=\/var\/lib\/kubelet\/config\.yaml /,
      ),
    );
    expect(ef).toContainEqual(
      expect.stringMatching(
        / \/usr\/local\/bin\/kube-proxy --config=\/var\/lib\/kube-proxy\/config\.conf --hostname-override=node1$/,
      ),
    );
    run('systemctl stop kubelet');
    expect(run('ps -ef | grep -c /usr/bin/kubelet').out).toBe('0\n');
  });
});

describe('ls on a node', () => {
  it('writes one name per line into a pipe or a file, columns on the terminal; -d lists the paths', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    expect(run('ls /etc/kubernetes').out).toBe('kubelet.conf  manifests  pki\n');
    expect(run('ls /etc/kubernetes | head -2').out).toBe('kubelet.conf\nmanifests\n');
    run('ls /etc/kubernetes > /root/list.txt');
    expect(run('cat /root/list.txt').out).toBe('kubelet.conf\nmanifests\npki\n');
    expect(run('ls -1 /etc/kubernetes').out).toBe('kubelet.conf\nmanifests\npki\n');
    const d = run('ls -d /etc/kubernetes /var/lib/kubelet /nope');
    expect(d.out).toBe('/etc/kubernetes  /var/lib/kubelet\n');
    expect(d.err).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(run('ls -ld /etc').out).toMatch(
      /^drwxr-xr-x 2 root root {2}4096 \w{3} [ \d]\d \d\d:\d\d \/etc\n$/,
    );
  });
});

describe('the CRI log files of a control-plane component', () => {
  it('stamp each klog line a little after the time its header says, in order', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const text = run(
      'cat /var/log/containers/kube-scheduler-control-plane_kube-system_kube-scheduler-*.log',
    ).out;
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    let previous = '';
    for (const line of lines) {
      const m =
        /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)\.(\d{9})Z std(?:out|err) F [IWEF](\d\d)(\d\d) (\d\d:\d\d:\d\d)\.(\d{6}) /.exec(
          line,
        );
      expect(m, line).not.toBeNull();
      const [, , mo, d, time, ns, kmo, kd, ktime, us] = m as unknown as string[];
      expect([mo, d, time]).toEqual([kmo, kd, ktime]);
      // Read after it was written, within a millisecond.
      const gap = Number(ns) - Number(us) * 1000;
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThan(1_000_000);
      const stamp = line.slice(0, 30);
      expect(stamp > previous, `${previous} then ${stamp}`).toBe(true);
      previous = stamp;
    }
  });
});
