/**
 * Creating an object whose namesake is still terminating (audit 9 #11): the registry store's
 * Create prefixes AlreadyExists with `object is being deleted: `.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('AlreadyExists for an object being deleted', () => {
  it('a namespace and a pod that are terminating on a stopped node', () => {
    const { run, cluster } = engineSession(11);
    run('kubectl create ns dev');
    run(`kubectl run p1 -n dev --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    run(`kubectl run p2 --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    cluster.stopNode('node1');
    cluster.runUntil(() => false, 60_000);
    run('kubectl delete ns dev --wait=false');
    expect(run('kubectl create ns dev')).toEqual({
      out: '',
      err: 'Error from server (AlreadyExists): object is being deleted: namespaces "dev" already exists\n',
      code: 1,
    });
    run('kubectl delete pod p2 --wait=false');
    expect(run('kubectl run p2 --image=nginx').err).toBe(
      'Error from server (AlreadyExists): object is being deleted: pods "p2" already exists\n',
    );
    // An object that is not being deleted keeps the plain message.
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl create deployment web --image=nginx').err).toBe(
      'error: failed to create deployment: deployments.apps "web" already exists\n',
    );
  });
});
