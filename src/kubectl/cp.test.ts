/**
 * `kubectl cp`: a copy is an exec of `tar` in the container. Out of a pod, tar's notes reach
 * kubectl's stdout (GNU tar's in Debian images, busybox's in busybox); into a pod, the file is
 * unpacked where an exec's writes go, so later execs (and a replay) see it. Images without tar
 * cannot be copied from or to.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../engine/cluster.ts';
import { hostForCluster } from './engineHost.ts';
import { runLine } from './index.ts';
import { engineSession } from './testing/engineSession.ts';

/** nginx (Debian, GNU tar) with a ConfigMap volume, and busybox, in one pod. */
const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  volumes:
  - name: cfg
    configMap:
      name: cfg
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
  - name: side
    image: busybox
    command: [sleep, '3600']
`;

function session() {
  const s = engineSession(3);
  s.run('kubectl create configmap cfg --from-literal=greeting=hello');
  s.host.fs.write('two.yaml', TWO);
  s.run('kubectl apply -f two.yaml');
  s.run('kubectl run web --image=nginx');
  s.run('kubectl run bb --image=busybox -- sleep 3600');
  return s;
}

describe('kubectl cp out of a pod', () => {
  it("GNU tar's note on stdout, the file written locally", () => {
    const { run, host } = session();
    expect(run('kubectl cp web:/etc/hostname hn')).toEqual({
      out: "tar: Removing leading `/' from member names\n",
      err: '',
      code: 0,
    });
    expect(host.fs.read('hn')).toBe('web\n');
    // A relative path is read from the working directory: nothing to remove.
    expect(run('kubectl cp web:etc/hostname hn2')).toEqual({ out: '', err: '', code: 0 });
    expect(host.fs.read('hn2')).toBe('web\n');
  });

  it('tar strips everything up to the last .. of a member name, and says what', () => {
    const { run, host } = session();
    expect(run('kubectl cp web:/tmp/../etc/hostname a').out).toBe(
      "tar: Removing leading `/tmp/../' from member names\n",
    );
    expect(run('kubectl cp bb:../../etc/hostname b').out).toBe(
      "tar: removing leading '../../' from member names\n",
    );
    expect([host.fs.read('a'), host.fs.read('b')]).toEqual(['web\n', 'bb\n']);
  });

  it("busybox's tar words it in lower case", () => {
    const { run, host } = session();
    expect(run('kubectl cp bb:/etc/hostname hn')).toEqual({
      out: "tar: removing leading '/' from member names\n",
      err: '',
      code: 0,
    });
    expect(host.fs.read('hn')).toBe('bb\n');
  });

  it('a multi-container pod: the Defaulted note is the exec stream too; -c picks another', () => {
    const { run, host } = session();
    expect(run('kubectl cp two:/etc/cfg/greeting g.txt')).toEqual({
      out: `Defaulted container "web" out of: web, side\ntar: Removing leading \`/' from member names\n`,
      err: '',
      code: 0,
    });
    expect(host.fs.read('g.txt')).toBe('hello');
    expect(run('kubectl cp two:/etc/hostname h -c side').out).toBe(
      "tar: removing leading '/' from member names\n",
    );
  });

  it('a directory: its files go under the destination', () => {
    const { run, host } = session();
    run(`kubectl exec bb -- sh -c 'mkdir -p /tmp/d; echo one > /tmp/d/a; echo two > /tmp/d/b'`);
    expect(run('kubectl cp bb:/tmp/d out').code).toBe(0);
    expect(host.fs.read('out/a')).toBe('one\n');
    expect(host.fs.read('out/b')).toBe('two\n');
  });

  it('a missing file: tar says so and fails, but kubectl has unpacked the empty archive', () => {
    const { run, host } = session();
    expect(run('kubectl cp web:/tmp/nope x')).toEqual({
      out: "tar: Removing leading `/' from member names\ntar: /tmp/nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      err: '',
      code: 0,
    });
    expect(run('kubectl cp bb:/tmp/nope x')).toEqual({
      out: 'tar: /tmp/nope: No such file or directory\ntar: error exit delayed from previous errors\n',
      err: '',
      code: 0,
    });
    expect(host.fs.has('x')).toBe(false);
  });

  it('a file onto a local directory cannot be created', () => {
    const { run, host } = session();
    host.fs.write('dir/keep', 'k');
    expect(run('kubectl cp web:/etc/hostname dir/')).toEqual({
      out: "tar: Removing leading `/' from member names\n",
      err: 'error: open dir: is a directory\n',
      code: 1,
    });
  });
});

describe('kubectl cp into a pod', () => {
  it('a file lands in the container; exec cat shows it; into a directory, by its name', () => {
    const { run, host } = session();
    host.fs.write('note.txt', 'hi there\n');
    expect(run('kubectl cp note.txt web:/tmp/copied.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec web -- cat /tmp/copied.txt').out).toBe('hi there\n');
    expect(run('kubectl cp note.txt web:/tmp')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec web -- ls /tmp').out).toBe('copied.txt\nnote.txt\n');
  });

  it("into a shared emptyDir: the pod's other container sees it", () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'shared.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  volumes:
  - {name: data, emptyDir: {}}
  containers:
  - name: a
    image: busybox
    command: [sleep, '3600']
    volumeMounts: [{name: data, mountPath: /data}]
  - name: b
    image: busybox
    command: [sleep, '3600']
    volumeMounts: [{name: data, mountPath: /in}]
`,
    );
    run('kubectl apply -f shared.yaml');
    host.fs.write('f.txt', 'shared\n');
    expect(run('kubectl cp f.txt shared:/data/f.txt -c a')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec shared -c b -- cat /in/f.txt').out).toBe('shared\n');
  });

  it('a local directory: its files under the destination', () => {
    const { run, host } = session();
    host.fs.write('site/index.html', '<h1>mine</h1>\n');
    host.fs.write('site/about.html', 'about\n');
    expect(run('kubectl cp site bb:/tmp/site').code).toBe(0);
    expect(run('kubectl exec bb -- ls /tmp/site').out).toBe('about.html\nindex.html\n');
    expect(run('kubectl exec bb -- cat /tmp/site/index.html').out).toBe('<h1>mine</h1>\n');
  });

  it('the Defaulted note goes to stderr (the test -d exec is silent); -n with ns/pod', () => {
    const { run, host } = session();
    host.fs.write('f', 'x');
    expect(run('kubectl cp f two:/tmp/f')).toEqual({
      out: '',
      err: 'Defaulted container "web" out of: web, side\n',
      code: 0,
    });
    run('kubectl create namespace blue');
    run('kubectl run other --image=busybox -n blue -- sleep 3600');
    expect(run('kubectl cp f blue/other:/tmp/f').code).toBe(0);
    expect(run('kubectl exec -n blue other -- cat /tmp/f').out).toBe('x');
  });

  it("a directory that is not there: GNU tar's fatal -C, busybox's", () => {
    const { run, host } = session();
    host.fs.write('f', 'x');
    expect(run('kubectl cp f web:/tmp/nope/f')).toEqual({
      out: '',
      err: 'tar: /tmp/nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n',
      code: 2,
    });
    expect(run('kubectl cp f bb:/tmp/nope/f')).toEqual({
      out: '',
      err: "tar: can't change directory to '/tmp/nope': No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });

  it('a ConfigMap volume is read-only', () => {
    const { run, host } = session();
    host.fs.write('f', 'x');
    expect(run('kubectl cp f two:/etc/cfg/f -c web')).toEqual({
      out: '',
      err: 'tar: f: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n',
      code: 2,
    });
  });

  it('a local file that is not there (outside the home directory, none is)', () => {
    const { run } = session();
    expect(run('kubectl cp nope.txt web:/tmp/')).toEqual({
      out: '',
      err: "error: nope.txt doesn't exist in local filesystem\n",
      code: 1,
    });
    expect(run('kubectl cp ../x web:/tmp/').err).toBe(
      "error: ../x doesn't exist in local filesystem\n",
    );
  });

  it('what was copied in stays across a replay of the cluster', () => {
    const { run, host, cluster } = session();
    host.fs.write('note.txt', 'kept\n');
    run('kubectl cp note.txt bb:/tmp/note.txt');
    const again = replay(cluster.inputs, { seed: 3 });
    again.settle();
    const h = hostForCluster(again);
    expect(runLine(h, 'kubectl exec bb -- cat /tmp/note.txt').stdout).toBe('kept\n');
  });
});

describe('kubectl cp errors', () => {
  it("kubectl cp --help is 1.32's", () => {
    const { run } = engineSession(3);
    const help = run('kubectl cp --help');
    expect(help.code).toBe(0);
    expect(help.out).toBe(`Copy files and directories to and from containers.

Examples:
  # !!!Important Note!!!
  # Requires that the 'tar' binary is present in your container
  # image.  If 'tar' is not present, 'kubectl cp' will fail.
  #
  # For advanced use cases, such as symlinks, wildcard expansion or
  # file mode preservation, consider using 'kubectl exec'.
  
  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
  tar cf - /tmp/foo | kubectl exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar
  
  # Copy /tmp/foo from a remote pod to /tmp/bar locally
  kubectl exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar
  
  # Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
  kubectl cp /tmp/foo_dir <some-pod>:/tmp/bar_dir
  
  # Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
  kubectl cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>
  
  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
  kubectl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar
  
  # Copy /tmp/foo from a remote pod to /tmp/bar locally
  kubectl cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar

Options:
    -c, --container='':
\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the
\tcontainer to be attached or the first container in the pod will be chosen

    --no-preserve=false:
\tThe copied file/directory's ownership and permissions will not be preserved in the container

    --retries=0:
\tSet number of retries to complete a copy operation from a container. Specify 0 to disable or any negative
\tvalue for infinite retrying. The default is 0 (no retry).

Usage:
  kubectl cp <file-spec-src> <file-spec-dest> [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
  });

  it('an image without tar (distroless CoreDNS): the exec cannot start', () => {
    const { run } = session();
    const pod = run('kubectl get pods -n kube-system -l k8s-app=kube-dns -o name').out.split(
      '\n',
    )[0];
    const name = (pod ?? '').replace('pod/', '');
    const r = run(`kubectl cp kube-system/${name}:/etc/coredns/Corefile Corefile`);
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/,
    );
  });

  it("kubectl's own checks of the file specs, a missing pod, a completed one", () => {
    const { run } = session();
    const cases: [string, string][] = [
      ['kubectl cp web', 'error: source and destination are required\n'],
      ['kubectl cp a b', 'error: one of src or dest must be a remote file specification\n'],
      ['kubectl cp a:x b:y', 'error: one of src or dest must be a local file specification\n'],
      [
        'kubectl cp :x y',
        'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n',
      ],
      [
        'kubectl cp a/b/c:x y',
        'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n',
      ],
      ['kubectl cp web: y', 'error: filepath can not be empty\n'],
      ['kubectl cp nope:/etc/hosts x', 'Error from server (NotFound): pods "nope" not found\n'],
      [
        'kubectl cp web:/etc/hosts x -c nope',
        'Error from server (BadRequest): container nope is not valid for pod web\n',
      ],
    ];
    for (const [line, err] of cases) expect(run(line)).toEqual({ out: '', err, code: 1 });
    run('kubectl run done --image=busybox --restart=Never -- true');
    expect(run('kubectl cp done:/etc/hosts x').err).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('needs create on pods/exec, as exec does', () => {
    const { run } = session();
    run('kubectl create role viewer --verb=get,list --resource=pods');
    run('kubectl create rolebinding jane-viewer --role=viewer --user=jane');
    expect(run('kubectl cp web:/etc/hostname hn --as=jane')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"\n',
      code: 1,
    });
  });
});
