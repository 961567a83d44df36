/**
 * A label selector the API server cannot parse, given to the commands that list with it: the
 * resource builder's Selector (cli-runtime selector.go Visit) names what it listed, and each
 * command reports that error its own way. Outputs as the real kubectl 1.32.5 printed them
 * against the same cluster (oracle, session 28).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const PARSE = "unable to parse requirement: found '', expected: ',' or ')'";
const unable = (gvr: string, selector: string, why = PARSE) =>
  `Error from server (BadRequest): Unable to find "${gvr}" that match label selector "${selector}", field selector "": ${why}\n`;
const DEPLOYMENTS = unable('apps/v1, Resource=deployments', 'app in (web');
const refused = (err: string) => ({ out: '', err, code: 1 });

function withWeb() {
  const s = engineSession();
  expect(s.run('kubectl create deployment web --image=nginx').code).toBe(0);
  return s;
}

describe('a label selector the server cannot parse', () => {
  it('describe names the list of each type', () => {
    const { run } = withWeb();
    expect(run("kubectl describe deploy -l 'app gt 1'")).toEqual(
      refused(
        unable(
          'apps/v1, Resource=deployments',
          'app gt 1',
          "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt",
        ),
      ),
    );
    expect(run("kubectl describe deploy,svc -l 'app in (web'")).toEqual(
      refused(DEPLOYMENTS + unable('/v1, Resource=services', 'app in (web')),
    );
  });

  it('rollout restart/status/history/undo/pause/resume report it, not "No resources found"', () => {
    const { run } = withWeb();
    for (const verb of ['restart', 'status', 'history', 'undo', 'pause'])
      expect(run(`kubectl rollout ${verb} deploy -l 'app in (web'`)).toEqual(refused(DEPLOYMENTS));
    expect(run("kubectl rollout resume deploy -l '!'")).toEqual(
      refused(
        unable(
          'apps/v1, Resource=deployments',
          '!',
          "unable to parse requirement: found '', expected: identifier",
        ),
      ),
    );
    expect(run("kubectl rollout restart deploy,sts -l 'app in (web'")).toEqual(
      refused(DEPLOYMENTS + unable('apps/v1, Resource=statefulsets', 'app in (web')),
    );
  });

  it('wait, logs and apply view-last-applied end with it', () => {
    const { run } = withWeb();
    expect(
      run("kubectl wait --for=condition=Available deploy -l 'app in (web' --timeout=1s"),
    ).toEqual(refused(DEPLOYMENTS));
    expect(run("kubectl wait --for=delete deploy -l 'app in (web' --timeout=1s")).toEqual(
      refused(DEPLOYMENTS),
    );
    expect(run("kubectl logs -l 'app in (web'")).toEqual(
      refused(unable('/v1, Resource=pods', 'app in (web')),
    );
    expect(run("kubectl apply view-last-applied deploy -l 'app in (web'")).toEqual(
      refused(DEPLOYMENTS),
    );
  });

  it('scale: nothing to scale, with the error as its infoErr', () => {
    const { run } = withWeb();
    expect(run("kubectl scale deploy -l 'app in (web' --replicas=1")).toEqual(
      refused(
        `error: no objects passed to scale ${DEPLOYMENTS.slice('Error from server (BadRequest): '.length)}`,
      ),
    );
    expect(run('kubectl get deploy web -o jsonpath={.spec.replicas}').out).toBe('1');
  });
});

describe('annotate --list', () => {
  it('lists even with -o (only label refuses --list with --output); a missing object is NotFound', () => {
    const { run } = withWeb();
    expect(run('kubectl annotate deployment web --list -o json')).toEqual({
      out: 'deployment.kubernetes.io/revision=1\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl annotate deployment nosuch --list -o json')).toEqual(
      refused('Error from server (NotFound): deployments.apps "nosuch" not found\n'),
    );
    expect(run('kubectl label deployment web --list -o json')).toEqual(
      refused('error: --list and --output may not be specified together\n'),
    );
    expect(run('kubectl annotate deployment web --list -o bad')).toEqual(
      refused(
        'error: unable to match a printer suitable for the output format "bad", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      ),
    );
  });
});
