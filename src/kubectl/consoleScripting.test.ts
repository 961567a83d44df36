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

  it('checks the whole line before running any of it, as bash parses it first', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create namespace x && for i in 1 2; do echo $i; done; fi')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `fi'\n",
      code: 2,
    });
    expect(run('kubectl get ns x').err).toBe(
      'Error from server (NotFound): namespaces "x" not found\n',
    );
    expect(run('for i in 1 2 3; echo $i').err).toBe(
      "bash: syntax error near unexpected token `echo'\n",
    );
    expect(run('if true; fi').err).toBe("bash: syntax error near unexpected token `fi'\n");
    expect(run('while true; do echo x').err).toBe('bash: syntax error: unexpected end of file\n');
    expect(run('select x in a b; do echo $x; done')).toEqual({
      out: '',
      err: "bash: this console runs for, while, until, if, case, groups and functions, but not 'select' compound commands: run the commands one by one\n",
      code: 2,
    });
  });

  it('runs a for loop inside a list', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create namespace x && for i in 1 2; do echo $i; done; echo end')).toEqual({
      out: 'namespace/x created\n1\n2\nend\n',
      err: '',
      code: 0,
    });
  });
});

describe('while, until and if in the console', () => {
  it('loops while (until) the condition succeeds, the condition run again each round', () => {
    const { run } = engineSession(3);
    expect(run('i=0; while [ $i -lt 3 ]; do echo round $i; i=$((i+1)); done').out).toBe(
      'round 0\nround 1\nround 2\n',
    );
    expect(run('n=3; until [ $n -eq 0 ]; do n=$((n-1)); done; echo $n $?').out).toBe('0 0\n');
    // The body never ran: status 0.
    expect(run('while false; do echo never; done; echo $?').out).toBe('0\n');
  });

  it('waits for the cluster: sleep in the body lets virtual time pass', () => {
    const { run } = engineSession(3);
    const r = run(
      "kubectl create deployment web --image=nginx --replicas=2 > /dev/null; until kubectl get deploy web -o jsonpath='{.status.readyReplicas}' | grep -q 2; do echo waiting; sleep 1; done; kubectl get deploy web --no-headers",
    );
    expect(r.err).toBe('');
    // nginx is pulled in a few seconds: a few rounds, then the Deployment is ready.
    const waits = r.out.split('\n').filter((l) => l === 'waiting').length;
    expect(waits).toBeGreaterThan(0);
    expect(waits).toBeLessThan(20);
    expect(r.out).toMatch(/\nweb {3}2\/2 {3}2 {5}2 {5}\d+s\n$/);
  });

  it('stops an endless loop after 100 rounds and says why', () => {
    const { run } = engineSession(3);
    const r = run('while true; do echo tick; done');
    expect(r.out).toBe('tick\n'.repeat(100));
    expect(r.err).toBe(
      "bash: the loop stopped after 100 rounds (this console's limit: a terminal would go on until Ctrl-C)\n",
    );
    expect(r.code).toBe(1);
  });

  it('break and continue leave the round or the loop, N levels out', () => {
    const { run } = engineSession(3);
    expect(run('for a in 1 2 3; do [ $a = 2 ] && break; echo $a; done; echo $?').out).toBe(
      '1\n0\n',
    );
    expect(
      run('for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; done').out,
    ).toBe('1x\n2x\n');
    expect(run('while true; do while true; do break 2; done; echo never; done; echo out').out).toBe(
      'out\n',
    );
    expect(run('break')).toEqual({
      out: '',
      err: "bash: break: only meaningful in a `for', `while', or `until' loop\n",
      code: 0,
    });
  });

  it('if/elif/else/fi takes the first branch whose condition succeeds', () => {
    const { run } = engineSession(3);
    expect(run('if kubectl get ns default > /dev/null; then echo yes; else echo no; fi').out).toBe(
      'yes\n',
    );
    expect(run('if kubectl get ns nope; then echo yes; elif true; then echo elif; fi')).toEqual({
      out: 'elif\n',
      err: 'Error from server (NotFound): namespaces "nope" not found\n',
      code: 0,
    });
    // No branch taken: status 0.
    expect(run('if false; then echo x; fi; echo $?').out).toBe('0\n');
    expect(run('! kubectl get ns nope 2>/dev/null && echo absent').out).toBe('absent\n');
  });

  it('reads a loop written over several lines as one command', () => {
    const { run } = engineSession(3);
    expect(run('for i in 1 2\ndo\n  echo $i\ndone\necho after').out).toBe('1\n2\nafter\n');
    expect(run('if true; then\n  echo a\nelse\n  echo b\nfi').out).toBe('a\n');
  });
});

describe('test and [ in the console', () => {
  it('tests files, strings and integers', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', 'kind: Pod\n');
    expect(run('[ -f web.yaml ] && echo file; [ -d web.yaml ] || echo not-dir').out).toBe(
      'file\nnot-dir\n',
    );
    expect(run('test -z "" && echo empty; [ abc != abd ] && echo differ').out).toBe(
      'empty\ndiffer\n',
    );
    expect(run('[ 10 -gt 9 ]; echo $?; [[ 1 -eq 2 ]]; echo $?').out).toBe('0\n1\n');
    expect(run('[ abc = abc')).toEqual({ out: '', err: "bash: [: missing `]'\n", code: 2 });
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
    expect(run('date --set=now')).toEqual({
      out: '',
      err: 'bash: this console cannot run "date --set=now": its options are not simulated\n',
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
      /^error: You must provide one or more resources by argument or filename\./,
    );
    // -o name prints nothing for an empty list, not even "No resources found" (printGeneric).
    expect(run('kubectl get pods -o name | xargs -r kubectl delete; echo $?')).toEqual({
      out: '0\n',
      err: '',
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
