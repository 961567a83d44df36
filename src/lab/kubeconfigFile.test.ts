/**
 * The lab's ~/.kube/config is a file, as on a kubeadm machine where admin.conf was copied there:
 * `cat` shows what kubectl loads, `kubectl config` commands rewrite it, and what the learner
 * does to it (edit, move away, break) is what kubectl finds next time.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { STORAGE_KEY } from './persist.ts';
import { createLabSession } from './session.ts';

const REFUSED =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';

describe("the lab's ~/.kube/config", () => {
  it('is the file kubectl loads: config view --raw prints it, ls lists it', () => {
    const lab = createLabSession();
    const file = lab.run('cat ~/.kube/config');
    expect(file.exitCode).toBe(0);
    expect(file.stdout).toBe(lab.run('kubectl config view --raw').stdout);
    expect(file.stdout).toMatch(
      /^apiVersion: v1\nclusters:\n- cluster:\n {4}certificate-authority-data: LS0t[A-Za-z0-9+/=]+\n {4}server: https:\/\/172\.18\.0\.2:6443\n {2}name: kubernetes\ncontexts:\n- context:\n {4}cluster: kubernetes\n {4}user: kubernetes-admin\n {2}name: kubernetes-admin@kubernetes\ncurrent-context: kubernetes-admin@kubernetes\nkind: Config\npreferences: \{\}\nusers:\n- name: kubernetes-admin\n {2}user:\n {4}client-certificate-data: LS0t[A-Za-z0-9+/=]+\n {4}client-key-data: LS0t[A-Za-z0-9+/=]+\n$/,
    );
    expect(lab.run('ls -a ~/.kube').stdout).toBe('.  ..  config\n');
  });

  it('kubectl config rewrites it, and an edit of the file is what kubectl uses', () => {
    const lab = createLabSession();
    lab.run('kubectl config set-context --current --namespace=kube-system');
    expect(lab.run('grep namespace: ~/.kube/config').stdout).toBe('    namespace: kube-system\n');
    expect(lab.run('kubectl get deploy -o name').stdout).toBe('deployment.apps/coredns\n');
    lab.run("sed -i 's/namespace: kube-system/namespace: kube-public/' ~/.kube/config");
    expect(lab.run('kubectl config view --minify -o jsonpath={..namespace}').stdout).toBe(
      'kube-public',
    );
    expect(lab.run('kubectl get deploy').stderr).toBe(
      'No resources found in kube-public namespace.\n',
    );
    // The console's header follows the file too.
    expect(lab.state().context.namespace).toBe('kube-public');
    // Written back unchanged, it reads the same: a copy round trip loses nothing.
    lab.run('cp ~/.kube/config ~/saved.conf');
    lab.run('kubectl config set-context --current --namespace=default');
    lab.run('cp ~/saved.conf ~/.kube/config');
    expect(lab.run('cat ~/.kube/config').stdout).toBe(lab.run('cat ~/saved.conf').stdout);
    expect(lab.run('kubectl auth whoami -o jsonpath={.status.userInfo.username}').stdout).toBe(
      'kubernetes-admin',
    );
  });

  it('named by --kubeconfig or $KUBECONFIG, it is read as it is now, within the same line', () => {
    const lab = createLabSession();
    lab.run('kubectl config set-context --current --namespace=kube-system');
    expect(
      lab.run(
        "sed -i 's/namespace: kube-system/namespace: kube-public/' ~/.kube/config && kubectl --kubeconfig ~/.kube/config get deploy",
      ).stderr,
    ).toBe('No resources found in kube-public namespace.\n');
    expect(
      lab.run(
        "sed -i 's/namespace: kube-public/namespace: kube-system/' ~/.kube/config && KUBECONFIG=$HOME/.kube/config kubectl get deploy -o name",
      ).stdout,
    ).toBe('deployment.apps/coredns\n');
  });

  it('moved away, kubectl has no cluster (localhost:8080); copied back, it works again', () => {
    const lab = createLabSession();
    expect(lab.run('mv ~/.kube/config ~/admin.conf').exitCode).toBe(0);
    const refused = lab.run('kubectl get nodes');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.endsWith(REFUSED)).toBe(true);
    expect(refused.stderr).toContain(
      'couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\"',
    );
    expect(lab.run('kubectl config current-context')).toMatchObject({
      stderr: 'error: current-context is not set\n',
      exitCode: 1,
    });
    // kubectl --kubeconfig reads the moved file as any other.
    expect(lab.run('kubectl --kubeconfig ~/admin.conf get nodes -o name').stdout).toBe(
      'node/control-plane\nnode/node1\nnode/node2\nnode/node3\n',
    );
    lab.run('cp ~/admin.conf ~/.kube/config');
    expect(lab.run('kubectl get nodes -o name').stdout).toBe(
      'node/control-plane\nnode/node1\nnode/node2\nnode/node3\n',
    );
    // Its directory removed with it: the same.
    lab.run('rm -r ~/.kube');
    expect(lab.run('kubectl get nodes').stderr.endsWith(REFUSED)).toBe(true);
  });

  it("broken, every command that loads it fails with the loader's error; --client needs none", () => {
    const lab = createLabSession();
    lab.run("echo 'apiVersion: [' > ~/.kube/config");
    expect(lab.run('kubectl get pods')).toMatchObject({
      stdout: '',
      stderr:
        'error: error loading config file "/home/learner/.kube/config": yaml: line 1: did not find expected node content\n',
      exitCode: 1,
    });
    expect(lab.run('kubectl version --client').stdout).toBe(
      'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
    );
  });

  it('survives a reload as the learner left it: edited, or gone', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run(
      "sed -i 's/    cluster: kubernetes/    cluster: kubernetes\\n    namespace: kube-system/' ~/.kube/config",
    );
    expect(a.run('kubectl get deploy -o name').stdout).toBe('deployment.apps/coredns\n');
    const b = createLabSession({ storage });
    expect(b.run('kubectl get deploy -o name').stdout).toBe('deployment.apps/coredns\n');
    b.run('rm ~/.kube/config');
    const c = createLabSession({ storage });
    expect(c.run('cat ~/.kube/config').stderr).toBe(
      'cat: /home/learner/.kube/config: No such file or directory\n',
    );
    expect(c.run('kubectl get ns').stderr.endsWith(REFUSED)).toBe(true);
  });

  it('comes to a lab saved before it, written from the config its replay rebuilt', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl config set-context --current --namespace=kube-system');
    // As a lab saved before the file existed: no marker, no file.
    const saved = JSON.parse(storage.data.get(STORAGE_KEY) ?? '{}');
    delete saved.kubeconfigFile;
    delete saved.files['/home/learner/.kube/config'];
    delete saved.base['/home/learner/.kube/config'];
    storage.data.set(STORAGE_KEY, JSON.stringify(saved));
    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.restored', params: { count: 1 } });
    expect(b.run('grep namespace: ~/.kube/config').stdout).toBe('    namespace: kube-system\n');
    expect(b.run('kubectl get deploy -o name').stdout).toBe('deployment.apps/coredns\n');
  });
});
