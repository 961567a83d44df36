/**
 * The lab's console on a node: the prompt shows where the shell runs (`root@node1:~#` after
 * `ssh node1`), and a reload brings the learner back into the same node shell, with the
 * static pod they made from a manifest still running.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession } from './session.ts';

describe('the lab console on a node', () => {
  it('shows the node shell in its prompt until exit', () => {
    const lab = createLabSession();
    expect(lab.state().prompt).toBe('$');
    lab.run('ssh node1');
    expect(lab.state().prompt).toBe('root@node1:~#');
    lab.run('cd /etc/kubernetes/manifests');
    expect(lab.state().prompt).toBe('root@node1:/etc/kubernetes/manifests#');
    expect(lab.run('exit').stderr).toBe('logout\nConnection to node1 closed.\n');
    expect(lab.state().prompt).toBe('$');
  });

  it('a reload keeps the login, its directory and the static pod written there', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl run static-web --image=nginx --dry-run=client -o yaml > static-web.yaml');
    a.run('scp static-web.yaml node1:/etc/kubernetes/manifests/');
    a.run('ssh node1');
    a.run('cd /etc/kubernetes/manifests');
    const b = createLabSession({ storage });
    expect(b.state().prompt).toBe('root@node1:/etc/kubernetes/manifests#');
    expect(b.run('ls').stdout).toBe('static-web.yaml\n');
    b.run('exit');
    // The lab starts with the guided flow's web pod.
    expect(b.run('kubectl get pods').stdout).toMatch(
      /^NAME {19}READY {3}STATUS {4}RESTARTS {3}AGE\nstatic-web-node1 {7}1\/1 {5}Running {3}0 {10}/,
    );
  });
});

describe('the lab narrates the node shell', () => {
  it('ssh: a root shell on the node; systemctl stop kubelet: the kubelet stopped', () => {
    const lab = createLabSession();
    expect(lab.run('ssh node2').steps.map((s) => s.title)).toEqual([
      { key: 'lab.step.nodeShell.title', params: { node: 'node2' } },
    ]);
    expect(lab.run('systemctl stop kubelet').steps.map((s) => s.title)).toEqual([
      { key: 'lab.step.kubeletStopped.title', params: { node: 'node2' } },
    ]);
  });

  it('the stage marks the stopped kubelet, and a kubelet that exits at start keeps failing', () => {
    const lab = createLabSession();
    lab.run('ssh node2');
    const kubeletOf = (steps: { model: { nodes: { name: string; kubeletDown?: boolean }[] } }[]) =>
      steps.at(-1)?.model.nodes.find((n) => n.name === 'node2')?.kubeletDown;
    const stopped = lab.run('systemctl stop kubelet').steps;
    expect(kubeletOf(stopped)).toBe(true);
    // The other nodes' kubelets still run.
    expect(
      stopped
        .at(-1)
        ?.model.nodes.filter((n) => n.kubeletDown)
        .map((n) => n.name),
    ).toEqual(['node2']);
    lab.run('echo "garbage: [" > /var/lib/kubelet/config.yaml');
    const failing = lab.run('systemctl start kubelet').steps;
    expect(failing.map((s) => s.title)).toEqual([
      { key: 'lab.step.kubeletFailing.title', params: { node: 'node2' } },
    ]);
    expect(kubeletOf(failing)).toBe(true);
    // Fixed: the next start comes up, and the box is plain again.
    lab.run(
      'printf "apiVersion: kubelet.config.k8s.io/v1beta1\\nkind: KubeletConfiguration\\n" > /var/lib/kubelet/config.yaml',
    );
    const started = lab.run('systemctl restart kubelet').steps;
    expect(started.length).toBeGreaterThan(0);
    expect(kubeletOf(started)).toBeUndefined();
  });

  it('draws the SSH hop: the laptop to the node, carrying the line, and no other wire', () => {
    const lab = createLabSession();
    const hop = (line: string) => {
      const steps = lab.run(line).steps;
      expect(steps).toHaveLength(1);
      const step = steps[0];
      return {
        title: step?.title.key,
        active: step?.model.active,
        packets: step?.model.packets.map((p) => [p.from, p.to, p.label]),
        messages: step?.messages.map((m) => [m.kind, m.summary.key, m.summary.params]),
      };
    };
    expect(hop('ssh node1')).toEqual({
      title: 'lab.step.nodeShell.title',
      active: ['developer'],
      packets: [['developer', 'node/node1', 'ssh node1']],
      messages: [['ssh.login', 'lab.msg.ssh.login', { node: 'node1' }]],
    });
    // A line that reaches no component still travels over SSH to the machine it runs on.
    expect(hop('crictl ps')).toEqual({
      title: 'lab.step.nodeShellLine.title',
      active: ['developer'],
      packets: [['developer', 'node/node1', 'crictl ps']],
      messages: [['ssh.line', 'lab.msg.ssh.line', { node: 'node1' }]],
    });
    expect(hop('cat /nonexistent').packets).toEqual([
      ['developer', 'node/node1', 'cat /nonexistent'],
    ]);
    expect(hop('systemctl stop kubelet').title).toBe('lab.step.kubeletStopped.title');
    lab.run('exit');
    // Back on the laptop, a line that reaches nothing draws no hop.
    expect(lab.run('echo hi').steps).toEqual([]);
  });
});
