/**
 * Ingresses and IngressClasses (networking.k8s.io/v1) on a kubeadm 1.32 cluster with no ingress
 * controller: stored and validated by the API server, listed and described as kubectl 1.32 does
 * (ADDRESS stays empty: no controller ever writes the status), made by `kubectl create ingress`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DOCS = 'https://k8s.io/examples/service/networking';

describe('the Ingress page of the documentation', () => {
  it('minimal-ingress: get shows no address, describe the backend without endpoints', () => {
    const { run } = engineSession(1);
    expect(run(`kubectl apply -f ${DOCS}/minimal-ingress.yaml`)).toEqual({
      out: 'ingress.networking.k8s.io/minimal-ingress created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get ingress').out).toBe(
      'NAME              CLASS           HOSTS   ADDRESS   PORTS   AGE\n' +
        'minimal-ingress   nginx-example   *                 80      15s\n',
    );
    expect(run('kubectl describe ingress minimal-ingress').out).toBe(
      [
        'Name:             minimal-ingress',
        'Labels:           <none>',
        'Namespace:        default',
        'Address:          ',
        'Ingress Class:    nginx-example',
        'Default backend:  <default>',
        'Rules:',
        '  Host        Path  Backends',
        '  ----        ----  --------',
        '  *           ',
        '              /testpath   test:80 (<error: services "test" not found>)',
        'Annotations:  nginx.ingress.kubernetes.io/rewrite-target: /',
        'Events:       <none>',
        '',
      ].join('\n'),
    );
    expect(run('kubectl get ing minimal-ingress -o yaml').out).toContain(
      '  generation: 1\n  name: minimal-ingress\n  namespace: default\n',
    );
    expect(run('kubectl get ing minimal-ingress -o yaml').out).toMatch(
      /\n {8}path: \/testpath\n {8}pathType: Prefix\nstatus:\n {2}loadBalancer: \{\}\n$/,
    );
  });

  it('a default backend with a Service behind it shows the endpoints of the port it names', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment test --image=nginx --replicas=2');
    run('kubectl expose deployment test --port=80');
    run(`kubectl apply -f ${DOCS}/test-ingress.yaml`);
    expect(run('kubectl get ingress test-ingress').out).toBe(
      'NAME           CLASS    HOSTS   ADDRESS   PORTS   AGE\n' +
        'test-ingress   <none>   *                 80      15s\n',
    );
    const out = run('kubectl describe ingress test-ingress').out;
    expect(out).toMatch(
      /\nDefault backend: {2}test:80 \(10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80\)\nRules:\n {2}Host {8}Path {2}Backends\n {2}---- {8}---- {2}--------\n {2}\* {11}\* {5}test:80 \(10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80\)\nAnnotations: {2}<none>\n/,
    );
    // A Service whose selector matches no pod has an empty EndpointSlice: kubectl 1.32 shows
    // `()` (it shows `<none>` only when the Service has no slice at all). A port the Service lacks
    // matches no Service port, so the describer shows the endpoints of the unnamed port.
    run('kubectl create service clusterip lonely --tcp=8080:8080');
    // Both rules have no host, so create ingress puts both paths into one rule.
    run('kubectl create ingress two --rule=/a=lonely:8080 --rule=/b=test:9090');
    expect(run('kubectl describe ingress two').out).toMatch(
      /\n {2}\* {11}\n {14}\/a {3}lonely:8080 \(\)\n {14}\/b {3}test:9090 \(10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80\)\n/,
    );
  });

  it('simple fanout, virtual hosts, wildcard host and TLS: HOSTS and PORTS', () => {
    const { run } = engineSession(1);
    for (const f of [
      'simple-fanout-example',
      'name-virtual-host-ingress',
      'ingress-wildcard-host',
      'tls-example-ingress',
    ])
      expect(run(`kubectl apply -f ${DOCS}/${f}.yaml`).code).toBe(0);
    expect(run('kubectl get ingress').out).toBe(
      'NAME                        CLASS    HOSTS                     ADDRESS   PORTS     AGE\n' +
        'ingress-wildcard-host       <none>   foo.bar.com,*.foo.com               80        30s\n' +
        'name-virtual-host-ingress   <none>   foo.bar.com,bar.foo.com             80        45s\n' +
        'simple-fanout-example       <none>   foo.bar.com                         80        60s\n' +
        'tls-example-ingress         <none>   https-example.foo.com               80, 443   15s\n',
    );
    expect(run('kubectl describe ingress simple-fanout-example').out).toContain(
      'Rules:\n' +
        '  Host         Path  Backends\n' +
        '  ----         ----  --------\n' +
        '  foo.bar.com  \n' +
        '               /foo   service1:4200 (<error: services "service1" not found>)\n' +
        '               /bar   service2:8080 (<error: services "service2" not found>)\n',
    );
    expect(run('kubectl describe ingress tls-example-ingress').out).toContain(
      'Default backend:  <default>\nTLS:\n  testsecret-tls terminates https-example.foo.com\nRules:\n',
    );
  });

  it('a resource backend is described by its reference', () => {
    const { run } = engineSession(1);
    run(`kubectl apply -f ${DOCS}/ingress-resource-backend.yaml`);
    const out = run('kubectl describe ingress ingress-resource-backend').out;
    expect(out).toContain(
      'Default backend:  APIGroup: k8s.example.com, Kind: StorageBucket, Name: static-assets\n',
    );
    expect(out).toContain(
      '              /icons   APIGroup: k8s.example.com, Kind: StorageBucket, Name: icon-assets\n',
    );
  });

  it('IngressClasses: get, describe, the default class given to an Ingress naming none', () => {
    const { run } = engineSession(1);
    expect(run('kubectl get ingressclass')).toEqual({
      out: '',
      err: 'No resources found\n',
      code: 0,
    });
    expect(run(`kubectl apply -f ${DOCS}/external-lb.yaml`).out).toBe(
      'ingressclass.networking.k8s.io/external-lb created\n',
    );
    run(`kubectl apply -f ${DOCS}/default-ingressclass.yaml`);
    expect(run('kubectl get ingressclass').out).toBe(
      'NAME            CONTROLLER                       PARAMETERS                                      AGE\n' +
        'external-lb     example.com/ingress-controller   IngressParameters.k8s.example.com/external-lb   30s\n' +
        'nginx-example   k8s.io/ingress-nginx             <none>                                          15s\n',
    );
    expect(run('kubectl describe ingressclass external-lb').out).toBe(
      [
        'Name:         external-lb',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Controller:   example.com/ingress-controller',
        'Parameters:',
        '  APIGroup:  k8s.example.com',
        '  Kind:      IngressParameters',
        '  Name:      external-lb',
        'Events:      <none>',
        '',
      ].join('\n'),
    );
    // Defaulting: the parameters reference is cluster-scoped unless it says otherwise.
    expect(
      run("kubectl get ingressclass external-lb -o jsonpath='{.spec.parameters.scope}'").out,
    ).toBe('Cluster');
    // DefaultIngressClass admission: no class named, so the default one; a named class stays.
    run(`kubectl apply -f ${DOCS}/test-ingress.yaml`);
    run('kubectl create ingress named --class=external-lb --rule=/x=svc:80');
    expect(
      run(
        'kubectl create ingress annotated --rule=/x=svc:80 --annotation kubernetes.io/ingress.class=other',
      ),
    ).toEqual({
      out: 'ingress.networking.k8s.io/annotated created\n',
      err: 'Warning: annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead\n',
      code: 0,
    });
    expect(run('kubectl get ingress').out).toBe(
      'NAME           CLASS           HOSTS   ADDRESS   PORTS   AGE\n' +
        'annotated      <none>          *                 80      15s\n' +
        'named          external-lb     *                 80      30s\n' +
        'test-ingress   nginx-example   *                 80      45s\n',
    );
  });

  it('an IngressClass controller is a domain-prefixed path and may not change', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'ic.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: bad\nspec:\n  controller: nginx\n',
    );
    expect(run('kubectl apply -f ic.yaml')).toEqual({
      out: '',
      err: 'The IngressClass "bad" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")\n',
      code: 1,
    });
    run(`kubectl apply -f ${DOCS}/external-lb.yaml`);
    expect(
      run(
        'kubectl patch ingressclass external-lb -p \'{"spec":{"controller":"example.com/other"}}\'',
      ),
    ).toEqual({
      out: '',
      err: 'The IngressClass "external-lb" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable\n',
      code: 1,
    });
    // Other fields may change.
    expect(run('kubectl label ingressclass external-lb tier=edge').out).toBe(
      'ingressclass.networking.k8s.io/external-lb labeled\n',
    );
  });
});

describe('Ingress validation (1.32 pkg/apis/networking/validation)', () => {
  const ingress = (spec: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: bad\nspec:\n${spec}`;

  it('requires pathType, with its own message', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'i.yaml',
      ingress(
        '  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
      ),
    );
    expect(run('kubectl apply -f i.yaml')).toEqual({
      out: '',
      err: 'The Ingress "bad" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n',
      code: 1,
    });
  });

  it('refuses an Ingress with neither rules nor a default backend', () => {
    const { run, host } = engineSession(1);
    host.fs.write('i.yaml', ingress('  ingressClassName: x\n'));
    expect(run('kubectl create -f i.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified\n',
    );
  });

  it('wants a service xor a resource backend, and a port name xor number', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'both.yaml',
      ingress(
        '  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n    resource:\n      kind: Bucket\n      name: b\n',
      ),
    );
    expect(run('kubectl create -f both.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.defaultBackend: Invalid value: "": cannot set both resource and service backends\n',
    );
    host.fs.write('none.yaml', ingress('  defaultBackend: {}\n'));
    expect(run('kubectl create -f none.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.defaultBackend: Invalid value: "": resource or service backend is required\n',
    );
    host.fs.write(
      'ports.yaml',
      ingress(
        '  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n        name: http\n',
      ),
    );
    expect(run('kubectl create -f ports.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.defaultBackend: Invalid value: "": cannot set both port name & port number\n',
    );
    host.fs.write('noport.yaml', ingress('  defaultBackend:\n    service:\n      name: web\n'));
    expect(run('kubectl create -f noport.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.defaultBackend: Required value: port name or number is required\n',
    );
  });

  it('checks hosts (no IP addresses, wildcards only as a first label) and paths', () => {
    const { run, host } = engineSession(1);
    const rule = (h: string, path: string, type: string) =>
      ingress(
        `  rules:\n  - host: "${h}"\n    http:\n      paths:\n      - path: ${path}\n        pathType: ${type}\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n`,
      );
    host.fs.write('ip.yaml', rule('10.0.0.1', '/', 'Prefix'));
    expect(run('kubectl create -f ip.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address\n',
    );
    host.fs.write('wild.yaml', rule('foo.*.com', '/', 'Prefix'));
    expect(run('kubectl create -f wild.yaml').err).toBe(
      "The Ingress \"bad\" is invalid: spec.rules[0].host: Invalid value: \"foo.*.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
    );
    host.fs.write('rel.yaml', rule('a.com', 'foo', 'Exact'));
    expect(run('kubectl create -f rel.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path\n',
    );
    host.fs.write('dots.yaml', rule('a.com', '/a/../b', 'Prefix'));
    expect(run('kubectl create -f dots.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "/a/../b": must not contain \'/../\'\n',
    );
    host.fs.write('type.yaml', rule('a.com', '/', 'Regex'));
    expect(run('kubectl create -f type.yaml').err).toBe(
      'The Ingress "bad" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"\n',
    );
    // ImplementationSpecific allows an empty path.
    host.fs.write('impl.yaml', rule('a.com', '""', 'ImplementationSpecific'));
    expect(run('kubectl create -f impl.yaml').out).toBe('ingress.networking.k8s.io/bad created\n');
  });
});

describe('an Ingress whose status a controller (here: the learner) has written', () => {
  it('shows the addresses, cut at 16 characters unless -o wide', () => {
    const { run } = engineSession(1);
    run('kubectl create ingress web --rule=a.com/=web:80');
    expect(
      run(
        'kubectl patch ingress web --subresource=status --type=merge -p \'{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.123"},{"hostname":"lb.example.com"},{"ip":"203.0.113.7"}]}}}\'',
      ).out,
    ).toBe('ingress.networking.k8s.io/web patched\n');
    expect(run('kubectl get ingress').out).toBe(
      'NAME   CLASS    HOSTS   ADDRESS            PORTS   AGE\n' +
        'web    <none>   a.com   203.0.113.123...   80      30s\n',
    );
    expect(run('kubectl get ingress -o wide').out).toBe(
      'NAME   CLASS    HOSTS   ADDRESS                                    PORTS   AGE\n' +
        'web    <none>   a.com   203.0.113.123,203.0.113.7,lb.example.com   80      45s\n',
    );
    expect(run('kubectl describe ingress web').out).toContain(
      'Address:          203.0.113.123,203.0.113.7,lb.example.com\n',
    );
    // A spec change bumps the generation; the status stays.
    run('kubectl patch ingress web --type=merge -p \'{"spec":{"ingressClassName":"x"}}\'');
    expect(
      run(
        "kubectl get ingress web -o jsonpath='{.metadata.generation} {.status.loadBalancer.ingress[2].ip}'",
      ).out,
    ).toBe('2 203.0.113.7');
  });
});

describe('the class annotation and ingressClassName', () => {
  it('must agree on create only (ValidateIngressCreate), not on update', () => {
    const { run } = engineSession(1);
    expect(
      run(
        'kubectl create ingress x --class=a --rule=/=svc:80 --annotation kubernetes.io/ingress.class=b',
      ).err,
    ).toBe(
      'error: failed to create ingress: Ingress.networking.k8s.io "x" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "b": must match `ingressClassName` when both are specified\n',
    );
    run('kubectl create ingress x --class=a --rule=/=svc:80');
    expect(run('kubectl annotate ingress x kubernetes.io/ingress.class=b')).toEqual({
      out: 'ingress.networking.k8s.io/x annotated\n',
      err: '',
      code: 0,
    });
  });
});

describe('kubectl create ingress', () => {
  it('builds one rule per --rule: Exact paths, Prefix with a trailing *, TLS per host', () => {
    const { run } = engineSession(1);
    expect(
      run(
        'kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml',
      ).out,
    ).toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  creationTimestamp: null',
        '  name: simple',
        'spec:',
        '  rules:',
        '  - host: foo.com',
        '    http:',
        '      paths:',
        '      - backend:',
        '          service:',
        '            name: svc1',
        '            port:',
        '              number: 8080',
        '        path: /bar',
        '        pathType: Exact',
        '  tls:',
        '  - hosts:',
        '    - foo.com',
        '    secretName: my-cert',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(
      run(
        'kubectl create ingress ingtls --class=default --rule="foo.com/=svc:https,tls" --rule="foo.com/path/subpath*=othersvc:8080" --default-backend=defaultsvc:http --annotation a=b=c',
      ),
    ).toEqual({ out: 'ingress.networking.k8s.io/ingtls created\n', err: '', code: 0 });
    expect(run('kubectl get ingress ingtls -o json').out).toContain('"a": "b=c"');
    const spec = run("kubectl get ingress ingtls -o jsonpath='{.spec}'").out;
    expect(JSON.parse(spec)).toEqual({
      defaultBackend: { service: { name: 'defaultsvc', port: { name: 'http' } } },
      ingressClassName: 'default',
      rules: [
        {
          host: 'foo.com',
          http: {
            paths: [
              {
                backend: { service: { name: 'svc', port: { name: 'https' } } },
                path: '/',
                pathType: 'Exact',
              },
              {
                backend: { service: { name: 'othersvc', port: { number: 8080 } } },
                path: '/path/subpath',
                pathType: 'Prefix',
              },
            ],
          },
        },
      ],
      tls: [{ hosts: ['foo.com'] }],
    });
    expect(run('kubectl get ing').out).toBe(
      'NAME     CLASS     HOSTS     ADDRESS   PORTS     AGE\n' +
        'ingtls   default   foo.com             80, 443   45s\n',
    );
    expect(run('kubectl describe ing ingtls').out).toContain(
      'Default backend:  defaultsvc:http (<error: services "defaultsvc" not found>)\nTLS:\n  SNI routes foo.com\nRules:\n',
    );
  });

  it('merges the paths of several --rule for one host into one rule (help: same host, multiple paths)', () => {
    const { run } = engineSession(1);
    run(
      'kubectl create ingress multipath --class=default --rule="foo.com/=svc:port" --rule="foo.com/admin/=svcadmin:portadmin"',
    );
    expect(run('kubectl get ingress multipath').out).toBe(
      'NAME        CLASS     HOSTS     ADDRESS   PORTS   AGE\n' +
        'multipath   default   foo.com             80      15s\n',
    );
    expect(run('kubectl describe ingress multipath').out).toContain(
      [
        'Rules:',
        '  Host        Path  Backends',
        '  ----        ----  --------',
        '  foo.com     ',
        '              /         svc:port (<error: services "svc" not found>)',
        '              /admin/   svcadmin:portadmin (<error: services "svcadmin" not found>)',
        'Annotations:  <none>',
      ].join('\n'),
    );
    run(
      'kubectl create ingress multi --rule="a.com/x=web:80" --rule="b.com/y=web:80" --rule="a.com/z=web:80,tls=s1" --rule="b.com/q=web:80,tls=s1"',
    );
    expect(run("kubectl get ingress multi -o jsonpath='{.spec.rules[*].host}'").out).toBe(
      'a.com b.com',
    );
    expect(
      run("kubectl get ingress multi -o jsonpath='{.spec.rules[0].http.paths[*].path}'").out,
    ).toBe('/x /z');
    expect(run("kubectl get ingress multi -o jsonpath='{.spec.tls}'").out).toBe(
      '[{"hosts":["a.com","b.com"],"secretName":"s1"}]',
    );
    expect(run('kubectl describe ingress multi').out).toContain(
      'TLS:\n  s1 terminates a.com,b.com\nRules:\n',
    );
  });

  it('takes each TLS secret from its own --rule: a bare tls does not inherit an earlier secret', () => {
    const { run } = engineSession(1);
    run('kubectl create ingress t2 --rule="a.com/=s:80,tls=s1" --rule="b.com/=s:80,tls"');
    expect(run("kubectl get ingress t2 -o jsonpath='{.spec.tls}'").out).toBe(
      '[{"hosts":["a.com"],"secretName":"s1"},{"hosts":["b.com"]}]',
    );
    run('kubectl create ingress t3 --rule="a.com/=s:80,tls" --rule="b.com/=s:80,tls"');
    expect(run("kubectl get ingress t3 -o jsonpath='{.spec.tls}'").out).toBe(
      '[{"hosts":["a.com","b.com"]}]',
    );
  });

  it('refuses what create_ingress.go Validate refuses, before any request', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create ingress bad')).toEqual({
      out: '',
      err: 'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n',
      code: 1,
    });
    expect(run('kubectl create ingress bad --rule=foo.com=svc:80').err).toBe(
      'error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n',
    );
    expect(run('kubectl create ingress bad --rule=foo.com/=svc:80,tsl').err).toBe(
      'error: rule foo.com/=svc:80,tsl is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n',
    );
    expect(run('kubectl create ingress bad --default-backend=svc').err).toBe(
      'error: default-backend should be in format servicename:serviceport\n',
    );
    expect(run('kubectl create ingress bad --rule=a.com/=svc:80 --annotation foo').err).toBe(
      'error: annotation foo is invalid and should be in format key=[value]\n',
    );
    expect(run('kubectl create ingress --rule=a.com/=svc:80')).toEqual({
      out: '',
      err: "error: exactly one NAME is required, got 0\nSee 'kubectl create ingress -h' for help and examples\n",
      code: 1,
    });
    // The server's refusal comes wrapped.
    expect(run('kubectl create ingress bad --rule="1.2.3.4/a=svc:80"').err).toBe(
      'error: failed to create ingress: Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address\n',
    );
    expect(run('kubectl get ingress').err).toBe('No resources found in default namespace.\n');
  });

  it('has the 1.32 help page', () => {
    const { run } = engineSession(1);
    const out = run('kubectl create ingress --help').out;
    expect(out).toMatch(/^Create an ingress with the specified name\.\n\nAliases:\ningress, ing\n/);
    expect(out).toContain(
      '  # Create an ingress with multiple hosts and the pathType as Prefix\n  kubectl create ingress ingress1 --class=default \\\n  --rule="foo.com/path*=svc:8080" \\\n  --rule="bar.com/admin*=svc2:http"\n',
    );
    expect(out).toContain(
      "    --rule=[]:\n\tRule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are\n\tconsidered pathType=Prefix. tls argument is optional.\n",
    );
    expect(out).toContain(
      'Usage:\n  kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]\n',
    );
  });

  it('goes with its namespace', () => {
    const { run } = engineSession(1);
    run('kubectl create ns blue');
    run('kubectl create ingress web -n blue --rule=/=web:80');
    expect(run('kubectl get ingress -A').out).toBe(
      'NAMESPACE   NAME   CLASS    HOSTS   ADDRESS   PORTS   AGE\n' +
        'blue        web    <none>   *                 80      15s\n',
    );
    expect(run('kubectl delete ns blue').out).toBe('namespace "blue" deleted\n');
    expect(run('kubectl get ingress -A').err).toBe('No resources found\n');
  });
});
