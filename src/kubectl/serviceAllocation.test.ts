/**
 * Service IP and node-port allocation (audit 9 #19): a nodePort or clusterIP another Service
 * holds, or one outside the node-port range / service CIDR, is refused as storage/alloc.go
 * and the port and IP allocators word it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('Service allocation', () => {
  it('node ports: taken or out of range', () => {
    const { run } = engineSession(15);
    expect(run('kubectl create service nodeport ns2 --tcp=80:80 --node-port=30080').out).toBe(
      'service/ns2 created\n',
    );
    expect(run('kubectl create service nodeport ns3 --tcp=80:80 --node-port=30080')).toEqual({
      out: '',
      err: 'error: failed to create NodePort service: Service "ns3" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n',
      code: 1,
    });
    expect(run('kubectl create service nodeport ns4 --tcp=80:80 --node-port=20000').err).toBe(
      'error: failed to create NodePort service: Service "ns4" is invalid: spec.ports[0].nodePort: Invalid value: 20000: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    );
  });

  it('cluster IPs: taken or outside 10.96.0.0/12', () => {
    const { run } = engineSession(15);
    expect(run('kubectl create service clusterip a1 --tcp=80:80 --clusterip=10.96.0.1').err).toBe(
      'error: failed to create ClusterIP service: Service "a1" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated\n',
    );
    expect(run('kubectl create service clusterip a2 --tcp=80:80 --clusterip=10.200.0.1').err).toBe(
      'error: failed to create ClusterIP service: Service "a2" is invalid: spec.clusterIPs: Invalid value: []string{"10.200.0.1"}: failed to allocate IP 10.200.0.1: the provided IP (10.200.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12\n',
    );
    expect(run('kubectl create service clusterip a3 --tcp=80:80 --clusterip=10.100.0.7').out).toBe(
      'service/a3 created\n',
    );
    expect(run('kubectl create service clusterip a4 --tcp=80:80 --clusterip=10.96.0.10').code).toBe(
      1,
    );
  });
});
