/**
 * `kubectl attach`: the checks kubectl 1.32 makes, its prompt hint on stderr, then the API
 * server's and kubelet's answer to pods/NAME/attach. The console cannot stay attached (nor
 * give a terminal for -i), and says so.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const STAY =
  '(this console cannot stay attached: attach shows what the container prints from now on; kubectl logs shows what it printed so far)\n';
const PROMPT = "If you don't see a command prompt, try pressing enter.\n";

const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx
  - name: side
    image: busybox
    command: [sleep, '3600']
`;

describe('kubectl attach', () => {
  it('a running container: the prompt hint, then the console cannot stay', () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    expect(run('kubectl attach web')).toEqual({ out: '', err: PROMPT + STAY, code: 0 });
    // -q: only the remote session's output.
    expect(run('kubectl attach web -q')).toEqual({ out: '', err: STAY, code: 0 });
  });

  it("a workload's first pod; the default container is said as exec says it", () => {
    const { run, host } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('kubectl attach deploy/web')).toEqual({ out: '', err: PROMPT + STAY, code: 0 });
    host.fs.write('two.yaml', TWO);
    run('kubectl apply -f two.yaml');
    expect(run('kubectl attach two').err).toBe(
      `Defaulted container "web" out of: web, side\n${PROMPT}${STAY}`,
    );
    expect(run('kubectl attach pod two -c side').err).toBe(PROMPT + STAY);
  });

  it('-t without a TTY in the container is said; -i is refused (no terminal here)', () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    expect(run('kubectl attach -t web')).toEqual({
      out: '',
      err: `error: Unable to use a TTY - container web did not allocate one\n${PROMPT}${STAY}`,
      code: 0,
    });
    expect(run('kubectl attach -it web')).toEqual({
      out: '',
      err: 'error: Unable to use a TTY - container web did not allocate one\nerror: interactive attach (-i) is not available in this console: it has no terminal to type into; without -i, kubectl attach shows what the container prints\n',
      code: 1,
    });
  });

  it("kubectl's errors: no pod, too many arguments, an unknown container, a completed pod", () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    run('kubectl run done --image=busybox --restart=Never -- true');
    const cases: [string, string][] = [
      ['kubectl attach', 'error: at least 1 argument is required for attach\n'],
      [
        'kubectl attach pod web extra',
        'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [pod web extra]\n',
      ],
      ['kubectl attach nope', 'Error from server (NotFound): pods "nope" not found\n'],
      [
        'kubectl attach web -c nope',
        'error: cannot attach to the container: container nope not found in pod web\n',
      ],
      [
        'kubectl attach done',
        'error: cannot attach a container in a completed pod; current phase is Succeeded\n',
      ],
      [
        'kubectl attach web --pod-running-timeout=0s',
        "error: --pod-running-timeout must be higher than zero\nSee 'kubectl attach -h' for help and examples\n",
      ],
    ];
    for (const [line, err] of cases) expect(run(line)).toEqual({ out: '', err, code: 1 });
  });

  it("a container that is not running: the kubelet's GetAttach finds none, after the hint", () => {
    const { run } = engineSession(3);
    run('kubectl run bad --image=nginx:no-such-tag');
    expect(run('kubectl attach bad')).toEqual({
      out: '',
      err: `${PROMPT}error: unable to upgrade connection: container bad not found in pod bad_default\n`,
      code: 1,
    });
  });

  it('a stopped node: the API server cannot dial its kubelet (exec and cp say the same)', () => {
    const { run, host } = engineSession(3);
    run('kubectl run web --image=nginx');
    const node = run("kubectl get pod web -o jsonpath='{.spec.nodeName}'").out;
    const ip = run(
      `kubectl get node ${node} -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}'`,
    ).out;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    run(`sim stop-node ${node}`);
    const dial = `Error from server: error dialing backend: dial tcp ${ip}:10250: connect: no route to host\n`;
    expect(run('kubectl attach web')).toEqual({ out: '', err: PROMPT + dial, code: 1 });
    expect(run('kubectl exec web -- hostname')).toEqual({ out: '', err: dial, code: 1 });
    host.fs.write('f', 'x');
    expect(run('kubectl cp f web:/tmp/f')).toEqual({ out: '', err: dial, code: 1 });
  });

  it('needs create on pods/attach', () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    run('kubectl create role viewer --verb=get,list --resource=pods');
    run('kubectl create rolebinding jane-viewer --role=viewer --user=jane');
    expect(run('kubectl attach web --as=jane')).toEqual({
      out: '',
      err: `${PROMPT}Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot create resource "pods/attach" in API group "" in the namespace "default"\n`,
      code: 1,
    });
  });
});
