/**
 * The NetworkPolicy evaluator against the rules of networking.k8s.io/v1 (the Kubernetes docs'
 * "Network Policies" page and the API reference), one rule at a time.
 */
import { describe, expect, it } from 'vitest';
import {
  connectionAllowed,
  inCidr,
  isolatingPolicies,
  type NetworkPolicyLike,
  type PolicyPod,
  type PolicyWorld,
} from './networkPolicy.ts';

const NAMESPACES: Record<string, Record<string, string>> = {
  default: {},
  prod: { env: 'prod' },
  dev: { env: 'dev' },
};

function world(...policies: NetworkPolicyLike[]): PolicyWorld {
  return { policies, namespaceLabels: (ns) => NAMESPACES[ns] };
}

function pod(
  name: string,
  ip: string,
  labels: Record<string, string> = {},
  namespace = 'default',
  extra: Partial<PolicyPod> = {},
): PolicyPod {
  return { name, ip, labels, namespace, ...extra };
}

const web = pod('web', '10.244.1.2', { app: 'web' }, 'default', {
  ports: [
    { name: 'http', containerPort: 80 },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ],
});
const client = pod('client', '10.244.2.2', { role: 'client' });
const other = pod('other', '10.244.2.3');
const prodClient = pod('prod-client', '10.244.3.2', { role: 'client' }, 'prod');
const devPod = pod('dev-pod', '10.244.3.3', {}, 'dev');
const node = { ip: '172.18.0.3' };

/** A policy on app=web pods in default. */
function onWeb(spec: NetworkPolicyLike['spec']): NetworkPolicyLike {
  return {
    metadata: { namespace: 'default', name: 'p' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, ...spec },
  };
}

describe('isolation', () => {
  it('without a policy selecting the pod, everything gets through', () => {
    const w = world(onWeb({ policyTypes: ['Ingress'] }));
    expect(connectionAllowed(w, web, client, 80)).toBe(true);
    expect(connectionAllowed(world(), client, web, 80)).toBe(true);
  });

  it('a policy with no ingress rules isolates its pods and allows nothing in', () => {
    const w = world(onWeb({ policyTypes: ['Ingress'] }));
    expect(connectionAllowed(w, client, web, 80)).toBe(false);
    expect(connectionAllowed(w, node, web, 80)).toBe(false);
  });

  it('policyTypes default: Ingress, plus Egress when the policy has egress rules', () => {
    const ingressOnly = world(onWeb({ egress: [] }));
    expect(isolatingPolicies(ingressOnly, web, 'Egress')).toEqual([]);
    expect(isolatingPolicies(ingressOnly, web, 'Ingress')).toHaveLength(1);
    const both = world(onWeb({ egress: [{ to: [{ podSelector: {} }] }] }));
    expect(isolatingPolicies(both, web, 'Egress')).toHaveLength(1);
    expect(connectionAllowed(both, client, web, 80)).toBe(false);
  });

  it('a policy selects pods of its own namespace only', () => {
    const w = world({
      metadata: { namespace: 'prod', name: 'deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    expect(connectionAllowed(w, client, web, 80)).toBe(true);
    expect(connectionAllowed(w, client, prodClient, 80)).toBe(false);
  });

  it('rules of every policy selecting a pod add up', () => {
    const w = world(
      onWeb({ ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] }),
      onWeb({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }] }] }),
    );
    expect(connectionAllowed(w, client, web, 80)).toBe(true);
    expect(connectionAllowed(w, devPod, web, 80)).toBe(true);
    expect(connectionAllowed(w, other, web, 80)).toBe(false);
  });

  it('an empty rule allows everyone on every port; a pod reaches itself whatever the rules', () => {
    expect(connectionAllowed(world(onWeb({ ingress: [{}] })), node, web, 9999, 'UDP')).toBe(true);
    expect(connectionAllowed(world(onWeb({ policyTypes: ['Ingress'] })), web, web, 80)).toBe(true);
  });
});

describe('peers', () => {
  it('podSelector matches pods of the policy namespace; matchExpressions work', () => {
    const w = world(
      onWeb({
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [{ key: 'role', operator: 'In', values: ['client'] }],
                },
              },
            ],
          },
        ],
      }),
    );
    expect(connectionAllowed(w, client, web, 80)).toBe(true);
    expect(connectionAllowed(w, prodClient, web, 80)).toBe(false);
    expect(connectionAllowed(w, other, web, 80)).toBe(false);
  });

  it('namespaceSelector matches the namespace labels, kubernetes.io/metadata.name included', () => {
    const w = world(
      onWeb({
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } },
            ],
          },
        ],
      }),
    );
    expect(connectionAllowed(w, prodClient, web, 80)).toBe(true);
    expect(connectionAllowed(w, devPod, web, 80)).toBe(false);
    expect(connectionAllowed(w, client, web, 80)).toBe(false);
  });

  it('both selectors in one peer are ANDed, in two peers ORed', () => {
    const ns = { namespaceSelector: { matchLabels: { env: 'prod' } } };
    const ps = { podSelector: { matchLabels: { role: 'client' } } };
    const and = world(onWeb({ ingress: [{ from: [{ ...ns, ...ps }] }] }));
    const or = world(onWeb({ ingress: [{ from: [ns, ps] }] }));
    const prodOther = pod('prod-other', '10.244.3.9', {}, 'prod');
    expect([prodClient, prodOther, client].map((p) => connectionAllowed(and, p, web, 80))).toEqual([
      true,
      false,
      false,
    ]);
    expect([prodClient, prodOther, client].map((p) => connectionAllowed(or, p, web, 80))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('ipBlock matches any address in its CIDR but the excepted ones, nodes included', () => {
    const w = world(
      onWeb({
        ingress: [{ from: [{ ipBlock: { cidr: '172.18.0.0/16', except: ['172.18.0.4/32'] } }] }],
      }),
    );
    expect(connectionAllowed(w, node, web, 80)).toBe(true);
    expect(connectionAllowed(w, { ip: '172.18.0.4' }, web, 80)).toBe(false);
    expect(connectionAllowed(w, client, web, 80)).toBe(false);
  });

  it('a node or host-network pod is no pod to selectors: only an ipBlock admits it', () => {
    const hostPod = pod('kube-proxy', '172.18.0.3', { role: 'client' }, 'default', {
      hostNetwork: true,
    });
    const w = world(onWeb({ ingress: [{ from: [{ podSelector: {} }] }] }));
    expect(connectionAllowed(w, client, web, 80)).toBe(true);
    expect(connectionAllowed(w, hostPod, web, 80)).toBe(false);
    expect(connectionAllowed(w, node, web, 80)).toBe(false);
    // Nor do policies whose selector matches its labels isolate it, either way.
    const deny = (type: string) =>
      world({
        metadata: { namespace: 'default', name: 'd' },
        spec: { podSelector: {}, policyTypes: [type] },
      });
    expect(connectionAllowed(deny('Ingress'), client, hostPod, 80)).toBe(true);
    expect(connectionAllowed(deny('Ingress'), client, other, 80)).toBe(false);
    expect(connectionAllowed(deny('Egress'), hostPod, web, 80)).toBe(true);
    expect(connectionAllowed(deny('Egress'), client, web, 80)).toBe(false);
  });

  it("traffic with the pod's own node is always allowed, both ways", () => {
    const onNode1 = { ...web, hostIP: '172.18.0.3' };
    const deny = world(onWeb({ policyTypes: ['Ingress', 'Egress'] }));
    expect(connectionAllowed(deny, node, onNode1, 80)).toBe(true);
    expect(connectionAllowed(deny, onNode1, node, 10250)).toBe(true);
    expect(connectionAllowed(deny, { ip: '172.18.0.4' }, onNode1, 80)).toBe(false);
    expect(connectionAllowed(deny, onNode1, { ip: '172.18.0.4' }, 10250)).toBe(false);
  });

  it('CIDR arithmetic', () => {
    expect(inCidr('10.244.1.2', '10.244.0.0/16')).toBe(true);
    expect(inCidr('10.245.1.2', '10.244.0.0/16')).toBe(false);
    expect(inCidr('192.0.2.42', '0.0.0.0/0')).toBe(true);
    expect(inCidr('10.0.0.1', '10.0.0.1/32')).toBe(true);
    expect(inCidr('10.0.0.1', 'fd00::/8')).toBe(false);
  });
});

describe('ports', () => {
  const allow = (
    ports: NonNullable<NonNullable<NetworkPolicyLike['spec']>['ingress']>[number]['ports'],
  ) => world(onWeb({ ingress: [{ ports }] }));

  it('protocol defaults to TCP; a port without a number is every port of its protocol', () => {
    expect(connectionAllowed(allow([{ port: 80 }]), client, web, 80)).toBe(true);
    expect(connectionAllowed(allow([{ port: 80 }]), client, web, 80, 'UDP')).toBe(false);
    expect(connectionAllowed(allow([{ protocol: 'UDP' }]), client, web, 5353, 'UDP')).toBe(true);
    expect(connectionAllowed(allow([{ protocol: 'UDP' }]), client, web, 80)).toBe(false);
    expect(connectionAllowed(allow([{ protocol: 'SCTP', port: 80 }]), client, web, 80)).toBe(false);
  });

  it('endPort makes a range, both ends included', () => {
    const w = allow([{ port: 32000, endPort: 32768 }]);
    expect([31999, 32000, 32768, 32769].map((p) => connectionAllowed(w, client, web, p))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it("a named port is the destination container's port of that name and protocol", () => {
    expect(connectionAllowed(allow([{ port: 'http' }]), client, web, 80)).toBe(true);
    expect(connectionAllowed(allow([{ port: 'http' }]), client, web, 8080)).toBe(false);
    expect(connectionAllowed(allow([{ port: 'dns' }]), client, web, 53, 'UDP')).toBe(false);
    expect(
      connectionAllowed(allow([{ protocol: 'UDP', port: 'dns' }]), client, web, 53, 'UDP'),
    ).toBe(true);
  });

  it('egress named ports resolve at the destination pod; an address outside has none', () => {
    const w = world({
      metadata: { namespace: 'default', name: 'e' },
      spec: {
        podSelector: { matchLabels: { role: 'client' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'http' }] }],
      },
    });
    expect(connectionAllowed(w, client, web, 80)).toBe(true);
    expect(connectionAllowed(w, client, { ip: '192.0.2.42' }, 80)).toBe(false);
    expect(connectionAllowed(w, other, { ip: '192.0.2.42' }, 80)).toBe(true);
  });
});
