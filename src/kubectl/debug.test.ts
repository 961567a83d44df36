/**
 * `kubectl debug` (1.32): an ephemeral container added through pods/ephemeralcontainers and
 * started by the kubelet, a copy of a pod (`--copy-to`), a pod on a node's host namespaces
 * (`node/NAME`), the profiles, and the API server's validation of ephemeral containers.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const LEGACY =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const TARGETING =
  'Targeting container "bb". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n';

function session() {
  const s = engineSession(3);
  s.run('kubectl run bb --image=busybox --labels=app=bb -- sleep 3600');
  return s;
}

/** The name kubectl chose (`Defaulting debug container name to NAME.`). */
function defaulted(out: string): string {
  const m =
    /Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n/.exec(out);
  if (!m) throw new Error(`no defaulted name in ${JSON.stringify(out)}`);
  return m[1] as string;
}

describe('kubectl debug POD: an ephemeral container', () => {
  it('-it --target: the lines kubectl prints, then the console refuses the interactive shell', () => {
    const { run } = session();
    const r = run('kubectl debug bb -it --image=busybox --target=bb');
    const name = defaulted(r.out);
    expect(r).toEqual({
      out: `${TARGETING}Defaulting debug container name to ${name}.\n`,
      err: `${LEGACY}If you don't see a command prompt, try pressing enter.\nerror: interactive shells are not available in this console: the debug container ${name} keeps running; run one command at a time in it (kubectl exec bb -c ${name} -- COMMAND)\n`,
      code: 1,
    });
    // The shell (stdin kept open) runs on; the pod's READY column counts its own containers only.
    expect(run('kubectl get pod bb').out).toMatch(/^bb +1\/1 +Running +0 /m);
    expect(
      run(
        `kubectl get pod bb -o 'jsonpath={.spec.ephemeralContainers[0]}{"\\n"}{.status.ephemeralContainerStatuses[0].state}'`,
      ).out,
    ).toMatch(
      new RegExp(
        `^\\{"image":"busybox","imagePullPolicy":"Always","name":"${name}","resources":\\{\\},"stdin":true,"targetContainerName":"bb","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","tty":true\\}\n\\{"running":\\{"startedAt":"[^"]+"\\}\\}$`,
      ),
    );
    expect(run(`kubectl exec bb -c ${name} -- hostname`)).toEqual({
      out: 'bb\n',
      err: '',
      code: 0,
    });
  });

  it('describe lists it under Ephemeral Containers; its events name spec.ephemeralContainers{NAME}', () => {
    const { run } = session();
    const r = run('kubectl debug bb --image=busybox -c dbg -- sleep 1d');
    expect(r).toEqual({ out: '', err: LEGACY, code: 0 });
    const d = run('kubectl describe pod bb').out;
    expect(d).toMatch(
      /\nEphemeral Containers:\n {2}dbg:\n {4}Container ID: {2}containerd:\/\/[0-9a-f]{64}\n {4}Image: {9}busybox\n {4}Image ID: {6}docker\.io\/library\/busybox@sha256:[0-9a-f]{64}\n {4}Port: {10}<none>\n {4}Host Port: {5}<none>\n {4}Command:\n {6}sleep\n {6}1d\n {4}State: {10}Running\n {6}Started: {6}[^\n]+\n {4}Ready: {10}False\n {4}Restart Count: {2}0\n {4}Environment: {4}<none>\n {4}Mounts: {9}<none>\nConditions:\n/,
    );
    expect(d).toMatch(
      /Pulling image "busybox"\n.*Pulled .*\n.*Created container dbg\n.*Started container dbg\n$/,
    );
    expect(
      run(
        'kubectl get events --field-selector involvedObject.name=bb -o custom-columns=REASON:.reason,PATH:.involvedObject.fieldPath',
      ).out,
    ).toContain(
      'Pulling     spec.ephemeralContainers{dbg}\nPulled      spec.ephemeralContainers{dbg}\nCreated     spec.ephemeralContainers{dbg}\nStarted     spec.ephemeralContainers{dbg}\n',
    );
    // logs and exec default to the pod's container, naming the ephemeral one among the others.
    expect(run('kubectl logs bb').err).toBe('Defaulted container "bb" out of: bb, dbg (ephem)\n');
    expect(run('kubectl logs bb -c dbg')).toEqual({ out: '', err: '', code: 0 });
  });

  it('-i with a command that ends by itself: its output (the fallback to logs), exit 0', () => {
    const { run } = session();
    expect(run('kubectl debug bb -q --profile=general -i --image=busybox -- echo hello')).toEqual({
      out: 'hello\n',
      err: '',
      code: 0,
    });
    const d = run('kubectl describe pod bb').out;
    expect(d).toMatch(/ {4}State: {10}Terminated\n {6}Reason: {7}Completed\n {6}Exit Code: {4}0\n/);
    // Never restarted.
    expect(d).toMatch(/Ephemeral Containers:(.*\n)* {4}Restart Count: {2}0\n/);
  });

  it('the API server refuses a duplicate name, an unknown target, forbidden fields, a static pod', () => {
    const { run, host } = session();
    run('kubectl debug bb --image=busybox -c dbg -- sleep 1d');
    expect(run('kubectl debug bb --image=busybox -c bb -q --profile=general')).toEqual({
      out: '',
      err: 'The Pod "bb" is invalid: spec.ephemeralContainers[1].name: Duplicate value: "bb"\n',
      code: 1,
    });
    expect(
      run('kubectl debug bb --image=busybox -c x --target=nope -q --profile=general').err,
    ).toBe(
      'The Pod "bb" is invalid: spec.ephemeralContainers[1].targetContainerName: Not found: "nope"\n',
    );
    host.fs.write(
      'custom.json',
      '{"ports":[{"containerPort":80}],"readinessProbe":{"exec":{"command":["true"]}},"resources":{"limits":{"cpu":"1"}}}',
    );
    expect(
      run('kubectl debug bb --image=busybox -c y -q --profile=general --custom=custom.json').err,
    ).toBe(
      'The Pod "bb" is invalid: \n* spec.ephemeralContainers[1].ports: Forbidden: cannot be set for an Ephemeral Container\n* spec.ephemeralContainers[1].resources: Forbidden: cannot be set for an Ephemeral Container\n* spec.ephemeralContainers[1].readinessProbe: Forbidden: cannot be set for an Ephemeral Container\n',
    );
    host.fs.write('named.yaml', 'name: other\n');
    expect(run('kubectl debug bb --image=busybox --profile=general --custom=named.yaml').err).toBe(
      'error: name, command, image, lifecycle and volume devices are not modifiable via custom profile\n',
    );
    expect(
      run('kubectl debug -n kube-system etcd-control-plane --image=busybox -q --profile=general')
        .err,
    ).toBe(
      'The Pod "etcd-control-plane" is invalid: Forbidden: static pods do not support ephemeral containers\n',
    );
  });

  it('existing ephemeral containers can be neither removed nor changed; none on create', () => {
    const { run, host } = session();
    run('kubectl debug bb --image=busybox -c dbg -- sleep 1d');
    const removed = host.api.patch(
      'pods',
      'default',
      'bb',
      { spec: { ephemeralContainers: [] } },
      { patchType: 'merge', subresource: 'ephemeralcontainers' },
    );
    expect(removed.ok ? '' : removed.status.message).toBe(
      'Pod "bb" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be removed\n',
    );
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n  ephemeralContainers:\n  - name: e\n    image: busybox\n',
    );
    expect(run('kubectl create -f p.yaml').err).toBe(
      'The Pod "p" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create\n',
    );
  });
});

describe('kubectl debug: admission', () => {
  it('RBAC authorizes a patch of pods/ephemeralcontainers; PodSecurity checks the new container', () => {
    const { run } = engineSession(3);
    run('kubectl create sa viewer');
    run('kubectl create role pod-reader --verb=get --resource=pods');
    run('kubectl create rolebinding rb --role=pod-reader --serviceaccount=default:viewer');
    run('kubectl run x --image=busybox -- sleep 3600');
    expect(
      run(
        'kubectl debug x --image=busybox --as=system:serviceaccount:default:viewer --profile=general -q',
      ).err,
    ).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: User "system:serviceaccount:default:viewer" cannot patch resource "pods/ephemeralcontainers" in API group "" in the namespace "default"\n',
    );
    run('kubectl create ns r');
    run('kubectl label ns r pod-security.kubernetes.io/enforce=restricted');
    run(
      `kubectl run bb -n r --image=busybox --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"bb","image":"busybox","args":["sleep","3600"],"securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}'`,
    );
    expect(
      run('kubectl debug -n r bb --image=busybox --profile=general -q -c g -- sleep 1d').err,
    ).toBe(
      'Error from server (Forbidden): pods "bb" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "g" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "g" must set securityContext.capabilities.drop=["ALL"]; container "g" must not include "SYS_PTRACE" in securityContext.capabilities.add)\n',
    );
    expect(
      run('kubectl debug -n r bb --image=busybox --profile=restricted -q -c r -- sleep 1d'),
    ).toEqual({ out: '', err: '', code: 0 });
    expect(
      run("kubectl get pod -n r bb -o 'jsonpath={.spec.ephemeralContainers[*].name}'").out,
    ).toBe('r');
  });
});

describe('kubectl debug --copy-to', () => {
  const WEB =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n  annotations:\n    note: x\nspec:\n  containers:\n  - name: web\n    image: nginx\n    readinessProbe:\n      httpGet:\n        path: /\n        port: 80\n';
  const COPY =
    "-o 'jsonpath={.metadata.labels}|{.metadata.annotations}|{.spec.shareProcessNamespace}|{.spec.containers[0].readinessProbe.httpGet.port}|{.spec.containers[1].command}'";

  it('general: a copy without labels, annotations and probes, sharing its process namespace', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', WEB);
    run('kubectl create -f web.yaml');
    const r = run(
      'kubectl debug web --image=busybox --copy-to=web-dbg --profile=general -- sleep 1d',
    );
    const name = defaulted(r.out);
    expect(r).toEqual({ out: `Defaulting debug container name to ${name}.\n`, err: '', code: 0 });
    expect(run(`kubectl get pod web-dbg ${COPY}`).out).toBe('||true||["sleep","1d"]');
    expect(run('kubectl get pod web-dbg').out).toMatch(/^web-dbg +2\/2 +Running +0 /m);
    expect(run('kubectl get pods -o name').out).toBe('pod/web\npod/web-dbg\n');
  });

  it('legacy (the default): only the labels are dropped, whatever --keep-labels says', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', WEB);
    run('kubectl create -f web.yaml');
    const r = run('kubectl debug web --image=busybox --copy-to=web-dbg --keep-labels -- sleep 1d');
    expect(r.err).toBe(LEGACY);
    expect(run(`kubectl get pod web-dbg ${COPY}`).out).toBe('|{"note":"x"}||80|["sleep","1d"]');
  });

  it('--set-image alone, --keep-labels, --share-processes=false, --same-node, --replace', () => {
    const { run } = session();
    const node = run('kubectl get pod bb -o jsonpath={.spec.nodeName}').out;
    expect(
      run(
        'kubectl debug bb --copy-to=bb2 --set-image=*=nginx --keep-labels --share-processes=false --same-node --replace --profile=general',
      ),
    ).toEqual({ out: '', err: '', code: 0 });
    expect(
      run(
        "kubectl get pod bb2 -o 'jsonpath={.metadata.labels.app}|{.spec.shareProcessNamespace}|{.spec.nodeName}|{.spec.containers[*].image}'",
      ).out,
    ).toBe(`bb|false|${node}|nginx`);
    expect(run('kubectl get pod bb').err).toBe(
      'Error from server (NotFound): pods "bb" not found\n',
    );
  });

  it('--container with args changes that container of the copy', () => {
    const { run } = session();
    run('kubectl debug bb --copy-to=bb2 --container=bb --profile=general -- sleep 5');
    expect(run('kubectl get pod bb2 -o jsonpath={.spec.containers[0].command}').out).toBe(
      '["sleep","5"]',
    );
  });
});

describe('kubectl debug node/NAME', () => {
  it('a pod in the host namespaces with / at /host, on that node, tolerating every taint', () => {
    const { run } = engineSession(3);
    const r = run('kubectl debug node/node1 --image=busybox -- sleep 1d');
    const m =
      /^Creating debugging pod (node-debugger-node1-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node node1\.\n$/.exec(
        r.out,
      );
    expect(m).not.toBeNull();
    expect(r.err).toBe(LEGACY);
    const pod = m?.[1] ?? '';
    expect(
      run(
        `kubectl get pod ${pod} -o 'jsonpath={.spec.hostNetwork}|{.spec.hostPID}|{.spec.hostIPC}|{.spec.nodeName}|{.spec.restartPolicy}|{.spec.tolerations}|{.spec.volumes[0]}|{.spec.containers[0].volumeMounts[0]}'`,
      ).out,
    ).toBe(
      'true|true|true|node1|Never|[{"operator":"Exists"}]|{"hostPath":{"path":"/","type":""},"name":"host-root"}|{"mountPath":"/host","name":"host-root"}',
    );
    expect(run(`kubectl get pod ${pod} -o wide`).out).toMatch(
      new RegExp(`^${pod} {3}1/1 {5}Running {3}0 +\\S+ {3}172\\.18\\.0\\.3 {3}node1 `, 'm'),
    );
  });

  it('-it: the pod is created, and the console says it cannot give it a terminal', () => {
    const { run } = engineSession(3);
    const r = run('kubectl debug node/control-plane -it --image=busybox --profile=sysadmin');
    const pod = /Creating debugging pod (\S+) /.exec(r.out)?.[1] ?? '';
    expect(r.err).toBe(
      `If you don't see a command prompt, try pressing enter.\nerror: interactive shells are not available in this console: the debug container debugger keeps running; run one command at a time in it (kubectl exec ${pod} -c debugger -- COMMAND)\n`,
    );
    expect(
      run(`kubectl get pod ${pod} -o jsonpath={.spec.containers[0].securityContext}`).out,
    ).toBe('{"privileged":true}');
  });
});

describe('kubectl debug profiles and checks', () => {
  it('each profile sets the debug container securityContext as profiles.go does', () => {
    const { run } = session();
    const sc = (profile: string, name: string) => {
      run(`kubectl debug bb -q --image=busybox -c ${name} --profile=${profile} -- sleep 1d`);
      return run(
        `kubectl get pod bb -o 'jsonpath={.spec.ephemeralContainers[?(@.name=="${name}")].securityContext}'`,
      ).out;
    };
    expect(sc('general', 'g')).toBe('{"capabilities":{"add":["SYS_PTRACE"]}}');
    expect(sc('netadmin', 'n')).toBe('{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}');
    expect(sc('sysadmin', 's')).toBe('{"privileged":true}');
    expect(sc('baseline', 'b')).toBe('');
    expect(sc('restricted', 'r')).toBe(
      '{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}',
    );
  });

  it('Validate: its errors, in its order', () => {
    const { run } = session();
    const cases: [string, string][] = [
      ['kubectl debug bb', 'you must specify --image when not using --copy-to.'],
      ['kubectl debug bb --image=busybox --replace', '--replace may only be used with --copy-to.'],
      [
        'kubectl debug bb --image=busybox --same-node',
        '--same-node may only be used with --copy-to.',
      ],
      [
        'kubectl debug bb --copy-to=x',
        'you must specify --image, --set-image or command arguments.',
      ],
      [
        'kubectl debug bb --copy-to=x -- sh',
        'you must specify an existing container or a new image when specifying args.',
      ],
      [
        'kubectl debug bb --copy-to=x --image=busybox --target=bb',
        '--target is incompatible with --copy-to. Use --share-processes instead.',
      ],
      [
        'kubectl debug bb --image=Busy:box',
        'invalid image name "Busy:box": invalid reference format',
      ],
      ['kubectl debug --image=busybox', 'NAME or filename is required for debug'],
      [
        'kubectl debug bb --image=busybox --image-pull-policy=Sometimes',
        'invalid image pull policy: Sometimes',
      ],
      [
        'kubectl debug bb --image=busybox -t',
        '-i/--stdin is required for containers with -t/--tty=true',
      ],
      ['kubectl debug bb --image=busybox --profile=nope', 'unknown profile: nope'],
      [
        'kubectl debug bb --attach --container=',
        'you must specify --container or create a new container using --image in order to attach.',
      ],
    ];
    for (const [line, msg] of cases) {
      const withProfile = line.includes('--profile')
        ? line
        : line.replace('kubectl debug', 'kubectl debug --profile=general');
      expect(run(withProfile).err, line).toBe(`error: ${msg}\n`);
    }
    // The resource builder's checks of TYPE/NAME arguments.
    expect(run('kubectl debug pod/ --image=busybox --profile=general').err).toBe(
      'error: arguments in resource/name form must have a single resource and name\n',
    );
    expect(run('kubectl debug a/b/c --image=busybox --profile=general').err).toBe(
      'error: arguments in resource/name form may not have more than one slash\n',
    );
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl debug deploy/web --image=busybox --profile=general').err).toBe(
      'error: "apps/v1, Kind=Deployment" not supported by debug\n',
    );
    expect(run('kubectl debug nope --image=busybox --profile=general').err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it('kubectl debug --help is 1.32 help', () => {
    const { run } = session();
    const out = run('kubectl debug --help').out;
    expect(
      out.startsWith('Debug cluster resources using interactive debugging containers.\n'),
    ).toBe(true);
    expect(out).toContain(
      '    --profile=\'legacy\':\n\tOptions are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".\n',
    );
    expect(out).toContain(
      'Usage:\n  kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]\n',
    );
  });

  it('kubectl run -it of a bare shell is refused (its stdin would keep it waiting)', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run sh -it --image=busybox').err).toBe(
      'error: interactive pods (-i, -t, --attach) are not available in this console: only a command that ends by itself can be attached; run the pod, then use kubectl logs\n',
    );
  });
});

describe('an ephemeral container across a reboot of its node', () => {
  it('is not started again: its lost run ends it (Unknown, 255)', () => {
    const { run, cluster } = engineSession(6);
    run(`kubectl run p1 --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    run('kubectl debug p1 -q --profile=general --image=busybox -c d -- sleep 1d');
    cluster.stopNode('node1');
    cluster.advance(90_000);
    cluster.startNode('node1');
    cluster.settle();
    const st = JSON.parse(
      run(`kubectl get pod p1 -o jsonpath='{.status.ephemeralContainerStatuses[0]}'`).out,
    );
    expect(st).toMatchObject({
      name: 'd',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 255, reason: 'Unknown' } },
    });
    expect(
      run(
        "kubectl get events --field-selector involvedObject.name=p1,reason=Started -o 'jsonpath={.items[*].message}'",
      ).out,
    ).toBe('Started container p1 Started container d');
    // The pod's own container was started again (the same event, counted twice).
    expect(
      run(`kubectl get pod p1 -o jsonpath='{.status.containerStatuses[0].restartCount}'`).out,
    ).toBe('1');
  });
});

describe('ps in a shared PID namespace', () => {
  it('an ephemeral container with --target sees the target program as PID 1; a copy sees /pause', () => {
    const { run } = session();
    run('kubectl debug bb --image=busybox -c d --target=bb --profile=general -- sleep 1d');
    const shared =
      'PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sleep 1d\n   13 root      0:00 ps\n';
    expect(run('kubectl exec bb -c d -- ps').out).toBe(shared);
    expect(run('kubectl exec bb -c bb -- ps').out).toBe(shared);
    // Without a target it has a namespace of its own.
    run('kubectl debug bb --image=busybox -c x --profile=general -- sleep 1d');
    expect(run('kubectl exec bb -c x -- ps').out).toBe(
      'PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 1d\n    7 root      0:00 ps\n',
    );
    // The general profile's copy shares its process namespace: the pause process is PID 1.
    run('kubectl debug bb --image=busybox --copy-to=c --profile=general -c y -- sleep 1d');
    expect(run('kubectl exec c -c y -- ps').out).toBe(
      'PID   USER     TIME  COMMAND\n    1 65535     0:00 /pause\n    7 root      0:00 sleep 3600\n   13 root      0:00 sleep 1d\n   19 root      0:00 ps\n',
    );
  });
});
