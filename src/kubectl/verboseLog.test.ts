/**
 * `kubectl -v=N`: klog's lines on stderr, as kubectl 1.32.5 prints them against a 1.32 API
 * server (checked line by line with bench/kubectlOracle.ts): the feature gates from -v=1, the
 * informer's reflector from 2 and 3, a server error's Status dump from 4, the kubeconfig file and
 * every request from 6. The time and process id of klog's header, and the milliseconds a request
 * took, are the console's own: the tests read the lines after the header and without the
 * milliseconds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExplainSchema } from './explain/load.ts';
import { engineSession } from './testing/engineSession.ts';

const HEADER = /^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ (?=[a-z_]+\.go:\d+\] )/;
const SERVER = 'https://172.18.0.2:6443';

/** stderr's lines, klog's header and the request's milliseconds taken off (the rest as is). */
function logLines(err: string): string[] {
  return err
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.replace(HEADER, '').replace(/ in \d+ milliseconds$/, ' in N milliseconds'))
    .map((l) => l.replaceAll(SERVER, 'SERVER'));
}

const GATES = [
  'ClientsAllowCBOR',
  'ClientsPreferCBOR',
  'InformerResourceVersion',
  'WatchListClient',
].map((g) => `envvar.go:172] "Feature gate default state" feature="${g}" enabled=false`);
const LOADED = 'loader.go:402] Config loaded from file:  /home/learner/.kube/config';
const req = (line: string) => `round_trippers.go:560] ${line} in N milliseconds`;
const DISCOVERY = [
  req('GET SERVER/api?timeout=32s 200 OK'),
  req('GET SERVER/apis?timeout=32s 200 OK'),
];
const FROM = 'k8s.io/client-go/tools/watch/informerwatcher.go:146';

describe('kubectl -v: which lines each verbosity adds', () => {
  it('every line carries klog’s header: severity, date, time to the microsecond, pid, file:line', () => {
    const { run } = engineSession(3);
    const { err } = run('kubectl get pods -v=6');
    const lines = err.replace(/\n$/, '').split('\n');
    expect(lines.at(-1)).toBe('No resources found in default namespace.');
    lines.pop();
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(l).toMatch(HEADER);
    // The process id is one per run; the clock only moves on.
    const pids = new Set(lines.map((l) => l.split(/ +/)[2]));
    expect(pids.size).toBe(1);
  });

  it('-v=1: client-go’s feature gates only; -v=3: no Status dump yet; -v=4: the dump', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl get pods -o name -v=1').err)).toEqual(GATES);
    expect(logLines(run('kubectl get pod nope -v=3').err)).toEqual([
      ...GATES,
      'Error from server (NotFound): pods "nope" not found',
    ]);
    expect(logLines(run('kubectl get pod nope -v=4').err)).toEqual([
      ...GATES,
      'helpers.go:246] server response object: %s[{',
      '  "kind": "Status",',
      '  "apiVersion": "v1",',
      '  "metadata": {},',
      '  "status": "Failure",',
      '  "message": "pods \\"nope\\" not found",',
      '  "reason": "NotFound",',
      '  "details": {',
      '    "name": "nope",',
      '    "kind": "pods"',
      '  },',
      '  "code": 404',
      '}]',
      'Error from server (NotFound): pods "nope" not found',
    ]);
  });

  it('a command refused before its first request builds no client: no feature gates', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl get pods --show-labels -o name -v=6').err)).toEqual([
      LOADED,
      'error: --show-labels option cannot be used with name printer',
    ]);
  });

  it('cobra’s required flags come before the kubeconfig is loaded; create builds its clients as it starts', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl create cronjob x --image=busybox -v=6').err)).toEqual([
      'error: required flag(s) "schedule" not set',
    ]);
    expect(logLines(run('kubectl create configmap x --from-literal=novalue -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      'error: invalid literal source novalue, expected key=value',
    ]);
  });

  it('get --sort-by lists everything at once (no page size)', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    expect(logLines(run('kubectl get secrets --sort-by=.metadata.name -o name -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/api/v1/namespaces/default/secrets 200 OK'),
    ]);
  });

  it('the resource builder builds its client when it maps a type: checks before that log no gates', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl describe -v=6').err)).toEqual([
      LOADED,
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    ]);
    // The builder maps the type (discovery read, the cache being cold) before it finds no name.
    expect(logLines(run('kubectl delete deployment -A -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/api?timeout=32s 200 OK'),
      req('GET SERVER/apis?timeout=32s 200 OK'),
      'error: resource(s) were provided, but no name was specified',
    ]);
    // A printer that cannot be found: get says so after its request, the start already logged.
    expect(logLines(run('kubectl get cm nope -o wide,name -v=6').err).slice(0, 2)).toEqual([
      LOADED,
      GATES[0],
    ]);
  });

  it('scale builds its clients as it starts; an Invalid answer is worded by CheckErr, not dumped', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl scale --replicas=2 -v=6').err).slice(0, 6)).toEqual([
      LOADED,
      ...GATES,
      'error: You must provide one or more resources by argument or filename.',
    ]);
    run('kubectl create deployment shop --image=nginx');
    const lines = logLines(run('kubectl expose deployment shop --port=80 --type=Foo -v=6').err);
    expect(lines.at(-2)).toBe(
      req(
        'POST SERVER/api/v1/namespaces/default/services?fieldManager=kubectl-expose 422 Unprocessable Entity',
      ),
    );
    expect(lines.at(-1)).toMatch(
      /^The Service "shop" is invalid: spec\.type: Unsupported value: "Foo"/,
    );
  });

  it('delete --force: the gates before its warning; label refuses names beside a selector after its Complete', () => {
    const { run } = engineSession(3);
    // Complete's builder maps the type (discovery, the cache being cold); Validate warns.
    expect(logLines(run('kubectl delete pod nope --force -v=6').err).slice(0, 8)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/api?timeout=32s 200 OK'),
      req('GET SERVER/apis?timeout=32s 200 OK'),
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    ]);
    expect(
      logLines(
        run('kubectl label pods web-missing team=blue --field-selector=metadata.name=web -A -v=6')
          .err,
      ),
    ).toEqual([LOADED, ...GATES, 'error: name cannot be provided when a selector is specified']);
    expect(
      logLines(run('kubectl label ns/prod x=y --field-selector=metadata.name=web -v=6').err),
    ).toEqual([
      LOADED,
      'error: selectors and the all flag cannot be used when passing resource/name arguments',
    ]);
  });

  it('events --for asks for the object’s events by a field selector', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    expect(logLines(run('kubectl events --for pod/web -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req(
        'GET SERVER/api/v1/namespaces/default/events?fieldSelector=involvedObject.apiVersion%3Dv1%2CinvolvedObject.kind%3DPod%2CinvolvedObject.name%3Dweb&limit=500 200 OK',
      ),
      'No events found in default namespace.',
    ]);
  });

  it('config commands load the file and build no client: once to read, more to write it', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl config current-context -v=6').err)).toEqual([LOADED]);
    expect(
      logLines(run('kubectl config use-context kubernetes-admin@kubernetes -v=6').err),
    ).toEqual([LOADED, LOADED]);
    expect(
      logLines(run('kubectl config set-context --current --namespace=default -v=6').err),
    ).toEqual([LOADED, LOADED, LOADED]);
  });

  it('exec’s old form is refused before the kubeconfig is read', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl exec web ls -v=6').err)).toEqual([
      'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
      "See 'kubectl exec -h' for help and examples",
    ]);
  });

  it('a typed client’s Status dump has no kind or apiVersion (rollout, set, expose…)', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    expect(logLines(run('kubectl rollout undo deployment/api -v=6').err).slice(-14)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/api 404 Not Found'),
      'helpers.go:246] server response object: %s[{',
      '  "metadata": {},',
      '  "status": "Failure",',
      '  "message": "deployments.apps \\"api\\" not found",',
      '  "reason": "NotFound",',
      '  "details": {',
      '    "name": "api",',
      '    "group": "apps",',
      '    "kind": "deployments"',
      '  },',
      '  "code": 404',
      '}]',
      'Error from server (NotFound): deployments.apps "api" not found',
    ]);
  });

  it('-v=7 and above: the console says what it leaves out, then logs as at 6', () => {
    const { run } = engineSession(3);
    const lines = logLines(run('kubectl get ns default -o name -v=8').err);
    expect(lines[0]).toBe(
      '(kubectl -v=7 and above also print request and response headers and bodies; this console shows the -v=6 log)',
    );
    expect(lines.at(-1)).toBe(req('GET SERVER/api/v1/namespaces/default 200 OK'));
  });
});

describe('kubectl -v=6: discovery through kubectl’s 6-hour cache', () => {
  it('the first command that maps types reads /api and /apis; the next ones use the cache', () => {
    const { run } = engineSession(3);
    // create deployment uses a typed client: no discovery.
    expect(logLines(run('kubectl create deployment web --image=nginx -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req(
        'POST SERVER/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict 201 Created',
      ),
    ]);
    expect(logLines(run('kubectl get pods -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      ...DISCOVERY,
      req('GET SERVER/api/v1/namespaces/default/pods?limit=500 200 OK'),
    ]);
    expect(logLines(run('kubectl get pods -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/api/v1/namespaces/default/pods?limit=500 200 OK'),
    ]);
    // A command without -v fills the cache as well; six hours later it is read again.
    run('sim advance 6h');
    run('kubectl get ns -o name');
    expect(logLines(run('kubectl get pods -o name -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/api/v1/namespaces/default/pods?limit=500 200 OK'),
    ]);
  });

  it('a type discovery does not know: the cache is invalidated and read again', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    expect(logLines(run('kubectl get nope -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      'discovery.go:214] Invalidating discovery information',
      ...DISCOVERY,
      'error: the server doesn\'t have a resource type "nope"',
    ]);
  });
});

describe('kubectl -v=6: the requests each command sends', () => {
  const session = () => {
    const s = engineSession(3);
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    s.run('kubectl get ns -o name');
    return s;
  };
  const requests = (err: string) =>
    logLines(err).filter((l) => !l.startsWith('envvar.go') && !l.startsWith('loader.go'));

  it('get: selectors, all namespaces, --chunk-size and --request-timeout in the query', () => {
    const { run } = session();
    expect(requests(run('kubectl get pods -l app=web,tier!=x -A -o name -v=6').err)).toEqual([
      req('GET SERVER/api/v1/pods?labelSelector=app%3Dweb%2Ctier%21%3Dx&limit=500 200 OK'),
    ]);
    expect(requests(run('kubectl get pod,svc --chunk-size=0 -o name -v=6').err)).toEqual([
      req('GET SERVER/api/v1/namespaces/default/pods 200 OK'),
      req('GET SERVER/api/v1/namespaces/default/services 200 OK'),
    ]);
    expect(requests(run('kubectl get deploy web --request-timeout=5 -o name -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web?timeout=5s 200 OK'),
    ]);
  });

  it('describe deployment: two GETs, its events by a field selector, its ReplicaSets', () => {
    const { run, cluster } = session();
    const uid = cluster.peek('deployments', 'default', 'web')?.metadata?.uid;
    expect(requests(run('kubectl describe deploy web -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req(
        `GET SERVER/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DDeployment%2CinvolvedObject.uid%3D${uid}&limit=500 200 OK`,
      ),
      req(
        'GET SERVER/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb&limit=500 200 OK',
      ),
    ]);
  });

  it('describe node: its pods, its events by uid and by name, its Lease', () => {
    const { run, cluster } = session();
    const uid = cluster.peek('nodes', undefined, 'node1')?.metadata?.uid;
    expect(requests(run('kubectl describe node node1 -v=6').err)).toEqual([
      req('GET SERVER/api/v1/nodes/node1 200 OK'),
      req('GET SERVER/api/v1/nodes/node1 200 OK'),
      req(
        'GET SERVER/api/v1/pods?fieldSelector=spec.nodeName%3Dnode1%2Cstatus.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed&limit=500 200 OK',
      ),
      req(
        `GET SERVER/api/v1/events?fieldSelector=involvedObject.name%3Dnode1%2CinvolvedObject.namespace%3D%2CinvolvedObject.kind%3DNode%2CinvolvedObject.uid%3D${uid}&limit=500 200 OK`,
      ),
      req(
        'GET SERVER/api/v1/events?fieldSelector=involvedObject.name%3Dnode1%2CinvolvedObject.namespace%3D%2CinvolvedObject.kind%3DNode%2CinvolvedObject.uid%3Dnode1&limit=500 200 OK',
      ),
      req('GET SERVER/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node1 200 OK'),
    ]);
  });

  it('describe pods -l: the list, then per pod a GET and its events (a pod’s selector names no kind)', () => {
    const { run, cluster } = session();
    const pods = (
      cluster.client('kubectl').list('pods', 'default') as {
        ok: true;
        value: { items: { metadata?: { name?: string; uid?: string } }[] };
      }
    ).value.items.map((p) => p.metadata);
    const lines = requests(run('kubectl describe pods -l app=web -v=6').err);
    expect(lines).toEqual([
      req('GET SERVER/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&limit=500 200 OK'),
      ...pods.flatMap((p) => [
        req(`GET SERVER/api/v1/namespaces/default/pods/${p?.name} 200 OK`),
        req(
          `GET SERVER/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D${p?.name}%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.uid%3D${p?.uid}&limit=500 200 OK`,
        ),
      ]),
    ]);
  });

  it('writes: each command’s field manager; typed creates and taint ask for strict validation', () => {
    const { run } = session();
    expect(requests(run('kubectl label deploy web tier=fe -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req(
        'PATCH SERVER/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-label 200 OK',
      ),
    ]);
    expect(requests(run('kubectl expose deploy web --port=80 -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req('POST SERVER/api/v1/namespaces/default/services?fieldManager=kubectl-expose 201 Created'),
    ]);
    expect(requests(run('kubectl run p --image=nginx -v=6').err)).toEqual([
      req('POST SERVER/api/v1/namespaces/default/pods?fieldManager=kubectl-run 201 Created'),
    ]);
    // scale's patch of the scale subresource and cordon's carry no field manager (the server
    // names them after the User-Agent).
    expect(requests(run('kubectl scale deploy web --replicas=3 -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req('PATCH SERVER/apis/apps/v1/namespaces/default/deployments/web/scale 200 OK'),
    ]);
    expect(requests(run('kubectl cordon node2 -v=6').err)).toEqual([
      req('GET SERVER/api/v1/nodes/node2 200 OK'),
      req('PATCH SERVER/api/v1/nodes/node2 200 OK'),
    ]);
    expect(requests(run('kubectl taint node node3 k=v:NoSchedule -v=6').err)).toEqual([
      req('GET SERVER/api/v1/nodes/node3 200 OK'),
      req(
        'PATCH SERVER/api/v1/nodes/node3?fieldManager=kubectl-taint&fieldValidation=Strict 200 OK',
      ),
    ]);
    expect(requests(run(`kubectl patch deploy web -p '{"spec":{"replicas":2}}' -v=6`).err)).toEqual(
      [
        req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
        req(
          'PATCH SERVER/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-patch 200 OK',
        ),
      ],
    );
  });

  it('an existing name: 409 Conflict; create wraps the error, so CheckErr dumps no Status', () => {
    const { run } = session();
    expect(requests(run('kubectl create deployment web --image=nginx -v=6').err)).toEqual([
      req(
        'POST SERVER/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict 409 Conflict',
      ),
      'error: failed to create deployment: deployments.apps "web" already exists',
    ]);
  });

  it('several errors: every Status dump comes before the first error’s text', () => {
    const { run } = session();
    const lines = requests(run('kubectl delete pod nope other -v=4').err);
    const dumps = lines.flatMap((l, i) => (l.startsWith('helpers.go:246]') ? [i] : []));
    const texts = lines.flatMap((l, i) => (l.startsWith('Error from server') ? [i] : []));
    expect(dumps).toHaveLength(2);
    expect(lines.slice(texts[0])).toEqual([
      'Error from server (NotFound): pods "nope" not found',
      'Error from server (NotFound): pods "other" not found',
    ]);
    expect(Math.max(...dumps)).toBeLessThan(texts[0] as number);
  });

  it('logs: the pods behind the deployment, then the log with its query', () => {
    const { run } = session();
    const lines = requests(run('kubectl logs deploy/web --tail=1 --timestamps -v=6').err);
    expect(lines[0]).toBe(req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'));
    expect(lines[1]).toBe(
      req('GET SERVER/api/v1/namespaces/default/pods?labelSelector=app%3Dweb 200 OK'),
    );
    expect(lines[2]).toMatch(/^Found 2 pods, using pod\/web-/);
    expect(lines[3]).toMatch(
      /^round_trippers\.go:560\] GET SERVER\/api\/v1\/namespaces\/default\/pods\/web-[a-z0-9-]+\/log\?container=nginx&tailLines=1&timestamps=true 200 OK in N milliseconds$/,
    );
  });

  it('delete waits on an informer: a GET, the reflector’s list and watch, its stop', () => {
    const { run } = session();
    run('kubectl run p --image=nginx');
    const lines = requests(run('kubectl delete pod p -v=6').err);
    expect(lines.slice(0, 4)).toEqual([
      req('DELETE SERVER/api/v1/namespaces/default/pods/p 200 OK'),
      req('GET SERVER/api/v1/namespaces/default/pods/p 200 OK'),
      `reflector.go:313] Starting reflector *unstructured.Unstructured (0s) from ${FROM}`,
      `reflector.go:349] Listing and watching *unstructured.Unstructured from ${FROM}`,
    ]);
    expect(lines[4]).toBe(
      req(
        'GET SERVER/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dp&limit=500&resourceVersion=0 200 OK',
      ),
    );
    expect(lines[5]).toBe(
      `reflector.go:376] Caches populated for *unstructured.Unstructured from ${FROM}`,
    );
    // The watch starts at the list's resourceVersion, with client-go's timeout of 5 to 10 minutes.
    const watch = /resourceVersion=(\d+)&timeoutSeconds=(\d+)&watch=true 200 OK/.exec(
      lines[6] ?? '',
    );
    expect(lines[6]).toMatch(
      /^round_trippers\.go:560\] GET SERVER\/api\/v1\/namespaces\/default\/pods\?allowWatchBookmarks=true&fieldSelector=metadata\.name%3Dp&resourceVersion=\d+&timeoutSeconds=\d+&watch=true 200 OK in N milliseconds$/,
    );
    expect(Number(watch?.[2])).toBeGreaterThanOrEqual(300);
    expect(Number(watch?.[2])).toBeLessThan(600);
    expect(Number(watch?.[1])).toBeGreaterThan(0);
    expect(lines.slice(7)).toEqual([
      `reflector.go:319] Stopping reflector *unstructured.Unstructured (0s) from ${FROM}`,
    ]);
    // -v=3 shows the reflector without the requests; -v=2 only that the cache filled.
    run('kubectl run q --image=nginx');
    expect(logLines(run('kubectl delete pod q -v=2').err)).toEqual([
      ...GATES,
      `reflector.go:376] Caches populated for *unstructured.Unstructured from ${FROM}`,
    ]);
  });

  it('delete --ignore-not-found: the wait still reads the object (404); annotate sends its patch even when it changes nothing', () => {
    const { run } = session();
    expect(requests(run('kubectl delete pod nope --ignore-not-found -v=6').err)).toEqual([
      req('DELETE SERVER/api/v1/namespaces/default/pods/nope 404 Not Found'),
      req('GET SERVER/api/v1/namespaces/default/pods/nope 404 Not Found'),
    ]);
    expect(requests(run('kubectl annotate deploy web note- -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req(
        'PATCH SERVER/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-annotate 200 OK',
      ),
    ]);
  });

  it('rollout undo: the deployment read again, its ReplicaSets by selector, a patch without a field manager', () => {
    const { run } = session();
    run('kubectl rollout restart deploy/web');
    expect(requests(run('kubectl rollout undo deploy/web -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
      req('GET SERVER/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb 200 OK'),
      req('PATCH SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'),
    ]);
  });

  it('auth can-i: the resource’s group version, then a SelfSubjectAccessReview', () => {
    const { run } = session();
    expect(requests(run('kubectl auth can-i create deployments -v=6').err)).toEqual([
      req('GET SERVER/apis/apps/v1 200 OK'),
      req('POST SERVER/apis/authorization.k8s.io/v1/selfsubjectaccessreviews 201 Created'),
    ]);
  });
});

describe('kubectl -v=6: manifests, the OpenAPI documents and informers', () => {
  const session = () => {
    const s = engineSession(3);
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    s.run('kubectl get ns -o name');
    s.run(
      `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: cm1\\ndata:\\n  a: b\\n' > cm1.yaml`,
    );
    return s;
  };
  const requests = (err: string) =>
    logLines(err).filter((l) => !l.startsWith('envvar.go') && !l.startsWith('loader.go'));
  const OPENAPI_V1 =
    /^round_trippers\.go:560\] GET SERVER\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}&timeout=32s 200 OK in N milliseconds$/;

  it('apply reads the OpenAPI v3 index and the group version’s document, then the object; -v=4 shows the post-processor', () => {
    const { run } = session();
    const first = requests(run('kubectl apply -f cm1.yaml -v=6').err);
    expect(first[0]).toBe(req('GET SERVER/openapi/v3?timeout=32s 200 OK'));
    expect(first[1]).toMatch(OPENAPI_V1);
    expect(first.slice(2)).toEqual([
      req('GET SERVER/api/v1/namespaces/default/configmaps/cm1 404 Not Found'),
      req(
        'POST SERVER/api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply&fieldValidation=Strict 201 Created',
      ),
      'apply.go:548] Running apply post-processor function',
    ]);
    // Unchanged: nothing to patch.
    expect(requests(run('kubectl apply -f cm1.yaml -v=6').err).slice(2)).toEqual([
      req('GET SERVER/api/v1/namespaces/default/configmaps/cm1 200 OK'),
      'apply.go:548] Running apply post-processor function',
    ]);
    expect(logLines(run('kubectl apply -f cm1.yaml -v=4').err)).toEqual([
      ...GATES,
      'apply.go:548] Running apply post-processor function',
    ]);
  });

  it('server-side apply sends its PATCH alone: 201 Created for a new object, 200 after', () => {
    const { run } = session();
    const ssa =
      'PATCH SERVER/api/v1/namespaces/default/configmaps/cm1?fieldManager=kubectl&fieldValidation=Strict&force=false';
    expect(requests(run('kubectl apply -f cm1.yaml --server-side -v=6').err).slice(2)).toEqual([
      req(`${ssa} 201 Created`),
      'apply.go:548] Running apply post-processor function',
    ]);
    expect(requests(run('kubectl apply -f cm1.yaml --server-side -v=6').err).slice(2)).toEqual([
      req(`${ssa} 200 OK`),
      'apply.go:548] Running apply post-processor function',
    ]);
  });

  it('create -f verifies field validation against the document; --validate=false does not read it', () => {
    const { run } = session();
    expect(requests(run('kubectl create -f cm1.yaml -v=6').err).slice(1)).toEqual([
      expect.stringMatching(OPENAPI_V1),
      req(
        'POST SERVER/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict 201 Created',
      ),
    ]);
    run('kubectl delete -f cm1.yaml');
    expect(requests(run('kubectl create -f cm1.yaml --validate=false -v=6').err)).toEqual([
      req(
        'POST SERVER/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Ignore 201 Created',
      ),
    ]);
    // describe -f: the object read for the manifest is the describer's one read.
    expect(requests(run('kubectl describe -f cm1.yaml -v=6').err)[0]).toBe(
      req('GET SERVER/api/v1/namespaces/default/configmaps/cm1 200 OK'),
    );
    expect(requests(run('kubectl describe -f cm1.yaml -v=6').err)[1]).toMatch(
      /events\?fieldSelector=/,
    );
  });

  it('wait reads the object, then waits on an informer; a missing one is a 404 for --for=delete', () => {
    const { run } = session();
    const lines = requests(run('kubectl wait --for=condition=Available deploy/web -v=6').err);
    expect(lines[0]).toBe(req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web 200 OK'));
    expect(lines[1]).toBe(
      `reflector.go:313] Starting reflector *unstructured.Unstructured (0s) from ${FROM}`,
    );
    expect(lines.at(-1)).toBe(
      `reflector.go:319] Stopping reflector *unstructured.Unstructured (0s) from ${FROM}`,
    );
    expect(requests(run('kubectl wait --for=delete pod/nope --timeout=1s -v=6').err)).toEqual([
      req('GET SERVER/api/v1/namespaces/default/pods/nope 404 Not Found'),
    ]);
  });

  it('drain lists the node’s pods by a field selector', () => {
    const { run } = session();
    const lines = requests(
      run('kubectl drain node1 --ignore-daemonsets --dry-run=client -v=6').err,
    );
    expect(lines.slice(0, 2)).toEqual([
      req('GET SERVER/api/v1/nodes/node1 200 OK'),
      req('GET SERVER/api/v1/pods?fieldSelector=spec.nodeName%3Dnode1&limit=500 200 OK'),
    ]);
  });

  beforeAll(async () => {
    await loadExplainSchema();
  });

  it('explain reads the OpenAPI v3 index and the group version’s document', () => {
    const { run } = session();
    const lines = requests(run('kubectl explain deploy.spec -v=6').err);
    expect(lines[0]).toBe(req('GET SERVER/openapi/v3?timeout=32s 200 OK'));
    expect(lines[1]).toMatch(
      /^round_trippers\.go:560\] GET SERVER\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}&timeout=32s 200 OK in N milliseconds$/,
    );
  });
});

describe('kubectl get --raw -v=6: one request, the path as typed', () => {
  it('logs the path and the answer’s code; a server error is dumped as a REST client decodes it', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl get --raw /api -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/api 200 OK'),
    ]);
    expect(
      logLines(
        run('kubectl get --raw /api/v1/namespaces/default/pods?labelSelector=x -v=6').err,
      ).at(-1),
    ).toBe(req('GET SERVER/api/v1/namespaces/default/pods?labelSelector=x 200 OK'));
    const missing = logLines(
      run('kubectl get --raw /api/v1/namespaces/default/pods/nope -v=6').err,
    );
    expect(missing.at(-1)).toBe('Error from server (NotFound): pods "nope" not found');
    expect(missing).toContain(req('GET SERVER/api/v1/namespaces/default/pods/nope 404 Not Found'));
    expect(missing).toContain('  "metadata": {},');
    expect(missing).not.toContain('  "kind": "Status",');
    expect(logLines(run('kubectl get --raw /nope -v=6').err).slice(-2)).toEqual([
      req('GET SERVER/nope 404 Not Found'),
      'Error from server (NotFound): the server could not find the requested resource',
    ]);
  });
});

describe('kubectl cluster-info asks the API server for the cluster services', () => {
  it('lists kube-system’s Services labelled kubernetes.io/cluster-service=true', () => {
    const { run } = engineSession(3);
    const with6 = run('kubectl cluster-info -v=6');
    expect(logLines(with6.err).at(-1)).toBe(
      req(
        'GET SERVER/api/v1/namespaces/kube-system/services?labelSelector=kubernetes.io%2Fcluster-service%3Dtrue 200 OK',
      ),
    );
    expect(with6.out).toBe(
      `Kubernetes control plane is running at ${SERVER}\nCoreDNS is running at ${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    );
    // Without the kube-dns Service, only the control plane is left to name.
    run('kubectl delete svc kube-dns -n kube-system');
    expect(run('kubectl cluster-info').out).toBe(
      `Kubernetes control plane is running at ${SERVER}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    );
  });
});

describe('kubectl -v: when each command reads its kubeconfig and builds its clients', () => {
  it('argument checks some commands make before they read the kubeconfig log nothing', () => {
    const { run } = engineSession(3);
    // label parses its arguments, cordon, logs, create NAME, diff and port-forward check theirs,
    // before the kubeconfig is loaded (kubectl 1.32.5); annotate's conflict comes after it.
    for (const line of [
      'kubectl label po x a- a=b -v=6',
      "kubectl label po x 'a=b c' -v=6",
      'kubectl auth can-i get -v=6',
      'kubectl cordon -v=6',
      'kubectl logs -v=6',
      'kubectl create cm -v=6',
      'kubectl diff -v=6',
      'kubectl port-forward po/x -v=6',
      'kubectl rollout statuss deployment/web -v=6',
    ]) {
      expect(logLines(run(line).err)[0], line).toMatch(/^error: /);
    }
    expect(logLines(run('kubectl annotate po x a- a=b -v=6').err)).toEqual([
      LOADED,
      'error: can not both modify and remove the following annotation(s) in the same command: a',
    ]);
  });

  it('patch, set, rollout and attach build their clients with the builder; set env and rollout status as they start', () => {
    const { run } = engineSession(3);
    expect(logLines(run(`kubectl patch po x -p '{}' --type=foo -v=6`).err)).toEqual([
      LOADED,
      'error: --type must be one of [json merge strategic], not "foo"',
    ]);
    expect(logLines(run('kubectl set selector svc/x bad k=1 -v=6').err)[1]).toMatch(
      /^error: there is no need to specify a resource type/,
    );
    expect(logLines(run('kubectl rollout undo -v=6').err)).toEqual([
      LOADED,
      'error: required resource not specified',
    ]);
    expect(logLines(run('kubectl attach -v=6').err)).toEqual([
      LOADED,
      'error: at least 1 argument is required for attach',
    ]);
    expect(logLines(run('kubectl rollout status -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      'error: required resource not specified',
    ]);
    expect(logLines(run('kubectl set env deploy/x 1X=2 -v=6').err).slice(0, 5)).toEqual([
      LOADED,
      ...GATES,
    ]);
  });

  it('a mapped type builds the client even when nothing is sent; a refusal before mapping does not', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment blog --image=nginx');
    const dry = run('kubectl delete deployments blog --dry-run=client -v=6');
    expect(dry.out).toBe('deployment.apps "blog" deleted (dry run)\n');
    expect(logLines(dry.err)).toEqual([LOADED, ...GATES, ...DISCOVERY]);
    expect(logLines(run('kubectl delete svc x --all-namespaces -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      'error: a resource cannot be retrieved by name across all namespaces',
    ]);
    // A DELETE carries a server dry run in its body, not in the query.
    expect(logLines(run('kubectl delete po nope --dry-run=server -v=6').err)[5]).toBe(
      req('DELETE SERVER/api/v1/namespaces/default/pods/nope 404 Not Found'),
    );
  });

  it('events --for and create role map their types (discovery when cold, again after a miss)', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl events --for deployments.apps/nosuch -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      ...DISCOVERY,
      req(
        'GET SERVER/api/v1/namespaces/default/events?fieldSelector=involvedObject.apiVersion%3Dapps%2Fv1%2CinvolvedObject.kind%3DDeployment%2CinvolvedObject.name%3Dnosuch&limit=500 200 OK',
      ),
      'No events found in default namespace.',
    ]);
    expect(
      logLines(
        run(
          'kubectl create clusterrole limits --verb=fly --resource=foos.example.com --dry-run=client -v=6',
        ).err,
      ),
    ).toEqual([
      LOADED,
      ...GATES,
      "Warning: 'fly' is not a standard resource verb",
      'discovery.go:214] Invalidating discovery information',
      ...DISCOVERY,
      'the server doesn\'t have a resource type "foos" in group "example.com"',
    ]);
  });

  it('patch --subresource reads the object through the subresource', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl get ns -o name');
    const lines = logLines(
      run(`kubectl patch deploy web --subresource=scale -p '{"spec":{"replicas":2}}' -v=6`).err,
    );
    expect(lines.slice(-2)).toEqual([
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments/web/scale 200 OK'),
      req(
        'PATCH SERVER/apis/apps/v1/namespaces/default/deployments/web/scale?fieldManager=kubectl-patch 200 OK',
      ),
    ]);
  });

  it('drain: eviction support read once, a POST of each eviction, then a GET a second until each pod is gone', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl get ns -o name');
    const pods = run(
      'kubectl get pods -o jsonpath=\'{range .items[*]}{.metadata.name} {.spec.nodeName}{"\\n"}{end}\'',
    )
      .out.trim()
      .split('\n')
      .map((l) => l.split(' '));
    const [pod, node] = pods[0] as [string, string];
    const r = run(`kubectl drain ${node} --ignore-daemonsets -v=6`);
    // -v=2 and above: each eviction's start is printed first.
    expect(r.out).toBe(
      `node/${node} cordoned\npod/${pod} eviction started\nevicting pod default/${pod}\npod/${pod} evicted\nnode/${node} drained\n`,
    );
    const lines = logLines(r.err).filter((l) => l.startsWith('round_trippers'));
    const podPath = `SERVER/api/v1/namespaces/default/pods/${pod}`;
    expect(lines.slice(4, 7)).toEqual([
      req('GET SERVER/api/v1 200 OK'),
      req(`POST ${podPath}/eviction 201 Created`),
      req(`GET ${podPath} 200 OK`),
    ]);
    expect(lines.at(-1)).toBe(req(`GET ${podPath} 404 Not Found`));
    // --disable-eviction: DELETEs, each followed by its "deletion started" at -v=2.
    run(`kubectl uncordon ${node}`);
    const other = pods[1] as [string, string];
    const d = run(`kubectl drain ${other[1]} --ignore-daemonsets --disable-eviction -v=2`);
    expect(d.out).toContain(`pod/${other[0]} deletion started\npod/${other[0]} deleted\n`);
  });
});

describe('kubectl -v: the RESTMapper reads discovery again after a miss, unless it just read it', () => {
  it('an unknown type with a cold cache reads discovery once; with a warm one it invalidates first', () => {
    const { run } = engineSession(3);
    const cold = logLines(run('kubectl get foo -v=6').err);
    expect(cold.filter((l) => l.startsWith('discovery.go'))).toEqual([]);
    expect(cold.filter((l) => l.startsWith('round_trippers'))).toEqual(DISCOVERY);
    expect(logLines(run('kubectl get foo -v=6').err).slice(5, 8)).toEqual([
      'discovery.go:214] Invalidating discovery information',
      ...DISCOVERY,
    ]);
  });

  it('resource.version.group is tried first: clusterroles.rbac.authorization.k8s.io misses as version "rbac"', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    expect(
      logLines(run('kubectl get clusterroles.rbac.authorization.k8s.io admin -o name -v=6').err),
    ).toEqual([
      LOADED,
      ...GATES,
      'discovery.go:214] Invalidating discovery information',
      ...DISCOVERY,
      req('GET SERVER/apis/rbac.authorization.k8s.io/v1/clusterroles/admin 200 OK'),
    ]);
    // A version that is one (deployments.v1.apps) or no version at all maps at once.
    expect(logLines(run('kubectl get deployments.v1.apps -o name -v=6').err)).toEqual([
      LOADED,
      ...GATES,
      req('GET SERVER/apis/apps/v1/namespaces/default/deployments?limit=500 200 OK'),
    ]);
  });

  it('autoscaling/v1 named in an argument or a manifest: the requests go to v1', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl get ns -o name');
    expect(
      logLines(run('kubectl get horizontalpodautoscalers.v1.autoscaling -o name -v=6').err).at(-1),
    ).toBe(
      req(
        'GET SERVER/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers?limit=500 200 OK',
      ),
    );
    run('kubectl autoscale deployment web --min=1 --max=4 --dry-run=client -o yaml > hpa.yaml');
    const applied = logLines(run('kubectl apply -f hpa.yaml -v=6').err).filter((l) =>
      l.startsWith('round_trippers'),
    );
    expect(applied[1]).toMatch(/GET SERVER\/openapi\/v3\/apis\/autoscaling\/v1\?hash=/);
    expect(applied.slice(2)).toEqual([
      req(
        'GET SERVER/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web 404 Not Found',
      ),
      req(
        'POST SERVER/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers?fieldManager=kubectl-client-side-apply&fieldValidation=Strict 201 Created',
      ),
    ]);
    // describe's describer reads the version it knows.
    expect(logLines(run('kubectl describe -f hpa.yaml -v=6').err)[5]).toBe(
      req('GET SERVER/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web 200 OK'),
    );
  });
});

describe('kubectl -v: more of where the log starts and what is sent', () => {
  it('delete warns of a boolean --cascade before it reads the kubeconfig; logs and get --raw refuse before it', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl delete cm nope --cascade=false -v=6').err).slice(0, 2)).toEqual([
      'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.',
      LOADED,
    ]);
    expect(logLines(run('kubectl logs x -l app=web -v=6').err)[0]).toBe(
      'error: only a selector (-l) or a POD name is allowed',
    );
    expect(logLines(run('kubectl get ns/default --raw=/api -v=6').err)).toEqual([
      'error: arguments may not be passed when --raw is specified',
    ]);
  });

  it('get --subresource with a subresource the type lacks still sends its GET (the server’s 404)', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    const lines = logLines(run('kubectl get svc kubernetes --subresource=nosuch -o name -v=6').err);
    expect(lines[5]).toBe(
      req('GET SERVER/api/v1/namespaces/default/services/kubernetes/nosuch 404 Not Found'),
    );
    expect(lines.at(-1)).toBe(
      'Error from server (NotFound): the server could not find the requested resource',
    );
  });

  it('run’s typed client dumps a refusal without kind and apiVersion', () => {
    const { run } = engineSession(3);
    run('kubectl create quota guard --hard=limits.memory=1Gi,requests.cpu=1 -n default');
    run('kubectl get ns -o name');
    const lines = logLines(run('kubectl run probe --image=busybox --restart=Never -v=6').err);
    expect(lines[6]).toBe('helpers.go:246] server response object: %s[{');
    expect(lines[7]).toBe('  "metadata": {},');
  });

  it('describe pvc lists the namespace’s pods a page at a time', () => {
    const { run } = engineSession(3);
    run(
      `printf 'apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: data\\nspec:\\n  accessModes: [ReadWriteOnce]\\n  resources:\\n    requests:\\n      storage: 1Gi\\n' > pvc.yaml`,
    );
    run('kubectl apply -f pvc.yaml');
    const lines = logLines(run('kubectl describe pvc data -v=6').err);
    expect(lines).toContain(req('GET SERVER/api/v1/namespaces/default/pods?limit=500 200 OK'));
  });
});

describe('kubectl -v: types the console answers for, and gathered rollout errors', () => {
  it('a served type the console holds nothing of is still asked for (the list, or the name’s 404)', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    expect(logLines(run('kubectl -n nosuch get crd -o name -v=6').err).at(-1)).toBe(
      req('GET SERVER/apis/apiextensions.k8s.io/v1/customresourcedefinitions?limit=500 200 OK'),
    );
    const missing = logLines(run('kubectl get crd nope -v=6').err);
    expect(missing).toContain(
      req('GET SERVER/apis/apiextensions.k8s.io/v1/customresourcedefinitions/nope 404 Not Found'),
    );
    expect(missing.at(-1)).toBe(
      'Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io "nope" not found',
    );
  });

  it('api-versions’ arguments and delete’s --cascade are refused before the kubeconfig is read', () => {
    const { run } = engineSession(3);
    expect(logLines(run('kubectl api-versions extra -v=6').err)[0]).toBe(
      'error: unexpected arguments: [extra]',
    );
    expect(logLines(run('kubectl delete po x --cascade=bad -v=6').err)).toEqual([
      'error: invalid cascade value (bad). Must be "background", "foreground", or "orphan"',
    ]);
  });

  it('rollout undo gathers each object’s error while the requests are logged as they go', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment front --image=nginx');
    run('kubectl create deployment worker --image=nginx');
    run('kubectl label deploy front worker tier=x');
    run('kubectl get ns -o name');
    const lines = logLines(
      run('kubectl rollout undo deployment -l tier --dry-run=server -v=6').err,
    );
    expect(lines.slice(-2)).toEqual([
      'no rollout history found for deployment "front"',
      'no rollout history found for deployment "worker"',
    ]);
    expect(lines.filter((l) => l.startsWith('round_trippers')).length).toBe(5);
  });
});

describe('kubectl -v: replace --force', () => {
  it('DELETE, a GET a second until a 404 (with --grace-period=0 the delete’s wait first), then the OpenAPI reads and the POST', () => {
    const { run } = engineSession(3);
    run('kubectl get ns -o name');
    run(
      `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: app\\ndata:\\n  a: b\\n' > app.yaml`,
    );
    run('kubectl apply -f app.yaml');
    const path = 'SERVER/api/v1/namespaces/default/configmaps';
    const plain = logLines(run('kubectl replace --force -f app.yaml -v=6').err).filter((l) =>
      l.startsWith('round_trippers'),
    );
    expect(plain.slice(0, 3)).toEqual([
      req(`DELETE ${path}/app 200 OK`),
      req(`GET ${path}/app 404 Not Found`),
      req('GET SERVER/openapi/v3?timeout=32s 200 OK'),
    ]);
    expect(plain.at(-1)).toBe(
      req(`POST ${path}?fieldManager=kubectl-replace&fieldValidation=Strict 201 Created`),
    );
    const waited = logLines(
      run('kubectl replace --force -f app.yaml --grace-period=0 -v=6').err,
    ).filter((l) => l.startsWith('round_trippers'));
    expect(waited.slice(0, 3)).toEqual([
      req(`DELETE ${path}/app 200 OK`),
      req(`GET ${path}/app 404 Not Found`),
      req(`GET ${path}/app 404 Not Found`),
    ]);
  });
});
