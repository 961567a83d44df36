/**
 * kubectl 1.32's Service and Ingress describers read the Service's EndpointSlices
 * (kubernetes.io/service-name=NAME), not its Endpoints: `<none>` only when there is no slice,
 * an empty value when the slice holds no ready endpoint, at most three ready `ip:port` then
 * ` + N more...` (not-ready endpoints are neither shown nor counted). An Ingress backend whose
 * Service is missing shows the Service's NotFound. Outputs as a real kubectl 1.32.5 printed them
 * against the same simulated cluster.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(1);
  // Two pods that never become ready (the image cannot be pulled) carry the web label too.
  s.run('kubectl run bad --image=nginx:nosuchtag --labels=app=web');
  s.run('kubectl run bad2 --image=nginx:nosuchtag --labels=app=web');
  s.run('kubectl create deployment web --image=nginx --replicas=4 --port=80');
  s.run('kubectl expose deployment web --port=80');
  s.run('kubectl create service clusterip empty --tcp=80');
  return s;
}

describe('describe service: the endpoints of its EndpointSlices', () => {
  it('shows three ready endpoints and counts only the ready ones beyond them', () => {
    const { run } = cluster();
    const slices = run(
      "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[*]}{.conditions.ready} {end}'",
    ).out;
    expect(slices.split(' ').filter((r) => r === 'false')).toHaveLength(2);
    expect(run('kubectl describe svc web').out).toMatch(
      /\nPort: {21}<unset> {2}80\/TCP\nTargetPort: {15}80\/TCP\nEndpoints: {16}10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80 \+ 1 more\.\.\.\nSession Affinity:/,
    );
  });

  it('an empty slice (the selector matches no pod) prints nothing after Endpoints:', () => {
    const { run } = cluster();
    expect(run('kubectl describe svc empty').out).toContain(
      'Port:                     80  80/TCP\n' +
        'TargetPort:               80/TCP\n' +
        'Endpoints:                \n' +
        'Session Affinity:         None\n',
    );
  });

  it('a Service without a selector has no slice: <none>', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'manual.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec: {ports: [{port: 80}]}\n',
    );
    expect(run('kubectl apply -f manual.yaml').code).toBe(0);
    expect(run('kubectl get endpointslices -l kubernetes.io/service-name=manual -o name').out).toBe(
      '',
    );
    expect(run('kubectl describe svc manual').out).toContain(
      'Port:                     <unset>  80/TCP\n' +
        'TargetPort:               80/TCP\n' +
        'Endpoints:                <none>\n',
    );
  });
});

describe('describe ingress: backends from EndpointSlices', () => {
  it('empty slice `()`, ready endpoints, and a missing Service', () => {
    const { run } = cluster();
    run(
      'kubectl create ingress ing1 --rule="foo.com/bar=empty:80" --rule="foo.com/web=web:80" --rule="foo.com/none=nosuch:80" --default-backend=empty:80',
    );
    expect(run('kubectl describe ingress ing1').out).toMatch(
      new RegExp(
        [
          'Default backend:  empty:80 \\(\\)',
          'Rules:',
          '  Host        Path  Backends',
          '  ----        ----  --------',
          '  foo.com     ',
          '              /bar    empty:80 \\(\\)',
          '              /web    web:80 \\((10\\.244\\.\\d\\.\\d+:80,){2}10\\.244\\.\\d\\.\\d+:80 \\+ 1 more\\.\\.\\.\\)',
          '              /none   nosuch:80 \\(<error: services "nosuch" not found>\\)',
          'Annotations:  <none>',
        ].join('\n'),
      ),
    );
  });
});

describe('describe ingress: backends by port name or number', () => {
  it('a named port, a numbered one, a port the Service lacks, a headless Service without ports', () => {
    const { run, host } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=2 --port=80');
    host.fs.write(
      'objs.yaml',
      [
        'apiVersion: v1\nkind: Service\nmetadata: {name: hl}\nspec: {clusterIP: None, selector: {app: web}}',
        'apiVersion: v1\nkind: Service\nmetadata: {name: named}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 80}, {name: other, port: 81, targetPort: 81}]',
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ing}\nspec:\n  rules:\n  - http:\n      paths:\n' +
          '      - {path: /, pathType: Prefix, backend: {service: {name: named, port: {name: http}}}}\n' +
          '      - {path: /o, pathType: Prefix, backend: {service: {name: named, port: {number: 81}}}}\n' +
          '      - {path: /x, pathType: Prefix, backend: {service: {name: named, port: {number: 99}}}}\n' +
          '      - {path: /h, pathType: Prefix, backend: {service: {name: hl, port: {number: 80}}}}',
      ].join('\n---\n'),
    );
    expect(run('kubectl apply -f objs.yaml').code).toBe(0);
    const ip = '10\\.244\\.\\d\\.\\d+';
    expect(run('kubectl describe ingress ing').out).toMatch(
      new RegExp(
        [
          `              / {4}named:http \\(${ip}:80,${ip}:80\\)`,
          `              /o {3}named:81 \\(${ip}:81,${ip}:81\\)`,
          // No Service port has number 99: the unnamed port's endpoints, and there is none.
          '              /x {3}named:99 \\(\\)',
          // A slice without ports lists bare addresses.
          `              /h {3}hl:80 \\(${ip},${ip}\\)`,
        ].join('\n'),
      ),
    );
  });
});
