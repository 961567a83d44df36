/**
 * Here-documents and multi-line input in the console, as bash runs them: the exam idioms
 * `cat <<EOF | kubectl apply -f -`, `kubectl apply -f - <<'EOF'`, `cat > pod.yaml <<EOF`, `<<-`,
 * expansion in an unquoted body, bash's warning for a body cut short by the end of input, and
 * the continuation rules the lab's `> ` prompt follows.
 */
import { describe, expect, it } from 'vitest';
import { expandHereDoc } from './hereDocExpansion.ts';
import { needsMoreInput, splitScript } from './shellHeredoc.ts';

const NO_EXPANSIONS = { lookup: () => '', param: () => '', command: () => '', arith: () => '' };

import { engineSession } from './testing/engineSession.ts';

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:'];

describe('here-documents in the console', () => {
  it('cat <<EOF | kubectl apply -f - creates what the body says', () => {
    const { run } = engineSession(3);
    const text = [
      'cat <<EOF | kubectl apply -f -',
      ...POD,
      '  - name: web',
      '    image: nginx',
      'EOF',
    ];
    expect(run(text.join('\n'))).toEqual({ out: 'pod/web created\n', err: '', code: 0 });
    expect(run('kubectl get pod web -o jsonpath={.spec.containers[0].image}').out).toBe('nginx');
  });

  it("kubectl apply -f - <<'EOF' keeps $ literal; <<EOF expands the shell's variables", () => {
    const { run } = engineSession(3);
    run('IMG=nginx:1.27');
    const body = (name: string) => [
      ...POD.map((l) => l.replace('web', name)),
      '  - name: c',
      '    image: $IMG',
    ];
    expect(run(["kubectl apply -f - <<'EOF'", ...body('lit'), 'EOF'].join('\n')).out).toBe(
      'pod/lit created\n',
    );
    expect(run('kubectl get pod lit -o jsonpath={.spec.containers[0].image}').out).toBe('$IMG');
    expect(run(['kubectl apply -f - <<EOF', ...body('exp'), 'EOF'].join('\n')).out).toBe(
      'pod/exp created\n',
    );
    expect(run('kubectl get pod exp -o jsonpath={.spec.containers[0].image}').out).toBe(
      'nginx:1.27',
    );
  });

  it('cat > FILE <<EOF writes the file; the next lines run after it', () => {
    const { run, host } = engineSession(3);
    const r = run(
      [
        'cat > pod.yaml <<EOF',
        ...POD,
        '  - name: web',
        '    image: nginx',
        'EOF',
        'kubectl apply -f pod.yaml',
      ].join('\n'),
    );
    expect(r).toEqual({ out: 'pod/web created\n', err: '', code: 0 });
    expect(host.fs.read('pod.yaml')).toBe(
      `${[...POD, '  - name: web', '    image: nginx'].join('\n')}\n`,
    );
  });

  it('<<-EOF strips leading tabs from the body and the delimiter line, not spaces', () => {
    const { run } = engineSession(3);
    expect(run('cat <<-EOF\n\t\tone\n\t  two\n\tEOF').out).toBe('one\n  two\n');
    // Without the dash the tabs stay and a tab-indented EOF is body text.
    expect(run('cat <<EOF\n\tone\n\tEOF\nEOF').out).toBe('\tone\n\tEOF\n');
  });

  it('expands $NAME, {NAME} with a dollar, and $? in an unquoted body; \\$ stays a dollar', () => {
    const { run } = engineSession(3);
    run('export NS=prod');
    run('kubectl get pod nope');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's braces, not a template.
    expect(run('cat <<EOF\nns=$NS ${NS}-x \\$NS rc=$? unset=[$NOPE] \\$(x)\nEOF').out).toBe(
      'ns=prod prod-x $NS rc=1 unset=[] $(x)\n',
    );
    expect(run('cat <<"EOF"\n$NS \\$NS\nEOF').out).toBe('$NS \\$NS\n');
    expect(run('cat <<\\EOF\n$NS\nEOF').out).toBe('$NS\n');
  });

  it('warns as bash does when the input ends before the delimiter, and uses the text so far', () => {
    const { run } = engineSession(3);
    expect(run('echo start\ncat <<END\nline 1\nline 2')).toEqual({
      out: 'start\nline 1\nline 2\n',
      err: "bash: warning: here-document at line 2 delimited by end-of-file (wanted `END')\n",
      code: 0,
    });
  });

  it('a << without a word is a syntax error; <<< is a here-string', () => {
    const { run } = engineSession(3);
    expect(run('cat <<')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `newline'\n",
      code: 2,
    });
    expect(run('cat <<< hi')).toEqual({ out: 'hi\n', err: '', code: 0 });
    expect(run('cat <<<').err).toBe("bash: syntax error near unexpected token `newline'\n");
  });

  it('runs several lines one after another; quotes, \\ and | continue a command', () => {
    const { run } = engineSession(3);
    expect(run('X=1\necho $X\necho "a\nb"\necho one \\\ntwo\necho up |\ntr a-z A-Z').out).toBe(
      '1\na\nb\none two\nUP\n',
    );
    // `<<` inside quotes is text.
    expect(run('echo "a <<EOF b"').out).toBe('a <<EOF b\n');
  });

  it('writes a static pod manifest on a node with cat <<EOF > /etc/kubernetes/manifests/x.yaml', () => {
    const { run } = engineSession(3);
    run('ssh node1');
    const text = [
      'cat <<EOF > /etc/kubernetes/manifests/static-web.yaml',
      ...POD.map((l) => l.replace('web', 'static-web')),
      '  - name: web',
      '    image: nginx',
      'EOF',
    ];
    expect(run(text.join('\n'))).toEqual({ out: '', err: '', code: 0 });
    expect(run('ls /etc/kubernetes/manifests').out).toBe('static-web.yaml\n');
    run('exit');
    expect(run('kubectl get pods -o wide').out).toMatch(
      /\nstatic-web-node1 {3}1\/1 {5}Running {3}0 {10}\d+s {3}10\.244\.1\.\d+ {3}node1 /,
    );
  });
});

describe('when the console asks for another line', () => {
  it("a function's body waits for its }, a $( with a here-document for its )", () => {
    expect(needsMoreInput('f() {')).toBe(true);
    expect(needsMoreInput('function g {\n  echo hi')).toBe(true);
    expect(needsMoreInput('f() {\n  echo hi\n}')).toBe(false);
    expect(needsMoreInput('{ echo a')).toBe(true);
    expect(needsMoreInput('X=$(cat <<EOF\na\nEOF')).toBe(true);
    expect(needsMoreInput('X=$(cat <<EOF\na\nEOF\n)')).toBe(false);
    expect(needsMoreInput("kubectl get pods -o jsonpath='{.items}'")).toBe(false);
  });

  it('an open here-document, quote, trailing \\, | or && needs more; complete text does not', () => {
    expect(needsMoreInput('cat <<EOF | kubectl apply -f -')).toBe(true);
    expect(needsMoreInput('cat <<EOF | kubectl apply -f -\nkind: Pod')).toBe(true);
    expect(needsMoreInput('cat <<EOF | kubectl apply -f -\nkind: Pod\nEOF')).toBe(false);
    expect(needsMoreInput("cat <<-'END'\n\tx\n\tEND")).toBe(false);
    expect(needsMoreInput("echo 'abc")).toBe(true);
    expect(needsMoreInput("echo 'abc\ndef'")).toBe(false);
    expect(needsMoreInput('kubectl get pods \\')).toBe(true);
    expect(needsMoreInput('kubectl get pods \\\\')).toBe(false);
    expect(needsMoreInput('kubectl get pods |')).toBe(true);
    expect(needsMoreInput('kubectl get pods &&')).toBe(true);
    expect(needsMoreInput('kubectl get pods')).toBe(false);
    expect(needsMoreInput("echo 'a<<b'")).toBe(false);
    expect(needsMoreInput('echo hi # <<EOF')).toBe(false);
    expect(needsMoreInput('cat <<< word')).toBe(false);
  });

  it('a for, while, until or if without its done or fi needs more', () => {
    expect(needsMoreInput('while true; do')).toBe(true);
    expect(needsMoreInput('for i in 1 2\ndo\n  echo $i')).toBe(true);
    expect(needsMoreInput('for i in 1 2\ndo\n  echo $i\ndone')).toBe(false);
    expect(needsMoreInput('if true; then\n  while true; do echo x; done')).toBe(true);
    expect(needsMoreInput('if true; then\n  while true; do echo x; done\nfi')).toBe(false);
    expect(needsMoreInput("echo 'for the record'")).toBe(false);
    expect(needsMoreInput('echo done')).toBe(false);
  });

  it('two here-documents on one line take their bodies in order', () => {
    const { lines, complete } = splitScript('cat <<A <<B\na\nA\nb\nB\necho done');
    expect(complete).toBe(true);
    expect(lines.map((l) => l.hereDocs.map((d) => d.body))).toEqual([['a\n', 'b\n'], []]);
    expect(lines[1]?.text).toBe('echo done');
  });

  it('runs $(…), `…`, $((…)) and ${…} in an unquoted body; a quoted word keeps them literal', () => {
    const { run } = engineSession(3);
    run('POD=web');
    const manifest = [
      'cat <<EOF | kubectl apply -f -',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: cm-$(echo one)',
      'data:',
      '  pod: "${POD}"',
      "  nodes: '$(kubectl get nodes -o name | wc -l)'",
      '  sum: "$((2+3))"',
      '  tag: "${TAG:-latest}"',
      '  host: `echo h`',
      'EOF',
    ].join('\n');
    expect(run(manifest)).toEqual({ out: 'configmap/cm-one created\n', err: '', code: 0 });
    expect(run("kubectl get cm cm-one -o jsonpath='{.data}'").out).toBe(
      '{"host":"h","nodes":"4","pod":"web","sum":"5","tag":"latest"}',
    );
    expect(run("cat <<'EOF'\nv=${POD} d=$(echo sub) $((1+2))\nEOF").out).toBe(
      'v=${POD} d=$(echo sub) $((1+2))\n',
    );
    // Its errors reach the terminal; an expansion error runs nothing.
    expect(run('cat <<EOF\n$(kubectl get pod nope -o name)x\nEOF')).toEqual({
      out: 'x\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 0,
    });
    expect(run('cat <<EOF\n$((1/0))\nEOF')).toEqual({
      out: '',
      err: 'bash: 1/0: division by 0 (error token is "0")\n',
      code: 1,
    });
  });

  it('expandHereDoc removes a backslash-newline and keeps other backslashes', () => {
    expect(expandHereDoc('a\\\nb \\n \\\\ \\`', NO_EXPANSIONS)).toBe('ab \\n \\ `');
  });
});
