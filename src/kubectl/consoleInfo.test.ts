/**
 * Tutorial one-liners the console's shell answers as bash on the learner's machine: brace
 * expansion, `[[ == pattern ]]`, `type`/`which`/`command -v`, `env`, `source`, the kubectl docs'
 * completion setup, `$RANDOM`, and what it cannot do (`watch`, `history`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('tutorial one-liners in the console', () => {
  it('expands braces in unquoted words, before variables', () => {
    const { run } = engineSession(3);
    expect(run('echo {1..3} {a,b}-x pod-{01..03}.yaml {5..1..2} "{1..3}" x={a,b}').out).toBe(
      '1 2 3 a-x b-x pod-01.yaml pod-02.yaml pod-03.yaml 5 3 1 {1..3} x={a,b}\n',
    );
    expect(run('for i in {1..3}; do echo n$i; done').out).toBe('n1\nn2\nn3\n');
    expect(run('kubectl get ns kube-{system,public} -o name').out).toBe(
      'namespace/kube-system\nnamespace/kube-public\n',
    );
    // Not a brace expansion: no comma or sequence inside.
    expect(run('kubectl get ns -o name | xargs -I{} echo {}').out).toContain('namespace/default\n');
  });

  it('[[ == ]] matches a glob, != its opposite, =~ a regular expression', () => {
    const { run } = engineSession(3);
    run('POD=bb-1');
    expect(run('[[ $POD == bb* ]] && echo match').out).toBe('match\n');
    expect(run('[[ $POD != bb* ]] || echo same').out).toBe('same\n');
    expect(run('[[ $POD =~ ^bb-[0-9]+$ ]] && echo re').out).toBe('re\n');
    expect(run('[[ $POD == web* ]]; echo $?').out).toBe('1\n');
  });

  it('type, which and command -v tell aliases, keywords, builtins and programs apart', () => {
    const { run } = engineSession(3);
    run('alias k=kubectl');
    expect(run('type k cd if kubectl nope')).toEqual({
      out: "k is aliased to `kubectl'\ncd is a shell builtin\nif is a shell keyword\nkubectl is /usr/bin/kubectl\n",
      err: 'bash: type: nope: not found\n',
      code: 1,
    });
    expect(run('which kubectl grep').out).toBe('/usr/bin/kubectl\n/usr/bin/grep\n');
    expect(run('which nope').code).toBe(1);
    expect(run('command -v k kubectl').out).toBe("alias k='kubectl'\n/usr/bin/kubectl\n");
  });

  it('finds no program named like a JavaScript object key (toString, constructor)', () => {
    const { run } = engineSession(3);
    expect(run('type toString')).toEqual({
      out: '',
      err: 'bash: type: toString: not found\n',
      code: 1,
    });
    expect(run('which constructor')).toEqual({ out: '', err: '', code: 1 });
    expect(run('command -v hasOwnProperty')).toEqual({ out: '', err: '', code: 1 });
  });

  it('env and printenv list the exported variables', () => {
    const { run } = engineSession(3);
    run('export NS=kube-system; LOCAL=1');
    expect(run('env | grep -E "^(NS|LOCAL|KUBECONFIG)="').out).toBe(
      'KUBECONFIG=/home/learner/.kube/config\nNS=kube-system\n',
    );
    expect(run('printenv NS LOCAL')).toEqual({ out: 'kube-system\n', err: '', code: 1 });
  });

  it("source runs a file's lines in this shell; the kubectl completion setup is accepted", () => {
    const { run } = engineSession(3);
    run('echo \'export NS=kube-system; alias kn="kubectl -n $NS"\' > env.sh');
    expect(run('source env.sh; echo $NS')).toEqual({ out: 'kube-system\n', err: '', code: 0 });
    expect(run('. nope.sh').err).toBe('bash: nope.sh: No such file or directory\n');
    expect(
      run('source <(kubectl completion bash); complete -o default -F __start_kubectl k; echo ok'),
    ).toEqual({ out: 'ok\n', err: '', code: 0 });
  });

  it('$RANDOM gives a new number from 0 to 32767 each time', () => {
    const { run } = engineSession(3);
    const [a, b] = run('echo $RANDOM $RANDOM').out.trim().split(' ').map(Number);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(32767);
    expect(a).not.toBe(b);
  });

  it('says what it cannot do: watch redraws a screen, history lives in the input line', () => {
    const { run } = engineSession(3);
    expect(run('watch kubectl get pods')).toEqual({
      out: '',
      err: 'watch: this console cannot redraw a full screen: use kubectl get … --watch (-w), or a loop such as for i in 1 2 3; do kubectl get pods; sleep 2; done\n',
      code: 1,
    });
    expect(run('history').code).toBe(0);
  });

  it('here-strings, tee, $(< FILE) and IFS for read', () => {
    const { run } = engineSession(3);
    expect(run('base64 -d <<< "aGVsbG8="')).toEqual({ out: 'hello', err: '', code: 0 });
    expect(run('wc -l <<< "one"').out).toBe('1\n');
    expect(run('kubectl get ns -o name | tee ns.txt | wc -l').out).toBe('4\n');
    expect(run('cat ns.txt').out).toBe(
      'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
    );
    expect(run('echo more | tee -a ns.txt > /dev/null; tail -1 ns.txt').out).toBe('more\n');
    expect(run('echo "[$(< ns.txt)]" | head -1').out).toBe('[namespace/default\n');
    expect(run('x=$(< nope.txt); echo $?')).toEqual({
      out: '1\n',
      err: 'bash: nope.txt: No such file or directory\n',
      code: 0,
    });
    expect(
      run('kubectl get ns -o name | while IFS=/ read kind name; do echo $name; done').out,
    ).toBe('default\nkube-node-lease\nkube-public\nkube-system\n');
    expect(run('IFS= read -r line <<< "  padded  "; echo "[$line]"').out).toBe('[  padded  ]\n');
    expect(run('read -r line <<< "  padded  "; echo "[$line]"').out).toBe('[padded]\n');
  });

  it('set lists the variables', () => {
    const { run } = engineSession(3);
    run("MSG='two words'; N=1");
    expect(run('set | grep -E "^(MSG|N)="').out).toBe("MSG='two words'\nN=1\n");
  });
});
