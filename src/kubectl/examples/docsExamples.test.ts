/**
 * `kubectl apply -f https://k8s.io/examples/…`, how most Kubernetes documentation pages start:
 * the console answers from its copies of the documentation's examples, fails a path the site
 * does not serve as kubectl does on a 404, and never pretends to reach any other host.
 */
import { describe, expect, it } from 'vitest';
import { Registry } from '../../engine/registry/registry.ts';
import { completions } from '../completions.ts';
import { parseManifests } from '../manifest.ts';
import { typeByKind } from '../resources.ts';
import { engineSession } from '../testing/engineSession.ts';
import { DOCS_EXAMPLES } from './docsExamples.ts';
import { examplePath, readUrl } from './index.ts';

describe('kubectl -f with a documentation example URL', () => {
  it('creates the objects of the docs pages from k8s.io, kubernetes.io and GitHub URLs', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl apply -f https://k8s.io/examples/controllers/nginx-deployment.yaml'),
    ).toEqual({ out: 'deployment.apps/nginx-deployment created\n', err: '', code: 0 });
    expect(run('kubectl apply -f https://kubernetes.io/examples/pods/simple-pod.yaml').out).toBe(
      'pod/nginx created\n',
    );
    expect(run('kubectl create -f https://k8s.io/examples/controllers/job.yaml').out).toBe(
      'job.batch/pi created\n',
    );
    expect(
      run(
        'kubectl apply -f https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/nginx-app.yaml',
      ).out,
    ).toBe('service/my-nginx-svc created\ndeployment.apps/my-nginx created\n');
    // The objects are what the file says: the Deployment page's three nginx:1.14.2 replicas.
    expect(
      run(
        "kubectl get deploy nginx-deployment -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'",
      ).out,
    ).toBe('3 nginx:1.14.2');
    expect(run('kubectl get -f https://k8s.io/examples/pods/simple-pod.yaml -o name').out).toBe(
      'pod/nginx\n',
    );
    expect(run('kubectl delete -f https://k8s.io/examples/pods/simple-pod.yaml').out).toBe(
      'pod "nginx" deleted\n',
    );
  });

  it("serves the RBAC/HPA/PDB/network pages' files: HPA walkthrough, ZooKeeper, policies, ingresses", () => {
    const { run } = engineSession(1);
    const E = 'https://k8s.io/examples';
    expect(run(`kubectl apply -f ${E}/application/php-apache.yaml`).code).toBe(0);
    expect(run(`kubectl create -f ${E}/application/hpa/php-apache.yaml`)).toEqual({
      out: 'horizontalpodautoscaler.autoscaling/php-apache created\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl create -f ${E}/application/zookeeper/zookeeper.yaml`).out).toBe(
      'service/zk-hs created\nservice/zk-cs created\npoddisruptionbudget.policy/zk-pdb created\nstatefulset.apps/zk created\n',
    );
    // The folded shell command of the StatefulSet reads as one line.
    expect(
      run("kubectl get sts zk -o jsonpath='{.spec.template.spec.containers[0].command[2]}'").out,
    ).toMatch(
      /^start-zookeeper --servers=3 --data_dir=\/var\/lib\/zookeeper\/data .* --log_level=INFO$/,
    );
    expect(run(`kubectl apply -f ${E}/service/networking/nginx-policy.yaml`).out).toBe(
      'networkpolicy.networking.k8s.io/access-nginx created\n',
    );
    expect(
      run(
        `kubectl apply -f ${E}/policy/zookeeper-pod-disruption-budget-maxunavailable.yaml -n kube-public`,
      ).out,
    ).toBe('poddisruptionbudget.policy/zk-pdb created\n');
    expect(
      run(
        `kubectl create -f ${E}/policy/zookeeper-pod-disruption-budget-minavailable.yaml -n kube-node-lease`,
      ).out,
    ).toBe('poddisruptionbudget.policy/zk-pdb created\n');
    for (const [path, out] of [
      ['network-policy-allow-all-egress.yaml', 'networkpolicy.networking.k8s.io/allow-all-egress'],
      ['networkpolicy-multiport-egress.yaml', 'networkpolicy.networking.k8s.io/multi-port-egress'],
      ['example-ingress.yaml', 'ingress.networking.k8s.io/example-ingress'],
      ['namespaced-params.yaml', 'ingressclass.networking.k8s.io/external-lb'],
      [
        'name-virtual-host-ingress-no-third-host.yaml',
        'ingress.networking.k8s.io/name-virtual-host-ingress-no-third-host',
      ],
    ])
      expect(run(`kubectl apply -f ${E}/service/networking/${path}`).out).toBe(`${out} created\n`);
    expect(run('kubectl get ingress example-ingress').out).toBe(
      'NAME              CLASS   HOSTS                 ADDRESS   PORTS   AGE\n' +
        'example-ingress   nginx   hello-world.example             80      70s\n',
    );
  });

  it('fails a path the documentation does not serve as kubectl does on a 404', () => {
    const { run } = engineSession(1);
    expect(run('kubectl apply -f https://k8s.io/examples/controllers/no-such-file.yaml')).toEqual({
      out: '',
      err: 'error: unable to read URL "https://k8s.io/examples/controllers/no-such-file.yaml", server reported 404 Not Found, status code=404\n',
      code: 1,
    });
  });

  it('says plainly that other hosts cannot be reached, and creates nothing', () => {
    const { run } = engineSession(1);
    const r = run('kubectl apply -f https://example.com/app.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: Get "https:\/\/example\.com\/app\.yaml": this console cannot reach the network;/,
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('still reads a local file whose name merely looks like a path', () => {
    const { run, host } = engineSession(1);
    host.fs.write('examples/pod.yaml', DOCS_EXAMPLES['pods/simple-pod.yaml'] ?? '');
    expect(run('kubectl apply -f examples/pod.yaml').out).toBe('pod/nginx created\n');
  });
});

describe('the shipped documentation examples', () => {
  it('maps each documentation host to the example path', () => {
    expect(examplePath('https://k8s.io/examples/pods/simple-pod.yaml')).toBe(
      'pods/simple-pod.yaml',
    );
    expect(examplePath('http://kubernetes.io/examples/pods/simple-pod.yaml')).toBe(
      'pods/simple-pod.yaml',
    );
    expect(
      examplePath(
        'https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/pods/simple-pod.yaml',
      ),
    ).toBe('pods/simple-pod.yaml');
    expect(examplePath('https://example.com/examples/pods/simple-pod.yaml')).toBeUndefined();
    expect(readUrl('https://k8s.io/examples/pods/nope.yaml')).toEqual({ kind: 'notFound' });
  });

  it('are all valid manifests; those of kinds the simulator stores pass a server dry run', () => {
    const paths = Object.keys(DOCS_EXAMPLES).sort();
    expect(paths.length).toBeGreaterThanOrEqual(40);
    const { run } = engineSession(1);
    for (const ns of ['mem-example', 'cpu-example', 'qos-example']) run(`kubectl create ns ${ns}`);
    let checked = 0;
    for (const path of paths) {
      const parsed = parseManifests(DOCS_EXAMPLES[path] ?? '', path);
      expect(parsed.ok, path).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.docs.length, path).toBeGreaterThan(0);
      let stored = true;
      for (const doc of parsed.docs) {
        expect(typeof doc.apiVersion, path).toBe('string');
        expect(typeof doc.metadata?.name, path).toBe('string');
        if (!typeByKind(String(doc.apiVersion), String(doc.kind))) stored = false;
      }
      if (!stored) continue;
      // Strict field validation on the server: a mistyped transcription fails here.
      const r = run(`kubectl create --dry-run=server -f https://k8s.io/examples/${path}`);
      expect(r.err, path).toBe('');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(60);
  });
});

describe('images of the shipped examples', () => {
  it('all pull from the simulated registry', () => {
    const registry = new Registry();
    const images = new Set<string>();
    for (const text of Object.values(DOCS_EXAMPLES)) {
      for (const m of text.matchAll(/^\s*-?\s*image:\s*"?([^"\s#]+)"?/gm)) images.add(m[1] ?? '');
    }
    expect(images.size).toBeGreaterThan(20);
    for (const image of images) expect(registry.resolve(image).ok, image).toBe(true);
  });
});

describe('completion of example URLs', () => {
  it('offers the shipped paths after -f https://k8s.io/examples/', () => {
    const { host } = engineSession(1);
    const line = 'kubectl apply -f https://k8s.io/examples/pods/probe/';
    expect(completions(host, line, line.length)).toEqual({
      from: 'kubectl apply -f '.length,
      items: [
        'https://k8s.io/examples/pods/probe/exec-liveness.yaml',
        'https://k8s.io/examples/pods/probe/http-liveness.yaml',
        'https://k8s.io/examples/pods/probe/tcp-liveness-readiness.yaml',
      ],
    });
  });
});
