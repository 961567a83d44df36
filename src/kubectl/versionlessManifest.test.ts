/**
 * A manifest without apiVersion, read by a command that does not validate it (get, delete,
 * describe, label) or with --validate=false: the builder maps the kind in the core group, but
 * the object's client has no version in its path (`/api/namespaces/…`), which the API server
 * does not route. Outputs as the real kubectl 1.32.5 printed them (oracle, session 28).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NOV = "printf 'kind: ConfigMap\\nmetadata:\\n  name: noversion\\n' > nov.yaml";
const GENERIC = 'the server could not find the requested resource';
const refused = (err: string) => ({ out: '', err, code: 1 });

function session() {
  const s = engineSession();
  expect(s.run(NOV).code).toBe(0);
  return s;
}

describe('a core kind without apiVersion', () => {
  it('get, label and annotate: the bare 404; describe reads it through the mapping', () => {
    const { run } = session();
    expect(run('kubectl get -f nov.yaml -o name')).toEqual(
      refused(`Error from server (NotFound): ${GENERIC}\n`),
    );
    expect(run('kubectl get -f nov.yaml --ignore-not-found -o name')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl label -f nov.yaml a=b')).toEqual(
      refused(`Error from server (NotFound): ${GENERIC}\n`),
    );
    expect(run('kubectl describe -f nov.yaml')).toEqual(
      refused('Error from server (NotFound): configmaps "noversion" not found\n'),
    );
  });

  it('delete: "error when deleting", ignored with --ignore-not-found', () => {
    const { run } = session();
    expect(run('kubectl delete -f nov.yaml')).toEqual(
      refused(`Error from server (NotFound): error when deleting "nov.yaml": ${GENERIC}\n`),
    );
    expect(run('kubectl delete -f nov.yaml --ignore-not-found')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it('apply/create/replace validate it by default; with --validate=false the server is asked', () => {
    const { run } = session();
    expect(run('kubectl apply -f nov.yaml')).toEqual(
      refused(
        'error: error validating "nov.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      ),
    );
    expect(run('kubectl apply -f nov.yaml --validate=false')).toEqual(
      refused(`Error from server (NotFound): error when creating "nov.yaml": ${GENERIC}\n`),
    );
    expect(run('kubectl create -f nov.yaml --validate=ignore')).toEqual(
      refused(`Error from server (NotFound): error when creating "nov.yaml": ${GENERIC}\n`),
    );
    expect(run('kubectl replace -f nov.yaml --validate=false')).toEqual(
      refused(`Error from server (NotFound): error when replacing "nov.yaml": ${GENERIC}\n`),
    );
    expect(run('kubectl apply -f nov.yaml --validate=false --dry-run=client')).toEqual({
      out: 'configmap/noversion created (dry run)\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl create -f nov.yaml --validate=false -o name --dry-run=client')).toEqual({
      out: 'configmap/noversion\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get cm noversion -o name').code).toBe(1);
  });

  it('a kind of another group does not map in the core one', () => {
    const { run } = session();
    run("printf 'kind: Deployment\\nmetadata:\\n  name: web\\n' > dnv.yaml");
    const mapping =
      'error: resource mapping not found for name: "web" namespace: "" from "dnv.yaml": no matches for kind "Deployment" in version ""\nensure CRDs are installed first\n';
    expect(run('kubectl get -f dnv.yaml -o name')).toEqual(refused(mapping));
    expect(run('kubectl delete -f dnv.yaml')).toEqual(refused(mapping));
  });
});

describe('a Deployment without apiVersion, as the other -f commands read it (oracle, session 29)', () => {
  const NOV_DEPLOY = "printf 'kind: Deployment\\nmetadata:\\n  name: web\\n' > d.yaml";
  const deploySession = () => {
    const s = engineSession();
    s.run('kubectl create deployment web --image=nginx');
    expect(s.run(NOV_DEPLOY).code).toBe(0);
    return s;
  };
  const undecodable = `unable to decode "d.yaml": Object 'apiVersion' is missing in '{"kind":"Deployment","metadata":{"name":"web"}}'`;

  it('set, rollout and expose decode into Go types: the decoder refuses it', () => {
    const { run } = deploySession();
    for (const cmd of [
      'set image -f d.yaml nginx=nginx:1.27',
      'set env -f d.yaml A=b --local -o yaml',
      'set resources -f d.yaml --limits=cpu=200m',
      'set serviceaccount -f d.yaml sa1',
      'rollout status -f d.yaml',
      'rollout history -f d.yaml',
      'expose -f d.yaml --port=80 --dry-run=client -o yaml',
    ]) {
      expect(run(`kubectl ${cmd}`)).toEqual(refused(`error: ${undecodable}\n`));
    }
    // restart, pause and resume return the builder's aggregate: no `error: `.
    for (const verb of ['restart', 'pause', 'resume'])
      expect(run(`kubectl rollout ${verb} -f d.yaml`)).toEqual(refused(`${undecodable}\n`));
  });

  it('scale maps it in the core group and finds no Deployment there', () => {
    const { run } = deploySession();
    expect(run('kubectl scale -f d.yaml --replicas=3')).toEqual(
      refused(
        'error: no objects passed to scale resource mapping not found for name: "web" namespace: "" from "d.yaml": no matches for kind "Deployment" in version ""\nensure CRDs are installed first\n',
      ),
    );
  });

  it('label, annotate and patch --local take it as it is', () => {
    const { run } = deploySession();
    expect(run('kubectl label -f d.yaml x=y --local -o yaml')).toEqual({
      out: 'kind: Deployment\nmetadata:\n  labels:\n    x: "y"\n  name: web\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl label -f d.yaml x=y --local').out).toBe('deployment/web labeled\n');
    expect(run('kubectl annotate -f d.yaml x=y --local -o name').out).toBe('deployment/web\n');
    expect(run(`kubectl patch -f d.yaml -p '{"spec":{"replicas":3}}' --local -o yaml`)).toEqual(
      refused(
        'error: strategic merge patch is not supported for /, Kind=Deployment locally, try --type merge\n',
      ),
    );
    expect(
      run(`kubectl patch -f d.yaml --type=merge -p '{"spec":{"replicas":3}}' --local -o name`).out,
    ).toBe('deployment/web\n');
  });
});
