/**
 * Audit-10 #18: ValidateService's port rules (names for several ports, unique names, no node
 * port on a ClusterIP Service, no duplicate port/protocol), as 1.32 prints them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const svc = (name: string, spec: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {selector: {app: web}, ${spec}}\n`;

describe('service port validation', () => {
  it('refuses unnamed multi-port, a ClusterIP nodePort, duplicate names and ports', () => {
    const { run, host } = engineSession();
    host.fs.write(
      's.yaml',
      svc('s', 'ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443}]'),
    );
    expect(run('kubectl apply -f s.yaml')).toEqual({
      out: '',
      err: 'The Service "s" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n',
      code: 1,
    });
    host.fs.write('s2.yaml', svc('s2', 'type: ClusterIP, ports: [{port: 80, nodePort: 30001}]'));
    expect(run('kubectl apply -f s2.yaml').err).toBe(
      'The Service "s2" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'\n',
    );
    host.fs.write(
      's3.yaml',
      svc(
        's3',
        'ports: [{name: http, port: 80}, {name: http, port: 81, protocol: TCP, targetPort: 0}]',
      ),
    );
    expect(run('kubectl apply -f s3.yaml').err).toBe(
      'The Service "s3" is invalid: spec.ports[1].name: Duplicate value: "http"\n',
    );
    expect(run('kubectl create service clusterip dup --tcp=80:80,80:81').err).toBe(
      'error: failed to create ClusterIP service: Service "dup" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}\n',
    );
    expect(run('kubectl get svc -o name').out).toBe('service/kubernetes\n');
  });

  it('a named multi-port Service and a targetPort of 0 (defaulted to the port) are fine', () => {
    const { run, host } = engineSession();
    host.fs.write(
      's.yaml',
      svc(
        's',
        'ports: [{name: http, port: 80, targetPort: 0}, {name: https, port: 443, targetPort: 8443}]',
      ),
    );
    expect(run('kubectl apply -f s.yaml').out).toBe('service/s created\n');
    expect(run(`kubectl get svc s -o jsonpath='{.spec.ports[*].targetPort}'`).out).toBe('80 8443');
  });
});
