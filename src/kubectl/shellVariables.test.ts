/**
 * The console's shell keeps variables and aliases the way bash does, so the exam-prep habit
 * `export do="--dry-run=client -o yaml"` then `k run x --image=nginx $do` prints the dry run
 * instead of creating the pod.
 */
import { describe, expect, it } from 'vitest';
import { restoreShell, shellSnapshot } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

const DRY_RUN_POD = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - image: nginx
    name: x
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

describe('shell variables', () => {
  it('export do=… then $do is split into kubectl arguments: a dry run, nothing created', () => {
    const { run } = engineSession(1);
    expect(run('export do="--dry-run=client -o yaml"')).toEqual({ out: '', err: '', code: 0 });
    expect(run('k run x --image=nginx $do')).toEqual({ out: DRY_RUN_POD, err: '', code: 0 });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${NAME}, not a template
    expect(run('kubectl run x --image=nginx ${do}').out).toBe(DRY_RUN_POD);
    expect(run('kubectl get pods')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run('echo $do').out).toBe('--dry-run=client -o yaml\n');
  });

  it('expands per command, keeps quoted values whole, leaves single quotes and \\$ alone', () => {
    const { run } = engineSession(1);
    expect(run('x="a  b"; echo $x; echo "$x"; echo \'$x\' \\$x').out).toBe('a b\na  b\n$x $x\n');
    // An assignment is never split; an unset variable expands to nothing.
    expect(run('y=$x; echo "[$y]" [$nope] $nope end').out).toBe('[a  b] [] end\n');
    expect(run('$nope')).toEqual({ out: '', err: '', code: 0 });
  });

  it('$? is the last exit status', () => {
    const { run } = engineSession(1);
    expect(run('kubectl get nope; echo $?').out).toBe('1\n');
    expect(run('echo $?').out).toBe('0\n');
  });

  it('export lists, refuses bad names; unset removes', () => {
    const { run } = engineSession(1);
    run('export now="--force --grace-period 0"');
    expect(run('export').out).toContain('declare -x now="--force --grace-period 0"\n');
    expect(run('export 1x=2')).toEqual({
      out: '',
      err: "bash: export: `1x=2': not a valid identifier\n",
      code: 1,
    });
    run('unset now');
    expect(run('echo "[$now]"').out).toBe('[]\n');
  });

  it('alias k=kubectl succeeds, aliases expand and list as bash prints them', () => {
    const { run } = engineSession(1);
    expect(run('alias k=kubectl')).toEqual({ out: '', err: '', code: 0 });
    run("alias kgp='kubectl get pods -A'");
    expect(run('alias').out).toBe("alias k='kubectl'\nalias kgp='kubectl get pods -A'\n");
    expect(run('kgp').out).toMatch(/^NAMESPACE {5}NAME/);
    expect(run('alias nope')).toEqual({ out: '', err: 'bash: alias: nope: not found\n', code: 1 });
    run('unalias kgp');
    expect(run('kgp').err).toBe('bash: kgp: command not found\n');
  });

  it('a snapshot carries variables and aliases to a new host', () => {
    const a = engineSession(1);
    a.run('export do="--dry-run=client -o yaml"; alias kk=kubectl');
    const b = engineSession(1);
    restoreShell(b.host, shellSnapshot(a.host));
    expect(b.run('kk run x --image=nginx $do').out).toBe(DRY_RUN_POD);
  });
});
