/**
 * `kubectl explain` as kubectl 1.32 prints it: the OpenAPI v3 plaintext template (KIND/VERSION,
 * FIELD with its ENUM, DESCRIPTION wrapped at 76 and indented by 4, FIELDS sorted with their types,
 * -required- and enum lines), --recursive, --api-version, plaintext-openapiv2, and the errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { completions } from '../completions.ts';
import { engineSession } from '../testing/engineSession.ts';
import { loadExplainSchema } from './load.ts';

beforeAll(async () => {
  await loadExplainSchema();
});

const ok = (out: string) => ({ out, err: '', code: 0 });
const fails = (err: string) => ({ out: '', err, code: 1 });

describe('kubectl explain (plaintext, OpenAPI v3)', () => {
  it('explains a kind: its description and every field with its type, wrapped as kubectl wraps', () => {
    const { run } = engineSession(3);
    const pod = `KIND:       Pod
VERSION:    v1

DESCRIPTION:
    Pod is a collection of containers that can run on a host. This resource is
    created by clients and scheduled onto hosts.
    
FIELDS:
  apiVersion\t<string>
    APIVersion defines the versioned schema of this representation of an object.
    Servers should convert recognized schemas to the latest internal value, and
    may reject unrecognized values. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

  kind\t<string>
    Kind is a string value representing the REST resource this object
    represents. Servers may infer this from the endpoint the client submits
    requests to. Cannot be updated. In CamelCase. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

  metadata\t<ObjectMeta>
    Standard object's metadata. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

  spec\t<PodSpec>
    Specification of the desired behavior of the pod. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

  status\t<PodStatus>
    Most recently observed status of the pod. This data may not be up to date.
    Populated by the system. Read-only. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status


`;
    expect(run('kubectl explain pod')).toEqual(ok(pod));
    // Short names, plurals and the kind's own name all find it.
    expect(run('kubectl explain po')).toEqual(ok(pod));
    expect(run('kubectl explain pods')).toEqual(ok(pod));
    expect(run('kubectl explain Pod')).toEqual(ok(pod));
  });

  it('explains a field of a primitive type through a list (containers is []Container)', () => {
    const { run } = engineSession(3);
    expect(run('kubectl explain pod.spec.containers.image')).toEqual(
      ok(`KIND:       Pod
VERSION:    v1

FIELD: image <string>


DESCRIPTION:
    Container image name. More info:
    https://kubernetes.io/docs/concepts/containers/images This field is optional
    to allow higher level config management to default or override container
    images in workload controllers like Deployments and StatefulSets.
    

`),
    );
  });

  it('explains a field of a named type: both descriptions, then its fields with an enum line', () => {
    const { run } = engineSession(3);
    const strategy = `GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new ones.
    DeploymentStrategy describes how to replace existing pods with new ones.
    
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    Rolling update config params. Present only if DeploymentStrategyType =
    RollingUpdate.

  type\t<string>
  enum: Recreate, RollingUpdate
    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is
    RollingUpdate.
    
    Possible enum values:
     - \`"Recreate"\` Kill all existing pods before creating new ones.
     - \`"RollingUpdate"\` Replace the old ReplicaSets by new one using rolling
    update i.e gradually scale down the old ReplicaSets and scale up the new
    one.


`;
    expect(run('kubectl explain deployment.spec.strategy')).toEqual(ok(strategy));
    expect(run('kubectl explain deploy.spec.strategy')).toEqual(ok(strategy));
    expect(run('kubectl explain deployments.apps.spec.strategy')).toEqual(ok(strategy));
    expect(run('kubectl explain deployments.spec.strategy --api-version=apps/v1')).toEqual(
      ok(strategy),
    );
  });

  it('lists an enum field’s values under ENUM and the Possible enum values in its description', () => {
    const { run } = engineSession(3);
    const type = `KIND:       Service
VERSION:    v1

FIELD: type <string>
ENUM:
    ClusterIP
    ExternalName
    LoadBalancer
    NodePort

DESCRIPTION:
    type determines how the Service is exposed. Defaults to ClusterIP. Valid
    options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP"
    allocates a cluster-internal IP address for load-balancing to endpoints.
    Endpoints are determined by the selector or if that is not specified, by
    manual construction of an Endpoints object or EndpointSlice objects. If
    clusterIP is "None", no virtual IP is allocated and the endpoints are
    published as a set of endpoints rather than a virtual IP. "NodePort" builds
    on ClusterIP and allocates a port on every node which routes to the same
    endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an
    external load-balancer (if supported in the current cloud) which routes to
    the same endpoints as the clusterIP. "ExternalName" aliases this service to
    the specified externalName. Several other fields do not apply to
    ExternalName services. More info:
    https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
    
    Possible enum values:
     - \`"ClusterIP"\` means a service will only be accessible inside the cluster,
    via the cluster IP.
     - \`"ExternalName"\` means a service consists of only a reference to an
    external name that kubedns or equivalent will return as a CNAME record, with
    no exposing or proxying of any pods involved.
     - \`"LoadBalancer"\` means a service will be exposed via an external load
    balancer (if the cloud provider supports it), in addition to 'NodePort'
    type.
     - \`"NodePort"\` means a service will be exposed on one port of every node,
    in addition to 'ClusterIP' type.
    

`;
    expect(run('kubectl explain service.spec.type')).toEqual(ok(type));
    expect(run('kubectl explain svc.spec.type')).toEqual(ok(type));
  });

  it('--recursive prints the field tree without descriptions', () => {
    const { run } = engineSession(3);
    const res = run('kubectl explain deploy --recursive');
    expect(res.code).toBe(0);
    expect(
      res.out.startsWith(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

DESCRIPTION:
    Deployment enables declarative updates for Pods and ReplicaSets.
    
FIELDS:
  apiVersion\t<string>
  kind\t<string>
  metadata\t<ObjectMeta>
    annotations\t<map[string]string>
    creationTimestamp\t<string>
    deletionGracePeriodSeconds\t<integer>
    deletionTimestamp\t<string>
    finalizers\t<[]string>
    generateName\t<string>
    generation\t<integer>
    labels\t<map[string]string>
    managedFields\t<[]ManagedFieldsEntry>
      apiVersion\t<string>
      fieldsType\t<string>
      fieldsV1\t<FieldsV1>
      manager\t<string>
      operation\t<string>
      subresource\t<string>
      time\t<string>
    name\t<string>
    namespace\t<string>
    ownerReferences\t<[]OwnerReference>
      apiVersion\t<string> -required-
      blockOwnerDeletion\t<boolean>
      controller\t<boolean>
      kind\t<string> -required-
      name\t<string> -required-
      uid\t<string> -required-
    resourceVersion\t<string>
    selfLink\t<string>
    uid\t<string>
  spec\t<DeploymentSpec>
    minReadySeconds\t<integer>
    paused\t<boolean>
    progressDeadlineSeconds\t<integer>
    replicas\t<integer>
    revisionHistoryLimit\t<integer>
    selector\t<LabelSelector> -required-
      matchExpressions\t<[]LabelSelectorRequirement>
        key\t<string> -required-
        operator\t<string> -required-
        values\t<[]string>
      matchLabels\t<map[string]string>
    strategy\t<DeploymentStrategy>
      rollingUpdate\t<RollingUpdateDeployment>
        maxSurge\t<IntOrString>
        maxUnavailable\t<IntOrString>
      type\t<string>
      enum: Recreate, RollingUpdate
    template\t<PodTemplateSpec> -required-
      metadata\t<ObjectMeta>
        annotations\t<map[string]string>
        creationTimestamp\t<string>
        deletionGracePeriodSeconds\t<integer>
`),
    ).toBe(true);
    // The whole pod template is there, nested under spec.template.spec.
    expect(res.out).toContain(
      '\n        containers\t<[]Container> -required-\n          args\t<[]string>\n',
    );
    expect(res.out).toContain(
      '\n          imagePullPolicy\t<string>\n          enum: Always, IfNotPresent, Never\n',
    );
    expect(res.out.endsWith('\n\n')).toBe(true);
  });

  it('--api-version picks another served version of the resource', () => {
    const { run } = engineSession(3);
    const v1 = run('kubectl explain hpa.spec --api-version=autoscaling/v1');
    expect(v1.out).toContain(
      'GROUP:      autoscaling\nKIND:       HorizontalPodAutoscaler\nVERSION:    v1\n',
    );
    expect(v1.out).toContain('\n  targetCPUUtilizationPercentage\t<integer>\n');
    const v2 = run('kubectl explain hpa.spec');
    expect(v2.out).toContain('VERSION:    v2\n');
    expect(v2.out).toContain('\n  metrics\t<[]MetricSpec>\n');
  });

  it('--api-version names the group of the resource too (events of events.k8s.io)', () => {
    const { run } = engineSession(3);
    expect(run('kubectl explain ev.note --api-version=events.k8s.io/v1')).toEqual({
      code: 0,
      // Both groups call events `ev`: the mapper takes the core one and says so.
      err: 'Warning: short name "ev" could also match lower priority resource events.events.k8s.io\n',
      out: `GROUP:      events.k8s.io
KIND:       Event
VERSION:    v1

FIELD: note <string>


DESCRIPTION:
    note is a human-readable description of the status of this operation.
    Maximal length of the note is 1kB, but libraries should be prepared to
    handle values up to 64kB.
    

`,
    });
    expect(run('kubectl explain ev.note').err).toBe(
      'Warning: short name "ev" could also match lower priority resource events.events.k8s.io\nerror: field "note" does not exist\n',
    );
  });

  it('explains types the console serves empty, like CustomResourceDefinition', () => {
    const { run } = engineSession(3);
    const res = run('kubectl explain crd.spec.versions.schema.openAPIV3Schema');
    expect(res.out).toContain(
      '\nFIELD: openAPIV3Schema <JSONSchemaProps>\n\n\nDESCRIPTION:\n    openAPIV3Schema is the OpenAPI v3 schema to use for validation and pruning.\n    JSONSchemaProps is a JSON-Schema following Specification Draft 4\n    (http://json-schema.org/).\n    \nFIELDS:\n  $ref\t<string>\n    <no description>\n\n',
    );
    expect(res.out).toContain('\n  items\t<JSONSchemaPropsOrArray>\n');
    expect(res.out).toContain('\n  properties\t<map[string]JSONSchemaProps>\n');
    // Its schema refers to itself: --recursive stops where a type repeats on the path.
    const tree = run('kubectl explain crd.spec.versions.schema --recursive');
    expect(tree.code).toBe(0);
    expect(tree.out).toContain(
      '\n  openAPIV3Schema\t<JSONSchemaProps>\n    $ref\t<string>\n    $schema\t<string>\n    additionalItems\t<JSONSchemaPropsOrBool>\n    additionalProperties\t<JSONSchemaPropsOrBool>\n    allOf\t<[]JSONSchemaProps>\n    anyOf\t<[]JSONSchemaProps>\n',
    );
  });

  it('answers kubectl’s errors and leaves the cluster as it was', () => {
    const { run } = engineSession(3);
    // The mapper's no-match error, printed by CheckErr without `error:`.
    expect(run('kubectl explain foo')).toEqual(
      fails('the server doesn\'t have a resource type "foo"\n'),
    );
    // The template has written the KIND and VERSION lines when it finds the field missing.
    const podHeader = 'KIND:       Pod\nVERSION:    v1\n\n';
    const missing = (field: string) => ({
      out: podHeader,
      err: `error: field "${field}" does not exist\n`,
      code: 1,
    });
    expect(run('kubectl explain pod.spec.foo')).toEqual(missing('foo'));
    // The template names the last field of the path, whichever one was missing.
    expect(run('kubectl explain pod.spec.foo.bar')).toEqual(missing('bar'));
    // Field names are case-sensitive (resource names are not).
    expect(run('kubectl explain pod.spec.RestartPolicy')).toEqual(missing('RestartPolicy'));
    expect(run('kubectl explain')).toEqual(
      fails(
        'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      ),
    );
    expect(run('kubectl explain pods svc')).toEqual(
      fails('error: We accept only this format: explain RESOURCE\n'),
    );
    expect(run('kubectl explain deployments --api-version=apps/v2')).toEqual(
      fails('error: couldn\'t find resource for "apps/v2, Resource=deployments"\n'),
    );
    expect(run('kubectl explain deployments --api-version=v1')).toEqual(
      fails('error: GVR (/v1, Resource=deployments) not found in OpenAPI schema\n'),
    );
    expect(run('kubectl explain pods --output=yaml')).toEqual(
      fails('error: unrecognized format: yaml\n'),
    );
    // `-o` abbreviates --output since 1.32 (kubernetes#127869).
    expect(run('kubectl explain pods -o yaml')).toEqual(
      fails('error: unrecognized format: yaml\n'),
    );
    // A type a real cluster serves whose documentation this console does not ship.
    expect(run('kubectl explain apiservices')).toEqual(
      fails(
        'error: the API documentation of apiservices.apiregistration.k8s.io is not available in this console\n',
      ),
    );
    expect(run('kubectl get ns -o name').out).toBe(
      'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
    );
  });
});

describe('kubectl explain --output=plaintext-openapiv2', () => {
  it('prints the layout of kubectl before 1.27', () => {
    const { run } = engineSession(3);
    expect(run('kubectl explain po.spec.restartPolicy --output=plaintext-openapiv2')).toEqual(
      ok(`KIND:     Pod
VERSION:  v1

FIELD:    restartPolicy <string>

DESCRIPTION:
     Restart policy for all containers within the pod. One of Always, OnFailure,
     Never. In some contexts, only a subset of those values may be permitted.
     Default to Always. More info:
     https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy

     Possible enum values:
     - \`"Always"\`
     - \`"Never"\`
     - \`"OnFailure"\`
`),
    );
    const spec = run('kubectl explain svc.spec --output=plaintext-openapiv2');
    expect(
      spec.out.startsWith(`KIND:     Service
VERSION:  v1

RESOURCE: spec <Object>

DESCRIPTION:
     Spec defines the behavior of a service.
     https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

     ServiceSpec describes the attributes that a user creates on a service.

FIELDS:
   allocateLoadBalancerNodePorts\t<boolean>
     allocateLoadBalancerNodePorts defines if NodePorts will be automatically
     allocated for services with type LoadBalancer. Default is "true". It may be
     set to "false" if the cluster load-balancer does not rely on NodePorts. If
     the caller requests specific NodePorts (by specifying a value), those
     requests will be respected, regardless of this field. This field may only
     be set for services with type LoadBalancer and will be cleared if the type
     is changed to any other type.

   clusterIP\t<string>
`),
    ).toBe(true);
  });

  it('fails on a missing field with the field that is missing', () => {
    const { run } = engineSession(3);
    expect(run('kubectl explain pod.spec.foo.bar --output=plaintext-openapiv2')).toEqual(
      fails('error: field "foo" does not exist\n'),
    );
  });
});

describe('kubectl explain: how the argument names a resource and a field path', () => {
  // Each expectation is what a real kubectl 1.32.5 printed against the same cluster (oracle).
  const header = (kind: string, group = '') =>
    `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${kind}\nVERSION:    v1\n\n`;
  const missing = (out: string, field: string) => ({
    out,
    err: `error: field "${field}" does not exist\n`,
    code: 1,
  });

  it('takes the path after `resource.group` only when the input begins with it', () => {
    const { run } = engineSession(3);
    const spec = run('kubectl explain deployments.apps.spec');
    expect(spec.code).toBe(0);
    expect(
      spec.out.startsWith(`${header('Deployment', 'apps')}FIELD: spec <DeploymentSpec>\n`),
    ).toBe(true);
    // `deployments.v1.apps` does not begin with `deployments.apps`: v1 and apps are fields.
    expect(run('kubectl explain deployments.v1.apps')).toEqual(
      missing(header('Deployment', 'apps'), 'apps'),
    );
    expect(run('kubectl explain pods.v1')).toEqual(missing(header('Pod'), 'v1'));
    // `events` is core's first: the rest of `events.events.k8s.io` is a field path of core Event.
    expect(run('kubectl explain events.events.k8s.io')).toEqual(missing(header('Event'), 'io'));
    // With --api-version the first dot ends the resource name.
    expect(run('kubectl explain deployments.apps.spec --api-version=apps/v1')).toEqual(
      missing(header('Deployment', 'apps'), 'spec'),
    );
  });

  it('parses the argument as a JSONPath: only field nodes make a path', () => {
    const { run } = engineSession(3);
    expect(run('kubectl explain .spec')).toEqual(
      fails('error: invalid jsonpath syntax, first node must be field node\n'),
    );
    expect(run("kubectl explain 'pods[0]'")).toEqual(
      fails('error: invalid jsonpath syntax, first node must be field node\n'),
    );
    expect(run("kubectl explain 'pods.spec.containers[*]' --api-version=v1")).toEqual(
      fails('error: invalid jsonpath syntax, all nodes must be field nodes\n'),
    );
    expect(run("kubectl explain '{.spec}'")).toEqual(
      fails("error: unrecognized character in action: U+007B '{'\n"),
    );
    expect(run("kubectl explain 'pods.spec}x'")).toEqual(
      fails('error: must pass in 1 jsonpath string\n'),
    );
    expect(run("kubectl explain '.'")).toEqual(
      fails('error: a resource must be present, got: /, Resource=\n'),
    );
    // `..` is a recursive descent the suffix's parse skips: pods..spec is pods.spec.
    const spec = run('kubectl explain pods..spec');
    expect(spec.code).toBe(0);
    expect(spec.out.startsWith(`${header('Pod')}FIELD: spec <PodSpec>\n`)).toBe(true);
    // A trailing dot is dropped.
    expect(run('kubectl explain pods.').out).toBe(run('kubectl explain pods').out);
  });

  it('expands a short name to the first group that has it, warning about the others', () => {
    const { run } = engineSession(3);
    const ev = run('kubectl explain ev');
    expect(ev.err).toBe(
      'Warning: short name "ev" could also match lower priority resource events.events.k8s.io\n',
    );
    expect(ev.out.startsWith(header('Event'))).toBe(true);
    // Short names are matched as typed; plural and singular names in lower case.
    expect(run('kubectl explain PO')).toEqual(
      fails('the server doesn\'t have a resource type "PO"\n'),
    );
    expect(run('kubectl explain Pods.spec').out.startsWith(`${header('Pod')}FIELD: spec`)).toBe(
      true,
    );
  });
});

describe('kubectl explain completion', () => {
  it('completes resource types, then the fields under the path typed so far', () => {
    const { host } = engineSession(3);
    expect(completions(host, 'kubectl explain dep').items).toEqual(['deploy', 'deployments']);
    expect(completions(host, 'kubectl explain deploy.spec.str')).toEqual({
      from: 16,
      items: ['deploy.spec.strategy'],
    });
    expect(completions(host, 'kubectl explain pod.spec.containers.ima').items).toEqual([
      'pod.spec.containers.image',
      'pod.spec.containers.imagePullPolicy',
    ]);
    expect(completions(host, 'kubectl explain pod.metadata.labels.').items).toEqual([]);
    expect(completions(host, 'kubectl explain nothing.sp').items).toEqual([]);
  });
});

describe('the explain data', () => {
  it('is what scripts/gen-explain.mjs makes of the installed kubernetes-types', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/gen-explain.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
