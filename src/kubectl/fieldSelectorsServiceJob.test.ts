/**
 * The field labels 1.32 added or kept for Services and Jobs: a Service selects on spec.clusterIP
 * (1.30) and spec.type (1.31), a Job on status.successful; any other label is the conversion
 * function's `field label not supported`, not the generic "not a known field selector".
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl --field-selector on services and jobs', () => {
  it('services by type and cluster IP', () => {
    const { run } = engineSession(13);
    run('kubectl create service nodeport np --tcp=80:8080');
    run('kubectl create service clusterip headless --clusterip=None');
    expect(run('kubectl get svc --field-selector spec.type=NodePort -o name').out).toBe(
      'service/np\n',
    );
    expect(run('kubectl get svc --field-selector spec.clusterIP=None -o name').out).toBe(
      'service/headless\n',
    );
    expect(run('kubectl get svc --field-selector spec.clusterIP=10.96.0.1 -o name').out).toBe(
      'service/kubernetes\n',
    );
    expect(run('kubectl get svc -A --field-selector spec.type!=ClusterIP -o name').out).toBe(
      'service/np\n',
    );
    expect(run('kubectl get svc --field-selector spec.ports=80').err).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=services" that match label selector "", field selector "spec.ports=80": field label not supported: spec.ports\n',
    );
  });

  it('jobs by status.successful', () => {
    const { run } = engineSession(13);
    run('kubectl create job done --image=busybox -- echo hi');
    run('kubectl create job long --image=busybox -- sleep 3600');
    expect(run('kubectl get jobs --field-selector status.successful=1 -o name').out).toBe(
      'job.batch/done\n',
    );
    expect(run('kubectl get jobs --field-selector status.successful=0 -o name').out).toBe(
      'job.batch/long\n',
    );
    expect(run('kubectl get jobs --field-selector spec.completions=1').err).toBe(
      'Error from server (BadRequest): Unable to find "batch/v1, Resource=jobs" that match label selector "", field selector "spec.completions=1": field label not supported: spec.completions\n',
    );
  });
});
