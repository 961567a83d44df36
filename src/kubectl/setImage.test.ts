/** `kubectl set image` on the kinds with a pod template, and its refusal for the others. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';
import { agentDaemonSetYaml } from './testing/manifests.ts';

const AGENT = agentDaemonSetYaml();

describe('kubectl set image', () => {
  it('updates the pod template of a DaemonSet', () => {
    const { host, run } = engineSession(1);
    host.fs.write('agent.yaml', AGENT);
    expect(run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent created\n');
    expect(run('kubectl set image ds/agent agent=busybox:1.37')).toEqual({
      out: 'daemonset.apps/agent image updated\n',
      err: '',
      code: 0,
    });
    expect(
      run("kubectl get ds agent -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('busybox:1.37');
    // Nothing to change: kubectl sends no patch and prints nothing.
    expect(run('kubectl set image ds/agent agent=busybox:1.37')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it('refuses an object without a pod template with one "error:" and the Go type', () => {
    const { run } = engineSession(1);
    run('kubectl create service clusterip web --tcp=80');
    expect(run('kubectl set image svc/web web=nginx')).toEqual({
      out: '',
      err: 'error: services/web the object is not a pod or does not have a pod template: *v1.Service\n',
      code: 1,
    });
    expect(run('kubectl set image svc/nope web=nginx').err).toBe(
      'Error from server (NotFound): services "nope" not found\n',
    );
  });
});

describe('kubectl set image: arguments, as Complete reads them before Validate', () => {
  it('a CONTAINER=IMAGE without its "container=" is read as a resource', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl set image deployment/web nginx:1.25')).toEqual({
      out: '',
      err: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
      code: 1,
    });
    expect(run('kubectl set image deployment web nginx:1.25')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nginx:1.25" not found\n',
      code: 1,
    });
  });

  it("no arguments: the resource builder's message; a valid target without an image: plain", () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl set image')).toEqual({
      out: '',
      err: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      code: 1,
    });
    expect(run('kubectl set image deployment/web')).toEqual({
      out: '',
      err: 'error: at least one image update is required\n',
      code: 1,
    });
    expect(run('kubectl set image deployment/web nginx=a extra').err).toBe(
      'error: all resources must be specified before image changes: extra\n',
    );
  });

  it('acts on every deployment --all selects', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    run('kubectl create deployment api --image=nginx');
    expect(run('kubectl set image deployments --all nginx=nginx:1.27')).toEqual({
      out: 'deployment.apps/api image updated\ndeployment.apps/web image updated\n',
      err: '',
      code: 0,
    });
  });
});
