/**
 * `kubectl describe pvc` shows the claim's DataSource (APIGroup when set, Kind, Name) after
 * VolumeMode, as kubectl 1.32.5 prints it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('describe pvc with a data source', () => {
  it('prints DataSource with its API group, kind and name', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: fromsnap\\nspec:\\n  accessModes: [ReadWriteOnce]\\n  volumeMode: Block\\n  dataSource:\\n    name: snap1\\n    kind: VolumeSnapshot\\n    apiGroup: snapshot.storage.k8s.io\\n  resources:\\n    requests:\\n      storage: 1Gi\\n' > pvc.yaml && kubectl apply -f pvc.yaml",
    );
    const out = run('kubectl describe pvc fromsnap --show-events=false').out;
    expect(out.slice(out.indexOf('Capacity:'))).toBe(`Capacity:      
Access Modes:  
VolumeMode:    Block
DataSource:
  APIGroup:  snapshot.storage.k8s.io
  Kind:      VolumeSnapshot
  Name:      snap1
Used By:     <none>
`);
  });

  it('leaves APIGroup out for a core kind (a cloned claim)', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: PersistentVolumeClaim\\nmetadata:\\n  name: clone\\nspec:\\n  accessModes: [ReadWriteOnce]\\n  dataSource:\\n    name: src\\n    kind: PersistentVolumeClaim\\n  resources:\\n    requests:\\n      storage: 1Gi\\n' > pvc.yaml && kubectl apply -f pvc.yaml",
    );
    const out = run('kubectl describe pvc clone --show-events=false').out;
    expect(out).toContain(
      'VolumeMode:    Filesystem\nDataSource:\n  Kind:   PersistentVolumeClaim\n  Name:   src\nUsed By:  <none>\n',
    );
  });
});
