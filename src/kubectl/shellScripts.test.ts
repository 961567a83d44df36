/**
 * `sh -c` in a container: `$?`, `$((…))` and `$(…)` expand as the shell expands them, and the
 * text tools a learner pipes into (grep, head, tail, wc, sort, uniq, tr) work on a command's
 * output or a file.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('shell scripts run with kubectl exec', () => {
  const session = () => {
    const s = engineSession(8);
    s.run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    return s.run;
  };

  it('expands $?, arithmetic and command substitution', () => {
    const run = session();
    expect(run(`kubectl exec bb -- sh -c 'false; echo $?'`).out).toBe('1\n');
    expect(run(`kubectl exec bb -- sh -c 'x=5; echo $((x*2)) $(( (x+1) % 4 ))'`).out).toBe(
      '10 2\n',
    );
    expect(run(`kubectl exec bb -- sh -c 'echo $(hostname)-x'`).out).toBe('bb-x\n');
    // date is the time of the exec, alone or substituted.
    expect(run('kubectl exec bb -- date').out).toMatch(
      /^[A-Z][a-z]{2} Jan {1,2}\d+ \d\d:\d\d:\d\d UTC 2026\n$/,
    );
    expect(run(`kubectl exec bb -- sh -c 'echo "now: $(date)"'`).out).toMatch(
      /^now: [A-Z][a-z]{2} Jan .* UTC 2026\n$/,
    );
    // Single quotes keep them literal.
    expect(run(`kubectl exec bb -- sh -c "echo '\\$?'"`).out).toBe('$?\n');
    expect(run(`kubectl exec bb -- sh -c 'grep -q zzz /etc/hosts; echo rc=$?'`).out).toBe('rc=1\n');
  });

  it('pipes through grep, tr, wc, head and sort', () => {
    const run = session();
    expect(run(`kubectl exec bb -- sh -c 'cat /etc/hostname | tr a-z A-Z'`).out).toBe('BB\n');
    expect(run(`kubectl exec bb -- sh -c 'echo hi | wc -c'`).out).toBe('3\n');
    expect(run(`kubectl exec bb -- sh -c 'env | grep KUBERNETES_SERVICE_HOST'`).out).toBe(
      'KUBERNETES_SERVICE_HOST=10.96.0.1\n',
    );
    expect(run('kubectl exec bb -- grep nameserver /etc/resolv.conf').out).toBe(
      'nameserver 10.96.0.10\n',
    );
    expect(run('kubectl exec bb -- head -n 2 /etc/hosts').out).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n',
    );
    expect(run('kubectl exec bb -- wc -l /etc/resolv.conf').out).toBe('3 /etc/resolv.conf\n');
    expect(
      run(`kubectl exec bb -- sh -c 'printenv | grep KUBERNETES_PORT_443 | sort -r | head -1'`).out,
    ).toBe('KUBERNETES_PORT_443_TCP_PROTO=tcp\n');
    // grep that finds nothing: exit 1, as kubectl reports it.
    expect(run('kubectl exec bb -- grep zzz /etc/hosts')).toEqual({
      out: '',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
  });

  it('expands * and ? against the files it knows: a ConfigMap volume', () => {
    const { run, host } = engineSession(8);
    run('kubectl create configmap cfg --from-literal=color=blue --from-literal=size=L');
    host.fs.write(
      'g.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: g\nspec:\n  volumes: [{name: v, configMap: {name: cfg}}]\n  containers: [{name: c, image: busybox, command: [sleep, "3600"], volumeMounts: [{name: v, mountPath: /cfg}]}]\n',
    );
    run('kubectl apply -f g.yaml');
    expect(run(`kubectl exec g -- sh -c 'cat /cfg/*'`).out).toBe('blueL');
    expect(run(`kubectl exec g -- sh -c 'for f in /cfg/*; do echo "$f=$(cat $f)"; done'`).out).toBe(
      '/cfg/color=blue\n/cfg/size=L\n',
    );
    // ConfigMap volumes are mounted read-only.
    expect(run(`kubectl exec g -- sh -c 'echo x > /cfg/new; echo rc=$?'`)).toEqual({
      out: 'rc=1\n',
      err: "sh: can't create /cfg/new: Read-only file system\n",
      code: 0,
    });
    expect(run('kubectl exec g -- rm /cfg/color')).toEqual({
      out: '',
      err: "rm: can't remove '/cfg/color': Read-only file system\ncommand terminated with exit code 1\n",
      code: 1,
    });
    // Quoted, or matching nothing, the pattern stays as written.
    expect(run(`kubectl exec g -- sh -c 'echo "/cfg/*" /cfg/z*'`).out).toBe('/cfg/* /cfg/z*\n');
  });

  it('mkdir of a directory that is there fails without -p; rm speaks busybox or coreutils', () => {
    const { run } = engineSession(8);
    run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    run('kubectl run web --image=nginx');
    expect(run('kubectl exec bb -- mkdir /tmp')).toEqual({
      out: '',
      err: "mkdir: can't create directory '/tmp': File exists\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec bb -- mkdir -p /tmp').code).toBe(0);
    expect(run('kubectl exec web -- rm /tmp/nope').err).toBe(
      "rm: cannot remove '/tmp/nope': No such file or directory\ncommand terminated with exit code 1\n",
    );
    expect(run('kubectl exec bb -- rm /tmp/nope').err).toBe(
      "rm: can't remove '/tmp/nope': No such file or directory\ncommand terminated with exit code 1\n",
    );
  });
});
