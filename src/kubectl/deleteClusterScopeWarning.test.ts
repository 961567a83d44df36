/**
 * `kubectl delete` with `-n` (and without `-A`) warns once, at the first cluster-scoped object,
 * that it is not scoped to the namespace (delete.go's WarnClusterScope); the warning comes
 * before the object's own error. Outputs as kubectl 1.32.5 prints them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const WARNING =
  'Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n';

describe('delete of cluster-scoped objects with -n', () => {
  it('warns once, before a not-found error or the dry-run lines', () => {
    const { run } = engineSession(3);
    expect(run('kubectl delete pv nosuch -n default')).toEqual({
      out: '',
      err: `${WARNING}Error from server (NotFound): persistentvolumes "nosuch" not found\n`,
      code: 1,
    });
    expect(run('kubectl delete pv nosuch -n default --ignore-not-found')).toEqual({
      out: '',
      err: WARNING,
      code: 0,
    });
    run('kubectl create priorityclass high --value=10');
    run('kubectl create priorityclass low --value=1');
    expect(run('kubectl delete pc high low -n default --dry-run=client -o name')).toEqual({
      out: 'priorityclass.scheduling.k8s.io/high\npriorityclass.scheduling.k8s.io/low\n',
      err: WARNING,
      code: 0,
    });
    expect(run('kubectl delete cm/nosuch pc/high -n default --dry-run=client')).toEqual({
      out: 'configmap "nosuch" deleted (dry run)\npriorityclass.scheduling.k8s.io "high" deleted (dry run)\n',
      err: WARNING,
      code: 0,
    });
  });

  it('says nothing without -n, with -A, or for namespaced objects', () => {
    const { run } = engineSession(3);
    run('kubectl create priorityclass high --value=10');
    for (const line of [
      'kubectl delete pc high --dry-run=client',
      'kubectl delete pc high -A --dry-run=client',
      'kubectl delete cm nosuch -n default --dry-run=client',
    ])
      expect(run(line).err, line).toBe('');
  });
});
