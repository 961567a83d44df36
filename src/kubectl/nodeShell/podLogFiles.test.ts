/**
 * The kubelet's log files on a node (audit 16 G12): /var/log/pods/<ns>_<pod>_<uid>/<container>/
 * <restart>.log in the CRI format and the /var/log/containers symlinks; `tee` and `tee -a`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

describe('container log files on the node', () => {
  it('one directory per pod, one file per run, the symlink named with the container ID', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run crash --image=busybox --overrides='{"spec":{"nodeName":"node1"}}' -- sh -c 'echo boom; exit 1'`,
    );
    run('sim advance 30s');
    const uid = run('kubectl get pod crash -o jsonpath={.metadata.uid}').out;
    run('ssh node1');
    expect(run('ls /var/log/pods').out).toContain(`default_crash_${uid}`);
    // The current run's file and the one before it.
    const runs = /^(\d+)\.log {2}(\d+)\.log\n$/.exec(
      run(`ls /var/log/pods/default_crash_${uid}/crash`).out,
    );
    expect(Number(runs?.[2])).toBe(Number(runs?.[1]) + 1);
    const link = /crash_default_crash-[0-9a-f]{64}\.log/.exec(run('ls /var/log/containers').out);
    expect(link).not.toBeNull();
    expect(run(`ls -l /var/log/containers/${link?.[0]}`).out).toMatch(
      new RegExp(
        `^lrwxrwxrwx 1 root root +\\d+ \\w{3} +\\d+ \\d\\d:\\d\\d /var/log/containers/${link?.[0]} -> /var/log/pods/default_crash_${uid}/crash/${runs?.[2]}\\.log\n$`,
      ),
    );
    const log = run(`cat /var/log/containers/${link?.[0]}`);
    expect(log.out).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stdout F boom\n$/);
    expect(run(`cat /var/log/pods/default_crash_${uid}/crash/${runs?.[2]}.log`).out).toBe(log.out);
    run('exit');
    const id = JSON.parse(
      run('kubectl get pod crash -o jsonpath={.status.containerStatuses[0]}').out,
    ).containerID.replace('containerd://', '');
    expect(link?.[0]).toBe(`crash_default_crash-${id}.log`);
  });

  it("nginx's start-up lines: the entrypoint's on stdout, nginx's error log on stderr; a static pod's directory has its config hash", () => {
    const { run } = engineSession(3);
    run(`kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"node2"}}'`);
    run('sim advance 20s');
    const text = run('ssh node2 cat /var/log/containers/web_default_web-*.log').out;
    expect(text).toMatch(
      /\n\S+Z stdout F \/docker-entrypoint\.sh: Configuration complete; ready for start up\n\S+Z stderr F \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: using the "epoll" event method\n/,
    );
    const hash = /kubernetes\.io\/config\.mirror: (\S+)/.exec(
      run('kubectl get pod -n kube-system etcd-control-plane -o yaml').out,
    )?.[1];
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(run('ssh control-plane ls /var/log/pods').out).toContain(
      `kube-system_etcd-control-plane_${hash}`,
    );
  });
});

describe('tee on a node', () => {
  it('writes what it reads to each file and to its output; -a appends; a file it cannot open is reported', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    expect(run('echo "KUBELET_EXTRA_ARGS=--v=2" | sudo tee /etc/default/kubelet')).toEqual({
      out: 'KUBELET_EXTRA_ARGS=--v=2\n',
      err: '',
      code: 0,
    });
    expect(run('echo "# more" | tee -a /etc/default/kubelet /nope/x')).toEqual({
      out: '# more\n',
      err: 'tee: /nope/x: No such file or directory\n',
      code: 1,
    });
    expect(run('cat /etc/default/kubelet').out).toBe('KUBELET_EXTRA_ARGS=--v=2\n# more\n');
    expect(run('echo x | tee /etc')).toEqual({
      out: 'x\n',
      err: 'tee: /etc: Is a directory\n',
      code: 1,
    });
  });
});

describe("the control plane's own manifests written back", () => {
  it("the same text is taken (nothing changes); a changed one is refused in the console's words", () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    run('cp /etc/kubernetes/manifests/kube-apiserver.yaml /root/kube-apiserver.yaml.bak');
    expect(
      run('sudo cp /root/kube-apiserver.yaml.bak /etc/kubernetes/manifests/kube-apiserver.yaml'),
    ).toEqual({ out: '', err: '', code: 0 });
    expect(
      run(
        'cat /root/kube-apiserver.yaml.bak | tee /etc/kubernetes/manifests/kube-apiserver.yaml > /dev/null',
      ).code,
    ).toBe(0);
    // Another image: refused (moving it away and back, or changing what the kubelet applies,
    // is simulated).
    run("sed -i 's#kube-apiserver:v1.32.2#kube-apiserver:v1.32.3#' /root/kube-apiserver.yaml.bak");
    expect(
      run('cp /root/kube-apiserver.yaml.bak /etc/kubernetes/manifests/kube-apiserver.yaml'),
    ).toEqual({
      out: '',
      err: 'bash: this console cannot run "cp /root/kube-apiserver.yaml.bak /etc/kubernetes/manifests/kube-apiserver.yaml": changing the image or command of kube-apiserver is not simulated\n',
      code: 1,
    });
    run("sed -i 's#kube-apiserver:v1.32.3#kube-apiserver:v1.32.2#' /root/kube-apiserver.yaml.bak");
    expect(
      run('diff /root/kube-apiserver.yaml.bak /etc/kubernetes/manifests/kube-apiserver.yaml').out,
    ).toBe('');
    run('exit');
    expect(run('kubectl get pod -n kube-system kube-apiserver-control-plane').out).toMatch(
      /\nkube-apiserver-control-plane +1\/1 +Running +0 /,
    );
  });
});
