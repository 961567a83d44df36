/**
 * The console's command substitution (`$(…)`, backquotes), arithmetic expansion (`$((…))`),
 * one-line `for` loops, xargs, `sleep` inside a command list, and the small commands they lean
 * on (`seq`, `true`, `false`, `date`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('command substitution in the console', () => {
  it('feeds kubectl the names another kubectl printed', () => {
    const { run } = engineSession(3);
    run('kubectl run bb --image=busybox -- sleep 3600');
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('echo $(kubectl get pods -o name | head -1)').out).toBe('pod/bb\n');
    // Unquoted, the output splits into words: two pod names, one line.
    expect(run('echo $(kubectl get pods -l app=web -o name)').out).toMatch(
      /^pod\/web-[a-z0-9]+-[a-z0-9]{5} pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/,
    );
    // Quoted, it stays one word with its newline inside.
    expect(run('echo "$(kubectl get pods -l app=web -o name)"').out).toMatch(
      /^pod\/web-\S+\npod\/web-\S+\n$/,
    );
    const name = run(`kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'`).out;
    expect(
      run(
        `POD=$(kubectl get pods -l app=web -o jsonpath="{.items[0].metadata.name}"); echo "pod is $POD"`,
      ).out,
    ).toBe(`pod is ${name}\n`);
    expect(run('kubectl delete $(kubectl get pods -l run=bb -o name)')).toEqual({
      out: 'pod "bb" deleted\n',
      err: '',
      code: 0,
    });
    // The nodes, counted; backquotes do the same.
    expect(run('echo "nodes: $(kubectl get nodes --no-headers | wc -l)"').out).toBe('nodes: 4\n');
    expect(run('echo `kubectl get ns --no-headers | wc -l`').out).toBe('4\n');
  });

  it("passes the inner command's errors to the terminal, and its status to an assignment", () => {
    const { run } = engineSession(3);
    expect(run('echo $(kubectl get nosuch) done')).toEqual({
      out: 'done\n',
      err: 'error: the server doesn\'t have a resource type "nosuch"\n',
      code: 0,
    });
    expect(run('x=$(false); echo $?').out).toBe('1\n');
    expect(run('x=$(true); echo $?').out).toBe('0\n');
    expect(run('echo $(echo $(echo nested))').out).toBe('nested\n');
    // A subshell: its cd and variables do not outlast it.
    expect(run('echo $(cd /tmp; pwd); pwd').out).toBe('/tmp\n/home/learner\n');
    expect(run('echo $(y=1) "[$y]"').out).toBe('[]\n');
  });

  it('runs them on a node too', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    expect(run('echo $(hostname)').out).toBe('control-plane\n');
    const id = run('crictl ps --name kube-apiserver -q').out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(run('crictl logs $(crictl ps --name kube-apiserver -q) 2>&1 | head -1').out).toMatch(
      /^I0101 \d\d:\d\d:\d\d\.\d{6} +1 options\.go:\d+\] external host was not specified/,
    );
  });
});

describe('arithmetic expansion in the console', () => {
  it('computes integers with variables, and stops the line on a division by 0', () => {
    const { run } = engineSession(3);
    expect(run('echo $((2+3*4)) $(( (7+1) % 3 ))').out).toBe('14 2\n');
    expect(run('n=5; echo $((n*2)) $(($n-7))').out).toBe('10 -2\n');
    expect(run('echo $((1/0)); echo after')).toEqual({
      out: '',
      err: 'bash: 1/0: division by 0 (error token is "0")\n',
      code: 1,
    });
  });
});

describe('one-line for loops in the console', () => {
  it('runs the body once per word, the variable set each time and left set', () => {
    const { run } = engineSession(3);
    expect(run('for i in $(seq 1 3); do kubectl run p$i --image=nginx; done')).toEqual({
      out: 'pod/p1 created\npod/p2 created\npod/p3 created\n',
      err: '',
      code: 0,
    });
    expect(run('for p in $(kubectl get pods -o name); do echo $p; done').out).toBe(
      'pod/p1\npod/p2\npod/p3\n',
    );
    expect(run('echo $p').out).toBe('pod/p3\n');
    expect(run('for i in 1 2; do for j in a b; do echo $i$j; done; done').out).toBe(
      '1a\n1b\n2a\n2b\n',
    );
    expect(run('for x in "a b" c; do echo "[$x]"; done').out).toBe('[a b]\n[c]\n');
  });

  it('refuses the compound commands it does not run, by name', () => {
    const { run } = engineSession(3);
    expect(run('while true; do echo x; done')).toEqual({
      out: '',
      err: "bash: this console runs one-line for loops (for NAME in WORDS; do COMMANDS; done) but not 'while' compound commands: run the commands one by one\n",
      code: 2,
    });
    // Inside a list nothing of the line runs (bash parses the whole line first).
    expect(run('kubectl create namespace x && for i in 1 2; do echo $i; done')).toEqual({
      out: '',
      err: "bash: 'for' here: this console runs a for loop only as a line of its own (for NAME in WORDS; do COMMANDS; done), and no other compound commands\n",
      code: 2,
    });
    expect(run('kubectl get ns x').err).toBe(
      'Error from server (NotFound): namespaces "x" not found\n',
    );
    expect(run('for i in 1 2 3; echo $i').err).toBe(
      'bash: this console runs for loops written on one line: for NAME in WORDS; do COMMANDS; done\n',
    );
  });
});

describe('seq, true, false and date', () => {
  it('answer as on the learner’s machine', () => {
    const { run } = engineSession(3);
    expect(run('seq 3').out).toBe('1\n2\n3\n');
    expect(run('seq 2 2 6').out).toBe('2\n4\n6\n');
    expect(run('true; echo $?; false; echo $?').out).toBe('0\n1\n');
    expect(run('date').out).toMatch(
      /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/,
    );
    expect(run('date +%s')).toEqual({
      out: '',
      err: 'bash: this console cannot run "date +%s": its options are not simulated\n',
      code: 2,
    });
  });
});

describe('xargs in the console', () => {
  it('runs kubectl with the names piped in, all at once, N at a time, or one per line', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=3');
    const names = run('kubectl get pods -o name').out.trim().split('\n');
    expect(names).toHaveLength(3);
    expect(run('kubectl get pods -o name | xargs echo').out).toBe(`${names.join(' ')}\n`);
    expect(run('kubectl get pods -o name | xargs -n 1 echo got').out).toBe(
      names.map((n) => `got ${n}\n`).join(''),
    );
    expect(
      run(
        'kubectl get pods -o name | xargs -I {} kubectl get {} --no-headers -o custom-columns=N:.metadata.name',
      ).out,
    ).toBe(names.map((n) => `${n.slice('pod/'.length)}\n`).join(''));
    expect(run('kubectl get pods -o name | head -2 | xargs kubectl delete').out).toBe(
      names
        .slice(0, 2)
        .map((n) => `pod "${n.slice('pod/'.length)}" deleted\n`)
        .join(''),
    );
  });

  it('without input runs the command once unless -r; a missing program is xargs’ error', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get pods -o name | xargs kubectl delete').err).toMatch(
      /^No resources found in default namespace\.\nerror: You must provide one or more resources by argument or filename\./,
    );
    expect(run('kubectl get pods -o name | xargs -r kubectl delete; echo $?')).toEqual({
      out: '0\n',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run('echo a b | xargs nosuch')).toEqual({
      out: '',
      err: 'xargs: nosuch: No such file or directory\n',
      code: 127,
    });
  });
});

describe('sleep inside a command list', () => {
  it('lets the cluster run for that long before the next command', () => {
    const { run } = engineSession(3);
    const out = run('kubectl run a --image=nginx; sleep 5; kubectl get pods').out;
    expect(out).toBe(
      'pod/a created\nNAME   READY   STATUS    RESTARTS   AGE\na      1/1     Running   0          5s\n',
    );
    // Within one line (the session lets the cluster settle between lines).
    const [before = '', after = ''] = run('date; sleep 1m; sleep 2m 30; date').out.split('\n');
    expect(Date.parse(after.replace(' UTC', 'Z')) - Date.parse(before.replace(' UTC', 'Z'))).toBe(
      210_000,
    );
    expect(run('for i in 1 2; do sleep 1; echo $i; done').out).toBe('1\n2\n');
    expect(run('echo x; sleep 1x')).toEqual({
      out: 'x\n',
      err: "sleep: invalid time interval '1x'\nTry 'sleep --help' for more information.\n",
      code: 1,
    });
    expect(run('echo; sleep').err).toBe(
      "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    );
  });
});
