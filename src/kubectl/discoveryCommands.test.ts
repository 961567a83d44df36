/**
 * The commands that describe the cluster and the client rather than objects: `config view
 * --raw`, `version -o json|yaml`, `cluster-info dump`, `api-resources --sort-by`, and `get -w`.
 */
import { describe, expect, it } from 'vitest';
import { watchStoppedNote } from './commands/getWatch.ts';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl config view', () => {
  it('--raw and --flatten print the credentials; plain view omits them', () => {
    const { run } = engineSession(3);
    const path = `-o jsonpath='{.clusters[0].cluster.certificate-authority-data} {.users[0].user.client-certificate-data} {.users[0].user.client-key-data}'`;
    expect(run(`kubectl config view ${path}`).out).toBe('DATA+OMITTED DATA+OMITTED DATA+OMITTED');
    const raw = run(`kubectl config view --raw ${path}`).out.split(' ');
    expect(raw.map((d) => atob(d).split('\n')[0])).toEqual([
      '-----BEGIN CERTIFICATE-----',
      '-----BEGIN CERTIFICATE-----',
      '-----BEGIN RSA PRIVATE KEY-----',
    ]);
    // The CA is the cluster's own, the one every namespace's kube-root-ca.crt holds.
    expect(atob(raw[0] ?? '')).toBe(
      run(`kubectl get cm kube-root-ca.crt -o jsonpath='{.data.ca\\.crt}'`).out,
    );
    expect(run(`kubectl config view --flatten --minify ${path}`).out).toBe(raw.join(' '));
  });
});

describe('kubectl version -o', () => {
  it('json is indented by two spaces; yaml ends with a blank line', () => {
    const { run } = engineSession(3);
    expect(run('kubectl version --client -o json').out).toBe(`{
  "clientVersion": {
    "major": "1",
    "minor": "32",
    "gitVersion": "v1.32.5",
    "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",
    "gitTreeState": "clean",
    "buildDate": "2025-05-15T09:12:10Z",
    "goVersion": "go1.23.8",
    "compiler": "gc",
    "platform": "linux/amd64"
  },
  "kustomizeVersion": "v5.5.0"
}
`);
    expect(run('kubectl version --client -o yaml').out).toMatch(
      /^clientVersion:\n {2}buildDate: "2025-05-15T09:12:10Z"\n[\s\S]*\nkustomizeVersion: v5\.5\.0\n\n$/,
    );
  });
});

describe('kubectl cluster-info dump', () => {
  it('is its own subcommand, not the cluster-info banner again (clusterInfoDump.test.ts)', () => {
    const { run } = engineSession(3);
    const r = run('kubectl cluster-info dump');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\{\n {4}"kind": "NodeList",\n/);
  });
});

describe('kubectl api-resources', () => {
  it('--sort-by name|kind, and CATEGORIES as upstream gives them', () => {
    const { run } = engineSession(3);
    const names = (line: string) =>
      run(line)
        .out.split('\n')
        .slice(1, -1)
        .map((l) => l.split(/ +/)[0]);
    const byName = names('kubectl api-resources --sort-by=name');
    expect(byName).toEqual([...byName].sort());
    // strings.Compare on Kind: byte order, so CSIDriver before CertificateSigningRequest.
    expect(names('kubectl api-resources --sort-by=kind').slice(0, 5)).toEqual([
      'apiservices',
      'bindings',
      'csidrivers',
      'csinodes',
      'csistoragecapacities',
    ]);
    expect(run('kubectl api-resources --sort-by=age').err).toBe(
      'error: --sort-by accepts only name or kind\n',
    );
    // The header is printed before the rows, even when a filter leaves none.
    expect(run('kubectl api-resources --api-group=nope')).toEqual({
      out: 'NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl api-resources --api-group=nope -o name').out).toBe('');
    const all = run('kubectl api-resources -o wide --no-headers')
      .out.split('\n')
      .filter((l) => l.endsWith(' all'))
      .map((l) => l.split(/ +/)[0]);
    expect(all.sort()).toEqual([
      'cronjobs',
      'daemonsets',
      'deployments',
      'horizontalpodautoscalers',
      'jobs',
      'pods',
      'replicasets',
      'replicationcontrollers',
      'services',
      'statefulsets',
    ]);
  });
});

describe('kubectl api-resources -o wide and --categories (as a real kubectl 1.32.5 prints them)', () => {
  it('joins the verbs with commas in the VERBS column', () => {
    const { run } = engineSession(3);
    expect(run('kubectl api-resources --api-group=rbac.authorization.k8s.io -o wide')).toEqual({
      out: `NAME                  SHORTNAMES   APIVERSION                     NAMESPACED   KIND                 VERBS                                                        CATEGORIES
clusterrolebindings                rbac.authorization.k8s.io/v1   false        ClusterRoleBinding   create,delete,deletecollection,get,list,patch,update,watch   
clusterroles                       rbac.authorization.k8s.io/v1   false        ClusterRole          create,delete,deletecollection,get,list,patch,update,watch   
rolebindings                       rbac.authorization.k8s.io/v1   true         RoleBinding          create,delete,deletecollection,get,list,patch,update,watch   
roles                              rbac.authorization.k8s.io/v1   true         Role                 create,delete,deletecollection,get,list,patch,update,watch   
`,
      err: '',
      code: 0,
    });
    const core = run('kubectl api-resources -o wide --no-headers --api-group=').out.split('\n');
    expect(core[0]).toMatch(/^bindings +v1 +true +Binding +create +$/);
    expect(core[1]).toMatch(/^componentstatuses +cs +v1 +false +ComponentStatus +get,list +$/);
  });

  it('--categories keeps the types in every category named', () => {
    const { run } = engineSession(3);
    expect(run('kubectl api-resources --categories=all -o name').out).toBe(
      'pods\nreplicationcontrollers\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\nhorizontalpodautoscalers.autoscaling\ncronjobs.batch\njobs.batch\n',
    );
    expect(run('kubectl api-resources --categories=api-extensions').out).toBe(
      `NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND
mutatingwebhookconfigurations                    admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration
validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy
validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding
validatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration
customresourcedefinitions           crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition
apiservices                                      apiregistration.k8s.io/v1         false        APIService
`,
    );
    expect(run('kubectl api-resources --categories=nothing').out).toBe(
      'NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n',
    );
    expect(run('kubectl api-resources --categories=all,api-extensions -o name').out).toBe('');
  });
});

describe('kubectl get -w', () => {
  it('an empty list is no "No resources found"; --watch-only prints no current state', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get pods -w')).toEqual({ out: '', err: watchStoppedNote(), code: 0 });
    run('kubectl run web --image=nginx');
    expect(run('kubectl get pods --watch-only')).toEqual({
      out: '',
      err: watchStoppedNote(),
      code: 0,
    });
  });
});

describe('kubectl get --raw', () => {
  it('answers the health endpoints with ok (no newline) and /version with the server version', () => {
    const { run } = engineSession(3);
    for (const path of ['/healthz', '/livez', '/readyz']) {
      expect(run(`kubectl get --raw ${path}`), path).toEqual({ out: 'ok', err: '', code: 0 });
    }
    const version = run('kubectl get --raw /version');
    expect(version.code).toBe(0);
    expect(version.out.endsWith('}')).toBe(true);
    expect(JSON.parse(version.out)).toMatchObject({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.2',
      platform: 'linux/amd64',
    });
    expect(version.out.split('\n')[1]).toBe('  "major": "1",');
    expect(run('kubectl get --raw /nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): the server could not find the requested resource\n',
      code: 1,
    });
    expect(run('kubectl get --raw /healthz pods')).toEqual({
      out: '',
      err: 'error: arguments may not be passed when --raw is specified\n',
      code: 1,
    });
  });
});
