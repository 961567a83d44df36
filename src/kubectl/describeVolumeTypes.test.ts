/**
 * `kubectl describe pod` for downwardAPI, projected-secret and NFS volumes (audit 13 C18), as
 * 1.32's printDownwardAPIVolumeSource, printProjectedVolumeSource and printNFSVolumeSource.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: vols
  labels:
    app: d
spec:
  containers:
  - name: c
    image: busybox:1.36
    args: ["sleep", "3600"]
    resources:
      limits:
        cpu: 500m
  volumes:
  - name: podinfo
    downwardAPI:
      items:
      - path: labels
        fieldRef:
          fieldPath: metadata.labels
      - path: cpu_limit
        resourceFieldRef:
          containerName: c
          resource: limits.cpu
  - name: all-in-one
    projected:
      sources:
      - secret:
          name: user
      - secret:
          name: pass
          optional: true
  - name: share
    nfs:
      server: nfs.example.com
      path: /exports/data
`;

describe('describe pod volume types', () => {
  it('lists downwardAPI items, projected secrets and NFS fields', () => {
    const { run, host } = engineSession(3);
    host.fs.write('vols.yaml', POD);
    run('kubectl apply -f vols.yaml');
    const out = run('kubectl describe pod vols').out;
    expect(out).toContain(
      [
        '  podinfo:',
        '    Type:  DownwardAPI (a volume populated by information about the pod)',
        '    Items:',
        '      metadata.labels -> labels',
        '      limits.cpu -> cpu_limit',
        '  all-in-one:',
        '    Type:                Projected (a volume that contains injected data from multiple sources)',
        '    SecretName:          user',
        '    SecretOptionalName:  <nil>',
        '    SecretName:          pass',
        '    SecretOptionalName:  true',
        '  share:',
        '    Type:      NFS (an NFS mount that lasts the lifetime of a pod)',
        '    Server:    nfs.example.com',
        '    Path:      /exports/data',
        '    ReadOnly:  false',
      ].join('\n'),
    );
  });
});
