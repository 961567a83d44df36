/**
 * The kubelet's systemd unit as the node reads it (audit 16 G31, G32): the package's unit file,
 * kubeadm's drop-in, `daemon-reload` before a changed unit counts, a drop-in without kubeadm's
 * flags starting a standalone kubelet that never registers, and a disabled kubelet staying down
 * when its machine boots again.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';
import { refusedPattern } from '../testing/refused.ts';

const RELOAD =
  "Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n";
const DROP_IN = '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf';

describe('the kubelet unit and its drop-in', () => {
  it('the unit file the status names is there, as the kubelet package installs it', () => {
    const { run } = engineSession(3);
    expect(run('ssh node1 cat /usr/lib/systemd/system/kubelet.service')).toEqual({
      out: `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`,
      err: '',
      code: 0,
    });
    expect(run('ssh node1 ls /usr/lib/systemd/system/kubelet.service.d').out).toBe(
      '10-kubeadm.conf\n',
    );
  });

  it('systemctl cat: the unit file and its drop-in under # PATH lines; outdated ones flagged until daemon-reload', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    const unit = run('cat /usr/lib/systemd/system/kubelet.service').out;
    const dropIn = run(`cat ${DROP_IN}`).out;
    expect(run('systemctl cat kubelet')).toEqual({
      out: `# /usr/lib/systemd/system/kubelet.service\n${unit}\n# ${DROP_IN}\n${dropIn}`,
      err: '',
      code: 0,
    });
    run(`echo 'Environment="KUBELET_EXTRA_ARGS=--v=4"' >> ${DROP_IN}`);
    expect(run('systemctl cat kubelet').out).toBe(
      `# Warning: kubelet.service changed on disk, the version systemd has loaded is outdated.
# This output shows the current version of the unit's original fragment and drop-in files.
# If fragments or drop-ins were added or removed, they are not properly reflected in this output.
# Run 'systemctl daemon-reload' to reload units.
# /usr/lib/systemd/system/kubelet.service\n${unit}\n# ${DROP_IN}\n${dropIn}Environment="KUBELET_EXTRA_ARGS=--v=4"\n`,
    );
    run('systemctl daemon-reload');
    expect(run('systemctl cat kubelet').out).toMatch(
      /^# \/usr\/lib\/systemd\/system\/kubelet\.service\n/,
    );
  });

  it('a bare [Service] drop-in counts only after daemon-reload; then the unit runs /usr/bin/kubelet alone, which never registers: NotReady', () => {
    const { run } = engineSession(3);
    run('ssh node3');
    run(`cp ${DROP_IN} /root/10-kubeadm.conf`);
    run(`echo "[Service]" > ${DROP_IN}`);
    // systemd still runs what it loaded, and says so.
    expect(run('systemctl restart kubelet')).toEqual({ out: '', err: RELOAD, code: 0 });
    const stale = run('systemctl status kubelet');
    expect(stale.err).toBe(RELOAD);
    expect(stale.out).toMatch(
      /\n {13}└─\d+ \/usr\/bin\/kubelet --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet\.conf --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --config=\/var\/lib\/kubelet\/config\.yaml /,
    );
    expect(run('systemctl daemon-reload')).toEqual({ out: '', err: '', code: 0 });
    expect(run('systemctl restart kubelet')).toEqual({ out: '', err: '', code: 0 });
    const status = run('systemctl status kubelet');
    expect(status.err).toBe('');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(
      /^● kubelet\.service - kubelet: The Kubernetes Node Agent\n {5}Loaded: loaded \(\/usr\/lib\/systemd\/system\/kubelet\.service; enabled; preset: enabled\)\n {4}Drop-In: \/usr\/lib\/systemd\/system\/kubelet\.service\.d\n {13}└─10-kubeadm\.conf\n {5}Active: active \(running\) since /,
    );
    expect(status.out).toMatch(
      /\n {5}CGroup: \/system\.slice\/kubelet\.service\n {13}└─\d+ \/usr\/bin\/kubelet\n/,
    );
    expect(status.out).toContain('"Standalone mode, no API client"\n');
    expect(status.out).not.toContain('Flag --pod-infra-container-image');
    expect(run('ps -ef').out).toMatch(/ \/usr\/bin\/kubelet\n/);
    run('exit');
    run('sim advance 60s');
    expect(run('kubectl get node node3').out).toMatch(/\nnode3 +NotReady /);
    // kubeadm's drop-in back, reloaded, restarted: the kubelet registers again.
    run(`ssh node3 cp /root/10-kubeadm.conf ${DROP_IN}`);
    expect(run('ssh node3 systemctl status kubelet').err).toBe(RELOAD);
    run('ssh node3 systemctl daemon-reload');
    run('ssh node3 systemctl restart kubelet');
    run('sim advance 20s');
    expect(run('kubectl get node node3').out).toMatch(/\nnode3 +Ready /);
    expect(run('ssh node3 ps -ef').out).toContain(
      '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10\n',
    );
  });

  it('KUBELET_EXTRA_ARGS from /etc/default/kubelet and an override drop-in in /etc reach the command line', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    run('echo "KUBELET_EXTRA_ARGS=--node-labels=tier=edge" > /etc/default/kubelet');
    run('mkdir -p /etc/systemd/system/kubelet.service.d');
    run(
      `echo '[Service]\nEnvironment="KUBELET_EXTRA_ARGS=--v=4"' > /etc/systemd/system/kubelet.service.d/20-verbose.conf`,
    );
    run('systemctl daemon-reload');
    run('systemctl restart kubelet');
    const status = run('systemctl status kubelet').out;
    expect(status).toContain(
      '    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf\n             /etc/systemd/system/kubelet.service.d\n             └─20-verbose.conf\n',
    );
    // The environment file is read at start, after Environment=: it wins.
    expect(status).toMatch(
      /--pod-infra-container-image=registry\.k8s\.io\/pause:3\.10 --node-labels=tier=edge\n/,
    );
  });

  it('a drop-in that only resets ExecStart leaves the unit without one: systemd refuses to start it', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    run(`echo '[Service]\nExecStart=' > ${DROP_IN}`);
    run('systemctl daemon-reload');
    expect(run('systemctl restart kubelet')).toEqual({
      out: '',
      err: "Failed to restart kubelet.service: Unit kubelet.service has a bad unit file setting.\nSee system logs and 'systemctl status kubelet.service' for details.\n",
      code: 1,
    });
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'inactive\n', err: '', code: 3 });
  });
});

describe('a disabled kubelet', () => {
  it('is gone from multi-user.target.wants and stays down when the machine boots again', () => {
    const { run } = engineSession(3);
    run('ssh node2');
    expect(run('ls -l /etc/systemd/system/multi-user.target.wants').out).toMatch(
      /^total 4\nlrwxrwxrwx 1 root root +39 \w{3} +\d+ \d\d:\d\d kubelet\.service -> \/usr\/lib\/systemd\/system\/kubelet\.service\n$/,
    );
    expect(run('systemctl disable kubelet')).toEqual({
      out: '',
      err: 'Removed "/etc/systemd/system/multi-user.target.wants/kubelet.service".\n',
      code: 0,
    });
    expect(run('systemctl is-enabled kubelet')).toEqual({ out: 'disabled\n', err: '', code: 1 });
    expect(run('ls /etc/systemd/system/multi-user.target.wants').out).toBe('');
    // Disabling does not stop it.
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'active\n', err: '', code: 0 });
    run('exit');
    run('sim stop-node node2');
    run('sim start-node node2');
    run('sim advance 60s');
    expect(run('kubectl get node node2').out).toMatch(/\nnode2 +NotReady /);
    run('ssh node2');
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'inactive\n', err: '', code: 3 });
    expect(run('systemctl enable --now kubelet')).toEqual({
      out: '',
      err: 'Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /usr/lib/systemd/system/kubelet.service.\n',
      code: 0,
    });
    run('exit');
    run('sim advance 20s');
    expect(run('kubectl get node node2').out).toMatch(/\nnode2 +Ready /);
  });

  it('on the control plane, the static pods wait for the kubelet: no API server until it is started', () => {
    const { run } = engineSession(3);
    run('ssh control-plane systemctl disable kubelet');
    run('sim stop-node control-plane');
    run('sim start-node control-plane');
    expect(run('kubectl get nodes').err).toMatch(refusedPattern('172.18.0.2:6443'));
    run('ssh control-plane systemctl start kubelet');
    run('sim advance 30s');
    expect(run('kubectl get node control-plane').out).toMatch(/\ncontrol-plane +Ready /);
  });

  it('a machine that boots again starts the kubelet from the files as they are: a broken config fails it', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    run('echo "garbage: [" > /var/lib/kubelet/config.yaml');
    run('exit');
    run('sim stop-node node1');
    run('sim start-node node1');
    run('ssh node1');
    expect(run('systemctl is-active kubelet')).toEqual({ out: 'activating\n', err: '', code: 3 });
    expect(run('journalctl -u kubelet -n 3').out).toContain(
      'error failed to decode: yaml: line 1: did not find expected node content"\n',
    );
    run('exit');
    run('sim advance 60s');
    expect(run('kubectl get node node1').out).toMatch(/\nnode1 +NotReady /);
  });
});
