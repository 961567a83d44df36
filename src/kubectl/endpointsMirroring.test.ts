/**
 * A Service without a selector and Endpoints written by hand (the docs' "Services without
 * selectors"): the endpointslice mirroring controller mirrors them into an EndpointSlice, and
 * traffic to the Service reaches the address.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const EXT = `apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  ports: [{port: 80, targetPort: 80}]
`;

describe('Services without selectors', () => {
  it('mirrors hand-written Endpoints into a slice, routes to them, and drops it with them', () => {
    const { run, host } = engineSession(2);
    run('kubectl run web --image=nginx');
    const ip = run(`kubectl get pod web -o jsonpath='{.status.podIP}'`).out;
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
    host.fs.write(
      'ext.yaml',
      `${EXT}---
apiVersion: v1
kind: Endpoints
metadata: {name: ext, labels: {team: a}}
subsets:
- addresses: [{ip: ${ip}}]
  ports: [{port: 80}]
`,
    );
    run('kubectl apply -f ext.yaml');
    const slices = run('kubectl get endpointslices -l kubernetes.io/service-name=ext').out;
    expect(slices).toMatch(
      new RegExp(
        `^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\\next-[a-z0-9]{5} +IPv4 +80 +${ip.replace(/\./g, '\\.')} +\\d+s\\n$`,
      ),
    );
    const name = /ext-[a-z0-9]{5}/.exec(slices)?.[0] ?? '';
    const yaml = run(`kubectl get endpointslice ${name} -o yaml`).out;
    expect(yaml).toContain(
      '    endpointslice.kubernetes.io/managed-by: endpointslicemirroring-controller.k8s.io\n    kubernetes.io/service-name: ext\n    team: a\n',
    );
    expect(yaml).toMatch(
      /ownerReferences:\n {2}- apiVersion: v1\n {4}blockOwnerDeletion: true\n {4}controller: true\n {4}kind: Endpoints\n {4}name: ext\n/,
    );
    expect(yaml).toContain(`endpoints:\n- addresses:\n  - ${ip}\n  conditions:\n    ready: true\n`);
    run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    expect(run('kubectl exec bb -- wget -qO- -T 3 ext').out).toContain(
      '<h1>Welcome to nginx!</h1>',
    );
    // The Endpoints go: so does the mirrored slice.
    run('kubectl delete endpoints ext');
    expect(run('kubectl get endpointslices -l kubernetes.io/service-name=ext').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('Endpoints of a Service with a selector are not mirrored', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    const slices = run('kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml').out;
    expect(slices).toContain(
      'endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io',
    );
    expect(slices).not.toContain('endpointslicemirroring-controller.k8s.io');
  });

  it('kubectl describe endpoints: subsets with their addresses and ports table', () => {
    const { run } = engineSession(2);
    expect(run('kubectl describe ep kubernetes').out).toBe(
      'Name:         kubernetes\nNamespace:    default\nLabels:       endpointslice.kubernetes.io/skip-mirror=true\nAnnotations:  <none>\nSubsets:\n  Addresses:          172.18.0.2\n  NotReadyAddresses:  <none>\n  Ports:\n    Name   Port  Protocol\n    ----   ----  --------\n    https  6443  TCP\n\nEvents:  <none>\n',
    );
  });

  it('refuses Endpoints addresses that are loopback, unspecified, link-local or not IPs', () => {
    const { run, host } = engineSession(2);
    const ep = (name: string, ip: string) =>
      `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ${name}\nsubsets:\n- addresses:\n  - ip: ${ip}\n  ports:\n  - port: 80\n`;
    host.fs.write('e1.yaml', ep('e1', '127.0.0.1'));
    expect(run('kubectl create -f e1.yaml').err).toBe(
      'The Endpoints "e1" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)\n',
    );
    host.fs.write('e2.yaml', ep('e2', '0.0.0.0'));
    expect(run('kubectl apply -f e2.yaml').err).toBe(
      'The Endpoints "e2" is invalid: subsets[0].addresses[0].ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)\n',
    );
    host.fs.write('e3.yaml', ep('e3', '169.254.1.1'));
    expect(run('kubectl create -f e3.yaml').err).toContain(
      'may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    );
    host.fs.write('e4.yaml', ep('e4', '10.0.0.9'));
    expect(run('kubectl create -f e4.yaml').out).toBe('endpoints/e4 created\n');
  });
});
