/**
 * Which errors carry kubectl's `See '… -h' for help and examples` line: only those made with
 * cmdutil.UsageErrorf. Validate errors built with fmt.Errorf and the resource builder's own
 * errors are plain `error: …` lines.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NO_RESOURCES =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

describe('plain errors, no usage line', () => {
  it('rollout restart, status and history without a resource', () => {
    const { run } = engineSession();
    for (const sub of ['restart', 'status', 'history']) {
      expect(run(`kubectl rollout ${sub}`)).toEqual({
        out: '',
        err: 'error: required resource not specified\n',
        code: 1,
      });
    }
  });

  it('expose and scale without a resource: the resource builder says what to give', () => {
    const { run } = engineSession();
    expect(run('kubectl expose')).toEqual({ out: '', err: NO_RESOURCES, code: 1 });
    expect(run('kubectl scale --replicas=2')).toEqual({ out: '', err: NO_RESOURCES, code: 1 });
  });

  it('expose: no port to find, a port that is no number, a pod without labels', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl expose deployment web')).toEqual({
      out: '',
      err: "error: couldn't find port via --port flag or introspection\n",
      code: 1,
    });
    expect(run('kubectl expose deployment web --port=abc')).toEqual({
      out: '',
      err: 'error: strconv.Atoi: parsing "abc": invalid syntax\n',
      code: 1,
    });
    run('kubectl run bare --image=nginx --labels=');
    run(`kubectl label pod bare run-`);
    expect(run('kubectl expose pod bare --port=80').err).toBe(
      "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n",
    );
  });

  it('expose --port lists several ports, named port-1, port-2', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl expose deployment web --port=80,81').out).toBe('service/web exposed\n');
    expect(run("kubectl get svc web -o jsonpath='{.spec.ports[*].name}'").out).toBe(
      'port-1 port-2',
    );
  });
});
