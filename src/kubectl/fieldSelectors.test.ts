/**
 * Field selectors (audit 9 #14): the selectable fields hold Go's text of booleans (an unset
 * `spec.hostNetwork` is "false"), and a label the resource does not support is the server's
 * BadRequest, which kubectl's selector visitor wraps with what was asked for.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl --field-selector', () => {
  it('matches false booleans', () => {
    const { run } = engineSession(13);
    run('kubectl run solo --image=nginx');
    expect(run('kubectl get pods --field-selector spec.hostNetwork=false -o name').out).toBe(
      'pod/solo\n',
    );
    expect(run('kubectl get nodes --field-selector spec.unschedulable=false -o name').out).toBe(
      'node/control-plane\nnode/node1\nnode/node2\nnode/node3\n',
    );
    expect(run('kubectl get nodes --field-selector spec.unschedulable=true').err).toBe(
      'No resources found\n',
    );
  });

  it('refuses labels the resource does not support', () => {
    const { run } = engineSession(13);
    expect(run('kubectl get pods --field-selector foo=bar')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
      code: 1,
    });
    expect(run('kubectl delete pods --field-selector spec.containers.image=nginx').err).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.containers.image=nginx": field label not supported: spec.containers.image\n',
    );
    expect(run('kubectl get deploy -l app=web --field-selector spec.replicas=1').err).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=web", field selector "spec.replicas=1": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    );
  });
});
